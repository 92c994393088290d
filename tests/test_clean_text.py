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


MASTHEAD_PAGE = """PELITA KOTA
Kabar Jernih dari Kota
Beranda
Metro
Politik
Olahraga
Home > Metro > Transportasi
Transportasi
Jalur Sepeda Baru Sepanjang 12 Kilometer Dibuka di Pusat Kota
Sari Wulandari - Pelita Kota
Rabu, 9 April 2025 10:05 WIB
Bagikan
Dibaca: 2.301 kali
Pesepeda melintas di jalur baru di Jalan Merdeka, Rabu (9/4/2025). (Pelita Kota/Sari Wulandari)
Bandung - Pemerintah kota meresmikan jalur sepeda baru sepanjang 12 kilometer yang menghubungkan stasiun dengan pusat kota, Rabu (9/4/2025).
Jalur itu dipisahkan dari jalan raya dengan pembatas beton setinggi 20 sentimeter.
Pelita Kota merupakan media daring yang terbit di Bandung sejak 2010.
Tentang Kami | Redaksi | Kontak | Pedoman Media Siber
"""  # noqa: E501


def test_masthead_menu_and_section_are_header() -> None:
    art = _clean(MASTHEAD_PAGE)
    assert art.title == "Jalur Sepeda Baru Sepanjang 12 Kilometer Dibuka di Pusat Kota"
    assert art.outlet == "Pelita Kota"
    assert art.section == "Transportasi"
    assert art.authors == ["Sari Wulandari"]
    assert art.dateline == "Bandung"
    assert art.published == "2025-04-09T10:05:00+07:00"
    assert art.paragraphs[0].startswith("Bandung - Pemerintah kota")
    assert len(art.paragraphs) == 2  # the outlet's blurb and the footer menu go
    reasons = {r.line: r.reason for r in art.removed}
    assert reasons["PELITA KOTA"] == "masthead"
    assert reasons["Kabar Jernih dari Kota"] == "tagline"
    assert reasons["Pesepeda melintas di jalur baru di Jalan Merdeka, Rabu (9/4/2025). (Pelita Kota/Sari Wulandari)"] \
        == "caption"


def test_date_before_title_and_no_dateline() -> None:
    page = ("The Harbour Courier\nNews | Business | Sport | Opinion\n14 May 2025 - 08:30 WIB\n"
            "Port authority opens second container terminal in Bitung\nWritten by Joel Tambunan\n"
            "The new terminal doubles the port's capacity to two million containers a year, officials said on "
            "Wednesday.\nShips from Manila and Davao are expected to call weekly from June.\n")
    art = _clean(page)
    assert art.title == "Port authority opens second container terminal in Bitung"
    assert art.outlet == "The Harbour Courier"
    assert art.authors == ["Joel Tambunan"]
    assert art.published == "2025-05-14T08:30:00+07:00"
    assert art.paragraphs[0].startswith("The new terminal doubles")
