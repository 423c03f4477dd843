"""The OS state is part of the world: undone, rolled back, snapshotted, saved and loaded."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

import ec2sim
from ec2sim import images


def test_a_shell_change_is_one_undoable_event(lab):
    web = lab.launch(images.UBUNTU_24_04)
    seen = []
    lab.cloud.subscribe(seen.append)
    lab.run(web, "sudo ip addr add 10.0.1.20/24 dev ens5")
    assert [e.operation for e in seen] == ["Shell"]
    assert seen[0].params == {"InstanceId": web,
                              "Command": "sudo ip addr add 10.0.1.20/24 dev ens5"}
    assert ("os-address", f"{web}/10.0.1.20", None, "ens5") in [tuple(c) for c in seen[0].changes]
    lab.cloud.undo()
    assert "10.0.1.20" not in lab.run(web, "hostname -I")


def test_undoing_an_attach_takes_the_interface_out_of_the_os(lab):
    web = lab.launch()
    lab.new_interface(web, "10.0.1.30")
    lab.cloud.undo()  # the attach
    assert "ens6" not in lab.run(web, "ip link")


def test_a_refused_ec2_call_leaves_the_os_alone(lab):
    web = lab.launch()
    eni = lab.ec2.create_network_interface(SubnetId=lab.id("subnet", "public-a"),
                                           PrivateIpAddress="10.0.1.30")["NetworkInterface"]
    before = lab.cloud.snapshot()
    with pytest.raises(ClientError):
        lab.ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                         InstanceId=web, DeviceIndex=0)
    assert lab.cloud.snapshot() == before


def test_snapshot_save_and_load_keep_the_os(lab, tmp_path):
    web = lab.launch(images.UBUNTU_24_04)
    lab.run(web, "sudo ip addr add 10.0.1.20/24 dev ens5")
    lab.run(web, "sudo ip rule add from 10.0.1.20 table 1001")
    path = tmp_path / "lab.json"
    lab.cloud.save(path)
    loaded = ec2sim.Cloud.load(path)
    for command in ("ip addr", "ip rule", "ip route"):
        assert loaded.shell(web).run(command).output == lab.run(web, command)
    assert loaded.snapshot() == lab.cloud.snapshot()


def test_a_world_saved_before_route_tables_and_guests_still_loads(lab):
    lab.launch()
    old = lab.cloud.snapshot()
    del old["route_tables"], old["guests"]
    assert ec2sim.Cloud.restore(old).world.collections["guests"] == {}


def test_renewing_leases_is_undoable(lab):
    web = lab.launch()
    lab.ec2.assign_private_ip_addresses(NetworkInterfaceId=lab.eth(web),
                                        PrivateIpAddresses=["10.0.1.20"])
    assert lab.cloud.renew_leases().operation == "RenewLeases"
    assert lab.cloud.renew_leases() is None  # nothing new to pick up
    lab.cloud.undo()
    assert "10.0.1.20" not in lab.run(web, "hostname -I")


def test_a_lab_saved_with_classic_names_loads_with_the_os_names(lab, tmp_path):
    """Labs saved before the OS named interfaces by platform call them eth0, eth1 everywhere."""
    web = lab.launch(images.UBUNTU_24_04)
    lab.new_interface(web, "10.0.1.30")
    lab.run(web, "sudo ip addr add 10.0.1.30/24 dev ens6")
    lab.run(web, "sudo ip link set ens6 up")
    path = tmp_path / "lab.json"
    lab.cloud.save(path)
    old = path.read_text().replace('"ens5"', '"eth0"').replace('"ens6"', '"eth1"')
    assert '"ens' not in old
    path.write_text(old)

    loaded = ec2sim.Cloud.load(path)
    shell = loaded.shell(web)
    assert [line.split(": ")[1] for line in shell.run("ip link").output.splitlines()
            if line[:1].isdigit() and ": lo:" not in line] == ["ens5", "ens6"]
    assert "inet 10.0.1.30/24" in shell.run("ip addr show dev ens6").output
    assert "dev ens5" in shell.run("ip route").output
    assert "dev eth" not in shell.run("ip route").output
