"""Event analysis (issue 13): quantities, conflicts with evidence, summaries, timelines, the per-event cache."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from kliping.analysis.event import analyze_event
from kliping.analysis.facts import quantities
from kliping.clean import clean_article
from kliping.enrich.stage import enrich_article
from kliping.model import Article, RawPage
from kliping.report import schema

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("0*.txt"))


def _article(aid: str, text: str, published: str, title: str = "Banjir Bandung") -> Article:
    page = RawPage(id=aid, source=f"{aid}.txt", content=text, published=published, title=title, clean=True,
                   outlet=f"outlet-{aid}")
    return enrich_article(clean_article(Article.from_page(page)))


# ---------- quantities ----------

@pytest.mark.parametrize(("text", "language", "value", "unit", "hedge"), [
    ("anggaran Rp 1,2 triliun untuk jalan", "id", 1.2e12, "Rp", ""),
    ("anggaran Rp 1.200 miliar untuk jalan", "id", 1.2e12, "Rp", ""),
    ("sebanyak 1.250 warga terdampak", "id", 1250, "warga", ""),
    ("sekitar 300 orang tewas", "id", 300, "orang", "about"),
    ("lebih dari 40 rumah rusak", "id", 40, "rumah", "lower"),
    ("a crowd of about 2,003 people attended", "en", 2003, "people", "about"),
    ("at speeds up to 120 mph", "en", 120, "mph", "upper"),
    ("at speeds up to 120 miles per hour", "en", 120, "mph", "upper"),
    ("speeds of 243 miles an hour", "en", 243, "mph", ""),
    ("melaju 80 km/jam di jalan tol", "id", 80, "km/h", ""),
    ("sejauh 80 km dari kota", "id", 80, "kilometer", ""),
    ("inflasi 2,5% tahun ini", "id", 2.5, "persen", ""),
    ("masa tunggu 90 hari", "id", 90, "hari", ""),
    ("eight catches for the team", "en", 8, "catches", ""),
    ("membuka lagi kuota sebanyak 203 ribu dalam program magang", "id", 203_000, "", ""),
    ("dalam satu tahun mencapai 36 juta,\" ujarnya", "id", 36e6, "", "about"),
])
def test_quantities_are_read_with_unit_scale_and_hedge(text: str, language: str, value: float, unit: str,
                                                       hedge: str) -> None:
    [q] = quantities(text, language)
    assert (q.value, q.unit, q.hedge) == (value, unit, hedge)
    assert text[q.start:q.end] == q.text


def test_an_english_decimal_split_by_a_tokenizer_is_one_number_in_one_sentence() -> None:
    from kliping.analysis.facts import sentence_spans

    text = "The test showed a level of 0. 17 percent - - just under the legal limit of 0. 08 percent. He left."
    assert [(q.value, q.unit) for q in quantities(text, "en")] == [(0.17, "persen"), (0.08, "persen")]
    assert [text[a:b] for a, b in sentence_spans(text, "en")][1] == "He left."
    assert quantities("Rp 0. 17 persen", "id") == []  # Indonesian writes no such decimal: not read


@pytest.mark.parametrize("text", ["pada 2023 lalu", "kuota 100 untuk tahun depan", "Senin (13/9/2023) pukul 14.30 WIB",
                                  "pada 5 Mei 2024", "nomor 12 tahun 2024", "20, 000 people",
                                  "in a July 29 deal", "on Sept. 9 games"])
def test_years_dates_times_and_broken_numbers_are_not_quantities(text: str) -> None:
    assert quantities(text, "id") == []


@pytest.mark.parametrize(("text", "language", "ends"), [
    ("proyeksi pertumbuhan ekonomi 4,7-5,5% tahun depan", "id", [(4.7, "persen"), (5.5, "persen")]),
    ("inflasi diperkirakan 5,8 hingga 6,3% pada 2026", "id", [(5.8, "persen"), (6.3, "persen")]),
    ("the Orioles (seven years, $140-150 million)", "en", [(7, "years"), (140e6, "USD"), (150e6, "USD")]),
    ("an offer between $140 and $150 million", "en", [(140e6, "USD"), (150e6, "USD")]),
    ("butuh sekitar Rp 5 - 10 triliun", "id", [(5e12, "Rp"), (10e12, "Rp")]),
    ("2-3 orang tewas", "id", [(2, "orang"), (3, "orang")]),
])
def test_a_range_gives_both_ends_with_the_scale_and_unit_they_share(text: str, language: str,
                                                                  ends: list[tuple[float, str]]) -> None:
    """Read alone, "$140" of "$140-150 million" would be 140 dollars and "4,7" of "4,7-5,5%" no quantity, while the
    end after the hyphen was not read at all."""
    qs = quantities(text, language)
    assert [(q.value, q.unit) for q in qs] == ends
    for q in qs:
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(("text", "language", "values"), [
    ("menang 91-73 atas tim tamu", "id", []), ("a 91-73 victory", "en", []), ("kalah 1-2 dari Persib", "id", []),
    ("rapat 16-17 September 2025", "id", []), ("pukul 08.00-10.00 WIB", "id", []),
    ("periode 2025-2026 dalam sasaran", "id", []),
    ("scored 3 and 5 points", "en", [5.0]),  # "and" joins a range only after "between"
])
def test_scores_dates_and_lists_are_not_ranges(text: str, language: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text, language)] == values


def test_two_ranges_for_one_figure_conflict_and_a_value_inside_a_range_does_not() -> None:
    result = _pair({"money": "Rp 1-2 triliun", "people": "312"}, {"money": "Rp 1-3 triliun", "people": "312"})
    [conflict] = result["comparison"]["conflicts"]
    assert sorted(v["value"] for v in conflict["values"]) == ["Rp 1-2 triliun", "Rp 1-3 triliun"]
    assert _pair({"money": "Rp 1,2 triliun", "people": "312"},
                 {"money": "Rp 1-2 triliun", "people": "312"})["comparison"]["conflicts"] == []


# ---------- conflicts between articles ----------

_BASE = ("Pemerintah Kota Bandung mengucurkan anggaran {money} untuk perbaikan jalan yang rusak akibat banjir pada "
         "Senin (4/3/2024).\n\nSebanyak {people} warga terdampak banjir di Kecamatan Cibiru, kata Wali Kota Bandung "
         "Yana Mulyana dalam jumpa pers.\n\nPerbaikan jalan ditargetkan selesai sebelum Lebaran tahun ini, katanya.")


def _pair(a: dict[str, str], b: dict[str, str]) -> dict:
    first = _article("a1", _BASE.format(**a), "2024-03-05T10:00:00+07:00")
    second = _article("b2", _BASE.format(**b).replace("Perbaikan jalan", "Pengerjaan jalan"),
                      "2024-03-06T09:00:00+07:00")
    return analyze_event([first, second])


def test_a_different_count_in_the_same_statement_is_a_conflict_with_evidence_on_both_sides() -> None:
    result = _pair({"money": "Rp 1,2 triliun", "people": "312"}, {"money": "Rp 1,2 triliun", "people": "1.250"})
    [conflict] = result["comparison"]["conflicts"]
    assert conflict["kind"] == "number"
    sides = {v["value"]: v["articles"] for v in conflict["values"]}
    assert sides == {"312 warga": ["a1"], "1.250 warga": ["b2"]}
    for v in conflict["values"]:
        [ev] = v["evidence"]
        assert v["value"] in ev["sentence"]
        assert ev["sentence"][ev["start"] - ev["sentence_start"]:ev["end"] - ev["sentence_start"]] == v["value"]
    assert "312 warga" in conflict["explanation"] and "1.250 warga" in conflict["explanation"]


@pytest.mark.parametrize(("a", "b"), [
    ({"money": "Rp 1,2 triliun", "people": "312"}, {"money": "Rp 1.200 miliar", "people": "312"}),
    ({"money": "Rp 1,2 triliun", "people": "312"}, {"money": "Rp 1,2 triliun", "people": "sekitar 300"}),
    ({"money": "Rp 1,2 triliun", "people": "lebih dari 300"}, {"money": "Rp 1,2 triliun", "people": "312"}),
])
def test_the_same_amount_written_otherwise_is_no_conflict(a: dict[str, str], b: dict[str, str]) -> None:
    assert _pair(a, b)["comparison"]["conflicts"] == []


def test_a_bound_rewritten_with_another_value_is_a_conflict_but_not_a_bound_elsewhere() -> None:
    """"lebih dari 300" against "lebih dari 603" in one sentence rewritten is one bound given two values; another
    bound of the same unit elsewhere in the article ("lebih dari 80 warga" in its lead) is not the other's value."""
    result = _pair({"money": "Rp 1,2 triliun", "people": "lebih dari 300"},
                   {"money": "Rp 1,2 triliun", "people": "lebih dari 603"})
    [conflict] = result["comparison"]["conflicts"]
    assert sorted(v["value"] for v in conflict["values"]) == ["lebih dari 300 warga", "lebih dari 603 warga"]
    a = _article("a1", _BASE.format(money="Rp 1,2 triliun", people="612") + "\n\nSejak pagi, lebih dari 80 warga "
                 "mengungsi ke masjid.", "2024-03-05T10:00:00+07:00")
    b = _article("b2", _BASE.format(money="Rp 1,2 triliun", people="1.250"), "2024-03-05T11:00:00+07:00")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert sorted(v["value"] for v in conflict["values"]) == ["1.250 warga", "612 warga"]


@pytest.mark.parametrize(("a", "b", "language", "same"), [
    ("Rp 1,2 triliun", "Rp 1.234 miliar", "id", True),  # one figure at the lesser precision
    ("lebih dari 80 juta penonton", "80 juta penonton", "id", True),  # bounds aside
    ("$2.5 million", "$2.6 million", "en", False),
    ("2 juta orang", "1,5 juta orang", "id", False),  # not "1,5 juta" rounded
    ("40 points", "35 points", "en", False),  # forty, not "about 40"
    ("lebih dari 80 juta penonton", "123 juta penonton", "id", False),
])
def test_the_other_article_gives_that_value_too_means_the_same_figure(a: str, b: str, language: str,
                                                                      same: bool) -> None:
    from kliping.analysis.conflicts import _same_figure

    [qa], [qb] = quantities(a, language), quantities(b, language)
    assert _same_figure(qa, qb) is same


def test_a_different_day_for_the_same_happening_is_a_date_conflict() -> None:
    text = ("Gempa bermagnitudo 5,1 mengguncang Kabupaten Cianjur pada {day}, kata Kepala BMKG Dwikorita "
            "Karnawati.\n\nWarga berhamburan keluar rumah saat gempa terjadi, namun tidak ada korban jiwa.")
    a = _article("a1", text.format(day="Rabu (6/3/2024)"), "2024-03-06T20:00:00+07:00", "Gempa Cianjur")
    b = _article("b2", text.format(day="Senin (4/3/2024)"), "2024-03-07T09:00:00+07:00", "Gempa Cianjur")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert conflict["kind"] == "date"
    assert sorted(v["value"][:10] for v in conflict["values"]) == ["2024-03-04", "2024-03-06"]


def test_two_days_reports_of_a_running_story_are_not_a_date_conflict() -> None:
    """Each article dates the statement on its own publication day: a daily report, not a contradiction."""
    text = ("Nilai tukar rupiah terhadap dolar AS ditutup melemah pada perdagangan {day}, menurut data Bloomberg "
            "yang dihimpun wartawan di Jakarta.")
    a = _article("a1", text.format(day="Senin (7/7/2025)"), "2025-07-07T16:00:00+07:00", "Rupiah Melemah")
    b = _article("b2", text.format(day="Selasa (8/7/2025)"), "2025-07-08T16:00:00+07:00", "Rupiah Melemah")
    assert analyze_event([a, b])["comparison"]["conflicts"] == []


def test_two_periods_figures_are_not_a_date_conflict() -> None:
    """"sampai 31 Agustus 2025" and "sampai 30 September 2025" end two months' figures, not one happening's day."""
    text = ("Kementerian Keuangan mencatat pendapatan negara sampai {day} mencapai Rp 1.638,7 triliun atau "
            "57,2% dari outlook, kata Menteri Keuangan dalam konferensi pers APBN Kita.")
    a = _article("a1", text.format(day="31 Agustus 2025"), "2025-10-14T10:00:00+07:00", "APBN")
    b = _article("b2", text.format(day="30 September 2025"), "2025-10-15T10:00:00+07:00", "APBN")
    assert [c["kind"] for c in analyze_event([a, b])["comparison"]["conflicts"]] == []


def test_different_subjects_are_not_set_against_each_other() -> None:
    """Two aligned sentences about different people's figures are two statements."""
    a = _article("a1", "Pelatih Budi Santoso mengatakan timnya mencetak 20 gol musim ini di liga, menurut "
                       "catatan klub.\n\nLaga berikutnya digelar pekan depan di Stadion Si Jalak Harupat.",
                 "2024-03-05T10:00:00+07:00", "Liga")
    b = _article("b2", "Pelatih Andi Wijaya mengatakan timnya mencetak 12 gol musim ini di liga, menurut "
                       "catatan klub.\n\nLaga berikutnya digelar pekan depan di Stadion Si Jalak Harupat.",
                 "2024-03-05T11:00:00+07:00", "Liga")
    assert analyze_event([a, b])["comparison"]["conflicts"] == []


def _english(aid: str, text: str, published: str | None = None) -> Article:
    page = RawPage(id=aid, source=f"{aid}.txt", content=text, published=published, title="Record night",
                   clean=True, outlet=f"outlet-{aid}")
    return enrich_article(clean_article(Article.from_page(page)))


@pytest.mark.parametrize(("first", "second", "conflict"), [
    # A figure needed is not the figure reached...
    ("Hansbrough needed nine points in Thursday's game against Evansville to pass Phil Ford for the record.",
     "Hansbrough scored 20 points in Thursday's game against Evansville to pass Phil Ford for the record.", False),
    # ...but one goal given two values is a conflict.
    ("Hansbrough needed nine points in Thursday's game against Evansville to pass Phil Ford for the record.",
     "Hansbrough needed 14 points in Thursday's game against Evansville to pass Phil Ford for the record.", True),
    # Days counted from another point, or elapsed so far in undated reports, are other spans.
    ("The new endangered species rules will take effect in about 30 days, the Interior Department said.",
     "The new endangered species rules take effect nine days before the inauguration, the Interior Department "
     "said.", False),
    ("Athens was calm on the square after four days of the worst riots Greece has seen in decades.",
     "Athens was calm on the square after eight days of the worst riots Greece has seen in decades.", False),
    ("The new endangered species rules will take effect in about 30 days, the Interior Department said.",
     "The new endangered species rules will take effect in 63 days, the Interior Department said.", True),
])
def test_goals_and_other_spans_are_other_quantities(first: str, second: str, conflict: bool) -> None:
    tail = "\n\nThe decision drew protests from several groups across the country on the same day."
    a, b = _english("a1", first + tail), _english("b2", second + tail)
    found = [c["kind"] for c in analyze_event([a, b])["comparison"]["conflicts"]]
    assert found == (["number"] if conflict else [])


def test_elapsed_days_compare_only_in_reports_of_one_day() -> None:
    text = "Athens was calm on the square after {n} days of the worst riots Greece has seen in decades."
    one_day = [_english("a1", text.format(n="four"), "2008-12-14T09:00:00+02:00"),
               _english("b2", text.format(n="eight"), "2008-12-14T18:00:00+02:00")]
    two_days = [_english("a1", text.format(n="four"), "2008-12-10T09:00:00+02:00"),
                _english("b2", text.format(n="eight"), "2008-12-14T18:00:00+02:00")]
    assert [c["kind"] for c in analyze_event(one_day)["comparison"]["conflicts"]] == ["number"]
    assert analyze_event(two_days)["comparison"]["conflicts"] == []


def test_a_day_after_the_articles_own_publication_is_set_against_another_articles_dated_sentence() -> None:
    """The slip's own sentence says little another article repeats (another quote of the same press conference);
    the other side is the other article's closest sentence that dates the occasion."""
    a = _article("a1", "Pemerintah menyiapkan anggaran untuk program magang nasional tahun ini.\n\n\"Batch ini yang "
                       "100 ribu segitu,\" ujar Airlangga saat ditemui di Kantor Kementerian Ketenagakerjaan, Rabu "
                       "(22/10/2025).", "2025-10-20T15:13:00+07:00", "Magang Nasional")
    b = _article("b2", "Pemerintah menyiapkan anggaran untuk program magang nasional tahun ini.\n\nAirlangga menyebut "
                       "batch ini untuk 100 ribu peserta.\n\n\"Kuota akan diperbesar untuk lembaga pemerintahan,\" "
                       "katanya saat ditemui di Kantor Kemnaker, Senin (20/10/2025).", "2025-10-20T14:30:00+07:00",
                 "Magang Nasional")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert conflict["kind"] == "date"
    sides = {v["articles"][0]: v["value"][:10] for v in conflict["values"]}
    assert sides == {"a1": "2025-10-22", "b2": "2025-10-20"}
    assert "after its own publication" in conflict["explanation"]


def test_a_day_something_starts_from_is_no_slip_but_the_day_it_was_said_still_is() -> None:
    """"terhitung sejak Senin, 1 September 2025" said on Sunday: a suspension from the next day. The same sentence
    dating the announcement after the article went out is still a slip."""
    said = ("\"Menonaktifkan saudara Adi sebagai anggota dewan, terhitung sejak Senin, 1 September 2025,\" kata "
            "Sekjen partai itu kepada wartawan, {day}.")
    other = _article("b2", "Partai itu menonaktifkan Adi dari kursi dewan.\n\n" + said.format(day="Minggu (31/8/2025)"),
                     "2025-08-31T19:00:00+07:00", "Adi Dinonaktifkan")
    same = _article("a1", "Partai itu menonaktifkan Adi dari kursi dewan.\n\n" + said.format(day="Minggu (31/8/2025)"),
                    "2025-08-31T20:00:00+07:00", "Adi Dinonaktifkan")
    assert analyze_event([same, other])["comparison"]["conflicts"] == []
    slipped = _article("a1", "Partai itu menonaktifkan Adi dari kursi dewan.\n\n" + said.format(
        day="Selasa (2/9/2025)"), "2025-08-31T20:00:00+07:00", "Adi Dinonaktifkan")
    [conflict] = analyze_event([slipped, other])["comparison"]["conflicts"]
    assert {v["value"][:10] for v in conflict["values"]} == {"2025-09-02", "2025-08-31"}


def test_a_place_conflict_is_found_when_the_sentences_share_their_actor() -> None:
    """Each sentence also names something the other does not ("IR", "NFC"): the shared actor makes them one
    statement of where the game is."""
    a = _article("a1", "Thomas is the second running back in two days to be placed on IR as New Orleans prepares for "
                       "its playoff game at Miami.\n\nThe team signed a backup on Tuesday.",
                 "2011-01-01T10:00:00+00:00", "Saints")
    b = _article("b2", "The second running back placed on injured reserve, as New Orleans prepares for its playoff "
                       "game at Seattle in the Wild Card round of the NFC.\n\nThe team signed a backup on Tuesday.",
                 "2011-01-01T11:00:00+00:00", "Saints")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert conflict["kind"] == "place"
    assert sorted(v["value"] for v in conflict["values"]) == ["Miami", "Seattle"]


_CLEANUP = ("Menteri Lingkungan Hidup Hanif Faisol Nurofiq {what} {where}, Jumat (17/10/2025).\n\n"
            "Ia mengajak warga menjaga kebersihan sungai dan memilah sampah dari rumah.")


@pytest.mark.parametrize(("where_b", "person_b", "conflict"), [
    ("bersama warga di alun-alun Kota Bekasi", "Hanif Faisol Nurofiq", True),
    ("bersama warga di alun-alun Kota Bekasi", "Budi Santoso", False),  # another person's day
    ("di Kota Bogor lalu ke Kota Bekasi", "Hanif Faisol Nurofiq", False),  # a route names both places
])
def test_one_persons_day_put_in_two_places_is_a_place_conflict(where_b: str, person_b: str, conflict: bool) -> None:
    """The sentences are worded apart; the same written day, the same person, and two places neither article names
    in the other make the conflict."""
    a = _article("a1", _CLEANUP.format(what="memimpin aksi bersih sungai", where="di Kota Bogor"),
                 "2025-10-17T15:00:00+07:00", "Aksi bersih")
    b = _article("b2", _CLEANUP.format(what="mengikuti senam sehat", where=where_b).replace(
        "Hanif Faisol Nurofiq", person_b), "2025-10-18T07:00:00+07:00", "Senam sehat")
    conflicts = analyze_event([a, b])["comparison"]["conflicts"]
    assert [sorted(v["value"] for v in c["values"]) for c in conflicts] == ([["Bekasi", "Bogor"]] if conflict else [])


def test_a_day_given_for_words_already_reported_the_day_before_is_a_date_conflict() -> None:
    """The first report quotes the words without a day; the later one dates them after the first went out."""
    quote = "\"Kami masih mendalami dugaan pungutan liar di pos lalu lintas itu,\" kata Made {cue}{day}."
    a = _article("a1", "Dua polisi diamankan.\n\n" + quote.format(cue="saat dikonfirmasi", day=""),
                 "2025-09-18T08:00:00+07:00", "Polisi")
    b = _article("b2", "Dua polisi diperiksa.\n\n" + quote.format(cue="kepada wartawan", day=", Jumat (19/9/2025)"),
                 "2025-09-21T08:00:00+07:00", "Polisi")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert conflict["kind"] == "date"
    assert {v["articles"][0]: v["value"][:10] for v in conflict["values"]}["b2"] == "2025-09-19"
    assert "2025-09-18" in conflict["explanation"]


def test_summary_sentences_are_verbatim_cite_every_source_and_do_not_repeat() -> None:
    result = _pair({"money": "Rp 1,2 triliun", "people": "312"}, {"money": "Rp 1,2 triliun", "people": "312"})
    summary = result["summary"]
    assert 2 <= len(summary) <= 5
    texts = {"a1": _BASE.format(money="Rp 1,2 triliun", people="312")}
    for s in summary:
        assert s["text"] in texts["a1"] or s["text"] in texts["a1"].replace("Perbaikan jalan", "Pengerjaan jalan")
    lead = next(s for s in summary if s["text"].startswith("Pemerintah Kota Bandung"))
    assert lead["sources"] == ["a1", "b2"]  # both articles report it
    assert len({s["text"] for s in summary}) == len(summary)
    agreed = result["comparison"]["agreed"]
    assert any(x["articles"] == ["a1", "b2"] and x["outlets"] == ["outlet-a1", "outlet-b2"] for x in agreed)


def test_timeline_is_in_date_order_at_the_precision_given() -> None:
    art = _article("a1", "Banjir melanda Kota Bandung pada Senin (4/3/2024) setelah hujan deras.\n\nBanjir serupa "
                         "pernah terjadi pada Mei 2023 di kawasan yang sama, kata warga setempat.",
                   "2024-03-05T10:00:00+07:00")
    timeline = analyze_event([art])["timeline"]
    assert [t["date"] for t in timeline] == ["2023-05", "2024-03-04"]
    assert all(t["articles"] == ["a1"] for t in timeline)
    for t in timeline:
        [ev] = t["evidence"]
        assert art.text[ev["start"]:ev["end"]] == t["text"]


# ---------- the seeds, end to end ----------

@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not SEEDS:
        pytest.skip("no ../shared/seeds")
    out = tmp_path_factory.mktemp("seeds")
    cmd = [sys.executable, "-m", "kliping", "analyze", *map(str, SEEDS), "--out", str(out), "-q"]
    assert subprocess.run(cmd, cwd=ROOT, check=False).returncode == 0
    return dict(json.loads((out / "report.json").read_text(encoding="utf-8")))


def _by_seed(report: dict) -> dict[str, dict]:
    return {Path(a["source"]).name[:3]: a for a in report["articles"]}


def test_seed_event_a_conflicts_weekday_and_place(seeds_report: dict) -> None:
    arts = _by_seed(seeds_report)
    ids = {k: a["id"] for k, a in arts.items()}
    event = next(e for e in seeds_report["events"] if e["id"] == arts["003"]["event"])
    conflicts = event["comparison"]["conflicts"]
    weekday = next(c for c in conflicts if c["kind"] == "weekday")
    assert weekday["values"][0]["articles"] == [ids["003"]]
    assert set(weekday["values"][1]["articles"]) == {ids["000"], ids["002"]}
    assert "13 September 2023 was a Wednesday" in weekday["explanation"]
    place = next(c for c in conflicts if c["kind"] == "place")
    blob = json.dumps(place)
    assert "Vladivostok" in blob and "Vostochny" in blob
    assert {ev["part"] for v in place["values"] for ev in v["evidence"]} == {"text", "caption"}


def test_seed_summaries_are_verbatim_and_event_b_cites_both(seeds_report: dict) -> None:
    arts = _by_seed(seeds_report)
    text = {a["id"]: a["text"] for a in seeds_report["articles"]}
    for event in seeds_report["events"]:
        assert 2 <= len(event["summary"]) <= 5
        for s in event["summary"]:
            assert any(s["text"] in text[x] for x in s["sources"])
    event_b = next(e for e in seeds_report["events"] if e["id"] == arts["001"]["event"])
    cited = {x for s in event_b["summary"] for x in s["sources"]}
    assert {arts["001"]["id"], arts["004"]["id"]} <= cited


def test_seed_storyline_timeline_and_report_schema(seeds_report: dict) -> None:
    [story] = seeds_report["storylines"]
    dates = [t["date"] for t in story["timeline"]]
    assert dates == sorted(dates)
    assert dates.index("2023-09-13") < dates.index("2024-06-19")
    assert [s["date"] for s in story["summary"]] == ["2023-09-13", "2024-06-19"]
    jsonschema.validate(seeds_report, schema())


# ---------- the cache: an ingest that changes an event recomputes that event only ----------

def _ingest(db: Path, records: list[dict], tmp: Path) -> dict:
    path = tmp / f"in-{len(list(tmp.glob('in-*')))}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "kliping", "ingest", str(path), "--db", str(db), "--json", "-q"],
                       cwd=ROOT, capture_output=True, check=False)
    assert p.returncode == 0, p.stderr
    return dict(json.loads(p.stdout))


def _flood(i: int, people: str) -> dict:
    return {"id": f"flood{i}", "published": f"2024-03-0{4 + i}T10:00:00+07:00", "title": "Banjir Bandung",
            "text": _BASE.format(money="Rp 1,2 triliun", people=people).replace("Perbaikan", f"Perbaikan ke-{i}"),
            "clean": True}


def _quake(i: int) -> dict:
    return {"id": f"quake{i}", "published": f"2024-06-1{i}T10:00:00+07:00", "title": "Gempa Sulawesi",
            "text": "Gempa bermagnitudo 6,2 mengguncang Kabupaten Majene, Sulawesi Barat, pada dini hari, kata "
                    "BMKG. Sedikitnya 40 rumah rusak dan ratusan warga mengungsi ke tenda darurat.", "clean": True}


def test_an_ingest_recomputes_only_the_events_it_changed(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    first = _ingest(db, [_flood(1, "312"), _flood(2, "312"), _quake(1)], tmp_path)
    assert first["events_analysed"] == 2
    again = _ingest(db, [_flood(1, "312")], tmp_path)  # nothing new
    assert again["events_analysed"] == 0
    with sqlite3.connect(db) as con:
        before = dict(con.execute("SELECT id, data FROM event_analysis").fetchall())
    changed = _ingest(db, [_flood(3, "1.250")], tmp_path)  # joins the flood event: only it is recomputed
    assert changed["events_analysed"] == 1
    with sqlite3.connect(db) as con:
        after = dict(con.execute("SELECT id, data FROM event_analysis").fetchall())
    [flood_event] = [e for e in after if "flood3" in after[e]]
    assert after[flood_event] != before[flood_event]
    assert {k: v for k, v in after.items() if k != flood_event} == {k: v for k, v in before.items()
                                                                       if k != flood_event}
    assert '"kind": "number"' in after[flood_event]


def test_a_failing_event_analysis_loses_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in one event's analysis is named, that event gets an empty analysis, the others theirs."""
    from kliping.analysis import stage
    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    real = stage.analyze_event

    def flaky(arts: list[Article]) -> dict:
        if any(a.id.startswith("quake") for a in arts):
            raise ValueError("boom")
        return real(arts)

    monkeypatch.setattr(stage, "analyze_event", flaky)
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [_flood(1, "312"), _flood(2, "312"), _quake(1)]))
    with Store(tmp_path / "k.db") as store:
        res = ingest([str(path)], store, LocalExecutor(workers=1))
        analyses = store.analyses()
    assert len(res.analysis_failed) == 1 and "ValueError: boom" in res.analysis_failed[0]
    assert res.analysed == 2 and len(analyses) == 2
    assert sorted(len(a["summary"]) > 0 for a in analyses.values()) == [False, True]


@pytest.mark.parametrize(("first", "second", "values"), [
    ("Sebelumnya Dinas Sosial menyalurkan bantuan antara Rp 140 juta dan Rp 150 juta untuk para pengungsi banjir.",
     "Sebelumnya Dinas Sosial menyalurkan bantuan antara Rp 280 juta dan Rp 150 juta untuk para pengungsi banjir.",
     ["Rp 140 juta", "Rp 280 juta"]),
    ("Bupati bilang butuh sebelas hari untuk mencapai 40 ribu warga, dan kini dalam satu hari mencapai 36 ribu "
     "warga terdata.",
     "Bupati bilang butuh sebelas hari untuk mencapai 40 ribu warga, dan kini dalam satu hari mencapai 75 ribu "
     "warga terdata.",
     ["mencapai 36 ribu warga", "mencapai 75 ribu warga"]),
])
def test_figures_pair_one_to_one_before_a_value_is_compared(first: str, second: str, values: list[str]) -> None:
    """Each figure pairs with one of the other sentence's: the equal ones pair, and what is left is compared. A
    figure within rounding or a hedge of one that is already paired ("140" of "150", "36" of "about 40") is no
    agreement."""
    lead = "Banjir merendam ratusan rumah di Kecamatan Dayeuhkolot, Kabupaten Bandung, sejak Senin malam."
    a = _article("a1", f"{lead}\n\n{first}", "2024-03-05T10:00:00+07:00")
    b = _article("b2", f"{lead}\n\n{second}", "2024-03-05T11:00:00+07:00")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert conflict["kind"] == "number"
    assert sorted(v["value"] for v in conflict["values"]) == values


def test_a_city_written_with_its_province_is_compared_as_the_city() -> None:
    """"di Denpasar Bali" and "di Yogyakarta Bali" (a city and its province, no comma, as Indonesian news writes
    them) in one sentence rewritten are two places for one happening."""
    lead = "Kementerian Kebudayaan menggelar forum kebudayaan internasional yang dihadiri perwakilan 38 negara."
    text = ("Menteri Kebudayaan Fadli Zon membuka forum kebudayaan internasional itu pada Jumat (5/9/2025) di {} "
            "bersama para duta besar.")
    a = _article("a1", f"{lead}\n\n{text.format('Denpasar Bali')}", "2025-09-05T10:00:00+07:00")
    b = _article("b2", f"{lead}\n\n{text.format('Yogyakarta Bali')}", "2025-09-05T11:00:00+07:00")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert conflict["kind"] == "place"
    assert sorted(v["value"] for v in conflict["values"]) == ["Denpasar Bali", "Yogyakarta Bali"]


def test_a_slip_no_other_article_words_alike_is_set_against_one_article_naming_the_same_person() -> None:
    """Each article quotes its own part of what was said, so no sentence of the other articles is close to the
    slip's: the other side is one article's dated sentence, the one naming the same person."""
    lead = "Banjir merendam jalan di depan rumah sakit di Kota Semarang sejak pagi."
    a = _article("a1", f"{lead}\n\n\"Kalau dari timur ke barat kira-kira genangan ada satu kilometer, yang dari "
                       "barat ke timur paling seratus meter saja,\" ucap Rismanto, Jumat (24/10/2025).",
                 "2025-10-22T12:00:00+07:00", "Banjir Semarang")
    b = _article("b2", f"{lead}\n\n\"Airnya naik sejak subuh dan belum surut sampai siang,\" ujar Rismanto kepada "
                       "wartawan, Rabu (22/10/2025).\n\nPetugas memasang rambu peringatan di dua titik, Rabu "
                       "(22/10/2025).", "2025-10-22T13:00:00+07:00", "Banjir Semarang")
    c = _article("c3", f"{lead}\n\nWarga lain memilih memutar lewat jalan tol, Selasa (21/10/2025).",
                 "2025-10-22T14:00:00+07:00", "Banjir Semarang")
    [conflict] = analyze_event([a, b, c])["comparison"]["conflicts"]
    sides = {v["articles"][0]: (v["value"][:10], v["evidence"][0]["sentence"]) for v in conflict["values"]}
    assert sides["a1"][0] == "2025-10-24" and sides["b2"][0] == "2025-10-22" and "Rismanto" in sides["b2"][1]
    assert set(sides) == {"a1", "b2"}


def test_a_target_day_after_publication_is_no_slip() -> None:
    """"dengan target penyelesaian pada 9 Desember 2025" in a report of 6 December: a day aimed at, not a slip;
    the same day as the day something was done is one."""
    lead = "Kementerian PU mempercepat pemulihan akses jalan di Aceh Tamiang setelah banjir."
    said = "\"Pembersihan lumpur di ruas Langsa terus dikebut {},\" kata Kepala BPJN Aceh Heri Yugiantoro."
    b = _article("b2", f"{lead}\n\nHeri Yugiantoro mengatakan alat berat dikerahkan ke ruas Langsa, Jumat (5/12/2025).",
                 "2025-12-06T17:00:00+07:00", "Pemulihan Aceh")
    target = _article("a1", f"{lead}\n\n" + said.format("dengan target penyelesaian pada 9 Desember 2025"),
                      "2025-12-06T16:00:00+07:00", "Pemulihan Aceh")
    assert analyze_event([target, b])["comparison"]["conflicts"] == []
    slipped = _article("a1", f"{lead}\n\n" + said.format("sejak Selasa (9/12/2025)"), "2025-12-06T16:00:00+07:00",
                       "Pemulihan Aceh")
    [conflict] = analyze_event([slipped, b])["comparison"]["conflicts"]
    assert {v["value"][:10] for v in conflict["values"]} == {"2025-12-09", "2025-12-05"}


def test_a_future_word_inside_a_quote_does_not_excuse_the_day_it_was_said() -> None:
    """"Kami akan mengumumkan ...," kata X, Minggu (19/10/2025) in a report of 17 October: "akan" is what was said;
    the day it was said is a slip. A day inside the quote, with the quote's own "hingga", is a period announced."""
    lead = "Pemerintah Peru menimbang keadaan darurat di ibu kota setelah gelombang kejahatan."
    said = ("\"Kami akan mengumumkan keputusan untuk menetapkan keadaan darurat setidaknya di Metropolitan Lima,\" "
            "kata kepala kabinet Ernesto Alvarez dalam konferensi pers, {}.")
    other = _article("b2", f"{lead}\n\nMenurut Alvarez, kabinet membahas usulan itu dalam rapat tertutup, Jumat "
                           "(17/10/2025).", "2025-10-17T20:00:00+07:00", "Peru")
    slipped = _article("a1", f"{lead}\n\n" + said.format("Minggu (19/10/2025)"), "2025-10-17T21:00:00+07:00", "Peru")
    [conflict] = analyze_event([slipped, other])["comparison"]["conflicts"]
    assert {v["value"][:10] for v in conflict["values"]} == {"2025-10-19", "2025-10-17"}
    period = _article("a1", f"{lead}\n\n\"Keadaan darurat berlaku mulai 18 Oktober 2025 hingga 17 November 2025,\" "
                            "kata Ernesto Alvarez kepada wartawan, Jumat (17/10/2025).", "2025-10-17T21:00:00+07:00",
                      "Peru")
    assert analyze_event([period, other])["comparison"]["conflicts"] == []


def test_one_saying_given_two_days_conflicts_however_far_apart_the_reports() -> None:
    """The same words quoted by two reports four days apart were said once: two days for them contradict (figures
    of reports that far apart are a running series, and are not compared)."""
    lead = "Menteri Keuangan menanggapi rencana pembayaran utang proyek kereta cepat."
    said = "\"Untuk saya sih nggak ada masalah, asal tidak pakai APBN,\" kata Purbaya di kantor kementerian, {}."
    a = _article("a1", f"{lead}\n\n" + said.format("Jumat (17/10/2025)"), "2025-10-17T15:00:00+07:00", "Utang")
    b = _article("b2", f"{lead}\n\n" + said.format("Minggu (19/10/2025) lalu"), "2025-10-21T09:00:00+07:00", "Utang")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert {v["value"][:10] for v in conflict["values"]} == {"2025-10-17", "2025-10-19"}


def test_a_short_saying_copied_near_word_for_word_is_one_saying_however_far_apart_the_reports() -> None:
    """Most of the sentence is who said it where, and the reports are four days apart: the sentence copied near word
    for word around its quote is still one saying, said on one day."""
    lead = "Menteri Keuangan menanggapi rencana pembayaran utang proyek kereta cepat."
    said = ("\"Nggak ada masalah,\" kata Purbaya kepada wartawan di Kementerian Pekerjaan Umum (PU), Jakarta Selatan, "
            "usai rapat koordinasi pembiayaan infrastruktur, {}.")
    a = _article("a1", f"{lead}\n\n" + said.format("Jumat (17/10/2025)"), "2025-10-17T15:00:00+07:00", "Utang")
    b = _article("b2", f"{lead}\n\n" + said.format("Minggu (19/10/2025) lalu"), "2025-10-21T09:00:00+07:00", "Utang")
    [conflict] = analyze_event([a, b])["comparison"]["conflicts"]
    assert {v["value"][:10] for v in conflict["values"]} == {"2025-10-17", "2025-10-19"}


@pytest.mark.parametrize(("day_b", "published_b", "conflict"), [
    ("Sabtu (18/10/2025) sore", "2025-10-20T11:00:00+07:00", True),  # one source quoted on two days
    ("Senin (20/10/2025) sore", "2025-10-20T11:00:00+07:00", True),
    ("Selasa (21/10/2025)", "2025-10-21T11:00:00+07:00", False),  # each quoted it on its own day
])
def test_a_cited_day_in_a_sentence_copied_word_for_word_is_compared(day_b: str, published_b: str,
                                                                     conflict: bool) -> None:
    lead = "Dekan menanggapi kasus perundungan mahasiswa di kampus."
    said = ("\"Saya akan menulis surat kepada yang bersangkutan agar diberikan sanksi pengurangan nilai,\" ujar Anom "
            "dikutip dari Instagram fakultas, {}.")
    day_a = "Kamis (16/10/2025) sore" if conflict else "Senin (20/10/2025)"
    a = _article("a1", f"{lead}\n\n" + said.format(day_a), "2025-10-20T09:00:00+07:00", "Perundungan")
    b = _article("b2", f"{lead}\n\n" + said.format(day_b), published_b, "Perundungan")
    found = [c["kind"] for c in analyze_event([a, b])["comparison"]["conflicts"]]
    assert ("date" in found) is conflict


@pytest.mark.parametrize(("second", "conflict"), [
    ("she told a debate on Madrid's decision to lend Greece money.", ("Berlin", "Madrid")),
    ("she told a debate on Germany's decision to lend Greece money.", None),  # Berlin is in Germany
    ("she told lawmakers in Madrid before the vote on the Greek loans.", None),  # another statement
])
def test_a_sentence_rewritten_with_another_place_is_a_place_conflict(second: str,
                                                                     conflict: tuple[str, str] | None) -> None:
    """A place changed in a sentence otherwise copied word for word contradicts, whatever the place does in the
    sentence (here no locative cue: "on Berlin's decision")."""
    lead = "European leaders agreed on Sunday to a rescue package for Greece worth 110 billion euros."
    first = "she told a debate on Berlin's decision to lend Greece money."
    text = "{} \"The future of Europe is at stake,\" {}"
    a = _article("a1", text.format(lead, first), "2010-05-05T10:00:00+00:00", "Greek bailout")
    b = _article("b2", text.format(lead, second), "2010-05-05T12:00:00+00:00", "Greek bailout")
    places = [c for c in analyze_event([a, b])["comparison"]["conflicts"] if c["kind"] == "place"]
    if conflict is None:
        assert places == []
    else:
        [c] = places
        assert {v["value"]: v["articles"] for v in c["values"]} == {conflict[0]: ["a1"], conflict[1]: ["b2"]}
