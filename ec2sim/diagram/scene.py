"""The picture of the network: instances, network interfaces, their addresses and Elastic IPs.

The world is read through the same describe calls a learner makes (DescribeVpcs, DescribeSubnets,
DescribeInstances, DescribeNetworkInterfaces, DescribeAddresses), turned into a :class:`Scene`
(what is bound to what, and what the last call added, moved or removed), and the scene is drawn
either as Graphviz DOT (:func:`to_dot`, :func:`render_svg`) or as plain text (:func:`to_text`),
so a machine without Graphviz still shows the same bindings. Everything is sorted: the same
world always gives the same picture. No Jupyter import here; the live widget is in ``widgets``.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache, cached_property, lru_cache
from html import escape
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any, Protocol

import graphviz

from ec2sim import guest, instance_types
from ec2sim.errors import EC2Error
from ec2sim.events import Change, Event

INSTALL_HINT = (
    "Graphviz's `dot` program was not found, so the diagram is shown as text. To draw it, "
    "install Graphviz (the Python package alone is not enough):\n"
    "  Debian/Ubuntu:  sudo apt-get install graphviz\n"
    "  macOS:          brew install graphviz\n"
    "  conda:          conda install graphviz\n"
    "then run the cell again."
)

# Okabe & Ito's palette: the eight colours stay distinct for the common kinds of colour blindness.
BLUE, SKY, GREEN, ORANGE = "#0072B2", "#56B4E9", "#009E73", "#E69F00"
YELLOW, VERMILLION, PURPLE, INK = "#F0E442", "#D55E00", "#CC79A7", "#222222"
GHOST = "#9A9A9A"
SANS = "Helvetica,Arial,sans-serif"
MONO = "Menlo,Consolas,DejaVu Sans Mono,monospace"

MARK_WORD = {"added": "new", "moved": "moved", "removed": "removed"}
MARK_COLOUR = {"added": VERMILLION, "moved": PURPLE, "removed": GHOST}


class DotNotFound(RuntimeError):
    """Graphviz's ``dot`` is not installed; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class _Dispatches(Protocol):
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
    def from_cloud(cls, cloud: _Dispatches) -> View:
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


def view_of(source: View | _Dispatches) -> View:
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


def call_text(event: Event, limit: int = 140) -> str:
    """The event as the boto3 call that made it, e.g. ``ec2.assign_private_ip_addresses(…)``."""
    from botocore import xform_name

    if event.operation in ("Undo", "Reset"):  # the simulation's own calls, not EC2's
        what = event.params.get("Operation")
        return f"cloud.{event.operation.lower()}()" + (f"  (took back {what})" if what else "")
    args = ", ".join(f"{k}={v!r}" for k, v in event.params.items())
    text = f"ec2.{xform_name(event.operation)}({args})"
    return text if len(text) <= limit else text[: limit - 2] + "…)"


KIND_NAMES = {"private-ipv4": "private IPv4", "ipv6": "IPv6", "ipv4-prefix": "IPv4 prefix",
              "ipv6-prefix": "IPv6 prefix", "elastic-ip": "Elastic IP",
              "public-ipv4": "public IPv4", "network-interface": "network interface",
              "attachment": "network interface", "instance": "instance", "vpc": "VPC",
              "subnet": "subnet", "internet-gateway": "internet gateway"}


def _place(kind: str, value: Any) -> str:
    if value in (None, ""):
        return "not associated" if kind == "elastic-ip" else "nothing"
    if kind == "attachment":
        instance, _, device = str(value).partition("/")
        return f"{instance} as eth{device}"
    return str(value)


def _change_text(change: Change) -> str:
    """One change in words: 'private IPv4 10.0.1.20: eni-a → eni-b'."""
    name = f"{KIND_NAMES.get(change.kind, change.kind)} {change.key}"
    if change.kind == "world":  # Cloud.reset: a Reset or a Load, or undoing one
        return "the whole lab was replaced"
    if change.kind == "os-address":  # what the instance's OS did in answer to the call
        instance, _, address = change.key.partition("/")
        if change.after is None:
            return f"the OS of {instance} stopped using {address}"
        return f"the OS of {instance} uses {address} on {change.after}"
    if change.kind == "os-config":
        return f"the OS of {change.key} changed its network settings"
    if change.kind == "instance" and change.added:
        return f"{name}, {change.after}"
    if change.kind == "network-interface" and change.added:
        return f"{name} in {change.after}"
    if change.kind == "attachment" and change.added:
        return f"{change.key} attached to {_place(change.kind, change.after)}"
    if change.kind == "attachment" and change.removed:
        return f"{change.key} detached from {_place(change.kind, change.before)}"
    if change.kind in ("network-interface", "subnet") and change.removed:
        return f"{name} (was in {change.before})"
    if change.removed and change.before in ("", None):
        return f"{name} ({'released' if change.kind == 'elastic-ip' else 'removed'})"
    if change.added:
        return f"{name} on {_place(change.kind, change.after)}"
    if change.removed:
        return f"{name} (was on {_place(change.kind, change.before)})"
    return f"{name}: {_place(change.kind, change.before)} → {_place(change.kind, change.after)}"


CALL_WIDTH = 96


def _wrap(text: str, width: int) -> list[str]:
    """Break a long call after its commas, so the caption does not widen the whole picture."""
    lines = [""]
    for piece in text.split(", "):
        if lines[-1] and len(lines[-1]) + len(piece) + 2 > width:
            lines[-1] += ","
            lines.append("    " + piece)
        else:
            lines[-1] += (", " if lines[-1] else "") + piece
    return lines


def _caption(event: Event | None, limit: int = 4) -> tuple[list[str], int]:
    """The caption's lines (the call, then what it changed) and how many lines the call takes."""
    if event is None:
        return [], 0
    lines = _wrap(f"Last call (#{event.seq}): {call_text(event)}", CALL_WIDTH)
    calls = len(lines)
    for word, group in (("added", event.added), ("moved or changed", event.moved),
                        ("removed", event.removed)):
        if group:
            texts = [_change_text(c) for c in group[:limit]]
            if len(group) > limit:
                texts.append(f"and {len(group) - limit} more")
            line = f"{word}: {texts[0]}"
            for text in texts[1:]:  # one change after another, wrapped to stay readable
                if len(line) + len(text) > 110:
                    lines.append(line + ";")
                    line = "    " + text
                else:
                    line += f"; {text}"
            lines.append(line)
    return lines, calls


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
        caption, calls = _caption(self.event)
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


def build_scene(source: View | _Dispatches, last_event: Event | None = None,
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


def probe_caption(probe: Any) -> str:
    """'Probe internet → 203.0.113.10:443: stopped at eni-… (sg-…) (security-group)'."""
    where = f"[{probe.destination}]" if ":" in probe.destination else probe.destination
    head = f"Probe {probe.source} → {where}:{probe.port}"
    head += f" {probe.protocol.upper()}" if probe.protocol != "tcp" else ""
    if probe.reachable:
        return f"{head}: reachable, there and back"
    stop = probe.stopped_at
    return f"{head}: stopped at {stop.place if stop else '?'} ({probe.reason})"


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


# -- text rendering ----------------------------------------------------------------------------
KIND_WORDS = {"primary": "primary private IPv4", "secondary": "secondary private IPv4",
              "private": "private IPv4",
              "ipv6": "IPv6", "ipv4-prefix": "IPv4 prefix (/28)",
              "ipv6-prefix": "IPv6 prefix (/80)", "placeholder": ""}


def _tagged(text: str, mark: str | None, note: str = "") -> str:
    """The text with what the last call did to it, e.g. '10.0.1.20  [moved]'."""
    if mark == "removed" and note:
        return f"{text}  [{note}]"
    if mark == "moved" and text.startswith("instance "):
        return f"{text}  [changed]"
    return f"{text}  [{MARK_WORD[mark]}]" if mark else text


def _public_text(public: Public) -> str:
    if public.kind == "elastic-ip":
        return f"Elastic IP {public.public_ip or '?'} ({public.allocation_id})".replace(" ()", "")
    return f"public IPv4 {public.public_ip} (auto-assigned)"


def _interface_lines(eni: Interface, indent: str) -> list[str]:
    head = f"{eni.name} {eni.id}" if eni.mark != "removed" else f"{eni.name} {eni.note}"
    details = [d for d in (eni.subnet_id, ", ".join(eni.groups)) if d]
    details += [f"{used} of {limit} {family}" for family, used, limit in eni.gauges()]
    if eni.note and eni.mark != "removed":
        details.append(eni.note)
    lines = [indent + _tagged(" · ".join([head, *details]), eni.mark)]
    publics = {p.target: p for p in eni.publics if p.target and p.mark != "removed"}
    ghosts = {p.target: p for p in eni.publics if p.target and p.mark == "removed"}
    for address in eni.addresses:
        text = f"{address.value:<20} {KIND_WORDS[address.kind]}".rstrip()
        text = _tagged(text, address.mark, address.note)
        if address.unconfigured:
            text += f"  [{OS_NOTE}]"
        for public in (publics.get(address.id), ghosts.get(address.id)):
            if public is not None:
                text += f"  <- {_tagged(_public_text(public), public.mark, public.note)}"
        lines.append(indent + "  " + text)
    return lines


def scene_text(scene: Scene) -> str:
    """The scene as indented plain text: the same bindings the picture shows."""
    lines = list(scene.caption) + ([scene.probe] if scene.probe else [])
    if lines:
        lines.append("")
    for vpc in scene.vpcs:
        cidrs = ", ".join(vpc.cidrs + vpc.ipv6_cidrs)
        name = f' "{vpc.name}"' if vpc.name else ""
        default = " (default VPC)" if vpc.default else ""
        lines.append(_tagged(f"VPC {vpc.id}{name}{default} {cidrs}", vpc.mark))
        for subnet in vpc.subnets:
            free = f" · {subnet.free} IPv4 free" if subnet.free is not None else ""
            cidrs = ", ".join(c for c in [subnet.cidr, *subnet.ipv6_cidrs] if c)
            lines.append("  " + _tagged(f"subnet {subnet.id} {cidrs} · {subnet.zone}{free}",
                                        subnet.mark))
            for instance in subnet.instances:
                name = f' "{instance.name}"' if instance.name else ""
                lines.append("    " + _tagged(
                    f"instance {instance.id}{name} {instance.instance_type} · {instance.state}"
                    f" · {instance.zone}", instance.mark,
                    "terminated" if instance.mark == "removed" else ""))
                for eni in instance.interfaces:
                    lines += _interface_lines(eni, "      ")
            if subnet.available:
                lines.append("    available (detached) network interfaces")
                for eni in subnet.available:
                    lines += _interface_lines(eni, "      ")
    if scene.unassociated:
        lines.append("Elastic IPs allocated, not associated")
        for public in scene.unassociated:
            lines.append("  " + _tagged(_public_text(public), public.mark, public.note))
    if scene.removed:
        lines.append("Removed by the last call")
        for kind, key in scene.removed:
            lines.append(f"  {kind} {key}  [removed]")
    return "\n".join(lines) + "\n"


def to_text(source: View | _Dispatches, last_event: Event | None = None,
            focus: str | None = None, previous: View | None = None,
            probe: Any = None) -> str:
    """Plain-text rendering of the same bindings the diagram draws."""
    return scene_text(build_scene(source, last_event, focus, previous, probe))


# -- DOT rendering -----------------------------------------------------------------------------
class _Dot:
    """A small, fast writer of DOT statements.

    The graphviz package quotes every attribute through regular expressions, which on a large
    scene cost a third of what ``dot`` itself needs; our names and values are known, so they
    are quoted here directly and handed to a :class:`graphviz.Digraph` as its body.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.root: list[str] = []  # statements that must stand outside every cluster

    @staticmethod
    def quote(value: Any) -> str:
        text = value if isinstance(value, str) else str(value)
        if text[:1] == "<" and text[-1:] == ">":
            return text  # an HTML-like label, already escaped
        if '"' in text or "\\" in text:
            text = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'

    def attrs(self, attrs: dict[str, Any]) -> str:
        quote = self.quote
        return " ".join([f"{k}={quote(v)}" for k, v in attrs.items()])

    def node(self, name: str, **attrs: Any) -> None:
        attrs.setdefault("id", name)
        self.lines.append(f"{self.quote(name)} [{self.attrs(attrs)}]")

    def edge(self, tail: str, head: str, **attrs: Any) -> None:
        self.lines.append(f"{self.quote(tail)} -> {self.quote(head)} [{self.attrs(attrs)}]")

    def invisible(self, tail: str, head: str, weight: int = 1, minlen: int = 1,
                  root: bool = False) -> None:
        """A layout-only edge: keeps boxes stacked and columns in order. Naming a node inside
        a cluster puts it there, so an edge between frames goes at the root (``root``)."""
        extra = f" minlen={minlen}" if minlen != 1 else ""
        (self.root if root else self.lines).append(
            f"{self.quote(tail)} -> {self.quote(head)} [style=invis weight={weight}{extra}]")

    def stack(self, order: Sequence[str], weight: int = 20) -> None:
        for upper, lower in pairwise(order):
            self.invisible(upper, lower, weight)

    @contextmanager
    def cluster(self, name: str, **attrs: Any) -> Iterator[None]:
        attrs.setdefault("id", name)
        self.lines.append(f"subgraph {self.quote('cluster_' + name)} {{")
        self.lines.append("graph [" + self.attrs(attrs) + "]")
        yield
        self.lines.append("}")

    @contextmanager
    def same_rank(self) -> Iterator[None]:
        self.lines.append("{rank=same;")
        yield
        self.lines.append("}")


def _h(text: Any) -> str:
    return escape(str(text), quote=True)


def _small(text: str, colour: str = "#555555", size: int = 10) -> str:
    if not text:
        return ""  # Graphviz refuses an empty <FONT>
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{_h(text)}</FONT>'


BADGE_COLOUR = {"added": "#A63F00", "moved": "#8E3B6E", "removed": "#7A7A7A"}  # darker, legible


def _badge(mark: str | None, word: str = "") -> str:
    """The word that says what the last call did to a thing (colour alone is not enough)."""
    if not mark:
        return ""
    word = word or MARK_WORD[mark]
    return f'  <FONT POINT-SIZE="10" COLOR="{BADGE_COLOUR[mark]}"><B>{_h(word)}</B></FONT>'


def _classes(base: str, mark: str | None) -> str:
    return f"{base} {mark}" if mark else base


STOP_INK = "#A63F00"  # the darker vermillion of the badges: legible as text


def _on_probe(probe: str, css: str, attrs: dict) -> tuple[str, dict]:
    """A thing on a probe's path: class ``probe-path``, a thick bluish-green outline; where it
    stopped: ``probe-stop``, a thicker vermillion one (with the ✘ reason of :func:`_stop`)."""
    if not probe:
        return css, attrs
    if probe == "path":
        return f"{css} probe-path", {**attrs, "color": GREEN, "penwidth": 4}
    return f"{css} probe-stop", {**attrs, "color": VERMILLION, "penwidth": 5}


def _stop(probe: str) -> str:
    """'✘ security-group' where a probe stopped, as HTML-like label text ('' elsewhere)."""
    if not probe or probe == "path":
        return ""
    return f'<FONT FACE="{SANS}" POINT-SIZE="12" COLOR="{STOP_INK}"><B>✘ {_h(probe)}</B></FONT>'


def _stop_line(probe: str) -> str:
    """The ✘ reason as one more left-aligned line of a frame's label ('' elsewhere)."""
    return f'{_stop(probe)}<BR ALIGN="LEFT"/>' if _stop(probe) else ""


def _frame(mark: str | None, colour: str, fill: str, width: float = 1.0) -> dict:
    """Cluster attributes: the frame's own colour, or the highlight of the last change."""
    attrs = {"color": colour, "fillcolor": fill, "penwidth": width, "style": "rounded,filled"}
    if mark == "removed":
        attrs.update(color=GHOST, style="rounded,dashed", fontcolor=GHOST)
    elif mark:
        attrs.update(color=MARK_COLOUR[mark], penwidth=3)
    return attrs


ADDRESS_STYLE = {
    "primary": {"fillcolor": BLUE, "color": BLUE, "fontcolor": "white"},
    "secondary": {"fillcolor": "white", "color": BLUE, "fontcolor": INK},
    "private": {"fillcolor": "white", "color": BLUE, "fontcolor": INK},
    "ipv6": {"fillcolor": "white", "color": GREEN, "fontcolor": INK},
    "ipv4-prefix": {"fillcolor": "#DDEEF8", "color": BLUE, "fontcolor": INK, "peripheries": 2},
    "ipv6-prefix": {"fillcolor": "#DDF2EA", "color": GREEN, "fontcolor": INK, "peripheries": 2},
    "placeholder": {"fillcolor": "white", "color": GHOST, "fontcolor": GHOST},
}
ADDRESS_CLASS = {"primary": "private-ipv4 primary", "secondary": "private-ipv4 secondary",
                 "private": "private-ipv4",
                 "ipv6": "ipv6", "ipv4-prefix": "ipv4-prefix prefix",
                 "ipv6-prefix": "ipv6-prefix prefix", "placeholder": "placeholder"}
OS_NOTE = "not configured in the OS"
ADDRESS_NOTE = {"primary": "primary", "ipv4-prefix": "/28 prefix", "ipv6-prefix": "/80 prefix"}
PUBLIC_STYLE = {"elastic-ip": (ORANGE, "Elastic IP"), "public-ipv4": (YELLOW, "public IPv4")}
CHAR = 0.092  # inches per character of the 11 pt monospaced font (DejaVu Sans Mono is widest)
MAX_ROW_WIDTH = 13.0  # inches: wider rows of instances wrap, so the picture fits a screen


def _address_node(dot: _Dot, address: Address, width: float) -> None:
    style = dict(ADDRESS_STYLE[address.kind])
    note = ADDRESS_NOTE.get(address.kind, "")
    note_colour = "white" if address.kind == "primary" else "#555555"
    if address.mark == "removed":
        style.update(fillcolor="white", color=GHOST, fontcolor=GHOST, style="rounded,dashed")
        note, note_colour = address.note or "removed", GHOST
        if address.kind == "placeholder":
            note = ""
    elif address.mark:
        style.update(color=MARK_COLOUR[address.mark], penwidth=3)
    if address.unconfigured and address.mark != "removed":
        style["style"] = "rounded,filled,dashed"
        note, note_colour = OS_NOTE, VERMILLION if address.kind != "primary" else "white"
    value = _h(address.value)
    if address.kind == "primary" and address.mark != "removed":
        value = f"<B>{value}</B>"
    label = value + (f"  {_small(note, note_colour, 9)}" if note else "") + _badge(
        address.mark if address.mark != "removed" else None)
    css = ADDRESS_CLASS[address.kind] + (" unconfigured" if address.unconfigured else "")
    css, style = _on_probe(address.probe, _classes(css, address.mark), style)
    if _stop(address.probe):
        label += f"<BR/>{_stop(address.probe)}"
    dot.node(address.id, label=f"<{label}>", width=f"{width:.2f}",
             tooltip=f"{KIND_WORDS[address.kind]} {address.value}",
             **{"class": css}, **style)


def _address_width(addresses: Sequence[Address]) -> float:
    """The width (inches) an interface's address boxes need, so a column of them lines up."""
    def inches(address: Address) -> float:
        note = ADDRESS_NOTE.get(address.kind, "") if address.mark != "removed" else address.note
        note = OS_NOTE if address.unconfigured else note
        badge = len(MARK_WORD[address.mark]) + 2 if address.mark in ("added", "moved") else 0
        return len(address.value) * CHAR + (len(note) + 2) * 0.07 * bool(note) + badge * 0.08

    return round(max((inches(a) for a in addresses), default=1.0) + 0.3, 2)


def _public_sub(public: Public) -> str:
    word = PUBLIC_STYLE[public.kind][1]
    return f"{word} {public.allocation_id or 'auto-assigned'}"


def _public_width(publics: Iterable[Public]) -> float:
    """A common width (inches) for the public-address boxes of one column (0: there are none)."""
    def inches(public: Public) -> float:
        badge = len(MARK_WORD[public.mark]) + 2 if public.mark else 0
        top = len(public.public_ip or "?") * (CHAR + 0.01) + badge * 0.11
        detail = public.allocation_id or "auto-assigned public IPv4"
        return max(top, len(detail) * 0.077, len(public.note) * 0.07)

    widths = [inches(p) for p in publics]
    return round(max(widths) + 0.25, 2) if widths else 0.0


def _public_node(dot: _Dot, public: Public, width: float = 0.0) -> None:
    attrs: dict[str, Any] = {"fillcolor": PUBLIC_STYLE[public.kind][0], "color": "#8A5A00",
                             "fontcolor": INK}
    if public.mark == "removed":
        attrs.update(fillcolor="white", color=GHOST, fontcolor=GHOST, style="rounded,dashed")
    elif public.mark:
        attrs.update(color=MARK_COLOUR[public.mark], penwidth=3)
    if width:
        attrs["width"] = f"{width:.2f}"
    colour = GHOST if public.mark == "removed" else "#333333"
    detail = public.allocation_id or "auto-assigned public IPv4"
    badge = _badge(public.mark) if public.mark != "removed" else ""
    note = f"<BR/>{_small(public.note, GHOST, 9)}" if public.note else ""
    stop = f"<BR/>{_stop(public.probe)}" if _stop(public.probe) else ""
    label = (f"<<B>{_h(public.public_ip or '?')}</B>{badge}<BR/>{_small(detail, colour, 9)}"
             f"{note}{stop}>")
    css, attrs = _on_probe(public.probe, _classes(f"public {public.kind}", public.mark), attrs)
    dot.node(public.id, label=label, margin="0.08,0.01",
             tooltip=f"{_public_sub(public)} {public.public_ip}", **{"class": css}, **attrs)


def _public_edge(dot: _Dot, public: Public, address_id: str) -> None:
    """The arrow from a public address to the private IPv4 address it is translated to."""
    colour = GHOST if public.mark == "removed" else (
        "#8A5A00" if public.kind == "elastic-ip" else "#6B6100")
    attrs: dict[str, Any] = {"color": colour, "penwidth": 1.6, "arrowsize": 0.8}
    if public.mark == "removed":
        attrs["style"] = "dashed"
    elif public.mark:
        attrs.update(color=MARK_COLOUR[public.mark], penwidth=2.6)
    css = _classes(f"association {public.kind}", public.mark)
    if public.probe == "path":  # the probe came in by this translation
        css, attrs = f"{css} probe-path", {**attrs, "color": GREEN, "penwidth": 3.5}
    # Drawn from the public address to the private one; laid out by an invisible edge the
    # other way, so the public addresses hang to the right of the column of private ones.
    dot.invisible(address_id, public.id, weight=1, minlen=2)
    dot.edge(public.id, address_id, id=f"{public.id}->{address_id}", constraint="false",
             tailport="w", headport="e", **{"class": css}, **attrs)


def _heading(dot: _Dot, node_id: str, lines: list[str], width: float, css: str) -> str:
    """A heading (a few left-aligned lines of text) spanning the column of address boxes."""
    rows = "".join(f'<TR><TD ALIGN="LEFT">{line}</TD></TR>' for line in lines)
    label = (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
             f'<TR><TD WIDTH="{int(width * 72)}" HEIGHT="0" FIXEDSIZE="FALSE"></TD></TR>'
             f"{rows}</TABLE>>")
    dot.node(node_id, label=label, shape="plain", style="", **{"class": css})
    return node_id


def _pad(dot: _Dot, node_id: str, width: float = 0.2) -> str:
    """An invisible node: keeps frames of one grid row equally tall (and wide), so they line up."""
    dot.node(node_id, label="", style="invis", width=f"{width:.2f}", **{"class": "pad"})
    return node_id


GAUGE_ROW = 10  # squares a line: a type with 50 addresses per interface draws five lines


def _gauge(family: str, used: int, limit: int) -> list[str]:
    """'■■■□□□ 3 of 6 IPv4': a square for each address the instance type allows on the
    interface (ten a line), filled for each one used."""
    filled = min(used, limit)
    colour = VERMILLION if used > limit else (BLUE if family == "IPv4" else GREEN)
    squares = ["■"] * filled + ["□"] * (limit - filled)
    lines = []
    for start in range(0, len(squares), GAUGE_ROW):
        line = squares[start:start + GAUGE_ROW]
        runs = [(mark, sum(1 for _ in group)) for mark, group in groupby(line)]
        bar = "".join(f'<FONT COLOR="{colour if mark == "■" else "#999999"}">{mark * count}'
                      "</FONT>" for mark, count in runs)  # never an empty <FONT>: Graphviz refuses
        lines.append(f'<FONT FACE="{MONO}" POINT-SIZE="10">{bar}</FONT>')
    text = _small(f"  {used} of {limit} {family}", INK)
    if not lines:
        return [text]
    lines[0] += text
    return lines


def _mono(text: str, size: int = 10, colour: str = INK) -> str:
    if not text:
        return ""
    return f'<FONT FACE="{MONO}" POINT-SIZE="{size}" COLOR="{colour}">{_h(text)}</FONT>'


def _interface_heading(eni: Interface) -> tuple[list[str], float]:
    """The lines above an interface's addresses, and the width (inches) they need."""
    colour = GHOST if eni.mark == "removed" else INK
    badge = _badge(eni.mark, eni.note if eni.mark == "removed" else "")
    lines = [f'<FONT COLOR="{colour}" POINT-SIZE="12"><B>{_h(eni.name)}</B></FONT>  '
             f'{_mono(eni.id.removeprefix("ghost-"), 11, colour)}{badge}']
    widths = [0.1 * (len(eni.name) + 2) + CHAR * len(eni.id) + 0.09 * len(MARK_WORD.get(
        eni.mark or "", ""))]
    for detail in (eni.subnet_id, ", ".join(eni.groups),
                   eni.note if eni.mark != "removed" else ""):
        if detail:
            lines.append(_mono(detail, 10, colour))
            widths.append(0.084 * len(detail))
    for gauge in eni.gauges():
        lines += _gauge(*gauge)
        widths.append(1.6)
    if eni.device_index is None and eni.mark != "removed":
        hint = "limits: from the instance type, once attached"
        lines.append(_small(hint, "#555555", 10))
        widths.append(0.07 * len(hint))
    return lines, max(widths) + 0.1


def _rows(eni: Interface) -> int:
    """How many address rows an interface needs."""
    drawn = {a.id for a in eni.addresses}
    return len(eni.addresses) + sum(1 for p in eni.publics if p.target not in drawn)


def _draw_interface(dot: _Dot, eni: Interface, width: float, rows: int,
                    public_width: float) -> list[str]:
    """One interface: a frame with its heading (with the limit gauge) and address boxes,
    ``rows`` tall, public addresses to their left. Returns the node ids top to bottom."""
    css, frame = _on_probe(eni.probe, _classes("network-interface", eni.mark),
                           _frame(eni.mark, "#444444", "#FAFAFA"))
    label = f"<{_stop(eni.probe)}>" if _stop(eni.probe) else ""
    with dot.cluster(eni.id, label=label, margin=6, **{"class": css}, **frame):
        order = [_heading(dot, f"{eni.id}:head", _interface_heading(eni)[0], width,
                          "heading")]
        if public_width:  # as wide as the neighbouring frames that show public addresses
            with dot.same_rank():
                spacer = _pad(dot, f"{eni.id}:spacer", public_width)
                dot.invisible(order[0], spacer, minlen=2)
        publics: dict[str, list[Public]] = {}
        for public in eni.publics:
            publics.setdefault(public.target, []).append(public)
        for address in eni.addresses:
            _address_node(dot, address, width)
            order.append(address.id)
            for public in publics.pop(address.id, []):
                with dot.same_rank():
                    _public_node(dot, public, public_width)
                    _public_edge(dot, public, address.id)
        for leftover in publics.values():  # a public address whose private one is not drawn
            for public in leftover:
                _public_node(dot, public, public_width)
                order.append(public.id)
        while len(order) < 1 + rows:
            order.append(_pad(dot, f"{eni.id}:pad-{len(order)}"))
    return order


@dataclass
class _Column:
    """One framed column of a subnet's grid: an instance, or the subnet's detached interfaces."""

    id: str
    css: str
    heading: list[str]
    heading_width: float
    interfaces: list[Interface]
    frame: dict
    label: str = ""  # the frame's own label: only where a probe stopped

    @cached_property
    def widths(self) -> tuple[float, float]:
        """(address column, public column) widths in inches."""
        address = max([_address_width(e.addresses) for e in self.interfaces]
                      + [_interface_heading(e)[1] for e in self.interfaces]
                      + [self.heading_width, 2.2])
        public = _public_width(p for e in self.interfaces for p in e.publics)
        return round(address, 2), public


def _instance_column(instance: Instance) -> _Column:
    colour = GHOST if instance.mark == "removed" else INK
    name = f"<B>{_h(instance.name)}</B>  " if instance.name else ""
    badge = _badge(instance.mark, "changed" if instance.mark == "moved" else "")
    head = (f'<FONT COLOR="{colour}" POINT-SIZE="13">{name}</FONT>' if name else "") + (
        f'{_mono(instance.id, 12, colour)}{badge}')
    state_colour = {"running": GREEN, "stopped": VERMILLION}.get(instance.state, "#555555")
    info = (f'{_small(instance.instance_type + " · ", colour, 11)}'
            f'<FONT POINT-SIZE="11" COLOR="{state_colour}"><B>{_h(instance.state)}</B>'
            f'</FONT>{_small(" · " + instance.zone, colour, 11)}')
    width = 0.11 * len(instance.name) + 0.1 * len(instance.id) + 0.3 + 0.7 * bool(instance.mark)
    css, frame = _on_probe(instance.probe, _classes("instance", instance.mark),
                           _frame(instance.mark, INK, "white", 1.4))
    stop = f"<{_stop(instance.probe)}>" if _stop(instance.probe) else ""
    return _Column(instance.id, css, [head, info], width, instance.interfaces, frame, stop)


def _available_column(subnet: Subnet) -> _Column:
    return _Column(f"available-{subnet.id}", "available-interfaces",
                   ['<FONT POINT-SIZE="14"><B>available</B></FONT>  <FONT POINT-SIZE="11">'
                    'network interfaces</FONT>',
                    _small("detached: their addresses stay on them", "#444444", 10)], 2.8,
                   subnet.available, {"style": "rounded,dashed", "color": "#777777",
                                      "fillcolor": "none", "penwidth": 1.4})


_DRAWN: OrderedDict[str, tuple[tuple[str, ...], tuple[str, ...]]] = OrderedDict()
_DRAWN_LOCK = threading.Lock()
DRAWN_KEPT = 4096  # columns remembered: a change redraws one, the others are copied


def _draw_column(dot: _Dot, column: _Column, slots: list[int]) -> list[str]:
    """A column, as drawn before when nothing in it changed (its DOT is the same text)."""
    key = repr((column, slots))  # every field of the column and of what it holds
    with _DRAWN_LOCK:
        known = _DRAWN.get(key)
        if known is not None:
            _DRAWN.move_to_end(key)
    if known is not None:
        dot.lines.extend(known[0])
        return list(known[1])
    start = len(dot.lines)
    order = _draw_column_afresh(dot, column, slots)
    with _DRAWN_LOCK:
        _DRAWN[key] = (tuple(dot.lines[start:]), tuple(order))
        if len(_DRAWN) > DRAWN_KEPT:
            _DRAWN.popitem(last=False)
    return order


def _draw_column_afresh(dot: _Dot, column: _Column, slots: list[int]) -> list[str]:
    """A column: heading, then one interface per slot (padded to the slot's height)."""
    width, public_width = column.widths
    with dot.cluster(column.id, label=column.label, margin=8, **{"class": column.css},
                     **column.frame):
        order = [_heading(dot, f"{column.id}:head", column.heading, width, "heading")]
        for index, rows in enumerate(slots):
            if index < len(column.interfaces):
                order += _draw_interface(dot, column.interfaces[index], width, rows,
                                         public_width)
            else:
                order += [_pad(dot, f"{column.id}:pad-{index}-{n}") for n in range(1 + rows)]
        dot.stack(order)
    return order


def _grid_rows(columns: list[_Column]) -> list[list[_Column]]:
    """Wrap columns into rows no wider than MAX_ROW_WIDTH (at least one column a row)."""
    rows: list[list[_Column]] = []
    used = 0.0
    for column in columns:
        address, public = column.widths
        width = address + public + (0.45 if public else 0) + 0.6
        if rows and used + width <= MAX_ROW_WIDTH:
            rows[-1].append(column)
            used += width
        else:
            rows.append([column])
            used = width
    return rows


def _draw_subnet(dot: _Dot, subnet: Subnet) -> list[str]:
    """A subnet frame with its instances in a grid, rows aligned; returns its node ids."""
    ipv6 = "".join(f"   {_h(c)}" for c in subnet.ipv6_cidrs)
    free = f" · {subnet.free} IPv4 addresses free" if subnet.free is not None else ""
    name = f"{_h(subnet.name)}  " if subnet.name else ""
    label = (f'<<B>{name}subnet</B> <FONT FACE="{MONO}">{_h(subnet.id)}</FONT>'
             f'{_badge(subnet.mark)}<BR ALIGN="LEFT"/><FONT FACE="{MONO}">{_h(subnet.cidr)}'
             f'{ipv6}</FONT><BR ALIGN="LEFT"/>{_small(subnet.zone + free, "#444444", 11)}'
             f'<BR ALIGN="LEFT"/>{_stop_line(subnet.probe)}>')
    columns = [_instance_column(i) for i in subnet.instances]
    if subnet.available:
        columns.append(_available_column(subnet))
    order: list[str] = []
    css, frame = _on_probe(subnet.probe, _classes("subnet", subnet.mark),
                           _frame(subnet.mark, SKY, "#EEF6FC", 1.4))
    with dot.cluster(subnet.id, label=label, labeljust="l", margin=12, **{"class": css},
                     **frame):
        if not columns:
            node = f"empty-{subnet.id}"
            dot.node(node, label="no instances yet", fontcolor="#777777", color="#BBBBBB",
                     style="dashed", fontname=SANS, **{"class": "placeholder"})
            return [node]
        above: list[list[str]] = []
        for number, row in enumerate(_grid_rows(columns)):
            slots = [max((_rows(c.interfaces[k]) for c in row if k < len(c.interfaces)),
                         default=1) for k in range(max(len(c.interfaces) for c in row))]
            drawn = [_draw_column(dot, column, slots) for column in row]
            # An invisible anchor whose edges, kept in order, put the columns left to right.
            anchor = f"{subnet.id}:row-{number}"
            dot.node(anchor, label="", style="invis", width="0.01", height="0.01",
                     ordering="out", **{"class": "pad"})
            for upper in above:
                dot.invisible(upper[-1], anchor)
            for column in drawn:
                dot.invisible(anchor, column[0])
            above = drawn
            order += [anchor, *(n for column in drawn for n in column)]
    return order


ARROW_NOTE = "private ← public: the arrow goes from a public address to the private IPv4 it reaches"


def _legend_label(probe: bool = False) -> str:
    def swatch(fill: str, border: str, text: str, dashed: bool = False) -> str:
        style = ' STYLE="DASHED"' if dashed else ""
        return (f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="2"{style} WIDTH="16" '
                f'HEIGHT="12" FIXEDSIZE="TRUE"></TD>'
                f'<TD ALIGN="LEFT">{_small(text, INK, 10)}</TD>')

    entries = [
        swatch("#F7FAFD", BLUE, "VPC"), swatch("#EEF6FC", SKY, "subnet"),
        swatch("white", INK, "instance"), swatch("#FAFAFA", "#444444", "network interface"),
        swatch(BLUE, BLUE, "primary private IPv4"), swatch("white", BLUE, "secondary IPv4"),
        swatch("white", GREEN, "IPv6"), swatch("#DDEEF8", BLUE, "IPv4 /28 prefix"),
        swatch("#DDF2EA", GREEN, "IPv6 /80 prefix"), swatch(ORANGE, "#8A5A00", "Elastic IP"),
        swatch(YELLOW, "#8A5A00", "auto-assigned public IPv4"),
        swatch("white", VERMILLION, "new (last call)"),
        swatch("white", PURPLE, "moved or changed"), swatch("white", GHOST, "removed", True),
        swatch("white", BLUE, OS_NOTE, True),
    ]
    if probe:  # only while a probe is drawn: the picture without one stays as it was
        entries += [swatch("white", GREEN, "the probe's path"),
                    swatch("white", VERMILLION, "✘ where the probe stopped")]
    per_row = 5  # a grid: the columns line up
    rows = [entries[i:i + per_row] for i in range(0, len(entries), per_row)]
    rows.append([f'<TD COLSPAN="{2 * per_row}" ALIGN="LEFT">{_small(ARROW_NOTE, INK, 10)}</TD>'])
    body = "".join("<TR>" + "".join(r) + "</TR>" for r in rows)
    return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">'
            f"{body}</TABLE>")


def _graph_label(scene: Scene) -> str:
    rows = []
    for index, line in enumerate(scene.caption):
        if index < scene.call_lines:
            text = f'<FONT FACE="{MONO}" POINT-SIZE="13"><B>{_h(line)}</B></FONT>'
        else:
            text = _small(line, "#444444", 11)
        rows.append(f'<TR><TD ALIGN="LEFT">{text}</TD></TR>')
    if scene.probe:
        colour = STOP_INK if " stopped at " in scene.probe else "#006B4F"
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="13" COLOR="{colour}"><B>'
                    f'{_h(scene.probe)}</B></FONT></TD></TR>')
    if scene.focus:
        rows.append(f'<TR><TD ALIGN="LEFT">{_small(f"Focus: {scene.focus}", INK, 11)}</TD></TR>')
    if not rows:
        return ""
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            + "".join(rows) + "</TABLE>>")


GRAPH_ATTRS = {"rankdir": "TB", "fontname": SANS, "fontsize": 13, "nodesep": 0.22,
               "ranksep": 0.14, "pad": 0.25, "bgcolor": "white", "labelloc": "t",
               "labeljust": "l", "id": "ec2-diagram", "class": "ec2-diagram"}
NODE_ATTRS = {"shape": "box", "style": "rounded,filled", "fontname": MONO, "fontsize": 11,
              "height": 0.32, "margin": "0.1,0.03"}


def scene_dot(scene: Scene, legend: bool = True) -> graphviz.Digraph:
    """Draw a scene as a Graphviz graph: VPC, subnet and instance frames, top to bottom."""
    dot = _Dot()
    label = dot.quote(_graph_label(scene) or "")
    dot.lines.append(f"graph [{dot.attrs(GRAPH_ATTRS)} label={label}]")
    dot.lines.append(f"node [{dot.attrs(NODE_ATTRS)}]")
    previous: list[str] = []  # frames stack top to bottom: each below the one before
    if legend:
        dot.node("legend", label=f"<{_legend_label(bool(scene.probe))}>", shape="plain",
                 style="", fontname=SANS, **{"class": "legend"})
        previous = ["legend"]

    def below(first: str, nodes: list[str]) -> list[str]:
        if previous:
            dot.invisible(previous[-1], first, root=True)
        return nodes

    for vpc in scene.vpcs:
        ipv6 = "".join(f"   {_h(c)}" for c in vpc.ipv6_cidrs)
        name = f"{_h(vpc.name)}  " if vpc.name else ""
        kind = "default VPC" if vpc.default else "VPC"
        label = (f'<<B>{name}{kind}</B> <FONT FACE="{MONO}">{_h(vpc.id)}</FONT>'
                 f'{_badge(vpc.mark)}<BR ALIGN="LEFT"/><FONT FACE="{MONO}">'
                 f'{_h(", ".join(vpc.cidrs))}{ipv6}</FONT><BR ALIGN="LEFT"/>'
                 f'{_stop_line(vpc.probe)}>')
        css, frame = _on_probe(vpc.probe, _classes("vpc", vpc.mark),
                               _frame(vpc.mark, BLUE, "#F7FAFD", 2))
        with dot.cluster(vpc.id, label=label, labeljust="l", margin=14, fontsize=14,
                         **{"class": css}, **frame):
            for subnet in vpc.subnets:
                nodes = _draw_subnet(dot, subnet)
                previous = below(nodes[0], nodes)
            if not vpc.subnets:
                node = f"empty-{vpc.id}"
                dot.node(node, label="no subnets yet", fontcolor="#777777", color="#BBBBBB",
                         style="dashed", fontname=SANS, **{"class": "placeholder"})
                previous = below(node, [node])
    if scene.unassociated:
        with dot.cluster("unassociated-eips", label=f'<<B>Elastic IPs</B> '
                         f'{_small("allocated, not associated")}>', style="rounded,dashed",
                         color=ORANGE, labeljust="l", margin=10, **{"class": "unassociated"}):
            for public in scene.unassociated:
                _public_node(dot, public, _public_width([public]))
                below(public.id, [])
        previous = [scene.unassociated[0].id]
    if scene.removed:
        with dot.cluster("removed-items",
                         label=f"<{_small('removed by the last call', GHOST, 11)}>",
                         style="rounded,dashed", color=GHOST, labeljust="l",
                         **{"class": "removed-items"}):
            for kind, key in scene.removed:
                node = f"ghost-{key}"
                dot.node(node, label=f"<{_h(key)}<BR/>{_small(kind + ' · removed', GHOST, 9)}>",
                         color=GHOST, fontcolor=GHOST, fillcolor="white", style="rounded,dashed",
                         **{"class": f"{kind} removed"})
                below(node, [])
    if not scene.vpcs and not scene.unassociated and not scene.removed:
        dot.node("empty", label="Nothing yet: create a VPC and a subnet to begin.",
                 fontname=SANS, color="#BBBBBB", style="dashed", **{"class": "placeholder"})
    return graphviz.Digraph("ec2", body=[line + "\n" for line in dot.lines + dot.root])


def to_dot(source: View | _Dispatches, last_event: Event | None = None,
           focus: str | None = None, previous: View | None = None,
           legend: bool = True, probe: Any = None) -> graphviz.Digraph:
    """The world (a Cloud or a View) as a Graphviz graph, marking what ``last_event`` did (and
    the path of ``probe``, a ``reachability.Probe``, when given)."""
    return scene_dot(build_scene(source, last_event, focus, previous, probe), legend)


# -- running dot -------------------------------------------------------------------------------
def dot_executable() -> str | None:
    """Where Graphviz's ``dot`` is (looked up on PATH each time), or None."""
    return shutil.which("dot")


FONTS = Path(__file__).parents[1] / "fonts" / "fonts.conf"  # DejaVu Sans and Sans Mono, shipped


def dot_environment() -> dict[str, str]:
    """The environment ``dot`` runs in: fontconfig finds only the lab's own fonts, so labels
    measure the same on every machine and every learner sees the same picture. A
    ``FONTCONFIG_FILE`` already set is the caller's choice, and stays."""
    if "FONTCONFIG_FILE" in os.environ or not FONTS.exists():
        return dict(os.environ)
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS)}


def start_dot(fmt: str = "svg") -> subprocess.Popen:
    """Start ``dot -T<fmt>`` waiting for its input (:class:`DotNotFound` without Graphviz).

    A live view starts the next one as soon as a picture is done, so the next change does not
    also wait for a process to start and load its plugins.
    """
    executable = dot_executable()
    if executable is None:
        raise DotNotFound()
    return subprocess.Popen([executable, f"-T{fmt}"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dot_environment())


def finish_dot(process: subprocess.Popen, source: str) -> bytes:
    """Give a started ``dot`` its DOT text and return what it drew."""
    out, err = process.communicate(source.encode("utf-8"))
    if process.returncode != 0:
        raise RuntimeError(f"dot failed: {err.decode('utf-8', 'replace').strip()}")
    return out


def run_dot(source: str, fmt: str = "svg") -> bytes:
    """Run ``dot -T<fmt>`` on DOT text; :class:`DotNotFound` if Graphviz is not installed."""
    return finish_dot(start_dot(fmt), source)


def svg_of(graph: graphviz.Digraph | str, process: subprocess.Popen | None = None) -> str:
    """The SVG markup of a graph (or DOT text), without the XML prologue, ready to embed.

    ``process``: a ``dot -Tsvg`` already started with :func:`start_dot`, to use instead.
    """
    source = graph if isinstance(graph, str) else graph.source
    svg = finish_dot(process or start_dot(), source).decode("utf-8")
    start = svg.find("<svg")
    return svg[start:] if start > 0 else svg


def render_svg(source: View | _Dispatches, last_event: Event | None = None,
               focus: str | None = None, previous: View | None = None,
               legend: bool = True, probe: Any = None) -> str:
    """The diagram as SVG text, drawn by Graphviz's ``dot`` (raises :class:`DotNotFound`)."""
    return svg_of(to_dot(source, last_event, focus, previous, legend, probe))
