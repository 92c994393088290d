"""The Stage contract and the local executor.

A stage is a callable `Iterable[Article] -> Iterator[Article]` that says whether it is per-article (pure and
mappable: it may run in a process pool or on Ray workers unchanged) or corpus-level (it holds state across
articles). Stages do no I/O of their own: sources read, the store writes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from kliping.model import Article

ArticleFn = Callable[[Article], Article]
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Stage:
    """A named step. `fn` maps one article (per-article stages) or the whole stream (corpus stages)."""

    name: str
    fn: Callable[..., object]
    per_article: bool = True
    counts: dict[str, int] = field(default_factory=dict)

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        if self.per_article:
            for art in articles:
                self.counts["articles"] = self.counts.get("articles", 0) + 1
                yield self.fn(art)  # type: ignore[misc]
        else:
            yield from self.fn(articles)  # type: ignore[misc]


def article_stages(vectors: bool = True) -> list[Stage]:
    """The per-article stages, in order: the contract every executor runs (`ingest`, `kliping annotate` and
    `kliping.annotate`, a process pool or Ray workers). `vectors`: also embed each article (the corpus stages need
    its vector; `annotate`, whose output has none, leaves it out)."""
    from kliping.clean import clean_article
    from kliping.enrich.stage import enrich_article
    from kliping.enrich.vectors import embed_stage

    stages = [Stage("clean", clean_article), Stage("enrich", enrich_article)]
    if vectors:
        stages.append(Stage("vectors", embed_stage))
    return stages


class Progress:
    """What long work reports while it runs (the CLI shows it as Rich bars; tests pass nothing)."""

    def start(self, task: str, total: int | None) -> None: ...

    def advance(self, task: str, n: int = 1) -> None: ...

    def done(self, task: str) -> None: ...


def _apply_all(fns: tuple[ArticleFn, ...], art: Article) -> Article:
    for fn in fns:
        art = fn(art)
    return art


def _map_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(x) for x in chunk]


def _apply_chunk(fns: tuple[ArticleFn, ...], chunk: list[Article]) -> list[Article]:
    return [_apply_all(fns, a) for a in chunk]


def _per_article(stages: Iterable[Stage | ArticleFn]) -> tuple[ArticleFn, ...]:
    """The functions of per-article stages (a bare function is one); a corpus stage cannot be mapped."""
    out: list[ArticleFn] = []
    for stage in stages:
        if isinstance(stage, Stage):
            if not stage.per_article:
                raise ValueError(f"stage {stage.name!r} is corpus-level: an executor maps per-article stages only")
            out.append(stage.fn)  # type: ignore[arg-type]
        else:
            out.append(stage)
    return tuple(out)


class Executor(Protocol):
    """What runs the per-article stages: `LocalExecutor` here, `kliping.executors.ray.RayExecutor` on Ray. Both
    yield the results chunk by chunk in input order, so what the corpus stages see does not depend on the executor.
    `with executor:` keeps its workers for every call inside the block."""

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...

    def map_chunks(self, stages: Iterable[Stage | ArticleFn], articles: list[Article]) -> Iterator[list[Article]]: ...


# A chunk also ends after this many characters of page: a 2 MB record is a chunk of its own, so the progress bar
# moves as long records finish instead of waiting for the 63 articles queued behind one of them.
CHUNK_CHARS = 1_000_000


def _chunks(articles: list[Article], size: int, budget: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    chars = 0
    for art in articles:
        chunk.append(art)
        chars += len(art.raw)
        if len(chunk) >= size or chars >= budget:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


# Below this many articles a process pool costs more (start-up, imports in each worker) than it saves.
POOL_MIN_ARTICLES = 150


class LocalExecutor:
    """Runs per-article functions over articles, in a process pool when there are enough of them.

    Results come back in input order, chunk by chunk, so a caller can store each chunk as it arrives (and a killed
    run loses at most the chunk in flight).
    """

    def __init__(self, workers: int | None = None, chunk_size: int = 64):
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.chunk_size = chunk_size
        self._pool: ProcessPoolExecutor | None = None
        self._keep = False

    def __enter__(self) -> LocalExecutor:
        """Keep one pool for every call inside the `with` block: a stream mapped batch by batch pays the workers'
        start-up (imports, models) once. The pool starts with the first call that needs it."""
        self._keep = True
        return self

    @property
    def kept(self) -> bool:
        """Inside a `with` block: its pool (once started) serves every call until the block ends."""
        return self._keep

    def __exit__(self, *exc: object) -> None:
        self._keep = False
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def map_chunks(self, stages: Iterable[Stage | ArticleFn], articles: list[Article]) -> Iterator[list[Article]]:
        """Run the per-article `stages` (`article_stages()`) over `articles`, chunk by chunk, in input order."""
        fn_tuple = _per_article(stages)
        chunks = list(_chunks(articles, self.chunk_size, CHUNK_CHARS))
        if self._pool is None and self._keep and self.workers > 1 and len(chunks) > 1:
            self._pool = self._start_pool(articles)
        if self._pool is not None and len(chunks) > 1:
            futures = [self._pool.submit(_apply_chunk, fn_tuple, c) for c in chunks]
            for fut in futures:
                yield fut.result()
            return
        if self.workers <= 1 or len(articles) < POOL_MIN_ARTICLES:
            for chunk in chunks:
                yield _apply_chunk(fn_tuple, chunk)
            return
        with self._start_pool(articles) as pool:
            futures = [pool.submit(_apply_chunk, fn_tuple, c) for c in chunks]
            for fut in futures:
                yield fut.result()

    def map_items(self, fn: Callable[[T], R], items: list[T], chunk_size: int = 16) -> Iterator[R]:
        """`fn` over picklable `items`, results in input order: in the kept pool when there is one (`with`), in a
        pool of its own for many items, else here. For corpus-side work that is pure per item (an event's analysis)."""
        chunks = [items[k:k + chunk_size] for k in range(0, len(items), chunk_size)]
        if self._pool is not None and len(chunks) > 1:
            for fut in [self._pool.submit(_map_chunk, fn, c) for c in chunks]:
                yield from fut.result()
            return
        if self.workers <= 1 or len(items) < POOL_MIN_ARTICLES:
            for item in items:
                yield fn(item)
            return
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_warm_up) as pool:
            for fut in [pool.submit(_map_chunk, fn, c) for c in chunks]:
                yield from fut.result()

    def _start_pool(self, articles: list[Article]) -> ProcessPoolExecutor:
        """A pool whose workers, forked, inherit the models this process loads first (`warm_up_models`): loading
        them in each worker cost each worker 0.5-2 CPU s (language id, and dateparser's locales for HTML)."""
        if multiprocessing.get_start_method() == "fork":
            # Not the sentence model: 120 MB more in this process, which never embeds (the stored vectors serve),
            # for 0.8 CPU s saved a worker; each worker loads it with its first article.
            warm_up_models(html=any(a.kind == "html" for a in articles))
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_warm_up)


_WARM: set[str] = set()  # what `warm_up_models` loaded in this process (a forked worker inherits it)
_INHERITED: frozenset[str] = frozenset()  # in a worker: what it had from its parent when it started


def warm_up_models(html: bool = False) -> None:
    """Load what the per-article stages use, once per process: language id, the enrichment models, and for HTML
    pages the date parser's locales (htmldate hands dateparser a date no locale reads, which loads and compiles all
    of them: 1.4 CPU s)."""
    if "models" not in _WARM:
        from kliping.enrich.stage import warm_up
        from kliping.lang.detect import detect_language

        detect_language("warm up the language model")
        warm_up()
        _WARM.add("models")
    if html and "html" not in _WARM:
        try:
            from htmldate.extractors import _external_date

            _external_date("qqq 13 zzz 2023")
        except ImportError:  # pragma: no cover (trafilatura brings htmldate)
            pass
        _WARM.add("html")


def _warm_up() -> None:
    """Tie the worker's life to its parent, then load the language-id and enrichment models once per worker
    (a forked worker has them from its parent already), before the first chunk arrives."""
    global _INHERITED
    die_with_parent()
    _INHERITED = frozenset(_WARM)
    warm_up_models()


PR_SET_PDEATHSIG = 1  # prctl(2): the signal the kernel sends this process when its parent dies


def die_with_parent() -> None:
    """Make this worker exit when the process that started it dies, even by SIGKILL (issue 12: after `kill -9` of
    `kliping ingest`, two 210 MB workers lived on, parented to PID 1).

    A pool's own clean-up never runs when its parent is killed, so the worker must notice: on Linux the kernel
    signals it (PR_SET_PDEATHSIG); elsewhere a daemon thread polls for a change of parent once a second.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the call: nobody will signal us
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kliping-parent-watch", daemon=True).start()
