"""The web pages, rendered on the server (Jinja2, autoescape on; no JavaScript).

Every string shown came from a web page: nothing is marked safe. Highlights are (piece, highlighted) pairs that the
template escapes one by one (`report.highlight`); links are built here from ids (quoted) or are an article's URL
when, and only when, it is http or https.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from kliping.report import analysis_view, highlight, paragraph_pieces, plural, readable_date, storyline_view
from kliping.serve import data
from kliping.serve.api import Day, Limit, Offset, Reader, Text

router = APIRouter(include_in_schema=False)
PAGE = 20  # items a page lists


def _href_id(value: Any) -> str:
    """An id as one path segment (an id may hold '/', '?' or '#')."""
    return quote(str(value), safe="")


def web_url(url: Any) -> str | None:
    """The URL when it is an http(s) URL with a host, else None (`javascript:`, `data:` never become links)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _date(value: Any) -> str:
    shown = readable_date(value)
    return shown[1] if shown else str(value or "")


_env = Environment(loader=PackageLoader("kliping", "serve/templates"), autoescape=select_autoescape(default=True))
_env.filters.update(id=_href_id, web_url=web_url, date=_date, plural=plural)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(name).render(request=request, **context), status_code=status)


def not_found(request: Request, message: str) -> Response:
    return render(request, "error.html", status=404, message=message)


def _pager(request: Request, total: int, limit: int, offset: int) -> dict[str, Any]:
    """Links to the previous and next pages: the same query string with another offset."""
    def at(off: int) -> str:
        params = dict(request.query_params)
        params["offset"] = str(off)
        return "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())

    return {"total": total, "first": offset + 1 if total else 0, "last": min(total, offset + limit),
            "prev": at(max(0, offset - limit)) if offset > 0 else None,
            "next": at(offset + limit) if offset + limit < total else None}


@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: Reader, q: Text = None, outlet: Text = None, since: Day = None,
          until: Day = None, language: Text = None, limit: Limit = PAGE,
          offset: Offset = 0) -> Response:
    found = data.list_events(store, q, outlet, since, until, language)
    return render(request, "index.html", events=found[offset:offset + limit],
                  pager=_pager(request, len(found), limit, offset),
                  form={"q": q or "", "outlet": outlet or "", "since": since or "", "until": until or "",
                        "language": language or ""})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: Reader) -> Response:
    event, into = data.find_event(store, event_id)
    if event is None:
        if into:
            return RedirectResponse(f"/events/{_href_id(into)}", status_code=307)
        raise HTTPException(404, f"no event {event_id!r}")
    articles = event["articles"]
    cite = {a["id"]: k for k, a in enumerate(articles, 1)}
    return render(request, "event.html", event=event, view=analysis_view(event), articles=articles, cite=cite,
                  outlet_of={a["id"]: a["outlet"] for a in articles})


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline_page(request: Request, storyline_id: str, store: Reader) -> Response:
    s = data.find_storyline(store, storyline_id)
    if s is None:
        raise HTTPException(404, f"no storyline {storyline_id!r}")
    return render(request, "storyline.html", storyline=s, view=storyline_view(s))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: Reader) -> Response:
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    art = found.to_report()
    paragraphs = paragraph_pieces(art) or [[(p, False)] for p in art.get("paragraphs") or [] if isinstance(p, str)]
    return render(request, "article.html", article=art, paragraphs=paragraphs)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: Reader, q: Text = None, limit: Limit = PAGE,
                offset: Offset = 0) -> Response:
    hits: list[dict[str, Any]] = []
    total, problem = 0, None
    if q and q.strip():
        try:
            hits, total = data.search(store, q, limit, offset)
        except data.BadQuery as e:
            problem = str(e)
    for h in hits:
        h["pieces"] = highlight(h["snippet"], [tuple(m) for m in h["matches"]])
    return render(request, "search.html", q=q or "", hits=hits, problem=problem,
                  pager=_pager(request, total, limit, offset))
