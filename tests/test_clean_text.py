"""The flattened-text cleaner on a page written for the tests, with every kind of boilerplate."""

from __future__ import annotations

from kliping.clean.text import clean_text_article
from kliping.model import Article


def _clean(raw: str, **hints: object) -> Article:
    return clean_text_article(Article(id="t", source="t", raw=raw, hints=dict(hints)))


def test_body_metadata_and_removals(page_text: str) -> None:
    art = _clean(page_text)
    assert art.title == "Banjir Bandang Terjang Tiga Desa di Lembah Sari, Ratusan Warga Mengungsi"
    assert art.section == "Peristiwa"
    assert art.outlet == "WARTATIMUR.ID"
    assert art.dateline == "Lembah Sari"
    assert art.published == "2025-03-03T14:20:00+07:00"
    assert [(b.name, b.role) for b in art.bylines] == [("Rina Marlina", "author"), ("Budi Santoso", "editor")]
    assert "Antara" in art.cited_sources
    assert art.partial is True
    assert art.paragraphs[0].startswith("LEMBAH SARI, WARTATIMUR.ID - Banjir bandang")
    assert "Posko Darurat Dibuka" in art.paragraphs  # an in-article subheading is kept
    text = art.text
    for junk in ("ADVERTISEMENT", "Baca Juga", "Simak juga", "Berita Terkait", "Jembatan Gantung", "Tinggalkan",
                 "All Rights Reserved", "URL berhasil", "facebook", "Foto: Dok", "Halaman 1/2"):
        assert junk not in text, junk
    reasons = {r.reason for r in art.removed}
    assert {"ad marker", "related link", "video promo", "list header", "comment form", "share bar",
            "caption", "pagination"} <= reasons


def test_broken_paragraph_is_joined(page_text: str) -> None:
    art = _clean(page_text)
    joined = [p for p in art.paragraphs if p.startswith("Petugas gabungan")]
    assert joined and "tidak ada warga yang terjebak di rumahnya" in joined[0]


def test_given_title_and_date_win_and_are_normalised() -> None:
    art = _clean("Judul Berita Ini\n\nIsi berita yang cukup panjang untuk menjadi paragraf pertama dari artikel ini.",
                 title="Judul Berita Ini", published="2025-03-03 14:20:00+07:00")
    assert art.title == "Judul Berita Ini"
    assert art.published == "2025-03-03T14:20:00+07:00"
    assert art.paragraphs == ["Isi berita yang cukup panjang untuk menjadi paragraf pertama dari artikel ini."]


def test_clean_flag_keeps_everything() -> None:
    raw = "Baca Juga: bukan tautan di sini\n\nParagraf kedua."
    art = _clean(raw, clean=True)
    assert art.paragraphs == ["Baca Juga: bukan tautan di sini", "Paragraf kedua."]
    assert art.removed == []


def test_columnist_byline_and_source_credit_at_the_tail() -> None:
    raw = ("Judul Kolom Tentang Kota\n\nKota yang baik dirancang untuk pejalan kaki, bukan untuk kendaraan pribadi "
           "yang memenuhi jalan setiap pagi.\n\nSari Dewi Lestari.Peneliti Tata Kota di Universitas Nusantara.\n\n"
           "Sumber: kabarnusa.id")
    art = _clean(raw)
    assert art.authors == ["Sari Dewi Lestari"]
    assert art.cited_sources == ["kabarnusa.id"]
    assert len(art.paragraphs) == 1
