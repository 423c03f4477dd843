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
    """Newest call first; each shows boto3, the CLI, and the response or the error."""

    def __init__(self, client: Any, *, keep: int = 30) -> None:
        self.client = client
        self.keep = keep
        self.entries: list[Entry] = []
        self._view = w.HTML(layout=w.Layout(max_height="320px", overflow="auto"))
        super().__init__([w.HTML("<b>API log</b> — what each click called, to copy into your "
                                 "own code"), self._view])
        self.add_class("ec2lab-log")
        self._render()

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
        self.entries.insert(0, entry)
        del self.entries[self.keep:]
        self._render()
        return entry.response if entry.failure is None else entry.failure

    @property
    def text(self) -> str:
        """What the log shows, as plain text (for tests and screen readers)."""
        return self._view.value

    def _render(self) -> None:
        if not self.entries:
            self._view.value = "<i>No calls yet: use a panel above.</i>"
            return
        blocks = []
        for entry in self.entries:
            result = (entry.failure.html() if entry.failure else
                      f"<pre>{html.escape(_response_text(entry.response))}</pre>")
            status = "error" if entry.failure else "ok"
            blocks.append(
                f"<div class='ec2lab-entry ec2lab-{status}'>"
                f"<div><b>{entry.operation}</b></div>"
                f"<pre class='ec2lab-boto3'>{html.escape(entry.boto3)}</pre>"
                f"<pre class='ec2lab-cli'>{html.escape(entry.cli)}</pre>{result}</div>")
        self._view.value = "<hr>".join(blocks)
