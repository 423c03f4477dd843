"""The tutorial's "check yourself" exercises: each checker looks at the learner's world and
says, specifically, what is right or still wrong.

A checker reads the world only through the EC2 API (the describe calls a learner would make),
so it judges what AWS would show, not how the learner got there. It answers with a
:class:`Feedback`, which a notebook shows as a green or orange box:

    >>> from ec2sim import exercises, scenarios
    >>> exercises.check_failover(scenarios.failover_pair()).passed
    False

Every exercise names the scenario it starts from and its solution in ``notebooks/solutions/``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from netaddr import IPNetwork

from ec2sim import scenarios
from ec2sim.cloud import Cloud


@dataclass(frozen=True)
class Feedback:
    """A checker's verdict: ``passed``, and a message that says what to do next."""

    exercise: str
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        verdict = "✅ Well done" if self.passed else "❌ Not yet"
        return f"{verdict} ({self.exercise}): {self.message}"

    def _repr_html_(self) -> str:
        colour, verdict = ("#1B6E4B", "✅ Well done") if self.passed else ("#A3341C", "❌ Not yet")
        return (f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<b style="color:{colour}">{verdict}</b> <small>({self.exercise})</small><br>'
                f"{html.escape(self.message)}</div>")


class NotYet(Exception):
    """Raised inside a checker: the world is not there yet, and the message says why."""


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it starts, what to do, how it is checked, where its solution is."""

    name: str
    notebook: str
    scenario: str
    task: str
    check: Callable[[Cloud], Feedback]

    @property
    def solution(self) -> str:
        """The solution's path, relative to ``notebooks/`` (``%load`` it from there)."""
        return f"solutions/{self.notebook[:2]}_{self.name}.py"


EXERCISES: dict[str, Exercise] = {}


def exercise(notebook: str, scenario: str, task: str):
    """Register ``check_<name>`` as the checker of the exercise ``<name>``.

    The decorated function receives a :class:`World` and returns the success message, or
    raises :class:`NotYet` with what is still wrong.
    """

    def register(judge: Callable[[World], str]) -> Callable[[Cloud], Feedback]:
        name = judge.__name__.removeprefix("check_")

        def check(cloud: Cloud) -> Feedback:
            try:
                return Feedback(name, True, judge(World(cloud)))
            except NotYet as not_yet:
                return Feedback(name, False, str(not_yet))

        check.__name__ = check.__qualname__ = judge.__name__
        check.__doc__ = f"{task} (starts from scenarios.{scenario}())"
        EXERCISES[name] = Exercise(name, notebook, scenario, task, check)
        return check

    return register


# -- reading the world through the API -----------------------------------------------------------
def _name(resource: dict, key: str = "Tags") -> str:
    return next((t["Value"] for t in resource.get(key, []) if t["Key"] == "Name"), "")


class World:
    """What a checker needs to know, asked of the cloud with describe calls."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud  # for the probes of notebooks 08-10 (they read, never change)
        ec2 = cloud.client()
        self.instances = [i for r in ec2.describe_instances()["Reservations"]
                          for i in r["Instances"]]
        self.interfaces = ec2.describe_network_interfaces()["NetworkInterfaces"]
        self.addresses = ec2.describe_addresses()["Addresses"]
        self.subnets = ec2.describe_subnets()["Subnets"]

    def instance(self, name: str, *, alive: bool = True) -> dict:
        """The instance tagged ``name`` (not terminated, unless ``alive=False``)."""
        found = [i for i in self.instances if _name(i) == name and (
            not alive or i["State"]["Name"] != "terminated")]
        if not found:
            raise NotYet(f"There is no {'running or stopped ' if alive else ''}instance named "
                         f"{name!r} yet.")
        return found[-1]

    def interface_at(self, instance: dict, device_index: int) -> dict:
        """The interface attached to ``instance`` at ``device_index`` (as DescribeNetwork-
        Interfaces shows it)."""
        for eni in self.interfaces:
            attachment = eni.get("Attachment", {})
            if attachment.get("InstanceId") == instance["InstanceId"] and \
                    attachment.get("DeviceIndex") == device_index:
                return eni
        raise NotYet(f"{_name(instance)} has no network interface at device index "
                     f"{device_index}.")

    def interface_named(self, name: str) -> dict:
        for eni in self.interfaces:
            if _name(eni, "TagSet") == name:
                return eni
        raise NotYet(f"The network interface {name!r} no longer exists: was it deleted (or "
                     "deleted with the instance it was launched with)?")

    def holder_of(self, address: str) -> dict | None:
        """The interface that has this private IPv4 or IPv6 address, if any."""
        for eni in self.interfaces:
            if address in private_ipv4(eni) or address in ipv6(eni):
                return eni
        return None

    def where(self, address: str) -> str:
        holder = self.holder_of(address)
        return "on no interface" if holder is None else f"on {self.describe(holder)}"

    def describe(self, eni: dict) -> str:
        """'web-1's eth0 (eni-…)', or 'the available interface eni-…'."""
        attachment = eni.get("Attachment")
        if attachment is None:
            return f"the available (detached) interface {eni['NetworkInterfaceId']}"
        owner = next(i for i in self.instances if i["InstanceId"] == attachment["InstanceId"])
        return (f"{_name(owner) or owner['InstanceId']}'s eth{attachment['DeviceIndex']} "
                f"({eni['NetworkInterfaceId']})")

    def elastic_ip(self, name: str) -> dict:
        for address in self.addresses:
            if _name(address) == name:
                return address
        raise NotYet(f"The Elastic IP {name!r} is gone: was it released? Allocate another one, "
                     "or load the scenario again.")

    def eip_on(self, eni: dict, private_ip: str) -> dict | None:
        for address in self.addresses:
            if address.get("NetworkInterfaceId") == eni["NetworkInterfaceId"] and \
                    address.get("PrivateIpAddress") == private_ip:
                return address
        return None

    def subnet_ipv6(self, name: str) -> IPNetwork:
        subnet = next(s for s in self.subnets if _name(s) == name)
        return IPNetwork(subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])

    def subnet_id(self, name: str) -> str:
        return next(s["SubnetId"] for s in self.subnets if _name(s) == name)


def private_ipv4(eni: dict) -> list[str]:
    return [p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"]]


def secondary_ipv4(eni: dict) -> list[str]:
    return [p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"] if not p["Primary"]]


def ipv6(eni: dict) -> list[str]:
    return [a["Ipv6Address"] for a in eni["Ipv6Addresses"]]


def _listed(values: list[str]) -> str:
    return ", ".join(values) if values else "none"


def _require_address(world: World, eni: dict, address: str, what: str) -> None:
    """Fail unless ``address`` is on ``eni``, saying where it is instead."""
    if address not in private_ipv4(eni) + ipv6(eni):
        raise NotYet(f"{address} is not on {what} yet (it is {world.where(address)}).")


def _service_on_standby(world: World) -> str:
    """The end of a failover: 10.0.1.100 on app-standby, the Elastic IP "service" with it."""
    service = scenarios.SERVICE_ADDRESS
    standby = world.interface_at(world.instance("app-standby"), 0)
    eip = world.elastic_ip("service")
    if service not in private_ipv4(standby):
        raise NotYet(f"The service address {service} is {world.where(service)}; it should be a "
                     "secondary address of app-standby's eth0.")
    if "AssociationId" not in eip:
        raise NotYet(f"{service} is on app-standby, but the Elastic IP {eip['PublicIp']} is not "
                     "associated with anything, so clients cannot reach it. Unassigning an "
                     "address disassociates its Elastic IP; associate it with "
                     f"{standby['NetworkInterfaceId']} and PrivateIpAddress={service}.")
    if (eip["NetworkInterfaceId"], eip["PrivateIpAddress"]) != (
            standby["NetworkInterfaceId"], service):
        raise NotYet(f"The Elastic IP {eip['PublicIp']} is still on "
                     f"{eip['PrivateIpAddress']} of {eip['NetworkInterfaceId']}; it should "
                     f"follow the address you moved ({service} on app-standby).")
    return (f"{service} is now app-standby's, and the Elastic IP {eip['PublicIp']} came with "
            "it: clients reach the standby at the same public and private addresses.")


# -- 01 how multiple IPs work ---------------------------------------------------------------------
@exercise("01_how_multiple_ips_work", "two_interfaces",
          "Put web-1's second interface (eth1) in the security group admin only; eth0 stays in "
          "web.")
def check_interface_groups(world: World) -> str:
    web_1 = world.instance("web-1")
    eth0, eth1 = world.interface_at(web_1, 0), world.interface_at(web_1, 1)
    groups = {eni["NetworkInterfaceId"]: sorted(g["GroupName"] for g in eni["Groups"])
              for eni in (eth0, eth1)}
    if groups[eth1["NetworkInterfaceId"]] != ["admin"]:
        raise NotYet(f"eth1 is in {_listed(groups[eth1['NetworkInterfaceId']])}; it should be "
                     "in admin alone (modify_network_interface_attribute with Groups).")
    if groups[eth0["NetworkInterfaceId"]] != ["web"]:
        raise NotYet(f"eth0 is now in {_listed(groups[eth0['NetworkInterfaceId']])}: each "
                     "interface has its own groups, so change eth1's only and leave eth0 in web.")
    return (f"eth1 ({_listed(private_ipv4(eth1))}) now answers to admin's rules and eth0 to "
            "web's: groups belong to interfaces, and every address on an interface shares them.")


# -- 02 secondary private IPv4 --------------------------------------------------------------------
@exercise("02_secondary_ipv4", "web_server",
          "Give web-1's primary interface the secondary private IPv4 addresses 10.0.1.20 and "
          "10.0.1.21.")
def check_secondary_addresses(world: World) -> str:
    eth0 = world.interface_at(world.instance("web-1"), 0)
    for address in ("10.0.1.20", "10.0.1.21"):
        _require_address(world, eth0, address, "web-1's eth0")
    return (f"web-1's eth0 holds {_listed(private_ipv4(eth0))}: one primary address and "
            f"{len(secondary_ipv4(eth0))} secondary ones.")


@exercise("02_secondary_ipv4", "web_server",
          "Launch web-2 (a t3.medium in public-a) with two secondary private IPv4 addresses on "
          "eth0, picked by EC2 at launch.")
def check_launched_with_secondaries(world: World) -> str:
    web_2 = world.instance("web-2")
    eth0 = world.interface_at(web_2, 0)
    if eth0["SubnetId"] != world.subnet_id("public-a"):
        raise NotYet(f"web-2's eth0 is in {eth0['SubnetId']}, not in public-a "
                     f"({world.subnet_id('public-a')}).")
    count = len(secondary_ipv4(eth0))
    if count != 2:
        raise NotYet(f"web-2's eth0 has {count} secondary address(es) "
                     f"({_listed(secondary_ipv4(eth0))}); it should have exactly 2. "
                     "SecondaryPrivateIpAddressCount=2 in its NetworkInterfaces entry does it.")
    return (f"web-2 came up with {_listed(private_ipv4(eth0))}: EC2 picked the two secondary "
            "addresses from public-a's free ones.")


# -- 03 Elastic IPs -------------------------------------------------------------------------------
@exercise("03_elastic_ips", "web_server",
          "Assign 10.0.1.20 to web-1's eth0 and associate a new Elastic IP with that address "
          "(not with the primary one).")
def check_eip_on_secondary(world: World) -> str:
    eth0 = world.interface_at(world.instance("web-1"), 0)
    _require_address(world, eth0, "10.0.1.20", "web-1's eth0")
    on_primary = world.eip_on(eth0, eth0["PrivateIpAddress"])
    eip = world.eip_on(eth0, "10.0.1.20")
    if eip is None:
        hint = (f" The Elastic IP {on_primary['PublicIp']} went to the primary address "
                f"{eth0['PrivateIpAddress']} instead (and replaced its auto-assigned public "
                "IPv4): name PrivateIpAddress='10.0.1.20' when you associate."
                if on_primary else "")
        raise NotYet("No Elastic IP is associated with 10.0.1.20 yet." + hint)
    return (f"{eip['PublicIp']} now leads to 10.0.1.20, while the primary address keeps its own "
            "public IPv4: two public addresses on one interface.")


@exercise("03_elastic_ips", "failover_pair",
          "Fail over: move the service address 10.0.1.100 from app-primary to app-standby so "
          "the Elastic IP service still leads to it.")
def check_failover(world: World) -> str:
    return _service_on_standby(world)


# -- 04 multiple IPv6 -----------------------------------------------------------------------------
@exercise("04_multiple_ipv6", "web_server",
          "Give web-1's eth0 three IPv6 addresses: the one ending in ::100 of public-a's /64, "
          "and two more picked by EC2.")
def check_ipv6_addresses(world: World) -> str:
    eth0 = world.interface_at(world.instance("web-1"), 0)
    wanted = str(world.subnet_ipv6("public-a").network + 0x100)
    _require_address(world, eth0, wanted, "web-1's eth0")
    if len(ipv6(eth0)) != 3:
        raise NotYet(f"web-1's eth0 has {len(ipv6(eth0))} IPv6 address(es) "
                     f"({_listed(ipv6(eth0))}); it should have 3. Ipv6AddressCount adds that "
                     "many to those it already has.")
    return f"web-1's eth0 has the IPv6 addresses {_listed(ipv6(eth0))}."


@exercise("04_multiple_ipv6", "two_servers",
          "Move the IPv6 address ending in ::10 from web-1 to web-2.")
def check_ipv6_moved(world: World) -> str:
    web_1 = world.interface_at(world.instance("web-1"), 0)
    web_2 = world.interface_at(world.instance("web-2"), 0)
    moving = str(world.subnet_ipv6("public-a").network + 0x10)
    staying = str(world.subnet_ipv6("public-a").network + 0x11)
    if moving in ipv6(web_1):
        raise NotYet(f"{moving} is still on web-1. IPv6 addresses have no AllowReassignment: "
                     "unassign it from web-1 first, then assign it to web-2.")
    _require_address(world, web_2, moving, "web-2's eth0")
    if staying not in ipv6(web_2):
        raise NotYet(f"{moving} is on web-2, but web-2 lost its own {staying} "
                     f"(it is {world.where(staying)}); give it back.")
    return (f"web-2 answers on {moving} and {staying}: an IPv6 address moves by unassign, then "
            "assign.")


# -- 05 prefix delegation -------------------------------------------------------------------------
@exercise("05_prefix_delegation", "web_server",
          "Delegate one IPv4 /28 prefix and one IPv6 /80 prefix to web-1's eth0.")
def check_prefixes(world: World) -> str:
    eth0 = world.interface_at(world.instance("web-1"), 0)
    ipv4_prefixes = [p["Ipv4Prefix"] for p in eth0.get("Ipv4Prefixes", [])]
    ipv6_prefixes = [p["Ipv6Prefix"] for p in eth0.get("Ipv6Prefixes", [])]
    for family, prefixes, length in (("IPv4", ipv4_prefixes, 28), ("IPv6", ipv6_prefixes, 80)):
        if len(prefixes) != 1:
            raise NotYet(f"web-1's eth0 has {len(prefixes)} {family} prefix(es) "
                         f"({_listed(prefixes)}); it should have exactly one /{length}.")
    return (f"eth0 has {ipv4_prefixes[0]} (16 IPv4 addresses) and {ipv6_prefixes[0]}, and each "
            "took only one address slot of the t3.medium's limit.")


# -- 06 moving interfaces -------------------------------------------------------------------------
def _spare_on_web_2(world: World) -> dict:
    """The interface spare, attached to web-2 with its addresses and its Elastic IP."""
    spare = world.interface_named("spare")
    web_2 = world.instance("web-2")
    attachment = spare.get("Attachment")
    if attachment is None or attachment["InstanceId"] != web_2["InstanceId"]:
        raise NotYet(f"spare is {world.describe(spare)}; it should be attached to web-2.")
    for address in (scenarios.SPARE_ADDRESS, scenarios.SPARE_SECONDARY):
        _require_address(world, spare, address, "spare")
    eip = world.elastic_ip("spare-eip")
    if world.eip_on(spare, scenarios.SPARE_SECONDARY) is None:
        raise NotYet(f"spare is on web-2, but the Elastic IP {eip['PublicIp']} is no longer on "
                     f"its {scenarios.SPARE_SECONDARY}: an interface keeps its Elastic IPs when "
                     "it moves, so something disassociated it - associate it again.")
    return spare


@exercise("06_moving_interfaces", "spare_interface",
          "Move the interface spare from web-1 to web-2, at device index 1, with its addresses "
          "and its Elastic IP.")
def check_interface_moved(world: World) -> str:
    spare = _spare_on_web_2(world)
    if spare["Attachment"]["DeviceIndex"] != 1:
        raise NotYet(f"spare is on web-2 at device index {spare['Attachment']['DeviceIndex']}; "
                     "put it at device index 1 (eth1).")
    return (f"spare moved with everything on it: {_listed(private_ipv4(spare) + ipv6(spare))}, "
            "the Elastic IP, its groups and its MAC address.")


# -- 07 challenges --------------------------------------------------------------------------------
@exercise("07_challenges", "web_server",
          "Three HTTPS sites on web-1: its eth0 needs three private IPv4 addresses, each with "
          "its own Elastic IP.")
def check_three_sites(world: World) -> str:
    eth0 = world.interface_at(world.instance("web-1"), 0)
    with_eip = {ip: world.eip_on(eth0, ip) for ip in private_ipv4(eth0)}
    mapped = [f"{ip} <- {eip['PublicIp']}" for ip, eip in with_eip.items() if eip]
    if len(mapped) < 3:
        bare = [ip for ip, eip in with_eip.items() if not eip]
        raise NotYet(f"{len(mapped)} of web-1's addresses have an Elastic IP "
                     f"({_listed(mapped)}); three are needed. Without one: {_listed(bare)}"
                     + ("" if len(private_ipv4(eth0)) >= 3 else
                        "; and eth0 needs more secondary addresses first") + ".")
    return f"Three sites, three certificates, three addresses: {_listed(mapped)}."


@exercise("07_challenges", "broken_failover",
          "A failover went wrong: 10.0.1.100 was unassigned from app-primary and the site is "
          "down. Finish the failover onto app-standby, Elastic IP included.")
def check_failover_repaired(world: World) -> str:
    return _service_on_standby(world)


@exercise("07_challenges", "vpc_with_ipv6",
          "Launch firewall: a t3.medium with eth0 in public-a and eth1 in private-a, each with at "
          "least one secondary private IPv4 address, source/destination checking off on both.")
def check_appliance(world: World) -> str:
    firewall = world.instance("firewall")
    sides = {index: world.interface_at(firewall, index) for index in (0, 1)}
    for index, subnet in ((0, "public-a"), (1, "private-a")):
        if sides[index]["SubnetId"] != world.subnet_id(subnet):
            raise NotYet(f"firewall's eth{index} is in {sides[index]['SubnetId']}; it should be "
                         f"in {subnet} ({world.subnet_id(subnet)}).")
    for index, eni in sides.items():
        if not secondary_ipv4(eni):
            raise NotYet(f"firewall's eth{index} has no secondary private IPv4 address yet.")
    for index, eni in sides.items():
        if eni["SourceDestCheck"]:
            raise NotYet(f"firewall's eth{index} still checks source and destination, so it "
                         "would drop traffic it forwards: set SourceDestCheck to False "
                         "(modify_network_interface_attribute).")
    return ("firewall straddles public-a and private-a with several addresses on each side, "
            "and forwards traffic that is not its own.")


@exercise("07_challenges", "web_server",
          "web-1 will run 40 containers, each with its own IPv4 address, on eth0 alone. Make "
          "room for them within the t3.medium's limit of 6 addresses per interface.")
def check_container_host(world: World) -> str:
    eth0 = world.interface_at(world.instance("web-1"), 0)
    prefixes = [p["Ipv4Prefix"] for p in eth0.get("Ipv4Prefixes", [])]
    room = len(secondary_ipv4(eth0)) + sum(IPNetwork(p).size for p in prefixes)
    if room < 40:
        raise NotYet(f"eth0 has room for {room} container addresses "
                     f"({len(secondary_ipv4(eth0))} secondary addresses + {len(prefixes)} /28 "
                     f"prefix(es) of 16); 40 are needed. A /28 prefix takes one of the 6 slots "
                     "but brings 16 addresses.")
    return (f"eth0 has room for {room} container addresses in {len(prefixes)} /28 prefixes "
            f"({_listed(prefixes)}), using {1 + len(secondary_ipv4(eth0)) + len(prefixes)} of "
            "its 6 slots.")


@exercise("07_challenges", "spare_interface",
          "Retire web-1: move the interface spare and web-1's IPv6 address ending in ::10 to "
          "web-2, then terminate web-1, losing no address and no Elastic IP.")
def check_retired(world: World) -> str:
    web_1 = world.instance("web-1", alive=False)
    if web_1["State"]["Name"] != "terminated":
        raise NotYet(f"web-1 is still {web_1['State']['Name']}; terminate it once everything "
                     "it must keep has moved.")
    spare = _spare_on_web_2(world)
    web_2 = world.interface_at(world.instance("web-2"), 0)
    moving = str(world.subnet_ipv6("public-a").network + 0x10)
    _require_address(world, web_2, moving, "web-2's eth0")
    return (f"web-1 is gone and nothing was lost: web-2 carries spare "
            f"({_listed(private_ipv4(spare))}) with its Elastic IP, and {moving}.")


# -- 08 configure the OS, 09 failover lab, 10 use cases: traffic must really flow ---------------
def _answers(world: World, public_ip: str, what: str) -> Any:
    """The probe from the internet to ``public_ip`` on 443; NotYet with its reason if it fails."""
    answer = world.cloud.probe("internet", public_ip, 443)
    if not answer.reachable:
        raise NotYet(f"From the internet, {what} ({public_ip}) does not answer on port 443 yet "
                     f"[{answer.reason}]: {answer.message}")
    return answer


@exercise("08_configure_the_os", "ubuntu_web_server",
          "web-1 runs Ubuntu: make its site address 10.0.1.20 answer from the internet, "
          "through the Elastic IP \"site\".")
def check_os_configured(world: World) -> str:
    eip = world.elastic_ip("site")
    _answers(world, eip["PublicIp"], "the Elastic IP site")
    return (f"{eip['PublicIp']} -> {eip['PrivateIpAddress']} answers: EC2 assigned the address "
            "and now Ubuntu has it configured too.")


@exercise("08_configure_the_os", "ubuntu_two_interfaces",
          "Make the Elastic IP \"eth1\" (on web-1's eth1, 10.0.1.30, same subnet as eth0) "
          "answer from the internet, with policy routing.")
def check_policy_routing(world: World) -> str:
    eip = world.elastic_ip("eth1")
    answer = _answers(world, eip["PublicIp"], "the Elastic IP eth1")
    return (f"{eip['PublicIp']} answers, and the reply from {answer.destination_address} "
            "leaves by eth1: the policy rule sends it there.")


@exercise("09_failover_lab", "failover_pair",
          "app-primary has failed: stop it, move the service address 10.0.1.100 to "
          "app-standby, and make the Elastic IP \"service\" answer from app-standby.")
def check_failover_lab(world: World) -> str:
    primary = world.instance("app-primary")
    if primary["State"]["Name"] != "stopped":
        raise NotYet("app-primary is still running: stop it first, as if it had failed "
                     "(stop_instances).")
    moved = _service_on_standby(world)
    eip = world.elastic_ip("service")
    answer = _answers(world, eip["PublicIp"], "the Elastic IP service")
    standby = world.instance("app-standby")["InstanceId"]
    if answer.destination_instance != standby:
        raise NotYet(f"{eip['PublicIp']} answers, but from {answer.destination_instance}, "
                     "not app-standby.")
    return f"{moved} And app-standby's OS answers on it."


@exercise("10_use_cases", "web_server",
          "Host three TLS sites on web-1: three private addresses on eth0, each with its own "
          "public address, all answering on port 443 from the internet.")
def check_tls_sites(world: World) -> str:
    eth0 = world.interface_at(world.instance("web-1"), 0)
    publics = [p["Association"]["PublicIp"] for p in eth0["PrivateIpAddresses"]
               if "Association" in p]
    if len(publics) < 3:
        raise NotYet(f"web-1's eth0 has {len(publics)} address(es) with a public address "
                     f"({_listed(publics)}); a site needs one each: three in all.")
    for public in publics:
        _answers(world, public, "a site")
    return (f"Three sites, three addresses: {', '.join(publics)} each reach their own private "
            "address on web-1, so the server can pick the certificate by the address.")

