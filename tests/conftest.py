"""What every test shares.

* No test reads the developer's own AWS configuration or credentials.
* One Playwright per run drives Chromium for tests/browser and tests/lite (its sync API allows
  one per thread: a second one refuses while the first's event loop runs).
* Every client a test makes (``cloud.client()`` included) checks every answer: a success must
  survive the trip through EC2's XML and botocore's parser unchanged, and an error must carry a
  code from ``ec2sim.errors.ERROR_CODES`` with a message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from checks import check_on_the_wire

import ec2sim
from ec2sim import client as client_module


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Python's playwright is missing: run scripts/setup.sh test")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(autouse=True)
def no_real_aws(monkeypatch, tmp_path):
    """Nothing of the machine's AWS settings reaches a test."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(autouse=True)
def wire_conformance(monkeypatch):
    """Make every client of every Cloud check its answers against the wire (see above)."""
    make_client = client_module.make_client

    def checked_client(cloud: Any) -> Any:
        client = make_client(cloud)
        client.meta.events.register("after-call.ec2", check_on_the_wire)
        return client

    monkeypatch.setattr(client_module, "make_client", checked_client)


@pytest.fixture
def cloud() -> ec2sim.Cloud:
    """A new simulated account (seed 0, us-east-1, with its default VPC)."""
    return ec2sim.Cloud(seed=0)


@pytest.fixture
def ec2(cloud):
    """The account's boto3 EC2 client."""
    return cloud.client()
