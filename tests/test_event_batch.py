"""`EventIndex.add_batch`: the one add -> consolidate -> compact sequence that ingest, `assign_events`, training
and the benchmarks run (issue 16)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from conftest import ROOT, ingest_articles
from kliping.corpus.events import EventIndex, assign_events
from kliping.model import Article


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    """The bundled example pages without their dates: undated articles open events of their own, which only the
    consolidation after the batch groups."""
    pages = ROOT / "examples" / "pages"
    arts = ingest_articles(sorted(str(p) for p in pages.iterdir()), tmp_path_factory.mktemp("batch") / "k.db")
    for a in arts:
        a.published, a.event = None, None
    return arts


def _partition(event_of: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for aid, eid in event_of.items():
        groups.setdefault(eid, []).append(aid)
    return sorted(sorted(g) for g in groups.values())


def test_add_batch_is_add_then_consolidate_then_compact(undated: list[Article]) -> None:
    by_hand = EventIndex()
    touched = {by_hand.add(a) for a in undated}
    merges = by_hand.consolidate(touched)
    by_hand.compact_cold()

    index = EventIndex()
    seen, batch_merges = index.add_batch((a, None) for a in undated)
    assert batch_merges == merges and len(merges) >= 3  # the batch's reports of one happening merged
    assert seen == touched and index.event_of == by_hand.event_of
    # the corpus stage of the library API runs the same method
    assert {a.id: a.event for a in assign_events(copy.deepcopy(undated))} == index.event_of
    # without the consolidation, undated articles of one language stay apart (only other-language reports join)
    alone = EventIndex()
    alone.add_batch(((a, None) for a in undated), consolidate=False)
    assert len(_partition(alone.event_of)) > len(_partition(index.event_of))


def test_a_batch_continues_the_events_it_is_given(undated: list[Article]) -> None:
    """Two batches: the second consolidates what it added together with the events it is told it changed."""
    half = len(undated) // 2
    index = EventIndex()
    first, _ = index.add_batch((a, None) for a in undated[:half])
    seen, _ = index.add_batch(((a, None) for a in undated[half:]), touched=first)
    assert first <= seen | set(index.merged)
    assert set(index.event_of) == {a.id for a in undated}
    assert all(e in index.events for e in map(index.resolve, index.event_of.values()))


def test_the_store_links_as_one_batch_does(tmp_path: Path, undated: list[Article]) -> None:
    index = EventIndex()
    index.add_batch((a, None) for a in undated)
    import json

    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    src = tmp_path / "undated.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "title": a.title, "text": a.text, "clean": True}) + "\n"
                           for a in undated), encoding="utf-8")
    with Store(tmp_path / "k.db") as store:
        ingest([str(src)], store, LocalExecutor(workers=1))
        stored = {a.id: a.event or "" for a in store.articles()}
    assert len(_partition(stored)) < len(undated)  # consolidated in the store too
