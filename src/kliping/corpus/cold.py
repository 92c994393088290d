"""Cold events out of RAM: the event index's compacted events kept as rows of SQLite, read back on demand.

An event last reported COLD_DAYS before the newest article is past every dated article's time window
(`corpus.events`): no new report can join it, except an article without a publication date (which may report any
time), and a late article of an archive, which replays the days around it (`EventIndex.relink`). Kept in RAM, those
events grew the process by kilobytes an article for ever (a year of a national monitor's stream is millions of
articles); here each is one row (its compacted sums as plain data, `corpus.state`, never a pickle), plus the keys an
undated article looks it up by (its most telling words and its shared word pairs). The index reads a row back
(`take`) only for those two cases, and puts the event back when it is cold again.

Writes are kept in RAM until `flush`, which the store runs inside the transaction that saves the rest of the
corpus state (`Store.save_corpus`): a run killed before it commits leaves the rows and the index's state as they
were, together. The tables are created here, so a standalone index (the stream benchmark) can use a file of its own;
the store creates them by its migration of the same text (`SCHEMA`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kliping.corpus import state

if TYPE_CHECKING:
    from kliping.corpus.events import Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS cold_events (id TEXT PRIMARY KEY, day TEXT, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS cold_events_day ON cold_events(day);
CREATE TABLE IF NOT EXISTS cold_keys (key TEXT NOT NULL, event TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS cold_keys_key ON cold_keys(key);
CREATE INDEX IF NOT EXISTS cold_keys_event ON cold_keys(event);
"""


def _classes() -> dict[str, type]:
    from kliping.corpus.events import Event

    return {"Event": Event}


class ColdEvents:
    """Compacted events by id, in SQLite; puts and takes pending in RAM until `flush`."""

    def __init__(self, db: sqlite3.Connection, create: bool = True) -> None:
        """`create`: make the tables (a standalone file; a store has them from its migration, and creating them
        here would commit its open transaction)."""
        self.db = db
        if create:
            db.executescript(SCHEMA)
        # id -> (day, bytes, keys) to write, or None to delete: the run's changes, newest last.
        self.pending: dict[str, tuple[str | None, bytes, list[str]] | None] = {}
        # The events put since the last flush, as they were put: the run reads them back at once for its event
        # records (an archive's run freezes most of its events), and decoding each again cost as much as its dump.
        self.recent: dict[str, Event] = {}

    @classmethod
    def open(cls, path: str) -> ColdEvents:
        """A standalone file (the stream benchmark, an index without a store)."""
        return cls(sqlite3.connect(path))

    def put(self, ev: Event, keys: Iterable[str]) -> None:
        """Keep `ev` (compacted) out of RAM, found by `keys` (see `find`)."""
        self.pending[ev.id] = (ev.date(), state.dump(ev, _classes()), list(dict.fromkeys(keys)))
        self.recent[ev.id] = ev

    def take(self, event_id: str) -> Event | None:
        """The cold event `event_id`, removed from here (the caller holds it in RAM now), or None."""
        ev = self.get(event_id)
        if ev is not None:
            self.pending[event_id] = None
        self.recent.pop(event_id, None)
        return ev

    def get(self, event_id: str) -> Event | None:
        """The cold event `event_id` (left here, not to be changed), or None."""
        if event_id in self.pending:
            row = self.pending[event_id]
            if row is None:
                return None
            return self.recent[event_id] if event_id in self.recent else self._load(row[1])
        found = self.db.execute("SELECT data FROM cold_events WHERE id = ?", (event_id,)).fetchone()
        return self._load(bytes(found[0])) if found else None

    def release(self) -> None:
        """Let the events put since the last flush go (their rows are pending all the same): the run has read what
        it needed of them, and holding them through the state's dump raised a run's peak by 10-15 MB."""
        self.recent = {}

    def __contains__(self, event_id: str) -> bool:
        if event_id in self.pending:
            return self.pending[event_id] is not None
        return self.db.execute("SELECT 1 FROM cold_events WHERE id = ?", (event_id,)).fetchone() is not None

    def __len__(self) -> int:
        n = int(self.db.execute("SELECT COUNT(*) FROM cold_events").fetchone()[0])
        for eid, row in self.pending.items():
            stored = self.db.execute("SELECT 1 FROM cold_events WHERE id = ?", (eid,)).fetchone() is not None
            n += (row is not None) - stored
        return n

    def find(self, keys: Iterable[str], per_key: int) -> dict[str, list[str]]:
        """Key -> the cold events found by it, most recently put first, at most `per_key` each."""
        keys = list(dict.fromkeys(keys))
        out: dict[str, list[str]] = {}
        fresh: dict[str, list[str]] = {}
        for eid, row in reversed(self.pending.items()):
            if row is not None:
                for key in row[2]:
                    fresh.setdefault(key, []).append(eid)
        for key in keys:
            found = [e for e in fresh.get(key, ())][:per_key]
            if len(found) < per_key:
                rows = self.db.execute("SELECT event FROM cold_keys WHERE key = ? ORDER BY rowid DESC LIMIT ?",
                                       (key, per_key))
                found += [e for (e,) in rows if e not in self.pending and e not in found][:per_key - len(found)]
            if found:
                out[key] = found
        return out

    def near_days(self, days: Iterable[dt.date], window: int) -> list[str]:
        """Ids of the cold events whose day is within `window` days of one of `days`."""
        out: dict[str, None] = {}
        for d in sorted(set(days)):
            lo, hi = (d - dt.timedelta(days=window)).isoformat(), (d + dt.timedelta(days=window)).isoformat()
            for (eid,) in self.db.execute("SELECT id FROM cold_events WHERE day BETWEEN ? AND ?", (lo, hi)):
                if eid not in self.pending:
                    out[eid] = None
            for eid, row in self.pending.items():
                if row is not None and row[0] is not None and lo <= row[0] <= hi:
                    out[eid] = None
        return list(out)

    def flush(self) -> None:
        """Write the pending changes (no commit: the caller's transaction holds them)."""
        self.recent = {}
        if not self.pending:
            return
        ids = [(eid,) for eid in self.pending]
        self.db.executemany("DELETE FROM cold_events WHERE id = ?", ids)
        self.db.executemany("DELETE FROM cold_keys WHERE event = ?", ids)
        puts = [(eid, row) for eid, row in self.pending.items() if row is not None]
        self.db.executemany("INSERT INTO cold_events (id, day, data) VALUES (?, ?, ?)",
                            [(eid, day, data) for eid, (day, data, _) in puts])
        self.db.executemany("INSERT INTO cold_keys (key, event) VALUES (?, ?)",
                            [(key, eid) for eid, (_, _, keys) in puts for key in keys])
        self.pending = {}

    def commit(self) -> None:
        """Flush and commit: a standalone file's end of batch."""
        self.flush()
        self.db.commit()

    @staticmethod
    def _load(blob: bytes) -> Any:
        from kliping.corpus.events import Event

        return state.load(blob, _classes(), Event)
