#!/usr/bin/env bash
# Build the lab as a JupyterLite site in _site/ and serve it on 127.0.0.1: Python runs in each
# learner's browser, so the site can be hosted wherever static files go (INSTRUCTORS.md says how).
# The build is clean every time; downloads (PyPI, npm) are cached in .lite-cache/.
#   scripts/lite.sh                 build, then serve on http://127.0.0.1:8000/
#   scripts/lite.sh --port 9000     build, then serve on another port
#   scripts/lite.sh --build-only    build and stop (CI, publishing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" lite  # npm (Pyodide and viz.js come from its registry), the builder
cd "$root"

.venv/bin/python scripts/build_lite.py build
if [ "${1:-}" = --build-only ]; then
  exit 0
fi
exec .venv/bin/python scripts/build_lite.py serve "$@"
