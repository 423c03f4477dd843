"""Instance-type network limits, from real DescribeInstanceTypes data shipped with the package.

``get("t3.medium").max_network_interfaces`` is 3, as on AWS. The file covers every type AWS
listed when it was taken (1,263 of them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ec2sim.errors import EC2Error


@dataclass(frozen=True)
class InstanceType:
    """The network limits of one instance type."""

    name: str
    max_network_interfaces: int
    ipv4_per_interface: int
    ipv6_per_interface: int
    ipv6_supported: bool
    hypervisor: str
    bare_metal: bool
    vcpus: int
    memory_mib: int
    current_generation: bool
    free_tier_eligible: bool
    max_network_cards: int
    default_network_card_index: int
    network_cards: tuple[tuple[int, int], ...]

    @property
    def supports_prefixes(self) -> bool:
        """Prefix delegation needs a Nitro-based type (bare metal counts as Nitro)."""
        return self.hypervisor == "nitro" or self.bare_metal


@lru_cache(maxsize=1)
def all_types() -> dict[str, InstanceType]:
    """Every known instance type by name."""
    raw = json.loads(resources.files("ec2sim").joinpath("data/instance_types.json").read_text())
    types = {}
    for name, row in raw.items():
        if name.startswith("_"):
            continue
        cards = tuple((c["index"], c["max_network_interfaces"]) for c in row["network_cards"])
        fields = {k: v for k, v in row.items() if k != "network_cards"}
        types[name] = InstanceType(name=name, network_cards=cards, **fields)
    return types


def get(name: str) -> InstanceType:
    """The type called ``name``; an unknown name is AWS's ``InvalidInstanceType``."""
    found = all_types().get(name)
    if found is None:
        raise EC2Error("InvalidInstanceType", f"The instance type '{name}' does not exist")
    return found


# What an unattached interface may hold: the largest per-interface limits of any type.
@lru_cache(maxsize=1)
def unattached_limits() -> tuple[int, int]:
    types = all_types().values()
    return max(t.ipv4_per_interface for t in types), max(t.ipv6_per_interface for t in types)
