"""`kliping annotate`: the per-article stages (clean, enrich) streamed over JSONL records, without a store or the
corpus stages, for people who feed Kliping's annotations into their own pipelines.

Records follow the input contract of DESIGN.md (`id`, `text` or `html`, optional `url`, `title`, `published`,
`outlet`, `clean`). Output is one JSON object per input record, in input order: the article as `report.json`
shows it. A bad record is reported (one line) and skipped; the stream goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kliping.clean import clean_article
from kliping.clean.article import lacks_text
from kliping.enrich.stage import enrich_article
from kliping.errors import Rejected
from kliping.model import Article, RawPage
from kliping.pipeline import LocalExecutor
from kliping.sources.files import MAX_PAGE_BYTES, ReadOptions, record_to_page

# Records are processed this many at a time: large enough to keep both workers busy, small enough that a long
# stream needs little memory and its first results come out early.
BATCH = 512


@dataclass
class AnnotateResult:
    read: int = 0
    written: int = 0
    rejected: int = 0


def records(lines: Iterable[str], src: str, options: ReadOptions | None = None) -> Iterator[RawPage | Rejected]:
    """JSONL lines to pages; a line that is not a JSON object with `text` or `html` becomes a Rejected."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > MAX_PAGE_BYTES:
            yield Rejected(src, "record too big to be one article: skipped", n)
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(src, f"malformed JSON ({e.msg} at column {e.colno}): record skipped", n)
            continue
        if not isinstance(rec, dict):
            yield Rejected(src, "a JSONL line must be a JSON object", n)
            continue
        yield record_to_page(rec, src, n, options)


def annotate(lines: Iterable[str], src: str, write: Callable[[str], object], on_reject: Callable[[Rejected], None],
             executor: LocalExecutor, progress: Callable[[int], None] | None = None,
             options: ReadOptions | None = None) -> AnnotateResult:
    """Clean and enrich every record of `lines`, writing one JSON line per article through `write`."""
    res = AnnotateResult()
    batch: list[Article] = []

    def flush() -> None:
        for chunk in executor.map_chunks([clean_article, enrich_article], batch):
            for art in chunk:
                # A record is annotated however short (people annotate single sentences); one with no text left
                # after cleaning (a script-only page) has nothing to annotate.
                why = lacks_text(art, minimum=1)
                if why:
                    res.rejected += 1
                    on_reject(Rejected(art.source, why))
                    continue
                write(json.dumps(art.to_report(), ensure_ascii=False) + "\n")
                res.written += 1
            if progress:
                progress(len(chunk))
        batch.clear()

    with executor:
        for item in records(lines, src, options):
            res.read += 1
            if isinstance(item, Rejected):
                res.rejected += 1
                on_reject(item)
                continue
            batch.append(Article.from_page(item))
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    return res
