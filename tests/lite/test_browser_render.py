"""The diagram drawn by the page (viz.js) where there is no ``dot``: in JupyterLite, or in a
JupyterLab on a machine without Graphviz. The page is played here by the real ``dot`` answering
the render messages the way widgets/static/render.js does; the browser tests run the real one."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading

import pytest
from checks import run_in_a_fresh_loop

from ec2sim.diagram import graphviz_run
from widgets import Diagram, browser_render

DOT = shutil.which("dot")


@pytest.fixture
def page(monkeypatch):
    """No ``dot`` for the kernel, a kernel with a page, and the page's messages recorded."""
    monkeypatch.setattr(graphviz_run, "dot_executable", lambda: None)
    monkeypatch.setattr(browser_render, "in_kernel", lambda: True)
    monkeypatch.setattr(browser_render, "_renderer", None)
    sent: list[dict] = []
    monkeypatch.setattr(browser_render.BrowserRenderer, "send",
                        lambda self, content, buffers=None: sent.append(content))
    return sent


def answer(content: dict) -> None:
    """The page's message to the kernel, as the widget's comm delivers it."""
    renderer = browser_render.renderer()
    renderer._handle_msg({"content": {"data": {"method": "custom", "content": content}},
                          "buffers": []})


def drawn(request: dict) -> dict:
    """What render.js sends back for a render request (drawn here by the real Graphviz)."""
    svg = subprocess.run([DOT, "-Tsvg"], input=request["dot"], capture_output=True, text=True,
                         check=True).stdout
    return {"kind": "svg", "id": request["id"], "svg": svg[svg.find("<svg"):]}


def launch(ec2) -> str:
    image = ec2.describe_images()["Images"][0]["ImageId"]
    return ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1,
                             MaxCount=1)["Instances"][0]["InstanceId"]


@pytest.mark.skipif(DOT is None, reason="the page is played by Graphviz's dot")
def test_the_page_draws_the_picture_and_sends_it_back(page, cloud, ec2):
    view = Diagram(cloud)
    assert "Drawing the diagram in the browser" in view.value
    assert view.svg == "" and view.render_count == 0
    assert page[-1]["kind"] == "render" and page[-1]["dot"] == view.last_dot
    assert view.text  # the bindings as text, right away

    answer(drawn(page[-1]))
    assert view.svg.startswith("<svg") and view.render_count == 1
    assert view.svg in view.value.replace('<svg style="max-width:100%;height:auto" ', "<svg ")
    assert view.static()["image/svg+xml"] == view.svg  # a saved notebook keeps the picture

    instance = launch(ec2)
    view.flush()
    assert instance in page[-1]["dot"]
    answer(drawn(page[-1]))
    assert instance.replace("-", "&#45;") in view.svg  # Graphviz escapes the dash
    assert view.render_count == 2
    view.close()


def test_an_answer_to_an_older_request_is_not_shown(page, cloud, ec2):
    view = Diagram(cloud)
    first = page[-1]
    instance = launch(ec2)
    view.flush()
    second = page[-1]
    assert second["id"] > first["id"]
    answer({"kind": "svg", "id": second["id"], "svg": f"<svg><text>{instance}</text></svg>"})
    answer({"kind": "svg", "id": first["id"], "svg": "<svg><text>old</text></svg>"})
    assert instance in view.svg and "old" not in view.value
    assert view.render_count == 1
    view.close()


def test_a_picture_the_page_cannot_draw_shows_the_bindings_as_text(page, cloud):
    view = Diagram(cloud)
    answer({"kind": "error", "id": page[-1]["id"], "error": "syntax error in line 3"})
    assert "The browser could not draw the picture (syntax error in line 3)" in view.value
    assert view.svg == "" and view.text in view.value.replace("&#x27;", "'")
    view.close()


def test_one_renderer_serves_every_diagram_and_carries_viz_js(page, cloud):
    views = [Diagram(cloud), Diagram(cloud)]
    assert len({request["id"] for request in page}) == 2
    renderer = browser_render.renderer()
    assert renderer is browser_render.renderer()
    esm = renderer._esm
    assert esm.startswith("/*!\nViz.js ") and "export default" in esm and "instance()" in esm
    for view in views:
        view.close()


def test_outside_a_kernel_the_install_hint_stays(monkeypatch, cloud):
    monkeypatch.setattr(graphviz_run, "dot_executable", lambda: None)
    monkeypatch.setattr(browser_render, "_renderer", None)
    assert not browser_render.in_kernel()  # pytest runs no kernel
    view = Diagram(cloud)
    assert "Graphviz&#x27;s `dot` program was not found" in view.value
    assert browser_render._renderer is None  # nothing was sent anywhere
    view.close()


class Shell:
    """The IPython shell of a kernel, as far as the diagram uses it (its cell events)."""

    kernel = object()

    def __init__(self) -> None:
        self.hooks: list = []
        self.events = self

    def register(self, _name, hook) -> None:
        self.hooks.append(hook)

    def unregister(self, _name, hook) -> None:
        self.hooks.remove(hook)


def test_without_threads_a_change_is_drawn_once_the_code_gives_the_loop_back(
        page, monkeypatch, cloud, ec2):
    def no_threads(self):
        raise RuntimeError("can't start new thread")

    import IPython

    monkeypatch.setattr(IPython, "get_ipython", Shell)

    async def click():  # a kernel's cell, in a loop of its own (one may run in this thread)
        monkeypatch.setattr(threading.Thread, "start", no_threads)  # from here on: Pyodide
        view = Diagram(cloud)
        asked = len(page)
        # a console click's calls, made in the event loop as a comm message's handler is
        instances = [launch(ec2), launch(ec2)]
        assert len(page) == asked  # not drawn while the handler runs
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return view, asked, instances

    view, asked, instances = run_in_a_fresh_loop(click())
    assert len(page) == asked + 1  # both changes, one picture
    assert all(instance in page[-1]["dot"] for instance in instances)
    view.close()
