"""Secondary private IPv4 addresses: assign, unassign, reassign, and their rules."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import address, attach, eip_of, eni, free_count, private_ips

import ec2sim


# -- assign and unassign -----------------------------------------------------------------------
def test_assign_a_count_answers_the_picked_addresses(ec2, eni_id):
    answer = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                             SecondaryPrivateIpAddressCount=2)
    assert answer["NetworkInterfaceId"] == eni_id
    assert answer["AssignedPrivateIpAddresses"] == [{"PrivateIpAddress": "10.0.1.5"},
                                                    {"PrivateIpAddress": "10.0.1.6"}]
    assert answer["AssignedIpv4Prefixes"] == []
    assert private_ips(ec2, eni_id) == ["10.0.1.4", "10.0.1.5", "10.0.1.6"]
    entries = eni(ec2, eni_id)["PrivateIpAddresses"]
    assert [e["Primary"] for e in entries] == [True, False, False]


def test_assign_chosen_addresses(ec2, eni_id):
    answer = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                             PrivateIpAddresses=["10.0.1.100", "10.0.1.101"])
    assert [a["PrivateIpAddress"] for a in answer["AssignedPrivateIpAddresses"]] == [
        "10.0.1.100", "10.0.1.101"]
    assert private_ips(ec2, eni_id)[1:] == ["10.0.1.100", "10.0.1.101"]


def test_secondary_addresses_show_on_the_instance(ec2, instance_id, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    found = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    entries = found["NetworkInterfaces"][0]["PrivateIpAddresses"]
    assert [(e["PrivateIpAddress"], e["Primary"]) for e in entries] == [
        ("10.0.1.4", True), ("10.0.1.5", False)]


def test_unassign_a_secondary_address(ec2, eni_id, subnet_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=2)
    before = free_count(ec2, subnet_id)
    answer = ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                               PrivateIpAddresses=["10.0.1.5"])
    assert set(answer) == {"ResponseMetadata"}
    assert private_ips(ec2, eni_id) == ["10.0.1.4", "10.0.1.6"]
    assert free_count(ec2, subnet_id) == before + 1


def test_a_freed_address_is_picked_again_first(ec2, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=3)
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                      PrivateIpAddresses=["10.0.1.5"])
    again = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                            SecondaryPrivateIpAddressCount=1)
    assert again["AssignedPrivateIpAddresses"] == [{"PrivateIpAddress": "10.0.1.5"}]


@pytest.mark.parametrize("state", ["running", "stopped", "unattached"])
def test_assign_and_unassign_work_in_every_state(ec2, launch, new_eni, state):
    if state == "unattached":
        eni_id = new_eni()
    else:
        launched = launch()
        eni_id = launched["NetworkInterfaces"][0]["NetworkInterfaceId"]
        if state == "stopped":
            ec2.stop_instances(InstanceIds=[launched["InstanceId"]])
    [added] = ec2.assign_private_ip_addresses(
        NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)["AssignedPrivateIpAddresses"]
    assert added["PrivateIpAddress"] in private_ips(ec2, eni_id)
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                      PrivateIpAddresses=[added["PrivateIpAddress"]])
    assert added["PrivateIpAddress"] not in private_ips(ec2, eni_id)


# -- the primary address -----------------------------------------------------------------------
def test_the_primary_address_cannot_be_unassigned(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterValue", "primary"):
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                          PrivateIpAddresses=["10.0.1.4"])


def test_the_primary_address_of_another_interface_cannot_be_reassigned(cloud, ec2, eni_id,
                                                                       new_eni):
    other = new_eni()
    with refused(cloud, "InvalidIPAddress.InUse", "a primary address can never be reassigned."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=other, PrivateIpAddresses=["10.0.1.4"],
                                        AllowReassignment=True)


# -- where addresses come from -----------------------------------------------------------------
def test_an_address_outside_the_interfaces_subnet_is_refused(cloud, ec2, eni_id,
                                                             ipv4_only_subnet_id):
    with refused(cloud, "InvalidParameterValue",
                 "Address 10.0.2.10 does not fall within the subnet's address range"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.2.10"])


@pytest.mark.parametrize("text", ["10.0.1.300", "banana", ""])
def test_an_address_that_is_not_an_address_is_refused(cloud, ec2, eni_id, text):
    with refused(cloud, "InvalidParameterValue", f"Invalid IP address: '{text}'"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=[text])


def test_an_ipv6_address_as_a_private_ipv4_address_is_refused(cloud, ec2, eni_id, subnet_ipv6):
    text = subnet_ipv6.replace("/64", "9")
    with refused(cloud, "InvalidParameterValue", f"'{text}' is not an IPv4 address"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=[text])


def test_addresses_and_a_count_together_are_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterCombination", "You may specify PrivateIpAddresses or "
                 "SecondaryPrivateIpAddressCount, but not both."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.1.50"],
                                        SecondaryPrivateIpAddressCount=1)


def test_neither_addresses_nor_a_count_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "MissingParameter",
                 "Either PrivateIpAddresses or SecondaryPrivateIpAddressCount"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id)


def test_unassign_of_nothing_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "MissingParameter",
                 "Either PrivateIpAddresses or Ipv4Prefixes must be specified."):
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id)


def test_a_count_below_one_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterValue",
                 "SecondaryPrivateIpAddressCount must be at least 1"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=0)


def test_an_address_given_twice_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterValue", "is given twice."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.1.50", "10.0.1.50"])


def test_when_the_subnet_runs_out_the_call_fails(cloud, ec2, vpc_id):
    tiny = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.200.0/28")["Subnet"]["SubnetId"]
    eni_id = ec2.create_network_interface(SubnetId=tiny, SecondaryPrivateIpAddressCount=8)[
        "NetworkInterface"]["NetworkInterfaceId"]
    assert free_count(ec2, tiny) == 2
    with refused(cloud, "InsufficientFreeAddressesInSubnet",
                 "not have enough free addresses to satisfy the request."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=3)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=2)
    assert free_count(ec2, tiny) == 0


# -- the per-interface limit -------------------------------------------------------------------
@pytest.mark.parametrize("name, limit", [("t3.medium", 6), ("t3.micro", 2), ("m5.large", 10),
                                         ("t2.micro", 2), ("m1.small", 4)])
def test_primary_plus_secondaries_may_not_exceed_the_types_limit(cloud, ec2, launch, name,
                                                                 limit):
    eni_id = launch(name)["NetworkInterfaces"][0]["NetworkInterfaceId"]
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                    SecondaryPrivateIpAddressCount=limit - 1)
    assert len(private_ips(ec2, eni_id)) == limit
    with refused(cloud, "PrivateIpAddressLimitExceeded",
                 "Number of private addresses will exceed limit."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=1)


def test_a_request_past_the_limit_assigns_nothing(cloud, ec2, eni_id):
    with refused(cloud, "PrivateIpAddressLimitExceeded",
                 "Number of private addresses will exceed limit."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=6)


def test_an_ipv4_prefix_takes_one_address_slot(cloud, ec2, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=4)
    with refused(cloud, "PrivateIpAddressLimitExceeded",
                 "Number of private addresses will exceed limit."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=1)


# -- reassignment ------------------------------------------------------------------------------
@pytest.fixture
def holder(ec2, new_eni) -> str:
    """An unattached interface holding 10.0.1.50 as a secondary address."""
    eni_id = new_eni()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=["10.0.1.50"])
    return eni_id


def test_an_address_in_use_is_refused_without_allow_reassignment(cloud, ec2, eni_id, holder):
    with refused(cloud, "InvalidIPAddress.InUse", "Address 10.0.1.50 is in use."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.1.50"])


def test_allow_reassignment_moves_the_address(ec2, eni_id, holder):
    answer = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                             PrivateIpAddresses=["10.0.1.50"],
                                             AllowReassignment=True)
    assert answer["AssignedPrivateIpAddresses"] == [{"PrivateIpAddress": "10.0.1.50"}]
    assert "10.0.1.50" in private_ips(ec2, eni_id)
    assert "10.0.1.50" not in private_ips(ec2, holder)


def test_a_reassigned_address_keeps_its_elastic_ip(ec2, igw, eni_id, holder):
    allocation = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=holder,
                          PrivateIpAddress="10.0.1.50")
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=["10.0.1.50"],
                                    AllowReassignment=True)
    assert eip_of(ec2, eni_id, "10.0.1.50") == allocation["PublicIp"]
    moved = address(ec2, allocation["AllocationId"])
    assert (moved["NetworkInterfaceId"], moved["PrivateIpAddress"]) == (eni_id, "10.0.1.50")


def test_reassigning_an_address_the_interface_already_has_is_refused(cloud, ec2, holder):
    with refused(cloud, "InvalidParameterValue", "is already assigned to"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=holder,
                                        PrivateIpAddresses=["10.0.1.50"],
                                        AllowReassignment=True)


def test_an_address_inside_another_interfaces_prefix_is_refused(cloud, ec2, eni_id, new_eni):
    owner = new_eni()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=owner, Ipv4Prefixes=["10.0.1.64/28"])
    with refused(cloud, "InvalidIPAddress.InUse", "is in use"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.1.70"], AllowReassignment=True)


# -- Elastic IPs on unassigned addresses -------------------------------------------------------
def test_unassigning_an_address_with_an_elastic_ip_disassociates_it(ec2, igw, holder):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=holder,
                          PrivateIpAddress="10.0.1.50")
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=holder, PrivateIpAddresses=["10.0.1.50"])
    kept = address(ec2, allocation)
    assert "AssociationId" not in kept and "PrivateIpAddress" not in kept


def test_unassigning_an_address_that_is_not_on_the_interface_is_refused(cloud, ec2, eni_id,
                                                                        holder):
    with refused(cloud, "InvalidParameterValue",
                 "of the specified addresses are not assigned to interface"):
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                          PrivateIpAddresses=["10.0.1.50"])
    with refused(cloud, "InvalidParameterValue",
                 "of the specified addresses are not assigned to interface"):
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                          PrivateIpAddresses=["10.0.1.99"])


# -- all or nothing ----------------------------------------------------------------------------
def test_when_one_address_cannot_be_assigned_none_is(cloud, ec2, eni_id, holder):
    with refused(cloud, "InvalidIPAddress.InUse", "is in use."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.1.60", "10.0.1.50"])
    with refused(cloud, "InvalidParameterValue", "does not fall within the subnet's address range"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.1.60", "10.0.2.60"])
    assert private_ips(ec2, eni_id) == ["10.0.1.4"]


def test_when_one_address_cannot_be_unassigned_none_is(cloud, ec2, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    with refused(cloud, "InvalidParameterValue",
                 "of the specified addresses are not assigned to interface"):
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                          PrivateIpAddresses=["10.0.1.5", "10.0.1.77"])
    assert private_ips(ec2, eni_id) == ["10.0.1.4", "10.0.1.5"]


def test_a_reassignment_that_fails_half_way_moves_nothing(cloud, ec2, igw, eni_id, holder):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=holder,
                          PrivateIpAddress="10.0.1.50")
    with refused(cloud, "InvalidParameterValue",
                 "the last address of every subnet are never assigned."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        PrivateIpAddresses=["10.0.1.50", "10.0.1.255"],
                                        AllowReassignment=True)
    assert address(ec2, allocation)["NetworkInterfaceId"] == holder


# -- private DNS names -------------------------------------------------------------------------
def test_private_dns_names_in_us_east_1(ec2, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=["10.0.1.5"])
    names = [e["PrivateDnsName"] for e in eni(ec2, eni_id)["PrivateIpAddresses"]]
    assert names == ["ip-10-0-1-4.ec2.internal", "ip-10-0-1-5.ec2.internal"]


def test_private_dns_names_in_another_region():
    cloud = ec2sim.Cloud(seed=0, region="eu-west-1")
    ec2 = cloud.client()
    subnet = ec2.describe_subnets()["Subnets"][0]
    assert subnet["AvailabilityZone"].startswith("eu-west-1")
    eni_id = ec2.create_network_interface(SubnetId=subnet["SubnetId"],
                                          PrivateIpAddress=subnet["CidrBlock"].replace(
                                              ".0/20", ".5"))["NetworkInterface"][
        "NetworkInterfaceId"]
    described = eni(ec2, eni_id)
    address_text = described["PrivateIpAddress"].replace(".", "-")
    assert described["PrivateDnsName"] == f"ip-{address_text}.eu-west-1.compute.internal"


def test_attached_interfaces_of_an_instance_hold_the_limit_of_its_type(cloud, ec2, launch,
                                                                       new_eni):
    eni_id = new_eni(SecondaryPrivateIpAddressCount=1)  # 2 of t3.micro's 2
    attach(ec2, eni_id, launch("t3.micro")["InstanceId"], 1)
    with refused(cloud, "PrivateIpAddressLimitExceeded",
                 "Number of private addresses will exceed limit."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=1)
