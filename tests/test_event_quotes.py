"""An event's quotes grouped by speaker (`kliping.analysis.quotes.event_quotes`): the seeds and small articles
through the real pipeline, then hand-made quotes for each merging rule (and the cases that must stay apart)."""

from __future__ import annotations

import json
import time
from typing import Any

from conftest import SEED_EVENTS
from kliping.analysis.quotes import event_quotes, speaker_names
from kliping.model import Article, Entity, Quote

# ---------- helpers ----------


def _said(*quotes: tuple[str, str | None] | tuple[str, str | None, str], aid: str = "a",
          entities: tuple[tuple[str, str], ...] = ()) -> Article:
    """An article whose text is its quotes, one paragraph each: (words, speaker[, kind]); entities (name, type)."""
    text, found = "", []
    for q in quotes:
        words, speaker, kind = (q[0], q[1], q[2] if len(q) > 2 else "direct")  # type: ignore[misc]
        start = len(text) + 1
        text += f"\u201c{words}\u201d\n\n"
        found.append(Quote(words, start, start + len(words), kind, "kata", speaker))
    ents = [Entity(n, 0, 0, t, n) for n, t in entities]
    return Article(id=aid, source=f"{aid}.txt", text=text, quotes=found, entities=ents)


def _by_speaker(result: list[dict[str, Any]]) -> dict[str | None, list[dict[str, Any]]]:
    return {s["speaker"]: s["quotes"] for s in result}


def _check_evidence(articles: list[Article], result: list[dict[str, Any]]) -> None:
    """Every stored quote is listed exactly once, and every evidence offset points at that quote's text."""
    texts = {a.id: a.text for a in articles}
    stored = {(a.id, q.start, q.end): q.text for a in articles for q in a.quotes if q.text.strip()}
    listed = [(e["article"], e["start"], e["end"]) for s in result for q in s["quotes"] for e in q["evidence"]]
    assert sorted(listed) == sorted(stored)
    for aid, start, end in listed:
        assert texts[aid][start:end] == stored[(aid, start, end)]
    for s in result:
        for q in s["quotes"]:
            assert q["articles"] == list(dict.fromkeys(e["article"] for e in q["evidence"]))
    json.dumps(result)  # plain JSON


# ---------- the seeds through the pipeline ----------


def _event(seed_articles: dict[str, Article], name: str) -> list[Article]:
    arts = [seed_articles[n] for n in SEED_EVENTS[name]]
    assert len({a.event for a in arts}) == 1, "the pipeline no longer puts the seeds' gold event together"
    return arts


def test_seed_event_a_merges_putins_words_across_outlets(seed_articles: dict[str, Article]) -> None:
    """Seeds 002 (pelita.online) and 003 (TRIBUN-MEDAN.COM) both report that Putin saw a "kemungkinan"
    (possibility) of military cooperation: one quote listing both, its fullest wording as the text."""
    arts = _event(seed_articles, "A")
    result = event_quotes(arts)
    _check_evidence(arts, result)
    putin = _by_speaker(result)["Vladimir Putin"]
    both = [q for q in putin if set(q["articles"]) == {seed_articles["002"].id, seed_articles["003"].id}]
    assert len(both) == 1
    assert "kemungkinan" in both[0]["text"] and len(both[0]["text"].split()) > 5
    assert len(both[0]["evidence"]) >= 3  # the partial "kemungkinan" in each article, and the sentences round it
    assert putin[0] is both[0]  # the most widely reported quote of a speaker comes first


def test_seed_event_a_orders_speakers_by_articles_and_keeps_unknown_last(seed_articles: dict[str, Article]) -> None:
    arts = _event(seed_articles, "A")
    result = event_quotes(arts)
    counts = [len({a for q in s["quotes"] for a in q["articles"]}) for s in result if s["speaker"] is not None]
    assert counts == sorted(counts, reverse=True)
    assert result[0]["speaker"] == "Kim Jong Un" and counts[0] == 3  # quoted by all three outlets
    assert result[-1]["speaker"] is None
    assert sum(s["speaker"] is None for s in result) == 1
    # Matthew Miller's two statements (one in 002, one in 003) are different words: they stay apart.
    miller = _by_speaker(result)["Matthew Miller"]
    assert len(miller) >= 2 and all(len(q["articles"]) == 1 for q in miller)


def test_seed_event_b(seed_articles: dict[str, Article]) -> None:
    arts = _event(seed_articles, "B")
    result = event_quotes(arts)
    _check_evidence(arts, result)
    assert result[0]["speaker"] == "Vladimir Putin"
    quoted_in = {a for q in result[0]["quotes"] for a in q["articles"]}
    assert quoted_in == {seed_articles["001"].id, seed_articles["004"].id}
    assert result[-1]["speaker"] is None  # 001's unattributed quote


# ---------- small articles through the pipeline (conftest.LANDSLIDE) ----------

def test_same_quote_in_three_outlets_is_one_quote(landslide: list[Article]) -> None:
    result = event_quotes(landslide)
    _check_evidence(landslide, result)
    assert [s["speaker"] for s in result] == ["Andi Rahmat Syamsuddin"]  # "Andi" joined the full name
    quotes = result[0]["quotes"]
    top = quotes[0]
    assert sorted(top["articles"]) == ["kabar-1", "pesisir-1", "warta-1"]
    assert top["kind"] == "direct" and top["text"].startswith("Kami kerahkan semua alat berat")
    # The other statements stay apart: one reported by Warta Timur and its copy, one by Pesisir Post alone.
    assert sorted(sorted(q["articles"]) for q in quotes[1:]) == [["kabar-1", "warta-1"], ["pesisir-1"]]


# ---------- each rule, on hand-made quotes ----------


def test_short_name_joins_the_fullest_name() -> None:
    arts = [_said(("Kerja sama militer dengan Korea Utara tidak kami kecualikan", "Vladimir Putin"), aid="x"),
            _said(("Kami akan membalas setiap serangan terhadap sekutu kami", "Putin"), aid="y")]
    assert speaker_names(arts) == {"Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin"}
    result = event_quotes(arts)
    assert [s["speaker"] for s in result] == ["Vladimir Putin"]
    assert len(result[0]["quotes"]) == 2  # two different statements of one speaker


def test_ambiguous_short_name_stays_unless_a_shared_quote_decides() -> None:
    kim = [_said(("Kami akan selalu bersama Rusia dalam perjuangan suci ini", "Kim Jong Un"), aid="x"),
           _said(("KTT ini menandakan perubahan besar di kawasan", "Kim Jong-dae"), aid="y"),
           _said(("Perjalanan ini membuka babak baru hubungan kedua negara", "Kim"), aid="z")]
    assert speaker_names(kim)["Kim"] == "Kim"
    assert {s["speaker"] for s in event_quotes(kim)} == {"Kim Jong Un", "Kim Jong-dae", "Kim"}
    # The same words said by "Kim" and by "Kim Jong Un": that Kim.
    kim[2] = _said(("Kami akan selalu bersama Rusia dalam perjuangan suci ini", "Kim"), aid="z")
    result = event_quotes(kim)
    assert [s["speaker"] for s in result] == ["Kim Jong Un", "Kim Jong-dae"]
    assert sorted(result[0]["quotes"][0]["articles"]) == ["x", "z"]


def test_places_and_bodies_are_not_short_names() -> None:
    arts = [_said(("Kami menolak tuduhan itu sepenuhnya dan tanpa syarat", "Rusia"), aid="x",
                  entities=(("Rusia", "LOC"),)),
            _said(("Visa akan diproses dalam tiga hari kerja", "Kedutaan Besar Rusia"), aid="y",
                  entities=(("Kedutaan Besar Rusia", "ORG"),))]
    assert speaker_names(arts)["Rusia"] == "Rusia"


def test_text_variants_merge() -> None:
    base = "Kami kerahkan semua alat berat ke lokasi longsor hari ini juga"
    arts = [_said((base, "Andi"), aid="a"),
            _said(("KAMI kerahkan semua alat-berat ke lokasi longsor, hari ini juga!", "Andi"), aid="b"),  # case, marks
            _said(("Kami kerahkan semua alat berat ke lokasi longsor", "Andi", "partial"), aid="c"),  # cut short
            _said(("Kami kerahkan semua alat berat ke lokasi longsoor hari ini juga", "Andi"), aid="d"),  # a typo
            _said(("Kami kerahkan, kata dia, semua alat berat ke lokasi longsor hari ini juga", "Andi"), aid="e")]
    result = event_quotes(arts)
    assert len(result) == 1 and len(result[0]["quotes"]) == 1
    q = result[0]["quotes"][0]
    assert q["articles"] == ["a", "b", "c", "d", "e"]
    assert q["text"] == "Kami kerahkan, kata dia, semua alat berat ke lokasi longsor hari ini juga"  # the fullest
    assert q["kind"] == "direct"


def test_direct_wins_the_text_on_equal_words() -> None:
    arts = [_said(("kerja sama militer", "Vladimir Putin", "partial"), aid="a"),
            _said(("Kerja sama militer", "Vladimir Putin", "direct"), aid="b")]
    q = event_quotes(arts)[0]["quotes"][0]
    assert q["articles"] == ["a", "b"] and q["kind"] == "direct" and q["text"] == "Kerja sama militer"


def test_different_statements_of_one_speaker_stay_apart() -> None:
    arts = [_said(("Teradu enam tidak terbukti melanggar kode etik penyelenggara pemilu", "Ratna"), aid="a"),
            _said(("Teradu satu sampai lima terbukti melanggar kode etik penyelenggara pemilu", "Ratna"), aid="b"),
            # a one-word partial quote inside another statement is not that statement
            _said(("prioritas", "Ratna", "partial"), aid="c"),
            _said(("Pemulihan korban tetap menjadi prioritas kami tahun ini", "Ratna"), aid="d")]
    result = event_quotes(arts)
    assert len(result) == 1
    assert sorted(q["articles"] for q in result[0]["quotes"]) == [["a"], ["b"], ["c"], ["d"]]


def test_a_nested_partial_quote_is_the_sentence_that_holds_it() -> None:
    text = "Putin melihat \u201ckemungkinan\u201d kerja sama militer dengan Pyongyang."
    inner, outer = text.index("kemungkinan"), text.index("melihat")
    art = Article(id="a", source="a.txt", text=text, quotes=[
        Quote("kemungkinan", inner, inner + 11, "partial", None, "Vladimir Putin"),
        Quote(text[outer:], outer, len(text), "indirect", "melihat", "Vladimir Putin")])
    result = event_quotes([art])
    assert len(result[0]["quotes"]) == 1
    assert result[0]["quotes"][0]["kind"] == "indirect" and len(result[0]["quotes"][0]["evidence"]) == 2


def test_unattributed_quote_joins_the_one_speaker_it_matches() -> None:
    words = "Kami kerahkan semua alat berat ke lokasi longsor hari ini juga"
    arts = [_said((words, "Andi Rahmat Syamsuddin"), aid="a"), _said((words, None), aid="b"),
            _said(("Semua jalan akan dibuka kembali pada Rabu malam", None), aid="c")]
    result = event_quotes(arts)
    assert [s["speaker"] for s in result] == ["Andi Rahmat Syamsuddin", None]
    assert result[0]["quotes"][0]["articles"] == ["a", "b"]
    # Matching two speakers' quotes, it stays unattributed.
    arts.append(_said((words, "Budi Santoso"), aid="d"))
    result = event_quotes(arts)
    assert sorted(q["articles"] for q in _by_speaker(result)[None]) == [["b"], ["c"]]


def test_no_quotes() -> None:
    assert event_quotes([]) == []
    assert event_quotes([Article(id="a", source="a.txt", text="Tanpa kutipan.")]) == []


def test_fifty_articles_well_under_the_budget(seed_articles: dict[str, Article]) -> None:
    """Ten copies of each seed (about 400 quotes): one 50-article event."""
    arts = [Article(id=f"{a.id}-{k}", source=a.source, text=a.text, quotes=a.quotes, entities=a.entities)
            for k in range(10) for a in seed_articles.values()]
    assert len(arts) == 50
    t0 = time.perf_counter()
    result = event_quotes(arts)
    assert time.perf_counter() - t0 < 0.2
    assert all(len(q["articles"]) >= 10 for s in result for q in s["quotes"])  # each copy joined its originals

