"""Requests that are well-formed for botocore but say too little, too much, or something the
simulation does not model: each gets a clear AWS error and changes nothing."""

from __future__ import annotations

from core_support import AMI, attach, refused


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


def test_only_vpc_elastic_ips(cloud, ec2):
    with refused(cloud, "InvalidParameterValue"):
        ec2.allocate_address(Domain="standard")


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
