"""Search and the event list on a large store: p50/p95 latency at 300,000 articles (issue 16).

    .venv/bin/python bench/store_scale.py [--n 300000] [--db PATH] [--queries 200]

Builds (once: an existing --db of the right size is reused) a store of synthetic articles written through the
store's own API (`Store.put_articles`, `Store.save_corpus`), as `kliping ingest` leaves them, without cleaning or
enrichment, which this does not measure: each article a detik title and 8 detik sentences drawn at random (the 1,000
detik rows of ../shared/data, read in place), one every 14 minutes, 1-5 articles an event. Then times, in this
process, what each command runs against the store:

- `kliping search WORDS` (`Store.search`, 60 hits: the CLI's 20 with room for folding duplicates) and a page of the
  web app's search (`Store.search_briefs`, 20), for queries of one and two words drawn from the titles;
- `kliping events` (the 50 most recent: `Store.recent_events`, and the storyline of each) and `--sort size`;
- the web app's event list (`/api/events`: `serve.data.list_events`, from its snapshot of the store), and how long
  building that snapshot takes (once per store change).

Prints a table of p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from common import detik_titles_and_sentences, table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kliping.corpus import state
from kliping.corpus.stage import STATE_CLASSES
from kliping.corpus.storylines import STORYLINES_STATE, StorylineIndex
from kliping.model import Article, RawPage
from kliping.store import Store

BATCH = 5_000


def build(path: Path, n: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    titles, sentences = detik_titles_and_sentences()
    start = dt.datetime(2024, 1, 1, 6, 0)
    made, event = 0, 0
    with Store(path) as store:
        while made < n:
            arts: list[Article] = []
            records = []
            while len(arts) < BATCH and made < n:
                event += 1
                members = []
                for _ in range(min(rng.randint(1, 5), n - made)):
                    when = start + dt.timedelta(minutes=14 * made)
                    aid = f"s{made}"
                    arts.append(Article(id=aid, source="synthetic", title=rng.choice(titles),
                                        text="\n\n".join(rng.sample(sentences, 8)), outlet=f"outlet{made % 40}.id",
                                        published=when.strftime("%Y-%m-%dT%H:%M:00+07:00"), language="id",
                                        event=f"E{event}"))
                    members.append(arts[-1])
                    made += 1
                records.append({"id": f"E{event}", "title": members[0].title, "date": members[0].published[:10],
                                "places": [], "entities": [], "articles": [a.id for a in members],
                                "outlets": sorted({a.outlet or "" for a in members}),
                                "first_seen": members[0].published, "last_seen": members[-1].published,
                                "merged_from": []})
            store.add_pages([(RawPage(id=a.id, source=a.source, content=a.text), "k") for a in arts])
            store.put_articles([(a, "") for a in arts])
            store.save_corpus(arts, records, {})
            print(f"{made} articles", file=sys.stderr)
        # The stored storyline index, as ingest keeps it (`kliping events` shows each listed event's storyline).
        stories = StorylineIndex()
        stories.decide(store.events())
        store.save_corpus([], [], {STORYLINES_STATE: state.dump(stories, STATE_CLASSES)})
        store.optimize()


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300_000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "kliping-store-scale.db")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    if args.db.exists():
        with Store(args.db) as store:
            have = store.article_record_count()
        if have != args.n:
            args.db.unlink()
    if not args.db.exists():
        t = time.perf_counter()
        build(args.db, args.n)
        print(f"built {args.db} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    from kliping.corpus.storylines import storyline_of
    from kliping.serve.data import list_events
    from kliping.store.search import fts_query

    rng = random.Random(11)
    titles, _ = detik_titles_and_sentences()
    words = [w for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)]
    queries = [" ".join(rng.sample(words, rng.choice((1, 2)))) for _ in range(args.queries)]
    timings: dict[str, list[float]] = {}

    def timed(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        fn()
        timings.setdefault(name, []).append(time.perf_counter() - t)

    with Store(args.db) as store:
        for q in queries:
            timed("kliping search (60 hits)", lambda q=q: store.search(fts_query(q), 60))
            timed("web search page (20)", lambda q=q: store.search_briefs(fts_query(q), 20))
        def cli_events(by_size: bool) -> None:
            store.recent_events(50, by_size=by_size)
            storyline_of(store)

        for _ in range(20):
            timed("kliping events (50 most recent)", lambda: cli_events(False))
            timed("kliping events --sort size (50)", lambda: cli_events(True))
    reader = Store.reader(args.db)
    try:
        timed("web event list: snapshot build (once a change)", lambda: list_events(reader))
        for q in queries[:50]:
            timed("web event list page (20)", lambda: list_events(reader)[:20])
            timed("web event list, words (20)", lambda q=q: list_events(reader, q)[:20])
    finally:
        reader.close()
    rows = [[name, len(v), f"{_p(v, 0.5):.1f}", f"{_p(v, 0.95):.1f}"] for name, v in timings.items()]
    size = args.db.stat().st_size / 1e9
    table(rows, ["what", "runs", "p50 ms", "p95 ms"], f"Store of {args.n:,} articles ({size:.1f} GB)")


if __name__ == "__main__":
    main()
