"""Learn each outlet's template lines from their repetition across that outlet's pages.

A line that many different pages of one outlet carry ("Saksikan LiveDetikpagi:", a programme slogan, a newsletter
prompt) is part of the outlet's page template, not of any article, even when no rule in `lang/` knows it. This is
how a new outlet's boilerplate goes without a new rule.

Repetition alone is not enough: exact duplicates repeat every line, and a newsroom reuses background paragraphs
across the articles of one story. So a line counts as template only when the pages that carry it are otherwise
unrelated (they share no other substantial line), and when it is short (templates are labels and prompts, not
paragraphs).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from kliping.clean import lines as L
from kliping.clean import meta
from kliping.model import Article

# A template line must appear on at least this many distinct pages of an outlet. Three: on the 1,000 detik
# articles, the lowest repeat count of a real template line ("Saksikan Live DetikPagi :") is 7, while
# coincidental repeats of short body lines ("Bahan:", "Pasal 28:") cluster in pages of one story and are caught by
# the relatedness test below.
MIN_PAGES = 3
# Longer lines are paragraphs, however often they repeat.
MAX_WORDS = 30
# Pages "related" to each other share another line of at least this many characters.
SHARED_LINE_CHARS = 40
# Share of a candidate's pages allowed to be related to another of its pages.
MAX_RELATED_SHARE = 0.5
# An outlet's template is learned from its most recent pages, this many (`ingest.clean_pending`): enough for a line
# seen on 7 of 1,000 detik pages, bounded so that a run's cost does not grow with the store (and the relatedness
# test compares a candidate's pages pairwise).
TEMPLATE_PAGES = 1_000


def outlet_key(art: Article) -> str:
    """Which outlet's template a page belongs to: its given outlet, its URL's domain, or the outlet its dateline
    names; "" when none is known (those pages are pooled)."""
    key = art.hints.get("outlet") or meta.outlet_from_url(art.url)
    if not key and art.kind == "text":
        for line in art.raw.splitlines()[:60]:
            dl = meta.dateline_of(line.strip())
            if dl and dl[1]:
                key = dl[1]
                break
    return (key or "").lower()


def _lines_of(art: Article) -> set[str]:
    return {L.norm_line(x) for x in art.raw.splitlines() if x.strip()}


def learn(articles: Iterable[Article]) -> dict[str, set[str]]:
    """outlet key -> its template lines (normalised), from the text pages given."""
    by_outlet: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for art in articles:
        if art.kind != "text" or art.hints.get("clean"):
            continue
        lines = _lines_of(art)
        digest = hashlib.sha1("\n".join(sorted(lines)).encode()).hexdigest()
        by_outlet[outlet_key(art)][digest] = lines  # exact duplicate pages count once
    return {key: _templates(list(pages.values())) for key, pages in by_outlet.items()}


def _templates(pages: list[set[str]]) -> set[str]:
    if len(pages) < MIN_PAGES:
        return set()
    count: dict[str, int] = defaultdict(int)
    for lines in pages:
        for ln in lines:
            count[ln] += 1
    candidates = {ln for ln, n in count.items() if n >= MIN_PAGES and len(L.words(ln)) <= MAX_WORDS}
    out = set()
    for cand in candidates:
        holders = [p for p in pages if cand in p]
        substantial = [{x for x in p if len(x) >= SHARED_LINE_CHARS and x not in candidates} for p in holders]
        related = 0
        for i, s in enumerate(substantial):
            if any(s & t for j, t in enumerate(substantial) if j != i):
                related += 1
        if related <= MAX_RELATED_SHARE * len(holders):
            out.add(cand)
    return out


def signature(templates: set[str]) -> str:
    """A short hash of an outlet's template set: stored with each article so a changed template re-cleans it."""
    return hashlib.sha1("\n".join(sorted(templates)).encode()).hexdigest()[:12]


def attach(art: Article, templates: dict[str, set[str]]) -> Article:
    """Give a page the template lines of its outlet that it carries (what `clean_text_article` removes)."""
    mine = templates.get(outlet_key(art), set())
    art.template_lines = sorted(x for x in _lines_of(art) if x in mine) if mine else []
    return art
