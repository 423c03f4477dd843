"""The Launch panel stops at two network interfaces, as the EC2 console's launch wizard does (more
are attached after launch, or named in run_instances), and before that at the type's own limit."""

from __future__ import annotations

import html
import re

import pytest

import widgets
from ec2sim import scenarios


@pytest.fixture
def launch():
    console = widgets.Console(scenarios.lab_vpc())
    panel = next(p for p in console.panels if isinstance(p, widgets.LaunchPanel))
    yield panel
    console.close()


def status(panel) -> str:
    """The status line as the learner reads it."""
    return html.unescape(re.sub(r"<[^>]+>", "", panel.status.value))


def device_labels(panel) -> list[str]:
    return [row.subnet.description for row in panel.devices.children]


def test_a_third_device_is_refused_with_the_console_limit_and_the_ways_round_it(launch):
    assert launch.instance_type.value == "t3.medium"  # it takes 3 interfaces through the API
    launch.add_device_button.click()
    assert status(launch) == ""
    launch.add_device_button.click()
    assert status(launch) == (
        "Refused: The console launches an instance with at most 2 network interfaces. Attach "
        "more after launch, in Network interfaces, or launch through the API: run_instances "
        "takes as many as the type allows (t3.medium: 3).")
    assert device_labels(launch) == ["eth0 subnet", "eth1 subnet"]
    assert launch.public_ip.disabled  # still two interfaces: no auto-assigned public IPv4


def test_launching_with_the_two_devices_works_after_the_refusal(launch):
    launch.add_device_button.click()
    launch.add_device_button.click()
    launch.launch_button.click()
    assert re.fullmatch(r"Done: Launched i-[0-9a-f]+ with 2 network interface\(s\)\.",
                        status(launch)), status(launch)


def test_a_type_that_takes_two_refuses_the_third_with_its_own_limit(launch):
    """Attaching later or the API would not help a t3.micro: the type's sentence comes first."""
    launch.instance_type.value = "t3.micro"
    launch.add_device_button.click()
    launch.add_device_button.click()
    assert status(launch) == "Refused: A t3.micro takes at most 2 network interfaces."
    assert device_labels(launch) == ["eth0 subnet", "eth1 subnet"]


def test_removing_a_device_after_the_refusal_lets_one_be_added_and_clears_it(launch):
    launch.add_device_button.click()
    launch.add_device_button.click()
    launch.devices.children[1].children[-1].click()  # Remove eth1
    launch.add_device_button.click()
    assert status(launch) == ""
    assert device_labels(launch) == ["eth0 subnet", "eth1 subnet"]
