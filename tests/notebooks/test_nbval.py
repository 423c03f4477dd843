"""The tutorial notebooks, run top to bottom in a fresh kernel, give their committed outputs.

nbval runs in its own pytest process (it needs ``--nbval`` and its own collection of
``notebooks/``); this test starts it and fails, showing nbval's report, when any cell errors or its
output differs from the committed one. Regenerate the outputs with ``scripts/run_notebooks.sh``.

A diagram is compared by what it shows, not by its coordinates (``notebooks/nbval_sanitize.cfg``):
the same checkout passes whatever fonts the machine has, and still fails when the picture changes.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
CURRICULUM = ["00_start_here", "01_how_multiple_ips_work", "02_secondary_ipv4",
              "02b_launch_and_reassign", "03_elastic_ips", "03b_failover_with_a_secondary_ip",
              "04_multiple_ipv6", "05_prefix_delegation", "06_moving_interfaces", "07_challenges"]
# A fast notebook with a live console and then a static diagram in its first cells.
SMALL = ROOT / "notebooks" / "01_how_multiple_ips_work.ipynb"


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


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> nbformat.NotebookNode:
    """The first cells of a small notebook with outputs made now, by this checkout (so these
    tests check the comparison itself, whatever the committed outputs are at the moment)."""
    notebook = nbformat.read(SMALL, as_version=4)
    drawn = [i for i, cell in enumerate(notebook.cells) if drawing(cell)]
    notebook.cells = notebook.cells[:drawn[1] + 1]  # the cells after load files beside it
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path_factory.mktemp("run"))}}).execute()
    return notebook


def drawing(cell: nbformat.NotebookNode) -> bool:
    return any("image/svg+xml" in output.get("data", {}) for output in cell.get("outputs", []))


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def first_svg(notebook: nbformat.NotebookNode) -> tuple[int, dict, str]:
    """The code cell number (as nbval counts) of the first diagram, its output data, its SVG."""
    number, cell = next((n, c) for n, c in enumerate(code_cells(notebook)) if drawing(c))
    (data,) = [o["data"] for o in cell.outputs if "image/svg+xml" in o.get("data", {})]
    return number, data, data["image/svg+xml"]


def test_a_notebook_matches_its_outputs_with_other_fonts(tmp_path, fresh):
    env = fontconfig_without_fonts(tmp_path)
    probe = 'digraph { a [label="10.0.1.4 public-a subnet" fontname="Helvetica,Arial,sans-serif"] }'
    widths = {subprocess.run(["dot", "-Tsvg"], input=probe, capture_output=True, text=True,
                             env=environment).stdout.split('width="')[1].split('"')[0]
              for environment in (None, env)}
    assert len(widths) == 2, "the other font configuration draws the same widths: no test"
    path = tmp_path / SMALL.name
    nbformat.write(fresh, path)

    done = nbval(path, env=env)
    assert done.returncode == 0, f"nbval failed with other fonts:\n{done.stdout}\n{done.stderr}"
    assert f"{len(code_cells(fresh))} passed" in done.stdout


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
def test_the_comparison_fails_when_the_picture_changes(tmp_path, fresh, change):
    notebook = copy.deepcopy(fresh)
    number, data, svg = first_svg(notebook)
    data["image/svg+xml"] = change(svg)
    assert data["image/svg+xml"] != svg
    path = tmp_path / SMALL.name
    nbformat.write(notebook, path)

    done = nbval(path)
    assert done.returncode == 1, f"nbval missed the change:\n{done.stdout}\n{done.stderr}"
    others = len(code_cells(notebook)) - 1
    assert f"1 failed, {others} passed" in done.stdout  # the console's cell, and only that one
    assert f"Cell {number}: Cell outputs differ" in done.stdout
    assert "mismatch 'image/svg+xml'" in done.stdout
