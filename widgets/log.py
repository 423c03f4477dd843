"""The API log: every call a panel makes, as the boto3 call and the AWS CLI command that do the
same, with AWS's answer or AWS's error explained."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
from botocore import xform_name
from botocore.exceptions import ClientError

from ec2sim.errors import explain
from widgets.calls import boto3_call, cli_command


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


def _response_text(response: dict[str, Any]) -> str:
    shown = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    return json.dumps(shown, indent=1, default=str)


class ApiLog(w.VBox):
    """Newest call first; each shows boto3, the CLI, and the response or the error.

    Each call adds one small row and drops the oldest past ``keep``: the log never re-renders
    what it already shows, so a call costs the same with a full log as with an empty one.
    """

    def __init__(self, client: Any, *, keep: int = 30) -> None:
        self.client = client
        self.keep = keep
        self.entries: list[Entry] = []
        self._empty = w.HTML("<i>No calls yet: use a panel above.</i>")
        self._rows = w.VBox([self._empty], layout=w.Layout(max_height="320px", overflow="auto",
                                                           display="block"))
        super().__init__([w.HTML("<b>API log</b> — what each click called, to copy into your "
                                 "own code"), self._rows])
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
    def text(self) -> str:
        """What the log shows, newest first (HTML)."""
        return "<hr>".join(row.value for row in self._rows.children)

    def _add(self, entry: Entry) -> None:
        self.entries.insert(0, entry)
        del self.entries[self.keep:]
        rows = [row for row in self._rows.children if row is not self._empty]
        for dropped in rows[self.keep - 1:]:
            dropped.close()
        self._rows.children = [w.HTML(_entry_html(entry)), *rows[:self.keep - 1]]

    def close(self) -> None:
        for row in self._rows.children:
            row.close()
        super().close()


def _entry_html(entry: Entry) -> str:
    result = (entry.failure.html() if entry.failure else
              f"<pre>{html.escape(_response_text(entry.response))}</pre>")
    status = "error" if entry.failure else "ok"
    return (f"<div class='ec2lab-entry ec2lab-{status}'>"
            f"<div><b>{entry.operation}</b></div>"
            f"<pre class='ec2lab-boto3'>{html.escape(entry.boto3)}</pre>"
            f"<pre class='ec2lab-cli'>{html.escape(entry.cli)}</pre>{result}</div>")
