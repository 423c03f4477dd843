"""The JupyterLite site in Chromium, nothing reachable but its own host: notebook 00 top to
bottom, then exercise 3.1 done through the console of notebook 03, the diagram drawn in the
page by viz.js and following each click."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
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


def test_the_bundled_wheels_leave_out_what_the_browser_never_reads(site, tmp_path):
    lock = json.loads((site.root / "static/pyodide/pyodide-lock.json").read_text())
    files = {}
    for name in ("netaddr", "jedi", "parso", "ec2-multi-ip-lab", "anywidget", "python-dateutil"):
        with zipfile.ZipFile(site.root / "static/pyodide" / lock["packages"][name]["file_name"]) \
                as wheel:
            files[name] = wheel.namelist()
            wheel.extractall(tmp_path)
    assert "netaddr/eui/oui.txt" not in files["netaddr"]  # 5.7 MB of IEEE registry
    assert not any("/django-stubs/" in n for n in files["jedi"])
    assert not any("/typeshed/third_party/2and3/" in n for n in files["jedi"])
    assert not any("/typeshed/stdlib/2/" in n for n in files["jedi"])  # Python 2's
    assert "jedi/third_party/typeshed/stdlib/3/builtins.pyi" in files["jedi"]
    assert not any(n.startswith("ec2sim/fonts/") for n in files["ec2-multi-ip-lab"])
    assert "widgets/static/viz.js" in files["ec2-multi-ip-lab"]
    assert not any("labextension" in n for n in files["anywidget"])
    assert not any(n.endswith(".tar.gz") for n in files["python-dateutil"])
    # what the lab and the kernel ask of them still works without those files
    check = ("import sys; sys.path.insert(0, '.'); import jedi, netaddr; "
             "print(netaddr.__file__.startswith('.') or netaddr.__file__.startswith(sys.argv[1]),"
             " jedi.__file__.startswith('.') or jedi.__file__.startswith(sys.argv[1])); "
             "print(netaddr.EUI('0a:1b:2c:3d:4e:5f').ipv6_link_local()); "
             "print([c.name for c in jedi.Interpreter('len(\"ab\").bit_l', [{}]).complete()]); "
             "import anywidget, dateutil.tz; print(anywidget.__file__.startswith(sys.argv[1]), "
             "dateutil.tz.tzutc())")
    out = subprocess.run([sys.executable, "-c", check, str(tmp_path)], cwd=tmp_path, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    assert out[:4] == ["True True", "fe80::81b:2cff:fe3d:4e5f", "['bit_length']", "True tzutc()"]


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
