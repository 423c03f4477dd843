"""The default VPC and default subnets: made again after a learner deleted them."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import AMI


def default_vpc_id(ec2) -> str | None:
    found = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    return found[0]["VpcId"] if found else None


def delete_default_vpc(ec2) -> None:
    """What a learner does in the console: subnets, gateway, then the VPC."""
    vpc_id = default_vpc_id(ec2)
    for subnet in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])[
            "Subnets"]:
        ec2.delete_subnet(SubnetId=subnet["SubnetId"])
    for igw in ec2.describe_internet_gateways()["InternetGateways"]:
        if igw["Attachments"] and igw["Attachments"][0]["VpcId"] == vpc_id:
            ec2.detach_internet_gateway(InternetGatewayId=igw["InternetGatewayId"],
                                        VpcId=vpc_id)
            ec2.delete_internet_gateway(InternetGatewayId=igw["InternetGatewayId"])
    ec2.delete_vpc(VpcId=vpc_id)


@pytest.fixture
def default_subnet_a(ec2) -> str:
    """The default subnet of us-east-1a, deleted: its ID."""
    subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}, {
        "Name": "availability-zone", "Values": ["us-east-1a"]}])["Subnets"][0]
    ec2.delete_subnet(SubnetId=subnet["SubnetId"])
    return subnet["CidrBlock"]


def test_create_default_vpc_is_refused_while_one_exists(cloud, ec2):
    with refused(cloud, "DefaultVpcAlreadyExists", "A Default VPC already exists"):
        ec2.create_default_vpc()


def test_a_deleted_default_vpc_comes_back_whole(ec2):
    delete_default_vpc(ec2)
    assert default_vpc_id(ec2) is None
    vpc = ec2.create_default_vpc()["Vpc"]
    assert vpc["IsDefault"] is True and vpc["CidrBlock"] == "172.31.0.0/16"
    assert default_vpc_id(ec2) == vpc["VpcId"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])[
        "Subnets"]
    assert sorted((s["AvailabilityZone"], s["CidrBlock"]) for s in subnets) == [
        (f"us-east-1{letter}", f"172.31.{16 * n}.0/20") for n, letter in enumerate("abcdef")]
    assert all(s["DefaultForAz"] and s["MapPublicIpOnLaunch"] for s in subnets)
    gateways = [g for g in ec2.describe_internet_gateways()["InternetGateways"]
                if g["Attachments"] and g["Attachments"][0]["VpcId"] == vpc["VpcId"]]
    assert len(gateways) == 1
    table = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])
    routes = table["RouteTables"][0]["Routes"]
    assert {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": gateways[0]["InternetGatewayId"],
            "Origin": "CreateRoute", "State": "active"} in routes
    groups = ec2.describe_security_groups(Filters=[{"Name": "vpc-id",
                                                    "Values": [vpc["VpcId"]]}])
    assert [g["GroupName"] for g in groups["SecurityGroups"]] == ["default"]


def test_launching_without_a_subnet_works_again_after_create_default_vpc(ec2):
    delete_default_vpc(ec2)
    ec2.create_default_vpc()
    launched = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1)
    assert launched["Instances"][0]["SubnetId"].startswith("subnet-")


def test_a_deleted_default_subnet_comes_back_in_its_zone(ec2, default_subnet_a):
    subnet = ec2.create_default_subnet(AvailabilityZone="us-east-1a")["Subnet"]
    assert subnet["AvailabilityZone"] == "us-east-1a"
    assert subnet["CidrBlock"] == default_subnet_a == "172.31.0.0/20"
    assert subnet["DefaultForAz"] is True and subnet["MapPublicIpOnLaunch"] is True
    assert subnet["VpcId"] == default_vpc_id(ec2)
    assert subnet["AvailableIpAddressCount"] == 4091


def test_a_default_subnet_by_zone_id(ec2, default_subnet_a):
    subnet = ec2.create_default_subnet(AvailabilityZoneId="use1-az1")["Subnet"]
    assert subnet["AvailabilityZone"] == "us-east-1a"


def test_a_zone_keeps_one_default_subnet(cloud, ec2):
    with refused(cloud, "DefaultSubnetAlreadyExistsInAvailabilityZone", "us-east-1b"):
        ec2.create_default_subnet(AvailabilityZone="us-east-1b")


def test_a_default_subnet_needs_a_zone_and_a_default_vpc(cloud, ec2):
    with refused(cloud, "MissingParameter", "AvailabilityZone"):
        ec2.create_default_subnet()
    with refused(cloud, "InvalidParameterValue", "use1-az9"):
        ec2.create_default_subnet(AvailabilityZoneId="use1-az9")
    delete_default_vpc(ec2)
    with refused(cloud, "DefaultVpcDoesNotExist", "No default VPC"):
        ec2.create_default_subnet(AvailabilityZone="us-east-1a")


def test_a_default_subnet_needs_a_free_20_and_a_real_zone(cloud, ec2, default_subnet_a):
    with refused(cloud, "InvalidParameterValue", "us-east-1z"):
        ec2.create_default_subnet(AvailabilityZone="us-east-1z")
    vpc_id = default_vpc_id(ec2)
    for n in range(6, 16):  # every /20 the six default subnets left free
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"172.31.{16 * n}.0/20",
                          AvailabilityZone="us-east-1c")
    ec2.create_subnet(VpcId=vpc_id, CidrBlock="172.31.0.0/24", AvailabilityZone="us-east-1c")
    with refused(cloud, "InvalidSubnet.Conflict", "no free /20"):
        ec2.create_default_subnet(AvailabilityZone="us-east-1a")
