"""`kliping export`: JSONL, CSV and Parquet read back (csv module, pyarrow) from a store of the bundled examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import ROOT, ingest_articles, run_cli
from kliping.export import ARTICLE_FIELDS, ENTITY_FIELDS, EVENT_FIELDS, LIST_SEPARATOR, QUOTE_FIELDS, csv_cell

EXAMPLES = [str(ROOT / "examples" / "pages"), str(ROOT / "examples" / "feed.jsonl")]
HOSTILE = {"id": "hostile-1", "title": "=HYPERLINK(\"http://evil.example\",\"klik\")", "outlet": "Warta Ūji",
           "url": "https://warta.example/hostile", "published": "2025-04-03T08:00:00+07:00", "clean": True,
           "text": "-2+3 adalah rumus. Menteri Keuangan Sri Mulyani mengatakan, “Anggaran aman,” di Jakarta."}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:

    folder = tmp_path_factory.mktemp("export")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "k.db"
    ingest_articles([*EXAMPLES, str(hostile)], db)
    return db


@pytest.fixture(scope="module")
def stored(store_path: Path) -> dict:
    from kliping.store import Store

    with Store(store_path) as store:
        arts = [a.to_report() for a in store.articles()]
        return {"articles": arts, "events": store.events()}


def export(db: Path, *args: str) -> tuple[int, str, str]:
    r = run_cli("export", "--db", str(db), "-q", *args)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_same_rows_in_every_format(store_path: Path, stored: dict, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    n = len(stored["articles"])
    for fmt in ("jsonl", "csv", "parquet"):
        code, out, err = export(store_path, "--format", fmt, "--out", str(tmp_path / f"a.{fmt}"), "--json")
        assert code == 0, err
        assert json.loads(out) == {"rows": n, "format": fmt, "what": "articles", "out": str(tmp_path / f"a.{fmt}")}
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == sorted(a["id"] for a in stored["articles"])
    assert len(read_csv(tmp_path / "a.csv")) == n
    assert pq.read_table(tmp_path / "a.parquet").num_rows == n
    assert not list(tmp_path.glob("*.part"))


def test_jsonl_rows_are_the_report_articles(store_path: Path, stored: dict) -> None:
    code, out, _ = export(store_path, "--format", "jsonl", "--out", "-")
    assert code == 0
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    for a in stored["articles"]:
        assert rows[a["id"]] == {k: a[k] for k in ARTICLE_FIELDS if k != "sources"} | {"sources": [a["source"]]}


def test_csv_reads_back(store_path: Path, stored: dict, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert export(store_path, "--format", "csv", "--out", str(out))[0] == 0
    rows = {r["id"]: r for r in read_csv(out)}
    assert list(next(iter(rows.values()))) == list(ARTICLE_FIELDS)
    by_id = {a["id"]: a for a in stored["articles"]}
    for aid, row in rows.items():
        a = by_id[aid]
        paragraphs = row["paragraphs"].removeprefix("'") if a["paragraphs"][0][:1] in "=+-@" else row["paragraphs"]
        assert paragraphs.split(LIST_SEPARATOR) == a["paragraphs"]
        assert row["authors"].split(LIST_SEPARATOR) == (a["authors"] or [""])
        assert json.loads(row["entities"]) == a["entities"]
        if a["title"] and not a["title"].startswith(("=", "+", "-", "@")):
            assert row["title"] == a["title"]
    hostile = rows["hostile-1"]
    assert hostile["title"] == "'" + HOSTILE["title"]  # a formula shown as text
    assert hostile["text"].startswith("'-2+3")
    assert hostile["outlet"] == "Warta Ūji"  # non-ASCII intact
    assert "“Anggaran aman,”" in hostile["text"]


def test_csv_cell() -> None:
    assert csv_cell(None) == "" and csv_cell(True) == "true" and csv_cell(3) == "3"
    assert csv_cell(["a", "b"]) == "a | b"
    assert csv_cell([{"x": 1}]) == '[{"x":1}]'
    assert [csv_cell(s) for s in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok")] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "ok"]


def test_parquet_types(store_path: Path, stored: dict, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "a.parquet"
    assert export(store_path, "--format", "parquet", "--out", str(out))[0] == 0
    table = pq.read_table(out)
    assert table.column_names == list(ARTICLE_FIELDS)
    schema = table.schema
    assert pa.types.is_timestamp(schema.field("published").type)
    for name in ("sources", "authors", "paragraphs", "cited_sources", "warnings"):
        assert schema.field(name).type == pa.list_(pa.string())
    assert schema.field("entities").type.value_type.field("start").type == pa.int64()
    row = next(r for r in table.to_pylist() if r["id"] == "hostile-1")
    assert row["published"].isoformat() == "2025-04-03T01:00:00+00:00"
    assert row["title"] == HOSTILE["title"]  # Parquet is not a spreadsheet: text as it is
    assert sum(len(r["quotes"]) for r in table.to_pylist()) == sum(len(a["quotes"]) for a in stored["articles"])


@pytest.mark.parametrize("what", ["events", "quotes", "entities"])
def test_what(store_path: Path, stored: dict, tmp_path: Path, what: str) -> None:
    import pyarrow.parquet as pq

    if what == "events":
        n, names = len(stored["events"]), EVENT_FIELDS
    else:
        n, names = sum(len(a[what]) for a in stored["articles"]), (QUOTE_FIELDS if what == "quotes"
                                                                   else ENTITY_FIELDS)
    assert n > 0
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"{what}.{fmt}"
        code, _, err = export(store_path, "--what", what, "--format", fmt, "--out", str(out))
        assert code == 0, err
    jsonl = [json.loads(x) for x in (tmp_path / f"{what}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(jsonl) == n and list(jsonl[0]) == list(names)
    assert len(read_csv(tmp_path / f"{what}.csv")) == n
    assert pq.read_table(tmp_path / f"{what}.parquet").num_rows == n
    if what != "events":
        by_id = {a["id"]: a for a in stored["articles"]}
        first = jsonl[0]
        assert first["event"] == by_id[first["article"]]["event"]
        assert by_id[first["article"]]["text"][first["start"]:first["end"]] == first["text"]


def test_filters(store_path: Path, stored: dict) -> None:
    def ids(*args: str) -> set[str]:
        code, out, err = export(store_path, "--format", "jsonl", *args)
        assert code == 0, err
        return {json.loads(x)["id"] for x in out.splitlines()}

    day = "2025-04-03"
    assert ids("--since", day, "--until", day) == {a["id"] for a in stored["articles"]
                                                   if (a["published"] or "")[:10] == day}
    assert ids("--outlet", "warta ū") == {"hostile-1"}
    assert ids("--since", "2999-01-01") == set()


def test_csv_to_stdout(store_path: Path, stored: dict) -> None:
    r = run_cli("export", "--db", str(store_path), "--format", "csv", "--out", "-")
    assert r.returncode == 0
    assert r.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(stored["articles"])


@pytest.mark.parametrize("args", [
    ("--db", "missing.db", "--out", "{tmp}/x.csv", "--format", "csv"),
    ("--format", "xml", "--out", "{tmp}/x.xml"),
    ("--what", "people", "--out", "{tmp}/x.jsonl"),
    ("--format", "parquet", "--out", "-"),
    ("--since", "3/4/2025", "--out", "{tmp}/x.jsonl"),
])
def test_errors_are_one_line(store_path: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    full = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--db" not in full:
        full = ["--db", str(store_path), *full]
    r = run_cli("export", *full)
    assert r.returncode == 2
    assert len(r.stderr.decode().strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())  # nothing created
    assert not (ROOT / "missing.db").exists()


def test_parquet_without_pyarrow_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from kliping.errors import UsageError
    from kliping.export import require_pyarrow

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what an install without the extra sees
    with pytest.raises(UsageError, match=r"install kliping\[parquet\]"):
        require_pyarrow()
