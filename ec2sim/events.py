"""What changed, told to whoever listens.

Each successful operation publishes one :class:`Event`: the operation's name, the parameters it
was called with, and the list of :class:`Change` records it made. A change names a thing by
``kind`` and ``key`` and says what it was bound to before and after, so views can tell what was
added (``before is None``), removed (``after is None``) or moved (both set, different):

    Change("private-ipv4", "10.0.1.20", before="eni-0a…", after="eni-0b…")   # moved
    Change("elastic-ip", "eipalloc-0c…", before=None, after="")   # allocated, not associated
    Change("elastic-ip", "eipalloc-0c…", before="", after="eni-0a…/10.0.1.20")  # associated

The core never imports a view; views call :meth:`ec2sim.Cloud.subscribe`.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Change(NamedTuple):
    """One thing whose binding or value changed: before -> after (None means absent)."""

    kind: str
    key: str
    before: Any
    after: Any

    @property
    def added(self) -> bool:
        return self.before is None and self.after is not None

    @property
    def removed(self) -> bool:
        return self.after is None and self.before is not None

    @property
    def moved(self) -> bool:
        return self.before is not None and self.after is not None


class Event(NamedTuple):
    """One successful operation and everything it changed."""

    seq: int
    operation: str
    params: dict[str, Any]
    changes: tuple[Change, ...] = ()

    @property
    def added(self) -> list[Change]:
        return [c for c in self.changes if c.added]

    @property
    def removed(self) -> list[Change]:
        return [c for c in self.changes if c.removed]

    @property
    def moved(self) -> list[Change]:
        return [c for c in self.changes if c.moved]
