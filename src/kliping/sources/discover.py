"""The links a watched URL lists: an RSS/Atom/RDF feed (feedparser), a sitemap or news sitemap, or a sitemap index
(whose sitemaps are read in turn by the caller).

Sitemaps are parsed with the standard library's ElementTree: it never loads external entities, and a document that
declares entities at all is refused (no sitemap needs them; they are how "billion laughs" bombs are built).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urljoin


class NotAListing(ValueError):
    """A watched URL whose body is neither a feed nor a sitemap."""


@dataclass
class Listing:
    pages: list[str] = field(default_factory=list)  # article URLs, in the listing's order
    sitemaps: list[str] = field(default_factory=list)  # child sitemaps of a sitemap index
    # What the listing itself says of a page, (title, published as written): a feed item's title and date, a news
    # sitemap's <news:title> and <news:publication_date>. Used only where the page itself says nothing.
    hints: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _sitemap(data: bytes, base: str) -> Listing | None:
    head = data[:2048].lower()
    if b"<urlset" not in head and b"<sitemapindex" not in head:
        return None
    if b"<!entity" in data[:65536].lower():
        raise NotAListing("a sitemap that declares XML entities: refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise NotAListing(f"not a readable sitemap: {e}") from e
    out = Listing()
    into = out.sitemaps if _local(root.tag) == "sitemapindex" else out.pages
    for entry in root:
        loc = next((urljoin(base, c.text.strip()) for c in entry if _local(c.tag) == "loc" and c.text
                    and c.text.strip()), None)
        if loc is None:
            continue
        into.append(loc)
        news = {_local(x.tag): (x.text or "").strip() for c in entry if _local(c.tag) == "news" for x in c.iter()}
        lastmod = next(((c.text or "").strip() for c in entry if _local(c.tag) == "lastmod"), "")
        if news.get("title") or news.get("publication_date") or lastmod:
            out.hints[loc] = (news.get("title") or None, news.get("publication_date") or lastmod or None)
    return out


def read_listing(data: bytes, base: str) -> Listing:
    """The links `data` (fetched from `base`) lists; raises `NotAListing` when it is no feed or sitemap."""
    found = _sitemap(data, base)
    if found is not None:
        return found
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as e:  # a third-party parser on hostile bytes: any failure is "not a readable feed"
        raise NotAListing(f"not a readable feed: {type(e).__name__}") from e
    entries = list(feed.get("entries") or [])
    if not entries:
        why = feed.get("bozo_exception")
        raise NotAListing(f"not a feed or sitemap{f' ({why})' if why else ''}: no items")
    out = Listing()
    for entry in entries:
        if not entry.get("link"):
            continue
        link = urljoin(base, str(entry.get("link")))
        if link not in out.hints:
            out.pages.append(link)
            out.hints[link] = (str(entry.get("title") or "").strip() or None,
                               str(entry.get("published") or entry.get("updated") or "").strip() or None)
    return out
