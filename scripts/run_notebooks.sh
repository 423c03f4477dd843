#!/usr/bin/env bash
# Regenerate the tutorial's committed outputs: run each notebook top to bottom in a fresh kernel and
# save it in place. Run it after changing a notebook, or anything in ec2sim or widgets that the
# notebooks display; then `git diff notebooks/` shows exactly what a learner will see differently.
#   scripts/run_notebooks.sh                                  every notebook
#   scripts/run_notebooks.sh notebooks/03_elastic_ips.ipynb   only these
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -gt 0 ] || set -- notebooks/[0-9][0-9]*_*.ipynb
.venv/bin/jupyter nbconvert --to notebook --execute --inplace \
  --ExecutePreprocessor.record_timing=False \
  --ExecutePreprocessor.store_widget_state=False \
  --ExecutePreprocessor.timeout=120 "$@"
rm -f notebooks/my-lab.json  # written by 00_start_here's save/load demonstration

# A widget's output names its model by a random ID; the model itself is not saved (it only lives
# in a running kernel), so name it after the notebook and cell instead: a rerun that changes
# nothing then leaves git clean.
.venv/bin/python - "$@" <<'PY'
import hashlib
import sys

import nbformat

for path in sys.argv[1:]:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for n, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                seed = f"{path}:{cell.get('id')}:{n}".encode()
                view["model_id"] = hashlib.md5(seed).hexdigest()
    nbformat.write(notebook, path)
PY
