"""Every checker passes on its solution, says "Not yet" with the reason for each wrong attempt
in ``exercise_attempts.WRONG``, lists every condition with its state, and stays neutral ("not
attempted yet") on the untouched starting world.

Each exercise starts as a notebook starts it (``exercises.start``); the solution runs as a
learner runs it after loading it (with ``ec2`` and ``cloud`` in scope).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from botocore.exceptions import ClientError
from exercise_attempts import RIGHT, WRONG, instance, launch, subnet
from IPython.core.inputtransformer2 import TransformerManager

import ec2sim
from ec2sim import exercises

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.fixture(autouse=True)
def no_solution_shown():
    exercises.forget_shown_solutions()
    yield
    exercises.forget_shown_solutions()


def start(name: str):
    cloud = ec2sim.Cloud(seed=0)
    exercises.start(cloud, name)
    return cloud, cloud.client()


class CliShell:
    """What ``!aws …`` needs of IPython: the command run for real, against the lab's endpoint,
    with ``{name}`` expanded from the notebook's variables."""

    def __init__(self, environment: dict, namespace: dict) -> None:
        self.namespace = namespace
        self.env = {**os.environ, **environment, "AWS_CONFIG_FILE": os.devnull,
                    "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_PAGER": ""}

    def getoutput(self, command: str) -> list[str]:
        argv = shlex.split(command.format(**self.namespace))
        argv[0] = str(Path(sys.executable).with_name(argv[0]))
        done = subprocess.run(argv, env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    system = getoutput


def run_solution(name: str, cloud, ec2) -> None:
    """Run a solution as the notebook would after ``%load`` (IPython's ``!`` included)."""
    path = NOTEBOOKS / exercises.EXERCISES[name].solution
    code, namespace = path.read_text(), {"ec2": ec2, "cloud": cloud}
    if "!aws" not in code:
        exec(compile(code, str(path), "exec"), namespace)
        return
    server = cloud.serve()
    try:
        namespace["get_ipython"] = lambda: CliShell(server.environment, namespace)
        exec(compile(TransformerManager().transform_cell(code), str(path), "exec"), namespace)
    finally:
        server.stop()


@pytest.mark.parametrize("name", list(exercises.EXERCISES))
def test_the_solution_passes(name):
    cloud, ec2 = start(name)
    run_solution(name, cloud, ec2)
    feedback = exercises.EXERCISES[name].check(cloud)
    assert feedback.passed, feedback.message
    assert repr(feedback).startswith(f"✅ Well done ({name}): ")
    assert "Well done" in feedback._repr_html_()
    assert all(c.met for c in feedback.conditions)
    assert "solution shown" not in repr(feedback)


@pytest.mark.parametrize(("name", "attempt"), RIGHT, ids=[f"{n}-{a.__name__}" for n, a in RIGHT])
def test_another_right_answer_passes(name, attempt):
    cloud, ec2 = start(name)
    attempt(ec2, cloud)
    feedback = exercises.EXERCISES[name].check(cloud)
    assert feedback.passed, feedback.message


@pytest.mark.parametrize("name", list(exercises.EXERCISES))
def test_the_untouched_start_is_not_attempted_and_gives_nothing_away(name):
    cloud, _ = start(name)
    feedback = exercises.EXERCISES[name].check(cloud)
    assert feedback.state == exercises.NOT_ATTEMPTED
    assert repr(feedback).startswith(f"○ Not attempted yet ({name}): "
                                     f"{len(feedback.conditions)} things to do: ")
    assert " — " not in repr(feedback) and " — " not in feedback._repr_html_()
    solution = (NOTEBOOKS / exercises.EXERCISES[name].solution).read_text()
    calls = {line.split("(")[0].strip() for line in solution.splitlines() if "ec2." in line}
    assert not [call for call in calls if call in repr(feedback)]
    assert "assign-private-ip-addresses" not in repr(feedback)


@pytest.mark.parametrize(("name", "attempt", "says"), WRONG,
                         ids=[f"{n}-{a.__name__}" for n, a, _ in WRONG])
def test_a_wrong_attempt_is_not_yet_and_says_why(name, attempt, says):
    cloud, ec2 = start(name)
    attempt(ec2, cloud)
    feedback = exercises.EXERCISES[name].check(cloud)
    assert feedback.state == exercises.NOT_YET, feedback.message
    assert says in feedback.message
    done = sum(c.met for c in feedback.conditions)
    assert feedback.message.startswith(f"{done} of {len(feedback.conditions)} done: ")
    assert feedback.message.count("✔") + feedback.message.count("✘") == len(feedback.conditions)
    assert repr(feedback).startswith(f"❌ Not yet ({name}): ")
    assert "Not yet" in feedback._repr_html_()


def test_every_exercise_has_its_wrong_attempts_and_every_solution_an_exercise():
    counts = Counter(name for name, _, _ in WRONG)
    assert {name: n for name, n in counts.items() if n < 3} == {}
    assert set(counts) == set(exercises.EXERCISES)
    solutions = {f"solutions/{p.name}" for p in (NOTEBOOKS / "solutions").glob("*.py")}
    assert solutions == {e.solution for e in exercises.EXERCISES.values()}


def test_every_exercise_has_a_ladder_of_hints():
    for entry in exercises.EXERCISES.values():
        assert 2 <= len(entry.hints) <= 3, entry.name


def test_the_checkers_are_named_as_the_notebooks_call_them():
    for name, entry in exercises.EXERCISES.items():
        assert getattr(exercises, f"check_{name}") is entry.check


def test_a_refused_attempt_changes_nothing_so_it_stays_not_attempted():
    cloud, ec2 = start("ipv6_moved")
    web_1 = ec2.describe_network_interfaces(NetworkInterfaceIds=[
        instance(ec2, "web-1")["NetworkInterfaces"][0]["NetworkInterfaceId"]])
    moving = web_1["NetworkInterfaces"][0]["Ipv6Addresses"][0]["Ipv6Address"]
    with pytest.raises(ClientError, match="InvalidIPAddress.InUse"):
        ec2.assign_ipv6_addresses(NetworkInterfaceId=instance(ec2, "web-2")[
            "NetworkInterfaces"][0]["NetworkInterfaceId"], Ipv6Addresses=[moving])
    assert exercises.check_ipv6_moved(cloud).state == exercises.NOT_ATTEMPTED


def test_a_solution_shown_is_said_in_the_verdict():
    cloud, ec2 = start("secondary_addresses")
    code = exercises.show_solution("secondary_addresses")
    assert "assign_private_ip_addresses" in code
    exec(code, {"ec2": ec2, "cloud": cloud})
    feedback = exercises.check_secondary_addresses(cloud)
    assert feedback.passed
    assert repr(feedback).startswith("✅ Well done, with the solution shown (secondary_addresses)")
    assert "Solved with the solution shown" in feedback.message
    assert not exercises.check_three_sites(cloud).solution_shown


def test_a_percent_load_in_the_ipython_history_counts_as_shown(monkeypatch):
    import IPython

    class Shell:
        user_ns = {"In": ["", "# %load solutions/02_secondary_addresses.py",
                          "get_ipython().run_line_magic('load', 'solutions/07_three_sites.py')",
                          "# %load solutions/07_retired.py\nweb_1 = 1"]}

    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
    assert not exercises.solution_shown("secondary_addresses")  # still commented out
    assert exercises.solution_shown("three_sites")  # %load run
    assert exercises.solution_shown("retired")  # the loaded code run


def test_the_launch_must_be_in_the_history_to_count():
    """2.2 says how: at launch. A world loaded from a file has no history to show it."""
    cloud, ec2 = start("launched_with_secondaries")
    launch(ec2, "web-3", {"DeviceIndex": 0, "SubnetId": subnet(ec2, "public-a"),
                          "SecondaryPrivateIpAddressCount": 2}, kind="t3.small")
    assert exercises.check_launched_with_secondaries(cloud).passed
    restored = ec2sim.Cloud.restore(cloud.snapshot())
    feedback = exercises.check_launched_with_secondaries(restored)
    assert feedback.state == exercises.NOT_YET
    assert "the lab's history no longer shows where 10.0.1.5 came from" in feedback.message
