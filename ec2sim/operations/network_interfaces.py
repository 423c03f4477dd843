"""Network interfaces (ENIs): create, describe, attach, detach, modify, delete."""

from __future__ import annotations

from ec2sim import describe, rules
from ec2sim.errors import EC2Error
from ec2sim.idempotency import made_earlier, remember, with_client_token
from ec2sim.operations import FILTERS, PAGES, operation, tag_specifications, tags_for
from ec2sim.operations.ip_addresses import assign_ipv4, assign_ipv6, assign_prefixes
from ec2sim.operations.public_ips import disassociate, drop_public_ip
from ec2sim.resources import Attachment, NetworkInterface, Subnet
from ec2sim.world import World

ENI_FILTERS = {
    "network-interface-id": "NetworkInterfaceId",
    "subnet-id": "SubnetId",
    "vpc-id": "VpcId",
    "availability-zone": "AvailabilityZone",
    "status": "Status",
    "description": "Description",
    "mac-address": "MacAddress",
    "private-ip-address": "PrivateIpAddresses[].PrivateIpAddress",
    "addresses.private-ip-address": "PrivateIpAddresses[].PrivateIpAddress",
    "addresses.primary": "PrivateIpAddresses[].Primary",
    "addresses.association.public-ip": "PrivateIpAddresses[].Association.PublicIp",
    "association.public-ip": "PrivateIpAddresses[].Association.PublicIp",
    "association.allocation-id": "PrivateIpAddresses[].Association.AllocationId",
    "association.association-id": "PrivateIpAddresses[].Association.AssociationId",
    "ipv6-addresses.ipv6-address": "Ipv6Addresses[].Ipv6Address",
    "ipv4-prefix": "Ipv4Prefixes[].Ipv4Prefix",
    "ipv6-prefix": "Ipv6Prefixes[].Ipv6Prefix",
    "attachment.instance-id": "Attachment.InstanceId",
    "attachment.attachment-id": "Attachment.AttachmentId",
    "attachment.device-index": "Attachment.DeviceIndex",
    "attachment.status": "Attachment.Status",
    "attachment.delete-on-termination": "Attachment.DeleteOnTermination",
    "group-id": "Groups[].GroupId",
    "group-name": "Groups[].GroupName",
    "source-dest-check": "SourceDestCheck",
    "owner-id": "OwnerId",
    "interface-type": "InterfaceType",
}


def requested_private_ips(spec: dict) -> tuple[str | None, list[str]]:
    """The primary and secondary private IPv4 addresses a request names. The primary is the
    entry of PrivateIpAddresses marked Primary, else PrivateIpAddress, else (as AWS does) the
    first entry of PrivateIpAddresses; None means "pick one"."""
    entries = [p["PrivateIpAddress"] for p in spec.get("PrivateIpAddresses", [])]
    marked = [p["PrivateIpAddress"] for p in spec.get("PrivateIpAddresses", []) if p.get(
        "Primary")]
    if len(marked) > 1:
        raise EC2Error("InvalidParameterValue", "Only one private IP address can be primary.")
    given = spec.get("PrivateIpAddress")
    if marked and given and marked[0] != given:
        raise EC2Error("InvalidParameterCombination", "PrivateIpAddress and the primary entry of "
                       "PrivateIpAddresses name different addresses.")
    primary = next(iter(marked or ([given] if given else entries)), None)
    secondaries = list(entries)
    if primary in secondaries:
        secondaries.remove(primary)
    return primary, secondaries


# What asks for IPv4 in a request for a new interface (none of it can be had in an IPv6-only
# subnet).
IPV4_MEMBERS = ("PrivateIpAddress", "PrivateIpAddresses", "SecondaryPrivateIpAddressCount",
                "Ipv4Prefixes", "Ipv4PrefixCount", "AssociatePublicIpAddress")


def new_interface(world: World, subnet: Subnet, spec: dict, group_ids: list[str], *,
                  limits_of_type=None) -> NetworkInterface:
    """Create an interface from a CreateNetworkInterface request or one NetworkInterfaces entry
    of RunInstances; ``limits_of_type`` is the instance type it is launched with, if any."""
    primary, secondaries = requested_private_ips(spec)
    ipv6 = [a["Ipv6Address"] for a in spec.get("Ipv6Addresses", [])]
    ipv4_prefixes = [p["Ipv4Prefix"] for p in spec.get("Ipv4Prefixes", [])]
    ipv6_prefixes = [p["Ipv6Prefix"] for p in spec.get("Ipv6Prefixes", [])]
    request = {**spec, "PrivateIpAddresses": secondaries, "Ipv6Addresses": ipv6,
               "Ipv4Prefixes": ipv4_prefixes, "Ipv6Prefixes": ipv6_prefixes}
    rules.check_one_of(request, "PrivateIpAddresses", "SecondaryPrivateIpAddressCount")
    rules.check_one_of(request, "Ipv6Addresses", "Ipv6AddressCount")
    rules.check_one_of(request, "Ipv4Prefixes", "Ipv4PrefixCount")
    rules.check_one_of(request, "Ipv6Prefixes", "Ipv6PrefixCount")
    ipv4_count = spec.get("SecondaryPrivateIpAddressCount")
    ipv6_count = spec.get("Ipv6AddressCount")
    if not ipv6 and ipv6_count is None and subnet.assign_ipv6_address_on_creation:
        ipv6_count = 1
    if ipv6_count == 0:
        ipv6_count = None
    if subnet.ipv6_native:
        rules.check_not_ipv6_only(subnet, [name for name in IPV4_MEMBERS if spec.get(name)])
        if limits_of_type is not None:
            rules.check_nitro_for_ipv6_only(subnet, limits_of_type)
        ipv6_count = ipv6_count or (None if ipv6 else 1)  # its IPv6 address is all it has
    adding_ipv4 = (0 if subnet.ipv6_native else 1) + (len(secondaries) or ipv4_count or 0) + (
        len(ipv4_prefixes) or spec.get("Ipv4PrefixCount") or 0)
    adding_ipv6 = (len(ipv6) or ipv6_count or 0) + (
        len(ipv6_prefixes) or spec.get("Ipv6PrefixCount") or 0)
    limit_ipv4, limit_ipv6 = rules.instance_types.unattached_limits()
    if limits_of_type is not None:
        limit_ipv4, limit_ipv6 = limits_of_type.ipv4_per_interface, \
            limits_of_type.ipv6_per_interface
        if adding_ipv6:
            rules.check_type_takes_ipv6(limits_of_type)
        if ipv4_prefixes or spec.get("Ipv4PrefixCount") or ipv6_prefixes or spec.get(
                "Ipv6PrefixCount"):
            rules.check_type_takes_prefixes(limits_of_type)
    code = "InvalidInterface.IpAddressLimitExceeded" if limits_of_type else \
        "PrivateIpAddressLimitExceeded"
    if adding_ipv4 > limit_ipv4:
        raise EC2Error(code, "Number of private addresses will exceed limit.")
    if adding_ipv6 > limit_ipv6:
        raise EC2Error(code, "Number of IPv6 addresses will exceed limit.")

    if subnet.ipv6_native:
        primary = ""
    elif primary is not None:
        pool = world.pool(subnet.subnet_id, 4)
        ip = rules.parse_ip(primary, 4)
        rules.check_address_in_subnet(pool, ip, subnet)
        if pool.holder(int(ip)) is not None:
            raise EC2Error("InvalidIPAddress.InUse", f"Address {ip} is in use.")
        primary = str(ip)
    else:
        pool = world.pool(subnet.subnet_id, 4)
        primary = pool.text(rules.check_free_count(pool.pick(1), subnet)[0])
    eni = NetworkInterface(
        network_interface_id=world.new_id("eni"), subnet_id=subnet.subnet_id,
        vpc_id=subnet.vpc_id, availability_zone=subnet.availability_zone,
        mac_address=world.new_mac(), private_ip_address=primary, group_ids=list(group_ids),
        description=spec.get("Description", ""))
    tag_specifications(world, eni, spec, "network-interface")
    world.add("network_interfaces", eni.network_interface_id, eni)
    world.note("network-interface", eni.network_interface_id, None, subnet.subnet_id)
    if primary:
        world.claim_address(eni, primary, primary=True)
        assign_ipv4(world, eni, secondaries, ipv4_count)
    if ipv6 or ipv6_count:
        assign_ipv6(world, eni, ipv6, ipv6_count)
    if ipv4_prefixes or spec.get("Ipv4PrefixCount"):
        assign_prefixes(world, eni, 4, ipv4_prefixes, spec.get("Ipv4PrefixCount"))
    if ipv6_prefixes or spec.get("Ipv6PrefixCount"):
        assign_prefixes(world, eni, 6, ipv6_prefixes, spec.get("Ipv6PrefixCount"))
    return eni


def default_group(world: World, vpc_id: str) -> str:
    """The VPC's default security group: every VPC has one for life (it cannot be deleted)."""
    return next(g.group_id for g in world.security_groups.values()
                if g.vpc_id == vpc_id and g.group_name == "default")


@operation("CreateNetworkInterface", "SubnetId Description Groups PrivateIpAddress "
                                     "PrivateIpAddresses.Primary "
                                     "PrivateIpAddresses.PrivateIpAddress! "
                                     "SecondaryPrivateIpAddressCount=0.. "
                                     "Ipv6Addresses.Ipv6Address! Ipv6AddressCount=0.. "
                                     "Ipv4Prefixes.Ipv4Prefix! Ipv4PrefixCount=0.. "
                                     "Ipv6Prefixes.Ipv6Prefix! Ipv6PrefixCount=0.. ClientToken",
                                     tags_for("network-interface"))
def create_network_interface(world: World, params: dict) -> dict:
    earlier = made_earlier(world, "network_interfaces", params)
    if earlier:  # a retry with the same ClientToken: the interface the first request made
        eni = earlier[0]
    else:
        subnet = rules.find(world, "subnets", params["SubnetId"])
        groups = params.get("Groups") or [default_group(world, subnet.vpc_id)]
        rules.check_security_groups(world, subnet.vpc_id, groups, subnet.subnet_id)
        eni = new_interface(world, subnet, params, groups)
        remember(world, eni, params)
    return with_client_token({"NetworkInterface": describe.network_interface_shape(world, eni)},
                             params)


@operation("DescribeNetworkInterfaces", "NetworkInterfaceIds", FILTERS, PAGES)
def describe_network_interfaces(world: World, params: dict) -> dict:
    ids = params.get("NetworkInterfaceIds")
    if ids and len(ids) == 1 and not params.get("Filters"):  # the common case, kept quick
        eni = rules.find(world, "network_interfaces", ids[0])
        return {"NetworkInterfaces": [describe.network_interface_shape(world, eni)]}
    found = describe.select(
        world, params, "network_interfaces", "NetworkInterfaceIds",
        describe.network_interface_shape, ENI_FILTERS,
        lambda i: EC2Error("InvalidNetworkInterfaceID.NotFound",
                           f"The networkInterface ID '{i}' does not exist"), tag_key="TagSet")
    return describe.page(found, params, "NetworkInterfaces")


@operation("DeleteNetworkInterface", "NetworkInterfaceId")
def delete_network_interface(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    rules.check_not_attached(eni, "delete")
    delete_interface(world, eni)
    return {}


def delete_interface(world: World, eni: NetworkInterface) -> None:
    """Release everything on an interface (Elastic IPs are disassociated) and delete it."""
    for eip in list(world.addresses.values()):
        if eip.network_interface_id == eni.network_interface_id:
            disassociate(world, eip)
    for prefix in [*eni.ipv4_prefixes, *eni.ipv6_prefixes]:
        world.release_prefix(eni, prefix)
    for address in [*eni.ipv6_addresses, *eni.secondary_private_ip_addresses,
                    *eni.private_ip_addresses[:1]]:  # the primary last (none if IPv6-only)
        world.release_address(eni, address)
    drop_public_ip(world, eni)
    world.remove("network_interfaces", eni.network_interface_id)
    world.note("network-interface", eni.network_interface_id, eni.subnet_id, None)


def attach(world: World, eni: NetworkInterface, instance, device_index: int, *,
           delete_on_termination: bool) -> Attachment:
    attachment = Attachment(attachment_id=world.new_id("eni-attach"),
                            instance_id=instance.instance_id, device_index=device_index,
                            delete_on_termination=delete_on_termination,
                            attach_time=world.now())
    world.set(eni, "attachment", attachment)
    world.note("attachment", eni.network_interface_id, None,
               f"{instance.instance_id}/{device_index}")
    return attachment


@operation("AttachNetworkInterface", "NetworkInterfaceId InstanceId DeviceIndex=0.. "
                                     "NetworkCardIndex")
def attach_network_interface(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    instance = rules.find(world, "instances", params["InstanceId"])
    device_index = params["DeviceIndex"]
    if params.get("NetworkCardIndex", 0) != 0:
        raise EC2Error("InvalidParameterValue", "The simulation models network card 0 only.")
    rules.check_can_attach(world, eni, instance, device_index)
    attachment = attach(world, eni, instance, device_index, delete_on_termination=False)
    return {"AttachmentId": attachment.attachment_id, "NetworkCardIndex": 0}


def find_attachment(world: World, attachment_id: str) -> NetworkInterface:
    for eni in world.network_interfaces.values():
        if eni.attachment and eni.attachment.attachment_id == attachment_id:
            return eni
    raise EC2Error("InvalidAttachmentID.NotFound", f"Interface attachment '{attachment_id}' "
                   "does not exist.")


def detach(world: World, eni: NetworkInterface) -> None:
    a = eni.attachment
    world.set(eni, "attachment", None)
    world.note("attachment", eni.network_interface_id, f"{a.instance_id}/{a.device_index}", None)


@operation("DetachNetworkInterface", "AttachmentId")
def detach_network_interface(world: World, params: dict) -> dict:
    eni = find_attachment(world, params["AttachmentId"])
    rules.check_can_detach(eni)
    detach(world, eni)
    return {}


@operation("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId Groups SourceDestCheck.Value! "
                                              "Description.Value! Attachment.AttachmentId "
                                              "Attachment.DeleteOnTermination")
def modify_network_interface_attribute(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    known = ("Groups", "SourceDestCheck", "Description", "Attachment")
    given = [k for k in known if k in params]
    if len(given) != 1:
        raise EC2Error("InvalidParameterCombination", "Specify exactly one attribute to modify.")
    if "Groups" in params:
        rules.check_security_groups(world, eni.vpc_id, params["Groups"], eni.subnet_id)
        target, attribute, value = eni, "group_ids", list(params["Groups"])
    elif "SourceDestCheck" in params:
        target, attribute, value = eni, "source_dest_check", params["SourceDestCheck"]["Value"]
    elif "Description" in params:
        target, attribute, value = eni, "description", params["Description"]["Value"]
    else:
        wanted = params["Attachment"]
        if not eni.attachment or eni.attachment.attachment_id != wanted.get("AttachmentId"):
            raise EC2Error("InvalidAttachmentID.NotFound", f"Interface attachment "
                           f"'{wanted.get('AttachmentId')}' does not exist.")
        target, attribute = eni.attachment, "delete_on_termination"
        value = wanted.get("DeleteOnTermination", eni.attachment.delete_on_termination)
    old = getattr(target, attribute)
    world.set(target, attribute, value)
    world.note(f"network-interface.{attribute}", eni.network_interface_id, old, value)
    return {}
