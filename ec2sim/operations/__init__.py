"""The EC2 operations the simulation answers, one function per operation.

Each function takes the world and the request's parameters (exactly the boto3 keyword
arguments) and returns the response dict. It runs every check of ``ec2sim.rules`` first and
changes the world only after all of them passed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ec2sim.world import World

Operation = Callable[[World, dict[str, Any]], dict[str, Any]]
OPERATIONS: dict[str, Operation] = {}


def operation(name: str) -> Callable[[Operation], Operation]:
    """Register a function as the answer to the EC2 operation ``name``."""

    def register(function: Operation) -> Operation:
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
    elastic_ips,
    instances,
    ip_addresses,
    network_interfaces,
    routing,
    vpcs,
)

__all__ = ["OPERATIONS", "operation", "elastic_ips", "instances", "ip_addresses",
           "network_interfaces", "routing", "vpcs"]
