"""The enrichment stage: one pure function over an Article, run after cleaning in the same worker.

Order matters: entities first (quotes resolve their speakers to canonical entities), dates against the
publication date, quotes last.
"""

from __future__ import annotations

from kliping.analysis.flags import article_flags
from kliping.enrich.aliases import canonicalize
from kliping.enrich.dates import find_dates
from kliping.enrich.entities import complete_spans
from kliping.enrich.ner import tag_entities
from kliping.enrich.quotes import find_quotes
from kliping.model import Article

# Bump when a model or a rule changes what enrichment produces: stored articles carry the version they were
# processed with, and `kliping analyze`/`ingest` re-process those with an older one.
ENRICH_VERSION = "13"  # 13: English bare weekdays ahead when planned, sentences past "Sen." and "Dec.", titles and
# party words in English names
# 12: org+person runs split, a place's administrative word kept as `kind` (issue 17 §3); 11: speakers resolved
# within the article (issue 17 §1); English attribution rules (§4)


def enrich_article(art: Article) -> Article:
    """Fill `entities`, `dates` and `quotes` (character offsets into `art.text`). Pure: reads only `art`."""
    text = art.text
    if not text:
        return art
    art.entities = canonicalize(text, complete_spans(text, tag_entities(text, art.language)))
    art.dates = find_dates(text, art.published, art.language)
    art.quotes = find_quotes(text, art.entities, art.language)
    art.flags = article_flags(art)
    return art


def warm_up() -> None:
    """Load the models once per worker process, before the first chunk arrives."""
    tag_entities("Presiden Joko Widodo tiba di Jakarta.", "id")
