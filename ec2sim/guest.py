"""Inside the instance: what its operating system has configured, next to what EC2 assigned.

EC2 assigning an address to a network interface is half the job; the instance's OS must also
configure it, or the address is "assigned but dead". Which OS runs comes from the AMI:

- **Amazon Linux** (2023 and 2) runs ec2-net-utils. At boot it configures every attached
  interface with all its addresses and per-interface policy routing; an interface attached
  while the instance runs is configured at once (hot-plug). An address assigned *later* is
  picked up at the next DHCP lease renewal (``cloud.renew_leases()``, the lab's stand-in for
  the few minutes a real lease takes) or when the learner restarts networking in the shell.
- **Ubuntu and Windows** configure only the primary interface's primary IPv4 address (and its
  IPv6 addresses) from DHCP. Any other address, and any other interface, waits for the learner:
  ``ip addr add``, ``ip link set … up``, and policy routing rules when two interfaces share a
  subnet; on Windows a static configuration (``netsh``, ``New-NetIPAddress``).

Interface names follow the platform (``interface_name``): the EC2 console's eth0, eth1 (device
index 0, 1) are ``ens5``, ``ens6`` in Amazon Linux 2023 and Ubuntu on a Nitro type, stay
``eth0``, ``eth1`` in Amazon Linux 2 and on Xen types, and are the adapters "Ethernet",
"Ethernet 2" on Windows.

The OS state is part of the world (``world.collections["guests"]``): it changes only through
``World`` (journaled, undone, saved) and is rebuilt from EC2's view at every (re)boot, so what a
learner typed by hand is lost at a stop and start, as on a real machine.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from netaddr import EUI, IPAddress, IPNetwork

from ec2sim import instance_types
from ec2sim.errors import EC2Error
from ec2sim.images import IMAGES
from ec2sim.resources import GuestOS, Instance, NetworkInterface
from ec2sim.world import World

AMAZON_LINUX = ("amazon-linux-2023", "amazon-linux-2")
RULE_BASE = 10000  # ec2-net-utils: table and rule priority 10000 + device index, per interface
METRIC_BASE = 512  # ec2-net-utils' route metric, + device index
DHCP_METRIC = 100  # what Ubuntu's netplan gives the DHCP routes of eth0
IPV6_ROUTER = "fe80::1"  # the VPC router as seen from the instance (link-local)
FIXED_RULES = [(0, "all", "local"), (32766, "all", "main"), (32767, "all", "default")]


def image_family(image_id: str) -> str:
    """The OS an image runs (an image outside the catalogue is taken as Amazon Linux 2023)."""
    image = IMAGES.get(image_id)
    return image.os_family if image else "amazon-linux-2023"


def os_family(instance: Instance) -> str:
    return image_family(instance.image_id)


def configures_itself(guest: GuestOS) -> bool:
    """Whether ec2-net-utils runs: Amazon Linux keeps the OS in step with EC2 by itself."""
    return guest.os_family in AMAZON_LINUX


PREDICTABLE_NAMES = ("amazon-linux-2023", "ubuntu")  # systemd's names, where the type allows
FIRST_SLOT = 5  # a Nitro type's first network interface sits in PCI slot 5: ens5, ens6, …


def interface_name(family: str, instance_type: str, index: int) -> str:
    """The name the OS gives the interface at device ``index``. systemd names a Nitro type's
    interfaces by PCI slot (ens5, ens6, …; bare metal modelled alike); Amazon Linux 2 turns
    those names off and Xen's virtual interfaces have no slot, so both keep eth0, eth1, ….
    Windows adapters are "Ethernet", "Ethernet 2", … (modelled: the number Windows gives a
    hot-attached adapter can differ on a real instance)."""
    if family == "windows":
        return "Ethernet" if index == 0 else f"Ethernet {index + 1}"
    if family in PREDICTABLE_NAMES and on_nitro(instance_type):
        return f"ens{FIRST_SLOT + index}"
    return f"eth{index}"


def on_nitro(instance_type: str) -> bool:
    """Whether the type's interfaces are Nitro's ENA devices (bare metal too), not Xen's."""
    kind = instance_types.get(instance_type)
    return kind.hypervisor == "nitro" or kind.bare_metal


def index_of(name: str) -> int:
    """The device index behind a name ``interface_name`` gave."""
    if name.startswith("Ethernet"):
        return int(name.split()[1]) - 1 if " " in name else 0
    number = int(name[3:])
    return number - FIRST_SLOT if name.startswith("ens") else number


def altname(guest: GuestOS, name: str) -> str | None:
    """Amazon Linux 2023's ec2-net-utils also names each interface by its device number."""
    return f"device-number-{index_of(name)}" if guest.os_family == "amazon-linux-2023" else None


def os_name(image_id: str, instance_type: str, index: int) -> str:
    """What an instance of this image and type calls device ``index``; eth{index} when the
    type is unknown."""
    try:
        return interface_name(image_family(image_id), instance_type, index)
    except EC2Error:  # an unknown type
        return f"eth{index}"


def console_label(name: str) -> str:
    """The EC2 console's name of the interface the OS calls ``name``, with the OS's name
    where it differs: "eth0 (ens5 in the OS)"."""
    console = f"eth{index_of(name)}"
    return console if name == console else f"{console} ({name} in the OS)"


def console_name(image_id: str, instance_type: str, index: int) -> str:
    return console_label(os_name(image_id, instance_type, index))


def name_at(instance: Instance, index: int) -> str:
    return interface_name(os_family(instance), instance.instance_type, index)


def device(world: World, eni: NetworkInterface) -> str:
    """The name the instance's OS gives an attached interface."""
    return name_at(world.instances[eni.attachment.instance_id], eni.attachment.device_index)


def router(subnet_cidr: str) -> str:
    """The VPC router: the subnet's network address + 1."""
    return str(IPNetwork(subnet_cidr).network + 1)


def link_local(mac: str) -> str:
    return str(EUI(mac).ipv6_link_local())


def guest_of(world: World, instance_id: str) -> GuestOS | None:
    return world.collections["guests"].get(instance_id)


# -- what the OS would configure ---------------------------------------------------------------
class Config:
    """A mutable working copy of one guest's links, routes and rules."""

    def __init__(self, guest: GuestOS) -> None:
        self.links: dict[str, dict] = copy.deepcopy(guest.links)
        self.routes: list[dict] = copy.deepcopy(guest.routes)
        self.rules: list[dict] = copy.deepcopy(guest.rules)

    def add_route(self, **route: Any) -> bool:
        route = {k: v for k, v in route.items() if v is not None}
        route.setdefault("table", "main")
        route.setdefault("family", 6 if ":" in route["to"] or ":" in route.get("via", "")
                         else 4)
        if any(same_route(r, route) for r in self.routes):
            return False
        self.routes.append(route)
        return True

    def drop_device(self, name: str) -> None:
        """Everything the kernel ties to a device goes with it: its addresses and routes."""
        self.links.pop(name, None)
        self.routes = [r for r in self.routes if r.get("dev") != name]

    def plug(self, name: str, eni: NetworkInterface, *, up: bool) -> dict:
        link = self.links.setdefault(name, {"mac": eni.mac_address, "up": up, "addresses": []})
        link["up"] = link["up"] or up
        return link

    def add_address(self, name: str, cidr: str, origin: str) -> bool:
        """Configure an address on a device, with the subnet route the kernel derives from it."""
        link = self.links[name]
        ip = IPNetwork(cidr)
        if any(IPNetwork(a["cidr"]).ip == ip.ip for a in link["addresses"]):
            return False
        link["addresses"].append({"cidr": cidr, "origin": origin})
        prefix = 32 if ip.version == 4 else 128
        if ip.prefixlen < prefix and origin == "manual" and not any(
                r.get("dev") == name and r["to"] == str(ip.cidr) for r in self.routes):
            self.add_route(to=str(ip.cidr), dev=name, proto="kernel", scope="link",
                           src=str(ip.ip) if ip.version == 4 else None)
        return True

    def remove_address(self, name: str, ip: str) -> dict | None:
        link = self.links[name]
        for entry in link["addresses"]:
            if str(IPNetwork(entry["cidr"]).ip) == ip:
                link["addresses"].remove(entry)
                self.routes = [r for r in self.routes
                               if not (r.get("dev") == name and r.get("src") == ip)]
                return entry
        return None


def same_route(a: dict, b: dict) -> bool:
    keys = ("table", "to", "dev", "via", "family")
    return all(a.get(k) == b.get(k) for k in keys)


def _ec2_addresses(world: World, eni: NetworkInterface, family: str) -> list[tuple[str, str]]:
    """(cidr, origin) for every address EC2 assigned to the interface, as ec2-net-utils sets
    them: the primary from DHCP, secondaries as /32 (Amazon Linux 2023) or with the subnet's
    length (Amazon Linux 2), IPv6 addresses as /128."""
    found = []
    if eni.private_ip_address:  # none in an IPv6-only subnet
        length = IPNetwork(world.subnets[eni.subnet_id].cidr_block).prefixlen
        found = [(f"{eni.private_ip_address}/{length}", "dhcp")]
        secondary = 32 if family == "amazon-linux-2023" else length
        found += [(f"{ip}/{secondary}", "ec2-net-utils")
                  for ip in eni.secondary_private_ip_addresses]
    found += [(f"{ip}/128", "dhcp") for ip in eni.ipv6_addresses]
    return found


def _dhcp_routes(world: World, config: Config, eni: NetworkInterface, metric: int) -> None:
    """The routes a DHCP lease (and IPv6 router advertisement) gives an interface."""
    name, subnet = device(world, eni), world.subnets[eni.subnet_id]
    if subnet.cidr_block:  # an IPv6-only subnet has no DHCPv4 at all
        config.add_route(to="default", via=router(subnet.cidr_block), dev=name, proto="dhcp",
                         src=eni.private_ip_address, metric=metric)
        config.add_route(to=subnet.cidr_block, dev=name, proto="kernel", scope="link",
                         src=eni.private_ip_address, metric=metric)
    if subnet.ipv6_cidr_block:
        config.add_route(to=subnet.ipv6_cidr_block, dev=name, proto="ra", metric=metric)
        config.add_route(to="default", via=IPV6_ROUTER, dev=name, proto="ra", metric=metric)


def _ec2_net_utils(world: World, guest: GuestOS, config: Config, eni: NetworkInterface) -> None:
    """Configure one interface as ec2-net-utils does: all of EC2's addresses, DHCP routes, and
    a routing table of its own with a rule per address, so replies leave by this interface."""
    name, index = device(world, eni), eni.attachment.device_index
    config.plug(name, eni, up=True)
    wanted = _ec2_addresses(world, eni, guest.os_family)
    wanted_ips = {str(IPNetwork(c).ip) for c, _ in wanted}
    for entry in list(config.links[name]["addresses"]):
        ip = str(IPNetwork(entry["cidr"]).ip)
        if entry["origin"] != "manual" and ip not in wanted_ips:
            config.remove_address(name, ip)  # EC2 took it away
    for cidr, origin in wanted:
        config.add_address(name, cidr, origin)
    _dhcp_routes(world, config, eni, METRIC_BASE + index)
    first_policy_device = 0 if guest.os_family == "amazon-linux-2023" else 1
    table = str(RULE_BASE + index)
    config.rules = [r for r in config.rules if r["table"] != table]
    config.routes = [r for r in config.routes if r["table"] != table]
    if index < first_policy_device:
        return
    subnet = world.subnets[eni.subnet_id]
    if subnet.cidr_block:
        config.add_route(to="default", via=router(subnet.cidr_block), dev=name, proto="static",
                         table=table)
        config.add_route(to=subnet.cidr_block, dev=name, proto="static", scope="link",
                         table=table)
    for cidr, _ in wanted:
        config.rules.append({"priority": RULE_BASE + index, "from": str(IPNetwork(cidr).ip),
                             "table": table})


def _boot_config(world: World, guest: GuestOS, instance: Instance) -> Config:
    """What the OS configures when it boots: everything on Amazon Linux; elsewhere the DHCP
    address (and IPv6) of the primary interface (of every adapter on Windows), the other
    interfaces present but down. What was typed with ``ip`` is gone; a Windows adapter made
    static keeps its addresses (Windows saved them)."""
    config = Config(GuestOS(guest.instance_id, guest.os_family))
    for eni in world.interfaces_of(instance.instance_id):
        if configures_itself(guest):
            _ec2_net_utils(world, guest, config, eni)
        elif runs_dhcp(guest, eni):
            _dhcp(world, config, eni)
            _keep_static(guest, config, device(world, eni), eni)
        else:
            config.plug(device(world, eni), eni, up=False)
    return config


def _keep_static(before: GuestOS, config: Config, name: str, eni: NetworkInterface) -> None:
    """A Windows adapter's static IPv4 configuration, saved before the boot, replaces what
    DHCP gave it (the same adapter: same MAC address)."""
    saved = before.links.get(name)
    if saved is None or saved.get("dhcp", True) or saved["mac"] != eni.mac_address:
        return
    link = config.links[name]
    link["dhcp"] = False
    link["addresses"] = [a for a in link["addresses"] if IPNetwork(a["cidr"]).version == 6] + [
        a for a in saved["addresses"] if IPNetwork(a["cidr"]).version == 4]
    config.routes = [r for r in config.routes if not (r.get("dev") == name and r["family"] == 4)]
    config.routes += [r for r in before.routes if r.get("dev") == name and r["family"] == 4]


def runs_dhcp(guest: GuestOS, eni: NetworkInterface) -> bool:
    """Whether a DHCP client configures this interface's primary address: Ubuntu's only on
    the primary interface, Windows' on every adapter (secondary addresses wait in both)."""
    return eni.attachment.device_index == 0 or guest.os_family == "windows"


def _dhcp(world: World, config: Config, eni: NetworkInterface) -> None:
    name = device(world, eni)
    if not config.plug(name, eni, up=True).get("dhcp", True):
        return  # made static on Windows: the DHCP client no longer runs there
    if eni.private_ip_address:
        length = IPNetwork(world.subnets[eni.subnet_id].cidr_block).prefixlen
        config.add_address(name, f"{eni.private_ip_address}/{length}", "dhcp")
    for ip in eni.ipv6_addresses:
        config.add_address(name, f"{ip}/128", "dhcp")
    _dhcp_routes(world, config, eni, DHCP_METRIC + eni.attachment.device_index)


# -- applying a new configuration ----------------------------------------------------------------
def _configured(links: dict) -> set[tuple[str, str]]:
    return {(name, str(IPNetwork(a["cidr"]).ip)) for name, link in links.items()
            if link["up"] for a in link["addresses"]}


def apply(world: World, guest: GuestOS, config: Config) -> bool:
    """Make ``config`` the guest's state (journaled); note each address the OS gained or lost.
    Returns whether anything changed."""
    changed = False
    before, after = _configured(guest.links), _configured(config.links)
    for name, ip in sorted(before - after):
        world.note("os-address", f"{guest.instance_id}/{ip}", name, None)
    for name, ip in sorted(after - before):
        world.note("os-address", f"{guest.instance_id}/{ip}", None, name)
    for attribute in ("links", "routes", "rules"):
        if getattr(guest, attribute) != getattr(config, attribute):
            world.set(guest, attribute, getattr(config, attribute))
            changed = True
    if changed and before == after:
        world.note("os-config", guest.instance_id, None, "changed")
    return changed


def boot(world: World, instance: Instance) -> None:
    """The instance (re)boots: its OS starts from its own configuration and EC2's view."""
    guest = guest_of(world, instance.instance_id)
    if guest is None:
        guest = GuestOS(instance.instance_id, os_family(instance))
        world.add("guests", instance.instance_id, guest)
    apply(world, guest, _boot_config(world, guest, instance))


def refresh(world: World, guest: GuestOS) -> bool:
    """The DHCP client renews its lease, or networking restarts: Amazon Linux brings every
    interface in step with EC2; other systems only keep their DHCP addresses."""
    config = Config(guest)
    for eni in world.interfaces_of(guest.instance_id):
        if configures_itself(guest):
            _ec2_net_utils(world, guest, config, eni)
        elif runs_dhcp(guest, eni):
            _dhcp(world, config, eni)
    return apply(world, guest, config)


def renew_leases(world: World) -> None:
    """Every running instance's DHCP lease renews (see ``refresh``)."""
    for guest in list(world.collections["guests"].values()):
        if world.instances[guest.instance_id].state == "running":
            refresh(world, guest)


SEEN_BY_THE_OS = frozenset({"instance", "attachment"})  # the kinds of change after_call reads


def after_call(world: World, changes: Iterable[tuple]) -> None:
    """How the running OSes see an EC2 call (its changes as noted: ``(kind, key, before,
    after)``): an instance launched or started boots; an interface attached to a running
    instance appears (Amazon Linux configures it at once); a detached one disappears; a
    terminated instance's OS is gone."""
    for kind, key, before, after in list(changes):
        if kind == "instance":
            instance = world.instances.get(key)
            if after == "running":
                boot(world, instance)
            elif after == "terminated" and guest_of(world, key):
                world.remove("guests", key)
        elif kind == "attachment":
            eni = world.network_interfaces.get(key)
            if before:
                _unplug(world, before.split("/"))
            if after and eni is not None and eni.attachment is not None:
                _hotplug(world, eni)


def _unplug(world: World, where: list[str]) -> None:
    instance_id, index = where
    guest = guest_of(world, instance_id)
    name = name_at(world.instances[instance_id], int(index)) if guest else None
    if guest is not None and name in guest.links:
        config = Config(guest)
        config.drop_device(name)
        if configures_itself(guest):
            table = str(RULE_BASE + int(index))
            config.rules = [r for r in config.rules if r["table"] != table]
            config.routes = [r for r in config.routes if r["table"] != table]
        apply(world, guest, config)


def _hotplug(world: World, eni: NetworkInterface) -> None:
    instance = world.instances[eni.attachment.instance_id]
    guest = guest_of(world, instance.instance_id)
    if guest is None or instance.state != "running" or device(world, eni) in guest.links:
        return
    config = Config(guest)
    if configures_itself(guest):
        _ec2_net_utils(world, guest, config, eni)
    elif runs_dhcp(guest, eni):
        _dhcp(world, config, eni)
    else:
        config.plug(device(world, eni), eni, up=False)
    apply(world, guest, config)


# -- questions the rest of the lab asks ------------------------------------------------------
def configured_ips(guest: GuestOS) -> set[str]:
    """The addresses the OS answers on (on links that are up)."""
    return {ip for _, ip in _configured(guest.links)}


def unconfigured(world: World) -> set[tuple[str, str]]:
    """(interface ID, address) for each address EC2 assigned to an interface of a running
    instance that the instance's OS has not configured."""
    found = set()
    for guest in world.collections["guests"].values():
        if world.instances[guest.instance_id].state != "running":
            continue
        have = configured_ips(guest)
        for eni in world.interfaces_of(guest.instance_id):
            for ip in [*eni.private_ip_addresses, *eni.ipv6_addresses]:
                if ip not in have:
                    found.add((eni.network_interface_id, ip))
    return found


def route_for(guest: GuestOS, source: str, destination: str) -> dict | None:
    """The route the kernel picks for a packet from ``source`` to ``destination``: the rules
    in priority order, in each rule's table the longest matching prefix (then lowest metric),
    only via links that are up."""
    src, dst = IPAddress(source), IPAddress(destination)
    all_rules = [{"priority": p, "from": f, "table": t} for p, f, t in FIXED_RULES]
    for rule in sorted(all_rules + guest.rules, key=lambda r: r["priority"]):
        if rule["from"] != "all" and src not in IPNetwork(rule["from"]):
            continue
        candidates = [r for r in guest.routes if r["table"] == rule["table"]
                      and r["family"] == dst.version and guest.links.get(r["dev"], {}).get("up")
                      and dst in _network(r["to"], dst.version)]
        if candidates:
            return max(candidates, key=lambda r: (_network(r["to"], dst.version).prefixlen,
                                                  -r.get("metric", 0)))
    return None


def _network(to: str, version: int) -> IPNetwork:
    if to == "default":
        return IPNetwork("0.0.0.0/0" if version == 4 else "::/0")
    return IPNetwork(to)


def mac_of_device(guest: GuestOS, name: str) -> str | None:
    return guest.links.get(name, {}).get("mac")
