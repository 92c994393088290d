"""Slips inside one article (issue 13): a weekday that contradicts its date, a city put in the wrong country; each
with offsets and an explanation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kliping.analysis.flags import article_flags
from kliping.clean import clean_article
from kliping.enrich.stage import enrich_article
from kliping.model import Article, RawPage


def _article(text: str, published: str = "2023-09-14T10:00:00+07:00") -> Article:
    page = RawPage(id="a", source="a.txt", content=text, published=published)
    return enrich_article(clean_article(Article.from_page(page)))


def test_weekday_contradicting_its_date_is_flagged_with_evidence() -> None:
    art = _article("Kim Tiba di Rusia\n\nPemimpin Korea Utara Kim Jong Un bertemu Presiden Rusia Vladimir Putin pada "
                   "Selasa (13/9/2023) di sebuah kosmodrom di wilayah timur jauh Rusia, kata kantor berita.")
    [flag] = art.flags
    assert flag.kind == "weekday"
    assert art.text[flag.start:flag.end] == flag.text == "Selasa (13/9/2023)"
    assert flag.explanation == ("\u201cSelasa (13/9/2023)\u201d: 13 September 2023 was a Wednesday (Rabu), "
                                "not a Tuesday (Selasa)")


def test_a_right_weekday_and_english_text() -> None:
    right = _article("Kim Tiba di Rusia\n\nKim Jong Un bertemu Vladimir Putin pada Rabu (13/9/2023) di kosmodrom "
                     "Vostochny, wilayah Amur, Rusia, menurut kantor berita negara itu.")
    assert right.flags == []
    english = _article("Kim Meets Putin\n\nNorth Korean leader Kim Jong Un met President Vladimir Putin on "
                       "Tuesday, September 13, 2023 at the Vostochny cosmodrome in Russia's Amur region.")
    assert [f.explanation for f in english.flags] == [
        "\u201cTuesday, September 13, 2023\u201d: 13 September 2023 was a Wednesday, not a Tuesday"]
    assert article_flags(english) == english.flags  # the stage stores what the function finds


def test_a_date_without_its_year_is_not_flagged() -> None:
    """The year of "Rabu (15/5)" is Kliping's guess (the nearest to publication, 2025: a Thursday); the writer may
    mean 2024, when 15 May was a Wednesday. Only a written year makes the contradiction the writer's."""
    art = _article("Sidang Ditunda\n\nSidang perkara itu sebelumnya digelar pada Rabu (15/5) di pengadilan negeri "
                   "setempat dan ditunda karena saksi tidak hadir, kata juru bicara pengadilan.",
                   published="2025-10-22T08:00:00+07:00")
    assert [d.weekday_mismatch for d in art.dates] == [True]
    assert art.flags == []


# ---------- a place put in the wrong country ----------

def _place_flags(text: str) -> list[tuple[str, str]]:
    art = _article(text)
    for f in art.flags:
        assert art.text[f.start:f.end] == f.text
    return [(f.text, f.explanation) for f in art.flags if f.kind == "place"]


def test_seed_000_puts_pyongyang_in_south_korea() -> None:
    """Seed 000, line 43, through the real cleaning and enrichment."""
    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_d82de9a44ff53982.txt"
    if not seed.is_file():
        pytest.skip("no ../shared/seeds")
    page = RawPage(id="000", source=seed.name, content=seed.read_text(encoding="utf-8"))
    art = enrich_article(clean_article(Article.from_page(page)))
    [flag] = [f for f in art.flags if f.kind == "place"]
    assert art.text[flag.start:flag.end] == flag.text == "Pyeongyang, Korea Selatan"
    assert flag.explanation == ("\u201cPyeongyang, Korea Selatan\u201d: Pyongyang is in North Korea (Korea Utara), "
                                "not South Korea (Korea Selatan)")
    assert art.flags == sorted(art.flags, key=lambda f: f.start)


def test_the_three_patterns_in_both_languages() -> None:
    assert _place_flags("Uji Coba Nuklir\n\nKorea Utara menggelar uji coba nuklir di dekat Pyeongyang, Korea "
                        "Selatan, menurut laporan kantor berita pada pekan lalu.") == [
        ("Pyeongyang, Korea Selatan", "\u201cPyeongyang, Korea Selatan\u201d: Pyongyang is in North Korea "
                                      "(Korea Utara), not South Korea (Korea Selatan)")]
    assert [t for t, _ in _place_flags("Pertemuan Digelar\n\nPertemuan itu digelar di Seoul (Korea Utara) dan "
                                       "dihadiri para pejabat dari banyak negara di kawasan itu.")] == [
        "Seoul (Korea Utara)"]
    assert [t for t, _ in _place_flags("Kunjungan Presiden\n\nPresiden tiba di kota Pyongyang di Korea Selatan "
                                       "pada Selasa pagi untuk kunjungan kenegaraan selama tiga hari.")] == [
        "Pyongyang di Korea Selatan"]
    assert _place_flags("Talks Held\n\nThe two leaders met in Pyongyang, South Korea, on Tuesday and agreed to "
                        "expand their cooperation.") == [
        ("Pyongyang, South Korea", "\u201cPyongyang, South Korea\u201d: Pyongyang is in North Korea, not South "
                                   "Korea")]


@pytest.mark.parametrize("sentence", [
    "Delegasi tiba di Jakarta, Indonesia, pada Selasa pagi untuk membahas kerja sama perdagangan.",  # right
    "The delegation travelled to Paris, Texas, before flying home to Jakarta on Monday night.",  # not a country
    "Festival itu digelar di Paris, Indonesia, kata panitia kepada wartawan pada Selasa.",  # several Paris
    "The rally was held in Atlanta, Georgia, on Saturday, organisers said in a statement.",  # a US state
    "Wisatawan memadati Bali, Indonesia, pada libur panjang pekan lalu menurut data dinas pariwisata.",  # a province
    "Bagi Tokyo, Korea Utara merupakan ancaman utama, kata pejabat setelah pertemuan itu.",  # a clause
    "Delegasi dari Tokyo, Korea Selatan dan China hadir dalam pertemuan di ibu kota itu.",  # a list
    "Dukungan dari Teheran di Suriah terus meningkat, kata pejabat setelah pertemuan itu.",  # a government
    "Ajax, Belanda, menang atas PSV pada laga pekan lalu, kata pelatih kepada wartawan.",  # a club
    "Bagi Tokyo, Korea Utara, yang terus menguji rudal, adalah ancaman utama kawasan itu.",  # an introduction
    "Dukungan dari Teheran di Suriah, kata pejabat itu, terus meningkat sejak tahun lalu.",  # no "kota" before
    "Ia pindah ke Tsuen Wan, China, dan bekerja di sana sebagai guru bahasa Inggris.",  # a dependency
    "Warga berkumpul di Yerusalem, Palestina, untuk berdoa pada Jumat siang kemarin.",  # contested
])
def test_no_flag_where_a_reading_makes_it_right(sentence: str) -> None:
    assert _place_flags(f"Berita Hari Ini\n\n{sentence}") == []


def test_flags_of_both_kinds_in_text_order() -> None:
    art = _article("Kim Tiba\n\nUji coba itu digelar dekat Pyeongyang, Korea Selatan, menurut kantor berita. Kim "
                   "kemudian bertemu Presiden Rusia Vladimir Putin pada Selasa (13/9/2023) di kosmodrom Vostochny.")
    assert [f.kind for f in art.flags] == ["place", "weekday"]
    assert art.flags[0].start < art.flags[1].start
