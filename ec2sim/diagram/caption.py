"""The caption: the last call read back, and what it changed, in a learner's words.

Above the picture, after a secondary address was moved from one interface to another::

    Last call (#2): ec2.assign_private_ip_addresses(NetworkInterfaceId='eni-0710…',
        PrivateIpAddresses=['10.0.1.20'], AllowReassignment=True)
    moved or changed: private IPv4 10.0.1.20: eni-0301… → eni-0710…

The call is written as the boto3 call that made it, a long one broken after a comma; what it
changed is said in words ("eni-… attached to i-… as eth1", "the OS of i-… uses 10.0.1.20 on
ens5"), never in the simulation's own event names. A probe drawn on the picture has its line
too: "Probe internet → 203.0.113.10:443: stopped at eni-… (sg-…) (security-group)".
"""

from __future__ import annotations

from typing import Any

from ec2sim.events import Change, Event


def call_text(event: Event, limit: int = 140) -> str:
    """The event as the boto3 call that made it, e.g. ``ec2.assign_private_ip_addresses(…)``."""
    from botocore import xform_name

    if event.operation in ("Undo", "Reset"):  # the simulation's own calls, not EC2's
        what = event.params.get("Operation")
        return f"cloud.{event.operation.lower()}()" + (f"  (took back {what})" if what else "")
    args = ", ".join(f"{k}={v!r}" for k, v in event.params.items())
    text = f"ec2.{xform_name(event.operation)}({args})"
    return text if len(text) <= limit else text[: limit - 2] + "…)"


KIND_NAMES = {"private-ipv4": "private IPv4", "ipv6": "IPv6", "ipv4-prefix": "IPv4 prefix",
              "ipv6-prefix": "IPv6 prefix", "elastic-ip": "Elastic IP",
              "public-ipv4": "public IPv4", "network-interface": "network interface",
              "attachment": "network interface", "instance": "instance", "vpc": "VPC",
              "subnet": "subnet", "internet-gateway": "internet gateway"}


def _place(kind: str, value: Any) -> str:
    if value in (None, ""):
        return "not associated" if kind == "elastic-ip" else "nothing"
    if kind == "attachment":
        instance, _, device = str(value).partition("/")
        return f"{instance} as eth{device}"
    return str(value)


def _change_text(change: Change) -> str:
    """One change in words: 'private IPv4 10.0.1.20: eni-a → eni-b'."""
    name = f"{KIND_NAMES.get(change.kind, change.kind)} {change.key}"
    if change.kind == "world":  # Cloud.reset: a Reset or a Load, or undoing one
        return "the whole lab was replaced"
    if change.kind == "os-address":  # what the instance's OS did in answer to the call
        instance, _, address = change.key.partition("/")
        if change.after is None:
            return f"the OS of {instance} stopped using {address}"
        return f"the OS of {instance} uses {address} on {change.after}"
    if change.kind == "os-config":
        return f"the OS of {change.key} changed its network settings"
    if change.kind == "instance" and change.added:
        return f"{name}, {change.after}"
    if change.kind == "network-interface" and change.added:
        return f"{name} in {change.after}"
    if change.kind == "attachment" and change.added:
        return f"{change.key} attached to {_place(change.kind, change.after)}"
    if change.kind == "attachment" and change.removed:
        return f"{change.key} detached from {_place(change.kind, change.before)}"
    if change.kind in ("network-interface", "subnet") and change.removed:
        return f"{name} (was in {change.before})"
    if change.removed and change.before in ("", None):
        return f"{name} ({'released' if change.kind == 'elastic-ip' else 'removed'})"
    if change.added:
        return f"{name} on {_place(change.kind, change.after)}"
    if change.removed:
        return f"{name} (was on {_place(change.kind, change.before)})"
    return f"{name}: {_place(change.kind, change.before)} → {_place(change.kind, change.after)}"


CALL_WIDTH = 96


def _wrap(text: str, width: int) -> list[str]:
    """Break a long call after its commas, so the caption does not widen the whole picture."""
    lines = [""]
    for piece in text.split(", "):
        if lines[-1] and len(lines[-1]) + len(piece) + 2 > width:
            lines[-1] += ","
            lines.append("    " + piece)
        else:
            lines[-1] += (", " if lines[-1] else "") + piece
    return lines


def caption_lines(event: Event | None, limit: int = 4) -> tuple[list[str], int]:
    """The caption's lines (the call, then what it changed) and how many lines the call takes."""
    if event is None:
        return [], 0
    lines = _wrap(f"Last call (#{event.seq}): {call_text(event)}", CALL_WIDTH)
    calls = len(lines)
    for word, group in (("added", event.added), ("moved or changed", event.moved),
                        ("removed", event.removed)):
        if group:
            texts = [_change_text(c) for c in group[:limit]]
            if len(group) > limit:
                texts.append(f"and {len(group) - limit} more")
            line = f"{word}: {texts[0]}"
            for text in texts[1:]:  # one change after another, wrapped to stay readable
                if len(line) + len(text) > 110:
                    lines.append(line + ";")
                    line = "    " + text
                else:
                    line += f"; {text}"
            lines.append(line)
    return lines, calls


def probe_caption(probe: Any) -> str:
    """'Probe internet → 203.0.113.10:443: stopped at eni-… (sg-…) (security-group)'."""
    where = f"[{probe.destination}]" if ":" in probe.destination else probe.destination
    head = f"Probe {probe.source} → {where}:{probe.port}"
    head += f" {probe.protocol.upper()}" if probe.protocol != "tcp" else ""
    if probe.reachable:
        return f"{head}: reachable, there and back"
    stop = probe.stopped_at
    return f"{head}: stopped at {stop.place if stop else '?'} ({probe.reason})"
