"""Online event assignment on articles written for the tests: same happening joins, another happening (or the same
story weeks later) opens a new event, ids never change, re-adding is a no-op."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import ROOT
from kliping.corpus.events import CROSS_LINGUAL, FEATURES, MERGE_FEATURES, EventIndex, assign_events
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
    from kliping.corpus.storylines import StorylineIndex

    def ev(eid: str, date: str, names: list[str]) -> dict:
        return {"id": eid, "date": date, "title": eid,
                "entities": [{"name": n, "type": "PER", "mentions": 5 - i} for i, n in enumerate(names)]}

    events = [ev("E1", "2024-06-19", ["Vladimir Putin", "Kim Jong Un", "Korea Utara", "Rusia"]),
              ev("E2", "2025-03-03", ["Yusran Lamba", "Batu Lamaran"]),
              ev("E3", "2023-09-13", ["Kim Jong Un", "Vladimir Putin", "Rusia", "Vostochny"]),
              ev("E4", "2025-03-06", ["Laksmi Pramesti", "Makassar"])]
    index = StorylineIndex()
    index.decide(events)
    assert [s["events"] for s in index.records(events)] == [["E3", "E1"]]  # date order, not the order they opened


# ---------- with the real enrichment and sentence vectors ----------

def _enriched(aid: str, raw: str, published: str) -> Article:
    from kliping.clean import clean_article
    from kliping.enrich.stage import enrich_article

    art = enrich_article(clean_article(Article(id=aid, source=aid, raw=raw)))
    art.published = published
    return art


QUAKE_ID = """Gempa Magnitudo 6,1 Guncang Sigi, Ratusan Rumah Rusak

Palu - Gempa bumi bermagnitudo 6,1 mengguncang Kabupaten Sigi, Sulawesi Tengah, Senin (3/3/2025) pagi. Badan \
Meteorologi, Klimatologi, dan Geofisika (BMKG) mencatat pusat gempa berada 12 kilometer barat daya Sigi.

Kepala BPBD Sigi, Asrul Repadjori, mengatakan ratusan rumah warga rusak dan dua warga meninggal tertimpa bangunan. \
Warga di Kecamatan Kulawi mengungsi ke tenda darurat.
"""
QUAKE_ID_2 = """Dua Warga Meninggal Akibat Gempa M 6,1 di Sigi

Sigi - Dua warga meninggal dunia akibat gempa magnitudo 6,1 yang mengguncang Sigi, Sulawesi Tengah, Senin \
(3/3/2025). BMKG menyebut gempa dipicu aktivitas sesar Palu-Koro.

Kepala BPBD Sigi Asrul Repadjori menyebut ratusan rumah rusak berat, terutama di Kecamatan Kulawi. Pemerintah \
kabupaten menetapkan status tanggap darurat selama 14 hari.
"""
FISHING_ID = """Sepuluh Negara Teken Kesepakatan Data Kapal Ikan di Makassar

Makassar - Menteri kelautan dari sepuluh negara menandatangani kesepakatan berbagi data pemantauan kapal ikan di \
Makassar, Senin (3/3/2025). Kesepakatan itu untuk melawan penangkapan ikan ilegal di kawasan Asia Tenggara.
"""
QUAKE_EN = """Magnitude 6.1 earthquake kills two in Indonesia's Sulawesi

JAKARTA, March 3 (Reuters) - A magnitude 6.1 earthquake struck Sigi regency in Indonesia's Central Sulawesi \
province on Monday, killing two people and damaging hundreds of houses, the disaster agency said.

Residents of Kulawi district fled to emergency tents, the head of the Sigi disaster agency said.
"""
FISHING_EN = """Ten nations sign fishing vessel data pact in Makassar

MAKASSAR, March 3 (Reuters) - Marine ministers of ten countries signed an agreement in Makassar on Monday to share \
monitoring data on fishing vessels, to fight illegal fishing in Southeast Asia.
"""


def test_an_english_report_joins_the_indonesian_reports_of_its_event() -> None:
    from kliping.corpus import state
    from kliping.corpus.stage import STATE_CLASSES

    idx = EventIndex()
    quake = idx.add(_enriched("id-1", QUAKE_ID, "2025-03-03T10:00:00+08:00"))
    assert idx.add(_enriched("id-2", QUAKE_ID_2, "2025-03-03T13:00:00+08:00")) == quake
    fishing = idx.add(_enriched("id-3", FISHING_ID, "2025-03-03T15:00:00+08:00"))
    assert fishing != quake
    # The state survives the store (plain data, vector index included), and the English reports find their events
    # through meaning: they share almost no words with the Indonesian ones.
    idx = state.load(state.dump(idx, STATE_CLASSES), STATE_CLASSES, EventIndex)
    assert idx.add(_enriched("en-1", QUAKE_EN, "2025-03-03T16:00:00+00:00")) == quake
    assert idx.add(_enriched("en-2", FISHING_EN, "2025-03-03T17:00:00+00:00")) == fishing


def test_an_undated_article_naming_the_event_an_earlier_occasion_is_a_later_event() -> None:
    from kliping.corpus.events import _earlier_months

    assert _earlier_months("Pertemuan terakhir antara Putin dan Kim terjadi pada bulan September, ketika Kim "
                           "mengunjungi Vostochny.") == {9}
    assert _earlier_months("Their previous summit took place in June 2019.") == {6}
    # "first" is no back-reference: it often names the happening itself
    assert _earlier_months("Kunjungan pertama Kim ke luar negeri pada September.") == set()
    idx = EventIndex()
    september = idx.add(_art("a-1", "Kim dan Putin bertemu di Vostochny", "Kim Jong Un dan Vladimir Putin bertemu di "
                             "Kosmodrom Vostochny membahas kerja sama militer.", "2023-09-13T10:00:00+07:00",
                             ["Kim Jong Un", "Vladimir Putin"]))
    later = Article(id="b-1", source="b-1", title="Putin berterima kasih kepada Kim",
                    text="Putin berterima kasih kepada Kim Jong Un atas dukungannya. Pertemuan terakhir antara Putin "
                         "dan Kim terjadi pada bulan September, ketika Kim mengunjungi Kosmodrom Vostochny.",
                    entities=[Entity(n, 0, len(n), "PER", n) for n in ("Kim Jong Un", "Vladimir Putin")])
    assert idx.add(later) != september


def test_inflected_forms_count_as_one_word() -> None:
    """Stems, by the article's language: "diterjang"/"terjang" meet, and reporting verbs whose stem is a function
    word ("dikatakan" -> "kata") drop out like the function word itself."""
    idx = EventIndex(use_vectors=False)

    def words(text: str, language: str | None) -> set[str]:
        art = Article(id=text, source="t", title="", text=text, language=language)
        return set(idx.prepare(art).terms)

    assert len(words("diterjang terjang", "id")) == 1
    assert words("kunjungan berkunjung", "id") == words("dikunjungi", "id")
    assert words("checked checks checking", "en") == words("check", "en")
    assert not words("dikatakan katanya", "id")
    assert len(words("checked checks", None)) == 2  # no language, no stemmer: words as written


def _undated(article: Article) -> Article:
    """The article as an archive dump gives it: no publication date."""
    return Article(id=article.id, source=article.source, title=article.title, text=article.text,
                   outlet=article.outlet, entities=article.entities)


def _split_then_merge_index() -> EventIndex:
    """An index whose online step never joins (threshold above 1), so every article opens an event, and whose merge
    model merges events by their words alone: merging is then the only way articles come together."""
    never = (np.zeros(len(FEATURES)), 0.0, 1.1)
    words_only = (np.array([10.0 if n == "text" else 0.0 for n in MERGE_FEATURES]), -3.0, 0.5)
    return EventIndex(use_vectors=False, models={r: never for r in ("anchored", "unanchored")}
                      | {"cross_lingual": (np.zeros(len(CROSS_LINGUAL)), 0.0, 1.1)}, merge_model=words_only)


def test_consolidate_merges_undated_halves_of_one_happening_and_records_it() -> None:
    idx = _split_then_merge_index()
    ids = [idx.add(_undated(a)) for a in (FLOOD_1, ACCORD, FLOOD_2)]
    assert len(set(ids)) == 3
    merges = idx.consolidate(ids)
    assert merges == [(ids[2], ids[0])]  # the later (same size) flood event goes into the first
    assert idx.event_of["b-1"] == idx.event_of["a-1"] == ids[0] != idx.event_of["a-2"]
    assert idx.resolve(ids[2]) == ids[0] and ids[2] not in idx.events
    assert idx.events[ids[0]].merged_from == [ids[2]] and idx.events[ids[0]].articles == ["a-1", "b-1"]
    assert idx.consolidate(list(idx.events)) == []  # nothing left to merge


def test_undated_articles_open_their_own_events_and_group_after_the_batch_in_any_order() -> None:
    """The committed models: undated reports do not join one another online (the input order would decide); the
    consolidation after the batch groups them, the same way whichever came first."""
    idx = EventIndex()
    assert len({idx.add(_undated(a)) for a in (FLOOD_1, ACCORD, FLOOD_2)}) == 3
    partitions = []
    for order in ((FLOOD_1, ACCORD, FLOOD_2), (FLOOD_2, FLOOD_1, ACCORD), (ACCORD, FLOOD_2, FLOOD_1)):
        ev = {a.id: a.event for a in assign_events([_undated(a) for a in order])}
        assert ev["a-1"] == ev["b-1"] != ev["a-2"]
        partitions.append(sorted(sorted(k for k in ev if ev[k] == e) for e in set(ev.values())))
    assert partitions[0] == partitions[1] == partitions[2] == [["a-1", "b-1"], ["a-2"]]


def test_an_undated_report_still_joins_a_dated_event_online() -> None:
    idx = EventIndex()
    first = idx.add(FLOOD_1)
    assert idx.add(_undated(FLOOD_2)) == first


def test_consolidate_does_not_merge_an_undated_event_into_the_occasion_it_calls_earlier() -> None:
    idx = _split_then_merge_index()
    text = "Kim Jong Un dan Vladimir Putin bertemu di Kosmodrom Vostochny membahas kerja sama militer."
    people = [Entity(n, 0, len(n), "PER", n) for n in ("Kim Jong Un", "Vladimir Putin")]
    summit = Article(id="a-1", source="a-1", title="Kim dan Putin bertemu di Vostochny", text=text, entities=people,
                     dates=[DateMention("13 September 2023", 0, 1, "2023-09-13")])
    later = Article(id="b-1", source="b-1", title="Kim dan Putin bertemu lagi", entities=people,
                    text=text + " Pertemuan terakhir antara Putin dan Kim terjadi pada bulan September.")
    again = Article(id="c-1", source="c-1", title="Kim dan Putin bertemu di Vostochny", text=text, entities=people,
                    dates=[DateMention("13 September 2023", 0, 1, "2023-09-13")])
    ids = [idx.add(a) for a in (summit, later, again)]
    idx.consolidate(ids)
    assert idx.event_of["a-1"] == idx.event_of["c-1"] != idx.event_of["b-1"]


def test_consolidate_leaves_dated_events_to_the_time_window() -> None:
    idx = _split_then_merge_index()
    ids = [idx.add(a) for a in (FLOOD_1, FLOOD_2)]  # both published
    assert idx.consolidate(ids) == [] and len(set(idx.event_of.values())) == 2


def test_store_moves_articles_of_a_merged_event() -> None:
    import tempfile
    from pathlib import Path

    from kliping.model import RawPage
    from kliping.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "k.db") as store:
        arts = [_undated(a) for a in (FLOOD_1, FLOOD_2)]
        store.add_pages([(RawPage(id=a.id, source=a.source, content=a.text, kind="text"), "k") for a in arts])
        for a, eid in zip(arts, ("E1", "E2"), strict=True):
            a.event = eid
        store.put_articles([(a, "") for a in arts])
        store.save_corpus([], [{"id": "E1"}, {"id": "E2"}], {})
        store.save_corpus([], [{"id": "E1", "merged_from": ["E2"]}], {}, merges=[("E2", "E1")])
        assert {a.id: a.event for a in store.articles()} == {"a-1": "E1", "b-1": "E1"}
        assert [e["id"] for e in store.events()] == ["E1"]


def test_a_later_run_merging_an_earlier_event_moves_its_stored_articles(monkeypatch, tmp_path) -> None:
    """Through the corpus stage and the store: run 1 links one flood report, run 2 two more; consolidation merges
    the three, and the larger new event absorbs the stored one (its article moves, the old id is recorded)."""
    from kliping.corpus import events as events_module
    from kliping.corpus.stage import link_pending
    from kliping.model import RawPage
    from kliping.store import Store

    idx = _split_then_merge_index()
    monkeypatch.setattr(events_module, "_models", lambda: idx.models)
    monkeypatch.setattr(events_module, "_merge_model", lambda: idx.merge_model)
    flood_3 = Article(id="c-2", source="c-2", title=FLOOD_2.title, text=FLOOD_2.text + " Lumpur menutup jalan.",
                      outlet="c", entities=FLOOD_2.entities)  # nearer to b-1 than b-1 is to a-1
    with Store(tmp_path / "k.db") as store:
        for run in ([FLOOD_1], [FLOOD_2, flood_3]):
            arts = [_undated(a) for a in run]
            store.add_pages([(RawPage(id=a.id, source=a.source, content=a.text), "k") for a in arts])
            store.put_articles([(a, "") for a in arts])
            link_pending(store)
            if run[0] is FLOOD_1:
                first = {a.id: a.event for a in store.articles()}["a-1"]
        linked = {a.id: a.event for a in store.articles()}
        events = {e["id"]: e for e in store.events()}
    assert len(set(linked.values())) == 1 and linked["a-1"] != first
    (kept,) = events
    assert first in events[kept]["merged_from"] and sorted(events[kept]["articles"]) == ["a-1", "b-1", "c-2"]


def test_events_past_every_window_are_cut_to_their_telling_words(monkeypatch) -> None:
    from kliping.corpus import events as events_module

    monkeypatch.setattr(events_module, "COMPACT_KEYS", 5)
    idx = EventIndex(use_vectors=False)
    old, new = idx.add(FLOOD_1), idx.add(ACCORD)
    assert idx.compact_cold() == 0  # three days apart: both still warm
    later = idx.add(FLOOD_LATER)  # eleven weeks on
    assert idx.compact_cold() == 2
    assert idx.events[old].compact and idx.events[new].compact and not idx.events[later].compact
    assert len(idx.events[old].terms) == 5 and len(idx.events[old].pairs) <= 5
    kept = set(idx.events[old].terms)
    assert {"banjir", "palu"} & kept or {"bandang", "tujuh"} & kept  # the telling words survive, not filler
    assert idx.compact_cold() == 0  # nothing left to do


# ---------- order: a run that brings an older article ----------

_LANDSLIDE_A = _art("a-9", "Banjir bandang terjang desa di Palu",
                    "Banjir bandang menerjang desa di Palu. Warga desa mengungsi ke masjid dan sekolah.",
                    "2025-03-03T10:00:00+08:00", ["Palu"])
_LANDSLIDE_B = _art("b-9", "Banjir dan tanah longsor timbun rumah di Palu",
                    "Banjir bandang dan tanah longsor menimbun rumah warga di Palu. Longsor menutup jalan poros.",
                    "2025-03-04T10:00:00+08:00", ["Palu"])
_LANDSLIDE_C = _art("c-9", "Tanah longsor tutup jalan poros Palu",
                    "Tanah longsor menimbun rumah dan menutup jalan poros di Palu.",
                    "2025-03-05T10:00:00+08:00", ["Palu"])


def _time_and_words_models() -> dict:
    """A model that joins an article to an event one day apart (time 0.71) if their words are somewhat alike, never
    two days apart (time 0.5): which event an article joins then depends on which events exist at its time."""
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("time")], weights[FEATURES.index("text")] = 10.0, 2.0
    cross = np.zeros(len(CROSS_LINGUAL))
    return {"anchored": (weights, -7.5, 0.5), "unanchored": (weights, -7.5, 0.5), "cross_lingual": (cross, -9.0, 0.5)}


def _ingest_runs(monkeypatch, path, runs: list[list[Article]]) -> dict[str, str]:
    from kliping.corpus import events as events_module
    from kliping.corpus.stage import link_pending
    from kliping.model import RawPage
    from kliping.store import Store

    monkeypatch.setattr(events_module, "_models", _time_and_words_models)
    seen: dict[str, str] = {}
    with Store(path) as store:
        for run in runs:
            store.add_pages([(RawPage(id=a.id, source=a.source, content=a.text), "k") for a in run])
            store.put_articles([(a, "") for a in run])
            link_pending(store)
            now = {a.id: a.event or "" for a in store.articles()}
            absorbed = {old: ev["id"] for ev in store.events() for old in ev.get("merged_from", [])}
            # an event id changes only by a recorded merge
            assert all(now[k] == v or absorbed.get(v) == now[k] for k, v in seen.items())
            seen = now
    return seen


def _groups(linked: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(a for a in linked if linked[a] == e) for e in linked.values()}


def test_an_older_article_in_a_later_run_meets_the_events_as_they_stood_at_its_time(monkeypatch, tmp_path) -> None:
    """One run in date order: b (day 2) joins a (day 1), the only event then; c (day 3) is two days from them and
    opens its own. Fed a and c first, then b: b met c's event too, which its words match better, and joined it —
    the split into runs decided. The later run now replays c after b, as one run would."""
    arts = [_LANDSLIDE_A, _LANDSLIDE_B, _LANDSLIDE_C]
    one = _ingest_runs(monkeypatch, tmp_path / "one.db", [arts])
    assert _groups(one) == {frozenset({"a-9", "b-9"}), frozenset({"c-9"})}
    late = _ingest_runs(monkeypatch, tmp_path / "late.db", [[_LANDSLIDE_A, _LANDSLIDE_C], [_LANDSLIDE_B]])
    assert _groups(late) == _groups(one)


def test_storyline_ids_hold_as_later_events_arrive(tmp_path: Path) -> None:
    """Issue 13: S1 = {E1, E2} of the seeds disappeared when 200 later events naming the same people were added
    (storylines were recomputed from all events on every read). Stored and decided once per event, it stays."""
    import json
    import subprocess
    import sys

    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        return
    out = tmp_path / "out"
    run = [sys.executable, "-m", "kliping", "analyze", "--out", str(out), "-q"]
    assert subprocess.run([*run[:4], *map(str, seeds), *run[4:]], cwd=ROOT, check=False).returncode == 0
    first = json.loads((out / "report.json").read_text(encoding="utf-8"))["storylines"]
    assert [(s["id"], s["events"]) for s in first] == [("S1", ["E1", "E2"])]
    later = tmp_path / "later.jsonl"
    topics = ["pelabuhan", "gandum", "satelit", "minyak", "rudal", "pupuk", "kereta", "listrik", "beras", "kapal"]
    with later.open("w", encoding="utf-8") as f:
        for i in range(200):
            day = f"2025-{1 + i % 12:02d}-{1 + i // 12:02d}T10:00:00+07:00"
            t = topics[i % len(topics)]
            f.write(json.dumps({"id": f"later{i}", "published": day, "title": f"Putin dan Kim Bahas {t} {i}",
                                "text": f"Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong Un membahas "
                                        f"kerja sama {t} nomor {i} di Moskow, kata Kremlin. Pembicaraan soal {t} "
                                        f"itu berlangsung tertutup selama dua jam."}) + "\n")
    assert subprocess.run([*run[:4], str(later), *run[4:]], cwd=ROOT, check=False).returncode == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(report["events"]) > 20
    s1 = next(s for s in report["storylines"] if s["id"] == "S1")
    assert s1["events"][:2] == ["E1", "E2"]


# ---------- re-processing: every stored article re-cleaned (a version bump, a template learned later) ----------

def _record(aid: str, title: str, text: str, published: str | None = None) -> dict:
    return {"id": aid, "title": title, "text": text, **({"published": published} if published else {})}


# Two undated happenings of one kind (an earthquake and a landslide, three reports each, as an archive dump gives
# them), and two dated ones (two reports each).
_REPROCESSED = [
    _record("sigi-1", "Gempa magnitudo 6,1 guncang Sigi, ratusan rumah rusak",
            "Gempa bumi bermagnitudo 6,1 mengguncang Kabupaten Sigi, Sulawesi Tengah. Ratusan rumah warga rusak dan "
            "dua warga meninggal tertimpa bangunan. Warga Kecamatan Kulawi mengungsi ke tenda darurat."),
    _record("sigi-2", "Dua warga meninggal akibat gempa di Sigi",
            "Dua warga meninggal dunia akibat gempa magnitudo 6,1 yang mengguncang Sigi, Sulawesi Tengah. Ratusan "
            "rumah rusak berat di Kecamatan Kulawi, dan pemerintah kabupaten menetapkan status tanggap darurat."),
    _record("sigi-3", "Warga Kulawi mengungsi setelah gempa Sigi",
            "Ribuan warga Kulawi mengungsi setelah gempa magnitudo 6,1 mengguncang Sigi. Posko pengungsian didirikan "
            "di lapangan desa dan bantuan logistik mulai tiba dari Palu."),
    _record("cianjur-1", "Longsor timbun permukiman di Cianjur, puluhan rumah rusak",
            "Tanah longsor menimbun permukiman di Kabupaten Cianjur, Jawa Barat, setelah hujan deras semalaman. "
            "Puluhan rumah warga rusak dan tiga warga luka tertimpa bangunan. Warga Kecamatan Cugenang mengungsi ke "
            "tenda darurat."),
    _record("cianjur-2", "Tiga warga luka tertimbun longsor di Cianjur",
            "Tiga warga luka tertimbun tanah longsor yang menerjang Cianjur, Jawa Barat, usai hujan deras. Puluhan "
            "rumah rusak di Kecamatan Cugenang, dan pemerintah kabupaten menyiapkan bantuan bagi warga."),
    _record("cianjur-3", "Warga Cugenang mengungsi setelah longsor Cianjur",
            "Ratusan warga Cugenang mengungsi setelah tanah longsor menimbun rumah mereka di Cianjur. Posko "
            "pengungsian didirikan di halaman masjid dan bantuan mulai tiba dari Bandung."),
    _record("ikan-1", "Sepuluh negara teken kesepakatan data kapal ikan di Makassar",
            "Menteri kelautan dari sepuluh negara menandatangani kesepakatan berbagi data pemantauan kapal ikan di "
            "Makassar. Kesepakatan itu untuk melawan penangkapan ikan ilegal di kawasan Asia Tenggara.",
            "2025-03-03T10:00:00+08:00"),
    _record("ikan-2", "Kesepakatan Makassar: sepuluh negara berbagi data kapal ikan",
            "Sepuluh negara sepakat berbagi data pemantauan kapal ikan dalam pertemuan menteri kelautan di Makassar, "
            "untuk melawan penangkapan ikan ilegal di Asia Tenggara.", "2025-03-03T14:00:00+08:00"),
    _record("kereta-1", "Kereta cepat Jakarta-Bandung angkut sejuta penumpang",
            "Kereta cepat Jakarta-Bandung telah mengangkut sejuta penumpang sejak beroperasi, kata direktur utama "
            "operator kereta cepat di Jakarta.", "2025-03-05T09:00:00+07:00"),
    _record("kereta-2", "Sejuta penumpang naik kereta cepat Jakarta-Bandung",
            "Jumlah penumpang kereta cepat Jakarta-Bandung menembus satu juta orang, menurut operator kereta cepat "
            "yang mencatat lonjakan penumpang pada akhir pekan.", "2025-03-05T15:00:00+07:00"),
]


def _reprocessing_runs(monkeypatch, path: Path, runs: list[list[dict]], bump_last: bool
                       ) -> tuple[dict[str, str], dict[str, str], Any, dict[str, dict]]:
    """Ingest `runs` into one store through the pipeline (`kliping.ingest.ingest`), the last one with a new
    enrichment version if `bump_last` (every stored article is then re-cleaned and goes through the corpus stages
    again). Returns article -> event before and after the last run, the last run's result, and the stored events
    after it."""
    import json

    import kliping.ingest as ingest_module
    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    version = ingest_module.ENRICH_VERSION
    before: dict[str, str] = {}
    with Store(path / "k.db") as store:
        for i, run in enumerate(runs):
            inp = path / f"in-{i}.jsonl"
            inp.write_text("".join(json.dumps(r) + "\n" for r in run), encoding="utf-8")
            if bump_last and i == len(runs) - 1:
                monkeypatch.setattr(ingest_module, "ENRICH_VERSION", version + "-reprocessed")
            before = {a.id: a.event or "" for a in store.articles()}
            res = ingest([str(inp)], store, LocalExecutor(workers=1))
        after = {a.id: a.event or "" for a in store.articles()}
        events = {e["id"]: e for e in store.events()}
    monkeypatch.setattr(ingest_module, "ENRICH_VERSION", version)
    return before, after, res, events


def _meaning_merge_model(monkeypatch) -> None:
    """A merge model on meaning alone, so that what merges does not hang on the committed model's margins: reports
    of one happening of `_REPROCESSED` are far above its line, the earthquake and the landslide below it report by
    report (and by average linkage), and above it compared whole."""
    from kliping.corpus import events as events_module

    weights = np.array([40.0 if name == "vector" else 0.0 for name in MERGE_FEATURES])
    monkeypatch.setattr(events_module, "_merge_model", lambda: (weights, -40.0 * 0.47, 0.5))


def test_reprocessing_every_stored_article_keeps_the_events_of_the_first_run(monkeypatch, tmp_path) -> None:
    """A new enrichment version re-cleans every stored article, and each goes through the corpus stage again. They
    used to count as touched, so the consolidation ran again over the events it had built: it then compared the
    merged undated events whole, not by average linkage over their reports, and merged happenings one run keeps
    apart (ECB+: 81 events became 32). Re-processed articles keep their events, and nothing merges."""
    _meaning_merge_model(monkeypatch)
    first, again, res, events = _reprocessing_runs(monkeypatch, tmp_path, [_REPROCESSED, _REPROCESSED], True)
    assert _groups(first) == {frozenset({"sigi-1", "sigi-2", "sigi-3"}),
                              frozenset({"cianjur-1", "cianjur-2", "cianjur-3"}),
                              frozenset({"ikan-1", "ikan-2"}), frozenset({"kereta-1", "kereta-2"})}
    assert res.cleaned == res.linked == len(_REPROCESSED)  # every article went through the stages again
    assert _groups(again) == _groups(first)
    assert again == first and res.merged == 0  # the same ids too: nothing merged
    assert {e: sorted(ev["articles"]) for e, ev in events.items()} == {
        e: sorted(a for a in first if first[a] == e) for e in set(first.values())}


def test_reprocessing_in_a_run_that_brings_an_older_article_groups_as_one_run(monkeypatch, tmp_path) -> None:
    """The same in a run that also brings a dated article older than ones linked before (`EventIndex.relink`
    replays the time after it): the re-processed undated events stay apart, the late article joins its event, and
    the events are those of one run over everything."""
    _meaning_merge_model(monkeypatch)
    _, one, _, _ = _reprocessing_runs(monkeypatch, tmp_path / "one", [_REPROCESSED], False)
    late = [r for r in _REPROCESSED if r["id"] != "ikan-1"]
    first, again, res, _ = _reprocessing_runs(monkeypatch, tmp_path / "two", [late, _REPROCESSED], True)
    assert res.cleaned == res.linked == len(_REPROCESSED)
    assert _groups(again) == _groups(one)
    assert all(again[a] == e for a, e in first.items())  # ids of the first run hold



def test_the_storyline_index_keeps_only_what_decisions_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each entity's RECENT_EVENTS most recent events (and their cores) are all a decision reads: letting go of the
    older ones bounds the index and decides every event as keeping them whole does, across stored runs."""
    import random

    from kliping.corpus import state, storylines
    from kliping.corpus.storylines import StorylineIndex

    rng = random.Random(7)
    names = [f"Tokoh {i}" for i in range(30)]

    def event(n: int) -> dict:
        core = rng.sample(names[:8], 2) + rng.sample(names, 3)
        return {"id": f"E{n}", "entities": [{"name": x, "type": "PER", "mentions": 5 - k} for k, x in enumerate(core)]}

    runs = [[event(n) for n in range(start, start + 40)] for start in range(1, 400, 40)]
    monkeypatch.setattr(storylines, "RECENT_EVENTS", 15)

    def decide_all(trim: bool) -> StorylineIndex:
        monkeypatch.setattr(storylines, "TRIM", trim)
        index = StorylineIndex()
        for run in runs:
            index.decide(run)
            index = state.load(state.dump(index, {"StorylineIndex": StorylineIndex}),
                               {"StorylineIndex": StorylineIndex}, StorylineIndex)  # as the store keeps it
        return index

    whole, trimmed = decide_all(False), decide_all(True)
    assert trimmed.story_of == whole.story_of and len(whole.members) > 5
    assert len(whole.core_of) == 400 and len(trimmed.core_of) < 200
    assert all(len(v) <= 15 for v in trimmed.by_entity.values()) and trimmed.decided == 400


def test_names_found_only_by_document_evidence_are_not_weighed() -> None:
    """The event models were fitted on the names the capitalisation fallback finds in each sentence; a name the
    fallback takes from the rest of the text ("document") is left out of the event's signals."""
    art = _art("a-1", "Banjir bandang terjang Palu", "Banjir bandang menerjang tiga desa di Palu.",
               "2025-03-03T10:00:00+08:00", ["Palu"])
    art.entities.append(Entity("Garrard", 0, 7, "ORG", "Garrard", source="document"))
    doc = EventIndex(use_vectors=False).prepare(art, count=False)
    assert set(doc.entities) == {"Palu"}
