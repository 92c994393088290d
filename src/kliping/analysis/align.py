"""Statement alignment: which sentences of an event's articles say the same thing.

Two sentences of different articles align when their content words (stems; stopwords and numbers left out, so a
different number does not hide the same statement) are close by TF-IDF cosine, with the IDF taken over the event's
own sentences: the words every report of the event repeats ("Kim", "Putin") weigh less than what a sentence adds.
An event written in more than one language also compares sentences by the multilingual sentence vectors
(`enrich/vectors.py`), which bridge languages where words cannot; within one language, words align as well at a
hundredth of the cost (1.4 ms a sentence to embed, against a sparse product for the whole event).

A statement is a group of sentences, at most one per article, joined by mutual best matches: sentence i of A and
j of B are linked when each is the other's best match in the other article and their similarity reaches
`STATEMENT_SIMILARITY`. Syndicated copies (`copy_of`, `duplicate_of`) are one source: `sources` counts them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from kliping.analysis.facts import Sentence

# Cosine at which two sentences state the same thing. Paraphrases of one statement by two outlets mostly score
# 0.45-0.8; sentences sharing only the event's names score below 0.3.
STATEMENT_SIMILARITY = 0.5
# Cosine of the multilingual vectors at which two sentences of different languages say the same thing. Whole leads
# that mean the same score 0.76 on average (bench/eval_vectors.py); single sentences less: the bundled examples'
# English and Indonesian leads of one flood score 0.47 and 0.54, their other sentences 0.1-0.25 against them.
CROSS_LANGUAGE_SIMILARITY = 0.42


@dataclass
class Statement:
    """Sentences of different articles that say the same thing (indices into the event's sentence list)."""

    members: list[int]
    articles: list[str] = field(default_factory=list)


def similarity(sentences: list[Sentence], vectors: np.ndarray | None = None) -> sparse.csr_matrix:
    """Pairwise similarity of the sentences (a sparse symmetric matrix, 0 on the diagonal): TF-IDF cosine of their
    content words, raised to the vector cosine (rescaled to the word scale) where `vectors` are given."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, s in enumerate(sentences):
        counts: dict[int, int] = {}
        for w in s.words:
            k = vocab.setdefault(w, len(vocab))
            counts[k] = counts.get(k, 0) + 1
        for k, c in counts.items():
            rows.append(i)
            cols.append(k)
            vals.append(1.0 + np.log(c))
    n = len(sentences)
    tf = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))), dtype=np.float64)
    df = np.bincount(cols, minlength=max(1, len(vocab)))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    x = tf.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = sparse.diags(1.0 / norms) @ x
    sim = (x @ x.T).tocsr()
    if vectors is not None and len(vectors) == n:
        # Only between sentences of different languages, where words cannot meet.
        langs = np.array([s.language or "" for s in sentences])
        other = langs[:, None] != langs[None, :]
        dense = np.asarray(vectors @ vectors.T)
        scaled = np.clip((dense - CROSS_LANGUAGE_SIMILARITY) / (1 - CROSS_LANGUAGE_SIMILARITY), 0, 1)
        scaled = STATEMENT_SIMILARITY + scaled * (1 - STATEMENT_SIMILARITY)
        scaled[(dense < CROSS_LANGUAGE_SIMILARITY) | ~other] = 0.0
        sim = sparse.csr_matrix(np.maximum(sim.toarray(), scaled))
    sim.setdiag(0.0)
    sim.eliminate_zeros()
    return sim


def align(sentences: list[Sentence], sim: sparse.csr_matrix, threshold: float = STATEMENT_SIMILARITY
          ) -> list[Statement]:
    """Statements of the event, in the order of their first sentence: every sentence of the article text is in
    exactly one (a sentence no other article repeats is a statement of its own)."""
    n = len(sentences)
    if len({s.article for s in sentences}) < 2:
        # One article: every sentence a statement of its own, without reading the pairs (a long record has millions).
        return [Statement([i], [s.article]) for i, s in enumerate(sentences) if s.part == "text"]
    best: dict[tuple[int, str], tuple[float, int]] = {}  # (sentence, other article) -> (similarity, sentence there)
    coo = sim.tocoo()
    for i, j, v in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True):
        a, b = sentences[i], sentences[j]
        if v < threshold or a.article == b.article or a.part != "text" or b.part != "text":
            continue
        key = (i, b.article)
        if key not in best or v > best[key][0]:
            best[key] = (v, j)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    held = {i: {s.article} for i, s in enumerate(sentences)}  # group root -> its articles (one sentence each)
    for (i, _other), (_, j) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        back = best.get((j, sentences[i].article))
        if back is not None and back[1] == i and i < j:
            ri, rj = find(i), find(j)
            if ri != rj and not held[ri] & held[rj]:
                keep, gone = min(ri, rj), max(ri, rj)
                parent[gone] = keep
                held[keep] |= held.pop(gone)
    groups: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        if s.part == "text":
            groups.setdefault(find(i), []).append(i)
    out = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        out.append(Statement(members, list(dict.fromkeys(sentences[i].article for i in members))))
    return out

