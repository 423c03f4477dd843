"""Public IPv4 addresses on private ones: auto-assigned at launch, or Elastic IPs associated.

Public addresses come from documentation ranges, so no real host is ever named: Elastic IPs from
203.0.113.0/24, auto-assigned public IPv4 addresses from 198.51.100.0/24.
"""

from __future__ import annotations

from netaddr import IPNetwork

from ec2sim import describe
from ec2sim.errors import EC2Error
from ec2sim.resources import Address, NetworkInterface
from ec2sim.world import World

PUBLIC_RANGES = {"elastic": IPNetwork("203.0.113.0/24"), "auto": IPNetwork("198.51.100.0/24")}


def next_public_ip(world: World, kind: str) -> str:
    """The next unused address (from .10 up) of the range for Elastic IPs or auto-assigned.

    Elastic IPs take the lowest unused one. Auto-assigned addresses go round the range, so an
    instance that stops and starts visibly gets a new address, not the one it just gave back.
    """
    taken = {a.public_ip for a in world.addresses.values()}
    taken.update(e.public_ip for e in world.network_interfaces.values() if e.public_ip)
    hosts = [ip for ip in PUBLIC_RANGES[kind].iter_hosts() if ip.words[-1] >= 10]
    start = world.counters.get("public-auto", 0) if kind == "auto" else 0
    for step in range(len(hosts)):
        ip = hosts[(start + step) % len(hosts)]
        if str(ip) not in taken:
            if kind == "auto":
                world.set_counter("public-auto", (start + step + 1) % len(hosts))
            return str(ip)
    raise EC2Error("InsufficientAddressCapacity", "The simulation has run out of public "
                   "addresses.", status=500)


def give_public_ip(world: World, eni: NetworkInterface) -> None:
    """An auto-assigned public IPv4 for the primary address (none while an EIP is there)."""
    if describe.eip_at(world, eni.network_interface_id, eni.private_ip_address):
        return
    public_ip = next_public_ip(world, "auto")
    world.set(eni, "public_ip", public_ip)
    world.note("public-ipv4", public_ip, None,
               f"{eni.network_interface_id}/{eni.private_ip_address}")


def drop_public_ip(world: World, eni: NetworkInterface) -> None:
    """Release an auto-assigned public IPv4 (at stop, terminate, or when an EIP replaces it)."""
    if eni.public_ip:
        world.note("public-ipv4", eni.public_ip,
                   f"{eni.network_interface_id}/{eni.private_ip_address}", None)
        world.set(eni, "public_ip", None)


def disassociate(world: World, eip: Address) -> None:
    """Unhook an Elastic IP from its private address; it stays allocated to the account."""
    before = f"{eip.network_interface_id}/{eip.private_ip_address}"
    world.set_association(eip, None, None, None)
    world.note("elastic-ip", eip.allocation_id, before, "")
