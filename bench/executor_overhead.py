"""What `--executor ray` costs against the local executor on one machine (issue 16 item 3), and that both give the
same report.

`kliping analyze` over the first 300 detik rows (file order), once with the local process pool and once with
`--executor ray` (a Ray instance of its own started by the command, with as many CPUs as the machine has), each
into a fresh folder, timed end to end as a user sees it: Ray's start-up is in the number. The two report.json are
then compared: article ids and texts, entities, the event partition (event id -> its articles) and storylines.
A last row times `ray.init` + `ray.shutdown` alone, to show how much of the difference is Ray starting.

Run:  .venv/bin/python bench/executor_overhead.py [--rows 300] [--repeat 1]
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import common
from common import DATA, table, tmp_dir

common.require_shared("executor_overhead")
from kdata import detik_record, detik_rows, write_jsonl  # noqa: E402


def run(src: Path, out: Path, executor: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([common.require_cli(), "analyze", str(src), "--out", str(out), "--executor", executor, "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def view(report: dict[str, Any]) -> dict[str, Any]:
    arts = report["articles"]
    return {"ids": [a["id"] for a in arts], "texts": {a["id"]: a["text"] for a in arts},
            "entities": {a["id"]: a["entities"] for a in arts},
            "events": {e["id"]: sorted(e["articles"]) for e in report["events"]},
            "storylines": [s["events"] for s in report["storylines"]]}


def ray_start_seconds() -> float:
    code = ("import time, ray; t = time.perf_counter(); ray.init(address='local', include_dashboard=False, "
            "log_to_driver=False); ray.shutdown(); print(time.perf_counter() - t)")
    out = subprocess.run([str(common.VENV_PYTHON), "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = common.base_parser(__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=300, help="detik rows to analyze (file order)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per executor (the median is shown)")
    args = ap.parse_args()
    if not (DATA / "detik").is_dir():
        print("executor_overhead: skipped, no detik data")
        return 0
    rows = list(detik_rows().values())[: args.rows]
    src = write_jsonl(tmp_dir() / "detik.jsonl", [detik_record(r) for r in rows])
    times: dict[str, list[float]] = {"local": [], "ray": []}
    views: dict[str, dict[str, Any]] = {}
    for k in range(args.repeat):
        for name in ("local", "ray"):
            out = tmp_dir() / f"{name}-{k}"
            times[name].append(run(src, out, name))
            views[name] = view(json.loads((out / "report.json").read_text(encoding="utf-8")))
    local, on_ray = views["local"], views["ray"]
    same = {key: local[key] == on_ray[key] for key in local}
    start = ray_start_seconds()
    t_local, t_ray = statistics.median(times["local"]), statistics.median(times["ray"])
    table([["local (process pool)", f"{t_local:.1f}", "", len(local["ids"]), len(local["events"]), "-"],
           ["ray (own instance)", f"{t_ray:.1f}", f"{t_ray - t_local:+.1f} ({t_ray / t_local - 1:+.0%})",
            len(on_ray["ids"]), len(on_ray["events"]), "yes" if all(same.values()) else "NO"],
           ["ray.init + shutdown alone", f"{start:.1f}", "", "", "", ""]],
          ["executor", "seconds", "overhead", "articles", "events", "report equal"],
          title=f"kliping analyze on {len(rows)} detik rows, {os.cpu_count()} cores (median of {args.repeat})")
    print("equal: " + ", ".join(f"{key} {'yes' if ok else 'NO'}" for key, ok in same.items()))
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
