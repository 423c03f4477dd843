"""EC2's rules for multiple IP addresses, each one ``if`` with AWS's error code.

If the simulation refused something, the reason is written here, in the words a person would
use. Every check only reads the world; operations call them all before changing anything, so a
refused request changes nothing (AWS: the entire operation fails).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netaddr import AddrFormatError, IPAddress, IPNetwork

from ec2sim import addressing, instance_types
from ec2sim.addressing import PREFIX_LENGTH, AddressPool
from ec2sim.errors import EC2Error
from ec2sim.images import IMAGES, Image
from ec2sim.resources import (
    Address,
    Instance,
    InternetGateway,
    NetworkInterface,
    RouteTable,
    SecurityGroup,
    Subnet,
    Vpc,
)
from ec2sim.world import World

ELASTIC_IP_LIMIT = 5  # Elastic IPs per region, AWS's default quota
SECURITY_GROUPS_PER_INTERFACE = 5

# -- what exists ---------------------------------------------------------------------------
_ID_SHAPE = re.compile(r"^[a-z][a-z-]*-[0-9a-f]{8}([0-9a-f]{9})?$")

_NOT_FOUND = {
    "vpcs": ("vpc", "InvalidVpcID", "VPC"),
    "subnets": ("subnet", "InvalidSubnetID", "subnet"),
    "instances": ("i", "InvalidInstanceID", "instance"),
    "network_interfaces": ("eni", "InvalidNetworkInterfaceID", "network interface"),
    "internet_gateways": ("igw", "InvalidInternetGatewayID", "internet gateway"),
    "security_groups": ("sg", "InvalidGroup", "security group"),
    "addresses": ("eipalloc", "InvalidAllocationID", "allocation"),
    "route_tables": ("rtb", "InvalidRouteTableID", "routeTable"),
}
_MALFORMED_CODE = {
    "InvalidNetworkInterfaceID": "InvalidNetworkInterfaceId.Malformed",
    "InvalidGroup": "InvalidGroupId.Malformed",
    "InvalidRouteTableID": "InvalidRouteTableId.Malformed",
}


def check_id_shape(collection: str, resource_id: str) -> None:
    """An ID that cannot name a resource of this kind is AWS's Malformed error."""
    prefix, code, _ = _NOT_FOUND[collection]
    if not (resource_id.startswith(prefix + "-") and _ID_SHAPE.match(resource_id)):
        malformed = _MALFORMED_CODE.get(code, code + ".Malformed")
        if collection != "addresses":
            raise EC2Error(malformed, f"Invalid id: \"{resource_id}\" (expecting \"{prefix}-...\")")


def find(world: World, collection: str, resource_id: str):
    """The resource with this ID, or AWS's Malformed / NotFound error."""
    found = world.collections[collection].get(resource_id)
    if found is not None:
        return found
    prefix, code, noun = _NOT_FOUND[collection]
    check_id_shape(collection, resource_id)
    if collection == "network_interfaces":
        message = f"The networkInterface ID '{resource_id}' does not exist"
    elif collection == "addresses":
        message = f"The allocation ID '{resource_id}' does not exist"
    else:
        message = f"The {noun} ID '{resource_id}' does not exist"
    raise EC2Error(code + ".NotFound", message)


def find_image(image_id: str) -> Image:
    """The machine image with this ID: AWS says Malformed for text that cannot be an AMI ID."""
    if image_id in IMAGES:
        return IMAGES[image_id]
    if not image_id.startswith("ami-") or not _ID_SHAPE.match(image_id):
        raise EC2Error("InvalidAMIID.Malformed", f"Invalid id: \"{image_id}\" "
                       "(expecting \"ami-...\")")
    raise EC2Error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")


def parse_ip(text: str, version: int | None = None) -> IPAddress:
    """An address from a request; text that is not one is InvalidParameterValue."""
    try:
        ip = addressing.parse(text)
    except (AddrFormatError, ValueError, TypeError):
        raise EC2Error("InvalidParameterValue", f"Invalid IP address: '{text}'") from None
    if version and ip.version != version:
        raise EC2Error("InvalidParameterValue", f"'{text}' is not an IPv{version} address")
    return ip


def parse_cidr(text: str) -> IPNetwork:
    """A block from a request, in canonical form: AWS drops host bits (10.1.2.3/16 is
    10.1.0.0/16); text that is no block at all is InvalidParameterValue."""
    try:
        net = IPNetwork(text, flags=0)
    except (AddrFormatError, ValueError, TypeError):
        net = None
    if net is None or "/" not in text:
        raise EC2Error("InvalidParameterValue", f"Value ({text}) for parameter cidrBlock is "
                       "invalid. This is not a valid CIDR block.")
    return net.cidr


# -- network interfaces ----------------------------------------------------------------------
def limits_of(world: World, eni: NetworkInterface) -> tuple[int, int]:
    """How many IPv4 and IPv6 addresses the interface may hold (its instance type's limits)."""
    if eni.attachment is None:
        return instance_types.unattached_limits()
    kind = instance_types.get(world.instances[eni.attachment.instance_id].instance_type)
    return kind.ipv4_per_interface, kind.ipv6_per_interface


def check_can_detach(eni: NetworkInterface) -> None:
    if eni.attachment.device_index == 0:
        raise EC2Error("OperationNotPermitted", "The network interface at device index 0 and "
                       "networkCard index 0 cannot be detached.")


def the_only_interface(world: World, instance: Instance) -> NetworkInterface:
    """An instance named where EC2 needs one interface: with several, name the interface."""
    enis = world.interfaces_of(instance.instance_id)
    if len(enis) != 1:
        raise EC2Error("InvalidInstanceID", f"There are multiple interfaces attached to "
                       f"instance '{instance.instance_id}'. Please specify an interface ID for "
                       "the operation instead.")
    return enis[0]


def check_not_attached(eni: NetworkInterface, doing: str) -> None:
    if eni.attachment is not None:
        raise EC2Error("InvalidNetworkInterface.InUse", f"Interface: "
                       f"[{eni.network_interface_id}] in use.")


def check_can_attach(world: World, eni: NetworkInterface, instance: Instance,
                     device_index: int) -> None:
    if eni.attachment is not None:
        raise EC2Error("InvalidNetworkInterface.InUse", f"Interface: "
                       f"[{eni.network_interface_id}] in use.")
    check_instance_state(instance, ("running", "stopped"), "attach a network interface")
    if eni.availability_zone != instance.availability_zone:
        raise EC2Error("InvalidParameterValue", f"The network interface "
                       f"'{eni.network_interface_id}' is in {eni.availability_zone}, but instance "
                       f"'{instance.instance_id}' is in {instance.availability_zone}: they must be "
                       "in the same Availability Zone.")
    # Another VPC of the same zone is fine (multi-VPC attachment, since October 2023): device
    # index 0 is always taken by the instance's own primary interface, from its own subnet.
    attached = world.interfaces_of(instance.instance_id)
    if any(e.attachment.device_index == device_index for e in attached):
        raise EC2Error("InvalidParameterValue", f"Instance '{instance.instance_id}' already has "
                       f"an interface attached at device index '{device_index}'.")
    kind = instance_types.get(instance.instance_type)
    if len(attached) + 1 > kind.max_network_interfaces:
        raise EC2Error("AttachmentLimitExceeded", f"Interface count {len(attached) + 1} exceeds "
                       f"the limit for {instance.instance_type}")
    check_nitro_for_ipv6_only(world.subnets[eni.subnet_id], kind)
    if eni.ipv6_addresses or eni.ipv6_prefixes:
        check_type_takes_ipv6(kind)
    if eni.ipv4_prefixes or eni.ipv6_prefixes:
        check_type_takes_prefixes(kind)
    ipv4_used = len(eni.private_ip_addresses) + len(eni.ipv4_prefixes)
    if ipv4_used > kind.ipv4_per_interface or len(eni.ipv6_addresses) + len(
            eni.ipv6_prefixes) > kind.ipv6_per_interface:
        raise EC2Error("PrivateIpAddressLimitExceeded", f"The network interface holds more "
                       f"addresses than {instance.instance_type} allows per interface.")


def check_security_groups(world: World, vpc_id: str, group_ids: list[str],
                          subnet_id: str | None = None) -> None:
    """1 to 5 groups, all of the interface's VPC (``subnet_id``: the interface's subnet, which
    AWS names when a group is of another VPC)."""
    if not 1 <= len(group_ids) <= SECURITY_GROUPS_PER_INTERFACE:
        raise EC2Error("InvalidParameterValue", "A network interface needs from 1 to "
                       f"{SECURITY_GROUPS_PER_INTERFACE} security groups.")
    for group_id in group_ids:
        group = find(world, "security_groups", group_id)
        if group.vpc_id != vpc_id:
            raise EC2Error("InvalidParameter", f"Security group {group_id} and subnet "
                           f"{subnet_id or 'of ' + vpc_id} belong to different networks.")


def check_instance_state(instance: Instance, allowed: Iterable[str], doing: str) -> None:
    if instance.state not in allowed:
        raise EC2Error("IncorrectInstanceState", f"The instance '{instance.instance_id}' is not "
                       f"in a state from which it can {doing} (it is {instance.state}).")


# -- private IPv4 and IPv6 addresses ---------------------------------------------------------
def check_one_of(params: dict, given: str, count: str) -> None:
    """Specific values or a count, never both."""
    if params.get(given) and params.get(count) is not None:
        raise EC2Error("InvalidParameterCombination", f"You may specify {given} or {count}, "
                       "but not both.")


def check_count(value: int | None, name: str) -> None:
    if value is not None and value < 1:
        raise EC2Error("InvalidParameterValue", f"{name} must be at least 1 (got {value}).")


def check_address_in_subnet(pool: AddressPool, ip: IPAddress, subnet: Subnet) -> None:
    """A specific address must come from the subnet's range and may not be reserved."""
    value = int(ip)
    if not pool.contains(value):
        raise EC2Error("InvalidParameterValue", f"Address {ip} does not fall within the subnet's "
                       "address range")
    if pool.is_reserved(value):
        raise EC2Error("InvalidParameterValue", f"Address {ip} is reserved by AWS in subnet "
                       f"{subnet.subnet_id}: the first four and the last address of every subnet "
                       "are never assigned.")


def check_ipv4_free_or_movable(world: World, pool: AddressPool, ip: IPAddress,
                               eni: NetworkInterface, allow_reassignment: bool) -> None:
    """An address on another interface moves only with AllowReassignment, and never a primary."""
    holder_id = pool.holder(int(ip))
    if holder_id is None:
        return
    if holder_id == eni.network_interface_id:
        raise EC2Error("InvalidParameterValue", f"Address {ip} is already assigned to "
                       f"{holder_id}.")
    holder = world.network_interfaces[holder_id]
    if str(ip) not in holder.private_ip_addresses:
        raise EC2Error("InvalidIPAddress.InUse", f"Address {ip} is in use (inside a prefix "
                       f"delegated to {holder_id}).")
    if not allow_reassignment:
        raise EC2Error("InvalidIPAddress.InUse", f"Address {ip} is in use.")
    if str(ip) == holder.private_ip_address:
        raise EC2Error("InvalidIPAddress.InUse", f"Address {ip} is the primary private IPv4 "
                       f"address of {holder_id}; a primary address can never be reassigned.")


def check_ipv6_free(pool: AddressPool, ip: IPAddress, eni: NetworkInterface) -> None:
    """An IPv6 address can never be taken from another interface: no reassignment for IPv6."""
    holder_id = pool.holder(int(ip))
    if holder_id is not None:
        raise EC2Error("InvalidIPAddress.InUse", f"Address {ip} is in use by {holder_id}. An "
                       "IPv6 address cannot be reassigned: unassign it from that interface first.")


def check_ipv6_subnet(world: World, eni: NetworkInterface) -> AddressPool:
    subnet = world.subnets[eni.subnet_id]
    if not subnet.ipv6_cidr_block:
        raise EC2Error("InvalidParameterValue", f"Subnet {subnet.subnet_id} has no IPv6 CIDR "
                       "block: associate one with the subnet before assigning IPv6 addresses.")
    return world.pool(subnet.subnet_id, 6)


def check_ipv6_supported(world: World, eni: NetworkInterface) -> None:
    if eni.attachment is not None:
        check_type_takes_ipv6(instance_types.get(
            world.instances[eni.attachment.instance_id].instance_type))


def check_type_takes_ipv6(kind: instance_types.InstanceType) -> None:
    if not kind.ipv6_supported:
        raise EC2Error("InvalidParameterValue", f"Instance type {kind.name} does not support "
                       "IPv6 addresses.")


def check_ipv4_limit(world: World, eni: NetworkInterface, adding: int, code: str = (
        "PrivateIpAddressLimitExceeded")) -> None:
    """Primary + secondary addresses + IPv4 prefixes may not pass the type's per-ENI limit."""
    limit, _ = limits_of(world, eni)
    if len(eni.private_ip_addresses) + len(eni.ipv4_prefixes) + adding > limit:
        raise EC2Error(code, "Number of private addresses will exceed limit.")


def check_ipv6_limit(world: World, eni: NetworkInterface, adding: int) -> None:
    _, limit = limits_of(world, eni)
    if len(eni.ipv6_addresses) + len(eni.ipv6_prefixes) + adding > limit:
        raise EC2Error("PrivateIpAddressLimitExceeded", "Number of IPv6 addresses will exceed "
                       f"limit ({limit} per interface for this instance type).")


def check_can_unassign(eni: NetworkInterface, text: str, version: int) -> str:
    """Only what the interface has can be taken off it, and never its primary IPv4 address;
    returns the requested IPv4 or IPv6 address as AWS writes it."""
    parse_ip(text, version)
    ip = addressing.canonical(text)
    if ip == eni.private_ip_address:
        raise EC2Error("InvalidParameterValue", f"Address {ip} is the primary private IPv4 "
                       "address of the interface; it stays for the interface's whole life.")
    held = eni.secondary_private_ip_addresses if version == 4 else eni.ipv6_addresses
    if ip not in held:
        raise EC2Error("InvalidParameterValue", f"Some of the specified addresses are not "
                       f"assigned to interface {eni.network_interface_id}: {ip}")
    return ip


def check_not_ipv6_only(subnet: Subnet, asked: Iterable[str]) -> None:
    """An IPv6-only subnet has no IPv4 block: no private IPv4 address, IPv4 prefix or public
    IPv4 address can come from it (``asked`` is read only for such a subnet)."""
    if subnet.ipv6_native and (asked := list(asked)):
        raise EC2Error("InvalidParameterValue", f"Subnet {subnet.subnet_id} is IPv6-only: its "
                       f"network interfaces have IPv6 addresses only ({asked[0]} was given).")


def check_nitro_for_ipv6_only(subnet: Subnet, kind: instance_types.InstanceType) -> None:
    """Only instance types built on the Nitro System run in an IPv6-only subnet."""
    if subnet.ipv6_native and not kind.supports_prefixes:
        raise EC2Error("InvalidParameterValue", f"Instance type {kind.name} is not built on the "
                       f"Nitro System, which an IPv6-only subnet ({subnet.subnet_id}) needs.")


def check_free_count(picked: list | None, subnet: Subnet) -> list:
    if picked is None:
        raise EC2Error("InsufficientFreeAddressesInSubnet", f"The specified subnet "
                       f"{subnet.subnet_id} does not have enough free addresses to satisfy the "
                       "request.")
    return picked


# -- prefixes --------------------------------------------------------------------------------
def check_prefixes_supported(world: World, eni: NetworkInterface) -> None:
    if eni.attachment is not None:
        check_type_takes_prefixes(instance_types.get(
            world.instances[eni.attachment.instance_id].instance_type))


def check_type_takes_prefixes(kind: instance_types.InstanceType) -> None:
    if not kind.supports_prefixes:
        raise EC2Error("InvalidParameterValue", f"Prefix delegation needs a Nitro-based instance "
                       f"type; {kind.name} is not one.")


def check_prefix(pool: AddressPool, text: str, subnet: Subnet) -> int:
    """A prefix must be an aligned /28 (IPv4) or /80 (IPv6) block of the subnet, wholly free."""
    length = PREFIX_LENGTH[pool.version]
    try:
        net = IPNetwork(text, flags=0)
    except (AddrFormatError, ValueError, TypeError):
        net = None
    if net is None or net.version != pool.version or net.prefixlen != length or (
            net.ip != net.network):
        raise EC2Error("InvalidParameterValue", f"Prefix {text} is not an aligned /{length} "
                       f"IPv{pool.version} prefix.")
    block = net.first >> pool.block_bits
    if not (pool.contains(net.first) and pool.contains(net.last)):
        raise EC2Error("InvalidParameterValue", f"Prefix {text} does not fall within the subnet's "
                       "address range")
    if not pool.block_is_free(block):
        raise EC2Error("InvalidParameterValue", f"Prefix {text} overlaps reserved or assigned "
                       f"addresses of subnet {subnet.subnet_id}.")
    return block


# -- Elastic IPs -----------------------------------------------------------------------------
def check_address_limit(world: World) -> None:
    if len(world.addresses) >= ELASTIC_IP_LIMIT:
        raise EC2Error("AddressLimitExceeded", "The maximum number of addresses has been reached.")


def check_gateway_attached(world: World, vpc_id: str, eni_id: str) -> None:
    for gateway in world.internet_gateways.values():
        if gateway.vpc_id == vpc_id:
            return
    raise EC2Error("Gateway.NotAttached", f"Network {vpc_id} is not attached to any internet "
                   "gateway.")


def check_private_ip_on_interface(eni: NetworkInterface, private_ip: str) -> None:
    # eni.private_ip_addresses, without building the list
    if not private_ip or (private_ip != eni.private_ip_address
                          and private_ip not in eni.secondary_private_ip_addresses):
        raise EC2Error("InvalidParameterValue", f"Address {private_ip} is not a private IPv4 "
                       f"address of {eni.network_interface_id}.")


def check_reassociation(address: Address, allow: bool | None) -> None:
    """Reassociation is automatic (every account is VPC-only): only an explicit
    AllowReassociation=False stops an Elastic IP associated elsewhere from moving."""
    if address.association_id and allow is False:
        raise EC2Error("Resource.AlreadyAssociated", f"resource {address.allocation_id} is "
                       f"already associated with associate-id {address.association_id}")


def check_can_release(address: Address) -> None:
    if address.association_id:
        raise EC2Error("InvalidIPAddress.InUse", f"Address {address.public_ip} is in use: "
                       "disassociate it before releasing it.")


# -- route tables ----------------------------------------------------------------------------
def check_one_destination(given: list[str], params: dict) -> None:
    if not given:
        raise EC2Error("MissingParameter", "The request must contain the parameter "
                       "destinationCidrBlock or destinationIpv6CidrBlock")
    if len(given) > 1:
        raise EC2Error("InvalidParameterCombination", "Specify DestinationCidrBlock or "
                       "DestinationIpv6CidrBlock, not both.")


def check_route_destination(vpc: Vpc, text: str, parameter: str) -> str:
    """A destination is a block of the family its parameter names, outside the VPC's own
    blocks (those are the local route's, which only an interface may narrow)."""
    version = 6 if "Ipv6" in parameter else 4
    try:
        net = IPNetwork(text, flags=0)
    except (AddrFormatError, ValueError, TypeError):
        net = None
    if net is None or net.version != version or "/" not in text:
        raise EC2Error("InvalidParameterValue", f"Value ({text}) for parameter "
                       f"{parameter[0].lower() + parameter[1:]} is invalid. This is not a valid "
                       "CIDR block.")
    for block in (*vpc.ipv4_blocks, *vpc.ipv6_blocks):
        if block and IPNetwork(block).version == version and net.cidr in IPNetwork(block):
            raise EC2Error("InvalidParameterValue", f"The destination CIDR block {text} is "
                           "equal to or more specific than one of this VPC's CIDR blocks. This "
                           "route can target only an interface or an instance.")
    return str(net.cidr)


def check_route_target(params: dict) -> None:
    others = [name for name in ("NatGatewayId", "InstanceId", "NetworkInterfaceId",
                                "VpcPeeringConnectionId", "TransitGatewayId",
                                "EgressOnlyInternetGatewayId", "LocalGatewayId",
                                "CarrierGatewayId", "VpcEndpointId") if params.get(name)]
    if others:
        raise EC2Error("UnsupportedOperation", f"The simulation routes to internet gateways "
                       f"only ({others[0]} is not modelled).")
    if not params.get("GatewayId"):
        raise EC2Error("MissingParameter", "The request must name the route's target: "
                       "GatewayId (an internet gateway, igw-...).")


def check_gateway_in_vpc(gateway: InternetGateway, table: RouteTable) -> None:
    """A route may only point at an internet gateway attached to the table's own VPC."""
    if gateway.vpc_id is None:
        raise EC2Error("Gateway.NotAttached", f"resource {gateway.internet_gateway_id} is not "
                       f"attached to network {table.vpc_id}")
    if gateway.vpc_id != table.vpc_id:
        raise EC2Error("InvalidParameterValue", f"route table {table.route_table_id} and "
                       f"network gateway {gateway.internet_gateway_id} belong to different "
                       "networks")


def check_route_is_new(table: RouteTable, destination: str) -> None:
    if any(r["destination"] == destination for r in table.routes):
        raise EC2Error("RouteAlreadyExists", f"The route identified by {destination} already "
                       "exists.")


def check_route_exists(table: RouteTable, destination: str) -> dict:
    for route in table.routes:
        if route["destination"] == destination:
            return route
    raise EC2Error("InvalidRoute.NotFound", f"no route with destination-cidr-block "
                   f"{destination} in route table {table.route_table_id}")


def check_route_table_unused(table: RouteTable) -> None:
    """The main table, and a table still associated with subnets, cannot be deleted."""
    if table.main or table.associations:
        raise EC2Error("DependencyViolation", f"The routeTable '{table.route_table_id}' has "
                       "dependencies and cannot be deleted.")


def check_table_and_subnet(world: World, table: RouteTable, subnet: Subnet) -> None:
    if table.vpc_id != subnet.vpc_id:
        raise EC2Error("InvalidParameterValue", f"Route table {table.route_table_id} and subnet "
                       f"{subnet.subnet_id} belong to different networks")
    for other in world.collections["route_tables"].values():
        if any(a["subnet_id"] == subnet.subnet_id for a in other.associations):
            raise EC2Error("Resource.AlreadyAssociated", f"the specified association for route "
                           f"table {table.route_table_id} conflicts with an existing association")


def check_not_main_association(table: RouteTable, association_id: str) -> None:
    if table.main and table.main_association_id == association_id:
        raise EC2Error("InvalidParameterValue", f"cannot disassociate the main route table "
                       f"association {association_id}")


# -- security group rules --------------------------------------------------------------------
PROTOCOLS = {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "icmp": "icmp", "1": "icmp",
             "-1": "-1", "all": "-1", "icmpv6": "icmpv6", "58": "icmpv6"}


def same_rule(a: dict, b: dict) -> bool:
    """Two rules allow the same traffic from the same source (descriptions aside)."""
    fields = ("protocol", "from_port", "to_port", "cidr_ipv4", "cidr_ipv6", "source_group")
    return all(a.get(f) == b.get(f) for f in fields)


def check_protocol(text: str) -> str:
    protocol = PROTOCOLS.get(str(text).lower())
    if protocol is None:
        raise EC2Error("InvalidParameterValue", f"Invalid value '{text}' for IP protocol. "
                       "Unknown protocol.")
    return protocol


def check_ports(protocol: str, permission: dict) -> tuple[int, int]:
    """TCP and UDP rules need a port range (0-65535, from <= to); others use -1."""
    if protocol == "-1":
        return -1, -1
    if protocol not in ("tcp", "udp"):
        return permission.get("FromPort", -1), permission.get("ToPort", -1)
    low, high = permission.get("FromPort"), permission.get("ToPort")
    if low is None or high is None:
        raise EC2Error("InvalidParameterValue", "Invalid value 'Must specify both from and to "
                       "ports with TCP/UDP.' for portRange.")
    if not 0 <= low <= high <= 65535:
        raise EC2Error("InvalidParameterValue", f"Invalid TCP/UDP port range {low}-{high}: "
                       "ports go from 0 to 65535, and FromPort may not exceed ToPort.")
    return low, high


def check_rule_cidr(text: str, version: int) -> IPNetwork:
    try:
        net = IPNetwork(text, flags=0)
    except (AddrFormatError, ValueError, TypeError):
        net = None
    if net is None or net.version != version or "/" not in text:
        raise EC2Error("InvalidParameterValue", f"CIDR block {text} is malformed")
    return net.cidr


def check_same_vpc_group(group: SecurityGroup, source: SecurityGroup) -> None:
    if source.vpc_id != group.vpc_id:
        raise EC2Error("InvalidParameterValue", f"Security group {source.group_id} is in another "
                       f"VPC than {group.group_id}.")


def check_rule_is_new(existing: list[dict], rule: dict, text: str) -> None:
    if any(same_rule(rule, other) for other in existing):
        raise EC2Error("InvalidPermission.Duplicate", f'the specified rule "{text}" already '
                       "exists")


def check_rule_exists(rule: dict | None) -> dict:
    if rule is None:
        raise EC2Error("InvalidPermission.NotFound", "The specified rule does not exist in this "
                       "security group.")
    return rule
