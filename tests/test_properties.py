"""Property tests (issue 12): any bytes, any JSON value in any field, any date string — never an exception out of
the readers or the stages, never a value outside the contract, never a store the next run cannot open.

Example counts (hypothesis `max_examples`) add up to 10,260 generated inputs a run: 4,300 records, 3,000
date strings, 1,500 files' bytes, 800 page texts, 400 HTML pages, 60 whole stores, 200 events' analyses.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kliping.clean import clean_article
from kliping.clean.article import lacks_text
from kliping.clean.published import is_valid, normalise_published
from kliping.enrich.stage import enrich_article
from kliping.errors import Rejected, Skipped
from kliping.ingest import ingest
from kliping.model import Article, RawPage
from kliping.pipeline import LocalExecutor
from kliping.sources.files import page_from_bytes, read_records, record_to_page
from kliping.store import Store

FIELDS = ["id", "text", "html", "url", "title", "published", "outlet", "clean"]
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3),
                           max_leaves=6)
NEWS_WORDS = ("Presiden Joko Widodo mengatakan kepada wartawan di Jakarta pada Selasa (13/9/2023) bahwa banjir "
              "merendam 300 rumah \u201cKami siap membantu,\u201d ujarnya. Baca Juga: berita lain").split()
newsy_text = st.lists(st.sampled_from(NEWS_WORDS) | st.text(max_size=12), min_size=0, max_size=80).map(" ".join)
records = st.dictionaries(st.sampled_from(FIELDS), json_values | newsy_text, max_size=8)
def runs(n: int) -> settings:
    """n generated examples, no deadline (the first call loads models), no example database left in the tree."""
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@runs(4300)
@given(records)
def test_any_record_is_a_page_or_a_reason(rec: dict) -> None:
    item = record_to_page(rec, "in.jsonl", 1)
    assert isinstance(item, RawPage | Rejected)
    if isinstance(item, Rejected):
        assert item.reason and "\n" not in item.reason
    else:
        assert isinstance(item.content, str) and item.content.strip() and isinstance(item.id, str) and item.id


@runs(3000)
@given(st.text(max_size=40) | st.sampled_from(["13/9/2023", "2023-09-13T10:00", "Selasa, 13 Sep 2023 14:05 WIB",
                                                "1729500000", "31/02/2024", "2024-13-01", "kemarin"])
       | st.integers() | st.floats(allow_nan=True, allow_infinity=True))
def test_any_date_value_becomes_a_valid_date_or_null(value: object) -> None:
    out, warning = normalise_published(value)
    assert is_valid(out)
    assert out is not None or warning is not None or value in ("", None) or (isinstance(value, str)
                                                                             and not value.strip())


@runs(1500)
@given(st.binary(max_size=600) | newsy_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from([None, "html", "text"]), st.booleans())
def test_any_bytes_read_without_exceptions(data: bytes, kind: str | None, as_records: bool) -> None:
    items = list(read_records(data, "f.jsonl") if as_records else page_from_bytes(data, "f.txt", kind=kind))
    assert all(isinstance(i, RawPage | Rejected | Skipped) for i in items)


def _check_offsets(art: Article) -> None:
    for x in [*art.entities, *art.dates, *art.quotes]:
        assert 0 <= x.start <= x.end <= len(art.text)


@runs(800)
@given(newsy_text, st.sampled_from([None, "kemarin", "2023-09-13", "10/21/2025 20:43"]))
def test_any_text_page_cleans_and_enriches(text: str, published: str | None) -> None:
    art = Article.from_page(RawPage(id="p", source="p.txt", content=text, published=published))
    art = enrich_article(clean_article(art))
    assert is_valid(art.published)
    _check_offsets(art)


@runs(400)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<title>", "</title>",
                                 "<br>", "&amp;", "&#0;", "<!--", "-->", "<![CDATA[", "]]>", "<html>"])
                | newsy_text.map(lambda t: [t]), max_size=30).map(lambda parts: "".join(p for x in parts for p in x)))
def test_any_html_cleans_and_enriches(html: str) -> None:
    art = enrich_article(clean_article(Article.from_page(RawPage(id="h", source="h.html", content=html or " ",
                                                                 kind="html"))))
    _check_offsets(art)
    assert lacks_text(art) is None or len(art.text.split()) < 5


@runs(60)
@given(st.lists(records, min_size=1, max_size=4))
def test_any_records_never_break_a_store(tmp_path_factory: object, recs: list[dict]) -> None:
    tmp = Path(tmp_path_factory.mktemp("store"))  # type: ignore[attr-defined]
    bad = tmp / "bad.jsonl"
    bad.write_text("".join(json.dumps(r, default=str) + "\n" for r in recs), encoding="utf-8")
    good = tmp / "good.jsonl"
    good.write_text(json.dumps({"id": "good", "published": "2023-09-13T10:00:00+07:00",
                                "text": " ".join(NEWS_WORDS)}) + "\n", encoding="utf-8")
    with Store(tmp / "k.db") as store:
        ingest([str(bad)], store, LocalExecutor(workers=1))
    for _ in range(2):  # the next runs into that store work
        with Store(tmp / "k.db") as store:
            ingest([str(good)], store, LocalExecutor(workers=1))
            arts = list(store.articles())
            assert any(a.id == "good" and a.event for a in arts)
            assert all(is_valid(a.published) for a in arts)


@runs(200)
@given(st.lists(st.tuples(newsy_text, st.sampled_from([None, "2023-09-13T10:00:00+07:00", "2023-09-20",
                                                        "2024-01-01T00:00:00+00:00"])), min_size=1, max_size=4))
def test_any_event_analyses_within_its_contract(pages: list[tuple[str, str | None]]) -> None:
    """Issue 13: whatever an event's articles say, its analysis keeps its contract: summary sentences verbatim in a
    cited article, every evidence span inside its article's text (or its caption sentence), the schema's shapes."""
    from kliping.analysis.event import analyze_event
    from kliping.report import schema

    arts = [enrich_article(clean_article(Article.from_page(RawPage(id=f"p{k}", source=f"p{k}.txt", content=t,
                                                                   published=p, clean=True))))
            for k, (t, p) in enumerate(pages)]
    text = {a.id: a.text for a in arts}
    result = analyze_event(arts)
    for s in result["summary"]:
        assert any(s["text"] in text[x] for x in s["sources"])
    for entry in result["timeline"]:
        for ev in entry["evidence"]:
            assert text[ev["article"]][ev["start"]:ev["end"]] == entry["text"] or ev["article"] != entry["articles"][0]
    for c in result["comparison"]["conflicts"]:
        for v in c["values"]:
            for ev in v["evidence"]:
                if ev["part"] == "text":
                    assert text[ev["article"]][ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
                    assert ev["sentence_start"] <= ev["start"] <= ev["end"] <= ev["sentence_end"]
    defs = schema()["$defs"]["analysis"]
    import jsonschema

    for key, sub in defs.items():
        jsonschema.validate(result[key], {**sub, "$defs": schema()["$defs"]})
