"""What the simulation keeps per subnet must not grow with the number of calls: the API
benchmark (bench/api_vs_moto.py) assigns and unassigns one secondary address thousands of times,
and a learner's long session does the same."""

from __future__ import annotations

import ec2sim


def _eni(cloud: ec2sim.Cloud) -> str:
    vpc = cloud.dispatch("CreateVpc", {"CidrBlock": "10.0.0.0/16"})["Vpc"]["VpcId"]
    subnet = cloud.dispatch("CreateSubnet", {"VpcId": vpc, "CidrBlock": "10.0.1.0/24",
                                             "AvailabilityZone": "us-east-1a"})["Subnet"]
    return cloud.dispatch("CreateNetworkInterface", {"SubnetId": subnet["SubnetId"]})[
        "NetworkInterface"]["NetworkInterfaceId"]


def test_assigning_and_unassigning_one_address_again_and_again_keeps_the_free_list_short():
    cloud = ec2sim.Cloud(seed=0)
    eni = _eni(cloud)
    picked = set()
    for _ in range(300):
        address = cloud.dispatch("AssignPrivateIpAddresses", {
            "NetworkInterfaceId": eni, "SecondaryPrivateIpAddressCount": 1})[
            "AssignedPrivateIpAddresses"][0]["PrivateIpAddress"]
        picked.add(address)
        cloud.dispatch("UnassignPrivateIpAddresses", {"NetworkInterfaceId": eni,
                                                      "PrivateIpAddresses": [address]})
    assert picked == {"10.0.1.5"}  # the lowest free address, every time (.4 is the primary)
    subnet_id = cloud.world.network_interfaces[eni].subnet_id
    pool = cloud.world.pool(subnet_id, 4)
    assert len(pool._holes) <= 1  # one free address below the scan: one entry, not 300


def test_a_pick_that_is_not_claimed_is_still_found_once():
    cloud = ec2sim.Cloud(seed=0)
    eni = _eni(cloud)
    subnet_id = cloud.world.network_interfaces[eni].subnet_id
    pool = cloud.world.pool(subnet_id, 4)
    first = pool.pick(2)  # picked, never claimed (a call that failed after picking)
    assert pool.pick(2) == first
    assigned = cloud.dispatch("AssignPrivateIpAddresses", {
        "NetworkInterfaceId": eni, "SecondaryPrivateIpAddressCount": 3})[
        "AssignedPrivateIpAddresses"]
    assert [a["PrivateIpAddress"] for a in assigned] == ["10.0.1.5", "10.0.1.6", "10.0.1.7"]
    assert len(pool._holes) == len(set(pool._holes))
