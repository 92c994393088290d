"""Bounded memory (issue 16): cold events out of RAM (`corpus.cold`), document frequencies that keep keys seen once
as bits (`corpus.counts`), the nearest-article index pruned to live events. Decisions stay those of the in-RAM
index; the store keeps the cold events as rows, and a late article still replays them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from kliping.corpus import state
from kliping.corpus.cold import ColdEvents
from kliping.corpus.counts import DocumentFrequencies
from kliping.corpus.events import EventIndex
from kliping.corpus.stage import STATE_CLASSES, link_pending
from kliping.model import Article, RawPage
from kliping.store import Store
from test_events import ACCORD, FLOOD_1, FLOOD_2, FLOOD_LATER, _art


def _undated(art: Article, aid: str) -> Article:
    return dataclasses.replace(art, id=aid, source=aid, published=None, entities=list(art.entities),
                               dates=list(art.dates))


QUAKE = _art("d-1", "Gempa magnitudo 5,1 guncang Palu, warga berhamburan",
             "Gempa magnitudo 5,1 mengguncang Palu pada pagi hari. Warga berhamburan keluar rumah, belum ada laporan "
             "kerusakan.", "2025-05-21T07:00:00+08:00", ["Palu"])


def _stream(idx: EventIndex, runs: list[list[Article]]) -> None:
    for run in runs:
        idx.add_batch((a, None) for a in run)
        if idx.cold is not None:
            idx.cold.commit()


RUNS = [[FLOOD_1, ACCORD], [FLOOD_2], [FLOOD_LATER], [QUAKE]]


def _ingest_run(store: Store, arts: list[Article], notices: list[str] | None = None) -> None:
    """One `ingest` run of cleaned articles, as far as the corpus stages."""
    store.add_pages([(RawPage(id=a.id, source=a.source, content=a.text), "k") for a in arts])
    store.put_articles([(a, "") for a in arts])
    link_pending(store, notices=notices)


def test_cold_events_leave_ram_and_decide_as_the_in_ram_index_does(tmp_path: Path) -> None:
    in_ram = EventIndex(use_vectors=False)
    cold = EventIndex(use_vectors=False)
    cold.cold = ColdEvents.open(str(tmp_path / "cold.sqlite"))
    for idx in (in_ram, cold):
        _stream(idx, RUNS)
    assert cold.event_of == in_ram.event_of
    flood, accord = cold.event_of["a-1"], cold.event_of["a-2"]
    # eleven weeks on, the March events are past every window: compacted in RAM, out of RAM with a cold tier
    assert in_ram.events[flood].compact and flood not in cold.events and accord not in cold.events
    assert flood in cold.cold and len(cold.cold) == 2
    assert cold.event(flood) is not None and cold.event(flood).articles == ["a-1", "b-1"]
    assert flood not in cold.events  # read, not taken back
    # nor do they stay in the postings the live lookups read
    assert all(flood not in p for p in cold.by_term.values()) and all(flood not in p for p in cold.by_pair.values())
    # the stored state holds the live events only
    assert len(state.dump(cold, STATE_CLASSES)) < len(state.dump(in_ram, STATE_CLASSES))


def test_an_undated_report_of_a_cold_event_still_joins_it(tmp_path: Path) -> None:
    cold = EventIndex(use_vectors=False)
    cold.cold = ColdEvents.open(str(tmp_path / "cold.sqlite"))
    in_ram = EventIndex(use_vectors=False)
    late = _undated(FLOOD_2, "e-1")  # no publication date: its text's day (3 March) is within the unanchored window
    for idx in (in_ram, cold):
        _stream(idx, [*RUNS, [late]])
    assert cold.event_of["e-1"] == in_ram.event_of["e-1"] == cold.event_of["a-1"]
    # read back to take the article, then put out of RAM again at the batch's end, with it
    assert cold.event_of["a-1"] not in cold.events and not cold.thawed
    assert cold.event(cold.event_of["a-1"]).articles == ["a-1", "b-1", "e-1"]


def test_the_store_keeps_cold_events_as_rows_and_a_late_article_replays_them(tmp_path: Path) -> None:
    def ingest(path: Path, runs: list[list[Article]]) -> dict[str, str]:
        with Store(path) as store:
            for run in runs:
                _ingest_run(store, run)
            linked = {a.id: a.event or "" for a in store.articles()}
            assert {e["id"] for e in store.events()} == set(linked.values())
            rows = store.db.execute("SELECT COUNT(*) FROM cold_events").fetchone()[0]
            return {"rows": str(rows), **linked}

    one = ingest(tmp_path / "one.db", [[FLOOD_1, FLOOD_2, ACCORD, FLOOD_LATER, QUAKE]])
    # the flood's second report comes in a run after the later ones: it is older than the newest article by
    # eleven weeks, so its day's cold events are read back and replayed with it (`EventIndex.relink`)
    late = ingest(tmp_path / "late.db", [[FLOOD_1, ACCORD], [FLOOD_LATER], [QUAKE], [FLOOD_2]])
    assert one.pop("rows") == late.pop("rows") == "2"  # the March events, out of RAM in both stores
    assert late["b-1"] == late["a-1"] and late["a-2"] != late["a-1"]
    assert _groups(late) == _groups(one)


def _groups(linked: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(a for a in linked if linked[a] == e) for e in linked.values()}


def test_document_frequencies_count_keys_seen_once_as_bits() -> None:
    df = DocumentFrequencies()
    df.update(["banjir", "~banjir bandang", "@Palu"])
    df.update(["banjir", "gempa"])
    assert df.get("banjir") == 2 and df.get("~banjir bandang") == 1 and df.get("gempa") == 1
    assert df.get("longsor") == 0 and "~banjir bandang" not in df.counts  # seen once: a bit, not an entry
    assert len(df) == 4
    df.decrement("banjir")
    assert df.get("banjir") == 1 and "banjir" not in df.counts
    df.update(["gempa"] * 1 + ["banjir"])
    assert df.get("gempa") == 2 and df.get("banjir") == 2
    back = state.load(state.dump(df, STATE_CLASSES), STATE_CLASSES, DocumentFrequencies)
    assert back.counts == df.counts and back.once == df.once and back.get("~banjir bandang") == 1
    assert back.get("longsor") == 0


def test_the_nearest_article_index_keeps_the_vectors_of_live_events_only(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    idx = EventIndex()
    idx.cold = ColdEvents.open(str(tmp_path / "cold.sqlite"))
    for run in RUNS:
        vecs = rng.normal(size=(len(run), 16)).astype(np.float32)
        idx.add_batch(zip(run, vecs / np.linalg.norm(vecs, axis=1, keepdims=True), strict=True))
    live = {a for a, e in idx.event_of.items() if idx.resolve(e) in idx.events}
    assert len(idx.nearest.event_of_key) == len(live) < len(idx.event_of)
    assert idx.nearest.index is not None and len(idx.nearest.index) == len(live)


def test_a_damaged_cold_row_rebuilds_the_events_instead_of_failing_every_ingest(tmp_path: Path) -> None:
    notices: list[str] = []
    with Store(tmp_path / "k.db") as store:
        for part in ([FLOOD_1, ACCORD], [FLOOD_LATER], [QUAKE]):
            _ingest_run(store, part, notices)
        assert store.db.execute("SELECT COUNT(*) FROM cold_events").fetchone()[0] == 2 and not notices
        with store.db:  # a crafted or damaged row: not plain data of our format
            store.db.execute("UPDATE cold_events SET data = ?", (b"\x80\x04crafted",))
        _ingest_run(store, [FLOOD_2], notices)  # a late article: its day's cold events are read back
        assert len(notices) == 1 and "rebuilt" in notices[0]
        linked = {a.id: a.event for a in store.articles()}
    assert linked["b-1"] == linked["a-1"] != linked["a-2"] and all(linked.values())


def test_an_event_frozen_in_this_run_reads_back_as_its_stored_row_does(tmp_path: Path) -> None:
    """The run reads its frozen events back at once (their records): as put, until the rows are written; what it
    reads equals what a later run decodes from the row, and a taken event is gone from the tier."""
    idx = EventIndex(use_vectors=False)
    idx.cold = ColdEvents.open(str(tmp_path / "cold.sqlite"))
    for run in RUNS:
        idx.add_batch((a, None) for a in run)
    flood = idx.event_of["a-1"]
    before_flush = idx.cold.get(flood)
    assert before_flush is not None and flood in idx.cold.recent
    idx.cold.commit()
    assert not idx.cold.recent
    from_row = idx.cold.get(flood)
    assert from_row is not None and from_row is not before_flush
    assert state.dump(from_row, STATE_CLASSES) == state.dump(before_flush, STATE_CLASSES)
    assert idx.event(flood, thaw=True) is not None and flood not in idx.cold and flood not in idx.cold.recent
