#!/usr/bin/env bash
# Open the tutorial in JupyterLab (sets everything up on first use).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" lab
cd "$root"
exec .venv/bin/jupyter lab notebooks/00_start_here.ipynb "$@"
