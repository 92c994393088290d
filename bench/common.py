"""Shared plumbing for the bench scripts: where the data is, how to run the CLI, how to print a table.

The bench scripts measure Kliping the way a user runs it (`.venv/bin/kliping analyze`) and score it with the
project's official definitions in ../shared/tools (kscore.py, kdata.py), imported rather than re-implemented
so that every number printed here agrees with `score-dev`. The data in ../shared/data is read in place and never
copied into the repository; everything derived from it goes to a temporary directory.
"""
from __future__ import annotations

import argparse
import atexit
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
TOOLS = SHARED / "tools"
KLIPING = ROOT / ".venv" / "bin" / "kliping"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

if TOOLS.is_dir():
    # The official scoring code lives beside the checkout, not in it; put it on the path once for every script.
    sys.path.insert(0, str(TOOLS))


def require_shared(what: str = "bench") -> None:
    """Exit 0 with one line when ../shared (data and scoring tools) is absent: a plain clone has no data."""
    if not (TOOLS / "kscore.py").is_file() or not DATA.is_dir():
        print(f"{what}: skipped, no shared data at {SHARED} (expected tools/kscore.py and data/)")
        sys.exit(0)
    import kscore

    # kscore runs the CLI from the current directory; pin it to the checkout so the scripts work from anywhere.
    kscore.MAIN = ROOT


def require_cli() -> str:
    """Return the CLI path, or exit 1: measuring needs a built CLI, and building it is `make demo`'s job."""
    if not KLIPING.exists():
        print(f"no {KLIPING.relative_to(ROOT)}; run `make demo` first")
        sys.exit(1)
    return str(KLIPING)


# ---------- temporary files ----------

_TMP: Path | None = None


def tmp_dir() -> Path:
    """One scratch directory per run, removed at exit unless KLIPING_BENCH_KEEP is set (to inspect outputs)."""
    global _TMP
    if _TMP is None:
        _TMP = Path(tempfile.mkdtemp(prefix="kliping-bench-"))
        if os.environ.get("KLIPING_BENCH_KEEP"):
            print(f"(keeping scratch files in {_TMP})", file=sys.stderr)
        else:
            atexit.register(shutil.rmtree, _TMP, True)
    return _TMP


def unpack_gz(items: Iterable[tuple[Path, str]], folder: Path) -> Path:
    """Write each gzip'd file uncompressed as folder/name, so the CLI can be pointed at one folder of HTML pages."""
    folder.mkdir(parents=True, exist_ok=True)
    for gz, name in items:
        (folder / name).write_bytes(gzip.decompress(gz.read_bytes()))
    return folder


def source_name(source: Any) -> str:
    """The file name of an article's `source`, NFC-normalised (file systems may hand back decomposed accents)."""
    return unicodedata.normalize("NFC", Path(str(source or "")).name)


def analyze(inputs: Sequence[str | Path], name: str) -> dict:
    """Run `kliping analyze INPUTS --out TMP/name` through kscore (same environment and checks as score-dev)."""
    require_cli()
    import kscore

    return kscore.analyze(list(inputs), tmp_dir() / name)


def detik_titles_and_sentences() -> tuple[list[str], list[str]]:
    """The titles of the 1,000 detik rows, and their sentences of 40-400 characters: what the synthetic streams and
    stores of the scale benchmarks are made of (read in place, never copied)."""
    import re

    titles, sentences = [], []
    # Split on newlines only: the texts hold U+2028, which `splitlines` splits at.
    for line in (DATA / "detik" / "data_berita.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            r = json.loads(line)
            titles.append(r["judul"])
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", r["isi_berita"]) if 40 <= len(s) <= 400]
    return titles, sentences


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


# ---------- options ----------

def base_parser(description: str) -> argparse.ArgumentParser:
    """Options every bench script understands: --quick (a fixed small subset, for CI) and --verbose."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help="run on the fixed quick subsets (what the CI gate uses)")
    p.add_argument("--verbose", "-v", action="store_true", help="also list the individual errors")
    return p


def run_sections(doc: str, sections: dict[str, Callable[[argparse.Namespace], dict[str, float]]],
                 slow: Sequence[str] = (), needs: dict[str, Path] | None = None) -> int:
    """The main() of every eval script: --only picks sections (in their listed order), --quick drops the `slow`
    ones, a section whose data folder (`needs`) is absent is skipped with one line, and --json writes every number
    as one flat {"section.measure": value} object for bench/gate.py."""
    names = list(sections)
    ap = base_parser(doc.split("\n")[0])
    ap.add_argument("--only", default=",".join(names), help=f"comma-separated sections of {', '.join(names)}")
    ap.add_argument("--json", type=Path, help="write all numbers to this file as a flat JSON object")
    args = ap.parse_args()
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    if bad := [s for s in wanted if s not in sections]:
        ap.error(f"unknown section(s) {', '.join(bad)}; choose from {', '.join(names)}")
    require_cli()
    numbers: dict[str, float] = {}
    for name in names:
        if name not in wanted or (args.quick and name in slow):
            continue
        folder = (needs or {}).get(name)
        if folder is not None and not folder.is_dir():
            print(f"{name}: skipped, {folder} is absent")
            continue
        t0 = time.perf_counter()
        numbers.update(sections[name](args))
        print(f"({name}: {time.perf_counter() - t0:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=1, sort_keys=True) + "\n")
    return 0


# ---------- output ----------

def cell(v: Any) -> str:
    """Format one table cell: floats with 3 decimals, None as '-', booleans as yes/no."""
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], title: str | None = None) -> None:
    """Print rows as a plain aligned text table; numeric columns are right-aligned."""
    cells = [[cell(v) for v in r] for r in rows]
    numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in rows) and bool(rows)
               for i in range(len(headers))]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(vals: Sequence[str]) -> str:
        cols = zip(vals, widths, numeric, strict=True)
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in cols).rstrip()

    if title:
        print(f"\n{title}")
    print(line(list(headers)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print(line(r))


def rate(ok: int, n: int) -> float | None:
    """ok/n, or None when nothing was measurable (printed as '-', left out of the JSON)."""
    return ok / n if n else None
