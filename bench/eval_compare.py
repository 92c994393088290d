"""Event analysis quality: planted contradictions found, false alarms, summary faults, the seeds' gold slips.

Sections (pick with --only):
  seeds    the seeds' known slips: event A's weekday conflict (003 against 000/002) and Vladivostok/Vostochny place
           conflict, 000's "Pyeongyang, Korea Selatan" flag, event B's summary citing 001 and 004, every summary
           sentence verbatim in an article it cites, the storyline timeline in date order
  planted  `../shared/tools/kplant.py` on detik labels-dev and ECB+ dev (the definitions of score-dev compare):
           one value (a number with its unit, a weekday-and-date, a city) changed in one article of each
           multi-article gold event; found = a conflict names the changed article, another one and the planted value;
           false alarms = conflicts per multi-article event on the unchanged articles; summary faults. Each figure is
           also given on two folds of the gold events (by a hash of the event label): fold A is the one read while
           writing the detectors, fold B was not read, and is the held-out estimate.
  extra    more plants for rule-writing and a held-out estimate with more cases: every candidate value of every
           multi-article event planted (as kplant plants) in its first and in its last holder, that article
           enriched again and its event analysed in-process; on fold A and fold B of the gold events, and on a
           third set (C): the events (as Kliping groups them) of the 1,000 detik rows whose articles are all outside
           labels-dev, with their false alarms; and a fourth (E), English and never read while writing the
           detectors: the events (as Kliping groups them) of PolNeAR's train and dev articles (US political news of
           2015-2016, seven outlets, dated), with their false alarms
  own      plants of other kinds made here: a number rewritten in another unit scale ("Rp 1,2 triliun" ->
           "Rp 1.200 miliar", must NOT conflict) and a hedged near value ("sekitar 300" for 312, must NOT conflict)

Run:  .venv/bin/python bench/eval_compare.py [--only seeds,planted,own,extra] [--json FILE] [-v]    (seeds, planted
and own about 100 s, what the CI gate runs (--quick); extra about 3 minutes more, in `make eval`)
With --reuse, stores analysed by an earlier run are re-analysed in-process (the analysis only; for iterating).
"""
from __future__ import annotations

import argparse
import collections
import copy
import csv
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import common
from common import DATA, SHARED, analyze, table, tmp_dir

common.require_shared("eval_compare")
import kplant  # noqa: E402
from kdata import detik_record, detik_rows, ecb_records, write_jsonl  # noqa: E402
from kscore import norm, words  # noqa: E402

Numbers = dict[str, float]
DEV = DATA / "detik" / "labels-dev"
POLNEAR = DATA / "polnear" / "data"  # English news never read while writing the detectors (set E)
REUSE = "--reuse" in sys.argv
CACHE = Path("/tmp/kliping-compare-cache")  # stores kept between --reuse runs


def polnear_records() -> list[dict]:
    """PolNeAR's train and dev articles as input records (read in place): one per document (a document several
    annotators read is in the folders once per annotator), its title line left out of the text, dated by the
    metadata's publication day, its outlet the publisher."""
    meta = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    out: dict[str, dict] = {}
    for split in ("train", "dev"):
        for path in sorted((POLNEAR / split / "text").glob("*.txt")):
            name = re.sub(r"_[0-9a-f]{4}$", "", path.stem)  # the annotator's suffix
            m = meta.get(name)
            if name in out or m is None:
                continue
            text = path.read_text(encoding="utf-8")
            title = m["title"].strip()
            # The file opens with the title, sometimes broken over two lines ("...; \nClinton has ...").
            words = title.rstrip(".").split()
            head = re.match(r"\s*" + r"\s+".join(map(re.escape, words)) + r"\.?\s*\n", text)
            text = text[head.end():].strip() if head else text
            out[name] = {"id": name, "title": title, "text": text, "outlet": m["publisher"],
                         "published": f"{m['publication_date']}T12:00:00+00:00"}
    return list(out.values())


def _fold(event_label: str) -> str:
    return "A" if int(hashlib.sha1(event_label.encode()).hexdigest(), 16) % 2 == 0 else "B"


def _report(records: list[dict], name: str) -> dict:
    """report.json of `kliping analyze` over the records; with --reuse, the stored articles re-analysed here."""
    folder = (CACHE if REUSE else tmp_dir()) / f"compare-{name}"
    db = folder / "kliping.db"
    if REUSE and db.exists():
        sys.path.insert(0, str(common.ROOT / "src"))
        from kliping.analysis.event import analyze_event
        from kliping.store import Store

        with Store(db) as store:
            events = [{**e, **analyze_event(store.articles_of_event(e["id"]))} for e in store.events()]
            articles = [a.to_report() for a in store.articles()]
        return {"articles": articles, "events": events}
    import kscore

    common.require_cli()
    return dict(kscore.analyze([write_jsonl(tmp_dir() / f"compare-{name}.jsonl", records)], folder))


def summary_faults(rep: dict) -> tuple[int, int]:
    """score-dev's definition: a summary sentence not verbatim in a source it cites, or repeating (word Jaccard
    >= 0.7) an earlier sentence of the same summary."""
    text = {str(a["id"]): norm(a.get("text", "")) for a in rep.get("articles", [])}
    n = bad = 0
    for ev in rep.get("events", []):
        seen: list[set] = []
        for s in ev.get("summary", []):
            n += 1
            w = set(words(s.get("text", "")))
            srcs = [str(x) for x in s.get("sources", [])]
            bad += (not any(norm(s.get("text", "")) in text.get(x, "") for x in srcs)
                    or any(len(w & v) / max(1, len(w | v)) >= 0.7 for v in seen))
            seen.append(w)
    return bad, n


def _restrict(rep: dict, keep: set[str]) -> dict:
    """The report with only the events whose articles are all in `keep` (a fold's articles)."""
    return {**rep, "events": [e for e in rep["events"] if set(map(str, e.get("articles", []))) <= keep]}


def eval_planted(args: argparse.Namespace) -> Numbers:
    rows, out = [], {}
    detik = detik_rows()
    gd = {str(r["id"]): r["event"] for r in common.read_jsonl(DEV / "events.jsonl")}
    recs_e, ge = ecb_records(DATA / "ecbplus" / "docs.jsonl")
    for tag, recs, gold, lang in (("detik", [detik_record(detik[i]) for i in gd], gd, "id"),
                                  ("ecb", recs_e, ge, "en")):
        clean = _report(recs, f"{tag}-clean")
        planted_recs, plants = kplant.plant(recs, gold, lang)
        planted = _report(planted_recs, f"{tag}-planted")
        for fold in ("all", "A", "B"):
            ids = {i for i, e in gold.items() if fold == "all" or _fold(e) == fold}
            ps = [p for p in plants if p["article"] in ids]
            f = kplant.found(planted, ps, gold)
            rate, n_multi = kplant.false_alarms(_restrict(clean, ids) if fold != "all" else clean)
            bad, n_sum = summary_faults(clean)
            rows.append([tag, fold, f["found"], f["plants"], f["recall"], f["by_kind"], rate, n_multi,
                         bad if fold == "all" else None])
            if fold == "all":
                out[f"compare.{tag}_found"] = f["recall"]
                # The gate keeps floors (measured >= floor): false alarms enter negated, summary faults as a share.
                out[f"compare.{tag}_minus_false_alarms"] = -rate
                out[f"compare.{tag}_summary_sentences_ok"] = 1.0 - bad / max(1, n_sum)
            elif fold == "B":
                out[f"compare.{tag}_found_heldout"] = f["recall"]
        if args.verbose:
            _show(tag, clean, planted, plants, gold)
    table(rows, ["data", "fold", "found", "plants", "recall", "by kind", "false alarms/event", "multi events",
                 "summary faults"], "Planted contradictions (kplant; fold B held out)")
    return out


def _show(tag: str, clean: dict, planted: dict, plants: list[dict], gold: dict[str, str]) -> None:
    """Fold A only: the plants missed and the false alarms raised (fold B stays unread)."""
    text = {str(a["id"]): a.get("text", "") for a in planted.get("articles", [])}
    event_of = {str(a["id"]): a.get("event") for a in planted.get("articles", [])}
    hit = kplant.found(planted, [], gold)
    del hit
    for p in plants:
        if _fold(p["event"]) != "A":
            continue
        if kplant.found(planted, [p], gold)["found"]:
            continue
        others = [i for i, e in gold.items() if e == p["event"] and i != p["article"]]
        same = [i for i in others if event_of.get(i) == event_of.get(p["article"])]
        t = text.get(p["article"], "")
        k = t.find(p["planted"])
        print(f"\nMISSED {tag} {p['kind']} {p['original']!r} -> {p['planted']!r} in {p['article']} "
              f"(event {event_of.get(p['article'])}; {len(same)}/{len(others)} others in the same event)")
        print("   planted:", t[max(0, k - 150):k + 100].replace("\n", " ") if k >= 0 else "(not in text)")
        for o in same[:2]:
            ot = text.get(o, "")
            j = ot.find(p["original"])
            print(f"   {o}:", ot[max(0, j - 150):j + 100].replace("\n", " ") if j >= 0 else "(value not in text)")
    fold_a = {i for i, e in gold.items() if _fold(e) == "A"}
    for e in clean["events"]:
        if len(e.get("articles", [])) < 2 or not set(map(str, e["articles"])) <= fold_a:
            continue
        for c in e.get("comparison", {}).get("conflicts", []):
            print(f"\nALARM {tag} {e['id']} {c['kind']}: {c['explanation']}")
            for v in c["values"]:
                for ev in v["evidence"][:2]:
                    print(f"   [{ev['article']}] {ev['sentence'][:300]}")


def eval_seeds(args: argparse.Namespace) -> Numbers:
    rep = analyze(sorted((SHARED / "seeds").glob("0*.txt")), "compare-seeds")
    name = {str(a["id"]): Path(str(a.get("source", ""))).name[:3] for a in rep["articles"]}
    ev_of = {name[str(a["id"])]: a.get("event") for a in rep["articles"]}
    events = {e["id"]: e for e in rep["events"]}
    ev_a, ev_b = events.get(ev_of["000"], {}), events.get(ev_of["001"], {})
    conflicts = ev_a.get("comparison", {}).get("conflicts", [])

    def cites(c: dict, side: set[str]) -> bool:
        return any({name[str(x)] for x in v["articles"]} >= side for v in c["values"])

    weekday = any(c["kind"] == "weekday" and cites(c, {"003"}) and cites(c, {"000", "002"}) for c in conflicts)
    place = any(c["kind"] == "place" and "Vladivostok" in json.dumps(c) and "Vostochny" in json.dumps(c)
                for c in conflicts)
    art0 = next(a for a in rep["articles"] if name[str(a["id"])] == "000")
    flag = any(f["kind"] == "place" and "Pyeongyang" in f["text"] for f in art0.get("flags", []))
    cited_b = {name[str(x)] for s in ev_b.get("summary", []) for x in s["sources"]}
    bad, n = summary_faults(rep)
    story = rep["storylines"][0] if rep["storylines"] else {}
    dates = [t["date"] for t in story.get("timeline", [])]
    ordered = bool(dates) and dates == sorted(dates) and "2023-09-13" in dates and "2024-06-19" in dates
    rows = [["event A weekday conflict 003 vs 000/002", weekday],
            ["event A place conflict Vladivostok/Vostochny", place],
            ["000 'Pyeongyang, Korea Selatan' flagged", flag],
            ["event B summary cites 001 and 004", cited_b >= {"001", "004"}],
            ["summary sentences verbatim, none repeated", f"{n - bad}/{n}"],
            ["storyline timeline: 2023-09-13 before 2024-06-19", ordered]]
    table(rows, ["seeds check", "holds"], "Seeds: the known slips and summaries")
    return {"compare.seeds_weekday": float(weekday), "compare.seeds_place": float(place),
            "compare.seeds_place_flag": float(flag), "compare.seeds_summary_b": float(cited_b >= {"001", "004"}),
            "compare.seeds_summary_ok": (n - bad) / max(1, n), "compare.seeds_timeline": float(ordered)}


def eval_own(args: argparse.Namespace) -> Numbers:
    """Rewrites that must not conflict, and one that must, on articles written here."""
    base = ("Pemerintah Kota Bandung mengucurkan anggaran {money} untuk perbaikan jalan yang rusak akibat banjir pada "
            "Senin (4/3/2024). Sebanyak {people} warga terdampak banjir di Kecamatan Cibiru, kata Wali Kota Bandung "
            "dalam jumpa pers. Perbaikan jalan ditargetkan selesai sebelum Lebaran tahun ini, katanya.")
    cases = [("same money, other scale", {"money": "Rp 1,2 triliun", "people": "312"},
              {"money": "Rp 1.200 miliar", "people": "312"}, False),
             ("hedged near value", {"money": "Rp 1,2 triliun", "people": "312"},
              {"money": "Rp 1,2 triliun", "people": "sekitar 300"}, False),
             ("different count", {"money": "Rp 1,2 triliun", "people": "312"},
              {"money": "Rp 1,2 triliun", "people": "1.250"}, True)]
    rows, ok = [], 0
    for label, a, b, expect in cases:
        recs = [{"id": f"own-{k}", "text": base.format(**x), "title": "Banjir Bandung: jalan diperbaiki",
                 "published": f"2024-03-0{5 + k}T10:00:00+07:00", "clean": True} for k, x in enumerate((a, b))]
        rep = analyze([write_jsonl(tmp_dir() / f"own-{len(rows)}.jsonl", recs)], f"compare-own-{len(rows)}")
        n = sum(len(e["comparison"]["conflicts"]) for e in rep["events"])
        rows.append([label, expect, n > 0, (n > 0) == expect])
        ok += (n > 0) == expect
    table(rows, ["case", "conflict expected", "conflict raised", "right"], "Own plants")
    return {"compare.own_right": ok / len(cases)}


def eval_extra(args: argparse.Namespace) -> Numbers:
    """Every candidate value of every multi-article event planted, one at a time, in-process (see the docstring)."""
    sys.path.insert(0, str(common.ROOT / "src"))
    from kliping.analysis.event import analyze_event
    from kliping.enrich.stage import enrich_article
    from kliping.store import Store

    detik = detik_rows()
    gd = {str(r["id"]): r["event"] for r in common.read_jsonl(DEV / "events.jsonl")}
    recs_e, ge = ecb_records(DATA / "ecbplus" / "docs.jsonl")
    sets = [("detik", [detik_record(detik[i]) for i in gd], "detik-clean", gd, "id", "AB"),
            ("ecb", recs_e, "ecb-clean", ge, "en", "AB"),
            ("detik rows", [detik_record(r) for r in detik.values()], "detik-1000", None, "id", "C")]
    if POLNEAR.is_dir():
        sets.append(("polnear", polnear_records(), "polnear", None, "en", "E"))
    rows, out = [], {}
    for tag, recs, name, gold, lang, folds in sets:
        _report(recs, name)  # the store the plants start from (analysed once)
        with Store((CACHE if REUSE else tmp_dir()) / f"compare-{name}" / "kliping.db") as store:
            arts = {a.id: a for a in store.articles()}
        groups: dict[str, list] = collections.defaultdict(list)
        for a in arts.values():
            key = gold.get(a.id) if gold is not None else a.event
            if key is not None and (gold is not None or a.id not in gd):
                groups[key].append(a)
        if gold is None:  # sets C and E: Kliping's own events (for C, wholly outside labels-dev)
            groups = {e: rs for e, rs in groups.items() if all(x.event == e for x in rs)
                      and len(rs) == sum(1 for x in arts.values() if x.event == e)}
        truth = gold if gold is not None else {a.id: a.event for a in arts.values()}
        for fold in folds:
            hit: collections.Counter = collections.Counter()
            total: collections.Counter = collections.Counter()
            alarms = multi = 0
            for e, rs in sorted(groups.items()):
                if (gold is not None and _fold(e) != fold) or len({a.text for a in rs}) < 2:
                    continue
                if gold is None:
                    multi += 1
                    alarms += len(analyze_event(rs)["comparison"]["conflicts"])
                rs = sorted(rs, key=lambda a: (a.published or "", a.id))
                for kind, original, planted in kplant._candidates([a.text for a in rs], lang):
                    holders = [a for a in rs if original in a.text or (
                        kind == "place" and re.search(rf"\b{re.escape(original)}\b", a.text))]
                    for target in dict.fromkeys([holders[-1].id, holders[0].id]):
                        new = copy.deepcopy(arts[target])
                        pat = rf"(?<![\w]){re.escape(original)}(?![\w])"
                        new.text = re.sub(pat, planted, new.text)
                        new.paragraphs = [re.sub(pat, planted, x) for x in new.paragraphs]
                        new.entities, new.dates, new.quotes, new.flags = [], [], [], []
                        members = [enrich_article(new) if a.id == target else a
                                   for a in arts.values() if a.event == arts[target].event]
                        rep = {"articles": [{"id": a.id} for a in members], "events": [analyze_event(members)]}
                        plant = {"event": e, "article": target, "kind": kind, "original": original,
                                 "planted": planted}
                        total[kind] += 1
                        hit[kind] += kplant.found(rep, [plant], truth)["found"]
            n, found = sum(total.values()), sum(hit.values())
            rows.append([tag, fold, found, n, round(found / max(n, 1), 3),
                         {k: f"{hit[k]}/{total[k]}" for k in sorted(total)},
                         round(alarms / multi, 3) if multi else None, multi or None])
            key = tag.replace(" ", "_")
            out[f"compare.extra_{key}_{fold}_found"] = round(found / max(n, 1), 4)
            if multi:
                out[f"compare.extra_{key}_{fold}_minus_false_alarms"] = -round(alarms / multi, 4)
    table(rows, ["data", "set", "found", "plants", "recall", "by kind", "false alarms/event", "multi events"],
          "Extra plants (every candidate value, first and last holder; fold B held out; C: the 1,000 detik rows' "
          "events outside labels-dev; E: PolNeAR's events, English, held out)")
    return out


def main() -> int:
    argv = [a for a in sys.argv[1:] if a != "--reuse"]
    sys.argv[1:] = argv
    t0 = time.perf_counter()
    code = common.run_sections(__doc__, {"seeds": eval_seeds, "planted": eval_planted, "own": eval_own,
                                         "extra": eval_extra}, slow=("extra",))
    print(f"({time.perf_counter() - t0:.0f} s in all)")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
