"""Dates normalised against the publication date, with weekday contradictions flagged (sentences written for
the tests)."""

from __future__ import annotations

from kliping.enrich.dates import find_dates


def _values(text: str, published: str | None = None, language: str | None = None) -> list[tuple[str, str, bool]]:
    out = []
    for d in find_dates(text, published, language):
        assert text[d.start:d.end] == d.text  # offsets index the text
        out.append((d.text, d.value, d.weekday_mismatch))
    return out


def test_weekday_with_numeric_date_and_year_from_publication() -> None:
    text = "Rapat digelar Rabu (5/3) di Palu. Keputusan diumumkan Kamis (6/3/2025) sore."
    assert _values(text, "2025-03-07T09:00:00+08:00") == [
        ("Rabu (5/3)", "2025-03-05", False), ("Kamis (6/3/2025)", "2025-03-06", False)]


def test_contradicting_weekday_is_flagged() -> None:
    # 5 March 2025 was a Wednesday, not a Tuesday.
    assert _values("Banjir terjadi Selasa (5/3/2025) dini hari.") == [("Selasa (5/3/2025)", "2025-03-05", True)]


def test_month_names_times_and_zones() -> None:
    assert _values("Diperbarui Kamis, 6 Maret 2025 pukul 15.42 WITA.")[0] == (
        "Kamis, 6 Maret 2025 pukul 15.42 WITA", "2025-03-06T15:42:00+08:00", False)
    assert _values("The accord was signed on Thursday, March 6, 2025.")[0][1] == "2025-03-06"


def test_relative_expressions_need_a_reference() -> None:
    text = "Kemarin warga mengungsi. Tahun lalu banjir serupa terjadi pada bulan Desember. Tiga hari lalu hujan deras."
    assert _values(text, "2025-03-04") == [
        ("Kemarin", "2025-03-03", False), ("Tahun lalu", "2024", False), ("pada bulan Desember", "2024-12", False),
        ("Tiga hari lalu", "2025-03-01", False)]
    # Without a publication date, the first fully dated expression of the text is the reference.
    assert _values("Pada Senin (3/3/2025) banjir datang. Kemarin air surut.")[-1] == ("Kemarin", "2025-03-02", False)
    # Without any reference, relative expressions are left out rather than guessed.
    assert _values("Kemarin air surut.") == []


def test_pagination_and_lower_case_weeks_are_not_dates() -> None:
    assert _values("Halaman 1/3. Dua minggu kemudian, 2 dari 3 warga kembali.", "2025-03-04") == []


def test_bare_weekday_resolves_to_the_nearest_past_or_upcoming_day() -> None:
    got = _values("Bupati meninjau lokasi pada Senin. Rapat lanjutan akan digelar Jumat.", "2025-03-05")
    assert got == [("Senin", "2025-03-03", False), ("Jumat", "2025-03-07", False)]


def test_english_bare_weekday_looks_ahead_when_the_clause_does() -> None:
    # A report of Monday 8 February 2016 (the New Hampshire primary was Tuesday 9 February).
    text = ("The first votes will be counted Tuesday in three tiny towns. Heading into Tuesday's primary, Clinton "
            "trails. Rubio spoke on Sunday. The ads are set to begin running on Monday. He was set to speak "
            "Saturday. The party meets next Monday. \"We will win,\" he said Friday.")
    assert [(t, v) for t, v, _ in _values(text, "2016-02-08T12:00:00+00:00", "en")] == [
        ("Tuesday", "2016-02-09"), ("Tuesday", "2016-02-09"), ("Sunday", "2016-02-07"),
        ("Monday", "2016-02-08"),  # planned for the day of writing: today, not a week on
        ("Saturday", "2016-02-06"),  # a plan told in the past
        ("Monday", "2016-02-15"),  # "next Monday" said on a Monday
        ("Friday", "2016-02-05")]  # the quote's "will" is what was said; Friday is when


def test_english_weekday_occasion_a_day_or_two_ahead() -> None:
    # "Tuesday's primary" in a report of Monday 8 February 2016 is the next day's; "Saturday's debate" is two days
    # back (the one a week on is further), and "last Friday's attacks" are behind.
    text = ("Sanders holds a solid lead in Tuesday's primary. Rubio stumbled in Saturday's debate. Since last "
            "Friday's attacks, Bush has spoken of little else.")
    assert [(t, v) for t, v, _ in _values(text, "2016-02-08T12:00:00+00:00", "en")] == [
        ("Tuesday", "2016-02-09"), ("Saturday", "2016-02-06"), ("Friday", "2016-02-05")]
    # "the primary on Tuesday" is tomorrow's on a Monday; "the debate on Saturday", said on a Thursday, was the
    # one five days back as often as the one two days on: the past, as news mostly reports.
    assert _values("Spending rose before the primary on Tuesday.", "2016-02-08", "en")[0][1] == "2016-02-09"
    assert _values("Trump lost supporters after the debate on Saturday.", "2016-02-18", "en")[0][1] == "2016-02-13"


def test_english_datelines_month_first_and_abbreviated() -> None:
    text = ("Posted on Thu Jun 13, 2013 08: 45 AM PDT. Updated 05 / 03 / 2013. Published on 18th September 2013. "
            "Dec. 7, 2009 was cold, and you may 2, 2013 us.")
    assert [(v[0], v[1][:10]) for v in _values(text, language="en")] == [
        ("Jun 13, 2013", "2013-06-13"), ("05 / 03 / 2013", "2013-05-03"),
        ("18th September 2013", "2013-09-18"), ("Dec. 7, 2009", "2009-12-07")]


def test_all_numeric_dates_follow_the_language() -> None:
    assert _values("Diumumkan 05/02/2013.", language="id")[0][1] == "2013-02-05"
    assert _values("Announced 05/02/2013.", language="en")[0][1] == "2013-05-02"
    assert _values("Announced 13/09/2023.", language="en")[0][1] == "2023-09-13"  # no 13th month: day first


def test_a_long_record_dates_every_copy_as_one_article() -> None:
    # Issue 12: each match is checked against the dates already taken by bisection, not by a scan of them all;
    # overlapping candidates ("Kamis, 6 Maret 2025" holds a month and a weekday) must still be taken once.
    text = ("Diperbarui Kamis, 6 Maret 2025 pukul 15.42 WITA. Rapat digelar Rabu (5/3) di Palu, dua hari lalu. "
            "Pada Maret tahun 2024 hal serupa terjadi, dan keputusan diumumkan Jumat depan.\n\n")
    published = "2025-03-07T09:00:00+08:00"
    one = find_dates(text, published)
    assert len(one) == 5
    copies = 400
    got = find_dates(text * copies, published)
    assert [(d.text, d.start, d.end, d.value) for d in got] == [
        (d.text, d.start + k * len(text), d.end + k * len(text), d.value) for k in range(copies) for d in one]
