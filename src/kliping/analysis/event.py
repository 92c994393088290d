"""The analysis of one event: what each outlet reports, where they agree, what only one says, where they contradict
each other or themselves, who said what, who reported first, and a cited summary.

Pure: an event's articles in, a JSON-able dict out (the `events[]` fields of report.json: `timeline`,
`comparison`, `quotes`, `summary`, `provenance`). The analysis stage (`analysis/stage.py`) caches it per event.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kliping.analysis.align import Statement, align, similarity
from kliping.analysis.conflicts import find_conflicts
from kliping.analysis.facts import Sentence, article_sentences
from kliping.analysis.provenance import event_provenance
from kliping.analysis.quotes import event_quotes
from kliping.analysis.summary import event_summary
from kliping.analysis.timeline import event_timeline
from kliping.enrich import vectors
from kliping.model import Article

# Bump when the analysis changes what it produces: stored analyses of an older version are recomputed.
ANALYSIS_VERSION = "12"  # 12: English sentences past "Sen." and "Dec."; 11: one saying, any distance; 10: quotes'
# future words; 9: slips; 8: cities+province; 7: figures paired one to one; 6: scaled figures, rewritten bounds,
# dated places, sayings quoted before
# The unique statements listed per article: those carrying most facts (names, numbers, dates, places), in text
# order. Every sentence of a single report is "unique"; the list shows what an outlet adds, not its whole text.
UNIQUE_PER_ARTICLE = 5
MIN_UNIQUE_WORDS = 8
# What an event shows without an analysis: linked but not analysed yet, or an analysis that failed (a bug).
EMPTY_ANALYSIS: dict[str, Any] = {"timeline": [], "comparison": {"agreed": [], "unique": [], "conflicts": []},
                                  "quotes": [], "summary": [], "provenance": {"first": None, "credits": [],
                                                                              "chains": [], "copies": []}}


def analyze_event(articles: list[Article]) -> dict[str, Any]:
    """The analysis of the event the articles report (its stored articles, any order)."""
    arts = sorted(articles, key=_article_order)
    order = {a.id: k for k, a in enumerate(arts)}
    sources_of = _independent_sources(arts)
    sentences = [s for a in arts for s in article_sentences(a, compare=len(arts) > 1)]
    vecs = _cross_language_vectors(arts, sentences)
    sim = similarity(sentences, vecs)
    statements = align(sentences, sim)

    def same_source(a: str, b: str) -> bool:
        return sources_of.get(a, a) == sources_of.get(b, b)

    outlets = {a.id: a.outlet for a in arts}
    conflicts = find_conflicts(arts, sentences, sim, same_source)
    # A contested sentence is not the event's summary: the reader sees it among the conflicts.
    contested = {(ev["article"], ev.get("sentence_start")) for c in conflicts for v in c["values"]
                 for ev in v["evidence"] if ev.get("part") == "text"}
    return {
        "timeline": event_timeline(sentences, statements, order),
        "comparison": {
            "agreed": _agreed(sentences, statements, sources_of, outlets, order),
            "unique": _unique(sentences, statements, sources_of, outlets, order),
            "conflicts": conflicts,
        },
        "quotes": event_quotes(arts),
        "summary": event_summary(sentences, statements, sim, sources_of, order, contested),
        "provenance": event_provenance(arts),
    }


def _article_order(a: Article) -> tuple[bool, str, str]:
    return a.published is None, a.published or "", a.id


def _independent_sources(arts: list[Article]) -> dict[str, str]:
    """Article -> the article it is a copy of, followed to the original within the event (an original maps to
    itself): copies count once as evidence."""
    ids = {a.id for a in arts}
    link = {}
    for a in arts:
        target = a.duplicate_of or (a.copy_of.id if a.copy_of else None)
        if target in ids and target != a.id:
            link[a.id] = target
    out = {}
    for a in arts:
        seen, x = {a.id}, a.id
        while x in link and link[x] not in seen:
            x = link[x]
            seen.add(x)
        out[a.id] = x
    return out


def _cross_language_vectors(arts: list[Article], sentences: list[Sentence]) -> np.ndarray | None:
    """Sentence vectors when the event's articles are in more than one language (see `align`), else None."""
    if len({a.language for a in arts if a.language}) < 2 or not vectors.available():
        return None
    return vectors.embed_many([s.text for s in sentences])


def _evidence(sentences: list[Sentence], members: list[int]) -> list[dict[str, Any]]:
    return [{"article": sentences[i].article, "start": sentences[i].start, "end": sentences[i].end} for i in members]


def _representative(sentences: list[Sentence], st: Statement, order: dict[str, int]) -> int:
    return min(st.members, key=lambda i: (order.get(sentences[i].article, 0), sentences[i].index))


def _agreed(sentences: list[Sentence], statements: list[Statement], sources_of: dict[str, str],
            outlets: dict[str, str | None], order: dict[str, int]) -> list[dict[str, Any]]:
    """Statements two or more independent sources report, most reported first."""
    out = []
    for st in statements:
        if len({sources_of.get(a, a) for a in st.articles}) < 2:
            continue
        members = sorted(st.members, key=lambda i: order.get(sentences[i].article, 0))
        arts = [sentences[i].article for i in members]
        out.append({"statement": sentences[_representative(sentences, st, order)].text, "articles": arts,
                    "outlets": list(dict.fromkeys(o for a in arts if (o := outlets.get(a)))),
                    "evidence": _evidence(sentences, members)})
    out.sort(key=lambda x: -len(x["articles"]))
    return out


def _unique(sentences: list[Sentence], statements: list[Statement], sources_of: dict[str, str],
            outlets: dict[str, str | None], order: dict[str, int]) -> list[dict[str, Any]]:
    """What one source alone reports, when the event has several: per article, its most factual sentences no other
    source repeats (`UNIQUE_PER_ARTICLE`), in text order."""
    if len(set(sources_of.values())) < 2:
        return []
    per_article: dict[str, list[tuple[float, int]]] = {}
    for st in statements:
        if len({sources_of.get(a, a) for a in st.articles}) != 1:
            continue
        i = _representative(sentences, st, order)
        s = sentences[i]
        if len(s.text.split()) < MIN_UNIQUE_WORDS or s.quoted > 0.5:
            continue
        facts = len(s.entities) + 2 * (len(s.quantities) + len(s.dates) + len(s.places))
        if facts:
            per_article.setdefault(s.article, []).append((-facts, i))
    out = []
    for art in sorted(per_article, key=lambda a: order.get(a, 0)):
        best = sorted(sorted(per_article[art])[:UNIQUE_PER_ARTICLE], key=lambda x: x[1])
        for _, i in best:
            s = sentences[i]
            out.append({"statement": s.text, "article": art, "outlet": outlets.get(art),
                        "evidence": _evidence(sentences, [i])})
    return out
