"""Fixtures for the browser tests: one JupyterLab and one Chromium per run, a page per notebook."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, SHOTS, LabServer, NotebookPage


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: runs in JupyterLab in Chromium (slow; deselect with -m 'not browser')"
    )


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """A JupyterLab on loopback serving a throwaway copy of ``notebooks/``, stopped at the end."""
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        SHOTS.mkdir(parents=True, exist_ok=True)
        if server.log_path.exists():
            shutil.copy(server.log_path, SHOTS / "jupyter-server.log")


@pytest.fixture(scope="session")
def chromium(playwright_driver: Any) -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh test to install Chromium")
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def open_notebook(lab: LabServer, chromium: Any) -> Iterator[Callable[[str], NotebookPage]]:
    """Open a notebook of the served copy in a fresh browser context; clean up afterwards."""
    contexts = []

    def opener(name: str) -> NotebookPage:
        context = chromium.new_context(viewport={"width": 1366, "height": 900})
        context.set_default_timeout(60_000)
        contexts.append(context)
        notebook = NotebookPage(context.new_page(), lab, name)
        notebook.open()
        return notebook

    yield opener
    for context in contexts:
        context.close()
    lab.shut_down_kernels()
