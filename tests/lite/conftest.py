"""Fixtures for the JupyterLite tests: the site built once per run (or reused when none of its
inputs changed), served on 127.0.0.1, and Chromium with every other host unreachable."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser.browser_support import CHROMIUM, CHROMIUM_ARGS
from lite_support import LitePage, LiteSite

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import build_lite  # noqa: E402 - scripts/ is not a package


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "lite: builds the JupyterLite site and runs it in Chromium (slow; deselect "
        "with -m 'not lite')"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.lite)


@pytest.fixture(scope="session")
def site() -> Iterator[LiteSite]:
    """The site in ``_site/`` (built now unless it is up to date), served on 127.0.0.1."""
    if not build_lite.up_to_date():
        build_lite.build()
    httpd = build_lite.server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiteSite(f"http://127.0.0.1:{httpd.server_address[1]}/", build_lite.SITE)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def chromium(playwright_driver: Any) -> Iterator[Any]:
    """Debian's Chromium, headless, resolving no host name but the loopback address."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh test to install Chromium")
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def open_lite(site: LiteSite, chromium: Any) -> Iterator[Callable[[str], LitePage]]:
    """Open a notebook of the site in a fresh browser context (its own storage and kernel)."""
    contexts = []

    def opener(name: str) -> LitePage:
        context = chromium.new_context(viewport={"width": 1366, "height": 900})
        context.set_default_timeout(60_000)
        contexts.append(context)
        context.route("**/*", site.guard)
        notebook = LitePage(context.new_page(), site, name)
        notebook.open(timeout=300_000)
        return notebook

    yield opener
    for context in contexts:
        context.close()
