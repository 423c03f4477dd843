"""Views that do not pile up.

A learner re-runs the cell that makes a Console ten times: without care, ten consoles stay
subscribed to the cloud, each refreshing its panels and keeping its own ``dot`` process, and every
call pays for all of them. So a new Console (or a new stand-alone Diagram) of a cloud retires the
one it replaces, and the cloud holds its views weakly: a view that is gone stops being called.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Callable
from typing import Any

import ipywidgets

# cloud -> kind of view ("console", "diagram") -> the live one
_LIVE: weakref.WeakKeyDictionary[Any, dict[str, weakref.ref]] = weakref.WeakKeyDictionary()


def take_over(cloud: Any, kind: str, view: ipywidgets.Widget) -> None:
    """Make ``view`` the live ``kind`` of ``cloud``, closing the one it replaces."""
    live = _LIVE.setdefault(cloud, {})
    previous = live.get(kind)
    live[kind] = weakref.ref(view)
    replaced = previous() if previous is not None else None
    if replaced is not None and replaced is not view:
        replaced.close()


def live_view(cloud: Any, kind: str) -> ipywidgets.Widget | None:
    """The live ``kind`` of ``cloud``, if any."""
    ref = _LIVE.get(cloud, {}).get(kind)
    return ref() if ref is not None else None


def subscribe_weakly(cloud: Any, method: Callable[[Any], None]) -> Callable[[], None]:
    """``cloud.subscribe(method)`` without the cloud keeping ``method``'s object alive: once that
    object is garbage-collected, the next event ends the subscription. Returns the unsubscriber."""
    target = weakref.WeakMethod(method)

    def deliver(event: Any) -> None:
        bound = target()
        if bound is None:
            unsubscribe()
        else:
            bound(event)

    unsubscribe = cloud.subscribe(deliver)
    return unsubscribe


def close_children(widget: ipywidgets.Widget) -> None:
    """Close every widget inside ``widget`` (each closes its own comm and resources): a closed
    view's parts leave the kernel's registry of widgets too."""
    for child in getattr(widget, "children", ()):
        close_children(child)
        child.close()


def kernel_shell() -> Any:
    """The IPython shell of the Jupyter kernel running this code (ipykernel's or Pyodide's);
    None in a script, a test or a plain IPython."""
    shell = None
    with contextlib.suppress(ImportError):
        from IPython import get_ipython

        shell = get_ipython()
    return shell if getattr(shell, "kernel", None) is not None else None


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop, when this code runs in it (a cell, a click): it gets control back
    as soon as the running code ends. None anywhere else -- a script, a server thread, or a loop
    that is not a kernel's and may never come back (Playwright's sync API keeps one marked
    running in the thread for as long as it drives a browser)."""
    if kernel_shell() is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
