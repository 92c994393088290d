"""English names: what the capitalisation fallback of `enrich.ner` (English has no model: none that is small,
offline and permissively licensed ships on PyPI without PyTorch) finds of ECB+'s named entity mentions.

ECB+ (../shared/data/ecbplus, annotations CC BY 3.0) marks the people, organisations and places taking part in
its events, named or not ('Tara Reid', 'her rep', 'she'), and only those: names that take part in no annotated
event are not marked, so precision cannot be measured, only recall. Gold here: the mentions typed
HUMAN_PART_PER (PER), HUMAN_PART_ORG (ORG), LOC_GEO / LOC_FAC (LOC) whose words are all capitalised (names, not
'her rep'), located by their text inside their sentence. Found: a predicted span with the same offsets (exact) or
overlapping it (overlap); "typed" also needs the predicted type to match.

    .venv/bin/python bench/eval_ner_en.py [--quick] [--json FILE]
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from common import DATA, base_parser, table
from kliping.enrich.ner import tag_entities

ECB = DATA / "ecbplus"
TYPES = {"HUMAN_PART_PER": "PER", "HUMAN_PART_ORG": "ORG", "LOC_GEO": "LOC", "LOC_FAC": "LOC"}
SMALL_WORDS = {"of", "the", "and", "for", "de", "la", "in", "on", "at", "'s", "&"}


def named(text: str) -> bool:
    """Every word capitalised (small connecting words aside), at least one letter: 'Betty Ford Center'."""
    words = text.split()
    return any(w[:1].isupper() for w in words) and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words)


def gold_mentions(docs: list[dict]) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, type) of the named gold mentions per document, offsets into the document's text."""
    by_doc: dict[str, list[dict]] = {}
    with (ECB / "mentions.jsonl").open(encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            if m["type"] in TYPES and named(m["text"]):
                by_doc.setdefault(m["doc_id"], []).append(m)
    out: dict[str, list[tuple[int, int, str]]] = {}
    for d in docs:
        text = d["text"]
        sents = {s["sentence"]: s["text"] for s in d["sentences"]}
        spans = set()
        for m in by_doc.get(d["doc_id"], []):
            sent = sents.get(m["sentence"], "")
            base = text.find(sent) if sent else -1
            at = sent.find(m["text"]) if base >= 0 else -1
            if at >= 0:
                spans.add((base + at, base + at + len(m["text"]), TYPES[m["type"]]))
        out[d["doc_id"]] = sorted(spans)
    return out


def main() -> int:
    p = base_parser(__doc__.split("\n")[0])
    p.add_argument("--json", help="write the numbers as one flat JSON object to this file")
    args = p.parse_args()
    if not (ECB / "mentions.jsonl").is_file():
        print(f"eval_ner_en: skipped, no ECB+ at {ECB}")
        return 0
    docs = [json.loads(x) for x in (ECB / "docs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.quick:
        docs = docs[::4]
    gold = gold_mentions(docs)
    n: Counter[str] = Counter()
    for d in docs:
        pred = tag_entities(d["text"], "en")
        spans = {(a, b): t for a, b, t, _ in pred}
        for a, b, t in gold[d["doc_id"]]:
            n[f"{t}.gold"] += 1
            if (a, b) in spans:
                n[f"{t}.exact"] += 1
                n[f"{t}.exact_typed"] += spans[(a, b)] == t
            hit = next((pt for (pa, pb), pt in spans.items() if pa < b and a < pb), None)
            if hit is not None:
                n[f"{t}.overlap"] += 1
                n[f"{t}.overlap_typed"] += hit == t
    rows, flat = [], {}
    for t in ("PER", "ORG", "LOC", "all"):
        keys = ("PER", "ORG", "LOC") if t == "all" else (t,)
        g = sum(n[f"{k}.gold"] for k in keys)
        vals = [sum(n[f"{k}.{m}"] for k in keys) / g if g else 0.0
                for m in ("exact", "exact_typed", "overlap", "overlap_typed")]
        rows.append([t, g, *vals])
        flat.update({f"ner_en.ecb_{t.lower()}_recall_exact": vals[0], f"ner_en.ecb_{t.lower()}_recall_typed": vals[1]})
    table(rows, ["type", "gold", "exact", "exact+type", "overlap", "overlap+type"],
          f"ECB+ named entity mentions found by the English fallback ({len(docs)} documents; recall only)")
    if args.json:
        Path(args.json).write_text(json.dumps(flat, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
