"""The Console: the panels, the live diagram and the API log in one app, with Undo, Reset and
Save / Load of the whole lab."""

from __future__ import annotations

import base64
import html
from datetime import datetime
from typing import Any

import ipywidgets as w

from ec2sim import lab_file
from widgets.diagram import Diagram
from widgets.lifecycle import close_children, kernel_loop, subscribe_weakly, take_over
from widgets.log import ApiLog
from widgets.panels import AddressesPanel, ElasticIpPanel, InterfacesPanel, LaunchPanel
from widgets.terminal import Terminal
from widgets.traffic import Traffic

STYLE = """<style>
.ec2lab-console pre { white-space: pre-wrap; margin: 2px 0; font-size: 12px; }
.ec2lab-console .ec2lab-cli { color: #0072B2; }
.ec2lab-console .ec2lab-error { color: #A3341C; }
.ec2lab-console .ec2lab-ok { color: #1B6E4B; }
.ec2lab-log .ec2lab-entry { border-top: 1px solid #CCCCCC; padding-top: 2px; }
.ec2lab-projector, .ec2lab-projector .widget-label, .ec2lab-projector input,
.ec2lab-projector select, .ec2lab-projector button { font-size: 18px !important; }
.ec2lab-projector pre { font-size: 16px; }
.ec2lab-console .ec2lab-stacked { flex-direction: column; align-items: stretch; height: auto; }
.ec2lab-console .ec2lab-stacked > .widget-label { width: auto !important; text-align: left; }
.ec2lab-console .ec2lab-stacked > select { flex: 0 0 auto; }
.ec2lab-console .jupyter-widget-tab > .lm-TabBar > .lm-TabBar-content { flex-wrap: wrap; }
.ec2lab-console .jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto; }
</style>"""

# How the panels and the diagram share the width: side by side when the notebook is wide enough
# for both at these widths (a 1366-pixel laptop with JupyterLab's file browser open gives an
# output 930 pixels wide), one above the other when it is not; always stacked, in larger type, on
# a projector.
SIZES = {"laptop": ("1 1 520px", "1 1 380px"), "projector": ("1 1 100%", "1 1 100%")}


class Console(w.VBox):
    """Everything a learner needs in one place: ``Console(cloud)`` in a notebook cell.

    ``size="projector"`` stacks the diagram under the panels, in larger type. A new Console of
    the same cloud (the cell run again) closes this one: one live console per lab.
    """

    def __init__(self, cloud: Any, size: str = "laptop") -> None:
        if size not in SIZES:
            raise ValueError(f"size must be one of {sorted(SIZES)}")
        self.cloud = cloud
        self.api_log = ApiLog(cloud.client())
        self.panels = [cls(cloud, self.api_log) for cls in (LaunchPanel, InterfacesPanel,
                                                        AddressesPanel, ElasticIpPanel,
                                                        Terminal, Traffic)]
        for panel in self.panels:
            panel.after_action = self.refresh
        self.tabs = w.Tab(children=self.panels, titles=[p.tab_title for p in self.panels])
        self.diagram = Diagram(cloud, retire_previous=False)  # part of this console
        for panel in self.panels:
            if isinstance(panel, Traffic):  # a probe sent there is drawn on the diagram
                panel.diagram = self.diagram
        self.status = w.HTML()
        self.undo_button = w.Button(description="Undo", icon="undo")
        self.reset_button = w.Button(description="Reset", icon="trash")
        self.save_button = w.Button(description="Save lab", icon="download")
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Load lab")
        self.download = w.HTML()
        self.undo_button.on_click(lambda _: self.undo())
        self.reset_button.on_click(lambda _: self.reset())
        self.save_button.on_click(lambda _: self.save())
        self.upload.observe(lambda change: self.load(change["new"]), "value")
        toolbar = w.HBox([self.undo_button, self.reset_button, self.save_button, self.upload,
                          self.download])
        left, right = SIZES[size]
        body = w.Box([w.VBox([self.tabs], layout=w.Layout(flex=left)),
                      w.VBox([self.diagram], layout=w.Layout(flex=right, overflow="auto",
                                                             margin="0 0 0 8px"))],
                     layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        super().__init__([w.HTML(STYLE), toolbar, self.status, body, self.api_log])
        self.add_class("ec2lab-console")
        if size == "projector":
            self.add_class("ec2lab-projector")
        self.start = cloud.snapshot()  # what Reset goes back to
        self._stale = False
        self._unsubscribe = subscribe_weakly(cloud, self._changed)
        take_over(cloud, "console", self)

    # -- staying current ---------------------------------------------------------------------
    def _changed(self, _event: Any) -> None:
        """The world changed (a click, a cell, the CLI). No thread and no timer (Pyodide has
        none): in a kernel -- a cell, a click -- the panels refresh once the running code gives
        the kernel's loop back, so a burst of calls refreshes them once; elsewhere (a script,
        the CLI's server thread) at once."""
        if self._stale:
            return
        self._stale = True
        loop = kernel_loop()
        if loop is None:
            self.refresh()
            return
        loop.call_soon(self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild every panel's choices from the world as it is now."""
        self._stale = False
        for panel in self.panels:
            panel.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict | None:
        """JupyterLab shows the live console; a saved notebook on GitHub shows the picture."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        picture = self.diagram.static()
        bundle["text/plain"] = ("ec2-multi-ip lab console: run this notebook in JupyterLab to "
                                "use it. The lab as this cell left it:\n\n" + picture["text/plain"])
        if "image/svg+xml" in picture:
            bundle["image/svg+xml"] = picture["image/svg+xml"]
        return bundle

    def close(self) -> None:
        """Stop following the cloud; close every part (the diagram stops its ``dot``)."""
        if hasattr(self, "_unsubscribe"):  # absent when __init__ refused its arguments
            self._unsubscribe()
            self._stale = False
            close_children(self)
        super().close()

    # -- toolbar -----------------------------------------------------------------------------
    def undo(self) -> None:
        event = self.cloud.undo()
        self.status.value = ("Nothing to undo." if event is None else
                             f"Undid {html.escape(event.params['Operation'])}.")
        self.refresh()

    def reset(self) -> None:
        """Go back to the world this console started with (the notebook's scenario); asks once
        more first, and Undo brings the work back."""
        if self.reset_button.description != "Confirm reset":
            self.reset_button.description = "Confirm reset"
            self.reset_button.button_style = "danger"
            self.status.value = ("Reset takes the lab back to where this console started. Click "
                                 "<b>Confirm reset</b> to go on (Undo brings your work back), "
                                 "or Save first.")
            return
        self.reset_button.description = "Reset"
        self.reset_button.button_style = ""
        self.cloud.reset(self.start)
        self.status.value = ("The lab is back where this console started. Undo brings your work "
                             "back.")
        self.refresh()

    def save(self) -> str:
        """Write the lab to a JSON file beside the notebook (all at once: a save cut short
        leaves an earlier file as it was) and offer it as a download."""
        name = f"ec2-lab-{datetime.now():%Y%m%d-%H%M%S}.json"
        text = lab_file.dumps(self.cloud.snapshot())
        lab_file.replace_file(name, text)
        data = base64.b64encode(text.encode()).decode()
        self.download.value = (f"<a download='{name}' href='data:application/json;base64,"
                               f"{data}'>Download {name}</a>")
        self.status.value = (f"Saved to <code>{name}</code>. Download it to keep it: a Binder "
                             "session that ends takes its files with it.")
        return name

    def load(self, uploaded: Any) -> None:
        """Load a lab saved earlier (the uploaded JSON file) in place of the current one; a
        file that is not a saved lab is refused in one sentence and the lab stays as it was."""
        if not uploaded:
            return
        item = uploaded[0]
        try:
            self.cloud.reset(lab_file.parse(bytes(item["content"])))
        except lab_file.LabFileError as error:
            self.status.value = (f"<span class='ec2lab-error'>Not loaded: "
                                 f"{html.escape(str(error))} Nothing changed.</span>")
            return
        self.status.value = (f"Loaded {html.escape(item['name'])}. Undo brings back the lab "
                             "you had before.")
        self.refresh()
