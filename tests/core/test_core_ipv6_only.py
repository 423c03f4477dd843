"""IPv6-only subnets (Ipv6Native=True): no IPv4 block, interfaces and instances with IPv6
addresses only — multiple IPv6 addresses at their purest."""

from __future__ import annotations

import pytest
from checks import refused
from core_support import AMI, eni, instance, ipv6_subnet_block

import ec2sim
from ec2sim import diagram


@pytest.fixture
def v6_block(vpc_ipv6) -> str:
    return ipv6_subnet_block(vpc_ipv6, 9)


@pytest.fixture
def v6_subnet(ec2, vpc_id, v6_block) -> dict:
    return ec2.create_subnet(VpcId=vpc_id, Ipv6Native=True, Ipv6CidrBlock=v6_block,
                             AvailabilityZone="us-east-1a")["Subnet"]


@pytest.fixture
def v6_subnet_id(v6_subnet) -> str:
    return v6_subnet["SubnetId"]


def launch_v6(ec2, subnet_id: str, instance_type: str = "t3.micro", **kwargs) -> dict:
    return ec2.run_instances(ImageId=AMI, InstanceType=instance_type, MinCount=1, MaxCount=1,
                             SubnetId=subnet_id, **kwargs)["Instances"][0]


# -- the subnet ------------------------------------------------------------------------------
def test_an_ipv6_only_subnet_has_no_ipv4_block(ec2, v6_subnet, v6_block):
    assert v6_subnet["Ipv6Native"] is True
    assert "CidrBlock" not in v6_subnet
    assert v6_subnet["AvailableIpAddressCount"] == 0
    assert v6_subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] == v6_block
    assert v6_subnet["AssignIpv6AddressOnCreation"] is True
    assert v6_subnet["PrivateDnsNameOptionsOnLaunch"]["HostnameType"] == "resource-name"
    again = ec2.describe_subnets(SubnetIds=[v6_subnet["SubnetId"]])["Subnets"][0]
    assert again == v6_subnet
    dual_stack = ec2.describe_subnets(Filters=[{"Name": "cidr-block",
                                                "Values": ["10.0.1.0/24"]}])["Subnets"]
    assert all(s["Ipv6Native"] is False for s in dual_stack)


def test_an_ipv6_only_subnet_takes_no_ipv4_block_and_needs_an_ipv6_one(cloud, ec2, vpc_id,
                                                                        v6_block):
    with refused(cloud, "InvalidParameterCombination", "has no IPv4 block"):
        ec2.create_subnet(VpcId=vpc_id, Ipv6Native=True, Ipv6CidrBlock=v6_block,
                          CidrBlock="10.0.9.0/24")
    with refused(cloud, "MissingParameter", "Ipv6CidrBlock"):
        ec2.create_subnet(VpcId=vpc_id, Ipv6Native=True)
    ipv4_only = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    with refused(cloud, "InvalidParameterValue", "has no IPv6 CIDR block"):
        ec2.create_subnet(VpcId=ipv4_only, Ipv6Native=True, Ipv6CidrBlock=v6_block)


def test_its_only_block_stays(cloud, ec2, v6_subnet):
    association = v6_subnet["Ipv6CidrBlockAssociationSet"][0]["AssociationId"]
    with refused(cloud, "InvalidCidrBlock.InUse", "may not be disassociated"):
        ec2.disassociate_subnet_cidr_block(AssociationId=association)


# -- interfaces and instances ------------------------------------------------------------------
def test_an_interface_there_gets_ipv6_only(ec2, v6_subnet_id, v6_block):
    created = ec2.create_network_interface(SubnetId=v6_subnet_id)["NetworkInterface"]
    assert "PrivateIpAddress" not in created and "PrivateDnsName" not in created
    assert created["PrivateIpAddresses"] == []
    assert created["Ipv6Native"] is True
    assert [a["Ipv6Address"].startswith(v6_block.split("::")[0]) for a in
            created["Ipv6Addresses"]] == [True]
    three = ec2.create_network_interface(SubnetId=v6_subnet_id, Ipv6AddressCount=3)
    assert len(three["NetworkInterface"]["Ipv6Addresses"]) == 3
    eni_id = three["NetworkInterface"]["NetworkInterfaceId"]
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=2)
    assert len(eni(ec2, eni_id)["Ipv6Addresses"]) == 5
    ec2.delete_network_interface(NetworkInterfaceId=eni_id)


def test_an_instance_there_has_no_private_ipv4(ec2, v6_subnet_id):
    launched = launch_v6(ec2, v6_subnet_id, Ipv6AddressCount=2)
    described = instance(ec2, launched["InstanceId"])
    assert "PrivateIpAddress" not in described
    assert described["PrivateDnsName"] == f"{launched['InstanceId']}.ec2.internal"
    assert described["PublicDnsName"] == "" and "PublicIpAddress" not in described
    primary = described["NetworkInterfaces"][0]
    assert primary["PrivateIpAddresses"] == [] and "PrivateIpAddress" not in primary
    assert len(primary["Ipv6Addresses"]) == 2
    assert described["Ipv6Address"] == primary["Ipv6Addresses"][0]["Ipv6Address"]
    ec2.stop_instances(InstanceIds=[launched["InstanceId"]])
    ec2.start_instances(InstanceIds=[launched["InstanceId"]])
    ec2.terminate_instances(InstanceIds=[launched["InstanceId"]])
    assert ec2.describe_network_interfaces(Filters=[{"Name": "subnet-id", "Values": [
        v6_subnet_id]}])["NetworkInterfaces"] == []


def test_no_ipv4_can_be_asked_for_there(cloud, ec2, v6_subnet_id):
    message = f"Subnet {v6_subnet_id} is IPv6-only"
    with refused(cloud, "InvalidParameterValue", message):
        ec2.create_network_interface(SubnetId=v6_subnet_id, PrivateIpAddress="10.0.9.10")
    with refused(cloud, "InvalidParameterValue", message):
        ec2.create_network_interface(SubnetId=v6_subnet_id, SecondaryPrivateIpAddressCount=1)
    with refused(cloud, "InvalidParameterValue", message):
        launch_v6(ec2, v6_subnet_id, PrivateIpAddress="10.0.9.10")
    with refused(cloud, "InvalidParameterValue", message):
        ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                          NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": v6_subnet_id,
                                              "AssociatePublicIpAddress": True}])
    eni_id = ec2.create_network_interface(SubnetId=v6_subnet_id)["NetworkInterface"][
        "NetworkInterfaceId"]
    with refused(cloud, "InvalidParameterValue", message):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                        SecondaryPrivateIpAddressCount=1)
    with refused(cloud, "InvalidParameterValue", message):
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, Ipv4PrefixCount=1)


def test_an_elastic_ip_has_nothing_to_map_to_there(cloud, ec2, v6_subnet_id, igw):
    eni_id = ec2.create_network_interface(SubnetId=v6_subnet_id)["NetworkInterface"][
        "NetworkInterfaceId"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    with refused(cloud, "InvalidParameterValue", "IPv6-only"):
        ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni_id)


def test_only_nitro_types_run_there(cloud, ec2, v6_subnet_id, instance_id):
    with refused(cloud, "InvalidParameterValue", "m4.large is not built on the Nitro System"):
        launch_v6(ec2, v6_subnet_id, "m4.large")
    xen = ec2.run_instances(ImageId=AMI, InstanceType="m4.large", MinCount=1, MaxCount=1,
                            NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": eni_subnet(
                                ec2, instance_id)}])["Instances"][0]["InstanceId"]
    eni_id = ec2.create_network_interface(SubnetId=v6_subnet_id)["NetworkInterface"][
        "NetworkInterfaceId"]
    with refused(cloud, "InvalidParameterValue", "m4.large is not built on the Nitro System"):
        ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=xen, DeviceIndex=1)
    nitro = launch_v6(ec2, v6_subnet_id)["InstanceId"]
    ec2.stop_instances(InstanceIds=[nitro])
    with refused(cloud, "InvalidParameterValue", "m4.large is not built on the Nitro System"):
        ec2.modify_instance_attribute(InstanceId=nitro, InstanceType={"Value": "m4.large"})


def eni_subnet(ec2, instance_id: str) -> str:
    return instance(ec2, instance_id)["SubnetId"]


def test_an_ipv6_only_interface_joins_a_dual_stack_instance(ec2, instance_id, v6_subnet_id):
    eni_id = ec2.create_network_interface(SubnetId=v6_subnet_id)["NetworkInterface"][
        "NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance_id,
                                 DeviceIndex=1)
    described = instance(ec2, instance_id)
    assert [bool(n["PrivateIpAddresses"]) for n in described["NetworkInterfaces"]] == [
        True, False]


# -- views -------------------------------------------------------------------------------------
def test_the_diagram_shows_an_ipv6_only_world(cloud, ec2, v6_subnet_id):
    launched = launch_v6(ec2, v6_subnet_id, Ipv6AddressCount=2)
    addresses = [a["Ipv6Address"] for a in launched["NetworkInterfaces"][0]["Ipv6Addresses"]]
    text = diagram.to_text(cloud)
    assert launched["InstanceId"] in text
    assert all(a in text for a in addresses)
    assert launched["InstanceId"] in diagram.to_dot(cloud).source


def test_an_ipv6_only_world_saves_and_loads(cloud, ec2, v6_subnet_id, tmp_path):
    launch_v6(ec2, v6_subnet_id)
    path = tmp_path / "lab.json"
    cloud.save(path)
    loaded = ec2sim.Cloud.load(path)
    assert loaded.snapshot() == cloud.snapshot()
    again = loaded.client().create_network_interface(SubnetId=v6_subnet_id)
    assert len(again["NetworkInterface"]["Ipv6Addresses"]) == 1
