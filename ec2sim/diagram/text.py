"""The scene as plain text: the diagram on a machine without Graphviz, and for a screen reader.

The same bindings the picture draws, one thing a line, indented by what holds it::

    VPC vpc-0f21… "lab" 10.0.0.0/16, 2001:db8:a884:6d00::/56
      subnet subnet-0928… 10.0.1.0/24, 2001:db8:a884:6d01::/64 · us-east-1a · 249 IPv4 free
        instance i-0390… "web-1" t3.medium · running · us-east-1a
          eth0 (ens5 in the OS) eni-0301… · subnet-0928… · sg-0041… (web) · 2 of 6 IPv4
            10.0.1.10            primary private IPv4  <- public IPv4 198.51.100.10 (auto-assigned)
            10.0.1.4             secondary private IPv4  [new]  [not configured in the OS]

What the last call did is a word in brackets (``[new]``, ``[moved]``, ``[removed]``), never a
colour alone; the caption of the call, and of a probe, comes first.
"""

from __future__ import annotations

from typing import Any

from ec2sim.diagram.scene import (
    KIND_WORDS,
    MARK_WORD,
    OS_NOTE,
    Dispatches,
    Interface,
    Public,
    Scene,
    View,
    build_scene,
)
from ec2sim.events import Event


def _tagged(text: str, mark: str | None, note: str = "") -> str:
    """The text with what the last call did to it, e.g. '10.0.1.20  [moved]'."""
    if mark == "removed" and note:
        return f"{text}  [{note}]"
    if mark == "moved" and text.startswith("instance "):
        return f"{text}  [changed]"
    return f"{text}  [{MARK_WORD[mark]}]" if mark else text


def _public_text(public: Public) -> str:
    if public.kind == "elastic-ip":
        return f"Elastic IP {public.public_ip or '?'} ({public.allocation_id})".replace(" ()", "")
    return f"public IPv4 {public.public_ip} (auto-assigned)"


def _interface_lines(eni: Interface, indent: str) -> list[str]:
    head = f"{eni.name} {eni.id}" if eni.mark != "removed" else f"{eni.name} {eni.note}"
    details = [d for d in (eni.subnet_id, ", ".join(eni.groups)) if d]
    details += [f"{used} of {limit} {family}" for family, used, limit in eni.gauges()]
    if eni.note and eni.mark != "removed":
        details.append(eni.note)
    lines = [indent + _tagged(" · ".join([head, *details]), eni.mark)]
    publics = {p.target: p for p in eni.publics if p.target and p.mark != "removed"}
    ghosts = {p.target: p for p in eni.publics if p.target and p.mark == "removed"}
    for address in eni.addresses:
        text = f"{address.value:<20} {KIND_WORDS[address.kind]}".rstrip()
        text = _tagged(text, address.mark, address.note)
        if address.unconfigured:
            text += f"  [{OS_NOTE}]"
        for public in (publics.get(address.id), ghosts.get(address.id)):
            if public is not None:
                text += f"  <- {_tagged(_public_text(public), public.mark, public.note)}"
        lines.append(indent + "  " + text)
    return lines


def scene_text(scene: Scene) -> str:
    """The scene as indented plain text: the same bindings the picture shows."""
    lines = list(scene.caption) + ([scene.probe] if scene.probe else [])
    if lines:
        lines.append("")
    for vpc in scene.vpcs:
        cidrs = ", ".join(vpc.cidrs + vpc.ipv6_cidrs)
        name = f' "{vpc.name}"' if vpc.name else ""
        default = " (default VPC)" if vpc.default else ""
        lines.append(_tagged(f"VPC {vpc.id}{name}{default} {cidrs}", vpc.mark))
        for subnet in vpc.subnets:
            free = f" · {subnet.free} IPv4 free" if subnet.free is not None else ""
            cidrs = ", ".join(c for c in [subnet.cidr, *subnet.ipv6_cidrs] if c)
            lines.append("  " + _tagged(f"subnet {subnet.id} {cidrs} · {subnet.zone}{free}",
                                        subnet.mark))
            for instance in subnet.instances:
                name = f' "{instance.name}"' if instance.name else ""
                lines.append("    " + _tagged(
                    f"instance {instance.id}{name} {instance.instance_type} · {instance.state}"
                    f" · {instance.zone}", instance.mark,
                    "terminated" if instance.mark == "removed" else ""))
                for eni in instance.interfaces:
                    lines += _interface_lines(eni, "      ")
            if subnet.available:
                lines.append("    available (detached) network interfaces")
                for eni in subnet.available:
                    lines += _interface_lines(eni, "      ")
    if scene.unassociated:
        lines.append("Elastic IPs allocated, not associated")
        for public in scene.unassociated:
            lines.append("  " + _tagged(_public_text(public), public.mark, public.note))
    if scene.removed:
        lines.append("Removed by the last call")
        for kind, key in scene.removed:
            lines.append(f"  {kind} {key}  [removed]")
    return "\n".join(lines) + "\n"


def to_text(source: View | Dispatches, last_event: Event | None = None,
            focus: str | None = None, previous: View | None = None,
            probe: Any = None) -> str:
    """Plain-text rendering of the same bindings the diagram draws."""
    return scene_text(build_scene(source, last_event, focus, previous, probe))
