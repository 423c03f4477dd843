"""Graphviz in the browser: DOT goes from the kernel to the page, the page draws it with viz.js
(WebAssembly Graphviz, bundled in ``widgets/static``) and sends the SVG back.

It is how the diagram is drawn where there is no ``dot`` program: in JupyterLite (Pyodide has no
processes) and in a JupyterLab whose machine lacks Graphviz. One widget per kernel serves every
diagram, so the 1.2 MB of viz.js crosses to the page once; it is never displayed (anywidget's
``initialize`` runs as soon as the page knows the widget).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from widgets.lifecycle import kernel_shell

STATIC = Path(__file__).with_name("static")
Answer = Callable[[str, str], None]  # (svg, error): one of them is ""



class BrowserRenderer(anywidget.AnyWidget):
    """Turns DOT into SVG in the page: ``render(dot, answer)`` calls ``answer(svg, error)`` once
    the page has drawn it (after the running cell, when the kernel reads its messages)."""

    _esm = (STATIC / "viz.js").read_text() + "\n" + (STATIC / "render.js").read_text()
    drawn = traitlets.Int(0, help="How many pictures the page has sent back.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._waiting: dict[int, Answer] = {}
        self._next_id = 0
        self.on_msg(self._on_answer)

    def render(self, dot: str, answer: Answer) -> None:
        self._next_id += 1
        self._waiting[self._next_id] = answer
        self.send({"kind": "render", "id": self._next_id, "dot": dot})

    def _on_answer(self, _widget: Any, content: dict, _buffers: Any) -> None:
        answer = self._waiting.pop(content.get("id"), None)
        if answer is None:
            return
        self.drawn += 1
        answer(content.get("svg", ""), content.get("error", ""))


_renderer: BrowserRenderer | None = None  # the kernel's one renderer, made on first use


def in_kernel() -> bool:
    """A page is there to draw: the code runs in a Jupyter kernel (ipykernel or Pyodide's)."""
    return kernel_shell() is not None


def renderer() -> BrowserRenderer:
    """The kernel's browser renderer (made the first time it is asked for)."""
    global _renderer
    if _renderer is None:
        _renderer = BrowserRenderer()
    return _renderer
