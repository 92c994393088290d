"""Quotes and speakers (`kliping.enrich.quotes`) against the gold of the detik dev articles and the seeds.

Scored with the official definitions (../shared/tools/kscore.py `quote_scores`, as `score-dev annotate` does): a gold
quote is found when its first five words occur in a predicted quote's text; direct-quote recall and precision count
predicted quotes of kinds direct/partial against the non-indirect gold, indirect recall counts predicted indirect
quotes against the indirect gold; speaker accuracy is over found gold quotes that have a speaker. Each page is
cleaned first with the project's own cleaner, so `find_quotes` sees the same `text` as in `kliping analyze`.

    .venv/bin/python bench/eval_quotes.py [--verbose] [--json FILE]
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import common
from common import DATA, SHARED, base_parser, read_jsonl, table
from kliping.clean.article import clean_article
from kliping.enrich.quotes import find_quotes
from kliping.model import Article, RawPage
from kliping.sources.files import record_to_page

DEV = DATA / "detik" / "labels-dev"
SEEDS = SHARED / "seeds"


def detik_texts(ids: list[str] | None = None) -> dict[str, str]:
    """Cleaned body text of detik articles, by id (all 1,000 when `ids` is None)."""
    from kdata import detik_record, detik_rows

    rows = detik_rows()
    out = {}
    for i in ids if ids is not None else list(rows):
        page = record_to_page(detik_record(rows[i]), "detik.jsonl", None)
        if isinstance(page, RawPage):
            out[i] = clean_article(Article.from_page(page)).text
    return out


def seed_texts() -> dict[str, str]:
    out = {}
    for f in sorted(SEEDS.glob("*.txt")):
        page = RawPage(id=f.name, source=str(f), content=f.read_text(encoding="utf-8"))
        out[f.name] = clean_article(Article.from_page(page)).text
    return out


def as_dicts(text: str) -> list[dict[str, Any]]:
    return [q.__dict__ for q in find_quotes(text)]


def misses(gold: dict[str, list[dict]], pred: dict[str, list[dict]], kinds: tuple) -> list[str]:
    """One line per gold quote not found or with the wrong speaker, and per unmatched predicted quote."""
    from kscore import name_match, norm, words

    lines = []
    for doc, gq in gold.items():
        preds = [q for q in pred.get(doc, []) if (q.get("kind") or "direct") in kinds]
        ptexts = [" ".join(words(norm(q["text"]))) for q in preds]
        keys = [" ".join(words(g["starts"])[:5]) for g in gq]
        for g, key in zip(gq, keys, strict=True):
            hit = next((k for k, t in enumerate(ptexts) if key and key in t), None)
            if hit is None:
                lines.append(f"  {doc}: MISSED  {g['starts'][:60]!r} ({g.get('cue')}, {g.get('speaker')})")
            elif g.get("speaker") and not name_match(g["speaker"], preds[hit].get("speaker")):
                got = preds[hit]["speaker"]
                lines.append(f"  {doc}: SPEAKER {g['starts'][:40]!r} gold {g['speaker']!r} got {got!r}")
        for q, t in zip(preds, ptexts, strict=True):
            if not any(k and k in t for k in keys):
                lines.append(f"  {doc}: EXTRA   [{q['kind']}] {q['text'][:70]!r} ({q['speaker']})")
    return lines


def main() -> None:
    p = base_parser(__doc__.split("\n")[0])
    p.add_argument("--json", help="write the numbers as one flat JSON object to this file")
    args = p.parse_args()
    common.require_shared("eval_quotes")
    from kscore import name_match, quote_scores

    ids = [str(i) for i in json.loads((DEV / "quote_line_ids.json").read_text())]
    gq: dict[str, list[dict]] = {i: [] for i in ids}
    for r in read_jsonl(DEV / "quotes.jsonl"):
        gq.setdefault(str(r["id"]), []).append(r)
    texts = detik_texts(ids)
    pred = {i: as_dicts(texts[i]) for i in ids}
    g_dir = {i: [q for q in v if not q["indirect"]] for i, v in gq.items()}
    g_ind = {i: [q for q in v if q["indirect"]] for i, v in gq.items()}
    sd = quote_scores(g_dir, pred, kinds=("direct", "partial", None))
    si = quote_scores(g_ind, pred, kinds=("indirect",))

    gold = json.loads((SEEDS / "gold.json").read_text())
    stexts = seed_texts()
    spred = {fn: as_dicts(stexts.get(fn, "")) for fn in gold["documents"]}
    sgold = {fn: g["quotes"] for fn, g in gold["documents"].items()}
    ss = quote_scores(sgold, spred, kinds=("direct", "partial", None))
    ujarnya = next((q for q in spred.get("001_b0a3690bc96a2164.txt", []) if q.get("cue") == "ujarnya"), None)
    got = (ujarnya or {}).get("speaker") or ""
    putin_ok = name_match("Vladimir Putin", got) and len(got) >= len("Vladimir Putin")

    all_texts = detik_texts()
    t0 = time.perf_counter()
    n_quotes = sum(len(find_quotes(t)) for t in all_texts.values())
    ms = (time.perf_counter() - t0) * 1000 / max(1, len(all_texts))

    table([["detik labels-dev direct+partial", sd["gold"], sd["pred"], sd["recall"], sd["precision"],
            sd["speaker_acc"]],
           ["detik labels-dev indirect", si["gold"], si["pred"], si["recall"], None, si["speaker_acc"]],
           ["seeds direct+partial", ss["gold"], ss["pred"], ss["recall"], None, ss["speaker_acc"]]],
          ["quotes", "gold", "pred", "recall", "precision", "speaker"], "Quotes (kscore.quote_scores)")
    table([["seed 001 'ujarnya' speaker", got or None, putin_ok],
           ["detik 1,000: quotes found / ms per article", n_quotes, round(ms, 3)]], ["check", "value", "ok"])
    if args.verbose:
        print("\ndetik direct:\n" + "\n".join(misses(g_dir, pred, ("direct", "partial", None))))
        print("\ndetik indirect (extras are not scored):\n" + "\n".join(
            x for x in misses(g_ind, pred, ("indirect",)) if "EXTRA" not in x))
        print("\nseeds:\n" + "\n".join(x for x in misses(sgold, spred, ("direct", "partial", None))))
    if args.json:
        flat = {"quotes.detik_direct_recall": sd["recall"], "quotes.detik_direct_precision": sd["precision"],
                "quotes.detik_speaker_acc": sd["speaker_acc"], "quotes.detik_indirect_recall": si["recall"],
                "quotes.detik_indirect_speaker_acc": si["speaker_acc"], "quotes.seeds_recall": ss["recall"],
                "quotes.seeds_speaker_acc": ss["speaker_acc"], "quotes.seed001_ujarnya_putin": float(putin_ok),
                "quotes.ms_per_article": ms}
        Path(args.json).write_text(json.dumps(flat, indent=1) + "\n")


if __name__ == "__main__":
    main()
