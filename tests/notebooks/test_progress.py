"""exercises.progress(): every exercise as done / attempted / not started, kept in a small JSON
file that outlives the kernel (read back from the file alone)."""

from __future__ import annotations

import json

import pytest

from ec2sim import exercises, scenarios
from ec2sim.exercises import tracking as progress_module


@pytest.fixture
def kept(tmp_path, monkeypatch):
    monkeypatch.delenv("EC2LAB_PROGRESS", raising=False)
    path = tmp_path / "ec2-lab-progress.json"
    exercises.keep_in(path)
    exercises.forget_shown_solutions()
    yield path
    exercises.forget_shown_solutions()
    progress_module._chosen.clear()


def state_of(shown, title):
    return next(row.state for row in shown.rows if row.title == title)


def web_1_eth0(ec2):
    found = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])
    return found["Reservations"][0]["Instances"][0]["NetworkInterfaces"][0]["NetworkInterfaceId"]


def test_nothing_checked_is_every_exercise_not_started(kept):
    shown = exercises.progress()
    assert len(shown.rows) == len(exercises.EXERCISES)
    assert shown.summary == (f"0 of {len(exercises.EXERCISES)} exercises done, 0 attempted, "
                             f"{len(exercises.EXERCISES)} not started")
    assert not kept.exists()


def test_an_untouched_check_records_nothing(kept):
    cloud = scenarios.web_server()
    assert exercises.check_secondary_addresses(cloud).state == exercises.NOT_ATTEMPTED
    assert state_of(exercises.progress(), "Exercise 2.1") == "not started"
    assert not kept.exists()


def test_a_wrong_attempt_is_attempted_a_pass_is_done_and_stays_done(kept):
    cloud = scenarios.web_server()
    ec2 = cloud.client()
    eth0 = web_1_eth0(ec2)
    ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.20"])
    assert exercises.check_secondary_addresses(cloud).state == exercises.NOT_YET
    assert state_of(exercises.progress(), "Exercise 2.1") == "attempted"

    ec2.assign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.21"])
    assert exercises.check_secondary_addresses(cloud).passed
    assert state_of(exercises.progress(), "Exercise 2.1") == "done"

    ec2.unassign_private_ip_addresses(NetworkInterfaceId=eth0, PrivateIpAddresses=["10.0.1.21"])
    assert exercises.check_secondary_addresses(cloud).state == exercises.NOT_YET
    shown = exercises.progress()
    assert state_of(shown, "Exercise 2.1") == "done"
    assert shown.summary.startswith(f"1 of {len(exercises.EXERCISES)} exercises done, 0 attempted")
    assert "✅ 02 Exercise 2.1: done" in repr(shown)
    assert "◐" not in repr(shown)
    assert json.loads(kept.read_text())["secondary_addresses"]["checks"] == 3


def test_the_file_alone_gives_the_progress_after_a_restart(kept):
    cloud = scenarios.web_server()
    ec2 = cloud.client()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=web_1_eth0(ec2),
                                    SecondaryPrivateIpAddressCount=1)
    exercises.check_secondary_addresses(cloud)
    progress_module._chosen.clear()  # a new kernel: nothing in memory, only the file
    again = exercises.progress(kept)
    assert state_of(again, "Exercise 2.1") == "attempted"
    assert f"kept in {kept}" in repr(again)
    assert "attempted" in again._repr_html_()


def test_a_solution_shown_is_kept_with_the_state(kept):
    exercises.show_solution("secondary_addresses")
    cloud = scenarios.web_server()
    ec2 = cloud.client()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=web_1_eth0(ec2),
                                    PrivateIpAddresses=["10.0.1.20", "10.0.1.21"])
    assert exercises.check_secondary_addresses(cloud).passed
    assert "✅ 02 Exercise 2.1: done (solution shown)" in repr(exercises.progress())


def test_an_unreadable_file_is_started_afresh(kept):
    kept.write_text("not json")
    assert exercises.progress().count("not started") == len(exercises.EXERCISES)
    cloud = scenarios.web_server()
    ec2 = cloud.client()
    ec2.assign_private_ip_addresses(NetworkInterfaceId=web_1_eth0(ec2),
                                    PrivateIpAddresses=["10.0.1.20"])
    exercises.check_secondary_addresses(cloud)
    assert json.loads(kept.read_text())["secondary_addresses"]["state"] == "attempted"


def test_outside_a_kernel_nothing_is_kept_unless_asked(monkeypatch, tmp_path):
    monkeypatch.delenv("EC2LAB_PROGRESS", raising=False)
    progress_module._chosen.clear()
    assert progress_module.where() is None
    assert "not kept" in repr(exercises.progress())
    monkeypatch.setenv("EC2LAB_PROGRESS", str(tmp_path / "p.json"))
    assert progress_module.where() == tmp_path / "p.json"


def test_the_text_view_names_each_exercises_part_of_the_course(kept):
    """Exercise 2.2 sits in 02b and 3.2 in 03b: the text view says so, in course order."""
    shown = repr(exercises.progress(kept))
    lines = [line for line in shown.splitlines() if "Exercise 2." in line or "Exercise 3." in line]
    assert [line.split(" ", 2)[1:] for line in lines] == [
        ["02", "Exercise 2.1: not started"], ["02b", "Exercise 2.2: not started"],
        ["03", "Exercise 3.1: not started"], ["03b", "Exercise 3.2: not started"]]
