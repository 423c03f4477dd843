"""The scene: what one picture of the lab shows, decided before anything is drawn.

Say a learner has just moved 10.0.1.20 from eni-a to eni-b. The scene is the answer to "what
should the picture say?": VPC vpc-1 holds subnet subnet-1, which holds instance i-1 with eth0
(eni-a) and instance i-2 with eth0 (eni-b); eni-b holds 10.0.1.11 (primary) and 10.0.1.20
marked "moved"; eni-a keeps a faint ghost of 10.0.1.20 noted "moved to eni-b"; and the caption
reads the call back as ``ec2.assign_private_ip_addresses(…)``, then "moved or changed: private
IPv4 10.0.1.20: eni-a → eni-b" (worded by :mod:`ec2sim.diagram.caption`).

The world is read through the same describe calls a learner makes (:class:`View`) and turned
into plain values (:class:`Vpc` > :class:`Subnet` > :class:`Instance` > :class:`Interface` >
:class:`Address`, :class:`Public`) by :func:`build_scene`, which can also keep only one thing
(``focus``) and mark a reachability probe's path on it. Both renderings, text and DOT, walk the
same scene, so they show the same bindings in the same order: everything is sorted, and the
same world always gives the same scene.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache, lru_cache
from typing import Any, Protocol

from ec2sim import guest, instance_types
from ec2sim.diagram.caption import caption_lines, probe_caption
from ec2sim.errors import EC2Error
from ec2sim.events import Change, Event

# The words both renderings use for what the last call did, for each kind of address, and for
# an address EC2 assigned that the instance's OS has not configured.
MARK_WORD = {"added": "new", "moved": "moved", "removed": "removed"}
KIND_WORDS = {"primary": "primary private IPv4", "secondary": "secondary private IPv4",
              "private": "private IPv4",
              "ipv6": "IPv6", "ipv4-prefix": "IPv4 prefix (/28)",
              "ipv6-prefix": "IPv6 prefix (/80)", "placeholder": ""}
OS_NOTE = "not configured in the OS"


class Dispatches(Protocol):
    """What a picture can be drawn of besides a :class:`View`: a Cloud, answering EC2 calls."""

    def dispatch(self, operation: str, params: dict) -> dict: ...


# -- the world as the describe calls show it ---------------------------------------------------
@dataclass(frozen=True)
class View:
    """The describe answers a picture is drawn from (boto3 response shapes, as lists)."""

    vpcs: tuple[dict, ...] = ()
    subnets: tuple[dict, ...] = ()
    instances: tuple[dict, ...] = ()
    network_interfaces: tuple[dict, ...] = ()
    addresses: tuple[dict, ...] = ()
    unconfigured: frozenset = frozenset()  # (interface ID, address): not configured in the OS

    @classmethod
    def from_cloud(cls, cloud: Dispatches) -> View:
        """Ask the cloud, through its API, for everything the diagram shows."""
        call = cloud.dispatch
        reservations = call("DescribeInstances", {}).get("Reservations", [])
        return cls(
            vpcs=tuple(call("DescribeVpcs", {}).get("Vpcs", [])),
            subnets=tuple(call("DescribeSubnets", {}).get("Subnets", [])),
            instances=tuple(i for r in reservations for i in r.get("Instances", [])),
            network_interfaces=tuple(
                call("DescribeNetworkInterfaces", {}).get("NetworkInterfaces", [])),
            addresses=tuple(call("DescribeAddresses", {}).get("Addresses", [])),
            unconfigured=frozenset(getattr(cloud, "unconfigured_addresses", frozenset)()),
        )


def view_of(source: View | Dispatches) -> View:
    """A :class:`View` of ``source``: itself if it is one, else read from the cloud."""
    return source if isinstance(source, View) else View.from_cloud(source)


# -- instance-type limits (for the gauges) -----------------------------------------------------
@cache
def _limits(instance_type: str) -> tuple[int, int] | None:
    """(IPv4, IPv6) addresses per interface for a type, or None when the type is unknown."""
    try:
        found = instance_types.get(instance_type)
    except EC2Error:  # an unknown type: no gauge rather than no picture
        return None
    return found.ipv4_per_interface, found.ipv6_per_interface


# -- the scene: what is drawn, in both renderings ----------------------------------------------
@dataclass
class Address:
    """A private IPv4 / IPv6 address or prefix on an interface."""

    id: str
    kind: str  # "primary", "secondary", "ipv6", "ipv4-prefix", "ipv6-prefix", "placeholder"
    value: str
    mark: str | None = None  # "added", "moved", "removed"
    note: str = ""
    unconfigured: bool = False  # assigned in EC2, but the instance's OS has not configured it
    probe: str = ""  # "path": a probe went through it; else the reason a probe stopped here


@dataclass
class Public:
    """A public IPv4 address: an Elastic IP, or one AWS auto-assigned at launch."""

    id: str
    kind: str  # "elastic-ip" or "public-ipv4"
    public_ip: str
    allocation_id: str = ""
    target: str = ""  # the Address.id it maps to ("" when not associated)
    private_ip: str = ""
    mark: str | None = None
    note: str = ""  # for a ghost: what became of it
    probe: str = ""


@dataclass
class Interface:
    """A network interface (ENI) with what it holds."""

    id: str
    subnet_id: str
    groups: list[str]
    device_index: int | None = None
    instance_id: str = ""
    addresses: list[Address] = field(default_factory=list)
    publics: list[Public] = field(default_factory=list)
    ipv4_used: int = 0
    ipv6_used: int = 0
    limits: tuple[int, int] | None = None
    show_ipv6_gauge: bool = False
    mark: str | None = None
    note: str = ""
    probe: str = ""
    os_name: str = ""  # what the instance's OS calls it (ens5 on Nitro with AL2023 or Ubuntu)

    @property
    def name(self) -> str:
        if self.device_index is None:
            return "detached"
        return guest.console_label(self.os_name or f"eth{self.device_index}")

    def gauges(self) -> list[tuple[str, int, int]]:
        """("IPv4", used, limit) rows for the limit gauges (none for an unattached ENI)."""
        if self.limits is None:
            return []
        rows = [("IPv4", self.ipv4_used, self.limits[0])]
        if self.show_ipv6_gauge:
            rows.append(("IPv6", self.ipv6_used, self.limits[1]))
        return rows


@dataclass
class Instance:
    id: str
    name: str
    instance_type: str
    state: str
    zone: str
    interfaces: list[Interface] = field(default_factory=list)
    mark: str | None = None
    probe: str = ""


@dataclass
class Subnet:
    id: str
    cidr: str
    ipv6_cidrs: list[str]
    zone: str
    free: int | None
    name: str
    default: bool
    instances: list[Instance] = field(default_factory=list)
    available: list[Interface] = field(default_factory=list)
    mark: str | None = None
    probe: str = ""


@dataclass
class Vpc:
    id: str
    cidrs: list[str]
    ipv6_cidrs: list[str]
    name: str
    default: bool
    subnets: list[Subnet] = field(default_factory=list)
    mark: str | None = None
    probe: str = ""


@dataclass
class Scene:
    """Everything one picture shows: frames, interfaces, addresses and public addresses."""

    vpcs: list[Vpc]
    unassociated: list[Public]
    removed: list[tuple[str, str]]  # (kind, text) of removed things with no place left to show
    caption: list[str]
    focus: str | None = None
    call_lines: int = 0  # how many caption lines the API call takes
    probe: str = ""  # the probe drawn on the picture, in one line ("" when there is none)

    def interfaces(self) -> Iterable[Interface]:
        for vpc in self.vpcs:
            for subnet in vpc.subnets:
                for instance in subnet.instances:
                    yield from instance.interfaces
                yield from subnet.available


def _tag(resource: dict, key: str = "Name") -> str:
    for tag in resource.get("Tags") or resource.get("TagSet") or []:
        if tag.get("Key") == key:
            return str(tag.get("Value", ""))
    return ""


@lru_cache(maxsize=1 << 16)
def _ip_key(text: str) -> tuple:
    """Sort addresses and CIDRs numerically, IPv4 before IPv6."""
    try:
        net = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return (9, 0, 0, text)
    return (net.version, int(net.network_address), net.prefixlen, text)


def _time_key(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value or "")


ADDRESS_KINDS = {"private-ipv4": "ip", "ipv6": "ipv6", "ipv4-prefix": "prefix",
                 "ipv6-prefix": "prefix"}


def _split_target(value: Any) -> tuple[str, str]:
    """ "eni-…/10.0.1.20" -> ("eni-…", "10.0.1.20"); "" or None -> ("", "")."""
    if not value:
        return "", ""
    eni, _, ip = str(value).partition("/")
    return eni, ip


class _Builder:
    """Turns a View (and the last event) into a Scene."""

    def __init__(self, view: View, event: Event | None, previous: View | None) -> None:
        self.view = view
        self.event = event
        self.previous = previous
        self.changes: dict[tuple[str, str], Change] = {}
        for change in event.changes if event else ():
            self.changes[(change.kind, change.key)] = change
        self.placed: set[tuple[str, str]] = set()
        self.removed_text: list[tuple[str, str]] = []
        self.subnets = {s["SubnetId"]: s for s in view.subnets}
        # Address ids must be unique even when two VPCs use the same private range.
        self.eni_vpc = {e["NetworkInterfaceId"]: e.get("VpcId", "")
                        for e in view.network_interfaces}
        seen: dict[str, set[str]] = {}
        for eni in view.network_interfaces:
            for ip in eni.get("PrivateIpAddresses", []):
                seen.setdefault(ip["PrivateIpAddress"], set()).add(eni.get("VpcId", ""))
        self.clashing = {ip for ip, vpcs in seen.items() if len(vpcs) > 1}

    # ids ---------------------------------------------------------------------------------------
    def address_id(self, kind: str, value: str, eni_id: str) -> str:
        prefix = ADDRESS_KINDS.get(kind, kind)
        if kind == "private-ipv4" and value in self.clashing:
            return f"{prefix}-{value}@{self.eni_vpc.get(eni_id, '')}"
        return f"{prefix}-{value}"

    # marks -------------------------------------------------------------------------------------
    def mark(self, kind: str, key: str, bound_to: str | None = None) -> str | None:
        """How the last event touched (kind, key), if it ended bound to ``bound_to``."""
        change = self.changes.get((kind, key))
        if change is None or change.removed:
            return None
        if bound_to is not None and str(change.after).split("/")[0] != bound_to:
            return None
        self.placed.add((kind, key))
        return "added" if change.added else "moved"

    def left(self, kind: str, eni_id: str) -> list[Change]:
        """Changes of ``kind`` that took something away from interface ``eni_id``."""
        found = []
        for change in self.event.changes if self.event else ():
            if change.kind != kind or change.before is None:
                continue
            if _split_target(change.before)[0] != eni_id:
                continue
            if change.removed or change.after != change.before:
                found.append(change)
        return found

    # building ----------------------------------------------------------------------------------
    def build(self, focus: str | None) -> Scene:
        view = self.view
        instances = {i["InstanceId"]: i for i in view.instances}
        eips_by_target: dict[tuple[str, str], dict] = {}
        for eip in view.addresses:
            if eip.get("NetworkInterfaceId") and eip.get("PrivateIpAddress"):
                eips_by_target[(eip["NetworkInterfaceId"], eip["PrivateIpAddress"])] = eip

        interfaces = [self.interface(e, instances, eips_by_target)
                      for e in view.network_interfaces]
        by_instance: dict[str, list[Interface]] = {}
        available: dict[str, list[Interface]] = {}
        for eni in interfaces:
            if eni.instance_id and eni.instance_id in instances:
                by_instance.setdefault(eni.instance_id, []).append(eni)
            else:
                available.setdefault(eni.subnet_id, []).append(eni)
        self.add_ghost_interfaces(by_instance, available, instances)

        subnets: dict[str, Subnet] = {}
        for s in sorted(view.subnets, key=lambda s: (s.get("AvailabilityZone", ""),
                                                     _ip_key(s.get("CidrBlock", "")),
                                                     s["SubnetId"])):
            subnets[s["SubnetId"]] = Subnet(
                id=s["SubnetId"], cidr=s.get("CidrBlock", ""),
                ipv6_cidrs=[a["Ipv6CidrBlock"] for a in s.get("Ipv6CidrBlockAssociationSet", [])
                            if a.get("Ipv6CidrBlock")],
                zone=s.get("AvailabilityZone", ""), free=s.get("AvailableIpAddressCount"),
                name=_tag(s), default=bool(s.get("DefaultForAz")),
                mark=self.mark("subnet", s["SubnetId"]))
        ordered = sorted(instances.values(),
                         key=lambda i: (_time_key(i.get("LaunchTime")), i["InstanceId"]))
        for raw in ordered:
            box = self.instance(raw, by_instance.get(raw["InstanceId"], []))
            if box is None:
                continue
            enis = box.interfaces
            subnet_id = raw.get("SubnetId") or next(
                (e.subnet_id for e in enis if e.device_index == 0), "")
            if subnet_id in subnets:
                subnets[subnet_id].instances.append(box)
            else:
                self.removed_text.append(("instance", self.instance_text(box)))
        for subnet_id, enis in available.items():
            if subnet_id in subnets:
                subnets[subnet_id].available = sorted(enis, key=lambda e: (e.mark != "removed",
                                                                           e.id))
            else:
                for eni in enis:
                    self.removed_text.append(("network-interface", eni.id))

        vpcs = []
        for v in sorted(view.vpcs, key=lambda v: (bool(v.get("IsDefault")),
                                                  _ip_key(v.get("CidrBlock", "")), v["VpcId"])):
            mine = [s for s in subnets.values()
                    if self.subnet_vpc(s.id) == v["VpcId"] and self.shown(s)]
            if v.get("IsDefault") and not mine and not self.mark("vpc", v["VpcId"]):
                continue
            cidrs = [a["CidrBlock"] for a in v.get("CidrBlockAssociationSet", [])
                     if a.get("CidrBlock")] or [v.get("CidrBlock", "")]
            vpcs.append(Vpc(
                id=v["VpcId"], cidrs=cidrs,
                ipv6_cidrs=[a["Ipv6CidrBlock"] for a in v.get("Ipv6CidrBlockAssociationSet", [])
                            if a.get("Ipv6CidrBlock")],
                name=_tag(v), default=bool(v.get("IsDefault")), subnets=mine,
                mark=self.mark("vpc", v["VpcId"])))

        unassociated = [self.public_eip(e, "") for e in sorted(
            view.addresses, key=lambda a: (_ip_key(a.get("PublicIp", "")), a["AllocationId"]))
            if not (e.get("NetworkInterfaceId") and e.get("PrivateIpAddress"))]
        unassociated += self.released_eips()
        for change in self.event.changes if self.event else ():
            if change.removed and (change.kind, change.key) not in self.placed and \
                    not change.kind.startswith("os-"):  # the caption says what the OS dropped
                self.removed_text.append((change.kind, change.key))
        caption, calls = caption_lines(self.event)
        scene = Scene(vpcs=vpcs, unassociated=unassociated, removed=self.removed_text,
                      caption=caption, call_lines=calls)
        return _focus(scene, focus) if focus else scene

    def subnet_vpc(self, subnet_id: str) -> str:
        return self.subnets.get(subnet_id, {}).get("VpcId", "")

    @staticmethod
    def shown(subnet: Subnet) -> bool:
        """Empty default subnets are hidden: they would only clutter a learner's picture."""
        return (not subnet.default or bool(subnet.instances) or bool(subnet.available)
                or subnet.mark is not None)

    def instance(self, raw: dict, enis: list[Interface]) -> Instance | None:
        state = (raw.get("State") or {}).get("Name", "")
        mark = self.mark("instance", raw["InstanceId"])
        if state == "terminated":
            if mark is None:
                return None  # long gone: hide it
            mark = "removed"
            self.placed.add(("instance", raw["InstanceId"]))
        limits = _limits(raw.get("InstanceType", ""))
        for eni in enis:
            if eni.mark != "removed":
                eni.limits = limits
        enis.sort(key=lambda e: (e.device_index if e.device_index is not None else 99,
                                 e.mark == "removed", e.id))
        return Instance(id=raw["InstanceId"], name=_tag(raw),
                        instance_type=raw.get("InstanceType", ""), state=state,
                        zone=(raw.get("Placement") or {}).get("AvailabilityZone", ""),
                        interfaces=enis, mark=mark)

    @staticmethod
    def instance_text(box: Instance) -> str:
        return f"{box.id} {box.name}".strip()

    def interface(self, raw: dict, instances: dict, eips_by_target: dict) -> Interface:
        eni_id = raw["NetworkInterfaceId"]
        attachment = raw.get("Attachment") or {}
        instance_id = attachment.get("InstanceId", "") if raw.get("Status") != "available" else ""
        device = attachment.get("DeviceIndex") if instance_id else None
        eni = Interface(
            id=eni_id, subnet_id=raw.get("SubnetId", ""),
            groups=[f"{g.get('GroupId', '')} ({g.get('GroupName', '')})"
                    for g in raw.get("Groups", [])],
            device_index=device, instance_id=instance_id,
            mark=self.mark("network-interface", eni_id))
        if device is not None and instance_id in instances:
            where = instances[instance_id]
            eni.os_name = guest.os_name(where.get("ImageId", ""), where.get("InstanceType", ""),
                                        device)
        moved = self.changes.get(("attachment", eni_id))
        if eni.mark is None and moved is not None:
            eni.mark = "moved"  # attached or detached: the interface moved with its addresses
            self.placed.add(("attachment", eni_id))
        if not instance_id and attachment.get("InstanceId"):
            eni.note = f"detaching from {attachment['InstanceId']}"

        primary_first = sorted(raw.get("PrivateIpAddresses", []),
                               key=lambda p: (not p.get("Primary"), _ip_key(p["PrivateIpAddress"])))
        for entry in primary_first:
            ip = entry["PrivateIpAddress"]
            node = Address(id=self.address_id("private-ipv4", ip, eni_id),
                           kind="primary" if entry.get("Primary") else "secondary", value=ip,
                           mark=self.mark("private-ipv4", ip, eni_id),
                           unconfigured=(eni_id, ip) in self.view.unconfigured)
            eni.addresses.append(node)
            eip = eips_by_target.get((eni_id, ip))
            assoc = entry.get("Association") or {}
            if eip is not None:
                eni.publics.append(self.public_eip(eip, node.id))
            elif assoc.get("PublicIp"):
                public = assoc["PublicIp"]
                kind = "public-ipv4" if not assoc.get("AllocationId") else "elastic-ip"
                eni.publics.append(Public(
                    id=assoc.get("AllocationId") or f"public-{public}", kind=kind,
                    public_ip=public, allocation_id=assoc.get("AllocationId", ""),
                    target=node.id, private_ip=ip,
                    mark=self.mark(kind, assoc.get("AllocationId") or public, eni_id)))
        eni.ipv4_used = len(primary_first) + len(raw.get("Ipv4Prefixes", []))
        for kind, items, field_name in (
                ("ipv6", raw.get("Ipv6Addresses", []), "Ipv6Address"),
                ("ipv4-prefix", raw.get("Ipv4Prefixes", []), "Ipv4Prefix"),
                ("ipv6-prefix", raw.get("Ipv6Prefixes", []), "Ipv6Prefix")):
            for value in sorted((i[field_name] for i in items), key=_ip_key):
                eni.addresses.append(Address(
                    id=self.address_id(kind, value, eni_id), kind=kind, value=value,
                    mark=self.mark(kind, value, eni_id),
                    unconfigured=(eni_id, value) in self.view.unconfigured))
        eni.ipv6_used = len(raw.get("Ipv6Addresses", [])) + len(raw.get("Ipv6Prefixes", []))
        subnet = self.subnets.get(eni.subnet_id, {})
        eni.show_ipv6_gauge = bool(eni.ipv6_used or subnet.get("Ipv6CidrBlockAssociationSet"))
        self.add_ghost_addresses(eni)
        return eni

    def add_ghost_addresses(self, eni: Interface) -> None:
        """Draw, faintly, what the last call took off this interface (removed or moved away)."""
        for kind in ("private-ipv4", "ipv6", "ipv4-prefix", "ipv6-prefix"):
            for change in self.left(kind, eni.id):
                where = _split_target(change.after)[0]
                node = Address(id="ghost-" + self.address_id(kind, change.key, eni.id),
                               kind="private" if kind == "private-ipv4" else kind,
                               value=change.key, mark="removed",
                               note=f"moved to {where}" if where else "removed")
                eni.addresses.append(node)
                if change.removed:
                    self.placed.add((kind, change.key))
        for kind in ("elastic-ip", "public-ipv4"):
            for change in self.left(kind, eni.id):
                _, ip = _split_target(change.before)
                target = next((a.id for a in eni.addresses
                               if a.value == ip and a.mark == "removed"), "")
                target = target or next((a.id for a in eni.addresses if a.value == ip), "")
                public_ip = self.public_ip_of(kind, change.key)
                if change.removed:
                    note = "released"
                elif change.after == "":
                    note = "disassociated"
                else:
                    note = f"moved to {change.after}"
                eni.publics.append(Public(
                    id="ghost-" + (change.key if kind == "elastic-ip" else f"public-{change.key}"),
                    kind=kind, public_ip=public_ip,
                    allocation_id=change.key if kind == "elastic-ip" else "",
                    target=target, private_ip=ip, mark="removed", note=note))
                if change.removed and kind == "public-ipv4":
                    self.placed.add((kind, change.key))

    def public_ip_of(self, kind: str, key: str) -> str:
        if kind == "public-ipv4":
            return key
        for source in (self.view, self.previous):
            for eip in source.addresses if source else ():
                if eip.get("AllocationId") == key:
                    return eip.get("PublicIp", "")
        return ""

    def public_eip(self, eip: dict, target: str) -> Public:
        eni_id = eip.get("NetworkInterfaceId") if target else None
        return Public(id=eip["AllocationId"], kind="elastic-ip",
                      public_ip=eip.get("PublicIp", ""), allocation_id=eip["AllocationId"],
                      target=target, private_ip=eip.get("PrivateIpAddress", ""),
                      mark=self.mark("elastic-ip", eip["AllocationId"],
                                     eni_id if target else ""))

    def released_eips(self) -> list[Public]:
        ghosts = []
        for change in self.event.changes if self.event else ():
            if change.kind == "elastic-ip" and change.removed:
                ghosts.append(Public(id="ghost-" + change.key, kind="elastic-ip",
                                     public_ip=self.public_ip_of("elastic-ip", change.key),
                                     allocation_id=change.key, mark="removed",
                                     note="released"))
                self.placed.add((change.kind, change.key))
        return ghosts

    def add_ghost_interfaces(self, by_instance: dict, available: dict, instances: dict) -> None:
        """Deleted or detached interfaces leave a faint outline where they were."""
        for change in self.event.changes if self.event else ():
            if change.kind == "network-interface" and change.removed:
                gone = self.changes.get(("attachment", change.key))
                instance_id, _, device = str(gone.before if gone else "").partition("/")
                ghost = Interface(id="ghost-" + change.key, subnet_id=str(change.before),
                                  groups=[], mark="removed", note="deleted")
                ghost.device_index = int(device) if device.isdigit() else None
                self.add_ghost_addresses_of(change.key, ghost)
                if instance_id in instances:
                    ghost.instance_id = instance_id
                    by_instance.setdefault(instance_id, []).append(ghost)
                else:
                    available.setdefault(ghost.subnet_id, []).append(ghost)
                self.placed.add((change.kind, change.key))
                if gone:
                    self.placed.add(("attachment", change.key))
            elif change.kind == "attachment" and change.before and not change.after:
                if ("network-interface", change.key) in self.changes:
                    continue
                instance_id, _, device = str(change.before).partition("/")
                if instance_id not in instances:
                    continue
                ghost = Interface(id="ghost-" + change.key, subnet_id="", groups=[],
                                  device_index=int(device) if device.isdigit() else None,
                                  instance_id=instance_id, mark="removed",
                                  note="detached")
                ghost.addresses.append(Address(id=f"ghost-slot-{change.key}", kind="placeholder",
                                               value="now available, detached", mark="removed"))
                by_instance.setdefault(instance_id, []).append(ghost)

    def add_ghost_addresses_of(self, eni_id: str, ghost: Interface) -> None:
        real = ghost.id
        ghost.id = eni_id
        self.add_ghost_addresses(ghost)
        ghost.id = real
        if not ghost.addresses:
            ghost.addresses.append(Address(id=f"ghost-slot-{eni_id}", kind="placeholder",
                                           value="deleted", mark="removed"))


def build_scene(source: View | Dispatches, last_event: Event | None = None,
                focus: str | None = None, previous: View | None = None,
                probe: Any = None) -> Scene:
    """The scene for ``source`` (a Cloud or a View), marking what ``last_event`` changed.

    ``previous`` (the view before the event), when given, names released Elastic IPs by address.
    ``probe`` (an ``ec2sim.reachability.Probe``), when given, is drawn on it: see
    :func:`_overlay`.
    """
    scene = _Builder(view_of(source), last_event, previous).build(focus)
    return _overlay(scene, probe) if probe is not None else scene


def _focus(scene: Scene, focus: str) -> Scene:
    """Keep only one VPC, subnet, instance or interface (and the frames around it)."""
    vpcs = []
    for vpc in scene.vpcs:
        if vpc.id == focus:
            return replace(scene, vpcs=[vpc], unassociated=[], removed=[], focus=focus)
        subnets = []
        for subnet in vpc.subnets:
            if subnet.id == focus:
                subnets.append(subnet)
                continue
            instances = []
            for instance in subnet.instances:
                if instance.id == focus:
                    instances.append(instance)
                    continue
                enis = [e for e in instance.interfaces if focus in (e.id, "ghost-" + focus)]
                if enis:
                    instances.append(replace(instance, interfaces=enis))
            available = [e for e in subnet.available if e.id == focus]
            if instances or available:
                subnets.append(replace(subnet, instances=instances, available=available))
        if subnets:
            vpcs.append(replace(vpc, subnets=subnets))
    return replace(scene, vpcs=vpcs, unassociated=[], removed=[], focus=focus)


# -- a probe drawn on the scene -----------------------------------------------------------------
_DRAWN_ID = re.compile(r"\b(?:eni|i|vpc)-[0-9a-f]+\b")


def _overlay(scene: Scene, probe: Any) -> Scene:
    """Mark what a probe went through (``probe = "path"``) and where it stopped (``probe`` =
    the reason code), reading its hops' places, and add its caption line."""
    found: dict[str, tuple] = {}  # a private address -> (its node, interface, instance, subnet)
    publics: dict[str, Public] = {}
    frames: dict[str, Any] = {}
    for vpc in scene.vpcs:
        frames[vpc.id] = vpc
        for subnet in vpc.subnets:
            held = [(i, e) for i in subnet.instances if i.mark != "removed" for e in i.interfaces]
            for instance, eni in held + [(None, e) for e in subnet.available]:
                if eni.mark == "removed":
                    continue
                frames[eni.id] = eni
                if instance is not None:
                    frames[instance.id] = instance
                for address in eni.addresses:
                    if address.mark != "removed":
                        found.setdefault(address.value, (address, eni, instance, subnet))
                publics.update((p.public_ip, p) for p in eni.publics if p.mark != "removed")
    publics.update((p.public_ip, p) for p in scene.unassociated if p.mark != "removed")

    source = frames.get(probe.source)
    if isinstance(source, Instance) and source.interfaces and source.interfaces[0].addresses:
        source = source.interfaces[0].addresses[0].value
    here = found.get(source if isinstance(source, str) else probe.source)
    none = (None, None, None, None)
    for hop in probe.hops:
        how, place = "path" if hop.ok else str(probe.reason), hop.place
        if place.startswith("public "):  # "translates to 10.0.1.20 on eni-…"
            here = found.get(hop.detail.split()[2]) if hop.detail.count(" ") > 2 else None
            things = [publics.get(place.removeprefix("public ")), (here or none)[0]]
        elif place.startswith("Elastic IP "):
            things = [publics.get(place.removeprefix("Elastic IP "))]
        elif place.startswith("route table "):
            if hop.detail.endswith("(the reply)"):
                here = found.get(probe.destination, here)
            things = [] if hop.ok else [(here or none)[3]]  # the subnet that uses the table
        elif place.startswith("VPC "):  # the local route, to the address asked for
            here = found.get(probe.destination, here)
            things = [(here or none)[0]]
        elif place.startswith("OS of "):
            address, _, instance, _ = here or none
            if hop.ok:
                things = [address, instance]
            else:
                things = [address if probe.reason == "not-configured-in-os" else instance]
        elif place == "back":
            things = []
        elif ids := _DRAWN_ID.findall(place):
            things = [frames.get(ids[-1])]
            if hop.ok and here is not None and here[1] is things[0]:
                things.append(here[0])
        else:  # an address by itself
            things = [(found.get(place) or none)[0] or publics.get(place)]
        for thing in things:
            if thing is not None and (not hop.ok or not thing.probe):
                thing.probe = how
    scene.probe = probe_caption(probe)
    return scene
