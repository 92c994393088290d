"""The one publication-date rule (issue 12, findings 1 and 2): ISO with an offset, a date alone stays a date,
garbage becomes null with a warning, on every input path."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import load_report, run_cli
from kliping.clean import clean_article
from kliping.clean.published import BadZone, is_valid, normalise_published, zone
from kliping.model import Article, RawPage

BODY = ("Pemerintah kota meresmikan jembatan baru di tepi sungai pada pagi hari. Wali kota mengatakan jembatan itu "
        "akan memperpendek waktu tempuh warga ke pasar. Pembangunan jembatan memakan waktu delapan bulan.")


@pytest.mark.parametrize(("given", "expected"), [
    ("10/21/2025 20:43", "2025-10-21T20:43:00+07:00"),
    ("21 Oktober 2025", "2025-10-21"),
    ("1729500000", "2024-10-21T15:40:00+07:00"),
    ("1729500000000", "2024-10-21T15:40:00+07:00"),
    ("2023-09-13T14:05:00Z", "2023-09-13T14:05:00+00:00"),
    ("2023-09-13T14:05:00.123+0800", "2023-09-13T14:05:00+08:00"),
    ("Selasa, 13 Sep 2023 14:05 WIB", "2023-09-13T14:05:00+07:00"),
    ("Rabu, 13/09/2023 10.30 WITA", "2023-09-13T10:30:00+08:00"),
    ("2023-09-13", "2023-09-13"),
    ("13.09.2023", "2023-09-13"),
])
def test_forms_people_have_become_one_shape(given: str, expected: str) -> None:
    value, _ = normalise_published(given)
    assert value == expected
    assert is_valid(value)


@pytest.mark.parametrize("garbage", ["kemarin sore banget", "2099-13-45T99:00:00+07:00", "3 hari lalu", "hello",
                                     "0", "1e400", "9999-12-31", "0001-01-01T00:00:00+00:00", "x" * 500, "12:00"])
def test_garbage_is_null_with_a_warning(garbage: str) -> None:
    value, warning = normalise_published(garbage)
    assert value is None
    assert warning and "ignored" in warning


def test_time_without_zone_takes_the_default_zone_and_says_so() -> None:
    value, warning = normalise_published("2024-07-01 12:00", tz="Europe/Berlin")
    assert value == "2024-07-01T12:00:00+02:00"  # summer time in Berlin
    assert warning and "Europe/Berlin" in warning
    assert normalise_published("2024-07-01 12:00", tz="+09:00")[0] == "2024-07-01T12:00:00+09:00"
    assert normalise_published("2024-07-01 12:00:00+05:30")[1] is None  # a zone given is kept, nothing to say


def test_date_format_decides_day_and_month_order() -> None:
    assert normalise_published("05/06/2025")[0] == "2025-06-05"  # Indonesian order by default
    assert normalise_published("05/06/2025", date_format="%m/%d/%Y")[0] == "2025-05-06"
    assert normalise_published("05/06/2025 08:00", date_format="%m/%d/%Y %H:%M")[0] == "2025-05-06T08:00:00+07:00"


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(BadZone):
        zone("Mars/Olympus")


def test_non_string_values() -> None:
    assert normalise_published(1729500000)[0] == "2024-10-21T15:40:00+07:00"
    assert normalise_published(["2024"])[0] is None
    assert normalise_published(True) == (None, None)
    assert normalise_published(None) == (None, None)


def test_page_text_time_without_zone_gets_the_default_zone() -> None:
    page = RawPage(id="p", source="p.txt", content=f"Jembatan Baru Diresmikan\n\n13/09/2023 10:30\n\n{BODY}\n")
    art = clean_article(Article.from_page(page))
    assert art.published == "2023-09-13T10:30:00+07:00"
    assert any("no time zone" in w for w in art.warnings)


def test_bad_published_neither_crashes_nor_poisons_the_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(json.dumps({"id": f"b{i}", "title": f"Jembatan {i}", "text": BODY, "published": p})
                             for i, p in enumerate(["kemarin sore banget", "2099-13-45T99:00:00+07:00"])) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    p = run_cli("analyze", str(bad), "--out", str(out), "-q")
    assert p.returncode == 0, p.stderr.decode()
    rep = load_report(out)
    assert [a["published"] for a in rep["articles"]] == [None, None]
    assert all(any("ignored" in w for w in a["warnings"]) for a in rep["articles"])
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g", "title": "Pasar", "text": BODY.replace("jembatan", "pasar"),
                                "published": "2023-09-13T08:00:00+07:00"}) + "\n", encoding="utf-8")
    db = out / "kliping.db"
    for _ in range(2):  # the next ingest into that store, and the one after, work
        p = run_cli("ingest", str(good), "--db", str(db), "-q")
        assert p.returncode == 0, p.stderr.decode()


def test_annotate_never_passes_garbage_through(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": BODY, "published": "kemarin sore banget"}) + "\n"
                   + json.dumps({"id": "b", "text": BODY, "published": "10/21/2025 20:43"}) + "\n", encoding="utf-8")
    p = run_cli("annotate", str(src), "--out", str(tmp_path / "out.jsonl"), "-q")
    assert p.returncode == 0, p.stderr.decode()
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["published"] for r in rows] == [None, "2025-10-21T20:43:00+07:00"]
    assert dt.datetime.fromisoformat(rows[1]["published"]).utcoffset() == dt.timedelta(hours=7)


def test_a_store_poisoned_by_an_older_version_recovers(tmp_path: Path) -> None:
    """A store written before dates were checked holds a garbage `published` in an article and in the event
    index's state: the next ingest relinks it instead of failing on every run."""
    import sqlite3

    from kliping.corpus import state
    from kliping.corpus.events import EventIndex
    from kliping.corpus.stage import EVENTS_STATE, STATE_CLASSES

    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "Jembatan", "text": BODY, "published": "2023-09-13"}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("analyze", str(src), "--out", str(out), "-q").returncode == 0
    db = sqlite3.connect(out / "kliping.db")
    blob = db.execute("SELECT data FROM corpus_state WHERE name = ?", (EVENTS_STATE,)).fetchone()[0]
    index = state.load(blob, STATE_CLASSES, EventIndex)
    index.newest = "kemarin sore banget"
    db.execute("UPDATE corpus_state SET data = ? WHERE name = ?", (state.dump(index, STATE_CLASSES), EVENTS_STATE))
    db.execute("UPDATE articles SET data = json_set(data, '$.published', 'kemarin sore banget')")
    db.commit()
    db.close()
    more = tmp_path / "b.jsonl"
    more.write_text(json.dumps({"id": "b", "title": "Pasar", "text": BODY.replace("jembatan", "pasar"),
                                "published": "2023-10-01T08:00:00+07:00"}) + "\n", encoding="utf-8")
    p = run_cli("analyze", str(more), "--out", str(out), "-q")
    assert p.returncode == 0, p.stderr.decode()
    rep = load_report(out)
    assert all(is_valid(a["published"]) for a in rep["articles"])
    assert all(a["event"] for a in rep["articles"])
