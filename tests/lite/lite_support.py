"""Drive the JupyterLite site in Chromium: the project's JupyterLab page driver
(tests/browser/browser_support.py), told where the site is and how a kernel in the page settles.

In JupyterLite the kernel runs in a worker of the page: no server log, no websocket to watch.
A page is at rest when its kernel is idle, no cell waits to run, and nothing changed for a while.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from browser.browser_support import NotebookPage

LOOPBACK = "http://127.0.0.1:"


class LiteSite:
    """The served site, in the shape the page driver asks of a JupyterLab server; it also
    refuses, and counts, every request that leaves the site's own host."""

    def __init__(self, base_url: str, root: Path) -> None:
        self.base_url = base_url
        self.root = root  # the site's folder
        self.outside: list[str] = []

    def notebook_url(self, name: str) -> str:
        return f"{self.base_url}lab/index.html?path={name}"

    def guard(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("blob:", "data:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def log_size(self) -> int:
        return 0  # no server log: the site is static files

    def log_problems(self, since: int) -> list[str]:
        return []


class LitePage(NotebookPage):
    """One notebook open in the JupyterLite site, its kernel in the page."""

    def settle(self, since: int | None = None, timeout: float = 120, quiet_ms: int = 500) -> None:
        """Wait until the kernel is idle, no cell is queued or running, and the page has not
        changed for ``quiet_ms`` (``since`` is the websocket driver's; here nothing to count)."""
        deadline = time.monotonic() + timeout
        self.page.wait_for_timeout(200)  # a click's message reaches the kernel's worker
        while True:
            at_rest = self.page.evaluate(
                """(quiet) => {
                     const panel = window.jupyterapp.shell.currentWidget;
                     const kernel = panel.sessionContext.session?.kernel;
                     return kernel && kernel.status === 'idle' &&
                       performance.now() - window.__lastChange > quiet &&
                       ![...document.querySelectorAll('.jp-InputPrompt')]
                         .some((prompt) => prompt.textContent.includes('[*]'));
                   }""",
                quiet_ms,
            )
            if at_rest:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: the page did not come to rest in "
                                     f"{timeout:.0f} s")
            self.page.wait_for_timeout(200)
