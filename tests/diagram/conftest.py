"""Fixtures for the diagram's tests: a small lab built through the real boto3-shaped client."""

from __future__ import annotations

import pytest
from diagram_support import AMI, build_lab

import ec2sim


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
