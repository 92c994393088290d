"""Watching feeds and sitemaps, fetching pages: web pages in, the same pipeline as `kliping ingest` out.

Every fetched page is stored the moment it arrives (one commit each), and cleaning, linking and analysis then run on
whatever is pending, as `ingest` does: a run stopped at any point (Ctrl-C, even SIGKILL) keeps what it stored, and
the next run fetches only what is still missing and cleans what was left uncleaned.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kliping.clean import templates
from kliping.errors import Rejected
from kliping.ingest import IngestResult, ingest
from kliping.model import Article, RawPage
from kliping.pipeline import LocalExecutor, Progress
from kliping.sources.discover import NotAListing, read_listing
from kliping.sources.files import ReadOptions, page_from_bytes
from kliping.sources.web import FetchFailed, Refused, WebClient, check_url
from kliping.store import Store

MAX_SITEMAP_DEPTH = 2  # an index of sitemaps of sitemaps is the deepest real sites go
WEB_TYPES = ("html", "xhtml", "text/plain")


def page_id(url: str) -> str:
    """A fetched page's id: from its URL, so the page is known before it is fetched again."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


@dataclass
class PollResult:
    listings_unchanged: int = 0  # feeds that answered 304
    pages_known: int = 0  # links already in the store, not fetched
    pages_disallowed: int = 0  # links robots.txt disallows
    pages_fetched: int = 0
    pages_new: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    ingest: IngestResult | None = None


@dataclass
class Watcher:
    store: Store
    client: WebClient
    options: ReadOptions = field(default_factory=ReadOptions)
    on_reject: Callable[[Rejected], None] | None = None
    on_note: Callable[[str], None] | None = None
    max_pages: int | None = None
    hints: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # url -> (title, published)

    def _reject(self, res: PollResult, src: str, reason: str) -> None:
        r = Rejected(src, reason)
        res.rejected.append(r)
        if self.on_reject:
            self.on_reject(r)

    def _refused(self, res: PollResult, e: Refused) -> None:
        r = Rejected(e.url, e.reason)
        res.rejected.append(r)
        if self.on_note:
            self.on_note(f"refused {e}")

    def _allowed(self, res: PollResult, url: str) -> bool:
        """Checked before robots.txt is asked, so a refused URL costs no request at all."""
        check_url(url, self.client.allow_private, self.client.resolver)
        if self.client.allowed(url):
            return True
        res.pages_disallowed += 1
        if self.on_note:
            self.on_note(f"skipped {url}: disallowed by robots.txt")
        return False

    def listing_links(self, url: str, res: PollResult, depth: int = 0) -> list[str]:
        """The page links of a feed or sitemap; a feed is fetched conditionally (ETag / Last-Modified from the
        store), so one that has not changed costs one request and lists nothing."""
        try:
            if not self._allowed(res, url):
                return []
            etag, modified = self.store.feed_state(url)
            headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
            r = self.client.get(url, headers=headers)
            if r.status == 304:
                res.listings_unchanged += 1
                return []
            listing = read_listing(r.body, r.url)
        except Refused as e:
            self._refused(res, e)
            return []
        except (FetchFailed, NotAListing) as e:
            self._reject(res, url, str(e.args[0]) if isinstance(e, NotAListing) else e.reason)
            return []
        links = list(listing.pages)
        self.hints.update(listing.hints)
        for child in listing.sitemaps:
            if depth < MAX_SITEMAP_DEPTH:
                links += self.listing_links(child, res, depth + 1)
        # Kept only once the listing was read: a failure above leaves the old validators for the next poll.
        self.store.put_feed_state(url, r.headers.get("etag"), r.headers.get("last-modified"))
        return links

    def fetch_page(self, url: str, res: PollResult) -> None:
        """Fetch one page (unless known or disallowed) and store it as the RawPage its HTML file would give."""
        pid = page_id(url)
        if self.store.has_page(pid, url):
            res.pages_known += 1
            return
        try:
            if not self._allowed(res, url):
                return
            r = self.client.get(url)
        except Refused as e:
            self._refused(res, e)
            return
        except FetchFailed as e:
            self._reject(res, url, e.reason)
            return
        res.pages_fetched += 1
        ctype = r.headers.get("content-type", "").lower()
        if ctype and not any(t in ctype for t in WEB_TYPES):
            self._reject(res, url, f"not a web page ({ctype.split(';')[0]})")
            return
        for item in page_from_bytes(r.body, url, kind="html" if "html" in ctype else None, options=self.options,
                                    url=r.url):
            if isinstance(item, RawPage):
                item.id = pid if item.source == url else item.id  # a feed's items keep their own ids
                _, published = self.hints.get(url, (None, None))
                if not item.published and published and not _dated_in_page(r.body):
                    item.published = published  # the page's own date first; the listing's fills a gap
                counts = self.store.add_pages([(item, templates.outlet_key(Article.from_page(item)))])
                res.pages_new += counts["new"]
            elif isinstance(item, Rejected):
                self._reject(res, item.source, item.reason)

    def poll(self, urls: Iterable[str], pages: Iterable[str] = (), executor: LocalExecutor | None = None,
             progress: Progress | None = None) -> PollResult:
        """Read every listing in `urls`, fetch its new links (at most `max_pages`) and the single `pages`, then
        clean, link and analyse what is pending."""
        res = PollResult()
        todo = list(dict.fromkeys([*(link for u in urls for link in self.listing_links(u, res)), *pages]))
        for link in todo:
            if self.max_pages is not None and res.pages_fetched >= self.max_pages:
                break
            self.fetch_page(link, res)

        def rejected(r: Rejected) -> None:
            res.rejected.append(r)
            if self.on_reject:
                self.on_reject(r)

        res.ingest = ingest([], self.store, executor or LocalExecutor(workers=1), on_reject=rejected,
                            progress=progress, items=())
        res.pages_new = max(0, res.pages_new - len(res.ingest.rejected))
        return res


_PAGE_DATE = re.compile(rb"(?i)(article:published_time|datePublished|pubdate|publish[_-]?date|dc\.date)")


def _dated_in_page(body: bytes) -> bool:
    """True when the page's HTML carries its own publication date (meta tag or JSON-LD), which cleaning reads: a
    date from the listing would override it, so it is given only to pages that have none."""
    return bool(_PAGE_DATE.search(body[:200_000]))
