"""Helpers for the diagram's tests: a lab scene, and reading an SVG the way a person looks at it.

``Picture`` finds the drawn things by their SVG ``id`` and CSS classes and measures where they
are, so a test can say "this address is drawn inside that interface's frame".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

AMI = "ami-0a5c3558529277641"  # Amazon Linux 2023 in the simulation's catalogue
SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def build_lab(ec2) -> dict:
    """A dual-stack VPC with a gateway and one subnet: instance "web" (eth0 with a secondary
    IPv4, an IPv6, an IPv4 /28 and an IPv6 /80 prefix; eth1 with a secondary), instance "db",
    a detached interface with a secondary, and three Elastic IPs: on web's secondary, on db's
    primary, and one not associated."""
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    vpc_id = vpc["VpcId"]
    block = vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc_id)
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.0/24",
                               AvailabilityZone="us-east-1a",
                               Ipv6CidrBlock=block.replace("/56", "/64"))["Subnet"]["SubnetId"]

    def launch(name: str, **interface) -> dict:
        return ec2.run_instances(
            ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
            NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, **interface}],
            TagSpecifications=[{"ResourceType": "instance",
                                "Tags": [{"Key": "Name", "Value": name}]}])["Instances"][0]

    web = launch("web", SecondaryPrivateIpAddressCount=1, Ipv6AddressCount=1)
    db = launch("db")
    web_eth0 = web["NetworkInterfaces"][0]["NetworkInterfaceId"]
    db_eth0 = db["NetworkInterfaces"][0]["NetworkInterfaceId"]
    ec2.assign_private_ip_addresses(NetworkInterfaceId=web_eth0, Ipv4PrefixCount=1)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=web_eth0, Ipv6PrefixCount=1)
    web_eth1 = ec2.create_network_interface(
        SubnetId=subnet, SecondaryPrivateIpAddressCount=1)["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=web_eth1, InstanceId=web["InstanceId"],
                                 DeviceIndex=1)
    spare = ec2.create_network_interface(
        SubnetId=subnet, SecondaryPrivateIpAddressCount=1)["NetworkInterface"]["NetworkInterfaceId"]
    web_secondary = [p["PrivateIpAddress"] for p in ec2.describe_network_interfaces(
        NetworkInterfaceIds=[web_eth0])["NetworkInterfaces"][0]["PrivateIpAddresses"]
        if not p["Primary"]][0]
    eips = [ec2.allocate_address(Domain="vpc")["AllocationId"] for _ in range(3)]
    ec2.associate_address(AllocationId=eips[0], NetworkInterfaceId=web_eth0,
                          PrivateIpAddress=web_secondary)
    ec2.associate_address(AllocationId=eips[1], NetworkInterfaceId=db_eth0)
    return {"vpc": vpc_id, "subnet": subnet, "web": web["InstanceId"], "db": db["InstanceId"],
            "web_eth0": web_eth0, "web_eth1": web_eth1, "db_eth0": db_eth0, "spare": spare,
            "web_secondary": web_secondary, "eips": eips}


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def contains(self, other: Box, slack: float = 0.5) -> bool:
        return (self.left - slack <= other.left and other.right <= self.right + slack
                and self.top - slack <= other.top and other.bottom <= self.bottom + slack)

    def distance(self, x: float, y: float) -> float:
        dx = max(self.left - x, 0, x - self.right)
        dy = max(self.top - y, 0, y - self.bottom)
        return (dx * dx + dy * dy) ** 0.5


class Picture:
    """An SVG drawn by the diagram, read back: things by id, their classes, text and place."""

    def __init__(self, svg: str) -> None:
        self.root = ET.fromstring(svg)
        self.groups = {g.get("id"): g for g in self.root.iter(f"{SVG}g") if g.get("id")}

    def classes(self, thing_id: str) -> set[str]:
        return set(self.groups[thing_id].get("class", "").split())

    def ids(self, *classes: str) -> set[str]:
        """The ids of every drawn thing carrying all of ``classes``."""
        return {i for i, g in self.groups.items()
                if set(classes) <= set(g.get("class", "").split())}

    def text(self, thing_id: str) -> str:
        return " ".join(t.text or "" for t in self.groups[thing_id].iter(f"{SVG}text"))

    def all_text(self) -> str:
        return " ".join(t.text or "" for t in self.root.iter(f"{SVG}text"))

    def shape(self, thing_id: str):
        group = self.groups[thing_id]
        for element in group.iter():  # a node with a tooltip wraps its shape in a link
            if element.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse"):
                return element
        raise AssertionError(f"{thing_id} has no shape")

    def box(self, thing_id: str) -> Box:
        element = self.shape(thing_id)
        if element.tag == f"{SVG}ellipse":
            cx, cy = float(element.get("cx")), float(element.get("cy"))
            rx, ry = float(element.get("rx")), float(element.get("ry"))
            return Box(cx - rx, cy - ry, cx + rx, cy + ry)
        numbers = [float(n) for n in NUMBER.findall(element.get("d") or element.get("points"))]
        xs, ys = numbers[0::2], numbers[1::2]
        return Box(min(xs), min(ys), max(xs), max(ys))

    def inside(self, inner: str, outer: str) -> bool:
        return self.box(outer).contains(self.box(inner))

    def arrow_tip(self, edge_id: str) -> tuple[float, float]:
        """Where an edge's arrowhead is (the middle of its triangle)."""
        head = self.groups[edge_id].find(f"{SVG}polygon")
        numbers = [float(n) for n in NUMBER.findall(head.get("points"))]
        xs, ys = numbers[0::2], numbers[1::2]
        return sum(xs) / len(xs), sum(ys) / len(ys)

    def nearest(self, x: float, y: float, candidates: set[str]) -> str:
        return min(candidates, key=lambda c: self.box(c).distance(x, y))

    def enclosing(self, thing_id: str, frames: set[str]) -> str:
        """The smallest of ``frames`` that the thing is drawn inside."""
        around = [f for f in frames if self.inside(thing_id, f)]
        if not around:
            raise AssertionError(f"{thing_id} is inside none of {sorted(frames)}")
        return min(around, key=lambda f: (self.box(f).right - self.box(f).left)
                   * (self.box(f).bottom - self.box(f).top))
