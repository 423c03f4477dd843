"""The ready-made worlds notebooks and instructors start from: the same every time, built
through the API, loadable in place, and writable to a file the console's Load button reads."""

from __future__ import annotations

import pytest

import ec2sim
from ec2sim import scenarios


@pytest.mark.parametrize("name", list(scenarios.SCENARIOS))
def test_a_scenario_is_the_same_world_every_time_and_starts_with_nothing_to_undo(name):
    first, second = scenarios.build(name), scenarios.build(name)
    assert first.snapshot() == second.snapshot()
    assert first.history == []
    assert first.undo() is None


def test_a_different_seed_gives_different_ids():
    assert scenarios.web_server(seed=1).snapshot() != scenarios.web_server(seed=0).snapshot()


def test_the_shared_lab_is_what_the_module_says():
    ec2 = scenarios.vpc_with_ipv6().client()
    subnets = {s["Tags"][0]["Value"]: s for s in ec2.describe_subnets(
        Filters=[{"Name": "tag:Name", "Values": list(scenarios.SUBNETS)}])["Subnets"]}
    for name, (cidr, zone, block) in scenarios.SUBNETS.items():
        assert (subnets[name]["CidrBlock"], subnets[name]["AvailabilityZone"]) == (cidr, zone)
        assert bool(subnets[name]["Ipv6CidrBlockAssociationSet"]) == (block is not None)
    assert not scenarios.lab_vpc().client().describe_vpcs(
        Filters=[{"Name": "tag:Name", "Values": ["lab"]}])["Vpcs"][0].get(
        "Ipv6CidrBlockAssociationSet")


def test_load_into_replaces_the_world_in_place_and_undo_brings_it_back():
    cloud = scenarios.web_server()
    seen = []
    cloud.subscribe(seen.append)
    scenarios.load_into(cloud, "failover_pair")
    names = {t["Value"] for r in cloud.client().describe_instances()["Reservations"]
             for i in r["Instances"] for t in i["Tags"]}
    assert names == {"app-primary", "app-standby"}
    assert [e.operation for e in seen] == ["Reset"]
    cloud.undo()
    assert cloud.snapshot() == scenarios.web_server().snapshot()


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="failover_pair"):
        scenarios.build("failover")


def test_the_command_line_writes_a_lab_file_and_lists_the_scenarios(tmp_path, capsys):
    path = tmp_path / "failover.json"
    scenarios.main(["failover_pair", str(path)])
    assert ec2sim.Cloud.load(path).snapshot() == scenarios.failover_pair().snapshot()
    scenarios.main(["--list"])
    listing = capsys.readouterr().out
    assert all(name in listing for name in scenarios.SCENARIOS)
