"""The tutorial notebooks, run top to bottom in a fresh kernel, give their committed outputs.

nbval runs in its own pytest process (it needs ``--nbval`` and its own collection of
``notebooks/``); this test starts it and fails, showing nbval's report, when any cell errors or its
output differs from the committed one. Regenerate the outputs with ``scripts/run_notebooks.sh``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CURRICULUM = ["00_start_here", "01_how_multiple_ips_work", "02_secondary_ipv4", "03_elastic_ips",
              "04_multiple_ipv6", "05_prefix_delegation", "06_moving_interfaces", "07_challenges"]


def test_every_notebook_runs_and_matches_its_committed_outputs():
    found = {path.stem for path in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(CURRICULUM) <= found, f"missing: {sorted(set(CURRICULUM) - found)}"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "notebooks/", "--nbval-current-env",
         "--nbval-sanitize-with", "notebooks/nbval_sanitize.cfg", "-p", "no:cacheprovider",
         "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"nbval failed:\n{done.stdout}\n{done.stderr}"
