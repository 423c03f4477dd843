"""Elastic IP addresses: allocate, associate with a private address, disassociate, release."""

from __future__ import annotations

from ec2sim import describe, rules
from ec2sim.errors import EC2Error
from ec2sim.operations import FILTERS, operation, tag_specifications, tags_for
from ec2sim.operations.public_ips import (
    disassociate,
    drop_public_ip,
    give_public_ip,
    next_public_ip,
)
from ec2sim.resources import Address
from ec2sim.world import World

ADDRESS_FILTERS = {"allocation-id": "AllocationId", "association-id": "AssociationId",
                   "domain": "Domain", "instance-id": "InstanceId",
                   "network-interface-id": "NetworkInterfaceId",
                   "network-interface-owner-id": "NetworkInterfaceOwnerId",
                   "private-ip-address": "PrivateIpAddress", "public-ip": "PublicIp",
                   "network-border-group": "NetworkBorderGroup"}


def find_address(world: World, params: dict) -> Address:
    if params.get("AllocationId"):
        return rules.find(world, "addresses", params["AllocationId"])
    public_ip = params.get("PublicIp")
    if not public_ip:
        raise EC2Error("MissingParameter", "Either AllocationId or PublicIp must be specified.")
    for address in world.addresses.values():
        if address.public_ip == public_ip:
            return address
    raise EC2Error("InvalidAddress.NotFound", f"Address '{public_ip}' not found.")


@operation("AllocateAddress", "Domain Address PublicIpv4Pool", tags_for("elastic-ip"))
def allocate_address(world: World, params: dict) -> dict:
    # Domain: "vpc" is the only kind left; AWS takes an empty or unknown value as "vpc".
    if params.get("Address") or params.get("PublicIpv4Pool") not in (None, "amazon"):
        raise EC2Error("UnsupportedOperation", "The simulation allocates addresses from "
                       "Amazon's pool only.")
    rules.check_address_limit(world)
    address = Address(allocation_id=world.new_id("eipalloc"),
                      public_ip=next_public_ip(world, "elastic"))
    tag_specifications(world, address, params, "elastic-ip")
    world.add("addresses", address.allocation_id, address)
    world.note("elastic-ip", address.allocation_id, None, "")
    return {"PublicIp": address.public_ip, "AllocationId": address.allocation_id,
            "PublicIpv4Pool": "amazon", "NetworkBorderGroup": world.region, "Domain": "vpc"}


@operation("AssociateAddress", "AllocationId PublicIp InstanceId NetworkInterfaceId "
                               "PrivateIpAddress AllowReassociation")
def associate_address(world: World, params: dict) -> dict:
    address = find_address(world, params)
    if params.get("InstanceId") and params.get("NetworkInterfaceId"):
        raise EC2Error("InvalidParameterCombination", "Specify an instance or a network "
                       "interface, not both.")
    if params.get("InstanceId"):
        instance = rules.find(world, "instances", params["InstanceId"])
        rules.check_instance_state(instance, ("running", "stopped"), "take an Elastic IP")
        eni = rules.the_only_interface(world, instance)
    elif params.get("NetworkInterfaceId"):
        eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    else:
        raise EC2Error("MissingParameter", "Either InstanceId or NetworkInterfaceId must be "
                       "specified.")
    rules.check_not_ipv6_only(world.subnets[eni.subnet_id], ("an Elastic IP",))
    private_ip = params.get("PrivateIpAddress") or eni.private_ip_address
    rules.check_private_ip_on_interface(eni, private_ip)
    rules.check_gateway_attached(world, eni.vpc_id, eni.network_interface_id)
    if address.association_id and (address.network_interface_id, address.private_ip_address) \
            == (eni.network_interface_id, private_ip):
        return {"AssociationId": address.association_id}  # the same association again: no-op
    rules.check_reassociation(address, params.get("AllowReassociation"))

    before = "" if not address.association_id else \
        f"{address.network_interface_id}/{address.private_ip_address}"
    occupant = describe.eip_at(world, eni.network_interface_id, private_ip)
    if occupant is not None and occupant is not address:
        disassociate(world, occupant)
    if address.association_id:
        release_association(world, address)
    if private_ip == eni.private_ip_address:
        drop_public_ip(world, eni)  # the Elastic IP replaces the auto-assigned address
    world.set_association(address, world.new_id("eipassoc"), eni.network_interface_id,
                          private_ip)
    world.note("elastic-ip", address.allocation_id, before or "",
               f"{eni.network_interface_id}/{private_ip}")
    return {"AssociationId": address.association_id}


def release_association(world: World, address: Address) -> None:
    """Disassociate; a primary address that had an auto-assigned public IPv4 gets a new one."""
    eni = world.network_interfaces[address.network_interface_id]
    private_ip = address.private_ip_address
    disassociate(world, address)
    instance = world.instances.get(eni.attachment.instance_id) if eni.attachment else None
    if eni.auto_public_ip and private_ip == eni.private_ip_address and instance is not None \
            and instance.state == "running":
        give_public_ip(world, eni)


@operation("DisassociateAddress", "AssociationId PublicIp")
def disassociate_address(world: World, params: dict) -> dict:
    if params.get("AssociationId"):
        wanted = params["AssociationId"]
        for address in world.addresses.values():
            if address.association_id == wanted:
                break
        else:
            raise EC2Error("InvalidAssociationID.NotFound", f"The association ID '{wanted}' "
                           "does not exist")
    else:
        address = find_address(world, {"PublicIp": params.get("PublicIp")})
        if not address.association_id:
            raise EC2Error("InvalidAssociationID.NotFound", f"The address "
                           f"'{address.public_ip}' is not associated")
    release_association(world, address)
    return {}


@operation("ReleaseAddress", "AllocationId PublicIp")
def release_address(world: World, params: dict) -> dict:
    address = find_address(world, params)
    rules.check_can_release(address)
    world.remove("addresses", address.allocation_id)
    world.note("elastic-ip", address.allocation_id, "", None)
    return {}


@operation("DescribeAddresses", "AllocationIds PublicIps", FILTERS)
def describe_addresses(world: World, params: dict) -> dict:
    found = describe.select(world, params, "addresses", "AllocationIds", describe.address_shape,
                            ADDRESS_FILTERS, lambda i: EC2Error(
                                "InvalidAllocationID.NotFound",
                                f"The allocation ID '{i}' does not exist"))
    wanted = params.get("PublicIps")
    if wanted:
        missing = [ip for ip in wanted if ip not in {a["PublicIp"] for a in found}]
        if missing:
            raise EC2Error("InvalidAddress.NotFound", f"Address '{missing[0]}' not found.")
        found = [a for a in found if a["PublicIp"] in wanted]
    return {"Addresses": found}
