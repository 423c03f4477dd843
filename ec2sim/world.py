"""The state of one account, and the only place it changes.

Every change goes through a ``World`` method that writes down how to take it back, inside a
transaction opened by ``ec2sim.Cloud`` for each call. If the call fails half-way, the journal is
played backwards and the world is as it was; if it succeeds, the journal becomes the undo entry
and the changes it noted become the published event's ``Change`` list.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from netaddr import IPAddress

from ec2sim import lab_file
from ec2sim.addressing import AddressPool, number
from ec2sim.events import Change
from ec2sim.resources import KINDS, Address, Attachment, NetworkInterface, Subnet

ACCOUNT_ID = "123456789012"
EPOCH = datetime(2026, 1, 1, 9, 0, 0, tzinfo=timezone.utc)


def _small_sha256() -> Callable[[bytes], Any]:
    """CPython's own SHA-256 (``_sha2``; ``_sha256`` before 3.12), else hashlib's. The digest
    is the same; OpenSSL's set-up for each hash runs through far more machine code, and a call
    that makes an ID paid for it in cache misses of everything that ran after it."""
    for module in ("_sha2", "_sha256"):
        try:
            return importlib.import_module(module).sha256
        except ImportError:
            continue
    return hashlib.sha256


_sha256 = _small_sha256()


def coalesce(changes: list[tuple] | tuple[tuple, ...]) -> tuple[Change, ...]:
    """One ``Change`` per thing, from a call's changes as noted (``(kind, key, before,
    after)`` tuples, in order): where it was before the call, where it is after."""
    if len(changes) == 1:
        kind, key, before, after = changes[0]
        return (Change(kind, key, before, after),) if before != after else ()
    first: dict[tuple[str, str], tuple] = {}
    last: dict[tuple[str, str], tuple] = {}
    for change in changes:
        thing = (change[0], change[1])
        first.setdefault(thing, change)
        last[thing] = change
    merged = (Change(kind, key, first[kind, key][2], last[kind, key][3]) for kind, key in first)
    return tuple(c for c in merged if c.before != c.after)


class World:
    """All resources of one simulated account in one region."""

    def __init__(self, seed: int = 0, region: str = "us-east-1") -> None:
        self.seed = seed
        self.region = region
        self.account_id = ACCOUNT_ID
        self._id_salt = f"{seed}:{region}:"  # what every ID's hash starts with (new_id)
        self.counters: dict[str, int] = {}
        self.collections: dict[str, dict[str, Any]] = {name: {} for name in KINDS}
        self.pools: dict[tuple[str, int], AddressPool] = {}
        # The open call (``begin`` to ``end``): how to take each change back, in order, as
        # (function, *its arguments) - flat tuples, for a call makes dozens - and what changed.
        self._undo: list[tuple] | None = None
        self._changes: list[tuple] | None = None
        # The collections the rules read most, by name: plain attributes, not properties (read
        # several times in every call). Each is the same dict as in ``collections``.
        self.vpcs = self.collections["vpcs"]
        self.subnets = self.collections["subnets"]
        self.internet_gateways = self.collections["internet_gateways"]
        self.security_groups = self.collections["security_groups"]
        self.instances = self.collections["instances"]
        self.network_interfaces = self.collections["network_interfaces"]
        self.addresses = self.collections["addresses"]

    def pool(self, subnet_id: str, version: int) -> AddressPool:
        return self.pools[(subnet_id, version)]

    def interfaces_of(self, instance_id: str) -> list[NetworkInterface]:
        """The interfaces attached to an instance, by device index."""
        found = [e for e in self.network_interfaces.values()
                 if e.attachment and e.attachment.instance_id == instance_id]
        return sorted(found, key=lambda e: e.attachment.device_index)

    # -- transactions ---------------------------------------------------------------------
    def begin(self) -> tuple[list[tuple], list[tuple]]:
        """Open a call: its journal (how to take it back) and its list of changes."""
        undo = self._undo = []
        changes = self._changes = []
        return undo, changes

    def end(self) -> None:
        self._undo = self._changes = None

    @staticmethod
    def roll_back(undo: list[tuple] | tuple[tuple, ...]) -> None:
        """Take back a call's changes, last first, from its journal."""
        for entry in reversed(undo):
            entry[0](*entry[1:])

    def _open_journal(self) -> list[tuple]:
        """The open call's journal: each entry says how to take one change back, as
        ``(function, *arguments)`` (a plain tuple, not a closure: fewer objects keep every
        call cheap)."""
        undo = self._undo
        if undo is None:
            raise RuntimeError("ec2sim: the world changes only inside a call")
        return undo

    def _journal(self, undo: Callable[..., object], *args: Any) -> None:
        """Write down how to take a change back: call ``undo(*args)``."""
        self._open_journal().append((undo, *args))

    def note(self, kind: str, key: str, before: Any, after: Any) -> None:
        """Record a change for the event this call will publish: a plain tuple, made a
        ``Change`` by ``coalesce`` if the call is ever read as an event (most are not)."""
        if self._changes is not None:
            self._changes.append((kind, key, before, after))

    # -- generic changes ------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """The next ID of a kind: deterministic for a seed, random-looking like AWS's."""
        n = self.counters.get(prefix, 0) + 1
        self.set_counter(prefix, n)
        digest = _sha256(f"{self._id_salt}{prefix}:{n}".encode()).hexdigest()
        return f"{prefix}-0{digest[:16]}"

    def set_counter(self, prefix: str, value: int) -> None:
        counters = self.counters
        undo = self._open_journal()
        old = counters.get(prefix)
        counters[prefix] = value
        # (dict's own functions, not bound methods: the entry makes no method object)
        undo.append((dict.pop, counters, prefix) if old is None else
                    (dict.__setitem__, counters, prefix, old))

    def now(self) -> str:
        """The simulated clock: one second per timestamp taken, from a fixed start, so the same
        calls always give the same launch and attach times."""
        tick = self.counters.get("clock", 0) + 1
        self.set_counter("clock", tick)
        return (EPOCH + timedelta(seconds=tick)).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def new_mac(self) -> str:
        digest = self.new_id("mac")[-12:]
        return "02:" + ":".join(digest[i:i + 2] for i in range(2, 12, 2))

    def add(self, collection: str, key: str, resource: Any) -> None:
        table = self.collections[collection]
        table[key] = resource
        self._journal(table.pop, key)
        if isinstance(resource, Subnet):
            self._open_pools(resource)

    def remove(self, collection: str, key: str) -> None:
        table = self.collections[collection]
        order = list(table)
        resource = table.pop(key)

        def put_back() -> None:
            table[key] = resource
            items = {k: table[k] for k in order if k in table}
            table.clear()
            table.update(items)

        self._journal(put_back)
        if isinstance(resource, Subnet):
            for version in (4, 6):
                self._close_pool(resource.subnet_id, version)

    def set(self, resource: Any, attribute: str, value: Any) -> None:
        old = getattr(resource, attribute)
        undo = self._open_journal()
        setattr(resource, attribute, value)
        undo.append((setattr, resource, attribute, old))

    def list_append(self, items: list, value: Any) -> None:
        undo = self._open_journal()
        items.append(value)
        undo.append((items.pop,))

    def list_remove(self, items: list, value: Any) -> None:
        undo = self._open_journal()
        index = items.index(value)
        del items[index]
        undo.append((items.insert, index, value))

    # -- address pools --------------------------------------------------------------------
    def _open_pools(self, subnet: Subnet) -> None:
        if subnet.cidr_block:  # an IPv6-only subnet has no IPv4 block
            key = (subnet.subnet_id, 4)
            self.pools[key] = AddressPool(subnet.cidr_block)
            self._journal(self.pools.pop, key)
        if subnet.ipv6_cidr_block:
            self.open_ipv6_pool(subnet)

    def open_ipv6_pool(self, subnet: Subnet) -> None:
        key = (subnet.subnet_id, 6)
        self.pools[key] = AddressPool(subnet.ipv6_cidr_block)
        self._journal(self.pools.pop, key)

    def close_ipv6_pool(self, subnet: Subnet) -> None:
        """The subnet's IPv6 block is going away (every address of it already released)."""
        self._close_pool(subnet.subnet_id, 6)

    def _close_pool(self, subnet_id: str, version: int) -> None:
        key = (subnet_id, version)
        if key in self.pools:
            pool = self.pools.pop(key)
            self._journal(self.pools.__setitem__, key, pool)

    def claim_address(self, eni: NetworkInterface, address: str, *, primary: bool = False) -> None:
        """Put a private IPv4 or IPv6 address on an interface (one journal entry: a call
        makes many of these)."""
        version, value = number(address)
        pool = self.pools[(eni.subnet_id, version)]
        undo = self._open_journal()
        eni_id = eni.network_interface_id
        pool.claim(value, eni_id)
        if version == 4 and primary:
            undo.append((pool.release, value))
        else:
            held = eni.ipv6_addresses if version == 6 else eni.secondary_private_ip_addresses
            held.append(address)
            undo.append((_unclaim, pool, value, held))
        self.note(_ADDRESS_KIND[version], address, None, eni_id)

    def release_address(self, eni: NetworkInterface, address: str) -> None:
        """Take a private IPv4 or IPv6 address off an interface."""
        version, value = number(address)
        pool = self.pools[(eni.subnet_id, version)]
        undo = self._open_journal()
        eni_id = eni.network_interface_id
        pool.release(value)
        if version == 4 and address == eni.private_ip_address:
            undo.append((pool.claim, value, eni_id))
        else:
            held = eni.ipv6_addresses if version == 6 else eni.secondary_private_ip_addresses
            index = held.index(address)
            del held[index]
            undo.append((_reclaim, pool, value, eni_id, held, index, address))
        self.note(_ADDRESS_KIND[version], address, eni_id, None)

    def set_association(self, eip: Address, association_id: str | None,
                        network_interface_id: str | None, private_ip: str | None) -> None:
        """Point an Elastic IP at a private address of an interface (or, all None, at
        nothing): its three fields change together, in one journal entry."""
        undo = self._open_journal()
        undo.append((_associate, eip, eip.association_id, eip.network_interface_id,
                     eip.private_ip_address))
        _associate(eip, association_id, network_interface_id, private_ip)

    def claim_prefix(self, eni: NetworkInterface, prefix: str) -> None:
        """Delegate a /28 (IPv4) or /80 (IPv6) prefix to an interface."""
        version = 6 if ":" in prefix else 4
        pool = self.pool(eni.subnet_id, version)
        block = int(IPAddress(prefix.split("/")[0])) >> pool.block_bits
        pool.claim_block(block, eni.network_interface_id)
        self._journal(pool.release_block, block)
        self.list_append(eni.ipv6_prefixes if version == 6 else eni.ipv4_prefixes, prefix)
        self.note(f"ipv{version}-prefix", prefix, None, eni.network_interface_id)

    def release_prefix(self, eni: NetworkInterface, prefix: str) -> None:
        version = 6 if ":" in prefix else 4
        pool = self.pool(eni.subnet_id, version)
        block = int(IPAddress(prefix.split("/")[0])) >> pool.block_bits
        pool.release_block(block)
        self._journal(pool.claim_block, block, eni.network_interface_id)
        self.list_remove(eni.ipv6_prefixes if version == 6 else eni.ipv4_prefixes, prefix)
        self.note(f"ipv{version}-prefix", prefix, eni.network_interface_id, None)

    # -- snapshots ------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """The whole world as plain JSON-able data."""
        return {
            "format": lab_file.FORMAT,
            "seed": self.seed,
            "region": self.region,
            "counters": dict(self.counters),
            **{name: [dataclasses.asdict(r) for r in table.values()]
               for name, table in self.collections.items()},
        }

    @classmethod
    def from_snapshot(cls, data: Any) -> World:
        """A world holding a snapshot's data, or ``LabFileError`` (one sentence naming the
        first problem) when the data is not a world EC2 calls could have made. The world gets
        its own copy: later changes to either never reach the other."""
        data = lab_file.checked_copy(data)
        world = cls(seed=data["seed"], region=data["region"])
        world.counters = data["counters"]
        for name, kind in KINDS.items():
            table = world.collections[name]
            for row in data[name]:
                if kind is NetworkInterface and row.get("attachment"):
                    row["attachment"] = Attachment(**row["attachment"])
                resource = kind(**row)
                key = _key(resource)
                if key in table:
                    raise lab_file.LabFileError(f"The {lab_file.NOUNS.get(name, name)} {key} "
                                                "appears twice in the lab.")
                table[key] = resource
        world.pools = lab_file.check_world(world)
        lab_file.name_links_as_the_os_does(world)
        return world


_ADDRESS_KIND = {4: "private-ipv4", 6: "ipv6"}  # (the Change kind of an address)


def _unclaim(pool: AddressPool, value: int, held: list[str]) -> None:
    held.pop()
    pool.release(value)


def _reclaim(pool: AddressPool, value: int, eni_id: str, held: list[str], index: int,
             address: str) -> None:
    held.insert(index, address)
    pool.claim(value, eni_id)


def _associate(eip: Address, association_id: str | None, network_interface_id: str | None,
               private_ip: str | None) -> None:
    eip.association_id = association_id
    eip.network_interface_id = network_interface_id
    eip.private_ip_address = private_ip


def _key(resource: Any) -> str:
    """The ID a resource is filed under (its first field)."""
    return getattr(resource, dataclasses.fields(resource)[0].name)
