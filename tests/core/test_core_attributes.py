"""Instance and network-interface attributes: source/destination check and security groups
through the instance, the instance type of a stopped instance, and reading attributes back."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import attach, eni, instance

from ec2sim import reachability
from ec2sim.images import UBUNTU_24_04


@pytest.fixture
def web_group(ec2, vpc_id) -> str:
    return ec2.create_security_group(GroupName="web", Description="web servers",
                                     VpcId=vpc_id)["GroupId"]


# -- modify_instance_attribute -------------------------------------------------------------
def test_turning_off_source_dest_check_through_the_instance_turns_off_its_primary_interface(
        ec2, instance_id, eni_id):
    assert ec2.modify_instance_attribute(InstanceId=instance_id,
                                         SourceDestCheck={"Value": False})
    assert eni(ec2, eni_id)["SourceDestCheck"] is False
    assert instance(ec2, instance_id)["SourceDestCheck"] is False
    assert instance(ec2, instance_id)["NetworkInterfaces"][0]["SourceDestCheck"] is False
    ec2.modify_instance_attribute(InstanceId=instance_id, SourceDestCheck={"Value": True})
    assert eni(ec2, eni_id)["SourceDestCheck"] is True


def test_the_attribute_and_value_form_sets_source_dest_check_too(ec2, instance_id, eni_id):
    ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="sourceDestCheck",
                                  Value="false")
    assert eni(ec2, eni_id)["SourceDestCheck"] is False


def test_groups_through_the_instance_replace_the_primary_interface_groups(
        ec2, instance_id, eni_id, web_group):
    ec2.modify_instance_attribute(InstanceId=instance_id, Groups=[web_group])
    assert [g["GroupId"] for g in eni(ec2, eni_id)["Groups"]] == [web_group]
    assert [g["GroupName"] for g in instance(ec2, instance_id)["SecurityGroups"]] == ["web"]


def test_an_instance_with_several_interfaces_wants_the_interface_named(
        cloud, ec2, instance_id, new_eni, web_group):
    attach(ec2, new_eni(), instance_id, 1)
    message = (f"There are multiple interfaces attached to instance '{instance_id}'. Please "
               "specify an interface ID for the operation instead.")
    with refused(cloud, "InvalidInstanceID", message):
        ec2.modify_instance_attribute(InstanceId=instance_id, SourceDestCheck={"Value": False})
    with refused(cloud, "InvalidInstanceID", message):
        ec2.modify_instance_attribute(InstanceId=instance_id, Groups=[web_group])


def test_groups_of_another_vpc_are_refused_through_the_instance(cloud, ec2, instance_id):
    default_vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])
    other = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [
        default_vpc["Vpcs"][0]["VpcId"]]}])["SecurityGroups"][0]["GroupId"]
    with refused(cloud, "InvalidParameter", "belong to different networks"):
        ec2.modify_instance_attribute(InstanceId=instance_id, Groups=[other])


def test_an_unknown_group_is_refused_through_the_instance(cloud, ec2, instance_id):
    with refused(cloud, "InvalidGroup.NotFound", "sg-0123456789abcdef0"):
        ec2.modify_instance_attribute(InstanceId=instance_id, Groups=["sg-0123456789abcdef0"])


def test_an_unmodelled_instance_attribute_is_refused_by_name(cloud, ec2, instance_id):
    with refused(cloud, "UnsupportedOperation", "DisableApiTermination"):
        ec2.modify_instance_attribute(InstanceId=instance_id,
                                      DisableApiTermination={"Value": True})
    with refused(cloud, "UnsupportedOperation", "kernel"):
        ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="kernel",
                                      Value="aki-12345678")
    with refused(cloud, "InvalidParameterValue", "Value (colour) for parameter attribute"):
        ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="colour", Value="red")


def test_one_attribute_per_request(cloud, ec2, instance_id, web_group):
    with refused(cloud, "InvalidParameterCombination", "exactly one attribute"):
        ec2.modify_instance_attribute(InstanceId=instance_id, Groups=[web_group],
                                      SourceDestCheck={"Value": False})
    with refused(cloud, "InvalidParameterCombination", "exactly one attribute"):
        ec2.modify_instance_attribute(InstanceId=instance_id)
    with refused(cloud, "MissingParameter", "both Attribute and Value"):
        ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="sourceDestCheck")
    with refused(cloud, "InvalidParameterValue", "use true or false"):
        ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="sourceDestCheck",
                                      Value="off")


def test_a_stopped_instance_changes_type(ec2, instance_id):
    ec2.stop_instances(InstanceIds=[instance_id])
    ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "m5.large"})
    assert instance(ec2, instance_id)["InstanceType"] == "m5.large"
    ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="instanceType",
                                  Value="t3.large")
    assert instance(ec2, instance_id)["InstanceType"] == "t3.large"


def test_a_terminated_instance_changes_nothing(cloud, ec2, instance_id):
    ec2.terminate_instances(InstanceIds=[instance_id])
    with refused(cloud, "IncorrectInstanceState", "it is terminated"):
        ec2.modify_instance_attribute(InstanceId=instance_id, SourceDestCheck={"Value": False})


def test_a_running_instance_keeps_its_type(cloud, ec2, instance_id):
    with refused(cloud, "IncorrectInstanceState", "is not in the 'stopped' state"):
        ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "m5.large"})


def test_a_new_type_must_hold_what_the_interfaces_have(cloud, ec2, launch, new_eni):
    big = launch("m5.large")
    ec2.assign_private_ip_addresses(
        NetworkInterfaceId=big["NetworkInterfaces"][0]["NetworkInterfaceId"],
        SecondaryPrivateIpAddressCount=7)
    big = big["InstanceId"]
    ec2.stop_instances(InstanceIds=[big])
    with refused(cloud, "InvalidParameterValue", "holds more addresses than t3.medium"):
        ec2.modify_instance_attribute(InstanceId=big, InstanceType={"Value": "t3.medium"})
    three = launch("m5.large")["InstanceId"]
    attach(ec2, new_eni(), three, 1)
    attach(ec2, new_eni(), three, 2)
    ec2.stop_instances(InstanceIds=[three])
    with refused(cloud, "InvalidParameterValue", "allows 2 network interfaces"):
        ec2.modify_instance_attribute(InstanceId=three, InstanceType={"Value": "t3.micro"})
    with refused(cloud, "InvalidInstanceType", "t9.huge"):
        ec2.modify_instance_attribute(InstanceId=three, InstanceType={"Value": "t9.huge"})


def test_a_new_type_must_support_the_ipv6_and_prefixes_it_would_carry(cloud, ec2, launch):
    with_ipv6 = launch("m5.large", Ipv6AddressCount=1)["InstanceId"]
    ec2.stop_instances(InstanceIds=[with_ipv6])
    with refused(cloud, "InvalidParameterValue", "does not support IPv6"):
        ec2.modify_instance_attribute(InstanceId=with_ipv6, InstanceType={"Value": "m1.large"})
    with_prefix = launch("m5.large")
    ec2.assign_private_ip_addresses(
        NetworkInterfaceId=with_prefix["NetworkInterfaces"][0]["NetworkInterfaceId"],
        Ipv4PrefixCount=1)
    ec2.stop_instances(InstanceIds=[with_prefix["InstanceId"]])
    with refused(cloud, "InvalidParameterValue", "is not Nitro-based"):
        ec2.modify_instance_attribute(InstanceId=with_prefix["InstanceId"],
                                      InstanceType={"Value": "m4.large"})


def reply_by_eth0(cloud, ec2, subnet_id, vpc_id, igw, new_eni, *, check_off: bool) -> str:
    """An Ubuntu web server whose eth1 address (with an Elastic IP) answers by way of eth0,
    its source/destination check turned off through the instance first, or not: the probe's
    reason, or "" when the reply gets back."""
    table = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])
    table_id = table["RouteTables"][0]["RouteTableId"]
    if not any(r.get("GatewayId") == igw for r in table["RouteTables"][0]["Routes"]):
        ec2.create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    group = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])
    group_id = group["SecurityGroups"][0]["GroupId"]
    if not any(p.get("IpRanges") for p in group["SecurityGroups"][0]["IpPermissions"]):
        ec2.authorize_security_group_ingress(GroupId=group_id, IpProtocol="-1",
                                             CidrIp="0.0.0.0/0")
    server = ec2.run_instances(ImageId=UBUNTU_24_04, InstanceType="t3.medium", MinCount=1,
                               MaxCount=1, SubnetId=subnet_id)["Instances"][0]["InstanceId"]
    if check_off:
        ec2.modify_instance_attribute(InstanceId=server, SourceDestCheck={"Value": False})
    eth1 = new_eni()
    attach(ec2, eth1, server, 1)
    address = eni(ec2, eth1)["PrivateIpAddress"]
    mac = eni(ec2, eth1)["MacAddress"]
    links = cloud.world.collections["guests"][server].links
    name = next(n for n, link in links.items() if link["mac"] == mac)
    shell = cloud.shell(server)
    shell.run(f"sudo ip link set {name} up")
    shell.run(f"sudo ip addr add {address}/24 dev {name}")
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eth1)
    public_ip = ec2.describe_addresses(AllocationIds=[allocation])["Addresses"][0]["PublicIp"]
    return reachability.probe(cloud.world, "internet", public_ip).reason or ""


def test_the_instance_level_switch_reaches_the_packets(cloud, ec2, subnet_id, vpc_id, igw,
                                                        new_eni):
    """EC2 drops a reply that leaves by eth0 from an address of eth1, unless eth0's
    source/destination check is off, here turned off through the instance."""
    assert reply_by_eth0(cloud, ec2, subnet_id, vpc_id, igw, new_eni,
                         check_off=False) == "asymmetric-routing"
    assert reply_by_eth0(cloud, ec2, subnet_id, vpc_id, igw, new_eni, check_off=True) == ""


# -- describe_instance_attribute -----------------------------------------------------------
def test_describe_instance_attribute_answers_in_aws_shapes(ec2, instance_id, eni_id):
    def read(attribute):
        answer = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute=attribute)
        answer.pop("ResponseMetadata")
        assert answer.pop("InstanceId") == instance_id
        return answer

    assert read("sourceDestCheck") == {"SourceDestCheck": {"Value": True}}
    assert read("instanceType") == {"InstanceType": {"Value": "t3.medium"}}
    group = eni(ec2, eni_id)["Groups"][0]
    assert read("groupSet") == {"Groups": [group]}
    assert read("rootDeviceName") == {"RootDeviceName": {"Value": "/dev/xvda"}}
    assert read("disableApiTermination") == {"DisableApiTermination": {"Value": False}}
    assert read("productCodes") == {"ProductCodes": []}
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id,
                                           SourceDestCheck={"Value": False})
    assert read("sourceDestCheck") == {"SourceDestCheck": {"Value": False}}


def test_describe_instance_attribute_refuses_an_unknown_attribute(cloud, ec2, instance_id):
    with refused(cloud, "InvalidParameterValue", "Value (colour) for parameter attribute"):
        ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="colour")
    with refused(cloud, "InvalidInstanceID.NotFound", "i-0123456789abcdef0"):
        ec2.describe_instance_attribute(InstanceId="i-0123456789abcdef0", Attribute="groupSet")


def test_a_terminated_instance_has_no_source_dest_check_to_show(ec2, instance_id):
    ec2.terminate_instances(InstanceIds=[instance_id])
    answer = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="sourceDestCheck")
    assert "SourceDestCheck" not in answer


# -- describe_network_interface_attribute --------------------------------------------------
def test_describe_network_interface_attribute_answers_in_aws_shapes(ec2, instance_id, eni_id):
    def read(attribute):
        answer = ec2.describe_network_interface_attribute(NetworkInterfaceId=eni_id,
                                                          Attribute=attribute)
        answer.pop("ResponseMetadata")
        assert answer.pop("NetworkInterfaceId") == eni_id
        return answer

    described = eni(ec2, eni_id)
    assert read("description") == {"Description": {"Value": ""}}
    assert read("groupSet") == {"Groups": described["Groups"]}
    assert read("sourceDestCheck") == {"SourceDestCheck": {"Value": True}}
    attachment = read("attachment")["Attachment"]
    assert attachment == described["Attachment"]
    assert attachment["InstanceId"] == instance_id and attachment["DeviceIndex"] == 0
    assert read("associatePublicIpAddress") == {"AssociatePublicIpAddress": False}
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id,
                                           Description={"Value": "front door"})
    assert read("description") == {"Description": {"Value": "front door"}}


def test_an_unattached_interface_has_no_attachment_attribute(ec2, new_eni):
    eni_id = new_eni()
    answer = ec2.describe_network_interface_attribute(NetworkInterfaceId=eni_id,
                                                      Attribute="attachment")
    assert "Attachment" not in answer and answer["NetworkInterfaceId"] == eni_id


def test_describe_network_interface_attribute_needs_a_known_attribute(cloud, ec2, eni_id):
    with refused(cloud, "MissingParameter", "Attribute"):
        ec2.describe_network_interface_attribute(NetworkInterfaceId=eni_id)
    with refused(cloud, "InvalidParameterValue", "Value (colour) for parameter attribute"):
        ec2.describe_network_interface_attribute(NetworkInterfaceId=eni_id, Attribute="colour")
