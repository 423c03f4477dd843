"""The diagram marks an address EC2 assigned but the instance's OS has not configured."""

from __future__ import annotations

import shutil

import pytest

from ec2sim import diagram, images


def test_the_text_picture_marks_an_unconfigured_address(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    text = diagram.to_text(lab.cloud)
    assert "10.0.1.4" in text and "[not configured in the OS]" in text
    primary_line = next(line for line in text.splitlines() if "10.0.1.10 " in line)
    assert "not configured" not in primary_line
    lab.run(web, "sudo ip addr add 10.0.1.4/24 dev ens5")
    assert "not configured in the OS]" not in diagram.to_text(lab.cloud)


def test_a_stopped_instance_is_not_marked(lab):
    web = lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    lab.ec2.stop_instances(InstanceIds=[web])
    assert "not configured in the OS" not in diagram.to_text(lab.cloud)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_the_svg_has_a_dashed_unconfigured_node(lab):
    lab.launch(images.UBUNTU_24_04, SecondaryPrivateIpAddressCount=1)
    svg = diagram.render_svg(lab.cloud)
    assert 'class="node private&#45;ipv4 secondary unconfigured"' in svg
    assert "not configured in the OS" in svg
