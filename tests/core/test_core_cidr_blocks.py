"""A VPC's secondary IPv4 blocks, and giving VPC and subnet blocks back."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import ipv6_subnet_block


@pytest.fixture
def small_vpc(ec2) -> dict:
    return ec2.create_vpc(CidrBlock="10.0.0.0/24", AmazonProvidedIpv6CidrBlock=True)["Vpc"]


def add_block(ec2, vpc_id: str, cidr: str) -> dict:
    return ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock=cidr)


def described(ec2, vpc_id: str) -> dict:
    return ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]


# -- secondary IPv4 blocks -----------------------------------------------------------------
def test_a_secondary_ipv4_block_gives_room_for_subnets(ec2, small_vpc):
    vpc_id = small_vpc["VpcId"]
    answer = add_block(ec2, vpc_id, "10.1.0.0/16")
    association = answer["CidrBlockAssociation"]
    assert answer["VpcId"] == vpc_id and association["CidrBlock"] == "10.1.0.0/16"
    assert association["AssociationId"].startswith("vpc-cidr-assoc-")
    assert association["CidrBlockState"] == {"State": "associating"}
    vpc = described(ec2, vpc_id)
    assert vpc["CidrBlock"] == "10.0.0.0/24"
    assert [(a["CidrBlock"], a["CidrBlockState"]["State"]) for a in
            vpc["CidrBlockAssociationSet"]] == [("10.0.0.0/24", "associated"),
                                                ("10.1.0.0/16", "associated")]
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.5.0/24",
                               AvailabilityZone="us-east-1a")["Subnet"]
    assert subnet["AvailableIpAddressCount"] == 251
    routes = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])[
        "RouteTables"][0]["Routes"]
    assert [r.get("DestinationCidrBlock") for r in routes if r["GatewayId"] == "local"][:2] == [
        "10.0.0.0/24", "10.1.0.0/16"]
    by_filter = ec2.describe_vpcs(Filters=[{"Name": "cidr-block-association.cidr-block",
                                            "Values": ["10.1.0.0/16"]}])["Vpcs"]
    assert [v["VpcId"] for v in by_filter] == [vpc_id]


def test_a_subnet_outside_every_block_is_still_refused(cloud, ec2, small_vpc):
    add_block(ec2, small_vpc["VpcId"], "10.1.0.0/16")
    with refused(cloud, "InvalidSubnet.Range", "10.2.0.0/24"):
        ec2.create_subnet(VpcId=small_vpc["VpcId"], CidrBlock="10.2.0.0/24")


def test_a_secondary_block_may_not_overlap_the_vpc_blocks(cloud, ec2, small_vpc):
    vpc_id = small_vpc["VpcId"]
    add_block(ec2, vpc_id, "10.1.0.0/16")
    with refused(cloud, "InvalidVpc.Range", "overlaps 10.0.0.0/24"):
        add_block(ec2, vpc_id, "10.0.0.128/25")
    with refused(cloud, "InvalidVpc.Range", "overlaps 10.1.0.0/16"):
        add_block(ec2, vpc_id, "10.1.4.0/24")


def test_a_secondary_block_keeps_to_the_primary_private_range(cloud, ec2, small_vpc):
    vpc_id = small_vpc["VpcId"]
    for other in ("192.168.0.0/16", "172.16.0.0/16", "198.19.0.0/16"):
        with refused(cloud, "InvalidVpc.Range", f"The CIDR '{other}' is restricted"):
            add_block(ec2, vpc_id, other)
    add_block(ec2, vpc_id, "100.64.0.0/16")  # shared address space is allowed
    add_block(ec2, vpc_id, "203.0.113.0/24")  # so is a publicly routable block
    public = ec2.create_vpc(CidrBlock="198.51.100.0/24")["Vpc"]["VpcId"]
    with refused(cloud, "InvalidVpc.Range", "The CIDR '10.0.0.0/16' is restricted"):
        add_block(ec2, public, "10.0.0.0/16")


def test_a_secondary_block_has_a_vpc_block_size(cloud, ec2, small_vpc):
    with refused(cloud, "InvalidVpc.Range", "from /16 to /28"):
        add_block(ec2, small_vpc["VpcId"], "10.0.0.0/15")
    with refused(cloud, "InvalidVpc.Range", "from /16 to /28"):
        add_block(ec2, small_vpc["VpcId"], "10.9.0.0/29")


def test_five_ipv4_blocks_at_most(cloud, ec2, small_vpc):
    vpc_id = small_vpc["VpcId"]
    for n in range(1, 5):
        add_block(ec2, vpc_id, f"10.{n}.0.0/16")
    with refused(cloud, "CidrLimitExceeded", "maximum number of allowed CIDRs: 5"):
        add_block(ec2, vpc_id, "10.5.0.0/16")


def test_ipv4_and_ipv6_in_one_request_are_refused(cloud, ec2, small_vpc):
    with refused(cloud, "InvalidParameterCombination", "not both"):
        ec2.associate_vpc_cidr_block(VpcId=small_vpc["VpcId"], CidrBlock="10.1.0.0/16",
                                     AmazonProvidedIpv6CidrBlock=True)


# -- disassociate_vpc_cidr_block -----------------------------------------------------------
def test_a_secondary_block_is_given_back_once_its_subnets_are_gone(cloud, ec2, small_vpc):
    vpc_id = small_vpc["VpcId"]
    association_id = add_block(ec2, vpc_id, "10.1.0.0/16")["CidrBlockAssociation"][
        "AssociationId"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.5.0/24")["Subnet"]["SubnetId"]
    with refused(cloud, "InvalidCidrBlock.InUse",
                 f"The vpc {vpc_id} currently has a subnet within CIDR block 10.1.0.0/16"):
        ec2.disassociate_vpc_cidr_block(AssociationId=association_id)
    ec2.delete_subnet(SubnetId=subnet_id)
    answer = ec2.disassociate_vpc_cidr_block(AssociationId=association_id)
    assert answer["VpcId"] == vpc_id
    assert answer["CidrBlockAssociation"] == {"AssociationId": association_id,
                                              "CidrBlock": "10.1.0.0/16",
                                              "CidrBlockState": {"State": "disassociating"}}
    assert [a["CidrBlock"] for a in described(ec2, vpc_id)["CidrBlockAssociationSet"]] == [
        "10.0.0.0/24"]
    with refused(cloud, "InvalidSubnet.Range", "10.1.5.0/24"):
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.5.0/24")


def test_the_primary_ipv4_block_stays(cloud, ec2, small_vpc):
    primary = small_vpc["CidrBlockAssociationSet"][0]["AssociationId"]
    with refused(cloud, "OperationNotPermitted", "It is the primary IPv4 CIDR block"):
        ec2.disassociate_vpc_cidr_block(AssociationId=primary)


def test_an_unknown_association_is_refused(cloud, ec2):
    with refused(cloud, "InvalidVpcCidrBlockAssociationID.NotFound",
                 "vpc-cidr-assoc-0123456789abcdef0"):
        ec2.disassociate_vpc_cidr_block(AssociationId="vpc-cidr-assoc-0123456789abcdef0")
    with refused(cloud, "InvalidSubnetCidrBlockAssociationID.NotFound",
                 "subnet-cidr-assoc-0123456789abcdef0"):
        ec2.disassociate_subnet_cidr_block(AssociationId="subnet-cidr-assoc-0123456789abcdef0")


def test_the_vpc_ipv6_block_is_given_back_once_no_subnet_uses_it(cloud, ec2, small_vpc):
    vpc_id = small_vpc["VpcId"]
    association = small_vpc["Ipv6CidrBlockAssociationSet"][0]
    block = association["Ipv6CidrBlock"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.0.0/28",
                                  Ipv6CidrBlock=ipv6_subnet_block(block, 0))["Subnet"]["SubnetId"]
    with refused(cloud, "InvalidCidrBlock.InUse", f"a subnet within CIDR block {block}"):
        ec2.disassociate_vpc_cidr_block(AssociationId=association["AssociationId"])
    ec2.delete_subnet(SubnetId=subnet_id)
    answer = ec2.disassociate_vpc_cidr_block(AssociationId=association["AssociationId"])
    assert answer["Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"] == block
    assert answer["Ipv6CidrBlockAssociation"]["Ipv6CidrBlockState"] == {
        "State": "disassociating"}
    assert described(ec2, vpc_id).get("Ipv6CidrBlockAssociationSet", []) == []
    routes = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])[
        "RouteTables"][0]["Routes"]
    assert not [r for r in routes if r.get("DestinationIpv6CidrBlock")]


# -- disassociate_subnet_cidr_block --------------------------------------------------------
def test_a_subnet_ipv6_block_is_given_back_once_its_addresses_are(cloud, ec2, subnet_id,
                                                                  subnet, new_eni):
    association_id = subnet["Ipv6CidrBlockAssociationSet"][0]["AssociationId"]
    eni_id = new_eni(Ipv6AddressCount=1)
    with refused(cloud, "InvalidCidrBlock.InUse", f"network interface {eni_id} still has IPv6"):
        ec2.disassociate_subnet_cidr_block(AssociationId=association_id)
    address = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni_id])[
        "NetworkInterfaces"][0]["Ipv6Addresses"][0]["Ipv6Address"]
    ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6Addresses=[address])
    answer = ec2.disassociate_subnet_cidr_block(AssociationId=association_id)
    assert answer["SubnetId"] == subnet_id
    assert answer["Ipv6CidrBlockAssociation"]["Ipv6CidrBlockState"] == {
        "State": "disassociating"}
    now = ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]
    assert now["Ipv6CidrBlockAssociationSet"] == []
    with refused(cloud, "InvalidParameterValue", "has no IPv6 CIDR block"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)


def test_a_subnet_that_hands_out_ipv6_keeps_its_block(cloud, ec2, subnet_id, subnet):
    association_id = subnet["Ipv6CidrBlockAssociationSet"][0]["AssociationId"]
    ec2.modify_subnet_attribute(SubnetId=subnet_id, AssignIpv6AddressOnCreation={"Value": True})
    with refused(cloud, "InvalidCidrBlock.InUse", "assign-ipv6-address-on-creation set to true"):
        ec2.disassociate_subnet_cidr_block(AssociationId=association_id)


def test_a_subnet_block_given_back_can_be_associated_again(ec2, subnet_id, subnet):
    association = subnet["Ipv6CidrBlockAssociationSet"][0]
    ec2.disassociate_subnet_cidr_block(AssociationId=association["AssociationId"])
    again = ec2.associate_subnet_cidr_block(SubnetId=subnet_id,
                                            Ipv6CidrBlock=association["Ipv6CidrBlock"])
    assert again["Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"] == association["Ipv6CidrBlock"]
    eni_id = ec2.create_network_interface(SubnetId=subnet_id, Ipv6AddressCount=1)[
        "NetworkInterface"]
    assert len(eni_id["Ipv6Addresses"]) == 1


def test_of_several_ipv6_blocks_one_is_given_back_and_the_rest_stay(ec2, small_vpc):
    vpc_id = small_vpc["VpcId"]
    first = small_vpc["Ipv6CidrBlockAssociationSet"][0]
    for _ in range(2):
        ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)
    blocks = described(ec2, vpc_id)["Ipv6CidrBlockAssociationSet"]
    ec2.disassociate_vpc_cidr_block(AssociationId=first["AssociationId"])
    left = described(ec2, vpc_id)["Ipv6CidrBlockAssociationSet"]
    assert [b["Ipv6CidrBlock"] for b in left] == [b["Ipv6CidrBlock"] for b in blocks[1:]]
    ec2.disassociate_vpc_cidr_block(AssociationId=blocks[2]["AssociationId"])
    assert [b["Ipv6CidrBlock"] for b in described(ec2, vpc_id)[
        "Ipv6CidrBlockAssociationSet"]] == [blocks[1]["Ipv6CidrBlock"]]
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.0.0/28",
                               Ipv6CidrBlock=ipv6_subnet_block(blocks[1]["Ipv6CidrBlock"], 0))
    assert subnet["Subnet"]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"].endswith("/64")
