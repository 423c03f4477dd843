"""The rules of routes, route tables and security group rules, each refusal with its reason and
nothing changed; and rules that only show at the edges (a public range running dry)."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import AMI, ipv6_subnet_block
from netaddr import IPNetwork

from ec2sim.operations import public_ips


@pytest.fixture
def table(ec2, vpc_id) -> str:
    """A new (not main) route table of the VPC."""
    return ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]


@pytest.fixture
def group(ec2, vpc_id) -> str:
    return ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc_id)["GroupId"]


def default_vpc_group(ec2) -> str:
    default = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]
    return ec2.describe_security_groups(Filters=[
        {"Name": "vpc-id", "Values": [default["VpcId"]]},
        {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]["GroupId"]


# -- routes ------------------------------------------------------------------------------------
def test_a_route_needs_a_destination(cloud, ec2, table, igw):
    with refused(cloud, "MissingParameter", "The request must contain the parameter "
                 "destinationCidrBlock or destinationIpv6CidrBlock"):
        ec2.create_route(RouteTableId=table, GatewayId=igw)


def test_a_route_has_one_destination(cloud, ec2, table, igw):
    with refused(cloud, "InvalidParameterCombination", "Specify DestinationCidrBlock or "
                 "DestinationIpv6CidrBlock, not both."):
        ec2.create_route(RouteTableId=table, GatewayId=igw, DestinationCidrBlock="0.0.0.0/0",
                         DestinationIpv6CidrBlock="::/0")


def test_a_route_needs_a_target(cloud, ec2, table):
    with refused(cloud, "MissingParameter", "The request must name the route's target: "
                 "GatewayId"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0")


def test_a_route_to_a_target_the_simulation_does_not_model_is_refused_by_name(cloud, ec2, table,
                                                                             eni_id):
    with refused(cloud, "UnsupportedOperation", "The simulation routes to internet gateways "
                 "only (NetworkInterfaceId is not modelled)."):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0",
                         NetworkInterfaceId=eni_id)


def test_a_route_destination_with_host_bits_is_made_canonical(ec2, table, igw):
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="192.0.2.77/24", GatewayId=igw)
    routes = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
    assert [r.get("DestinationCidrBlock") for r in routes if r["GatewayId"] == igw] == [
        "192.0.2.0/24"]
    ec2.delete_route(RouteTableId=table, DestinationCidrBlock="192.0.2.1/24")
    routes = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
    assert all(r["GatewayId"] == "local" for r in routes)


def test_a_route_inside_a_later_ipv6_block_of_the_vpc_is_refused(cloud, ec2, vpc_id, table,
                                                                 igw):
    block = ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)[
        "Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"]
    inside = ipv6_subnet_block(block, 1)
    with refused(cloud, "InvalidParameterValue", f"The destination CIDR block {inside} is "
                 "equal to or more specific than one of this VPC's CIDR blocks."):
        ec2.create_route(RouteTableId=table, DestinationIpv6CidrBlock=inside, GatewayId=igw)


# -- route table associations ------------------------------------------------------------------
def test_a_table_associates_with_a_subnet_of_its_own_vpc_only(cloud, ec2, table):
    default_subnet = ec2.describe_subnets(Filters=[
        {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]["SubnetId"]
    with refused(cloud, "InvalidParameterValue", f"Route table {table} and subnet "
                 f"{default_subnet} belong to different networks"):
        ec2.associate_route_table(RouteTableId=table, SubnetId=default_subnet)


def test_a_subnet_has_one_explicit_route_table(cloud, ec2, vpc_id, subnet_id, table):
    ec2.associate_route_table(RouteTableId=table, SubnetId=subnet_id)
    other = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    with refused(cloud, "Resource.AlreadyAssociated", f"the specified association for route "
                 f"table {other} conflicts with an existing association"):
        ec2.associate_route_table(RouteTableId=other, SubnetId=subnet_id)


def test_a_table_association_needs_a_subnet(cloud, ec2, table):
    with refused(cloud, "UnsupportedOperation", "The simulation associates route tables with "
                 "subnets only (give SubnetId)."):
        ec2.associate_route_table(RouteTableId=table)


# -- security group rules ----------------------------------------------------------------------
@pytest.mark.parametrize("low, high", [(443, 80), (-1, 80), (0, 65536)])
def test_a_tcp_port_range_runs_from_0_to_65535_upwards(cloud, ec2, group, low, high):
    with refused(cloud, "InvalidParameterValue", f"Invalid TCP/UDP port range {low}-{high}"):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": low, "ToPort": high,
             "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])


def test_a_udp_rule_needs_both_ports(cloud, ec2, group):
    with refused(cloud, "InvalidParameterValue", "Must specify both from and to ports with "
                 "TCP/UDP."):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "udp", "FromPort": 53, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])


def test_a_source_group_must_be_of_the_same_vpc(cloud, ec2, group):
    foreign = default_vpc_group(ec2)
    with refused(cloud, "InvalidParameterValue", f"Security group {foreign} is in another VPC "
                 f"than {group}."):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": foreign}]}])


def test_a_rule_request_needs_permissions(cloud, ec2, group):
    with refused(cloud, "MissingParameter", "The request must contain the parameter "
                 "IpPermissions."):
        ec2.authorize_security_group_ingress(GroupId=group)


def test_a_permission_needs_a_source(cloud, ec2, group):
    with refused(cloud, "MissingParameter", "A permission needs a source: IpRanges, "
                 "Ipv6Ranges or UserIdGroupPairs."):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}])


def test_a_group_name_is_looked_up_in_the_default_vpc(cloud, ec2, group):
    """"web" exists, but in another VPC than the default one: by name it is not found."""
    with refused(cloud, "InvalidGroup.NotFound", "The security group 'web' does not exist in "
                 "default VPC"):
        ec2.authorize_security_group_ingress(GroupName="web", IpProtocol="tcp", FromPort=22,
                                             ToPort=22, CidrIp="0.0.0.0/0")
    ec2.authorize_security_group_ingress(GroupName="default", IpProtocol="tcp", FromPort=22,
                                         ToPort=22, CidrIp="0.0.0.0/0")
    [rule] = [p for p in ec2.describe_security_groups(GroupIds=[default_vpc_group(ec2)])[
        "SecurityGroups"][0]["IpPermissions"] if p["IpProtocol"] == "tcp"]
    assert rule["IpRanges"] == [{"CidrIp": "0.0.0.0/0"}]


# -- a public range that runs dry --------------------------------------------------------------
def test_auto_assigned_public_ipv4_runs_out_with_its_range(cloud, ec2, monkeypatch, subnet_id,
                                                          igw):
    """The range's addresses from .10 up are handed out; with none left the launch fails and
    nothing is launched. (A /29 stands in for the /24, which no quota lets a test exhaust.)"""
    monkeypatch.setitem(public_ips.PUBLIC_RANGES, "auto", IPNetwork("198.51.100.8/29"))
    interface = [{"DeviceIndex": 0, "SubnetId": subnet_id, "AssociatePublicIpAddress": True}]
    ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=5, MaxCount=5,
                      NetworkInterfaces=interface)
    public = sorted(i["PublicIpAddress"] for r in ec2.describe_instances()["Reservations"]
                    for i in r["Instances"] if "PublicIpAddress" in i)
    assert public == [f"198.51.100.{n}" for n in range(10, 15)]
    with refused(cloud, "InsufficientAddressCapacity", "The simulation has run out of public "
                 "addresses."):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                          NetworkInterfaces=interface)
