"""The interval look-ups that replaced per-match scans of every span (issue 12): same answers as the scans."""

from __future__ import annotations

import random

from kliping.enrich.intervals import DisjointSpans, Intervals


def _random_spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    """Spans of mixed lengths, overlapping, nested and empty ones included."""
    out = []
    for _ in range(n):
        a = rng.randrange(0, 300)
        out.append((a, a + rng.choice([0, 1, 2, 5, 20, 80])))
    return out


def test_intervals_answer_as_a_scan_of_every_span() -> None:
    rng = random.Random(12)
    for _ in range(50):
        spans = _random_spans(rng, rng.randrange(0, 40))
        ordered = sorted(spans, key=lambda p: p[0])  # stable: the order first_overlap indexes
        index = Intervals(spans)
        for a in range(-2, 320, 3):
            for width in (0, 1, 4, 30):
                b = a + width
                first = next((i for i, (s, e) in enumerate(ordered) if s < b and a < e), None)
                assert index.first_overlap(a, b) == first
                assert index.overlaps(a, b) == (first is not None)
            assert index.covers(a) == any(s <= a <= e for s, e in spans)


def test_disjoint_spans_answer_as_a_scan_of_the_taken_spans() -> None:
    rng = random.Random(9)
    for _ in range(50):
        taken: list[tuple[int, int]] = []
        kept = DisjointSpans()
        for span in _random_spans(rng, 60):  # the dates' protocol: ask, then add only what overlaps nothing
            scan = any(span[0] < y and x < span[1] for x, y in taken)
            assert kept.overlaps(span) == scan
            if not scan:
                taken.append(span)
                kept.add(span)
        assert kept.spans == sorted(taken)
