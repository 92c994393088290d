"""Duplicates and syndicated copies (`kliping.corpus.dedup`): quality on real and bundled data, speed at scale.

Sections:
  detik     the 1,000 detik rows, cleaned as the CLI cleans them: every row whose URL or title equals an earlier
            row's must be linked (duplicate_of) to the first row of its group; extra links (near duplicates,
            copies) are counted and shown for eyeballing; the highest similarity between two *different* stories
            (the margin under the thresholds); ms/article for shingling + MinHash and for the whole `add`
  seeds     the 5 seed articles (no duplicate gold: they are different stories, so every link is listed)
  examples  the bundled examples against examples/gold.json `duplicates` (the two syndicated copies): precision,
            recall, credited source
  scale     synthetic articles (Zipf-sampled vocabulary, planted exact/URL duplicates, near duplicates, credited
            copies), 10k and 100k (--quick: 10k only), each in a fresh process, the index's rows written to a
            database file every RUN articles as runs of `kliping ingest` write them: ms/article (flushes included),
            peak RSS growth per article, recall of planted links, false links, the file's size and the time to open
            it again; and datasketch's
            MinHashLSH with the same bands at 10k, for the memory comparison the module docstring cites

Run:  .venv/bin/python bench/eval_dedup.py [--quick] [--json FILE] [--only detik,examples]
"""
from __future__ import annotations

import itertools
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import common
from common import ROOT, SHARED, base_parser, rate, table, tmp_dir

RUN = 1000  # articles a run of the scale section adds before its rows are written
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

import numpy as np  # noqa: E402

from kliping.clean import clean_article  # noqa: E402
from kliping.corpus import dedup  # noqa: E402
from kliping.corpus.dedup import DuplicateIndex, link_duplicates  # noqa: E402
from kliping.model import Article, RawPage  # noqa: E402
from kliping.sources.files import read_inputs, record_to_page  # noqa: E402

Numbers = dict[str, float]
SECTIONS = ("detik", "seeds", "examples", "scale")


def _clean_pages(paths: list[str]) -> list[Article]:
    return [clean_article(Article.from_page(p)) for p in read_inputs(paths) if isinstance(p, RawPage)]


def _rss_mb() -> float:
    """Peak RSS of this process image in MB. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent
    across fork+exec, so a worker started by a big parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------- detik ----------

def eval_detik(verbose: bool) -> Numbers:
    from kdata import detik_record, detik_rows

    rows = list(detik_rows().values())  # file order
    t0 = time.perf_counter()
    arts = []
    for r in rows:
        page = record_to_page(detik_record(r), "data_berita.jsonl", None)
        assert isinstance(page, RawPage)
        arts.append(clean_article(Article.from_page(page)))
    clean_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    sigs = [dedup.features(a)[1] for a in arts]
    feat_ms = (time.perf_counter() - t0) * 1000 / len(arts)
    idx = DuplicateIndex()
    t0 = time.perf_counter()
    linked = list(link_duplicates(arts, idx))
    add_ms = (time.perf_counter() - t0) * 1000 / len(arts)

    # The exact-duplicate twins: a row whose URL or title equals an earlier row's; its target is the group's first.
    first_by: dict[tuple[str, str], str] = {}
    twins: dict[str, str] = {}
    for r in rows:
        rid = str(r["id"])
        targets = [first_by[k] for k in (("u", r["tautan"]), ("t", r["judul"])) if k in first_by]
        if targets:
            twins[rid] = min(targets, key=int)
        for k in (("u", r["tautan"]), ("t", r["judul"])):
            first_by.setdefault(k, rid)
    by_id = {a.id: a for a in linked}
    ok = sum(by_id[t].duplicate_of == target for t, target in twins.items())
    wrong = [(t, target, by_id[t].duplicate_of, by_id[t].copy_of) for t, target in twins.items()
             if by_id[t].duplicate_of != target]
    extra = [a for a in linked if a.id not in twins and (a.duplicate_of or a.copy_of)]

    # The margin under the thresholds: how similar are the other pairs (twins collapsed to their first row)?
    keep = [i for i, a in enumerate(arts) if a.id not in twins and sigs[i] is not None]
    mat = np.stack([s for i in keep if (s := sigs[i]) is not None])
    sizes = np.array([dedup.features(arts[i])[0].size for i in keep])
    bins = [0.1, 0.3, 0.5, 0.8, 1.01]
    hist_j, hist_c = np.zeros(len(bins) - 1, dtype=int), np.zeros(len(bins) - 1, dtype=int)
    for n in range(len(keep) - 1):
        jac = (mat[n + 1:] == mat[n]).mean(axis=1)
        inter = jac * (sizes[n] + sizes[n + 1:]) / (1 + jac)  # |A n B| from Jaccard and sizes
        cont = np.minimum(1.0, inter / np.minimum(sizes[n], sizes[n + 1:]))  # of the smaller in the larger
        hist_j += np.histogram(jac, bins)[0]
        hist_c += np.histogram(cont, bins)[0]
    pairs = len(keep) * (len(keep) - 1) // 2

    table([["exact-duplicate twins (same URL or title as an earlier row)", len(twins)],
           ["  linked to the first row of their group", ok],
           ["extra links (near duplicates / copies among the other rows)", len(extra)],
           ["cleaning, ms/article (the CLI's clean_article)", round(clean_s * 1000 / len(arts), 2)],
           ["shingling + MinHash, ms/article", round(feat_ms, 3)],
           ["DuplicateIndex.add, ms/article (features + lookup + link)", round(add_ms, 3)]],
          ["detik, 1,000 rows", "value"], title="Detik: exact duplicates and extra links")
    print(f"(index counts: {idx.counts})")
    table([[f"[{lo}, {min(hi, 1.0)}{']' if hi > 1 else ')'}", int(hj), int(hc)]
           for lo, hi, hj, hc in zip(bins, bins[1:], hist_j, hist_c, strict=False)],
          ["similarity (MinHash estimate)", "pairs by Jaccard", "pairs by containment"],
          title=f"Detik: similarity of the {pairs:,} pairs of non-twin rows (pairs under 0.1 not shown)")
    if wrong:
        table([list(map(str, w)) for w in wrong[:20]], ["row", "expected", "duplicate_of", "copy_of"],
              title="Twins not linked as expected")
    if extra:
        sample = random.Random(0).sample(extra, min(len(extra), 10 if not verbose else len(extra)))
        table([[a.id, a.duplicate_of or (a.copy_of.id if a.copy_of else ""),
                "dup" if a.duplicate_of else f"copy {a.copy_of.overlap if a.copy_of else ''}",
                (a.title or "")[:55], (by_id[a.duplicate_of or (a.copy_of.id if a.copy_of else "")].title or "")[:55]]
               for a in sample], ["row", "linked to", "kind", "title", "title of the other"],
              title="Extra links, a sample for eyeballing")
    return {"dedup.detik_twins": len(twins), "dedup.detik_twins_linked": rate(ok, len(twins)) or 0.0,
            "dedup.detik_extra_links": len(extra), "dedup.detik_pairs_jaccard_0.5_0.8": int(hist_j[2]),
            "dedup.detik_pairs_containment_0.3_0.5": int(hist_c[1]),
            "dedup.detik_features_ms_per_article": round(feat_ms, 3),
            "dedup.detik_add_ms_per_article": round(add_ms, 3)}


# ---------- seeds ----------

def eval_seeds(verbose: bool) -> Numbers:
    seeds = SHARED / "seeds"
    arts = _clean_pages([str(p) for p in sorted(seeds.glob("*.txt"))])
    linked = list(link_duplicates(arts))
    rows = [[Path(a.source).name, "dup" if a.duplicate_of else "copy", a.duplicate_of or (a.copy_of and a.copy_of.id)]
            for a in linked if a.duplicate_of or a.copy_of]
    table(rows or [["(none)", "-", "-"]], ["seed", "link", "to"],
          title=f"Seeds: {len(arts)} articles, gold has no duplicates; links found: {len(rows)}")
    return {"dedup.seeds_links": len(rows)}


# ---------- bundled examples ----------

def eval_examples(verbose: bool) -> Numbers:
    ex = ROOT / "examples"
    gold = json.loads((ex / "gold.json").read_text())
    arts = _clean_pages([str(ex / "pages"), str(ex / "feed.jsonl")])

    def key(a: Article) -> str:
        src = str(a.source)
        return src.split("#", 1)[1] if "#" in src else "pages/" + Path(src).name

    keys = {a.id: key(a) for a in arts}
    linked = list(link_duplicates(arts))
    pred = {(keys[a.id], keys[a.duplicate_of or (a.copy_of.id if a.copy_of else "")]): a for a in linked
            if a.duplicate_of or a.copy_of}
    want = {(d["document"], d["duplicate_of"]) for d in gold["duplicates"]}
    tp = len(want & set(pred))
    rows = []
    for pair in sorted(want | set(pred)):
        a = pred.get(pair)
        kind = "-" if a is None else ("duplicate_of" if a.duplicate_of else "copy_of")
        cl = a.copy_of if a is not None else None
        rows.append([pair[0], pair[1], pair in want, pair in pred, kind, cl.overlap if cl else None,
                     cl.credited if cl else None])
    table(rows, ["document", "linked to", "gold", "found", "kind", "overlap", "credited"],
          title="Bundled examples: links vs examples/gold.json `duplicates`")
    p, r = rate(tp, len(pred)), rate(tp, len(want))
    credited = sum(1 for pair in want if pair in pred and (c := pred[pair].copy_of) is not None and c.credited)
    table([["precision", p], ["recall", r], ["gold copies with a credited source", rate(credited, len(want))]],
          ["examples", "value"])
    return {"dedup.examples_precision": p or 0.0, "dedup.examples_recall": r or 0.0,
            "dedup.examples_credited": rate(credited, len(want)) or 0.0}


# ---------- synthetic scale ----------

_SYL = ["ba", "ka", "ta", "ma", "na", "sa", "ra", "la", "pa", "da", "ga", "ja", "ha", "wa", "ya", "ng", "an", "in",
        "un", "em", "ber", "ter", "per", "kan", "nya", "lah", "si", "su", "ri", "ku", "to", "mo", "de", "pe"]


def _vocab(n: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def synthetic(n: int, seed: int = 7) -> Any:
    """Yield (Article, planted) for n synthetic articles: ~350 Zipf-sampled words in paragraphs, 40 outlets.

    Planted (each ~4%): "url" the same page under a mobile/AMP URL with utm_* parameters; "text" the same text
    under a new URL; "near" 4 words changed, same outlet; "copy" another outlet republishes 60-100% of an earlier
    article, with its own 30-word lead, crediting Antara. `planted` is (kind, index of the original) or None.
    """
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    vocab = np.array(_vocab(30000, rng))
    zipf = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    cdf = np.cumsum(zipf / zipf.sum())
    outlets = [f"outlet{k}.co.id" for k in range(40)]
    # Originals that later articles may repeat, as vocabulary indices (bounded, so the generator's own memory stays
    # small next to the index it feeds).
    kept: list[tuple[np.ndarray, str, str]] = []

    def sample(k: int) -> np.ndarray:
        return np.searchsorted(cdf, nrng.random(k)).astype(np.uint16)

    for i in range(n):
        kind = rng.choices(["new", "url", "text", "near", "copy"], [0.84, 0.04, 0.04, 0.04, 0.04])[0]
        credits: list[str] = []
        planted: tuple[str, int] | None = None
        if kind != "new" and kept:
            o = rng.randrange(len(kept))
            w, outlet, url = kept[o]
            planted = (kind, int(url.rsplit("-", 1)[1]))
            if kind == "url":
                url = url.replace("https://www.", "https://m.") + "/?utm_source=fb&utm_medium=social"
            elif kind == "text":
                url = f"https://{outlet}/berita/{i}-{i}"
            elif kind == "near":
                w = w.copy()
                for _ in range(4):
                    w[rng.randrange(len(w))] = rng.randrange(len(vocab))
                url = f"https://{outlet}/berita/{i}-{i}"
            else:
                cut = int(len(w) * rng.uniform(0.6, 1.0))
                start = rng.randrange(0, len(w) - cut + 1)
                w = np.concatenate([sample(30), w[start:start + cut]])
                outlet = rng.choice([x for x in outlets if x != outlet])
                url = f"https://{outlet}/berita/{i}-{i}"
                credits = ["Antara"]
        else:
            w, outlet = sample(rng.randint(250, 450)), rng.choice(outlets)
            url = f"https://www.{outlet}/berita/{i}-{i}"
            kept.append((w, outlet, url))
            if len(kept) > 2000:
                kept.pop(rng.randrange(len(kept)))
        words = vocab[w].tolist()
        paras = [" ".join(words[k:k + 60]) for k in range(0, len(words), 60)]
        art = Article(id=f"s{i}", source="synthetic", url=url, outlet=outlet, title=" ".join(vocab[sample(8)]),
                      text="\n\n".join(paras), cited_sources=credits)
        yield art, planted


def scale_worker(n: int, lsh: bool) -> dict[str, float]:
    """One scale run in this (fresh) process; prints nothing, returns numbers."""
    gen = synthetic(n)
    first = next(gen)  # the generator's own set-up (vocabulary, Zipf table) is not the index's memory
    if lsh:  # datasketch's MinHashLSH with the same bands, for the memory comparison
        from datasketch import MinHash, MinHashLSH

        index = MinHashLSH(num_perm=dedup.NUM_PERM, params=(dedup.BANDS, dedup.ROWS))
        base = _rss_mb()
        for art, _ in itertools.chain([first], gen):
            sig, _size = dedup.signature(dedup.tokens(art.text))
            assert sig is not None
            index.insert(art.id, MinHash(hashvalues=sig, permutations=np.array([dedup._PERM_A, dedup._PERM_B]),
                                                      scheme="affine32"),
                         check_duplication=False)
        return {"rss_mb": _rss_mb() - base}
    import sqlite3

    db_path = tmp_dir() / f"dedup-scale-{n}.db"
    db = sqlite3.connect(db_path)
    idx = DuplicateIndex(db)
    base = _rss_mb()
    add_s = flush_s = 0.0
    planted = found = false = 0
    missed: dict[str, int] = {}
    for k, (art, plant) in enumerate(itertools.chain([first], gen), 1):
        t = time.perf_counter()
        idx.add(art)
        add_s += time.perf_counter() - t
        if k % RUN == 0:  # the end of a run: its articles become rows, as `Store.save_corpus` writes them
            t = time.perf_counter()
            idx.flush()
            db.commit()
            flush_s += time.perf_counter() - t
        link = art.duplicate_of or (art.copy_of.id if art.copy_of else None)
        if plant is not None:
            planted += 1
            want = f"s{plant[1]}"
            kind_ok = (art.copy_of is not None) if plant[0] == "copy" else (art.duplicate_of is not None)
            found += link == want and kind_ok
            if not (link == want and kind_ok):
                missed[plant[0]] = missed.get(plant[0], 0) + 1
        elif link is not None:
            false += 1
    t = time.perf_counter()
    idx.flush()
    db.commit()
    flush_s += time.perf_counter() - t
    grow = _rss_mb() - base
    db.close()
    t = time.perf_counter()
    DuplicateIndex(sqlite3.connect(db_path), idx.state())  # what the next run opens
    load_s = time.perf_counter() - t
    return {"add_ms": (add_s + flush_s) * 1000 / n, "rss_mb": grow, "planted": planted, "found": found,
            "false": false, **{f"missed_{k}": v for k, v in missed.items()},
            "state_mb": db_path.stat().st_size / 1e6, "save_s": flush_s, "load_s": load_s}


def _run_worker(n: int, lsh: bool = False) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--scale-worker", str(n)] + (["--lsh"] if lsh else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def eval_scale(quick: bool) -> Numbers:
    sizes = [10_000] if quick else [10_000, 100_000]
    rows: list[list[Any]] = []
    nums: Numbers = {}
    misses: list[tuple[int, Any]] = []
    for n in sizes:
        r = _run_worker(n)
        misses.append((n, {k[7:]: int(v) for k, v in r.items() if k.startswith("missed_")} or "none"))
        tag = f"{n // 1000}k"
        rows.append([f"{n:,}", round(r["add_ms"], 3), round(r["rss_mb"], 1), round(r["rss_mb"] * 1e6 / n / 1024, 2),
                     f"{int(r['found'])}/{int(r['planted'])}", int(r["false"]), round(r["state_mb"], 1),
                     round(r["load_s"], 2)])
        nums |= {f"dedup.scale_{tag}_ms_per_article": round(r["add_ms"], 3),
                 f"dedup.scale_{tag}_rss_mb": round(r["rss_mb"], 1),
                 f"dedup.scale_{tag}_planted_recall": round(r["found"] / max(r["planted"], 1), 4),
                 # Links made, right ones among them: a planted link found, against a link where none was planted.
                 f"dedup.scale_{tag}_precision": round(r["found"] / max(r["found"] + r["false"], 1), 4),
                 f"dedup.scale_{tag}_false_links": r["false"], f"dedup.scale_{tag}_state_mb": round(r["state_mb"], 1),
                 f"dedup.scale_{tag}_reload_s": round(r["load_s"], 2)}
    table(rows, ["articles", "ms/article (add)", "peak RSS growth MB", "KB/article", "planted links found",
                 "false links", "rows MB", "reopen s"], title="Synthetic scale (each run in a fresh process)")
    print("(missed planted links by kind: "
          + "; ".join(f"{m[0]:,}: {m[1]}" for m in misses) + ")")
    ds = _run_worker(10_000, lsh=True)
    table([["DuplicateIndex (rows in SQLite, this run's in RAM)", rows[0][2]],
           [f"datasketch MinHashLSH, buckets only ({dedup.BANDS} bands of {dedup.ROWS})", round(ds["rss_mb"], 1)]],
          ["10k synthetic articles", "peak RSS growth MB"], title="Memory: our buckets vs datasketch MinHashLSH")
    nums["dedup.scale_10k_datasketch_lsh_rss_mb"] = round(ds["rss_mb"], 1)
    return nums


def main() -> int:
    ap = base_parser("Duplicate and syndication links: quality and speed.")
    ap.add_argument("--json", type=Path, help="write all numbers to this file as a flat JSON object")
    ap.add_argument("--only", help=f"comma-separated sections of {','.join(SECTIONS)}")
    ap.add_argument("--scale-worker", type=int, help=argparse_hidden())
    ap.add_argument("--lsh", action="store_true", help=argparse_hidden())
    args = ap.parse_args()
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker, args.lsh)))
        return 0
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    nums: Numbers = {}
    if only & {"detik", "seeds"}:
        common.require_shared("eval_dedup")
    if "detik" in only:
        nums |= eval_detik(args.verbose)
    if "seeds" in only:
        nums |= eval_seeds(args.verbose)
    if "examples" in only:
        nums |= eval_examples(args.verbose)
    if "scale" in only:
        nums |= eval_scale(args.quick)
    if args.json:
        args.json.write_text(json.dumps(nums, indent=1, sort_keys=True) + "\n")
    return 0


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
