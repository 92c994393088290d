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
    real = Store.pages_to_clean

    def pages(self: Store, outlet_keys: list[str], recent: int, suffix: str):  # type: ignore[no-untyped-def]
        read.append(sorted(outlet_keys))
        return real(self, outlet_keys, recent, suffix)

    monkeypatch.setattr(Store, "pages_to_clean", pages)
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


def test_large_jsonl_and_csv_files_are_streamed_with_the_records_reading_them_whole_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv
    import gzip

    from kliping.sources import files

    recs = [_page("kabar-uji.id", n) | {"title": f"Berita {n} — “kutipan” café"} for n in range(40)]
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    lines.insert(7, "{not json")  # a malformed line is rejected in place, with its line number
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gz = tmp_path / "big.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl.read_bytes()))
    table = tmp_path / "big.csv"
    with table.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "title", "text", "outlet"], delimiter=";")
        w.writeheader()
        w.writerows({k: r[k] for k in ("id", "title", "text", "outlet")} for r in recs)
    ansi = tmp_path / "ansi.csv"  # not UTF-8: read whole, its encoding guessed
    ansi.write_bytes(table.read_bytes()[3:].decode("utf-8").replace("—", "-").replace("“", '"').replace("”", '"')
                     .encode("cp1252"))

    def whole(path: Path, delim: str | None) -> list:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return list(files.read_records(data, str(path), csv_delim=delim))

    expected = {p: whole(p, d) for p, d in ((jsonl, None), (gz, None), (table, ","), (ansi, ","))}
    assert len([x for x in expected[jsonl] if isinstance(x, files.RawPage)]) == 40
    assert [x.line for x in expected[jsonl] if isinstance(x, files.Rejected)] == [8]
    assert "café" in expected[ansi][0].title

    monkeypatch.setattr(files, "STREAM_HEAD", 1000)  # every file here is "large"
    read_whole: list[str] = []
    real = files.read_records
    monkeypatch.setattr(files, "read_records", lambda data, src, **kw: read_whole.append(src) or real(data, src, **kw))
    for path, want in expected.items():
        assert list(files.read_file(path)) == want, path
    assert read_whole == [str(ansi)]  # the UTF-8 files were streamed, never read whole


def test_a_run_reads_an_outlets_recent_pages_not_all_it_ever_stored(tmp_path: Path) -> None:
    """A stream brings pages of every outlet in every run: each is learned from its TEMPLATE_PAGES most recent pages
    and the run's new ones, so a run's reading does not grow with the store."""
    from kliping.clean import templates

    with Store(tmp_path / "k.db") as store:
        ingest([_write(tmp_path / "first.jsonl", [_page("kabar-uji.id", n) for n in range(4)])], store,
               LocalExecutor(workers=1))
        pages, window = store.pages_to_clean(["kabar-uji.id"], 2, "/e0")  # every article is of another version
        assert len(window) == 2 and len(pages) == 4
        suffix = store.template_sigs_of(["kabar-uji.id-0"])["kabar-uji.id-0"][-4:]
        pages, window = store.pages_to_clean(["kabar-uji.id"], 2, suffix)
        assert [a.id for a in pages] == window[::-1] == ["kabar-uji.id-2", "kabar-uji.id-3"]
        assert templates.TEMPLATE_PAGES >= 1_000
