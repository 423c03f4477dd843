"""Route tables and security group ingress rules through the boto3 API: shapes, filters,
AWS's error codes, and refused calls that change nothing."""

from __future__ import annotations

import pytest
from checks import refused


@pytest.fixture
def vpc(ec2) -> str:
    return ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"][
        "VpcId"]


@pytest.fixture
def igw(ec2, vpc) -> str:
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    return gateway


def main_table(ec2, vpc: str) -> dict:
    return ec2.describe_route_tables(Filters=[
        {"Name": "vpc-id", "Values": [vpc]},
        {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]


def routes(ec2, table_id: str) -> list[tuple[str, str, str]]:
    table = ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"][0]
    return [(r.get("DestinationCidrBlock") or r["DestinationIpv6CidrBlock"], r["GatewayId"],
             r["State"]) for r in table["Routes"]]


def test_a_new_vpc_has_a_main_table_with_only_the_local_routes(ec2, vpc):
    table = main_table(ec2, vpc)
    assert table["Associations"][0]["Main"] is True
    assert table["RouteTableId"].startswith("rtb-")
    blocks = [r.get("DestinationCidrBlock") or r.get("DestinationIpv6CidrBlock")
              for r in table["Routes"]]
    assert blocks[0] == "10.0.0.0/16" and blocks[1].endswith("::/56")
    assert {r["GatewayId"] for r in table["Routes"]} == {"local"}


def test_the_default_vpc_main_table_routes_to_its_internet_gateway(ec2):
    default = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]
    igw = ec2.describe_internet_gateways()["InternetGateways"][0]["InternetGatewayId"]
    assert ("0.0.0.0/0", igw, "active") in routes(ec2, main_table(ec2, default["VpcId"])[
        "RouteTableId"])


def test_create_and_delete_a_route_to_the_internet_gateway(ec2, vpc, igw):
    table = main_table(ec2, vpc)["RouteTableId"]
    assert ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0",
                            GatewayId=igw)["Return"] is True
    ec2.create_route(RouteTableId=table, DestinationIpv6CidrBlock="::/0", GatewayId=igw)
    assert ("0.0.0.0/0", igw, "active") in routes(ec2, table)
    assert ("::/0", igw, "active") in routes(ec2, table)
    ec2.delete_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0")
    assert ("0.0.0.0/0", igw, "active") not in routes(ec2, table)


def test_a_route_to_a_detached_gateway_is_a_blackhole(ec2, vpc, igw):
    table = main_table(ec2, vpc)["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    assert ("0.0.0.0/0", igw, "blackhole") in routes(ec2, table)


def test_route_errors_change_nothing(cloud, ec2, vpc, igw):
    table = main_table(ec2, vpc)["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    with refused(cloud, "RouteAlreadyExists", "The route identified by"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    with refused(cloud, "InvalidRoute.NotFound", "no route with destination-cidr-block"):
        ec2.delete_route(RouteTableId=table, DestinationCidrBlock="192.0.2.0/24")
    with refused(cloud, "InvalidRouteTableID.NotFound", "The routeTable ID"):
        ec2.create_route(RouteTableId="rtb-0123456789abcdef0", DestinationCidrBlock="0.0.0.0/0",
                         GatewayId=igw)
    with refused(cloud, "InvalidRouteTableId.Malformed", "Invalid id"):
        ec2.describe_route_tables(RouteTableIds=["table-1"])
    with refused(cloud, "InvalidInternetGatewayID.NotFound", "The internet gateway ID"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="192.0.2.0/24",
                         GatewayId="igw-0123456789abcdef0")
    with refused(cloud, "InvalidParameterValue", "more specific"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="10.0.1.0/24", GatewayId=igw)
    with refused(cloud, "InvalidParameterValue", "not a valid CIDR"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="::/0", GatewayId=igw)
    with refused(cloud, "MissingParameter", "The request must contain the parameter "
                 "destinationCidrBlock or destinationIpv6CidrBlock"):
        ec2.create_route(RouteTableId=table, GatewayId=igw)


def test_a_route_needs_the_gateway_attached_to_the_tables_vpc(cloud, ec2, vpc):
    table = main_table(ec2, vpc)["RouteTableId"]
    loose = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    with refused(cloud, "Gateway.NotAttached", "is not attached to network"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=loose)
    other = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    ec2.attach_internet_gateway(InternetGatewayId=loose, VpcId=other)
    with refused(cloud, "InvalidParameterValue", "belong to different networks"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=loose)


def test_associate_a_subnet_with_a_table_and_back(cloud, ec2, vpc):
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]
    assert table["Associations"] == [] and table["VpcId"] == vpc
    answer = ec2.associate_route_table(RouteTableId=table["RouteTableId"], SubnetId=subnet)
    assert answer["AssociationState"] == {"State": "associated"}
    found = ec2.describe_route_tables(Filters=[
        {"Name": "association.subnet-id", "Values": [subnet]}])["RouteTables"]
    assert [t["RouteTableId"] for t in found] == [table["RouteTableId"]]
    with refused(cloud, "Resource.AlreadyAssociated", "the specified association for route table"):
        ec2.associate_route_table(RouteTableId=main_table(ec2, vpc)["RouteTableId"],
                                  SubnetId=subnet)
    with refused(cloud, "DependencyViolation", "has dependencies and cannot be deleted."):
        ec2.delete_route_table(RouteTableId=table["RouteTableId"])
    ec2.disassociate_route_table(AssociationId=answer["AssociationId"])
    with refused(cloud, "InvalidAssociationID.NotFound", "The association ID"):
        ec2.disassociate_route_table(AssociationId=answer["AssociationId"])
    ec2.delete_route_table(RouteTableId=table["RouteTableId"])


def test_the_main_association_and_the_main_table_stay(cloud, ec2, vpc):
    table = main_table(ec2, vpc)
    with refused(cloud, "InvalidParameterValue", "main route table"):
        ec2.disassociate_route_table(
            AssociationId=table["Associations"][0]["RouteTableAssociationId"])
    with refused(cloud, "DependencyViolation", "has dependencies and cannot be deleted."):
        ec2.delete_route_table(RouteTableId=table["RouteTableId"])


def test_a_vpc_goes_with_its_main_table_but_not_with_another(cloud, ec2, vpc):
    extra = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    with refused(cloud, "DependencyViolation", "has dependencies and cannot be deleted."):
        ec2.delete_vpc(VpcId=vpc)
    ec2.delete_route_table(RouteTableId=extra)
    ec2.delete_vpc(VpcId=vpc)
    assert not ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])[
        "RouteTables"]


def test_route_tables_take_tags(ec2, vpc):
    table = main_table(ec2, vpc)["RouteTableId"]
    ec2.create_tags(Resources=[table], Tags=[{"Key": "Name", "Value": "public"}])
    found = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": ["public"]}])
    assert [t["RouteTableId"] for t in found["RouteTables"]] == [table]


# -- security groups ----------------------------------------------------------------------------
@pytest.fixture
def group(ec2, vpc) -> str:
    return ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]


def permissions(ec2, group_id: str) -> list[dict]:
    return ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0][
        "IpPermissions"]


def test_a_new_group_lets_nothing_in_and_the_default_group_its_own_members(ec2, vpc, group):
    assert permissions(ec2, group) == []
    default = ec2.describe_security_groups(Filters=[
        {"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}])[
        "SecurityGroups"][0]
    assert default["IpPermissions"][0]["IpProtocol"] == "-1"
    assert default["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"] == default["GroupId"]


def test_authorize_shows_in_describe_grouped_by_ports(ec2, group):
    answer = ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "anyone"}],
         "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
    assert answer["Return"] is True
    assert [r["CidrIpv4" if "CidrIpv4" in r else "CidrIpv6"] for r in
            answer["SecurityGroupRules"]] == ["0.0.0.0/0", "::/0"]
    assert all(r["SecurityGroupRuleId"].startswith("sgr-") for r in answer["SecurityGroupRules"])
    ec2.authorize_security_group_ingress(GroupId=group, IpProtocol="tcp", FromPort=22,
                                         ToPort=22, CidrIp="192.0.2.0/24")
    assert permissions(ec2, group) == [
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [],
         "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "anyone"}],
         "Ipv6Ranges": [{"CidrIpv6": "::/0"}], "PrefixListIds": []},
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "UserIdGroupPairs": [],
         "IpRanges": [{"CidrIp": "192.0.2.0/24"}], "Ipv6Ranges": [], "PrefixListIds": []}]


def test_a_rule_can_name_another_group_as_its_source(ec2, vpc, group):
    other = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": other}]}])
    [permission] = permissions(ec2, group)
    assert "FromPort" not in permission
    assert permission["UserIdGroupPairs"][0]["GroupId"] == other


def test_revoke_takes_the_rule_away(ec2, group):
    rule = {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
            "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[rule])
    answer = ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=[rule])
    assert answer["Return"] is True and answer["RevokedSecurityGroupRules"][0]["FromPort"] == 80
    assert permissions(ec2, group) == []


def test_rule_errors_change_nothing(cloud, ec2, group):
    rule = {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
            "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[rule])
    with refused(cloud, "InvalidPermission.Duplicate", "already exists"):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[rule])
    with refused(cloud, "InvalidPermission.Duplicate",
                 "the specified rule"):  # one new and one old: nothing added
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {**rule, "FromPort": 80, "ToPort": 80}, rule])
    with refused(cloud, "InvalidPermission.NotFound",
                 "specified rule does not exist in this security group."):
        ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=[
            {**rule, "FromPort": 22, "ToPort": 22}])
    with refused(cloud, "InvalidParameterValue", "portRange"):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    with refused(cloud, "InvalidParameterValue", "malformed"):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {**rule, "IpRanges": [{"CidrIp": "10.0.0.300/32"}]}])
    with refused(cloud, "InvalidParameterValue", "protocol"):
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {**rule, "IpProtocol": "sctp-ish"}])
    with refused(cloud, "InvalidGroup.NotFound", "The security group ID"):
        ec2.authorize_security_group_ingress(GroupId="sg-0123456789abcdef0",
                                             IpPermissions=[rule])
    assert len(permissions(ec2, group)) == 1


def test_rules_and_routes_are_undone_and_saved(cloud, ec2, vpc, igw, group):
    table = main_table(ec2, vpc)["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    restored = type(cloud).restore(cloud.snapshot()).client()
    assert permissions(restored, group) == permissions(ec2, group)
    assert routes(restored, table) == routes(ec2, table)
    cloud.undo()
    cloud.undo()
    assert permissions(ec2, group) == []
    assert [r[1] for r in routes(ec2, table)] == ["local", "local"]
