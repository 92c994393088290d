"""Cost of one long record: is the time per MB flat from 0.2 to 2 MB? (issue 12, finding 9 reported 2.2 s for a
0.2 MB record and 55 s for a 2 MB one; the steps that looked up spans, sentences or names by scanning them all once
per match were quadratic.)

Run:  python3 bench/speed_long_records.py [--quick] [--repeat N]     (--quick: the text variant once)
Each record is one JSONL line built from real detik prose (the 1,000 articles' bodies, concatenated in order and
cycled to the size), in four variants: `text` (paragraphs separated by a line break), `flat` (one paragraph of
thousands of sentences), `html` (an `html` field, each paragraph in <p>) and `repeat` (the detik article with the
most quote marks, repeated: the same speakers again and again, where the per-quote look-ups cost most). Two timings
per record, each in its own child process, the minimum of --repeat runs (the machine is shared; the minimum is the
least disturbed):

- clean + enrich: the per-article stages alone, after they ran once on a 5 KB record (CPU and wall seconds);
- analyze: `kliping analyze RECORD` end to end (start-up, store, corpus stages and report included; CPU seconds
  of the child and its workers, from rusage, and wall seconds).

CPU seconds are the steadier measure on a shared machine: other processes stretch the wall time, not the CPU time.
The acceptance line of the issue: the 2 MB record takes at most 12x the 0.2 MB one (10x is linear).
"""
from __future__ import annotations

import html
import json
import sys
import textwrap

import common
from common import VENV_PYTHON, base_parser, table, tmp_dir

common.require_shared("speed_long_records")
from kdata import detik_rows, write_jsonl  # noqa: E402

from speed_articles import last_line, measure, package_importable  # noqa: E402

SIZES_MB = (0.2, 0.8, 2.0)
VARIANTS = ("text", "flat", "html", "repeat")
WARM_MB = 0.005  # the warm-up record: the size of a news article
MAX_RATIO = 12.0  # issue 12's acceptance bound for 2 MB / 0.2 MB


def paragraphs(variant: str) -> list[str]:
    """Every paragraph of the detik bodies in file order, or (`repeat`) those of the article quoting the most."""
    bodies = [str(r["isi_berita"]) for r in detik_rows().values()]
    if variant == "repeat":
        bodies = [max(bodies, key=lambda b: sum(b.count(q) for q in '"“”'))]
    return [p.strip() for b in bodies for p in b.split("\n") if p.strip()]


def record(paras: list[str], mb: float, variant: str) -> dict:
    """One record of about `mb` MB of prose (paragraphs cycled until the size is reached)."""
    target, size = int(mb * 1_000_000), 0
    picked: list[str] = []
    while size < target:
        p = paras[len(picked) % len(paras)]
        picked.append(p)
        size += len(p.encode("utf-8")) + 1
    rid = f"{variant}-{mb}mb"
    if variant == "html":
        body = "".join(f"<p>{html.escape(p)}</p>" for p in picked)
        return {"id": rid, "html": f"<html><head><title>Berita panjang</title></head><body><article>{body}"
                                   "</article></body></html>"}
    return {"id": rid, "text": ("\n" if variant == "text" else " ").join(picked)}


def stage_snippet() -> str:
    """clean + enrich of the one record of argv[1], timed after the same stages ran on the short record of argv[2]
    (what a worker has done before a long record comes: models, alias index and regexes loaded) and after
    dateparser's locale patterns are loaded (once per process; htmldate falls back to it on long HTML pages).
    Prints one JSON line {"seconds": wall s, "cpu": CPU s, "chars": len(text)}."""
    return textwrap.dedent("""
        import json, sys, time
        from htmldate.extractors import external_date_parser
        from kliping.clean import clean_article
        from kliping.enrich.stage import enrich_article
        from kliping.model import Article, RawPage
        from kliping.sources import read_inputs

        def article(path):
            return Article.from_page(next(p for p in read_inputs([path]) if isinstance(p, RawPage)))

        enrich_article(clean_article(article(sys.argv[2])))
        external_date_parser("zzq 12 xxr 2025", "%Y-%m-%d")  # a string no locale reads: every locale loads
        art = article(sys.argv[1])
        t, c = time.perf_counter(), time.process_time()
        enrich_article(clean_article(art))
        print(json.dumps({"seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
                          "chars": len(art.text)}))
    """)


Timing = tuple[float | None, float | None]  # (CPU s, wall s), each the least of the runs; None when failed
NONE: Timing = (None, None)


def least(runs: list[tuple[float, float]]) -> Timing:
    return min(c for c, _ in runs), min(w for _, w in runs)


def time_stages(path: str, warm: str, repeat: int) -> Timing:
    """clean + enrich of the record over `repeat` child processes, or (None, None) when the snippet fails."""
    runs = []
    for _ in range(repeat):
        run = measure([str(VENV_PYTHON), "-c", stage_snippet(), path, warm])
        try:
            got = json.loads(last_line(run.stdout))
            runs.append((float(got["cpu"]), float(got["seconds"])))
        except (ValueError, KeyError, TypeError):
            print(f"clean + enrich of {path}: snippet failed (exit {run.returncode}: "
                  f"{last_line(run.stderr) or 'no output'})")
            return NONE
    return least(runs)


def time_analyze(cli: str, path: str, name: str, repeat: int) -> Timing:
    """`kliping analyze RECORD` over `repeat` runs, or (None, None) when it fails or loses the article."""
    runs = []
    for k in range(repeat):
        out = tmp_dir() / f"out-{name}-{k}"
        run = measure([cli, "analyze", path, "--out", str(out)])
        report = out / "report.json"
        n = len(json.loads(report.read_text()).get("articles", [])) if report.exists() else 0
        if run.returncode not in (0, 1) or n != 1:
            print(f"kliping analyze {name}: exit {run.returncode}, {n} articles ({last_line(run.stderr)})")
            return NONE
        runs.append((run.cpu, run.wall))
    return least(runs)


def per_mb(secs: float | None, mb: float) -> float | None:
    return secs / mb if secs is not None else None


def ratio(big: float | None, small: float | None) -> float | None:
    return big / small if big is not None and small else None


def main() -> int:
    ap = base_parser(__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=2, help="runs per timing; the minimum is kept (default 2)")
    ap.add_argument("--only", default=",".join(VARIANTS), help=f"comma-separated variants of {', '.join(VARIANTS)}")
    args = ap.parse_args()
    wanted = [v.strip() for v in args.only.split(",") if v.strip()]
    if bad := [v for v in wanted if v not in VARIANTS]:
        ap.error(f"unknown variant(s) {', '.join(bad)}; choose from {', '.join(VARIANTS)}")
    cli = common.require_cli()
    if not package_importable():
        print("speed_long_records: kliping.pipeline is not importable from .venv/bin/python")
        return 1
    variants = ["text"] if args.quick else [v for v in VARIANTS if v in wanted]
    repeat = 1 if args.quick else max(1, args.repeat)
    rows: list[list] = []
    got: dict[tuple[str, float], list[float | None]] = {}  # (variant, MB) -> stage CPU, stage wall, e2e CPU, wall
    for variant in variants:
        warm = write_jsonl(tmp_dir() / f"{variant}-warm.jsonl", [record(paragraphs(variant), WARM_MB, variant)])
        for mb in SIZES_MB:
            path = write_jsonl(tmp_dir() / f"{variant}-{mb}.jsonl", [record(paragraphs(variant), mb, variant)])
            size = path.stat().st_size / 1e6
            got[(variant, mb)] = t = [*time_stages(str(path), str(warm), repeat),
                                      *time_analyze(cli, str(path), f"{variant}-{mb}", repeat)]
            rows.append([variant, size, t[0], per_mb(t[0], size), t[1], t[2], per_mb(t[2], size), t[3]])
            print(f"({variant} {size:.2f} MB: clean + enrich {t[0] or 0:.1f} s CPU, analyze {t[2] or 0:.1f} s CPU)",
                  file=sys.stderr)
    table(rows, ["record", "MB", "clean+enrich CPU s", "CPU s/MB", "wall s", "analyze CPU s", "CPU s/MB", "wall s"],
          f"One long record per run (least of {repeat} run(s) each)")
    lo, hi = SIZES_MB[0], SIZES_MB[-1]
    ratios = [[v, *(ratio(got[(v, hi)][i], got[(v, lo)][i]) for i in range(4))] for v in variants]
    table(ratios, ["record", "clean+enrich CPU", "wall", "analyze CPU", "wall"],
          f"Time ratio {hi:g} MB / {lo:g} MB (linear: {hi / lo:g}; issue 12 asks at most {MAX_RATIO:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
