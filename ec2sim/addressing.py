"""Where addresses come from: the free/used book of one subnet CIDR.

A subnet's pool answers three questions at the same cost whether it holds 3 addresses or
60,000, and without ever listing the addresses of an IPv6 /64 (2**64 of them):

* is this address free? (inside the CIDR, not reserved, not on an interface, not in a prefix)
* which are the ``n`` lowest free addresses? (auto-assign picks the lowest free ones, so a reader
  can predict them: in 10.0.1.0/24 the first picks are 10.0.1.4, 10.0.1.5, …)
* which is the lowest free, aligned prefix block (/28 for IPv4, /80 for IPv6)?

AWS reserves the first four addresses and the last one of every subnet (IPv4 and IPv6 alike);
the pool never hands them out.
"""

from __future__ import annotations

import heapq
from functools import lru_cache

from netaddr import IPAddress, IPNetwork

RESERVED_AT_START = 4  # network address, VPC router, DNS, reserved for future use
RESERVED_AT_END = 1  # broadcast (IPv4) / last address (IPv6)
PREFIX_LENGTH = {4: 28, 6: 80}


class AddressPool:
    """Free/used bookkeeping for one subnet CIDR, IPv4 or IPv6."""

    def __init__(self, cidr: str) -> None:
        self.cidr = IPNetwork(cidr)
        self.version = self.cidr.version
        self.first = self.cidr.first + RESERVED_AT_START
        self.last = self.cidr.last - RESERVED_AT_END
        self.block_bits = (32 if self.version == 4 else 128) - PREFIX_LENGTH[self.version]
        self.owner: dict[int, str] = {}  # address -> network interface ID
        self.blocks: dict[int, str] = {}  # prefix block number -> network interface ID
        self._per_block: dict[int, int] = {}  # block number -> how many single addresses in it
        self._next = self.first  # every free address below this one is in _holes
        self._holes: list[int] = []  # min-heap of addresses freed below _next (may hold stale)
        self._queued: set[int] = set()  # what _holes holds: each address in it once, so a
        # secondary address assigned and unassigned again and again does not grow it

    # -- questions ---------------------------------------------------------------------
    def contains(self, address: int) -> bool:
        return self.cidr.first <= address <= self.cidr.last

    def is_reserved(self, address: int) -> bool:
        return self.contains(address) and not self.first <= address <= self.last

    def holder(self, address: int) -> str | None:
        """The interface that has this address, itself or inside one of its prefixes."""
        found = self.owner.get(address)
        if found is None:
            found = self.blocks.get(address >> self.block_bits)
        return found

    def is_free(self, address: int) -> bool:
        return self.first <= address <= self.last and self.holder(address) is None

    @property
    def used_count(self) -> int:
        return len(self.owner) + len(self.blocks) * (1 << self.block_bits)

    @property
    def available_count(self) -> int:
        """Addresses still free to assign (what AvailableIpAddressCount reports)."""
        return self.cidr.size - RESERVED_AT_START - RESERVED_AT_END - self.used_count

    def pick(self, count: int) -> list[int] | None:
        """The ``count`` lowest free addresses, or None when the subnet has fewer free."""
        picked: list[int] = []
        seen: set[int] = set()
        while self._holes and len(picked) < count:
            address = heapq.heappop(self._holes)
            self._queued.discard(address)
            if address not in seen and self.is_free(address):
                picked.append(address)
                seen.add(address)
        while len(picked) < count and self._next <= self.last:
            address = self._next
            block = address >> self.block_bits
            if block in self.blocks:  # jump over a delegated prefix (never walk a /80)
                self._next = (block + 1) << self.block_bits
                continue
            self._next += 1
            if address not in self.owner and address not in seen:
                picked.append(address)
        for address in picked:  # not taken yet: keep them findable until someone claims them
            self._queue(address)
        return picked if len(picked) == count else None

    def _queue(self, address: int) -> None:
        if address not in self._queued:
            self._queued.add(address)
            heapq.heappush(self._holes, address)

    def block_is_free(self, block: int) -> bool:
        first = block << self.block_bits
        last = first + (1 << self.block_bits) - 1
        return (
            self.first <= first
            and last <= self.last
            and block not in self.blocks
            and not self._per_block.get(block)
        )

    def pick_blocks(self, count: int) -> list[int] | None:
        """The ``count`` lowest free prefix blocks, or None when there are not enough."""
        picked = []
        block = self.cidr.first >> self.block_bits
        end = self.cidr.last >> self.block_bits
        while len(picked) < count and block <= end:
            if self.block_is_free(block):
                picked.append(block)
            block += 1
        return picked if len(picked) == count else None

    def text(self, address: int) -> str:
        """An address of this pool as AWS writes it."""
        if self.version == 4:
            return ipv4_text(address)
        return str(IPAddress(address, 6))

    def block_cidr(self, block: int) -> str:
        return f"{IPAddress(block << self.block_bits, self.version)}/{PREFIX_LENGTH[self.version]}"

    # -- changes (only through ec2sim.world, which journals them) --------------------------
    def claim(self, address: int, eni_id: str) -> None:
        self.owner[address] = eni_id
        block = address >> self.block_bits
        self._per_block[block] = self._per_block.get(block, 0) + 1

    def release(self, address: int) -> None:
        del self.owner[address]
        block = address >> self.block_bits
        self._per_block[block] -= 1
        if not self._per_block[block]:
            del self._per_block[block]
        if address < self._next:
            self._queue(address)

    def claim_block(self, block: int, eni_id: str) -> None:
        self.blocks[block] = eni_id

    def release_block(self, block: int) -> None:
        del self.blocks[block]
        first = block << self.block_bits
        if first < self._next:  # its addresses are free again: let the scan pass them once more
            self._next = max(first, self.first)


@lru_cache(maxsize=1 << 16)
def ipv4_text(address: int) -> str:
    """An IPv4 address, dotted, from its integer; cached, since a subnet's few addresses are
    written again and again (and the same string is then found at once in ``number``'s cache)."""
    return f"{address >> 24}.{address >> 16 & 255}.{address >> 8 & 255}.{address & 255}"


@lru_cache(maxsize=1 << 16)
def parse(address: str) -> IPAddress:
    """An address as netaddr sees it (AddrFormatError for text that is not one); cached, since
    the same few addresses are read again and again."""
    return IPAddress(address, flags=0)


@lru_cache(maxsize=1 << 16)
def number(address: str) -> tuple[int, int]:
    """An address's IP version and its value as an integer (what a pool files it under). Its
    own cache, not through ``parse``: an address assigned by count is never parsed otherwise,
    and a subnet filling up would keep every one of them twice."""
    ip = IPAddress(address, flags=0)
    return ip.version, int(ip)


@lru_cache(maxsize=1 << 16)
def canonical(address: str) -> str:
    """An address as AWS writes it back (``10.0.1.05`` is refused by ``parse``; ``2001:DB8::1``
    reads ``2001:db8::1``)."""
    return str(parse(address))
