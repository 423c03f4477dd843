#!/usr/bin/env bash
# Build the lab as a JupyterLite site in _site/ and serve it on 127.0.0.1: Python runs in each
# learner's browser, so the site can be hosted wherever static files go (INSTRUCTORS.md says how).
# The build is clean every time; downloads (PyPI, npm) are cached in .lite-cache/.
#   scripts/lite.sh                 build, then serve on http://127.0.0.1:8000/
#   scripts/lite.sh --port 9000     build, then serve on another port
#   scripts/lite.sh --build-only    build and stop (CI, publishing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" lab
cd "$root"

if ! command -v npm >/dev/null 2>&1; then  # Pyodide and viz.js come from the npm registry
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "lite: installing npm"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm
  else
    echo "lite: npm is needed to fetch Pyodide (Debian/Ubuntu: sudo apt-get install npm;" \
         "macOS: brew install node)" >&2
    exit 1
  fi
fi
stamp=.venv/.installed-lite
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "lite: installing the site builder ([lite]) into .venv"
  .venv/bin/python -m pip install -q -e ".[lite]"
  touch "$stamp"
fi

.venv/bin/python scripts/build_lite.py build
if [ "${1:-}" = --build-only ]; then
  exit 0
fi
exec .venv/bin/python scripts/build_lite.py serve "$@"
