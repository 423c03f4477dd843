"""The challenges of notebook 07 and the exercises of 08-10, where traffic must really flow."""

from __future__ import annotations

from netaddr import IPNetwork

from ec2sim import guest, scenarios
from ec2sim.exercises.basics import service_on_standby, spare_kept
from ec2sim.exercises.core import (
    NotYet,
    World,
    conditions,
    exercise,
    ipv6,
    listed,
    on,
    private_ipv4,
    secondary_ipv4,
)
from ec2sim.resources import GuestOS


def _with_eips(world: World, eni: dict) -> tuple[list[str], list[str]]:
    """The private addresses of ``eni`` with an Elastic IP ('10.0.1.20 <- 203.0.113.10'), and
    those without one."""
    mapped, bare = [], []
    for ip in private_ipv4(eni):
        eip = world.eip_on(eni, ip)
        (mapped if eip else bare).append(f"{ip} <- {eip['PublicIp']}" if eip else ip)
    return mapped, bare


def _sites(world: World, count: int):
    """Tests: web-1's eth0 holds ``count`` addresses, each with an Elastic IP of its own."""

    eth0 = world.nic("web-1")

    def enough() -> str | None:
        found = private_ipv4(eth0())
        return None if len(found) >= count else f"eth0 holds {len(found)} ({listed(found)})"

    def eips() -> str | None:
        mapped, bare = _with_eips(world, eth0())
        if len(mapped) >= count:
            return None
        autos = [f"{p['PrivateIpAddress']} has only the auto-assigned "
                 f"{p['Association']['PublicIp']}, which changes at every stop and start"
                 for p in eth0()["PrivateIpAddresses"] if "Association" in p
                 and not world.eip_on(eth0(), p["PrivateIpAddress"])]
        return (f"{len(mapped)} have one ({listed(mapped)}); without one: {listed(bare)}"
                + "".join(f"; {auto}" for auto in autos))

    return eth0, enough, eips


# -- 07 challenges --------------------------------------------------------------------------------
@exercise("Challenge 1", "07_challenges", "web_server",
          "Three HTTPS sites on web-1: its eth0 needs three private IPv4 addresses, each with "
          "its own Elastic IP.",
          hints=("A t3.medium interface holds 6 IPv4 addresses, so two secondary addresses fit "
                 "easily.",
                 "Name the private address when you associate, or every Elastic IP lands on the "
                 "primary.",
                 "What happens to web-1's auto-assigned public address when an Elastic IP takes "
                 "the primary?"))
def check_three_sites(world: World):
    eth0, enough, eips = _sites(world, 3)
    found = conditions(("web-1's eth0 holds at least three private IPv4 addresses", enough),
                       ("three of them each have an Elastic IP of their own", eips))
    return found, lambda: (
        f"Three sites, three certificates, three addresses: "
        f"{listed(_with_eips(world, eth0())[0])}.")


@exercise("Challenge 2", "07_challenges", "broken_failover",
          "A failover went wrong: 10.0.1.100 was unassigned from app-primary and the site is "
          "down. Finish the failover onto app-standby, Elastic IP included.",
          hints=("Look at the diagram first: where is 10.0.1.100 now, and where is the Elastic "
                 "IP?",
                 "Unassigning an address disassociates its Elastic IP; it is still allocated to "
                 "the account.",
                 "Assign 10.0.1.100 to app-standby's eth0, then associate the Elastic IP service "
                 "with that interface and PrivateIpAddress."))
def check_failover_repaired(world: World):
    return service_on_standby(world), lambda: (
        f"{scenarios.SERVICE_ADDRESS} is on app-standby with the Elastic IP "
        f"{world.elastic_ip('service')['PublicIp']} in front of it: the site is back. Next "
        "time, one call with AllowReassignment=True moves both.")


@exercise("Challenge 3", "07_challenges", "vpc_with_ipv6",
          "Launch firewall: a t3.medium with eth0 in public-a and eth1 in private-a, each with at "
          "least one secondary private IPv4 address, source/destination checking off on both.",
          hints=("Both subnets are in us-east-1a: an instance's interfaces must share its "
                 "Availability Zone.",
                 "Launch with two NetworkInterfaces entries (DeviceIndex 0 and 1), each with "
                 "SecondaryPrivateIpAddressCount; don't ask for an auto-assigned public IPv4.",
                 "Then, for each interface: modify_network_interface_attribute("
                 "NetworkInterfaceId=…, SourceDestCheck={'Value': False})."))
def check_appliance(world: World):
    def firewall() -> dict:
        return world.instance("firewall")

    def side(index: int) -> dict:
        return world.interface_at(firewall(), index)

    def kind() -> str | None:
        return None if firewall()["InstanceType"] == "t3.medium" else (
            f"firewall is a {firewall()['InstanceType']}")

    def in_subnet(index: int, name: str):
        def test() -> str | None:
            found = side(index)["SubnetId"]
            return None if found == world.subnet_id(name) else (
                f"eth{index} is in {world.subnet_name(found)}")
        return test

    def secondary(index: int):
        def test() -> str | None:
            return None if secondary_ipv4(side(index)) else f"eth{index} has none"
        return test

    def unchecked(index: int):
        def test() -> str | None:
            return None if not side(index)["SourceDestCheck"] else (
                f"eth{index} still checks, so it drops traffic it forwards")
        return test

    found = conditions(("an instance named firewall is running or stopped",
                        lambda: firewall() and None),
                       ("firewall is a t3.medium", kind),
                       ("its eth0 is in public-a", in_subnet(0, "public-a")),
                       ("its eth1 is in private-a", in_subnet(1, "private-a")),
                       ("eth0 has a secondary private IPv4 address", secondary(0)),
                       ("eth1 has a secondary private IPv4 address", secondary(1)),
                       ("source/destination checking is off on eth0", unchecked(0)),
                       ("source/destination checking is off on eth1", unchecked(1)))
    return found, lambda: (
        "firewall straddles public-a and private-a with several addresses on each side, and "
        "forwards traffic that is not its own.")


def room_of(eni: dict) -> int:
    """Addresses an interface holds for others than itself: secondaries and /28 prefixes."""
    prefixes = [p["Ipv4Prefix"] for p in eni.get("Ipv4Prefixes", [])]
    return len(secondary_ipv4(eni)) + sum(IPNetwork(p).size for p in prefixes)


@exercise("Challenge 4", "07_challenges", "web_server",
          "web-1 will run 40 containers, each with its own IPv4 address, on eth0 alone. Make "
          "room for them within the t3.medium's limit of 6 addresses per interface.",
          hints=("Count: the primary address takes one of the 6 slots; five secondary addresses "
                 "are far from 40.",
                 "How many addresses does a /28 prefix bring, and how many slots does it take?",
                 "Is a t3.medium built on Nitro? assign_private_ip_addresses(…, "
                 "Ipv4PrefixCount=…)."))
def check_container_host(world: World):
    eth0 = world.nic("web-1")

    def room() -> str | None:
        prefixes = [p["Ipv4Prefix"] for p in eth0().get("Ipv4Prefixes", [])]
        return None if room_of(eth0()) >= 40 else (
            f"eth0 has room for {room_of(eth0())} ({len(secondary_ipv4(eth0()))} secondary "
            f"addresses + {len(prefixes)} /28 prefix(es) of 16)")

    def same_type() -> str | None:
        found = world.instance("web-1")["InstanceType"]
        return None if found == "t3.medium" else f"web-1 is a {found} now"

    found = conditions(("web-1's eth0 has room for at least 40 container addresses", room),
                       ("web-1 is still a t3.medium", same_type))
    return found, lambda: (
        f"eth0 has room for {room_of(eth0())} container addresses, using "
        f"{1 + len(secondary_ipv4(eth0())) + len(eth0().get('Ipv4Prefixes', []))} of its 6 "
        "slots.")


@exercise("Challenge 5", "07_challenges", "spare_interface",
          "Retire web-1: move the interface spare (with all it carries) and web-1's IPv6 address "
          "ending in ::10 to web-2, then terminate web-1, losing no address and no Elastic IP.",
          hints=("What does terminating do to an interface created at launch? And to one "
                 "attached later? Move first, terminate last.",
                 "An IPv6 address cannot be reassigned while it is still assigned: unassign it "
                 "from web-1, then assign it to an interface of web-2 (eth0, or spare once it "
                 "is there).",
                 "If something goes wrong, cloud.undo() (or the console's Undo) takes back one "
                 "step at a time."))
def check_retired(world: World):
    moving = world.subnet_ipv6_host("public-a", 0x10)

    def web_2_has() -> str | None:
        web_2 = world.instance("web-2")
        if any(moving in ipv6(eni) for eni in world.interfaces_of(web_2)):
            return None
        return f"{moving} is {world.where(moving)}"

    def terminated() -> str | None:
        state = world.instance("web-1", alive=False)["State"]["Name"]
        return None if state == "terminated" else f"web-1 is still {state}"

    def moved_first() -> str | None:
        web_1 = world.instance("web-1", alive=False)
        if web_1["State"]["Name"] != "terminated":
            return "web-1 is not terminated yet"
        ended = world.when("instance", web_1["InstanceId"], "terminated") or \
            world.when("instance", web_1["InstanceId"], "shutting-down")
        spare, holder = world.interface_named("spare"), world.holder_of(moving)
        late = []
        if spare.get("Attachment"):
            came = world.origin("attachment", spare["NetworkInterfaceId"],
                                f"{spare['Attachment']['InstanceId']}/"
                                f"{spare['Attachment']['DeviceIndex']}")
            if ended is not None and came is not None and came.seq > ended:
                late.append("spare")
        if holder is not None:
            came = world.origin("ipv6", moving, holder["NetworkInterfaceId"])
            if ended is not None and came is not None and came.seq > ended:
                late.append(moving)
        return (f"web-1 was terminated before {' and '.join(late)} reached web-2: until then it "
                "was unattached or free, for anyone to take") if late else None

    found = [*spare_kept(world, device_index=None), *conditions(
        (f"{moving} is on an interface of web-2", web_2_has),
        ("web-1 is terminated", terminated),
        ("everything had moved before web-1 was terminated", moved_first))]
    return found, lambda: (
        f"web-1 is gone and nothing was lost: web-2 carries spare "
        f"({listed(private_ipv4(world.interface_named('spare')))}) with its Elastic IP, and "
        f"{moving}.")


# -- 08 configure the OS ---------------------------------------------------------------------------
SHOP = "10.0.1.21"  # exercise 8.1: a second site, which the worked example does not touch


def _os_has(world: World, name: str, address: str):
    def test() -> str | None:
        return None if world.os_has(world.instance(name), address) else (
            f"{name}'s operating system has not configured {address}")
    return test


@exercise("Exercise 8.1", "08_configure_the_os", "ubuntu_web_server",
          f"web-1 runs Ubuntu. Open a second site on it at {SHOP}: assign the address to eth0 in "
          "EC2, associate a new Elastic IP with it, and make it answer on port 443 from the "
          "internet.",
          hints=("EC2's half first: assign_private_ip_addresses, then allocate_address and "
                 f"associate_address with PrivateIpAddress='{SHOP}'.",
                 "Probe the new Elastic IP: the reason says which half is missing.",
                 "Ubuntu configures nothing by itself: on web-1's shell, "
                 f"sudo ip addr add {SHOP}/24 dev ens5 (eth0 is ens5 in Ubuntu on a t3)."))
def check_os_configured(world: World):
    eth0 = world.nic("web-1")

    def eip() -> dict:
        found = world.eip_on(eth0(), SHOP)
        if found is None:
            raise NotYet(f"{SHOP} has none; " + listed(
                world.eip_place(a) for a in world.addresses if "AssociationId" in a))
        return found

    found = conditions((f"EC2 assigned {SHOP} to web-1's eth0", on(world, eth0, SHOP,
                                                                    "web-1's eth0")),
                       (f"an Elastic IP is associated with {SHOP}", lambda: eip() and None),
                       (f"Ubuntu on web-1 has {SHOP} configured", _os_has(world, "web-1", SHOP)),
                       ("that Elastic IP answers on port 443 from the internet",
                        lambda: world.answers(eip()["PublicIp"], "the new Elastic IP") and None))
    return found, lambda: (
        f"{eip()['PublicIp']} -> {SHOP} answers: EC2 assigned the address, the Elastic IP leads "
        "to it, and Ubuntu has it configured too.")


INTERNET_CLIENT = "192.0.2.10"  # any address outside the VPC: where a reply goes


def _leaves_by(world: World, source: str, eni_of, name: str):
    """A test: a reply from ``source`` to the internet leaves web-1 by the interface ``eni_of()``
    (the OS device with that interface's MAC address)."""

    def test() -> str | None:
        row = world.guest(world.instance("web-1"))
        route = guest.route_for(GuestOS(**row), source, INTERNET_CLIENT)
        if route is None:
            return f"Ubuntu has no route for a reply from {source}"
        if row["links"][route["dev"]].get("mac") == eni_of()["MacAddress"]:
            return None
        return f"a reply from {source} leaves by {guest.console_label(route['dev'])}, not by {name}"

    return test


@exercise("Exercise 8.2", "08_configure_the_os", "ubuntu_two_interfaces",
          "Make the Elastic IP \"eth1\" (on web-1's eth1, 10.0.1.30, same subnet as eth0) answer "
          "from the internet, with policy routing: replies from 10.0.1.30 leave by eth1, "
          "eth0's own traffic still leaves by eth0.",
          hints=("Probe the Elastic IP eth1 and read the reason: where does the reply leave?",
                 "Linux picks a route by destination only, unless a rule (ip rule) sends "
                 "traffic from one source address to a table of its own.",
                 "sudo ip rule add from 10.0.1.30 table 1001, then a default route and the "
                 "subnet's route in table 1001, both by dev ens6 (the OS's name of eth1)."))
def check_policy_routing(world: World):
    eth1_address = scenarios.ETH1_ADDRESS

    def eth(index: int):
        return world.nic("web-1", index)

    def eip_stays() -> str | None:
        found = world.elastic_ip("eth1")
        return None if world.eip_on(eth(1)(), eth1_address) else world.eip_place(found)

    def checks_on() -> str | None:
        off = [f"eth{i}" for i in (0, 1) if not eth(i)()["SourceDestCheck"]]
        return (f"it is off on {listed(off)}: that lets the misrouted reply out instead of "
                "routing it right") if off else None

    def rule() -> str | None:
        rules = world.guest(world.instance("web-1"))["rules"]
        return None if any(r["from"] != "all" and eth1_address in IPNetwork(r["from"])
                           for r in rules) else "ip rule shows no rule for it"

    def answers() -> str | None:
        world.answers(world.elastic_ip("eth1")["PublicIp"], "the Elastic IP eth1")
        return None

    primary = scenarios.WEB_1_ADDRESS
    found = conditions((f"the Elastic IP eth1 is still on {eth1_address} of web-1's eth1",
                        eip_stays),
                       ("source/destination checking is still on for both interfaces",
                        checks_on),
                       (f"a policy rule picks a table for traffic from {eth1_address}", rule),
                       (f"replies from {eth1_address} leave by eth1",
                        _leaves_by(world, eth1_address, eth(1), "eth1")),
                       (f"replies from {primary} still leave by eth0",
                        _leaves_by(world, primary, eth(0), "eth0")),
                       ("the Elastic IP eth1 answers on port 443 from the internet", answers))
    return found, lambda: (
        f"{world.elastic_ip('eth1')['PublicIp']} answers, and the reply from {eth1_address} "
        "leaves by eth1: the policy rule sends it there, while eth0's traffic keeps its route.")


# -- 09 failover lab -------------------------------------------------------------------------------
@exercise("Exercise 9.1", "09_failover_lab", "failed_over",
          "Fail back: app-primary is repaired. Start it, move the service address 10.0.1.100 "
          "back to it, make the Elastic IP \"service\" answer from app-primary, then stop "
          "app-standby for its own repair.",
          hints=("The drill in reverse: which instance must be running to take the address?",
                 "assign_private_ip_addresses with AllowReassignment=True takes 10.0.1.100 from "
                 "app-standby, and the Elastic IP follows it.",
                 "Probe the Elastic IP: if the reason is about the OS, Amazon Linux on "
                 "app-primary picks the address up when networking restarts (or the lease "
                 "renews)."))
def check_failover_lab(world: World):
    service = scenarios.SERVICE_ADDRESS

    def primary() -> dict:
        return world.instance("app-primary")

    def running() -> str | None:
        state = primary()["State"]["Name"]
        return None if state == "running" else f"app-primary is {state}"

    def eip_with_it() -> str | None:
        eip = world.elastic_ip("service")
        eth0 = world.interface_at(primary(), 0)
        return None if world.eip_on(eth0, service) else world.eip_place(eip)

    def answers() -> str | None:
        eip = world.elastic_ip("service")
        answer = world.answers(eip["PublicIp"], "the Elastic IP service")
        if answer.destination_instance != primary()["InstanceId"]:
            return f"it answers from {answer.destination_instance}, not app-primary"
        return None

    def standby_stopped() -> str | None:
        state = world.instance("app-standby")["State"]["Name"]
        return None if state == "stopped" else f"app-standby is {state}"

    found = conditions(("app-primary is running", running),
                       (f"{service} is a secondary address of app-primary's eth0",
                        on(world, lambda: world.interface_at(primary(), 0), service,
                           "app-primary's eth0")),
                       (f"the Elastic IP service leads to {service} on app-primary", eip_with_it),
                       ("the Elastic IP service answers from app-primary's OS", answers),
                       ("app-standby is stopped", standby_stopped))
    return found, lambda: (
        f"The service is home again: {world.elastic_ip('service')['PublicIp']} -> {service} "
        "answers from app-primary, and app-standby is free for its repair.")


# -- 10 use cases ---------------------------------------------------------------------------------
@exercise("Exercise 10.1", "10_use_cases", "web_server",
          "Host four TLS sites on web-1: four private addresses on eth0, each with an Elastic IP "
          "of its own (an auto-assigned public address changes at every stop and start), all "
          "answering on port 443 from the internet.",
          hints=("Four sites: the primary address and three secondary ones, each with its own "
                 "Elastic IP (the one on the primary replaces the auto-assigned address).",
                 "Name the PrivateIpAddress in each associate_address call.",
                 "Probe each Elastic IP: Amazon Linux picks new addresses up when its DHCP lease "
                 "renews (cloud.renew_leases()) or networking restarts."))
def check_tls_sites(world: World):
    eth0, enough, eips = _sites(world, 4)

    def answer() -> str | None:
        mine = [eip["PublicIp"] for eip in world.addresses
                if eip.get("NetworkInterfaceId") == eth0()["NetworkInterfaceId"]]
        failing = [f"{ip} [{probe.reason}]" for ip in mine
                   if not (probe := world.cloud.probe("internet", ip, 443)).reachable]
        if not mine:
            return "eth0 has no Elastic IP yet"
        return f"not answering: {listed(failing)}" if failing else None

    found = conditions(("web-1's eth0 holds at least four private IPv4 addresses", enough),
                       ("four of them each have an Elastic IP of their own", eips),
                       ("every Elastic IP on eth0 answers on port 443 from the internet", answer))
    return found, lambda: (
        f"Four sites, four addresses: {listed(_with_eips(world, eth0())[0])}, each answering, "
        "so the server can pick the certificate by the address.")


# -- 11 the AWS CLI --------------------------------------------------------------------------------
@exercise("Exercise 11.1", "11_aws_cli", "failover_pair",
          "With the AWS CLI only, fail over: move the service address 10.0.1.100 from "
          "app-primary to app-standby so the Elastic IP service still leads to it.",
          hints=("Find app-standby's interface ID: aws ec2 describe-instances with --filters "
                 "Name=tag:Name,Values=app-standby and a --query for "
                 "NetworkInterfaces[0].NetworkInterfaceId.",
                 "In a notebook, ids = !aws … --output text keeps the answer in a Python list; "
                 "{ids[0]} puts it in the next command.",
                 "aws ec2 assign-private-ip-addresses --network-interface-id … "
                 "--private-ip-addresses 10.0.1.100 --allow-reassignment"))
def check_cli_failover(world: World):
    return service_on_standby(world), lambda: (
        f"{scenarios.SERVICE_ADDRESS} moved to app-standby with its Elastic IP, from the "
        "command line: the same request the boto3 call makes, over HTTP.")
