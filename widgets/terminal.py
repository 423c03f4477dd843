"""A terminal on an instance: an input line and the scroll-back of what was typed and answered
(``ec2sim.shell`` answers, in the real tools' format)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from widgets.log import ApiLog
from widgets.panels import Panel, choice, keep_choice

SCROLLBACK = 200  # commands kept on screen


class Terminal(Panel):
    """``Terminal(cloud)``: pick an instance, type a command, press Enter."""

    tab_title = "Terminal"

    def __init__(self, cloud: Any, log: ApiLog | None = None,
                 instance_id: str | None = None) -> None:
        self.instance = choice("Instance")
        self.screen = w.HTML(layout=w.Layout(height="260px", overflow="auto",
                                             border="1px solid #444"))
        self.line = w.Text(placeholder="help  (the commands: ip on Linux, ipconfig on Windows)",
                           continuous_update=False, layout=w.Layout(width="80%"))
        self.line.observe(lambda change: self.submit(change["new"]), "value")
        self.scrollback: list[tuple[str, str]] = []
        run = w.Button(description="Run", icon="terminal")
        run.on_click(lambda _: self.submit(self.line.value))
        super().__init__(cloud, log or ApiLog(cloud.client()),
                         [self.instance, self.screen, w.HBox([self.line, run])])
        self.refresh()
        if instance_id is not None:
            self.instance.value = instance_id
        self._render()

    def refresh(self) -> None:
        keep_choice(self.instance, self.instance_choices())

    def submit(self, command: str) -> None:
        if command.strip():
            self.line.value = ""
            self.run(command)

    def run(self, command: str) -> Any:
        """Run one command on the chosen instance; it and its answer join the scroll-back."""
        if self.instance.value is None:
            self.status.value = "<i>Launch an instance first.</i>"
            return None
        shell = self.cloud.shell(self.instance.value)
        prompt = shell.prompt
        if command.strip() == "clear":
            self.scrollback.clear()
            self._render()
            return None
        result = shell.run(command)
        self.scrollback.append((prompt + command, result.output))
        del self.scrollback[:-SCROLLBACK]
        self._render()
        return result

    @property
    def text(self) -> str:
        """The screen as plain text."""
        return "\n".join(f"{line}\n{output}".rstrip("\n") for line, output in self.scrollback)

    def _render(self) -> None:
        body = html.escape(self.text) or "Type a command below; help lists them"
        self.screen.value = ("<pre style='background:#1e1e1e;color:#e6e6e6;margin:0;"
                             f"padding:6px;min-height:248px'>{body}</pre>")
