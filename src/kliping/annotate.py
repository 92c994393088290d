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

from kliping.errors import Rejected
from kliping.library import annotate_pages
from kliping.model import RawPage
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
    """Clean and enrich every record of `lines`, writing one JSON line per article through `write`: the JSONL
    wrapping of `kliping.annotate` (`library.annotate_pages`), which does the work for both."""
    res = AnnotateResult()

    def counted(items: Iterable[RawPage | Rejected]) -> Iterator[RawPage | Rejected]:
        for item in items:
            res.read += 1
            yield item

    def reject(r: Rejected) -> None:
        res.rejected += 1
        on_reject(r)

    for art in annotate_pages(counted(records(lines, src, options)), reject, executor, progress, BATCH):
        write(json.dumps(art.to_report(), ensure_ascii=False) + "\n")
        res.written += 1
    return res
