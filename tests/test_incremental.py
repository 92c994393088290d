"""Incremental ingest (issue 16): a run reads the stored pages of the outlets it brings pages for, not the store,
and ends with the store one run of everything would give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kliping.ingest import ingest
from kliping.pipeline import LocalExecutor
from kliping.store import Store

# Two outlets' pages as copied from their sites: each outlet repeats its own share bar and footer lines.
BODIES = [
    "Warga Desa Sukamaju membersihkan saluran irigasi bersama pada Sabtu pagi menjelang musim tanam padi.",
    "Pemerintah kabupaten meresmikan jembatan gantung baru yang menghubungkan dua dusun di tepi sungai.",
    "Ratusan pelajar mengikuti lomba membaca puisi di gedung kesenian kota dalam rangka bulan bahasa.",
    "Petani cabai mengeluhkan harga yang turun tajam setelah panen raya di sejumlah kecamatan.",
    "Dinas kesehatan menggelar vaksinasi gratis bagi lansia di puskesmas kecamatan selama sepekan.",
]
TEMPLATE = {
    "kabar-uji.id": ("Bagikan: Facebook Twitter WhatsApp", "Ikuti Kabar Uji di Google News",
                     "Copyright 2025 Kabar Uji. Hak cipta dilindungi."),
    "warta-coba.com": ("Share ke teman Anda", "Baca berita Warta Coba lainnya di aplikasi kami",
                       "Redaksi Warta Coba | Pedoman Media Siber"),
}


def _page(outlet: str, n: int) -> dict:
    head, follow, foot = TEMPLATE[outlet]
    body = BODIES[n % len(BODIES)]
    text = (f"Berita {n} dari {outlet}\n{head}\n{body}\n{body.replace('pada', 'sejak')}\n{follow}\n{foot}")
    return {"id": f"{outlet}-{n}", "text": text, "outlet": outlet, "title": f"Berita {n} dari {outlet}"}


def _write(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _texts(db: Path) -> dict[str, str]:
    with Store(db) as store:
        return {a.id: a.text for a in store.articles()}


def test_a_run_reads_only_the_outlets_it_brings_pages_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [_page("kabar-uji.id", n) for n in range(3)] + [_page("warta-coba.com", n) for n in range(4)]
    later = [_page("kabar-uji.id", 3)]
    whole = tmp_path / "whole.db"
    with Store(whole) as store:
        ingest([_write(tmp_path / "all.jsonl", first + later)], store, LocalExecutor(workers=1))

    read: list[list[str] | None] = []
    real = Store.pages

    def pages(self: Store, outlet_keys: list[str] | None = None):  # type: ignore[no-untyped-def]
        read.append(None if outlet_keys is None else sorted(outlet_keys))
        return real(self, outlet_keys)

    monkeypatch.setattr(Store, "pages", pages)
    db = tmp_path / "k.db"
    with Store(db) as store:
        ingest([_write(tmp_path / "first.jsonl", first)], store, LocalExecutor(workers=1))
        texts = {a.id: a.text for a in store.articles()}
        assert read == [["kabar-uji.id", "warta-coba.com"]]
        # the template lines each outlet repeats were learned and removed
        assert not any("Google News" in t or "Pedoman Media Siber" in t for t in texts.values())
        read.clear()
        res = ingest([_write(tmp_path / "later.jsonl", later)], store, LocalExecutor(workers=1))
        assert read == [["kabar-uji.id"]] and res.pages_new == 1  # warta-coba.com's pages were not read
        read.clear()
        res = ingest([], store, LocalExecutor(workers=1))
        assert read == [] and res.cleaned == 0  # nothing new: no page read at all
    assert _texts(db) == _texts(whole)  # as one run of everything


def test_an_outlet_is_learned_again_after_a_killed_run_or_a_new_version(tmp_path: Path) -> None:
    pages = [_page("kabar-uji.id", n) for n in range(4)]
    db = tmp_path / "k.db"
    with Store(db) as store:
        ingest([_write(tmp_path / "a.jsonl", pages)], store, LocalExecutor(workers=1))
        assert store.outlets_to_clean("/e" + _version()) == []
        # a run killed while re-cleaning an outlet whose template changed: its articles disagree on the template
        store.db.execute("UPDATE articles SET template_sig = 'old' || template_sig WHERE id = 'kabar-uji.id-0'")
        store.db.commit()
        assert store.outlets_to_clean("/e" + _version()) == ["kabar-uji.id"]
        assert ingest([], store, LocalExecutor(workers=1)).cleaned == 1
        assert store.outlets_to_clean("/e" + _version()) == []
        # articles enriched by another version: their outlets are cleaned again
        assert store.outlets_to_clean("/e0") == ["kabar-uji.id"]


def _version() -> str:
    from kliping.enrich.stage import ENRICH_VERSION

    return ENRICH_VERSION
