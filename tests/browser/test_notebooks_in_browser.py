"""Every tutorial notebook, run top to bottom in JupyterLab in Chromium, as a learner would."""

from __future__ import annotations

import pytest
from browser_support import NOTEBOOKS

pytestmark = pytest.mark.browser

TUTORIAL = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("name", TUTORIAL or [None], ids=TUTORIAL or ["no-notebooks"])
def test_run_all_shows_no_error_and_every_widget(name, open_notebook):
    if name is None:
        pytest.fail(f"there is no notebook in {NOTEBOOKS}: nothing to run in the browser")
    notebook = open_notebook(name)
    notebook.run_all()
    notebook.screenshot(f"notebook-{name.removesuffix('.ipynb')}")
    notebook.assert_clean()
