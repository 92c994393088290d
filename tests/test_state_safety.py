"""A store is input too: its corpus state is plain data (`corpus.state`), and a crafted one never runs code."""

from __future__ import annotations

import io
import json
import os
import pickle
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, ingest_articles, run_cli
from kliping.corpus import state
from kliping.corpus.events import EventIndex
from kliping.corpus.stage import EVENTS_STATE, STATE_CLASSES
from kliping.corpus.storylines import STORYLINES_STATE, StorylineIndex

PAGES = ROOT / "examples" / "pages"


class _Payload:
    """Pickles as a call of os.system: what a tampered (or pre-plain-data) store would hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return os.system, (f"touch {self.marker}",)


def _npz(**members: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **members)
    return buf.getvalue()


def _doc(doc: object) -> np.ndarray:
    return np.frombuffer(json.dumps(doc).encode(), dtype=np.uint8)


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("state") / "k.db"
    ingest_articles(sorted(str(p) for p in PAGES.iterdir()), db)
    return db


def _blob(db: Path, name: str) -> bytes:
    with sqlite3.connect(db) as con:
        return bytes(con.execute("SELECT data FROM corpus_state WHERE name = ?", (name,)).fetchone()[0])


def test_the_stored_indexes_are_plain_data_and_round_trip_exactly(store_db: Path) -> None:
    blob = _blob(store_db, EVENTS_STATE)
    with np.load(io.BytesIO(blob), allow_pickle=False) as npz:  # numpy reads it without pickle
        doc = json.loads(npz["state"].tobytes())
    assert doc["$t"] == "object" and doc["c"] == "EventIndex" and doc["v"]["events"]
    index = state.load(blob, STATE_CLASSES, EventIndex)
    assert index.events and index.nearest.index is not None and len(index.nearest.event_of_key) == len(
        index.event_of)
    assert state.dump(index, STATE_CLASSES) == blob  # every value comes back as it was
    stories = _blob(store_db, STORYLINES_STATE)
    assert state.dump(state.load(stories, STATE_CLASSES, StorylineIndex), STATE_CLASSES) == stories


def test_a_state_larger_than_a_chunk_is_written_and_read_back_whole(tmp_path: Path) -> None:
    """States are written and read in chunks (SQLite's blob I/O, not one copy per side): every byte survives, a
    state that shrinks leaves no tail of the old one, and an absent state reads as None."""
    from kliping.store import Store
    from kliping.store.sqlite import STATE_CHUNK

    rng = np.random.default_rng(7)
    big = rng.integers(0, 256, 2 * STATE_CHUNK + 12_345, dtype=np.uint8).tobytes()
    small = b"\x00" * 10 + big[:999]
    with Store(tmp_path / "k.db") as st:
        assert st.get_state("x") is None
        st.save_corpus([], [], {"x": big, "y": b""})
        assert st.get_state("x") == big and st.get_state("y") == b""
    with Store(tmp_path / "k.db") as st:  # committed: another connection reads it
        assert st.get_state("x") == big
        st.save_corpus([], [], {"x": small})
        assert st.get_state("x") == small and st.get_state("y") == b""


def test_a_restored_index_decides_as_the_one_it_was_saved_from(store_db: Path) -> None:
    """Half the articles linked, saved and restored; the other half then goes to the same events in both."""
    from kliping.store import Store

    with Store(store_db) as st:
        arts = sorted(st.articles(), key=lambda a: (a.published or "", a.id))
    assert len(arts) >= 6
    half = len(arts) // 2
    live = EventIndex()
    for a in arts[:half]:
        live.add(a)
    restored = state.load(state.dump(live, STATE_CLASSES), STATE_CLASSES, EventIndex)
    unpickled = pickle.loads(pickle.dumps(live))  # how stores kept it before: the reference
    assert [live.add(a) for a in arts[half:]] == [restored.add(a) for a in arts[half:]]
    for a in arts[half:]:
        unpickled.add(a)
    assert live.event_of == restored.event_of
    # The HNSW graph grows differently after a restore (usearch draws new levels), exactly as it did unpickled
    assert state.dump(restored, STATE_CLASSES) == state.dump(unpickled, STATE_CLASSES)
    live.nearest = restored.nearest = None  # type: ignore[assignment]
    assert state.dump(live, STATE_CLASSES) == state.dump(restored, STATE_CLASSES)  # every sum, count and id


def test_anything_but_plain_state_is_refused_unread(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for bad in (pickle.dumps(_Payload(marker)), pickle.dumps(EventIndex()), b"", b"PK\x03\x04garbage",
                # numpy refuses an array of Python objects: it would need pickle
                _npz(format=np.frombuffer(state.FORMAT.encode(), dtype=np.uint8),
                     state=np.array([_Payload(marker)], dtype=object)),
                # a class the caller did not allow, by name
                _npz(format=np.frombuffer(state.FORMAT.encode(), dtype=np.uint8),
                     state=_doc({"$t": "object", "c": "Popen", "v": {}})),
                _npz(format=np.frombuffer(b"kliping-state/0", dtype=np.uint8), state=_doc({}))):
        with pytest.raises(state.StaleState):
            state.load(bad, STATE_CLASSES, EventIndex)
    with pytest.raises(state.StaleState, match="StorylineIndex, not a EventIndex"):
        state.load(state.dump(StorylineIndex(), STATE_CLASSES), STATE_CLASSES, EventIndex)
    with pytest.raises(TypeError, match="not plain data"):
        state.dump(_Payload(marker), STATE_CLASSES)
    assert not marker.exists()


def test_a_store_with_pickled_state_is_rebuilt_in_one_line_and_runs_nothing(tmp_path: Path) -> None:
    """An older Kliping pickled its indexes; a crafted store pickles a call. Neither is unpickled: the next ingest
    says so in one line and rebuilds the events from the stored articles; reading the store works meanwhile."""
    db = tmp_path / "k.db"
    assert run_cli("ingest", str(PAGES), "--db", str(db), "-q").returncode == 0
    with sqlite3.connect(db) as con:
        before = sorted(json.loads(d)["articles"] for (d,) in con.execute("SELECT data FROM events"))
        marker = tmp_path / "pwned"
        names = [n for (n,) in con.execute("SELECT name FROM corpus_state WHERE name LIKE 'events%'")]
        assert sorted(names) == sorted([EVENTS_STATE, STORYLINES_STATE])
        con.executemany("UPDATE corpus_state SET data = ? WHERE name = ?",
                        [(pickle.dumps(_Payload(marker)), n) for n in names])
    p = run_cli("events", "--db", str(db))  # storylines decided in memory, nothing written
    assert p.returncode == 0 and not p.stderr, p.stderr.decode()
    extra = tmp_path / "more.jsonl"
    extra.write_text('{"id": "x1", "title": "Pasar Ikan Baru", "text": "Pemerintah kota meresmikan pasar ikan baru '
                     'di pesisir pada Kamis pagi setelah dibangun selama delapan bulan oleh warga."}\n',
                     encoding="utf-8")
    p = run_cli("ingest", str(extra), "--db", str(db), "-q")
    err = p.stderr.decode()
    assert p.returncode == 0 and err.count("\n") == 1, err
    assert "not plain data" in err and "rebuilt" in err, err
    assert not marker.exists()
    with sqlite3.connect(db) as con:
        after = sorted(json.loads(d)["articles"] for (d,) in con.execute("SELECT data FROM events"))
        for n in names:
            assert bytes(con.execute("SELECT data FROM corpus_state WHERE name = ?", (n,)).fetchone()[0]
                         ).startswith(b"PK")
    assert [a for a in after if a != ["x1"]] == before  # the same events, rebuilt; the new article its own
    p = run_cli("ingest", str(extra), "--db", str(db), "-q")
    assert p.returncode == 0 and not p.stderr, p.stderr.decode()  # once


def test_plain_values_come_back_with_their_types_and_order() -> None:
    from collections import Counter, defaultdict

    weights = {f"w{i}": 1 / (i + 3) for i in range(20)}  # long: written as one float64 run
    counts = Counter({f"k{i}": i % 3 for i in range(30)})
    postings: defaultdict[str, dict[str, None]] = defaultdict(dict, {"banjir": {"E2": None, "E1": None}})
    value = {"weights": weights, "counts": counts, "small": Counter(a=2, b=2), "months": {9, 3}, "pair": (1, "x"),
             "keys": {(1, 2): "tuple key", 3: "int key"}, "postings": postings, "f32": np.float32(0.1),
             "vec": np.arange(6, dtype=np.float32).reshape(2, 3), "blob": b"\x00\x01", "$t": "not a tag"}
    back = state.load(state.dump(value, {}), {}, dict)
    vec = back.pop("vec")
    assert vec.dtype == np.float32 and np.array_equal(vec, value["vec"])
    assert list(back) == [k for k in value if k != "vec"]
    assert back == {k: v for k, v in value.items() if k != "vec"}
    assert [type(back[k]) for k in back] == [type(value[k]) for k in back]
    assert list(back["weights"].values()) == list(weights.values())  # the same floats, bit for bit
    assert back["counts"].most_common(5) == counts.most_common(5)  # ties in the same order
    assert back["f32"].dtype == np.float32
    assert back["postings"]["new"] == {}  # still a defaultdict
