"""Instance and network-interface attributes: read one, or change one, as appliances do.

A NAT or firewall instance forwards packets that are not addressed to it, so its tutorials turn
source/destination checking off: per interface (ModifyNetworkInterfaceAttribute), or for the
primary interface through the instance (ModifyInstanceAttribute). An instance's security groups
and source/destination check are its primary interface's; there is no second copy to keep in
step. Reading goes through the same shapes DescribeInstances and DescribeNetworkInterfaces use,
so an attribute always agrees with them.
"""

from __future__ import annotations

from ec2sim import describe, instance_types, rules
from ec2sim.errors import EC2Error
from ec2sim.operations import operation
from ec2sim.resources import Instance
from ec2sim.world import World

# -- instances ---------------------------------------------------------------------------------
# describe_instance_attribute: attribute -> (response member, how to take it from the instance's
# DescribeInstances shape). Attributes the simulation never changes read as a new instance's.
INSTANCE_ATTRIBUTES = {
    "instanceType": ("InstanceType", lambda s: {"Value": s["InstanceType"]}),
    "sourceDestCheck": ("SourceDestCheck", lambda s: {"Value": s["SourceDestCheck"]}),
    "groupSet": ("Groups", lambda s: s["SecurityGroups"]),
    "rootDeviceName": ("RootDeviceName", lambda s: {"Value": s["RootDeviceName"]}),
    "blockDeviceMapping": ("BlockDeviceMappings", lambda s: s["BlockDeviceMappings"]),
    "productCodes": ("ProductCodes", lambda s: s["ProductCodes"]),
    "ebsOptimized": ("EbsOptimized", lambda s: {"Value": s["EbsOptimized"]}),
    "enaSupport": ("EnaSupport", lambda s: {"Value": s["EnaSupport"]}),
    "disableApiTermination": ("DisableApiTermination", lambda s: {"Value": False}),
    "disableApiStop": ("DisableApiStop", lambda s: {"Value": False}),
    "instanceInitiatedShutdownBehavior": ("InstanceInitiatedShutdownBehavior",
                                          lambda s: {"Value": "stop"}),
    "userData": ("UserData", lambda s: {}),
    "kernel": ("KernelId", lambda s: {}),
    "ramdisk": ("RamdiskId", lambda s: {}),
    "sriovNetSupport": ("SriovNetSupport", lambda s: {}),
    "enclaveOptions": ("EnclaveOptions", lambda s: {"Enabled": False}),
}

# modify_instance_attribute: what the simulation changes, by the member that carries it (any
# other member is refused by name, see the declaration), and which of them the older
# Attribute/Value form may name.
MODIFIABLE = {"SourceDestCheck": "sourceDestCheck", "Groups": "groupSet",
              "InstanceType": "instanceType"}
BY_NAME = ("sourceDestCheck", "instanceType")


def unknown_attribute(name: str) -> EC2Error:
    return EC2Error("InvalidParameterValue", f"Value ({name}) for parameter attribute is "
                    "invalid. Unknown attribute.")


def attribute_response(table: dict, name: str, shape: dict, id_member: str) -> dict:
    """One attribute read from a resource's describe shape; left out when the resource has
    nothing to show (a detached interface's attachment, a terminated instance's groups)."""
    if name not in table:
        raise unknown_attribute(name)
    member, read = table[name]
    response = {id_member: shape[id_member]}
    try:
        response[member] = read(shape)
    except KeyError:
        pass
    return response


@operation("DescribeInstanceAttribute", "InstanceId Attribute")
def describe_instance_attribute(world: World, params: dict) -> dict:
    instance = rules.find(world, "instances", params["InstanceId"])
    return attribute_response(INSTANCE_ATTRIBUTES, params["Attribute"],
                              describe.instance_shape(world, instance), "InstanceId")


def requested_change(params: dict) -> tuple[str, object]:
    """(attribute, new value) of a ModifyInstanceAttribute request: exactly one, modelled."""
    given = [(MODIFIABLE[name], params[name]) for name in MODIFIABLE if name in params]
    if "Attribute" in params or "Value" in params:
        name = params.get("Attribute")
        if name is None or "Value" not in params:
            raise EC2Error("MissingParameter", "The request must contain both Attribute and "
                           "Value, or neither.")
        if name not in BY_NAME:
            if name in INSTANCE_ATTRIBUTES:
                raise EC2Error("UnsupportedOperation", f"The simulation does not model "
                               f"changing the instance attribute {name} with Attribute and "
                               "Value; it changes sourceDestCheck and instanceType that way.")
            raise unknown_attribute(name)
        value = params["Value"]
        if name == "sourceDestCheck":
            if value.lower() not in ("true", "false"):
                raise EC2Error("InvalidParameterValue", f"Value ({value}) for parameter "
                               "sourceDestCheck is invalid: use true or false.")
            given.append((name, {"Value": value.lower() == "true"}))
        else:
            given.append((name, {"Value": value}))
    if len(given) != 1:
        raise EC2Error("InvalidParameterCombination", "Specify exactly one attribute to modify "
                       "per request.")
    return given[0]


def check_new_type(world: World, instance: Instance, name: str):
    """A stopped instance may change type when its interfaces fit the new type's limits."""
    kind = instance_types.get(name)
    if instance.state != "stopped":
        raise EC2Error("IncorrectInstanceState", f"The instance '{instance.instance_id}' is not "
                       "in the 'stopped' state.")
    enis = world.interfaces_of(instance.instance_id)
    if len(enis) > kind.max_network_interfaces:
        raise EC2Error("InvalidParameterValue", f"Instance type {name} allows "
                       f"{kind.max_network_interfaces} network interfaces; the instance has "
                       f"{len(enis)} attached.")
    for eni in enis:
        ipv4 = len(eni.private_ip_addresses) + len(eni.ipv4_prefixes)
        ipv6 = len(eni.ipv6_addresses) + len(eni.ipv6_prefixes)
        if ipv6 and not kind.ipv6_supported:
            raise EC2Error("InvalidParameterValue", f"Instance type {name} does not support "
                           f"IPv6, and {eni.network_interface_id} has IPv6 addresses.")
        rules.check_nitro_for_ipv6_only(world.subnets[eni.subnet_id], kind)
        if (eni.ipv4_prefixes or eni.ipv6_prefixes) and not kind.supports_prefixes:
            raise EC2Error("InvalidParameterValue", f"Instance type {name} is not Nitro-based, "
                           f"so it cannot keep the prefixes of {eni.network_interface_id}.")
        if ipv4 > kind.ipv4_per_interface or ipv6 > kind.ipv6_per_interface:
            raise EC2Error("InvalidParameterValue", f"Network interface "
                           f"{eni.network_interface_id} holds more addresses than {name} "
                           "allows per interface.")
    return kind


@operation("ModifyInstanceAttribute", "InstanceId SourceDestCheck.Value! Groups "
           "InstanceType.Value! Attribute Value")
def modify_instance_attribute(world: World, params: dict) -> dict:
    instance = rules.find(world, "instances", params["InstanceId"])
    attribute, value = requested_change(params)
    rules.check_instance_state(instance, ("running", "stopped"), "change its attributes")
    if attribute == "instanceType":
        kind = check_new_type(world, instance, value["Value"])
        old = instance.instance_type
        world.set(instance, "instance_type", kind.name)
        world.note("instance.instance_type", instance.instance_id, old, kind.name)
        return {}
    eni = rules.the_only_interface(world, instance)
    if attribute == "groupSet":
        rules.check_security_groups(world, eni.vpc_id, value)
        field, value = "group_ids", list(value)
    else:
        field, value = "source_dest_check", value["Value"]
    old = getattr(eni, field)
    world.set(eni, field, value)
    world.note(f"network-interface.{field}", eni.network_interface_id, old, value)
    return {}


# -- network interfaces --------------------------------------------------------------------
ENI_ATTRIBUTES = {
    "description": ("Description", lambda s: {"Value": s["Description"]}),
    "groupSet": ("Groups", lambda s: s["Groups"]),
    "sourceDestCheck": ("SourceDestCheck", lambda s: {"Value": s["SourceDestCheck"]}),
    "attachment": ("Attachment", lambda s: s["Attachment"]),
}


@operation("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId Attribute")
def describe_network_interface_attribute(world: World, params: dict) -> dict:
    eni = rules.find(world, "network_interfaces", params["NetworkInterfaceId"])
    name = params.get("Attribute")
    if name is None:
        raise EC2Error("MissingParameter", "The request must contain the parameter Attribute "
                       "(description, groupSet, sourceDestCheck or attachment).")
    if name == "associatePublicIpAddress":
        return {"NetworkInterfaceId": eni.network_interface_id,
                "AssociatePublicIpAddress": eni.auto_public_ip}
    return attribute_response(ENI_ATTRIBUTES, name, describe.network_interface_shape(world, eni),
                              "NetworkInterfaceId")
