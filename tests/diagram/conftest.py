"""Fixtures for the diagram's tests: a small lab built through the real boto3-shaped client."""

from __future__ import annotations

import os

import pytest
from diagram_support import AMI, build_lab

import ec2sim


@pytest.fixture(autouse=True)
def no_real_aws(monkeypatch, tmp_path):
    """The simulated client must never read the developer's own AWS configuration."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def cloud() -> ec2sim.Cloud:
    return ec2sim.Cloud(seed=0)


@pytest.fixture
def ec2(cloud):
    return cloud.client()


@pytest.fixture
def events(cloud) -> list[ec2sim.Event]:
    """Every event the cloud publishes, in order."""
    heard: list[ec2sim.Event] = []
    cloud.subscribe(heard.append)
    return heard


@pytest.fixture
def lab(cloud, ec2, events) -> dict:
    return build_lab(ec2)


@pytest.fixture
def ami() -> str:
    return AMI
