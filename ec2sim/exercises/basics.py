"""The exercises of notebooks 01-06: one idea each, checked by what the describe calls show."""

from __future__ import annotations

from ec2sim import scenarios
from ec2sim.exercises.core import (
    World,
    conditions,
    exercise,
    ipv6,
    listed,
    on,
    private_ipv4,
    secondary_ipv4,
)


# -- 01 how multiple IPs work ---------------------------------------------------------------------
@exercise("Exercise 1.1", "01_how_multiple_ips_work", "two_interfaces",
          "Put web-1's second interface (eth1) in the security group admin only; eth0 stays in "
          "web.",
          hints=("Security groups belong to interfaces, not to instances: which call changes "
                 "one interface's attributes?",
                 "modify_network_interface_attribute(NetworkInterfaceId=…, Groups=[…]) "
                 "replaces the interface's whole list of groups.",
                 "Look up admin's group ID with describe_security_groups (filter group-name), "
                 "and eth1's ID in web-1's NetworkInterfaces (DeviceIndex 1)."))
def check_interface_groups(world: World):
    def groups(index: int) -> list[str]:
        eni = world.interface_at(world.instance("web-1"), index)
        return sorted(g["GroupName"] for g in eni["Groups"])

    def eth1_admin() -> str | None:
        found = groups(1)
        return None if found == ["admin"] else f"eth1 is in {listed(found)}"

    def eth0_web() -> str | None:
        found = groups(0)
        return None if found == ["web"] else (
            f"eth0 is now in {listed(found)}: each interface has its own groups, so change "
            "eth1's only")

    found = conditions(("web-1's eth1 is in admin, and in no other group", eth1_admin),
                       ("web-1's eth0 is still in web alone", eth0_web))
    return found, lambda: (
        "eth1 now answers to admin's rules and eth0 to web's: groups belong to interfaces, and "
        "every address on an interface shares them.")


# -- 02 secondary private IPv4 --------------------------------------------------------------------
@exercise("Exercise 2.1", "02_secondary_ipv4", "web_server",
          "Give web-1's primary interface the secondary private IPv4 addresses 10.0.1.20 and "
          "10.0.1.21.",
          hints=("Which interface is web-1's primary one? The one at device index 0 (eth0).",
                 "assign_private_ip_addresses takes PrivateIpAddresses=[…] to name addresses "
                 "(SecondaryPrivateIpAddressCount would let EC2 pick them).",
                 "Both addresses fit in one call on eth0's NetworkInterfaceId."))
def check_secondary_addresses(world: World):
    eth0 = world.nic("web-1")

    found = conditions(*[(f"{a} is a secondary address of web-1's eth0",
                          on(world, eth0, a, "web-1's eth0")) for a in ("10.0.1.20", "10.0.1.21")])
    return found, lambda: (
        f"web-1's eth0 holds {listed(private_ipv4(eth0()))}: one primary address and "
        f"{len(secondary_ipv4(eth0()))} secondary ones.")


def _launch_request(world: World, instance: dict, eni: dict, address: str) -> str | None:
    """None if ``address`` came with the RunInstances that launched ``instance``, picked by
    EC2; else what happened instead."""
    event = world.origin("private-ipv4", address, eni["NetworkInterfaceId"])
    if event is None:
        return (f"the lab's history no longer shows where {address} came from (it keeps the last "
                "50 changes): terminate web-3 and launch it again")
    if event.operation != "RunInstances" or not any(
            c.kind == "instance" and c.key == instance["InstanceId"] for c in event.changes):
        return f"{address} was added after the launch, by {event.operation}"
    named = [p.get("PrivateIpAddress") for entry in event.params.get("NetworkInterfaces", [])
             for p in entry.get("PrivateIpAddresses", [])]
    if address in named:
        return f"{address} was named in the launch request; let EC2 pick them"
    return None


@exercise("Exercise 2.2", "02b_launch_and_reassign", "web_server",
          "Launch web-3, a t3.small in public-a, whose eth0 gets two secondary private IPv4 "
          "addresses picked by EC2 in the launch request itself.",
          hints=("At launch, addresses go in the NetworkInterfaces entry of eth0 (DeviceIndex 0), "
                 "beside its SubnetId.",
                 "To let EC2 pick, give a count, not a list: SecondaryPrivateIpAddressCount.",
                 "Name the instance with TagSpecifications (ResourceType instance, tag Name), "
                 "and mind InstanceType: the task asks for a t3.small."))
def check_launched_with_secondaries(world: World):
    def web_3() -> dict:
        return world.instance("web-3")

    def eth0() -> dict:
        return world.interface_at(web_3(), 0)

    def kind() -> str | None:
        found = web_3()["InstanceType"]
        return None if found == "t3.small" else f"web-3 is a {found}"

    def subnet() -> str | None:
        found = eth0()["SubnetId"]
        return None if found == world.subnet_id("public-a") else (
            f"web-3's eth0 is in {world.subnet_name(found)}")

    def two() -> str | None:
        count = len(secondary_ipv4(eth0()))
        return None if count == 2 else (
            f"web-3's eth0 has {count} ({listed(secondary_ipv4(eth0()))})")

    def at_launch() -> str | None:
        reasons = [r for a in secondary_ipv4(eth0())
                   if (r := _launch_request(world, web_3(), eth0(), a))]
        if not secondary_ipv4(eth0()):
            return "web-3's eth0 has no secondary address"
        return "; ".join(reasons) or None

    found = conditions(("an instance named web-3 is running or stopped", lambda: web_3() and None),
                       ("web-3 is a t3.small", kind),
                       ("web-3's eth0 is in public-a", subnet),
                       ("web-3's eth0 has exactly two secondary addresses", two),
                       ("EC2 picked them, in the launch request", at_launch))
    return found, lambda: (
        f"web-3 came up with {listed(private_ipv4(eth0()))}: the launch request asked for two "
        "secondary addresses and EC2 picked them from public-a's free ones.")


# -- 03 Elastic IPs -------------------------------------------------------------------------------
SITE = "10.0.1.44"  # exercise 3.1: an address the notebook's worked example does not use


@exercise("Exercise 3.1", "03_elastic_ips", "web_server",
          f"Assign {SITE} to web-1's eth0 and associate a new Elastic IP with that address; the "
          "primary address keeps its auto-assigned public IPv4.",
          hints=("Two steps: assign the private address, then allocate and associate an Elastic "
                 "IP.",
                 "associate_address with only InstanceId (or only NetworkInterfaceId) picks the "
                 "primary address, and an Elastic IP there replaces the auto-assigned one.",
                 f"Name both NetworkInterfaceId and PrivateIpAddress='{SITE}'."))
def check_eip_on_secondary(world: World):
    eth0 = world.nic("web-1")

    def eip_there() -> str | None:
        if world.eip_on(eth0(), SITE) is not None:
            return None
        elsewhere = [world.eip_place(a) for a in world.addresses if "AssociationId" in a]
        return f"{SITE} has none; {listed(elsewhere)}"

    def primary_public() -> str | None:
        primary = eth0()["PrivateIpAddress"]
        eip = world.eip_on(eth0(), primary)
        if eip is not None:
            return (f"the Elastic IP {eip['PublicIp']} went to the primary address {primary} and "
                    "replaced its auto-assigned public IPv4")
        if not world.instance("web-1").get("PublicIpAddress"):
            return "web-1 has no public IPv4 on its primary address any more"
        return None

    found = conditions((f"{SITE} is a secondary address of web-1's eth0",
                        on(world, eth0, SITE, "web-1's eth0")),
                       (f"an Elastic IP is associated with {SITE}", eip_there),
                       ("the primary address keeps its auto-assigned public IPv4", primary_public))
    return found, lambda: (
        f"{world.eip_on(eth0(), SITE)['PublicIp']} now leads to {SITE}, while the primary "
        f"address keeps {world.instance('web-1')['PublicIpAddress']}: two public addresses on "
        "one interface.")


def service_on_standby(world: World) -> list:
    """The conditions of a finished failover: 10.0.1.100 on app-standby, Elastic IP with it."""
    service = scenarios.SERVICE_ADDRESS

    standby = world.nic("app-standby")

    def eip_follows() -> str | None:
        eip = world.elastic_ip("service")
        if (eip.get("NetworkInterfaceId"), eip.get("PrivateIpAddress")) == (
                standby()["NetworkInterfaceId"], service):
            return None
        if "AssociationId" not in eip:
            return (f"{eip['PublicIp']} is associated with nothing (unassigning an address "
                    "disassociates its Elastic IP, which stays allocated)")
        return world.eip_place(eip)

    return conditions(
        (f"{service} is a secondary address of app-standby's eth0",
         on(world, standby, service, "app-standby's eth0")),
        (f"the Elastic IP service leads to {service} on app-standby", eip_follows))


@exercise("Exercise 3.2", "03b_failover_with_a_secondary_ip", "failover_pair",
          "Fail over: move the service address 10.0.1.100 from app-primary to app-standby so "
          "the Elastic IP service still leads to it.",
          hints=("Clients know the Elastic IP, and the Elastic IP knows a private address: move "
                 "the private address and see what follows it.",
                 "assign_private_ip_addresses on app-standby's eth0 can take an address another "
                 "interface holds, if you allow it.",
                 "AllowReassignment=True: one call moves 10.0.1.100 and its Elastic IP together."))
def check_failover(world: World):
    return service_on_standby(world), lambda: (
        f"{scenarios.SERVICE_ADDRESS} is now app-standby's, and the Elastic IP "
        f"{world.elastic_ip('service')['PublicIp']} came with it: clients reach the standby at "
        "the same public and private addresses.")


# -- 04 multiple IPv6 -----------------------------------------------------------------------------
def _ipv6_origin(world: World, eni: dict, address: str, *, named: bool) -> str | None:
    """None if ``address`` came to ``eni`` named (or counted, ``named=False``)."""
    event = world.origin("ipv6", address, eni["NetworkInterfaceId"])
    if event is None:
        return (f"the lab's history no longer shows how {address} came (it keeps the last 50 "
                "changes); load the scenario again")
    was_named = address in event.params.get("Ipv6Addresses", [])
    if was_named == named:
        return None
    return f"{address} was {'named' if was_named else 'picked by EC2'}"


@exercise("Exercise 4.1", "04_multiple_ipv6", "web_server",
          "Give web-1's eth0 three IPv6 addresses: the one ending in ::100 of public-a's /64, "
          "named by you, and two more picked by EC2.",
          hints=("public-a's IPv6 block is in describe_subnets (Ipv6CidrBlockAssociationSet).",
                 "One request takes either Ipv6Addresses or Ipv6AddressCount, never both: that "
                 "makes two calls.",
                 "assign_ipv6_addresses(…, Ipv6Addresses=[the ::100 one]), then "
                 "assign_ipv6_addresses(…, Ipv6AddressCount=2)."))
def check_ipv6_addresses(world: World):
    eth0 = world.nic("web-1")

    def wanted() -> str:
        return world.subnet_ipv6_host("public-a", 0x100)

    def others() -> list[str]:
        return [a for a in ipv6(eth0()) if a != wanted()]

    def named() -> str | None:
        return _ipv6_origin(world, eth0(), wanted(), named=True) if wanted() in ipv6(eth0()) \
            else f"{wanted()} is {world.where(wanted())}"

    def three() -> str | None:
        count = len(ipv6(eth0()))
        return None if count == 3 else f"eth0 has {count} ({listed(ipv6(eth0()))})"

    def picked() -> str | None:
        if not others():
            return "eth0 has no other IPv6 address"
        return "; ".join(r for a in others()
                         if (r := _ipv6_origin(world, eth0(), a, named=False))) or None

    found = conditions(("web-1's eth0 has the address ending in ::100, named in a request",
                        named),
                       ("web-1's eth0 has exactly three IPv6 addresses", three),
                       ("EC2 picked the other two (Ipv6AddressCount)", picked))
    return found, lambda: f"web-1's eth0 has the IPv6 addresses {listed(ipv6(eth0()))}."


@exercise("Exercise 4.2", "04_multiple_ipv6", "two_servers",
          "Move the IPv6 address ending in ::10 from web-1 to web-2's eth0; web-2 keeps its own "
          "::11.",
          hints=("Try assigning it to web-2 straight away and read the error.",
                 "IPv6 addresses have no AllowReassignment: the address must be free first.",
                 "unassign_ipv6_addresses from web-1's eth0, then assign_ipv6_addresses to "
                 "web-2's eth0 with Ipv6Addresses=[…]."))
def check_ipv6_moved(world: World):
    eth0 = world.nic

    moving = world.subnet_ipv6_host("public-a", 0x10)
    staying = world.subnet_ipv6_host("public-a", 0x11)

    def left() -> str | None:
        return f"{moving} is still on web-1" if moving in ipv6(eth0("web-1")()) else None

    found = conditions((f"{moving} is no longer on web-1", left),
                       (f"{moving} is on web-2's eth0", on(world, eth0("web-2"), moving,
                                                           "web-2's eth0")),
                       (f"web-2 keeps {staying}", on(world, eth0("web-2"), staying,
                                                     "web-2's eth0")))
    return found, lambda: (
        f"web-2 answers on {moving} and {staying}: an IPv6 address moves by unassign, then "
        "assign.")


# -- 05 prefix delegation -------------------------------------------------------------------------
@exercise("Exercise 5.1", "05_prefix_delegation", "web_server",
          "Delegate exactly one IPv4 /28 prefix and one IPv6 /80 prefix to web-1's eth0, and no "
          "prefix to any other interface.",
          hints=("Prefixes are assigned with the same calls as addresses.",
                 "assign_private_ip_addresses takes Ipv4PrefixCount; assign_ipv6_addresses "
                 "takes Ipv6PrefixCount.",
                 "One of each, both on web-1's eth0 (device index 0)."))
def check_prefixes(world: World):
    eth0 = world.nic("web-1")

    def one(family: str, key: str, length: int):
        def test() -> str | None:
            found = [p[key] for p in eth0().get(f"{family}Prefixes", [])]
            return None if len(found) == 1 else (
                f"eth0 has {len(found)} {family} prefix(es) ({listed(found)}), not one /{length}")
        return test

    def nowhere_else() -> str | None:
        others = [world.describe(e) for e in world.interfaces
                  if e["NetworkInterfaceId"] != eth0()["NetworkInterfaceId"]
                  and (e.get("Ipv4Prefixes") or e.get("Ipv6Prefixes"))]
        return f"prefixes are also on {listed(others)}" if others else None

    found = conditions(("web-1's eth0 has exactly one IPv4 /28 prefix",
                        one("Ipv4", "Ipv4Prefix", 28)),
                       ("web-1's eth0 has exactly one IPv6 /80 prefix",
                        one("Ipv6", "Ipv6Prefix", 80)),
                       ("no other interface has a prefix", nowhere_else))
    return found, lambda: (
        f"eth0 has {eth0()['Ipv4Prefixes'][0]['Ipv4Prefix']} (16 IPv4 addresses) and "
        f"{eth0()['Ipv6Prefixes'][0]['Ipv6Prefix']}, and each took only one address slot of the "
        "t3.medium's limit.")


# -- 06 moving interfaces -------------------------------------------------------------------------
def spare_kept(world: World, *, device_index: int | None) -> list:
    """The conditions of spare moved to web-2 with everything it had at the start."""
    was = world.start().interface_named("spare")
    had = private_ipv4(was) + ipv6(was)
    groups_had = sorted(g["GroupName"] for g in was["Groups"])

    def spare() -> dict:
        return world.interface_named("spare")

    def on_web_2() -> str | None:
        attachment = spare().get("Attachment")
        if attachment is None or attachment["InstanceId"] != world.instance(
                "web-2")["InstanceId"]:
            return f"spare is {world.describe(spare())}"
        if device_index is not None and attachment["DeviceIndex"] != device_index:
            return f"spare is at device index {attachment['DeviceIndex']}"
        return None

    def kept() -> str | None:
        lost = [a for a in had if a not in private_ipv4(spare()) + ipv6(spare())]
        return f"spare lost {listed(lost)} on the way" if lost else None

    def eip() -> str | None:
        found = world.elastic_ip("spare-eip")
        return None if world.eip_on(spare(), scenarios.SPARE_SECONDARY) else (
            f"{world.eip_place(found)}: an interface keeps its Elastic IPs when it moves, so "
            "something disassociated it")

    def groups() -> str | None:
        found = sorted(g["GroupName"] for g in spare()["Groups"])
        return None if found == groups_had else f"spare is in {listed(found)} now"

    where = "web-2" if device_index is None else f"web-2 at device index {device_index} (eth1)"
    return conditions((f"spare is attached to {where}", on_web_2),
                      (f"spare still has {listed(had)}", kept),
                      (f"the Elastic IP spare-eip is still on {scenarios.SPARE_SECONDARY}", eip),
                      (f"spare is still in {listed(groups_had)}", groups))


@exercise("Exercise 6.1", "06_moving_interfaces", "spare_interface",
          "Move the interface spare from web-1 to web-2, at device index 1, with its addresses "
          "(IPv4 and IPv6), its Elastic IP and its security group.",
          hints=("An interface moves in two calls: off one instance, onto the other.",
                 "detach_network_interface takes the AttachmentId (in the interface's "
                 "Attachment), not the interface ID.",
                 "attach_network_interface(NetworkInterfaceId=…, InstanceId=web-2's, "
                 "DeviceIndex=1): addresses, Elastic IP and groups travel with it."))
def check_interface_moved(world: World):
    def spare() -> dict:
        return world.interface_named("spare")

    return spare_kept(world, device_index=1), lambda: (
        f"spare moved with everything on it: {listed(private_ipv4(spare()) + ipv6(spare()))}, "
        "the Elastic IP, its group and its MAC address.")
