"""Throughput of the article pipeline on the 1,000 detik articles: end to end through the CLI, and the
per-article stages alone (clean + enrich, without start-up, reading or corpus stages).

Run:  python3 bench/speed_articles.py [--quick]     (--quick: the first 200 articles)
Each measured command runs as its own child process; wall time is time.perf_counter around it, CPU time and
peak RSS come from the kernel's rusage for that child (os.wait4, the per-child form of
getrusage(RUSAGE_CHILDREN), so a second measurement does not inherit the first one's peak).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass

import common
from common import ROOT, VENV_PYTHON, base_parser, table, tmp_dir

common.require_shared("speed_articles")
from kdata import detik_record, detik_rows, write_jsonl  # noqa: E402

QUICK_N = 200


@dataclass
class Run:
    """One measured child process."""
    returncode: int
    wall: float
    cpu: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def measure(cmd: list[str]) -> Run:
    """Run cmd to completion; wall from perf_counter, CPU and peak RSS from that child's rusage."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")  # as kscore.run: no network at run time
    out, err = tmp_dir() / "measure.out", tmp_dir() / "measure.err"
    with out.open("w") as fo, err.open("w") as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=ROOT, stdout=fo, stderr=fe, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 above; tell Popen so it does not wait again
    return Run(p.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, out.read_text(), err.read_text())


def article_stage_snippet() -> str:
    """The per-article stages alone (clean + enrich), run as `.venv/bin/python -c SNIPPET INPUT.jsonl WORKERS`.

    Reading and template learning are corpus work, so untimed; the pool's start-up (workers loading the models) is
    timed with the stages. Prints one JSON line {"articles": n, "seconds": s}.
    """
    return textwrap.dedent("""
        import json, sys, time
        from kliping.clean import clean_article, templates
        from kliping.enrich.stage import enrich_article
        from kliping.model import Article, RawPage
        from kliping.pipeline import LocalExecutor
        from kliping.sources import read_inputs
        arts = [Article.from_page(p) for p in read_inputs([sys.argv[1]]) if isinstance(p, RawPage)]
        learned = templates.learn(arts)
        arts = [templates.attach(a, learned) for a in arts]
        stages = [clean_article, enrich_article]
        t = time.perf_counter()
        n = sum(len(c) for c in LocalExecutor(workers=int(sys.argv[2])).map_chunks(stages, arts))
        print(json.dumps({"articles": n, "seconds": time.perf_counter() - t}))
    """)


def package_importable() -> bool:
    """The article-stage timing needs the package in the venv (it is absent before `make demo`)."""
    if not VENV_PYTHON.exists():
        return False
    return subprocess.run([str(VENV_PYTHON), "-c", "import kliping.pipeline"], cwd=ROOT,
                          capture_output=True, check=False).returncode == 0


def last_line(s: str) -> str:
    lines = [x for x in s.strip().splitlines() if x.strip()]
    return lines[-1] if lines else ""


def main() -> int:
    ap = base_parser(__doc__.split("\n")[0])
    args = ap.parse_args()
    cli = common.require_cli()
    rows_by_id = detik_rows()
    records = [detik_record(r) for r in rows_by_id.values()]
    if args.quick:
        records = records[:QUICK_N]
    inp = write_jsonl(tmp_dir() / "detik-all.jsonl", records)
    size_mb = inp.stat().st_size / 1e6
    rows: list[list] = []

    e2e = measure([cli, "analyze", str(inp), "--out", str(tmp_dir() / "speed-out")])
    report = tmp_dir() / "speed-out" / "report.json"
    if e2e.returncode not in (0, 1) or not report.exists():
        print(f"kliping analyze exited {e2e.returncode}: {last_line(e2e.stderr)}")
        return 1
    n = len(json.loads(report.read_text()).get("articles", []))
    if e2e.returncode or n != len(records):
        print(f"note: analyze exited {e2e.returncode} with {n} articles for {len(records)} records "
              f"({last_line(e2e.stderr)})")
    rows.append(["analyze (CLI, end to end)", n, e2e.wall, n / e2e.wall, e2e.cpu, e2e.peak_rss_mb])

    if package_importable():
        for workers in sorted({1, os.cpu_count() or 1}):
            st = measure([str(VENV_PYTHON), "-c", article_stage_snippet(), str(inp), str(workers)])
            try:
                got = json.loads(last_line(st.stdout))
                secs, m = float(got["seconds"]), int(got["articles"])
            except (ValueError, KeyError, TypeError):
                print(f"article stages: snippet failed (exit {st.returncode}: {last_line(st.stderr) or 'no output'}); "
                      "fix article_stage_snippet() in bench/speed_articles.py")
                break
            rows.append([f"article stages, {workers} worker(s)", m, secs, m / max(secs, 1e-9), st.cpu, st.peak_rss_mb])
    else:
        print("article stages: skipped, kliping.pipeline is not importable from .venv/bin/python")

    table(rows, ["what", "articles", "wall s", "articles/s", "CPU s", "peak RSS MB"],
          f"Speed on {len(records)} detik articles ({size_mb:.1f} MB JSONL, {os.cpu_count()} cores)")
    print("(article-stage rows time the stages only; CPU s and peak RSS cover the whole child process, pool workers "
          "included; peak RSS is the largest single process, not a sum)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
