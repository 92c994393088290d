"""Memory of `kliping ingest` over a stream: peak RSS of the ingesting process as a store grows, run after run.

    .venv/bin/python bench/stream_ingest.py [--n 30000] [--run 1000] [--every 10000] [--db PATH]

A synthetic dated stream, as issue 16 measured it: each article a detik title and 8 detik sentences drawn at random
(the 1,000 detik rows of ../shared/data, read in place; `clean: true`, so the text is taken as it is), one every 14
minutes (about 100 a day: past the first month, every event older than COLD_DAYS is cold). Ingested `--run` articles
at a time into one store, as a monitor's scheduled runs would (`kliping.ingest.ingest`, in this process, with the
local process pool). At each checkpoint: the ingesting process's peak RSS (its workers are bounded per article and
not counted), the store's size, and seconds per run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import detik_titles_and_sentences, table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kliping.executors import make_executor
from kliping.ingest import ingest
from kliping.store import Store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=30_000)
    ap.add_argument("--run", type=int, default=1_000, help="articles per ingest run")
    ap.add_argument("--every", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args()
    rng = random.Random(3)
    titles, sentences = detik_titles_and_sentences()
    start = dt.datetime(2024, 1, 1, 6, 0)
    work = Path(tempfile.mkdtemp(prefix="kliping-stream-ingest-"))
    db = args.db or work / "k.db"
    rows = []
    executor = make_executor("local")
    made, spent = 0, 0.0
    with executor, Store(db) as store:
        while made < args.n:
            part = work / "run.jsonl"
            with part.open("w") as f:
                for _ in range(min(args.run, args.n - made)):
                    when = start + dt.timedelta(minutes=14 * made)
                    record = {"id": f"s{made}", "title": rng.choice(titles),
                              "text": "\n\n".join(rng.sample(sentences, 8)), "outlet": f"outlet{made % 40}.id",
                              "published": when.strftime("%Y-%m-%dT%H:%M:00+07:00"), "clean": True}
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
                    made += 1
            t = time.perf_counter()
            ingest([str(part)], store, executor)
            spent += time.perf_counter() - t
            if made % args.every == 0 or made == args.n:
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                runs = args.every // args.run or 1
                rows.append([made, store.event_count(), f"{rss:.0f}", f"{db.stat().st_size / 1e6:.0f}",
                             f"{spent / runs:.1f}"])
                print(f"{made} articles, peak RSS {rss:.0f} MB", file=sys.stderr)
                spent = 0.0
    table(rows, ["articles", "events", "peak RSS MB", "store MB", "s per run (last slice)"],
          f"kliping ingest, synthetic dated stream ({args.run} articles a run, one every 14 minutes)")


if __name__ == "__main__":
    main()
