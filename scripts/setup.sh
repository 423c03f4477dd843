#!/usr/bin/env bash
# Prepare this checkout: system packages, a virtual environment in .venv, the project installed
# into it. Safe to run again: it only does what is missing.
#   scripts/setup.sh lab    Graphviz + the Jupyter side (what the tutorial needs)
#   scripts/setup.sh lite   the above + npm and the JupyterLite site builder (scripts/lite.sh)
#   scripts/setup.sh test   all of the above + Chromium and the test tools
set -euo pipefail
mode=${1:-lab}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
# the JupyterLite site's build fetches Pyodide and viz.js from the npm registry
[ "$mode" != lab ] && ! command -v npm >/dev/null 2>&1 && need_apt+=(npm)
if [ "$mode" = test ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  # the browser tests' screenshots: the exercises' ✅/❌ need a colour emoji font
  command -v dpkg >/dev/null && ! dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 \
    && need_apt+=(fonts-noto-color-emoji)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: please install these system packages, then run me again: ${need_apt[*]}" >&2
    echo "setup: (Debian/Ubuntu: apt-get install ${need_apt[*]}; macOS: brew install graphviz node)" >&2
    exit 1
  fi
  if command -v apt-get >/dev/null; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
  elif command -v brew >/dev/null; then
    brew install graphviz
    [ "$mode" = lab ] || command -v npm >/dev/null || brew install node
  else
    echo "setup: no apt-get or brew here; install: ${need_apt[*]}" >&2; exit 1
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=$mode; [ "$mode" = test ] && extra=dev
stamp=".venv/.installed-$extra"
fresh() { [ -f "$1" ] && [ ! pyproject.toml -nt "$1" ]; }
# [dev] includes [lite], which includes [lab]: a checkout set up for the tests is set up for the rest
if ! fresh "$stamp" && ! { [ "$extra" != dev ] && fresh .venv/.installed-dev; } \
   && ! { [ "$extra" = lab ] && fresh .venv/.installed-lite; }; then
  echo "setup: installing Python packages ([$extra]) into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extra]"
  touch "$stamp"
fi
