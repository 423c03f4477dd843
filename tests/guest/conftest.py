"""Fixtures for the guest OS, shell, reachability and routing tests.

Every client is checked on every call (tests/conftest.py): a successful response
must survive EC2's XML round trip unchanged, an error must carry a registered code.
"""

from __future__ import annotations

from typing import Any

import pytest

import ec2sim
from ec2sim import images, scenarios


class Lab:
    """The scenarios' lab VPC (routes to the internet gateway, groups web and admin) and
    helpers to launch into public-a and look things up."""

    def __init__(self, cloud: ec2sim.Cloud) -> None:
        self.cloud = cloud
        self.ec2 = cloud.client()

    def id(self, resource: str, name: str) -> str:
        calls = {"subnet": ("describe_subnets", "Subnets", "SubnetId"),
                 "group": ("describe_security_groups", "SecurityGroups", "GroupId"),
                 "vpc": ("describe_vpcs", "Vpcs", "VpcId")}
        method, key, field = calls[resource]
        name_filter = "group-name" if resource == "group" else "tag:Name"
        found = getattr(self.ec2, method)(Filters=[{"Name": name_filter, "Values": [name]}])
        return found[key][0][field]

    def launch(self, image: str = images.AMAZON_LINUX_2023, address: str = "10.0.1.10",
               **eth0: Any) -> str:
        reply = self.ec2.run_instances(
            ImageId=image, InstanceType="t3.medium", MinCount=1, MaxCount=1,
            NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": self.id("subnet", "public-a"),
                                "Groups": [self.id("group", "web")],
                                "PrivateIpAddress": address, **eth0}])
        return reply["Instances"][0]["InstanceId"]

    def eth(self, instance_id: str, index: int = 0) -> str:
        found = self.ec2.describe_network_interfaces(Filters=[
            {"Name": "attachment.instance-id", "Values": [instance_id]},
            {"Name": "attachment.device-index", "Values": [str(index)]}])
        return found["NetworkInterfaces"][0]["NetworkInterfaceId"]

    def new_interface(self, instance_id: str, address: str, index: int = 1,
                      subnet: str = "public-a") -> str:
        eni = self.ec2.create_network_interface(
            SubnetId=self.id("subnet", subnet), PrivateIpAddress=address,
            Groups=[self.id("group", "web")])["NetworkInterface"]["NetworkInterfaceId"]
        self.ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=instance_id,
                                          DeviceIndex=index)
        return eni

    def eip(self, eni: str, private_ip: str) -> str:
        public = self.ec2.allocate_address(Domain="vpc")
        self.ec2.associate_address(AllocationId=public["AllocationId"], NetworkInterfaceId=eni,
                                   PrivateIpAddress=private_ip)
        return public["PublicIp"]

    def run(self, instance_id: str, command: str) -> str:
        result = self.cloud.shell(instance_id).run(command)
        assert result.status == 0, (command, result.output)
        return result.output


@pytest.fixture
def lab() -> Lab:
    return Lab(scenarios.lab_vpc())


@pytest.fixture
def lab6() -> Lab:
    """The lab VPC with IPv6: public-a has a /64."""
    return Lab(scenarios.vpc_with_ipv6())


