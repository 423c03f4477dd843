"""Nothing a learner sends is silently dropped (issue 10 §1.11): every member of every
operation's botocore input shape is either read by the simulation's handler or refused by name.

Each operation declares the members it models next to its handler (``@operation(name, ...)``,
see ``ec2sim.request``). The audit below walks botocore's input shapes and proves both halves:
a member that is not declared is refused, naming it, with nothing changed; a member that is
declared is used by name in the simulation's code (or listed, with the reason, as accepted
without effect)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from checks import refused
from core_support import AMI

import ec2sim
from ec2sim.client import service_model
from ec2sim.operations import OPERATIONS, reader
from ec2sim.request import modelled_paths


def member_paths(shape: Any, prefix: str = "", depth: int = 0) -> list[tuple[str, Any]]:
    """Every member of an input shape as a dotted path (lists walked through), with its shape."""
    while shape.type_name == "list":
        shape = shape.member
    if shape.type_name != "structure" or depth > 5:
        return []
    found = []
    for name, member in shape.members.items():
        found.append((prefix + name, member))
        found.extend(member_paths(member, f"{prefix}{name}.", depth + 1))
    return found


def audit_rows() -> list[tuple[str, str, bool]]:
    """(operation, member path, modelled) for each member whose parent the simulation models."""
    rows = []
    for operation in sorted(OPERATIONS):
        modelled = set(modelled_paths(reader(operation)))
        shape = service_model().operation_model(operation).input_shape
        for path, _ in member_paths(shape):
            parent = path.rpartition(".")[0]
            if not parent or parent in modelled:
                rows.append((operation, path, path in modelled))
    return rows


ROWS = audit_rows()
UNMODELLED = [(op, path) for op, path, modelled in ROWS if not modelled]
MODELLED = [(op, path) for op, path, modelled in ROWS if modelled and path != "DryRun"]


def nested(shape: Any, path: str, leaf: Any) -> tuple[dict, str]:
    """A request that sets only ``path`` (inside one-item lists), and the name the simulation's
    messages give that member (``NetworkInterfaces[0].InterfaceType``)."""
    names = path.split(".")
    request: dict = {}
    node, shown = request, []
    for n, name in enumerate(names):
        shape = shape.members[name]
        last = n == len(names) - 1
        shown.append(name)
        value: Any = leaf if last else {}
        inner = value
        while shape.type_name == "list" and not last:
            shape = shape.member
            value = [value]
            shown[-1] += "[0]"
        node[name] = value
        node = inner
    return request, ".".join(shown)


def test_the_audit_covers_every_operation_and_finds_both_kinds():
    assert {op for op, _, _ in ROWS} == set(OPERATIONS)
    assert ("CreateSubnet", "OutpostArn") in UNMODELLED
    assert ("RunInstances", "NetworkInterfaces.InterfaceType") in UNMODELLED
    assert ("RunInstances", "NetworkInterfaces.Description") in MODELLED


@pytest.mark.parametrize("operation, path", UNMODELLED)
def test_a_member_the_simulation_does_not_model_is_refused_by_name(operation, path):
    cloud = ec2sim.Cloud(seed=0)
    shape = service_model().operation_model(operation).input_shape
    request, shown = nested(shape, path, "x")
    before = cloud.snapshot()
    with pytest.raises(ec2sim.EC2Error) as caught:
        cloud.dispatch(operation, request)
    assert caught.value.code == "UnsupportedOperation"
    assert caught.value.message == (f"The simulation does not model the parameter {shown} of "
                                    f"{operation}.")
    assert cloud.snapshot() == before


# -- declared members are read -----------------------------------------------------------------
# Accepted without effect, on purpose, and why.
ACCEPTED_UNREAD = {
    "IncludeDeprecated": "the image catalogue holds no deprecated image: the flag changes nothing",
    "IncludeDisabled": "the image catalogue holds no disabled image: the flag changes nothing",
}


def names_the_simulation_reads() -> set[str]:
    """Every string the simulation's functions use (a member is read by its name), leaving out
    the declarations themselves, which sit outside any function."""
    package = Path(ec2sim.__file__).parent
    sources = [*sorted((package / "operations").glob("*.py")), package / "describe.py",
               package / "rules.py", package / "idempotency.py"]
    found: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.FunctionDef | ast.Lambda):
                found.update(n.value for n in ast.walk(node)
                             if isinstance(n, ast.Constant) and isinstance(n.value, str))
    return found


def test_every_declared_member_is_read_somewhere():
    read = names_the_simulation_reads() | set(ACCEPTED_UNREAD)
    unread = sorted({f"{op} {path}" for op, path in MODELLED
                     if path.rsplit(".", 1)[-1] not in read})
    assert unread == []


# -- as a learner meets it -----------------------------------------------------------------------
def test_what_the_simulation_does_not_model_is_refused_through_the_client(cloud, ec2, subnet_id):
    with refused(cloud, "UnsupportedOperation", "The simulation does not model the parameter "
                 "OutpostArn of CreateSubnet."):
        ec2.create_subnet(VpcId=ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0][
            "VpcId"], CidrBlock="10.0.77.0/24", OutpostArn="arn:aws:outposts:x")
    with refused(cloud, "UnsupportedOperation", "parameter UserData of RunInstances"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SubnetId=subnet_id,
                          UserData="#!/bin/sh\necho hi")
    with refused(cloud, "UnsupportedOperation", "parameter NetworkInterfaces[0].InterfaceType "
                 "of RunInstances"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet_id, "InterfaceType": "efa"}])


def test_a_dry_run_checks_the_request_first(cloud, ec2, subnet_id):
    # AWS answers DryRunOperation only for a request it would carry out.
    with refused(cloud, "UnsupportedOperation", "parameter UserData of RunInstances"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SubnetId=subnet_id,
                          UserData="x", DryRun=True)
    with refused(cloud, "MissingParameter", "ImageId"):
        ec2.run_instances(MinCount=1, MaxCount=1, SubnetId=subnet_id, DryRun=True)
    with refused(cloud, "DryRunOperation", "Request would have succeeded"):
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SubnetId=subnet_id, DryRun=True)
