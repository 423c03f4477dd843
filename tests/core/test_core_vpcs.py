"""VPCs, subnets, internet gateways, security groups and zones; the address-space rules."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import free_count, ipv6_subnet_block
from netaddr import IPNetwork


# -- the account as it starts ----------------------------------------------------------------
def test_new_account_has_a_default_vpc_with_a_default_subnet_per_zone_and_a_gateway(ec2):
    vpcs = ec2.describe_vpcs()["Vpcs"]
    assert [(v["CidrBlock"], v["IsDefault"]) for v in vpcs] == [("172.31.0.0/16", True)]
    subnets = ec2.describe_subnets()["Subnets"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    assert sorted(s["AvailabilityZone"] for s in subnets) == zones
    assert all(s["DefaultForAz"] and s["MapPublicIpOnLaunch"] for s in subnets)
    assert all(IPNetwork(s["CidrBlock"]) in IPNetwork("172.31.0.0/16") for s in subnets)
    gateways = ec2.describe_internet_gateways()["InternetGateways"]
    assert gateways[0]["Attachments"] == [{"State": "available", "VpcId": vpcs[0]["VpcId"]}]


def test_describe_availability_zones(ec2):
    zones = ec2.describe_availability_zones()["AvailabilityZones"]
    assert [z["ZoneName"] for z in zones] == [f"us-east-1{c}" for c in "abcdef"]
    assert {z["RegionName"] for z in zones} == {"us-east-1"}
    assert {z["State"] for z in zones} == {"available"}
    assert zones[0]["ZoneId"] == "use1-az1"
    picked = ec2.describe_availability_zones(ZoneNames=["us-east-1b"])["AvailabilityZones"]
    assert [z["ZoneName"] for z in picked] == ["us-east-1b"]
    by_filter = ec2.describe_availability_zones(
        Filters=[{"Name": "zone-name", "Values": ["us-east-1c"]}])["AvailabilityZones"]
    assert [z["ZoneName"] for z in by_filter] == ["us-east-1c"]


def test_describe_availability_zones_refuses_an_unknown_zone(cloud, ec2):
    with refused(cloud, "InvalidParameterValue", "Invalid availability zone"):
        ec2.describe_availability_zones(ZoneNames=["us-east-1z"])


# -- VPCs ------------------------------------------------------------------------------------
def test_create_vpc_answers_the_vpc(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]
    assert vpc["VpcId"].startswith("vpc-0") and len(vpc["VpcId"]) == 21
    assert vpc["CidrBlock"] == "10.0.0.0/16"
    assert vpc["State"] == "available"
    assert vpc["IsDefault"] is False
    assert vpc["CidrBlockAssociationSet"][0]["CidrBlock"] == "10.0.0.0/16"
    assert "Ipv6CidrBlockAssociationSet" not in vpc


def test_create_vpc_with_amazon_ipv6_gets_a_56_from_the_documentation_range(vpc):
    association = vpc["Ipv6CidrBlockAssociationSet"][0]
    block = IPNetwork(association["Ipv6CidrBlock"])
    assert block.prefixlen == 56
    assert block in IPNetwork("2001:db8::/32")
    assert association["Ipv6CidrBlockState"] == {"State": "associated"}


def test_every_vpc_gets_its_own_ipv6_block(ec2, vpc):
    other = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    blocks = {v["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] for v in (vpc, other)}
    assert len(blocks) == 2


def test_a_new_vpc_has_a_default_security_group(ec2, vpc_id):
    groups = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]
    assert [g["GroupName"] for g in groups] == ["default"]


@pytest.mark.parametrize("cidr", ["10.0.0.0/16", "10.0.0.0/28", "192.168.0.0/20"])
def test_vpc_ipv4_block_may_be_from_16_to_28(ec2, cidr):
    assert ec2.create_vpc(CidrBlock=cidr)["Vpc"]["CidrBlock"] == cidr


@pytest.mark.parametrize("cidr", ["10.0.0.0/15", "10.0.0.0/29"])
def test_vpc_ipv4_block_outside_16_to_28_is_refused(cloud, ec2, cidr):
    with refused(cloud, "InvalidVpc.Range", "invalid: a VPC's IPv4 block must be from /16"):
        ec2.create_vpc(CidrBlock=cidr)


@pytest.mark.parametrize("cidr", ["10.0.0.1", "10.0.0.0/x", "10.0.0.300/16", "vpc", ""])
def test_vpc_cidr_that_is_not_a_block_is_refused(cloud, ec2, cidr):
    with refused(cloud, "InvalidParameterValue",
                 f"Value ({cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR "
                 "block."):
        ec2.create_vpc(CidrBlock=cidr)


def test_a_vpc_cidr_with_host_bits_is_made_canonical(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.1.2.3/16")["Vpc"]
    assert vpc["CidrBlock"] == "10.1.0.0/16"
    assert vpc["CidrBlockAssociationSet"][0]["CidrBlock"] == "10.1.0.0/16"


def test_a_subnet_cidr_with_host_bits_is_made_canonical(ec2, vpc_id):
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.47.97/20")["Subnet"]
    assert subnet["CidrBlock"] == "10.0.32.0/20"
    assert subnet["AvailableIpAddressCount"] == 4096 - 5
    picked = ec2.create_network_interface(SubnetId=subnet["SubnetId"])["NetworkInterface"]
    assert picked["PrivateIpAddress"] == "10.0.32.4"


def test_describe_vpcs_by_id(ec2, vpc_id):
    vpcs = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"]
    assert [v["VpcId"] for v in vpcs] == [vpc_id]


def test_associate_vpc_cidr_block_adds_an_amazon_ipv6_block(ec2):
    vpc_id = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    answer = ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)
    assert answer["VpcId"] == vpc_id
    block = answer["Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"]
    assert IPNetwork(block).prefixlen == 56
    vpc = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]
    assert vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] == block


def test_a_vpc_takes_up_to_five_amazon_ipv6_blocks(cloud, ec2, vpc_id, vpc_ipv6):
    added = [ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)[
        "Ipv6CidrBlockAssociation"] for _ in range(4)]
    blocks = [vpc_ipv6, *(a["Ipv6CidrBlock"] for a in added)]
    assert len(set(blocks)) == 5 and all(IPNetwork(b).prefixlen == 56 for b in blocks)
    shown = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"]
    assert [a["Ipv6CidrBlock"] for a in shown] == blocks
    assert [a["AssociationId"] for a in shown[1:]] == [a["AssociationId"] for a in added]
    with refused(cloud, "CidrLimitExceeded", f"The VPC {vpc_id} already has 5 IPv6 CIDR "
                 "blocks, the most a VPC may have."):
        ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)


def test_the_amazon_ipv6_blocks_of_a_seed_stay_what_the_notebooks_show(ec2):
    """Seed 0's first block is the one the committed notebooks print."""
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    assert vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] == "2001:db8:a884:6d00::/56"


def test_a_subnet_and_a_route_may_use_any_ipv6_block_of_the_vpc(ec2, vpc_id, igw):
    block = ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)[
        "Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"]
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.8.0/24",
                               Ipv6CidrBlock=ipv6_subnet_block(block, 2))["Subnet"]
    assert subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] == ipv6_subnet_block(
        block, 2)
    table = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])[
        "RouteTables"][0]
    local = [r.get("DestinationIpv6CidrBlock") for r in table["Routes"]]
    assert block in local


def test_delete_vpc(ec2):
    vpc_id = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    ec2.delete_vpc(VpcId=vpc_id)
    assert vpc_id not in [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]]
    assert not ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]


def test_delete_vpc_with_a_subnet_is_refused(cloud, ec2, vpc_id, subnet_id):
    with refused(cloud, "DependencyViolation", "has dependencies and cannot be deleted."):
        ec2.delete_vpc(VpcId=vpc_id)


# -- subnets -----------------------------------------------------------------------------------
def test_create_subnet_answers_the_subnet(subnet, vpc_id, vpc_ipv6):
    assert subnet["SubnetId"].startswith("subnet-0")
    assert subnet["VpcId"] == vpc_id
    assert subnet["CidrBlock"] == "10.0.1.0/24"
    assert subnet["AvailabilityZone"] == "us-east-1a"
    assert subnet["AvailabilityZoneId"] == "use1-az1"
    assert subnet["State"] == "available"
    assert subnet["MapPublicIpOnLaunch"] is False
    assert subnet["DefaultForAz"] is False
    ipv6 = IPNetwork(subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])
    assert ipv6.prefixlen == 64 and ipv6 in IPNetwork(vpc_ipv6)


def test_describe_subnets_by_id(ec2, subnet_id):
    assert [s["SubnetId"] for s in ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"]] == [
        subnet_id]


def test_subnet_must_be_inside_its_vpc(cloud, ec2, vpc_id):
    with refused(cloud, "InvalidSubnet.Range", "The CIDR '10.1.0.0/24' is invalid."):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.0.0/24")


@pytest.mark.parametrize("cidr", ["10.0.0.0/15", "10.0.0.0/29"])
def test_subnet_ipv4_block_outside_16_to_28_is_refused(cloud, ec2, vpc_id, cidr):
    with refused(cloud, "InvalidSubnet.Range", f"The CIDR '{cidr}' is invalid."):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr)


def test_subnets_of_a_vpc_may_not_overlap(cloud, ec2, vpc_id, subnet_id):
    with refused(cloud, "InvalidSubnet.Conflict", "conflicts with another subnet"):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.128/25")


def test_subnet_in_an_unknown_zone_is_refused(cloud, ec2, vpc_id):
    with refused(cloud, "InvalidParameterValue", "Value (eu-west-1a) for parameter "
                 "availabilityZone is invalid."):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.9.0/24", AvailabilityZone="eu-west-1a")


def test_subnet_ipv6_block_must_be_a_64_inside_the_vpcs_56(cloud, ec2, vpc_id, vpc_ipv6):
    inside = IPNetwork(vpc_ipv6)
    with refused(cloud, "InvalidSubnet.Range", "invalid: a subnet's IPv6 block must be a /64"):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.9.0/24",
                          Ipv6CidrBlock=f"{inside.network}/60")
    with refused(cloud, "InvalidSubnet.Range", "invalid: a subnet's IPv6 block must be a /64"):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.9.0/24", Ipv6CidrBlock="2001:db9::/64")


def test_subnet_ipv6_block_must_be_aligned(cloud, ec2, vpc_id, vpc_ipv6):
    """Unlike an IPv4 block, an IPv6 subnet block with host bits is not rewritten."""
    unaligned = f"{IPNetwork(vpc_ipv6).network + 1}/64"
    with refused(cloud, "InvalidParameterValue", f"Value ({unaligned}) for parameter "
                 "ipv6CidrBlock is invalid. This is not a valid CIDR block."):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.9.0/24", Ipv6CidrBlock=unaligned)


def test_two_subnets_may_not_share_an_ipv6_block(cloud, ec2, vpc_id, subnet_ipv6):
    with refused(cloud, "InvalidSubnet.Conflict", "conflicts with another subnet"):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.9.0/24", Ipv6CidrBlock=subnet_ipv6)


def test_subnet_ipv6_needs_a_vpc_with_ipv6(cloud, ec2):
    vpc_id = ec2.create_vpc(CidrBlock="10.5.0.0/16")["Vpc"]["VpcId"]
    with refused(cloud, "InvalidParameterValue", "has no IPv6 CIDR block: associate one"):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.5.1.0/24",
                          Ipv6CidrBlock="2001:db8::/64")


def test_associate_subnet_cidr_block(ec2, ipv4_only_subnet_id, vpc_ipv6):
    block = ipv6_subnet_block(vpc_ipv6, 5)
    answer = ec2.associate_subnet_cidr_block(SubnetId=ipv4_only_subnet_id, Ipv6CidrBlock=block)
    assert answer["SubnetId"] == ipv4_only_subnet_id
    assert answer["Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"] == block
    subnet = ec2.describe_subnets(SubnetIds=[ipv4_only_subnet_id])["Subnets"][0]
    assert subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] == block


def test_associate_subnet_cidr_block_outside_the_vpc_block_is_refused(cloud, ec2,
                                                                      ipv4_only_subnet_id):
    with refused(cloud, "InvalidSubnet.Range", "invalid: a subnet's IPv6 block must be a /64"):
        ec2.associate_subnet_cidr_block(SubnetId=ipv4_only_subnet_id,
                                        Ipv6CidrBlock="2001:db9:1:2::/64")


def test_associate_subnet_cidr_block_refuses_a_second_block(cloud, ec2, subnet_id, vpc_ipv6):
    with refused(cloud, "InvalidParameterValue", "already has an IPv6 CIDR block."):
        ec2.associate_subnet_cidr_block(SubnetId=subnet_id,
                                        Ipv6CidrBlock=ipv6_subnet_block(vpc_ipv6, 7))


def test_modify_subnet_attribute_map_public_ip_on_launch(ec2, subnet_id):
    ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True})
    assert ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]["MapPublicIpOnLaunch"]


def test_modify_subnet_attribute_assign_ipv6_on_creation(ec2, subnet_id, new_eni):
    ec2.modify_subnet_attribute(SubnetId=subnet_id,
                                AssignIpv6AddressOnCreation={"Value": True})
    subnet = ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]
    assert subnet["AssignIpv6AddressOnCreation"] is True
    eni = ec2.describe_network_interfaces(NetworkInterfaceIds=[new_eni()])["NetworkInterfaces"][0]
    assert len(eni["Ipv6Addresses"]) == 1


def test_assign_ipv6_on_creation_needs_an_ipv6_block(cloud, ec2, ipv4_only_subnet_id):
    with refused(cloud, "InvalidParameterValue", "has no IPv6 CIDR block."):
        ec2.modify_subnet_attribute(SubnetId=ipv4_only_subnet_id,
                                    AssignIpv6AddressOnCreation={"Value": True})


def test_delete_subnet(ec2, ipv4_only_subnet_id):
    ec2.delete_subnet(SubnetId=ipv4_only_subnet_id)
    assert ipv4_only_subnet_id not in [s["SubnetId"] for s in ec2.describe_subnets()["Subnets"]]


def test_delete_subnet_with_an_interface_is_refused(cloud, ec2, subnet_id, new_eni):
    new_eni()
    with refused(cloud, "DependencyViolation", "has dependencies and cannot be deleted."):
        ec2.delete_subnet(SubnetId=subnet_id)


# -- reserved addresses and the free count ---------------------------------------------------
def test_a_24_has_251_addresses_to_give(subnet):
    assert subnet["AvailableIpAddressCount"] == 256 - 5


@pytest.mark.parametrize("last_octet", [0, 1, 2, 3, 255])
def test_the_five_reserved_ipv4_addresses_are_never_assigned(cloud, ec2, subnet_id, new_eni,
                                                             last_octet):
    with refused(cloud, "InvalidParameterValue", "reserved"):
        new_eni(PrivateIpAddress=f"10.0.1.{last_octet}")
    target = new_eni()
    with refused(cloud, "InvalidParameterValue", "reserved"):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=target,
                                        PrivateIpAddresses=[f"10.0.1.{last_octet}"])


def test_auto_assign_never_picks_a_reserved_address_and_stops_when_full(cloud, ec2, vpc_id):
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.200.0/28")["Subnet"]["SubnetId"]
    assert free_count(ec2, subnet_id) == 11
    eni_id = ec2.create_network_interface(SubnetId=subnet_id, SecondaryPrivateIpAddressCount=10)[
        "NetworkInterface"]["NetworkInterfaceId"]
    got = [p["PrivateIpAddress"] for p in ec2.describe_network_interfaces(
        NetworkInterfaceIds=[eni_id])["NetworkInterfaces"][0]["PrivateIpAddresses"]]
    assert got == [f"10.0.200.{n}" for n in range(4, 15)]
    assert free_count(ec2, subnet_id) == 0
    with refused(cloud, "InsufficientFreeAddressesInSubnet",
                 "not have enough free addresses to satisfy the request."):
        ec2.create_network_interface(SubnetId=subnet_id)


def test_first_auto_picked_addresses_follow_the_reserved_ones(new_eni, ec2):
    first = new_eni()
    second = new_eni()
    eni = ec2.describe_network_interfaces(NetworkInterfaceIds=[first, second])
    assert [e["PrivateIpAddress"] for e in eni["NetworkInterfaces"]] == ["10.0.1.4", "10.0.1.5"]


@pytest.mark.parametrize("offset", [0, 1, 2, 3, -1])
def test_the_reserved_ipv6_addresses_are_never_assigned(cloud, ec2, new_eni, subnet_ipv6,
                                                        offset):
    block = IPNetwork(subnet_ipv6)
    reserved = str(block[offset])
    target = new_eni()
    with refused(cloud, "InvalidParameterValue",
                 "the last address of every subnet are never assigned."):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=target, Ipv6Addresses=[reserved])


def test_auto_picked_ipv6_starts_after_the_reserved_ones(ec2, new_eni, subnet_ipv6):
    target = new_eni()
    got = ec2.assign_ipv6_addresses(NetworkInterfaceId=target, Ipv6AddressCount=2)
    block = IPNetwork(subnet_ipv6)
    assert got["AssignedIpv6Addresses"] == [str(block[4]), str(block[5])]


def test_available_count_drops_by_one_per_address(ec2, subnet_id, new_eni):
    start = free_count(ec2, subnet_id)
    eni_id = new_eni()
    assert free_count(ec2, subnet_id) == start - 1
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=3)
    assert free_count(ec2, subnet_id) == start - 4
    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                      PrivateIpAddresses=["10.0.1.5"])
    assert free_count(ec2, subnet_id) == start - 3
    ec2.delete_network_interface(NetworkInterfaceId=eni_id)
    assert free_count(ec2, subnet_id) == start


def test_ipv6_addresses_do_not_count_against_the_ipv4_free_count(ec2, subnet_id, new_eni):
    eni_id = new_eni()
    start = free_count(ec2, subnet_id)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=3)
    assert free_count(ec2, subnet_id) == start


def test_a_stopped_instances_addresses_still_count_as_used(ec2, subnet_id, instance_id, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=2)
    running = free_count(ec2, subnet_id)
    ec2.stop_instances(InstanceIds=[instance_id])
    assert free_count(ec2, subnet_id) == running
    ec2.terminate_instances(InstanceIds=[instance_id])
    assert free_count(ec2, subnet_id) == running + 3


# -- internet gateways -------------------------------------------------------------------------
def test_internet_gateway_create_attach_describe_detach_delete(ec2, vpc_id):
    igw = ec2.create_internet_gateway()["InternetGateway"]
    igw_id = igw["InternetGatewayId"]
    assert igw_id.startswith("igw-0") and igw["Attachments"] == []
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
    found = ec2.describe_internet_gateways(InternetGatewayIds=[igw_id])["InternetGateways"][0]
    assert found["Attachments"] == [{"State": "available", "VpcId": vpc_id}]
    ec2.detach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
    found = ec2.describe_internet_gateways(InternetGatewayIds=[igw_id])["InternetGateways"][0]
    assert found["Attachments"] == []
    ec2.delete_internet_gateway(InternetGatewayId=igw_id)
    assert igw_id not in [g["InternetGatewayId"]
                          for g in ec2.describe_internet_gateways()["InternetGateways"]]


def test_a_vpc_takes_one_internet_gateway(cloud, ec2, vpc_id, igw):
    other = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    with refused(cloud, "Resource.AlreadyAssociated", "already has an internet gateway attached"):
        ec2.attach_internet_gateway(InternetGatewayId=other, VpcId=vpc_id)


def test_detaching_a_gateway_that_is_not_attached_there_is_refused(cloud, ec2, vpc_id):
    igw_id = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    with refused(cloud, "Gateway.NotAttached", "is not attached to network"):
        ec2.detach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)


def test_detaching_a_gateway_while_an_elastic_ip_is_mapped_is_refused(cloud, ec2, vpc_id, igw,
                                                                      eni_id):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni_id)
    with refused(cloud, "DependencyViolation", ". Please unmap those public address"):
        ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc_id)


def test_deleting_an_attached_gateway_is_refused(cloud, ec2, igw):
    with refused(cloud, "DependencyViolation", "has dependencies and cannot be deleted."):
        ec2.delete_internet_gateway(InternetGatewayId=igw)


# -- security groups ---------------------------------------------------------------------------
def test_security_group_create_describe_delete(ec2, vpc_id):
    created = ec2.create_security_group(GroupName="web", Description="web servers",
                                        VpcId=vpc_id)
    group_id = created["GroupId"]
    assert group_id.startswith("sg-0")
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    assert (group["GroupName"], group["Description"], group["VpcId"]) == (
        "web", "web servers", vpc_id)
    assert ec2.delete_security_group(GroupId=group_id)["Return"] is True
    assert group_id not in [g["GroupId"] for g in ec2.describe_security_groups()[
        "SecurityGroups"]]


def test_security_group_names_are_unique_per_vpc(cloud, ec2, vpc_id):
    ec2.create_security_group(GroupName="web", Description="one", VpcId=vpc_id)
    with refused(cloud, "InvalidGroup.Duplicate", "already exists for VPC"):
        ec2.create_security_group(GroupName="web", Description="two", VpcId=vpc_id)


def test_a_group_in_use_by_an_interface_cannot_be_deleted(cloud, ec2, vpc_id, new_eni):
    group_id = ec2.create_security_group(GroupName="web", Description="web",
                                         VpcId=vpc_id)["GroupId"]
    new_eni(Groups=[group_id])
    with refused(cloud, "DependencyViolation", "has a dependent object"):
        ec2.delete_security_group(GroupId=group_id)


def test_the_default_group_cannot_be_deleted(cloud, ec2, vpc_id):
    default = ec2.describe_security_groups(Filters=[
        {"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": ["default"]},
    ])["SecurityGroups"][0]["GroupId"]
    with refused(cloud, "CannotDelete", "cannot be deleted by a user"):
        ec2.delete_security_group(GroupId=default)
