"""The web pages, rendered on the server (Jinja2, autoescape on; no JavaScript).

Every string shown came from a web page: nothing is marked safe. Highlights are (piece, highlighted) pairs that the
template escapes one by one (`report.highlight`; the article text's annotations are `views.annotated_paragraphs`
pieces, escaped alike); links are built here from ids (quoted) or are an article's URL
when, and only when, it is http or https.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from kliping.model import Article
from kliping.report import (
    QUOTES_OPEN,
    UNIQUE_OPEN,
    _percent,
    analysis_view,
    highlight,
    plural,
    readable_date,
    storyline_view,
)
from kliping.serve import data, views
from kliping.serve.api import Day, Limit, Offset, Reader, Text
from kliping.store import Store

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


# What an error page's heading says, by status (the message below it says what went wrong and what to do).
ERROR_TITLES = {400: "Bad request", 404: "Not found", 405: "Not allowed", 413: "Too large", 422: "Bad request",
                500: "Something went wrong", 503: "Busy"}


def is_page(path: str) -> bool:
    """Whether a path is a page (an error there is an HTML page) rather than the API, the health check or a static
    file (an error there is one line of JSON, for programs)."""
    return not path.startswith(("/api/", "/health", "/static/", "/openapi.json"))


def error_page(request: Request, status: int, message: str) -> Response:
    """An error as a page a person reads: the status, one line of what went wrong, links onwards."""
    title = ERROR_TITLES.get(status, "Error" if status >= 500 else "Bad request")
    return render(request, "error.html", status=status, code=status, heading=title, message=message)


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
                  outlet_of={a["id"]: a["outlet"] for a in articles},
                  open={"unique": UNIQUE_OPEN, "quotes": QUOTES_OPEN})


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
    paragraphs = views.annotated_paragraphs(art)
    event = store.event_record(found.event) if found.event else None
    return render(request, "article.html", article=art, paragraphs=paragraphs, legend=views.legend(paragraphs),
                  event_title=(event or {}).get("title"),
                  related=_related(store, found), copy_percent=_percent((art.get("copy_of") or {}).get("overlap")))


def _related(store: Store, article: Article) -> dict[str, Any]:
    """The articles this one is linked with: what it duplicates or copies (ids and outlets, read from the store),
    and the articles of its event that duplicate or copy it (copies join their source's event, `corpus/`)."""
    ids = [i for i in (article.duplicate_of, article.copy_of.id if article.copy_of else None) if i]
    others = store.articles_of_event(article.event) if article.event else []
    known = {a.id: a for a in [*others, *store.articles_by_id([i for i in ids if i not in {a.id for a in others}])]}

    def brief(a: Article, **more: Any) -> dict[str, Any]:
        return {"id": a.id, "title": a.title, "outlet": a.outlet, **more}

    return {
        "of": {i: brief(known[i]) if i in known else {"id": i, "title": None, "outlet": None} for i in ids},
        "duplicates": [brief(a) for a in others if a.duplicate_of == article.id],
        "copies": [brief(a, percent=_percent(a.copy_of.overlap), credited=a.copy_of.credited)
                   for a in others if a.copy_of and a.copy_of.id == article.id],
    }


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
