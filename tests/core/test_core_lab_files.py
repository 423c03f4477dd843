"""Lab files and snapshots: a save is never half-written, a load refuses a damaged or hostile
file in one sentence and leaves the current world as it was, worlds never share data with the
snapshots they came from or gave, and a failing view never fails a call (issue 13 §3.5, §3.6,
§3.9, §3.13)."""

from __future__ import annotations

import copy
import json
import logging
import os
import subprocess
import sys
import textwrap

import pytest
from core_support import AMI

import ec2sim
from ec2sim import lab_file
from ec2sim.__main__ import main
from ec2sim.lab_file import LabFileError


@pytest.fixture
def lab(cloud, ec2, vpc_id, subnet_id, igw, instance_id, eni_id, new_eni) -> dict:
    """A world with something of every kind: a tagged VPC, an instance whose eth0 holds a
    secondary IPv4 and an IPv6 address and an Elastic IP, a spare interface with a secondary
    address and a /28 prefix, a plain interface, and an unassociated Elastic IP."""
    ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "Name", "Value": "lab"}])
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=1)
    ec2.assign_ipv6_addresses(NetworkInterfaceId=eni_id, Ipv6AddressCount=1)
    spare = new_eni(SecondaryPrivateIpAddressCount=1)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=spare, Ipv4PrefixCount=1)
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=eip, NetworkInterfaceId=eni_id,
                          PrivateIpAddress="10.0.1.4")
    free_eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    return {"vpc": vpc_id, "subnet": subnet_id, "igw": igw, "instance": instance_id,
            "eth0": eni_id, "spare": spare, "eip": eip, "free_eip": free_eip,
            "plain": new_eni()}


def row(snapshot: dict, collection: str, key: str) -> dict:
    """The record of one resource in a snapshot, by its ID."""
    return next(r for r in snapshot[collection] if next(iter(r.values())) == key)


def other_group(snapshot: dict) -> dict:
    return snapshot["security_groups"][0]


# -- saving ------------------------------------------------------------------------------------
CUT_SHORT = textwrap.dedent("""
    import resource, signal, sys
    import ec2sim
    cloud = ec2sim.Cloud(seed=1)
    ec2 = cloud.client()
    for _ in range(3):
        ec2.create_vpc(CidrBlock="10.0.0.0/16")
    size = len(ec2sim.lab_file.dumps(cloud.snapshot()))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, resource.RLIM_INFINITY))
    try:
        cloud.save(sys.argv[1])
    except OSError as error:
        sys.exit(f"cut short: {error.strerror}")
""")


def test_a_save_cut_short_leaves_the_previous_save_as_it_was(cloud, lab, tmp_path):
    """The disk fills (a file-size limit) half-way through a save: the save fails and the
    last good save still loads, whole; no partial file is left beside it."""
    path = tmp_path / "lab.json"
    cloud.save(path)
    before = cloud.snapshot()
    done = subprocess.run([sys.executable, "-c", CUT_SHORT, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "cut short: File too large" in done.stderr
    assert ec2sim.Cloud.load(path).snapshot() == before
    assert os.listdir(tmp_path) == ["lab.json"]


def test_a_save_replaces_the_file_and_keeps_its_permissions(cloud, lab, tmp_path):
    path = tmp_path / "lab.json"
    path.write_text("an older file")
    path.chmod(0o600)
    cloud.save(path)
    assert ec2sim.Cloud.load(path).snapshot() == cloud.snapshot()
    assert path.stat().st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["lab.json"]


# -- loading: what is refused, and in which words ----------------------------------------------
def _set(collection, key, field, value):
    def change(snapshot, ids):
        row(snapshot, collection, ids.get(key, key))[field] = value(snapshot, ids) \
            if callable(value) else value
    return change


def _duplicate(collection, key):
    def change(snapshot, ids):
        snapshot[collection].append(copy.deepcopy(row(snapshot, collection, ids[key])))
    return change


def _second_eip_on(address):
    def change(snapshot, ids):
        free = row(snapshot, "addresses", ids["free_eip"])
        free.update(association_id="eipassoc-0aaaaaaaaaaaaaaaa", private_ip_address=address,
                    network_interface_id=ids["eth0"])
    return change


def _attachment(field, value):
    def change(snapshot, ids):
        row(snapshot, "network_interfaces", ids["eth0"])["attachment"][field] = value
    return change


def _attach(eni, index):
    def change(snapshot, ids):
        eth0 = row(snapshot, "network_interfaces", ids["eth0"])
        row(snapshot, "network_interfaces", ids[eni])["attachment"] = dict(
            eth0["attachment"], attachment_id=f"eni-attach-0{index + 10:016x}", device_index=index)
    return change


def _all(*changes):
    def change(snapshot, ids):
        for one in changes:
            one(snapshot, ids)
    return change


def _top(key, value):
    def change(snapshot, ids):
        snapshot[key] = value
    return change


def _add_eips(count):
    def change(snapshot, ids):
        template = row(snapshot, "addresses", ids["free_eip"])
        for n in range(count):
            snapshot["addresses"].append(dict(template, allocation_id=f"eipalloc-0{n:016x}",
                                              public_ip=f"203.0.113.{200 + n}"))
    return change


def _secondaries(eni, addresses):
    return _set("network_interfaces", eni, "secondary_private_ip_addresses", addresses)


REFUSED = {
    # the brief's cases (issue 13 §3.6)
    "seed as text": (_top("seed", "0"), "seed must be a whole number, not the text '0'"),
    "duplicate interface IDs": (_duplicate("network_interfaces", "spare"),
                                "network interface eni-", "appears twice"),
    "one address on two interfaces": (_secondaries("spare", ["10.0.1.5"]),
                                      "10.0.1.5 is on both network interface"),
    "address outside its subnet": (_secondaries("spare", ["10.0.9.9"]),
                                   "10.0.9.9", "is outside its subnet subnet-"),
    "Elastic IP on a missing interface": (
        _set("addresses", "eip", "network_interface_id", "eni-0ffffffffffffffff"),
        "associated with network interface eni-0ffffffffffffffff, which is not in the lab"),
    "two Elastic IPs on one address": (_second_eip_on("10.0.1.4"),
                                       "are both associated with 10.0.1.4 on eni-"),
    "tags as a list": (_set("vpcs", "vpc", "tags", [{"Key": "Name", "Value": "lab"}]),
                       "tags of the VPC vpc-", "must be a map of text to text, not a list"),
    "unknown instance type": (_set("instances", "instance", "instance_type", "m9.huge"),
                              "instance type 'm9.huge', which EC2 does not have"),
    "newer format": (_top("format", "ec2sim-world/2"),
                     "saved in format 'ec2sim-world/2'", "update ec2sim"),
    # the shape of the data
    "not a lab at all": (_top("format", None), "not a saved lab"),
    "unknown part": (_top("volumes", []), "part 'volumes' that ec2sim does not know"),
    "region": (_top("region", "Mars"), "region must be an AWS region name"),
    "counters": (_top("counters", {"eni": "2"}), "counters", "must be a whole number"),
    "negative counter": (_top("counters", {"eni": -1}), "counter 'eni' must not be negative"),
    "collection not a list": (_top("vpcs", {}), "vpcs must be a list, not a map"),
    "record not a map": (_top("vpcs", [7]), "VPC number 1 in vpcs must be a map"),
    "unknown field": (_set("subnets", "subnet", "colour", "red"),
                      "field 'colour' that ec2sim does not know"),
    "missing field": (lambda s, ids: row(s, "subnets", ids["subnet"]).pop("cidr_block"),
                      "subnet subnet-", "has no cidr_block"),
    "null where text is kept": (_set("subnets", "subnet", "cidr_block", None),
                                "cidr_block of the subnet", "must be text, not null"),
    "flag as text": (_set("subnets", "subnet", "map_public_ip_on_launch", "yes"),
                     "must be true or false, not the text 'yes'"),
    "tag value not text": (_set("vpcs", "vpc", "tags", {"Name": 5}),
                           "'Name' maps to the number 5"),
    "rule without a port": (
        lambda s, ids: other_group(s)["ingress"][0].pop("from_port"), "has no 'from_port'"),
    "route with a nested value": (
        lambda s, ids: s["route_tables"][0]["routes"][0].update(note={"a": 1}),
        "'note' of the", "must be a plain value, not a map"),
    # networks
    "VPC block not a CIDR": (_set("vpcs", "vpc", "cidr_block", "10.0.0.0/99"),
                             "'10.0.0.0/99' is not an IPv4 CIDR block"),
    "CIDR not as EC2 writes it": (_set("subnets", "subnet", "cidr_block", "10.0.1.7/24"),
                                  "not a CIDR block as EC2 writes it (10.0.1.0/24)"),
    "subnet outside its VPC": (_set("subnets", "subnet", "cidr_block", "10.9.1.0/24"),
                               "lies outside the blocks of its VPC"),
    "subnet in a missing VPC": (_set("subnets", "subnet", "vpc_id", "vpc-0ffffffffffffffff"),
                                "refers to VPC vpc-0ffffffffffffffff, which is not in the lab"),
    "overlapping subnets": (
        lambda s, ids: s["subnets"].append(dict(row(s, "subnets", ids["subnet"]),
                                                subnet_id="subnet-0aaaaaaaaaaaaaaaa",
                                                cidr_block="10.0.1.128/25",
                                                ipv6_cidr_block=None)),
        "(10.0.1.128/25) overlaps subnet subnet-"),
    # addresses
    "reserved address": (_secondaries("spare", ["10.0.1.2"]), "is one AWS reserves"),
    "address not written as EC2 does": (_secondaries("spare", ["010.0.1.90"]),
                                        "not an IPv4 address"),
    "IPv6 where IPv4 is kept": (_secondaries("spare", ["2001:db8::1"]), "not an IPv4 address"),
    "address twice on one interface": (_secondaries("spare", ["10.0.1.90", "10.0.1.90"]),
                                       "10.0.1.90 is on the network interface eni-", "twice"),
    "interface in another VPC than its subnet": (
        _set("network_interfaces", "spare", "vpc_id", "vpc-0ffffffffffffffff"),
        "is in VPC vpc-0ffffffffffffffff, but its subnet"),
    "missing security group": (
        _set("network_interfaces", "spare", "group_ids", ["sg-0ffffffffffffffff"]),
        "refers to security group sg-0ffffffffffffffff"),
    "prefix of the wrong size": (_set("network_interfaces", "spare", "ipv4_prefixes",
                                      ["10.0.1.128/27"]), "is not a /28"),
    "prefix over an address in use": (_set("network_interfaces", "spare", "ipv4_prefixes",
                                           ["10.0.1.0/28"]), "is not a free block"),
    "too many addresses for any type": (
        _secondaries("spare", [f"10.0.1.{n}" for n in range(100, 170)]),
        "more addresses than any instance type allows"),
    # instances
    "attached to a missing instance": (_attachment("instance_id", "i-0ffffffffffffffff"),
                                       "refers to instance i-0ffffffffffffffff"),
    "unknown state": (_set("instances", "instance", "state", "sleeping"),
                      "state 'sleeping', which EC2 does not have"),
    "instance in a missing subnet": (
        _set("instances", "instance", "subnet_id", "subnet-0ffffffffffffffff"),
        "refers to subnet subnet-0ffffffffffffffff"),
    "two interfaces at one index": (_attach("plain", 0), "two network interfaces at one device"),
    "negative device index": (_attach("plain", -1), "at a negative index"),
    "too many interfaces": (_all(_set("instances", "instance", "instance_type", "t2.nano"),
                                 _attach("plain", 1), _attach("spare", 2)),
                            "has 3 network interfaces; a t2.nano takes 2"),
    "too many addresses for the type": (
        _all(_set("instances", "instance", "instance_type", "t2.nano"),
             _secondaries("eth0", ["10.0.1.5", "10.0.1.90"])),
        "more addresses than a t2.nano allows on one interface"),
    "terminated with interfaces": (_set("instances", "instance", "state", "terminated"),
                                   "is terminated but still has network interfaces"),
    "no primary interface": (_attachment("device_index", 1), "has no primary network interface"),
    # Elastic IPs
    "more than five": (_add_eips(4), "holds 6 Elastic IPs"),
    "one public address twice": (_set("addresses", "free_eip", "public_ip",
                                      lambda s, ids: row(s, "addresses", ids["eip"])["public_ip"]),
                                 "have the same address 203.0.113."),
    "half associated": (_set("addresses", "eip", "association_id", None), "is half associated"),
    "on an address the interface lacks": (_second_eip_on("10.0.1.99"),
                                          "10.0.1.99, which network interface eni-"),
    # the rest refers to what exists
    "route table of a missing VPC": (
        lambda s, ids: s["route_tables"][0].update(vpc_id="vpc-0ffffffffffffffff"),
        "route table rtb-", "refers to VPC vpc-0ffffffffffffffff"),
    "gateway of a missing VPC": (
        _set("internet_gateways", "igw", "vpc_id", "vpc-0ffffffffffffffff"),
        "internet gateway igw-", "refers to VPC vpc-0ffffffffffffffff"),
    "security group of a missing VPC": (
        lambda s, ids: other_group(s).update(vpc_id="vpc-0ffffffffffffffff"),
        "security group sg-", "refers to VPC vpc-0ffffffffffffffff"),
    "operating system of a missing instance": (
        lambda s, ids: s["guests"][0].update(instance_id="i-0ffffffffffffffff"),
        "refers to instance i-0ffffffffffffffff"),
}


def test_the_unchanged_lab_loads(cloud, lab):
    assert ec2sim.Cloud.restore(cloud.snapshot()).snapshot() == cloud.snapshot()


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_lab_that_breaks_a_rule_is_refused_in_one_sentence(cloud, lab, tmp_path, case):
    change, *words = REFUSED[case]
    bad = cloud.snapshot()
    change(bad, lab)
    before = cloud.snapshot()
    with pytest.raises(LabFileError) as caught:
        cloud.reset(bad)
    message = str(caught.value)
    for word in words:
        assert word in message
    assert message.endswith(".") and message.count(". ") == 0, "one sentence"
    assert cloud.snapshot() == before and cloud.history[-1].operation != "Reset"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(LabFileError, match=message.split(" (")[0][:30]):
        ec2sim.Cloud.load(path)


FILES = {
    "the seed 1e400": (lambda good: good.replace('"seed": 0', '"seed": 1e400'),
                       "seed must be a whole number, not the number inf"),
    "nested 100,000 deep": (lambda good: "[" * 100_000 + "]" * 100_000,
                            "nests its data far deeper than a saved lab ever does"),
    "null": (lambda good: "null", "The file holds null, not a saved lab"),
    "not JSON": (lambda good: good[: len(good) // 2], "The file is not JSON: "),
    "a number of 5,000 digits": (lambda good: good.replace('"seed": 0', '"seed": ' + "9" * 5000),
                                 "cannot be read as JSON"),
    "not UTF-8": (lambda good: None, "not text in UTF-8"),  # written as bytes below
}


@pytest.mark.parametrize("case", sorted(FILES))
def test_a_file_that_is_not_a_lab_is_refused_in_one_sentence(cloud, lab, tmp_path, case):
    make, words = FILES[case]
    good = lab_file.dumps(cloud.snapshot())
    path = tmp_path / "bad.json"
    text = make(good)
    if text is None:
        path.write_bytes(b'{"format": "\xff"}')
    else:
        path.write_text(text)
    with pytest.raises(LabFileError, match=words.replace("(", r"\(")):
        ec2sim.Cloud.load(path)


def test_serve_refuses_a_hostile_file_with_the_sentence(tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["serve", "--load", str(path), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert f"ec2sim: cannot load {path}: The file nests its data far deeper" in error
    assert "Traceback" not in error


def test_a_lab_saved_before_newer_fields_existed_still_loads(cloud, lab):
    old = cloud.snapshot()
    for record in old["network_interfaces"]:
        del record["tags"], record["auto_public_ip"]
    del old["guests"], old["route_tables"]
    restored = ec2sim.Cloud.restore(old)
    assert restored.world.network_interfaces[lab["spare"]].tags == {}
    assert restored.snapshot()["guests"] == []


# -- worlds and snapshots share nothing ----------------------------------------------------------
def test_a_snapshot_is_not_changed_by_later_calls(cloud, ec2, lab):
    snapshot = cloud.snapshot()
    kept = copy.deepcopy(snapshot)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["spare"],
                                    SecondaryPrivateIpAddressCount=1)
    ec2.create_tags(Resources=[lab["vpc"]], Tags=[{"Key": "Name", "Value": "changed"}])
    assert snapshot == kept


def test_a_restored_world_shares_nothing_with_its_snapshot(cloud, lab):
    snapshot = cloud.snapshot()
    kept = copy.deepcopy(snapshot)
    restored = ec2sim.Cloud.restore(snapshot)
    other = restored.client()
    other.assign_private_ip_addresses(NetworkInterfaceId=lab["spare"],
                                      SecondaryPrivateIpAddressCount=1)
    other.create_tags(Resources=[lab["vpc"]], Tags=[{"Key": "Name", "Value": "changed"}])
    assert snapshot == kept
    row(snapshot, "vpcs", lab["vpc"])["tags"]["Name"] = "edited after the restore"
    assert restored.world.vpcs[lab["vpc"]].tags["Name"] == "changed"


def test_two_resets_in_a_row_both_go_back_to_the_start(cloud, ec2, lab):
    start = cloud.snapshot()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["spare"],
                                    SecondaryPrivateIpAddressCount=1)
    cloud.reset(start)
    assert cloud.snapshot() == start
    ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["spare"],
                                    SecondaryPrivateIpAddressCount=2)
    ec2.create_tags(Resources=[lab["vpc"]], Tags=[{"Key": "Name", "Value": "changed"}])
    ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                      SubnetId=lab["subnet"])
    cloud.reset(start)
    assert cloud.snapshot() == start


# -- views --------------------------------------------------------------------------------------
def test_a_subscriber_that_raises_does_not_fail_the_call(cloud, ec2, lab, caplog):
    heard: list = []

    def broken(event):
        raise RuntimeError("the view broke")

    cloud.subscribe(broken)
    cloud.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="ec2sim"):
        answer = ec2.assign_private_ip_addresses(NetworkInterfaceId=lab["spare"],
                                                 SecondaryPrivateIpAddressCount=1)
    [assigned] = answer["AssignedPrivateIpAddresses"]  # the caller gets its answer
    spare = ec2.describe_network_interfaces(NetworkInterfaceIds=[lab["spare"]])
    assert assigned["PrivateIpAddress"] in [
        p["PrivateIpAddress"] for p in spare["NetworkInterfaces"][0]["PrivateIpAddresses"]]
    assert [e.operation for e in heard] == ["AssignPrivateIpAddresses"]  # the others still hear
    assert "a subscriber failed on event" in caplog.text and "the view broke" in caplog.text
