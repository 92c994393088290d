"""Article-level quality of `kliping analyze`: body extraction, boilerplate removal and metadata, as tables.

Sections (pick with --only):
  seeds        the five hand-annotated seed articles (../shared/seeds/gold.json)
  detik        the 40 detik articles with body/boilerplate line labels (labels-dev), exactly as score-dev scores them
  trafilatura  trafilatura's HTML benchmark: must/must-not snippets, side by side with trafilatura itself
  readability  Readability.js test pages: title, byline, site name, date, language
  examples     the project's own bundled examples (examples/gold.json): invented outlets with site names, taglines,
               navigation menus and every kind of boilerplate the seeds and detik lack

Run from anywhere:  .venv/bin/python bench/eval_articles.py [--only seeds,detik] [--quick] [--verbose] [--json FILE]
(the project's venv has trafilatura, which the side-by-side comparison needs). --json writes every number as a
flat {"section.measure": value} object; bench/gate.py compares those with bench/floors.json.
"""
from __future__ import annotations

import datetime as dt
import importlib
import json
import statistics
import sys
import time
from typing import Any

import common
from common import DATA, SHARED, analyze, rate, read_jsonl, source_name, table, tmp_dir, unpack_gz

common.require_shared("eval_articles")
from kdata import detik_record, detik_rows, write_jsonl  # noqa: E402
from kscore import bag_prf, name_match, norm, prf, removal_counts  # noqa: E402

SECTIONS = ("seeds", "detik", "trafilatura", "readability", "examples")
QUICK_TRAFILATURA = 150  # pages, the first ones by file name: ~1 minute for both extractors on the CI machine

Numbers = dict[str, float]


# ---------- small helpers ----------

def line_verdicts(labelled: list[tuple[str, bool]], text: str) -> list[tuple[str, bool, bool]]:
    """(line, is_boilerplate, removed) per line, decided by kscore.removal_counts itself so lists agree with counts."""
    out = []
    for line, bp in labelled:
        tp, fp, _ = removal_counts([(line, bp)], text)
        out.append((line, bp, bool(tp or fp)))
    return out


def removal_reason(article: dict, line: str) -> str:
    """The reason the report gives for removing a line, if it lists it."""
    n = norm(line)
    for r in article.get("removed") or []:
        if isinstance(r, dict) and norm(str(r.get("line", ""))) == n:
            return str(r.get("reason", ""))
    return ""


def print_line_errors(label: str, article: dict, labelled: list[tuple[str, bool]]) -> None:
    """List body lines wrongly removed and boilerplate lines wrongly kept (--verbose)."""
    for line, bp, removed in line_verdicts(labelled, article.get("text", "")):
        if bp == removed:
            continue
        what = "kept boilerplate" if bp else f"removed body ({removal_reason(article, line) or 'no reason listed'})"
        print(f"  {label}: {what}: {line[:110]!r}")


def loose_match(gold: str, pred: str) -> bool:
    """Equal after norm, or one contained in the other (both non-empty): 'Aleš Vávra' ~ 'By Aleš Vávra'."""
    g, p = norm(gold), norm(pred)
    return bool(g) and bool(p) and (g == p or g in p or p in g)


def parse_time(v: Any) -> dt.datetime | None:
    if not v:
        return None
    try:
        return dt.datetime.fromisoformat(str(v).replace("Z", "+00:00"))
    except ValueError:
        return None


def same_time(gold: Any, pred: Any) -> bool:
    """Published times are equal as datetimes (13:15+07:00 == 06:15Z); both null is equal too."""
    if not gold or not pred:
        return not gold and not pred
    g, p = parse_time(gold), parse_time(pred)
    try:
        return g is not None and p is not None and g == p
    except TypeError:  # one naive, one aware: the contract asks for an offset, so that is a miss
        return False


def authors_str(authors: Any) -> str:
    if isinstance(authors, list):
        return "; ".join(str(a) for a in authors if a)
    return str(authors or "")


def snippet_counts(with_: list[str], without: list[str], text: str) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) with trafilatura's convention, comparing after kscore.norm on both sides."""
    t = norm(text)
    tp = sum(1 for s in with_ if norm(s) in t)
    fp = sum(1 for s in without if norm(s) in t)
    return tp, len(with_) - tp, fp, len(without) - fp


def snippet_scores(c: list[int]) -> tuple[float, float, float, float]:
    """Precision, recall, F1 and accuracy from summed (tp, fn, fp, tn)."""
    tp, fn, fp, tn = c
    p, r, f = prf(tp, tp + fp, tp + fn)
    return p, r, f, (tp + tn) / max(1, tp + fn + fp + tn)


# ---------- seeds ----------

def eval_seeds(verbose: bool) -> Numbers:
    """The seeds carry full gold (body lines, title, outlet, author, date, cited sources, pagination)."""
    seeds = SHARED / "seeds"
    gold = json.loads((seeds / "gold.json").read_text())["documents"]
    rep = analyze([seeds], "seeds")
    arts = {source_name(a.get("source")): a for a in rep.get("articles", [])}
    rows, f1s, rm = [], [], [0, 0, 0]
    hits: dict[str, list[bool]] = {k: [] for k in ("title", "outlet", "author", "published", "partial")}
    cited_found = cited_gold = 0
    for fn, g in gold.items():
        a = arts.get(fn, {})
        text = a.get("text", "") or ""
        lines = (seeds / fn).read_text().split("\n")
        p, r, f = bag_prf("\n".join(lines[i - 1] for i in g["body"]), text)
        f1s.append(f)
        lab = [(line, n + 1 not in g["body"]) for n, line in enumerate(lines) if line.strip()]
        rm = [x + y for x, y in zip(rm, removal_counts(lab, text), strict=True)]

        title_ok = norm(a.get("title") or "") == norm(g["title"])
        outlet_ok = None
        if g.get("outlet"):
            go, po = norm(g["outlet"]), norm(a.get("outlet") or "")
            outlet_ok = bool(po) and (go == po or go in po)
        author_ok = None
        if g.get("author"):
            author_ok = any(norm(x) == norm(g["author"]) or name_match(g["author"], x)
                            for x in a.get("authors") or [])
        pub_ok = same_time(g.get("published"), a.get("published"))
        partial_ok = bool(a.get("partial")) == ("pagination" in g)
        gc, pc = g.get("cited_sources") or [], [str(x) for x in a.get("cited_sources") or []]
        found = sum(1 for c in gc if any(loose_match(c, x) for x in pc))
        cited_found += found
        cited_gold += len(gc)
        for field, ok in (("title", title_ok), ("outlet", outlet_ok), ("author", author_ok),
                          ("published", pub_ok), ("partial", partial_ok)):
            if ok is not None:
                hits[field].append(ok)
        rows.append([fn[:3] if a else f"{fn[:3]} (missing)", p, r, f, title_ok, outlet_ok, author_ok, pub_ok,
                     f"{found}/{len(gc)} (+{len(pc)} pred)", partial_ok])
        if verbose:
            if not title_ok:
                print(f"  seed {fn[:3]}: title {a.get('title')!r} != {g['title']!r}")
            if outlet_ok is False or author_ok is False or not pub_ok:
                print(f"  seed {fn[:3]}: outlet {a.get('outlet')!r} (gold {g.get('outlet')!r}), authors "
                      f"{a.get('authors')!r} (gold {g.get('author')!r}), published {a.get('published')!r} "
                      f"(gold {g.get('published')!r})")
            if found < len(gc):
                print(f"  seed {fn[:3]}: cited {pc!r} (gold {gc!r})")
            print_line_errors(f"seed {fn[:3]}", a, lab)
    table(rows, ["seed", "body P", "body R", "body F1", "title", "outlet", "author", "published", "cited found",
                 "partial"], "Seeds (5 hand-annotated articles)")
    bp, br, bf = prf(rm[0], rm[0] + rm[1], rm[0] + rm[2])
    out: Numbers = {"seeds.body_f1_min": min(f1s), "seeds.body_f1_mean": statistics.mean(f1s),
                    "seeds.boilerplate_p": bp, "seeds.boilerplate_r": br, "seeds.boilerplate_f1": bf}
    for k, v in hits.items():
        if (x := rate(sum(v), len(v))) is not None:
            out[f"seeds.{k}_acc"] = x
    if cited_gold:
        out["seeds.cited_recall"] = cited_found / cited_gold
    summary = [["body-token F1 min / mean", f"{min(f1s):.3f} / {statistics.mean(f1s):.3f}"],
               ["boilerplate-line P / R / F1", f"{bp:.3f} / {br:.3f} / {bf:.3f}"]]
    summary += [[f"{k} correct", f"{sum(v)}/{len(v)}"] for k, v in hits.items()]
    summary.append(["cited sources recall", f"{cited_found}/{cited_gold}"])
    table(summary, ["seeds", "value"])
    return out


# ---------- detik labels-dev ----------

def eval_detik(verbose: bool) -> Numbers:
    """Boilerplate-line F1 and body lines kept on the 40 line-labelled detik articles, as score-dev computes them."""
    dev = DATA / "detik" / "labels-dev"
    rows = detik_rows()
    ids = json.loads((dev / "quote_line_ids.json").read_text())
    gl: dict[str, list] = {}
    for rec in read_jsonl(dev / "lines.jsonl"):
        gl.setdefault(str(rec["id"]), []).append(rec)
    inp = write_jsonl(tmp_dir() / "detik-lines.jsonl", [detik_record(rows[str(i)]) for i in ids])
    rep = analyze([inp], "detik-lines")
    by_id = {str(a["id"]): a for a in rep.get("articles", [])}
    rm, n_body, n_bp, missing = [0, 0, 0], 0, 0, 0
    for i in map(str, ids):
        src = rows[i]["isi_berita"].split("\n")
        lab = [(src[rec["line"] - 1], rec["label"] == "boilerplate") for rec in gl[i]]
        n_body += sum(1 for _, bp in lab if not bp)
        n_bp += sum(1 for _, bp in lab if bp)
        a = by_id.get(i)
        missing += a is None
        rm = [x + y for x, y in zip(rm, removal_counts(lab, (a or {}).get("text", "")), strict=True)]
        if verbose:
            print_line_errors(f"detik {i}", a or {}, lab)
    p, r, f = prf(rm[0], rm[0] + rm[1], rm[0] + rm[2])
    kept = 1 - rm[1] / max(1, n_body)
    table([[len(ids), missing, n_body, n_bp, p, r, f, rm[1], rm[2], kept]],
          ["articles", "missing", "body lines", "bp lines", "bp P", "bp R", "bp F1", "body removed", "bp kept",
           "body kept"], "detik labels-dev (40 articles, line labels)")
    return {"detik.boilerplate_p": p, "detik.boilerplate_r": r, "detik.boilerplate_f1": f, "detik.body_kept": kept}


# ---------- trafilatura benchmark ----------

def html_name(file: str) -> str:
    return file if file.lower().endswith((".html", ".htm")) else f"{file}.html"


def eval_trafilatura(quick: bool, verbose: bool) -> Numbers:
    """Snippet P/R/F1 on trafilatura's benchmark, Kliping next to trafilatura alone on the same pages."""
    root = DATA / "trafilatura_eval"
    pages = sorted(read_jsonl(root / "pages.jsonl"), key=lambda x: x["file"])
    if quick:
        pages = pages[:QUICK_TRAFILATURA]
    folder = unpack_gz(((root / p["html_path"], html_name(p["file"])) for p in pages), tmp_dir() / "trafilatura-html")
    t0 = time.perf_counter()
    rep = analyze([folder], "trafilatura-out")
    k_secs = time.perf_counter() - t0
    arts = {source_name(a.get("source")): a for a in rep.get("articles", [])}

    trafilatura: Any = None
    try:
        trafilatura = importlib.import_module("trafilatura")
    except ImportError as e:
        print(f"trafilatura not importable ({e}); run with the project's venv for the side-by-side row")

    kc, tc = [0, 0, 0, 0], [0, 0, 0, 0]
    meta_k: dict[str, list[bool]] = {"title": [], "author": [], "date": []}
    meta_t: dict[str, list[bool]] = {"title": [], "author": [], "date": []}
    missing, t_secs, worse = 0, 0.0, []
    for pg in pages:
        a = arts.get(source_name(html_name(pg["file"])))
        missing += a is None
        a = a or {}
        k = snippet_counts(pg["with"], pg["without"], a.get("text", "") or "")
        kc = [x + y for x, y in zip(kc, k, strict=True)]
        gold_author = authors_str(pg.get("author"))
        if pg.get("title"):
            meta_k["title"].append(norm(a.get("title") or "") == norm(pg["title"]))
        if gold_author:
            meta_k["author"].append(loose_match(gold_author, authors_str(a.get("authors"))))
        if pg.get("date"):
            meta_k["date"].append(str(a.get("published") or "")[:10] == str(pg["date"])[:10])
        if trafilatura is None:
            continue
        html = (folder / html_name(pg["file"])).read_bytes()
        t1 = time.perf_counter()
        text = trafilatura.extract(html, url=pg["url"]) or ""
        t_secs += time.perf_counter() - t1
        t = snippet_counts(pg["with"], pg["without"], text)
        tc = [x + y for x, y in zip(tc, t, strict=True)]
        md = trafilatura.extract_metadata(html, default_url=pg["url"])
        if pg.get("title"):
            meta_t["title"].append(norm(getattr(md, "title", None) or "") == norm(pg["title"]))
        if gold_author:
            meta_t["author"].append(loose_match(gold_author, getattr(md, "author", None) or ""))
        if pg.get("date"):
            meta_t["date"].append(str(getattr(md, "date", None) or "")[:10] == str(pg["date"])[:10])
        if verbose and k[0] + k[3] < t[0] + t[3]:
            worse.append((pg, a.get("text", "") or "", text))

    kp, kr, kf, ka = snippet_scores(kc)
    rows: list[list[Any]] = [["kliping", len(pages), missing, *kc, kp, kr, kf, ka, len(pages) / max(k_secs, 1e-9)]]
    out: Numbers = {"trafilatura.pages": len(pages), "trafilatura.precision": kp, "trafilatura.recall": kr,
                    "trafilatura.f1": kf, "trafilatura.accuracy": ka}
    for key, v in meta_k.items():
        if (x := rate(sum(v), len(v))) is not None:
            out[f"trafilatura.{key}_acc"] = x
    if trafilatura is not None:
        tp_, tr_, tf_, ta_ = snippet_scores(tc)
        rows.append([f"trafilatura {trafilatura.__version__}", len(pages), None, *tc, tp_, tr_, tf_, ta_,
                     len(pages) / max(t_secs, 1e-9)])
        out.update({"trafilatura.baseline_precision": tp_, "trafilatura.baseline_recall": tr_,
                    "trafilatura.baseline_f1": tf_, "trafilatura.baseline_accuracy": ta_,
                    "trafilatura.f1_delta": kf - tf_})
        for key, v in meta_t.items():
            if (x := rate(sum(v), len(v))) is not None:
                out[f"trafilatura.baseline_{key}_acc"] = x
    title = f"trafilatura benchmark ({'quick: first ' if quick else ''}{len(pages)} pages; snippets after norm)"
    table(rows, ["extractor", "pages", "missing", "TP", "FN", "FP", "TN", "P", "R", "F1", "acc", "pages/s"], title)
    if trafilatura is not None:
        print(f"F1 delta (kliping - trafilatura): {out['trafilatura.f1_delta']:+.4f}")
    mrows = [[key, len(meta_k[key]), rate(sum(meta_k[key]), len(meta_k[key])),
              rate(sum(meta_t[key]), len(meta_t[key])) if trafilatura is not None else None] for key in meta_k]
    table(mrows, ["metadata", "gold pages", "kliping", "trafilatura"],
          "trafilatura benchmark metadata (title: norm equal; author: norm equal/contained; date: first 10 chars)")
    for pg, ktext, ttext in worse:
        lost = [s for s in pg["with"] if norm(s) not in norm(ktext) and norm(s) in norm(ttext)]
        leaked = [s for s in pg["without"] if norm(s) in norm(ktext) and norm(s) not in norm(ttext)]
        print(f"  {pg['file']}: kliping misses {lost!r}; keeps {leaked!r}")
    return out


# ---------- readability test pages ----------

def eval_readability(verbose: bool) -> Numbers:
    """Metadata agreement with Readability.js's expected outputs (a regression check, not human gold)."""
    root = DATA / "readability_testpages"
    meta = sorted(read_jsonl(root / "metadata.jsonl"), key=lambda m: m["page"])
    meta = [m for m in meta if (root / "pages" / m["page"] / "source.html.gz").exists()]
    folder = unpack_gz(((root / "pages" / m["page"] / "source.html.gz", f"{m['page']}.html") for m in meta),
                       tmp_dir() / "readability-html")
    rep = analyze([folder], "readability-out")
    arts = {source_name(a.get("source")): a for a in rep.get("articles", [])}
    checks: dict[str, list[bool]] = {"title": [], "byline": [], "site": [], "date": [], "lang": []}
    missing = 0
    for m in meta:
        a = arts.get(source_name(f"{m['page']}.html"))
        missing += a is None
        a = a or {}
        got = {
            "title": (m.get("title"), norm(a.get("title") or "") == norm(m.get("title") or "")),
            "byline": (m.get("byline"), loose_match(m.get("byline") or "", authors_str(a.get("authors")))),
            "site": (m.get("siteName"), loose_match(m.get("siteName") or "", a.get("outlet") or "")),
            "date": (m.get("publishedTime"),
                     str(a.get("published") or "")[:10] == str(m.get("publishedTime") or "")[:10]),
            "lang": (m.get("lang"), str(a.get("language") or "")[:2].lower() == str(m.get("lang") or "")[:2].lower()),
        }
        pred = {"title": a.get("title"), "byline": a.get("authors"), "site": a.get("outlet"),
                "date": a.get("published"), "lang": a.get("language")}
        for k, (g, ok) in got.items():
            if not g:
                continue
            checks[k].append(ok)
            if verbose and not ok:
                print(f"  readability {m['page']}: {k} {pred[k]!r} != {g!r}")
    rows = [[k, len(v), sum(v), rate(sum(v), len(v))] for k, v in checks.items()]
    table(rows, ["field", "gold pages", "match", "rate"],
          f"Readability test pages ({len(meta)} pages, {missing} without an article)")
    return {f"readability.{k}_acc": x for k, v in checks.items() if (x := rate(sum(v), len(v))) is not None}


# ---------- main ----------

# ---------- bundled examples ----------

def eval_examples(verbose: bool) -> Numbers:
    """Metadata and body lines on examples/: pages written for this project, so their gold is ours to publish."""
    ex = common.ROOT / "examples"
    gold = json.loads((ex / "gold.json").read_text())["documents"]
    feed = {json.loads(line)["id"]: json.loads(line) for line in (ex / "feed.jsonl").read_text().splitlines()
            if line.strip()}
    rep = analyze([ex / "pages", ex / "feed.jsonl"], "examples")
    arts: dict[str, dict] = {}
    for a in rep.get("articles", []):
        arts[str(a["id"]) if str(a["id"]) in feed else "pages/" + source_name(a.get("source"))] = a
    rows, f1s, rm = [], [], [0, 0, 0]
    hits: dict[str, list[bool]] = {k: [] for k in ("title", "outlet", "author", "published", "language")}
    for key, g in gold.items():
        a = arts.get(key, {})
        text = a.get("text", "") or ""
        pf1: Any = None
        if g["format"] in ("txt", "jsonl-text"):
            src = (ex / key).read_text() if g["format"] == "txt" else feed[key]["text"]
            lines = src.split("\n")
            _, _, pf1 = bag_prf("\n".join(lines[i - 1] for i in g["body"]), text)
            f1s.append(pf1)
            lab = [(line, n + 1 not in g["body"]) for n, line in enumerate(lines) if line.strip()]
            rm = [x + y for x, y in zip(rm, removal_counts(lab, text), strict=True)]
            if verbose:
                print_line_errors(f"example {key}", a, lab)
        checks = {
            "title": norm(a.get("title") or "") == norm(g["title"]),
            "outlet": norm(a.get("outlet") or "").replace(" ", "") == norm(g["outlet"]).replace(" ", ""),
            "author": None if not g.get("author") else any(
                name_match(g["author"], x) for x in a.get("authors") or []),
            "published": same_time(g.get("published"), a.get("published")),
            "language": a.get("language") == g.get("language"),
        }
        for k, ok in checks.items():
            if ok is not None:
                hits[k].append(ok)
        if verbose:
            for k, ok in checks.items():
                if ok is False:
                    want = {"title": g["title"], "outlet": g["outlet"], "author": g.get("author"),
                            "published": g.get("published"), "language": g.get("language")}[k]
                    got = a.get("authors") if k == "author" else a.get(k)
                    print(f"  example {key}: {k} {got!r} != {want!r}")
        rows.append([key.split("/")[-1][:44] if a else f"{key} (missing)", pf1, *checks.values()])
    table(rows, ["document", "body F1", *hits], "Bundled examples (examples/gold.json)")
    bp, br, bf = prf(rm[0], rm[0] + rm[1], rm[0] + rm[2])
    out: Numbers = {"examples.body_f1_min": min(f1s), "examples.body_f1_mean": statistics.mean(f1s),
                    "examples.boilerplate_f1": bf}
    for k, v in hits.items():
        out[f"examples.{k}_acc"] = sum(v) / len(v)
    summary = [["body-token F1 min / mean", f"{min(f1s):.3f} / {statistics.mean(f1s):.3f}"],
               ["boilerplate-line P / R / F1", f"{bp:.3f} / {br:.3f} / {bf:.3f}"]]
    summary += [[f"{k} correct", f"{sum(v)}/{len(v)}"] for k, v in hits.items()]
    table(summary, ["examples", "value"])
    return out


def main() -> int:
    return common.run_sections(__doc__, {
        "seeds": lambda a: eval_seeds(a.verbose),
        "detik": lambda a: eval_detik(a.verbose),
        "trafilatura": lambda a: eval_trafilatura(a.quick, a.verbose),
        "readability": lambda a: eval_readability(a.verbose),
        "examples": lambda a: eval_examples(a.verbose),
    }, needs={"detik": DATA / "detik", "trafilatura": DATA / "trafilatura_eval",
              "readability": DATA / "readability_testpages", "seeds": SHARED / "seeds",
              "examples": common.ROOT / "examples"})

if __name__ == "__main__":
    sys.exit(main())
