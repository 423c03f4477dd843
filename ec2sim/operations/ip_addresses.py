"""Assigning and unassigning private IPv4 addresses, IPv6 addresses and prefixes."""

from __future__ import annotations

from ec2sim import describe, rules
from ec2sim.errors import EC2Error
from ec2sim.operations import operation
from ec2sim.operations.public_ips import disassociate
from ec2sim.resources import NetworkInterface
from ec2sim.world import World


def no_duplicates(values: list[str], what: str) -> None:
    if len(values) < 2:  # (most requests name one)
        return
    seen = set()
    for value in values:
        if value in seen:
            raise EC2Error("InvalidParameterValue", f"The {what} {value} is given twice.")
        seen.add(value)


# -- private IPv4 ------------------------------------------------------------------------------
def assign_ipv4(world: World, eni: NetworkInterface, addresses: list[str], count: int | None,
                *, allow_reassignment: bool = False) -> list[str]:
    """Give the interface these secondary addresses (or ``count`` picked ones); returns them.

    An address taken from another interface (AllowReassignment) leaves it and brings its
    Elastic IP along.
    """
    subnet = world.subnets[eni.subnet_id]
    pool = world.pool(subnet.subnet_id, 4)
    if not addresses:  # picked ones are free: nobody to take them from
        picked = rules.check_free_count(pool.pick(count), subnet) if count else []
        addresses = []
        for address in picked:  # (a loop, not a comprehension: once per assign)
            text = pool.text(address)
            world.claim_address(eni, text)
            addresses.append(text)
        return addresses
    no_duplicates(addresses, "address")
    for text in addresses:
        ip = rules.parse_ip(text, 4)
        rules.check_address_in_subnet(pool, ip, subnet)
        rules.check_ipv4_free_or_movable(world, pool, ip, eni, allow_reassignment)
    for text in addresses:
        holder_id = pool.holder(int(rules.parse_ip(text, 4)))
        if holder_id is not None:
            move_ipv4(world, world.network_interfaces[holder_id], eni, text)
        else:
            world.claim_address(eni, text)
    return addresses


def move_ipv4(world: World, old: NetworkInterface, new: NetworkInterface, address: str) -> None:
    """Reassign a secondary address; an Elastic IP on it follows it to the new interface."""
    eip = describe.eip_at(world, old.network_interface_id, address)
    world.release_address(old, address)
    world.claim_address(new, address)
    if eip is not None:
        world.set(eip, "network_interface_id", new.network_interface_id)
        world.note("elastic-ip", eip.allocation_id, f"{old.network_interface_id}/{address}",
                   f"{new.network_interface_id}/{address}")


def unassign_ipv4(world: World, eni: NetworkInterface, address: str) -> None:
    """Take a secondary address off; an Elastic IP on it is disassociated (stays allocated)."""
    eip = describe.eip_at(world, eni.network_interface_id, address)
    if eip is not None:
        disassociate(world, eip)
    world.release_address(eni, address)


# -- IPv6 --------------------------------------------------------------------------------------
def assign_ipv6(world: World, eni: NetworkInterface, addresses: list[str],
                count: int | None) -> list[str]:
    """Give the interface these IPv6 addresses (or ``count`` picked ones); returns them."""
    pool = rules.check_ipv6_subnet(world, eni)
    rules.check_ipv6_supported(world, eni)
    subnet = world.subnets[eni.subnet_id]
    no_duplicates(addresses, "address")
    canonical = []
    for text in addresses:
        ip = rules.parse_ip(text, 6)
        rules.check_address_in_subnet(pool, ip, subnet)
        rules.check_ipv6_free(pool, ip, eni)
        canonical.append(str(ip))
    if not canonical and count:
        picked = rules.check_free_count(pool.pick(count), subnet)
        canonical = [pool.text(a) for a in picked]
    for text in canonical:
        world.claim_address(eni, text)
    return canonical


# -- prefixes ----------------------------------------------------------------------------------
def assign_prefixes(world: World, eni: NetworkInterface, version: int, prefixes: list[str],
                    count: int | None) -> list[str]:
    """Delegate /28 (IPv4) or /80 (IPv6) prefixes to the interface; returns them."""
    rules.check_prefixes_supported(world, eni)
    subnet = world.subnets[eni.subnet_id]
    pool = rules.check_ipv6_subnet(world, eni) if version == 6 else world.pool(subnet.subnet_id, 4)
    no_duplicates(prefixes, "prefix")
    blocks = [rules.check_prefix(pool, p, subnet) for p in prefixes]
    if not blocks and count:
        blocks = rules.check_free_count(pool.pick_blocks(count), subnet)
    chosen = [pool.block_cidr(b) for b in blocks]
    for prefix in chosen:
        world.claim_prefix(eni, prefix)
    return chosen


def request_count(params: dict, given: str, count: str) -> int:
    """How many addresses (or prefixes) a request adds: those of list ``given``, or ``count``
    (never both)."""
    number = params.get(count)
    if number is None:
        values = params.get(given)
        return len(values) if values else 0
    rules.check_one_of(params, given, count)
    rules.check_count(number, count)
    return number


ASSIGN_IPV4_MEMBERS = ("PrivateIpAddresses", "SecondaryPrivateIpAddressCount", "Ipv4Prefixes",
                       "Ipv4PrefixCount")


@operation("AssignPrivateIpAddresses", "NetworkInterfaceId PrivateIpAddresses "
                                       "SecondaryPrivateIpAddressCount Ipv4Prefixes "
                                       "Ipv4PrefixCount AllowReassignment")
def assign_private_ip_addresses(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    subnet = world.subnets[eni.subnet_id]
    if subnet.ipv6_native:
        rules.check_not_ipv6_only(subnet, [name for name in ASSIGN_IPV4_MEMBERS
                                           if params.get(name)])
    adding = (request_count(params, "PrivateIpAddresses", "SecondaryPrivateIpAddressCount")
              + request_count(params, "Ipv4Prefixes", "Ipv4PrefixCount"))
    if not adding:
        raise EC2Error("MissingParameter", "Either PrivateIpAddresses or "
                       "SecondaryPrivateIpAddressCount (or an IPv4 prefix) must be specified.")
    rules.check_ipv4_limit(world, eni, adding)
    assigned = assign_ipv4(world, eni, params.get("PrivateIpAddresses") or [],
                           params.get("SecondaryPrivateIpAddressCount"),
                           allow_reassignment=params.get("AllowReassignment", False))
    prefixes = []  # (no comprehension over nothing: it is a function call)
    if params.get("Ipv4Prefixes") or params.get("Ipv4PrefixCount"):
        prefixes = [{"Ipv4Prefix": p} for p in assign_prefixes(
            world, eni, 4, params.get("Ipv4Prefixes") or [], params.get("Ipv4PrefixCount"))]
    return {"NetworkInterfaceId": eni.network_interface_id,
            "AssignedPrivateIpAddresses": [{"PrivateIpAddress": a} for a in assigned],
            "AssignedIpv4Prefixes": prefixes}


def unassign_request(eni: NetworkInterface, params: dict, version: int) -> tuple[list, list]:
    """The addresses and prefixes an Unassign call names, each checked to be on the interface:
    if one is not, nothing is unassigned."""
    given, prefix_key = (("PrivateIpAddresses", "Ipv4Prefixes") if version == 4
                         else ("Ipv6Addresses", "Ipv6Prefixes"))
    addresses = params.get(given) or []
    prefixes = params.get(prefix_key) or []
    if not addresses and not prefixes:
        raise EC2Error("MissingParameter", f"Either {given} or {prefix_key} must be specified.")
    no_duplicates(addresses, "address")
    canonical = []
    for text in addresses:
        canonical.append(rules.check_can_unassign(eni, text, version))
    for prefix in prefixes:
        check_prefix_on(eni, prefix, eni.ipv4_prefixes if version == 4 else eni.ipv6_prefixes)
    return canonical, prefixes


@operation("UnassignPrivateIpAddresses", "NetworkInterfaceId PrivateIpAddresses Ipv4Prefixes")
def unassign_private_ip_addresses(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    addresses, prefixes = unassign_request(eni, params, 4)
    for address in addresses:
        unassign_ipv4(world, eni, address)
    for prefix in prefixes:
        world.release_prefix(eni, prefix)
    return {}


def check_prefix_on(eni: NetworkInterface, prefix: str, have: list[str]) -> None:
    if prefix not in have:
        raise EC2Error("InvalidParameterValue", f"The prefix {prefix} is not assigned to "
                       f"interface {eni.network_interface_id}.")


@operation("AssignIpv6Addresses", "NetworkInterfaceId Ipv6Addresses Ipv6AddressCount Ipv6Prefixes "
                                  "Ipv6PrefixCount")
def assign_ipv6_addresses(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    adding = (request_count(params, "Ipv6Addresses", "Ipv6AddressCount")
              + request_count(params, "Ipv6Prefixes", "Ipv6PrefixCount"))
    if not adding:
        raise EC2Error("MissingParameter", "Either Ipv6Addresses or Ipv6AddressCount (or an IPv6 "
                       "prefix) must be specified.")
    rules.check_ipv6_subnet(world, eni)
    rules.check_ipv6_supported(world, eni)
    rules.check_ipv6_limit(world, eni, adding)
    assigned = assign_ipv6(world, eni, params.get("Ipv6Addresses") or [],
                           params.get("Ipv6AddressCount"))
    prefixes = []
    if params.get("Ipv6Prefixes") or params.get("Ipv6PrefixCount"):
        prefixes = assign_prefixes(world, eni, 6, params.get("Ipv6Prefixes") or [],
                                   params.get("Ipv6PrefixCount"))
    return {"AssignedIpv6Addresses": assigned, "AssignedIpv6Prefixes": prefixes,
            "NetworkInterfaceId": eni.network_interface_id}


@operation("UnassignIpv6Addresses", "NetworkInterfaceId Ipv6Addresses Ipv6Prefixes")
def unassign_ipv6_addresses(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    canonical, prefixes = unassign_request(eni, params, 6)
    for address in canonical:
        world.release_address(eni, address)
    for prefix in prefixes:
        world.release_prefix(eni, prefix)
    return {"NetworkInterfaceId": eni.network_interface_id,
            "UnassignedIpv6Addresses": canonical, "UnassignedIpv6Prefixes": prefixes}
