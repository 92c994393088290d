"""Event clustering quality of `kliping analyze`, as tables: B-cubed and pairwise precision/recall/F1.

Sections (pick with --only):
  seeds   the five seeds (gold: {000, 002, 003} and {001, 004}), and the storylines found
  ecb     ECB+ dev documents (`clean: true` records built from docs.jsonl), gold = event_cluster
  detik   detik labels-dev events (506 articles), fed in one batch
  online  the same detik articles fed one run at a time in date order (`kliping ingest` per day), and ECB+ in slices:
          B-cubed must stay within 0.02 of the batch run, and no article's event id may change once assigned unless
          its event merged into another (recorded in that event's `merged_from`) (not part of --quick)
  single  detik fed one article per `kliping ingest` run, in publication order: the same checks (15 minutes; not
          part of --quick)
  orders  ECB+ in ORDERS random input orders: mean and spread of B-cubed F1 (not part of --quick)
  splits  detik (labels-dev with gold, and all 1,000 rows) in file order and ORDERS shuffled orders, each fed as one
          `kliping ingest` run and as two runs of its halves: events, B-cubed spread, and the articles whose event
          differs from the one-run file-order result (not part of --quick)

Run:  .venv/bin/python bench/eval_events.py [--only seeds,ecb,detik] [--quick] [--json FILE]
Definitions are the project's (../shared/tools/kscore.py: bcubed, pairwise, article_events), imported.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import common
from common import DATA, SHARED, analyze, table, tmp_dir

common.require_shared("eval_events")
from kdata import detik_record, detik_rows, ecb_records, write_jsonl  # noqa: E402
from kscore import article_events, bcubed, pairwise  # noqa: E402

SECTIONS = ("seeds", "ecb", "detik", "online", "single", "orders", "splits")
Numbers = dict[str, float]
DEV = DATA / "detik" / "labels-dev"


def _row(name: str, gold: dict[str, str], pred: dict[str, str]) -> list:
    b, p = bcubed(gold, pred), pairwise(gold, pred)
    return [name, len(gold), len(set(gold.values())), len(set(pred.values())), *b, *p]


HEAD = ["data", "articles", "gold events", "events", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1"]


def eval_seeds() -> Numbers:
    gold_doc = json.loads((SHARED / "seeds" / "gold.json").read_text())["documents"]
    rep = analyze([SHARED / "seeds"], "events-seeds")
    name = {str(a["id"]): Path(str(a.get("source", ""))).name for a in rep.get("articles", [])}
    pred = {name.get(k, k): v for k, v in article_events(rep).items()}
    gold = {fn: d["event"] for fn, d in gold_doc.items()}
    row = _row("seeds", gold, pred)
    table([row], HEAD, f"Seeds ({len(rep.get('storylines', []))} storylines)")
    return {"events.seeds_bcubed_f1": row[6]}


def eval_ecb() -> Numbers:
    recs, gold = ecb_records(DATA / "ecbplus" / "docs.jsonl")
    rep = analyze([write_jsonl(tmp_dir() / "ecb.jsonl", recs)], "events-ecb")
    row = _row("ECB+ dev", gold, article_events(rep))
    table([row], HEAD, "ECB+ dev documents")
    return {"events.ecb_bcubed_f1": row[6], "events.ecb_pairwise_f1": row[9]}


ORDERS = 5  # random input orders of ECB+ for the order section


def eval_orders() -> Numbers:
    """ECB+ fed in ORDERS random orders (seeded): joining one article at a time depends on the order it sees (docs.jsonl
    is sorted by topic); undated articles are grouped after the batch instead, which this checks does not. Prints
    mean, spread and range of B-cubed F1 over the orders."""
    import random
    import statistics

    recs, gold = ecb_records(DATA / "ecbplus" / "docs.jsonl")
    scores = []
    for seed in range(ORDERS):
        shuffled = list(recs)
        random.Random(seed).shuffle(shuffled)
        rep = analyze([write_jsonl(tmp_dir() / f"ecb-order{seed}.jsonl", shuffled)], f"events-ecb-order{seed}")
        scores.append(bcubed(gold, article_events(rep))[2])
    row = ["ECB+ dev, random orders", ORDERS, f"{statistics.mean(scores):.3f}", f"{statistics.pstdev(scores):.3f}",
           f"{min(scores):.3f}", f"{max(scores):.3f}"]
    table([row], ["data", "orders", "B3 F1 mean", "sd", "min", "max"], "ECB+ dev in random input orders")
    return {"events.ecb_random_order_bcubed_f1": statistics.mean(scores)}


def _detik() -> tuple[list[dict], dict[str, str]]:
    rows = detik_rows()
    gold = {str(json.loads(x)["id"]): json.loads(x)["event"] for x in (DEV / "events.jsonl").read_text().split("\n")
            if x.strip()}
    return [detik_record(rows[i]) for i in gold], gold


def eval_detik() -> Numbers:
    recs, gold = _detik()
    rep = analyze([write_jsonl(tmp_dir() / "detik-ev.jsonl", recs)], "events-detik")
    row = _row("detik labels-dev", gold, article_events(rep))
    table([row], HEAD, "detik labels-dev (batch)")
    return {"events.detik_bcubed_f1": row[6], "events.detik_pairwise_f1": row[9]}


def eval_online() -> Numbers:
    """Feed detik day by day into one store (`kliping ingest` per day), and ECB+ (undated, so events can merge) in
    slices of ECB_SLICE documents; after each run, check that no article's event id changed except by a recorded
    merge (the new event lists the old one in `merged_from`), and compare the final grouping with the batch run's."""
    recs, gold = _detik()
    days = sorted({r["published"][:10] for r in recs})
    detik = _feed("detik", [[r for r in recs if r["published"][:10] == day] for day in days], gold,
                  f"fed day by day ({len(days)} runs)")
    ecb_recs, ecb_gold = ecb_records(DATA / "ecbplus" / "docs.jsonl")
    slices = [ecb_recs[i:i + ECB_SLICE] for i in range(0, len(ecb_recs), ECB_SLICE)]
    ecb = _feed("ecb", slices, ecb_gold, f"fed {ECB_SLICE} documents a run ({len(slices)} runs)")
    return {"events.detik_online_bcubed_f1": detik[0], "events.online_id_changes": detik[1] + ecb[1],
            "events.ecb_online_bcubed_f1": ecb[0]}


ECB_SLICE = 100


def eval_single() -> Numbers:
    """Feed detik one article per `kliping ingest` run, in publication order (about 2 s a run: 15 minutes)."""
    recs, gold = _detik()
    recs = sorted(recs, key=lambda r: r["published"])
    f1, changed = _feed("single", [[r] for r in recs], gold, f"fed one article a run ({len(recs)} runs)")
    return {"events.detik_single_bcubed_f1": f1, "events.single_id_changes": changed}



def _feed(name: str, parts: list[list[dict]], gold: dict[str, str], how: str) -> tuple[float, int]:
    """B-cubed F1 after feeding `parts` one `kliping ingest` run each, and the number of unexplained id changes."""
    from kliping.store import Store

    db = tmp_dir() / f"online-{name}.db"
    seen: dict[str, str] = {}
    changed = merged = 0
    t0 = time.perf_counter()
    for i, part in enumerate(parts):
        path = write_jsonl(tmp_dir() / f"online-{name}-{i}.jsonl", part)
        subprocess.run([str(common.KLIPING), "ingest", str(path), "--db", str(db), "--quiet"], check=False)
        with Store(db) as store:
            now = {a.id: a.event or "" for a in store.articles()}
            absorbed = {old: ev["id"] for ev in store.events() for old in ev.get("merged_from", [])}
        for k, v in seen.items():
            if now.get(k) == v:
                continue
            merged += absorbed.get(v) == now.get(k)
            changed += absorbed.get(v) != now.get(k)
        seen = now
    row = _row(f"{name} online", gold, seen)
    table([row], HEAD, f"{name} {how}, {time.perf_counter() - t0:.0f} s; articles moved by a recorded merge: "
                       f"{merged}; event ids changed otherwise: {changed}")
    return row[6], changed


def eval_splits() -> Numbers:
    """Order dependence on detik: how the input is split into runs, and in what order it comes, should not decide
    the events. An archive often brings older articles after newer ones. Each of labels-dev (506 articles, gold)
    and all 1,000 rows is fed in file order (not date order) and in ORDERS shuffled orders (seeds 0..ORDERS-1),
    each (a) as one `kliping ingest` run and (b) as two runs, its first half then its second, into a fresh store.

    An article's event DIFFERS from the reference (one run, file order) when its event, as the set of article ids
    it holds, is not the identical set in the reference: an event split or joined differently counts every article
    of it. Event ids are not compared (they depend on the order events opened). Prints one row per feeding and a
    summary per data set and way of splitting: events, B-cubed F1 mean / min / max (labels-dev), and the articles
    that differ (mean / max over the orders)."""
    import random
    import statistics

    recs_dev, gold = _detik()
    rows = detik_rows()
    recs_all = [detik_record(r) for r in rows.values()]
    out: Numbers = {}
    for data, recs, g in (("labels-dev", recs_dev, gold), ("all 1,000", recs_all, None)):
        orders = [("file order", list(recs))]
        for seed in range(ORDERS):
            shuffled = list(recs)
            random.Random(seed).shuffle(shuffled)
            orders.append((f"shuffled {seed}", shuffled))
        results: list[tuple[str, str, dict[str, str]]] = []
        for name, order in orders:
            half = len(order) // 2
            for how, parts in (("one run", [order]), ("two halves", [order[:half], order[half:]])):
                results.append((name, how, _ingest_runs(f"splits-{len(recs)}-{len(results)}", parts)))
        ref = _clusters(results[0][2])
        table_rows, by_how = [], defaultdict(list)
        for name, how, pred in results:
            differ = sum(1 for a, c in _clusters(pred).items() if ref.get(a) != c)
            f1 = bcubed(g, pred)[2] if g else None
            table_rows.append([name, how, len(set(pred.values())), f1, differ])
            by_how[how].append((len(set(pred.values())), f1, differ))
        table(table_rows, ["order", "runs", "events", "B3 F1", "differ"],
              f"detik {data}: events by order and split (differ: articles whose event, as a set of articles, is "
              f"not the one of one run in file order)")
        summary = []
        for how, vals in by_how.items():
            events, f1s, differs = zip(*vals, strict=True)
            summary.append([how, len(vals), f"{min(events)}-{max(events)}",
                            *([statistics.mean(f1s), min(f1s), max(f1s)] if g else [None, None, None]),
                            statistics.mean(differs), max(differs)])
            key = f"events.splits_{'dev' if g else 'all'}_{how.replace(' ', '_')}"
            out[f"{key}_differ_max"] = max(differs)
            if g:
                out[f"{key}_bcubed_f1_min"] = min(f1s)
        table(summary, ["runs", "orders", "events", "B3 mean", "B3 min", "B3 max", "differ mean", "differ max"],
              f"detik {data}: file order and {ORDERS} shuffled orders")
    return out


def _ingest_runs(name: str, parts: list[list[dict]]) -> dict[str, str]:
    """Feed `parts` one `kliping ingest` run each into a fresh store; return article id -> event."""
    from kliping.store import Store

    db = tmp_dir() / f"{name}.db"
    for i, part in enumerate(parts):
        path = write_jsonl(tmp_dir() / f"{name}-{i}.jsonl", part)
        run = subprocess.run([str(common.KLIPING), "ingest", str(path), "--db", str(db), "--quiet"], check=False,
                             capture_output=True, text=True)
        with Store(db) as store:
            unlinked = len(store.articles_without_event())
        if run.returncode not in (0, 1) or unlinked:
            raise SystemExit(f"{name}: ingest run {i + 1} of {len(parts)} failed (exit {run.returncode}, "
                             f"{unlinked} articles unlinked): {run.stderr.strip()[-2000:]}")
    with Store(db) as store:
        return {a.id: a.event or "" for a in store.articles()}


def _clusters(pred: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each article's event as the set of article ids it holds."""
    members: dict[str, set[str]] = defaultdict(set)
    for a, e in pred.items():
        members[e].add(a)
    frozen = {e: frozenset(m) for e, m in members.items()}
    return {a: frozen[e] for a, e in pred.items()}


def main() -> int:
    return common.run_sections(__doc__, {"seeds": lambda a: eval_seeds(), "ecb": lambda a: eval_ecb(),
                                         "detik": lambda a: eval_detik(), "online": lambda a: eval_online(),
                                         "single": lambda a: eval_single(), "orders": lambda a: eval_orders(),
                                         "splits": lambda a: eval_splits()},
                               slow=["online", "single", "orders", "splits"])

if __name__ == "__main__":
    sys.exit(main())
