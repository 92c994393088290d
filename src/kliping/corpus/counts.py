"""Document frequencies that do not grow with every rare key: exact counts of the keys seen twice or more, and a
Bloom filter of the keys seen once.

Most keys the event stage counts (word pairs above all, then names) turn up in one article and never again; as a
Counter they cost about 100 bytes each for ever, the largest part of the event index's growth per article (issue
16). Here a key seen once costs two bits of a fixed bitmap (BITS; 16 MB): `get` says 1 for it, 0 for a key never
seen. The filter can be wrong one way only: a key never seen may look seen once (two probes; about 1 key in 1,000
at two million keys seen once, 1 in 50 at ten million), so a new key rarely counts 2 where it should count 1. Keys
seen twice or more are counted exactly, as before. Taking an article out (`EventIndex._pull`) lowers a count to 1,
never to 0: a Bloom filter cannot forget (the key then looks seen once).

The hash is CRC-32 of the key's bytes and of their reverse (zlib, in C: Python's own `hash` differs per process,
and the bitmap is stored with the index).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable

BITS = 1 << 27  # 16 MB


class DocumentFrequencies:
    """In how many articles each key occurs (see the module's docstring): `get`, `update`, `decrement`."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()  # keys seen twice or more
        self.once = bytearray(BITS // 8)  # the Bloom filter of keys seen (at least) once
        self.keys_once = 0  # keys seen once (as the filter tells)

    def seen_once(self, key: str) -> bool:
        """The filter's word on a key not in `counts`: seen (once), or never."""
        b = key.encode("utf-8")
        a, c = zlib.crc32(b) % BITS, zlib.crc32(b[::-1]) % BITS
        once = self.once
        return bool(once[a >> 3] & (1 << (a & 7))) and bool(once[c >> 3] & (1 << (c & 7)))

    def get(self, key: str, default: int = 0) -> int:
        n = self.counts.get(key)
        if n:
            return n
        return 1 if self.seen_once(key) else default

    def update(self, keys: Iterable[str]) -> None:
        """Count each key once more (give each key once: an article's set of keys)."""
        counts, once = self.counts, self.once
        for key in keys:
            if key in counts:
                counts[key] += 1
                continue
            raw = key.encode("utf-8")
            a, b = zlib.crc32(raw) % BITS, zlib.crc32(raw[::-1]) % BITS
            ma, mb = 1 << (a & 7), 1 << (b & 7)
            if once[a >> 3] & ma and once[b >> 3] & mb:
                counts[key] = 2
                self.keys_once -= 1
            else:
                once[a >> 3] |= ma
                once[b >> 3] |= mb
                self.keys_once += 1

    def decrement(self, key: str) -> None:
        """Count the key once less (down to 1: the filter cannot forget)."""
        n = self.counts.get(key)
        if n is None:
            return
        if n <= 2:
            del self.counts[key]
            self.keys_once += 1
        else:
            self.counts[key] = n - 1

    def __len__(self) -> int:
        """Keys seen (those seen once as the filter counts them)."""
        return len(self.counts) + self.keys_once
