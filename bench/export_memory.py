"""Is `kliping export` flat in memory? Peak RSS of exporting the 1,000 detik articles and the same ×20.

    .venv/bin/python bench/export_memory.py [--copies 20] [--cache /tmp/kliping-export-bench]

The ×1 store is `kliping ingest` of ../shared/data/detik/data_berita.jsonl (about a minute). The ×N store is
that store with N-1 more copies of each cleaned article put in directly through the store's API (`add_pages`,
`put_articles`), each copy with a new id ("<id>-c<k>") and its title and text changed by a suffix, so they are
distinct articles: ingesting 20,000 articles through the whole pipeline would take many minutes and measure
nothing more about the export (its events stay those of the ×1 store). Both stores are cached under --cache.

Each export runs in its own process (`python -m kliping export`); its peak RSS is the child's ru_maxrss from
os.wait4, so each run is measured on its own. Memory is flat when the ×N peak stays within 1.3× of the ×1 peak.
Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

DETIK = Path(__file__).resolve().parents[2] / "shared" / "data" / "detik" / "data_berita.jsonl"
FORMATS = ("jsonl", "csv", "parquet")


def build_x1(db: Path) -> None:
    if db.exists():
        return
    subprocess.run([sys.executable, "-m", "kliping", "ingest", str(DETIK), "--db", str(db), "-q",
                    "--map", "judul=title,isi_berita=text,tanggal=published,tautan=url",
                    "--date-format", "%m/%d/%Y %H:%M"], check=True)


def build_copies(x1: Path, db: Path, copies: int) -> None:
    """The ×1 store plus copies-1 renamed, slightly changed copies of each article (and its page)."""
    if db.exists():
        return
    from kliping.model import RawPage
    from kliping.store import Store

    tmp = db.with_name(db.name + ".part")
    shutil.copy(x1, tmp)
    with Store(tmp) as store:
        originals = list(store.articles())
        for k in range(1, copies):
            pages, arts = [], []
            for a in originals:
                suffix = f" [salinan {k}]"
                new_id = f"{a.id}-c{k}"
                pages.append((RawPage(id=new_id, source=f"{a.source}#copy{k}", content=a.text + suffix,
                                      url=a.url, title=(a.title or "") + suffix), "detik.com"))
                copy = type(a)(**{**a.__dict__, "id": new_id, "title": (a.title or "") + suffix,
                                  "text": a.text + suffix})  # a suffix: every offset into the text stays valid
                arts.append((copy, ""))
            store.add_pages(pages)
            store.put_articles(arts)
    os.replace(tmp, db)


def measure(db: Path, fmt: str, out: Path) -> tuple[int, float, float]:
    """(rows, seconds, peak MB) of one export in a child process."""
    import json

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kliping", "export", "--db", str(db), "--format", fmt,
                             "--out", str(out), "--json", "-q"], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    summary = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"export failed ({proc.returncode}): {db} {fmt}")
    return int(json.loads(summary)["rows"]), seconds, usage.ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/kliping-export-bench"))
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    x1, xn = args.cache / "x1.db", args.cache / f"x{args.copies}.db"
    build_x1(x1)
    build_copies(x1, xn, args.copies)
    print(f"{'format':8} {'store':>6} {'rows':>7} {'seconds':>8} {'peak MB':>8} {'xN/x1':>6}")
    flat = True
    for fmt in FORMATS:
        base = 0.0
        for label, db in (("x1", x1), (f"x{args.copies}", xn)):
            rows, seconds, peak = measure(db, fmt, args.cache / f"out-{label}.{fmt}")
            ratio = peak / base if base else 1.0
            base = base or peak
            flat = flat and ratio <= 1.3
            print(f"{fmt:8} {label:>6} {rows:>7,} {seconds:>8.1f} {peak:>8.1f} {ratio:>6.2f}")
    print("memory flat (xN peak within 1.3x of x1)" if flat else "memory NOT flat")


if __name__ == "__main__":
    main()
