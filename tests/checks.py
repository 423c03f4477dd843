"""Checks the tests share: an answer equals what EC2's wire would deliver (every client in
tests/conftest.py runs it), and a refusal carries AWS's code and changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ec2sim import wire
from ec2sim.errors import ERROR_CODES


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (``True`` is not ``1``); timestamps
    compare as instants, whatever tzinfo class botocore picked."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a.tzinfo is not None and b.tzinfo is not None and a == b
    return type(a) is type(b) and a == b


def wire_differences(operation: str, response: dict) -> list[str]:
    """The members of a response that would come back different over EC2's wire."""
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    back = wire.roundtrip_response(operation, body)
    return [f"{key}: in-process {body.get(key, '(absent)')!r:.300} / wire "
            f"{back.get(key, '(absent)')!r:.300}"
            for key in sorted(set(body) | set(back))
            if key not in body or key not in back or not same(body[key], back[key])]


def check_on_the_wire(model: Any, parsed: dict, **_: Any) -> None:
    """botocore ``after-call`` hook: a success equals its XML round trip; an error has a
    registered code and a message."""
    error = parsed.get("Error")
    if error:
        assert error.get("Code") in ERROR_CODES, f"unregistered error code {error.get('Code')}"
        assert error.get("Message"), f"{error.get('Code')} without a message"
        return
    differences = wire_differences(model.name, parsed)
    assert not differences, f"{model.name} differs on the wire: {differences}"


@contextmanager
def refused(cloud: Any, code: str, message: str) -> Iterator[Any]:
    """The call inside must fail with AWS's ``code`` and ``message`` (words of the message: the
    reason, so that another rule refusing the same input does not pass the test), and leave the
    world exactly as it was, with no event published."""
    assert message.strip(), "a refusal test names the reason: words of the message"
    before = cloud.snapshot()
    history = len(cloud.history)
    seen: list[Any] = []
    stop = cloud.subscribe(seen.append)
    try:
        with pytest.raises(ClientError) as caught:
            yield caught
    finally:
        stop()
    error = caught.value.response["Error"]
    assert error["Code"] == code, error
    assert message in error["Message"], error["Message"]
    assert cloud.snapshot() == before, "a refused call changed the world"
    assert len(cloud.history) == history and not seen, "a refused call published an event"


def run_in_a_fresh_loop(coroutine):
    """Run ``coroutine`` in a new event loop of its own thread, as a kernel runs a cell: the test
    process may have a loop of its own marked running (Playwright's sync API keeps one while it
    drives a browser), where asyncio.run refuses to start."""
    outcome = {}

    def main():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=main)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
