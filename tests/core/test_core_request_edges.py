"""Requests that are well-formed for botocore but say too little, too much, or something the
simulation does not model: each gets a clear AWS error and changes nothing."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import AMI, attach

import ec2sim


def test_associate_address_needs_a_target(cloud, ec2, igw):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    with refused(cloud, "MissingParameter"):
        ec2.associate_address(AllocationId=allocation)


def test_associate_address_takes_an_instance_or_an_interface_not_both(cloud, ec2, igw,
                                                                      instance_id, eni_id):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    with refused(cloud, "InvalidParameterCombination"):
        ec2.associate_address(AllocationId=allocation, InstanceId=instance_id,
                              NetworkInterfaceId=eni_id)


def test_release_address_needs_an_allocation_or_an_address(cloud, ec2):
    with refused(cloud, "MissingParameter"):
        ec2.release_address()


def test_any_domain_gives_a_vpc_elastic_ip(ec2):
    assert ec2.allocate_address(Domain="standard")["Domain"] == "vpc"


def test_bring_your_own_address_is_not_modelled(cloud, ec2):
    with refused(cloud, "UnsupportedOperation"):
        ec2.allocate_address(Domain="vpc", Address="192.0.2.7")


def test_disassociating_an_address_that_is_not_associated_is_refused(cloud, ec2):
    public_ip = ec2.allocate_address(Domain="vpc")["PublicIp"]
    with refused(cloud, "InvalidAssociationID.NotFound"):
        ec2.disassociate_address(PublicIp=public_ip)


def test_only_network_card_0(cloud, ec2, instance_id, new_eni):
    eni_id = new_eni()
    with refused(cloud, "InvalidParameterValue"):
        ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance_id,
                                     DeviceIndex=1, NetworkCardIndex=1)
    attach(ec2, eni_id, instance_id, 1)


def test_an_unmodelled_interface_attribute_is_refused_by_name(cloud, ec2, eni_id):
    with refused(cloud, "UnsupportedOperation", "AssociatePublicIpAddress"):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id,
                                               AssociatePublicIpAddress=True)


def test_a_launch_needs_an_interface_at_device_index_0(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterValue"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                          NetworkInterfaces=[{"DeviceIndex": 1, "SubnetId": subnet_id}])


def test_two_different_primary_addresses_in_one_request_are_refused(cloud, ec2, new_eni):
    with refused(cloud, "InvalidParameterCombination"):
        new_eni(PrivateIpAddress="10.0.1.40",
                PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.41", "Primary": True}])


def test_min_count_above_max_count_is_refused(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterValue"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=3, MaxCount=2,
                          SubnetId=subnet_id)


def test_chosen_addresses_with_several_instances_are_refused(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterCombination"):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=2, MaxCount=2,
                          SubnetId=subnet_id, PrivateIpAddress="10.0.1.40")


def test_associate_vpc_cidr_block_needs_a_block(cloud, ec2):
    vpc_id = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    with refused(cloud, "MissingParameter", "CidrBlock or AmazonProvidedIpv6CidrBlock"):
        ec2.associate_vpc_cidr_block(VpcId=vpc_id)


def test_a_subnet_needs_an_ipv4_block(cloud, ec2, vpc_id):
    with refused(cloud, "MissingParameter"):
        ec2.create_subnet(VpcId=vpc_id, Ipv6CidrBlock="2001:db8::/64")


def test_associate_subnet_cidr_block_needs_a_block(cloud, ec2, ipv4_only_subnet_id):
    with refused(cloud, "MissingParameter"):
        ec2.associate_subnet_cidr_block(SubnetId=ipv4_only_subnet_id)


def test_modify_subnet_attribute_one_at_a_time(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidParameterCombination"):
        ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True},
                                    AssignIpv6AddressOnCreation={"Value": True})


def test_a_gateway_attached_to_one_vpc_cannot_attach_to_another(cloud, ec2, igw):
    other = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    with refused(cloud, "Resource.AlreadyAssociated"):
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=other)


def test_without_a_default_vpc_a_group_needs_a_vpc_and_a_launch_a_subnet():
    cloud = ec2sim.Cloud(seed=0, default_vpc=False)
    ec2 = cloud.client()
    with refused(cloud, "VPCIdNotSpecified"):
        ec2.create_security_group(GroupName="g", Description="g")
    with refused(cloud, "MissingInput"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1)


def test_security_groups_by_missing_name(cloud, ec2):
    with refused(cloud, "InvalidGroup.NotFound"):
        ec2.describe_security_groups(GroupNames=["nobody"])
    with refused(cloud, "InvalidGroup.NotFound"):
        ec2.delete_security_group(GroupName="nobody")
    with refused(cloud, "InvalidGroup.NotFound"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SecurityGroups=["nobody"])


def test_tagging_an_id_of_no_taggable_kind_is_refused(cloud, ec2):
    with refused(cloud, "InvalidID"):
        ec2.create_tags(Resources=["thing-0123456789abcdef0"], Tags=[{"Key": "a", "Value": "b"}])


def test_an_existing_interface_at_launch_takes_no_new_addresses(cloud, ec2, launch, new_eni):
    eni_id = new_eni()
    with refused(cloud, "InvalidParameterCombination"):
        launch(NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": eni_id,
                                   "SecondaryPrivateIpAddressCount": 1}])


def test_placement_must_match_the_subnets_zone(cloud, launch):
    with refused(cloud, "InvalidParameterValue"):
        launch(Placement={"AvailabilityZone": "us-east-1c"})


def test_describe_images(cloud, ec2):
    images = ec2.describe_images(ImageIds=[AMI])["Images"]
    assert [i["ImageId"] for i in images] == [AMI]
    with refused(cloud, "InvalidAMIID.NotFound"):
        ec2.describe_images(ImageIds=["ami-0123456789abcdef0"])


def test_an_action_ec2_does_not_have(cloud):
    with pytest.raises(ec2sim.EC2Error) as caught:
        cloud.dispatch("MakeCoffee", {})
    assert caught.value.code == "InvalidAction"
