"""Event assignment as the corpus grows: milliseconds per article and memory, fed synthetic articles to 100,000.

    .venv/bin/python bench/stream_events.py [--n 100000] [--every 10000] [--no-vectors] [--undated] [--batch 1000]
                                            [--words 60] [--keep-cold]

Synthetic articles, built from a seeded random generator (no data read): 60 words (--words) of a 20,000-word
vocabulary with a Zipf-like spread, 2-4 entities of 5,000, about 2,000 articles a day and 1-9 articles an event (each
event has its own phrase of 8 words, which each of its reports carries in its text and title, its own entities and
vector, and is reported on one or two days). Vectors are random unit vectors near their event's (as sentence vectors
of one happening are), given to the index as `kliping ingest` gives them, so this measures the event stage itself,
not the embedding model (about 9 ms an article on one core, bench/eval_vectors.py). Prints, at each checkpoint:
articles so far, events, mean ms/article over the last slice, the process's peak RSS (MB) and the index's stored
state (MB, what the store keeps).
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import numpy as np

from common import table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kliping.corpus import state
from kliping.corpus.cold import ColdEvents
from kliping.corpus.events import EventIndex
from kliping.corpus.stage import STATE_CLASSES
from kliping.model import Article, Entity

VOCAB = 20_000
ENTITIES = 5_000
ARTICLES_PER_EVENT = 5
DIM = 512


def _words(rng: np.random.Generator, n: int) -> list[str]:
    # Zipf-like: a few very common words, a long tail (letters only: the event stage's tokenizer skips digits).
    ranks = np.minimum((rng.pareto(1.1, n) * 50).astype(int), VOCAB - 1)
    return [_name(int(r)) for r in ranks]


def _name(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = "kata"
    while True:
        out += letters[i % 26]
        i //= 26
        if not i:
            return out


def stream(n: int, seed: int = 7, with_vectors: bool = True, dated: bool = True, words: int = 60,
           per_day: int = 2000):
    """(article, vector) pairs in publication order (without publication dates if not `dated`: an archive dump,
    where events may merge)."""
    rng = np.random.default_rng(seed)
    start = dt.date(2025, 1, 1)
    made = 0
    event = 0
    while made < n:
        event += 1
        core = _words(rng, 8)
        ents = [f"Tokoh{_name(int(e))}" for e in rng.integers(0, ENTITIES, 3)]
        centre = rng.normal(size=DIM).astype(np.float32)
        day = start + dt.timedelta(days=made // per_day)
        for _ in range(int(rng.integers(1, 2 * ARTICLES_PER_EVENT))):
            # Reports of one happening share its phrase (its word pairs), the rest is each report's own.
            tokens = _words(rng, words - len(core))
            at = int(rng.integers(0, len(tokens) + 1))
            tokens[at:at] = core
            text = " ".join(tokens)
            names = [*ents[: int(rng.integers(1, 4))], f"Tokoh{_name(int(rng.integers(0, ENTITIES)))}"]
            art = Article(id=f"s{made}", source="synthetic", title=" ".join(core[:5] + tokens[:3]), text=text,
                          published=f"{day + dt.timedelta(days=int(rng.integers(0, 2)))}T08:00:00+07:00"
                          if dated else None,
                          language="id",
                          entities=[Entity(e, 0, len(e), "PER", e) for e in names])
            vec = None
            if with_vectors:
                vec = centre + rng.normal(scale=0.8, size=DIM).astype(np.float32)
                vec /= np.linalg.norm(vec)
            yield art, vec
            made += 1
            if made >= n:
                return


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--every", type=int, default=10_000)
    ap.add_argument("--no-vectors", action="store_true")
    ap.add_argument("--undated", action="store_true", help="articles without publication dates (events may merge)")
    ap.add_argument("--words", type=int, default=60, help="words an article (a real lead: up to 250)")
    ap.add_argument("--keep-cold", action="store_true", help="never compact cold events (to see what it saves)")
    ap.add_argument("--batch", type=int, default=1_000, help="articles per ingest run (consolidation after each)")
    ap.add_argument("--per-day", type=int, default=2_000, help="articles a day (a national monitor: 2,000)")
    ap.add_argument("--cold-in-ram", action="store_true",
                    help="keep compacted events in RAM, as an index without a store does (default: out of RAM, in "
                         "a SQLite file as the store keeps them, corpus.cold)")
    args = ap.parse_args()
    idx = EventIndex(use_vectors=not args.no_vectors)
    tmp = tempfile.TemporaryDirectory()
    if not args.cold_in_ram:
        idx.cold = ColdEvents.open(str(Path(tmp.name) / "cold.sqlite"))
    rows = []
    t = time.perf_counter()
    spent = 0.0
    touched: set[str] = set()
    merges = 0
    items = stream(args.n, with_vectors=not args.no_vectors, dated=not args.undated, words=args.words,
                   per_day=args.per_day)
    i = 0
    while i < args.n:
        # Up to the next run's end or checkpoint; a run ends as `kliping ingest` does (corpus.stage.link_pending):
        # `add_batch` adds, consolidates and compacts.
        step = min(args.batch - i % args.batch, args.every - i % args.every, args.n - i)
        part = list(islice(items, step))
        i += len(part)
        ends_run = i % args.batch == 0
        t0 = time.perf_counter()
        touched, more = idx.add_batch(part, touched, consolidate=ends_run, compact=ends_run and not args.keep_cold)
        merges += len(more)
        if ends_run:
            touched = set()
            if idx.cold is not None:
                idx.cold.commit()  # as `Store.save_corpus` writes them at the end of each run
        spent += time.perf_counter() - t0
        if not part:
            break
        if i % args.every == 0:
            state_mb = len(state.dump(idx, STATE_CLASSES)) / 1e6
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            events = len(idx.events) + (len(idx.cold) if idx.cold is not None else 0)
            rows.append([i, events, merges, f"{1000 * spent / args.every:.2f}", f"{rss:.0f}", f"{state_mb:.0f}"])
            print(f"{i} articles, {1000 * spent / args.every:.2f} ms/article", file=sys.stderr)
            spent = 0.0
    table(rows, ["articles", "events", "merges", "ms/article (last slice)", "peak RSS MB", "state MB"],
          f"Event assignment, synthetic stream ({'with' if not args.no_vectors else 'without'} vectors, "
          f"{'undated' if args.undated else 'dated'}, consolidated every {args.batch} articles, {args.per_day} a day, "
          f"cold events {'in RAM' if args.cold_in_ram else 'in SQLite'}), "
          f"{time.perf_counter() - t:.0f} s in all")


if __name__ == "__main__":
    main()
