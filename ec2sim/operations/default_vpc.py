"""The default VPC: what a new account starts with, and how to get it back once deleted.

Every account has, per region, at most one default VPC (172.31.0.0/16) with an internet gateway,
a route to it, and a public default subnet (/20) in each Availability Zone. Launching without a
subnet uses it. A learner who deleted it makes a new one with CreateDefaultVpc, and a deleted
default subnet with CreateDefaultSubnet.
"""

from __future__ import annotations

from netaddr import IPNetwork

from ec2sim import describe
from ec2sim.errors import EC2Error
from ec2sim.operations import operation
from ec2sim.operations.routing import add_route, main_table
from ec2sim.operations.vpcs import (
    attach_gateway,
    create_subnet_record,
    create_vpc_record,
    zones,
)
from ec2sim.resources import InternetGateway, Subnet, Vpc
from ec2sim.world import World

DEFAULT_VPC_CIDR = "172.31.0.0/16"
DEFAULT_SUBNET_LENGTH = 20


def build_default_vpc(world: World) -> Vpc:
    """A default VPC with its gateway, its route to the internet and a subnet in each zone."""
    vpc = create_vpc_record(world, DEFAULT_VPC_CIDR, default=True)
    for zone in zones(world):
        add_default_subnet(world, vpc, zone)
    igw = InternetGateway(internet_gateway_id=world.new_id("igw"))
    world.add("internet_gateways", igw.internet_gateway_id, igw)
    world.note("internet-gateway", igw.internet_gateway_id, None, "")
    attach_gateway(world, igw, vpc)
    add_route(world, main_table(world, vpc.vpc_id), "0.0.0.0/0", igw.internet_gateway_id)
    return vpc


def add_default_subnet(world: World, vpc: Vpc, zone: str) -> Subnet:
    """The lowest /20 of the default VPC that no subnet uses becomes the zone's default subnet."""
    taken = [IPNetwork(s.cidr_block) for s in world.subnets.values()
             if s.vpc_id == vpc.vpc_id and s.cidr_block]
    for block in IPNetwork(vpc.cidr_block).subnet(DEFAULT_SUBNET_LENGTH):
        if not any(block.first <= t.last and t.first <= block.last for t in taken):
            return create_subnet_record(world, vpc, str(block), zone, default=True)
    raise EC2Error("InvalidSubnet.Conflict", f"The default VPC {vpc.vpc_id} has no free "
                   f"/{DEFAULT_SUBNET_LENGTH} left in {vpc.cidr_block} for a default subnet.")


def the_default_vpc(world: World) -> Vpc | None:
    return next((v for v in world.vpcs.values() if v.is_default), None)


@operation("CreateDefaultVpc", "")
def create_default_vpc(world: World, params: dict) -> dict:
    if the_default_vpc(world) is not None:
        raise EC2Error("DefaultVpcAlreadyExists", "A Default VPC already exists for this "
                       "account in this region.")
    return {"Vpc": describe.vpc_shape(world, build_default_vpc(world))}


@operation("CreateDefaultSubnet", "AvailabilityZone AvailabilityZoneId")
def create_default_subnet(world: World, params: dict) -> dict:
    by_id = {describe.zone_id(world, z): z for z in zones(world)}
    zone = params.get("AvailabilityZone") or by_id.get(params.get("AvailabilityZoneId", ""))
    if zone is None:
        if params.get("AvailabilityZoneId"):
            raise EC2Error("InvalidParameterValue", f"Value ({params['AvailabilityZoneId']}) "
                           "for parameter availabilityZoneId is invalid.")
        raise EC2Error("MissingParameter", "The request must contain the parameter "
                       "AvailabilityZone or AvailabilityZoneId")
    vpc = the_default_vpc(world)
    if vpc is None:
        raise EC2Error("DefaultVpcDoesNotExist", "No default VPC exists for this account in "
                       "this region: create one first (CreateDefaultVpc).")
    if any(s.default_for_az and s.availability_zone == zone for s in world.subnets.values()):
        raise EC2Error("DefaultSubnetAlreadyExistsInAvailabilityZone", f"A default subnet "
                       f"already exists in availability zone {zone}.")
    return {"Subnet": describe.subnet_shape(world, add_default_subnet(world, vpc, zone))}
