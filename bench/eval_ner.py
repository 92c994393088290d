"""Score the shipped NER model the official way: entity-level exact span and type on character offsets.

    .venv/bin/python bench/eval_ner.py [--json FILE]

Each test sentence becomes a text (its tokens joined by single spaces, as kscore.gold_spans does) and
`kliping.enrich.ner.tag_entities` tags it; its PER/ORG/LOC spans are compared with the gold spans.
Also prints the model load time and the tagging speed in sentences per second.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from common import DATA, ROOT, base_parser, require_shared, table

sys.path.insert(0, str(ROOT / "src"))

TYPES = ("PER", "ORG", "LOC")
SPLITS = {"nergrit": "nergrit_ner-grit/test_preprocess.txt", "nerp": "nerp_ner-prosa/test_preprocess.txt"}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = tp / max(1, n_pred), tp / max(1, n_gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(path: Path) -> tuple[dict[str, tuple[float, float, float]], int, float]:
    """Per-type and micro (P, R, F1) on one CoNLL file; also the sentence count and the seconds spent tagging."""
    import kscore

    from kliping.enrich.ner import tag_entities

    tp = dict.fromkeys(TYPES, 0)
    npred = dict.fromkeys(TYPES, 0)
    ngold = dict.fromkeys(TYPES, 0)
    sents = kscore.conll_sentences(path)
    secs = 0.0
    for sent in sents:
        text, gold = kscore.gold_spans(sent)
        gold = {g for g in gold if g[2] in TYPES}
        t0 = time.perf_counter()
        pred = {(a, b, k) for a, b, k, _ in tag_entities(text, "id") if k in TYPES}
        secs += time.perf_counter() - t0
        for g in gold:
            ngold[g[2]] += 1
        for p in pred:
            npred[p[2]] += 1
            tp[p[2]] += p in gold
    out = {k: prf(tp[k], npred[k], ngold[k]) for k in TYPES}
    out["micro"] = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    return out, len(sents), secs


def main() -> None:
    ap = base_parser(__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="also write the numbers as flat JSON to this file")
    args = ap.parse_args()
    require_shared("eval_ner")
    if not (DATA / "indonlu_ner").is_dir():
        print(f"eval_ner: skipped, no {DATA / 'indonlu_ner'}")
        return

    from kliping.enrich import ner

    t0 = time.perf_counter()
    ner._tagger()
    load = time.perf_counter() - t0

    flat: dict[str, float] = {"ner.load_s": round(load, 4)}
    rows = []
    total_sents, total_secs = 0, 0.0
    for name, rel in SPLITS.items():
        scores, n, secs = evaluate(DATA / "indonlu_ner" / rel)
        total_sents += n
        total_secs += secs
        rows.append([name, *(scores[k][2] for k in (*TYPES, "micro")), scores["micro"][0], scores["micro"][1], n])
        for k in TYPES:
            flat[f"ner.{name}_{k.lower()}_f1"] = round(scores[k][2], 4)
        flat[f"ner.{name}_micro_f1"] = round(scores["micro"][2], 4)
        flat[f"ner.{name}_micro_p"] = round(scores["micro"][0], 4)
        flat[f"ner.{name}_micro_r"] = round(scores["micro"][1], 4)
    speed = total_sents / total_secs if total_secs else 0.0
    flat["ner.sentences_per_s"] = round(speed, 1)
    size = ner.MODEL_PATH.stat().st_size / 1e6
    flat["ner.model_mb"] = round(size, 2)

    table(rows, ["test split", "PER F1", "ORG F1", "LOC F1", "micro F1", "micro P", "micro R", "sentences"],
          "NER (entity-level exact span and type, character offsets; PER/ORG/LOC)")
    table([[f"{size:.2f} MB", f"{load * 1000:.0f} ms", round(speed)]], ["model size", "load time", "sentences/s"],
          "NER model cost")
    if args.json:
        args.json.write_text(json.dumps(flat, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
