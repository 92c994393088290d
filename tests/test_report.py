"""report.html: anchors and the links to them, events newest first (as `kliping events`), readable dates,
pluralisation, escaping of hostile ids and values, the cap on large reports. Reports are built through the real
pipeline (ingest into a store, then `build_report`) from records written for these tests."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kliping import report as report_module
from kliping.ingest import ingest
from kliping.pipeline import LocalExecutor
from kliping.report import (
    article_anchor,
    build_report,
    event_recency,
    newest_first,
    plural,
    readable_date,
    render_html,
)
from kliping.store import Store

HOSTILE_ID = 'x "quoted" <b>bold</b> & spaced id'

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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
            if tag in ("section", "article"):
                self.order.append(str(a["id"]))
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append(str(a["href"])[1:])
        if tag == "time":
            self.times.append(str(a.get("datetime")))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


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
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span", "nav",
                    "ul", "ol", "li", "a", "section", "article", "details", "summary", "time", "code"}, tags


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
