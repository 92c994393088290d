"""Train the Indonesian NER CRF (`src/kliping/models/ner-id.crfsuite`) from IndoNLU NERGrit and NERP.

    .venv/bin/python bench/train_ner.py            # train the shipped configuration, write the model, print test F1
    .venv/bin/python bench/train_ner.py --tune     # the grid on the valid splits that chose that configuration

The data is read in place from ../shared/data/indonlu_ner (Apache-2.0) and never copied into the repository.
Training is deterministic (L-BFGS, fixed data order), so the same data gives the same model.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from common import table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kliping.enrich.ner import MODEL_PATH, bio_spans, sentence_features  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonlu_ner"
GRIT = DATA / "nergrit_ner-grit"
NERP = DATA / "nerp_ner-prosa"

LABELS = {"PERSON": "PER", "PPL": "PER", "PLACE": "LOC", "PLC": "LOC", "ORGANISATION": "ORG", "IND": "ORG"}
TYPES = ("PER", "ORG", "LOC")

Sentence = list[tuple[str, str]]


def read(path: Path, misc: bool = False) -> list[Sentence]:
    """CoNLL `token\\ttag` sentences with tags mapped to PER/ORG/LOC; NERP's EVT/FNB become MISC or O."""
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        tok, tag = line.split("\t") if "\t" in line else line.split()
        if tag != "O":
            kind = LABELS.get(tag[2:], "MISC" if misc else None)
            tag = f"{tag[:2]}{kind}" if kind else "O"
        cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def train(data: Sequence[Sentence], out: Path, c1: float, c2: float, iters: int, transitions: bool) -> float:
    """Train one CRF to `out`; returns the seconds it took."""
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in data:
        trainer.append(sentence_features([t for t, _ in sent]), [tag for _, tag in sent])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters,
                        "feature.possible_transitions": transitions, "feature.possible_states": False})
    trainer.train(str(out))
    return time.perf_counter() - t0


def score(model: Path, sents: Sequence[Sentence]) -> dict[str, tuple[float, float, float]]:
    """Entity-level exact-span, exact-type P/R/F1 per type and micro (tokens are what the scorer's text splits into)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    tp = dict.fromkeys(TYPES, 0)
    npred = dict.fromkeys(TYPES, 0)
    ngold = dict.fromkeys(TYPES, 0)
    for sent in sents:
        gold = {s for s in bio_spans([t for _, t in sent]) if s[2] in TYPES}
        pred = {s for s in bio_spans(tagger.tag(sentence_features([w for w, _ in sent]))) if s[2] in TYPES}
        for s in gold:
            ngold[s[2]] += 1
        for s in pred:
            npred[s[2]] += 1
            tp[s[2]] += s in gold
    out = {}
    for k in (*TYPES, "micro"):
        a, p, g = (sum(d.values()) for d in (tp, npred, ngold)) if k == "micro" else (tp[k], npred[k], ngold[k])
        prec, rec = a / max(1, p), a / max(1, g)
        out[k] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


def tune() -> None:
    """Data mixes and CRF settings, each trained on train splits and scored on NERGrit valid."""
    grit_tr, grit_va = read(GRIT / "train_preprocess.txt"), read(GRIT / "valid_preprocess.txt")
    nerp_tr = read(NERP / "train_preprocess.txt")
    nerp_tr_misc = read(NERP / "train_preprocess.txt", misc=True)
    nerp_va = read(NERP / "valid_preprocess.txt")
    mixes = {"grit": grit_tr, "grit+nerp": grit_tr + nerp_tr, "grit+nerp(misc)": grit_tr + nerp_tr_misc}
    # (c1, c2, iterations, possible_transitions); the mixes without NERP get the first two only (they lost anyway).
    settings = [(0.1, 0.01, 200, True), (0.05, 0.01, 150, True), (0.03, 0.02, 150, True), (0.2, 0.01, 200, True),
                (0.05, 0.01, 150, False)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "m.crfsuite"
        for name, data in mixes.items():
            for c1, c2, iters, trans in settings if name == "grit+nerp" else settings[:2]:
                secs = train(data, model, c1, c2, iters, trans)
                g, p = score(model, grit_va), score(model, nerp_va)
                rows.append([name, c1, c2, iters, trans, g["PER"][2], g["ORG"][2], g["LOC"][2], g["micro"][2],
                             p["micro"][2], round(model.stat().st_size / 1e6, 2), round(secs, 1)])
                print(*rows[-1], sep="\t", flush=True)
    table(rows, ["data", "c1", "c2", "iters", "trans", "grit PER", "ORG", "LOC", "grit micro", "nerp micro", "MB",
                 "s"], "NER tuning (scored on the valid splits)")


# The shipped configuration; each value was chosen on NERGrit valid by `--tune`.
C1, C2, ITERS, TRANSITIONS = 0.05, 0.01, 150, True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true", help="run the tuning grid on the valid splits instead")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model")
    args = ap.parse_args()
    if not GRIT.is_dir() or not NERP.is_dir():
        print(f"train_ner: skipped, no IndoNLU NER data at {DATA}")
        return
    if args.tune:
        tune()
        return

    # Artifact: trained on NERGrit train+valid and NERP train+valid (PER/ORG/LOC; NERP's EVT/FNB as O).
    # c1, c2, iterations and possible_transitions were chosen on NERGrit valid (with NERP valid as a check) by
    # `--tune`, training on the train splits only; the test splits below were never used for a choice.
    data = (read(GRIT / "train_preprocess.txt") + read(GRIT / "valid_preprocess.txt")
            + read(NERP / "train_preprocess.txt") + read(NERP / "valid_preprocess.txt"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    secs = train(data, args.out, C1, C2, ITERS, TRANSITIONS)
    print(f"trained on {len(data)} sentences in {secs:.1f} s: c1={C1} c2={C2} iterations={ITERS} "
          f"possible_transitions={TRANSITIONS}; wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    rows = []
    for name, path in (("NERGrit test", GRIT / "test_preprocess.txt"), ("NERP test", NERP / "test_preprocess.txt")):
        s = score(args.out, read(path))
        rows.append([name, *(s[k][2] for k in (*TYPES, "micro")), s["micro"][0], s["micro"][1]])
    table(rows, ["split", "PER F1", "ORG F1", "LOC F1", "micro F1", "micro P", "micro R"],
          "NER test scores (entity-level exact span and type)")


if __name__ == "__main__":
    main()
