"""The Console in a lab with an IPv6-only subnet: its panels open and name interfaces that have
no private IPv4 address by their IPv6 address."""

from __future__ import annotations

import pytest
from netaddr import IPNetwork

import ec2sim
import widgets


@pytest.fixture
def ipv6_only_lab():
    cloud = ec2sim.Cloud(seed=0)
    ec2 = cloud.client()
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    block = IPNetwork(vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])
    subnet = ec2.create_subnet(VpcId=vpc["VpcId"], Ipv6Native=True,
                               Ipv6CidrBlock=str(next(block.subnet(64))),
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    launched = ec2.run_instances(ImageId="ami-0a5c3558529277641", InstanceType="t3.micro",
                                 MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
    console = widgets.Console(cloud)
    yield console, subnet, launched["NetworkInterfaces"][0]
    console.close()


def panel(console, kind):
    return next(p for p in console.panels if isinstance(p, kind))


def test_the_panels_show_an_ipv6_only_subnet_and_interface(ipv6_only_lab):
    console, subnet, eni = ipv6_only_lab
    launch = panel(console, widgets.LaunchPanel)
    labels = dict((value, label) for label, value in launch.devices.children[0].subnet.options)
    assert "IPv6-only" in labels[subnet]
    address = eni["Ipv6Addresses"][0]["Ipv6Address"]
    addresses = panel(console, widgets.AddressesPanel)
    addresses.refresh()
    addresses.eni.value = eni["NetworkInterfaceId"]
    addresses.show_interface()
    assert "IPv6-only: no private IPv4" in addresses.summary.value
    assert list(addresses.assigned_ipv6.options) == [address]
    interfaces = panel(console, widgets.InterfacesPanel)
    interfaces.refresh()
    assert any(address in label for label, _ in interfaces.eni.options)
