"""The CLI end to end: bad inputs, exit codes, idempotent and resumable ingestion, the report contract."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import jsonschema

from conftest import FIXTURES, ROOT, load_report, run_cli
from kliping.report import schema

CP1252_TEXT = ("Warga \u201cKampung Nelayan\u201d Terima Bantuan\n\n"
               "Bantuan senilai Rp 50 juta \u2013 berupa jaring dan mesin perahu \u2013 diterima para nelayan "
               "caf\u00e9 "
               "di pesisir utara, kata kepala desa kepada wartawan.\n")


def _bad_folder(tmp: Path) -> Path:
    d = tmp / "in"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "big.txt").write_bytes(b"Paragraf panjang yang berulang. " * (6 * 1024 * 1024 // 32 + 1))
    (d / "broken-utf8.txt").write_bytes("Judul Berita Rusak\n\nKalimat pertama yang berisi é dan ".encode()
                                        + b"\xff\xfe" + b" lalu kalimat kedua yang cukup panjang.")
    (d / "win1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (d / "records.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Isi berita pertama yang cukup panjang untuk satu paragraf berita.",
                    "title": "Berita Satu"}) + "\n{not json\n"
        + json.dumps({"id": "r2", "text": "Isi berita kedua yang juga cukup panjang untuk satu paragraf."}) + "\n",
        encoding="utf-8")
    return d


def test_bad_inputs_are_reported_one_line_each(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    out = tmp_path / "out"
    p = run_cli("analyze", str(folder), "--out", str(out), "-q")
    assert p.returncode == 1
    err = p.stderr.decode().strip().splitlines()
    assert len(err) == 4, err
    joined = "\n".join(err)
    assert "empty.txt: empty file" in joined
    assert "skipped 1 file of other types (image.png)" in joined  # a folder scan reads news file types only
    assert "big.txt" in joined and "too big to be one article" in joined
    assert "records.jsonl:2: malformed JSON" in joined
    assert "Traceback" not in p.stderr.decode()
    rep = load_report(out)
    ids = {a["id"] for a in rep["articles"]}
    assert {"r1", "r2"} <= ids
    assert len(rep["articles"]) == 4  # r1, r2, the broken UTF-8 page and the Windows-1252 page
    win = next(a for a in rep["articles"] if a["source"].endswith("win1252.txt"))
    assert win["title"] == "Warga \u201cKampung Nelayan\u201d Terima Bantuan"
    assert "caf\u00e9" in win["text"] and "\u2013" in win["text"]
    jsonschema.validate(rep, schema())


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    a = run_cli("ingest", str(FIXTURES), "--db", str(db), "--json")
    b = run_cli("ingest", str(FIXTURES), "--db", str(db), "--json")
    assert a.returncode == 0 and b.returncode == 0
    assert json.loads(a.stdout)["pages"]["new"] >= 1
    assert json.loads(b.stdout)["pages"]["new"] == 0
    assert json.loads(b.stdout)["pages"]["already_stored"] == json.loads(a.stdout)["pages"]["new"]
    assert json.loads(b.stdout)["pages_in_store"] == json.loads(a.stdout)["pages_in_store"]


def _many_records(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            body = (f"Paragraf pembuka berita nomor {i} tentang banjir di desa {i % 37} yang cukup panjang.\n"
                    "SCROLL TO CONTINUE WITH CONTENT\n"
                    f"Kepala desa {i} mengatakan warga sudah kembali ke rumah masing-masing pada sore hari.")
            f.write(json.dumps({"id": f"n{i}", "text": body, "title": f"Berita {i}"}) + "\n")


def _stored(db: Path, table: str) -> int:
    """Rows of a table of a store another process is writing (0 while it has no such table)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as c:
            return int(c.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_mid_clean_then_rerun_equals_uninterrupted(tmp_path: Path) -> None:
    """A run killed while it cleans (some articles stored, not all) and run again gives the report of one run."""
    n = 600
    src = tmp_path / "many.jsonl"
    _many_records(src, n)
    full, killed = tmp_path / "full", tmp_path / "killed"
    assert run_cli("analyze", str(src), "--out", str(full), "-q").returncode == 0
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "kliping", "analyze", str(src), "--out", str(killed), "-q"],
                            env=env, cwd=ROOT)
    db = killed / "kliping.db"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and _stored(db, "articles") == 0:
        time.sleep(0.005)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 0 < _stored(db, "articles") < n, "not killed in the middle of cleaning"
    assert run_cli("analyze", str(src), "--out", str(killed), "-q").returncode == 0
    a, b = load_report(full), load_report(killed)
    assert [x["id"] for x in a["articles"]] == [x["id"] for x in b["articles"]]
    assert a["articles"] == b["articles"]
    assert len(a["articles"]) == n


def test_report_html_escapes(tmp_path: Path) -> None:
    page = tmp_path / "x.txt"
    page.write_text("<script>alert(1)</script> Judul Berbahaya Sekali\n\nIsi berita dengan <b>tag</b> dan "
                    "<img src=x onerror=alert(1)> yang harus tampil sebagai teks biasa saja.", encoding="utf-8")
    out = tmp_path / "o"
    assert run_cli("analyze", str(page), "--out", str(out), "-q").returncode == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_stdin_and_usage_errors(tmp_path: Path) -> None:
    p = run_cli("analyze", "-", "--out", str(tmp_path / "o"), "-q",
                stdin=b"Judul Dari Stdin Ini\n\nIsi berita dari masukan standar yang cukup panjang untuk paragraf.")
    assert p.returncode == 0
    assert load_report(tmp_path / "o")["articles"][0]["title"] == "Judul Dari Stdin Ini"
    assert run_cli("analyze").returncode == 2
    q = run_cli("search", "banjir", "--db", str(tmp_path / "missing.db"))
    assert q.returncode == 2 and q.stderr.decode().count("\n") == 1


def test_incremental_ingest_keeps_event_ids(tmp_path: Path) -> None:
    """Feeding pages in two runs: the first run's events keep their ids, and the report lists every event once."""
    pages = sorted((ROOT / "examples" / "pages").glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, p in enumerate(pages):
        ((first if i % 2 == 0 else second) / p.name).write_bytes(p.read_bytes())
    db = tmp_path / "k.db"
    assert run_cli("ingest", str(first), "--db", str(db)).returncode == 0
    out1 = tmp_path / "out1"
    assert run_cli("analyze", str(first), "--out", str(out1)).returncode == 0
    before = {a["id"]: a["event"] for a in load_report(out1)["articles"]}
    assert all(before.values())
    out2 = tmp_path / "out2"
    for folder in (first, second):
        assert run_cli("analyze", str(folder), "--out", str(out2)).returncode == 0
    report = load_report(out2)
    after = {a["id"]: a["event"] for a in report["articles"]}
    assert {k: after[k] for k in before} == before
    assert len(after) == len(pages)
    ids = [e["id"] for e in report["events"]]
    assert len(ids) == len(set(ids))
    assert sorted(a for e in report["events"] for a in e["articles"]) == sorted(after)


def test_events_lists_shows_and_follows_merges(tmp_path: Path) -> None:
    from kliping.model import Article, RawPage
    from kliping.store import Store

    db = tmp_path / "k.db"
    with Store(db) as store:
        arts = [Article(id=f"a{i}", source="t", title=f"Banjir bandang {i}", text="Banjir.", outlet="Warta",
                        published=f"2025-03-0{i}T08:00:00+07:00") for i in (1, 2)]
        store.add_pages([(RawPage(id=a.id, source="t", content=a.text), "k") for a in arts])
        for a, eid in zip(arts, ("E1", "E2"), strict=True):
            a.event = eid
        store.put_articles([(a, "") for a in arts])
        rec = {"title": "Banjir bandang", "date": "2025-03-01", "places": ["Palu"], "entities": [],
               "outlets": ["Warta"], "first_seen": None, "last_seen": None}
        store.save_corpus([], [{**rec, "id": "E1", "articles": ["a1"]}, {**rec, "id": "E2", "articles": ["a2"]}], {})
        store.save_corpus([], [{**rec, "id": "E1", "articles": ["a1", "a2"], "merged_from": ["E2"]}], {},
                          merges=[("E2", "E1")])
    listed = run_cli("events", "--db", str(db))
    assert listed.returncode == 0 and listed.stdout.decode().split("\t")[:3] == ["E1", "2025-03-01", "2 articles"]
    shown = run_cli("events", "E2", "--db", str(db), "--json")
    assert shown.returncode == 0 and b"E2 was merged into E1" in shown.stderr
    record = json.loads(shown.stdout)
    assert record["id"] == "E1" and [a["id"] for a in record["articles"]] == ["a1", "a2"]
    missing = run_cli("events", "E9", "--db", str(db))
    assert missing.returncode == 2 and missing.stderr.decode().count("\n") == 1 and b"E9" in missing.stderr
    nostore = run_cli("events", "--db", str(tmp_path / "none.db"))
    assert nostore.returncode == 2 and b"no such store" in nostore.stderr


def _children(pid: int) -> set[int]:
    """Process ids whose parent is `pid` (Linux /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_pool_workers_die_with_a_killed_run(tmp_path: Path) -> None:
    """Issue 12.3: after `kill -9` of `kliping ingest` its pool workers used to live on, parented to PID 1."""
    if not sys.platform.startswith("linux"):
        return
    src = tmp_path / "many.jsonl"
    _many_records(src, 3000)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "kliping", "ingest", str(src), "--db", str(tmp_path / "k.db"),
                             "-q", "--workers", "2"], env=env, cwd=ROOT)
    workers: set[int] = set()
    deadline = time.time() + 120
    while time.time() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the run never started its pool"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)
