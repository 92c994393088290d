"""report.html: anchors and the links to them, events newest first (as `kliping events`), readable dates,
pluralisation, escaping of hostile ids and values, the cap on large reports; each event's analysis (cited summary,
conflicts with their evidence highlighted, timeline, agreed/unique statements, quotes, provenance), storyline
timelines and summaries, article flags. Reports are built through the real pipeline (ingest into a store, then
`build_report`) from records written for these tests, and from the seed pages in ../shared/seeds when present."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kliping import report as report_module
from kliping.ingest import ingest
from kliping.pipeline import LocalExecutor
from kliping.report import (
    analysis_view,
    article_anchor,
    build_report,
    cite_order,
    event_recency,
    evidence_pieces,
    highlight,
    newest_first,
    paragraph_pieces,
    plural,
    readable_date,
    render_html,
    tail_split,
)
from kliping.store import Store

HOSTILE_ID = 'x "quoted" <b>bold</b> & spaced id'
SCRIPT = "<script>alert(1)</script>"
JS_URL = "javascript:alert(document.cookie)"
SEEDS = sorted((Path(__file__).resolve().parents[1].parent / "shared" / "seeds").glob("0*.txt"))
# Every tag report.html's template writes: anything else in a page came from the data.
TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "span",
                 "nav", "ul", "ol", "li", "a", "section", "article", "details", "summary", "time", "code", "div",
                 "sup", "mark", "blockquote"}

FLOOD = ("Banjir bandang menerjang tiga desa di Kabupaten Batu Lamaran, Sulawesi Tengah, pada Senin pagi. Tujuh "
         "warga meninggal dan ratusan rumah rusak diterjang lumpur dan kayu gelondongan dari hulu Sungai Lamaran.\n\n"
         "Bupati Batu Lamaran Andi Rahmat Syamsuddin mengatakan tim gabungan masih mencari tiga warga yang hilang. "
         "\"Kami kerahkan semua alat berat,\" kata Andi kepada wartawan di Palu.")
ACCORD = ("Menteri kelautan sepuluh negara menandatangani kesepakatan berbagi data pemantauan kapal ikan di Makassar, "
          "Sulawesi Selatan, pada Kamis. Kesepakatan itu untuk melawan penangkapan ikan ilegal di kawasan.\n\n"
          "Menteri Kelautan Laksmi Pramesti mengatakan data akan dibagi secara langsung antarnegara. \"Ini langkah "
          "besar bagi nelayan kita,\" kata Laksmi di Makassar.")
FAIR = ("Ribuan pengunjung memadati pameran buku tahunan di Yogyakarta pada Sabtu. Panitia mencatat lebih dari "
        "dua ratus penerbit ikut serta dalam pameran yang berlangsung sepekan itu.\n\n"
        "Ketua panitia Dewi Kartika mengatakan pameran tahun ini menghadirkan diskusi bersama penulis muda dari "
        "berbagai daerah di Indonesia.")


def _records() -> list[dict]:
    return [
        {"id": "flood-1", "title": "Banjir Bandang Terjang Batu Lamaran, Tujuh Warga Meninggal", "text": FLOOD,
         "published": "2025-03-03T11:48:00+08:00", "outlet": "Warta Timur"},
        {"id": "accord-1", "title": "Sepuluh Negara Teken Kesepakatan Data Kapal Ikan di Makassar", "text": ACCORD,
         "published": "2025-03-06T15:42:00+08:00", "outlet": "Harian Lintas"},
        {"id": HOSTILE_ID, "title": "Pameran Buku Tahunan Yogyakarta Dipadati Ribuan Pengunjung", "text": FAIR,
         "published": "2025-03-08T10:00:00+07:00", "outlet": "Kabar Jogja"},
        # The same text again under another id: from the same outlet a duplicate of flood-1, from another a copy.
        {"id": "flood-dup", "title": "Banjir Bandang Terjang Batu Lamaran, Tujuh Warga Meninggal", "text": FLOOD,
         "published": "2025-03-03T13:00:00+08:00", "outlet": "Warta Timur"},
        {"id": "flood-copy", "title": "Tujuh Warga Meninggal Diterjang Banjir Bandang Batu Lamaran", "text": FLOOD,
         "published": "2025-03-03T18:30:00+07:00", "outlet": "Pesisir Post"},
    ]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The report of the seed pages 000-004: E1 = 000/002/003 (Putin meets Kim; 003 says Selasa for Wednesday 13
    September 2023, and puts the meeting in Vladivostok in its text, at the Vostochny cosmodrome in its caption)."""
    if not SEEDS:
        pytest.skip("the seed pages (../shared/seeds) are not here")
    with Store(tmp_path_factory.mktemp("seeds") / "k.db") as store:
        res = ingest([str(p) for p in SEEDS], store, LocalExecutor(workers=1))
        return build_report(store, res.rejected)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("report")
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()), encoding="utf-8")
    with Store(tmp / "k.db") as store:
        res = ingest([str(feed)], store, LocalExecutor(workers=1))
        assert not res.rejected
        return build_report(store, res.rejected)


class _Page(HTMLParser):
    """The ids, in-page links and text of a rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.times: list[str] = []
        self.order: list[str] = []  # ids of event sections and article cards, in page order
        self.text: list[str] = []
        self.hrefs: list[str] = []  # every href, in-page or not
        self.anchors: list[dict[str, str | None]] = []  # the attributes of every <a>
        self.marks: list[tuple[str | None, str]] = []  # (class, text) of every <mark>
        self._mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a":
            self.anchors.append(a)
            self.hrefs.append(str(a.get("href")))
        if tag == "mark":
            self._mark = []
            self.marks.append((a.get("class"), ""))
        if a.get("id"):
            self.ids.append(str(a["id"]))
            if tag in ("section", "article"):
                self.order.append(str(a["id"]))
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append(str(a["href"])[1:])
        if tag == "time":
            self.times.append(str(a.get("datetime")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks[-1] = (self.marks[-1][0], "".join(self._mark))
            self._mark = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._mark is not None:
            self._mark.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _text(page: _Page) -> str:
    return re.sub(r"\s+", " ", "".join(page.text))


def test_pipeline_gives_the_report_these_tests_need(report: dict) -> None:
    ev = {a["id"]: a["event"] for a in report["articles"]}
    assert len(report["articles"]) == 5 and all(ev.values())
    assert len({ev["flood-1"], ev["accord-1"], ev[HOSTILE_ID]}) == 3
    by_id = {a["id"]: a for a in report["articles"]}
    assert by_id["flood-dup"]["duplicate_of"] == "flood-1"
    assert by_id["flood-copy"]["copy_of"]["id"] == "flood-1"


def test_anchors_exist_and_every_link_resolves(report: dict) -> None:
    page = _parse(render_html(report))
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    for e in report["events"]:
        assert e["id"] in page.ids  # id="E12"
    for a in report["articles"]:
        assert article_anchor(a["id"]) in page.ids
    for s in report["storylines"]:
        assert s["id"] in page.ids
    assert page.links and set(page.links) <= set(page.ids), set(page.links) - set(page.ids)
    # Articles link to their events, duplicates to their originals.
    assert {a["event"] for a in report["articles"]} <= set(page.links)
    assert article_anchor("flood-1") in page.links


def test_storylines_link_to_their_events() -> None:
    events = [{"id": "E1", "title": "Banjir", "date": "2025-03-03", "articles": []},
              {"id": "E2", "title": "Relokasi", "date": "2025-03-17", "articles": []}]
    rep = {"kliping": "t", "generated": "2025-03-20T00:00:00+00:00", "articles": [], "events": events,
           "storylines": [{"id": "S1", "title": "Relokasi", "events": ["E1", "E2"]}], "rejected": []}
    page = _parse(render_html(rep))
    assert {"S1", "E1", "E2"} <= set(page.ids)
    assert page.links.count("E1") >= 2 and page.links.count("S1") == 2  # contents + storyline; E1 and E2 -> S1
    assert set(page.links) <= set(page.ids)


def test_events_are_newest_first_like_the_cli(report: dict) -> None:
    page = _parse(render_html(report))
    expected = [e["id"] for e in sorted(report["events"], key=lambda e: (
        e.get("date") or e.get("last_seen") or "", int(e["id"][1:])), reverse=True)]  # `kliping events`' key
    shown = [i for i in page.order if re.fullmatch(r"E\d+", i)]
    assert shown == expected
    # Undated events fall back to their last report; ties go to the later id.
    records = [{"id": "E2", "date": "2025-03-01"}, {"id": "E10", "date": None, "last_seen": "2025-03-05T10:00"},
               {"id": "E3", "date": "2025-03-01"}, {"id": "E4"}]
    assert [e["id"] for e in newest_first(records)] == ["E10", "E3", "E2", "E4"]
    assert event_recency({"id": "E7", "date": "2025-01-02"}) == ("2025-01-02", 7)


def test_articles_within_an_event_are_newest_first(report: dict) -> None:
    page = _parse(render_html(report))
    flood = page.order.index(article_anchor("flood-1"))
    later = page.order.index(article_anchor("flood-copy"))  # 13:00 +08:00, after flood-1's 11:48 +08:00
    assert later < flood


def test_pluralisation(report: dict) -> None:
    assert plural(1, "article") == "1 article" and plural(2, "article") == "2 articles"
    assert plural(0, "storyline") == "0 storylines" and plural(1500, "event") == "1,500 events"
    text = _text(_parse(render_html(report)))
    for word in ("articles", "events", "storylines", "paragraphs", "quotes", "removed lines", "rejected inputs"):
        assert re.search(rf"(?<![\d,])1 {word}", text) is None, word
    assert "5 articles" in text and "0 rejected inputs" in text
    one = copy.deepcopy(report)
    one["articles"] = one["articles"][:1]
    one["rejected"] = [{"source": "x.txt", "line": None, "reason": "empty file"}]
    text = _text(_parse(render_html(one)))
    assert "1 article" in text and "1 rejected input" in text
    assert re.search(r"(?<![\d,])1 (articles|rejected inputs|events)", text) is None


def test_readable_dates() -> None:
    assert readable_date("2023-09-13T14:05:00+07:00") == ("2023-09-13T14:05:00+07:00",
                                                          "Wed 13 Sep 2023, 14:05 (+07:00)")
    assert readable_date("2023-09-13") == ("2023-09-13", "13 Sep 2023")
    assert readable_date("2023-09-13T14:05Z") == ("2023-09-13T14:05Z", "Wed 13 Sep 2023, 14:05 (UTC)")
    assert readable_date("2023-09-13T07:05:09.5+00:00")[1] == "Wed 13 Sep 2023, 07:05 (UTC)"
    assert readable_date("2023-09-13T14:05:00") == ("2023-09-13T14:05:00", "Wed 13 Sep 2023, 14:05")
    assert readable_date("2026-01") == ("2026-01", "Jan 2026")
    for bad in ("2023-13", "2023-02-30", "kemarin sore", "2023-09-13T25:00", "", None, 20230913, "2025-W10-1"):
        assert readable_date(bad) is None


def test_readable_dates_in_the_page(report: dict) -> None:
    page = _parse(render_html(report))
    assert "2025-03-03T11:48:00+08:00" in page.times
    assert "Mon 3 Mar 2025, 11:48 (+08:00)" in _text(page)


def test_malformed_date_and_hostile_id_render_escaped(report: dict) -> None:
    bad = copy.deepcopy(report)
    art = next(a for a in bad["articles"] if a["id"] == HOSTILE_ID)
    art["published"] = '<script>alert("d")</script> 2025-13-45'
    bad["events"][0]["date"] = "2025-02-30"
    html = render_html(bad)
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#34;d&#34;)&lt;/script&gt; 2025-13-45" in html
    page = _parse(html)
    text = _text(page)
    assert '<script>alert("d")</script> 2025-13-45' in text  # shown as given, as text
    assert "2025-02-30" in text and "2025-02-30" not in page.times
    assert HOSTILE_ID in text
    anchor = article_anchor(HOSTILE_ID)
    assert re.fullmatch(r"a\.[0-9a-f]{16}", anchor) and anchor in page.ids
    assert set(page.links) <= set(page.ids)
    # A duplicate of the article with the hostile id links to its card.
    next(a for a in bad["articles"] if a["id"] == "flood-dup")["duplicate_of"] = HOSTILE_ID
    page = _parse(render_html(bad))
    assert anchor in page.links and set(page.links) <= set(page.ids)
    # Every tag the page opens is one of the template's: nothing from the data became markup.
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= TEMPLATE_TAGS, tags


def test_anchors_of_ids_are_safe_and_distinct() -> None:
    assert article_anchor("feed-001") == "a-feed-001"
    ids = ["a b", "a_b", 'a"b', "<a>", "", "x" * 65, "é", "feed-001"]
    anchors = [article_anchor(i) for i in ids]
    assert len(set(anchors)) == len(ids)
    assert all(re.fullmatch(r"a[-.][A-Za-z0-9_-]+", x) for x in anchors)


def test_entity_colour_legend(report: dict) -> None:
    html = render_html(report)
    assert "Entity colours:" in html
    types = {x["type"] for a in report["articles"] for x in a.get("entities") or []}
    for t in types & {"PER", "ORG", "LOC"}:
        assert f'<span class="ent {t}">{t}</span>' in html


def test_cap_note_when_over_the_cap(report: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "not shown" not in _text(_parse(render_html(report)))
    # Events: the fair (8 Mar, 1 article), the accord (6 Mar, 1), the flood (3 Mar, 3 articles).
    monkeypatch.setattr(report_module, "HTML_MAX_ARTICLES", 2)
    page = _parse(render_html(report))
    text = _text(page)
    assert "This page shows 2 articles, those of the most recent events; 3 articles (1 more event) are not shown. "\
           "report.json has them all, and the web app (kliping serve, coming) shows the full view." in text
    cards = [i for i in page.order if i.startswith("a")]
    assert cards == [article_anchor(HOSTILE_ID), article_anchor("accord-1")]  # the two newest events' articles
    flood = next(a["event"] for a in report["articles"] if a["id"] == "flood-1")
    assert flood not in page.ids  # the oldest event is left out whole
    assert set(page.links) <= set(page.ids), set(page.links) - set(page.ids)
    # Three: the flood event shows its newest article (the copy); its original is named, not linked.
    monkeypatch.setattr(report_module, "HTML_MAX_ARTICLES", 3)
    page = _parse(render_html(report))
    text = _text(page)
    assert "This page shows 3 articles" in text and "; 2 articles are not shown." in text
    assert "Showing 1 of 3 articles of this event" in text
    assert "copy of flood-1 (not shown in this page)" in text
    assert set(page.links) <= set(page.ids), set(page.links) - set(page.ids)
    monkeypatch.setattr(report_module, "HTML_MAX_ARTICLES", 4)
    assert "; 1 article is not shown." in _text(_parse(render_html(report)))


def test_report_json_is_never_capped(tmp_path: Path, report: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "HTML_MAX_ARTICLES", 1)
    report_module.write_json(report, tmp_path / "report.json")
    report_module.write_html(report, tmp_path / "report.html")
    assert len(json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["articles"]) == 5
    assert "report.json has them all" in (tmp_path / "report.html").read_text(encoding="utf-8")


# ---------- the event's analysis, storylines, flags ----------

def _fragment(html: str, start: str, end: str) -> str:
    """The part of the page from the first `start` to the next `end` after it."""
    i = html.index(start)
    return html[i:html.index(end, i)]


def _e1(seed_report: dict) -> dict:
    seed3 = next(a["id"] for a in seed_report["articles"] if "003_" in a["source"])
    return next(e for e in seed_report["events"] if seed3 in e["articles"])


def test_highlight_pieces() -> None:
    assert highlight("Senin pagi", [(0, 5)]) == [("Senin", True), (" pagi", False)]
    assert highlight("abcdef", [(3, 5), (1, 4)]) == [("a", False), ("bcde", True), ("f", False)]  # merged
    assert highlight("abc", [(-4, 99)]) == [("abc", True)]  # clamped
    for bad in [(2, 1), (1, 1), (True, 2), ("0", 2), (None, 2), (5, 9)]:
        assert highlight("abc", [bad]) == [("abc", False)], bad
    assert highlight(None, [(0, 1)]) == [] and highlight("", []) == [("", False)]
    text = "Pertemuan itu terjadi pada Selasa (13/9/2023) di Vladivostok."
    for spans in ([(27, 45)], [(0, 9), (49, 60)], [(0, len(text))], [(10, 20), (15, 30), (50, 200)]):
        assert "".join(t for t, _ in highlight(text, spans)) == text  # the pieces are the text, nothing lost
    # The last word stays with the citation after it; a highlight is never cut in two.
    assert tail_split(highlight("pada Selasa (13/9/2023).", [(5, 23)])) == (
        [("pada ", False)], [("Selasa (13/9/2023)", True), (".", False)])
    assert tail_split([("a " + "x" * 40, False)]) == ([("a " + "x" * 40, False)], [])  # a URL may wrap
    assert cite_order(["c", "a", "z", "b"], {"a": 1, "b": 2, "c": 3}) == ["a", "b", "c", "z"]


def test_evidence_highlight_is_relative_to_its_sentence() -> None:
    sentence = "Pertemuan itu terjadi di Kota Vladivostok pada Selasa (13/9/2023)."
    at = 152  # where the sentence starts in the article text
    ev = {"article": "x", "start": at + 47, "end": at + 65, "sentence": sentence, "part": "text",
          "sentence_start": at, "sentence_end": at + len(sentence)}
    assert evidence_pieces(ev) == [(sentence[:47], False), ("Selasa (13/9/2023)", True), (".", False)]
    caption = "PUTIN DAN KIM: keduanya mengunjungi Kosmodrom Vostochny di wilayah Amur. (AFP)"
    ev = {"start": 36, "end": 55, "sentence": caption, "part": "caption", "sentence_start": 0}
    assert [t for t, hl in evidence_pieces(ev) if hl] == ["Kosmodrom Vostochny"]
    assert evidence_pieces({"sentence": "no offsets", "start": "1"}) == [("no offsets", False)]


def test_seed_weekday_conflict_is_shown_with_its_evidence_marked(seed_report: dict) -> None:
    e1 = _e1(seed_report)
    weekday = next(c for c in e1["comparison"]["conflicts"] if c["kind"] == "weekday")
    html = render_html(seed_report)
    page = _parse(html)
    text = _text(page)
    assert re.sub(r"\s+", " ", weekday["explanation"]) in text
    assert "13 September 2023 was a Wednesday (Rabu), not a Tuesday (Selasa)" in text
    marks = [m for cls, m in page.marks if cls is None]
    # Each evidence of each value is marked in its sentence, the mark being exactly the evidence's text.
    for value in weekday["values"]:
        assert value["value"] in text
        for ev in value["evidence"]:
            assert ev["sentence"][ev["start"] - ev["sentence_start"]:ev["end"] - ev["sentence_start"]] in marks
    assert "Selasa (13/9/2023)" in marks and "Rabu (13/9/2023)" in marks
    box = _fragment(html, '<div class="conflict">', '<div class="part">')
    assert '<mark>Selasa (13/9/2023)</mark>' in box and '<span class="badge ck weekday">weekday</span>' in box
    # The place conflict: the caption's evidence is said to be a photo caption, and its place marked.
    place = _fragment(html, '<span class="badge ck place">', '<div class="part">')
    assert "within one article" in place and "photo caption" in place
    assert "<mark>Kosmodrom Vostochny</mark>" in place and "<mark>Kota Vladivostok</mark>" in place
    # The conflict's articles link to their cards.
    seed3 = article_anchor(next(a["id"] for a in seed_report["articles"] if "003_" in a["source"]))
    assert f'href="#{seed3}"' in box and seed3 in page.ids


def test_seed_summary_cites_its_articles_by_link(seed_report: dict) -> None:
    e1 = _e1(seed_report)
    html = render_html(seed_report)
    page = _parse(html)
    numbers = {a: k for k, a in enumerate(_card_order(page, e1), 1)}
    summary = _parse(_fragment(html, f'<section class="event" id="{e1["id"]}">', "</ul>"))
    cites = [a for a in summary.anchors if a.get("class") == "cite"]
    assert len(cites) >= len(e1["summary"]) and _text(summary).count(e1["summary"][0]["text"][:40]) == 1
    outlet = {a["id"]: a["outlet"] for a in seed_report["articles"]}
    cited = [s for x in e1["summary"] for s in sorted(x["sources"], key=numbers.__getitem__)]
    assert [c["href"] for c in cites] == [f"#{article_anchor(s)}" for s in cited]
    assert all(str(c["href"])[1:] in page.ids for c in cites)  # each one's card is on the page
    for c, s in zip(cites, cited, strict=True):  # "[n]" is the card's number; the outlet is the link's title
        assert str(c["title"]).startswith(str(outlet[s]))
    assert f"[{numbers[cited[0]]}]" in _text(summary)
    assert f'<span class="num">[{numbers[cited[0]]}]</span>' in html


def _card_order(page: _Page, event: dict) -> list[str]:
    """The event's article ids in the order of their cards."""
    anchors = {article_anchor(a): a for a in event["articles"]}
    return [anchors[i] for i in page.order if i in anchors]


def test_seed_storyline_timeline_and_summary(seed_report: dict) -> None:
    story = seed_report["storylines"][0]
    assert story["timeline"] and story["summary"]
    html = render_html(seed_report)
    part = _fragment(html, f'<div class="storyline" id="{story["id"]}">', '<section id="events">')
    frag = _parse(part)
    assert f'Timeline ({plural(len(story["timeline"]), "entry", "entries")})' in _text(frag)
    for entry in story["timeline"] + story["summary"]:
        assert entry["text"][:50] in _text(frag)
    assert {e for e in story["events"]} <= set(frag.links)  # entries link to their events
    assert any(a.get("class") == "cite" for a in frag.anchors)
    # Dates are readable, in <time>.
    assert story["timeline"][0]["date"] in frag.times


def test_seed_flag_is_marked_in_the_article_text(seed_report: dict) -> None:
    art = next(a for a in seed_report["articles"] if a.get("flags"))
    flag = art["flags"][0]
    page = _parse(render_html(seed_report))
    assert ("flag", art["text"][flag["start"]:flag["end"]]) in page.marks
    assert flag["explanation"] in _text(page)
    pieces = paragraph_pieces(art)
    assert pieces is not None and [p for ps in pieces for p, hl in ps if hl] == [flag["text"]]
    assert ["".join(p for p, _ in ps) for ps in pieces] == art["paragraphs"]


def test_analysis_sections_render(report: dict) -> None:
    """Quotes and provenance (from their shapes in report.json), agreed and unique statements, the timeline."""
    rep = copy.deepcopy(report)
    by_id = {a["id"]: a for a in rep["articles"]}
    flood = next(e for e in rep["events"] if "flood-1" in e["articles"])
    flood["quotes"] = [{"speaker": "Andi Rahmat Syamsuddin", "quotes": [
        {"text": "Kami kerahkan semua alat berat", "kind": "direct", "articles": ["flood-1", "flood-copy"],
         "evidence": []}]}]
    flood["provenance"] = {"first": {"article": "flood-1", "outlet": "Warta Timur",
                                     "published": by_id["flood-1"]["published"]},
                           "credits": [{"article": "flood-copy", "outlet": "Pesisir Post", "credits": ["Antara"]}],
                           "chains": [["AFP", "cnbcindonesia.com", "pelita.online"]],
                           "copies": [{"article": "flood-copy", "of": "flood-1", "kind": "copy", "overlap": 0.97,
                                       "credited": "Warta Timur"}]}
    flood["comparison"] = {"agreed": [{"statement": "Tujuh warga meninggal.", "articles": ["flood-1", "flood-copy"],
                                       "outlets": ["Warta Timur", "Pesisir Post"], "evidence": []}],
                           "unique": [{"statement": f"Kalimat unik nomor {i}.", "article": "flood-1",
                                       "outlet": "Warta Timur", "evidence": []} for i in range(9)],
                           "conflicts": []}
    flood["timeline"] = [{"date": "2025-03-03", "text": "Banjir bandang menerjang pada Senin.",
                          "articles": ["flood-1"], "evidence": []}]
    html = render_html(rep)
    page = _parse(html)
    text = _text(page)
    assert "Andi Rahmat Syamsuddin" in text and "“Kami kerahkan semua alat berat”" in text
    assert "AFP → cnbcindonesia.com → pelita.online" in text
    assert "First reported by [3] Warta Timur, Mon 3 Mar 2025, 11:48 (+08:00)" in text  # flood-1 is the oldest card
    assert "[1] Pesisir Post is a copy of [3] Warta Timur (97% of its text shared; credits Warta Timur)" in text
    assert "Pesisir Post credits Antara" in text
    assert "Tujuh warga meninggal." in text and "— Warta Timur, Pesisir Post" in text
    assert "Reported by one outlet only (9 statements)" in text
    head = html[:html.index("Reported by one outlet only")]
    unique = head[head.rindex("<details"):]
    assert " open" not in unique.split(">")[0]  # nine are collapsed
    assert "3 Mar 2025" in text and "2025-03-03" in page.times
    assert set(page.links) <= set(page.ids)


def test_missing_or_malformed_analysis_shows_nothing(report: dict) -> None:
    rep = copy.deepcopy(report)
    for e in rep["events"]:
        for key in ("timeline", "comparison", "quotes", "summary", "provenance"):
            e.pop(key, None)
    page = _parse(render_html(rep))
    assert "Summary" not in _text(page) and "Conflicts" not in _text(page)
    odd: list[Any] = [None, "text", 5, [], {}, [None, 5, "x", []], {"values": "x"}]
    for e, junk in zip(rep["events"], odd, strict=False):
        for key in ("timeline", "quotes", "summary", "provenance", "comparison"):
            e[key] = junk
    rep["events"][0]["comparison"] = {"conflicts": [{"kind": None, "values": [{"value": 5, "articles": None,
                                                     "evidence": [{"sentence": None, "start": "a"}]}]}],
                                      "agreed": [{"statement": None}], "unique": "x"}
    rep["events"][1]["provenance"] = {"first": {"article": None}, "chains": [None, ["A", 5, "B"]],
                                      "copies": [{"article": "x", "of": "y", "overlap": "lots"}], "credits": 3}
    render_html(rep)
    view = analysis_view({"provenance": {"copies": [{"article": "x", "of": "y", "overlap": True}]}})
    assert view["provenance"]["copies"][0]["percent"] is None
    assert analysis_view({})["summary"] == [] and analysis_view({})["provenance"]["any"] is False


def test_hostile_analysis_values_are_escaped(report: dict) -> None:
    rep = copy.deepcopy(report)
    flood = next(e for e in rep["events"] if "flood-1" in e["articles"])
    hostile = f"{SCRIPT} <img src=x onerror=alert(2)> {JS_URL}"
    sentence = f"Kata {SCRIPT} di sini."
    flood["summary"] = [{"text": hostile, "sources": ["flood-1", JS_URL, SCRIPT]}]
    flood["comparison"] = {
        "agreed": [{"statement": hostile, "articles": [JS_URL], "outlets": [SCRIPT], "evidence": []}],
        "unique": [{"statement": hostile, "article": JS_URL, "outlet": SCRIPT, "evidence": []}],
        "conflicts": [{"kind": 'place" onclick="alert(3)', "subject": hostile, "scope": "articles",
                       "explanation": hostile, "values": [
                           {"value": SCRIPT, "articles": ["flood-1", JS_URL],
                            "evidence": [{"article": JS_URL, "start": 105, "end": 113, "sentence": sentence,
                                          "part": "caption", "sentence_start": 100, "sentence_end": 130}]},
                           {"value": JS_URL, "articles": [SCRIPT], "evidence": []}]}]}
    flood["timeline"] = [{"date": SCRIPT, "text": hostile, "articles": [JS_URL], "evidence": []},
                         {"date": JS_URL, "text": hostile, "articles": [], "evidence": []}]  # cites nothing
    flood["quotes"] = [{"speaker": SCRIPT, "quotes": [{"text": hostile, "kind": SCRIPT, "articles": [JS_URL]}]}]
    flood["provenance"] = {"first": {"article": JS_URL, "outlet": SCRIPT, "published": SCRIPT},
                           "credits": [{"article": JS_URL, "outlet": SCRIPT, "credits": [SCRIPT, JS_URL]}],
                           "chains": [[JS_URL, SCRIPT]],
                           "copies": [{"article": JS_URL, "of": SCRIPT, "kind": SCRIPT, "overlap": SCRIPT,
                                       "credited": JS_URL}]}
    rep["storylines"] = [{"id": "S1", "title": SCRIPT, "events": [flood["id"], JS_URL],
                          "timeline": [{"date": JS_URL, "event": JS_URL, "text": hostile, "articles": [JS_URL]}],
                          "summary": [{"date": SCRIPT, "event": flood["id"], "text": hostile,
                                       "sources": [SCRIPT, "flood-1"]}]}]
    art = next(a for a in rep["articles"] if a["id"] == "flood-1")
    art["url"] = JS_URL
    art["outlet"] = SCRIPT  # shown in citation titles
    art["flags"] = [{"kind": SCRIPT, "text": "x", "start": 0, "end": 6, "explanation": hostile},
                    {"kind": "weekday", "text": "x", "start": -50, "end": 10 ** 9, "explanation": JS_URL}]
    html = render_html(rep)
    assert "<script" not in html.lower()
    assert "<img" not in html and 'onclick="' not in html and "onerror=alert(2)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = _parse(html)
    assert all(h.startswith("#") for h in page.hrefs), page.hrefs  # no link but in-page anchors
    assert set(page.links) <= set(page.ids), set(page.links) - set(page.ids)
    assert not any(str(v).lower().startswith("javascript:") for a in page.anchors for k, v in a.items()
                   if k == "href")
    assert set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)) <= TEMPLATE_TAGS
    text = _text(page)
    assert hostile in text and f"[{JS_URL}]" in text  # shown as text; an unknown id is named, not linked
    # The highlight is built from pieces, each escaped: the marked "<script>" is text inside <mark>.
    assert (None, "<script>") in page.marks and "<mark>&lt;script&gt;</mark>" in html
    assert '<span class="badge ck other">' in html  # an unknown kind gets no class of its own


def test_citations_of_articles_left_out_by_the_cap_are_plain_text(report: dict,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rep = copy.deepcopy(report)
    flood = next(e for e in rep["events"] if "flood-1" in e["articles"])
    flood["summary"] = [{"text": "Banjir bandang menerjang Batu Lamaran.", "sources": ["flood-1", "flood-copy"]}]
    page = _parse(render_html(rep))
    assert article_anchor("flood-1") in page.links and article_anchor("flood-copy") in page.links
    monkeypatch.setattr(report_module, "HTML_MAX_ARTICLES", 3)  # the flood event shows only its newest (the copy)
    html = render_html(rep)
    page = _parse(html)
    assert article_anchor("flood-1") not in page.links and article_anchor("flood-copy") in page.links
    summary = _text(_parse(_fragment(html, f'id="{flood["id"]}"', "</ul>")))
    assert "Banjir bandang menerjang Batu Lamaran.[1][flood-1]" in summary  # [1] is the copy's card
    assert set(page.links) <= set(page.ids)
