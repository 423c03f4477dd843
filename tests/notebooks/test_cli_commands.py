"""Every `aws ec2` command the notebooks print, typed into the real AWS CLI against the lab.

A command that names real IDs (the lab's, seed 0) runs in the world the notebook has at that
point: the notebook's code cells are run here, in this process, up to the boto3 cell the command
mirrors. It must succeed and leave in the lab every address it names. A command with a
placeholder (`eni-…`) cannot run as printed: the placeholder is filled with an ID that exists
nowhere, so the CLI must accept every option and send the request, and the lab answers with
EC2's NotFound (a typo in an option would be the CLI's usage error instead, before any request).

Notebook 11's commands are cells: nbval runs them for real against ``cloud.serve()``.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from ec2sim import scenarios
from ec2sim.server import serve

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [path for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
             if path.stem != "11_aws_cli"]  # its commands are cells, run by nbval
COMMAND = re.compile(r"```\n(aws ec2 .*?)\n```|`(aws ec2 [^`]*)`", re.S)

# (notebook, markdown cell) of a command with real IDs: the code cell whose boto3 call it is; the
# command runs in the world just before that cell.
TWINS = {
    ("01_how_multiple_ips_work", "c009"): "c008",
    ("02b_launch_and_reassign", "c008"): "c007",
    ("02_secondary_ipv4", "c013"): "c011",
    ("03_elastic_ips", "c006"): "c007",
    ("03_elastic_ips", "c008"): "c009",
}
# Fillers for placeholders: well-formed IDs of resources that do not exist, and documentation
# addresses.
FILLERS = {"eni-attach-…": "eni-attach-0123456789abcdef0", "eni-…": "eni-0123456789abcdef0",
           "i-…": "i-0123456789abcdef0", "sg-…": "sg-0123456789abcdef0",
           "subnet-…": "subnet-0123456789abcdef0", "vpc-…": "vpc-0123456789abcdef0",
           "eipassoc-…": "eipassoc-0123456789abcdef0", "eipalloc-…": "eipalloc-0123456789abcdef0",
           "2001:db8:…:6d01::/64": "2001:db8:a884:6d01::/64",
           "2001:db8:…::100": "2001:db8:a884:6d01::100", "…": "10.0.1.200"}


def commands(path: Path) -> list[tuple[str, str]]:
    """(markdown cell ID, command as one line) for every `aws ec2` command in its text."""
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for fenced, inline in COMMAND.findall(cell.source):
                text = (fenced or inline).replace("\\\n", " ")
                found.append((cell.id, " ".join(text.split())))
    return found


ALL = [(path.stem, cell, command) for path in NOTEBOOKS for cell, command in commands(path)]
PLACEHOLDER = [c for c in ALL if "…" in c[2]]
REAL = [c for c in ALL if "…" not in c[2] and len(shlex.split(c[2])) > 3]


def aws(server, home: Path, command: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(HOME=str(home), AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
               AWS_EC2_METADATA_DISABLED="true", AWS_PAGER="")
    server.use_in_environment(env)
    args = shlex.split(command)[1:]
    return subprocess.run([sys.executable, "-m", "awscli", *args, "--output", "json"],
                          capture_output=True, text=True, env=env, timeout=60)


def world_before(notebook: str, cell_id: str):
    """The notebook's cloud just before ``cell_id``: its code cells above, run here."""
    namespace: dict = {}
    cells = nbformat.read(ROOT / "notebooks" / f"{notebook}.ipynb", as_version=4).cells
    for cell in cells:
        if cell.id == cell_id:
            return namespace["cloud"]
        if cell.cell_type == "code":
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(cell.source, f"{notebook}:{cell.id}", "exec"), namespace)
    raise AssertionError(f"{notebook} has no cell {cell_id}")


def addresses_in(text: str) -> set[str]:
    """The single addresses (not CIDR blocks) a command or an answer names."""
    found = set()
    for word in re.findall(r"[0-9a-f.:]*[.:][0-9a-f.:/]+", text):
        with contextlib.suppress(ValueError):
            found.add(str(ipaddress.ip_address(word.strip(".:,"))))
    return found


def addresses_of(cloud) -> set[str]:
    interfaces = cloud.client().describe_network_interfaces()["NetworkInterfaces"]
    return addresses_in(json.dumps(interfaces, default=str))


def test_the_notebooks_print_commands_of_both_kinds():
    assert len(REAL) >= 5 and len(PLACEHOLDER) >= 15
    assert {(notebook, cell) for notebook, cell, _ in REAL} == set(TWINS), \
        "a command with real IDs: add it to TWINS with the cell it mirrors"


@pytest.mark.parametrize(("notebook", "cell", "command"), REAL,
                         ids=[f"{n}:{c}:{cmd.split()[2]}" for n, c, cmd in REAL])
def test_a_command_with_the_labs_ids_does_what_the_notebook_says(notebook, cell, command,
                                                                 tmp_path):
    cloud = world_before(notebook, TWINS[notebook, cell])
    with serve(cloud) as server:
        done = aws(server, tmp_path, command)
    assert done.returncode == 0, f"{command}\n{done.stderr}"
    named = addresses_in(command)
    assert named <= addresses_of(cloud), f"{command} left out {named - addresses_of(cloud)}"
    answered = done.stdout + json.dumps(cloud.client().describe_addresses(), default=str)
    for word in re.findall(r"\b(?:i|eni|subnet|sg|eipalloc)-[0-9a-f]{17}\b", command):
        assert word in answered, f"{command}: {word} is not in the answer"


@pytest.mark.parametrize(("notebook", "cell", "command"), PLACEHOLDER,
                         ids=[f"{n}:{c}:{cmd.split()[2]}" for n, c, cmd in PLACEHOLDER])
def test_a_command_with_placeholders_is_one_the_cli_sends(notebook, cell, command, tmp_path):
    filled = command
    for placeholder, filler in FILLERS.items():
        filled = filled.replace(placeholder, filler)
    cloud = scenarios.vpc_with_ipv6()
    with serve(cloud) as server:
        done = aws(server, tmp_path, filled)
    assert "usage:" not in done.stderr and "Unknown options" not in done.stderr, done.stderr
    answered = re.search(r"An error occurred \([A-Za-z.]*NotFound\)", done.stderr) or (
        done.returncode == 0 and "--filters" in filled)  # a filter matching nothing: no error
    assert answered, f"{filled}\n{done.returncode} {done.stderr}"


def test_the_cli_trap_of_notebook_02b_is_real(tmp_path):
    """--private-ip-address with --secondary-private-ip-addresses: the CLI drops the secondary
    addresses and the launch succeeds with the primary alone, as notebook 02b warns."""
    cloud = world_before("02b_launch_and_reassign", "c007")
    trap = ("aws ec2 run-instances --image-id ami-0a5c3558529277641 --instance-type t3.medium "
            "--count 1 --subnet-id subnet-0928e7e8e78c0c569 "
            "--private-ip-address 10.0.1.11 --secondary-private-ip-addresses 10.0.1.25 10.0.1.26")
    with serve(cloud) as server:
        done = aws(server, tmp_path, trap)
    assert done.returncode == 0, done.stderr
    [eth0] = json.loads(done.stdout)["Instances"][0]["NetworkInterfaces"]
    assert [p["PrivateIpAddress"] for p in eth0["PrivateIpAddresses"]] == ["10.0.1.11"]
    assert not {"10.0.1.25", "10.0.1.26"} & addresses_of(cloud)
