"""Online event assignment on articles written for the tests: same happening joins, another happening (or the same
story weeks later) opens a new event, ids never change, re-adding is a no-op."""

from __future__ import annotations

from kliping.corpus.events import EventIndex, assign_events
from kliping.model import Article, DateMention, Entity


def _art(aid: str, title: str, text: str, published: str, ents: list[str]) -> Article:
    return Article(id=aid, source=aid, title=title, text=text, published=published, outlet=aid.split("-")[0],
                   entities=[Entity(e, 0, len(e), "LOC" if e in {"Palu", "Makassar"} else "PER", e) for e in ents],
                   dates=[DateMention(published[:10], 0, 1, published[:10])])


FLOOD_1 = _art("a-1", "Banjir bandang terjang Palu, tujuh warga meninggal",
               "Banjir bandang menerjang tiga desa di Palu. Tujuh warga meninggal dan ratusan rumah rusak diterjang "
               "lumpur dan kayu gelondongan dari hulu sungai.", "2025-03-03T10:00:00+08:00", ["Palu", "Yusran Lamba"])
FLOOD_2 = _art("b-1", "Tujuh warga tewas akibat banjir bandang di Palu",
               "Tujuh warga tewas setelah banjir bandang membawa lumpur dan kayu gelondongan menerjang desa di Palu. "
               "Ratusan rumah rusak.", "2025-03-03T15:00:00+08:00", ["Palu", "Yusran Lamba"])
ACCORD = _art("a-2", "Sepuluh negara teken kesepakatan data kapal ikan di Makassar",
              "Menteri kelautan sepuluh negara menandatangani kesepakatan berbagi data pemantauan kapal ikan di "
              "Makassar untuk melawan penangkapan ikan ilegal.", "2025-03-06T15:00:00+08:00",
              ["Makassar", "Laksmi Pramesti"])
FLOOD_LATER = _art("c-1", "Banjir bandang kembali terjang Palu, ratusan rumah rusak",
                   "Banjir bandang kembali menerjang desa di Palu. Ratusan rumah rusak diterjang lumpur dan kayu "
                   "gelondongan.", "2025-05-20T09:00:00+08:00", ["Palu"])


def test_same_happening_joins_and_others_open_events() -> None:
    arts = list(assign_events([FLOOD_1, ACCORD, FLOOD_2, FLOOD_LATER]))
    ev = {a.id: a.event for a in arts}
    assert ev["a-1"] == ev["b-1"]
    assert ev["a-2"] != ev["a-1"]
    assert ev["c-1"] not in (ev["a-1"], ev["a-2"])  # the same story eleven weeks later is another event


def test_ids_are_stable_and_re_adding_changes_nothing() -> None:
    idx = EventIndex()
    first = idx.add(FLOOD_1)
    idx.add(ACCORD)
    assert idx.add(FLOOD_1) == first
    assert idx.add(FLOOD_2) == first
    assert idx.events[first].articles == ["a-1", "b-1"]
    assert idx.events[first].date() == "2025-03-03"


def test_storylines_chain_events_sharing_core_entities_in_date_order() -> None:
    from kliping.corpus.storylines import build_storylines

    def ev(eid: str, date: str, names: list[str]) -> dict:
        return {"id": eid, "date": date, "title": eid,
                "entities": [{"name": n, "type": "PER", "mentions": 5 - i} for i, n in enumerate(names)]}

    events = [ev("E1", "2024-06-19", ["Vladimir Putin", "Kim Jong Un", "Korea Utara", "Rusia"]),
              ev("E2", "2025-03-03", ["Yusran Lamba", "Batu Lamaran"]),
              ev("E3", "2023-09-13", ["Kim Jong Un", "Vladimir Putin", "Rusia", "Vostochny"]),
              ev("E4", "2025-03-06", ["Laksmi Pramesti", "Makassar"])]
    stories = build_storylines(events)
    assert [s["events"] for s in stories] == [["E3", "E1"]]  # date order, not the order events opened
