"""CI quality gate: fails when a quality number falls below its pinned floor in bench/floors.json.

Run:  python3 bench/gate.py        (exit 0: all floors met or no shared data; exit 1: a floor missed)
It runs `bench/eval_{articles,enrich,events,compare}.py --quick --json` with the project's venv
(which has trafilatura, needed for trafilatura.f1_delta), then compares each number named in floors.json with its
floor: measured >= floor, also for the "*_delta" keys, whose floors are negative margins (how far below trafilatura
Kliping may fall). A floor whose number was not measured fails too: a gate that silently skips a measure does not
guard it.
Floors only rise: raise one when a change has lifted the measured value, never lower one to make CI pass.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from common import DATA, ROOT, SHARED, VENV_PYTHON, table, tmp_dir

FLOORS = Path(__file__).resolve().parent / "floors.json"
EVALS = [Path(__file__).resolve().parent / name
         for name in ("eval_articles.py", "eval_enrich.py", "eval_events.py", "eval_compare.py")]


def main() -> int:
    if not DATA.is_dir() or not (SHARED / "tools" / "kscore.py").is_file():
        print(f"gate: skipped, no shared data at {SHARED}")
        return 0
    floors: dict[str, float] = json.loads(FLOORS.read_text())
    python = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
    measured: dict[str, float] = {}
    for script in EVALS:
        numbers_file = tmp_dir() / f"gate-{script.stem}.json"
        p = subprocess.run([python, str(script), "--quick", "--json", str(numbers_file)], cwd=ROOT, check=False)
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
    if failed:
        print(f"gate: FAILED, {len(failed)} of {len(floors)} below floor: {', '.join(failed)}")
        return 1
    print(f"gate: passed, {len(floors)} floors met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
