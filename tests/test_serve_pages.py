"""`kliping serve`'s pages beyond the basics of test_serve.py: the annotated article text, removed lines, links to
copies, the event's provenance, HTML error pages and the stylesheet (TestClient, over the bundled examples)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from kliping.serve import create_app
from kliping.serve.views import Piece, annotated_paragraphs, legend
from test_serve import one_line_error, store_path  # noqa: F401  (store_path: the module's store fixture)


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:  # noqa: F811
    return TestClient(create_app(store_path, None))


# ---------- the annotated text (views.py) ----------

TEXT = "Kata Joko Widodo di Jakarta pada Senin (3/3/2025): \"Kami siap bekerja.\"\n\nParagraf kedua di Palu."


def _art(**more: Any) -> dict[str, Any]:
    return {"text": TEXT, "paragraphs": TEXT.split("\n\n"), **more}


def test_annotations_cut_the_text_without_losing_a_character() -> None:
    ents = [{"text": "Joko Widodo", "start": 5, "end": 16, "type": "PER", "canonical": "Joko Widodo",
             "role": "Presiden"},
            {"text": "Jakarta", "start": 20, "end": 27, "type": "LOC", "canonical": "Jakarta"},
            {"text": "Palu", "start": TEXT.index("Palu"), "end": TEXT.index("Palu") + 4, "type": "LOC",
             "canonical": "Palu"},
            {"text": "bekerja", "start": TEXT.index("bekerja"), "end": TEXT.index("bekerja") + 7, "type": "XYZ",
             "canonical": "bekerja"}]
    date = {"text": "Senin (3/3/2025)", "start": 33, "end": 49, "value": "2025-03-03", "weekday_mismatch": False}
    quote = {"text": "Kami siap bekerja.", "start": TEXT.index("Kami"), "end": TEXT.index("bekerja.") + 8,
             "kind": "direct", "cue": None, "speaker": "Joko Widodo"}
    paragraphs = annotated_paragraphs(_art(entities=ents, dates=[date], quotes=[quote]))
    assert ["".join(p.text for p in ps) for ps in paragraphs] == TEXT.split("\n\n")
    by_text = {p.text: p for ps in paragraphs for p in ps}
    assert by_text["Joko Widodo"] == Piece("Joko Widodo", "ent ent-per", "person: Joko Widodo (Presiden)")
    assert by_text["Jakarta"].classes == "ent ent-loc"
    assert by_text["Senin (3/3/2025)"] == Piece("Senin (3/3/2025)", "date", "date: 2025-03-03")
    assert by_text["Kami siap "] == Piece("Kami siap ", "quote quote-direct", "direct quote by Joko Widodo")
    # A name inside a quote carries both (an unknown entity type gets the shared class).
    assert by_text["bekerja"].classes == "ent ent-misc quote quote-direct"
    assert by_text["bekerja"].note == "name: bekerja; direct quote by Joko Widodo"
    assert by_text["Palu"].classes == "ent ent-loc"  # offsets into the text hold in the second paragraph
    assert [c for c, _ in legend(paragraphs)] == ["ent-per", "ent-loc", "ent-misc", "date", "quote"]


def test_malformed_annotations_are_left_out_and_unfound_paragraphs_shown_plain() -> None:
    bad = [{"start": 5, "end": 3, "type": "PER"}, {"start": "5", "end": 9}, {"start": -4, "end": 4, "type": "LOC",
                                                                             "canonical": "Kata"},
           {"start": len(TEXT) - 5, "end": len(TEXT) + 50, "type": "LOC", "canonical": "Palu"}, "not a dict"]
    flag = {"kind": "weekday", "text": "Senin", "start": 33, "end": 38, "explanation": "3/3/2025 was a Monday?"}
    paragraphs = annotated_paragraphs(_art(entities=bad, flags=[flag],
                                           paragraphs=[*TEXT.split("\n\n"), "a paragraph not in the text"]))
    assert [p.text for p in paragraphs[0] if p.classes] == ["Kata", "Senin"]  # clamped to the text
    assert [p.text for p in paragraphs[1] if p.classes] == ["Palu."]
    assert next(p for p in paragraphs[0] if p.text == "Senin") == Piece("Senin", "flag", "3/3/2025 was a Monday?")
    assert paragraphs[2] == [Piece("a paragraph not in the text", "", "")]
    assert annotated_paragraphs({"text": None, "paragraphs": ["x", 5]}) == [[Piece("x", "", "")]]


def test_annotation_notes_and_pieces_are_escaped_in_the_page() -> None:
    from starlette.requests import Request

    from kliping.serve.pages import _env

    evil = '"><script>alert(1)</script>'
    text = f"Kata {evil} hari ini."
    art = {"id": "x", "title": evil, "text": text, "paragraphs": [text], "url": "javascript:alert(1)",
           "entities": [{"start": 5, "end": 5 + len(evil), "type": "PER", "canonical": evil}],
           "removed": [{"line": evil, "reason": evil}]}
    paragraphs = annotated_paragraphs(art)
    page = _env.get_template("article.html").render(
        request=Request({"type": "http", "path": "/articles/x", "query_string": b"", "headers": []}), article=art,
        paragraphs=paragraphs, legend=legend(paragraphs), related={"of": {}, "duplicates": [], "copies": []},
        copy_percent=None, event_title=None)
    assert "<script" not in page and "javascript:alert" not in re.sub(r"<p class=\"meta\">Original.*", "", page)
    assert 'title="person: &#34;&gt;&lt;script&gt;' in page or 'title="person: &quot;&gt;&lt;script&gt;' in page
    assert 'href="javascript' not in page


# ---------- the article page ----------

class _Spans(HTMLParser):
    """The text of a page's `div.text` and its annotated spans as (text, classes, title)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.text = 0, ""
        self.spans: list[tuple[str, str, str]] = []
        self._open: list[tuple[str, str]] | None = None
        self._buf = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "text":
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        elif self.depth and tag == "span":
            self._open, self._buf = [(a.get("class") or "", a.get("title") or "")], ""

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
        elif self.depth and tag == "span" and self._open:
            cls, title = self._open[0]
            self.spans.append((self._buf, cls, title))
            self._open = None
        elif self.depth and tag == "p":
            self.text += "\n"

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text += data
            if self._open:
                self._buf += data


def _ledger(client: TestClient) -> dict[str, Any]:
    """The Archipelago Ledger's flood article: entities, dates, a quote and removed lines."""
    [hit] = client.get("/api/search", params={"q": "Yusran Lamba told"}).json()["articles"]
    return dict(client.get(f"/api/articles/{hit['id']}").json())


def test_article_page_shows_the_text_with_its_annotations(client: TestClient) -> None:
    art = _ledger(client)
    r = client.get(f"/articles/{art['id']}")
    assert r.status_code == 200
    parsed = _Spans()
    parsed.feed(r.text)
    assert [line for line in parsed.text.split("\n") if line.strip()] == art["paragraphs"]
    joined: dict[str, str] = {}  # classes covering each annotated text, adjacent pieces joined by kind
    for text, cls, title in parsed.spans:
        for c in cls.split():
            joined[c] = joined.get(c, "") + text
        assert title
    for e in art["entities"]:
        assert e["text"] in joined.get("ent", ""), e
    for d in art["dates"]:
        assert d["text"] in joined["date"], d
    for q in art["quotes"]:
        assert q["text"] in joined["quote"], q
    assert any(t == "Yusran Lamba" and "ent-per" in c and "Yusran Lamba" in title for t, c, title in parsed.spans)
    assert '<p class="legend"' in r.text and '<span class="quote">quote</span>' in r.text


def test_removed_lines_are_collapsed_with_their_reasons(client: TestClient) -> None:
    art = _ledger(client)
    page = client.get(f"/articles/{art['id']}").text
    block = re.search(r'<details class="removed">(.*?)</details>', page, re.S)
    assert block and "<details class=\"removed\" open" not in page
    assert f"{len(art['removed'])} lines removed in cleaning" in block.group(1)
    for r in art["removed"]:
        assert f'<span class="reason">{escape(r["reason"])}</span> {escape(r["line"])}' in block.group(1)


def test_article_links_to_its_event_source_and_copies(client: TestClient) -> None:
    art = next(c for e in client.get("/api/events", params={"limit": 100}).json()["events"] for a in e["articles"]
               if ((c := client.get(f"/api/articles/{a}").json())["copy_of"] or {}).get("credited"))
    copy = art["id"]
    source = art["copy_of"]["id"]
    page = client.get(f"/articles/{copy}").text
    event = client.get(f"/api/events/{art['event']}").json()
    assert f'<a href="/events/{art["event"]}">{escape(event["title"] or art["event"])}</a>' in page
    links = re.search(r'<ul class="links">(.*?)</ul>', page, re.S)
    assert links
    assert re.search(rf'copy</span> of <a href="/articles/{source}">', links.group(1))
    assert f"{round(100 * art['copy_of']['overlap'])}% of its text shared; credits {art['copy_of']['credited']}" \
        in links.group(1)
    back = re.search(r'<ul class="links">(.*?)</ul>', client.get(f"/articles/{source}").text, re.S)
    assert back and re.search(rf'<a href="/articles/{copy}">[^<]*</a>.*copies this article', back.group(1))


def test_original_url_is_a_link_only_when_http(client: TestClient) -> None:
    url = client.get("/api/articles/feed-001").json()["url"]
    assert url.startswith("https://") and f'href="{escape(url)}"' in client.get("/articles/feed-001").text
    page = client.get("/articles/xss-1").text
    assert "Original (not a web address)" in page and 'href="javascript' not in page


# ---------- the event page ----------

def test_event_page_shows_provenance(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 100}).json()["events"]
    detail = next(d for e in events if (d := client.get(f"/api/events/{e['id']}").json())["provenance"].get(
        "copies"))
    prov = detail["provenance"]
    page = client.get(f"/events/{detail['id']}").text
    section = re.search(r'<section class="provenance">(.*?)</section>', page, re.S)
    assert section
    text = section.group(1)
    assert re.search(rf'First reported by <a href="/articles/{prov["first"]["article"]}">', text)
    for chain in prov["chains"]:
        nodes = re.findall(r'<span class="node">([^<]*)</span>', text)
        assert all(str(escape(n)) in nodes for n in chain)
    for c in prov["credits"]:
        assert re.search(rf'<a href="/articles/{c["article"]}">[^<]*</a>( <span class="meta">\[\d+\]</span>)? '
                         rf'credits {re.escape(str(escape(", ".join(c["credits"]))))}', text)
    for c in prov["copies"]:
        assert re.search(rf'<a href="/articles/{c["article"]}">.*? is a copy of <a href="/articles/{c["of"]}">',
                         text)
    if "<h2>Timeline</h2>" in page:  # provenance comes right after the conflicts, before the timeline
        assert page.index('class="provenance"') < page.index("<h2>Timeline</h2>")


# ---------- errors ----------

@pytest.mark.parametrize(("path", "status", "heading"), [
    ("/events/E999", 404, "Not found"), ("/articles/no-such-article", 404, "Not found"),
    ("/storylines/S999", 404, "Not found"), ("/no/such/page", 404, "Not found"), ("/?limit=0", 422, "Bad request"),
    ("/search?q=banjir&offset=-1", 422, "Bad request"), ("/?since=yesterday", 422, "Bad request")])
def test_page_errors_are_html_pages_with_their_status(client: TestClient, path: str, status: int,
                                                      heading: str) -> None:
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert f"<h1>{heading} <span class=\"code\">{status}</span></h1>" in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"] and "Traceback" not in r.text


@pytest.mark.parametrize("path", ["/api/events/E999", "/api/articles/no-such", "/api/events?limit=0",
                                  "/static/nope.css", "/health?x=1"])
def test_api_errors_stay_one_line_json(client: TestClient, path: str) -> None:
    r = client.get(path)
    if r.status_code == 200:  # /health ignores unknown parameters
        return
    assert r.headers["content-type"].startswith("application/json")
    one_line_error(r)


def test_a_bug_on_a_page_is_an_html_500(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from kliping.serve import data

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom secret detail")

    monkeypatch.setattr(data, "list_events", broken)
    app = TestClient(create_app(store_path, None), raise_server_exceptions=False)
    r = app.get("/")
    assert r.status_code == 500 and r.headers["content-type"].startswith("text/html")
    assert "RuntimeError" in r.text and "boom" not in r.text and "Something went wrong" in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    api = app.get("/api/events")
    assert api.status_code == 500 and "RuntimeError" in one_line_error(api)


# ---------- the stylesheet and templates ----------

def test_pages_need_nothing_the_csp_blocks_or_the_network(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "style-src 'self';" in csp and "unsafe-inline" not in csp and "script-src" not in csp
    folder = resources.files("kliping").joinpath("serve")
    css = folder.joinpath("static/kliping.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css and "http" not in css
    for t in folder.joinpath("templates").iterdir():
        source = t.read_text(encoding="utf-8")
        assert "<script" not in source and " style=" not in source
        assert not [tag for tag in re.findall(r"<[a-z][^>]*>", source) if re.search(r"\son[a-z]+\s*=", tag)]
        assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source
        assert not re.search(r'(href|src)="(https?:)?//', source), t.name
