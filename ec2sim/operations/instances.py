"""Instances: launch with network interfaces, describe, stop, start, terminate; instance
types."""

from __future__ import annotations

from ec2sim import describe, instance_types, rules
from ec2sim.errors import EC2Error
from ec2sim.idempotency import made_earlier, remember
from ec2sim.operations import FILTERS, PAGES, operation, tag_specifications, tags_for
from ec2sim.operations.images import launch_image
from ec2sim.operations.network_interfaces import (
    attach,
    default_group,
    delete_interface,
    detach,
    new_interface,
)
from ec2sim.operations.public_ips import drop_public_ip, give_public_ip
from ec2sim.resources import Instance
from ec2sim.world import World

INSTANCE_FILTERS = {
    "instance-id": "InstanceId",
    "instance-type": "InstanceType",
    "instance-state-name": "State.Name",
    "instance-state-code": "State.Code",
    "image-id": "ImageId",
    "vpc-id": "VpcId",
    "subnet-id": "NetworkInterfaces[].SubnetId",
    "availability-zone": "Placement.AvailabilityZone",
    "private-ip-address": "PrivateIpAddress",
    "ip-address": "PublicIpAddress",
    "dns-name": "PublicDnsName",
    "private-dns-name": "PrivateDnsName",
    "network-interface.private-dns-name": "NetworkInterfaces[].PrivateDnsName",
    "network-interface.addresses.private-dns-name":
        "NetworkInterfaces[].PrivateIpAddresses[].PrivateDnsName",
    "key-name": "KeyName",
    "client-token": "ClientToken",
    "network-interface.network-interface-id": "NetworkInterfaces[].NetworkInterfaceId",
    "network-interface.subnet-id": "NetworkInterfaces[].SubnetId",
    "network-interface.vpc-id": "NetworkInterfaces[].VpcId",
    "network-interface.addresses.private-ip-address":
        "NetworkInterfaces[].PrivateIpAddresses[].PrivateIpAddress",
    "network-interface.private-ip-address":
        "NetworkInterfaces[].PrivateIpAddresses[].PrivateIpAddress",
    "network-interface.ipv6-addresses.ipv6-address":
        "NetworkInterfaces[].Ipv6Addresses[].Ipv6Address",
    "network-interface.addresses.association.public-ip":
        "NetworkInterfaces[].PrivateIpAddresses[].Association.PublicIp",
    "network-interface.attachment.attachment-id": "NetworkInterfaces[].Attachment.AttachmentId",
    "network-interface.attachment.device-index": "NetworkInterfaces[].Attachment.DeviceIndex",
    "instance.group-id": "SecurityGroups[].GroupId",
    "instance.group-name": "SecurityGroups[].GroupName",
}

INSTANCE_LEVEL = {"SubnetId": "subnet ID", "SecurityGroupIds": "security group IDs",
                  "SecurityGroups": "security group names",
                  "PrivateIpAddress": "private IP address", "Ipv6AddressCount": "IPv6 count",
                  "Ipv6Addresses": "IPv6 addresses"}  # how AWS's message names each

# The members of one RunInstances NetworkInterfaces entry the simulation models.
LAUNCH_INTERFACE = " ".join("NetworkInterfaces." + member for member in (
    "DeviceIndex!=0.. AssociatePublicIpAddress DeleteOnTermination Description Groups "
    "NetworkInterfaceId SubnetId PrivateIpAddress PrivateIpAddresses.Primary "
    "PrivateIpAddresses.PrivateIpAddress! SecondaryPrivateIpAddressCount=0.. "
    "Ipv6Addresses.Ipv6Address! Ipv6AddressCount=0.. Ipv4Prefixes.Ipv4Prefix! Ipv4PrefixCount=0.. "
    "Ipv6Prefixes.Ipv6Prefix! Ipv6PrefixCount=0..").split())


def check_launch_request(params: dict) -> list[dict]:
    """The interfaces to launch with, in device order, after the launch-time rules."""
    specs = params.get("NetworkInterfaces")
    if not specs:
        eth0 = {"DeviceIndex": 0, "SubnetId": params.get("SubnetId"),
                "Groups": params.get("SecurityGroupIds") or []}
        for name in ("PrivateIpAddress", "Ipv6AddressCount", "Ipv6Addresses"):
            if name in params:
                eth0[name] = params[name]
        return [eth0]
    clash = [name for name in INSTANCE_LEVEL if name in params]
    if clash:
        raise EC2Error("InvalidParameterCombination", f"Network interfaces and an instance-level "
                       f"{INSTANCE_LEVEL[clash[0]]} may not be specified on the same request")
    if len(specs) > 1 and any(s.get("AssociatePublicIpAddress") for s in specs):
        raise EC2Error("InvalidParameterCombination", "The associatePublicIPAddress parameter "
                       "cannot be specified when launching with multiple network interfaces.")
    indexes = [s.get("DeviceIndex") for s in specs]
    if any(i is None for i in indexes) or len(set(indexes)) != len(indexes):
        raise EC2Error("InvalidParameterValue", "Each network interface needs its own "
                       "DeviceIndex.")
    if 0 not in indexes:
        raise EC2Error("InvalidParameterValue", "One network interface must be at device "
                       "index 0 (the primary network interface).")
    for spec in specs:
        if spec.get("AssociatePublicIpAddress") and (spec.get("DeviceIndex") != 0 or spec.get(
                "NetworkInterfaceId")):
            raise EC2Error("InvalidParameterCombination", "A public IPv4 address can only be "
                           "auto-assigned to a new network interface at device index 0.")
        if spec.get("NetworkInterfaceId") and any(
                k in spec for k in ("SubnetId", "PrivateIpAddress", "PrivateIpAddresses",
                                    "SecondaryPrivateIpAddressCount", "Ipv6AddressCount",
                                    "Ipv6Addresses", "Groups")):
            raise EC2Error("InvalidParameterCombination", "An existing network interface "
                           "(NetworkInterfaceId) cannot be given addresses, a subnet or groups "
                           "at launch.")
    return sorted(specs, key=lambda s: s["DeviceIndex"])


def default_subnet(world: World, zone: str | None):
    for subnet in world.subnets.values():
        if subnet.default_for_az and (zone is None or subnet.availability_zone == zone):
            return subnet
    if not any(vpc.is_default for vpc in world.vpcs.values()):
        raise EC2Error("VPCIdNotSpecified", "This account has no default VPC, so a launch must "
                       "name the subnet to use (SubnetId or NetworkInterfaces).")
    raise EC2Error("MissingInput", "No subnets found for the default VPC. Please specify a "
                   "subnet.")


def launch_one(world: World, params: dict, specs: list[dict], reservation_id: str,
               index: int, kind) -> Instance:
    eth0_subnet = None
    for spec in specs:
        if spec.get("NetworkInterfaceId"):
            continue
        if spec.get("SubnetId"):
            rules.find(world, "subnets", spec["SubnetId"])
    first = specs[0]
    if first.get("NetworkInterfaceId"):
        eth0_existing = rules.find(world, "network_interfaces", first["NetworkInterfaceId"])
        eth0_subnet = world.subnets[eth0_existing.subnet_id]
    elif first.get("SubnetId"):
        eth0_subnet = world.subnets[first["SubnetId"]]
    else:
        eth0_subnet = default_subnet(world, params.get("Placement", {}).get("AvailabilityZone"))
    zone = params.get("Placement", {}).get("AvailabilityZone")
    if zone and zone != eth0_subnet.availability_zone:
        raise EC2Error("InvalidParameterValue", f"The subnet {eth0_subnet.subnet_id} is in "
                       f"{eth0_subnet.availability_zone}, not in {zone}.")
    if len(specs) > kind.max_network_interfaces:
        raise EC2Error("AttachmentLimitExceeded", f"Interface count {len(specs)} exceeds the "
                       f"limit for {kind.name}")
    instance = Instance(
        instance_id=world.new_id("i"), reservation_id=reservation_id,
        image_id=params["ImageId"], instance_type=kind.name,
        availability_zone=eth0_subnet.availability_zone, subnet_id=eth0_subnet.subnet_id,
        vpc_id=eth0_subnet.vpc_id, launch_time=world.now(), ami_launch_index=index,
        key_name=params.get("KeyName"))
    tag_specifications(world, instance, params, "instance")
    world.add("instances", instance.instance_id, instance)
    world.note("instance", instance.instance_id, None, "running")
    for spec in specs:
        if spec.get("NetworkInterfaceId"):
            eni = rules.find(world, "network_interfaces", spec["NetworkInterfaceId"])
            rules.check_can_attach(world, eni, instance, spec["DeviceIndex"])
            attach(world, eni, instance, spec["DeviceIndex"],
                   delete_on_termination=spec.get("DeleteOnTermination", False))
            continue
        subnet = world.subnets[spec["SubnetId"]] if spec.get("SubnetId") else eth0_subnet
        if subnet.availability_zone != instance.availability_zone:  # another VPC is fine
            raise EC2Error("InvalidParameterValue", "All network interfaces of an instance must "
                           "be in the same Availability Zone.")
        groups = spec.get("Groups") or [default_group(world, subnet.vpc_id)]
        rules.check_security_groups(world, subnet.vpc_id, groups, subnet.subnet_id)
        eni = new_interface(world, subnet, spec, groups, limits_of_type=kind)
        tag_specifications(world, eni, params, "network-interface")
        attach(world, eni, instance, spec["DeviceIndex"],
               delete_on_termination=spec.get("DeleteOnTermination", True))
        auto_public = spec.get("AssociatePublicIpAddress")
        if auto_public is None:
            auto_public = subnet.map_public_ip_on_launch and len(specs) == 1
        if auto_public and spec["DeviceIndex"] == 0:
            world.set(eni, "auto_public_ip", True)
            give_public_ip(world, eni)
    return instance


# -- the On-Demand vCPU quota ----------------------------------------------------------------
# AWS limits how many vCPUs of On-Demand instances an account may run at once, per group of
# instance families: the standard group (A, C, D, H, I, M, R, T, Z) and one group each for the
# others. New accounts get a few dozen; the simulation gives every group 64, enough for the
# lab's largest scenes, and counts pending and running instances as AWS does.
VCPU_QUOTA = 64
OTHER_GROUPS = ("dl", "f", "g", "hpc", "inf", "mac", "p", "trn", "u", "vt", "x")


def quota_group(type_name: str) -> str:
    family = type_name.split(".")[0]
    for prefix in sorted(OTHER_GROUPS, key=len, reverse=True):
        if family.startswith(prefix):
            return prefix.upper()
    return "standard (A, C, D, H, I, M, R, T, Z)"


def check_vcpu_quota(world: World, group: str, needed: int, doing: str) -> int:
    """The vCPUs left in a group's quota; fewer than ``needed`` is AWS's VcpuLimitExceeded."""
    used = sum(instance_types.get(i.instance_type).vcpus for i in world.instances.values()
               if i.state in ("pending", "running") and quota_group(i.instance_type) == group)
    if used + needed > VCPU_QUOTA:
        raise EC2Error("VcpuLimitExceeded", f"{doing} needs {needed} vCPUs, but this account may "
                       f"run {VCPU_QUOTA} On-Demand vCPUs of the {group} instance families and "
                       f"{used} are in use. Stop or terminate instances, or use fewer or smaller "
                       "ones.")
    return VCPU_QUOTA - used


@operation("RunInstances", "ImageId! MinCount MaxCount InstanceType KeyName SubnetId "
                           "SecurityGroupIds SecurityGroups PrivateIpAddress Ipv6AddressCount=0.. "
                           "Ipv6Addresses.Ipv6Address! Placement.AvailabilityZone ClientToken",
                           LAUNCH_INTERFACE, tags_for("instance|network-interface"))
def run_instances(world: World, params: dict) -> dict:
    earlier = made_earlier(world, "instances", params)
    if earlier:
        return launched_earlier(world, earlier)
    request = params
    params = {**params, "ImageId": launch_image(params["ImageId"]).image_id}
    kind = instance_types.get(params.get("InstanceType", "m1.small"))
    low, high = params["MinCount"], params["MaxCount"]
    if not 1 <= low <= high:
        raise EC2Error("InvalidParameterValue", "MinCount must be at least 1 and at most "
                       "MaxCount.")
    specs = check_launch_request(params)
    pinned = any(s.get("PrivateIpAddress") or s.get("PrivateIpAddresses") or s.get(
        "Ipv6Addresses") or s.get("NetworkInterfaceId") for s in specs)
    if high > 1 and pinned:
        raise EC2Error("InvalidParameterCombination", "Specific addresses or existing network "
                       "interfaces can only be given when launching one instance.")
    if not params.get("NetworkInterfaces") and params.get("SecurityGroups"):
        specs[0]["Groups"] = [world_group_by_name(world, n) for n in params["SecurityGroups"]]
    # As on AWS: as many as fit, from MinCount up to MaxCount; none if MinCount does not fit.
    free = check_vcpu_quota(world, quota_group(kind.name), low * kind.vcpus,
                            f"Launching {low} {kind.name} instance(s)")
    count = min(high, free // kind.vcpus)
    reservation_id = world.new_id("r")
    instances = [launch_one(world, params, specs, reservation_id, i, kind) for i in range(count)]
    for instance in instances:
        remember(world, instance, request)
    shape_of = describe.instance_shapes(world)
    shapes = [as_pending(shape_of(world, i)) for i in instances]
    return {"Groups": [], "Instances": shapes, "OwnerId": world.account_id,
            "ReservationId": reservation_id}


def launched_earlier(world: World, instances: list[Instance]) -> dict:
    """A retried launch (same ClientToken): the reservation the first request made, as it is
    now; nothing is launched. A token whose instances were terminated cannot be used again."""
    if any(i.state == "terminated" for i in instances):
        raise EC2Error("IdempotentInstanceTerminated", "The client token you have provided is "
                       "associated with a resource that is already deleted. Please use a "
                       "different client token.")
    shape_of = describe.instance_shapes(world)
    return {"Groups": [], "Instances": [shape_of(world, i) for i in instances],
            "OwnerId": world.account_id, "ReservationId": instances[0].reservation_id}


def as_pending(shape: dict) -> dict:
    """An instance as RunInstances answers it: still pending, so without the public IPv4
    address Amazon gives it once it runs (DescribeInstances shows that address)."""
    shape["State"] = {"Code": 0, "Name": "pending"}
    for eni in shape["NetworkInterfaces"]:
        if eni.get("Association", {}).get("IpOwnerId") == "amazon":
            del eni["Association"], eni["PrivateIpAddresses"][0]["Association"]
            if eni["Attachment"]["DeviceIndex"] == 0:
                del shape["PublicIpAddress"]
                shape["PublicDnsName"] = ""
    return shape


def world_group_by_name(world: World, name: str) -> str:
    vpc_ids = {v.vpc_id for v in world.vpcs.values() if v.is_default}
    for group in world.security_groups.values():
        if group.group_name == name and group.vpc_id in vpc_ids:
            return group.group_id
    raise EC2Error("InvalidGroup.NotFound", f"The security group '{name}' does not exist in "
                   "default VPC")


@operation("DescribeInstances", "InstanceIds", FILTERS, PAGES)
def describe_instances(world: World, params: dict) -> dict:
    found = describe.select(world, params, "instances", "InstanceIds",
                            describe.instance_shapes(world),
                            INSTANCE_FILTERS, lambda i: EC2Error(
                                "InvalidInstanceID.NotFound",
                                f"The instance ID '{i}' does not exist"))
    reservations: dict[str, dict] = {}
    for shape in found:
        rid = world.instances[shape["InstanceId"]].reservation_id
        reservations.setdefault(rid, {"Groups": [], "Instances": [], "OwnerId": world.account_id,
                                      "ReservationId": rid})["Instances"].append(shape)
    return describe.page(list(reservations.values()), params, "Reservations")


def state_change(instance: Instance, previous: str, current: str) -> dict:
    return {"InstanceId": instance.instance_id,
            "CurrentState": {"Code": describe.STATE_CODES[current], "Name": current},
            "PreviousState": {"Code": describe.STATE_CODES[previous], "Name": previous}}


def set_state(world: World, instance: Instance, state: str, reason: str = "") -> None:
    world.note("instance", instance.instance_id, instance.state, state)
    world.set(instance, "state", state)
    world.set(instance, "state_transition_reason", reason)


def instances_for(world: World, params: dict) -> list[Instance]:
    return [rules.find(world, "instances", i) for i in params["InstanceIds"]]


@operation("StopInstances", "InstanceIds")
def stop_instances(world: World, params: dict) -> dict:
    instances = instances_for(world, params)
    for instance in instances:
        rules.check_instance_state(instance, ("running", "stopped"), "stop")
    changes = []
    for instance in instances:
        previous = instance.state
        if previous == "running":
            for eni in world.interfaces_of(instance.instance_id):
                drop_public_ip(world, eni)  # an auto-assigned public IPv4 does not survive a stop
            set_state(world, instance, "stopped", "User initiated")
        changes.append(state_change(instance, previous, "stopping" if previous == "running"
                                    else "stopped"))
    return {"StoppingInstances": changes}


@operation("StartInstances", "InstanceIds")
def start_instances(world: World, params: dict) -> dict:
    instances = instances_for(world, params)
    for instance in instances:
        rules.check_instance_state(instance, ("running", "stopped"), "start")
    starting: dict[str, int] = {}
    for instance in {i.instance_id: i for i in instances if i.state == "stopped"}.values():
        group = quota_group(instance.instance_type)
        starting[group] = starting.get(group, 0) + instance_types.get(
            instance.instance_type).vcpus
    for group, needed in starting.items():
        check_vcpu_quota(world, group, needed, "Starting these instances")
    changes = []
    for instance in instances:
        previous = instance.state
        if previous == "stopped":
            set_state(world, instance, "running")
            for eni in world.interfaces_of(instance.instance_id):
                if eni.auto_public_ip:
                    give_public_ip(world, eni)  # a new one, not the one it had before
        changes.append(state_change(instance, previous, "pending" if previous == "stopped"
                                    else "running"))
    return {"StartingInstances": changes}


@operation("TerminateInstances", "InstanceIds")
def terminate_instances(world: World, params: dict) -> dict:
    instances = instances_for(world, params)
    changes = []
    for instance in instances:
        previous = instance.state
        if previous != "terminated":
            for eni in world.interfaces_of(instance.instance_id):
                drop_public_ip(world, eni)
                if eni.attachment.delete_on_termination:
                    detach(world, eni)
                    delete_interface(world, eni)
                else:
                    detach(world, eni)
            set_state(world, instance, "terminated", "User initiated")
        changes.append(state_change(instance, previous, "shutting-down"
                                    if previous != "terminated" else "terminated"))
    return {"TerminatingInstances": changes}


# -- instance types and images ---------------------------------------------------------------
TYPE_FILTERS = {"instance-type": "InstanceType", "hypervisor": "Hypervisor",
                "bare-metal": "BareMetal", "current-generation": "CurrentGeneration",
                "free-tier-eligible": "FreeTierEligible",
                "network-info.ipv6-supported": "NetworkInfo.Ipv6Supported",
                "network-info.maximum-network-interfaces":
                    "NetworkInfo.MaximumNetworkInterfaces",
                "network-info.ipv4-addresses-per-interface":
                    "NetworkInfo.Ipv4AddressesPerInterface",
                "network-info.ipv6-addresses-per-interface":
                    "NetworkInfo.Ipv6AddressesPerInterface",
                "vcpu-info.default-vcpus": "VCpuInfo.DefaultVCpus",
                "memory-info.size-in-mib": "MemoryInfo.SizeInMiB"}


def type_shape(kind) -> dict:
    shape = {
        "InstanceType": kind.name,
        "CurrentGeneration": kind.current_generation,
        "FreeTierEligible": kind.free_tier_eligible,
        "BareMetal": kind.bare_metal,
        "VCpuInfo": {"DefaultVCpus": kind.vcpus},
        "MemoryInfo": {"SizeInMiB": kind.memory_mib},
        "NetworkInfo": {
            "MaximumNetworkInterfaces": kind.max_network_interfaces,
            "MaximumNetworkCards": kind.max_network_cards,
            "DefaultNetworkCardIndex": kind.default_network_card_index,
            "NetworkCards": [{"NetworkCardIndex": i, "MaximumNetworkInterfaces": n}
                             for i, n in kind.network_cards],
            "Ipv4AddressesPerInterface": kind.ipv4_per_interface,
            "Ipv6AddressesPerInterface": kind.ipv6_per_interface,
            "Ipv6Supported": kind.ipv6_supported,
        },
    }
    if kind.hypervisor:  # bare metal types run on no hypervisor: AWS leaves the member out
        shape["Hypervisor"] = kind.hypervisor
    return shape


@operation("DescribeInstanceTypes", "InstanceTypes MaxResults=5..100 NextToken", FILTERS)
def describe_instance_types(world: World, params: dict) -> dict:
    names = params.get("InstanceTypes")
    kinds = [instance_types.get(n) for n in names] if names else sorted(
        instance_types.all_types().values(), key=lambda k: k.name)
    shapes = [s for s in map(type_shape, kinds)
              if describe.matches(s, params.get("Filters"), TYPE_FILTERS)]
    return describe.page(shapes, {"MaxResults": 100, **params}, "InstanceTypes")
