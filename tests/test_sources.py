"""Sources: CSV/TSV records and WARC archives read into pages with stable ids, bad ones rejected in one line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kliping.errors import Rejected
from kliping.model import RawPage
from kliping.sources.files import read_inputs

BODY = ("Jakarta - Pemerintah provinsi membuka 40 posko kesehatan di jalur mudik, Senin (24/3/2025). "
        "Posko itu buka 24 jam hingga sepekan setelah Lebaran.")
HTML = (f"<html><head><title>Posko Kesehatan Mudik</title></head><body><article><h1>Posko Kesehatan Mudik</h1>"
        f"<p>{BODY}</p><p>Setiap posko dijaga dua dokter dan empat perawat.</p></article></body></html>")


def _pages(*paths: Path) -> tuple[list[RawPage], list[Rejected]]:
    items = list(read_inputs([str(p) for p in paths]))
    return [i for i in items if isinstance(i, RawPage)], [i for i in items if isinstance(i, Rejected)]


def test_csv_and_tsv_records(tmp_path: Path) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "url", "title", "text"])
    w.writeheader()
    w.writerow({"id": "a1", "url": "https://contoh.id/a1", "title": "Posko Kesehatan Mudik", "text": BODY})
    w.writerow({"id": "", "url": "", "title": "", "text": BODY + "\nBaris kedua, dengan koma, \"kutip\"."})
    (tmp_path / "feed.csv").write_text(buf.getvalue(), encoding="utf-8")
    (tmp_path / "feed.tsv").write_text("id\ttext\nt1\t" + BODY + "\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text("judul,isi\nx,y\n", encoding="utf-8")
    pages, rejected = _pages(tmp_path / "feed.csv", tmp_path / "feed.tsv", tmp_path / "bad.csv")
    by_id = {p.id: p for p in pages}
    assert "a1" in by_id and by_id["a1"].url == "https://contoh.id/a1"
    assert by_id["a1"].title == "Posko Kesehatan Mudik"
    assert "t1" in by_id
    unnamed = [p for p in pages if p.id not in {"a1", "t1"}]
    assert len(unnamed) == 1 and '"kutip"' in unnamed[0].content  # quoted CSV field with a newline survives
    # Without an id the page is keyed by its content: reading it again gives the same id.
    again, _ = _pages(tmp_path / "feed.csv")
    assert {p.id for p in again} == {"a1", unnamed[0].id}
    assert len(rejected) == 1 and "bad.csv" in rejected[0].source and "`text` or `html`" in rejected[0].reason


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, (ctype, payload) in enumerate([("text/html; charset=utf-8", HTML.encode()),
                                              ("image/png", b"\x89PNG\r\n\x1a\n")]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"https://contoh.id/berita/{n}", "response",
                                            payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(rec)


def test_warc_html_responses(tmp_path: Path) -> None:
    _warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "broken.warc").write_bytes(b"this is not a warc file\n")
    pages, rejected = _pages(tmp_path / "crawl.warc.gz", tmp_path / "broken.warc")
    assert len(pages) == 1  # the image response is skipped
    page = pages[0]
    assert page.url == "https://contoh.id/berita/0"
    assert page.kind == "html" and "Posko Kesehatan Mudik" in page.content
    assert page.source.startswith(str(tmp_path / "crawl.warc.gz") + "#") and page.id in page.source
    assert len(rejected) == 1 and "broken.warc" in rejected[0].source


def test_a_page_without_id_keeps_the_id_it_was_stored_under() -> None:
    """The id of a page without one is the hash of its whitespace-normalised content: a store made by an earlier
    version must find the same page under the same id (re-ingesting it adds nothing)."""
    import hashlib

    from kliping.model import content_id

    page = "<p>Banjir\r\n  di\u00a0Bandung</p>\t\x1c<p>Senin\u2028(4/3/2024)</p>  \n"
    assert content_id(page) == hashlib.sha1(b"<p>Banjir di Bandung</p> <p>Senin (4/3/2024)</p>").hexdigest()[:16]
    assert content_id(page) == content_id(page.replace("\r\n", "\n")) != content_id("<p>Banjir di Bogor</p>")
