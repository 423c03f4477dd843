"""Elastic IPs (allocate, associate, disassociate, release, describe) and auto-assigned public
IPv4 addresses."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import address, attach, eip_of, eni, instance
from netaddr import IPAddress, IPNetwork

ELASTIC_RANGE = IPNetwork("203.0.113.0/24")
AUTO_RANGE = IPNetwork("198.51.100.0/24")


@pytest.fixture
def allocation(ec2) -> dict:
    return ec2.allocate_address(Domain="vpc")


@pytest.fixture
def secondary(ec2, eni_id) -> str:
    """A secondary private address on eth0 of the instance."""
    return ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=[
        "10.0.1.50"])["AssignedPrivateIpAddresses"][0]["PrivateIpAddress"]


# -- allocate, describe, release -------------------------------------------------------------
def test_allocate_answers_an_allocation_and_a_documentation_address(allocation):
    assert allocation["AllocationId"].startswith("eipalloc-0")
    assert IPAddress(allocation["PublicIp"]) in ELASTIC_RANGE
    assert allocation["Domain"] == "vpc"


@pytest.mark.parametrize("domain", ["", "xyz", "standard"])
def test_an_empty_or_unknown_domain_falls_back_to_vpc(ec2, domain):
    allocated = ec2.allocate_address(Domain=domain)
    assert allocated["Domain"] == "vpc"
    assert address(ec2, allocated["AllocationId"])["Domain"] == "vpc"


def test_describe_addresses_shows_the_allocation(ec2, allocation):
    [found] = ec2.describe_addresses(AllocationIds=[allocation["AllocationId"]])["Addresses"]
    assert found == {"AllocationId": allocation["AllocationId"], "Domain": "vpc",
                     "PublicIp": allocation["PublicIp"], "PublicIpv4Pool": "amazon",
                     "NetworkBorderGroup": "us-east-1"}
    by_ip = ec2.describe_addresses(PublicIps=[allocation["PublicIp"]])["Addresses"]
    assert [a["AllocationId"] for a in by_ip] == [allocation["AllocationId"]]


def test_five_elastic_ips_per_region(cloud, ec2):
    addresses = {ec2.allocate_address(Domain="vpc")["PublicIp"] for _ in range(5)}
    assert len(addresses) == 5
    with refused(cloud, "AddressLimitExceeded",
                 "The maximum number of addresses has been reached."):
        ec2.allocate_address(Domain="vpc")


def test_release_gives_the_allocation_back(ec2, allocation):
    ec2.release_address(AllocationId=allocation["AllocationId"])
    assert ec2.describe_addresses()["Addresses"] == []
    for _ in range(5):
        ec2.allocate_address(Domain="vpc")


def test_an_associated_elastic_ip_must_be_disassociated_before_release(cloud, ec2, igw, eni_id,
                                                                       allocation):
    association = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                        NetworkInterfaceId=eni_id)["AssociationId"]
    with refused(cloud, "InvalidIPAddress.InUse",
                 "is in use: disassociate it before releasing it."):
        ec2.release_address(AllocationId=allocation["AllocationId"])
    ec2.disassociate_address(AssociationId=association)
    ec2.release_address(AllocationId=allocation["AllocationId"])


# -- associate ---------------------------------------------------------------------------------
def test_associate_with_an_interface_goes_to_its_primary_address(ec2, igw, eni_id, allocation):
    answer = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                   NetworkInterfaceId=eni_id)
    assert answer["AssociationId"].startswith("eipassoc-0")
    found = address(ec2, allocation["AllocationId"])
    assert found["AssociationId"] == answer["AssociationId"]
    assert found["NetworkInterfaceId"] == eni_id
    assert found["PrivateIpAddress"] == "10.0.1.4"
    described = eni(ec2, eni_id)
    assert described["Association"]["PublicIp"] == allocation["PublicIp"]
    assert described["PrivateIpAddresses"][0]["Association"]["AllocationId"] == allocation[
        "AllocationId"]


def test_associate_with_a_chosen_secondary_address(ec2, igw, instance_id, eni_id, secondary,
                                                   allocation):
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id,
                          PrivateIpAddress=secondary)
    assert eip_of(ec2, eni_id, secondary) == allocation["PublicIp"]
    assert eip_of(ec2, eni_id, "10.0.1.4") is None
    found = address(ec2, allocation["AllocationId"])
    assert (found["InstanceId"], found["PrivateIpAddress"]) == (instance_id, secondary)
    assert "PublicIpAddress" not in instance(ec2, instance_id)


def test_associate_with_an_instance_of_one_interface(ec2, igw, instance_id, eni_id, allocation):
    ec2.associate_address(AllocationId=allocation["AllocationId"], InstanceId=instance_id)
    found = address(ec2, allocation["AllocationId"])
    assert (found["InstanceId"], found["NetworkInterfaceId"]) == (instance_id, eni_id)
    shown = instance(ec2, instance_id)
    assert shown["PublicIpAddress"] == allocation["PublicIp"]
    assert shown["PublicDnsName"] == "ec2-" + allocation["PublicIp"].replace(".", "-") + (
        ".compute-1.amazonaws.com")


def test_associate_with_an_instance_of_several_interfaces_is_refused(cloud, ec2, igw,
                                                                     instance_id, new_eni,
                                                                     allocation):
    attach(ec2, new_eni(), instance_id, 1)
    with refused(cloud, "InvalidInstanceID",
                 f"There are multiple interfaces attached to instance '{instance_id}'. Please "
                 "specify an interface ID for the operation instead."):
        ec2.associate_address(AllocationId=allocation["AllocationId"], InstanceId=instance_id)


def test_associate_needs_an_internet_gateway(cloud, ec2, eni_id, allocation):
    with refused(cloud, "Gateway.NotAttached", "is not attached to any internet gateway."):
        ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id)


def test_associate_with_an_address_not_on_the_interface_is_refused(cloud, ec2, igw, eni_id,
                                                                   allocation):
    with refused(cloud, "InvalidParameterValue", "is not a private IPv4 address of"):
        ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id,
                              PrivateIpAddress="10.0.1.99")


def test_an_associated_elastic_ip_moves_by_itself(ec2, igw, eni_id, secondary, allocation):
    """Every account is VPC-only: associating an Elastic IP that is associated elsewhere moves
    it, without AllowReassociation."""
    first = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                  NetworkInterfaceId=eni_id)["AssociationId"]
    second = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                   NetworkInterfaceId=eni_id,
                                   PrivateIpAddress=secondary)["AssociationId"]
    assert second != first
    assert eip_of(ec2, eni_id, secondary) == allocation["PublicIp"]
    assert eip_of(ec2, eni_id, "10.0.1.4") is None
    assert address(ec2, allocation["AllocationId"])["AssociationId"] == second


def test_an_elastic_ip_moves_to_another_instance(ec2, igw, launch, instance_id, allocation):
    ec2.associate_address(AllocationId=allocation["AllocationId"], InstanceId=instance_id)
    other = launch()["InstanceId"]
    ec2.associate_address(AllocationId=allocation["AllocationId"], InstanceId=other)
    assert address(ec2, allocation["AllocationId"])["InstanceId"] == other
    assert "PublicIpAddress" not in instance(ec2, instance_id)
    assert instance(ec2, other)["PublicIpAddress"] == allocation["PublicIp"]


def test_allow_reassociation_false_keeps_an_associated_elastic_ip_where_it_is(
        cloud, ec2, igw, eni_id, secondary, allocation):
    first = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                  NetworkInterfaceId=eni_id)["AssociationId"]
    with refused(cloud, "Resource.AlreadyAssociated",
                 f"resource {allocation['AllocationId']} is already associated with "
                 f"associate-id {first}"):
        ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id,
                              PrivateIpAddress=secondary, AllowReassociation=False)


def test_allow_reassociation_false_is_fine_for_an_unassociated_elastic_ip(ec2, igw, eni_id,
                                                                          allocation):
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id,
                          AllowReassociation=False)
    assert eip_of(ec2, eni_id, "10.0.1.4") == allocation["PublicIp"]


@pytest.mark.parametrize("allow", [None, True, False])
def test_repeating_an_association_is_idempotent(cloud, ec2, igw, eni_id, allocation, allow):
    extra = {} if allow is None else {"AllowReassociation": allow}
    first = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                  NetworkInterfaceId=eni_id)["AssociationId"]
    before = cloud.snapshot()
    again = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                  NetworkInterfaceId=eni_id, PrivateIpAddress="10.0.1.4", **extra)
    assert again["AssociationId"] == first
    assert cloud.snapshot() == before


def test_a_new_elastic_ip_replaces_the_one_a_private_address_had(ec2, igw, eni_id, allocation):
    """One private address, one Elastic IP: the one it had is disassociated and stays
    allocated."""
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id)
    second = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=second["AllocationId"], NetworkInterfaceId=eni_id)
    assert eip_of(ec2, eni_id, "10.0.1.4") == second["PublicIp"]
    old = address(ec2, allocation["AllocationId"])
    assert "AssociationId" not in old and old["PublicIp"] == allocation["PublicIp"]


def test_associate_by_public_ip(ec2, igw, eni_id, allocation):
    ec2.associate_address(PublicIp=allocation["PublicIp"], NetworkInterfaceId=eni_id)
    assert address(ec2, allocation["AllocationId"])["NetworkInterfaceId"] == eni_id


def test_associate_with_an_unattached_interface(ec2, igw, new_eni, allocation):
    eni_id = new_eni()
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id)
    found = address(ec2, allocation["AllocationId"])
    assert found["NetworkInterfaceId"] == eni_id and "InstanceId" not in found


# -- disassociate ------------------------------------------------------------------------------
def test_disassociate_keeps_the_allocation(ec2, igw, eni_id, allocation):
    association = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                        NetworkInterfaceId=eni_id)["AssociationId"]
    ec2.disassociate_address(AssociationId=association)
    found = address(ec2, allocation["AllocationId"])
    assert "AssociationId" not in found and found["PublicIp"] == allocation["PublicIp"]
    assert eip_of(ec2, eni_id, "10.0.1.4") is None


def test_disassociate_by_public_ip(ec2, igw, eni_id, allocation):
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id)
    ec2.disassociate_address(PublicIp=allocation["PublicIp"])
    assert "AssociationId" not in address(ec2, allocation["AllocationId"])


def test_disassociate_an_unknown_association_is_refused(cloud, ec2):
    with refused(cloud, "InvalidAssociationID.NotFound", "The association ID"):
        ec2.disassociate_address(AssociationId="eipassoc-0123456789abcdef0")


# -- auto-assigned public IPv4 -----------------------------------------------------------------
@pytest.fixture
def public_instance(ec2, launch, subnet_id, igw) -> dict:
    """A launched instance with an auto-assigned public IPv4, as DescribeInstances shows it."""
    return instance(ec2, launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id,
                                                    "AssociatePublicIpAddress": True}])[
        "InstanceId"])


def test_an_elastic_ip_on_the_primary_gives_the_auto_assigned_address_back(cloud, ec2,
                                                                            public_instance,
                                                                            allocation):
    """The auto-assigned address is released (not merely hidden): a view sees it go."""
    seen: list = []
    cloud.subscribe(seen.append)
    eni_id = public_instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    auto = public_instance["PublicIpAddress"]
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id)
    [event] = seen
    assert ("public-ipv4", auto, f"{eni_id}/{public_instance['PrivateIpAddress']}", None) in \
        event.changes


def test_the_pending_instance_run_instances_answers_has_no_public_ipv4_yet(ec2, launch,
                                                                          subnet_id, igw):
    """Amazon gives the public IPv4 address once the instance runs: DescribeInstances shows
    it, the RunInstances answer (state pending) does not."""
    launched = launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id,
                                          "AssociatePublicIpAddress": True}])
    assert launched["State"]["Name"] == "pending"
    assert "PublicIpAddress" not in launched and launched["PublicDnsName"] == ""
    eth0 = launched["NetworkInterfaces"][0]
    assert "Association" not in eth0 and "Association" not in eth0["PrivateIpAddresses"][0]
    running = instance(ec2, launched["InstanceId"])
    assert running["State"]["Name"] == "running"
    assert IPAddress(running["PublicIpAddress"]) in AUTO_RANGE
    assert running["NetworkInterfaces"][0]["Association"]["PublicIp"] == running[
        "PublicIpAddress"]


def test_auto_assigned_public_ipv4_at_launch(ec2, public_instance):
    public_ip = public_instance["PublicIpAddress"]
    assert IPAddress(public_ip) in AUTO_RANGE
    eth0 = eni(ec2, public_instance["NetworkInterfaces"][0]["NetworkInterfaceId"])
    assert eth0["Association"] == {"IpOwnerId": "amazon", "PublicIp": public_ip,
                                   "PublicDnsName": "ec2-" + public_ip.replace(".", "-") +
                                   ".compute-1.amazonaws.com"}


def test_a_subnet_that_maps_public_ips_gives_one_at_launch(ec2, launch, subnet_id, igw):
    assert "PublicIpAddress" not in launch()
    ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True})
    assert IPAddress(instance(ec2, launch()["InstanceId"])["PublicIpAddress"]) in AUTO_RANGE


def test_auto_assign_with_several_interfaces_is_refused(cloud, launch, subnet_id):
    with refused(cloud, "InvalidParameterCombination",
                 "The associatePublicIPAddress parameter cannot be specified when launching "
                 "with multiple network interfaces"):
        launch(NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet_id, "AssociatePublicIpAddress": True},
            {"DeviceIndex": 1, "SubnetId": subnet_id}])


def test_auto_assign_for_an_existing_interface_is_refused(cloud, launch, new_eni):
    existing = new_eni()
    with refused(cloud, "InvalidParameterCombination",
                 "auto-assigned to a new network interface at device index"):
        launch(NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": existing,
                                   "AssociatePublicIpAddress": True}])


def test_stop_releases_the_auto_assigned_address_and_start_gives_a_new_one(ec2,
                                                                          public_instance):
    instance_id = public_instance["InstanceId"]
    first = public_instance["PublicIpAddress"]
    ec2.stop_instances(InstanceIds=[instance_id])
    stopped = instance(ec2, instance_id)
    assert "PublicIpAddress" not in stopped and stopped["PublicDnsName"] == ""
    ec2.start_instances(InstanceIds=[instance_id])
    second = instance(ec2, instance_id)["PublicIpAddress"]
    assert IPAddress(second) in AUTO_RANGE and second != first


def test_an_elastic_ip_stays_through_stop_and_start(ec2, igw, instance_id, eni_id, secondary,
                                                    allocation):
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id,
                          PrivateIpAddress=secondary)
    ec2.stop_instances(InstanceIds=[instance_id])
    assert eip_of(ec2, eni_id, secondary) == allocation["PublicIp"]
    ec2.start_instances(InstanceIds=[instance_id])
    assert eip_of(ec2, eni_id, secondary) == allocation["PublicIp"]


def test_an_elastic_ip_replaces_the_auto_assigned_address_and_disassociation_brings_a_new_one(
        ec2, public_instance, allocation):
    instance_id = public_instance["InstanceId"]
    eni_id = public_instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    auto = public_instance["PublicIpAddress"]
    association = ec2.associate_address(AllocationId=allocation["AllocationId"],
                                        InstanceId=instance_id)["AssociationId"]
    assert instance(ec2, instance_id)["PublicIpAddress"] == allocation["PublicIp"]
    assert eni(ec2, eni_id)["Association"]["PublicIp"] == allocation["PublicIp"]
    ec2.stop_instances(InstanceIds=[instance_id])
    ec2.start_instances(InstanceIds=[instance_id])
    assert instance(ec2, instance_id)["PublicIpAddress"] == allocation["PublicIp"]
    ec2.disassociate_address(AssociationId=association)
    after = instance(ec2, instance_id)["PublicIpAddress"]
    assert IPAddress(after) in AUTO_RANGE and after != auto
