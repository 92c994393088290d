"""The Python API (`kliping.analyze`, `kliping.clean`, `kliping.annotate`): the acceptance point on the seeds, the
same report as the CLI's, single pages cleaned without any fetching, streaming, and a light `import kliping`."""

from __future__ import annotations

import importlib
import itertools
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import kliping
from conftest import ROOT, SEED_EVENTS, SEEDS, load_report, run_cli
from kliping.model import Article

# A page as copied from a browser: menu, title, byline, date, share bar, a "Baca Juga" promo, a share prompt.
PAGE_TEXT = """KabarNusa.id
Banjir Rendam Ratusan Rumah di Kabupaten Batu Lamaran
Rina Hartati - KabarNusa.id
Senin, 3 Maret 2025 - 14:20 WIB
facebook twitter whatsapp telegram line copy
Batu Lamaran - Banjir merendam ratusan rumah warga di Kecamatan Lamaran Hulu, Kabupaten Batu Lamaran, pada Senin \
(3/3/2025) pagi. Hujan deras sejak Minggu malam membuat Sungai Lamaran meluap.
Baca Juga: Harga Cabai Naik Jelang Ramadan
Kepala BPBD Batu Lamaran, Andi Saputra, mengatakan sebanyak 312 rumah terendam dengan ketinggian air hingga satu \
meter. "Kami sudah mengevakuasi 540 warga ke posko pengungsian," kata Andi.
Menurut Andi, tidak ada korban jiwa dalam peristiwa ini. Petugas masih bersiaga karena hujan diperkirakan turun \
lagi hingga Rabu.
Bagikan artikel ini:
Facebook Twitter WhatsApp
"""

PAGE_HTML = """<!doctype html><html><head><title>Banjir Rendam Ratusan Rumah - KabarNusa.id</title>
<meta property="og:title" content="Banjir Rendam Ratusan Rumah di Kabupaten Batu Lamaran">
<meta property="og:site_name" content="KabarNusa.id">
<meta property="article:published_time" content="2025-03-03T14:20:00+07:00">
<meta name="author" content="Rina Hartati"></head><body>
<nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a></nav>
<article><h1>Banjir Rendam Ratusan Rumah di Kabupaten Batu Lamaran</h1>
<div class="share">Bagikan: Facebook Twitter WhatsApp</div>
<p>Batu Lamaran - Banjir merendam ratusan rumah warga di Kecamatan Lamaran Hulu, Kabupaten Batu Lamaran, pada Senin
(3/3/2025) pagi. Hujan deras sejak Minggu malam membuat Sungai Lamaran meluap.</p>
<p>Baca Juga: <a href="/x">Harga Cabai Naik Jelang Ramadan</a></p>
<p>Kepala BPBD Batu Lamaran, Andi Saputra, mengatakan sebanyak 312 rumah terendam dengan ketinggian air hingga satu
meter. "Kami sudah mengevakuasi 540 warga ke posko pengungsian," kata Andi.</p>
<p>Menurut Andi, tidak ada korban jiwa dalam peristiwa ini. Petugas masih bersiaga karena hujan diperkirakan turun
lagi hingga Rabu.</p>
</article><footer>Bagikan artikel ini: Facebook Twitter WhatsApp. © 2025 KabarNusa.id. All Rights Reserved</footer>
</body></html>"""

TITLE = "Banjir Rendam Ratusan Rumah di Kabupaten Batu Lamaran"
PUBLISHED = "2025-03-03T14:20:00+07:00"


# ---------- analyze ----------

def test_analyze_seeds_finds_five_articles_in_two_events() -> None:
    report = kliping.analyze([SEEDS])
    assert len(report.articles) == 5
    assert all(isinstance(a, Article) for a in report.articles)
    assert len(report.events) == 2
    seed = {a.id: Path(a.source).name[:3] for a in report.articles}  # ids are content hashes; files say the seed
    groups = sorted(tuple(sorted(seed[a] for a in e.articles)) for e in report.events)
    assert groups == sorted(SEED_EVENTS.values())
    assert all(e.title and e.summary for e in report.events)
    assert [Path(r.source).name for r in report.rejected] == ["gold.json"]  # the seeds' gold, not a page


def test_analyze_equals_the_cli_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = ["examples/pages", "examples/feed.jsonl"]
    out = tmp_path / "out"
    proc = run_cli("analyze", *inputs, "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    cli = load_report(out)
    monkeypatch.chdir(ROOT)  # the CLI ran in ROOT: the articles' `source` paths are the same relative paths
    report = kliping.analyze(inputs)
    api = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))  # report.json is its JSON text
    # `generated` is the time each report was built; it is the only field that differs (the store path is not in
    # report.json, and ids are content-derived or the inputs' own, so both runs give the same ones).
    for r in (cli, api):
        r.pop("generated")
    assert api == cli
    assert [a.id for a in report.articles] == [a["id"] for a in cli["articles"]]
    assert [e.id for e in report.events] == [e["id"] for e in cli["events"]]
    assert [s.id for s in report.storylines] == [s["id"] for s in cli["storylines"]]


def test_analyze_into_a_kept_store(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    first = kliping.analyze([SEEDS], db=db)
    assert db.is_file()
    again = kliping.analyze([], db=db)  # nothing new: the report is the store's
    assert [a.id for a in again.articles] == [a.id for a in first.articles]


def test_analyze_lists_rejected_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    report = kliping.analyze([bad])
    assert report.articles == []
    assert len(report.rejected) == 1 and "no `text` or `html`" in report.rejected[0].reason


# ---------- clean ----------

def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("kliping.clean tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import httpx

    monkeypatch.setattr(httpx.Client, "send", refuse)
    monkeypatch.setattr(httpx.AsyncClient, "send", refuse)


def _check_page(art: Article) -> None:
    assert art.title == TITLE
    assert art.published == PUBLISHED
    assert art.authors == ["Rina Hartati"]
    # From HTML, trafilatura keeps the <h1> headline as the body's first line (as `kliping analyze` does).
    assert art.text.removeprefix(TITLE).lstrip().startswith("Batu Lamaran - Banjir merendam")
    assert art.text.rstrip().endswith("hingga Rabu.")
    for boilerplate in ("Baca Juga", "Harga Cabai", "facebook", "Facebook", "Bagikan", "WhatsApp"):
        assert boilerplate not in art.text
    assert any(e.canonical == "Andi Saputra" for e in art.entities)
    assert any(q.speaker == "Andi Saputra" for q in art.quotes)


def test_clean_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)
    art = kliping.clean(text=PAGE_TEXT)
    _check_page(art)
    removed = [r.line for r in art.removed]
    assert "Baca Juga: Harga Cabai Naik Jelang Ramadan" in removed
    assert "facebook twitter whatsapp telegram line copy" in removed


def test_clean_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)
    art = kliping.clean(html=PAGE_HTML)
    _check_page(art)
    assert art.outlet == "KabarNusa.id"


def test_clean_url_labels_the_page_and_is_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)  # a fetch would fail the test
    url = "https://www.warta-timur.com/2025/03/03/banjir-lamaran/"
    page = (PAGE_HTML.replace('<meta property="og:site_name" content="KabarNusa.id">', "")
            .replace(" - KabarNusa.id</title>", "</title>"))
    art = kliping.clean(html=page, url=url)
    assert art.url == url and art.source == url
    assert art.outlet == "warta-timur.com"  # no site name in the page: the outlet is the URL's host
    _check_page(art)


@pytest.mark.parametrize("kwargs", [{}, {"url": "https://example.com/a"}, {"text": "a", "html": "<p>a</p>"},
                                    {"text": "   "}, {"html": 42}])
def test_clean_bad_arguments_raise_one_line(kwargs: dict) -> None:
    with pytest.raises(ValueError) as e:
        kliping.clean(**kwargs)
    msg = str(e.value)
    assert msg.startswith("kliping.clean: ") and "\n" not in msg


# ---------- annotate ----------

def test_annotate_streams() -> None:
    consumed = 0

    def endless() -> Iterator[dict]:
        nonlocal consumed
        for n in itertools.count():
            consumed += 1
            yield {"id": f"r{n}", "text": f"Jakarta - Presiden Joko Widodo meresmikan jembatan ke-{n} pada Senin "
                                          "(4/3/2024), kata juru bicara istana.", "published": "2024-03-04"}

    stream = kliping.annotate(endless(), workers=1)
    assert iter(stream) is stream  # a generator, not a list
    first = next(stream)
    assert first.id == "r0" and first.text.startswith("Jakarta - Presiden Joko Widodo")
    assert any(e.canonical == "Joko Widodo" for e in first.entities)
    assert consumed < 10_000  # one batch read, not the endless stream
    stream.close()  # type: ignore[attr-defined]


def test_annotate_matches_the_cli(tmp_path: Path) -> None:
    feed = ROOT / "examples" / "feed.jsonl"
    out = tmp_path / "out.jsonl"
    proc = run_cli("annotate", str(feed), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    cli = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    records = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines() if line.strip()]
    api = [art.to_report() for art in kliping.annotate(records)]
    # The CLI's records are labelled with the file they came from; the API's with "<records>".
    for a in (*cli, *api):
        a.pop("source")
    assert json.loads(json.dumps(api, ensure_ascii=False)) == cli


def test_annotate_bad_record() -> None:
    with pytest.raises(ValueError, match="no `text` or `html`"):
        list(kliping.annotate([{"id": "a"}]))
    rejected: list = []
    good = {"id": "b", "text": "Menurut Andi Saputra, banjir surut pada Selasa."}
    arts = list(kliping.annotate([{"id": "a"}, "not a dict", good], on_reject=rejected.append))  # type: ignore[list-item]
    assert [a.id for a in arts] == ["b"]
    assert len(rejected) == 2


# ---------- import ----------

def test_import_is_light() -> None:
    code = ("import sys, kliping; v = kliping.__version__; "
            "print(sorted(m for m in sys.modules if m.startswith(('kliping.', 'sklearn', 'numpy', 'scipy', 'httpx', "
            "'jinja2', 'trafilatura', 'typer'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_public_names() -> None:
    assert set(kliping.__all__) >= {"analyze", "clean", "annotate", "Report", "Article", "__version__"}
    for name in kliping.__all__:
        assert getattr(kliping, name) is not None
    importlib.import_module("kliping.clean")  # the submodule loaded: the function keeps the name
    importlib.import_module("kliping.annotate")
    assert callable(kliping.clean) and callable(kliping.annotate)
    assert (ROOT / "src" / "kliping" / "py.typed").is_file()
