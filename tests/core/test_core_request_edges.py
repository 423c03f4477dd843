"""Requests that are well-formed for botocore but say too little, too much, or something the
simulation does not model: each gets a clear AWS error and changes nothing."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import AMI, attach

import ec2sim


def test_associate_address_needs_a_target(cloud, ec2, igw):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    with refused(cloud, "MissingParameter", "Either InstanceId or NetworkInterfaceId"):
        ec2.associate_address(AllocationId=allocation)


def test_associate_address_takes_an_instance_or_an_interface_not_both(cloud, ec2, igw,
                                                                      instance_id, eni_id):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    with refused(cloud, "InvalidParameterCombination", "network interface, not both"):
        ec2.associate_address(AllocationId=allocation, InstanceId=instance_id,
                              NetworkInterfaceId=eni_id)


def test_release_address_needs_an_allocation_or_an_address(cloud, ec2):
    with refused(cloud, "MissingParameter", "Either AllocationId or PublicIp must be specified"):
        ec2.release_address()


def test_any_domain_gives_a_vpc_elastic_ip(ec2):
    assert ec2.allocate_address(Domain="standard")["Domain"] == "vpc"


def test_bring_your_own_address_is_not_modelled(cloud, ec2):
    with refused(cloud, "UnsupportedOperation", "allocates addresses from Amazon's pool only"):
        ec2.allocate_address(Domain="vpc", Address="192.0.2.7")


def test_disassociating_an_address_that_is_not_associated_is_refused(cloud, ec2):
    public_ip = ec2.allocate_address(Domain="vpc")["PublicIp"]
    with refused(cloud, "InvalidAssociationID.NotFound", "is not associated"):
        ec2.disassociate_address(PublicIp=public_ip)


def test_only_network_card_0(cloud, ec2, instance_id, new_eni):
    eni_id = new_eni()
    with refused(cloud, "InvalidParameterValue", "network card 0 only"):
        ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance_id,
                                     DeviceIndex=1, NetworkCardIndex=1)
    attach(ec2, eni_id, instance_id, 1)


def test_an_unmodelled_interface_attribute_is_refused_by_name(cloud, ec2, eni_id):
    with refused(cloud, "UnsupportedOperation", "AssociatePublicIpAddress"):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id,
                                               AssociatePublicIpAddress=True)


def test_a_launch_needs_an_interface_at_device_index_0(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterValue", "One network interface must be at device index 0"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                          NetworkInterfaces=[{"DeviceIndex": 1, "SubnetId": subnet_id}])


def test_two_different_primary_addresses_in_one_request_are_refused(cloud, ec2, new_eni):
    with refused(cloud, "InvalidParameterCombination", "name different addresses"):
        new_eni(PrivateIpAddress="10.0.1.40",
                PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.41", "Primary": True}])


def test_min_count_above_max_count_is_refused(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterValue", "MinCount must be at least 1"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=3, MaxCount=2,
                          SubnetId=subnet_id)


def test_chosen_addresses_with_several_instances_are_refused(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterCombination", "launching one instance"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=2, MaxCount=2,
                          SubnetId=subnet_id, PrivateIpAddress="10.0.1.40")


def test_associate_vpc_cidr_block_needs_a_block(cloud, ec2):
    vpc_id = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    with refused(cloud, "MissingParameter", "CidrBlock or AmazonProvidedIpv6CidrBlock"):
        ec2.associate_vpc_cidr_block(VpcId=vpc_id)


def test_a_subnet_needs_an_ipv4_block(cloud, ec2, vpc_id):
    with refused(cloud, "MissingParameter", "must contain the parameter CidrBlock"):
        ec2.create_subnet(VpcId=vpc_id, Ipv6CidrBlock="2001:db8::/64")


def test_associate_subnet_cidr_block_needs_a_block(cloud, ec2, ipv4_only_subnet_id):
    with refused(cloud, "MissingParameter", "must contain the parameter Ipv6CidrBlock"):
        ec2.associate_subnet_cidr_block(SubnetId=ipv4_only_subnet_id)


def test_modify_subnet_attribute_one_at_a_time(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterCombination", "Specify exactly one attribute to modify"):
        ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True},
                                    AssignIpv6AddressOnCreation={"Value": True})


def test_a_gateway_attached_to_one_vpc_cannot_attach_to_another(cloud, ec2, igw):
    other = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    with refused(cloud, "Resource.AlreadyAssociated", "is already attached to network"):
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=other)


def test_without_a_default_vpc_a_group_needs_a_vpc_and_a_launch_a_subnet():
    cloud = ec2sim.Cloud(seed=0, default_vpc=False)
    ec2 = cloud.client()
    with refused(cloud, "VPCIdNotSpecified", "No default VPC"):
        ec2.create_security_group(GroupName="g", Description="g")
    # AWS answers VPCIdNotSpecified (there is no default VPC), not MissingInput.
    with refused(cloud, "VPCIdNotSpecified", "no default VPC"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1)


def test_a_default_vpc_without_a_subnet_in_the_zone_is_missing_input(cloud, ec2):
    with refused(cloud, "MissingInput", "No subnets found for the default VPC"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1,
                          Placement={"AvailabilityZone": "us-east-1z"})


def test_security_groups_by_missing_name(cloud, ec2):
    with refused(cloud, "InvalidGroup.NotFound", "The security group 'nobody' does not exist"):
        ec2.describe_security_groups(GroupNames=["nobody"])
    with refused(cloud, "InvalidGroup.NotFound", "The security group 'nobody' does not exist"):
        ec2.delete_security_group(GroupName="nobody")
    with refused(cloud, "InvalidGroup.NotFound", "The security group 'nobody' does not exist"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SecurityGroups=["nobody"])


def test_tagging_an_id_of_no_taggable_kind_is_refused(cloud, ec2):
    with refused(cloud, "InvalidID", "The ID 'thing-0123456789abcdef0' is not valid"):
        ec2.create_tags(Resources=["thing-0123456789abcdef0"], Tags=[{"Key": "a", "Value": "b"}])


def test_an_existing_interface_at_launch_takes_no_new_addresses(cloud, ec2, launch, new_eni):
    eni_id = new_eni()
    with refused(cloud, "InvalidParameterCombination", "cannot be given addresses"):
        launch(NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": eni_id,
                                   "SecondaryPrivateIpAddressCount": 1}])


def test_placement_must_match_the_subnets_zone(cloud, launch):
    with refused(cloud, "InvalidParameterValue", "is in us-east-1a, not in us-east-1c"):
        launch(Placement={"AvailabilityZone": "us-east-1c"})


def test_describe_images(cloud, ec2):
    images = ec2.describe_images(ImageIds=[AMI])["Images"]
    assert [i["ImageId"] for i in images] == [AMI]
    with refused(cloud, "InvalidAMIID.NotFound", "ami-0123456789abcdef0"):
        ec2.describe_images(ImageIds=["ami-0123456789abcdef0"])


def test_an_action_ec2_does_not_have(cloud):
    with pytest.raises(ec2sim.EC2Error) as caught:
        cloud.dispatch("MakeCoffee", {})
    assert caught.value.code == "InvalidAction"


# -- values no interface, count or quota allows --------------------------------------------------
@pytest.mark.parametrize("index, reason", [(-1, "0 or more"), (-2**31, "0 or more"),
                                           (2**31, "at most 2147483647"),
                                           (10**40, "a very large number")])
def test_an_absurd_device_index_is_refused(cloud, ec2, instance_id, new_eni, index, reason):
    eni_id = new_eni()
    with refused(cloud, "InvalidParameterValue", "for parameter DeviceIndex is invalid"):
        ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance_id,
                                     DeviceIndex=index)
    with refused(cloud, "InvalidParameterValue", reason):
        ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance_id,
                                     DeviceIndex=index)


def test_a_negative_device_index_at_launch_is_refused(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterValue", "NetworkInterfaces[1].DeviceIndex"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                          NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                             {"DeviceIndex": -1, "SubnetId": subnet_id}])


def running_vcpus(ec2) -> int:
    running = [i["InstanceType"] for r in ec2.describe_instances()["Reservations"]
               for i in r["Instances"] if i["State"]["Name"] == "running"]
    types = ec2.describe_instance_types(InstanceTypes=sorted(set(running)))["InstanceTypes"]
    vcpus = {t["InstanceType"]: t["VCpuInfo"]["DefaultVCpus"] for t in types}
    return sum(vcpus[name] for name in running)


def test_a_launch_beyond_the_vcpu_quota_is_refused_at_once(cloud, ec2, subnet_id):
    # t3.micro has 2 vCPUs: a billion of them is far beyond the standard group's 64 vCPUs.
    with refused(cloud, "VcpuLimitExceeded", "needs 2000000000 vCPUs, but this account may "
                 "run 64 On-Demand vCPUs of the standard (A, C, D, H, I, M, R, T, Z)"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=10**9,
                          MaxCount=10**9, SubnetId=subnet_id)
    assert ec2.describe_instances()["Reservations"] == []


def test_a_launch_gives_as_many_as_the_quota_allows_from_min_count_up(cloud, ec2, subnet_id):
    ec2.run_instances(ImageId=AMI, InstanceType="m5.4xlarge", MinCount=1, MaxCount=1,
                      SubnetId=subnet_id)  # 16 vCPUs
    answer = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1,
                               MaxCount=10**9, SubnetId=subnet_id)
    assert len(answer["Instances"]) == (64 - 16) // 2
    assert running_vcpus(ec2) == 64
    with refused(cloud, "VcpuLimitExceeded", "64 are in use"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                          SubnetId=subnet_id)
    # Other families have a quota of their own; a stopped instance frees its vCPUs.
    ec2.run_instances(ImageId=AMI, InstanceType="x2iedn.xlarge", MinCount=1, MaxCount=1,
                      SubnetId=subnet_id)
    first = answer["Instances"][0]["InstanceId"]
    ec2.stop_instances(InstanceIds=[first])
    ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                      SubnetId=subnet_id)
    with refused(cloud, "VcpuLimitExceeded", "Starting these instances needs 2 vCPUs"):
        ec2.start_instances(InstanceIds=[first])


# -- members the code needs that botocore's model leaves optional -------------------------------
@pytest.mark.parametrize("call, kwargs, member", [
    ("run_instances", {"MinCount": 1, "MaxCount": 1}, "ImageId"),
    ("describe_vpcs", {"Filters": [{"Values": ["x"]}]}, "Filters[0].Name"),
    ("create_tags", {"Resources": ["vpc-0123456789abcdef0"], "Tags": [{"Value": "v"}]},
     "Tags[0].Key"),
    ("create_network_interface", {"PrivateIpAddresses": [{}]},
     "PrivateIpAddresses[0].PrivateIpAddress"),
    ("create_network_interface", {"Ipv6Addresses": [{}]}, "Ipv6Addresses[0].Ipv6Address"),
    ("modify_network_interface_attribute", {"SourceDestCheck": {}}, "SourceDestCheck.Value"),
])
def test_a_member_the_simulation_needs_is_missing_parameter(cloud, ec2, subnet_id, eni_id, call,
                                                            kwargs, member):
    if call == "create_network_interface":
        kwargs = {"SubnetId": subnet_id, **kwargs}
    if call == "modify_network_interface_attribute":
        kwargs = {"NetworkInterfaceId": eni_id, **kwargs}
    with refused(cloud, "MissingParameter", f"The request must contain the parameter {member}"):
        getattr(ec2, call)(**kwargs)


def test_a_value_of_the_wrong_type_is_refused_when_botocore_is_skipped(cloud):
    with pytest.raises(ec2sim.EC2Error) as caught:
        cloud.dispatch("DescribeVpcs", {"VpcIds": "vpc-0123456789abcdef0"})
    assert caught.value.code == "InvalidParameterValue"
    assert "for parameter VpcIds is invalid: expected a list" in caught.value.message
    with pytest.raises(ec2sim.EC2Error) as caught:
        cloud.dispatch("DescribeVpcs", {"Shoes": 2})
    assert (caught.value.code, caught.value.message) == (
        "UnknownParameter", "The parameter Shoes is not recognized.")


def test_the_client_door_still_checks_what_botocore_lets_through(cloud, ec2, eni_id):
    # botocore's validator takes True for an integer (a bool is an int to Python); the
    # simulation checks such members itself even when botocore has passed the request.
    with refused(cloud, "InvalidParameterValue", "Value (True) for parameter "
                 "SecondaryPrivateIpAddressCount is invalid: expected a value of type integer."):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=True)


@pytest.mark.parametrize("call, kwargs", [
    ("delete_security_group", {}),
    ("authorize_security_group_ingress", {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                          "CidrIp": "0.0.0.0/0"}),
    ("revoke_security_group_ingress", {"SecurityGroupRuleIds": ["sgr-0123456789abcdef0"]}),
])
def test_a_security_group_call_without_id_or_name_is_missing_parameter(cloud, ec2, call, kwargs):
    with refused(cloud, "MissingParameter", "must contain the parameter GroupId or GroupName"):
        getattr(ec2, call)(**kwargs)
