"""Events for every change, undo of every kind of operation, and whole-world snapshots."""

from __future__ import annotations

import json

import pytest
from core_support import AMI, attach, private_ips

import ec2sim
from ec2sim import Change

# An interface's addresses: the primary named, and 10.0.1.50 as a secondary one.
SPARE_ADDRESSES = [{"PrivateIpAddress": "10.0.1.49", "Primary": True},
                   {"PrivateIpAddress": "10.0.1.50", "Primary": False}]


@pytest.fixture
def events(cloud) -> list:
    seen: list = []
    cloud.subscribe(seen.append)
    return seen


# -- events ------------------------------------------------------------------------------------
def test_one_event_per_successful_change(ec2, eni_id, events):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=2)
    [event] = events
    assert event.operation == "AssignPrivateIpAddresses"
    assert event.params == {"NetworkInterfaceId": eni_id, "SecondaryPrivateIpAddressCount": 2}
    assert event.changes == (Change("private-ipv4", "10.0.1.5", None, eni_id),
                             Change("private-ipv4", "10.0.1.6", None, eni_id))
    assert [c.key for c in event.added] == ["10.0.1.5", "10.0.1.6"]
    assert event.moved == [] and event.removed == []


def test_a_read_publishes_nothing_and_cannot_change_the_world(cloud, ec2, eni_id, events,
                                                               monkeypatch):
    from ec2sim.operations import OPERATIONS, READS

    assert "DescribeNetworkInterfaces" in READS and "AssignPrivateIpAddresses" not in READS
    before = cloud.history
    ec2.describe_network_interfaces(NetworkInterfaceIds=[eni_id])
    ec2.describe_instances()
    assert events == [] and cloud.history == before

    def describe_and_meddle(world, params):  # a read that tried to change something
        world.set(world.network_interfaces[eni_id], "description", "meddled")

    monkeypatch.setitem(OPERATIONS, "DescribeVpcs", describe_and_meddle)
    with pytest.raises(RuntimeError, match="the world changes only inside a call"):
        cloud.dispatch("DescribeVpcs", {})
    assert ec2.describe_network_interfaces(NetworkInterfaceIds=[eni_id])[
        "NetworkInterfaces"][0]["Description"] == ""


def test_events_are_numbered_in_order(ec2, eni_id, events):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)
    assert [e.operation for e in events] == ["AssignPrivateIpAddresses", "AssignIpv6Addresses"]
    assert events[1].seq == events[0].seq + 1
    assert [c.kind for c in events[1].changes] == ["ipv6"]


def test_no_event_for_a_failed_call_or_a_describe(ec2, eni_id, events):
    with pytest.raises(ec2.exceptions.ClientError):
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                          PrivateIpAddresses=["10.0.1.4"])
    ec2.describe_network_interfaces()
    ec2.describe_instances()
    ec2.describe_addresses()
    ec2.describe_instance_types(InstanceTypes=["t3.medium"])
    assert events == []


def test_a_reassignment_shows_the_address_and_its_elastic_ip_as_moved(ec2, igw, eni_id, new_eni,
                                                                      events):
    holder = new_eni(PrivateIpAddresses=SPARE_ADDRESSES)
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=holder,
                          PrivateIpAddress="10.0.1.50")
    events.clear()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=["10.0.1.50"],
                                    AllowReassignment=True)
    [event] = events
    assert set(event.moved) == {
        Change("private-ipv4", "10.0.1.50", holder, eni_id),
        Change("elastic-ip", allocation, f"{holder}/10.0.1.50", f"{eni_id}/10.0.1.50"),
    }
    assert event.added == [] and event.removed == []


def test_a_launch_shows_the_instance_its_interface_and_address_added(ec2, subnet_id, events):
    launched = ec2.run_instances(ImageId=AMI, InstanceType="t3.medium", MinCount=1, MaxCount=1,
                                 SubnetId=subnet_id)["Instances"][0]
    eni_id = launched["NetworkInterfaces"][0]["NetworkInterfaceId"]
    [event] = events
    added = {(c.kind, c.key) for c in event.added}
    assert {("instance", launched["InstanceId"]), ("network-interface", eni_id),
            ("private-ipv4", "10.0.1.4"), ("attachment", eni_id)} <= added


def test_terminate_shows_the_interface_and_addresses_removed(ec2, instance_id, eni_id, events):
    ec2.terminate_instances(InstanceIds=[instance_id])
    [event] = events
    removed = {(c.kind, c.key) for c in event.removed}
    assert {("network-interface", eni_id), ("private-ipv4", "10.0.1.4")} <= removed
    assert Change("instance", instance_id, "running", "terminated") in event.changes


def test_an_unsubscribed_callback_hears_nothing_more(cloud, ec2, eni_id):
    heard: list = []
    stop = cloud.subscribe(heard.append)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    stop()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    assert len(heard) == 1


# -- undo --------------------------------------------------------------------------------------
UNDOABLE = {
    "create_vpc": lambda ec2, w: ec2.create_vpc(CidrBlock="10.50.0.0/16",
                                                AmazonProvidedIpv6CidrBlock=True),
    "associate_vpc_cidr_block": lambda ec2, w: ec2.associate_vpc_cidr_block(
        VpcId=w["plain_vpc"], AmazonProvidedIpv6CidrBlock=True),
    "create_subnet": lambda ec2, w: ec2.create_subnet(VpcId=w["vpc"], CidrBlock="10.0.60.0/24"),
    "delete_subnet": lambda ec2, w: ec2.delete_subnet(SubnetId=w["empty_subnet"]),
    "associate_subnet_cidr_block": lambda ec2, w: ec2.associate_subnet_cidr_block(
        SubnetId=w["empty_subnet"], Ipv6CidrBlock=w["free_64"]),
    "modify_subnet_attribute": lambda ec2, w: ec2.modify_subnet_attribute(
        SubnetId=w["subnet"], MapPublicIpOnLaunch={"Value": True}),
    "delete_vpc": lambda ec2, w: ec2.delete_vpc(VpcId=w["plain_vpc"]),
    "create_internet_gateway": lambda ec2, w: ec2.create_internet_gateway(),
    "create_security_group": lambda ec2, w: ec2.create_security_group(
        GroupName="x", Description="x", VpcId=w["vpc"]),
    "run_instances": lambda ec2, w: ec2.run_instances(
        ImageId=AMI, InstanceType="m5.large", MinCount=1, MaxCount=1,
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": w["subnet"],
                            "SecondaryPrivateIpAddressCount": 2, "Ipv6AddressCount": 1,
                            "AssociatePublicIpAddress": True}]),
    "stop_instances": lambda ec2, w: ec2.stop_instances(InstanceIds=[w["instance"]]),
    "terminate_instances": lambda ec2, w: ec2.terminate_instances(InstanceIds=[w["instance"]]),
    "create_network_interface": lambda ec2, w: ec2.create_network_interface(
        SubnetId=w["subnet"], SecondaryPrivateIpAddressCount=2),
    "delete_network_interface": lambda ec2, w: ec2.delete_network_interface(
        NetworkInterfaceId=w["spare"]),
    "attach_network_interface": lambda ec2, w: attach(ec2, w["spare"], w["instance"], 1),
    "modify_network_interface_attribute": lambda ec2, w: ec2.modify_network_interface_attribute(
        NetworkInterfaceId=w["eth0"], SourceDestCheck={"Value": False}),
    "assign_private_ip_addresses": lambda ec2, w: ec2.assign_private_ip_addresses(
        NetworkInterfaceId=w["eth0"], SecondaryPrivateIpAddressCount=2, Ipv4PrefixCount=1),
    "reassign_private_ip_addresses": lambda ec2, w: ec2.assign_private_ip_addresses(
        NetworkInterfaceId=w["eth0"], PrivateIpAddresses=["10.0.1.50"], AllowReassignment=True),
    "unassign_private_ip_addresses": lambda ec2, w: ec2.unassign_private_ip_addresses(
        NetworkInterfaceId=w["spare"], PrivateIpAddresses=["10.0.1.50"]),
    "assign_ipv6_addresses": lambda ec2, w: ec2.assign_ipv6_addresses(
        NetworkInterfaceId=w["eth0"], Ipv6AddressCount=2, Ipv6PrefixCount=1),
    "allocate_address": lambda ec2, w: ec2.allocate_address(Domain="vpc"),
    "associate_address": lambda ec2, w: ec2.associate_address(
        AllocationId=w["free_eip"], NetworkInterfaceId=w["eth0"]),
    "disassociate_address": lambda ec2, w: ec2.disassociate_address(
        AssociationId=w["association"]),
    "release_address": lambda ec2, w: ec2.release_address(AllocationId=w["free_eip"]),
    "create_tags": lambda ec2, w: ec2.create_tags(Resources=[w["vpc"], w["eth0"]],
                                                  Tags=[{"Key": "k", "Value": "v"}]),
    "attach_internet_gateway": lambda ec2, w: ec2.attach_internet_gateway(
        InternetGatewayId=w["loose_igw"], VpcId=w["plain_vpc"]),
    "delete_internet_gateway": lambda ec2, w: ec2.delete_internet_gateway(
        InternetGatewayId=w["loose_igw"]),
    "delete_security_group": lambda ec2, w: ec2.delete_security_group(GroupId=w["group"]),
    "delete_tags": lambda ec2, w: ec2.delete_tags(Resources=[w["spare"]]),
}

# Operations that need a step first; the undo is checked from the world after that step.
PREPARED = {
    "start_instances": (lambda ec2, w: ec2.stop_instances(InstanceIds=[w["instance"]]),
                        lambda ec2, w: ec2.start_instances(InstanceIds=[w["instance"]])),
    "detach_network_interface": (
        lambda ec2, w: w.update(attachment=attach(ec2, w["spare"], w["instance"], 1)),
        lambda ec2, w: ec2.detach_network_interface(AttachmentId=w["attachment"])),
    "unassign_ipv6_addresses": (
        lambda ec2, w: w.update(v6=ec2.assign_ipv6_addresses(
            NetworkInterfaceId=w["eth0"], Ipv6AddressCount=2)["AssignedIpv6Addresses"]),
        lambda ec2, w: ec2.unassign_ipv6_addresses(NetworkInterfaceId=w["eth0"],
                                                   Ipv6Addresses=w["v6"])),
    "unassign_ipv4_prefix": (
        lambda ec2, w: ec2.assign_private_ip_addresses(NetworkInterfaceId=w["eth0"],
                                                       Ipv4Prefixes=["10.0.1.128/28"]),
        lambda ec2, w: ec2.unassign_private_ip_addresses(NetworkInterfaceId=w["eth0"],
                                                         Ipv4Prefixes=["10.0.1.128/28"])),
    "detach_internet_gateway": (
        lambda ec2, w: ec2.disassociate_address(AssociationId=w["association"]),
        lambda ec2, w: ec2.detach_internet_gateway(InternetGatewayId=w["igw"], VpcId=w["vpc"])),
}


@pytest.fixture
def busy_world(ec2, vpc_id, vpc_ipv6, subnet_id, igw, instance_id, eni_id, new_eni) -> dict:
    """A world with something of everything for undo to work on."""
    from core_support import ipv6_subnet_block

    spare = new_eni(PrivateIpAddresses=SPARE_ADDRESSES,
                    TagSpecifications=[{"ResourceType": "network-interface",
                                        "Tags": [{"Key": "role", "Value": "spare"}]}])
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    association = ec2.associate_address(AllocationId=eip, NetworkInterfaceId=spare,
                                        PrivateIpAddress="10.0.1.50")["AssociationId"]
    return {
        "vpc": vpc_id, "subnet": subnet_id, "igw": igw, "instance": instance_id,
        "eth0": eni_id, "spare": spare, "association": association,
        "free_eip": ec2.allocate_address(Domain="vpc")["AllocationId"],
        "plain_vpc": ec2.create_vpc(CidrBlock="10.51.0.0/16")["Vpc"]["VpcId"],
        "empty_subnet": ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.61.0/24")["Subnet"][
            "SubnetId"],
        "free_64": ipv6_subnet_block(vpc_ipv6, 9),
        "loose_igw": ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"],
        "group": ec2.create_security_group(GroupName="unused", Description="u",
                                           VpcId=vpc_id)["GroupId"],
    }


@pytest.mark.parametrize("name", sorted([*UNDOABLE, *PREPARED]))
def test_undo_restores_the_exact_previous_world(cloud, ec2, busy_world, name):
    prepare, act = PREPARED.get(name, (None, UNDOABLE.get(name)))
    if prepare:
        prepare(ec2, busy_world)
    before = cloud.snapshot()
    act(ec2, busy_world)
    assert cloud.snapshot() != before
    undone = cloud.undo()
    assert undone.operation == "Undo"
    assert cloud.snapshot() == before


def test_undo_publishes_the_reversed_changes(cloud, ec2, eni_id, events):
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    undone = cloud.undo()
    assert events[-1] is undone
    assert undone.params == {"Operation": "AssignPrivateIpAddresses"}
    assert undone.changes == (Change("private-ipv4", "10.0.1.5", eni_id, None),)


def test_undo_steps_back_one_change_at_a_time(cloud, ec2, eni_id):
    start = cloud.snapshot()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    middle = cloud.snapshot()
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)
    cloud.undo()
    assert cloud.snapshot() == middle
    cloud.undo()
    assert cloud.snapshot() == start


def test_after_undo_the_same_call_gives_the_same_answer(cloud, ec2, eni_id):
    first = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                            SecondaryPrivateIpAddressCount=2)
    cloud.undo()
    again = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id,
                                            SecondaryPrivateIpAddressCount=2)
    assert again["AssignedPrivateIpAddresses"] == first["AssignedPrivateIpAddresses"]


def test_undo_with_nothing_to_undo(cloud):
    fresh = ec2sim.Cloud(seed=0)
    assert fresh.undo() is None


# -- snapshots ---------------------------------------------------------------------------------
def test_snapshot_survives_json_and_restore(cloud, busy_world):
    snap = cloud.snapshot()
    restored = ec2sim.Cloud.restore(json.loads(json.dumps(snap)))
    assert restored.snapshot() == snap


def test_a_restored_world_keeps_working_the_same_way(cloud, ec2, busy_world, vpc_id):
    restored = ec2sim.Cloud.restore(json.loads(json.dumps(cloud.snapshot())))
    other = restored.client()
    eth0 = busy_world["eth0"]
    for client in (ec2, other):
        client.unassign_private_ip_addresses(NetworkInterfaceId=busy_world["spare"],
                                             PrivateIpAddresses=["10.0.1.50"])
    answers = [c.assign_private_ip_addresses(NetworkInterfaceId=eth0,
                                             SecondaryPrivateIpAddressCount=3)
               for c in (ec2, other)]
    assert answers[0]["AssignedPrivateIpAddresses"] == answers[1]["AssignedPrivateIpAddresses"]
    made = [c.create_network_interface(SubnetId=busy_world["subnet"])["NetworkInterface"]
            for c in (ec2, other)]
    assert made[0]["NetworkInterfaceId"] == made[1]["NetworkInterfaceId"]
    assert made[0]["MacAddress"] == made[1]["MacAddress"]
    assert made[0]["PrivateIpAddress"] == made[1]["PrivateIpAddress"]
    assert private_ips(ec2, eth0) == private_ips(other, eth0)
    assert cloud.snapshot() == restored.snapshot()


def test_a_restored_world_still_enforces_the_rules(cloud, busy_world):
    restored = ec2sim.Cloud.restore(cloud.snapshot())
    with pytest.raises(restored.client().exceptions.ClientError) as caught:
        restored.client().assign_private_ip_addresses(
            NetworkInterfaceId=busy_world["eth0"], PrivateIpAddresses=["10.0.1.50"])
    assert caught.value.response["Error"]["Code"] == "InvalidIPAddress.InUse"


def test_save_and_load(cloud, busy_world, tmp_path):
    path = tmp_path / "world.json"
    cloud.save(path)
    loaded = ec2sim.Cloud.load(path)
    assert loaded.snapshot() == cloud.snapshot()
    assert loaded.client().describe_network_interfaces(
        NetworkInterfaceIds=[busy_world["spare"]])["NetworkInterfaces"][0][
        "PrivateIpAddresses"][1]["Association"]["AllocationId"]


def test_reset_goes_back_to_a_new_account_and_undo_brings_the_world_back(cloud, busy_world):
    before = cloud.snapshot()
    cloud.reset()
    assert cloud.snapshot() == ec2sim.Cloud(seed=0).snapshot()
    cloud.undo()
    assert cloud.snapshot() == before


def test_an_event_holds_the_learners_own_parameters_not_botocores_random_token(cloud, ec2,
                                                                                subnet_id):
    """botocore adds a random ClientToken to some calls; events (and the diagram's caption,
    and so the committed notebooks) must not change from run to run because of it."""
    ec2.create_network_interface(SubnetId=subnet_id, Description="web")
    assert cloud.history[-1].params == {"SubnetId": subnet_id, "Description": "web"}
