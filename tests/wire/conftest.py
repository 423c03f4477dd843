"""Fixtures for the HTTP door: a simulated account behind a loopback endpoint, and its clients."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from wire_support import AwsCli

from ec2sim.server import Server, serve


@pytest.fixture(autouse=True)
def no_real_aws(monkeypatch, tmp_path_factory):
    """No test may read the developer's AWS configuration or credentials."""
    home = tmp_path_factory.mktemp("aws-home")
    (home / "config").write_text("")
    (home / "credentials").write_text("")
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEC2SIMTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-secret")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return home


@pytest.fixture
def endpoint(cloud) -> Iterator[Server]:
    with serve(cloud) as server:
        yield server


@pytest.fixture
def aws(endpoint, no_real_aws) -> AwsCli:
    return AwsCli(endpoint, no_real_aws)
