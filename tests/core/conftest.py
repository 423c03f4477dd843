"""Fixtures for the core's tests: a simulated account, a dual-stack VPC, a subnet, instances.

Every client made here (``cloud.client()`` included) is checked on every call: a successful
response must survive the trip through EC2's XML and botocore's parser unchanged, and an error
must carry a code from ``ec2sim.errors.ERROR_CODES``.
"""

from __future__ import annotations

from typing import Any

import pytest
from core_support import AMI, ipv6_subnet_block


@pytest.fixture
def vpc(ec2) -> dict:
    """A VPC 10.0.0.0/16 with an Amazon-provided IPv6 /56."""
    return ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]


@pytest.fixture
def vpc_id(vpc) -> str:
    return vpc["VpcId"]


@pytest.fixture
def vpc_ipv6(vpc) -> str:
    return vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]


@pytest.fixture
def igw(ec2, vpc_id) -> str:
    """An internet gateway attached to the VPC."""
    igw_id = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
    return igw_id


@pytest.fixture
def subnet(ec2, vpc_id, vpc_ipv6) -> dict:
    """10.0.1.0/24 in us-east-1a, with the VPC's first IPv6 /64."""
    return ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a",
                             Ipv6CidrBlock=ipv6_subnet_block(vpc_ipv6, 0))["Subnet"]


@pytest.fixture
def subnet_id(subnet) -> str:
    return subnet["SubnetId"]


@pytest.fixture
def subnet_ipv6(subnet) -> str:
    return subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]


@pytest.fixture
def ipv4_only_subnet_id(ec2, vpc_id) -> str:
    """10.0.2.0/24, also in us-east-1a, without IPv6."""
    return ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.2.0/24",
                             AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]


@pytest.fixture
def subnet_b_id(ec2, vpc_id, vpc_ipv6) -> str:
    """10.0.3.0/24 in another zone, us-east-1b."""
    return ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.3.0/24", AvailabilityZone="us-east-1b",
                             Ipv6CidrBlock=ipv6_subnet_block(vpc_ipv6, 3))["Subnet"]["SubnetId"]


@pytest.fixture
def launch(ec2, subnet_id):
    """launch(instance_type="t3.medium", **run_instances_kwargs) -> the instance dict."""

    def run(instance_type: str = "t3.medium", **kwargs: Any) -> dict:
        if "NetworkInterfaces" not in kwargs:
            kwargs.setdefault("SubnetId", subnet_id)
        response = ec2.run_instances(ImageId=AMI, InstanceType=instance_type, MinCount=1,
                                     MaxCount=1, **kwargs)
        return response["Instances"][0]

    return run


@pytest.fixture
def instance(launch) -> dict:
    """A running t3.medium (3 interfaces, 6 IPv4 and 6 IPv6 addresses per interface)."""
    return launch("t3.medium")


@pytest.fixture
def instance_id(instance) -> str:
    return instance["InstanceId"]


@pytest.fixture
def eni_id(instance) -> str:
    """The instance's primary network interface (eth0)."""
    return instance["NetworkInterfaces"][0]["NetworkInterfaceId"]


@pytest.fixture
def m5(launch) -> dict:
    """A running m5.large (3 interfaces, 10 IPv4 and 10 IPv6 addresses per interface)."""
    return launch("m5.large")


@pytest.fixture
def new_eni(ec2, subnet_id):
    """new_eni(**create_network_interface_kwargs) -> the new interface's ID."""

    def create(**kwargs: Any) -> str:
        kwargs.setdefault("SubnetId", subnet_id)
        return ec2.create_network_interface(**kwargs)["NetworkInterface"]["NetworkInterfaceId"]

    return create
