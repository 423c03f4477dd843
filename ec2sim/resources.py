"""The things in an account: VPCs, subnets, gateways, groups, instances, interfaces, addresses.

Small value classes holding what EC2 stores about each resource, in EC2's words. They hold no
rules (see ``ec2sim.rules``) and change only through ``ec2sim.world.World``, which records every
change so a failed call can be rolled back and the last change undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Vpc:
    vpc_id: str
    cidr_block: str
    cidr_association_id: str
    is_default: bool = False
    ipv6_cidr_block: str | None = None
    ipv6_association_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    # Secondary IPv4 blocks (AssociateVpcCidrBlock CidrBlock=…): {"association_id", "cidr_block"}
    secondary_cidr_blocks: list[dict] = field(default_factory=list)
    # Amazon-provided IPv6 /56 blocks after the first (up to 5 in all):
    # {"association_id", "ipv6_cidr_block"}
    more_ipv6_blocks: list[dict] = field(default_factory=list)

    @property
    def ipv4_blocks(self) -> list[str]:
        """The primary IPv4 block, then the secondary ones in the order they were added."""
        return [self.cidr_block, *(b["cidr_block"] for b in self.secondary_cidr_blocks)]

    @property
    def ipv6_blocks(self) -> list[str]:
        """Every IPv6 block of the VPC, in the order they were added."""
        first = [self.ipv6_cidr_block] if self.ipv6_cidr_block else []
        return first + [b["ipv6_cidr_block"] for b in self.more_ipv6_blocks]


@dataclass
class Subnet:
    subnet_id: str
    vpc_id: str
    cidr_block: str  # "" in an IPv6-only subnet, which has no IPv4 block at all
    availability_zone: str
    ipv6_cidr_block: str | None = None
    ipv6_association_id: str | None = None
    map_public_ip_on_launch: bool = False
    assign_ipv6_address_on_creation: bool = False
    default_for_az: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    ipv6_native: bool = False  # IPv6-only (Ipv6Native=True): no IPv4 block, no IPv4 addresses


@dataclass
class InternetGateway:
    internet_gateway_id: str
    vpc_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class SecurityGroup:
    group_id: str
    group_name: str
    description: str
    vpc_id: str
    tags: dict[str, str] = field(default_factory=dict)
    # Inbound rules, one per source (how EC2 stores them: each a security group rule, sgr-…):
    # {"rule_id", "protocol" ("tcp", "udp", "icmp", "-1"), "from_port", "to_port", and one of
    # "cidr_ipv4", "cidr_ipv6", "source_group"}. Outbound is always "all traffic" here.
    ingress: list[dict] = field(default_factory=list)


@dataclass
class RouteTable:
    """A VPC's route table: routes ({"destination", "gateway_id", "origin"}) and the subnets
    it is associated with ({"association_id", "subnet_id"}); the main table serves the rest."""

    route_table_id: str
    vpc_id: str
    main: bool = False
    main_association_id: str | None = None
    routes: list[dict] = field(default_factory=list)
    associations: list[dict] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    # The ClientToken of the request that made it, and a digest of that request (see
    # ec2sim.idempotency); "" when the request had no token.
    client_token: str = ""
    client_request: str = ""


@dataclass
class Instance:
    instance_id: str
    reservation_id: str
    image_id: str
    instance_type: str
    availability_zone: str
    subnet_id: str
    vpc_id: str
    launch_time: str
    state: str = "running"
    ami_launch_index: int = 0
    key_name: str | None = None
    state_transition_reason: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    # The ClientToken of the request that made it, and a digest of that request (see
    # ec2sim.idempotency); "" when the request had no token.
    client_token: str = ""
    client_request: str = ""


@dataclass
class Attachment:
    attachment_id: str
    instance_id: str
    device_index: int
    delete_on_termination: bool
    attach_time: str


@dataclass
class NetworkInterface:
    network_interface_id: str
    subnet_id: str
    vpc_id: str
    availability_zone: str
    mac_address: str
    # The primary private IPv4 address, for the interface's whole life; "" in an IPv6-only
    # subnet, where an interface has IPv6 addresses only.
    private_ip_address: str
    secondary_private_ip_addresses: list[str] = field(default_factory=list)
    ipv6_addresses: list[str] = field(default_factory=list)
    ipv4_prefixes: list[str] = field(default_factory=list)
    ipv6_prefixes: list[str] = field(default_factory=list)
    group_ids: list[str] = field(default_factory=list)
    description: str = ""
    source_dest_check: bool = True
    attachment: Attachment | None = None
    public_ip: str | None = None  # public IPv4 auto-assigned at launch (not an Elastic IP)
    auto_public_ip: bool = False  # launched with auto-assign: a new public IPv4 at each start
    tags: dict[str, str] = field(default_factory=dict)
    # The ClientToken of the request that made it, and a digest of that request (see
    # ec2sim.idempotency); "" when the request had no token.
    client_token: str = ""
    client_request: str = ""

    @property
    def status(self) -> str:
        return "in-use" if self.attachment else "available"

    @property
    def private_ip_addresses(self) -> list[str]:
        """Primary first, then the secondary addresses in the order they were assigned."""
        if not self.private_ip_address:
            return []
        return [self.private_ip_address, *self.secondary_private_ip_addresses]


@dataclass
class Address:
    """An Elastic IP address (domain vpc) and, when associated, where it points."""

    allocation_id: str
    public_ip: str
    association_id: str | None = None
    network_interface_id: str | None = None
    private_ip_address: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class GuestOS:
    """What an instance's operating system has configured, which may differ from what EC2
    assigned (see ``ec2sim.guest``).

    ``links``: device name ("eth0") -> {"mac", "up", "addresses": [{"cidr", "origin"}]};
    ``routes``: {"table", "to", "via", "dev", "proto", "src", "metric"} (absent keys omitted);
    ``rules``: {"priority", "from", "table"} besides the kernel's fixed local/main/default ones.
    """

    instance_id: str
    os_family: str
    links: dict[str, dict] = field(default_factory=dict)
    routes: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)


# The collections of a world, by the name used in snapshots, with their classes.
KINDS: dict[str, type] = {
    "vpcs": Vpc,
    "subnets": Subnet,
    "internet_gateways": InternetGateway,
    "security_groups": SecurityGroup,
    "instances": Instance,
    "network_interfaces": NetworkInterface,
    "addresses": Address,
    "route_tables": RouteTable,
    "guests": GuestOS,
}
