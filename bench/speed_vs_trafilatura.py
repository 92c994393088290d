"""Full analysis against extraction alone (issue 16): `kliping analyze` on HTML pages against trafilatura's
`bare_extraction(with_metadata=True)` over the same pages in one process.

The pages: the first 300 of `../shared/data/trafilatura_eval/pages.jsonl` (--pages N for another count, --skip K to
start later), written as .html files to a temporary folder (not timed). Each side runs as its own child process,
start-up and imports included; wall time is time.perf_counter around it, CPU time the child's rusage (os.wait4,
pool workers included). The two sides alternate for --rounds rounds (default 3); the table gives each run and the
medians, and the ratio of the medians of wall time (issue 16 asks <= 1.0 on this 2-core machine). trafilatura uses
one core; `kliping analyze` uses both (its per-article stages run in a process pool).

Run:  .venv/bin/python bench/speed_vs_trafilatura.py [--pages 300] [--skip 0] [--rounds 3]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import common
from common import DATA, ROOT, VENV_PYTHON, table, tmp_dir

common.require_shared("speed_vs_trafilatura")

TRAFILATURA_ONLY = textwrap.dedent("""
    import sys
    from pathlib import Path
    from trafilatura import bare_extraction
    n = 0
    for path in sorted(Path(sys.argv[1]).glob("*.html")):
        doc = bare_extraction(path.read_text(encoding="utf-8", errors="replace"), with_metadata=True)
        n += doc is not None
    print(n)
""")


def write_pages(count: int, skip: int, folder: Path) -> int:
    """The pages as .html files named in corpus order (the order both sides read them in)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    root = DATA / "trafilatura_eval"
    rows = common.read_jsonl(root / "pages.jsonl")[skip:skip + count]
    for k, row in enumerate(rows):
        html = gzip.decompress((root / row["html_path"]).read_bytes()).decode("utf-8", errors="replace")
        (folder / f"{k:04d}.html").write_text(html, encoding="utf-8")
    return len(rows)


def measure(cmd: list[str]) -> tuple[float, float, int]:
    """(wall s, CPU s, exit code) of a child process."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        sys.stderr.write((p.stderr.read() if p.stderr else b"").decode(errors="replace")[-2000:])
    return wall, ru.ru_utime + ru.ru_stime, p.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    common.require_cli()
    folder = tmp_dir() / "speed-vs-trafilatura" / "pages"
    n = write_pages(args.pages, args.skip, folder)
    out = tmp_dir() / "speed-vs-trafilatura" / "out"
    kliping = [str(ROOT / ".venv" / "bin" / "kliping"), "analyze", str(folder), "--out", str(out)]
    trafilatura = [str(VENV_PYTHON), "-c", TRAFILATURA_ONLY, str(folder)]
    runs: dict[str, list[tuple[float, float]]] = {"trafilatura": [], "kliping": []}
    for _ in range(args.rounds):
        for name, cmd in (("trafilatura", trafilatura), ("kliping", kliping)):
            if name == "kliping" and out.exists():
                shutil.rmtree(out)
            wall, cpu, code = measure(cmd)
            # kliping's exit 1: some pages rejected (no article text), the rest analysed; trafilatura returns None
            # for such a page. Any other code is a failure.
            if code and not (name == "kliping" and code == 1):
                print(f"speed_vs_trafilatura: {name} failed (exit {code})", file=sys.stderr)
                return 1
            runs[name].append((wall, cpu))
    rows = []
    med = {}
    for name, rs in runs.items():
        med[name] = (statistics.median(w for w, _ in rs), statistics.median(c for _, c in rs))
        rows.append([name, n, " ".join(f"{w:.1f}" for w, _ in rs), med[name][0],
                     " ".join(f"{c:.1f}" for _, c in rs), med[name][1]])
    table(rows, ["what", "pages", "wall s (runs)", "wall s (median)", "CPU s (runs)", "CPU s (median)"],
          f"kliping analyze against trafilatura bare_extraction(with_metadata=True), {args.rounds} alternating rounds")
    ratio_wall = med["kliping"][0] / med["trafilatura"][0]
    ratio_cpu = med["kliping"][1] / med["trafilatura"][1]
    print(f"ratio (kliping / trafilatura): wall {ratio_wall:.2f}, CPU {ratio_cpu:.2f} (issue 16: wall <= 1.0)")
    if args.json:
        args.json.write_text(json.dumps({"speed.vs_trafilatura_wall": ratio_wall,
                                         "speed.vs_trafilatura_cpu": ratio_cpu}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
