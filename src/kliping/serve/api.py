"""The JSON API: `/health`, `/api/events`, `/api/storylines`, `/api/articles`, `/api/search`, and `POST
/api/articles` (writes, with the bearer token). Lists are paged with `limit` (at most `MAX_LIMIT`) and `offset`."""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import json
import logging
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, RedirectResponse

from kliping.errors import Rejected
from kliping.serve import data
from kliping.serve.app import reader
from kliping.sources.files import record_to_page
from kliping.store import Store

log = logging.getLogger("kliping.serve")
router = APIRouter()

MAX_LIMIT = 100  # the most items one page of a list holds
MAX_OFFSET = 100_000
MAX_QUERY = 500  # characters of a query or filter value: longer is not a search a person types
MAX_BODY = 10 * 1024 * 1024  # bytes of one POST /api/articles body (413 past it): ~2,000 long articles
MAX_RECORDS = 5_000  # records in one POST

Reader = Annotated[Store, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1..{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Text = Annotated[str | None, Query(max_length=MAX_QUERY)]
Day = Annotated[dt.date | None, Query(description="A day, YYYY-MM-DD.")]
EventId = Annotated[str, PathParam(description="An event's id (E and a number).", examples=["E1"])]
StorylineId = Annotated[str, PathParam(description="A storyline's id (S and a number).", examples=["S1"])]


@router.get("/health")
def health(store: Reader) -> dict[str, Any]:
    return {"status": "ok", "events": store.event_count(),
            "articles": int(store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])}


@router.get("/api/events")
def events(store: Reader, q: Text = None, outlet: Text = None, since: Day = None, until: Day = None,
           language: Annotated[str | None, Query(max_length=16)] = None, limit: Limit = 20,
           offset: Offset = 0) -> dict[str, Any]:
    """Events newest first; `q` matches words of their titles, entities and places (the articles' full text is
    `/api/search`)."""
    found = data.list_events(store, q, outlet, since, until, language)
    return {"events": found[offset:offset + limit], "total": len(found), "limit": limit, "offset": offset}


@router.get("/api/events/{event_id}", response_model=None)
def event(event_id: EventId, store: Reader) -> dict[str, Any] | RedirectResponse:
    """The event record with its analysis (timeline, comparison, quotes, summary, provenance), its articles and
    its storyline. An id merged into another event redirects to that event."""
    found, into = data.find_event(store, event_id)
    if found is None:
        if into:
            return RedirectResponse(f"/api/events/{into}", status_code=307)
        raise HTTPException(404, f"no event {event_id!r}")
    return found


@router.get("/api/storylines")
def storylines(store: Reader, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    found = data.storylines(store)
    return {"storylines": found[offset:offset + limit], "total": len(found), "limit": limit, "offset": offset}


@router.get("/api/storylines/{storyline_id}")
def storyline(storyline_id: StorylineId, store: Reader) -> dict[str, Any]:
    found = data.find_storyline(store, storyline_id)
    if found is None:
        raise HTTPException(404, f"no storyline {storyline_id!r}")
    return found


@router.get("/api/articles/{article_id:path}")
def article(article_id: str, store: Reader) -> dict[str, Any]:
    """The article as report.json shows it."""
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found.to_report()


@router.get("/api/search")
def search(store: Reader, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, examples=["banjir"])],
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Keyword search over the articles' titles and text (every word must match; "quoted phrases"), best first,
    each hit with a snippet and the offsets of the matches in it."""
    try:
        hits, total = data.search(store, q, limit, offset)
    except data.BadQuery as e:
        raise HTTPException(400, str(e)) from e
    except sqlite3.OperationalError as e:
        raise HTTPException(400, f"query {q!r} cannot be searched ({e})") from e
    return {"articles": hits, "total": total, "limit": limit, "offset": offset}


# ---------- writes ----------

def _check_token(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "this server is read-only: start it with KLIPING_TOKEN set to accept articles")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "give the server's token as `Authorization: Bearer TOKEN`",
                            headers={"WWW-Authenticate": "Bearer"})


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(413, f"body over {MAX_BODY:,} bytes: send the articles in smaller batches")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(413, f"body over {MAX_BODY:,} bytes: send the articles in smaller batches")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/api/articles", status_code=202)
async def post_articles(request: Request, tasks: BackgroundTasks) -> JSONResponse:
    """Add articles: a JSON array of input records (as JSONL input: `id`, `text` or `html`, optional `url`,
    `title`, `published`, `outlet`, `clean`). Answers 202 at once with the records accepted and those rejected
    (with why); the accepted ones are ingested in the background, one batch at a time, and are searchable once
    processed. Needs `Authorization: Bearer TOKEN`."""
    _check_token(request)
    raw = await _body(request)
    try:
        records = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise HTTPException(400, f"the body is not JSON ({e})") from e
    except RecursionError as e:  # "[[[[..." past Python's recursion limit: no record nests like that
        raise HTTPException(400, "the body nests arrays or objects too deeply: give a JSON array of records") from e
    if not isinstance(records, list):
        raise HTTPException(400, "give a JSON array of records")
    if len(records) > MAX_RECORDS:
        raise HTTPException(413, f"over {MAX_RECORDS:,} records: send them in smaller batches")
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for k, rec in enumerate(records):
        page = record_to_page(rec, "request", k) if isinstance(rec, dict) else Rejected("request", "not a JSON "
                                                                                      "object", k)
        if isinstance(page, Rejected):
            rejected.append({"index": k, "reason": page.reason})
        else:
            accepted.append({"index": k, "id": page.id})
            rec.setdefault("id", page.id)  # the id the answer names, also for a record that had none
    job = uuid.uuid4().hex[:12]
    if accepted:
        keep = [records[a["index"]] for a in accepted]
        tasks.add_task(_ingest_batch, request.app.state, job, keep)
        request.app.state.jobs[job] = "queued"
    return JSONResponse({"job": job if accepted else None, "accepted": accepted, "rejected": rejected},
                        status_code=202)


def _ingest_batch(state: Any, job: str, records: list[dict[str, Any]]) -> None:
    """Ingest records through the same pipeline as `kliping ingest` (a JSONL file of them), one batch at a time, in
    the server's ingest process (`_ingest_process`): cleaning and enriching are CPU work that, in the server's own
    process, would hold the interpreter lock against every read (p95 over 100 ms at 50 requests/s while 200
    articles went in); in a process of its own, at a lower priority, reads stay as fast as without it."""
    from concurrent.futures.process import BrokenProcessPool

    folder = Path(tempfile.mkdtemp(prefix="kliping-post-"))
    try:
        path = folder / f"post-{job}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        with state.write_lock:
            state.jobs[job] = "running"
            try:
                new, rejected = _ingest_process(state).submit(_ingest_file, str(state.db), str(path)).result()
            except BrokenProcessPool:  # the ingest process died (killed, out of memory): the next batch starts one
                state.ingest_pool = None
                raise
        state.jobs[job] = f"done: {new} new, {rejected} rejected"
    except Exception as e:  # a background failure must not kill the server: logged, and the job says so
        log.exception("ingest of job %s failed", job)
        state.jobs[job] = f"failed: {type(e).__name__}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _ingest_process(state: Any) -> ProcessPoolExecutor:
    """The server's one ingest process (started on the first POST, kept for the next ones: its models stay loaded).
    Spawned, not forked: the server has threads."""
    if getattr(state, "ingest_pool", None) is None:
        state.ingest_pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_lower_priority)
    return state.ingest_pool


def _lower_priority() -> None:
    """Reads come first: the ingest process yields the CPU to the server's."""
    with contextlib.suppress(AttributeError, OSError):  # no nice (Windows), or not allowed
        os.nice(10)


def _ingest_file(db: str, path: str) -> tuple[int, int]:
    """In the ingest process: `kliping ingest` of one JSONL file into the store; (new pages, rejected inputs)."""
    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor

    with Store(db) as store:
        res = ingest([path], store, LocalExecutor(workers=1))
    return res.pages_new, len(res.rejected)


@router.get("/api/jobs/{job}")
def job_status(job: str, request: Request) -> dict[str, Any]:
    status = request.app.state.jobs.get(job)
    if status is None:
        raise HTTPException(404, f"no job {job!r}")
    return {"job": job, "status": status}
