"""RSS, Atom and RDF feed files: each item that carries its article's text becomes a page.

A feed read from a file is a list of links with, at best, the articles' text inside (`content:encoded`, Atom
`content`). Items with only a summary are not articles: their text is at the link, and Kliping never fetches a URL
a file names unless the user asks. They are counted in one line for the whole feed, not one line each.

feedparser reads every dialect (RSS 0.9x-2.0, RDF, Atom 0.3/1.0), their dates and encodings, and sanitises the
HTML it returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kliping.errors import Rejected
from kliping.model import RawPage, content_id

if TYPE_CHECKING:
    from kliping.sources.files import Item, ReadOptions

# An item's description is taken as the article's text only when it is this long: feeds that put the whole
# article there exist (small WordPress sites), but a summary is one to three sentences, 20-60 words.
MIN_DESCRIPTION_WORDS = 80


def _words(html: str) -> int:
    import re

    return len(re.sub(r"<[^>]+>", " ", html).split())


def _item_body(entry: Any) -> str | None:
    """The item's article text (HTML), or None when it holds only a summary."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return str(value)
    summary = entry.get("summary") or ""
    return str(summary) if _words(summary) >= MIN_DESCRIPTION_WORDS else None


def read_feed(data: bytes, src: str, opts: ReadOptions) -> Iterator[Item]:
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as e:  # a third-party parser on hostile bytes: any failure is "not a readable feed"
        yield Rejected(src, f"not a readable feed: {type(e).__name__}")
        return
    entries = list(feed.get("entries") or [])
    if not entries:
        yield Rejected(src, "a feed with no items")
        return
    site = (feed.get("feed") or {}).get("title")
    summaries = 0
    for n, entry in enumerate(entries, 1):
        body = _item_body(entry)
        if body is None:
            summaries += 1
            continue
        link = entry.get("link") or None
        rid = str(entry.get("id") or link or content_id(body))[:500]
        title = entry.get("title") or None
        html = f"<html><head><title></title></head><body><article>{body}</article></body></html>"
        yield RawPage(id=rid, source=f"{src}#item{n}", content=html, kind="html", url=link,
                      title=" ".join(str(title).split()) or None if title else None,
                      published=entry.get("published") or entry.get("updated") or None,
                      outlet=str(site) if site and not link else None, tz=opts.tz, date_format=opts.date_format)
    if summaries:
        yield Rejected(src, f"{summaries} of {len(entries)} feed items hold only a summary, not the article: "
                            "skipped (Kliping does not fetch the links a file names)")
