"""The tutorial notebooks, run top to bottom in a fresh kernel, give their committed outputs.

nbval runs in its own pytest process (it needs ``--nbval`` and its own collection of
``notebooks/``); this test starts it and fails, showing nbval's report, when any cell errors or its
output differs from the committed one. Regenerate the outputs with ``scripts/run_notebooks.sh``.

A diagram is compared by what it shows, not by its coordinates (``notebooks/nbval_sanitize.cfg``):
the same checkout passes whatever fonts the machine has, and still fails when the picture changes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
CURRICULUM = ["00_start_here", "01_how_multiple_ips_work", "02_secondary_ipv4", "03_elastic_ips",
              "04_multiple_ipv6", "05_prefix_delegation", "06_moving_interfaces", "07_challenges"]
# A fast notebook with a live console (cell 5) and a static diagram (cell 7) in its first cells.
SMALL = ROOT / "notebooks" / "01_how_multiple_ips_work.ipynb"
FIRST_CELLS = 8  # up to its second diagram; the cells after it load files beside the notebook


def nbval(*paths: str | Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", *map(str, paths), "--nbval-current-env",
         "--nbval-sanitize-with", str(ROOT / "notebooks" / "nbval_sanitize.cfg"),
         "-p", "no:cacheprovider", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)


def test_every_notebook_runs_and_matches_its_committed_outputs():
    found = {path.stem for path in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(CURRICULUM) <= found, f"missing: {sorted(set(CURRICULUM) - found)}"
    done = nbval("notebooks/")
    assert done.returncode == 0, f"nbval failed:\n{done.stdout}\n{done.stderr}"


def fontconfig_without_fonts(folder: Path) -> dict:
    """An environment in which fontconfig (so Graphviz) finds no font at all: every width is
    Graphviz's own estimate, unlike on any machine the outputs were made on."""
    (folder / "fonts").mkdir()
    (folder / "cache").mkdir()
    config = folder / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                      f"<fontconfig><dir>{folder / 'fonts'}</dir>"
                      f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def first_svg(notebook: nbformat.NotebookNode) -> tuple[dict, str]:
    cell = notebook.cells[5]
    (data,) = [o["data"] for o in cell.outputs if "image/svg+xml" in o.get("data", {})]
    return data, data["image/svg+xml"]


def test_a_notebook_matches_its_outputs_with_other_fonts(tmp_path):
    env = fontconfig_without_fonts(tmp_path)
    committed = first_svg(nbformat.read(SMALL, as_version=4))[1]
    probe = 'digraph { a [label="10.0.1.4 public-a subnet" fontname="Helvetica,Arial,sans-serif"] }'
    widths = {subprocess.run(["dot", "-Tsvg"], input=probe, capture_output=True, text=True,
                             env=environment).stdout.split('width="')[1].split('"')[0]
              for environment in (None, env)}
    assert len(widths) == 2, "the other font configuration draws the same widths: no test"
    assert re.search(r'<svg width="\d+pt"', committed)

    done = nbval(SMALL, env=env)
    assert done.returncode == 0, f"nbval failed with other fonts:\n{done.stdout}\n{done.stderr}"
    assert "12 passed" in done.stdout


def change_label(svg: str) -> str:
    return svg.replace(">10.0.1.0/24 ", ">10.0.9.0/24 ", 1)


def change_colour(svg: str) -> str:
    return svg.replace('fill="#0072b2"', 'fill="#56b4e9"', 1)


def change_class(svg: str) -> str:
    return svg.replace('class="node private&#45;ipv4 primary"',
                       'class="node private&#45;ipv4 secondary"', 1)


def drop_edge(svg: str) -> str:
    return re.sub(r'<g id="[^"]*" class="edge[^"]*">.*?</g>\n', "", svg, count=1, flags=re.S)


@pytest.mark.parametrize("change", [change_label, change_colour, change_class, drop_edge],
                         ids=lambda change: change.__name__)
def test_the_comparison_fails_when_the_picture_changes(tmp_path, change):
    notebook = nbformat.read(SMALL, as_version=4)
    notebook.cells = notebook.cells[:FIRST_CELLS]
    data, svg = first_svg(notebook)
    data["image/svg+xml"] = change(svg)
    assert data["image/svg+xml"] != svg
    copy = tmp_path / SMALL.name
    nbformat.write(notebook, copy)

    done = nbval(copy)
    assert done.returncode == 1, f"nbval missed the change:\n{done.stdout}\n{done.stderr}"
    assert "1 failed, 2 passed" in done.stdout  # the console's cell, and only that one
    assert "Cell 1: Cell outputs differ" in done.stdout
    assert "mismatch 'image/svg+xml'" in done.stdout
