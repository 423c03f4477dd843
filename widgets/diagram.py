"""The live diagram: a picture of a Cloud that redraws itself after every change.

Events arrive synchronously, in the thread that made the call, often a hundred in a row from a
loop; drawing after each would make the loop wait for Graphviz a hundred times. So an event only
marks the picture out of date, and a background thread draws it: at once when the change comes
alone (a click, one call in a cell), and once the calls stop (or every half second) when they
come in a burst. ``flush()`` draws anything pending right away, in the caller's thread; the
static display (``show()``, or the SVG saved with the notebook) calls it first, so a committed
notebook always shows the state its cell left.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time
from html import escape
from typing import Any

import ipywidgets
import traitlets

from ec2sim import diagram
from ec2sim.events import Event
from widgets.lifecycle import kernel_loop, subscribe_weakly, take_over

QUIET = 0.05  # seconds without a new event that end a burst
MAX_WAIT = 0.5  # during a long burst, redraw at least this often


class Diagram(ipywidgets.HTML):
    """A live Graphviz picture of ``cloud``: instances, interfaces, addresses, Elastic IPs.

    ``focus_on`` (an instance, interface, subnet or VPC ID) narrows the picture to that thing;
    it is not called ``focus``, which widgets already use for keyboard focus.
    A new Diagram of the same cloud (the cell run again) closes this one; ``retire_previous=False``
    for a diagram that is part of a larger view (the Console's).
    """

    svg = traitlets.Unicode("", help="The last picture drawn, as SVG ('' without Graphviz).")
    text = traitlets.Unicode("", help="The same bindings as plain text.")
    focus_on = traitlets.Unicode(None, allow_none=True,
                                 help="Show only this ID and the frames around it.")

    def __init__(self, cloud: Any, focus_on: str | None = None, legend: bool = True,
                 start_ahead: bool = True, retire_previous: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("ec2-diagram")
        self.cloud = cloud
        self.legend = legend
        self.start_ahead = start_ahead  # keep a dot started, waiting for the next picture
        self.render_count = 0
        self.last_dot = ""
        self._event: Event | None = None
        self._probe: Any = None  # a probe drawn on the picture until the next change
        self._view: diagram.View | None = None
        self._state = threading.Condition()
        self._render_lock = threading.Lock()
        self._dirty = False
        self._leading = False
        self._dirty_since = 0.0
        self._last_event_at = 0.0
        self._closed = False
        self._thread: threading.Thread | None = None
        self._hooked: Any = None  # the IPython shell, when drawing at the end of each cell
        self._dot: subprocess.Popen | None = None  # a dot started ahead, waiting for input
        self._asked = 0  # pictures asked of the browser (the latest one is shown)
        self.focus_on = focus_on
        self.observe(lambda _: self._mark(None), names="focus_on")
        self._unsubscribe = subscribe_weakly(cloud, self._on_event)
        if retire_previous:
            take_over(cloud, "diagram", self)
        self._dirty = True
        self.flush()

    # -- being told --------------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        with self._state:
            self._probe = None  # the world changed: the probe's path is no longer its path
        self._mark(event)

    def show_probe(self, probe: Any) -> None:
        """Draw a probe's path (``cloud.probe(...)``) on the picture, and where it stopped and
        why; it stays until the next change of the world or the next probe (``None``: clear)."""
        with self._state:
            self._probe = probe
        self._mark(None)
        self.flush()  # a click waits for its answer: draw it now

    def _mark(self, event: Event | None) -> None:
        """The picture is out of date: note it, and wake the drawing thread."""
        with self._state:
            now = time.monotonic()
            if not self._dirty:
                self._dirty_since = now
                # A change that comes alone is drawn at once; one in a burst waits for the end.
                self._leading = now - self._last_event_at >= QUIET
            if event is not None:
                self._event = event
                self._last_event_at = now
            self._dirty = True
            self._state.notify_all()
        self._start()

    def _start(self) -> None:
        if self._hooked is not None and not self._closed:
            self._flush_soon()
        if self._thread is not None or self._hooked is not None or self._closed:
            return
        thread = threading.Thread(target=self._run, name="ec2sim-diagram", daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no threads (e.g. Pyodide): draw at the end of each cell instead
            self._draw_after_cells()
            self._flush_soon()
            return
        self._thread = thread

    def _flush_soon(self) -> None:
        """Without threads, draw once the running code gives the event loop back: a click's
        change right after its handler, a cell's many changes once (Pyodide's loop runs between
        the kernel's messages)."""
        loop = kernel_loop()
        if loop is not None:  # else the end of the cell draws it
            loop.call_soon(self.flush)

    def _draw_after_cells(self) -> None:
        shell = None
        with contextlib.suppress(ImportError):
            from IPython import get_ipython

            shell = get_ipython()
        if shell is None:
            self.flush()
            return
        shell.events.register("post_execute", self.flush)
        self._hooked = shell

    def _run(self) -> None:
        while True:
            with self._state:
                while not self._dirty and not self._closed:
                    self._state.wait()
                if self._closed:
                    return
                if not self._leading:
                    while not self._closed:
                        now = time.monotonic()
                        wait = min(self._last_event_at + QUIET, self._dirty_since + MAX_WAIT)
                        if wait <= now:
                            break
                        self._state.wait(wait - now)
                self._leading = False
            self.flush()

    # -- drawing -----------------------------------------------------------------------------
    def flush(self) -> None:
        """Draw now if the picture is out of date (waits for a drawing already under way)."""
        with self._render_lock:
            if not self._dirty or self._closed:
                return
            try:
                with getattr(self.cloud, "lock", contextlib.nullcontext()):
                    with self._state:  # cleared under the cloud's lock: no change slips by
                        self._dirty = False
                        event, probe = self._event, self._probe
                    view = diagram.View.from_cloud(self.cloud)
            except Exception as error:  # the world could not be read: say so, keep following
                self.value = (f"<p>The diagram could not read the world "
                              f"({escape(type(error).__name__)}: {escape(str(error))}).</p>")
                return
            self._draw(view, event, probe)

    def _draw(self, view: diagram.View, event: Event | None, probe: Any = None) -> None:
        scene = diagram.build_scene(view, event, self.focus_on, self._view, probe)
        self._view = view
        try:
            self.last_dot = diagram.scene_dot(scene, self.legend).source
            process, self._dot = self._dot or diagram.start_dot(), None
            svg = diagram.svg_of(self.last_dot, process)
        except diagram.DotNotFound:
            if self._draw_in_browser(scene):
                return
            svg, problem = "", f"<b>{escape(diagram.INSTALL_HINT)}</b>"
        except Exception as error:  # a drawing bug must not leave the learner with a traceback
            svg, problem = "", (f"The picture could not be drawn ({escape(type(error).__name__)}:"
                                f" {escape(str(error))}); here it is as text.")
        self.text = diagram.scene_text(scene)
        if svg:
            self._show_svg(svg)
            if self.start_ahead and not self._closed:  # the next need not wait for dot to start
                with contextlib.suppress(diagram.DotNotFound, OSError):
                    self._dot = diagram.start_dot()
            return
        self.value = (f'<div class="ec2-diagram-text"><p>{problem}</p>'
                      f"<pre>{escape(self.text)}</pre></div>")
        self.render_count += 1
        self.svg = ""

    def _show_svg(self, svg: str) -> None:
        """The picture, and under it the same bindings as text, one click away: what a screen
        reader reads (the picture itself is announced as an image the text describes)."""
        self.value = ('<div class="ec2-diagram" role="img" aria-label="Diagram of the lab; '
                      'the text view under it says the same" style="overflow:auto;'
                      'max-width:100%">'
                      + svg.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)
                      + '</div><details class="ec2-diagram-text-view"><summary>Text view of '
                      f"the diagram</summary><pre>{escape(self.text)}</pre></details>")
        self.render_count += 1
        self.svg = svg

    def _draw_in_browser(self, scene: diagram.Scene) -> bool:
        """Without ``dot`` but in a kernel, the page draws the picture (WebAssembly Graphviz,
        ``widgets.browser_render``) and sends the SVG back; False where no page can."""
        try:
            from widgets import browser_render
        except ImportError:  # anywidget is not installed
            return False
        if not browser_render.in_kernel():
            return False
        self.text = diagram.scene_text(scene)
        if not self.svg:  # until the first picture comes back: the bindings as text
            self.value = ('<div class="ec2-diagram-text"><p>Drawing the diagram in the browser'
                          f'…</p><pre>{escape(self.text)}</pre></div>')
        self._asked += 1
        asked = self._asked

        def answer(svg: str, error: str) -> None:
            if asked != self._asked or self._closed:  # a newer picture is on its way
                return
            if svg:
                self._show_svg(svg)
                return
            self.value = (f'<div class="ec2-diagram-text"><p>The browser could not draw the '
                          f'picture ({escape(error)}); here it is as text.</p>'
                          f"<pre>{escape(self.text)}</pre></div>")
            self.svg = ""

        browser_render.renderer().render(self.last_dot, answer)
        return True

    # -- static display ----------------------------------------------------------------------
    def static(self) -> dict[str, str]:
        """The current picture as a display bundle: SVG when Graphviz is there, else text."""
        self.flush()
        if self.svg:
            return {"image/svg+xml": self.svg, "text/plain": self.text}
        return {"text/plain": f"{diagram.INSTALL_HINT}\n\n{self.text}",
                "text/html": self.value}

    def show(self) -> None:
        """Display the current picture as a static SVG (it stays in the saved notebook)."""
        from IPython.display import display

        display(self.static(), raw=True)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        bundle.update(self.static())  # JupyterLab shows the live widget; GitHub the picture
        return bundle

    def close(self) -> None:
        """Stop following the cloud and close the widget."""
        self._unsubscribe()
        with self._state:
            self._closed = True
            self._state.notify_all()
        with self._render_lock:
            if self._dot is not None:
                self._dot.kill()
                self._dot.communicate()
                self._dot = None
        if self._hooked is not None:
            with contextlib.suppress(ValueError):
                self._hooked.events.unregister("post_execute", self.flush)
            self._hooked = None
        super().close()
