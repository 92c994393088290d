"""Interval look-ups in logarithmic time, for the enrichment steps that ask "does anything already cover here?"
once per match.

Scanning every span of an article for each new match is quadratic in the article's length: harmless on a news
article, but a 2 MB record holds thousands of entities, dates and quotes (issue 12, finding 9). Sorting the spans
once and bisecting gives the same answers in O(log n) each.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """A fixed set of intervals (start, end), in stable order of their starts, with the running maximum of their
    ends: among the intervals that start before a point, the one reaching furthest decides every query."""

    def __init__(self, pairs: Iterable[tuple[int, int]]):
        items = sorted(pairs, key=lambda p: p[0])
        self.starts = [a for a, _ in items]
        self.reach = list(accumulate((b for _, b in items), max))

    def first_overlap(self, a: int, b: int) -> int | None:
        """Index (in start order) of the first interval with start < b and end > a, or None."""
        hi = bisect.bisect_left(self.starts, b)
        j = bisect.bisect_right(self.reach, a)  # reach ascends: the first interval ending after a
        return j if j < hi else None

    def overlaps(self, a: int, b: int) -> bool:
        """Whether any interval has start < b and end > a (shares a character with [a, b))."""
        return self.first_overlap(a, b) is not None

    def covers(self, pos: int) -> bool:
        """Whether any interval has start <= pos <= end (both ends included, as quote marks are)."""
        hi = bisect.bisect_right(self.starts, pos)
        return hi > 0 and self.reach[hi - 1] >= pos


class DisjointSpans:
    """A growing set of spans that never overlap one another (a span is added only after `overlaps` said no).

    Sorted by (start, end), such spans also have ascending ends, so the last one starting before b is the only
    one that can reach past a.
    """

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Whether a kept span has start < b and end > a."""
        a, b = span
        i = bisect.bisect_left(self.spans, (b,))  # (b,) sorts before every (b, end)
        return i > 0 and self.spans[i - 1][1] > a

    def add(self, span: tuple[int, int]) -> None:
        bisect.insort(self.spans, span)
