"""The Python API (`kliping.analyze`, `kliping.clean`, `kliping.annotate`): the pipeline as functions, for people who
use Kliping from Python as they would trafilatura's `extract`.

The CLI commands `kliping analyze` and `kliping annotate` call the functions here (`analyze_into`, `annotate_pages`),
so the library and the command line are one implementation. This module is imported lazily by `kliping/__init__.py`
and imports the pipeline lazily itself: `import kliping` stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kliping.errors import Rejected

if TYPE_CHECKING:
    from kliping.ingest import IngestResult
    from kliping.model import Article, RawPage
    from kliping.pipeline import Executor, Progress
    from kliping.sources.files import ReadOptions
    from kliping.store import Store


@dataclass
class Event:
    """One event of a report: the articles (ids) that report it and its analysis.

    A small dataclass rather than a TypedDict so that `event.title` reads like `article.title`. The analysis parts
    (`timeline`, `comparison`, `quotes`, `summary`, `provenance`, `entities`) stay the plain JSON values of
    report.json, as `schema/report.schema.json` documents them: typing each nested shape here would be a second
    copy of the schema to keep in step.
    """

    id: str
    title: str | None = None
    date: str | None = None
    places: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    merged_from: list[str] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    comparison: dict[str, Any] = field(default_factory=dict)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """The event as report.json holds it (keys the dataclass does not know are left out)."""
        return cls(**{f.name: d[f.name] for f in fields(cls) if f.name in d})


@dataclass
class Storyline:
    """Events that continue one another (ids), with the storyline's timeline and cited summary (JSON as in
    report.json, for the reason `Event` gives)."""

    id: str
    title: str | None = None
    events: list[str] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Storyline:
        return cls(**{f.name: d[f.name] for f in fields(cls) if f.name in d})


@dataclass
class Report:
    """What `kliping analyze` finds: the articles (full `Article` records), events and storylines, and the inputs
    rejected. `to_dict()` is report.json as `kliping analyze --out DIR` writes it."""

    articles: list[Article]
    events: list[Event]
    storylines: list[Storyline]
    rejected: list[Rejected]
    _data: dict[str, Any] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """report.json, as a dict. Not a copy (a report of thousands of articles is large, and the CLI writes this
        very dict): the events' and storylines' lists are shared with it, so copy it before changing it."""
        return self._data


def _raise(rejected: Rejected) -> None:
    raise ValueError(str(rejected))


def analyze_into(paths: Iterable[str], store: Store, executor: Executor | None = None,
                 on_reject: Callable[[Rejected], None] | None = None, progress: Progress | None = None,
                 options: ReadOptions | None = None) -> tuple[Report, IngestResult]:
    """Ingest `paths` into `store` and build the report from everything the store holds (what `kliping analyze`
    and `kliping.analyze` both do)."""
    from kliping.ingest import ingest
    from kliping.report import build_report

    res = ingest(paths, store, executor, on_reject=on_reject, progress=progress, options=options)
    articles = list(store.articles())
    data = build_report(store, res.rejected, articles=articles)
    report = Report(articles=articles, events=[Event.from_dict(e) for e in data["events"]],
                    storylines=[Storyline.from_dict(s) for s in data["storylines"]], rejected=list(res.rejected),
                    _data=data)
    return report, res


def analyze(inputs: Iterable[str | Path] | str | Path, *, db: str | Path | None = None,
            workers: int | None = None) -> Report:
    """Analyze pages (files, folders read recursively) as `kliping analyze PATH...` does.

    `db` is a store to add to (kept, and re-analysing it adds only new pages); without it the store is in memory
    and gone when the call returns. Inputs that cannot be read are listed in `report.rejected`, as the CLI lists
    them, rather than raised: one bad file among a thousand should not lose the other 999.
    """
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    paths = [str(inputs)] if isinstance(inputs, str | Path) else [str(p) for p in inputs]
    with Store(":memory:" if db is None else db) as store:
        report, _ = analyze_into(paths, store, LocalExecutor(workers=workers))
    return report


def annotate_pages(items: Iterable[RawPage | Rejected], on_reject: Callable[[Rejected], None],
                   executor: Executor, progress: Callable[[int], None] | None = None,
                   batch_size: int | None = None) -> Iterator[Article]:
    """Clean and enrich pages as they come, in input order, a batch at a time (so a process pool stays busy and an
    endless stream needs little memory). A Rejected, or a page with no text left after cleaning, goes to
    `on_reject` and the stream goes on."""
    from kliping.annotate import BATCH
    from kliping.clean.article import lacks_text
    from kliping.model import Article
    from kliping.pipeline import article_stages

    size = batch_size or BATCH
    batch: list[Article] = []
    stages = article_stages(vectors=False)  # the annotations have no vectors: not computed

    def flush() -> Iterator[Article]:
        for chunk in executor.map_chunks(stages, batch):
            for art in chunk:
                # A record is annotated however short (people annotate single sentences); one with no text left
                # after cleaning (a script-only page) has nothing to annotate.
                why = lacks_text(art, minimum=1)
                if why:
                    on_reject(Rejected(art.source, why))
                    continue
                yield art
            if progress:
                progress(len(chunk))
        batch.clear()

    with executor:
        for item in items:
            if isinstance(item, Rejected):
                on_reject(item)
                continue
            batch.append(Article.from_page(item))
            if len(batch) >= size:
                yield from flush()
        if batch:
            yield from flush()


def annotate(records: Iterable[dict[str, Any]], *, on_reject: Callable[[Rejected], None] | None = None,
             workers: int | None = None) -> Iterator[Article]:
    """Clean and enrich records (dicts as the JSONL lines of `kliping annotate`: `id`, `text` or `html`, optional
    `url`, `title`, `published`, `outlet`, `clean`), yielding one Article per record as it is ready.

    A generator: records are read as the articles are consumed, so an endless feed works. A bad record raises
    ValueError naming it, unless `on_reject` is given (then it receives the Rejected and the stream goes on).
    """
    from kliping.pipeline import LocalExecutor
    from kliping.sources.files import record_to_page

    def pages() -> Iterator[RawPage | Rejected]:
        for n, rec in enumerate(records, 1):
            if not isinstance(rec, dict):
                yield Rejected("<records>", f"a record must be a dict, not {type(rec).__name__}", n)
                continue
            yield record_to_page(rec, "<records>", n)

    return annotate_pages(pages(), on_reject or _raise, LocalExecutor(workers=workers))


def clean(text: str | None = None, html: str | None = None, url: str | None = None) -> Article:
    """One page (its text as copied from a browser, or its HTML) cleaned and enriched: title, published time,
    authors, body, entities, dates, quotes.

    `url` only labels the page (its outlet is the URL's host); it is never fetched: text from the web is hostile,
    and Kliping fetches only on request (`kliping fetch`).
    """
    from kliping.model import RawPage, content_id
    from kliping.pipeline import LocalExecutor

    if (text is None) == (html is None):
        raise ValueError("kliping.clean: give exactly one of text= or html= (url= only labels the page)")
    body = text if text is not None else html
    if not isinstance(body, str) or not body.strip():
        raise ValueError(f"kliping.clean: {'text' if text is not None else 'html'}= is empty; give the page's content")
    if url is not None and not isinstance(url, str):
        raise ValueError(f"kliping.clean: url= must be a string, not {type(url).__name__}")
    pid = content_id(body)
    page = RawPage(id=pid, source=url or f"<{'text' if text is not None else 'html'}>", content=body,
                   kind="text" if text is not None else "html", url=url)
    return next(annotate_pages([page], _raise, LocalExecutor(workers=1)))
