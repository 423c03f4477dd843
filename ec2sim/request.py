"""One way in for every request: what an operation reads, checked before its handler runs.

Each operation declares, next to its handler (``@operation("CreateSubnet", "VpcId CidrBlock
...")``), the input members the simulation models, as dotted paths of boto3 names; a path walks
through lists, so ``Filters.Name`` is the ``Name`` of every filter. A path may end with

- ``!``: the simulation needs it, although EC2's model does not mark it required
  (``RunInstances`` without ``ImageId`` is ``MissingParameter``, as on AWS);
- ``=low..high`` (an integer, either bound may be left out) or ``=a|b`` (a string, one of these).

A request is then read in one pass against botocore's input shape: any member the model has
but the declaration does not is refused by name (``UnsupportedOperation``), so nothing a learner
sends is silently dropped; a member of the wrong type, out of its range, or missing is refused
with EC2's codes. ``DryRun`` is modelled by every operation that has it. After this check a
handler may read every declared member without a Python error.

A request from ``cloud.client()`` has already passed botocore's own parameter validation (types,
required members, names the model lacks): ``check_request`` then only asks whether every member
given is one botocore checked in full (``Node.typed``: a string or boolean without a range,
choice or need of the simulation's own), one set comparison, and reads the rest as above.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ec2sim.errors import EC2Error

_INT_RANGES = {"integer": (-2**31, 2**31 - 1), "long": (-2**63, 2**63 - 1)}
_LISTS = (list, tuple)  # (not ``list | tuple``: that makes a new union object at each call)
_SCALARS: dict[str, tuple[type, ...]] = {
    "string": (str,), "boolean": (bool,), "integer": (int,), "long": (int,),
    "float": (int, float), "double": (int, float), "timestamp": (dt.datetime, str),
    "blob": (bytes, str)}


@dataclass(slots=True)
class Node:
    """One declared member: its type, what the simulation needs of it, and its declared
    members (a structure) or item (a list)."""

    kind: str
    needed: bool = False
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()
    members: dict[str, Node] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    all_members: frozenset[str] = frozenset()
    item: Node | None = None
    must: tuple[str, ...] = ()  # members a request must give: required by EC2 or needed here
    plain: bool = False  # a string of any value (most members: IDs): a type check is enough
    # members whose whole check botocore's own parameter validation has already made, when the
    # request came through a botocore client (its type: a plain string or boolean, or a list
    # of them; no range, choice or need of the simulation's own)
    typed: frozenset[str] = frozenset()
    needed_here: bool = False  # a member EC2's model does not require is needed (``!``)
    # the integers an integer member takes (its type's range, narrowed by ``=low..high``);
    # empty for any other kind: ``type(v) is int and v in node.ints`` settles an integer
    ints: range = range(0)


def _container(shape: Any) -> Any:
    """A structure's shape, through any lists around it."""
    while shape.type_name == "list":
        shape = shape.member
    return shape


def _node(shape: Any) -> Node:
    if shape.type_name == "list":
        return Node("list", item=_node(shape.member))
    if shape.type_name == "structure":
        return Node("structure", required=tuple(shape.required_members),
                    all_members=frozenset(shape.members))
    return Node(shape.type_name)


def _leaf(node: Node) -> Node:
    while node.kind == "list":
        node = node.item
    return node


def _parse(declaration: str) -> tuple[str, bool, str]:
    path, _, bounds = declaration.partition("=")
    needed = path.endswith("!")
    return path.rstrip("!"), needed, bounds


def compile_reader(operation: str, input_shape: Any, declared: tuple[str, ...]) -> Node:
    """The tree of declared members of ``operation``; a declaration that does not fit the
    model (a name it lacks, a structure without its members, a required member left out)
    is a programming error and raises ``ValueError``."""
    root = _node(input_shape)
    paths = list(declared)
    if "DryRun" in input_shape.members:
        paths.append("DryRun")
    for declaration in paths:
        path, needed, bounds = _parse(declaration)
        node, shape = root, input_shape
        for name in path.split("."):
            container = _leaf(node)
            shape = _container(shape)
            if container.kind != "structure" or name not in shape.members:
                raise ValueError(f"{operation}: {path} is not a member of its input")
            shape = shape.members[name]
            node = container.members.setdefault(name, _node(shape))
        leaf = _leaf(node)
        leaf.needed = leaf.needed or needed
        if bounds and leaf.kind in _INT_RANGES:
            low, _, high = bounds.partition("..")
            leaf.low = int(low) if low else None
            leaf.high = int(high) if high else None
        elif bounds:
            leaf.choices = tuple(bounds.split("|"))
    _check_complete(operation, root, "")
    return root


def _check_complete(operation: str, node: Node, path: str) -> None:
    node = _leaf(node)
    node.plain = node.kind == "string" and not node.choices
    if node.kind in _INT_RANGES:
        low, high = _INT_RANGES[node.kind]
        node.ints = range(low if node.low is None else node.low,
                          (high if node.high is None else node.high) + 1)
    if node.kind != "structure":
        return
    if not node.members and path:
        raise ValueError(f"{operation}: declare which members of {path} are modelled")
    node.must = tuple(name for name, member in node.members.items()
                      if member.needed or name in node.required)
    node.needed_here = any(_leaf(m).needed and n not in node.required
                           for n, m in node.members.items())
    node.typed = frozenset(name for name, member in node.members.items()
                           if _checked_by_botocore(_leaf(member)))
    for name in node.required:
        if name not in node.members:
            raise ValueError(f"{operation}: {path}{name} is required by the model: declare it")
    for name, member in node.members.items():
        _check_complete(operation, member, f"{path}{name}.")


def _checked_by_botocore(leaf: Node) -> bool:
    # (a boolean is never an integer to botocore's validator; an integer can be True to it,
    # and the simulation's integer ranges are its own)
    return (leaf.kind == "string" or leaf.kind == "boolean") and not leaf.choices


def modelled_paths(node: Node, prefix: str = "") -> list[str]:
    """Every declared member as a dotted path (structures and lists walked through)."""
    found = []
    for name, member in _leaf(node).members.items():
        found.append(prefix + name)
        found.extend(modelled_paths(member, f"{prefix}{name}."))
    return found


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def read(operation: str, node: Node, value: Any, path: str = "") -> None:
    """Check a request (or, at ``path``, a structure inside it) against its operation's
    declared members; EC2's error if it fails."""
    # A member's path is spelled out only when it is needed (an error, a nested member): a
    # request of plain members, the usual kind, is checked without building a string.
    if not isinstance(value, dict):
        raise _invalid(path or "the request", value, "a structure of named members")
    members = node.members
    for name, member_value in value.items():
        member = members.get(name)
        if member is None:
            if name in node.all_members:
                raise EC2Error("UnsupportedOperation", f"The simulation does not model the "
                               f"parameter {_join(path, name)} of {operation}.")
            raise EC2Error("UnknownParameter", f"The parameter {_join(path, name)} is not "
                           "recognized.")
        if member.plain and type(member_value) is str or (
                type(member_value) is int and member_value in member.ints):
            continue
        kind = member.kind
        if kind == "structure":
            read(operation, member, member_value, _join(path, name))
        elif kind == "list":  # (_join, inlined: most requests give a list of IDs)
            _list(operation, member, member_value, f"{path}.{name}" if path else name)
        else:
            wrong = _scalar_problem(member, member_value)
            if wrong:
                raise _invalid(_join(path, name), member_value, wrong)
    for name in node.must:
        if name not in value:
            raise EC2Error("MissingParameter", f"The request must contain the parameter "
                           f"{_join(path, name)}")


def _list(operation: str, node: Node, value: Any, path: str) -> None:
    if not isinstance(value, _LISTS):
        raise _invalid(path, value, "a list")
    item = node.item
    for index, entry in enumerate(value):
        if item.plain and type(entry) is str:
            continue
        if item.kind == "structure":
            read(operation, item, entry, f"{path}[{index}]")
        elif item.kind == "list":
            _list(operation, item, entry, f"{path}[{index}]")
        else:
            wrong = _scalar_problem(item, entry)
            if wrong:
                raise _invalid(f"{path}[{index}]", entry, wrong)


def _scalar_problem(node: Node, value: Any) -> str | None:
    """What a plain value should have been, or None when it is fine."""
    kind = node.kind
    if not isinstance(value, _SCALARS[kind]) or (
            isinstance(value, bool) and kind != "boolean"):
        return f"a value of type {kind}"
    if kind in _INT_RANGES:
        if value < node.ints.start:
            return f"{node.ints.start} or more"
        if value >= node.ints.stop:
            return f"at most {node.ints.stop - 1}"
    elif node.choices and value not in node.choices:
        return "one of " + ", ".join(node.choices)
    return None


def _invalid(path: str, value: Any, wanted: str) -> EC2Error:
    shown = repr(value) if not isinstance(value, int) or isinstance(value, bool) else (
        str(value) if abs(value) < 10**30 else "a very large number")
    return EC2Error("InvalidParameterValue", f"Value ({shown[:80]}) for parameter {path} is "
                    f"invalid: expected {wanted}.")
