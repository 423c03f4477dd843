"""Instances: launch (with network interfaces), describe, stop, start, terminate; instance types
and their limits from the real data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from checks import refused
from core_support import AMI, eni, free_count, instance, ipv6_ips, private_ips
from netaddr import IPAddress, IPNetwork


# -- launch ------------------------------------------------------------------------------------
def test_run_instances_answers_the_reservation(ec2, subnet_id, vpc_id):
    answer = ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                               SubnetId=subnet_id)
    assert answer["ReservationId"].startswith("r-0")
    assert answer["OwnerId"] == "123456789012"
    [launched] = answer["Instances"]
    assert launched["InstanceId"].startswith("i-0")
    assert launched["InstanceType"] == "t3.medium"
    assert launched["ImageId"] == AMI
    assert launched["State"]["Name"] == "pending"
    assert launched["SubnetId"] == subnet_id and launched["VpcId"] == vpc_id
    assert launched["Placement"]["AvailabilityZone"] == "us-east-1a"
    assert launched["PrivateIpAddress"] == "10.0.1.4"
    assert launched["PrivateDnsName"] == "ip-10-0-1-4.ec2.internal"
    assert isinstance(launched["LaunchTime"], dt.datetime)
    assert "PublicIpAddress" not in launched
    assert [g["GroupName"] for g in launched["SecurityGroups"]] == ["default"]


def test_every_instance_has_a_primary_interface_at_device_index_0(ec2, instance, subnet_id):
    [eth0] = instance["NetworkInterfaces"]
    assert eth0["Attachment"]["DeviceIndex"] == 0
    assert eth0["Attachment"]["DeleteOnTermination"] is True
    assert eth0["Attachment"]["Status"] == "attached"
    assert eth0["SubnetId"] == subnet_id
    assert eth0["PrivateIpAddress"] == instance["PrivateIpAddress"]
    assert eth0["MacAddress"].startswith("02:") and len(eth0["MacAddress"]) == 17
    described = eni(ec2, eth0["NetworkInterfaceId"])
    assert described["Attachment"]["InstanceId"] == instance["InstanceId"]
    assert described["Status"] == "in-use"


def test_describe_instances_shows_it_running(ec2, instance_id):
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    [found] = reservations[0]["Instances"]
    assert found["InstanceId"] == instance_id
    assert found["State"] == {"Code": 16, "Name": "running"}


def test_launch_several_instances_in_one_reservation(ec2, subnet_id):
    answer = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=3, MaxCount=3,
                               SubnetId=subnet_id)
    assert [i["AmiLaunchIndex"] for i in answer["Instances"]] == [0, 1, 2]
    assert [i["PrivateIpAddress"] for i in answer["Instances"]] == [
        "10.0.1.4", "10.0.1.5", "10.0.1.6"]
    reservations = ec2.describe_instances()["Reservations"]
    assert [len(r["Instances"]) for r in reservations] == [3]


def test_launch_with_a_chosen_primary_address(launch):
    launched = launch(PrivateIpAddress="10.0.1.50")
    assert launched["PrivateIpAddress"] == "10.0.1.50"


def test_launch_in_the_default_vpc_without_a_subnet(ec2):
    answer = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1)
    launched = answer["Instances"][0]
    assert IPAddress(launched["PrivateIpAddress"]) in IPNetwork("172.31.0.0/16")
    running = instance(ec2, launched["InstanceId"])
    assert IPAddress(running["PublicIpAddress"]) in IPNetwork("198.51.100.0/24")


def test_launch_interface_entry_without_a_primary_mark_takes_exactly_its_addresses(ec2,
                                                                                  launch,
                                                                                  subnet_id):
    launched = launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id,
                                          "PrivateIpAddresses": [
                                              {"PrivateIpAddress": "10.0.1.60"},
                                              {"PrivateIpAddress": "10.0.1.61"}]}])
    assert launched["PrivateIpAddress"] == "10.0.1.60"
    assert private_ips(ec2, launched["NetworkInterfaces"][0]["NetworkInterfaceId"]) == [
        "10.0.1.60", "10.0.1.61"]


def test_launch_with_network_interfaces_and_their_addresses(ec2, launch, subnet_id, vpc_id,
                                                            subnet_ipv6):
    group = ec2.create_security_group(GroupName="app", Description="app",
                                      VpcId=vpc_id)["GroupId"]
    chosen_v6 = str(IPNetwork(subnet_ipv6)[100])
    launched = launch("m5.large", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": subnet_id, "Groups": [group],
         "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.1.10", "Primary": True},
                                {"PrivateIpAddress": "10.0.1.11", "Primary": False}],
         "Ipv6Addresses": [{"Ipv6Address": chosen_v6}]},
        {"DeviceIndex": 1, "SubnetId": subnet_id, "SecondaryPrivateIpAddressCount": 2,
         "Ipv6AddressCount": 2},
    ])
    eth0, eth1 = launched["NetworkInterfaces"]
    assert private_ips(ec2, eth0["NetworkInterfaceId"]) == ["10.0.1.10", "10.0.1.11"]
    assert ipv6_ips(ec2, eth0["NetworkInterfaceId"]) == [chosen_v6]
    assert [g["GroupId"] for g in eth0["Groups"]] == [group]
    assert len(private_ips(ec2, eth1["NetworkInterfaceId"])) == 3
    assert len(ipv6_ips(ec2, eth1["NetworkInterfaceId"])) == 2
    assert [g["GroupName"] for g in eth1["Groups"]] == ["default"]
    assert [e["Attachment"]["DeviceIndex"] for e in launched["NetworkInterfaces"]] == [0, 1]
    assert all(e["Attachment"]["DeleteOnTermination"] for e in launched["NetworkInterfaces"])
    assert launched["PrivateIpAddress"] == "10.0.1.10"
    assert launched["Ipv6Address"] == chosen_v6


def test_launch_with_an_existing_interface(ec2, launch, new_eni):
    eni_id = new_eni(PrivateIpAddress="10.0.1.77")
    launched = launch(NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": eni_id}])
    assert launched["PrivateIpAddress"] == "10.0.1.77"
    assert eni(ec2, eni_id)["Attachment"]["InstanceId"] == launched["InstanceId"]


def test_launch_with_tags(ec2, launch):
    launched = launch(TagSpecifications=[{"ResourceType": "instance",
                                          "Tags": [{"Key": "Name", "Value": "web"}]}])
    assert launched["Tags"] == [{"Key": "Name", "Value": "web"}]
    assert instance(ec2, launched["InstanceId"])["Tags"] == [{"Key": "Name", "Value": "web"}]


def test_launch_with_an_unknown_image_is_refused(cloud, ec2, subnet_id):
    with refused(cloud, "InvalidAMIID.NotFound", "does not exist"):
        ec2.run_instances(ImageId="ami-0123456789abcdef0", MinCount=1, MaxCount=1,
                          SubnetId=subnet_id)
    with refused(cloud, "InvalidAMIID.Malformed", "Invalid id"):
        ec2.run_instances(ImageId="linux", MinCount=1, MaxCount=1, SubnetId=subnet_id)
    with refused(cloud, "InvalidAMIID.Malformed",
                 "Invalid id"):  # starts like one, but is no AMI ID
        ec2.run_instances(ImageId="ami-nope", MinCount=1, MaxCount=1, SubnetId=subnet_id)
    with refused(cloud, "InvalidAMIID.Malformed", "Invalid id"):
        ec2.describe_images(ImageIds=["ami-nope"])


def test_launch_with_an_unknown_instance_type_is_refused(cloud, launch):
    with refused(cloud, "InvalidInstanceType", "The instance type"):
        launch("t3.gigantic")


def test_launch_with_a_taken_address_is_refused(cloud, launch, instance):
    with refused(cloud, "InvalidIPAddress.InUse", "is in use."):
        launch(PrivateIpAddress=instance["PrivateIpAddress"])


def test_launch_with_an_address_outside_the_subnet_is_refused(cloud, launch, subnet_id):
    with refused(cloud, "InvalidParameterValue", "does not fall within the subnet's address "
                 "range"):
        launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id,
                                   "PrivateIpAddress": "10.0.2.10"}])


def test_launch_when_one_of_several_instances_cannot_be_placed_launches_none(cloud, ec2,
                                                                             vpc_id):
    tiny = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.200.0/28")["Subnet"]["SubnetId"]
    with refused(cloud, "InsufficientFreeAddressesInSubnet",
                 "not have enough free addresses to satisfy the request."):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=12, MaxCount=12,
                          SubnetId=tiny)
    assert free_count(ec2, tiny) == 11


# -- the instance type's limits at launch ----------------------------------------------------
def test_launch_with_more_interfaces_than_the_type_allows_is_refused(cloud, launch, subnet_id):
    specs = [{"DeviceIndex": i, "SubnetId": subnet_id} for i in range(4)]
    with refused(cloud, "AttachmentLimitExceeded", "Interface count 4 exceeds the limit for "
                 "t3.medium"):
        launch("t3.medium", NetworkInterfaces=specs)


def test_launch_with_as_many_interfaces_as_the_type_allows(launch, subnet_id):
    specs = [{"DeviceIndex": i, "SubnetId": subnet_id} for i in range(3)]
    assert len(launch("t3.medium", NetworkInterfaces=specs)["NetworkInterfaces"]) == 3


def test_launch_with_more_ipv4_addresses_than_the_type_allows_is_refused(cloud, launch,
                                                                         subnet_id):
    with refused(cloud, "InvalidInterface.IpAddressLimitExceeded",
                 "Number of private addresses will exceed limit."):
        launch("t3.medium", NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet_id, "SecondaryPrivateIpAddressCount": 6}])
    full = launch("t3.medium", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": subnet_id, "SecondaryPrivateIpAddressCount": 5}])
    assert len(full["NetworkInterfaces"][0]["PrivateIpAddresses"]) == 6


def test_launch_with_more_ipv6_addresses_than_the_type_allows_is_refused(cloud, launch,
                                                                         subnet_id):
    with refused(cloud, "InvalidInterface.IpAddressLimitExceeded",
                 "Number of IPv6 addresses will exceed limit."):
        launch("t3.medium", NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet_id, "Ipv6AddressCount": 7}])


def test_launch_a_type_without_ipv6_with_ipv6_is_refused(cloud, launch, subnet_id):
    with refused(cloud, "InvalidParameterValue", "IPv6"):
        launch("m1.small", NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet_id, "Ipv6AddressCount": 1}])
    assert launch("m1.small")["InstanceType"] == "m1.small"


def test_launch_a_xen_type_with_a_prefix_is_refused(cloud, launch, subnet_id):
    with refused(cloud, "InvalidParameterValue", "Nitro"):
        launch("m4.large", NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet_id, "Ipv4PrefixCount": 1}])


# -- instance-level parameters and the interface list -----------------------------------------
@pytest.mark.parametrize("extra, words", [
    ({"SubnetId": "subnet"}, "Network interfaces and an instance-level subnet ID may not be "
                             "specified on the same request"),
    ({"SecurityGroupIds": ["group"]}, "Network interfaces and an instance-level security group "
                                      "IDs may not be specified on the same request"),
    ({"PrivateIpAddress": "10.0.1.40"}, "Network interfaces and an instance-level private IP "
                                        "address may not be specified on the same request"),
])
def test_instance_level_network_settings_with_network_interfaces_are_refused(
        cloud, ec2, subnet_id, vpc_id, extra, words):
    group = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"][0]["GroupId"]
    values = {"subnet": subnet_id, "group": group}
    extra = {k: ([values[x] for x in v] if isinstance(v, list) else values.get(v, v))
             for k, v in extra.items()}
    with refused(cloud, "InvalidParameterCombination", words):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                          NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id}], **extra)


def test_two_interfaces_at_one_device_index_at_launch_are_refused(cloud, launch, subnet_id):
    with refused(cloud, "InvalidParameterValue",
                 "Each network interface needs its own DeviceIndex."):
        launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                  {"DeviceIndex": 0, "SubnetId": subnet_id}])


def test_interfaces_at_launch_must_share_a_zone(cloud, launch, subnet_id, subnet_b_id):
    with refused(cloud, "InvalidParameterValue", "All network interfaces of an instance must be "
                 "in the same Availability Zone."):
        launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                  {"DeviceIndex": 1, "SubnetId": subnet_b_id}])


def test_launch_with_a_second_interface_in_another_vpc_of_the_zone(ec2, launch, subnet_id,
                                                                   vpc_id):
    """Multi-VPC attachment at launch: device index 1 in the default VPC's us-east-1a subnet."""
    other = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]},
                                          {"Name": "availability-zone",
                                           "Values": ["us-east-1a"]}])["Subnets"][0]
    launched = launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                         {"DeviceIndex": 1, "SubnetId": other["SubnetId"]}])
    eth0, eth1 = sorted(launched["NetworkInterfaces"], key=lambda e: e["Attachment"][
        "DeviceIndex"])
    assert (launched["VpcId"], eth0["VpcId"], eth1["VpcId"]) == (vpc_id, vpc_id, other["VpcId"])
    default_group = [g["GroupName"] for g in eth1["Groups"]]
    assert default_group == ["default"] and eth1["Groups"][0]["GroupId"] != eth0["Groups"][0][
        "GroupId"]


def test_launch_with_interfaces_in_two_subnets_of_one_zone(ec2, launch, subnet_id,
                                                           ipv4_only_subnet_id):
    launched = launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                         {"DeviceIndex": 1, "SubnetId": ipv4_only_subnet_id}])
    assert [e["SubnetId"] for e in launched["NetworkInterfaces"]] == [subnet_id,
                                                                      ipv4_only_subnet_id]


# -- stop, start, terminate ------------------------------------------------------------------
def test_stop_and_start_answer_the_state_changes(ec2, instance_id):
    stopping = ec2.stop_instances(InstanceIds=[instance_id])["StoppingInstances"]
    assert stopping == [{"InstanceId": instance_id,
                         "CurrentState": {"Code": 64, "Name": "stopping"},
                         "PreviousState": {"Code": 16, "Name": "running"}}]
    assert instance(ec2, instance_id)["State"]["Name"] == "stopped"
    starting = ec2.start_instances(InstanceIds=[instance_id])["StartingInstances"]
    assert starting == [{"InstanceId": instance_id,
                         "CurrentState": {"Code": 0, "Name": "pending"},
                         "PreviousState": {"Code": 80, "Name": "stopped"}}]
    assert instance(ec2, instance_id)["State"]["Name"] == "running"


def test_terminate_answers_the_state_change(ec2, instance_id):
    answer = ec2.terminate_instances(InstanceIds=[instance_id])["TerminatingInstances"]
    assert answer[0]["CurrentState"]["Name"] == "shutting-down"
    assert answer[0]["PreviousState"]["Name"] == "running"
    assert instance(ec2, instance_id)["State"] == {"Code": 48, "Name": "terminated"}


def test_a_terminated_instance_cannot_be_started_or_stopped(cloud, ec2, instance_id):
    ec2.terminate_instances(InstanceIds=[instance_id])
    with refused(cloud, "IncorrectInstanceState", "not in a state from which it can start"):
        ec2.start_instances(InstanceIds=[instance_id])
    with refused(cloud, "IncorrectInstanceState", "not in a state from which it can stop"):
        ec2.stop_instances(InstanceIds=[instance_id])


def test_a_stopped_instance_keeps_its_private_addresses(ec2, instance_id, eni_id):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=2)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)
    before = (private_ips(ec2, eni_id), ipv6_ips(ec2, eni_id))
    ec2.stop_instances(InstanceIds=[instance_id])
    assert (private_ips(ec2, eni_id), ipv6_ips(ec2, eni_id)) == before
    ec2.start_instances(InstanceIds=[instance_id])
    assert (private_ips(ec2, eni_id), ipv6_ips(ec2, eni_id)) == before


def test_terminate_deletes_launch_time_interfaces_and_frees_their_addresses(
        cloud, ec2, launch, subnet_id):
    before = free_count(ec2, subnet_id)
    launched = launch("m5.large", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": subnet_id, "SecondaryPrivateIpAddressCount": 2},
        {"DeviceIndex": 1, "SubnetId": subnet_id}])
    eni_ids = [e["NetworkInterfaceId"] for e in launched["NetworkInterfaces"]]
    assert free_count(ec2, subnet_id) == before - 4
    ec2.terminate_instances(InstanceIds=[launched["InstanceId"]])
    with refused(cloud, "InvalidNetworkInterfaceID.NotFound", "The networkInterface ID"):
        ec2.describe_network_interfaces(NetworkInterfaceIds=eni_ids)
    assert free_count(ec2, subnet_id) == before
    relaunched = launch(PrivateIpAddress=launched["PrivateIpAddress"])
    assert relaunched["PrivateIpAddress"] == launched["PrivateIpAddress"]


def test_terminate_keeps_interfaces_attached_later_available_with_their_addresses(
        ec2, instance_id, new_eni):
    later = new_eni(SecondaryPrivateIpAddressCount=2, Ipv6AddressCount=1)
    ec2.attach_network_interface(NetworkInterfaceId=later, InstanceId=instance_id,
                                 DeviceIndex=1)
    assert eni(ec2, later)["Attachment"]["DeleteOnTermination"] is False
    kept = (private_ips(ec2, later), ipv6_ips(ec2, later))
    ec2.terminate_instances(InstanceIds=[instance_id])
    after = eni(ec2, later)
    assert after["Status"] == "available" and "Attachment" not in after
    assert (private_ips(ec2, later), ipv6_ips(ec2, later)) == kept


def test_an_existing_interface_given_at_launch_outlives_the_instance(ec2, launch, subnet_id,
                                                                     new_eni):
    """DeleteOnTermination defaults to true only for interfaces the launch creates: one given
    by ID stays, available, when the instance is terminated."""
    existing = new_eni(SecondaryPrivateIpAddressCount=1)
    launched = launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                         {"DeviceIndex": 1, "NetworkInterfaceId": existing}])
    flags = {e["NetworkInterfaceId"]: e["Attachment"]["DeleteOnTermination"]
             for e in launched["NetworkInterfaces"]}
    assert flags[existing] is False and list(flags.values()).count(True) == 1
    ec2.terminate_instances(InstanceIds=[launched["InstanceId"]])
    after = eni(ec2, existing)
    assert after["Status"] == "available" and len(after["PrivateIpAddresses"]) == 2


def test_the_launch_path_limits_ipv6_addresses_per_interface(cloud, launch, subnet_id):
    """t3.medium: 6 IPv6 addresses per interface. Seven on eth0 (with one IPv4 address, well
    inside the IPv4 limit) are refused by the IPv6 limit alone."""
    with refused(cloud, "InvalidInterface.IpAddressLimitExceeded", "Number of IPv6 addresses "
                 "will exceed limit."):
        launch(NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id,
                                   "Ipv6AddressCount": 7}])


def test_an_existing_interface_with_ipv6_cannot_launch_a_type_without_ipv6(cloud, launch,
                                                                          subnet_id, new_eni):
    existing = new_eni(Ipv6AddressCount=1)
    with refused(cloud, "InvalidParameterValue", "Instance type m1.small does not support IPv6 "
                 "addresses."):
        launch("m1.small", NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet_id},
                                              {"DeviceIndex": 1, "NetworkInterfaceId": existing}])


def test_terminate_deletes_a_later_interface_marked_delete_on_termination(cloud, ec2,
                                                                          instance_id, new_eni):
    later = new_eni()
    attachment = ec2.attach_network_interface(NetworkInterfaceId=later, InstanceId=instance_id,
                                              DeviceIndex=1)["AttachmentId"]
    ec2.modify_network_interface_attribute(
        NetworkInterfaceId=later,
        Attachment={"AttachmentId": attachment, "DeleteOnTermination": True})
    ec2.terminate_instances(InstanceIds=[instance_id])
    with refused(cloud, "InvalidNetworkInterfaceID.NotFound", "The networkInterface ID"):
        ec2.describe_network_interfaces(NetworkInterfaceIds=[later])


def test_terminate_disassociates_elastic_ips_which_stay_allocated(ec2, igw, instance_id,
                                                                  eni_id):
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni_id)
    ec2.terminate_instances(InstanceIds=[instance_id])
    [kept] = ec2.describe_addresses(AllocationIds=[allocation])["Addresses"]
    assert "AssociationId" not in kept and "NetworkInterfaceId" not in kept


# -- instance types ----------------------------------------------------------------------------
@pytest.mark.parametrize("name, interfaces, ipv4, ipv6, hypervisor", [
    ("t3.medium", 3, 6, 6, "nitro"),
    ("t3.micro", 2, 2, 2, "nitro"),
    ("m5.large", 3, 10, 10, "nitro"),
    ("c5.large", 3, 10, 10, "nitro"),
    ("t2.micro", 2, 2, 2, "xen"),
    ("m4.large", 2, 10, 10, "xen"),
    ("c4.large", 3, 10, 10, "xen"),
])
def test_describe_instance_types_gives_the_real_network_limits(ec2, name, interfaces, ipv4,
                                                               ipv6, hypervisor):
    [kind] = ec2.describe_instance_types(InstanceTypes=[name])["InstanceTypes"]
    network = kind["NetworkInfo"]
    assert network["MaximumNetworkInterfaces"] == interfaces
    assert network["Ipv4AddressesPerInterface"] == ipv4
    assert network["Ipv6AddressesPerInterface"] == ipv6
    assert network["Ipv6Supported"] is True
    assert kind["Hypervisor"] == hypervisor


def test_some_old_types_do_not_support_ipv6(ec2):
    [kind] = ec2.describe_instance_types(InstanceTypes=["m1.small"])["InstanceTypes"]
    assert kind["NetworkInfo"]["Ipv6Supported"] is False
    assert kind["NetworkInfo"]["Ipv6AddressesPerInterface"] == 0


def test_describe_instance_types_filters(ec2):
    found = ec2.describe_instance_types(Filters=[
        {"Name": "network-info.ipv6-supported", "Values": ["false"]}])["InstanceTypes"]
    assert "m1.small" in [k["InstanceType"] for k in found]
    assert not any(k["NetworkInfo"]["Ipv6Supported"] for k in found)


def test_every_instance_type_pages_through(ec2):
    pages = ec2.get_paginator("describe_instance_types").paginate()
    names = [k["InstanceType"] for page in pages for k in page["InstanceTypes"]]
    assert len(names) == len(set(names)) == 1263


def test_describe_an_unknown_instance_type_is_refused(cloud, ec2):
    with refused(cloud, "InvalidInstanceType", "The instance type"):
        ec2.describe_instance_types(InstanceTypes=["t3.gigantic"])


def test_bare_metal_types_report_no_hypervisor(ec2):
    [kind] = ec2.describe_instance_types(InstanceTypes=["m5.metal"])["InstanceTypes"]
    assert kind["BareMetal"] is True
    assert "Hypervisor" not in kind


def test_the_shipped_limits_are_the_project_data_for_every_type():
    """ec2sim ships ../shared/data/instance_types.json as package data: the same types with the
    same network limits (checked against the project's copy wherever it sits beside the repo)."""
    from importlib import resources
    from pathlib import Path

    shipped = json.loads(resources.files("ec2sim").joinpath("data/instance_types.json")
                         .read_text())
    assert len([name for name in shipped if not name.startswith("_")]) == 1263
    source = Path(__file__).resolve().parents[3] / "shared" / "data" / "instance_types.json"
    if source.exists():  # a checkout with the project's shared folder beside it (CI has one)
        assert shipped == json.loads(source.read_text())
