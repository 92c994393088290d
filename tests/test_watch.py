"""`kliping watch` and `kliping fetch` against a loopback HTTP server written for these tests: a feed, news pages,
robots.txt, conditional GET, a redirect to a private address, a slow page, a broken feed, a sitemap."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kliping.cli import app
from kliping.sources import web
from kliping.sources.discover import NotAListing, read_listing
from kliping.sources.web import Refused, check_url
from kliping.store import Store
from kliping.watch import page_id

PARAS = [
    "Hujan deras yang mengguyur wilayah {kota} sejak Selasa malam menyebabkan sejumlah ruas jalan utama tergenang "
    "air setinggi lutut orang dewasa, sehingga arus lalu lintas tersendat hingga Rabu pagi.",
    "Kepala Badan Penanggulangan Bencana Daerah {kota}, Budi Santoso, mengatakan petugas telah dikerahkan ke "
    "titik-titik rawan untuk membantu warga yang rumahnya terendam dan memastikan pompa air berfungsi.",
    "\"Kami mengimbau warga tetap waspada karena curah hujan diperkirakan masih tinggi sampai akhir pekan ini,\" "
    "kata Budi kepada wartawan di kantornya, Rabu siang.",
    "Menurut data sementara, sedikitnya {n} rumah warga terdampak banjir dan ratusan orang mengungsi ke balai "
    "desa serta masjid terdekat yang dijadikan posko darurat oleh pemerintah setempat.",
    "Pemerintah kota juga menyiapkan dapur umum dan layanan kesehatan bagi para pengungsi, terutama anak-anak "
    "dan warga lanjut usia yang rentan terserang penyakit setelah banjir surut.",
]
BOILERPLATE = "Bagikan artikel ini: Facebook Twitter WhatsApp"


def news_page(title: str, kota: str, n: int, published: str) -> bytes:
    paras = "".join(f"<p>{p.format(kota=kota, n=n)}</p>" for p in PARAS)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} | Warta Uji</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Beranda</a> <a href="/news">Berita</a> <a href="/olahraga">Olahraga</a></nav>
<div class="share">{BOILERPLATE}</div>
<article><h1>{title}</h1><div class="date">{published}</div>{paras}
<div class="share">{BOILERPLATE}</div></article>
<footer>Copyright 2024 Warta Uji. Semua hak dilindungi.</footer>
</body></html>""".encode()


PAGES = {
    "/berita/banjir-bekasi.html": news_page("Banjir Rendam Ratusan Rumah di Bekasi", "Bekasi", 312,
                                            "2024-03-05T09:30:00+07:00"),
    "/berita/banjir-bogor.html": news_page("Jalan Utama Bogor Tergenang Usai Hujan Deras", "Bogor", 128,
                                           "2024-03-05T11:15:00+07:00"),
    "/berita/banjir-depok.html": news_page("Warga Depok Mengungsi ke Balai Desa", "Depok", 87,
                                           "2024-03-06T07:00:00+07:00"),
    "/berita/rahasia.html": news_page("Halaman yang Dilarang robots.txt", "Tangerang", 5, "2024-03-06T08:00:00+07:00"),
    "/berita/banjir-bandung.html": news_page("Bandung Siaga Banjir", "Bandung", 40, "2024-03-07T10:00:00+07:00"),
}
# A page that gives no date of its own: the feed's pubDate is its date.
PAGES["/berita/tanpa-tanggal.html"] = re.sub(
    rb'<meta property="article:published_time"[^>]*>|<div class="date">[^<]*</div>', b"",
    news_page("Posko Banjir Dibuka di Cikarang", "Cikarang", 64, "2024-03-05T09:30:00+07:00"))
FEED_LINKS = ["/berita/banjir-bekasi.html", "/berita/banjir-bogor.html", "/berita/banjir-depok.html",
              "/berita/rahasia.html"]
ETAG = '"feed-v1"'
LAST_MODIFIED = "Tue, 05 Mar 2024 05:00:00 GMT"


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(f"<item><title>Berita {i}</title><link>{base}{p}</link><description>Ringkasan.</description>"
                    f"<pubDate>Tue, 05 Mar 2024 0{i}:00:00 +0700</pubDate></item>" for i, p in enumerate(links))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Warta Uji</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


@dataclass
class Server:
    base: str
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [p for p, _ in self.seen]


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server("")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
                self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            state.seen.append((path, {k.lower(): v for k, v in self.headers.items()}))
            base = state.base
            if path == "/robots.txt":
                self.send(200, b"User-agent: *\nDisallow: /berita/rahasia.html\n", "text/plain")
            elif path == "/feed.xml":
                if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    self.send(304)
                else:
                    self.send(200, rss(base, FEED_LINKS), "application/rss+xml",
                              {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
            elif path == "/feed-undated.xml":
                self.send(200, rss(base, ["/berita/tanpa-tanggal.html", "/berita/banjir-bogor.html"]),
                          "application/rss+xml")
            elif path == "/redirect-feed.xml":
                self.send(200, rss(base, ["/redirect"]), "application/rss+xml")
            elif path == "/redirect":
                self.send(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
            elif path == "/sitemap-index.xml":
                body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>")
                self.send(200, body.encode(), "application/xml")
            elif path == "/sitemap-news.xml":
                body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        f"<url><loc>{base}/berita/banjir-bandung.html</loc></url>"
                        f"<url><loc>{base}/menu.html</loc></url></urlset>")
                self.send(200, body.encode(), "application/xml")
            elif path == "/menu.html":
                self.send(200, b"<html><head><title>Menu</title></head><body><nav><a href='/'>Beranda</a></nav>"
                               b"<p>Login</p></body></html>")
            elif path == "/loop":
                self.send(302, headers={"Location": "/loop"})
            elif path == "/broken.xml":
                self.send(200, b'<?xml version="1.0"?><rss><channel><title>Rusak</ti', "application/rss+xml")
            elif path == "/sitemap.xml":
                body = ('<?xml version="1.0" encoding="UTF-8"?>'
                        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                        f"<url><loc>{base}/berita/banjir-bandung.html</loc><news:news><news:publication_date>"
                        "2024-03-07T10:00:00+07:00</news:publication_date></news:news></url>"
                        f"<url><loc>{base}/slow.html</loc></url></urlset>")
                self.send(200, body.encode(), "application/xml")
            elif path == "/slow.html":
                time.sleep(1.5)
                self.send(200, PAGES["/berita/banjir-bekasi.html"])
            elif path in PAGES:
                self.send(200, PAGES[path])
            else:
                self.send(404, b"not found")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def kliping(*args: str) -> tuple[int, str]:
    """Run the CLI in-process (so tests can stand in for the resolver); returns the exit code and stderr."""
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def lines(stderr: str, word: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if word in ln]


FAST = ("--delay", "0", "--workers", "1", "--quiet")


def test_loopback_feed_refused_without_allow_private(server: Server, tmp_path: Path) -> None:
    code, stderr = kliping("watch", f"{server.base}/feed.xml", "--db", str(tmp_path / "k.db"), "--once", *FAST)
    refused = lines(stderr, "refused")
    assert len(refused) == 1 and "--allow-private" in refused[0] and "127.0.0.1 is a loopback address" in refused[0]
    assert code != 0
    assert server.seen == []


def test_watch_once_ingests_then_polls_conditionally(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    code, stderr = kliping("watch", f"{server.base}/feed.xml", "--db", str(db), "--once", "--allow-private", *FAST)
    assert code == 0, stderr
    assert "/berita/rahasia.html" not in server.paths()
    assert lines(stderr, "robots.txt")  # the skipped page is said
    assert all(h["user-agent"] == web.USER_AGENT for _, h in server.seen) and web.USER_AGENT.startswith("Kliping/")
    with Store(db) as store:
        arts = {a.url: a for a in store.articles()}
    allowed = [p for p in FEED_LINKS if p != "/berita/rahasia.html"]
    assert sorted(arts) == sorted(server.base + p for p in allowed)
    bekasi = arts[server.base + "/berita/banjir-bekasi.html"]
    assert bekasi.id == page_id(server.base + "/berita/banjir-bekasi.html")
    assert bekasi.title == "Banjir Rendam Ratusan Rumah di Bekasi"
    assert bekasi.published and bekasi.published.startswith("2024-03-05T09:30")
    assert "Budi Santoso" in bekasi.text and "312 rumah" in bekasi.text
    assert "Bagikan" not in bekasi.text and "Copyright" not in bekasi.text and "Beranda" not in bekasi.text

    first = len(server.seen)
    code, stderr = kliping("watch", f"{server.base}/feed.xml", "--db", str(db), "--once", "--allow-private", *FAST)
    assert code == 0, stderr
    again = server.seen[first:]
    feed_hits = [h for p, h in again if p == "/feed.xml"]
    assert len(feed_hits) == 1
    assert feed_hits[0].get("if-none-match") == ETAG and feed_hits[0].get("if-modified-since") == LAST_MODIFIED
    assert [p for p, _ in again if p.startswith("/berita/")] == []

    result = CliRunner().invoke(app, ["watch", f"{server.base}/feed.xml", "--db", str(db), "--once",
                                      "--allow-private", "--json", *FAST])
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["listings_unchanged"] == 1 and summary["pages_fetched"] == 0 and summary["requests"] == 2
    assert summary["pages_in_store"] == len(allowed) and summary["rejected"] == []


def test_a_page_without_its_own_date_takes_the_feeds(server: Server, tmp_path: Path) -> None:
    """The page's own date first (banjir-bogor's meta says 11:15, the feed 01:00); the feed's fills a gap."""
    db = tmp_path / "k.db"
    code, stderr = kliping("watch", f"{server.base}/feed-undated.xml", "--db", str(db), "--once", "--allow-private",
                           *FAST)
    assert code == 0, stderr
    with Store(db) as store:
        arts = {a.url: a for a in store.articles()}
    undated = arts[server.base + "/berita/tanpa-tanggal.html"]
    assert undated.title == "Posko Banjir Dibuka di Cikarang"
    assert undated.published and undated.published.startswith("2024-03-05T00:00:00+07:00")
    assert arts[server.base + "/berita/banjir-bogor.html"].published.startswith("2024-03-05T11:15")


def test_known_pages_not_fetched_again_even_when_the_feed_changes(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    kliping("fetch", f"{server.base}/berita/banjir-bekasi.html", "--db", str(db), "--allow-private", *FAST)
    assert server.paths().count("/berita/banjir-bekasi.html") == 1
    with Store(db) as store:
        store.put_feed_state(f"{server.base}/feed.xml", None, None)
    code, stderr = kliping("watch", f"{server.base}/feed.xml", "--db", str(db), "--once", "--allow-private", *FAST)
    assert code == 0, stderr
    assert server.paths().count("/berita/banjir-bekasi.html") == 1
    assert server.paths().count("/robots.txt") == 2  # once per run and host


def test_ctrl_c_between_polls_keeps_what_was_stored(server: Server, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import kliping.cli.watch as cli_watch

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_watch, "pause", interrupt)
    db = tmp_path / "k.db"
    code, _ = kliping("watch", f"{server.base}/feed.xml", "--db", str(db), "--allow-private", *FAST)
    assert code == 130
    with Store(db) as store:
        assert len(list(store.articles())) == 3


@pytest.mark.parametrize("addr", ["127.0.0.1", "10.0.0.1", "192.168.1.5", "172.16.0.1", "169.254.169.254", "::1",
                                  "fe80::1", "224.0.0.1", "0.0.0.0", "240.0.0.1", "::ffff:127.0.0.1", "fd00::1"])
def test_private_addresses_refused(addr: str) -> None:
    with pytest.raises(Refused, match="--allow-private"):
        check_url("http://news.example/x", resolver=lambda host: [addr])
    check_url("http://news.example/x", allow_private=True, resolver=lambda host: [addr])


def test_public_address_and_schemes() -> None:
    check_url("https://news.example/x", resolver=lambda host: ["93.184.216.34"])
    with pytest.raises(Refused, match="--allow-private"):  # one private address among public ones is enough
        check_url("https://news.example/x", resolver=lambda host: ["93.184.216.34", "10.1.2.3"])
    for url in ("file:///etc/passwd", "ftp://news.example/x", "gopher://news.example/"):
        with pytest.raises(Refused, match="only http and https"):
            check_url(url, allow_private=True)


def test_redirect_to_private_address_refused(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    """The first hop is allowed (127.0.0.1 taken for a public address here), the redirect to the cloud metadata
    address is not."""
    real = web._kind
    monkeypatch.setattr(web, "_kind", lambda addr: None if str(addr) == "127.0.0.1" else real(addr))
    base = server.base
    code, stderr = kliping("watch", f"{base}/redirect-feed.xml", "--db", str(tmp_path / "k.db"), "--once", *FAST)
    assert "/redirect" in server.paths()
    refused = lines(stderr, "refused")
    assert len(refused) == 1 and "169.254.169.254" in refused[0] and "--allow-private" in refused[0]
    assert code == 1


def test_broken_feed_and_slow_page_one_line_each(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    code, stderr = kliping("watch", f"{server.base}/broken.xml", f"{server.base}/sitemap.xml", "--db", str(db),
                           "--once", "--allow-private", "--timeout", "0.3", *FAST)
    assert code == 1
    assert len(lines(stderr, "broken.xml")) == 1
    assert len(lines(stderr, "slow.html")) == 1 and "timed out" in stderr
    with Store(db) as store:  # the sitemap's other page went in
        assert [a.title for a in store.articles()] == ["Bandung Siaga Banjir"]


def test_read_listing_sitemaps() -> None:
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://news.example/sitemap-1.xml</loc></sitemap></sitemapindex>")
    assert read_listing(index, "https://news.example/").sitemaps == ["https://news.example/sitemap-1.xml"]
    urlset = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a.html</loc></url>'
              b"<url><loc>https://news.example/b.html</loc></url></urlset>")
    assert read_listing(urlset, "https://news.example/s.xml").pages == ["https://news.example/a.html",
                                                                         "https://news.example/b.html"]
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    with pytest.raises(NotAListing):
        read_listing(bomb, "https://news.example/")
    with pytest.raises(NotAListing):
        read_listing(b"<html><body>Halo</body></html>", "https://news.example/")


def test_fetch_refuses_other_schemes(tmp_path: Path) -> None:
    code, stderr = kliping("fetch", "file:///etc/passwd", "--db", str(tmp_path / "k.db"), *FAST)
    assert code == 1 and len(lines(stderr, "only http and https")) == 1


def test_max_pages(server: Server, tmp_path: Path) -> None:
    code, stderr = kliping("watch", f"{server.base}/feed.xml", "--db", str(tmp_path / "k.db"), "--once",
                           "--allow-private", "--max-pages", "1", *FAST)
    assert code == 0, stderr
    assert [p for p in server.paths() if p.startswith("/berita/")] == ["/berita/banjir-bekasi.html"]


def test_client_caps_size_and_redirects(server: Server) -> None:
    with web.WebClient(allow_private=True, delay=0, max_bytes=1000) as client:
        with pytest.raises(web.FetchFailed, match="too big"):
            client.get(f"{server.base}/berita/banjir-bekasi.html")
        with pytest.raises(web.FetchFailed, match="more than 5 redirects"):
            client.get(f"{server.base}/loop")
    assert server.paths().count("/loop") == web.MAX_REDIRECTS + 1


def test_delay_between_requests_to_one_host() -> None:
    """A stand-in clock: the client waits out the rest of the delay for the same host, not for another."""
    now = [100.0]
    slept: list[float] = []
    client = web.WebClient(delay=1.0, clock=lambda: now[0], sleep=slept.append)
    client._wait("a.example")
    now[0] += 0.25
    client._wait("a.example")
    client._wait("b.example")
    assert slept == [0.75]


def test_connection_goes_to_the_checked_address(server: Server) -> None:
    """DNS rebinding: the name is resolved once, checked, and that address connected to. A resolver that says
    'public' for the name connects there, not wherever the system resolver would point next."""
    port = server.base.rsplit(":", 1)[1]
    calls: list[str] = []

    def rebinding(host: str) -> list[str]:
        calls.append(host)
        return ["10.9.9.9"] if len(calls) > 1 else ["93.184.216.34"]

    with web.WebClient(delay=0, timeout=2, resolver=rebinding) as client, pytest.raises(Refused, match=r"10\.9\.9\.9"):
        client.get(f"http://news.example:{port}/berita/banjir-bekasi.html")
    assert calls == ["news.example", "news.example"]
    assert server.seen == []


def test_sitemap_index_and_a_page_that_is_no_article(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    code, stderr = kliping("watch", f"{server.base}/sitemap-index.xml", "--db", str(db), "--once",
                           "--allow-private", *FAST)
    assert code == 1  # the menu page is rejected, one line
    assert len(lines(stderr, "menu.html")) == 1
    assert "/sitemap-news.xml" in server.paths()
    with Store(db) as store:
        assert [a.title for a in store.articles()] == ["Bandung Siaga Banjir"]
