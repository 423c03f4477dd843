#!/usr/bin/env bash
# Open the tutorial in JupyterLab (sets everything up on first use). Extra arguments go to
# JupyterLab. As root (a container, a CI runner) it adds --allow-root, which JupyterLab needs there.
#   LAB_DRY_RUN=1 scripts/lab.sh   set up, print the command it would run, and start nothing
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" lab
cd "$root"
command=(.venv/bin/jupyter lab notebooks/00_start_here.ipynb)
if [ "$(id -u)" = 0 ] && [[ " $* " != *" --allow-root "* ]]; then
  echo "lab: running as root, so adding --allow-root (JupyterLab refuses root without it)"
  command+=(--allow-root)
fi
command+=("$@")
echo "lab: ${command[*]}"
[ -z "${LAB_DRY_RUN:-}" ] || exit 0
exec "${command[@]}"
