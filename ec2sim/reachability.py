"""Does a packet get there and back? The path a connection takes, checked step by step.

``cloud.probe(source, destination, port)`` follows one TCP connection (or UDP / ICMP) the way
AWS would carry it: from the internet through the VPC's internet gateway and the Elastic IP (or
auto-assigned public IPv4) that translates to a private address, or from another instance
inside the VPC; then into the network interface holding the address (its security groups), up
into the instance's operating system (is the address configured?), and back out: which
interface the OS sends the reply by (asymmetric routing), and the subnet's route back to the
internet gateway. The answer names the FIRST step that fails, with a stable reason code.
"""

from __future__ import annotations

from dataclasses import dataclass

from netaddr import AddrFormatError, IPAddress, IPNetwork

from ec2sim import guest
from ec2sim.describe import public_ip_of
from ec2sim.operations.routing import allows, route_state, table_of_subnet
from ec2sim.resources import NetworkInterface
from ec2sim.world import World

# Each reason a probe can stop at: code -> a short title (the message says the specifics).
REASONS = {
    "unknown-address": "no interface or Elastic IP in the account has this address",
    "no-public-address": "a private address cannot be reached from the internet",
    "eip-not-associated": "the Elastic IP is not associated with a private address",
    "no-internet-gateway": "the VPC has no internet gateway",
    "no-route-to-internet-gateway": "the subnet's route table has no route to the internet "
                                    "gateway",
    "different-vpc": "private addresses of different VPCs do not reach each other",
    "interface-not-attached": "the network interface is not attached to an instance",
    "instance-stopped": "the instance is not running",
    "security-group": "no security group rule of the interface allows this traffic",
    "not-configured-in-os": "the address is assigned in EC2 but not configured in the OS",
    "asymmetric-routing": "the reply leaves by another network interface, and EC2 drops it",
    "no-route-in-os": "the operating system has no route back",
}
INTERNET = "internet"
# A client somewhere on the internet, from documentation ranges (RFC 5737, RFC 9637): the IPv4
# one for an IPv4 destination, the IPv6 one for an IPv6 destination.
INTERNET_CLIENT = "192.0.2.200"
INTERNET_CLIENT_IPV6 = "3fff::200"


@dataclass(frozen=True)
class Hop:
    """One step of the path: where, what happened there, and whether the packet passed."""

    place: str
    detail: str
    ok: bool = True


@dataclass(frozen=True)
class Probe:
    """The answer to one probe."""

    source: str
    destination: str
    port: int
    protocol: str
    reachable: bool
    reason: str | None
    message: str
    hops: tuple[Hop, ...]
    destination_instance: str = ""
    destination_address: str = ""

    def __bool__(self) -> bool:
        return self.reachable

    @property
    def stopped_at(self) -> Hop | None:
        return next((h for h in self.hops if not h.ok), None)

    def __str__(self) -> str:
        head = (f"{self.protocol.upper()} {self.source} -> {self.destination} port {self.port}: "
                + ("reachable, there and back" if self.reachable else
                   f"NOT reachable [{self.reason}]"))
        lines = [head]
        for hop in self.hops:
            lines.append(f"  {'✔' if hop.ok else '✘'} {hop.place}: {hop.detail}")
        if not self.reachable:
            lines.append(f"  why: {self.message}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(str(self))


class _Stop(Exception):
    def __init__(self, reason: str, place: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.place, self.message = reason, place, message


class _Path:
    def __init__(self, world: World) -> None:
        self.world = world
        self.hops: list[Hop] = []

    def passed(self, place: str, detail: str) -> None:
        self.hops.append(Hop(place, detail))

    def stop(self, reason: str, place: str, message: str) -> None:
        self.hops.append(Hop(place, REASONS[reason], ok=False))
        raise _Stop(reason, place, message)


def _address(text: str) -> IPAddress | None:
    try:
        return IPAddress(text, flags=0)
    except (AddrFormatError, ValueError, TypeError):
        return None


def holder_of(world: World, ip: str) -> NetworkInterface | None:
    """The interface EC2 delivers a private address to (its own, or inside a prefix)."""
    address = IPAddress(ip)
    for subnet in world.subnets.values():
        block = subnet.cidr_block if address.version == 4 else subnet.ipv6_cidr_block
        if block and address in IPNetwork(block):
            eni_id = world.pool(subnet.subnet_id, address.version).holder(int(address))
            return world.network_interfaces.get(eni_id) if eni_id else None
    return None


def _public_target(world: World, ip: str) -> tuple[NetworkInterface, str] | None:
    """The interface and private address a public IPv4 translates to, if it does."""
    for address in world.addresses.values():
        if address.public_ip == ip and address.network_interface_id:
            return world.network_interfaces[address.network_interface_id], \
                address.private_ip_address
    for eni in world.network_interfaces.values():
        if eni.public_ip == ip:
            return eni, eni.private_ip_address
    return None


def _name(world: World, instance_id: str) -> str:
    instance = world.instances[instance_id]
    label = instance.tags.get("Name")
    return f"{label} ({instance_id})" if label else instance_id


def _check_internet_route(path: _Path, eni: NetworkInterface, version: int, side: str) -> None:
    """The VPC's internet gateway, and the subnet's route to it, for this address family."""
    world = path.world
    gateway = next((g for g in world.internet_gateways.values() if g.vpc_id == eni.vpc_id), None)
    if gateway is None:
        path.stop("no-internet-gateway", eni.vpc_id, f"VPC {eni.vpc_id} has no internet gateway "
                  "attached: nothing connects it to the internet. Create one and attach it.")
    table = table_of_subnet(world, eni.subnet_id)
    default = "0.0.0.0/0" if version == 4 else "::/0"
    routes = table.routes if table else []
    if not any(r["destination"] == default and r["gateway_id"] == gateway.internet_gateway_id
               and route_state(world, table, r) == "active" for r in routes):
        where = table.route_table_id if table else "(none)"
        path.stop("no-route-to-internet-gateway", f"route table {where}",
                  f"Subnet {eni.subnet_id} uses route table {where}, which has no route "
                  f"{default} -> {gateway.internet_gateway_id}, so {side} cannot reach the "
                  f"internet. Add it with create_route.")
    path.passed(f"route table {table.route_table_id}",
                f"{default} -> {gateway.internet_gateway_id} ({side})")


def _check_instance(path: _Path, eni: NetworkInterface, ip: str) -> guest.GuestOS:
    world = path.world
    if eni.attachment is None:
        path.stop("interface-not-attached", eni.network_interface_id,
                  f"{ip} is on {eni.network_interface_id}, which is not attached to any "
                  "instance: nothing answers there. Attach it to an instance.")
    instance = world.instances[eni.attachment.instance_id]
    if instance.state != "running":
        path.stop("instance-stopped", _name(world, instance.instance_id),
                  f"{_name(world, instance.instance_id)} is {instance.state}: a stopped "
                  "instance answers nothing. Start it.")
    return guest.guest_of(world, instance.instance_id)


def _check_configured(path: _Path, os: guest.GuestOS, eni: NetworkInterface, ip: str) -> None:
    if ip not in guest.configured_ips(os):
        name = guest.device(path.world, eni)
        how = {"windows": f'netsh interface ipv4 add address "{name}" {ip} MASK, once the '
                          "adapter is static",
               "amazon-linux-2023": "sudo systemctl restart systemd-networkd, or wait for the "
                                    "DHCP lease to renew",
               "amazon-linux-2": "sudo service network restart, or wait for the DHCP lease to "
                                 "renew"}.get(os.os_family, f"sudo ip addr add {ip}/… dev {name}")
        path.stop("not-configured-in-os", f"OS of {_name(path.world, os.instance_id)}",
                  f"EC2 assigned {ip} to {guest.console_label(name)} "
                  f"({eni.network_interface_id}), but the operating system has not configured "
                  f"it, so it does not answer. Configure it: {how}.")
    path.passed(f"OS of {_name(path.world, os.instance_id)}", f"{ip} is configured")


def _check_egress(path: _Path, os: guest.GuestOS, eni: NetworkInterface, source: str,
                  destination: str, what: str) -> None:
    """The OS sends a packet from ``source``: by which interface? EC2 drops a packet whose
    source address is not the sending interface's own (source/destination check)."""
    route = guest.route_for(os, source, destination)
    owner = _name(path.world, os.instance_id)
    if route is None:
        path.stop("no-route-in-os", f"OS of {owner}", f"The OS of {owner} has no route from "
                  f"{source} to {destination}, so the {what} is never sent. Add one (ip route "
                  "add …).")
    mac = guest.mac_of_device(os, route["dev"])
    by = next((e for e in path.world.interfaces_of(os.instance_id) if e.mac_address == mac),
              None)
    if by is not eni and (by is None or by.source_dest_check):
        path.stop("asymmetric-routing", f"OS of {owner}",
                  f"The {what} from {source} leaves by {guest.console_label(route['dev'])} "
                  f"({by.network_interface_id if by else '?'}), but {source} belongs to "
                  f"{guest.console_label(guest.device(path.world, eni))} "
                  f"({eni.network_interface_id}); EC2 drops a packet whose source address is "
                  "not the sending interface's. Add a policy rule (sudo ip rule add from "
                  f"{source} table N) and a route in that table by dev "
                  f"{guest.device(path.world, eni)}.")
    path.passed(f"OS of {owner}", f"{what} from {source} leaves by {route['dev']}")


def _resolve_source(world: World, source: str) -> tuple[str, NetworkInterface | None, str]:
    """(kind, interface, address): an internet host, or an instance sending from an address."""
    if source == INTERNET:
        return INTERNET, None, INTERNET_CLIENT
    if source in world.instances:
        enis = world.interfaces_of(source)
        if not enis:
            raise ValueError(f"instance {source} has no network interface")
        # its primary private IPv4 address; in an IPv6-only subnet, its first IPv6 address
        first = [*enis[0].private_ip_addresses, *enis[0].ipv6_addresses][:1]
        if not first:
            raise ValueError(f"instance {source} has no address to send from")
        return "instance", enis[0], first[0]
    ip = _address(source)
    if ip is None:
        raise ValueError(f"source must be 'internet', an instance ID or an address, not "
                         f"{source!r}")
    eni = holder_of(world, str(ip))
    if eni is not None:
        return "instance", eni, str(ip)
    if ip.is_ipv4_private_use() or ip.is_loopback() or ip.is_link_local():
        raise ValueError(f"no interface in the account has the private address {source}")
    return INTERNET, None, str(ip)


def probe(world: World, source: str, destination: str, port: int = 443,
          protocol: str = "tcp") -> Probe:
    """Follow a connection from ``source`` to ``destination`` and back (see module doc)."""
    path = _Path(world)
    kind, source_eni, source_ip = _resolve_source(world, source)
    if source == INTERNET and ":" in destination:
        source_ip = INTERNET_CLIENT_IPV6
    target = {"instance": "", "address": ""}
    try:
        _walk(path, kind, source_eni, source_ip, destination, port, protocol, target)
    except _Stop as stop:
        return Probe(source, destination, port, protocol, False, stop.reason, stop.message,
                     tuple(path.hops), target["instance"], target["address"])
    return Probe(source, destination, port, protocol, True, None, "", tuple(path.hops),
                 target["instance"], target["address"])


def _walk(path: _Path, kind: str, source_eni: NetworkInterface | None, source_ip: str,
          destination: str, port: int, protocol: str, target: dict) -> None:
    world = path.world
    ip = _address(destination)
    if ip is None:
        raise ValueError(f"destination must be an address, not {destination!r}")
    public = ip.version == 4 and not ip.is_ipv4_private_use()
    holder = None if public else holder_of(world, str(ip))
    via_internet = kind == INTERNET or public or (
        ip.version == 6 and holder is not None and holder.vpc_id != source_eni.vpc_id)
    client_ip, source_groups = source_ip, []

    if kind == "instance":  # the sending side
        sender = _check_instance(path, source_eni, source_ip)
        _check_configured(path, sender, source_eni, source_ip)
        _check_egress(path, sender, source_eni, source_ip, str(ip), "request")
        source_groups = source_eni.group_ids
        if via_internet:
            _check_internet_route(path, source_eni, ip.version, "the sender")
            source_groups = []
            if ip.version == 4:
                client_ip, _ = public_ip_of(world, source_eni, source_ip)
                if not client_ip:
                    path.stop("no-public-address", source_eni.network_interface_id,
                              f"{source_ip} has no public IPv4 (no Elastic IP, no auto-assigned "
                              "address), so its packets cannot go out to the internet.")

    if public:  # in from the internet, through the public address's translation
        found = _public_target(world, str(ip))
        if found is None:
            eip = next((a for a in world.addresses.values() if a.public_ip == str(ip)), None)
            if eip is not None:
                path.stop("eip-not-associated", f"Elastic IP {ip}", f"Elastic IP {ip} "
                          f"({eip.allocation_id}) is allocated but not associated with any "
                          "private address, so it leads nowhere. Associate it.")
            path.stop("unknown-address", str(ip), f"{ip} is not an Elastic IP or public "
                      "address of this account.")
        eni, private_ip = found
        path.passed(f"public {ip}", f"translates to {private_ip} on {eni.network_interface_id}")
    else:
        eni, private_ip = holder, str(ip)
        if eni is None:
            path.stop("unknown-address", str(ip), f"No network interface in the account has "
                      f"{ip}.")
        if kind == INTERNET and ip.version == 4:
            path.stop("no-public-address", private_ip, f"{ip} is a private address: the "
                      "internet reaches an instance only through a public IPv4 (an Elastic IP "
                      "or an auto-assigned public address) that translates to it.")
        if not via_internet and eni.vpc_id != source_eni.vpc_id:
            path.stop("different-vpc", eni.vpc_id, f"{source_ip} is in {source_eni.vpc_id} and "
                      f"{ip} in {eni.vpc_id}: private addresses only reach each other inside "
                      "one VPC.")
    if via_internet:
        _check_internet_route(path, eni, ip.version, "the reply")
    else:
        path.passed(f"VPC {eni.vpc_id}", "local route")

    target["address"] = private_ip
    receiver = _check_instance(path, eni, private_ip)
    target["instance"] = eni.attachment.instance_id
    if not allows(world, eni.group_ids, protocol, port, client_ip, source_groups):
        groups = ", ".join(eni.group_ids)
        path.stop("security-group", f"{eni.network_interface_id} ({groups})",
                  f"No inbound rule of {eni.network_interface_id}'s security groups ({groups}) "
                  f"allows {protocol.upper()} port {port} from {client_ip}. Security groups "
                  "belong to the interface: add a rule (authorize_security_group_ingress).")
    path.passed(eni.network_interface_id, f"security groups allow {protocol.upper()} {port} "
                f"from {client_ip}")
    _check_configured(path, receiver, eni, private_ip)
    _check_egress(path, receiver, eni, private_ip, client_ip, "reply")
    path.passed("back", f"the reply reaches {client_ip}")
