"""`kliping serve` in a real headless Chromium: what a reader sees on the pages of an ingested corpus.

The corpus: the bundled examples, the five seeds (../shared/seeds: event A with its weekday and Vladivostok/Vostochny
place conflicts, and its provenance AFP → cnbcindonesia.com → pelita.online), a conflict case written here (three
reports of one market fire, one giving another count of burnt kiosks) and the XSS corpus of test_serve.py. The app
runs on uvicorn on a free loopback port; Debian's chromium (`apt-get install chromium`) is driven by playwright with
`executable_path`: no browser is downloaded. Without chromium these tests fail (CI must run them) unless
KLIPING_SKIP_BROWSER=1 says to skip them. Full-page screenshots go to out/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from conftest import ROOT, SEEDS, ingest_articles
from test_serve import EXAMPLES, PAYLOADS, XSS_RECORDS

if os.environ.get("KLIPING_SKIP_BROWSER") == "1":
    pytest.skip("KLIPING_SKIP_BROWSER=1: browser tests skipped", allow_module_level=True)

CHROMIUM = os.environ.get("KLIPING_CHROMIUM", "/usr/bin/chromium")
# Flags for a quiet, offline headless run as root in a container: no sandbox (root), no GPU, no network of its own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "out" / "screenshots"

# A written conflict: three outlets report one market fire; Suara Muara gives 45 burnt kiosks where Kabar Damar
# gives 120 (for the same statement, with the same source quoted), a number conflict with evidence on both sides.
_LEAD = ("Kebakaran besar melanda Pasar Sentral Teluk Damar, Kabupaten Muara Lestari, Kalimantan Timur, pada Sabtu "
         "(14/6/2025) dini hari. Api diduga berasal dari korsleting listrik di salah satu kios pakaian.")
FIRE = [
    {"id": "damar-1", "outlet": "Kabar Damar", "url": "https://kabardamar.example/pasar-sentral-terbakar",
     "published": "2025-06-14T08:00:00+08:00", "title": "Pasar Sentral Teluk Damar Terbakar, Ratusan Pedagang Merugi",
     "clean": True,
     "text": _LEAD + "\n\nSebanyak 120 kios hangus terbakar dalam kebakaran tersebut, kata Kepala Dinas Pemadam "
             "Kebakaran Muara Lestari Rudi Hartono kepada wartawan.\n\n\"Api baru bisa dipadamkan setelah empat jam "
             "karena angin bertiup kencang,\" ujar Rudi Hartono.\n\nTidak ada korban jiwa dalam peristiwa itu, namun "
             "kerugian pedagang ditaksir mencapai miliaran rupiah."},
    {"id": "damar-2", "outlet": "Suara Muara", "url": "https://suaramuara.example/kebakaran-pasar-teluk-damar",
     "published": "2025-06-14T10:30:00+08:00", "title": "Kebakaran Hanguskan Pasar Sentral Teluk Damar",
     "clean": True,
     "text": _LEAD + "\n\nSebanyak 45 kios hangus terbakar dalam kebakaran tersebut, kata Kepala Dinas Pemadam "
             "Kebakaran Muara Lestari Rudi Hartono.\n\nPetugas mengerahkan sembilan mobil pemadam ke lokasi dan api "
             "padam menjelang subuh. Tidak ada korban jiwa dalam peristiwa itu.\n\nPara pedagang berharap pemerintah "
             "daerah segera membangun pasar darurat agar mereka bisa kembali berjualan."},
    {"id": "damar-3", "outlet": "Warta Kaltim", "url": "https://wartakaltim.example/pasar-teluk-damar",
     "published": "2025-06-14T13:00:00+08:00", "title": "Pedagang Pasar Sentral Teluk Damar Minta Pasar Darurat",
     "clean": True,
     "text": _LEAD + "\n\nBupati Muara Lestari Siti Aminah meninjau lokasi kebakaran pada Sabtu siang dan berjanji "
             "membangun pasar darurat dalam dua pekan.\n\n\"Kami akan bantu pedagang agar bisa berjualan lagi "
             "secepatnya,\" kata Siti Aminah.\n\nTidak ada korban jiwa dalam peristiwa itu."},
]


def _words(text: str) -> str:
    return " ".join(text.split())


# ---------- the server and the browser, once per module ----------

@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:

    folder = tmp_path_factory.mktemp("browser")
    extra = folder / "extra.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in [*FIRE, *XSS_RECORDS]), encoding="utf-8")
    seeds = [str(p) for p in sorted(SEEDS.glob("0*.txt"))]
    db = folder / "k.db"
    ingest_articles([*EXAMPLES, *seeds, str(extra)], db)
    return db


@pytest.fixture(scope="module")
def base_url(store_path: Path) -> Iterator[str]:
    """The app on uvicorn, on a free loopback port, in a background thread."""
    import uvicorn

    from kliping.serve import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store_path, None), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"no chromium at {CHROMIUM}: install Debian's package (apt-get install chromium), point "
                    "KLIPING_CHROMIUM at a chromium binary, or set KLIPING_SKIP_BROWSER=1 to skip the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Reader:
    """A browser page with what it saw that a page must never cause: dialogs (a script ran), console errors
    (a CSP violation, a missing stylesheet) and failed requests."""

    def __init__(self, page: Any, base: str):
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" and not m.text.startswith(
            "Failed to load resource") else None)  # a document's own status is checked by `open`; others below
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("response", lambda r: self.errors.append(f"{r.status}: {r.url}") if r.status >= 400
                and r.request.resource_type != "document" else None)

    def open(self, path: str, status: int = 200) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == status, (path, response and response.status)
        return self.page

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def check_clean(self) -> None:
        assert self.dialogs == [] and self.errors == [], (self.dialogs, self.errors)


@pytest.fixture
def reader(browser: Any, base_url: str) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=True)
    r = Reader(context.new_page(), base_url)
    yield r
    r.check_clean()
    context.close()


def _api(base: str, path: str) -> Any:
    import httpx

    r = httpx.get(base + path, timeout=10)
    r.raise_for_status()
    return r.json()


def _event_of(base: str, article_id: str) -> dict[str, Any]:
    return dict(_api(base, f"/api/events/{_api(base, '/api/articles/' + article_id)['event']}"))


@pytest.fixture(scope="module")
def seed_event(base_url: str) -> dict[str, Any]:
    """The seeds' event A: the event with a place conflict naming Vladivostok."""
    if not list(SEEDS.glob("0*.txt")):
        pytest.skip(f"no seeds at {SEEDS}")
    for e in _api(base_url, "/api/events?limit=100")["events"]:
        detail = _api(base_url, f"/api/events/{e['id']}")
        if any(c["kind"] == "place" and "Vladivostok" in json.dumps(c) for c in detail["comparison"]["conflicts"]):
            return dict(detail)
    raise AssertionError("no event with the seeds' Vladivostok/Vostochny conflict")


# ---------- what a reader sees ----------

def _sides_next_to_each_other(page: Any, conflict: Any) -> list[str]:
    """The texts of a conflict's sides, after checking they sit side by side: one row, left to right."""
    sides = conflict.locator(".side")
    assert sides.count() == 2
    a, b = (sides.nth(k).bounding_box() for k in (0, 1))
    assert a and b and a["width"] > 150 and b["width"] > 150
    assert abs(a["y"] - b["y"]) < 2, (a, b)  # the same row
    assert a["x"] + a["width"] <= b["x"] + 1, (a, b)  # the second right of the first, not overlapping
    return [sides.nth(k).inner_text() for k in (0, 1)]


def test_seed_event_shows_its_conflicts_side_by_side_and_its_provenance(reader: Reader, seed_event: dict) -> None:
    page = reader.open(f"/events/{seed_event['id']}")
    assert page.locator("h1").inner_text() == _words(seed_event["title"])
    conflicts = page.locator(".conflict")
    kinds = [conflicts.nth(k).locator(".badge").inner_text().lower() for k in range(conflicts.count())]
    assert "weekday" in kinds and "place" in kinds
    place = conflicts.nth(kinds.index("place"))
    left, right = _sides_next_to_each_other(page, place)
    assert {"Vladivostok" in left, "Vostochny" in right} == {True} or {"Vostochny" in left, "Vladivostok" in right} \
        == {True}, (left, right)
    assert place.locator(".side mark").count() >= 2  # the evidence highlighted on both sides
    ids = {a["id"] for a in seed_event["articles"]}
    for link in place.locator(".side a[href^='/articles/']").all():
        assert unquote(link.get_attribute("href").removeprefix("/articles/")) in ids
    weekday = conflicts.nth(kinds.index("weekday"))
    _sides_next_to_each_other(page, weekday)
    # Provenance: who reported first, and the chain AFP → cnbcindonesia.com → pelita.online.
    prov = page.locator("section.provenance")
    assert prov.is_visible()
    chains = [_words(li.inner_text()) for li in prov.locator(".chains > li").all()]
    assert "AFP → cnbcindonesia.com → pelita.online" in chains, chains
    first = seed_event["provenance"]["first"]
    assert prov.locator("li", has_text="First reported by").first.locator("a").get_attribute("href") == \
        f"/articles/{first['article']}"
    reader.shot("event-seeds-A")


def test_written_conflict_shows_both_counts_side_by_side(reader: Reader, base_url: str) -> None:
    event = _event_of(base_url, "damar-1")
    assert {a["id"] for a in event["articles"]} == {"damar-1", "damar-2", "damar-3"}
    page = reader.open(f"/events/{event['id']}")
    [conflict] = page.locator(".conflict").all()
    assert conflict.locator(".badge").inner_text().lower() == "number"
    left, right = _sides_next_to_each_other(page, conflict)
    assert ("120 kios" in left and "45 kios" in right) or ("45 kios" in left and "120 kios" in right)
    assert sorted(m.inner_text() for m in conflict.locator("mark").all()) == ["120 kios", "45 kios"]
    reader.shot("event-written-conflict")


@pytest.mark.parametrize("which", ["seeds", "written"])
def test_summary_citations_lead_to_the_cited_articles(reader: Reader, base_url: str, which: str,
                                                      request: pytest.FixtureRequest) -> None:
    event = request.getfixturevalue("seed_event") if which == "seeds" else _event_of(base_url, "damar-1")
    title_of = {a["id"]: a["title"] for a in event["articles"]}
    assert event["summary"]
    path = f"/events/{event['id']}"
    page = reader.open(path)
    summary = page.locator("section.summary p")
    assert summary.count() == len(event["summary"])
    clicked = 0
    for k, sentence in enumerate(event["summary"]):
        for j, source in enumerate(sentence["sources"]):
            page = reader.open(path)
            links = page.locator("section.summary p").nth(k).locator("sup a")
            assert links.count() == len(sentence["sources"])
            links.nth(j).click()
            page.wait_for_load_state()
            assert unquote(page.url.removeprefix(base_url)) == f"/articles/{source}"
            assert page.locator("h1").inner_text() == _words(title_of[source] or "(untitled)")
            if j == 0:  # the sentence is the first source's own words (the others state the same thing)
                assert _words(sentence["text"]) in _words(page.locator(".text").inner_text())
            clicked += 1
    assert clicked >= len(event["summary"])


def test_search_page_highlights_the_words(reader: Reader) -> None:
    page = reader.open("/search?q=banjir+bandang")
    hits = page.locator("ol.hits > li")
    assert hits.count() >= 3
    for hit in hits.all():
        marks = [m.inner_text().lower() for m in hit.locator(".snippet mark").all()]
        assert marks and set(marks) <= {"banjir", "bandang", "banjir bandang"}, marks
        assert hit.locator("a").first.get_attribute("href").startswith("/articles/")
    assert page.locator("header input[name=q]").input_value() == "banjir bandang"
    reader.shot("search")


def test_article_page_highlights_entities_dates_and_quotes(reader: Reader, base_url: str) -> None:
    hits = _api(base_url, "/api/search?q=Yusran+Lamba+told")["articles"]
    assert hits
    art = _api(base_url, f"/api/articles/{hits[0]['id']}")
    assert art["entities"] and art["dates"] and art["quotes"] and art["removed"]
    page = reader.open(f"/articles/{art['id']}")
    text = page.locator(".text")
    for cls in ("ent-per", "ent-loc", "date", "quote"):
        assert text.locator(f".{cls}").count() >= 1, cls
        assert page.locator(f".legend .{cls}").count() == 1, cls
    quote = art["quotes"][0]
    shown = " ".join(q.inner_text() for q in text.locator(".quote").all())
    assert _words(quote["text"])[:40] in _words(shown)
    assert text.locator(".date").first.get_attribute("title").startswith("date: ")
    # Distinct styles: a person, a date and a quote do not look the same.
    looks = {cls: text.locator(f".{cls}").first.evaluate("e => getComputedStyle(e).backgroundColor")
             for cls in ("ent-per", "date", "quote")}
    assert len(set(looks.values())) == 3, looks
    # Removed lines: collapsed, then shown with their reasons.
    removed = page.locator("details.removed")
    first_line = removed.locator("li").first
    assert not first_line.is_visible()
    removed.locator("summary").click()
    assert first_line.is_visible() and first_line.locator(".reason").inner_text().strip()
    assert page.locator(f"a[href='/events/{art['event']}']").count() >= 1
    reader.shot("article")


def test_copy_links_both_ways(reader: Reader, base_url: str) -> None:
    events = _api(base_url, "/api/events?limit=100")["events"]
    copies = [c for e in events for c in _api(base_url, f"/api/events/{e['id']}")["provenance"].get("copies", [])]
    assert copies
    c = copies[0]
    page = reader.open(f"/articles/{c['article']}")
    page.locator("ul.links a[href^='/articles/']").first.click()
    page.wait_for_load_state()
    assert unquote(page.url.removeprefix(base_url)) == f"/articles/{c['of']}"
    assert page.locator("ul.links li", has_text="copies this article").locator(
        f"a[href='/articles/{c['article']}']").count() == 1


def test_index_and_error_pages(reader: Reader) -> None:
    page = reader.open("/")
    assert page.locator("ol.events > li > a").count() >= 5
    assert page.locator("header").evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"  # CSS loaded
    reader.shot("index")
    page.locator("ol.events > li > a").first.click()
    page.wait_for_load_state()
    assert "/events/" in page.url
    page = reader.open("/events/E999", status=404)
    assert page.locator("h1").inner_text().startswith("Not found") and "E999" in page.locator("main").inner_text()
    page = reader.open("/articles/no-such-article", status=404)
    assert page.locator("h1").inner_text().startswith("Not found")
    page = reader.open("/?limit=0", status=422)
    assert page.locator("h1").inner_text().startswith("Bad request")


def test_xss_corpus_stays_inert(reader: Reader, base_url: str) -> None:
    event = _api(base_url, "/api/articles/xss-1")["event"]
    paths = ["/", "/?q=script", "/articles/xss-1", "/articles/xss-2", f"/events/{event}", "/search?q=alert",
             "/search?q=banjir+nelayan", "/search?q=" + PAYLOADS[0]]
    for path in paths:
        page = reader.open(path)
        assert page.locator("script").count() == 0, path  # the pages have no script at all
        assert page.locator("img, svg, iframe, object, embed, b").count() == 0, path
        assert page.locator("[onerror], [onload], [onclick]").count() == 0, path
        assert page.locator("a[href^='javascript:' i], a[href^='data:' i], [src^='javascript:' i]").count() == 0
        for href in page.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            assert re.match(r"(/|\?|https?://)", href or ""), (path, href)
    page = reader.open("/articles/xss-1")
    assert PAYLOADS[0] in page.locator("h1").inner_text()  # shown as text
    assert "javascript:alert(4)" in page.locator("main").inner_text()
    assert page.locator("a", has_text="javascript:").count() == 0
    assert reader.dialogs == []
