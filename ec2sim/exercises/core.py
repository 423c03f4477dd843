"""How an exercise is registered, started, judged and answered.

A checker lists every condition of its exercise with its state, so the learner sees all that is
done and all that is still missing, not only the first gap. It reads the world through the EC2
API (the describe calls a learner would make) and, where the task says *how* something must
happen ("at launch", "picked by EC2", "before terminating"), through the lab's history of
changes - the same record Undo uses.
"""

from __future__ import annotations

import functools
import html
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ec2sim import scenarios
from ec2sim.cloud import Cloud
from ec2sim.events import Event

SOLUTIONS = Path(__file__).resolve().parents[2] / "notebooks"


class NotYet(Exception):
    """Raised while judging a condition: it is not met, and the message says what is there."""


@dataclass(frozen=True)
class Condition:
    """One thing the task asks for: ``met`` or not, and when not, what the world shows."""

    text: str
    met: bool
    detail: str = ""

    def line(self, *, details: bool = True) -> str:
        if self.met:
            return f"✔ {self.text}"
        return f"✘ {self.text}" + (f" — {self.detail}" if details and self.detail else "")


PASSED, NOT_YET, NOT_ATTEMPTED = "passed", "not yet", "not attempted"
_LOOK = {  # state: (colour, verdict)
    PASSED: ("#1B6E4B", "✅ Well done"),
    NOT_YET: ("#A3341C", "❌ Not yet"),
    NOT_ATTEMPTED: ("#555555", "○ Not attempted yet"),
}


@dataclass(frozen=True)
class Feedback:
    """A checker's verdict: every condition with its state, and what it all means."""

    exercise: str
    state: str
    message: str
    conditions: tuple[Condition, ...] = ()
    solution_shown: bool = False

    @property
    def passed(self) -> bool:
        return self.state == PASSED

    def __bool__(self) -> bool:
        return self.passed

    @property
    def verdict(self) -> str:
        verdict = _LOOK[self.state][1]
        return verdict + (", with the solution shown" if self.passed and self.solution_shown
                          else "")

    def __repr__(self) -> str:
        return f"{self.verdict} ({self.exercise}): {self.message}"

    def _repr_html_(self) -> str:
        colour = _LOOK[self.state][0]
        head, _, _ = self.message.partition(": ")
        items = "".join(f"<li>{html.escape(c.line(details=self.state == NOT_YET))}</li>"
                        for c in self.conditions)
        body = (html.escape(self.message) if self.passed or not self.conditions else
                f"{html.escape(head)}:<ul style='margin:2px 0'>{items}</ul>")
        return (f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<b style="color:{colour}">{html.escape(self.verdict)}</b> '
                f"<small>({self.exercise})</small><br>{body}</div>")


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it starts, what to do, hints, how it is checked, its solution."""

    name: str
    title: str
    notebook: str
    scenario: str
    task: str
    hints: tuple[str, ...]
    check: Callable[[Cloud], Feedback]

    @property
    def solution(self) -> str:
        """The solution's path, relative to ``notebooks/`` (``%load`` it from there)."""
        return f"solutions/{self.notebook[:2]}_{self.name}.py"


EXERCISES: dict[str, Exercise] = {}
_SHOWN: set[str] = set()  # exercises whose solution a Show solution button revealed


def exercise(title: str, notebook: str, scenario: str, task: str, hints: Iterable[str]):
    """Register ``check_<name>`` as the checker of the exercise ``<name>``.

    The decorated function receives a :class:`World` and returns ``(conditions, success)``:
    the list of :class:`Condition` (see :func:`conditions`) and a function giving the message
    for when all are met (called only then).
    """

    def register(judge: Callable[[World], tuple[list[Condition], Callable[[], str]]]
                 ) -> Callable[[Cloud], Feedback]:
        name = judge.__name__.removeprefix("check_")

        def check(cloud: Cloud) -> Feedback:
            from ec2sim.exercises.tracking import record  # it reads this module's registry

            feedback = _verdict(name, World(cloud, scenario), judge)
            record(feedback)
            return feedback

        check.__name__ = check.__qualname__ = judge.__name__
        check.__doc__ = f"{title}: {task} (starts from scenarios.{scenario}())"
        EXERCISES[name] = Exercise(name, title, notebook, scenario, task, tuple(hints), check)
        return check

    return register


def _verdict(name: str, world: World,
             judge: Callable[[World], tuple[list[Condition], Callable[[], str]]]) -> Feedback:
    found, success = judge(world)
    shown = solution_shown(name)
    if world.untouched():
        return Feedback(name, NOT_ATTEMPTED, f"{len(found)} things to do: " + "; ".join(
            c.text for c in found) + ".", tuple(found), shown)
    done = sum(c.met for c in found)
    if done == len(found):
        return Feedback(name, PASSED, success() + (
            " (Solved with the solution shown: try the next one on your own.)"
            if shown else ""), tuple(found), shown)
    return Feedback(name, NOT_YET, f"{done} of {len(found)} done: " + _lines(found),
                    tuple(found), shown)


def _lines(found: list[Condition]) -> str:
    """The conditions as one sentence; a reason already given reads "(as above)"."""
    seen: set[str] = set()
    lines = []
    for condition in found:
        repeated = condition.detail in seen
        seen.add(condition.detail)
        lines.append(f"✘ {condition.text} (as above)" if repeated and not condition.met
                     else condition.line())
    return "; ".join(lines) + "."


def conditions(*tests: tuple[str, Callable[[], str | None]]) -> list[Condition]:
    """Judge each ``(text, test)``: the test returns None when met, or raises :class:`NotYet`
    (or returns a string) saying what the world shows instead."""
    found = []
    for text, test in tests:
        try:
            detail = test()
        except NotYet as not_yet:
            detail = str(not_yet)
        found.append(Condition(text, detail is None, detail or ""))
    return found


# -- starting, and showing the solution ------------------------------------------------------------
@dataclass(frozen=True)
class Started:
    """What :func:`start` shows: the exercise, its task and its starting world."""

    exercise: Exercise

    def __repr__(self) -> str:
        e = self.exercise
        return (f"{e.title} starts from the scenario {e.scenario}: {e.task} "
                f"When you are done, run the check cell.")

    def _repr_html_(self) -> str:
        e = self.exercise
        return (f"<b>{e.title}</b> starts from the scenario <code>{e.scenario}</code>."
                f"<br>{html.escape(e.task)}<br><small>When you are done, run the check "
                "cell.</small>")


def start(cloud: Cloud, name: str) -> Started:
    """Load the exercise's scenario into ``cloud`` (in place: the console follows; Undo brings
    the previous world back) and say what to do."""
    entry = EXERCISES[name]
    scenarios.load_into(cloud, entry.scenario)
    return Started(entry)


def show_solution(name: str) -> str:
    """The solution's code; the exercise's checker will say it was solved with it shown."""
    _SHOWN.add(name)
    path = EXERCISES[name].solution
    here = Path(path)  # a notebook runs in notebooks/, beside solutions/
    return (here if here.is_file() else SOLUTIONS / path).read_text()


def solution_shown(name: str) -> bool:
    """Was the solution revealed: by :func:`show_solution` (the Show solution button), or by
    running ``%load solutions/…`` in this IPython session?"""
    if name in _SHOWN:
        return True
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is None:
        return False
    path = EXERCISES[name].solution
    loaded = re.compile(rf"^\s*%load\s+{re.escape(path)}|run_line_magic\('load', '"
                        rf"{re.escape(path)}'\)", re.MULTILINE)
    for source in shell.user_ns.get("In", []):
        if path in source and (loaded.search(source) or any(
                line.strip() and not line.lstrip().startswith("#")
                for line in source.splitlines())):
            return True
    return False


def forget_shown_solutions() -> None:
    """Forget every Show solution click (for tests, and for a fresh start)."""
    _SHOWN.clear()


# -- reading the world through the API --------------------------------------------------------
def name_of(resource: dict, key: str = "Tags") -> str:
    return next((t["Value"] for t in resource.get(key, []) if t["Key"] == "Name"), "")


class World:
    """What a checker needs to know, asked of the cloud with describe calls."""

    def __init__(self, cloud: Cloud, scenario: str) -> None:
        self.cloud = cloud  # for probes and history (read, never changed)
        self.scenario = scenario
        ec2 = cloud.client()
        self.instances = [i for r in ec2.describe_instances()["Reservations"]
                          for i in r["Instances"]]
        self.interfaces = ec2.describe_network_interfaces()["NetworkInterfaces"]
        self.addresses = ec2.describe_addresses()["Addresses"]
        self.subnets = ec2.describe_subnets()["Subnets"]
        self.snapshot = cloud.snapshot()
        self._start: World | None = None

    def start(self) -> World:
        """The exercise's starting world, as its scenario builds it (built once per scenario
        and seed: it is only read)."""
        if self._start is None:
            self._start = _start_world(self.scenario, self.cloud.seed)
        return self._start

    def untouched(self) -> bool:
        """Is the world exactly the exercise's starting scenario (nothing tried yet)?"""
        return self.snapshot == self.start().snapshot

    def instance(self, name: str, *, alive: bool = True) -> dict:
        """The instance tagged ``name`` (not terminated, unless ``alive=False``)."""
        found = [i for i in self.instances if name_of(i) == name and (
            not alive or i["State"]["Name"] != "terminated")]
        if not found:
            raise NotYet(f"there is no {'running or stopped ' if alive else ''}instance named "
                         f"{name!r}")
        return found[-1]

    def interface_at(self, instance: dict, device_index: int) -> dict:
        """The interface attached to ``instance`` at ``device_index``."""
        for eni in self.interfaces:
            attachment = eni.get("Attachment", {})
            if attachment.get("InstanceId") == instance["InstanceId"] and \
                    attachment.get("DeviceIndex") == device_index:
                return eni
        raise NotYet(f"{name_of(instance)} has no network interface at device index "
                     f"{device_index}")

    def nic(self, name: str, index: int = 0) -> Callable[[], dict]:
        """A function giving instance ``name``'s interface at ``index``, looked up when called
        (so a missing instance is the condition's reason, not the checker's crash)."""
        return lambda: self.interface_at(self.instance(name), index)

    def interfaces_of(self, instance: dict) -> list[dict]:
        return [eni for eni in self.interfaces
                if eni.get("Attachment", {}).get("InstanceId") == instance["InstanceId"]]

    def interface_named(self, name: str) -> dict:
        for eni in self.interfaces:
            if name_of(eni, "TagSet") == name:
                return eni
        raise NotYet(f"the network interface {name!r} no longer exists (deleted, or deleted "
                     "with the instance it was attached to?)")

    def holder_of(self, address: str) -> dict | None:
        """The interface that has this private IPv4 or IPv6 address, if any."""
        for eni in self.interfaces:
            if address in private_ipv4(eni) or address in ipv6(eni):
                return eni
        return None

    def where(self, address: str) -> str:
        holder = self.holder_of(address)
        return "on no interface" if holder is None else f"on {self.describe(holder)}"

    def describe(self, eni: dict) -> str:
        """'web-1's eth0 (eni-…)', or 'the available (detached) interface eni-…'."""
        attachment = eni.get("Attachment")
        if attachment is None:
            return f"the available (detached) interface {eni['NetworkInterfaceId']}"
        owner = next(i for i in self.instances if i["InstanceId"] == attachment["InstanceId"])
        return (f"{name_of(owner) or owner['InstanceId']}'s eth{attachment['DeviceIndex']} "
                f"({eni['NetworkInterfaceId']})")

    def elastic_ip(self, name: str) -> dict:
        for address in self.addresses:
            if name_of(address) == name:
                return address
        raise NotYet(f"the Elastic IP {name!r} is gone (released?); load the scenario again")

    def eip_on(self, eni: dict, private_ip: str) -> dict | None:
        for address in self.addresses:
            if address.get("NetworkInterfaceId") == eni["NetworkInterfaceId"] and \
                    address.get("PrivateIpAddress") == private_ip:
                return address
        return None

    def eip_place(self, eip: dict) -> str:
        if "AssociationId" not in eip:
            return f"{eip['PublicIp']} is associated with nothing"
        holder = next(e for e in self.interfaces
                      if e["NetworkInterfaceId"] == eip["NetworkInterfaceId"])
        return f"{eip['PublicIp']} is on {eip['PrivateIpAddress']} of {self.describe(holder)}"

    def subnet_ipv6_host(self, name: str, host: int) -> str:
        """Address number ``host`` of a subnet's IPv6 /64 (0x10 -> …::10)."""
        import ipaddress

        subnet = next(s for s in self.subnets if name_of(s) == name)
        block = ipaddress.ip_network(subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])
        return str(block[host])

    def subnet_id(self, name: str) -> str:
        return next(s["SubnetId"] for s in self.subnets if name_of(s) == name)

    def subnet_name(self, subnet_id: str) -> str:
        found = next((s for s in self.subnets if s["SubnetId"] == subnet_id), {})
        return name_of(found) or subnet_id

    # -- how it got there: the lab's history --------------------------------------------------
    def origin(self, kind: str, key: str, where: str) -> Event | None:
        """The latest change in the history that put ``key`` (of ``kind``) where it is now,
        or None when the history (the last 50 changes) no longer shows it."""
        for event in reversed(self.cloud.history):
            if any(c.kind == kind and c.key == key and c.after == where
                   and c.before != where for c in event.changes):
                return event
        return None

    def when(self, kind: str, key: str, after_prefix: str) -> int | None:
        """The sequence number of the latest change of ``key`` to a value starting with
        ``after_prefix``, if the history shows one."""
        for event in reversed(self.cloud.history):
            if any(c.kind == kind and c.key == key and str(c.after).startswith(after_prefix)
                   for c in event.changes):
                return event.seq
        return None

    # -- the operating systems ------------------------------------------------------------------
    def guest(self, instance: dict) -> dict:
        """The instance's OS as the lab records it (links, routes, rules)."""
        return next(g for g in self.snapshot["guests"] if g["instance_id"] == instance[
            "InstanceId"])

    def os_has(self, instance: dict, address: str) -> bool:
        """Does the instance's OS have ``address`` configured on a link that is up?"""
        return any(link.get("up") and any(a["cidr"].split("/")[0] == address
                                          for a in link.get("addresses", []))
                   for link in self.guest(instance)["links"].values())

    def answers(self, public_ip: str, what: str) -> Any:
        """The probe from the internet to ``public_ip`` on 443; NotYet with its reason."""
        answer = self.cloud.probe("internet", public_ip, 443)
        if not answer.reachable:
            raise NotYet(f"from the internet, {what} ({public_ip}) does not answer on port 443 "
                         f"[{answer.reason}]: {answer.message}")
        return answer


@functools.cache
def _start_world(scenario: str, seed: int) -> World:
    return World(scenarios.build(scenario, seed), scenario)


def private_ipv4(eni: dict) -> list[str]:
    return [p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"]]


def secondary_ipv4(eni: dict) -> list[str]:
    return [p["PrivateIpAddress"] for p in eni["PrivateIpAddresses"] if not p["Primary"]]


def ipv6(eni: dict) -> list[str]:
    return [a["Ipv6Address"] for a in eni["Ipv6Addresses"]]


def listed(values: Iterable[str]) -> str:
    values = list(values)
    return ", ".join(values) if values else "none"


def on(world: World, eni_of: Callable[[], dict], address: str, what: str) -> Callable[[], None]:
    """A test: ``address`` is on the interface ``eni_of()`` (else say where it is)."""

    def test() -> str | None:
        eni = eni_of()
        if address in private_ipv4(eni) + ipv6(eni):
            return None
        return f"{address} is {world.where(address)}, not on {what}"

    return test
