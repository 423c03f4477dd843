"""What resources look like through the API: response shapes, Filters and pages.

Each ``*_shape`` function returns exactly the dict boto3 gives for that resource (member names,
types, which members are left out), so describe calls, create calls and the wire all agree.
``Filters`` are matched against those dicts by path, the way a learner reads them.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from botocore.utils import parse_timestamp

from ec2sim.errors import EC2Error
from ec2sim.resources import Address, Instance, NetworkInterface, Subnet, Vpc
from ec2sim.rules import check_id_shape
from ec2sim.world import World

# botocore's own timestamp parser, so a time reads exactly as it does from AWS's XML.
timestamp = lru_cache(maxsize=8192)(parse_timestamp)

STATE_CODES = {"pending": 0, "running": 16, "shutting-down": 32, "terminated": 48,
               "stopping": 64, "stopped": 80}


def tags(resource: Any) -> list[dict[str, str]]:
    if not resource.tags:  # most resources: no list to build
        return []
    return [{"Key": k, "Value": v} for k, v in resource.tags.items()]


def with_tags(shape: dict, resource: Any, key: str = "Tags") -> dict:
    if resource.tags:
        shape[key] = tags(resource)
    return shape


def zone_id(world: World, zone: str) -> str:
    prefix = {"us-east-1": "use1"}.get(world.region, world.region.replace("-", "")[:4])
    return f"{prefix}-az{ord(zone[-1]) - ord('a') + 1}"


def private_dns(world: World, ip: str) -> str:
    """The name of a private IPv4 address (an IP name, ip-10-0-1-5)."""
    return _ip_name(world.region, ip)


@lru_cache(maxsize=1 << 12)
def _ip_name(region: str, ip: str) -> str:
    # (cached: every describe names the same few addresses again)
    return _internal_name(region, "ip-" + ip.replace(".", "-"))


def host_dns(world: World, instance_id: str, eni: NetworkInterface) -> str:
    """An instance's private DNS name, from its primary interface: the name of its primary
    private IPv4 address, or in an IPv6-only subnet its instance ID (a resource name)."""
    if eni.private_ip_address:
        return private_dns(world, eni.private_ip_address)
    return internal_name(world, instance_id)


def internal_name(world: World, host: str) -> str:
    """A host's private DNS name: an IP name, or in an IPv6-only subnet the instance ID."""
    return _internal_name(world.region, host)


def _internal_name(region: str, host: str) -> str:
    if region == "us-east-1":
        return f"{host}.ec2.internal"
    return f"{host}.{region}.compute.internal"


def public_dns(world: World, ip: str) -> str:
    host = "ec2-" + ip.replace(".", "-")
    if world.region == "us-east-1":
        return f"{host}.compute-1.amazonaws.com"
    return f"{host}.{world.region}.compute.amazonaws.com"


# -- shapes ------------------------------------------------------------------------------------
def vpc_shape(world: World, vpc: Vpc) -> dict:
    shape = {
        "OwnerId": world.account_id,
        "InstanceTenancy": "default",
        "CidrBlockAssociationSet": [
            {"AssociationId": association_id, "CidrBlock": block,
             "CidrBlockState": {"State": "associated"}}
            for association_id, block in [(vpc.cidr_association_id, vpc.cidr_block), *(
                (b["association_id"], b["cidr_block"]) for b in vpc.secondary_cidr_blocks)]],
        "IsDefault": vpc.is_default,
        "VpcId": vpc.vpc_id,
        "State": "available",
        "CidrBlock": vpc.cidr_block,
        "DhcpOptionsId": "dopt-0" + vpc.vpc_id[-16:],
    }
    if vpc.ipv6_blocks:
        shape["Ipv6CidrBlockAssociationSet"] = vpc_ipv6_associations(world, vpc)
    return with_tags(shape, vpc)


def vpc_ipv6_associations(world: World, vpc: Vpc) -> list[dict]:
    """The VPC's IPv6 blocks (up to 5), in the order they were added."""
    first = [{"association_id": vpc.ipv6_association_id,
              "ipv6_cidr_block": vpc.ipv6_cidr_block}] if vpc.ipv6_cidr_block else []
    return [{"AssociationId": b["association_id"], "Ipv6CidrBlock": b["ipv6_cidr_block"],
             "Ipv6CidrBlockState": {"State": "associated"}, "NetworkBorderGroup": world.region,
             "Ipv6Pool": "Amazon"} for b in [*first, *vpc.more_ipv6_blocks]]


def vpc_ipv6_association(world: World, vpc: Vpc) -> dict:
    """The VPC's first IPv6 block."""
    return vpc_ipv6_associations(world, vpc)[0]


def subnet_ipv6_association(subnet: Subnet) -> dict:
    return {"AssociationId": subnet.ipv6_association_id,
            "Ipv6CidrBlock": subnet.ipv6_cidr_block,
            "Ipv6CidrBlockState": {"State": "associated"}}


def subnet_shape(world: World, subnet: Subnet) -> dict:
    shape = {
        "AvailabilityZoneId": zone_id(world, subnet.availability_zone),
        "MapCustomerOwnedIpOnLaunch": False,
        "OwnerId": world.account_id,
        "AssignIpv6AddressOnCreation": subnet.assign_ipv6_address_on_creation,
        "Ipv6CidrBlockAssociationSet": (
            [subnet_ipv6_association(subnet)] if subnet.ipv6_cidr_block else []),
        "SubnetArn": f"arn:aws:ec2:{world.region}:{world.account_id}:subnet/{subnet.subnet_id}",
        "EnableDns64": False,
        "Ipv6Native": subnet.ipv6_native,
        # an IPv6-only subnet names hosts after the instance: there is no IPv4 to name them by
        "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "resource-name" if subnet.ipv6_native
                                          else "ip-name",
                                          "EnableResourceNameDnsARecord": False,
                                          "EnableResourceNameDnsAAAARecord": False},
        "SubnetId": subnet.subnet_id,
        "State": "available",
        "VpcId": subnet.vpc_id,
        "CidrBlock": subnet.cidr_block,
        "AvailableIpAddressCount": 0,  # IPv4 addresses only: none in an IPv6-only subnet
        "AvailabilityZone": subnet.availability_zone,
        "DefaultForAz": subnet.default_for_az,
        "MapPublicIpOnLaunch": subnet.map_public_ip_on_launch,
    }
    if subnet.ipv6_native:
        del shape["CidrBlock"]
    else:
        shape["AvailableIpAddressCount"] = world.pool(subnet.subnet_id, 4).available_count
    return with_tags(shape, subnet)


def group_refs(world: World, group_ids: Iterable[str]) -> list[dict]:
    groups = world.security_groups
    refs = []  # (a loop, not a comprehension: every describe of an interface comes here)
    for group_id in group_ids:
        refs.append({"GroupId": group_id, "GroupName": groups[group_id].group_name})
    return refs


def eip_at(world: World, eni_id: str, private_ip: str) -> Address | None:
    for address in world.addresses.values():
        if address.network_interface_id == eni_id and address.private_ip_address == private_ip:
            return address
    return None


def public_ip_of(world: World, eni: NetworkInterface,
                 private_ip: str) -> tuple[str, Address | None]:
    """The public IPv4 mapped to a private address: its Elastic IP, else the auto-assigned one."""
    eip = eip_at(world, eni.network_interface_id, private_ip)
    if eip is not None:
        return eip.public_ip, eip
    if private_ip == eni.private_ip_address and eni.public_ip:
        return eni.public_ip, None
    return "", None


def association(world: World, eni: NetworkInterface, private_ip: str, *,
                for_instance: bool = False) -> dict | None:
    public_ip, eip = public_ip_of(world, eni, private_ip)
    if not public_ip:
        return None
    shape = {"IpOwnerId": world.account_id if eip else "amazon",
             "PublicDnsName": public_dns(world, public_ip), "PublicIp": public_ip}
    if eip and not for_instance:
        shape["AllocationId"] = eip.allocation_id
        shape["AssociationId"] = eip.association_id
    return shape


def network_interface_shape(world: World, eni: NetworkInterface, *,
                            for_instance: bool = False) -> dict:
    """A network interface as DescribeNetworkInterfaces (or, inside an instance, as
    DescribeInstances) shows it."""
    primary = eni.private_ip_address
    primary_dns = private_dns(world, primary) if primary else ""  # named once, shown twice
    private_ips = []
    if primary:  # (primary first, then the secondary addresses in the order assigned)
        for ip in (primary, *eni.secondary_private_ip_addresses):
            entry = {"PrivateDnsName": primary_dns if ip == primary else private_dns(world, ip),
                     "PrivateIpAddress": ip, "Primary": ip == primary}
            found = association(world, eni, ip, for_instance=for_instance)
            if found:
                entry["Association"] = found
            private_ips.append(entry)
    a = eni.attachment
    # Every member in AWS's order, then those this interface lacks taken out again (one dict
    # built once: every describe of an interface comes here)
    shape: dict[str, Any] = {
        "Association": private_ips[0].get("Association") if private_ips else None,
        "Attachment": None if a is None else {
            "AttachTime": timestamp(a.attach_time), "AttachmentId": a.attachment_id,
            "DeleteOnTermination": a.delete_on_termination, "DeviceIndex": a.device_index,
            "NetworkCardIndex": 0, "Status": "attached"},
        "Description": eni.description,
        "Groups": group_refs(world, eni.group_ids),
        "Ipv6Addresses": ipv6_addresses(eni, for_instance),
        "MacAddress": eni.mac_address,
        "NetworkInterfaceId": eni.network_interface_id,
        "OwnerId": world.account_id,
        "PrivateDnsName": primary_dns,
        "PrivateIpAddress": primary,
        "PrivateIpAddresses": private_ips,
        "SourceDestCheck": eni.source_dest_check,
        "Status": "in-use" if a else "available",
        "SubnetId": eni.subnet_id,
        "VpcId": eni.vpc_id,
        "InterfaceType": "interface",
        "Ipv6Native": not primary,  # IPv6-only: no private IPv4 address, nor a name from one
        "Ipv4Prefixes": [{"Ipv4Prefix": p} for p in eni.ipv4_prefixes] if eni.ipv4_prefixes
        else None,
        "Ipv6Prefixes": [{"Ipv6Prefix": p} for p in eni.ipv6_prefixes] if eni.ipv6_prefixes
        else None,
        "AvailabilityZone": eni.availability_zone,
        "RequesterManaged": False,
        "TagSet": tags(eni),
    }
    if shape["Association"] is None:
        del shape["Association"]
    if a is None:
        del shape["Attachment"]
    elif not for_instance:
        shape["Attachment"]["InstanceId"] = a.instance_id
        shape["Attachment"]["InstanceOwnerId"] = world.account_id
    if not primary:
        del shape["PrivateDnsName"], shape["PrivateIpAddress"]
    if primary or for_instance:
        del shape["Ipv6Native"]
    if shape["Ipv4Prefixes"] is None:
        del shape["Ipv4Prefixes"]
    if shape["Ipv6Prefixes"] is None:
        del shape["Ipv6Prefixes"]
    if for_instance:
        del shape["AvailabilityZone"], shape["RequesterManaged"], shape["TagSet"]
    return shape


def ipv6_addresses(eni: NetworkInterface, for_instance: bool) -> list[dict]:
    if not eni.ipv6_addresses:
        return []
    if for_instance:
        return [{"Ipv6Address": ip} for ip in eni.ipv6_addresses]
    return [{"Ipv6Address": ip, "IsPrimaryIpv6": False} for ip in eni.ipv6_addresses]


def attached_interfaces(world: World) -> dict[str, list[NetworkInterface]]:
    """Every instance's interfaces, by device index, in one pass over the interfaces (a
    describe of many instances stays linear)."""
    found: dict[str, list[NetworkInterface]] = {}
    for eni in world.network_interfaces.values():
        if eni.attachment:
            found.setdefault(eni.attachment.instance_id, []).append(eni)
    for enis in found.values():
        enis.sort(key=lambda e: e.attachment.device_index)
    return found


def instance_shapes(world: World) -> Callable[[World, Instance], dict]:
    """``instance_shape`` for many instances of one world, looking their interfaces up once."""
    attached = attached_interfaces(world)
    return lambda w, instance: instance_shape(w, instance, attached.get(instance.instance_id, []))


def instance_shape(world: World, instance: Instance,
                   enis: list[NetworkInterface] | None = None) -> dict:
    if enis is None:
        enis = world.interfaces_of(instance.instance_id)
    primary = enis[0] if enis else None
    shape: dict[str, Any] = {
        "Architecture": "x86_64",
        "AmiLaunchIndex": instance.ami_launch_index,
        "ImageId": instance.image_id,
        "InstanceId": instance.instance_id,
        "InstanceType": instance.instance_type,
        "LaunchTime": timestamp(instance.launch_time),
        "Monitoring": {"State": "disabled"},
        "Placement": {"AvailabilityZone": instance.availability_zone, "GroupName": "",
                      "Tenancy": "default"},
        "PrivateDnsName": "",
        "ProductCodes": [],
        "PublicDnsName": "",
        "State": {"Code": STATE_CODES[instance.state], "Name": instance.state},
        "StateTransitionReason": instance.state_transition_reason,
        "BlockDeviceMappings": [],
        "EbsOptimized": False,
        "EnaSupport": True,
        "Hypervisor": "xen",
        "NetworkInterfaces": [network_interface_shape(world, e, for_instance=True) for e in enis],
        "RootDeviceName": "/dev/xvda",
        "RootDeviceType": "ebs",
        "SecurityGroups": [],
        "VirtualizationType": "hvm",
    }
    if instance.key_name:
        shape["KeyName"] = instance.key_name
    if instance.client_token:
        shape["ClientToken"] = instance.client_token
    if primary is not None:
        public_ip, _ = public_ip_of(world, primary, primary.private_ip_address)
        shape.update({
            "PrivateDnsName": host_dns(world, instance.instance_id, primary),
            "PrivateIpAddress": primary.private_ip_address,
            "PublicDnsName": public_dns(world, public_ip) if public_ip else "",
            "SecurityGroups": group_refs(world, primary.group_ids),
            "SourceDestCheck": primary.source_dest_check,
            "SubnetId": instance.subnet_id,
            "VpcId": instance.vpc_id,
        })
        if public_ip:
            shape["PublicIpAddress"] = public_ip
        if not primary.private_ip_address:
            del shape["PrivateIpAddress"]
        if primary.ipv6_addresses:
            shape["Ipv6Address"] = primary.ipv6_addresses[0]
    return with_tags(shape, instance)


def address_shape(world: World, address: Address) -> dict:
    shape: dict[str, Any] = {"AllocationId": address.allocation_id, "Domain": "vpc",
                             "PublicIp": address.public_ip, "PublicIpv4Pool": "amazon",
                             "NetworkBorderGroup": world.region}
    if address.association_id:
        eni = world.network_interfaces[address.network_interface_id]
        if eni.attachment:
            shape["InstanceId"] = eni.attachment.instance_id
        shape.update({"AssociationId": address.association_id,
                      "NetworkInterfaceId": address.network_interface_id,
                      "NetworkInterfaceOwnerId": world.account_id,
                      "PrivateIpAddress": address.private_ip_address})
    return with_tags(shape, address)


# -- filters -----------------------------------------------------------------------------------
def values_at(shape: Any, path: str) -> list[Any]:
    """Every value at a dotted path; ``[]`` after a name walks each item of a list."""
    current = [shape]
    for part in path.split("."):
        walk_list = part.endswith("[]")
        name = part[:-2] if walk_list else part
        found = []
        for item in current:
            if isinstance(item, dict) and name in item:
                value = item[name]
                if walk_list:
                    found.extend(value)
                else:
                    found.append(value)
        current = found
    return current


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def matches(shape: dict, filters: list[dict] | None, paths: dict[str, str],
            tag_key: str = "Tags") -> bool:
    """Whether a resource passes every filter (each filter: any of its values, * and ? wild)."""
    for f in filters or []:
        name = f["Name"]
        wanted = f.get("Values", [])
        if name.startswith("tag:"):
            have = [t["Value"] for t in shape.get(tag_key, []) if t["Key"] == name[4:]]
        elif name == "tag-key":
            have = [t["Key"] for t in shape.get(tag_key, [])]
        elif name == "tag-value":
            have = [t["Value"] for t in shape.get(tag_key, [])]
        elif name in paths:
            have = [_text(v) for v in values_at(shape, paths[name])]
        else:
            raise EC2Error("InvalidParameterValue", f"The filter '{name}' is invalid")
        if not any(fnmatch.fnmatchcase(h, w) for h in have for w in wanted):
            return False
    return True


def select(world: World, params: dict, collection: str, id_param: str | None,
           shape_of: Callable[[World, Any], dict], paths: dict[str, str],
           not_found: Callable[[str], EC2Error], tag_key: str = "Tags") -> list[dict]:
    """The shapes of the resources a Describe call asks for: by ID (each must exist), then
    by Filters."""
    for f in params.get("Filters") or []:  # an unknown filter fails even when nothing is there
        if not (f["Name"].startswith("tag:") or f["Name"] in ("tag-key", "tag-value")
                or f["Name"] in paths):
            raise EC2Error("InvalidParameterValue", f"The filter '{f['Name']}' is invalid")
    table = world.collections[collection]
    ids = params.get(id_param) if id_param else None
    if ids:
        missing = [i for i in ids if i not in table]
        if missing:
            check_id_shape(collection, missing[0])
            raise not_found(missing[0])
        resources = [table[i] for i in dict.fromkeys(ids)]
    else:
        resources = list(table.values())
    shapes = (shape_of(world, r) for r in resources)
    return [s for s in shapes if matches(s, params.get("Filters"), paths, tag_key)]


def page(items: list, params: dict, key: str) -> dict:
    """Cut a list into pages for MaxResults / NextToken, as the paginators expect."""
    limit = params.get("MaxResults")
    token = params.get("NextToken")
    start = 0
    if token:
        try:
            start = int(token)
        except ValueError:
            raise EC2Error("InvalidNextToken", "The token is not valid for this request.") \
                from None
    if limit is None:
        return {key: items[start:]}
    response = {key: items[start:start + limit]}
    if start + limit < len(items):
        response["NextToken"] = str(start + limit)
    return response
