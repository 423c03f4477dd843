"""The browser harness itself: it must see a healthy widget work, and see each kind of failure.

Without these, a check that silently stopped working would let every notebook test pass.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

HEALTHY = (
    "import ipywidgets as w\n"
    "out = w.Output()\n"
    "name = w.Text(description='Name')\n"
    "kind = w.Dropdown(options=['small', 'large'], description='Size')\n"
    "go = w.Button(description='Greet')\n"
    "def greet(_):\n"
    "    with out:\n"
    "        print(f'hello {name.value} ({kind.value})')\n"
    "go.on_click(greet)\n"
    "w.VBox([name, kind, go, out])",
    'w.HTML(\'<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20">'
    '<text x="0" y="15">drawn</text></svg>\')',
)


def test_a_healthy_notebook_runs_clean_and_its_widgets_answer(lab, open_notebook):
    notebook = open_notebook(lab.write_notebook("harness_healthy.ipynb", *HEALTHY))
    notebook.run_all()
    notebook.assert_clean()
    assert notebook.svg_texts() == ["drawn"]

    notebook.type_text("Name", "Ada")
    notebook.choose("Size", "large")
    notebook.click("Greet")
    assert "hello Ada (large)" in notebook.outputs().first.inner_text()
    notebook.assert_clean()
    notebook.screenshot("harness-healthy")


def test_an_exception_in_a_widget_callback_is_caught(lab, open_notebook):
    notebook = open_notebook(
        lab.write_notebook(
            "harness_callbacks_raise.ipynb",
            "import ipywidgets as w\n"
            "b = w.Button(description='Explode')\n"
            "def boom(_):\n"
            "    raise RuntimeError('handler went wrong')\n"
            "b.on_click(boom)\n"
            "d = w.Dropdown(options=['calm', 'upset'], description='Mood')\n"
            "def upset(change):\n"
            "    raise ValueError(f'observer saw {change.new}')\n"
            "d.observe(upset, 'value')\n"
            "w.VBox([b, d])",
        )
    )
    notebook.run_all()
    notebook.assert_clean()  # nothing is wrong until someone touches the widgets
    with pytest.raises(AssertionError, match="RuntimeError: handler went wrong"):
        notebook.click("Explode")
    with pytest.raises(AssertionError, match="ValueError: observer saw upset"):
        notebook.choose("Mood", "upset")
    notebook.screenshot("harness-callbacks-raise")
    with pytest.raises(AssertionError, match="handler went wrong"):
        notebook.assert_clean()


# Each cell fails in its own way; the report must name each cell and what a person would see.
FAILING = [
    ("import sys; print('careful', file=sys.stderr)", "cell 0: error output: careful"),
    (
        "import ipywidgets as w, traitlets as t\n"
        "class Missing(w.DOMWidget):\n"
        "    _view_name = t.Unicode('NoSuchView').tag(sync=True)\n"
        "    _view_module = t.Unicode('no-such-module').tag(sync=True)\n"
        "    _view_module_version = t.Unicode('1.0.0').tag(sync=True)\n"
        "    _model_module = t.Unicode('no-such-module').tag(sync=True)\n"
        "    _model_module_version = t.Unicode('1.0.0').tag(sync=True)\n"
        "    _model_name = t.Unicode('NoSuchModel').tag(sync=True)\n"
        "Missing()",
        "cell 1: broken widget: ",
    ),
    (
        "from IPython.display import display\n"
        "display({'text/plain': \"VBox(children=(Button(description='Go'),))\"}, raw=True)",
        "cell 2: widget shown as plain text: VBox(children=",
    ),
    ("1 / 0", "cell 3: error output: "),
]


def test_each_kind_of_visible_failure_is_reported(lab, open_notebook):
    cells = [source for source, _ in FAILING]
    notebook = open_notebook(lab.write_notebook("harness_failing.ipynb", *cells))
    notebook.run_all()
    notebook.screenshot("harness-failing")
    with pytest.raises(AssertionError) as failure:
        notebook.assert_clean()
    report = str(failure.value)
    assert "5 problem(s)" in report  # the four cells, and the browser console's own error
    assert "console error: Error: No version of module no-such-module" in report
    for _, expected in FAILING:
        assert f"\n\n{expected}" in report, (expected, report)
    assert "Failed to load model class 'NoSuchModel'" in report
    assert "ZeroDivisionError: division by zero" in report
