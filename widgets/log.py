"""The API log: every call a panel makes, as the boto3 call, the AWS CLI command and the AWS Tools
for PowerShell line that do the same, with AWS's answer or AWS's error explained."""

from __future__ import annotations

import html
import json
from collections import deque
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
from botocore import xform_name
from botocore.exceptions import ClientError
from ipywidgets.widgets.widget_string import HTMLStyle

from ec2sim.errors import explain
from widgets.calls import boto3_call, cli_command
from widgets.powershell import powershell_command


@dataclass
class Failure:
    """AWS's refusal of a call, with the plain reading a learner needs."""

    code: str
    message: str
    explanation: str
    confirmed: bool

    def html(self) -> str:
        flag = "" if self.confirmed else " <i>(error code modelled by the simulation)</i>"
        return (f"<b>{html.escape(self.code)}</b>: {html.escape(self.message)}<br>"
                f"<span class='ec2lab-why'>Why: {html.escape(self.explanation)}</span>{flag}")


@dataclass
class Entry:
    operation: str
    params: dict[str, Any]
    response: dict[str, Any] | None
    failure: Failure | None

    @property
    def boto3(self) -> str:
        return boto3_call(self.operation, self.params)

    @property
    def cli(self) -> str:
        return cli_command(self.operation, self.params)

    @property
    def powershell(self) -> str:
        return powershell_command(self.operation, self.params)


SHOWN = 2000  # characters of a response the log shows; the rest is cut (it is in the Entry)


def _response_text(response: dict[str, Any]) -> str:
    """The response as indented JSON, cut after SHOWN characters: encoded piece by piece, so a
    describe of a big lab costs no more than a small answer."""
    shown = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    pieces, size = [], 0
    for piece in json.JSONEncoder(indent=1, default=str).iterencode(shown):
        pieces.append(piece)
        size += len(piece)
        if size > SHOWN:
            return ("".join(pieces)[:SHOWN] + "\n… (cut here: the whole answer is what the call "
                    "returns in code)")
    return "".join(pieces)


class ApiLog(w.VBox):
    """Newest call first; each shows boto3, the CLI, PowerShell, and the response or the error.

    Each call fills one small row: a new one until ``keep`` rows exist, then the oldest, which
    CSS ``order`` moves to the top. The log never re-renders what it already shows, and once full
    a call only sends its own row to the page: it costs the same with a full log as with one row.
    """

    def __init__(self, client: Any, *, keep: int = 30) -> None:
        self.client = client
        self.keep = keep
        self.entries: list[Entry] = []
        self._shown: deque[w.HTML] = deque()  # the rows, newest first
        self._calls = 0
        self._style = HTMLStyle()  # shared by every row
        self._rows = w.VBox([w.HTML("<i>No calls yet: use a panel above.</i>")],
                            layout=w.Layout(max_height="320px", overflow="auto"))
        super().__init__([w.HTML("<b>API log</b> — what each click called, to copy into your "
                                 "own code (Python, AWS CLI, then PowerShell, which cannot run "
                                 "here: copy it to a Windows machine with AWS Tools for "
                                 "PowerShell)"), self._rows])
        self.add_class("ec2lab-log")

    def call(self, operation: str, **params: Any) -> dict[str, Any] | Failure:
        """Make one call through the real boto3 client and log it; AWS's error is returned
        (as a Failure), never raised, so a panel can show it."""
        method = getattr(self.client, xform_name(operation))
        try:
            response = method(**params)
            entry = Entry(operation, params, response, None)
        except ClientError as error:
            code = error.response["Error"]["Code"]
            known = explain(code)
            entry = Entry(operation, params, None, Failure(
                code, error.response["Error"].get("Message", ""), known.explanation,
                known.confirmed))
        self._add(entry)
        return entry.response if entry.failure is None else entry.failure

    @property
    def rows(self) -> list[w.HTML]:
        """The rows as the page shows them, newest first."""
        return list(self._shown) or list(self._rows.children)

    @property
    def text(self) -> str:
        """What the log shows, newest first (HTML)."""
        return "<hr>".join(row.value for row in self.rows)

    def _add(self, entry: Entry) -> None:
        self.entries.insert(0, entry)
        del self.entries[self.keep:]
        self._calls += 1
        value, order = _entry_html(entry), str(-self._calls)  # a lower order shows higher up
        if len(self._shown) >= self.keep:
            row = self._shown.pop()  # the oldest call's row shows the newest
            row.value, row.layout.order = value, order
            self._shown.appendleft(row)
            return
        row = w.HTML(value, layout=w.Layout(order=order), style=self._style)
        self._rows.children = [*self._shown, row] if self._shown else [row]
        self._shown.appendleft(row)

    def close(self) -> None:
        for row in self._shown:
            row.layout.close()
            row.close()
        self._style.close()
        super().close()


def _entry_html(entry: Entry) -> str:
    result = (entry.failure.html() if entry.failure else
              f"<pre>{html.escape(_response_text(entry.response))}</pre>")
    status = "error" if entry.failure else "ok"
    return (f"<div class='ec2lab-entry ec2lab-{status}'>"
            f"<div><b>{entry.operation}</b></div>"
            f"<pre class='ec2lab-boto3'>{html.escape(entry.boto3)}</pre>"
            f"<pre class='ec2lab-cli'>{html.escape(entry.cli)}</pre>"
            f"<pre class='ec2lab-powershell'>PS&gt; {html.escape(entry.powershell)}</pre>"
            f"{result}</div>")
