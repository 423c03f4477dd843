"""Quick look-ups the core's tests share (refusals and the wire check: tests/checks.py)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from netaddr import IPNetwork

from ec2sim.images import AMAZON_LINUX_2023

AMI = AMAZON_LINUX_2023


def error_code(call: Any, **kwargs: Any) -> str:
    """The AWS error code a call fails with."""
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"]


def eni(ec2: Any, eni_id: str) -> dict:
    return ec2.describe_network_interfaces(NetworkInterfaceIds=[eni_id])["NetworkInterfaces"][0]


def private_ips(ec2: Any, eni_id: str) -> list[str]:
    """The interface's private IPv4 addresses, primary first."""
    return [p["PrivateIpAddress"] for p in eni(ec2, eni_id)["PrivateIpAddresses"]]


def ipv6_ips(ec2: Any, eni_id: str) -> list[str]:
    return [a["Ipv6Address"] for a in eni(ec2, eni_id)["Ipv6Addresses"]]


def instance(ec2: Any, instance_id: str) -> dict:
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return reservations[0]["Instances"][0]


def free_count(ec2: Any, subnet_id: str) -> int:
    subnet = ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]
    return subnet["AvailableIpAddressCount"]


def address(ec2: Any, allocation_id: str) -> dict:
    return ec2.describe_addresses(AllocationIds=[allocation_id])["Addresses"][0]


def eip_of(ec2: Any, eni_id: str, private_ip: str) -> str | None:
    """The public IPv4 an interface maps to one of its private addresses, if any."""
    for entry in eni(ec2, eni_id)["PrivateIpAddresses"]:
        if entry["PrivateIpAddress"] == private_ip:
            return entry.get("Association", {}).get("PublicIp")
    raise AssertionError(f"{private_ip} is not on {eni_id}")


def attach(ec2: Any, eni_id: str, instance_id: str, device_index: int) -> str:
    return ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance_id,
                                        DeviceIndex=device_index)["AttachmentId"]


def ipv6_subnet_block(vpc_block: str, n: int) -> str:
    """The n-th /64 of a VPC's /56 (here, not in conftest.py: every test folder has a
    conftest.py, so ``from conftest import`` finds whichever was imported first)."""
    return str(list(IPNetwork(vpc_block).subnet(64, count=n + 1))[n])
