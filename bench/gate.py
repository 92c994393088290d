"""CI quality gate: fails when a quality number falls below its pinned floor in bench/floors.json.

Run:  python3 bench/gate.py        (exit 0: all floors met, or no shared data outside CI; exit 1: a floor missed, a
floor lowered against the last commit, or no shared data while CI is set)
It runs `bench/eval_{articles,enrich,events,compare,speakers,dedup,polnear}.py --quick --json` with the project's
venv, two at a time (KLIPING_GATE_JOBS)
(which has trafilatura, needed for trafilatura.f1_delta), then compares each number named in floors.json with its
floor: measured >= floor, also for the "*_delta" keys, whose floors are negative margins (how far below trafilatura
Kliping may fall). A floor whose number was not measured fails too: a gate that silently skips a measure does not
guard it.
Floors only rise: raise one when a change has lifted the measured value, never lower one to make CI pass.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import DATA, ROOT, SHARED, VENV_PYTHON, table, tmp_dir

FLOORS = Path(__file__).resolve().parent / "floors.json"
EVAL_JOBS = int(os.environ.get("KLIPING_GATE_JOBS", "2"))
EVALS = [Path(__file__).resolve().parent / name
         for name in ("eval_compare.py", "eval_events.py", "eval_articles.py", "eval_enrich.py",
                      "eval_speakers.py", "eval_dedup.py", "eval_polnear.py", "eval_ner_en.py")]
# (slowest first: PolNeAR dev about 2 s, English names 1 s)


def _committed_floors(rev: str) -> dict[str, float] | None:
    """floors.json as committed at `rev`, or None (no git, no such commit, no such file then)."""
    p = subprocess.run(["git", "show", f"{rev}:bench/floors.json"], cwd=ROOT, capture_output=True, check=False)
    if p.returncode != 0:
        return None
    try:
        return dict(json.loads(p.stdout))
    except ValueError:
        return None


def dropped_floors(floors: dict[str, float]) -> list[str]:
    """Floors lower than (or gone from) the last commit's: against HEAD when floors.json has uncommitted changes,
    else against HEAD's parent (a clean clone in CI tests HEAD itself)."""
    head = _committed_floors("HEAD")
    before = _committed_floors("HEAD~1") if head == floors else head
    if before is None:
        return []
    return [f"{k} ({v} -> {floors.get(k, 'gone')})" for k, v in before.items() if floors.get(k, float("-inf")) < v]


# Speed, memory and sizes: measured by the benchmarks and reported, never floored (they vary with the machine).
_COST = re.compile(r"_(ms_per_article|rss_mb|state_mb|reload_s)$")
# Counts printed for reading, not quality (how many twins, extra links shown for eyeballing, pairs in a band).
_COUNTS = re.compile(r"\.(pages|detik_twins|detik_extra_links|seeds_links|detik_pairs_[\w.]+|scale_\w+_false_links)$")


def _reference(key: str) -> bool:
    """Numbers printed for comparison, not Kliping's quality: another tool's (trafilatura's baseline), a cost or
    a count."""
    return ".baseline_" in key or bool(_COST.search(key) or _COUNTS.search(key))


def main() -> int:
    floors: dict[str, float] = json.loads(FLOORS.read_text())
    dropped = dropped_floors(floors)
    if dropped:
        print(f"gate: FAILED, floors only rise; lowered or removed: {', '.join(dropped)}")
        return 1
    if not DATA.is_dir() or not (SHARED / "tools" / "kscore.py").is_file():
        if os.environ.get("CI"):
            print(f"gate: FAILED, CI is set and there is no shared data at {SHARED}")
            return 1
        print(f"gate: skipped, no shared data at {SHARED}")
        return 0
    python = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
    measured: dict[str, float] = {}

    def run(script: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
        numbers_file = tmp_dir() / f"gate-{script.stem}.json"
        return subprocess.run([python, str(script), "--quick", "--json", str(numbers_file)], cwd=ROOT, check=False,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), numbers_file

    # Two evaluations at a time (the machine's two cores; each is mostly one process), their tables in order.
    with ThreadPoolExecutor(max_workers=EVAL_JOBS) as pool:
        for script, (p, numbers_file) in zip(EVALS, pool.map(run, EVALS), strict=True):
            print(p.stdout, end="", flush=True)
            if p.returncode != 0 or not numbers_file.exists():
                print(f"gate: FAILED, {script.name} exited {p.returncode} without numbers")
                return 1
            measured.update(json.loads(numbers_file.read_text()))
    rows, failed = [], []
    for key, floor in floors.items():
        value = measured.get(key)
        ok = value is not None and value >= floor
        rows.append([key, value, floor, "OK" if ok else ("MISSING" if value is None else "BELOW")])
        if not ok:
            failed.append(key)
    table(rows, ["measure", "measured", "floor", "status"], "Quality gate (bench/floors.json)")
    unguarded = sorted(k for k in measured if k not in floors and not _reference(k))
    if unguarded:
        print(f"gate: measured without a floor ({len(unguarded)}): "
              + ", ".join(f"{k}={measured[k]:.3f}" for k in unguarded))
    if failed:
        print(f"gate: FAILED, {len(failed)} of {len(floors)} below floor: {', '.join(failed)}")
        return 1
    print(f"gate: passed, {len(floors)} floors met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
