"""Every checker passes on its own solution and fails, saying why, on a wrong attempt.

Each exercise starts from its scenario; the solution runs as a learner would run it after
``%load solutions/…`` (with ``ec2``, the scenario's client, in scope); the wrong attempts are
the mistakes the checker's messages are written for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ec2sim import exercises, images, scenarios

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


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


def launch(ec2, name: str, *interfaces: dict) -> None:
    ec2.run_instances(ImageId=images.AMAZON_LINUX_2023, InstanceType="t3.medium", MinCount=1,
                      MaxCount=1, NetworkInterfaces=list(interfaces),
                      TagSpecifications=[{"ResourceType": "instance",
                                          "Tags": [{"Key": "Name", "Value": name}]}])


# -- the wrong attempts: (what the learner did, what the checker must say) -----------------------
def both_groups_changed(ec2):
    for index in (0, 1):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni(ec2, "web-1", index),
                                               Groups=[group(ec2, "admin")])


def admin_added_to_web(ec2):
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni(ec2, "web-1", 1),
                                           Groups=[group(ec2, "web"), group(ec2, "admin")])


def one_address_only(ec2):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                    PrivateIpAddresses=["10.0.1.20"])


def second_address_on_another_interface(ec2):
    one_address_only(ec2)
    ec2.create_network_interface(SubnetId=subnet(ec2, "public-a"), PrivateIpAddress="10.0.1.21")


def secondaries_added_after_launch_in_wrong_count(ec2):
    launch(ec2, "web-2", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a")})
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                                    SecondaryPrivateIpAddressCount=3)


def launched_in_private_subnet(ec2):
    launch(ec2, "web-2", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "private-a"),
                          "SecondaryPrivateIpAddressCount": 2})


def eip_on_primary(ec2):
    one_address_only(ec2)
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, InstanceId=instance(ec2, "web-1")["InstanceId"])


def unassign_then_assign(ec2):
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-primary"),
                                      PrivateIpAddresses=["10.0.1.100"])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-standby"),
                                    PrivateIpAddresses=["10.0.1.100"])


def eip_left_on_the_old_interface(ec2):
    """The address moved by hand and the Elastic IP was put on the old primary address."""
    unassign_then_assign(ec2)
    service = ec2.describe_addresses()["Addresses"][0]["AllocationId"]
    ec2.associate_address(AllocationId=service, NetworkInterfaceId=eni(ec2, "app-primary"))


def only_the_specific_ipv6(ec2):
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                              Ipv6Addresses=[ipv6_ending(ec2, "::100")])


def ipv6_copied_not_moved(ec2):
    """Never possible on AWS: the attempt is refused and nothing changes."""
    with pytest.raises(Exception, match="InvalidIPAddress.InUse"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                                  Ipv6Addresses=[ipv6_ending(ec2, "::10")])


def ipv6_moved_in_place_of_its_own(ec2):
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-1"),
                                Ipv6Addresses=[ipv6_ending(ec2, "::10")])
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                                Ipv6Addresses=[ipv6_ending(ec2, "::11")])
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni(ec2, "web-2"),
                              Ipv6Addresses=[ipv6_ending(ec2, "::10")])


def ipv4_prefix_only(ec2):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv4PrefixCount=1)


def spare_detached_only(ec2):
    ec2.detach_network_interface(AttachmentId=spare_attachment(ec2))


def spare_moved_to_device_2(ec2):
    spare_detached_only(ec2)
    ec2.attach_network_interface(NetworkInterfaceId=spare_id(ec2), DeviceIndex=2,
                                 InstanceId=instance(ec2, "web-2")["InstanceId"])


def spare_moved_without_its_eip(ec2):
    association = ec2.describe_addresses()["Addresses"][0]["AssociationId"]
    ec2.disassociate_address(AssociationId=association)
    spare_detached_only(ec2)
    ec2.attach_network_interface(NetworkInterfaceId=spare_id(ec2), DeviceIndex=1,
                                 InstanceId=instance(ec2, "web-2")["InstanceId"])


def two_sites(ec2):
    eth0 = eni(ec2, "web-1")
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.20"])
    for private_ip in ("10.0.1.10", "10.0.1.20"):
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eth0,
                              PrivateIpAddress=private_ip)


def address_back_without_eip(ec2):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-standby"),
                                    PrivateIpAddresses=["10.0.1.100"])


def appliance_with_checks_on(ec2):
    launch(ec2, "firewall",
           {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a"),
            "SecondaryPrivateIpAddressCount": 1},
           {"DeviceIndex": 1, "SubnetId": subnet(ec2, "private-a"),
            "SecondaryPrivateIpAddressCount": 1})


def appliance_in_one_subnet(ec2):
    launch(ec2, "firewall",
           {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a"),
            "SecondaryPrivateIpAddressCount": 1},
           {"DeviceIndex": 1, "SubnetId": subnet(ec2, "public-a"),
            "SecondaryPrivateIpAddressCount": 1})


def two_prefixes(ec2):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "web-1"), Ipv4PrefixCount=2)


def terminated_with_spare_attached(ec2):
    ec2.terminate_instances(InstanceIds=[instance(ec2, "web-1")["InstanceId"]])


def spare_moved_then_terminated(ec2):
    spare_detached_only(ec2)
    ec2.attach_network_interface(NetworkInterfaceId=spare_id(ec2), DeviceIndex=1,
                                 InstanceId=instance(ec2, "web-2")["InstanceId"])
    terminated_with_spare_attached(ec2)


def site_moved_to_another_address(ec2) -> None:
    """Notebook 08: a new address in EC2 does not help; Ubuntu configures neither."""
    eth0 = eni(ec2, "web-1")
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.21"])
    site = ec2.describe_addresses(Filters=[{"Name": "tag:Name", "Values": ["site"]}])
    ec2.associate_address(AllocationId=site["Addresses"][0]["AllocationId"],
                          NetworkInterfaceId=eth0, PrivateIpAddress="10.0.1.21",
                          AllowReassociation=True)


def nothing(ec2) -> None:
    """Leave the world as the scenario made it."""


def service_moved_while_primary_runs(ec2) -> None:
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni(ec2, "app-standby"),
                                    PrivateIpAddresses=["10.0.1.100"], AllowReassignment=True)


def service_moved_not_configured(ec2) -> None:
    ec2.stop_instances(InstanceIds=[instance(ec2, "app-primary")["InstanceId"]])
    service_moved_while_primary_runs(ec2)


def sites_assigned_not_configured(ec2) -> None:
    eth0 = eni(ec2, "web-1")
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, SecondaryPrivateIpAddressCount=2)
    for address in [p["PrivateIpAddress"] for p in ec2.describe_network_interfaces(
            NetworkInterfaceIds=[eth0])["NetworkInterfaces"][0]["PrivateIpAddresses"][1:]]:
        eip = ec2.allocate_address(Domain="vpc")
        ec2.associate_address(AllocationId=eip["AllocationId"], NetworkInterfaceId=eth0,
                              PrivateIpAddress=address)


WRONG: list[tuple[str, Callable, str]] = [
    ("interface_groups", lambda ec2: None, "eth1 is in web; it should be in admin alone"),
    ("interface_groups", admin_added_to_web, "eth1 is in admin, web; it should be in admin"),
    ("interface_groups", both_groups_changed, "eth0 is now in admin"),
    ("secondary_addresses", one_address_only,
     "10.0.1.21 is not on web-1's eth0 yet (it is on no interface)"),
    ("secondary_addresses", second_address_on_another_interface,
     "10.0.1.21 is not on web-1's eth0 yet (it is on the available (detached) interface eni-"),
    ("launched_with_secondaries", lambda ec2: None, "no running or stopped instance named 'web-2'"),
    ("launched_with_secondaries", secondaries_added_after_launch_in_wrong_count,
     "web-2's eth0 has 3 secondary address(es)"),
    ("launched_with_secondaries", launched_in_private_subnet, "not in public-a"),
    ("eip_on_secondary", one_address_only, "No Elastic IP is associated with 10.0.1.20 yet."),
    ("eip_on_secondary", eip_on_primary,
     "went to the primary address 10.0.1.10 instead (and replaced its auto-assigned public IPv4)"),
    ("failover", lambda ec2: None, "The service address 10.0.1.100 is on app-primary's eth0"),
    ("failover", unassign_then_assign,
     "the Elastic IP 203.0.113.10 is not associated with anything"),
    ("failover", eip_left_on_the_old_interface,
     "The Elastic IP 203.0.113.10 is still on 10.0.1.10 of eni-"),
    ("ipv6_addresses", only_the_specific_ipv6, "web-1's eth0 has 1 IPv6 address(es)"),
    ("ipv6_moved", ipv6_copied_not_moved, "::10 is still on web-1. IPv6 addresses have no "
     "AllowReassignment"),
    ("ipv6_moved", ipv6_moved_in_place_of_its_own, "web-2 lost its own"),
    ("prefixes", ipv4_prefix_only, "web-1's eth0 has 0 IPv6 prefix(es)"),
    ("interface_moved", spare_detached_only,
     "spare is the available (detached) interface eni-"),
    ("interface_moved", spare_moved_to_device_2, "spare is on web-2 at device index 2"),
    ("interface_moved", spare_moved_without_its_eip, "is no longer on its 10.0.1.51"),
    ("three_sites", two_sites, "2 of web-1's addresses have an Elastic IP"),
    ("failover_repaired", address_back_without_eip,
     "the Elastic IP 203.0.113.10 is not associated with anything"),
    ("appliance", appliance_with_checks_on, "firewall's eth0 still checks source and destination"),
    ("appliance", appliance_in_one_subnet, "firewall's eth1 is in subnet-"),
    ("container_host", two_prefixes, "eth0 has room for 32 container addresses"),
    ("retired", spare_detached_only, "web-1 is still running"),
    ("retired", terminated_with_spare_attached, "spare is the available (detached) interface"),
    ("retired", spare_moved_then_terminated, "::10 is not on web-2's eth0 yet (it is on no "
     "interface)"),
    ("os_configured", site_moved_to_another_address, "[not-configured-in-os]"),
    ("policy_routing", nothing, "[asymmetric-routing]"),
    ("failover_lab", service_moved_while_primary_runs, "app-primary is still running"),
    ("failover_lab", service_moved_not_configured, "[not-configured-in-os]"),
    ("tls_sites", sites_assigned_not_configured, "[not-configured-in-os]"),
]


def start(name: str):
    cloud = scenarios.build(exercises.EXERCISES[name].scenario)
    return cloud, cloud.client()


@pytest.mark.parametrize("name", list(exercises.EXERCISES))
def test_the_solution_passes(name):
    cloud, ec2 = start(name)
    path = NOTEBOOKS / exercises.EXERCISES[name].solution
    exec(compile(path.read_text(), str(path), "exec"), {"ec2": ec2, "cloud": cloud})
    feedback = exercises.EXERCISES[name].check(cloud)
    assert feedback.passed, feedback.message
    assert repr(feedback).startswith(f"✅ Well done ({name}): ")
    assert "Well done" in feedback._repr_html_()


@pytest.mark.parametrize("name", list(exercises.EXERCISES))
def test_the_scenario_alone_does_not_pass(name):
    cloud, _ = start(name)
    assert not exercises.EXERCISES[name].check(cloud).passed


@pytest.mark.parametrize(("name", "attempt", "says"), WRONG,
                         ids=[f"{n}-{a.__name__}" for n, a, _ in WRONG])
def test_a_wrong_attempt_fails_saying_why(name, attempt, says):
    cloud, ec2 = start(name)
    attempt(ec2)
    feedback = exercises.EXERCISES[name].check(cloud)
    assert not feedback.passed
    assert says in feedback.message
    assert repr(feedback).startswith(f"❌ Not yet ({name}): ")
    assert "Not yet" in feedback._repr_html_()


def test_every_exercise_has_a_wrong_attempt_and_every_solution_an_exercise():
    assert {name for name, _, _ in WRONG} == set(exercises.EXERCISES)
    solutions = {f"solutions/{p.name}" for p in (NOTEBOOKS / "solutions").glob("*.py")}
    assert solutions == {e.solution for e in exercises.EXERCISES.values()}


def test_the_checkers_are_named_as_the_notebooks_call_them():
    for name, entry in exercises.EXERCISES.items():
        assert getattr(exercises, f"check_{name}") is entry.check
