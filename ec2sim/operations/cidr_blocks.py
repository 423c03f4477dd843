"""More address space for a VPC, and giving blocks back.

A VPC outgrows its first IPv4 block: AssociateVpcCidrBlock(CidrBlock=…) adds a secondary one
(up to five IPv4 blocks in all), and subnets can then be made in it. A block is given back with
DisassociateVpcCidrBlock (never the primary IPv4 block, never while a subnet is inside it), and a
subnet's IPv6 block with DisassociateSubnetCidrBlock (never while the subnet hands out IPv6
addresses on its own, or an interface still has one).
"""

from __future__ import annotations

from netaddr import IPNetwork

from ec2sim import describe, rules
from ec2sim.errors import EC2Error
from ec2sim.operations import operation
from ec2sim.resources import Subnet, Vpc
from ec2sim.world import World

IPV4_BLOCKS_PER_VPC = 5  # AWS's default quota, the primary block included
PRIVATE_RANGES = [IPNetwork(r) for r in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
NEVER_SECONDARY = IPNetwork("198.19.0.0/16")  # AWS keeps this range for its own use


def overlaps(a: IPNetwork, b: IPNetwork) -> bool:
    return a.first <= b.last and b.first <= a.last


def check_secondary_ipv4(vpc: Vpc, text: str) -> str:
    """A secondary IPv4 block: /16 to /28, within the quota, overlapping none of the VPC's
    blocks, and not from a private (RFC 1918) range other than the primary block's."""
    net = rules.parse_cidr(text)
    if net.version != 4 or not 16 <= net.prefixlen <= 28:
        raise EC2Error("InvalidVpc.Range", f"The CIDR '{text}' is invalid: a VPC's IPv4 block "
                       "must be from /16 to /28.")
    if len(vpc.ipv4_blocks) >= IPV4_BLOCKS_PER_VPC:
        raise EC2Error("CidrLimitExceeded", f"This network '{vpc.vpc_id}' has met its maximum "
                       f"number of allowed CIDRs: {IPV4_BLOCKS_PER_VPC}")
    for block in vpc.ipv4_blocks:
        if overlaps(net, IPNetwork(block)):
            raise EC2Error("InvalidVpc.Range", f"The CIDR '{net}' overlaps {block}, a CIDR "
                           f"block of {vpc.vpc_id}.")
    primary = IPNetwork(vpc.cidr_block)
    home = [r for r in PRIVATE_RANGES if primary in r]
    other_private = [r for r in PRIVATE_RANGES if r not in home and overlaps(net, r)]
    if other_private or overlaps(net, NEVER_SECONDARY):
        raise EC2Error("InvalidVpc.Range", f"The CIDR '{net}' is restricted. Use a CIDR from "
                       "the same private address range as the current VPC CIDR, or use a "
                       "publicly-routable CIDR.")
    return str(net)


def associate_ipv4_block(world: World, vpc: Vpc, params: dict) -> dict:
    """AssociateVpcCidrBlock with CidrBlock: a secondary IPv4 block."""
    if params.get("AmazonProvidedIpv6CidrBlock"):
        raise EC2Error("InvalidParameterCombination", "Specify an IPv4 CidrBlock or "
                       "AmazonProvidedIpv6CidrBlock, not both.")
    cidr = check_secondary_ipv4(vpc, params["CidrBlock"])
    association = {"association_id": world.new_id("vpc-cidr-assoc"), "cidr_block": cidr}
    world.set(vpc, "secondary_cidr_blocks", [*vpc.secondary_cidr_blocks, association])
    world.note("vpc-cidr", vpc.vpc_id, None, cidr)
    return {"CidrBlockAssociation": {"AssociationId": association["association_id"],
                                     "CidrBlock": cidr,
                                     "CidrBlockState": {"State": "associating"}},
            "VpcId": vpc.vpc_id}


def check_no_subnet_within(world: World, vpc: Vpc, block: str) -> None:
    net = IPNetwork(block)
    for subnet in world.subnets.values():
        mine = [subnet.cidr_block] if net.version == 4 else [subnet.ipv6_cidr_block]
        if subnet.vpc_id == vpc.vpc_id and any(c and IPNetwork(c) in net for c in mine):
            raise EC2Error("InvalidCidrBlock.InUse", f"The vpc {vpc.vpc_id} currently has a "
                           f"subnet within CIDR block {block}")


def drop_ipv6_block(world: World, vpc: Vpc, association_id: str) -> None:
    """Take one IPv6 block off a VPC; the next one, if any, becomes its first."""
    rest = [b for b in vpc.more_ipv6_blocks if b["association_id"] != association_id]
    if vpc.ipv6_association_id == association_id:
        first = rest.pop(0) if rest else {"association_id": None, "ipv6_cidr_block": None}
        world.set(vpc, "ipv6_cidr_block", first["ipv6_cidr_block"])
        world.set(vpc, "ipv6_association_id", first["association_id"])
    world.set(vpc, "more_ipv6_blocks", rest)


@operation("DisassociateVpcCidrBlock", "AssociationId")
def disassociate_vpc_cidr_block(world: World, params: dict) -> dict:
    wanted = params["AssociationId"]
    for vpc in world.vpcs.values():
        if vpc.cidr_association_id == wanted:
            raise EC2Error("OperationNotPermitted", f"The vpc CIDR block with association ID "
                           f"{wanted} may not be disassociated. It is the primary IPv4 CIDR "
                           "block of the VPC")
        for association in vpc.secondary_cidr_blocks:
            if association["association_id"] == wanted:
                check_no_subnet_within(world, vpc, association["cidr_block"])
                world.set(vpc, "secondary_cidr_blocks", [
                    a for a in vpc.secondary_cidr_blocks if a is not association])
                world.note("vpc-cidr", vpc.vpc_id, association["cidr_block"], None)
                return {"CidrBlockAssociation": {
                    "AssociationId": wanted, "CidrBlock": association["cidr_block"],
                    "CidrBlockState": {"State": "disassociating"}}, "VpcId": vpc.vpc_id}
        for shape in describe.vpc_ipv6_associations(world, vpc):
            if shape["AssociationId"] == wanted:
                check_no_subnet_within(world, vpc, shape["Ipv6CidrBlock"])
                drop_ipv6_block(world, vpc, wanted)
                world.note("vpc-ipv6", vpc.vpc_id, shape["Ipv6CidrBlock"], None)
                shape["Ipv6CidrBlockState"] = {"State": "disassociating"}
                return {"Ipv6CidrBlockAssociation": shape, "VpcId": vpc.vpc_id}
    raise EC2Error("InvalidVpcCidrBlockAssociationID.NotFound", f"The vpc CIDR block "
                   f"association ID '{wanted}' does not exist")


def check_subnet_block_unused(world: World, subnet: Subnet) -> None:
    """A subnet's IPv6 block stays while the subnet hands out IPv6 addresses by itself or an
    interface in it still has IPv6 addresses or prefixes."""
    prefix = f"The subnet IPv6 CIDR block with association ID {subnet.ipv6_association_id} " \
             "may not be disassociated, because"
    if subnet.assign_ipv6_address_on_creation:
        raise EC2Error("InvalidCidrBlock.InUse", f"{prefix} its subnet has "
                       "assign-ipv6-address-on-creation set to true.")
    for eni in world.network_interfaces.values():
        if eni.subnet_id == subnet.subnet_id and (eni.ipv6_addresses or eni.ipv6_prefixes):
            raise EC2Error("InvalidCidrBlock.InUse", f"{prefix} network interface "
                           f"{eni.network_interface_id} still has IPv6 addresses from it.")


@operation("DisassociateSubnetCidrBlock", "AssociationId")
def disassociate_subnet_cidr_block(world: World, params: dict) -> dict:
    wanted = params["AssociationId"]
    subnet = next((s for s in world.subnets.values() if s.ipv6_association_id == wanted), None)
    if subnet is None:
        raise EC2Error("InvalidSubnetCidrBlockAssociationID.NotFound", f"The subnet CIDR block "
                       f"with association ID '{wanted}' does not exist")
    check_subnet_block_unused(world, subnet)
    shape = describe.subnet_ipv6_association(subnet)
    shape["Ipv6CidrBlockState"] = {"State": "disassociating"}
    world.note("subnet-ipv6", subnet.subnet_id, subnet.ipv6_cidr_block, None)
    world.close_ipv6_pool(subnet)
    world.set(subnet, "ipv6_cidr_block", None)
    world.set(subnet, "ipv6_association_id", None)
    return {"Ipv6CidrBlockAssociation": shape, "SubnetId": subnet.subnet_id}
