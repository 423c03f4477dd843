"""The JupyterLite site in Chromium, nothing reachable but its own host: notebook 00 top to
bottom, then exercise 3.1 done through the console of notebook 03, the diagram drawn in the
page by viz.js and following each click."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lite_support import LitePage

pytestmark = pytest.mark.lite

DIAGRAM = ".ec2-diagram svg"
ROOT = Path(__file__).resolve().parents[2]


def test_the_site_bundles_pyodide_and_never_falls_back_to_pypi(site):
    config = json.loads((site.root / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert (site.root / kernel["pyodideUrl"]).is_file()
    lock = json.loads((site.root / "static/pyodide/pyodide-lock.json").read_text())
    for name in kernel["loadPyodideOptions"]["packages"]:
        assert (site.root / "static/pyodide" / lock["packages"][name]["file_name"]).is_file()


def test_notebook_00_runs_with_its_diagram_drawn_in_the_page(site, open_lite):
    notebook = open_lite("00_start_here.ipynb")
    notebook.run_all(timeout=600)
    notebook.assert_clean()
    picture = notebook.wait_for(lambda: notebook.picture(DIAGRAM), "showing the diagram")
    assert picture.nodes, "the diagram has no boxes"
    notebook.screenshot("lite-00")
    assert site.outside == []


def run_cell(notebook: LitePage, source: str, replace_with: str = "") -> str:
    """Run the first cell whose code contains ``source`` (its code replaced by ``replace_with``
    when given, as a learner types) and return its output as text."""
    index = notebook.page.evaluate(
        """([source, code]) => {
             const panel = window.jupyterapp.shell.currentWidget;
             const cells = panel.content.widgets;
             const i = cells.findIndex((c) => c.model.sharedModel.getSource().includes(source));
             if (i < 0) return -1;
             if (code) cells[i].model.sharedModel.setSource(code);
             panel.content.activeCellIndex = i;
             window.jupyterapp.commands.execute('notebook:run-cell');
             return i;
           }""",
        [source, replace_with],
    )
    assert index >= 0, f"no cell contains {source!r}"
    notebook.settle()
    return notebook.page.evaluate(
        "(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node"
        ".querySelector('.jp-Cell-outputArea').innerText", index)


def test_exercise_3_1_in_notebook_03_with_a_console_click(site, open_lite):
    notebook = open_lite("03_elastic_ips.ipynb")
    notebook.run_all(timeout=600)
    notebook.assert_clean()
    run_cell(notebook, 'exercises.start(cloud, "eip_on_secondary")')
    before = notebook.wait_for(lambda: notebook.picture(DIAGRAM), "showing the diagram")

    notebook.open_tab("Elastic IPs")
    notebook.click("Allocate Elastic IP")
    after = notebook.wait_for(
        lambda: (p := notebook.picture(DIAGRAM)) and set(p.nodes) - set(before.nodes) and p,
        "drawing the new Elastic IP after the click")
    assert any(node.startswith("eipalloc-") for node in set(after.nodes) - set(before.nodes))

    solution = (ROOT / "notebooks/solutions/03_eip_on_secondary.py").read_text()
    run_cell(notebook, "# Your code here.", solution)
    verdict = run_cell(notebook, "exercises.check_eip_on_secondary(cloud)")
    assert "✘" not in verdict and "not attempted" not in verdict.lower(), verdict
    notebook.assert_clean()
    notebook.screenshot("lite-03-exercise")
    assert site.outside == []
