"""The JupyterLite site in Chromium, nothing reachable but its own host: notebook 00 top to
bottom, then exercise 3.1 done through the console of notebook 03, the diagram drawn in the
page by viz.js and following each click."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
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


def wheel_files(site, tmp_path, *names: str) -> dict[str, list[str]]:
    """The files of the site's wheels of ``names``, each unpacked into ``tmp_path``."""
    lock = json.loads((site.root / "static/pyodide/pyodide-lock.json").read_text())
    files = {}
    for name in names:
        with zipfile.ZipFile(site.root / "static/pyodide" / lock["packages"][name]["file_name"]) \
                as wheel:
            files[name] = wheel.namelist()
            wheel.extractall(tmp_path)
    return files


def test_the_bundled_wheels_leave_out_what_the_browser_never_reads(site, tmp_path):
    files = wheel_files(site, tmp_path, "netaddr", "jedi", "parso", "ec2-multi-ip-lab",
                        "anywidget", "python-dateutil")
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


def test_the_slimmed_botocore_pygments_and_library_still_do_their_jobs(site, tmp_path):
    files = wheel_files(site, tmp_path, "botocore", "pygments", "ec2-multi-ip-lab", "netaddr")
    assert not any(n.startswith("botocore/data/s3/") for n in files["botocore"])
    assert "pygments/lexers/rust.py" not in files["pygments"]
    # Windows and desktop code: the kernel imports IPython and prompt_toolkit without it (the
    # page tests below run in that kernel)
    gone = {"IPython/terminal/pt_inputhooks/qt.py", "IPython/utils/_process_win32.py",
            "prompt_toolkit/output/win32.py", "urllib3/contrib/socks.py"}
    assert gone.isdisjoint(n for name in ("ipython", "prompt-toolkit", "urllib3")
                           for n in wheel_files(site, tmp_path / "more", name)[name])
    # ec2sim with the site's botocore: a call answers, a bad parameter is refused by name, and
    # the EC2 model carries no documentation
    lab = textwrap.dedent("""
        import glob, gzip, sys
        import botocore, ec2sim
        print(botocore.__file__.startswith(sys.argv[1]))
        ec2 = ec2sim.Cloud(seed=0).client()
        print(len(ec2.describe_vpcs()["Vpcs"]))
        try:
            ec2.describe_vpcs(VpcIds="vpc-1")
        except Exception as error:
            print(type(error).__name__)
        model, = glob.glob(sys.argv[1] + "/botocore/data/ec2/*/service-2.json.gz")
        print("documentation" in gzip.decompress(open(model, "rb").read()).decode())""")
    # pygments (alone: -S keeps this machine's lexer plug-ins out) colours Python, and names no
    # lexer it does not hold
    colours = textwrap.dedent("""
        import sys
        sys.path.insert(0, sys.argv[1])
        import pygments
        from pygments.formatters.terminal256 import Terminal256Formatter
        from pygments.lexers import find_lexer_class, get_all_lexers, get_lexer_by_name
        print(pygments.__file__.startswith(sys.argv[1]))
        print("\\x1b[" in pygments.highlight("x = 1", get_lexer_by_name("python3"),
                                              Terminal256Formatter()))
        print(sorted({find_lexer_class(name).__module__
                      for name, *_ in get_all_lexers(plugins=False)}))
        try:
            get_lexer_by_name("rust")
        except Exception as error:
            print(type(error).__name__)""")
    out = [subprocess.run([sys.executable, *flags, "-c", code, str(tmp_path)], cwd=tmp_path,
                          check=True, capture_output=True, text=True).stdout.split("\n")
           for flags, code in (([], lab), (["-S"], colours))]
    assert out[0][:4] == ["True", "1", "ParamValidationError", "False"], out[0]
    assert out[1][:4] == ["True", "True",
                          "['pygments.lexers.python', 'pygments.lexers.special']",
                          "ClassNotFound"], out[1]


def test_the_site_carries_pyodide_without_what_a_browser_tab_cannot_use(site):
    with zipfile.ZipFile(site.root / "static/pyodide/python_stdlib.zip") as library:
        names = set(library.namelist())
    assert not any(n.startswith(("multiprocessing/", "xmlrpc/", "doctest")) for n in names)
    assert "encodings/cp1252.py" not in names
    assert {"encodings/cp437.py", "encodings/utf_8.py", "unittest/mock.py", "asyncio/__init__.py",
            "email/parser.py", "pdb.py"} <= names  # zipfile's, everyone's, piplite's, the kernel's
    lock = json.loads((site.root / "static/pyodide/pyodide-lock.json").read_text())
    for entry in lock["packages"].values():  # the list names only what the site holds
        assert (site.root / "static/pyodide" / entry["file_name"]).is_file(), entry["name"]


def test_notebook_00_runs_with_its_diagram_drawn_in_the_page(site, open_lite):
    notebook = open_lite("00_start_here.ipynb")
    notebook.run_all(timeout=600)
    notebook.assert_clean()
    picture = notebook.wait_for(lambda: notebook.picture(DIAGRAM), "showing the diagram")
    assert picture.nodes, "the diagram has no boxes"
    notebook.screenshot("lite-00")
    # the kernel's completion (jedi, with the stubs the site keeps) and a traceback whose code
    # pygments coloured
    matches = notebook.page.evaluate(
        """async () => {
             const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
             const code = 'len("ab").bit_l';
             const reply = await kernel.requestComplete({code, cursor_pos: code.length});
             return reply.content.matches;
           }""")
    assert "bit_length" in matches
    notebook.page.evaluate(
        """(source) => {
             const notebook = window.jupyterapp.shell.currentWidget.content;
             notebook.model.sharedModel.insertCell(notebook.widgets.length,
                                                   {cell_type: 'code', source});
           }""", "def half(n):\n    return n / 0\n\nhalf(1)")
    traceback = run_cell(notebook, "half(1)", html=True)
    assert "ZeroDivisionError" in traceback
    assert re.search(r">return</span>", traceback), traceback
    assert site.outside == []


def run_cell(notebook: LitePage, source: str, replace_with: str = "", html: bool = False) -> str:
    """Run the first cell whose code contains ``source`` (its code replaced by ``replace_with``
    when given, as a learner types) and return its output as text (or as HTML)."""
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
        "([i, html]) => window.jupyterapp.shell.currentWidget.content.widgets[i].node"
        ".querySelector('.jp-Cell-outputArea')[html ? 'innerHTML' : 'innerText']", [index, html])


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
