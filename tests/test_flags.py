"""Slips inside one article (issue 13): a weekday that contradicts its date, with offsets and an explanation."""

from __future__ import annotations

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
