"""`kliping serve`: the JSON API and pages over a store ingested from the bundled examples (TestClient)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import ROOT, ingest_articles, run_cli
from kliping.serve import create_app
from kliping.serve.api import MAX_BODY, MAX_LIMIT
from kliping.serve.pages import web_url

EXAMPLES = [str(ROOT / "examples" / "pages"), str(ROOT / "examples" / "feed.jsonl")]
TOKEN = "s3cret-token"

# Records whose every field a page shows carries markup or a script URL: they must come out inert.
PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "<svg onload=alert(3)>",
            "javascript:alert(4)"]
XSS_TEXT = ("Banjir merendam kampung nelayan di pesisir Lamaran pada Rabu pagi setelah hujan deras turun semalaman. "
            "Warga menyebut air naik cepat dan merusak perahu yang ditambatkan di muara. {p} Petugas membuka posko "
            "pengungsian di balai desa dan membagikan makanan kepada warga yang mengungsi. Kepala desa mengatakan "
            "pendataan kerusakan rumah dan perahu masih berlangsung hingga sore hari.")
XSS_RECORDS = [
    {"id": "xss-1", "title": PAYLOADS[0] + " banjir", "outlet": PAYLOADS[1], "url": "javascript:alert(4)",
     "published": "2025-04-02T08:00:00+07:00", "clean": True, "text": XSS_TEXT.format(p=PAYLOADS[0])},
    {"id": "xss-2", "title": PAYLOADS[2], "outlet": "<b>Outlet</b>", "url": "data:text/html,<script>x</script>",
     "published": "2025-04-02T09:00:00+07:00", "clean": True, "text": XSS_TEXT.format(p=PAYLOADS[1] + PAYLOADS[2])},
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:

    folder = tmp_path_factory.mktemp("serve")
    xss = folder / "xss.jsonl"
    xss.write_text("".join(json.dumps(r) + "\n" for r in XSS_RECORDS), encoding="utf-8")
    db = folder / "k.db"
    ingest_articles([*EXAMPLES, str(xss)], db)
    return db


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(store_path, None))


def one_line_error(r) -> str:
    body = r.json()
    assert set(body) == {"error"} and body["error"] and "\n" not in body["error"], body
    assert "Traceback" not in r.text
    return str(body["error"])


# ---------- the JSON API ----------

def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["events"] >= 3


def test_events_newest_first_and_paged(client: TestClient) -> None:
    from kliping.report import event_recency

    body = client.get("/api/events", params={"limit": MAX_LIMIT}).json()
    events, total = body["events"], body["total"]
    assert total == len(events) >= 3
    assert [event_recency(e) for e in events] == sorted((event_recency(e) for e in events), reverse=True)
    assert all(e["size"] == len(e["articles"]) for e in events)
    first, second = (client.get("/api/events", params={"limit": 1, "offset": k}).json() for k in (0, 1))
    assert first["total"] == second["total"] == total
    assert [first["events"][0]["id"], second["events"][0]["id"]] == [e["id"] for e in events[:2]]
    assert client.get("/api/events", params={"offset": total}).json()["events"] == []


def test_event_filters(client: TestClient) -> None:
    all_events = client.get("/api/events", params={"limit": MAX_LIMIT}).json()["events"]
    flood = client.get("/api/events", params={"q": "batu LAMARAN"}).json()
    assert flood["total"] >= 1 and all("lamaran" in json.dumps(e).lower() for e in flood["events"])
    assert client.get("/api/events", params={"q": "zzzz-no-such"}).json() == {"events": [], "total": 0,
                                                                              "limit": 20, "offset": 0}
    outlet = all_events[0]["outlets"][0]
    assert all(outlet in e["outlets"] for e in client.get("/api/events", params={"outlet": outlet.upper()}
                                                          ).json()["events"])
    day = all_events[0]["date"]
    dated = client.get("/api/events", params={"since": day, "until": day}).json()["events"]
    assert dated and all((e["date"] or e["last_seen"][:10]) == day for e in dated)
    assert client.get("/api/events", params={"since": "2099-01-01"}).json()["total"] == 0
    en = client.get("/api/events", params={"language": "en"}).json()["events"]
    assert en and len(en) <= len(all_events)
    assert client.get("/api/events", params={"language": "xx"}).json()["total"] == 0


def test_event_detail(client: TestClient) -> None:
    eid = client.get("/api/events").json()["events"][-1]["id"]
    e = client.get(f"/api/events/{eid}").json()
    for key in ("timeline", "comparison", "quotes", "summary", "provenance", "title", "storyline"):
        assert key in e
    assert e["articles"] and all(set(a) >= {"id", "title", "outlet", "published", "url"} for a in e["articles"])
    one = client.get(f"/api/articles/{e['articles'][0]['id']}").json()
    assert one["id"] == e["articles"][0]["id"] and one["event"] == eid and one["text"]


def test_storylines(client: TestClient) -> None:
    body = client.get("/api/storylines").json()
    assert body["total"] == len(body["storylines"]) >= 1
    s = body["storylines"][0]
    detail = client.get(f"/api/storylines/{s['id']}").json()
    assert detail["events"] == s["events"] and "timeline" in detail and "summary" in detail


def test_search_snippets_and_paging(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "banjir", "limit": 2}).json()
    assert body["total"] > 2 and len(body["articles"]) == 2
    for hit in body["articles"]:
        assert hit["matches"] and all(hit["snippet"][a:b].lower() == "banjir" for a, b in hit["matches"])
    rest = client.get("/api/search", params={"q": "banjir", "limit": 2, "offset": 2}).json()["articles"]
    assert {h["id"] for h in rest}.isdisjoint(h["id"] for h in body["articles"])


@pytest.mark.parametrize("path", ["/api/events/E999", "/api/storylines/S999", "/api/articles/no-such-id",
                                  "/api/articles/a/../../etc/passwd"])
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    one_line_error(r)


@pytest.mark.parametrize("path", [
    "/api/events?limit=0", f"/api/events?limit={MAX_LIMIT + 1}", "/api/events?offset=-1", "/api/events?limit=x",
    "/api/events?since=yesterday", "/api/events?until=2025-02-30", "/api/events?q=" + "a" * 600,
    "/api/search", "/api/search?q=", '/api/search?q="', "/api/search?q=" + "banjir+" * 100, "/api/search?q=-",
    "/api/search?q=banjir&offset=-5", "/api/storylines?limit=1000"])
def test_bad_params_are_4xx_json(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert 400 <= r.status_code < 500, (path, r.status_code, r.text)
    one_line_error(r)


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/events", "/api/events/E999", "/static/kliping.css"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "'unsafe-inline'" not in csp.split(
            "style-src")[0]
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"


def test_a_bug_is_a_one_line_500(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kliping.serve import data

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(data, "list_events", broken)
    app = TestClient(create_app(store_path, None))
    r = app.get("/api/events")
    assert r.status_code == 500 and "RuntimeError" in one_line_error(r) and "boom" not in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert app.get("/health").status_code == 200


def test_static_files_stay_in_their_folder(client: TestClient) -> None:
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapi.py", "/static/nope.css"):
        r = client.get(path)
        assert r.status_code == 404 and "def create_app" not in r.text


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/health", "/api/events", "/api/events/{event_id}", "/api/search", "/api/articles"} <= set(paths)
    assert "/" not in paths  # pages are not API


# ---------- writes ----------

def test_writes_refused_without_a_token(client: TestClient) -> None:
    r = client.post("/api/articles", json=[XSS_RECORDS[0]], headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403
    one_line_error(r)


@pytest.fixture(scope="module")
def writer(store_path: Path) -> TestClient:
    return TestClient(create_app(store_path, TOKEN))


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"])
def test_writes_need_the_right_token(writer: TestClient, auth: str | None) -> None:
    r = writer.post("/api/articles", json=[], headers={"Authorization": auth} if auth else {})
    assert r.status_code == 401
    one_line_error(r)


def test_post_articles_accepted_rejected_and_searchable(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    new = {"id": "posted-1", "title": "Dermaga Baru Kuala Pelangi Diresmikan", "outlet": "Warta Timur",
           "published": "2025-05-01T10:00:00+08:00", "clean": True,
           "text": "Dermaga baru di Kuala Pelangi diresmikan gubernur pada Kamis siang. Dermaga sepanjang "
                   "120 meter itu dibangun untuk kapal nelayan dan kapal penumpang antarpulau. Warga berharap "
                   "dermaga mempercepat pengiriman hasil tangkapan ke pasar kota. Pembangunan berlangsung "
                   "selama delapan bulan dengan anggaran daerah."}
    r = writer.post("/api/articles", json=[new, {"id": "empty"}, "not a record", {"text": 5}], headers=auth)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["accepted"] == [{"index": 0, "id": "posted-1"}]
    assert [x["index"] for x in body["rejected"]] == [1, 2, 3] and all(x["reason"] for x in body["rejected"])
    # TestClient runs the background task before it returns: the article is in the store now.
    assert writer.get(f"/api/jobs/{body['job']}").json()["status"].startswith("done")
    hits = writer.get("/api/search", params={"q": "Kuala Pelangi"}).json()["articles"]
    assert [h["id"] for h in hits] == ["posted-1"]
    assert writer.get("/api/articles/posted-1").json()["title"] == new["title"]


@pytest.mark.parametrize("body,status", [(b"{not json", 400), (b'{"id": 1}', 400), (b"\xff\xfe", 400),
                                         (b"[" * 100_000, 400), (b'[{"a": ' * 50_000, 400),
                                         (b"[" + b" " * (MAX_BODY + 10) + b"]", 413)])
def test_bad_post_bodies(writer: TestClient, body: bytes, status: int) -> None:
    r = writer.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}",
                                                             "Content-Type": "application/json"})
    assert r.status_code == status
    one_line_error(r)
    assert writer.get("/health").status_code == 200  # still serving


# ---------- pages ----------

def test_pages(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    events = client.get("/api/events", params={"limit": MAX_LIMIT}).json()["events"]
    hrefs = re.findall(r'href="/events/([^"]+)"', index.text)
    assert hrefs[:3] == [e["id"] for e in events[:3]]  # newest first
    assert 'rel="next"' in client.get("/", params={"limit": 1}).text
    big = max(events, key=lambda e: e["size"])
    page = client.get(f"/events/{big['id']}").text
    detail = client.get(f"/api/events/{big['id']}").json()
    assert html.escape(detail["title"], quote=False) in page
    if detail["summary"]:
        assert re.search(r'<a href="/articles/[^"]+"[^>]*>\[1\]</a>', page)
    if detail["comparison"]["conflicts"]:
        assert 'class="sides"' in page and "<mark>" in page
    first = detail["articles"][0]["id"]
    art = client.get(f"/articles/{first}")
    assert art.status_code == 200 and f'href="/events/{big["id"]}"' in art.text
    found = client.get("/search", params={"q": "banjir"}).text
    assert "<mark>" in found.lower() or "<mark>banjir" in found.lower()
    assert client.get("/search", params={"q": '"'}).status_code == 200
    missing = client.get("/events/E999")
    assert missing.status_code == 404 and "Not found" in missing.text


def test_storyline_page(client: TestClient) -> None:
    s = client.get("/api/storylines").json()["storylines"][0]
    page = client.get(f"/storylines/{s['id']}").text
    assert all(f'href="/events/{e}"' in page for e in s["events"])


# The tags the templates write; a payload that became a tag would add another (script, img, svg, b).
SAFE_TAGS = {"html", "head", "meta", "title", "link", "body", "header", "main", "form", "input", "button", "label",
             "h1", "h2", "h3", "p", "a", "ol", "ul", "li", "div", "span", "nav", "section", "article", "sup", "mark",
             "strong", "details", "summary"}


def parsed_tags(text: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag of a page as a browser's tokenizer reads it: (name, attributes)."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(text)
    return found


def test_xss_corpus_is_inert(client: TestClient) -> None:
    pages = ["/", "/?q=script", "/articles/xss-1", "/articles/xss-2", "/search?q=banjir+nelayan",
             "/search?q=alert", "/search?q=" + PAYLOADS[0]]
    event = client.get("/api/articles/xss-1").json()["event"]
    assert event
    pages.append(f"/events/{event}")
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        text = r.text
        for payload in PAYLOADS[:3]:
            assert payload not in text, (path, payload)
        assert "<script" not in text.lower() and "<svg" not in text.lower() and "<b>Outlet" not in text
        tags = parsed_tags(text)
        assert {name for name, _ in tags} <= SAFE_TAGS, (path, {name for name, _ in tags} - SAFE_TAGS)
        for name, attrs in tags:
            assert not [k for k, _ in attrs if k.startswith("on")], (path, name, attrs)  # no event handler
            for k, v in attrs:
                if k in ("href", "src", "action"):
                    assert (v or "").startswith(("/", "?", "http://", "https://")), (path, name, k, v)
    # The payloads are shown, as text.
    assert html.escape(PAYLOADS[0], quote=False) in client.get("/articles/xss-1").text
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in client.get("/articles/xss-2").text


def test_web_url() -> None:
    assert web_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example/", "http:///x",
                "vbscript:x", None, 5, "http://[::1"):
        assert web_url(bad) is None


# ---------- the command ----------

def test_serve_command_rejects_a_non_store(tmp_path: Path) -> None:
    bad = tmp_path / "feed.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    r = run_cli("serve", "--db", str(bad))
    assert r.returncode == 2
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "not a Kliping store" in lines[0]
    r = run_cli("serve", "--db", str(tmp_path))
    assert r.returncode == 2 and "folder" in r.stderr.decode()


def test_loopback() -> None:
    from kliping.cli.serve import _loopback

    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost") and _loopback("127.1.2.3")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.1.5") and not _loopback("example.com")
