"""Inside the instance the interfaces carry the names the platform gives them (ens5 on a Nitro
type with Amazon Linux 2023 or Ubuntu, eth0 on Amazon Linux 2 and on Xen types), the console's
views show both names where they differ, and a network change needs root."""

from __future__ import annotations

import pytest

from ec2sim import diagram, images
from widgets.panels import Panel

NOT_ROOT = "RTNETLINK answers: Operation not permitted"


def launch(lab, image: str, instance_type: str) -> str:
    return lab.ec2.run_instances(
        ImageId=image, InstanceType=instance_type, MinCount=1, MaxCount=1,
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": lab.id("subnet", "public-a"),
                            "PrivateIpAddress": "10.0.1.10"}])["Instances"][0]["InstanceId"]


def links(lab, instance_id: str) -> list[str]:
    """The interface names ``ip link`` lists, loopback aside."""
    return [line.split(": ")[1] for line in lab.run(instance_id, "ip link").splitlines()
            if line[:1].isdigit() and ": lo:" not in line]


@pytest.mark.parametrize(("image", "instance_type", "names"), [
    (images.AMAZON_LINUX_2023, "t3.medium", ["ens5", "ens6"]),
    (images.UBUNTU_24_04, "t3.medium", ["ens5", "ens6"]),
    (images.UBUNTU_24_04, "z1d.metal", ["ens5", "ens6"]),  # bare metal: PCI slots too
    (images.AMAZON_LINUX_2, "t3.medium", ["eth0", "eth1"]),  # AL2 keeps the classic names
    (images.UBUNTU_24_04, "t2.medium", ["eth0", "eth1"]),  # a Xen interface has no slot
])
def test_interface_names_follow_the_platform(lab, image, instance_type, names):
    web = launch(lab, image, instance_type)
    lab.new_interface(web, "10.0.1.30")
    assert links(lab, web) == names


def test_amazon_linux_2023_also_answers_to_the_device_number(lab):
    web = launch(lab, images.AMAZON_LINUX_2023, "t3.medium")
    lab.new_interface(web, "10.0.1.30")
    assert "    altname device-number-1" in lab.run(web, "ip link").splitlines()
    assert "ens6" in lab.run(web, "ip addr show dev device-number-1")
    lab.run(web, "sudo ip addr add 10.0.1.31/24 dev device-number-1")
    assert "inet 10.0.1.31/24 scope global secondary ens6" in lab.run(web, "ip addr")


def test_ubuntu_has_no_device_number_altname(lab):
    web = launch(lab, images.UBUNTU_24_04, "t3.medium")
    assert "altname" not in lab.run(web, "ip link")
    result = lab.cloud.shell(web).run("sudo ip addr add 10.0.1.31/24 dev device-number-0")
    assert (result.output, result.status) == ('Cannot find device "device-number-0"', 1)


def test_the_classic_name_is_unknown_where_the_os_says_ens5(lab):
    web = launch(lab, images.UBUNTU_24_04, "t3.medium")
    result = lab.cloud.shell(web).run("sudo ip addr add 10.0.1.31/24 dev eth0")
    assert (result.output, result.status) == ('Cannot find device "eth0"', 1)


def test_the_shell_help_names_this_instances_interfaces(lab):
    nitro = launch(lab, images.UBUNTU_24_04, "t3.medium")
    assert "device index 0 (eth0 in the EC2 console) is ens5" in lab.run(nitro, "help")
    xen = lab.ec2.run_instances(
        ImageId=images.UBUNTU_24_04, InstanceType="t2.medium", MinCount=1, MaxCount=1,
        SubnetId=lab.id("subnet", "public-a"))["Instances"][0]["InstanceId"]
    assert "device index 0 (eth0 in the EC2 console) is eth0" in lab.run(xen, "help")


def test_diagram_and_dropdowns_show_both_names_where_they_differ(lab):
    nitro = launch(lab, images.UBUNTU_24_04, "t3.medium")
    lab.new_interface(nitro, "10.0.1.30")
    classic = lab.ec2.run_instances(
        ImageId=images.AMAZON_LINUX_2, InstanceType="t3.medium", MinCount=1, MaxCount=1,
        SubnetId=lab.id("subnet", "public-a"))["Instances"][0]["InstanceId"]
    text = diagram.to_text(lab.cloud)
    assert f"eth0 (ens5 in the OS) {lab.eth(nitro)}" in text
    assert f"eth1 (ens6 in the OS) {lab.eth(nitro, 1)}" in text
    assert f"eth0 {lab.eth(classic)}" in text  # Amazon Linux 2 says eth0 too
    labels = dict((value, label) for label, value in Panel(lab.cloud, None, []).interface_choices())
    assert labels[lab.eth(nitro, 1)].startswith(f"{nitro} eth1 (ens6 in the OS), 10.0.1.30 (")
    assert labels[lab.eth(classic)].startswith(f"{classic} eth0, ")


@pytest.mark.parametrize("command", [
    "ip addr add 10.0.1.20/24 dev ens5",
    "ip addr del 10.0.1.10/24 dev ens5",
    "ip link set ens6 up",
    "ip route add 10.0.9.0/24 dev ens5",
    "ip route del default",
    "ip rule add from 10.0.1.20 table 1001",
    "ip rule del from 10.0.1.30 table 1001",
])
def test_a_network_change_needs_root_and_changes_nothing(lab, command):
    web = launch(lab, images.UBUNTU_24_04, "t3.medium")
    lab.new_interface(web, "10.0.1.30")
    lab.run(web, "sudo ip rule add from 10.0.1.30 table 1001")
    before = {view: lab.run(web, view) for view in ("ip addr", "ip route", "ip rule")}
    result = lab.cloud.shell(web).run(command)
    assert (result.output, result.status) == (NOT_ROOT, 2)
    assert {view: lab.run(web, view) for view in before} == before
    assert lab.cloud.shell(web).run(f"sudo {command}").status == 0  # root may


def test_looking_needs_no_root(lab):
    web = launch(lab, images.UBUNTU_24_04, "t3.medium")
    for command in ("ip addr", "ip link", "ip route", "ip rule", "ip route show table 1001"):
        assert lab.cloud.shell(web).run(command).status == 0, command


def test_ip_names_a_missing_device_before_the_kernel_refuses(lab):
    web = launch(lab, images.UBUNTU_24_04, "t3.medium")
    result = lab.cloud.shell(web).run("ip addr add 10.0.1.20/24 dev ens9")
    assert (result.output, result.status) == ('Cannot find device "ens9"', 1)
