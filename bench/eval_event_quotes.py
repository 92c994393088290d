"""An event's quotes grouped across its articles (`kliping.analysis.quotes.event_quotes`), on detik labels-dev.

The 506 labelled detik rows go through `kliping analyze` as a user runs it; their stored articles are grouped by
the *gold* event (labels-dev/events.jsonl), so the measure does not depend on the event stage. For every gold event
with two or more articles it counts quote groups, the groups that merge occurrences from different articles
(split into those whose articles are all one page crawled twice, i.e. one `duplicate_of` group, and those from
different articles; and into same normalised words vs near or contained text), the speakers merged into a fuller
name, and the time per event. `--show N` prints N random merged groups of different articles that are not
word-for-word equal (the ones to read); `--misses N` prints pairs of one speaker's quotes from different articles
just under the thresholds (what the rules leave apart).

Run:  .venv/bin/python bench/eval_event_quotes.py [--show 20] [--misses 20] [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import defaultdict
from typing import Any

from common import DATA, KLIPING, read_jsonl, require_cli, require_shared, table, tmp_dir
from kliping.analysis.quotes import CONTAINED_MIN_WORDS, NEAR_RATIO, event_quotes, speaker_names
from kliping.corpus.dedup import tokens
from kliping.model import Article
from kliping.store import Store

DEV = DATA / "detik" / "labels-dev"


def load_events() -> dict[str, list[Article]]:
    """The stored articles of the labelled detik rows, by gold event, in publication order."""
    from kdata import detik_record, detik_rows

    rows = detik_rows()
    gold = {str(r["id"]): r["event"] for r in read_jsonl(DEV / "events.jsonl")}
    feed = tmp_dir() / "dev.jsonl"
    feed.write_text("".join(json.dumps(detik_record(rows[i]), ensure_ascii=False) + "\n" for i in gold),
                    encoding="utf-8")
    out = tmp_dir() / "out"
    proc = subprocess.run([str(KLIPING), "analyze", str(feed), "--out", str(out), "-q"], check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"kliping analyze exited {proc.returncode}")
    events: dict[str, list[Article]] = defaultdict(list)
    with Store(out / "kliping.db") as store:
        for art in store.articles():
            events[gold[art.id]].append(art)
    return {k: sorted(v, key=lambda a: (a.published or "", a.id)) for k, v in events.items()}


def measure(events: dict[str, list[Article]]) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any], list[str]]]]:
    n: dict[str, Any] = dict.fromkeys(
        ["events", "articles", "occurrences", "speaker names joined to a fuller one",
         "speaker names joined by a shared quote", "unattributed quotes given a speaker", "groups",
         "groups of 2+ articles", "  one page crawled twice", "  different articles", "    same normalised words",
         "    near or contained", "    of no known speaker"], 0)
    merged: list[tuple[str, dict[str, Any], list[str]]] = []
    worst = 0.0
    for key, arts in events.items():
        n["events"] += 1
        n["articles"] += len(arts)
        n["occurrences"] += sum(len(a.quotes) for a in arts)
        t0 = time.perf_counter()
        result = event_quotes(arts)
        worst = max(worst, time.perf_counter() - t0)
        names = speaker_names(arts)
        n["speaker names joined to a fuller one"] += sum(1 for a, b in names.items() if a != b)
        texts = {a.id: a.text for a in arts}
        root = {a.id: a.duplicate_of or a.id for a in arts}
        stored = {(a.id, q.start, q.end): q.speaker for a in arts for q in a.quotes}
        for speaker in result:
            given = {stored[(e["article"], e["start"], e["end"])] for q in speaker["quotes"] for e in q["evidence"]}
            n["speaker names joined by a shared quote"] += len({names.get(g, g) for g in given if g} -
                                                               {speaker["speaker"]})
            n["unattributed quotes given a speaker"] += sum(
                1 for q in speaker["quotes"] for e in q["evidence"]
                if speaker["speaker"] and stored[(e["article"], e["start"], e["end"])] is None)
            for q in speaker["quotes"]:
                n["groups"] += 1
                if len(q["articles"]) < 2:
                    continue
                n["groups of 2+ articles"] += 1
                if len({root[a] for a in q["articles"]}) < 2:
                    n["  one page crawled twice"] += 1
                    continue
                n["  different articles"] += 1
                said = [texts[e["article"]][e["start"]:e["end"]] for e in q["evidence"]]
                if len({" ".join(tokens(s)) for s in said}) == 1:
                    n["    same normalised words"] += 1
                else:
                    n["    near or contained"] += 1
                    merged.append((key, {**q, "speaker": speaker["speaker"]}, said))
                if speaker["speaker"] is None:
                    n["    of no known speaker"] += 1
    n["worst ms/event"] = round(worst * 1000, 1)
    return n, merged


def speed(events: dict[str, list[Article]], size: int = 50, runs: int = 5) -> float:
    """Seconds for `event_quotes` over `size` articles of the largest events put together (the worst of `runs`)."""
    pool = [a for arts in sorted(events.values(), key=len, reverse=True) for a in arts][:size]
    best = 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        event_quotes(pool)
        best = max(best, time.perf_counter() - t0)
    return best


def near_misses(events: dict[str, list[Article]], limit: int) -> None:
    """Pairs of one speaker's quotes in different articles, left in different groups, scoring 60 to NEAR_RATIO."""
    from rapidfuzz import fuzz

    rows = []
    for key, arts in events.items():
        group = {(e["article"], e["start"]): (s["speaker"], k) for s in event_quotes(arts)
                 for k, q in enumerate(s["quotes"]) for e in q["evidence"]}
        said = [(a.id, group.get((a.id, q.start)), " ".join(tokens(q.text))) for a in arts for q in a.quotes]
        for i, (ai, gi, ti) in enumerate(said):
            for aj, gj, tj in said[i + 1:]:
                if ai != aj and gi and gj and gi[0] == gj[0] and gi != gj:
                    r = fuzz.ratio(ti, tj)
                    if 60 <= r < NEAR_RATIO:
                        rows.append((r, key, gi[0] or "-", ti, tj))
    rows = sorted(set(rows), reverse=True)
    print(f"\n{len(rows)} pairs at ratio 60-{NEAR_RATIO:g} left apart; the highest {limit}:")
    for r, key, s, a, b in rows[:limit]:
        print(f"- {r:.0f} {key} | {s}\n    {a[:200]}\n    {b[:200]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=0, help="print this many random merged groups to read")
    ap.add_argument("--misses", type=int, default=0, help="print this many near misses")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    require_shared("eval_event_quotes")
    require_cli()
    events = {k: v for k, v in load_events().items() if len(v) >= 2}
    n, merged = measure(events)
    table([(k, v) for k, v in n.items()], ["detik labels-dev, gold events of 2+ articles", "n"],
          title=f"event_quotes (contained >= {CONTAINED_MIN_WORDS} words, near ratio >= {NEAR_RATIO:g})")
    print(f"\n50 articles in one event: {speed(events) * 1000:.1f} ms (worst of 5)")
    for key, q, said in random.Random(args.seed).sample(merged, min(args.show, len(merged))):
        print(f"\n== {key} | {q['speaker']} | {q['kind']} | {q['articles']}")
        for e, s in zip(q["evidence"], said, strict=True):
            print(f"   {e['article']}: {s[:240]!r}")
    if args.misses:
        near_misses(events, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
