"""A Windows instance: DHCP configures each adapter's primary address only; a secondary address
needs a static configuration (netsh or PowerShell), after which it answers and the diagram's
"not configured" mark goes."""

from __future__ import annotations

import pytest

from ec2sim import diagram, images

STATIC = 'netsh interface ipv4 set address name="Ethernet" static 10.0.1.10 255.255.255.0 10.0.1.1'


@pytest.fixture
def win(lab) -> str:
    """A Windows server at 10.0.1.10 with the secondary address 10.0.1.4 assigned by EC2."""
    return lab.launch(images.WINDOWS_SERVER_2022, SecondaryPrivateIpAddressCount=1)


def ipv4(lab, instance_id: str) -> list[str]:
    """The IPv4 addresses ``ipconfig`` lists, in order."""
    return [line.split(": ")[1] for line in lab.run(instance_id, "ipconfig").splitlines()
            if line.strip().startswith("IPv4 Address")]


def refused(lab, instance_id: str, command: str, words: str) -> None:
    result = lab.cloud.shell(instance_id).run(command)
    assert result.status == 1 and words in result.output, result.output


def test_only_the_dhcp_address_is_configured_until_the_learner_acts(lab, win):
    shown = lab.run(win, "ipconfig /all")
    assert "Ethernet adapter Ethernet:" in shown
    assert "   DHCP Enabled. . . . . . . . . . . : Yes" in shown.splitlines()
    assert "   IPv4 Address. . . . . . . . . . . : 10.0.1.10(Preferred)" in shown.splitlines()
    assert "10.0.1.4" not in shown
    assert "   Default Gateway . . . . . . . . . : 10.0.1.1" in shown.splitlines()
    assert lab.cloud.shell(win).prompt.startswith("PS C:\\")
    stopped = lab.cloud.probe(lab.launch(address="10.0.1.11"), "10.0.1.4")
    assert stopped.reason == "not-configured-in-os"
    assert 'netsh interface ipv4 add address "Ethernet" 10.0.1.4' in stopped.message
    line = next(x for x in diagram.to_text(lab.cloud).splitlines() if "10.0.1.4 " in x)
    assert "[not configured in the OS]" in line


def test_netsh_makes_the_address_static_then_adds_the_secondary(lab, win):
    refused(lab, win, 'netsh interface ipv4 add address "Ethernet" 10.0.1.4 255.255.255.0',
            "static configuration first")
    assert ipv4(lab, win) == ["10.0.1.10"]  # the refusal changed nothing
    lab.run(win, STATIC)
    lab.run(win, 'netsh interface ipv4 add address "Ethernet" 10.0.1.4 255.255.255.0')
    assert ipv4(lab, win) == ["10.0.1.10", "10.0.1.4"]
    assert "   DHCP Enabled. . . . . . . . . . . : No" in lab.run(win, "ipconfig /all").splitlines()
    assert lab.cloud.probe(lab.launch(address="10.0.1.11"), "10.0.1.4").reachable
    assert "not configured" not in diagram.to_text(lab.cloud)
    lab.run(win, 'netsh interface ipv4 delete address "Ethernet" 10.0.1.4')
    assert ipv4(lab, win) == ["10.0.1.10"]


def test_powershell_does_the_same_in_two_cmdlets(lab, win):
    refused(lab, win, "New-NetIPAddress -InterfaceAlias Ethernet -IPAddress 10.0.1.4 "
            "-PrefixLength 24", "Inconsistent parameters PolicyStore PersistentStore and Dhcp "
            "Enabled")
    lab.run(win, "Set-NetIPInterface -InterfaceAlias Ethernet -Dhcp Disabled")
    assert ipv4(lab, win) == []  # the leased address went with the DHCP client
    lab.run(win, "New-NetIPAddress -InterfaceAlias Ethernet -IPAddress 10.0.1.10 -PrefixLength 24 "
            "-DefaultGateway 10.0.1.1")
    created = lab.run(win, "New-NetIPAddress -InterfaceAlias Ethernet -IPAddress 10.0.1.4 "
                      "-PrefixLength 24")
    assert "IPAddress         : 10.0.1.4" in created and "PolicyStore       : PersistentStore" \
        in created
    listed = lab.run(win, "Get-NetIPAddress -AddressFamily IPv4 -InterfaceAlias Ethernet")
    assert [line.split(": ")[1] for line in listed.splitlines() if line.startswith(
        "IPAddress ")] == ["10.0.1.10", "10.0.1.4"]
    assert "PrefixOrigin      : Manual" in listed
    gateway = "   Default Gateway . . . . . . . . . : 10.0.1.1"
    assert gateway in lab.run(win, "ipconfig").splitlines()  # from -DefaultGateway
    by_index = lab.run(win, "Get-NetIPAddress -InterfaceIndex 5 -IPAddress 10.0.1.4")
    assert "InterfaceAlias    : Ethernet" in by_index
    assert lab.cloud.probe(lab.launch(address="10.0.1.11"), "10.0.1.4").reachable


def test_a_second_adapter_is_ethernet_2_and_takes_its_dhcp_address(lab, win):
    lab.new_interface(win, "10.0.1.30")
    shown = lab.run(win, "ipconfig /all")
    assert "Ethernet adapter Ethernet 2:" in shown
    assert "Amazon Elastic Network Adapter #1" in shown
    assert ipv4(lab, win) == ["10.0.1.10", "10.0.1.30"]
    assert "device index 1 \"Ethernet 2\"" in lab.run(win, "help")
    assert "eth1 (Ethernet 2 in the OS)" in diagram.to_text(lab.cloud)


def test_back_to_dhcp_forgets_the_static_addresses(lab, win):
    lab.run(win, STATIC)
    lab.run(win, 'netsh interface ipv4 add address "Ethernet" 10.0.1.4 255.255.255.0')
    lab.run(win, 'netsh interface ipv4 set address name="Ethernet" source=dhcp')
    assert ipv4(lab, win) == ["10.0.1.10"]
    assert "DHCP Enabled. . . . . . . . . . . : Yes" in lab.run(win, "ipconfig /all")


@pytest.mark.parametrize(("command", "words"), [
    ("ip addr", "The term 'ip' is not recognized"),
    ('netsh interface ipv4 set address name="Ethernet 7" static 10.0.1.10 255.255.255.0',
     "The filename, directory name, or volume label syntax is incorrect."),
    ('netsh interface ipv4 set address name="Ethernet" static 10.0.1.300 255.255.255.0',
     "10.0.1.300 is not an acceptable IPv4 address."),
    ('netsh interface ipv4 set address name="Ethernet" static 10.0.1.10 255.0.255.0',
     "255.0.255.0 is not an acceptable subnet mask."),
    ("New-NetIPAddress -InterfaceAlias Wifi -IPAddress 10.0.1.4",
     "No MSFT_NetIPInterface objects found with property 'InterfaceAlias' equal to 'Wifi'"),
    ("New-NetIPAddress -InterfaceAlias Ethernet -IPAddress 10.0.1.4 -Colour blue",
     "A parameter cannot be found that matches parameter name 'Colour'."),
    ("Get-NetIPAddress -IPAddress 10.0.1.4", "No matching MSFT_NetIPAddress objects found."),
    ("Set-NetIPInterface -InterfaceAlias Ethernet -AddressFamily IPv6 -Dhcp Disabled",
     "configures IPv4 only"),
    ("New-NetIPAddress -InterfaceAlias Ethernet -IPAddress 10.0.1.4 -AddressFamily IPv6",
     "configures IPv4 only"),
    ('netsh interface ipv4 delete address "Ethernet" 10.0.1.4', "Element not found."),
])
def test_errors_answer_like_windows_and_change_nothing(lab, win, command, words):
    before = lab.run(win, "ipconfig /all")
    refused(lab, win, command, words)
    assert lab.run(win, "ipconfig /all") == before


def test_the_same_address_twice_already_exists(lab, win):
    lab.run(win, STATIC)
    refused(lab, win, 'netsh interface ipv4 add address "Ethernet" 10.0.1.10 255.255.255.0',
            "The object already exists.")


def test_a_static_configuration_outlasts_a_stop_and_start(lab, win):
    lab.run(win, STATIC)
    lab.run(win, 'netsh interface ipv4 add address "Ethernet" 10.0.1.4 255.255.255.0')
    lab.ec2.stop_instances(InstanceIds=[win])
    lab.ec2.start_instances(InstanceIds=[win])
    assert ipv4(lab, win) == ["10.0.1.10", "10.0.1.4"]
    gateway = "   Default Gateway . . . . . . . . . : 10.0.1.1"
    assert gateway in lab.run(win, "ipconfig").splitlines()
    assert lab.cloud.probe(lab.launch(address="10.0.1.11"), "10.0.1.4").reachable


def test_a_dhcp_adapter_starts_again_from_dhcp(lab, win):
    lab.ec2.stop_instances(InstanceIds=[win])
    lab.ec2.start_instances(InstanceIds=[win])
    assert ipv4(lab, win) == ["10.0.1.10"]
