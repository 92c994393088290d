"""An event's summary: 2-5 sentences copied from its articles, each citing every article that reports it.

Extractive and redundancy-aware (maximal marginal relevance): a statement's relevance is how many independent
sources report it (what outlets agree on is the news), how early it comes in its articles (news puts the essentials
first) and how central it is to the event's other sentences; each next sentence is the most relevant one that
repeats least of what is chosen, and one too close to a chosen sentence is never taken. The text is one source's
sentence verbatim; `sources` lists every article of its statement.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from scipy import sparse

from kliping.analysis.align import Statement
from kliping.analysis.facts import Sentence

LAMBDA = 0.7  # weight of relevance against redundancy
MAX_OVERLAP = 0.4  # similarity to a chosen sentence past which a candidate says the same thing again
MIN_WORDS, MAX_WORDS = 6, 60
_NOT_A_STATEMENT = re.compile(r"(?i)^(baca juga|simak|lihat juga|advertisement|scroll)|[:?]$")


def summary_length(sources: int) -> int:
    """3 sentences for one source, 4 for two, 5 from three on."""
    return min(5, 2 + max(1, sources))


def event_summary(sentences: list[Sentence], statements: list[Statement], sim: sparse.csr_matrix,
                  sources_of: dict[str, str], order: dict[str, int],
                  contested: set[tuple[str, int | None]] | None = None) -> list[dict[str, Any]]:
    """[{text, sources}] in reading order (lead first). `sources_of` maps an article to its independent source (a
    copy maps to what it copies); `order` is the articles' order (earliest first); `contested` are (article,
    sentence start) of sentences a conflict cites, which a summary does not state as fact."""
    contested = contested or set()
    cands = []
    n_sources = max(1, len(set(sources_of.values())))
    centrality = np.asarray(sim.sum(axis=1)).ravel() / max(1, len(sentences) - 1)
    for k, st in enumerate(statements):
        rep = min(st.members, key=lambda i: (order.get(sentences[i].article, 0), sentences[i].index))
        s = sentences[rep]
        if any((sentences[i].article, sentences[i].start) in contested for i in st.members):
            continue
        words = len(s.text.split())
        if not MIN_WORDS <= words <= MAX_WORDS or s.quoted > 0.5 or _NOT_A_STATEMENT.search(s.text.strip()) \
                or (not s.text[:1].isupper() and s.text[:1] not in "\"\u201c'") or inside_a_quote(s.text):
            continue
        support = len({sources_of.get(a, a) for a in st.articles}) / n_sources
        lead = 1.0 / (1 + min(sentences[i].index for i in st.members))
        relevance = 0.5 * support + 0.3 * lead + 0.2 * min(1.0, float(centrality[rep]) * 5)
        cands.append((relevance, k, rep))
    chosen: list[tuple[int, int]] = []
    want = summary_length(len(set(sources_of.values())))
    # Similarities among the candidates, as a dense block: MMR reads them many times (a sparse lookup each is slow).
    reps = sorted({rep for _, _, rep in cands})
    at = {r: k for k, r in enumerate(reps)}
    block = sim[reps][:, reps].toarray() if reps else np.zeros((0, 0))
    word_sets = {r: set(sentences[r].words) for r in reps}
    while cands and len(chosen) < want:
        best, best_score = None, -1.0
        for rel, k, rep in cands:
            redundancy = max((_overlap(word_sets, block, at, rep, c) for _, c in chosen), default=0.0)
            if redundancy >= MAX_OVERLAP:
                continue
            score = LAMBDA * rel - (1 - LAMBDA) * redundancy
            if score > best_score:
                best, best_score = (rel, k, rep), score
        if best is None:
            break
        chosen.append((best[1], best[2]))
        cands.remove(best)
    chosen.sort(key=lambda kc: (min(sentences[i].index for i in statements[kc[0]].members), order.get(
        sentences[kc[1]].article, 0)))
    return [{"text": _without_dateline(sentences[rep].text), "sources": _sources(statements[k], order)}
            for k, rep in chosen]


def inside_a_quote(text: str) -> bool:
    """True for a piece of a quote split into sentences: an odd number of straight quotes, or more closing curly
    quotes than opening ones ("Belum sampai lima menit, air sudah masuk ke kampung," tutur warga ...)."""
    return text.count('"') % 2 == 1 or text.count("\u201d") > text.count("\u201c")


# A lead's dateline and outlet ("PALU, KABARNUSA.ID - ", "TRIBUN-MEDAN.COM -  ", "MAKASSAR, Indonesia \u2014 "): the
# summary shows the statement, the citation says who.
_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Za-z.'-]+){0,3}|[A-Z0-9.-]+\.[A-Za-z]{2,})"
                       r"\s*[-\u2013\u2014]+\s+")


def _without_dateline(text: str) -> str:
    """The sentence without its leading dateline: the rest, still verbatim in the article. Only an upper-case place
    or a domain name counts ("PALU, KABARNUSA.ID -"), not a sentence that happens to contain a dash."""
    m = _DATELINE.match(text)
    if not m:
        return text
    head = m.group(0)
    if not (re.search(r"[A-Z]{3,}", head) or re.search(r"\.[a-z]{2,}\b", head, re.I)):
        return text
    rest = text[m.end():]
    return rest if len(rest.split()) >= MIN_WORDS and rest[:1].isupper() else text


def _overlap(word_sets: dict[int, set[str]], block: np.ndarray, at: dict[int, int], i: int, j: int) -> float:
    """How much sentence i repeats sentence j: their similarity, or their word overlap when that is higher."""
    a, b = word_sets[i], word_sets[j]
    jaccard = len(a & b) / max(1, len(a | b))
    return max(float(block[at[i], at[j]]), jaccard)


def _sources(st: Statement, order: dict[str, int]) -> list[str]:
    return sorted(st.articles, key=lambda a: order.get(a, 0))


def storyline_summary(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One dated sentence per event of a storyline (its summary's first), in date order."""
    out = []
    for e in events:
        summary = e.get("summary") or []
        if summary:
            out.append({"date": e.get("date"), "event": e["id"], **summary[0]})
    return sorted(out, key=lambda x: (x["date"] or "9999", x["event"]))
