"""A plain TF-IDF baseline for the event stage: is Kliping's event linking worth its features?

Each article (title and text as given) is a TF-IDF vector (scikit-learn, sublinear tf, l2 norm; fitted on the set's
texts, no labels); articles are taken in publication order and each joins the event whose centroid is most alike,
at a cosine of at least the threshold, among the events with an article at most WINDOW days earlier (detik; ECB+ has
no dates: every event is a candidate), or opens a new one. The threshold is chosen as `bench/train_events.py`
chooses the event model's (B-cubed F1 + pairwise F1, the best stretch of the grid), and held out the same way: for
each fold (odd/even day of the month; the five topical aspects the detik rows were collected under; ECB+ topics in
two halves), chosen on the other folds' articles alone and used for the fold's. Scores are the project's
(`../shared/tools/kscore.py`). Compare with Kliping's rows of `bench/train_events.py --cross`.

Run:  .venv/bin/python bench/baseline_events.py
"""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable

import numpy as np
from scipy import sparse

import common
from common import DATA, table

common.require_shared("baseline_events")
from kdata import detik_record, detik_rows, ecb_records  # noqa: E402
from kscore import bcubed, pairwise  # noqa: E402

from train_events import plateau  # noqa: E402  (the event model's rule for choosing a threshold)

WINDOW = 3  # days
THRESHOLDS = [round(0.10 + 0.025 * i, 3) for i in range(17)]  # 0.10 .. 0.50


def cluster(x: sparse.csr_matrix, days: list[dt.date | None], threshold: Callable[[int], float]) -> list[int]:
    """Single-pass centroid clustering of the rows of `x` (l2-normed, in the order given): each row's event."""
    sums: list[np.ndarray] = []
    last: list[dt.date | None] = []
    out = []
    for i in range(x.shape[0]):
        row = x[i].toarray().ravel()
        best, best_sim = -1, threshold(i)
        for k, total in enumerate(sums):
            if days[i] is not None and last[k] is not None and (days[i] - last[k]).days > WINDOW:
                continue
            sim = float(row @ total) / (float(np.linalg.norm(total)) or 1.0)
            if sim >= best_sim:
                best, best_sim = k, sim
        if best < 0:
            sums.append(row.copy())
            last.append(days[i])
            out.append(len(sums) - 1)
        else:
            sums[best] += row
            if days[i] is not None:
                last[best] = days[i] if last[best] is None else max(last[best], days[i])
            out.append(best)
    return out


def _score(ids: list[str], gold: dict[str, str], labels: list[int], keep: set[str]) -> tuple[float, float]:
    g = {a: gold[a] for a in ids if a in keep}
    p = {a: str(labels[k]) for k, a in enumerate(ids) if a in keep}
    return bcubed(g, p)[2], pairwise(g, p)[2]


def evaluate(ids: list[str], texts: list[str], days: list[dt.date | None], gold: dict[str, str],
             folds: dict[str, Callable[[str], str]]) -> list[list]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = sparse.csr_matrix(TfidfVectorizer(sublinear_tf=True).fit_transform(texts))
    runs = {th: cluster(x, days, lambda i, th=th: th) for th in THRESHOLDS}
    everyone = set(ids)
    sums = [sum(_score(ids, gold, runs[th], everyone)) for th in THRESHOLDS]
    best = THRESHOLDS[plateau(sums)]
    rows = [["in sample (threshold chosen on all)", best, *_score(ids, gold, runs[best], everyone)]]
    for name, part in folds.items():
        chosen = {}
        for k in sorted({part(a) for a in ids}):
            train = {a for a in ids if part(a) != k}
            chosen[k] = THRESHOLDS[plateau([sum(_score(ids, gold, runs[th], train)) for th in THRESHOLDS])]
        per_article = [chosen[part(a)] for a in ids]
        labels = cluster(x, days, per_article.__getitem__)
        rows.append([f"held out {name}", " / ".join(f"{chosen[k]:g}" for k in sorted(chosen)),
                     *_score(ids, gold, labels, everyone)])
    return rows


def main() -> int:
    t0 = time.time()
    rows = detik_rows()
    gold = {str(json.loads(x)["id"]): json.loads(x)["event"]
            for x in (DATA / "detik" / "labels-dev" / "events.jsonl").read_text().split("\n") if x.strip()}
    recs = sorted((detik_record(rows[i]) for i in gold), key=lambda r: (r["published"], r["id"]))
    ids = [r["id"] for r in recs]
    aspect = {i: str(r.get("aspek_target") or "?") for i, r in rows.items()}
    detik = evaluate(ids, [f"{r['title']}\n{r['text']}" for r in recs],
                     [dt.date.fromisoformat(r["published"][:10]) for r in recs], gold,
                     {"by day (odd/even)": lambda a: str(int(rows[a]["tanggal"].split("/")[1]) % 2),
                      "by event type (5 aspects)": lambda a: aspect[a]})
    ecb_recs, ecb_gold = ecb_records(DATA / "ecbplus" / "docs.jsonl")
    topics = sorted({r["id"].split("_")[0] for r in ecb_recs}, key=int)
    half = {t: str(k % 2) for k, t in enumerate(topics)}
    ecb = evaluate([r["id"] for r in ecb_recs], [r["text"] for r in ecb_recs], [None] * len(ecb_recs), ecb_gold,
                   {"by topic (two halves)": lambda a: half[a.split("_")[0]]})
    table([["detik labels-dev", *r] for r in detik] + [["ECB+ dev", *r] for r in ecb],
          ["data", "TF-IDF baseline", "threshold", "B3 F1", "pair F1"],
          f"Plain TF-IDF single-pass clustering (window {WINDOW} days on detik)")
    print(f"{time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
