"""Ingestion: sources -> store -> per-outlet templates -> cleaning -> store. Idempotent and resumable.

The order of work is chosen so that a run killed at any moment (even by SIGKILL) loses nothing and a re-run gives
the same store as an uninterrupted run: pages are stored first (keyed by id, so re-adding is a no-op), templates
are learned from all stored pages of the outlets that got new pages (`Store.outlets_to_clean`), and only articles
that are missing, or were cleaned with another template, are cleaned again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kliping.analysis.stage import analyze_pending
from kliping.clean import templates
from kliping.clean.article import lacks_text
from kliping.corpus.stage import link_pending
from kliping.enrich.stage import ENRICH_VERSION
from kliping.errors import Rejected, Skipped
from kliping.model import Article, RawPage
from kliping.pipeline import Executor, LocalExecutor, Progress, article_stages
from kliping.sources import read_inputs
from kliping.sources.files import ReadOptions
from kliping.store import Store

PAGE_BATCH = 500


@dataclass
class IngestResult:
    pages_read: int = 0
    pages_new: int = 0
    pages_updated: int = 0  # stored ids given again with other content: replaced, cleaned and linked again
    pages_copies: int = 0  # pages already stored, found at another path (listed in the article's `sources`)
    pages_unchanged: int = 0  # pages already stored, read again from the same path
    cleaned: int = 0
    linked: int = 0  # articles the corpus stages (duplicates, events) linked in this run
    merged: int = 0  # events merged into others in this run (`EventIndex.consolidate`)
    analysed: int = 0  # events whose analysis this run computed (new or changed events)
    analysis_failed: list[str] = field(default_factory=list)  # events whose analysis raised (a bug): "E12: error"
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files a folder scan passed over (other file types)
    notices: list[str] = field(default_factory=list)  # what the user should know: a store whose events were rebuilt

    def add(self, counts: dict[str, int]) -> None:
        self.pages_new += counts["new"]
        self.pages_updated += counts["updated"]
        self.pages_copies += counts["copies"]
        self.pages_unchanged += counts["unchanged"]


OPTIMIZE_AFTER = 10_000  # articles linked in one run, after which the store's indexes are tidied (`Store.optimize`)


def ingest(paths: Iterable[str], store: Store, executor: Executor | None = None,
           on_reject: Callable[[Rejected], None] | None = None, progress: Progress | None = None,
           options: ReadOptions | None = None, items: Iterable[RawPage | Rejected | Skipped] | None = None
           ) -> IngestResult:
    """Read `paths` (or take `items`, pages a source already read, e.g. fetched ones) into the store, then clean,
    link and analyse every page still pending."""
    res = IngestResult()
    progress = progress or Progress()
    executor = executor or LocalExecutor()

    def reject(r: Rejected) -> None:
        res.rejected.append(r)
        if on_reject:
            on_reject(r)

    progress.start("read", None)
    batch: list[tuple[RawPage, str]] = []
    for item in read_inputs(paths, options) if items is None else items:
        if isinstance(item, Skipped):
            res.skipped.append(item)
            continue
        if isinstance(item, Rejected):
            reject(item)
            continue
        res.pages_read += 1
        batch.append((item, templates.outlet_key(Article.from_page(item))))
        progress.advance("read")
        if len(batch) >= PAGE_BATCH:
            res.add(store.add_pages(batch))
            batch.clear()
    if batch:
        res.add(store.add_pages(batch))
    progress.done("read")
    before = len(res.rejected)
    # One pool for the per-article stages and the events' analyses (a local executor not kept by the caller yet):
    # its workers start, and load their models, once.
    local = executor if isinstance(executor, LocalExecutor) else None
    with local if local is not None and not local.kept else contextlib.nullcontext():
        res.cleaned = clean_pending(store, executor, progress, reject)
        # Pages with no article text were stored, then rejected and forgotten: they are not new pages of the store.
        res.pages_new = max(0, res.pages_new - (len(res.rejected) - before))
        linked: list[Article] = []
        res.linked, res.merged = link_pending(store, progress, linked, res.notices)
        res.analysed = analyze_pending(store, progress, {a.id: a for a in linked}, res.analysis_failed, local)
    if res.linked >= OPTIMIZE_AFTER:
        store.optimize()  # a large ingest leaves the full-text index in many segments: searches read them all
    return res


def clean_pending(store: Store, executor: Executor, progress: Progress | None = None,
                  on_reject: Callable[[Rejected], None] | None = None) -> int:
    """Clean every stored page whose article is missing or was cleaned with an outdated outlet template. A page
    with no article text after cleaning (`clean.article.MIN_ARTICLE_WORDS`) is rejected and forgotten."""
    progress = progress or Progress()
    version = f"/e{ENRICH_VERSION}"
    # Only the outlets with new (or updated) pages are read and learned again: an outlet's template depends on its
    # own pages alone, so the others' articles stand. Each is learned from its TEMPLATE_PAGES most recent pages, and
    # only those are cleaned again when its template changes (besides new pages, and any page of an older
    # enrichment version): a run costs what it brings, not what the store holds (a stream touches every outlet in
    # every run, and reading all their pages grew each run with the store).
    outlets = store.outlets_to_clean(version)
    if not outlets:
        return 0
    pages, window = store.pages_to_clean(outlets, templates.TEMPLATE_PAGES, version)
    in_window = set(window)
    learned = templates.learn(a for a in pages if a.id in in_window)
    sigs = {key: templates.signature(lines) for key, lines in learned.items()}
    done = store.template_sigs_of(a.id for a in pages)
    todo: list[tuple[Article, str]] = []
    for art in pages:
        # What an article was processed with: its outlet's template, and the enrichment version.
        sig = (sigs.get(templates.outlet_key(art), "") if art.kind == "text" else "") + version
        if done.get(art.id) != sig:
            todo.append((templates.attach(art, learned), sig))
    if not todo:
        store.outlets_cleaned(outlets)
        return 0
    sig_of = {a.id: s for a, s in todo}
    key_of = {a.id: templates.outlet_key(a) for a, _ in todo}  # as stored with the page (before cleaning)
    progress.start("clean", len(todo))
    n = 0
    dropped: set[str] = set()  # outlets whose template was learned with a page dropped now: learned again next run
    for chunk in executor.map_chunks(article_stages(), [a for a, _ in todo]):
        empty = {a.id: why for a in chunk if (why := lacks_text(a))}
        store.put_articles((a, sig_of[a.id]) for a in chunk if a.id not in empty)
        if empty:
            store.drop_pages(empty)
            for a in chunk:
                if a.id in empty:
                    dropped.add(key_of[a.id])
                    if on_reject:
                        on_reject(Rejected(a.source, empty[a.id]))
        n += len(chunk) - len(empty)
        progress.advance("clean", len(chunk))
    store.outlets_cleaned(set(outlets) - dropped)
    progress.done("clean")
    return n
