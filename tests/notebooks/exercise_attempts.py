"""The wrong attempts each exercise's checker must refuse, as a learner would make them.

Each function takes ``(ec2, cloud)`` after the exercise's start and does one mistaken attempt;
``WRONG`` pairs it with words its "Not yet" must contain. The mistakes named in issue 11 come
first for each exercise, then at least two more.
"""

from __future__ import annotations

from collections.abc import Callable

from ec2sim import images


def instance(ec2, name: str) -> dict:
    reservations = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": [name]}])
    return reservations["Reservations"][0]["Instances"][0]


def eni(ec2, name: str, device_index: int = 0) -> str:
    found = instance(ec2, name)["NetworkInterfaces"]
    return next(e["NetworkInterfaceId"] for e in found
                if e["Attachment"]["DeviceIndex"] == device_index)


def group(ec2, name: str) -> str:
    found = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])
    return found["SecurityGroups"][0]["GroupId"]


def subnet(ec2, name: str) -> str:
    found = ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": [name]}])
    return found["Subnets"][0]["SubnetId"]


def ipv6_ending(ec2, host: str) -> str:
    block = ec2.describe_subnets(SubnetIds=[subnet(ec2, "public-a")])["Subnets"][0][
        "Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    return block.replace("::/64", host)


def spare_attachment(ec2) -> str:
    found = ec2.describe_network_interfaces(Filters=[{"Name": "tag:Name", "Values": ["spare"]}])
    return found["NetworkInterfaces"][0]["Attachment"]["AttachmentId"]


def spare_id(ec2) -> str:
    found = ec2.describe_network_interfaces(Filters=[{"Name": "tag:Name", "Values": ["spare"]}])
    return found["NetworkInterfaces"][0]["NetworkInterfaceId"]


def eth_of(ec2, name: str, device_index: int = 0) -> dict:
    return ec2.describe_network_interfaces(NetworkInterfaceIds=[eni(ec2, name, device_index)])[
        "NetworkInterfaces"][0]


def eip(ec2, name: str) -> dict:
    found = ec2.describe_addresses(Filters=[{"Name": "tag:Name", "Values": [name]}])
    return found["Addresses"][0]


def new_eni_on(ec2, name: str, device_index: int = 1, **params) -> str:
    created = ec2.create_network_interface(SubnetId=subnet(ec2, "public-a"), **params)
    eni_id = created["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=eni_id, DeviceIndex=device_index,
                                 InstanceId=instance(ec2, name)["InstanceId"])
    return eni_id


def new_eip_on(ec2, eni_id: str, private_ip: str | None = None) -> str:
    allocation = ec2.allocate_address(Domain="vpc")
    where = {"PrivateIpAddress": private_ip} if private_ip else {}
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id,
                          **where)
    return allocation["PublicIp"]


def web_1_shell(ec2, cloud):
    return cloud.shell(instance(ec2, "web-1")["InstanceId"])


# -- 1.1 interface_groups -------------------------------------------------------------------------
def admin_added_to_web(ec2, cloud):
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni(ec2, "web-1", 1),
                                           Groups=[group(ec2, "web"), group(ec2, "admin")])


def both_groups_changed(ec2, cloud):
    for index in (0, 1):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni(ec2, "web-1", index),
                                               Groups=[group(ec2, "admin")])


def eth0_changed_instead(ec2, cloud):
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni(ec2, "web-1", 0),
                                           Groups=[group(ec2, "admin")])


def eth1_detached(ec2, cloud):
    attachment = eth_of(ec2, "web-1", 1)["Attachment"]["AttachmentId"]
    ec2.detach_network_interface(AttachmentId=attachment)


# -- 2.1 secondary_addresses ----------------------------------------------------------------------
def one_address_only(ec2, cloud, address="10.0.1.20"):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                    PrivateIpAddresses=[address])


def second_address_on_another_interface(ec2, cloud):
    one_address_only(ec2, cloud)
    ec2.create_network_interface(SubnetId=subnet(ec2, "public-a"), PrivateIpAddress="10.0.1.21")


def two_picked_by_ec2(ec2, cloud):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                    SecondaryPrivateIpAddressCount=2)


def both_on_a_new_eth1(ec2, cloud):
    new_eni_on(ec2, "web-1", PrivateIpAddresses=[
        {"PrivateIpAddress": "10.0.1.20", "Primary": True},
        {"PrivateIpAddress": "10.0.1.21", "Primary": False}])


# -- 2.2 launched_with_secondaries ----------------------------------------------------------------
def launch(ec2, name: str, *interfaces: dict, kind: str = "t3.medium") -> None:
    ec2.run_instances(ImageId=images.AMAZON_LINUX_2023, InstanceType=kind, MinCount=1,
                      MaxCount=1, NetworkInterfaces=list(interfaces),
                      TagSpecifications=[{"ResourceType": "instance",
                                          "Tags": [{"Key": "Name", "Value": name}]}])


def bare_launch_then_assigned(ec2, cloud):
    launch(ec2, "web-3", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a")}, kind="t3.small")
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-3"),
                                    SecondaryPrivateIpAddressCount=2)


def wrong_instance_type(ec2, cloud):
    launch(ec2, "web-3", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a"),
                          "SecondaryPrivateIpAddressCount": 2})


def named_at_launch(ec2, cloud):
    launch(ec2, "web-3", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a"),
                          "PrivateIpAddresses": [
                              {"PrivateIpAddress": "10.0.1.12", "Primary": True},
                              {"PrivateIpAddress": "10.0.1.25", "Primary": False},
                              {"PrivateIpAddress": "10.0.1.26", "Primary": False}]},
           kind="t3.small")


def launched_in_private_subnet(ec2, cloud):
    launch(ec2, "web-3", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "private-a"),
                          "SecondaryPrivateIpAddressCount": 2}, kind="t3.small")


def three_at_launch(ec2, cloud):
    launch(ec2, "web-3", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a"),
                          "SecondaryPrivateIpAddressCount": 3}, kind="t3.small")


def worked_example_web_2(ec2, cloud):
    launch(ec2, "web-2", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a"),
                          "SecondaryPrivateIpAddressCount": 2}, kind="t3.small")


# -- 3.1 eip_on_secondary -------------------------------------------------------------------------
def eip_on_primary(ec2, cloud):
    one_address_only(ec2, cloud, "10.0.1.44")
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, InstanceId=instance(ec2, "web-1")["InstanceId"])


def worked_example_address(ec2, cloud):
    one_address_only(ec2, cloud, "10.0.1.20")
    new_eip_on(ec2, eni(ec2, "web-1"), "10.0.1.20")


def address_unassigned_after(ec2, cloud):
    one_address_only(ec2, cloud, "10.0.1.44")
    new_eip_on(ec2, eni(ec2, "web-1"), "10.0.1.44")
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                      PrivateIpAddresses=["10.0.1.44"])


def eips_on_both(ec2, cloud):
    one_address_only(ec2, cloud, "10.0.1.44")
    new_eip_on(ec2, eni(ec2, "web-1"), "10.0.1.44")
    new_eip_on(ec2, eni(ec2, "web-1"), "10.0.1.10")


# -- 3.2 failover, challenge 2 failover_repaired -------------------------------------------------
def unassign_then_assign(ec2, cloud):
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-primary"),
                                      PrivateIpAddresses=["10.0.1.100"])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-standby"),
                                    PrivateIpAddresses=["10.0.1.100"])


def eip_left_on_the_old_interface(ec2, cloud):
    """The address moved by hand and the Elastic IP was put on the old primary address."""
    unassign_then_assign(ec2, cloud)
    ec2.associate_address(AllocationId=eip(ec2, "service")["AllocationId"],
                          NetworkInterfaceId=eni(ec2, "app-primary"))


def eip_to_standby_primary(ec2, cloud):
    ec2.associate_address(AllocationId=eip(ec2, "service")["AllocationId"],
                          NetworkInterfaceId=eni(ec2, "app-standby"), AllowReassociation=True)


def new_eip_instead(ec2, cloud):
    unassign_then_assign(ec2, cloud)
    new_eip_on(ec2, eni(ec2, "app-standby"), "10.0.1.100")


def address_back_without_eip(ec2, cloud):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-standby"),
                                    PrivateIpAddresses=["10.0.1.100"])


def back_on_app_primary(ec2, cloud):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-primary"),
                                    PrivateIpAddresses=["10.0.1.100"])
    ec2.associate_address(AllocationId=eip(ec2, "service")["AllocationId"],
                          NetworkInterfaceId=eni(ec2, "app-primary"),
                          PrivateIpAddress="10.0.1.100")


# -- 4.1 ipv6_addresses, 4.2 ipv6_moved -----------------------------------------------------------
def only_the_specific_ipv6(ec2, cloud):
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                              Ipv6Addresses=[ipv6_ending(ec2, "::100")])


def three_named_ipv6(ec2, cloud):
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv6Addresses=[
        ipv6_ending(ec2, host) for host in ("::100", "::101", "::102")])


def three_picked_ipv6(ec2, cloud):
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv6AddressCount=3)


def four_ipv6(ec2, cloud):
    only_the_specific_ipv6(ec2, cloud)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv6AddressCount=3)


def ipv6_moved_in_place_of_its_own(ec2, cloud):
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                Ipv6Addresses=[ipv6_ending(ec2, "::10")])
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                                Ipv6Addresses=[ipv6_ending(ec2, "::11")])
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                              Ipv6Addresses=[ipv6_ending(ec2, "::10")])


def ipv6_unassigned_only(ec2, cloud):
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                Ipv6Addresses=[ipv6_ending(ec2, "::10")])


def ipv6_moved_to_a_new_eth1(ec2, cloud):
    ipv6_unassigned_only(ec2, cloud)
    new_eni_on(ec2, "web-2", Ipv6Addresses=[{"Ipv6Address": ipv6_ending(ec2, "::10")}])


# -- 5.1 prefixes ---------------------------------------------------------------------------------
def ipv4_prefix_only(ec2, cloud):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv4PrefixCount=1)


def two_ipv4_prefixes(ec2, cloud):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv4PrefixCount=2)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv6PrefixCount=1)


def a_prefix_elsewhere_too(ec2, cloud):
    ipv4_prefix_only(ec2, cloud)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv6PrefixCount=1)
    new_eni_on(ec2, "web-1", Ipv4PrefixCount=1)


def secondaries_instead(ec2, cloud):
    two_picked_by_ec2(ec2, cloud)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv6AddressCount=2)


# -- 6.1 interface_moved, challenge 5 retired ----------------------------------------------------
def spare_detached_only(ec2, cloud):
    ec2.detach_network_interface(AttachmentId=spare_attachment(ec2))


def spare_to_web_2(ec2, cloud, device_index=1):
    spare_detached_only(ec2, cloud)
    ec2.attach_network_interface(NetworkInterfaceId=spare_id(ec2), DeviceIndex=device_index,
                                 InstanceId=instance(ec2, "web-2")["InstanceId"])


def spare_moved_to_device_2(ec2, cloud):
    spare_to_web_2(ec2, cloud, 2)


def spare_moved_without_its_eip(ec2, cloud):
    ec2.disassociate_address(AssociationId=eip(ec2, "spare-eip")["AssociationId"])
    spare_to_web_2(ec2, cloud)


def spare_lost_its_ipv6(ec2, cloud):
    found = ec2.describe_network_interfaces(NetworkInterfaceIds=[spare_id(ec2)])
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=spare_id(ec2), Ipv6Addresses=[
        a["Ipv6Address"] for a in found["NetworkInterfaces"][0]["Ipv6Addresses"]])
    spare_to_web_2(ec2, cloud)


def spare_changed_group(ec2, cloud):
    spare_to_web_2(ec2, cloud)
    ec2.modify_network_interface_attribute(NetworkInterfaceId=spare_id(ec2),
                                           Groups=[group(ec2, "admin")])


def terminated_first(ec2, cloud):
    """web-1 goes first; spare (attached later, so kept) and ::10 (freed) follow after."""
    ec2.terminate_instances(InstanceIds=[instance(ec2, "web-1")["InstanceId"]])
    ec2.attach_network_interface(NetworkInterfaceId=spare_id(ec2), DeviceIndex=1,
                                 InstanceId=instance(ec2, "web-2")["InstanceId"])
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                              Ipv6Addresses=[ipv6_ending(ec2, "::10")])


def terminated_with_spare_attached(ec2, cloud):
    ec2.terminate_instances(InstanceIds=[instance(ec2, "web-1")["InstanceId"]])


def spare_moved_then_terminated(ec2, cloud):
    spare_to_web_2(ec2, cloud)
    terminated_with_spare_attached(ec2, cloud)


def moved_not_terminated(ec2, cloud):
    ipv6_unassigned_only(ec2, cloud)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                              Ipv6Addresses=[ipv6_ending(ec2, "::10")])
    spare_to_web_2(ec2, cloud)


def ipv6_through_spare(ec2, cloud):
    """::10 goes to spare while spare is still on web-1; spare then carries it to web-2."""
    ipv6_unassigned_only(ec2, cloud)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=spare_id(ec2),
                              Ipv6Addresses=[ipv6_ending(ec2, "::10")])
    spare_to_web_2(ec2, cloud)
    terminated_with_spare_attached(ec2, cloud)


# -- challenges 1, 3, 4 ---------------------------------------------------------------------------
def two_sites(ec2, cloud):
    one_address_only(ec2, cloud)
    for private_ip in ("10.0.1.10", "10.0.1.20"):
        new_eip_on(ec2, eni(ec2, "web-1"), private_ip)


def three_addresses_one_eip(ec2, cloud):
    two_picked_by_ec2(ec2, cloud)
    new_eip_on(ec2, eni(ec2, "web-1"), "10.0.1.10")


def sites_on_a_new_eth1(ec2, cloud):
    eth1 = new_eni_on(ec2, "web-1", SecondaryPrivateIpAddressCount=2)
    for address in [p["PrivateIpAddress"] for p in ec2.describe_network_interfaces(
            NetworkInterfaceIds=[eth1])["NetworkInterfaces"][0]["PrivateIpAddresses"]]:
        new_eip_on(ec2, eth1, address)


def firewall(ec2, eth0: dict, eth1: dict, kind: str = "t3.medium", unchecked=(0, 1)):
    launch(ec2, "firewall", {"DeviceIndex": 0, **eth0}, {"DeviceIndex": 1, **eth1}, kind=kind)
    for index in unchecked:
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni(ec2, "firewall", index),
                                               SourceDestCheck={"Value": False})


def one_secondary(subnet_id: str) -> dict:
    return {"SubnetId": subnet_id, "SecondaryPrivateIpAddressCount": 1}


def appliance_with_checks_on(ec2, cloud):
    firewall(ec2, one_secondary(subnet(ec2, "public-a")), one_secondary(subnet(ec2, "private-a")),
             unchecked=())


def appliance_in_one_subnet(ec2, cloud):
    firewall(ec2, one_secondary(subnet(ec2, "public-a")), one_secondary(subnet(ec2, "public-a")))


def appliance_checks_off_on_eth0_only(ec2, cloud):
    firewall(ec2, one_secondary(subnet(ec2, "public-a")), one_secondary(subnet(ec2, "private-a")),
             unchecked=(0,))


def appliance_of_another_type(ec2, cloud):
    firewall(ec2, one_secondary(subnet(ec2, "public-a")), one_secondary(subnet(ec2, "private-a")),
             kind="t3.large")


def appliance_without_secondaries(ec2, cloud):
    firewall(ec2, {"SubnetId": subnet(ec2, "public-a")}, {"SubnetId": subnet(ec2, "private-a")})


def two_prefixes(ec2, cloud):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv4PrefixCount=2)


def prefixes_on_eth1(ec2, cloud):
    new_eni_on(ec2, "web-1", Ipv4PrefixCount=3)


def prefixes_and_secondaries_short(ec2, cloud):
    two_prefixes(ec2, cloud)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                    SecondaryPrivateIpAddressCount=3)


# -- 8.1 os_configured, 8.2 policy_routing ---------------------------------------------------------
def site_eip_on_the_primary(ec2, cloud):
    """Issue 11: the Elastic IP re-pointed at the primary answers, with no OS change at all."""
    ec2.associate_address(AllocationId=eip(ec2, "site")["AllocationId"],
                          NetworkInterfaceId=eni(ec2, "web-1"), PrivateIpAddress="10.0.1.10",
                          AllowReassociation=True)


def shop_assigned_not_configured(ec2, cloud):
    one_address_only(ec2, cloud, "10.0.1.21")
    new_eip_on(ec2, eni(ec2, "web-1"), "10.0.1.21")


def shop_configured_in_the_os_only(ec2, cloud):
    web_1_shell(ec2, cloud).run("sudo ip addr add 10.0.1.21/24 dev ens5")


def shop_added_without_sudo(ec2, cloud):
    """EC2's half done; the OS's half typed without sudo, which Linux refuses."""
    shop_assigned_not_configured(ec2, cloud)
    web_1_shell(ec2, cloud).run("ip addr add 10.0.1.21/24 dev ens5")


def shop_added_to_the_console_name(ec2, cloud):
    """EC2's half done; the OS's half on "eth0", a name Ubuntu on a t3 does not use."""
    shop_assigned_not_configured(ec2, cloud)
    web_1_shell(ec2, cloud).run("sudo ip addr add 10.0.1.21/24 dev eth0")


def worked_example_site_configured(ec2, cloud):
    web_1_shell(ec2, cloud).run("sudo ip addr add 10.0.1.20/24 dev ens5")


def eth1_eip_on_eth0_primary(ec2, cloud):
    """(a) The eth1 Elastic IP moved to eth0's primary address."""
    ec2.associate_address(AllocationId=eip(ec2, "eth1")["AllocationId"],
                          NetworkInterfaceId=eni(ec2, "web-1"), PrivateIpAddress="10.0.1.10")


def source_dest_check_off_on_eth0(ec2, cloud):
    """(b) The misrouted reply let out instead of routed right."""
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni(ec2, "web-1"),
                                           SourceDestCheck={"Value": False})


def main_default_route_to_eth1(ec2, cloud):
    """(c) Every reply now leaves by eth1, eth0's included."""
    shell = web_1_shell(ec2, cloud)
    shell.run("sudo ip route del default")
    shell.run("sudo ip route add default via 10.0.1.1 dev ens6")


def eth1_abandoned(ec2, cloud):
    """(d) A new secondary on eth0 takes the Elastic IP; eth1 is left alone."""
    one_address_only(ec2, cloud, "10.0.1.31")
    ec2.associate_address(AllocationId=eip(ec2, "eth1")["AllocationId"],
                          NetworkInterfaceId=eni(ec2, "web-1"), PrivateIpAddress="10.0.1.31")
    web_1_shell(ec2, cloud).run("sudo ip addr add 10.0.1.31/24 dev ens5")


def rule_without_routes(ec2, cloud):
    web_1_shell(ec2, cloud).run("sudo ip rule add from 10.0.1.30 table 1001")


def table_routes_by_the_console_name(ec2, cloud):
    """The routes given "dev eth1", which Ubuntu on a t3 calls ens6: refused, table empty."""
    shell = web_1_shell(ec2, cloud)
    shell.run("sudo ip rule add from 10.0.1.30 table 1001")
    shell.run("sudo ip route add default via 10.0.1.1 dev eth1 table 1001")


def table_routes_by_eth0(ec2, cloud):
    shell = web_1_shell(ec2, cloud)
    shell.run("sudo ip rule add from 10.0.1.30 table 1001")
    shell.run("sudo ip route add default via 10.0.1.1 dev ens5 table 1001")


# -- 9.1 failover_lab (fail back) ------------------------------------------------------------------
def moved_back_while_stopped(ec2, cloud):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-primary"),
                                    PrivateIpAddresses=["10.0.1.100"], AllowReassignment=True)


def started_and_moved_not_configured(ec2, cloud):
    ec2.start_instances(InstanceIds=[instance(ec2, "app-primary")["InstanceId"]])
    moved_back_while_stopped(ec2, cloud)


def started_only(ec2, cloud):
    ec2.start_instances(InstanceIds=[instance(ec2, "app-primary")["InstanceId"]])


def service_eip_to_primary_address(ec2, cloud):
    started_only(ec2, cloud)
    ec2.associate_address(AllocationId=eip(ec2, "service")["AllocationId"],
                          NetworkInterfaceId=eni(ec2, "app-primary"))


def failed_back_standby_left_running(ec2, cloud):
    started_and_moved_not_configured(ec2, cloud)
    cloud.renew_leases()


# -- 10.1 tls_sites --------------------------------------------------------------------------------
def sites_with(ec2, cloud, eips_on: list[str], renew: bool = True):
    eth0 = eni(ec2, "web-1")
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0,
                                    PrivateIpAddresses=["10.0.1.31", "10.0.1.32", "10.0.1.33"])
    for address in eips_on:
        new_eip_on(ec2, eth0, address)
    if renew:
        cloud.renew_leases()


def auto_assigned_counted_as_a_site(ec2, cloud):
    """Issue 11: the primary's auto-assigned public IPv4 as the fourth site."""
    sites_with(ec2, cloud, ["10.0.1.31", "10.0.1.32", "10.0.1.33"])


def sites_assigned_not_configured(ec2, cloud):
    sites_with(ec2, cloud, ["10.0.1.10", "10.0.1.31", "10.0.1.32", "10.0.1.33"], renew=False)


def tls_sites_on_a_new_eth1(ec2, cloud):
    eth1 = new_eni_on(ec2, "web-1", PrivateIpAddresses=[
        {"PrivateIpAddress": "10.0.1.31", "Primary": True},
        {"PrivateIpAddress": "10.0.1.32", "Primary": False},
        {"PrivateIpAddress": "10.0.1.33", "Primary": False}])
    for address in ["10.0.1.31", "10.0.1.32", "10.0.1.33"]:
        new_eip_on(ec2, eth1, address)
    new_eip_on(ec2, eni(ec2, "web-1"), "10.0.1.10")
    cloud.renew_leases()


def worked_example_three_sites(ec2, cloud):
    eth0 = eni(ec2, "web-1")
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0,
                                    PrivateIpAddresses=["10.0.1.21", "10.0.1.22"])
    for address in ["10.0.1.21", "10.0.1.22"]:
        new_eip_on(ec2, eth0, address)
    cloud.renew_leases()


WRONG: list[tuple[str, Callable, str]] = [
    ("interface_groups", admin_added_to_web, "eth1 is in admin, web"),
    ("interface_groups", both_groups_changed, "eth0 is now in admin"),
    ("interface_groups", eth0_changed_instead, "0 of 2 done: ✘ web-1's eth1 is in admin, and in "
     "no other group — eth1 is in web"),
    ("interface_groups", eth1_detached, "web-1 has no network interface at device index 1"),
    ("secondary_addresses", one_address_only,
     "1 of 2 done: ✔ 10.0.1.20 is a secondary address of web-1's eth0; ✘ 10.0.1.21 is a "
     "secondary address of web-1's eth0 — 10.0.1.21 is on no interface"),
    ("secondary_addresses", second_address_on_another_interface,
     "10.0.1.21 is on the available (detached) interface eni-"),
    ("secondary_addresses", two_picked_by_ec2, "0 of 2 done"),
    ("secondary_addresses", both_on_a_new_eth1, "10.0.1.20 is on web-1's eth1"),
    ("launched_with_secondaries", bare_launch_then_assigned,
     "was added after the launch, by AssignPrivateIpAddresses"),
    ("launched_with_secondaries", wrong_instance_type, "4 of 5 done: ✔ an instance named web-3 "
     "is running or stopped; ✘ web-3 is a t3.small — web-3 is a t3.medium"),
    ("launched_with_secondaries", named_at_launch, "10.0.1.25 was named in the launch request"),
    ("launched_with_secondaries", launched_in_private_subnet, "web-3's eth0 is in private-a"),
    ("launched_with_secondaries", three_at_launch, "web-3's eth0 has 3"),
    ("launched_with_secondaries", worked_example_web_2,
     "there is no running or stopped instance named 'web-3'"),
    ("eip_on_secondary", eip_on_primary,
     "went to the primary address 10.0.1.10 and replaced its auto-assigned public IPv4"),
    ("eip_on_secondary", one_address_only, "10.0.1.44 is on no interface"),
    ("eip_on_secondary", worked_example_address, "10.0.1.44 has none; 203.0.113.10 is on "
     "10.0.1.20 of web-1's eth0"),
    ("eip_on_secondary", address_unassigned_after, "10.0.1.44 has none; none"),
    ("eip_on_secondary", eips_on_both, "2 of 3 done"),
    ("failover", unassign_then_assign, "203.0.113.10 is associated with nothing"),
    ("failover", eip_left_on_the_old_interface,
     "203.0.113.10 is on 10.0.1.10 of app-primary's eth0"),
    ("failover", eip_to_standby_primary,
     "10.0.1.100 is on app-primary's eth0 (eni-"),
    ("failover", new_eip_instead, "1 of 2 done"),
    ("cli_failover", unassign_then_assign, "203.0.113.10 is associated with nothing"),
    ("cli_failover", eip_left_on_the_old_interface,
     "203.0.113.10 is on 10.0.1.10 of app-primary's eth0"),
    ("cli_failover", eip_to_standby_primary, "10.0.1.100 is on app-primary's eth0 (eni-"),
    ("ipv6_addresses", only_the_specific_ipv6, "eth0 has 1"),
    ("ipv6_addresses", three_named_ipv6, "::101 was named"),
    ("ipv6_addresses", three_picked_ipv6, "::100 is on no interface"),
    ("ipv6_addresses", four_ipv6, "eth0 has 4"),
    ("ipv6_moved", ipv6_moved_in_place_of_its_own, "2 of 3 done"),
    ("ipv6_moved", ipv6_unassigned_only, "::10 is on no interface, not on web-2's eth0"),
    ("ipv6_moved", ipv6_moved_to_a_new_eth1, "::10 is on web-2's eth1"),
    ("prefixes", ipv4_prefix_only, "eth0 has 0 Ipv6 prefix(es)"),
    ("prefixes", two_ipv4_prefixes, "eth0 has 2 Ipv4 prefix(es)"),
    ("prefixes", a_prefix_elsewhere_too, "prefixes are also on web-1's eth1"),
    ("prefixes", secondaries_instead, "eth0 has 0 Ipv4 prefix(es)"),
    ("interface_moved", spare_detached_only, "spare is the available (detached) interface eni-"),
    ("interface_moved", spare_moved_to_device_2, "spare is at device index 2"),
    ("interface_moved", spare_moved_without_its_eip, "is associated with nothing"),
    ("interface_moved", spare_lost_its_ipv6, "spare lost 2001:db8:"),
    ("interface_moved", spare_changed_group, "spare is in admin now"),
    ("three_sites", two_sites, "2 have one"),
    ("three_sites", three_addresses_one_eip, "1 have one"),
    ("three_sites", sites_on_a_new_eth1, "eth0 holds 1 (10.0.1.10)"),
    ("failover_repaired", address_back_without_eip, "203.0.113.10 is associated with nothing"),
    ("failover_repaired", back_on_app_primary, "10.0.1.100 is on app-primary's eth0"),
    ("failover_repaired", eip_to_standby_primary, "10.0.1.100 is on no interface"),
    ("appliance", appliance_with_checks_on, "eth0 still checks"),
    ("appliance", appliance_in_one_subnet, "eth1 is in public-a"),
    ("appliance", appliance_checks_off_on_eth0_only, "7 of 8 done"),
    ("appliance", appliance_of_another_type, "firewall is a t3.large"),
    ("appliance", appliance_without_secondaries, "eth0 has none"),
    ("container_host", two_prefixes, "eth0 has room for 32"),
    ("container_host", prefixes_on_eth1, "eth0 has room for 0"),
    ("container_host", prefixes_and_secondaries_short, "eth0 has room for 35"),
    ("retired", terminated_first,
     "::10 reached web-2: until then it was unattached or free"),
    ("retired", spare_detached_only, "web-1 is still running"),
    ("retired", terminated_with_spare_attached, "spare is the available (detached) interface"),
    ("retired", spare_moved_then_terminated, "::10 is on no interface"),
    ("retired", moved_not_terminated, "5 of 7 done"),
    ("os_configured", site_eip_on_the_primary, "10.0.1.21 has none"),
    ("os_configured", shop_assigned_not_configured,
     "web-1's operating system has not configured 10.0.1.21"),
    ("os_configured", shop_configured_in_the_os_only, "10.0.1.21 is on no interface"),
    ("os_configured", worked_example_site_configured, "0 of 4 done"),
    ("os_configured", shop_added_without_sudo,
     "web-1's operating system has not configured 10.0.1.21"),
    ("os_configured", shop_added_to_the_console_name,
     "web-1's operating system has not configured 10.0.1.21"),
    ("policy_routing", eth1_eip_on_eth0_primary, "is on 10.0.1.10 of web-1's eth0"),
    ("policy_routing", source_dest_check_off_on_eth0, "it is off on eth0"),
    ("policy_routing", main_default_route_to_eth1,
     "a reply from 10.0.1.10 leaves by eth1 (ens6 in the OS), not by eth0"),
    ("policy_routing", eth1_abandoned, "is on 10.0.1.31 of web-1's eth0"),
    ("policy_routing", rule_without_routes,
     "a reply from 10.0.1.30 leaves by eth0 (ens5 in the OS), not by eth1"),
    ("policy_routing", table_routes_by_the_console_name,
     "a reply from 10.0.1.30 leaves by eth0 (ens5 in the OS), not by eth1"),
    ("policy_routing", table_routes_by_eth0, "a reply from 10.0.1.30 leaves by eth0 (ens5"),
    ("failover_lab", moved_back_while_stopped, "app-primary is stopped"),
    ("failover_lab", started_and_moved_not_configured, "[not-configured-in-os]"),
    ("failover_lab", started_only, "10.0.1.100 is on app-standby's eth0"),
    ("failover_lab", service_eip_to_primary_address,
     "203.0.113.10 is on 10.0.1.10 of app-primary's eth0"),
    ("failover_lab", failed_back_standby_left_running, "4 of 5 done"),
    ("tls_sites", auto_assigned_counted_as_a_site,
     "10.0.1.10 has only the auto-assigned 198.51.100.10"),
    ("tls_sites", sites_assigned_not_configured,
     "not answering: 203.0.113.11 [not-configured-in-os]"),
    ("tls_sites", worked_example_three_sites, "eth0 holds 3"),
    ("tls_sites", tls_sites_on_a_new_eth1, "eth0 holds 1 (10.0.1.10)"),
]

RIGHT: list[tuple[str, Callable]] = [  # other right answers than the solution files'
    ("retired", ipv6_through_spare),
]
