"""The EC2 operations the simulation answers, one function per operation.

Each function takes the world and the request's parameters (exactly the boto3 keyword
arguments) and returns the response dict. It runs every check of ``ec2sim.rules`` first and
changes the world only after all of them passed.

``@operation(name, *reads)`` registers a function and declares, in ``reads``, the input members
the simulation models (see :mod:`ec2sim.request`): ``Cloud.dispatch`` checks a request against
that declaration (``check_request``) before the function runs, so a member it does not model
is refused by name, never dropped, and every declared member can be read without a Python
error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ec2sim import request
from ec2sim.client import service_model
from ec2sim.world import World

Operation = Callable[[World, dict[str, Any]], dict[str, Any]]
OPERATIONS: dict[str, Operation] = {}
DECLARED: dict[str, tuple[str, ...]] = {}
_readers: dict[str, request.Node] = {}

FILTERS = "Filters.Name! Filters.Values"
PAGES = "MaxResults=5..1000 NextToken"


def tags_for(resource_type: str) -> str:
    """The TagSpecifications members of a create call that tags one resource type."""
    return (f"TagSpecifications.ResourceType!={resource_type} TagSpecifications.Tags.Key! "
            "TagSpecifications.Tags.Value")


def reader(name: str) -> request.Node:
    """The compiled declaration of operation ``name`` (built on first use, then kept)."""
    found = _readers.get(name)
    if found is None:
        shape = service_model().operation_model(name).input_shape
        found = _readers[name] = request.compile_reader(name, shape, DECLARED[name])
    return found


def check_request(name: str, params: Any, validated: bool = False) -> None:
    """Refuse a request to operation ``name`` that its declaration does not allow;
    ``validated``: botocore's parameter validation has passed it (the client door)."""
    node = _readers.get(name) or reader(name)  # compiled once, then kept
    if validated and not node.needed_here and node.typed.issuperset(params):
        return  # every member given is one botocore checked in full (see ec2sim.request)
    request.read(name, node, params)


def operation(name: str, *reads: str) -> Callable[[Operation], Operation]:
    """Register a function as the answer to the EC2 operation ``name``, modelling the input
    members listed (space-separated, in one or more strings) in ``reads``."""

    def register(function: Operation) -> Operation:
        DECLARED[name] = tuple(" ".join(reads).split())
        OPERATIONS[name] = function
        return function

    return register


def tag_specifications(world: World, resource: Any, params: dict, resource_type: str) -> None:
    """Apply the TagSpecifications of a create call that name this resource type."""
    for spec in params.get("TagSpecifications", []):
        if spec.get("ResourceType") == resource_type:
            for tag in spec.get("Tags", []):
                resource.tags[tag["Key"]] = tag.get("Value", "")


# Importing the modules registers their operations.
from ec2sim.operations import (  # noqa: E402
    attributes,
    cidr_blocks,
    default_vpc,
    elastic_ips,
    images,
    instances,
    ip_addresses,
    network_interfaces,
    routing,
    vpcs,
)

# The operations that only read (EC2 names them Describe… and Get…): they change nothing, so
# they run without a transaction (the world raises if one tried to change it).
READS = frozenset(name for name in OPERATIONS if name.startswith(("Describe", "Get")))

__all__ = ["DECLARED", "FILTERS", "OPERATIONS", "PAGES", "READS", "check_request", "operation",
           "reader",
           "tags_for", "attributes", "cidr_blocks", "default_vpc", "elastic_ips", "images",
           "instances", "ip_addresses", "network_interfaces", "routing", "vpcs"]
