"""Shared test helpers: fixtures are pages written for the project (never copied from ../shared/data)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kliping", *args], capture_output=True, input=stdin, cwd=ROOT,
                          timeout=300)


@pytest.fixture
def page_text() -> str:
    return (FIXTURES / "warta_banjir.txt").read_text(encoding="utf-8")


def load_report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


SEEDS = ROOT.parent / "shared" / "seeds"
# The seeds' gold events (seeds/gold.json): A = 000, 002, 003; B = 001, 004.
SEED_EVENTS = {"A": ("000", "002", "003"), "B": ("001", "004")}


def ingest_articles(paths: list[str], db: Path) -> list:
    """Articles as the pipeline stores them (cleaned, enriched, linked into events), in input order."""
    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    with Store(db) as store:
        res = ingest(paths, store, LocalExecutor(workers=1))
        assert not res.rejected, res.rejected
        stored = {a.id: a for a in store.articles()}
    order = {str(src): i for i, src in enumerate(paths)}
    return sorted(stored.values(), key=lambda a: (order.get(str(a.source), len(order)), a.id))


@pytest.fixture(scope="session")
def seed_articles(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The five seeds through the real pipeline, by their number ("000" ... "004"); skipped without shared/."""
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) != 5:
        pytest.skip(f"no seeds at {SEEDS}")
    arts = ingest_articles([str(f) for f in files], tmp_path_factory.mktemp("seeds") / "k.db")
    return {Path(str(a.source)).name[:3]: a for a in arts}


_LEAD = ("Tanah longsor menimbun jalan provinsi di Kecamatan Lembah Sari, Kabupaten Batu Lamaran, Sulawesi Tengah, "
         "pada Selasa pagi. Dua rumah warga tertimbun dan arus kendaraan ke Palu terputus selama enam jam.")
_WARTA = (_LEAD + "\n\nBupati Batu Lamaran Andi Rahmat Syamsuddin meninjau lokasi bersama tim SAR gabungan. \"Kami "
          "kerahkan semua alat berat ke lokasi longsor hari ini juga,\" kata Andi Rahmat Syamsuddin kepada wartawan."
          "\n\nIa menambahkan bahwa warga yang rumahnya tertimbun akan ditampung di balai desa sampai rumah mereka "
          "diperbaiki.")
LANDSLIDE = [
    {"id": "warta-1", "outlet": "Warta Timur", "published": "2025-03-04T09:10:00+08:00",
     "title": "Longsor Tutup Jalan Provinsi di Batu Lamaran", "text": _WARTA},
    # Another outlet's own report: the same words (an exclamation mark for the comma), the speaker as "Andi" only.
    {"id": "pesisir-1", "outlet": "Pesisir Post", "published": "2025-03-04T11:30:00+08:00",
     "title": "Jalan ke Palu Putus Enam Jam Akibat Longsor",
     "text": "Arus kendaraan dari Batu Lamaran ke Palu terputus enam jam setelah tebing setinggi dua puluh meter "
             "runtuh menimbun jalan provinsi pada Selasa pagi. Petugas membuka satu lajur menjelang siang.\n\n"
             "\"Kami kerahkan semua alat berat ke lokasi longsor hari ini juga!\" ujar Andi di Lembah Sari.\n\n"
             "Menurut Andi, jalan itu akan dibuka penuh paling lambat Rabu malam."},
    # A third outlet republishing Warta Timur's text with a credit: a syndicated copy.
    {"id": "kabar-1", "outlet": "Kabar Sulteng", "published": "2025-03-04T14:00:00+08:00",
     "title": "Longsor Tutup Jalan Provinsi di Batu Lamaran", "text": _WARTA + "\n\nSumber: Warta Timur"},
]


@pytest.fixture(scope="session")
def landslide(tmp_path_factory: pytest.TempPathFactory) -> list:
    """LANDSLIDE through the real pipeline."""
    tmp = tmp_path_factory.mktemp("landslide")
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in LANDSLIDE), encoding="utf-8")
    return ingest_articles([str(feed)], tmp / "k.db")
