"""`kliping serve`: the web app (server-rendered pages, `pages.py`) and JSON API (`api.py`) over one store.

One process: reads open their own read-only SQLite connection per request (the store is in WAL mode, so a running
ingest never blocks a page); writes (`POST /api/articles`) need the token and run one at a time in the background.
Every error is a 4xx with a one-line JSON body (`{"error": "..."}`) on the API, a small HTML page with the same
status and line on a page's path (`pages.is_page`), never a traceback. Every response carries a
Content-Security-Policy without scripts: the pages have no JavaScript.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kliping import __version__
from kliping.store import Store

log = logging.getLogger("kliping.serve")

# No script at all; styles from our own stylesheet only (the templates have no style attribute: tested); no frames,
# no plugins, forms only to us.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


def create_app(db: Path, token: str | None) -> FastAPI:
    """The app over the store `db` (created when missing, so the server can start empty and be fed by POST).
    `token`: the bearer token writes need; None makes the server read-only."""
    from kliping.serve import api, pages

    Store(db).close()  # creates or migrates the store and sets WAL mode, once, before any reader opens it
    app = FastAPI(title="Kliping", version=__version__, docs_url=None, redoc_url=None,
                  description="Kliping's store: events, storylines, articles and keyword search.")
    app.state.db = Path(db)
    app.state.token = token or None
    app.state.write_lock = threading.Lock()  # one ingest at a time: the store has one writer
    app.state.jobs = {}  # job id -> status of POSTed batches
    app.state.ingest_pool = None  # the process POSTed batches are ingested in (`api._ingest_process`)

    def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
        return JSONResponse({"error": " ".join(str(message).split())}, status_code=status, headers=headers)

    def fail(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        """An error: an HTML page on a page's path (a person is reading), one line of JSON elsewhere."""
        if pages.is_page(request.url.path):
            try:
                page = pages.error_page(request, status, " ".join(str(message).split()))
            except Exception:  # the error page itself failed: the JSON line still tells what happened
                log.exception("error page failed on %s", request.url.path)
            else:
                if headers:
                    page.headers.update(headers)
                return page
        return error(status, message, headers)

    app.add_middleware(SecurityHeaders, error=fail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return fail(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "path", "body"))
        msg = str(first.get("msg", "invalid value"))
        return fail(request, 422, f"{where}: {msg}" if where else msg)

    @app.exception_handler(sqlite3.OperationalError)
    async def store_busy(request: Request, exc: sqlite3.OperationalError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return fail(request, 503, f"the store cannot be read now ({exc}); try again")

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("kliping").joinpath("serve/static"))),
              name="static")
    return app


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response, and turns a bug (an exception no handler took) into a one-line JSON 500
    (an HTML page on a page's path) carrying them, the traceback in the log. A plain ASGI middleware: Starlette's
    `BaseHTTPMiddleware` runs each request in a task of its own, a cost every request paid."""

    def __init__(self, app: ASGIApp, error: Callable[[Request, int, str], Response]) -> None:
        self.app = app
        self.error = error
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.headers if h[0] not in have)]
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception as exc:
            log.exception("internal error on %s", scope.get("path"))
            if started:  # the answer is under way: nothing sound can be sent now; the client sees it cut
                raise
            response = self.error(Request(scope), 500,
                                  f"internal error (a bug: please report it): {type(exc).__name__}")
            await response(scope, receive, with_headers)


def reader(request: Request) -> Iterator[Store]:
    """A request's own read-only connection to the store (a FastAPI dependency)."""
    try:
        store = Store.reader(request.app.state.db)
    except sqlite3.Error as e:
        raise HTTPException(503, f"the store cannot be opened ({e})") from e
    try:
        yield store
    finally:
        store.close()
