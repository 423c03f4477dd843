"""VPCs, subnets, internet gateways, security groups, Availability Zones and tags."""

from __future__ import annotations

import hashlib

from netaddr import IPNetwork

from ec2sim import describe, rules
from ec2sim.errors import EC2Error
from ec2sim.operations import FILTERS, PAGES, operation, tag_specifications, tags_for
from ec2sim.operations.cidr_blocks import associate_ipv4_block
from ec2sim.operations.routing import (
    forget_subnet,
    group_name_of,
    ip_permissions,
    new_route_table,
)
from ec2sim.resources import InternetGateway, SecurityGroup, Subnet, Vpc
from ec2sim.world import World

ZONE_LETTERS = {"us-east-1": "abcdef"}
AMAZON_IPV6_SPACE = IPNetwork("2001:db8::/32")  # documentation range: never a real network
IPV6_BLOCKS_PER_VPC = 5  # Amazon-provided /56 blocks, AWS's default quota


def zones(world: World) -> list[str]:
    return [world.region + letter for letter in ZONE_LETTERS.get(world.region, "abc")]


def not_found(code: str, noun: str):
    return lambda i: EC2Error(code, f"The {noun} ID '{i}' does not exist")


# -- VPCs --------------------------------------------------------------------------------------
VPC_FILTERS = {"vpc-id": "VpcId", "cidr": "CidrBlock", "cidr-block": "CidrBlock",
               "cidr-block-association.cidr-block": "CidrBlockAssociationSet[].CidrBlock",
               "cidr-block-association.association-id":
                   "CidrBlockAssociationSet[].AssociationId",
               "cidr-block-association.state": "CidrBlockAssociationSet[].CidrBlockState.State",
               "ipv6-cidr-block-association.ipv6-cidr-block":
                   "Ipv6CidrBlockAssociationSet[].Ipv6CidrBlock",
               "ipv6-cidr-block-association.association-id":
                   "Ipv6CidrBlockAssociationSet[].AssociationId",
               "ipv6-cidr-block-association.state":
                   "Ipv6CidrBlockAssociationSet[].Ipv6CidrBlockState.State",
               "ipv6-cidr-block-association.ipv6-pool": "Ipv6CidrBlockAssociationSet[].Ipv6Pool",
               "dhcp-options-id": "DhcpOptionsId", "instance-tenancy": "InstanceTenancy",
               "is-default": "IsDefault", "state": "State", "owner-id": "OwnerId"}


def next_ipv6_block(world: World) -> str:
    """An Amazon-provided /56 for a VPC, from 2001:db8::/32, deterministic for the seed."""
    taken = {block for v in world.vpcs.values() for block in v.ipv6_blocks}
    # Numbered as before a VPC could take several blocks (VPCs without one counted once), so
    # the blocks of existing labs, notebooks and tests stay what they were.
    number = len({v.ipv6_cidr_block for v in world.vpcs.values()}) + sum(
        len(v.more_ipv6_blocks) for v in world.vpcs.values())
    attempt = 0
    while True:
        digest = hashlib.sha256(f"{world.seed}:ipv6:{number}:{attempt}".encode()).digest()
        index = int.from_bytes(digest[:3], "big")  # 24 bits: which /56 of the /32
        block = IPNetwork(f"{AMAZON_IPV6_SPACE.network + (index << 72)}/56")
        if str(block) not in taken:
            return str(block)
        attempt += 1


def create_vpc_record(world: World, cidr: str, *, ipv6: bool = False, default: bool = False,
                      params: dict | None = None) -> Vpc:
    net = rules.parse_cidr(cidr)
    if net.version != 4 or not 16 <= net.prefixlen <= 28:
        raise EC2Error("InvalidVpc.Range", f"The CIDR '{cidr}' is invalid: a VPC's IPv4 block "
                       "must be from /16 to /28.")
    vpc = Vpc(vpc_id=world.new_id("vpc"), cidr_block=str(net),
              cidr_association_id=world.new_id("vpc-cidr-assoc"), is_default=default)
    if ipv6:
        vpc.ipv6_cidr_block = next_ipv6_block(world)
        vpc.ipv6_association_id = world.new_id("vpc-cidr-assoc")
    tag_specifications(world, vpc, params or {}, "vpc")
    world.add("vpcs", vpc.vpc_id, vpc)
    world.note("vpc", vpc.vpc_id, None, vpc.cidr_block)
    group = SecurityGroup(group_id=world.new_id("sg"), group_name="default",
                          description="default VPC security group", vpc_id=vpc.vpc_id)
    # A default group lets in all traffic from its own members, as in a real account.
    group.ingress = [{"protocol": "-1", "from_port": -1, "to_port": -1,
                      "source_group": group.group_id, "rule_id": world.new_id("sgr")}]
    world.add("security_groups", group.group_id, group)
    new_route_table(world, vpc, main=True)
    return vpc


@operation("CreateVpc", "CidrBlock AmazonProvidedIpv6CidrBlock", tags_for("vpc"))
def create_vpc(world: World, params: dict) -> dict:
    vpc = create_vpc_record(world, params["CidrBlock"] if "CidrBlock" in params else "",
                            ipv6=params.get("AmazonProvidedIpv6CidrBlock", False), params=params)
    return {"Vpc": describe.vpc_shape(world, vpc)}


@operation("DescribeVpcs", "VpcIds", FILTERS, PAGES)
def describe_vpcs(world: World, params: dict) -> dict:
    found = describe.select(world, params, "vpcs", "VpcIds", describe.vpc_shape, VPC_FILTERS,
                            not_found("InvalidVpcID.NotFound", "vpc"))
    return describe.page(found, params, "Vpcs")


@operation("DeleteVpc", "VpcId")
def delete_vpc(world: World, params: dict) -> dict:
    vpc = rules.find(world, "vpcs", params["VpcId"])
    groups = [g for g in world.security_groups.values() if g.vpc_id == vpc.vpc_id]
    if any(s.vpc_id == vpc.vpc_id for s in world.subnets.values()) or any(
            g.vpc_id == vpc.vpc_id for g in world.internet_gateways.values()) or any(
            g.group_name != "default" for g in groups):
        raise EC2Error("DependencyViolation", f"The vpc '{vpc.vpc_id}' has dependencies and "
                       "cannot be deleted.")
    tables = [t for t in world.collections["route_tables"].values() if t.vpc_id == vpc.vpc_id]
    if any(not t.main for t in tables):
        raise EC2Error("DependencyViolation", f"The vpc '{vpc.vpc_id}' has dependencies and "
                       "cannot be deleted.")
    for group in groups:
        world.remove("security_groups", group.group_id)
    for table in tables:
        world.remove("route_tables", table.route_table_id)
    world.remove("vpcs", vpc.vpc_id)
    world.note("vpc", vpc.vpc_id, vpc.cidr_block, None)
    return {}


@operation("AssociateVpcCidrBlock", "VpcId AmazonProvidedIpv6CidrBlock CidrBlock")
def associate_vpc_cidr_block(world: World, params: dict) -> dict:
    vpc = rules.find(world, "vpcs", params["VpcId"])
    if "CidrBlock" in params:
        return associate_ipv4_block(world, vpc, params)
    if not params.get("AmazonProvidedIpv6CidrBlock"):
        raise EC2Error("MissingParameter", "The request must contain a CidrBlock or "
                       "AmazonProvidedIpv6CidrBlock=True (the simulation does not model IPAM "
                       "pools or your own IPv6 ranges).")
    if len(vpc.ipv6_blocks) >= IPV6_BLOCKS_PER_VPC:
        raise EC2Error("CidrLimitExceeded", f"The VPC {vpc.vpc_id} already has "
                       f"{IPV6_BLOCKS_PER_VPC} IPv6 CIDR blocks, the most a VPC may have.")
    block, association_id = next_ipv6_block(world), world.new_id("vpc-cidr-assoc")
    if vpc.ipv6_cidr_block:
        world.set(vpc, "more_ipv6_blocks", [*vpc.more_ipv6_blocks, {
            "association_id": association_id, "ipv6_cidr_block": block}])
    else:
        world.set(vpc, "ipv6_cidr_block", block)
        world.set(vpc, "ipv6_association_id", association_id)
    world.note("vpc-ipv6", vpc.vpc_id, None, block)
    return {"Ipv6CidrBlockAssociation": describe.vpc_ipv6_associations(world, vpc)[-1],
            "VpcId": vpc.vpc_id}


# -- subnets -----------------------------------------------------------------------------------
SUBNET_FILTERS = {
    "subnet-id": "SubnetId", "vpc-id": "VpcId", "state": "State", "owner-id": "OwnerId",
    "subnet-arn": "SubnetArn", "cidr-block": "CidrBlock", "availability-zone": "AvailabilityZone",
    "availability-zone-id": "AvailabilityZoneId", "default-for-az": "DefaultForAz",
    "available-ip-address-count": "AvailableIpAddressCount",
    "map-public-ip-on-launch": "MapPublicIpOnLaunch",
    "map-customer-owned-ip-on-launch": "MapCustomerOwnedIpOnLaunch",
    "ipv6-native": "Ipv6Native", "enable-dns64": "EnableDns64",
    "ipv6-cidr-block-association.ipv6-cidr-block": "Ipv6CidrBlockAssociationSet[].Ipv6CidrBlock",
    "ipv6-cidr-block-association.association-id": "Ipv6CidrBlockAssociationSet[].AssociationId",
    "ipv6-cidr-block-association.state":
        "Ipv6CidrBlockAssociationSet[].Ipv6CidrBlockState.State",
    "private-dns-name-options-on-launch.hostname-type":
        "PrivateDnsNameOptionsOnLaunch.HostnameType",
    "private-dns-name-options-on-launch.enable-resource-name-dns-a-record":
        "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord",
    "private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record":
        "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord",
}
# The older camelCase names AWS's documentation still accepts for some of them.
SUBNET_FILTERS.update({"availabilityZone": "AvailabilityZone",
                       "availabilityZoneId": "AvailabilityZoneId", "cidr": "CidrBlock",
                       "cidrBlock": "CidrBlock", "defaultForAz": "DefaultForAz"})


def check_subnet_ipv6(world: World, vpc: Vpc, cidr: str, subnet_id: str | None) -> str:
    """A subnet's IPv6 block: a /64 inside one of its VPC's /56s, overlapping no other
    subnet's."""
    if not vpc.ipv6_blocks:
        raise EC2Error("InvalidParameterValue", f"The VPC {vpc.vpc_id} has no IPv6 CIDR block: "
                       "associate one (AmazonProvidedIpv6CidrBlock) first.")
    net = rules.parse_cidr(cidr)
    if net.ip != IPNetwork(cidr).ip:  # an IPv6 subnet block must be aligned (not rewritten)
        raise EC2Error("InvalidParameterValue", f"Value ({cidr}) for parameter ipv6CidrBlock is "
                       "invalid. This is not a valid CIDR block.")
    if net.version != 6 or net.prefixlen != 64 or not any(
            net in IPNetwork(block) for block in vpc.ipv6_blocks):
        raise EC2Error("InvalidSubnet.Range", f"The IPv6 CIDR '{cidr}' is invalid: a subnet's "
                       f"IPv6 block must be a /64 inside {' or '.join(vpc.ipv6_blocks)}.")
    for other in world.subnets.values():
        if other.vpc_id == vpc.vpc_id and other.ipv6_cidr_block and \
                IPNetwork(other.ipv6_cidr_block) == net:
            raise EC2Error("InvalidSubnet.Conflict", f"The CIDR '{cidr}' conflicts with another "
                           "subnet")
    return str(net)


def check_subnet_ipv4(world: World, vpc: Vpc, cidr: str) -> str:
    """A subnet's IPv4 block: /16 to /28 inside one of its VPC's blocks, overlapping no other
    subnet's."""
    net = rules.parse_cidr(cidr)
    if net.version != 4 or not 16 <= net.prefixlen <= 28 or not any(
            net in IPNetwork(block) for block in vpc.ipv4_blocks):
        raise EC2Error("InvalidSubnet.Range", f"The CIDR '{cidr}' is invalid.")
    for other in world.subnets.values():
        if other.vpc_id == vpc.vpc_id and other.cidr_block and IPNetwork(
                other.cidr_block).first <= net.last and net.first <= IPNetwork(
                other.cidr_block).last:
            raise EC2Error("InvalidSubnet.Conflict", f"The CIDR '{cidr}' conflicts with another "
                           "subnet")
    return str(net)


def create_subnet_record(world: World, vpc: Vpc, cidr: str, zone: str, *,
                         ipv6_cidr: str | None = None, default: bool = False,
                         ipv6_native: bool = False, params: dict | None = None) -> Subnet:
    """A subnet with an IPv4 block, or (``ipv6_native``) an IPv6-only one with none."""
    cidr = "" if ipv6_native else check_subnet_ipv4(world, vpc, cidr)
    if zone not in zones(world):
        raise EC2Error("InvalidParameterValue", f"Value ({zone}) for parameter availabilityZone "
                       "is invalid. Subnets can currently only be created in the following "
                       f"availability zones: {', '.join(zones(world))}.")
    if ipv6_cidr:
        ipv6_cidr = check_subnet_ipv6(world, vpc, ipv6_cidr, None)
    # An IPv6-only subnet gives every new interface an IPv6 address: it has nothing else.
    subnet = Subnet(subnet_id=world.new_id("subnet"), vpc_id=vpc.vpc_id, cidr_block=cidr,
                    availability_zone=zone, default_for_az=default,
                    map_public_ip_on_launch=default, ipv6_native=ipv6_native,
                    assign_ipv6_address_on_creation=ipv6_native)
    if ipv6_cidr:
        subnet.ipv6_cidr_block = ipv6_cidr
        subnet.ipv6_association_id = world.new_id("subnet-cidr-assoc")
    tag_specifications(world, subnet, params or {}, "subnet")
    world.add("subnets", subnet.subnet_id, subnet)
    world.note("subnet", subnet.subnet_id, None, subnet.cidr_block or subnet.ipv6_cidr_block)
    return subnet


@operation("CreateSubnet", "VpcId CidrBlock AvailabilityZone AvailabilityZoneId Ipv6CidrBlock "
                           "Ipv6Native", tags_for("subnet"))
def create_subnet(world: World, params: dict) -> dict:
    vpc = rules.find(world, "vpcs", params["VpcId"])
    zone = params.get("AvailabilityZone")
    if zone is None and params.get("AvailabilityZoneId"):
        by_id = {describe.zone_id(world, z): z for z in zones(world)}
        zone = by_id.get(params["AvailabilityZoneId"], params["AvailabilityZoneId"])
    native = params.get("Ipv6Native", False)
    if native and params.get("CidrBlock"):
        raise EC2Error("InvalidParameterCombination", "An IPv6-only subnet (Ipv6Native) has no "
                       "IPv4 block: give Ipv6CidrBlock without CidrBlock.")
    if native and not params.get("Ipv6CidrBlock"):
        raise EC2Error("MissingParameter", "The request must contain the parameter "
                       "Ipv6CidrBlock (an IPv6-only subnet needs its IPv6 block).")
    if not native and not params.get("CidrBlock"):
        raise EC2Error("MissingParameter", "The request must contain the parameter CidrBlock "
                       "(the simulation does not take subnets from IPAM pools).")
    subnet = create_subnet_record(world, vpc, params.get("CidrBlock", ""),
                                  zone or zones(world)[0], ipv6_cidr=params.get("Ipv6CidrBlock"),
                                  ipv6_native=native, params=params)
    return {"Subnet": describe.subnet_shape(world, subnet)}


@operation("DescribeSubnets", "SubnetIds", FILTERS, PAGES)
def describe_subnets(world: World, params: dict) -> dict:
    found = describe.select(world, params, "subnets", "SubnetIds", describe.subnet_shape,
                            SUBNET_FILTERS, not_found("InvalidSubnetID.NotFound", "subnet"))
    return describe.page(found, params, "Subnets")


@operation("DeleteSubnet", "SubnetId")
def delete_subnet(world: World, params: dict) -> dict:
    subnet = rules.find(world, "subnets", params["SubnetId"])
    if any(e.subnet_id == subnet.subnet_id for e in world.network_interfaces.values()):
        raise EC2Error("DependencyViolation", f"The subnet '{subnet.subnet_id}' has dependencies "
                       "and cannot be deleted.")
    forget_subnet(world, subnet.subnet_id)
    world.remove("subnets", subnet.subnet_id)
    world.note("subnet", subnet.subnet_id, subnet.cidr_block or subnet.ipv6_cidr_block, None)
    return {}


@operation("AssociateSubnetCidrBlock", "SubnetId Ipv6CidrBlock")
def associate_subnet_cidr_block(world: World, params: dict) -> dict:
    subnet = rules.find(world, "subnets", params["SubnetId"])
    if not params.get("Ipv6CidrBlock"):
        raise EC2Error("MissingParameter", "The request must contain the parameter "
                       "Ipv6CidrBlock.")
    if subnet.ipv6_cidr_block:
        raise EC2Error("InvalidParameterValue", f"The subnet {subnet.subnet_id} already has an "
                       "IPv6 CIDR block.")
    cidr = check_subnet_ipv6(world, world.vpcs[subnet.vpc_id], params["Ipv6CidrBlock"],
                             subnet.subnet_id)
    world.set(subnet, "ipv6_cidr_block", cidr)
    world.set(subnet, "ipv6_association_id", world.new_id("subnet-cidr-assoc"))
    world.open_ipv6_pool(subnet)
    world.note("subnet-ipv6", subnet.subnet_id, None, cidr)
    return {"Ipv6CidrBlockAssociation": describe.subnet_ipv6_association(subnet),
            "SubnetId": subnet.subnet_id}


@operation("ModifySubnetAttribute", "SubnetId MapPublicIpOnLaunch.Value! "
                                    "AssignIpv6AddressOnCreation.Value!")
def modify_subnet_attribute(world: World, params: dict) -> dict:
    subnet = rules.find(world, "subnets", params["SubnetId"])
    changes = {"MapPublicIpOnLaunch": "map_public_ip_on_launch",
               "AssignIpv6AddressOnCreation": "assign_ipv6_address_on_creation"}
    given = [name for name in changes if name in params]
    if len(given) != 1:
        raise EC2Error("InvalidParameterCombination", "Specify exactly one attribute to modify "
                       "(the simulation models MapPublicIpOnLaunch and "
                       "AssignIpv6AddressOnCreation).")
    value = params[given[0]]["Value"]
    if given[0] == "AssignIpv6AddressOnCreation" and value and not subnet.ipv6_cidr_block:
        raise EC2Error("InvalidParameterValue", f"The subnet {subnet.subnet_id} has no IPv6 CIDR "
                       "block.")
    old = getattr(subnet, changes[given[0]])
    world.set(subnet, changes[given[0]], value)
    world.note(f"subnet-{given[0]}", subnet.subnet_id, old, value)
    return {}


# -- internet gateways -------------------------------------------------------------------------
IGW_FILTERS = {"internet-gateway-id": "InternetGatewayId",
               "attachment.vpc-id": "Attachments[].VpcId",
               "attachment.state": "Attachments[].State", "owner-id": "OwnerId"}


def igw_shape(world: World, igw: InternetGateway) -> dict:
    attachments = [{"State": "available", "VpcId": igw.vpc_id}] if igw.vpc_id else []
    shape = {"Attachments": attachments, "InternetGatewayId": igw.internet_gateway_id,
             "OwnerId": world.account_id, "Tags": describe.tags(igw)}
    return shape


@operation("CreateInternetGateway", tags_for("internet-gateway"))
def create_internet_gateway(world: World, params: dict) -> dict:
    igw = InternetGateway(internet_gateway_id=world.new_id("igw"))
    tag_specifications(world, igw, params, "internet-gateway")
    world.add("internet_gateways", igw.internet_gateway_id, igw)
    world.note("internet-gateway", igw.internet_gateway_id, None, "")
    return {"InternetGateway": igw_shape(world, igw)}


def attach_gateway(world: World, igw: InternetGateway, vpc: Vpc) -> None:
    if igw.vpc_id:
        raise EC2Error("Resource.AlreadyAssociated", f"resource {igw.internet_gateway_id} is "
                       f"already attached to network {igw.vpc_id}")
    for other in world.internet_gateways.values():
        if other.vpc_id == vpc.vpc_id:
            raise EC2Error("Resource.AlreadyAssociated", f"Network {vpc.vpc_id} already has an "
                           f"internet gateway attached ({other.internet_gateway_id})")
    world.set(igw, "vpc_id", vpc.vpc_id)
    world.note("internet-gateway", igw.internet_gateway_id, "", vpc.vpc_id)


@operation("AttachInternetGateway", "InternetGatewayId VpcId")
def attach_internet_gateway(world: World, params: dict) -> dict:
    igw = rules.find(world, "internet_gateways", params["InternetGatewayId"])
    vpc = rules.find(world, "vpcs", params["VpcId"])
    attach_gateway(world, igw, vpc)
    return {}


@operation("DetachInternetGateway", "InternetGatewayId VpcId")
def detach_internet_gateway(world: World, params: dict) -> dict:
    igw = rules.find(world, "internet_gateways", params["InternetGatewayId"])
    vpc = rules.find(world, "vpcs", params["VpcId"])
    if igw.vpc_id != vpc.vpc_id:
        raise EC2Error("Gateway.NotAttached", f"resource {igw.internet_gateway_id} is not "
                       f"attached to network {vpc.vpc_id}")
    mapped = [e for e in world.network_interfaces.values() if e.vpc_id == vpc.vpc_id and (
        e.public_ip or any(a.network_interface_id == e.network_interface_id
                           for a in world.addresses.values()))]
    if mapped:
        raise EC2Error("DependencyViolation", f"Network {vpc.vpc_id} has some mapped public "
                       "address(es). Please unmap those public address(es) before detaching the "
                       "gateway.")
    world.set(igw, "vpc_id", None)
    world.note("internet-gateway", igw.internet_gateway_id, vpc.vpc_id, "")
    return {}


@operation("DeleteInternetGateway", "InternetGatewayId")
def delete_internet_gateway(world: World, params: dict) -> dict:
    igw = rules.find(world, "internet_gateways", params["InternetGatewayId"])
    if igw.vpc_id:
        raise EC2Error("DependencyViolation", f"The internetGateway '{igw.internet_gateway_id}' "
                       "has dependencies and cannot be deleted.")
    world.remove("internet_gateways", igw.internet_gateway_id)
    world.note("internet-gateway", igw.internet_gateway_id, "", None)
    return {}


@operation("DescribeInternetGateways", "InternetGatewayIds", FILTERS, PAGES)
def describe_internet_gateways(world: World, params: dict) -> dict:
    found = describe.select(world, params, "internet_gateways", "InternetGatewayIds", igw_shape,
                            IGW_FILTERS, not_found("InvalidInternetGatewayID.NotFound",
                                                   "internetGateway"))
    return describe.page(found, params, "InternetGateways")


# -- security groups ---------------------------------------------------------------------------
SG_FILTERS = {"group-id": "GroupId", "group-name": "GroupName", "vpc-id": "VpcId",
              "description": "Description", "owner-id": "OwnerId"}


def group_shape(world: World, group: SecurityGroup) -> dict:
    shape = {
        "GroupId": group.group_id,
        "IpPermissionsEgress": [{"IpProtocol": "-1", "UserIdGroupPairs": [],
                                 "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [],
                                 "PrefixListIds": []}],
        "VpcId": group.vpc_id,
        "SecurityGroupArn": f"arn:aws:ec2:{world.region}:{world.account_id}:security-group/"
                            f"{group.group_id}",
        "OwnerId": world.account_id,
        "GroupName": group.group_name,
        "Description": group.description,
        "IpPermissions": ip_permissions(world, group),
    }
    return describe.with_tags(shape, group)


def default_vpc(world: World) -> Vpc:
    for vpc in world.vpcs.values():
        if vpc.is_default:
            return vpc
    raise EC2Error("VPCIdNotSpecified", "No default VPC for this user")


@operation("CreateSecurityGroup", "GroupName Description VpcId", tags_for("security-group"))
def create_security_group(world: World, params: dict) -> dict:
    vpc = rules.find(world, "vpcs", params["VpcId"]) if params.get("VpcId") else default_vpc(world)
    name = params["GroupName"]
    if any(g.vpc_id == vpc.vpc_id and g.group_name == name
           for g in world.security_groups.values()):
        raise EC2Error("InvalidGroup.Duplicate", f"The security group '{name}' already exists "
                       f"for VPC '{vpc.vpc_id}'")
    group = SecurityGroup(group_id=world.new_id("sg"), group_name=name,
                          description=params["Description"], vpc_id=vpc.vpc_id)
    tag_specifications(world, group, params, "security-group")
    world.add("security_groups", group.group_id, group)
    world.note("security-group", group.group_id, None, vpc.vpc_id)
    response = {"GroupId": group.group_id, "SecurityGroupArn": group_shape(
        world, group)["SecurityGroupArn"]}
    return describe.with_tags(response, group)


@operation("DescribeSecurityGroups", "GroupIds GroupNames", FILTERS, PAGES)
def describe_security_groups(world: World, params: dict) -> dict:
    found = describe.select(world, params, "security_groups", "GroupIds", group_shape,
                            SG_FILTERS, lambda i: EC2Error("InvalidGroup.NotFound",
                                                           f"The security group '{i}' does not "
                                                           "exist"))
    names = params.get("GroupNames")
    if names:
        found = [g for g in found if g["GroupName"] in names]
        missing = set(names) - {g["GroupName"] for g in found}
        if missing:
            raise EC2Error("InvalidGroup.NotFound", f"The security group '{sorted(missing)[0]}' "
                           "does not exist in default VPC")
    return describe.page(found, params, "SecurityGroups")


@operation("DeleteSecurityGroup", "GroupId GroupName")
def delete_security_group(world: World, params: dict) -> dict:
    if params.get("GroupId"):
        group = rules.find(world, "security_groups", params["GroupId"])
    else:
        name = group_name_of(params)
        vpc = default_vpc(world)
        matches = [g for g in world.security_groups.values()
                   if g.vpc_id == vpc.vpc_id and g.group_name == name]
        if not matches:
            raise EC2Error("InvalidGroup.NotFound", f"The security group '{name}' does not "
                           "exist in default VPC")
        group = matches[0]
    if group.group_name == "default":
        raise EC2Error("CannotDelete", "the specified group: \"" + group.group_id +
                       "\" name: \"default\" cannot be deleted by a user")
    if any(group.group_id in e.group_ids for e in world.network_interfaces.values()):
        raise EC2Error("DependencyViolation", f"resource {group.group_id} has a dependent object")
    world.remove("security_groups", group.group_id)
    world.note("security-group", group.group_id, group.vpc_id, None)
    return {"Return": True, "GroupId": group.group_id}


# -- Availability Zones and tags ---------------------------------------------------------------
AZ_FILTERS = {"zone-name": "ZoneName", "zone-id": "ZoneId", "region-name": "RegionName",
              "state": "State"}


@operation("DescribeAvailabilityZones", "ZoneNames ZoneIds", FILTERS)
def describe_availability_zones(world: World, params: dict) -> dict:
    shapes = [{"OptInStatus": "opt-in-not-required", "Messages": [], "RegionName": world.region,
               "ZoneName": zone, "ZoneId": describe.zone_id(world, zone),
               "GroupName": world.region, "NetworkBorderGroup": world.region,
               "ZoneType": "availability-zone", "GroupLongName": world.region,
               "State": "available"} for zone in zones(world)]
    names = params.get("ZoneNames") or []
    ids = params.get("ZoneIds") or []
    unknown = [z for z in names if z not in {s["ZoneName"] for s in shapes}]
    if unknown:
        raise EC2Error("InvalidParameterValue", f"Invalid availability zone: [{unknown[0]}]")
    shapes = [s for s in shapes if (not names or s["ZoneName"] in names)
              and (not ids or s["ZoneId"] in ids)
              and describe.matches(s, params.get("Filters"), AZ_FILTERS)]
    return {"AvailabilityZones": shapes}


TAGGABLE = {"vpc": "vpcs", "subnet": "subnets", "igw": "internet_gateways",
            "sg": "security_groups", "i": "instances", "eni": "network_interfaces",
            "eipalloc": "addresses", "rtb": "route_tables"}


def tagged_resource(world: World, resource_id: str):
    collection = TAGGABLE.get(resource_id.rsplit("-", 1)[0])
    if collection is None:
        raise EC2Error("InvalidID", f"The ID '{resource_id}' is not valid")
    return rules.find(world, collection, resource_id)


@operation("CreateTags", "Resources Tags.Key! Tags.Value")
def create_tags(world: World, params: dict) -> dict:
    resources = [tagged_resource(world, r) for r in params["Resources"]]
    for resource_id, resource in zip(params["Resources"], resources, strict=True):
        new = dict(resource.tags)
        for tag in params["Tags"]:
            new[tag["Key"]] = tag.get("Value", "")
        old = resource.tags
        world.set(resource, "tags", new)
        world.note("tags", resource_id, old, new)
    return {}


@operation("DeleteTags", "Resources Tags.Key! Tags.Value")
def delete_tags(world: World, params: dict) -> dict:
    resources = [tagged_resource(world, r) for r in params["Resources"]]
    for resource_id, resource in zip(params["Resources"], resources, strict=True):
        new = dict(resource.tags)
        for tag in params.get("Tags") or [{"Key": k} for k in resource.tags]:
            if "Value" not in tag or new.get(tag["Key"]) == tag["Value"]:
                new.pop(tag["Key"], None)
        old = resource.tags
        world.set(resource, "tags", new)
        world.note("tags", resource_id, old, new)
    return {}
