"""``Cloud``: one simulated AWS account in one region, and the doors into it.

A call comes in (through ``cloud.client()``, the HTTP endpoint, or ``dispatch`` directly), runs
inside a transaction, and either changes the world and publishes one ``Event`` or raises AWS's
error and changes nothing (a read - Describe…, Get… - takes the lock, and no transaction: it
cannot change the world). The last changes can be undone; the whole world can be saved to JSON
and loaded back.
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ec2sim import client as client_module
from ec2sim import guest, lab_file
from ec2sim.errors import EC2Error
from ec2sim.events import Change, Event
from ec2sim.guest import SEEN_BY_THE_OS
from ec2sim.operations import OPERATIONS, READS, check_request
from ec2sim.operations.default_vpc import build_default_vpc
from ec2sim.world import World, coalesce

NO_SERVER_IN_A_BROWSER = (
    "cloud.serve() needs sockets and a thread to answer the aws program, and a browser tab (the "
    "JupyterLite site) has neither: open this notebook in JupyterLab (scripts/lab.sh or Binder), "
    "where it runs as written; notebooks 00-10 run the same in both.")
UNDO_DEPTH = 50  # steps Undo can take back; a deeper history slows every call (more for the GC)
Subscriber = Callable[[Event], None]
log = logging.getLogger("ec2sim")


class Cloud:
    """One simulated account: ``Cloud(seed=0)`` always starts the same and, given the same
    calls, always gives the same IDs and addresses."""

    def __init__(self, seed: int = 0, region: str = "us-east-1", *,
                 default_vpc: bool = True) -> None:
        self.lock = threading.RLock()
        # change() takes it through these (about half the cost of a ``with``, once per call)
        self._acquire, self._release = self.lock.acquire, self.lock.release
        self._subscribers: list[Subscriber] = []  # replaced on change, never changed in place
        # (seq, operation, params, the call's changes as made, how to take it back, and the
        # argument that is called with): an Event's fields, kept raw - most calls are never
        # read as an Event, so their changes are merged (``coalesce``) only when one is
        self._history: deque[tuple] = deque(maxlen=UNDO_DEPTH)
        self._seq = 0
        self._request_numbers = itertools.count(1)  # (next() on it is one step, even in threads)
        self._request_prefix = f"ec2{seed & 0xFFFFF:05x}-0000-4000-8000-"
        self.world = World(seed=seed, region=region)
        if default_vpc:
            self._build_default_vpc()

    def _build_default_vpc(self) -> None:
        """What every new AWS account has: a default VPC with a public subnet in each zone."""
        self.world.begin()
        build_default_vpc(self.world)
        self.world.end()

    # -- identity ---------------------------------------------------------------------------
    @property
    def seed(self) -> int:
        return self.world.seed

    @property
    def region(self) -> str:
        return self.world.region

    def next_request_id(self) -> str:
        """A request ID shaped like AWS's (a UUID), counting this Cloud's requests in its last
        12 digits (decimal digits, which are hex digits too: cheaper to write than hex)."""
        # (str and zfill: an f-string's format spec costs twice as much)
        return self._request_prefix + str(next(self._request_numbers)).zfill(12)

    # -- the doors --------------------------------------------------------------------------
    def client(self) -> Any:
        """A real botocore EC2 client (what ``boto3.client("ec2")`` returns), answered here."""
        return client_module.make_client(self)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Any:
        """Answer the EC2 Query protocol over HTTP on loopback, in a background thread, and
        point this process's AWS tools at it until ``stop()``: the endpoint's random access key,
        its URL and the region go into ``os.environ``, so a notebook's ``!aws ec2 …`` cells
        reach the lab (``stop()`` puts the environment back). In a browser (Pyodide, the
        JupyterLite site) there are no sockets to serve on: a RuntimeError says so."""
        if sys.platform == "emscripten":
            raise RuntimeError(NO_SERVER_IN_A_BROWSER)
        from ec2sim.server import serve

        server = serve(self, host=host, port=port)
        server.use_in_environment()
        return server

    def dispatch(self, operation: str, params: dict[str, Any], *,
                 validated: bool = False) -> dict[str, Any]:
        """Answer one EC2 operation: the response dict, or AWS's error as ``EC2Error``.
        ``validated``: botocore's own parameter validation has passed ``params`` (the client
        door), so only what the simulation adds to it is checked again."""
        handler = OPERATIONS.get(operation)
        if handler is None:
            if client_module.service_model().operation_names.count(operation):
                raise EC2Error("UnsupportedOperation", f"The simulation does not model "
                               f"{operation} (AWS has it, the lab does not need it).")
            raise EC2Error("InvalidAction", f"The action {operation} is not valid for this web "
                           "service.")
        check_request(operation, params, validated)  # what it does not model is refused
        if params.get("DryRun"):  # (as AWS: a request it would refuse is refused, dry or not)
            raise EC2Error("DryRunOperation", "Request would have succeeded, but DryRun flag is "
                           "set.", status=412)
        if operation in READS:  # a read: the lock, but no transaction, journal or event
            self._acquire()
            try:
                return handler(self.world, params)
            finally:
                self._release()
        return self.change(operation, params, handler, params)

    def change(self, operation: str, params: dict[str, Any], apply: Callable[..., Any],
               *args: Any) -> Any:
        """Run ``apply(world, *args)`` as one call: all or nothing, then the instances' operating
        systems react (``ec2sim.guest``), one event is published and Undo can take it back.
        EC2 operations come through here, and so do the shell's commands and lease renewals."""
        self._acquire()
        try:
            world = self.world
            undo, changes = world.begin()
            try:
                result = apply(world, *args)
                for change in changes:  # most calls change no instance and no attachment
                    if change[0] in SEEN_BY_THE_OS:  # (its kind: see World.note)
                        guest.after_call(world, changes)
                        break
            except BaseException:
                world.roll_back(undo)
                raise
            finally:
                world.end()
            if undo:
                self._seq += 1
                # (kept as tuples: the lists are freed at once, while they are in the cache,
                # and a tuple is one block of memory where a list is two)
                entry = (self._seq, operation, params, tuple(changes), World.roll_back,
                         tuple(undo))
                self._history.append(entry)
                if self._subscribers:
                    self._tell(_event(entry))
        finally:
            self._release()
        return result

    # -- inside the instances ---------------------------------------------------------------
    def shell(self, instance_id: str) -> Any:
        """A shell on an instance: ``cloud.shell("i-…").run("ip addr")``."""
        from ec2sim.shell import Shell

        return Shell(self, instance_id)

    def unconfigured_addresses(self) -> frozenset[tuple[str, str]]:
        """(interface ID, address) for each address EC2 assigned that a running instance's OS
        has not configured: assigned, but dead (the diagram marks them)."""
        with self.lock:
            return frozenset(guest.unconfigured(self.world))

    def renew_leases(self) -> Event | None:
        """Time passes: every running instance renews its DHCP lease, and Amazon Linux's
        ec2-net-utils configures (or removes) the addresses EC2 assigned (or took) since."""
        before = self._seq
        self.change("RenewLeases", {}, guest.renew_leases)
        return self.history[-1] if self._seq != before else None

    def probe(self, source: str, destination: str, port: int = 443,
              protocol: str = "tcp") -> Any:
        """Send a packet from ``source`` ("internet", an instance ID or an address) to the
        address ``destination`` and say whether it gets there and back, or the first reason
        it does not (see ``ec2sim.reachability``)."""
        from ec2sim.reachability import probe

        with self.lock:
            return probe(self.world, source, destination, port, protocol)

    # -- events, undo -----------------------------------------------------------------------
    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(event)`` after every change; returns a function that stops it.
        A callback that raises is logged (logger ``ec2sim``) and never fails the call: the
        change it reports has already been made."""
        with self.lock:
            self._subscribers = [*self._subscribers, callback]

        def unsubscribe() -> None:
            with self.lock:
                self._subscribers = [c for c in self._subscribers if c is not callback]

        return unsubscribe

    def _publish(self, operation: str, params: dict, changes: list[Change],
                 take_back: Callable[[Any], None] | None = None, argument: Any = None) -> Event:
        """Number a change that is not an EC2 call (Undo, Reset), keep it for Undo if it can
        be taken back, and tell the subscribers."""
        self._seq += 1
        entry = (self._seq, operation, params, changes, take_back, argument)
        if take_back is not None:
            self._history.append(entry)
        event = _event(entry)
        self._tell(event)
        return event

    def _tell(self, event: Event) -> None:
        for callback in self._subscribers:
            try:
                callback(event)
            except Exception:
                log.exception("ec2sim: a subscriber failed on event %d (%s); the change "
                              "itself stands", event.seq, event.operation)

    @property
    def history(self) -> list[Event]:
        """The changes that can still be undone, oldest first."""
        return [_event(entry) for entry in self._history]

    def undo(self) -> Event | None:
        """Take back the last change; returns the event describing the reversal (or None)."""
        with self.lock:
            if not self._history:
                return None
            _, operation, _, changes, take_back, argument = self._history.pop()
            take_back(argument)
            reverse = [Change(c.kind, c.key, c.after, c.before) for c in coalesce(changes)]
            return self._publish("Undo", {"Operation": operation}, reverse)

    # -- whole worlds ------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """The whole world as JSON-able data, all of it a copy (see ``Cloud.restore``)."""
        with self.lock:
            return self.world.snapshot()

    @classmethod
    def restore(cls, snapshot: Any) -> Cloud:
        """A new Cloud holding a copy of the world of a snapshot; ``LabFileError`` (a
        ``ValueError``) if the snapshot is not a world EC2 calls could have made."""
        world = World.from_snapshot(snapshot)
        cloud = cls(seed=world.seed, region=world.region, default_vpc=False)
        cloud.world = world
        return cloud

    def reset(self, snapshot: Any = None) -> Event:
        """Replace this Cloud's world, in place (views stay subscribed): by a copy of a
        snapshot, or by a fresh account of the same seed. Undo brings the previous world back.
        A snapshot that is not a world raises ``LabFileError`` and changes nothing."""
        fresh = (Cloud(seed=self.seed, region=self.region).world if snapshot is None
                 else World.from_snapshot(snapshot))
        with self.lock:
            previous = self.world
            self.world = fresh
            return self._publish("Reset", {}, [Change("world", "world", "previous", "new")],
                                 self._put_back, previous)

    def _put_back(self, world: World) -> None:
        self.world = world

    def save(self, path: str | Path) -> None:
        """Write the whole world to a JSON file a learner can keep: all at once or not at
        all, so a save cut short leaves the previous file as it was."""
        lab_file.replace_file(path, lab_file.dumps(self.snapshot()))

    @classmethod
    def load(cls, path: str | Path) -> Cloud:
        """A Cloud holding the world saved in a JSON file; ``LabFileError`` names the problem
        of a file that is not a saved lab (``OSError`` if it cannot be read)."""
        return cls.restore(lab_file.read(path))


def _event(entry: tuple) -> Event:
    """The Event of a history entry: its changes merged, one per thing."""
    seq, operation, params, changes, _, _ = entry
    return Event(seq, operation, params, coalesce(changes))

