"""Running Graphviz's ``dot``: DOT text in, SVG out.

``render_svg(cloud)`` is ``to_dot(cloud)`` piped through ``dot -Tsvg``, the XML prologue cut
off so the SVG can sit in a page. ``dot`` runs with the lab's own fonts (DejaVu, shipped in
``ec2sim/fonts``), so labels measure the same on every machine; a live view starts the next
``dot`` before it is needed (:func:`start_dot`, then :func:`finish_dot`). Where Graphviz is not
installed, :class:`DotNotFound` says how to install it, and the caller shows the text instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import graphviz

from ec2sim.diagram.dot import to_dot
from ec2sim.diagram.scene import Dispatches, View
from ec2sim.events import Event

INSTALL_HINT = (
    "Graphviz's `dot` program was not found, so the diagram is shown as text. To draw it, "
    "install Graphviz (the Python package alone is not enough):\n"
    "  Debian/Ubuntu:  sudo apt-get install graphviz\n"
    "  macOS:          brew install graphviz\n"
    "  conda:          conda install graphviz\n"
    "then run the cell again."
)


class DotNotFound(RuntimeError):
    """Graphviz's ``dot`` is not installed; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def dot_executable() -> str | None:
    """Where Graphviz's ``dot`` is (looked up on PATH each time), or None."""
    return shutil.which("dot")


FONTS = Path(__file__).parents[1] / "fonts" / "fonts.conf"  # DejaVu Sans and Sans Mono, shipped


def dot_environment() -> dict[str, str]:
    """The environment ``dot`` runs in: fontconfig finds only the lab's own fonts, so labels
    measure the same on every machine and every learner sees the same picture. A
    ``FONTCONFIG_FILE`` already set is the caller's choice, and stays."""
    if "FONTCONFIG_FILE" in os.environ or not FONTS.exists():
        return dict(os.environ)
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS)}


def start_dot(fmt: str = "svg") -> subprocess.Popen:
    """Start ``dot -T<fmt>`` waiting for its input (:class:`DotNotFound` without Graphviz).

    A live view starts the next one as soon as a picture is done, so the next change does not
    also wait for a process to start and load its plugins.
    """
    executable = dot_executable()
    if executable is None:
        raise DotNotFound()
    return subprocess.Popen([executable, f"-T{fmt}"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dot_environment())


def finish_dot(process: subprocess.Popen, source: str) -> bytes:
    """Give a started ``dot`` its DOT text and return what it drew."""
    out, err = process.communicate(source.encode("utf-8"))
    if process.returncode != 0:
        raise RuntimeError(f"dot failed: {err.decode('utf-8', 'replace').strip()}")
    return out


def run_dot(source: str, fmt: str = "svg") -> bytes:
    """Run ``dot -T<fmt>`` on DOT text; :class:`DotNotFound` if Graphviz is not installed."""
    return finish_dot(start_dot(fmt), source)


def svg_of(graph: graphviz.Digraph | str, process: subprocess.Popen | None = None) -> str:
    """The SVG markup of a graph (or DOT text), without the XML prologue, ready to embed.

    ``process``: a ``dot -Tsvg`` already started with :func:`start_dot`, to use instead.
    """
    source = graph if isinstance(graph, str) else graph.source
    svg = finish_dot(process or start_dot(), source).decode("utf-8")
    start = svg.find("<svg")
    return svg[start:] if start > 0 else svg


def render_svg(source: View | Dispatches, last_event: Event | None = None,
               focus: str | None = None, previous: View | None = None,
               legend: bool = True, probe: Any = None) -> str:
    """The diagram as SVG text, drawn by Graphviz's ``dot`` (raises :class:`DotNotFound`)."""
    return svg_of(to_dot(source, last_event, focus, previous, legend, probe))
