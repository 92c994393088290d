"""A store is input too: a crafted corpus state must not run code when Kliping reads it (`corpus.state`)."""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from kliping.corpus.events import EventIndex
from kliping.corpus.state import UnsafeState, load_state
from kliping.corpus.storylines import StorylineIndex


class _Payload:
    """Pickles as a call of os.system: what a tampered store would hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return os.system, (f"touch {self.marker}",)


def test_the_indexes_round_trip_and_anything_else_is_refused(tmp_path: Path) -> None:
    assert isinstance(load_state(pickle.dumps(EventIndex())), EventIndex)
    assert isinstance(load_state(pickle.dumps(StorylineIndex())), StorylineIndex)
    marker = tmp_path / "pwned"
    with pytest.raises(UnsafeState, match=r"(posix|os)\.system"):
        load_state(pickle.dumps(_Payload(marker)))
    with pytest.raises(UnsafeState, match="damaged"):
        load_state(pickle.dumps(EventIndex())[:-20])
    assert not marker.exists()


def test_a_tampered_store_is_refused_in_one_line_and_runs_nothing(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    pages = ROOT / "examples" / "pages"
    assert run_cli("ingest", str(pages), "--db", str(db), "-q").returncode == 0
    marker = tmp_path / "pwned"
    with sqlite3.connect(db) as con:
        names = [n for (n,) in con.execute("SELECT name FROM corpus_state WHERE name LIKE 'events%'")]
        assert names
        con.executemany("UPDATE corpus_state SET data = ? WHERE name = ?",
                        [(pickle.dumps(_Payload(marker)), n) for n in names])
    extra = tmp_path / "more.jsonl"
    extra.write_text('{"id": "x1", "title": "Banjir Susulan", "text": "Banjir susulan kembali merendam rumah warga '
                     'di pesisir pada Kamis pagi setelah hujan deras turun sejak malam hari."}\n', encoding="utf-8")
    for args in (("ingest", str(extra), "--db", str(db)), ("events", "--db", str(db))):
        p = run_cli(*args)
        err = p.stderr.decode()
        assert p.returncode != 0 and "Traceback" not in err, err
        assert err.count("\n") == 1 and "refused" in err, err
    assert not marker.exists()
