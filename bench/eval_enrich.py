"""Enrichment quality of Kliping run as a user runs it (`kliping analyze` / `kliping annotate`), as tables.

Sections (pick with --only):
  seeds   quotes (found, speaker accuracy, 001's "ujarnya" -> Vladimir Putin), event dates (every gold date found
          normalised, 003's weekday flagged), people as PER with their canonical names, Korut = Korea Utara = DPRK
  detik   quotes on the 40 labelled detik articles: direct and indirect recall/precision, speaker accuracy
  examples quotes on the bundled examples (examples/gold.json, written for this project, annotated apart from
          the quote rules), Indonesian and English separately
  ner     NERGrit test through `kliping annotate` (clean: true records, tokens joined by spaces): exact-span F1 per
          type and micro, as score-dev computes it
  speed   `kliping annotate` throughput on the 1,000 detik articles (articles/s), not part of --quick

Run:  .venv/bin/python bench/eval_enrich.py [--only seeds,detik,ner] [--quick] [--json FILE]
Definitions are the project's (../shared/tools/kscore.py), imported, so the numbers agree with score-dev.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import common
from common import DATA, SHARED, analyze, table, tmp_dir

common.require_shared("eval_enrich")
from kdata import detik_record, detik_rows, write_jsonl  # noqa: E402
from kscore import TYPE_MAP, conll_sentences, gold_spans, name_match, prf, quote_scores  # noqa: E402
from kscore import annotate as run_annotate  # noqa: E402

SECTIONS = ("seeds", "detik", "examples", "ner", "speed")
Numbers = dict[str, float]
DEV = DATA / "detik" / "labels-dev"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def eval_seeds(verbose: bool) -> Numbers:
    gold = json.loads((SHARED / "seeds" / "gold.json").read_text())
    rep = analyze([SHARED / "seeds"], "enrich-seeds")
    arts = {Path(str(a.get("source", ""))).name: a for a in rep.get("articles", [])}
    docs = gold["documents"]
    s = quote_scores({fn: g["quotes"] for fn, g in docs.items()}, {fn: a.get("quotes", []) for fn, a in arts.items()},
                     kinds=("direct", "partial", None))
    # 001's "ujarnya" quote: its speaker is the person the article means, Vladimir Putin.
    ujar = [q for fn, g in docs.items() if fn.startswith("001") for q in g["quotes"] if q.get("cue") == "ujarnya"]
    a001 = next((a for fn, a in arts.items() if fn.startswith("001")), {})
    ujar_ok = all(any(" ".join(q["starts"].split()[:5]) in " ".join(p.get("text", "").split())
                      and name_match("Vladimir Putin", p.get("speaker")) for p in a001.get("quotes", [])) for q in ujar)
    dates_total = dates_ok = 0
    for fn, g in docs.items():
        values = {str(x.get("value", ""))[:10] for x in arts.get(fn, {}).get("dates", [])}
        for d in g["event_dates"]:
            dates_total += 1
            dates_ok += d["date"] in values
            if verbose and d["date"] not in values:
                print(f"  seed {fn[:3]}: event date {d['text']} -> {d['date']} not found (got {sorted(values)})")
    a003 = next((a for fn, a in arts.items() if fn.startswith("003")), {})
    weekday_flagged = any(x.get("weekday_mismatch") and str(x.get("value", "")).startswith("2023-09-13")
                          for x in a003.get("dates", []))
    per = {e.get("canonical") for a in arts.values() for e in a.get("entities", []) if e.get("type") == "PER"}
    people = gold.get("people", [])
    people_found = [p for p in people if p in per]
    if verbose:
        print(f"  seeds: people not found as PER canonical: {sorted(set(people) - set(people_found))}")
    korut = _one_canonical(arts, ["Korut", "Korea Utara", "DPRK"])
    rows = [["quotes recall", f"{s['recall']:.3f} ({s['gold']} gold)"], ["quotes speaker accuracy",
                                                                         f"{s['speaker_acc']:.3f}"],
            ["001 'ujarnya' -> Vladimir Putin", ujar_ok], ["event dates normalised", f"{dates_ok}/{dates_total}"],
            ["003 weekday flagged", weekday_flagged], ["people found as PER (canonical)",
                                                        f"{len(people_found)}/{len(people)}"],
            ["Korut = Korea Utara = DPRK", korut]]
    table(rows, ["seeds", "value"], "Seeds: quotes, dates, entities")
    return {"enrich.seeds_quote_recall": s["recall"], "enrich.seeds_speaker_acc": s["speaker_acc"],
            "enrich.seeds_ujarnya_putin": float(ujar_ok), "enrich.seeds_dates": dates_ok / max(1, dates_total),
            "enrich.seeds_weekday_flag": float(weekday_flagged),
            "enrich.seeds_people": len(people_found) / max(1, len(people)), "enrich.seeds_korut": float(korut)}


def _one_canonical(arts: dict[str, dict], forms: list[str]) -> bool:
    """True when every mention written as one of `forms` carries the same canonical name (and each form occurs)."""
    canon: dict[str, set[str]] = {f: set() for f in forms}
    for a in arts.values():
        for e in a.get("entities", []):
            if e.get("text") in canon:
                canon[e["text"]].add(e.get("canonical"))
    seen = [c for c in canon.values() if c]
    return len(seen) == len(forms) and len(set().union(*seen)) == 1


def eval_detik(verbose: bool) -> Numbers:
    rows = detik_rows()
    ids = json.loads((DEV / "quote_line_ids.json").read_text())
    gq: dict[str, list] = {}
    for r in _jsonl(DEV / "quotes.jsonl"):
        gq.setdefault(str(r["id"]), []).append(r)
    inp = write_jsonl(tmp_dir() / "detik-q.jsonl", [detik_record(rows[str(i)]) for i in ids])
    out = run_annotate(inp, tmp_dir() / "detik-q.out.jsonl")
    pred = {str(a.get("id")): a.get("quotes", []) for a in out}
    sd = quote_scores({i: [q for q in gq.get(i, []) if not q["indirect"]] for i in map(str, ids)}, pred,
                      kinds=("direct", "partial", None))
    si = quote_scores({i: [q for q in gq.get(i, []) if q["indirect"]] for i in map(str, ids)}, pred,
                      kinds=("indirect",))
    table([[len(ids), sd["gold"], sd["recall"], sd["precision"], sd["speaker_acc"], si["gold"], si["recall"],
            si["precision"], si["speaker_acc"]]],
          ["articles", "direct gold", "direct R", "direct P", "speaker acc", "indirect gold", "indirect R",
           "indirect P", "ind. speaker"], "detik labels-dev quotes (kliping annotate)")
    return {"enrich.detik_direct_recall": sd["recall"], "enrich.detik_direct_precision": sd["precision"],
            "enrich.detik_speaker_acc": sd["speaker_acc"], "enrich.detik_indirect_recall": si["recall"],
            "enrich.detik_indirect_precision": si["precision"], "enrich.detik_indirect_speaker_acc": si["speaker_acc"]}


def eval_examples(verbose: bool) -> Numbers:
    ex = common.ROOT / "examples"
    gold = json.loads((ex / "gold.json").read_text())["documents"]
    rep = analyze([ex / "pages", ex / "feed.jsonl"], "enrich-examples")
    arts = {}
    for a in rep.get("articles", []):
        arts[a["id"] if str(a["id"]).startswith("feed-") else "pages/" + Path(str(a["source"])).name] = a
    pred = {k: a.get("quotes", []) for k, a in arts.items()}
    rows, out = [], {}
    for lang in ("id", "en"):
        keys = [k for k, g in gold.items() if g["language"] == lang]
        sd = quote_scores({k: [q for q in gold[k]["quotes"] if q["type"] != "indirect"] for k in keys}, pred,
                          kinds=("direct", "partial", None))
        si = quote_scores({k: [q for q in gold[k]["quotes"] if q["type"] == "indirect"] for k in keys}, pred,
                          kinds=("indirect",))
        rows.append([lang, len(keys), sd["gold"], sd["recall"], sd["precision"], sd["speaker_acc"], si["gold"],
                     si["recall"], si["precision"], si["speaker_acc"]])
        out.update({f"enrich.examples_{lang}_direct_recall": sd["recall"],
                    f"enrich.examples_{lang}_direct_precision": sd["precision"],
                    f"enrich.examples_{lang}_speaker_acc": sd["speaker_acc"],
                    f"enrich.examples_{lang}_indirect_recall": si["recall"],
                    f"enrich.examples_{lang}_indirect_precision": si["precision"]})
    table(rows, ["lang", "docs", "direct gold", "direct R", "direct P", "speaker", "indirect gold", "indirect R",
                 "indirect P", "ind. speaker"], "Bundled examples: quotes")
    return out


def eval_ner(verbose: bool) -> Numbers:
    path = DATA / "indonlu_ner" / "nergrit_ner-grit" / "test_preprocess.txt"
    recs, golds = [], {}
    for k, sent in enumerate(conll_sentences(path)):
        text, spans = gold_spans(sent)
        recs.append({"id": f"s{k}", "text": text, "clean": True})
        golds[f"s{k}"] = spans
    t0 = time.perf_counter()
    out = run_annotate(write_jsonl(tmp_dir() / "ner.jsonl", recs), tmp_dir() / "ner.out.jsonl")
    wall = time.perf_counter() - t0
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter(t for spans in golds.values() for _, _, t in spans)
    for a in out:
        p = {(int(e["start"]), int(e["end"]), TYPE_MAP.get(str(e.get("type") or "").upper()))
             for e in a.get("entities", []) if e.get("start") is not None}
        p = {x for x in p if x[2]}
        g = golds.get(str(a.get("id")), set())
        for x in p:
            npred[str(x[2])] += 1
            tp[str(x[2])] += x in g
    rows, out_n = [], {}
    for t in sorted(ngold):
        pr, rc, f1 = prf(tp[t], npred[t], ngold[t])
        rows.append([t, ngold[t], npred[t], pr, rc, f1])
        out_n[f"enrich.ner_{t.lower()}_f1"] = f1
    pr, rc, f1 = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    rows.append(["micro", sum(ngold.values()), sum(npred.values()), pr, rc, f1])
    table(rows, ["type", "gold", "pred", "P", "R", "F1"],
          f"NERGrit test via kliping annotate ({len(recs)} sentences, {wall:.1f} s including start-up)")
    out_n["enrich.ner_micro_f1"] = f1
    return out_n


def eval_speed(verbose: bool) -> Numbers:
    rows = detik_rows()
    inp = write_jsonl(tmp_dir() / "detik-all.jsonl", [detik_record(r) for r in rows.values()])
    results = []
    for workers in (1, 2):
        t0 = time.perf_counter()
        out = run_annotate_workers(inp, tmp_dir() / f"detik-all.{workers}.out.jsonl", workers)
        wall = time.perf_counter() - t0
        results.append([workers, len(out), wall, len(out) / wall])
    table(results, ["workers", "articles", "wall s", "articles/s"],
          "kliping annotate on the 1,000 detik articles (end to end: start-up, cleaning, enrichment, writing)")
    return {"enrich.annotate_per_s": max(r[3] for r in results)}


def run_annotate_workers(inp: Path, out: Path, workers: int) -> list[dict[str, Any]]:
    import subprocess

    p = subprocess.run([str(common.KLIPING), "annotate", str(inp), "--out", str(out), "--workers", str(workers),
                        "--quiet"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"kliping annotate failed: {p.stderr.strip().splitlines()[-1:]}")
    return [json.loads(x) for x in out.read_text().split("\n") if x.strip()]


def main() -> int:
    return common.run_sections(__doc__, {
        "seeds": lambda a: eval_seeds(a.verbose), "detik": lambda a: eval_detik(a.verbose),
        "examples": lambda a: eval_examples(a.verbose), "ner": lambda a: eval_ner(a.verbose),
        "speed": lambda a: eval_speed(a.verbose)}, slow=["speed"])

if __name__ == "__main__":
    sys.exit(main())
