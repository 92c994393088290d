"""Issue 12: inputs that used to crash a run, vanish silently or become articles, and the CLI's usage errors.
Each test names the finding it covers; each failed before the fix."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

from conftest import ROOT, load_report, run_cli
from kliping.sources.files import ReadOptions, csv_delimiter, read_inputs, record_to_page
from kliping.store.search import fts_query

BODY = ("Pemerintah kota meresmikan jembatan baru di tepi sungai pada pagi hari. Wali kota mengatakan jembatan itu "
        "akan memperpendek waktu tempuh warga ke pasar. Pembangunan jembatan memakan waktu delapan bulan.")
BODY2 = ("Banjir merendam ratusan rumah di tiga desa setelah hujan deras semalaman. Warga mengungsi ke balai desa "
         "dan sekolah terdekat. Petugas membagikan makanan dan selimut kepada para pengungsi sejak sore.")


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# ---------- 4. non-articles ----------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Warta Kota</title>
<item><title>Jembatan Baru Diresmikan</title><link>https://warta.example/jembatan</link>
<pubDate>Wed, 13 Sep 2023 10:00:00 +0700</pubDate><content:encoded><![CDATA[<p>{BODY}</p>]]></content:encoded></item>
<item><title>Hanya Ringkasan</title><link>https://warta.example/ringkas</link>
<description>Satu kalimat saja.</description>
</item></channel></rss>"""


def test_rss_file_becomes_its_items_not_one_xml_article(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(RSS, encoding="utf-8")
    out = tmp_path / "out"
    p = run_cli("analyze", str(feed), "--out", str(out), "-q")
    assert p.returncode == 1  # the summary-only item is reported
    assert "1 of 2 feed items hold only a summary" in p.stderr.decode()
    [art] = load_report(out)["articles"]
    assert art["title"] == "Jembatan Baru Diresmikan"
    assert art["url"] == "https://warta.example/jembatan"
    assert art["published"] == "2023-09-13T10:00:00+07:00"
    assert "<?xml" not in art["text"] and "jembatan baru" in art["text"]


def test_pages_without_article_text_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("hello", encoding="utf-8")
    recs = _jsonl(tmp_path / "r.jsonl", {"id": "s", "html": "<script>alert(1)</script>"},
                  {"id": "ok", "text": BODY, "title": "Jembatan"})
    out = tmp_path / "out"
    p = run_cli("analyze", str(tmp_path / "hello.txt"), str(recs), "--out", str(out), "-q")
    assert p.returncode == 1
    err = p.stderr.decode()
    assert "hello.txt: no article text" in err and "r.jsonl#s: no article text" in err
    rep = load_report(out)
    assert [a["id"] for a in rep["articles"]] == ["ok"]
    assert all(e["title"] != "(untitled)" for e in rep["events"]) and len(rep["events"]) == 1


def test_folder_scan_reads_news_types_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    p = run_cli("analyze", str(ROOT / "examples"), "--out", str(out), "-q", "--json")
    assert p.returncode == 1  # gold.json is JSON but not records: rejected in one line
    assert json.loads(p.stdout)["files_skipped"] == 2
    sources = {Path(a["source"].split("#")[0]).name for a in load_report(out)["articles"]}
    assert "README.md" not in sources and "check_gold.py" not in sources
    assert "skipped 2 files of other types (README.md, check_gold.py)" in p.stderr.decode()


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text(f"Jembatan Baru\n\n{BODY}\n", encoding="utf-8")
    (d / "b.txt").write_text(f"Banjir Desa\n\n{BODY2}\n", encoding="utf-8")
    items = list(read_inputs([str(d)], ReadOptions(include=("*.md",), exclude=("b.*",))))
    assert [type(i).__name__ for i in items] == ["RawPage", "Skipped"]
    assert items[1].reason == "excluded by --exclude"


def test_deeply_nested_html_keeps_its_text(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>Jembatan Baru</title></head><body>" + "<div>" * 50_000
                    + f"<p>{BODY}</p>" + "</div>" * 50_000 + "</body></html>", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("analyze", str(page), "--out", str(out), "-q").returncode == 0
    [art] = load_report(out)["articles"]
    assert "memperpendek waktu tempuh" in art["text"]
    assert any("nested" in w for w in art["warnings"])


# ---------- 5. updates and copies ----------

def test_update_replaces_and_copies_are_listed(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    first = _jsonl(tmp_path / "a.jsonl", {"id": "x", "text": BODY, "title": "Jembatan"})
    assert run_cli("ingest", str(first), "--db", str(db), "-q").returncode == 0
    fixed = _jsonl(tmp_path / "b.jsonl", {"id": "x", "text": BODY.replace("delapan", "sembilan"), "title": "Jembatan"})
    p = run_cli("ingest", str(fixed), "--db", str(db), "--json")
    assert json.loads(p.stdout)["pages"]["updated"] == 1
    s = run_cli("search", "sembilan", "--db", str(db), "--json")
    assert [json.loads(x)["id"] for x in s.stdout.decode().splitlines()] == ["x"]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM page_changes WHERE id = 'x'").fetchone()[0] == 1
    # The same file at two paths: one article, both paths listed.
    d1, d2 = tmp_path / "d1", tmp_path / "d2"
    d1.mkdir()
    d2.mkdir()
    for d in (d1, d2):
        (d / "page.txt").write_text(f"Banjir Desa\n\n{BODY2}\n", encoding="utf-8")
    out = tmp_path / "out"
    p = run_cli("analyze", str(d1), str(d2), "--out", str(out), "--json")
    assert json.loads(p.stdout)["pages"]["found_at_another_path"] == 1
    [art] = load_report(out)["articles"]
    assert art["sources"] == [str(d1 / "page.txt"), str(d2 / "page.txt")]


# ---------- 6. usage errors ----------

def test_usage_errors_exit_2_and_create_nothing(tmp_path: Path) -> None:
    good = _jsonl(tmp_path / "a.jsonl", {"id": "x", "text": BODY})
    cases = [
        (["analyze", str(tmp_path / "typo.jsonl"), "--out", str(tmp_path / "o1")], tmp_path / "o1"),
        (["ingest", str(tmp_path / "typo.jsonl"), "--db", str(tmp_path / "k1.db")], tmp_path / "k1.db"),
        (["ingest", str(good), "--db", str(good)], None),
        (["analyze", str(good), "--out", str(good)], None),
        (["analyze", str(good), "--out", str(tmp_path / "o2"), "--tz", "Mars/Base"], tmp_path / "o2"),
        (["ingest", str(good), "--db", str(tmp_path / "k2.db"), "--map", "judul=headline"], tmp_path / "k2.db"),
        (["search", "banjir", "--db", str(good)], None),
        (["events", "--db", str(tmp_path / "none.db")], tmp_path / "none.db"),
    ]
    before = good.read_bytes()
    for args, must_not_exist in cases:
        p = run_cli(*args)
        err = p.stderr.decode()
        assert p.returncode == 2, (args, err)
        assert err.count("\n") == 1 and "Traceback" not in err and "internal error" not in err, (args, err)
        if must_not_exist is not None:
            assert not must_not_exist.exists(), args
    assert good.read_bytes() == before


# ---------- 7. search ----------

def test_search_takes_ordinary_text(tmp_path: Path) -> None:
    recs = _jsonl(tmp_path / "a.jsonl",
                  {"id": "pg", "title": "Prabowo-Gibran Unggul", "published": "2024-02-15T10:00:00+07:00",
                   "outlet": "warta.example", "text": BODY + " Pasangan Prabowo-Gibran unggul 8% di survei KDM: ya."},
                  {"id": "other", "title": "Banjir", "text": BODY2, "published": "2024-03-01T10:00:00+07:00"})
    db = tmp_path / "k.db"
    assert run_cli("ingest", str(recs), "--db", str(db), "-q").returncode == 0
    for q in ("Prabowo-Gibran", "8%", "KDM:", '"waktu tempuh"', "prabowo (gibran"):
        p = run_cli("search", q, "--db", str(db), "--json")
        assert p.returncode == 0, (q, p.stderr.decode())
        hits = [json.loads(x) for x in p.stdout.decode().splitlines()]
        assert [h["id"] for h in hits] == ["pg"], q
    hit = hits[0]
    assert hit["published"] and hit["outlet"] == "warta.example" and hit["event"]
    assert all(hit["snippet"][a:b].lower() in {"prabowo", "gibran"} for a, b in hit["matches"])
    assert run_cli("search", "banjir", "--db", str(db), "--since", "2024-02-20", "--json").stdout.count(b"\n") == 1
    assert run_cli("search", "jembatan", "--db", str(db), "--until", "2024-02-01", "--json").stdout == b""
    assert run_cli("search", "jembatan", "--db", str(db), "--outlet", "warta", "--json").stdout.count(b"\n") == 1
    assert run_cli("search", "prabowo OR banjir", "--fts", "--db", str(db), "--json").stdout.count(b"\n") == 2
    assert fts_query('a-b "c d" %') == '"a-b" AND "c d"'


# ---------- 8. formats ----------

def test_html_gz_semicolon_csv_field_map_and_wrong_types(tmp_path: Path) -> None:
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(f"<html><head><title>Jembatan</title></head><body><article><p>{BODY}</p>"
                                 "</article></body></html>".encode()))
    csv_file = tmp_path / "semi.csv"
    csv_file.write_text(f"id;judul;isi_berita;tanggal\nc1;Banjir Desa;\"{BODY2}\";05/06/2024 08:00\n",
                        encoding="utf-8")
    assert csv_delimiter(csv_file.read_text(), ",") == ";"
    out = tmp_path / "out"
    p = run_cli("analyze", str(gz), str(csv_file), "--out", str(out), "-q", "--map",
                "judul=title,isi_berita=text,tanggal=published", "--date-format", "%m/%d/%Y %H:%M")
    assert p.returncode == 0, p.stderr.decode()
    arts = {a["id"]: a for a in load_report(out)["articles"]}
    assert len(arts) == 2
    assert arts["c1"]["title"] == "Banjir Desa" and arts["c1"]["published"] == "2024-05-06T08:00:00+07:00"
    assert any("memperpendek" in a["text"] for a in arts.values())
    bad = record_to_page({"id": "l", "text": ["a", "b"]}, "x.jsonl", 3)
    assert getattr(bad, "reason", "") == "record's `text` is a list, not a string"
    missing = record_to_page({"judul": "A", "isi": "B"}, "x.jsonl", 4)
    assert "its fields: judul, isi" in getattr(missing, "reason", "") and "--map" in getattr(missing, "reason", "")


def test_version_and_help_render_names() -> None:
    v = run_cli("--version")
    assert v.returncode == 0 and v.stdout.decode().startswith("kliping ")
    h = run_cli("analyze", "--help").stdout.decode()
    assert "PATH..." in h and "<list[str]>" not in h and "{" not in h.split("\n")[0]
    for fmt in (".html.gz", ".jsonl", ".csv", ".warc", "RSS"):
        assert fmt in h


def test_an_update_decides_the_event_again(tmp_path: Path) -> None:
    """Issue 12.5: an article corrected to report another happening leaves its old event (dropped when empty) and
    joins the event its new text reports; its old version is out of the indexes."""
    db = tmp_path / "k.db"
    pub = "2024-03-01T09:00:00+07:00"
    first = _jsonl(tmp_path / "a.jsonl",
                   {"id": "x", "title": "Jembatan Baru Diresmikan", "text": BODY, "published": pub},
                   {"id": "y", "title": "Banjir Rendam Tiga Desa", "text": BODY2, "published": pub})
    assert run_cli("ingest", str(first), "--db", str(db), "-q").returncode == 0
    with sqlite3.connect(db) as con:
        before = dict(con.execute("SELECT id, event FROM articles"))
    assert before["x"] != before["y"]
    moved = _jsonl(tmp_path / "b.jsonl", {"id": "x", "title": "Banjir Rendam Tiga Desa, Warga Mengungsi",
                                          "text": BODY2.replace("ratusan", "lebih dari 300"), "published": pub})
    p = run_cli("ingest", str(moved), "--db", str(db), "--json")
    assert json.loads(p.stdout)["pages"]["updated"] == 1
    with sqlite3.connect(db) as con:
        after = dict(con.execute("SELECT id, event FROM articles"))
        events = {r[0]: json.loads(r[1]) for r in con.execute("SELECT id, data FROM events")}
        assert con.execute("SELECT COUNT(*) FROM pages WHERE replaced IS NOT NULL").fetchone()[0] == 0
    assert after["x"] == after["y"] == before["y"]
    assert before["x"] not in events  # emptied, dropped
    assert sorted(events[before["y"]]["articles"]) == ["x", "y"]
