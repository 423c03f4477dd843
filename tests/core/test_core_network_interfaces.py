"""Network interfaces: create, describe, attach, detach, modify, delete, and their rules."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import attach, eni, free_count, instance, ipv6_ips, private_ips


# -- create, describe, delete ------------------------------------------------------------------
def test_create_network_interface_answers_the_interface(ec2, subnet_id, vpc_id):
    created = ec2.create_network_interface(SubnetId=subnet_id, Description="second leg")[
        "NetworkInterface"]
    assert created["NetworkInterfaceId"].startswith("eni-0")
    assert created["SubnetId"] == subnet_id and created["VpcId"] == vpc_id
    assert created["AvailabilityZone"] == "us-east-1a"
    assert created["Status"] == "available"
    assert created["Description"] == "second leg"
    assert created["PrivateIpAddress"] == "10.0.1.4"
    assert created["PrivateIpAddresses"] == [{"PrivateDnsName": "ip-10-0-1-4.ec2.internal",
                                              "PrivateIpAddress": "10.0.1.4", "Primary": True}]
    assert created["Ipv6Addresses"] == []
    assert created["SourceDestCheck"] is True
    assert [g["GroupName"] for g in created["Groups"]] == ["default"]
    assert created["MacAddress"].count(":") == 5
    assert "Attachment" not in created


def test_create_network_interface_with_addresses(ec2, new_eni, subnet_ipv6):
    eni_id = new_eni(PrivateIpAddress="10.0.1.20", SecondaryPrivateIpAddressCount=2,
                     Ipv6AddressCount=2)
    assert private_ips(ec2, eni_id) == ["10.0.1.20", "10.0.1.4", "10.0.1.5"]
    assert len(ipv6_ips(ec2, eni_id)) == 2
    listed = new_eni(PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.30", "Primary": True},
                                         {"PrivateIpAddress": "10.0.1.31", "Primary": False}])
    assert private_ips(ec2, listed) == ["10.0.1.30", "10.0.1.31"]


def test_create_network_interface_with_chosen_and_counted_secondaries_is_refused(cloud, ec2,
                                                                                 new_eni):
    with refused(cloud, "InvalidParameterCombination",
                 "You may specify PrivateIpAddresses or SecondaryPrivateIpAddressCount, but not "
                 "both."):
        new_eni(PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.30"},
                                    {"PrivateIpAddress": "10.0.1.31", "Primary": False}],
                SecondaryPrivateIpAddressCount=1)


def test_without_a_primary_mark_the_first_listed_address_is_primary(ec2, new_eni, subnet_id):
    """Exactly the addresses asked for: no third, picked address; the first is primary."""
    before = free_count(ec2, subnet_id)
    eni_id = new_eni(PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.40"},
                                         {"PrivateIpAddress": "10.0.1.41"}])
    described = eni(ec2, eni_id)
    assert described["PrivateIpAddress"] == "10.0.1.40"
    assert [(p["PrivateIpAddress"], p["Primary"]) for p in described["PrivateIpAddresses"]] == [
        ("10.0.1.40", True), ("10.0.1.41", False)]
    assert free_count(ec2, subnet_id) == before - 2


def test_the_primary_may_be_named_twice(ec2, new_eni):
    """PrivateIpAddress and an unmarked entry naming the same free address are one address."""
    eni_id = new_eni(PrivateIpAddress="10.0.1.41", PrivateIpAddresses=[
        {"PrivateIpAddress": "10.0.1.40"}, {"PrivateIpAddress": "10.0.1.41"}])
    assert private_ips(ec2, eni_id) == ["10.0.1.41", "10.0.1.40"]


def test_one_listed_address_and_a_count(ec2, new_eni):
    eni_id = new_eni(PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.40"}],
                     SecondaryPrivateIpAddressCount=2)
    assert private_ips(ec2, eni_id) == ["10.0.1.40", "10.0.1.4", "10.0.1.5"]


def test_an_interface_has_one_primary_address(cloud, ec2, new_eni):
    with refused(cloud, "InvalidParameterValue", "Only one private IP address can be primary."):
        new_eni(PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.30", "Primary": True},
                                    {"PrivateIpAddress": "10.0.1.31", "Primary": True}])


def test_every_interface_gets_its_own_mac_address(ec2, new_eni):
    macs = {eni(ec2, new_eni())["MacAddress"] for _ in range(5)}
    assert len(macs) == 5


def test_delete_network_interface_frees_its_addresses(ec2, new_eni, subnet_id):
    before = free_count(ec2, subnet_id)
    eni_id = new_eni(SecondaryPrivateIpAddressCount=3)
    ec2.delete_network_interface(NetworkInterfaceId=eni_id)
    assert free_count(ec2, subnet_id) == before
    assert eni_id not in [e["NetworkInterfaceId"]
                          for e in ec2.describe_network_interfaces()["NetworkInterfaces"]]


def test_an_attached_interface_cannot_be_deleted(cloud, ec2, eni_id, instance_id, new_eni):
    with refused(cloud, "InvalidNetworkInterface.InUse", "in use."):
        ec2.delete_network_interface(NetworkInterfaceId=eni_id)
    second = new_eni()
    attach(ec2, second, instance_id, 1)
    with refused(cloud, "InvalidNetworkInterface.InUse", "in use."):
        ec2.delete_network_interface(NetworkInterfaceId=second)


def test_deleting_an_interface_disassociates_its_elastic_ip(ec2, igw, new_eni):
    eni_id = new_eni()
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni_id)
    ec2.delete_network_interface(NetworkInterfaceId=eni_id)
    [kept] = ec2.describe_addresses(AllocationIds=[allocation])["Addresses"]
    assert "AssociationId" not in kept


# -- attach and detach -------------------------------------------------------------------------
def test_attach_answers_the_attachment_and_describe_shows_it(ec2, instance_id, new_eni):
    eni_id = new_eni()
    answer = ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance_id,
                                          DeviceIndex=1)
    assert answer["AttachmentId"].startswith("eni-attach-0")
    assert answer["NetworkCardIndex"] == 0
    described = eni(ec2, eni_id)
    assert described["Status"] == "in-use"
    assert described["Attachment"]["AttachmentId"] == answer["AttachmentId"]
    assert described["Attachment"]["InstanceId"] == instance_id
    assert described["Attachment"]["DeviceIndex"] == 1
    assert described["Attachment"]["DeleteOnTermination"] is False
    interfaces = instance(ec2, instance_id)["NetworkInterfaces"]
    assert [e["NetworkInterfaceId"] for e in interfaces][1] == eni_id


def test_detach_leaves_the_interface_available(ec2, instance_id, new_eni):
    eni_id = new_eni()
    attachment = attach(ec2, eni_id, instance_id, 1)
    assert ec2.detach_network_interface(AttachmentId=attachment)["ResponseMetadata"][
        "HTTPStatusCode"] == 200
    described = eni(ec2, eni_id)
    assert described["Status"] == "available" and "Attachment" not in described
    assert len(instance(ec2, instance_id)["NetworkInterfaces"]) == 1


def test_the_primary_interface_cannot_be_detached(cloud, ec2, instance):
    attachment = instance["NetworkInterfaces"][0]["Attachment"]["AttachmentId"]
    with refused(cloud, "OperationNotPermitted", "The network interface at device index 0 and "
                 "networkCard index 0 cannot be detached."):
        ec2.detach_network_interface(AttachmentId=attachment)


@pytest.mark.parametrize("name, limit", [("t3.medium", 3), ("t3.micro", 2), ("t2.micro", 2),
                                         ("c5.large", 3)])
def test_attach_past_the_types_interface_limit_is_refused(cloud, ec2, launch, new_eni, name,
                                                          limit):
    instance_id = launch(name)["InstanceId"]
    for index in range(1, limit):
        attach(ec2, new_eni(), instance_id, index)
    extra = new_eni()
    with refused(cloud, "AttachmentLimitExceeded",
                 f"Interface count {limit + 1} exceeds the limit for {name}"):
        attach(ec2, extra, instance_id, limit)


def test_one_interface_per_device_index(cloud, ec2, instance_id, new_eni):
    attach(ec2, new_eni(), instance_id, 1)
    second = new_eni()
    with refused(cloud, "InvalidParameterValue",
                 f"Instance '{instance_id}' already has an interface attached at device index "
                 "'1'."):
        attach(ec2, second, instance_id, 1)


def test_an_interface_attached_to_one_instance_cannot_be_attached_to_another(cloud, ec2, launch,
                                                                             instance_id,
                                                                             new_eni):
    eni_id = new_eni()
    attach(ec2, eni_id, instance_id, 1)
    other = launch()["InstanceId"]
    with refused(cloud, "InvalidNetworkInterface.InUse", "in use."):
        attach(ec2, eni_id, other, 1)


def test_interface_and_instance_must_be_in_the_same_zone(cloud, ec2, instance_id, subnet_b_id,
                                                         new_eni):
    far = new_eni(SubnetId=subnet_b_id)
    with refused(cloud, "InvalidParameterValue", f"is in us-east-1b, but instance "
                 f"'{instance_id}' is in us-east-1a: they must be in the same Availability Zone"):
        attach(ec2, far, instance_id, 1)


def test_an_interface_with_ipv6_cannot_attach_to_a_type_without_ipv6(cloud, ec2, launch,
                                                                      new_eni):
    small = launch("m1.small")["InstanceId"]
    holder = new_eni(Ipv6AddressCount=1)
    with refused(cloud, "InvalidParameterValue", "Instance type m1.small does not support IPv6 "
                 "addresses."):
        attach(ec2, holder, small, 1)


def test_an_interface_holding_more_ipv6_than_the_type_allows_cannot_attach(cloud, ec2,
                                                                          instance_id, new_eni):
    """An unattached interface may hold up to 64 IPv6 addresses; t3.medium allows 6. The
    interface's single IPv4 address is well inside that type's IPv4 limit."""
    holder = new_eni(Ipv6AddressCount=7)
    with refused(cloud, "PrivateIpAddressLimitExceeded", "The network interface holds more "
                 "addresses than t3.medium allows per interface."):
        attach(ec2, holder, instance_id, 1)


def default_subnet_in(ec2, zone: str) -> str:
    return ec2.describe_subnets(Filters=[
        {"Name": "default-for-az", "Values": ["true"]},
        {"Name": "availability-zone", "Values": [zone]}])["Subnets"][0]["SubnetId"]


def test_an_interface_of_another_vpc_in_the_same_zone_attaches(ec2, instance, instance_id):
    """Multi-VPC attachment (AWS, since October 2023): a secondary interface may come from
    another VPC of the account; the primary stays in the instance's own subnet."""
    foreign = ec2.create_network_interface(SubnetId=default_subnet_in(ec2, "us-east-1a"))[
        "NetworkInterface"]
    attach(ec2, foreign["NetworkInterfaceId"], instance_id, 1)
    described = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0][
        "Instances"][0]
    assert [(e["Attachment"]["DeviceIndex"], e["VpcId"]) for e in sorted(
        described["NetworkInterfaces"], key=lambda e: e["Attachment"]["DeviceIndex"])] == [
        (0, described["VpcId"]), (1, foreign["VpcId"])]
    assert foreign["VpcId"] != described["VpcId"]
    assert described["SubnetId"] == instance["SubnetId"]


def test_an_interface_of_another_vpc_in_another_zone_is_refused(cloud, ec2, instance_id):
    foreign = ec2.create_network_interface(SubnetId=default_subnet_in(ec2, "us-east-1b"))[
        "NetworkInterface"]["NetworkInterfaceId"]
    with refused(cloud, "InvalidParameterValue", "they must be in the same Availability Zone"):
        attach(ec2, foreign, instance_id, 1)


def test_an_interface_from_another_subnet_of_the_same_zone_attaches(ec2, instance_id,
                                                                    ipv4_only_subnet_id,
                                                                    new_eni):
    other = new_eni(SubnetId=ipv4_only_subnet_id)
    attach(ec2, other, instance_id, 1)
    assert eni(ec2, other)["Attachment"]["InstanceId"] == instance_id


def test_attach_and_detach_work_on_a_stopped_instance(ec2, instance_id, new_eni):
    ec2.stop_instances(InstanceIds=[instance_id])
    eni_id = new_eni()
    attachment = attach(ec2, eni_id, instance_id, 1)
    assert eni(ec2, eni_id)["Status"] == "in-use"
    ec2.detach_network_interface(AttachmentId=attachment)
    assert eni(ec2, eni_id)["Status"] == "available"


def test_attach_to_a_terminated_instance_is_refused(cloud, ec2, instance_id, new_eni):
    eni_id = new_eni()
    ec2.terminate_instances(InstanceIds=[instance_id])
    with refused(cloud, "IncorrectInstanceState",
                 "state from which it can attach a network interface"):
        attach(ec2, eni_id, instance_id, 1)


def test_a_detached_interface_keeps_everything(ec2, igw, vpc_id, instance_id, new_eni):
    group = ec2.create_security_group(GroupName="app", Description="app",
                                      VpcId=vpc_id)["GroupId"]
    eni_id = new_eni(Groups=[group], SecondaryPrivateIpAddressCount=2, Ipv6AddressCount=2)
    attachment = attach(ec2, eni_id, instance_id, 1)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)
    allocation = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni_id,
                          PrivateIpAddress=private_ips(ec2, eni_id)[1])
    attached = eni(ec2, eni_id)
    ec2.detach_network_interface(AttachmentId=attachment)
    detached = eni(ec2, eni_id)
    for key in ("PrivateIpAddresses", "Ipv6Addresses", "Ipv4Prefixes", "Groups", "MacAddress",
                "PrivateIpAddress", "SubnetId"):
        assert detached[key] == attached[key], key
    assert detached["PrivateIpAddresses"][1]["Association"]["PublicIp"] == allocation["PublicIp"]


def test_an_additional_interface_moves_to_another_instance(ec2, launch, instance_id, new_eni):
    eni_id = new_eni(SecondaryPrivateIpAddressCount=1)
    addresses = private_ips(ec2, eni_id)
    attachment = attach(ec2, eni_id, instance_id, 1)
    ec2.detach_network_interface(AttachmentId=attachment)
    other = launch()["InstanceId"]
    attach(ec2, eni_id, other, 1)
    assert eni(ec2, eni_id)["Attachment"]["InstanceId"] == other
    assert private_ips(ec2, eni_id) == addresses
    moved = [e["NetworkInterfaceId"] for e in instance(ec2, other)["NetworkInterfaces"]]
    assert eni_id in moved


def test_attaching_an_interface_holding_more_addresses_than_the_type_allows_is_refused(
        cloud, ec2, launch, new_eni):
    small = launch("t3.micro")["InstanceId"]  # 2 IPv4 addresses per interface
    crowded = new_eni(SecondaryPrivateIpAddressCount=2)
    with refused(cloud, "PrivateIpAddressLimitExceeded",
                 "interface holds more addresses than t3.micro allows per interface."):
        attach(ec2, crowded, small, 1)


# -- modify ------------------------------------------------------------------------------------
def test_modify_description_and_source_dest_check(ec2, eni_id):
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id,
                                           Description={"Value": "front door"})
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id,
                                           SourceDestCheck={"Value": False})
    described = eni(ec2, eni_id)
    assert described["Description"] == "front door"
    assert described["SourceDestCheck"] is False


def test_modify_attachment_delete_on_termination(ec2, instance_id, new_eni):
    eni_id = new_eni()
    attachment = attach(ec2, eni_id, instance_id, 1)
    ec2.modify_network_interface_attribute(
        NetworkInterfaceId=eni_id,
        Attachment={"AttachmentId": attachment, "DeleteOnTermination": True})
    assert eni(ec2, eni_id)["Attachment"]["DeleteOnTermination"] is True


def test_modify_attachment_of_another_attachment_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidAttachmentID.NotFound", "Interface attachment"):
        ec2.modify_network_interface_attribute(
            NetworkInterfaceId=eni_id,
            Attachment={"AttachmentId": "eni-attach-0123456789abcdef0",
                        "DeleteOnTermination": False})


def test_modify_two_attributes_at_once_is_refused(cloud, ec2, eni_id):
    with refused(cloud, "InvalidParameterCombination", "Specify exactly one attribute to modify."):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id,
                                               Description={"Value": "x"},
                                               SourceDestCheck={"Value": False})


# -- security groups belong to interfaces ----------------------------------------------------
def test_security_groups_belong_to_each_interface(ec2, vpc_id, instance_id, eni_id, new_eni):
    web = ec2.create_security_group(GroupName="web", Description="w", VpcId=vpc_id)["GroupId"]
    admin = ec2.create_security_group(GroupName="admin", Description="a",
                                      VpcId=vpc_id)["GroupId"]
    second = new_eni(Groups=[admin])
    attach(ec2, second, instance_id, 1)
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Groups=[web])
    assert [g["GroupId"] for g in eni(ec2, eni_id)["Groups"]] == [web]
    assert [g["GroupId"] for g in eni(ec2, second)["Groups"]] == [admin]
    seen = instance(ec2, instance_id)
    assert [g["GroupId"] for g in seen["SecurityGroups"]] == [web]
    assert [[g["GroupId"] for g in e["Groups"]] for e in seen["NetworkInterfaces"]] == [
        [web], [admin]]


def test_adding_an_address_does_not_change_the_interfaces_groups(ec2, vpc_id, eni_id):
    web = ec2.create_security_group(GroupName="web", Description="w", VpcId=vpc_id)["GroupId"]
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Groups=[web])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    assert [g["GroupId"] for g in eni(ec2, eni_id)["Groups"]] == [web]


def test_an_interface_takes_one_to_five_security_groups(cloud, ec2, vpc_id, eni_id):
    groups = [ec2.create_security_group(GroupName=f"g{n}", Description="g",
                                        VpcId=vpc_id)["GroupId"] for n in range(6)]
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Groups=groups[:5])
    assert len(eni(ec2, eni_id)["Groups"]) == 5
    with refused(cloud, "InvalidParameterValue",
                 "network interface needs from 1 to 5 security groups."):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Groups=groups)
    with refused(cloud, "InvalidParameterValue",
                 "network interface needs from 1 to 5 security groups."):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Groups=[])


def test_a_group_of_another_vpc_is_refused(cloud, ec2, eni_id):
    elsewhere = ec2.describe_security_groups(
        Filters=[{"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
    foreign = [g["GroupId"] for g in elsewhere if g["VpcId"] != eni(ec2, eni_id)["VpcId"]]
    with refused(cloud, "InvalidParameter", f"Security group {foreign[0]} and subnet "
                 f"{eni(ec2, eni_id)['SubnetId']} belong to different networks."):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Groups=foreign[:1])


def test_a_new_interface_with_a_group_of_another_vpc_is_refused(cloud, ec2, subnet_id):
    foreign = [g["GroupId"] for g in ec2.describe_security_groups(Filters=[
        {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
        if g["VpcId"] != ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]["VpcId"]]
    with refused(cloud, "InvalidParameter", f"Security group {foreign[0]} and subnet "
                 f"{subnet_id} belong to different networks."):
        ec2.create_network_interface(SubnetId=subnet_id, Groups=foreign[:1])
