"""Ready-made starting worlds, so any notebook (or an instructor) can begin from a known state.

Each scenario builds a new ``Cloud`` through the EC2 API itself - the calls a learner would
make - so what it holds is exactly what those calls give, and the same for the same seed. The
building steps are left out of the new Cloud's undo history: Undo stops at the scenario, as if
the learner had found the account that way.

    >>> from ec2sim import scenarios
    >>> cloud = scenarios.web_server()           # a new Cloud
    >>> scenarios.load_into(cloud, "two_servers")  # or replace a Cloud's world in place

For the console's Load button, write a scenario to a file:
``python -m ec2sim.scenarios failover_pair failover.json`` (``--list`` shows them all).

The world every scenario shares: a VPC "lab" (10.0.0.0/16) with an internet gateway and a route
to it in the main route table, the security groups "web" (HTTP and HTTPS from anywhere) and
"admin" (SSH from 192.0.2.0/24), and three subnets - "public-a" (10.0.1.0/24) and "private-a"
(10.0.2.0/24) in us-east-1a, "public-b" (10.0.3.0/24) in us-east-1b. From ``vpc_with_ipv6`` on,
the VPC has an Amazon-provided IPv6 /56 and public-a and public-b each have a /64 of it;
private-a stays IPv4-only.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from netaddr import IPNetwork

from ec2sim import images
from ec2sim.cloud import Cloud

INSTANCE_TYPE = "t3.medium"  # Nitro; 3 interfaces, 6 IPv4 and 6 IPv6 addresses per interface
IMAGE = images.AMAZON_LINUX_2023
SUBNETS = {  # name: (IPv4 CIDR, Availability Zone, which /64 of the VPC's /56 it gets, if any)
    "public-a": ("10.0.1.0/24", "us-east-1a", 1),
    "private-a": ("10.0.2.0/24", "us-east-1a", None),
    "public-b": ("10.0.3.0/24", "us-east-1b", 3),
}
SECURITY_GROUPS = {"web": "HTTP and HTTPS from anywhere", "admin": "SSH from the office"}

WEB_1_ADDRESS = "10.0.1.10"
WEB_2_ADDRESS = "10.0.1.11"
ETH1_ADDRESS = "10.0.1.30"
SERVICE_ADDRESS = "10.0.1.100"  # failover_pair: the address clients use, with an Elastic IP
SPARE_ADDRESS, SPARE_SECONDARY = "10.0.1.50", "10.0.1.51"  # spare_interface
SITE_ADDRESS = "10.0.1.20"  # ubuntu_web_server: assigned in EC2, not configured in Ubuntu


class _Lab:
    """A Cloud being built, with the IDs of what was created, by Name tag."""

    def __init__(self, seed: int) -> None:
        self.cloud = Cloud(seed=seed)
        self.ec2 = self.cloud.client()
        self.ids: dict[str, str] = {}

    def done(self) -> Cloud:
        """The finished world in a new Cloud whose undo history is empty."""
        return Cloud.restore(self.cloud.snapshot())


def _tags(resource_type: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": name}]}]


def _ipv6_block(vpc_block: str, index: int) -> str:
    """The index-th /64 of a VPC's /56."""
    return str(list(IPNetwork(vpc_block).subnet(64, count=index + 1))[index])


def _lab_vpc(seed: int, *, ipv6: bool = False) -> _Lab:
    lab = _Lab(seed)
    ec2 = lab.ec2
    vpc = ec2.create_vpc(
        CidrBlock="10.0.0.0/16",
        AmazonProvidedIpv6CidrBlock=ipv6,
        TagSpecifications=_tags("vpc", "lab"),
    )["Vpc"]
    lab.ids["lab"] = vpc["VpcId"]
    vpc_ipv6 = vpc.get("Ipv6CidrBlockAssociationSet", [{}])[0].get("Ipv6CidrBlock")
    igw = ec2.create_internet_gateway(TagSpecifications=_tags("internet-gateway", "lab-igw"))
    ec2.attach_internet_gateway(
        InternetGatewayId=igw["InternetGateway"]["InternetGatewayId"], VpcId=vpc["VpcId"]
    )
    for name, (cidr, zone, block) in SUBNETS.items():
        extra = {"Ipv6CidrBlock": _ipv6_block(vpc_ipv6, block)} if ipv6 and block else {}
        subnet = ec2.create_subnet(
            VpcId=vpc["VpcId"],
            CidrBlock=cidr,
            AvailabilityZone=zone,
            TagSpecifications=_tags("subnet", name),
            **extra,
        )["Subnet"]
        lab.ids[name] = subnet["SubnetId"]
    for name, description in SECURITY_GROUPS.items():
        group = ec2.create_security_group(
            GroupName=name, Description=description, VpcId=vpc["VpcId"]
        )
        lab.ids[name] = group["GroupId"]
    _open_to_the_internet(lab, igw["InternetGateway"]["InternetGatewayId"], ipv6)
    return lab


def _open_to_the_internet(lab: _Lab, igw_id: str, ipv6: bool) -> None:
    """Routes to the internet gateway in the main route table; "web" lets HTTP and HTTPS in
    from anywhere, "admin" SSH from the office (192.0.2.0/24)."""
    ec2 = lab.ec2
    table = ec2.describe_route_tables(Filters=[
        {"Name": "vpc-id", "Values": [lab.ids["lab"]]},
        {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
    ec2.create_route(RouteTableId=table["RouteTableId"], DestinationCidrBlock="0.0.0.0/0",
                     GatewayId=igw_id)
    if ipv6:
        ec2.create_route(RouteTableId=table["RouteTableId"], DestinationIpv6CidrBlock="::/0",
                         GatewayId=igw_id)
    anywhere = {"IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}
    ec2.authorize_security_group_ingress(GroupId=lab.ids["web"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, **anywhere} for port in (80, 443)])
    ec2.authorize_security_group_ingress(GroupId=lab.ids["admin"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
         "IpRanges": [{"CidrIp": "192.0.2.0/24", "Description": "the office"}]}])


def _launch(lab: _Lab, name: str, address: str, image: str = IMAGE, **eth0: Any) -> None:
    """Launch a t3.medium called ``name`` in public-a, its eth0 at ``address`` in group web."""
    reply = lab.ec2.run_instances(
        ImageId=image,
        InstanceType=INSTANCE_TYPE,
        MinCount=1,
        MaxCount=1,
        NetworkInterfaces=[
            {
                "DeviceIndex": 0,
                "SubnetId": lab.ids["public-a"],
                "Groups": [lab.ids["web"]],
                "PrivateIpAddress": address,
                **eth0,
            }
        ],
        TagSpecifications=_tags("instance", name),
    )
    instance = reply["Instances"][0]
    lab.ids[name] = instance["InstanceId"]
    lab.ids[f"{name}/eth0"] = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]


def _subnet_ipv6(lab: _Lab, subnet: str, host: int) -> str:
    """Address number ``host`` of a subnet's IPv6 /64 (e.g. 0x10 -> ...::10)."""
    found = lab.ec2.describe_subnets(SubnetIds=[lab.ids[subnet]])["Subnets"][0]
    return str(IPNetwork(found["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]).network + host)


def _web_server(seed: int) -> _Lab:
    lab = _lab_vpc(seed, ipv6=True)
    _launch(lab, "web-1", WEB_1_ADDRESS, AssociatePublicIpAddress=True)
    return lab


def _two_servers(seed: int) -> _Lab:
    lab = _lab_vpc(seed, ipv6=True)
    _launch(
        lab,
        "web-1",
        WEB_1_ADDRESS,
        Ipv6Addresses=[{"Ipv6Address": _subnet_ipv6(lab, "public-a", 0x10)}],
    )
    _launch(
        lab,
        "web-2",
        WEB_2_ADDRESS,
        Ipv6Addresses=[{"Ipv6Address": _subnet_ipv6(lab, "public-a", 0x11)}],
    )
    return lab


def _failover_pair(seed: int) -> _Lab:
    lab = _lab_vpc(seed, ipv6=True)
    _launch(lab, "app-primary", WEB_1_ADDRESS)
    _launch(lab, "app-standby", WEB_2_ADDRESS)
    ec2 = lab.ec2
    ec2.assign_private_ip_addresses(
        NetworkInterfaceId=lab.ids["app-primary/eth0"], PrivateIpAddresses=[SERVICE_ADDRESS]
    )
    eip = ec2.allocate_address(Domain="vpc", TagSpecifications=_tags("elastic-ip", "service"))
    lab.ids["service"] = eip["AllocationId"]
    ec2.associate_address(
        AllocationId=eip["AllocationId"],
        NetworkInterfaceId=lab.ids["app-primary/eth0"],
        PrivateIpAddress=SERVICE_ADDRESS,
    )
    lab.cloud.renew_leases()  # minutes pass: app-primary's Amazon Linux configures 10.0.1.100
    return lab


# -- the scenarios -----------------------------------------------------------------------------
def lab_vpc(seed: int = 0) -> Cloud:
    """The lab VPC, IPv4 only: three subnets, an internet gateway, groups web and admin."""
    return _lab_vpc(seed).done()


def vpc_with_ipv6(seed: int = 0) -> Cloud:
    """The lab VPC with an IPv6 /56; public-a and public-b have a /64 each, private-a none."""
    return _lab_vpc(seed, ipv6=True).done()


def web_server(seed: int = 0) -> Cloud:
    """vpc_with_ipv6 plus web-1, a running t3.medium at 10.0.1.10 in public-a with an
    auto-assigned public IPv4 address."""
    return _web_server(seed).done()


def two_interfaces(seed: int = 0) -> Cloud:
    """web_server with a second network interface (eth1, 10.0.1.30, group web) on web-1."""
    lab = _web_server(seed)
    eni = lab.ec2.create_network_interface(
        SubnetId=lab.ids["public-a"],
        PrivateIpAddress=ETH1_ADDRESS,
        Groups=[lab.ids["web"]],
        Description="web-1 eth1",
        TagSpecifications=_tags("network-interface", "web-1 eth1"),
    )
    lab.ec2.attach_network_interface(
        NetworkInterfaceId=eni["NetworkInterface"]["NetworkInterfaceId"],
        InstanceId=lab.ids["web-1"],
        DeviceIndex=1,
    )
    return lab.done()


def two_servers(seed: int = 0) -> Cloud:
    """vpc_with_ipv6 plus web-1 (10.0.1.10, IPv6 ...::10) and web-2 (10.0.1.11, ...::11),
    both in public-a."""
    return _two_servers(seed).done()


def failover_pair(seed: int = 0) -> Cloud:
    """app-primary (10.0.1.10) and app-standby (10.0.1.11); the service address 10.0.1.100 is
    a secondary address of app-primary, with the Elastic IP "service" associated."""
    return _failover_pair(seed).done()


def broken_failover(seed: int = 0) -> Cloud:
    """failover_pair after a failover gone wrong: 10.0.1.100 was unassigned from app-primary
    (which disassociated the Elastic IP "service") and never given to app-standby."""
    lab = _failover_pair(seed)
    lab.ec2.unassign_private_ip_addresses(
        NetworkInterfaceId=lab.ids["app-primary/eth0"], PrivateIpAddresses=[SERVICE_ADDRESS]
    )
    return lab.done()


def failed_over(seed: int = 0) -> Cloud:
    """failover_pair after the failover: app-primary stopped, 10.0.1.100 (with the Elastic IP
    "service") moved to app-standby, whose Amazon Linux has configured it."""
    lab = _failover_pair(seed)
    lab.ec2.stop_instances(InstanceIds=[lab.ids["app-primary"]])
    lab.ec2.assign_private_ip_addresses(
        NetworkInterfaceId=lab.ids["app-standby/eth0"], PrivateIpAddresses=[SERVICE_ADDRESS],
        AllowReassignment=True,
    )
    lab.cloud.renew_leases()
    return lab.done()


def spare_interface(seed: int = 0) -> Cloud:
    """two_servers plus the interface "spare" (10.0.1.50, secondary 10.0.1.51 with the Elastic
    IP "spare-eip", one IPv6 address) attached to web-1 at device index 1."""
    lab = _two_servers(seed)
    ec2 = lab.ec2
    eni = ec2.create_network_interface(
        SubnetId=lab.ids["public-a"],
        Description="spare",
        Groups=[lab.ids["web"]],
        PrivateIpAddresses=[
            {"PrivateIpAddress": SPARE_ADDRESS, "Primary": True},
            {"PrivateIpAddress": SPARE_SECONDARY, "Primary": False},
        ],
        Ipv6AddressCount=1,
        TagSpecifications=_tags("network-interface", "spare"),
    )["NetworkInterface"]
    eip = ec2.allocate_address(Domain="vpc", TagSpecifications=_tags("elastic-ip", "spare-eip"))
    ec2.associate_address(
        AllocationId=eip["AllocationId"],
        NetworkInterfaceId=eni["NetworkInterfaceId"],
        PrivateIpAddress=SPARE_SECONDARY,
    )
    ec2.attach_network_interface(
        NetworkInterfaceId=eni["NetworkInterfaceId"], InstanceId=lab.ids["web-1"], DeviceIndex=1
    )
    return lab.done()


def _ubuntu_web_server(seed: int) -> _Lab:
    lab = _lab_vpc(seed, ipv6=True)
    _launch(lab, "web-1", WEB_1_ADDRESS, images.UBUNTU_24_04, PrivateIpAddresses=[
        {"PrivateIpAddress": WEB_1_ADDRESS, "Primary": True},
        {"PrivateIpAddress": SITE_ADDRESS, "Primary": False}])
    eip = lab.ec2.allocate_address(Domain="vpc", TagSpecifications=_tags("elastic-ip", "site"))
    lab.ec2.associate_address(AllocationId=eip["AllocationId"],
                              NetworkInterfaceId=lab.ids["web-1/eth0"],
                              PrivateIpAddress=SITE_ADDRESS)
    return lab


def ubuntu_web_server(seed: int = 0) -> Cloud:
    """web-1 runs Ubuntu (10.0.1.10); EC2 gave it the secondary address 10.0.1.20 with the
    Elastic IP "site", which Ubuntu has not configured."""
    return _ubuntu_web_server(seed).done()


def ubuntu_two_interfaces(seed: int = 0) -> Cloud:
    """ubuntu_web_server plus eth1 (10.0.1.30, same subnet, Elastic IP "eth1"), up and
    configured in Ubuntu by hand, without policy routing."""
    lab = _ubuntu_web_server(seed)
    eni = lab.ec2.create_network_interface(
        SubnetId=lab.ids["public-a"], PrivateIpAddress=ETH1_ADDRESS, Groups=[lab.ids["web"]],
        TagSpecifications=_tags("network-interface", "web-1 eth1"))["NetworkInterface"]
    lab.ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                     InstanceId=lab.ids["web-1"], DeviceIndex=1)
    eip = lab.ec2.allocate_address(Domain="vpc", TagSpecifications=_tags("elastic-ip", "eth1"))
    lab.ec2.associate_address(AllocationId=eip["AllocationId"],
                              NetworkInterfaceId=eni["NetworkInterfaceId"],
                              PrivateIpAddress=ETH1_ADDRESS)
    shell = lab.cloud.shell(lab.ids["web-1"])
    shell.run("sudo ip link set ens6 up")  # eth1 is ens6 in Ubuntu on a Nitro type
    shell.run(f"sudo ip addr add {ETH1_ADDRESS}/24 dev ens6")
    return lab.done()


SCENARIOS: dict[str, Callable[[int], Cloud]] = {
    f.__name__: f
    for f in (
        lab_vpc,
        vpc_with_ipv6,
        web_server,
        two_interfaces,
        two_servers,
        failover_pair,
        broken_failover,
        failed_over,
        spare_interface,
        ubuntu_web_server,
        ubuntu_two_interfaces,
    )
}


def build(name: str, seed: int = 0) -> Cloud:
    """The scenario called ``name`` as a new Cloud (KeyError names the known ones)."""
    if name not in SCENARIOS:
        raise KeyError(f"no scenario {name!r}; there are: {', '.join(SCENARIOS)}")
    return SCENARIOS[name](seed)


def load_into(cloud: Cloud, name: str) -> None:
    """Replace ``cloud``'s world by a scenario, in place: views stay subscribed, and Undo
    brings the previous world back."""
    cloud.reset(build(name, cloud.seed).snapshot())


def main(argv: list[str] | None = None) -> None:
    """``python -m ec2sim.scenarios NAME FILE``: save a scenario for the console's Load."""
    parser = argparse.ArgumentParser(prog="python -m ec2sim.scenarios", description=main.__doc__)
    parser.add_argument("name", nargs="?", choices=list(SCENARIOS))
    parser.add_argument("file", nargs="?", help="the JSON file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--list", action="store_true", help="list the scenarios")
    args = parser.parse_args(argv)
    if args.list or not args.name:
        for name, function in SCENARIOS.items():
            print(f"{name:17} {' '.join(function.__doc__.split())}")
        return
    if not args.file:
        parser.error("give the file to write")
    build(args.name, args.seed).save(args.file)
    print(f"wrote {args.file}: scenario {args.name}, seed {args.seed}")


if __name__ == "__main__":
    main()
