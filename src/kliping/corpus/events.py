"""Events, online: each new article joins the live event it reports, or opens a new one. Ids never change.

An article is compared with the events near it in time (or sharing its rarest words, when it has no date) on three
signals, because no one signal tells events apart: the words of its title and text (TF-IDF, document frequencies
learned as the corpus grows), the canonical entities it names (`enrich.aliases`: Korut = Korea Utara = DPRK), and
time (the day its text says the event happened, else its publication day, decaying over days). The weighted score
against the best candidate decides: join it, or open a new event.

An event keeps running sums (term weights, entity counts, dates), so adding an article costs the same at the
millionth article as at the tenth, and nothing is recomputed from scratch.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kliping.clean import meta
from kliping.lang import id as lang_id
from kliping.model import Article

# Weights of the three signals and the join threshold: a first grid search maximising the sum of B-cubed F1 on detik
# labels-dev (506 articles, fed in date order) and ECB+ dev (772 documents); the seeds are checked, not tuned on.
# That grid gave detik B-cubed 0.894 / pairwise 0.525 and ECB+ 0.790, short of the targets: learned weights over
# more signals (sentence vectors, title similarity, date agreement) replace these next.
W_TEXT = 0.7
W_ENTITIES = 0.3
W_TIME = 0.0
JOIN_THRESHOLD = 0.30
# Time: an event date this many days away halves the time signal; candidates further than WINDOW_DAYS are not
# compared at all (a new happening of the same story is a new event, which storylines later chain).
HALF_LIFE_DAYS = 2.0
WINDOW_DAYS = 7
# Candidates are the events sharing one of the article's QUERY_TERMS most telling words; an event is indexed under
# the INDEX_TERMS most telling words of each of its articles.
QUERY_TERMS = 15
INDEX_TERMS = 30
MAX_CANDIDATES = 200
# The title says what the article is about; it counts as this many copies of the text's words.
TITLE_WEIGHT = 3.0
# Only the lead carries the happening; later paragraphs wander into background shared with other events.
LEAD_WORDS = 250

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@dataclass
class Event:
    """What an event remembers: running sums, never the articles' texts."""

    id: str
    terms: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    entity_types: dict[str, str] = field(default_factory=dict)
    days: Counter[str] = field(default_factory=Counter)  # ISO day -> mentions (event dates of its articles)
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None

    def date(self) -> str | None:
        """The consensus day: the one most of its articles' event-date mentions name."""
        return self.days.most_common(1)[0][0] if self.days else None


@dataclass
class _Doc:
    terms: dict[str, float]
    entities: Counter[str]
    types: dict[str, str]
    day: dt.date | None


class EventIndex:
    """The live events and what finds them fast: a day index and an inverted index of terms."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.events: dict[str, Event] = {}
        self.event_of: dict[str, str] = {}  # article id -> event id
        self.by_day: dict[str, set[str]] = defaultdict(set)
        self.by_term: dict[str, set[str]] = defaultdict(set)
        self._next = 1

    # ---------- the online step ----------

    def add(self, art: Article) -> str:
        """The event `art` reports (joined or new). Adding an article again returns its event unchanged."""
        if art.id in self.event_of:
            return self.event_of[art.id]
        doc = self._doc(art)
        best, best_score = None, 0.0
        for ev in self._candidates(doc):
            s = self.score(doc, ev)
            if s > best_score:
                best, best_score = ev, s
        if best is None or best_score < JOIN_THRESHOLD:
            best = Event(id=f"E{self._next}")
            self._next += 1
            self.events[best.id] = best
        self._absorb(best, doc, art)
        return best.id

    def score(self, doc: _Doc, ev: Event) -> float:
        """Weighted similarity of an article to an event, in [0, 1]."""
        return (W_TEXT * self._text_cos(doc, ev) + W_ENTITIES * _entity_overlap(doc, ev)
                + W_TIME * _time_signal(doc.day, ev))

    # ---------- features ----------

    def _doc(self, art: Article) -> _Doc:
        tf: dict[str, float] = defaultdict(float)
        # Besides function words, an article's own dateline city and outlet name ("Jakarta -", "kepada detikcom")
        # say who wrote it and from where, not what happened: every article of that outlet shares them.
        stop = lang_id.STOPWORDS | set(_WORD.findall((art.dateline or "").lower()))
        brand = meta.brand_of(art.outlet)
        for w in _WORD.findall((art.title or "").lower()):
            if w not in stop and not (brand and w.startswith(brand)):
                tf[w] += TITLE_WEIGHT
        for w in _WORD.findall(art.text.lower())[:LEAD_WORDS]:
            if w not in stop and not (brand and w.startswith(brand)):
                tf[w] += 1.0
        # Document frequencies grow with the corpus; the article counts before it is compared.
        self.n_docs += 1
        self.df.update(tf.keys())
        weights = {w: (1.0 + math.log(c)) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        ents: Counter[str] = Counter()
        types: dict[str, str] = {}
        for e in art.entities:
            if e.type in ("PER", "ORG", "LOC") and e.canonical:
                ents[e.canonical] += 1
                types[e.canonical] = e.type
        return _Doc({w: v / norm for w, v in weights.items()}, ents, types, _event_day(art))

    def _idf(self, w: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(w, 0) + 1)) + 1.0

    def _text_cos(self, doc: _Doc, ev: Event) -> float:
        """Cosine of the article's and the event's TF-IDF vectors (the event's: the sum of its articles')."""
        dot = sum(v * ev.terms.get(w, 0.0) * self._idf(w) ** 2 for w, v in doc.terms.items())
        if dot <= 0:
            return 0.0
        a = math.sqrt(sum((v * self._idf(w)) ** 2 for w, v in doc.terms.items()))
        b = math.sqrt(sum((v * self._idf(w)) ** 2 for w, v in ev.terms.items()))
        return dot / (a * b) if a and b else 0.0

    def _key_terms(self, doc: _Doc, k: int) -> list[str]:
        """The article's k most telling words (highest TF-IDF): what events are indexed and looked up by."""
        return sorted(doc.terms, key=lambda w: -doc.terms[w] * self._idf(w))[:k]

    def _candidates(self, doc: _Doc) -> list[Event]:
        """Events sharing the article's most telling words, within the time window when both sides have a date."""
        by_terms: Counter[str] = Counter()
        for w in self._key_terms(doc, QUERY_TERMS):
            if self.df.get(w, 0) > 1:  # a word only this article has finds nothing
                by_terms.update(self.by_term.get(w, ()))
        out = []
        for eid, _ in by_terms.most_common(MAX_CANDIDATES):
            ev = self.events[eid]
            ev_day = ev.date()
            if doc.day is None or ev_day is None or abs((doc.day - dt.date.fromisoformat(ev_day)).days) <= WINDOW_DAYS:
                out.append(ev)
        return out

    def _absorb(self, ev: Event, doc: _Doc, art: Article) -> None:
        for w, v in doc.terms.items():
            ev.terms[w] = ev.terms.get(w, 0.0) + v
        ev.entities.update(doc.entities)
        ev.entity_types.update(doc.types)
        if doc.day is not None:
            ev.days[doc.day.isoformat()] += 1
            self.by_day[doc.day.isoformat()].add(ev.id)
        for w in self._key_terms(doc, INDEX_TERMS):
            self.by_term[w].add(ev.id)
        ev.articles.append(art.id)
        if art.outlet and art.outlet not in ev.outlets:
            ev.outlets.append(art.outlet)
        if art.title:
            ev.titles.append(art.title)
        pub = art.published
        if pub:
            ev.first_seen = min(ev.first_seen or pub, pub)
            ev.last_seen = max(ev.last_seen or pub, pub)
        self.event_of[art.id] = ev.id


def _entity_overlap(doc: _Doc, ev: Event) -> float:
    """Share of the article's entities the event names too (weighted by mentions)."""
    total = sum(doc.entities.values())
    if not total or not ev.entities:
        return 0.0
    return sum(c for e, c in doc.entities.items() if e in ev.entities) / total


def _time_signal(day: dt.date | None, ev: Event) -> float:
    """1 on the event's day, halving every HALF_LIFE_DAYS; 0.5 (no evidence) when either side has no date."""
    ev_day = ev.date()
    if day is None or ev_day is None:
        return 0.5
    gap = abs((day - dt.date.fromisoformat(ev_day)).days)
    return float(0.5 ** (gap / HALF_LIFE_DAYS))


def _event_day(art: Article) -> dt.date | None:
    """The day the article's text says things happened: the most named day-precision date within a week before
    (or the day after) publication; else the publication day; else the text's most named day."""
    pub = None
    if art.published:
        try:
            pub = dt.date.fromisoformat(art.published[:10])
        except ValueError:
            pub = None
    days: Counter[dt.date] = Counter()
    for d in art.dates:
        if len(d.value) >= 10 and d.value[4] == "-" and d.value[7] == "-":
            try:
                days[dt.date.fromisoformat(d.value[:10])] += 1
            except ValueError:
                continue
    if pub is not None:
        near = {d: c for d, c in days.items() if -7 <= (d - pub).days <= 1}
        return max(near, key=lambda d: (near[d], d)) if near else pub
    return max(days, key=lambda d: (days[d], d)) if days else None


def assign_events(articles: Iterable[Article], index: EventIndex | None = None) -> Iterator[Article]:
    """The corpus stage: set `event` on each article, in the order given (the order a stream delivers them)."""
    index = index or EventIndex()
    for art in articles:
        art.event = index.add(art)
        yield art
