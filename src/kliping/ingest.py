"""Ingestion: sources -> store -> per-outlet templates -> cleaning -> store. Idempotent and resumable.

The order of work is chosen so that a run killed at any moment (even by SIGKILL) loses nothing and a re-run gives
the same store as an uninterrupted run: pages are stored first (keyed by id, so re-adding is a no-op), templates
are learned from all stored pages, and only articles that are missing, or were cleaned with another template, are
cleaned again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kliping.clean import clean_article, templates
from kliping.corpus.stage import link_pending
from kliping.enrich.stage import ENRICH_VERSION, enrich_article
from kliping.errors import Rejected
from kliping.model import Article, RawPage
from kliping.pipeline import LocalExecutor
from kliping.sources import read_inputs
from kliping.store import Store

PAGE_BATCH = 500


@dataclass
class IngestResult:
    pages_read: int = 0
    pages_new: int = 0
    cleaned: int = 0
    linked: int = 0  # articles the corpus stages (duplicates, events) linked in this run
    merged: int = 0  # events merged into others in this run (`EventIndex.consolidate`)
    rejected: list[Rejected] = field(default_factory=list)


class Progress:
    """What ingestion reports while it works (the CLI shows it as Rich bars; tests pass nothing)."""

    def start(self, task: str, total: int | None) -> None: ...

    def advance(self, task: str, n: int = 1) -> None: ...

    def done(self, task: str) -> None: ...


def ingest(paths: Iterable[str], store: Store, executor: LocalExecutor | None = None,
           on_reject: Callable[[Rejected], None] | None = None, progress: Progress | None = None) -> IngestResult:
    res = IngestResult()
    progress = progress or Progress()
    executor = executor or LocalExecutor()
    progress.start("read", None)
    batch: list[tuple[RawPage, str]] = []
    for item in read_inputs(paths):
        if isinstance(item, Rejected):
            res.rejected.append(item)
            if on_reject:
                on_reject(item)
            continue
        res.pages_read += 1
        batch.append((item, templates.outlet_key(Article.from_page(item))))
        progress.advance("read")
        if len(batch) >= PAGE_BATCH:
            res.pages_new += store.add_pages(batch)
            batch.clear()
    if batch:
        res.pages_new += store.add_pages(batch)
    progress.done("read")
    res.cleaned = clean_pending(store, executor, progress)
    progress.start("link", None)
    res.linked, res.merged = link_pending(store)
    progress.done("link")
    return res


def clean_pending(store: Store, executor: LocalExecutor, progress: Progress | None = None) -> int:
    """Clean every stored page whose article is missing or was cleaned with an outdated outlet template."""
    progress = progress or Progress()
    pages = list(store.pages())
    learned = templates.learn(pages)
    sigs = {key: templates.signature(lines) for key, lines in learned.items()}
    done = store.template_sigs()
    todo: list[tuple[Article, str]] = []
    for art in pages:
        # What an article was processed with: its outlet's template, and the enrichment version.
        sig = (sigs.get(templates.outlet_key(art), "") if art.kind == "text" else "") + f"/e{ENRICH_VERSION}"
        if done.get(art.id) != sig:
            todo.append((templates.attach(art, learned), sig))
    if not todo:
        return 0
    sig_of = {a.id: s for a, s in todo}
    progress.start("clean", len(todo))
    n = 0
    for chunk in executor.map_chunks([clean_article, enrich_article], [a for a, _ in todo]):
        store.put_articles((a, sig_of[a.id]) for a in chunk)
        n += len(chunk)
        progress.advance("clean", len(chunk))
    progress.done("clean")
    return n
