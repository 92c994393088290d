"""`kliping serve` keeps the store's events in memory (`serve/data.py` Snapshot): what it serves must follow every
write (a POST, an ingest by another connection, the file replaced), and an event whose stored analysis is stale or
missing is shown with a fresh one, computed on read, never written."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import ingest_articles
from kliping.analysis.event import ANALYSIS_VERSION
from kliping.serve import create_app
from kliping.store import Store

TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FLOOD = ("Banjir merendam kampung nelayan di pesisir Lamaran pada Rabu pagi setelah hujan deras turun semalaman. "
         "Warga menyebut air naik setinggi satu meter dan merusak perahu yang ditambatkan di muara. Petugas membuka "
         "posko pengungsian di balai desa dan membagikan makanan kepada {n} warga yang mengungsi. Kepala desa "
         "mengatakan pendataan kerusakan rumah dan perahu masih berlangsung hingga sore hari.")
FLOOD_RECORDS = [
    {"id": "flood-1", "title": "Banjir Rendam Kampung Nelayan Lamaran", "outlet": "Warta Timur", "clean": True,
     "published": "2025-04-02T08:00:00+07:00", "text": FLOOD.format(n=300)},
    {"id": "flood-2", "title": "Ratusan Warga Lamaran Mengungsi karena Banjir", "outlet": "Kabar Pesisir",
     "clean": True, "published": "2025-04-02T11:00:00+07:00", "text": FLOOD.format(n=500)},
]
PIER = {"id": "pier-1", "title": "Dermaga Baru Kuala Pelangi Diresmikan", "outlet": "Suara Selatan", "clean": True,
        "published": "2025-05-01T10:00:00+08:00",
        "text": "Dermaga baru di Kuala Pelangi diresmikan gubernur pada Kamis siang. Dermaga sepanjang 120 meter itu "
                "dibangun untuk kapal nelayan dan kapal penumpang antarpulau. Warga berharap dermaga mempercepat "
                "pengiriman hasil tangkapan ke pasar kota. Pembangunan berlangsung selama delapan bulan."}
ENGLISH = {"id": "bridge-en", "title": "New Bridge Opens Over the Serayu River", "outlet": "Coast Post", "clean": True,
           "published": "2025-06-10T09:00:00+07:00",
           "text": "A new bridge over the Serayu River opened on Tuesday morning after two years of construction. "
                   "The governor said the bridge would cut the trip between the two districts by an hour. Farmers "
                   "expect to bring their harvest to the city market faster. The bridge is four hundred meters "
                   "long and carries two lanes of traffic."}


def ingest_records(db: Path, records: list[dict[str, Any]]) -> None:

    db.parent.mkdir(parents=True, exist_ok=True)
    path = db.parent / f"in-{records[0]['id']}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest_articles([str(path)], db)


@pytest.fixture(scope="module")
def flood_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("flood") / "k.db"
    ingest_records(db, FLOOD_RECORDS)
    return db


@pytest.fixture
def db(flood_store: Path, tmp_path: Path) -> Path:
    """A copy of the flood store of this test's own (the tests write to it)."""
    copy = tmp_path / "k.db"
    with Store(flood_store) as src, sqlite3.connect(copy) as dst:
        src.db.backup(dst)
    return copy


def event_ids(client: TestClient, **params: Any) -> list[str]:
    body = client.get("/api/events", params={"limit": 100, **params}).json()
    assert body["total"] == len(body["events"])
    return [e["id"] for e in body["events"]]


def event_of(client: TestClient, article_id: str) -> str:
    return str(client.get(f"/api/articles/{article_id}").json()["event"])


# ---------- the kept events follow the store ----------

def test_a_post_shows_in_every_list(db: Path) -> None:
    client = TestClient(create_app(db, TOKEN))
    before = event_ids(client)
    assert before and event_ids(client, q="dermaga") == []
    assert "Kuala Pelangi" not in client.get("/").text
    r = client.post("/api/articles", json=[PIER], headers=AUTH)
    assert r.status_code == 202 and client.get(f"/api/jobs/{r.json()['job']}").json()["status"].startswith("done")
    pier = event_of(client, "pier-1")
    after = event_ids(client)
    assert set(after) == {*before, pier} and after[0] == pier  # the newest event first
    assert event_ids(client, q="dermaga") == [pier]
    assert event_ids(client, outlet="suara selatan") == [pier]
    assert pier in event_ids(client, since="2025-05-01") and event_ids(client, until="2025-04-30") == before
    detail = client.get(f"/api/events/{pier}").json()
    assert [a["id"] for a in detail["articles"]] == ["pier-1"] and detail["title"]
    assert "Kuala Pelangi" in client.get("/").text and client.get(f"/events/{pier}").status_code == 200
    assert client.get("/health").json()["events"] == len(after)


def test_an_ingest_by_another_connection_shows(db: Path) -> None:
    client = TestClient(create_app(db, None))  # read-only: the write comes from elsewhere (a `kliping ingest`)
    before = event_ids(client)
    assert event_ids(client, language="en") == []
    ingest_records(db, [ENGLISH])
    bridge = event_of(client, "bridge-en")
    assert set(event_ids(client)) == {*before, bridge}
    assert event_ids(client, language="en") == [bridge] and bridge not in event_ids(client, language="id")
    assert client.get(f"/api/events/{bridge}").json()["articles"][0]["language"] == "en"


def test_the_snapshot_is_kept_until_the_store_changes(db: Path) -> None:
    from kliping.serve import data

    with Store.reader(db) as store:
        first = data.snapshot(store)
        assert data.snapshot(store) is first  # unchanged store: the kept one
    with Store.reader(db) as store:
        assert data.snapshot(store) is first  # another connection to the same file: the same
    ingest_records(db, [PIER])
    with Store.reader(db) as store:
        second = data.snapshot(store)
        assert second is not first and len(second.events) == len(first.events) + 1


def test_a_store_replaced_by_another_file_is_read_again(db: Path, tmp_path: Path) -> None:
    client = TestClient(create_app(db, None))
    assert [e["articles"] for e in client.get("/api/events").json()["events"]] == [["flood-1", "flood-2"]]
    other = tmp_path / "other" / "k.db"
    ingest_records(other, [PIER])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(other, db)
    assert [e["articles"] for e in client.get("/api/events").json()["events"]] == [["pier-1"]]


# ---------- stale analyses ----------

MARKER = {"timeline": [], "comparison": {"agreed": [], "unique": [], "conflicts": []}, "quotes": [],
          "summary": [{"text": "MARKER: the stored analysis", "articles": ["flood-1"]}], "provenance": []}


def analysis_of(event: dict[str, Any]) -> dict[str, Any]:
    return {k: event[k] for k in ("timeline", "comparison", "quotes", "summary", "provenance")}


def stored(db: Path, eid: str) -> tuple[str, str] | None:
    with sqlite3.connect(db) as con:
        row = con.execute("SELECT version, data FROM event_analysis WHERE id = ?", (eid,)).fetchone()
    return (row[0], row[1]) if row else None


def test_a_current_analysis_is_read_as_stored(db: Path) -> None:
    client = TestClient(create_app(db, None))
    eid = event_of(client, "flood-1")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE event_analysis SET data = ? WHERE id = ?", (json.dumps(MARKER), eid))
    assert client.get(f"/api/events/{eid}").json()["summary"] == MARKER["summary"]


@pytest.mark.parametrize("how", ["older version", "missing", "other articles"])
def test_a_stale_analysis_is_computed_on_read_and_not_written(db: Path, how: str) -> None:
    client = TestClient(create_app(db, None))
    eid = event_of(client, "flood-1")
    current = analysis_of(client.get(f"/api/events/{eid}").json())
    assert current["summary"] or current["comparison"]["agreed"]  # two articles: there is something to show
    with sqlite3.connect(db) as con:
        if how == "older version":
            con.execute("UPDATE event_analysis SET version = '0', data = ? WHERE id = ?", (json.dumps(MARKER), eid))
        elif how == "missing":
            con.execute("DELETE FROM event_analysis WHERE id = ?", (eid,))
        else:
            con.execute("UPDATE event_analysis SET articles = '[\"flood-1\"]', data = ? WHERE id = ?",
                        (json.dumps(MARKER), eid))
    before = stored(db, eid)
    shown = client.get(f"/api/events/{eid}").json()
    assert analysis_of(shown) == current and "MARKER" not in json.dumps(shown)
    assert "MARKER" not in client.get(f"/events/{eid}").text
    assert stored(db, eid) == before  # reads never write: the next ingest stores the fresh one
    with Store(db) as store:
        assert eid in store.stale_analyses(ANALYSIS_VERSION)


def test_a_fresh_analysis_follows_its_articles(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept fresh analysis is keyed on the articles' stored records: one changed is analysed again."""
    import kliping.analysis.event as event_module
    from kliping.serve import data

    monkeypatch.setattr(data, "ANALYSIS_IN_PROCESS", True)  # analysed here, where the counting stand-in is
    client = TestClient(create_app(db, None))
    eid = event_of(client, "flood-1")
    calls: list[list[str]] = []
    real = event_module.analyze_event

    def counting(arts: list[Any]) -> dict[str, Any]:
        calls.append([a.id for a in arts])
        return real(arts)

    monkeypatch.setattr(event_module, "analyze_event", counting)
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM event_analysis WHERE id = ?", (eid,))
    client.get(f"/api/events/{eid}")
    client.get(f"/events/{eid}")
    assert calls == [["flood-1", "flood-2"]]  # computed once, then kept
    with sqlite3.connect(db) as con:
        con.execute("UPDATE articles SET data = json_set(data, '$.title', 'Judul Baru') WHERE id = 'flood-2'")
    client.get(f"/api/events/{eid}")
    assert len(calls) == 2


def test_a_failing_analysis_shows_an_empty_one(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kliping.analysis.event as event_module
    from kliping.serve import data

    def broken(arts: list[Any]) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setattr(data, "ANALYSIS_IN_PROCESS", True)
    monkeypatch.setattr(event_module, "analyze_event", broken)
    client = TestClient(create_app(db, None))
    eid = event_of(client, "flood-2")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE event_analysis SET version = '0' WHERE id = ?", (eid,))
    r = client.get(f"/api/events/{eid}")
    assert r.status_code == 200 and r.json()["summary"] == [] and r.json()["articles"]
    assert client.get(f"/events/{eid}").status_code == 200
