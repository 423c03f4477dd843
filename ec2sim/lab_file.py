"""Lab files: a whole world as JSON, written so that a crash never costs the last good save, and
read back only once it is known to be a world the simulation can run.

A save goes to a temporary file beside the target and replaces it in one step (``os.replace``),
so a save cut short leaves the previous file as it was. A load checks the file twice before any
world is replaced: its shape (every field of every resource has the type the simulation keeps
there; see ``checked_copy``), then the rules no sequence of EC2 calls can break (``check_world``:
IDs unique, references that resolve, every address inside its subnet and on one interface only,
one Elastic IP per private address, the instance types' limits). A file that fails is refused
with :class:`LabFileError`, one plain sentence naming the first problem found.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import tempfile
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

from netaddr import AddrFormatError, IPAddress, IPNetwork

from ec2sim import instance_types
from ec2sim.addressing import PREFIX_LENGTH, AddressPool
from ec2sim.resources import KINDS

FORMAT = "ec2sim-world/1"
CLASSIC_NAME = re.compile(r"eth(\d+)")  # every OS's names in labs saved before 2026-12
STATES = ("pending", "running", "shutting-down", "terminated", "stopping", "stopped")
ELASTIC_IP_LIMIT = 5  # per region, as AddressLimitExceeded enforces
REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-\d{1,2}")
NOUNS = {"vpcs": "VPC", "subnets": "subnet", "internet_gateways": "internet gateway",
         "security_groups": "security group", "instances": "instance",
         "network_interfaces": "network interface", "addresses": "Elastic IP",
         "route_tables": "route table", "guests": "operating system of"}

# What the simulation keeps in the fields that hold records (plain maps): for each such field,
# the keys every record must have and the type of each key it may have. Any other key of a
# record, and every key of a record field not listed here, must hold a plain value (text, a
# number, true/false or null).
RECORDS: dict[str, tuple[frozenset[str], dict[str, Any]]] = {
    "SecurityGroup.ingress": (
        frozenset({"rule_id", "protocol", "from_port", "to_port"}),
        {"rule_id": str, "protocol": str, "from_port": int, "to_port": int}),
    "RouteTable.routes": (frozenset({"destination", "gateway_id"}),
                          {"destination": str, "gateway_id": str}),
    "RouteTable.associations": (frozenset({"association_id", "subnet_id"}),
                                {"association_id": str, "subnet_id": str}),
    "GuestOS.links": (frozenset({"mac", "up", "addresses"}),
                      {"mac": str, "up": bool, "addresses": list[dict]}),
    "GuestOS.links.addresses": (frozenset({"cidr", "origin"}), {"cidr": str, "origin": str}),
    "GuestOS.routes": (frozenset({"to", "table"}), {"to": str, "table": str}),
    "GuestOS.rules": (frozenset({"priority", "from", "table"}),
                      {"priority": int, "from": str, "table": str}),
}


class LabFileError(ValueError):
    """A lab file (or snapshot) that cannot become a world; the message is one plain sentence
    naming the first problem found."""


# -- writing -----------------------------------------------------------------------------------
def dumps(snapshot: dict[str, Any]) -> str:
    """A snapshot as the text of a lab file."""
    return json.dumps(snapshot, indent=1)


def replace_file(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` all at once or not at all: the new content goes to a temporary
    file in the same folder first, then takes the old file's place in one rename."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".partial")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# -- reading -----------------------------------------------------------------------------------
def parse(text: str | bytes) -> dict[str, Any]:
    """The JSON map a lab file's text holds (its content not yet checked: see
    ``World.from_snapshot``)."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise LabFileError("The file nests its data far deeper than a saved lab ever does, so it "
                           "is not one.") from None
    except json.JSONDecodeError as error:
        raise LabFileError(f"The file is not JSON: {error.msg.lower()} (line {error.lineno}, "
                           f"column {error.colno}).") from None
    except UnicodeDecodeError:
        raise LabFileError("The file is not text in UTF-8, so it is not a saved lab.") from None
    except ValueError as error:  # e.g. a number of more digits than Python reads
        raise LabFileError(f"The file cannot be read as JSON ({error}).") from None
    if not isinstance(data, dict):
        raise _not_a_lab(data)
    return data


def _not_a_lab(data: Any) -> LabFileError:
    return LabFileError(f"The file holds {_what(data)}, not a saved lab (a JSON map with "
                        f"\"format\": \"{FORMAT}\").")


def read(path: str | Path) -> dict[str, Any]:
    """The JSON data of the lab file at ``path``."""
    return parse(Path(path).read_bytes())


# -- the shape of the data ---------------------------------------------------------------------
def _what(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}" + ("…" if len(value) > 40 else "")
    return "a list" if isinstance(value, list) else "a map"


def _noun(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_noun(arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return "null"
    if origin is list:
        return "a list"
    if origin is dict or hint is dict or dataclasses.is_dataclass(hint):
        return "a map of text to text" if hint == dict[str, str] else "a map"
    return {str: "text", int: "a whole number", bool: "true or false"}[hint]


def _fail(where: str, value: Any, hint: Any) -> LabFileError:
    return LabFileError(f"The {where} must be {_noun(hint)}, not {_what(value)}.")


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _checked(value: Any, hint: Any, where: str, field: str) -> Any:
    """A fresh copy of ``value`` if it has the type ``hint``, else LabFileError naming ``where``;
    ``field`` ("Kind.name") says which schema the records of a plain-map field follow."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in typing.get_args(hint):
            return None
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None:
            raise _fail(where, value, hint)
        return _checked(value, inner, where, field)
    if hint in (str, int, bool):
        if type(value) is not hint:
            raise _fail(where, value, hint)
        return value
    if origin is list:
        if type(value) is not list:
            raise _fail(where, value, hint)
        (item,) = typing.get_args(hint)
        return [_checked(v, item, f"{where} (entry {n + 1})", field)
                for n, v in enumerate(value)]
    if origin is dict:
        if type(value) is not dict:
            raise _fail(where, value, hint)
        _, item = typing.get_args(hint)
        if item is str:
            for key, text in value.items():
                if type(text) is not str:
                    raise LabFileError(f"The {where} must be a map of text to text, but {key!r} "
                                       f"maps to {_what(text)}.")
            return dict(value)
        return {key: _checked(v, item, f"{where} ({key!r})", field) for key, v in value.items()}
    if hint is dict:
        return _record(value, where, field)
    if dataclasses.is_dataclass(hint):
        if type(value) is not dict:
            raise _fail(where, value, hint)
        return _fields(value, hint, where)
    raise TypeError(f"ec2sim.lab_file has no check for {hint} ({field})")


def _record(value: Any, where: str, field: str) -> dict:
    """One record of a plain-map field (a route, a rule, an address of a guest's link)."""
    if type(value) is not dict:
        raise LabFileError(f"The {where} must be a map, not {_what(value)}.")
    required, hints = RECORDS.get(field, (frozenset(), {}))
    missing = sorted(required - value.keys())
    if missing:
        raise LabFileError(f"The {where} has no {missing[0]!r}.")
    copy = {}
    for key, item in value.items():
        hint = hints.get(key)
        if hint is not None:
            copy[key] = _checked(item, hint, f"{key!r} of the {where}", f"{field}.{key}")
        elif item is None or type(item) in (str, int, bool, float):
            copy[key] = item
        else:
            raise LabFileError(f"The {key!r} of the {where} must be a plain value, not "
                               f"{_what(item)}.")
    return copy


def _fields(row: dict, kind: type, where: str) -> dict[str, Any]:
    hints = _hints(kind)
    unknown = sorted(row.keys() - hints.keys())
    if unknown:
        raise LabFileError(f"The {where} has a field {unknown[0]!r} that ec2sim does not know.")
    copy = {}
    for field in dataclasses.fields(kind):
        if field.name in row:
            copy[field.name] = _checked(row[field.name], hints[field.name],
                                        f"{field.name} of the {where}",
                                        f"{kind.__name__}.{field.name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise LabFileError(f"The {where} has no {field.name}.")
    return copy


def _name(collection: str, row: Any, n: int) -> str:
    """How a message names a resource: by its ID when it has a readable one."""
    noun = NOUNS.get(collection, collection.replace("_", " ").rstrip("s"))
    first = dataclasses.fields(KINDS[collection])[0].name
    key = row.get(first) if isinstance(row, dict) else None
    return f"{noun} {key}" if isinstance(key, str) else f"{noun} number {n + 1} in {collection}"


def checked_copy(data: Any) -> dict[str, Any]:
    """A fresh copy of a snapshot's data, each field checked to have the type the simulation
    keeps there (so building the world cannot fail half-way with a Python error)."""
    if not isinstance(data, dict):
        raise _not_a_lab(data)
    found = data.get("format")
    if found != FORMAT:
        if isinstance(found, str) and found.startswith("ec2sim-world/"):
            raise LabFileError(f"The lab was saved in format {found!r}, which this version of "
                               f"ec2sim cannot read (it reads {FORMAT!r}): update ec2sim.")
        raise LabFileError(f"This is not a saved lab: it has no \"format\": \"{FORMAT}\".")
    unknown = sorted(data.keys() - {"format", "seed", "region", "counters", *KINDS})
    if unknown:
        raise LabFileError(f"The lab has a part {unknown[0]!r} that ec2sim does not know.")
    seed = data.get("seed")
    if type(seed) is not int:
        raise LabFileError(f"The seed must be a whole number, not {_what(seed)}.")
    region = data.get("region")
    if not isinstance(region, str) or not REGION.fullmatch(region):
        raise LabFileError(f"The region must be an AWS region name such as 'us-east-1', not "
                           f"{_what(region)}.")
    counters = _checked(data.get("counters"), dict[str, int], "counters", "World.counters")
    for name, value in counters.items():
        if value < 0:
            raise LabFileError(f"The counter {name!r} must not be negative.")
    copy: dict[str, Any] = {"format": FORMAT, "seed": seed, "region": region,
                            "counters": counters}
    for collection, kind in KINDS.items():
        rows = data.get(collection, [])  # a world saved before a kind existed has none
        if type(rows) is not list:
            raise LabFileError(f"The {collection} must be a list, not {_what(rows)}.")
        copy[collection] = []
        for n, row in enumerate(rows):
            where = _name(collection, row, n)
            if type(row) is not dict:
                raise LabFileError(f"The {where} must be a map, not {_what(row)}.")
            copy[collection].append(_fields(row, kind, where))
    return copy


# -- the rules no sequence of calls can break --------------------------------------------------
def _network(text: str, version: int, where: str) -> IPNetwork:
    try:
        network = IPNetwork(text, version=version)
    except (AddrFormatError, ValueError, TypeError):
        raise LabFileError(f"The {where} {text!r} is not an IPv{version} CIDR block.") from None
    if str(network.cidr) != text:
        raise LabFileError(f"The {where} {text!r} is not a CIDR block as EC2 writes it "
                           f"({network.cidr}).")
    return network


def _address(text: str, version: int, where: str) -> int:
    try:
        return int(IPAddress(text, version=version, flags=0))
    except (AddrFormatError, ValueError, TypeError):
        raise LabFileError(f"The {where} {text!r} is not an IPv{version} address.") from None


def _exists(world: Any, collection: str, key: str | None, where: str) -> None:
    if key is not None and key not in world.collections[collection]:
        raise LabFileError(f"The {where} refers to {NOUNS[collection]} {key}, which is not in "
                           "the lab.")


def check_world(world: Any) -> dict[tuple[str, int], AddressPool]:
    """Check a world just built from a file against the rules EC2 calls keep; returns its
    subnets' address pools, with every address and prefix claimed."""
    _check_networks(world)
    pools = _pools(world)
    _check_instances(world)
    _check_elastic_ips(world)
    for group in world.security_groups.values():
        _exists(world, "vpcs", group.vpc_id, f"security group {group.group_id}")
    for table in world.collections["route_tables"].values():
        _exists(world, "vpcs", table.vpc_id, f"route table {table.route_table_id}")
        for association in table.associations:
            _exists(world, "subnets", association["subnet_id"],
                    f"route table {table.route_table_id}")
    for gateway in world.internet_gateways.values():
        _exists(world, "vpcs", gateway.vpc_id, f"internet gateway {gateway.internet_gateway_id}")
    for guest in world.collections["guests"].values():
        _exists(world, "instances", guest.instance_id, f"operating system of {guest.instance_id}")
    return pools


def name_links_as_the_os_does(world: Any) -> None:
    """A lab saved before the guest OS named interfaces by platform calls every one ethN: give
    each the name its OS uses now (eth0 -> ens5 on a Nitro type with Amazon Linux 2023 or
    Ubuntu), routes included, so that commands naming the OS's interfaces find them."""
    from ec2sim import guest  # guest builds on the world, which reads lab files

    for system in world.collections["guests"].values():
        instance = world.instances[system.instance_id]
        renamed = {}
        for name in list(system.links):
            classic = CLASSIC_NAME.fullmatch(name)
            if classic and (now := guest.name_at(instance, int(classic[1]))) != name:
                renamed[name] = now
        if renamed:
            system.links = {renamed.get(name, name): link for name, link in system.links.items()}
            for route in system.routes:
                if route.get("dev") in renamed:
                    route["dev"] = renamed[route["dev"]]


def _check_networks(world: Any) -> None:
    """Each VPC's blocks are CIDR blocks; each subnet's lie inside its VPC's, apart from the
    other subnets of that VPC."""
    for vpc in world.vpcs.values():
        for block in vpc.ipv4_blocks:
            _network(block, 4, f"CIDR block of VPC {vpc.vpc_id}")
    taken: dict[str, list[tuple[IPNetwork, str]]] = {}
    for subnet in world.subnets.values():
        where = f"subnet {subnet.subnet_id}"
        _exists(world, "vpcs", subnet.vpc_id, where)
        vpc = world.vpcs[subnet.vpc_id]
        for block, version, vpc_blocks in (
                (subnet.cidr_block, 4, vpc.ipv4_blocks),
                (subnet.ipv6_cidr_block, 6, vpc.ipv6_blocks)):
            if not block:  # no IPv6 block, or no IPv4 block (an IPv6-only subnet)
                continue
            network = _network(block, version, f"CIDR block of {where}")
            if not any(b and network in IPNetwork(b) for b in vpc_blocks):
                raise LabFileError(f"The {where} ({block}) lies outside the blocks of its VPC "
                                   f"{vpc.vpc_id}.")
            for other, other_id in taken.get(subnet.vpc_id, []):
                if other.version == version and (network in other or other in network):
                    raise LabFileError(f"The {where} ({block}) overlaps subnet {other_id} "
                                       f"({other}).")
            taken.setdefault(subnet.vpc_id, []).append((network, subnet.subnet_id))


def _pools(world: Any) -> dict[tuple[str, int], AddressPool]:
    """The subnets' address pools with every interface's addresses and prefixes claimed: each
    inside its subnet, outside the reserved ones, on one interface only."""
    pools = {}
    for subnet in world.subnets.values():
        for version, block in ((4, subnet.cidr_block), (6, subnet.ipv6_cidr_block)):
            if block:
                pools[(subnet.subnet_id, version)] = AddressPool(block)
    unattached = instance_types.unattached_limits()
    for eni in world.network_interfaces.values():
        where = f"network interface {eni.network_interface_id}"
        _exists(world, "subnets", eni.subnet_id, where)
        subnet = world.subnets[eni.subnet_id]
        if eni.vpc_id != subnet.vpc_id:
            raise LabFileError(f"The {where} is in VPC {eni.vpc_id}, but its subnet "
                               f"{subnet.subnet_id} is in {subnet.vpc_id}.")
        for group_id in eni.group_ids:
            _exists(world, "security_groups", group_id, where)
        for version, addresses in ((4, eni.private_ip_addresses), (6, eni.ipv6_addresses)):
            for text in addresses:
                _claim(pools, subnet, eni, text, version, where)
        for version, prefixes in ((4, eni.ipv4_prefixes), (6, eni.ipv6_prefixes)):
            for text in prefixes:
                _claim_prefix(pools, subnet, eni, text, version, where)
        if eni.attachment is None:
            ipv4_limit, ipv6_limit = unattached
            if len(eni.private_ip_addresses) > ipv4_limit or len(eni.ipv6_addresses) > ipv6_limit:
                raise LabFileError(f"The {where} holds more addresses than any instance type "
                                   "allows.")
    return pools


def _claim(pools: dict, subnet: Any, eni: Any, text: str, version: int, where: str) -> None:
    value = _address(text, version, f"address of the {where}")
    pool = pools.get((subnet.subnet_id, version))
    if pool is None or not pool.contains(value):
        raise LabFileError(f"The address {text} of the {where} is outside its subnet "
                           f"{subnet.subnet_id}.")
    if pool.is_reserved(value):
        raise LabFileError(f"The address {text} of the {where} is one AWS reserves in subnet "
                           f"{subnet.subnet_id}.")
    if pool.text(value) != text:
        raise LabFileError(f"The address {text!r} of the {where} is not written as EC2 writes "
                           "it.")
    holder = pool.holder(value)
    if holder == eni.network_interface_id:
        raise LabFileError(f"The address {text} is on the {where} twice.")
    if holder is not None:
        raise LabFileError(f"The address {text} is on both network interface {holder} and "
                           f"{eni.network_interface_id}.")
    pool.claim(value, eni.network_interface_id)


def _claim_prefix(pools: dict, subnet: Any, eni: Any, text: str, version: int,
                  where: str) -> None:
    network = _network(text, version, f"prefix of the {where}")
    pool = pools.get((subnet.subnet_id, version))
    if network.prefixlen != PREFIX_LENGTH[version]:
        raise LabFileError(f"The prefix {text} of the {where} is not a "
                           f"/{PREFIX_LENGTH[version]}.")
    block = network.first >> pool.block_bits if pool else None
    if pool is None or not pool.block_is_free(block):
        raise LabFileError(f"The prefix {text} of the {where} is not a free block of its subnet "
                           f"{subnet.subnet_id} (outside it, on its reserved addresses, or "
                           "holding an address or prefix already in use).")
    pool.claim_block(block, eni.network_interface_id)


def _check_instances(world: Any) -> None:
    """Known types and states; interfaces within the type's limits, one per device index; a
    live instance keeps its primary interface."""
    attached: dict[str, list[Any]] = {}
    for eni in world.network_interfaces.values():
        if eni.attachment is not None:
            _exists(world, "instances", eni.attachment.instance_id,
                    f"attachment of network interface {eni.network_interface_id}")
            attached.setdefault(eni.attachment.instance_id, []).append(eni)
    for instance in world.instances.values():
        where = f"instance {instance.instance_id}"
        if instance.instance_type not in instance_types.all_types():
            raise LabFileError(f"The {where} has the instance type {instance.instance_type!r}, "
                               "which EC2 does not have.")
        if instance.state not in STATES:
            raise LabFileError(f"The {where} is in the state {instance.state!r}, which EC2 "
                               "does not have.")
        _exists(world, "subnets", instance.subnet_id, where)
        _exists(world, "vpcs", instance.vpc_id, where)
        kind = instance_types.get(instance.instance_type)
        enis = attached.get(instance.instance_id, [])
        indexes = [eni.attachment.device_index for eni in enis]
        if len(enis) > kind.max_network_interfaces:
            raise LabFileError(f"The {where} has {len(enis)} network interfaces; a "
                               f"{kind.name} takes {kind.max_network_interfaces}.")
        if len(set(indexes)) != len(indexes) or any(i < 0 for i in indexes):
            raise LabFileError(f"The {where} has two network interfaces at one device index, "
                               "or one at a negative index.")
        if instance.state == "terminated" and enis:
            raise LabFileError(f"The {where} is terminated but still has network interfaces "
                               "attached.")
        if instance.state != "terminated" and 0 not in indexes:
            raise LabFileError(f"The {where} has no primary network interface (device index "
                               "0).")
        for eni in enis:
            if (len(eni.private_ip_addresses) + len(eni.ipv4_prefixes) > kind.ipv4_per_interface
                    or len(eni.ipv6_addresses) + len(eni.ipv6_prefixes)
                    > kind.ipv6_per_interface):
                raise LabFileError(f"The network interface {eni.network_interface_id} holds "
                                   f"more addresses than a {kind.name} allows on one interface.")


def _check_elastic_ips(world: Any) -> None:
    """At most five; each public address once; each associated one on an address its
    interface has, and no private address with two."""
    if len(world.addresses) > ELASTIC_IP_LIMIT:
        raise LabFileError(f"The lab holds {len(world.addresses)} Elastic IPs; an account may "
                           f"allocate {ELASTIC_IP_LIMIT} in a region.")
    publics: dict[str, str] = {}
    targets: dict[tuple[str, str], str] = {}
    for eip in world.addresses.values():
        where = f"Elastic IP {eip.allocation_id}"
        _address(eip.public_ip, 4, f"public address of the {where}")
        if eip.public_ip in publics:
            raise LabFileError(f"The Elastic IPs {publics[eip.public_ip]} and "
                               f"{eip.allocation_id} have the same address {eip.public_ip}.")
        publics[eip.public_ip] = eip.allocation_id
        parts = (eip.association_id, eip.network_interface_id, eip.private_ip_address)
        if any(parts) and not all(parts):
            raise LabFileError(f"The {where} is half associated: it needs an association ID, a "
                               "network interface and a private address, or none of them.")
        if eip.network_interface_id is None:
            continue
        eni = world.network_interfaces.get(eip.network_interface_id)
        if eni is None:
            raise LabFileError(f"The {where} is associated with network interface "
                               f"{eip.network_interface_id}, which is not in the lab.")
        if eip.private_ip_address not in eni.private_ip_addresses:
            raise LabFileError(f"The {where} is associated with {eip.private_ip_address}, which "
                               f"network interface {eni.network_interface_id} does not have.")
        target = (eni.network_interface_id, eip.private_ip_address)
        if target in targets:
            raise LabFileError(f"The Elastic IPs {targets[target]} and {eip.allocation_id} are "
                               f"both associated with {eip.private_ip_address} on "
                               f"{eni.network_interface_id}.")
        targets[target] = eip.allocation_id
