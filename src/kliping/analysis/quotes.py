"""An event's quotes, grouped by speaker: what each person said across the event's articles, once.

Outlets report the same words many times: the same statement quoted by three outlets, cut short by one, one
outlet's direct quote another's partial quote, the same page crawled twice. `event_quotes` makes each statement
ONE quote that lists every article reporting it, with the evidence (offsets into each article's `text`), so a
reader sees who said what and how widely it was carried.

Two quotes of one speaker are one when they have

- the same normalised words (casefolded NFKC word tokens, `corpus.dedup.tokens`: case, punctuation, quote
  marks and spacing never make two quotes differ);
- one inside the other: the shorter's words (CONTAINED_MIN_WORDS or more) in a row in the longer (a quote cut
  short, a partial quote of a direct one), or in order with words put in between when they are INSERTED_SHARE of
  the longer's ("langkah ini, menurut Prabowo, merupakan …"); or, in one article, one's span inside the other's
  (a partial quote and the sentence reporting it);
- near-identical words: `rapidfuzz.fuzz.ratio` of the normalised words >= NEAR_RATIO (a typo, a changed word,
  words glued together by the page: "penggunaanprivate jet").

Speakers are canonical names already (`enrich/quotes.py`), but an article that never gives the full name leaves
"Putin" beside another's "Vladimir Putin": see `speaker_names`. A quote of no known speaker joins the one speaker
whose quote it matches (another outlet says who said it); matching none, or several speakers, it stays under
`speaker: None`, listed last.

Measured with bench/eval_event_quotes.py on detik labels-dev (one outlet), the 65 gold events with two or more
articles (254 articles, 1,960 quotes as `enrich/quotes.py` finds them): 1,256 quotes after grouping, 527 of them
listing two or more articles. 343 of those only because detik holds the same page twice (one `duplicate_of`
group); 184 join different articles, 144 with the same normalised words and 40 near or contained. All 40 were read
(and 20 again after the last change): each is one statement, told with glued words, a word changed ("Lihatlah" /
"Lihat"), a cut ("… mencapai 280%" of a two-sentence quote), an aside put in, or numbers rewritten ("1.410.000.000
porsi" / "1,41 miliar porsi"). Just under the thresholds (`--misses`): the closest pair of *different*
statements scores 85 ("Teradu VI tidak terbukti melanggar kode etik …" / "Teradu I sampai Teradu V dan Teradu VII
terbukti melanggar kode etik …"), hence NEAR_RATIO 90; paraphrases of one statement scoring 85-89 stay apart.
24 speaker names joined a fuller one, 11 unattributed quotes got a speaker, and no short name was settled by a
shared quote ("Prabowo" shares quotes with "Prabowo Subianto" and, through an attribution slip upstream, with
"Listyo Sigit Prabowo", so it stays apart). Speed: 50 articles (about 400 quotes) in 22 ms, the largest event
(40 articles) in 20 ms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from kliping.corpus.dedup import tokens
from kliping.enrich.aliases import name_key
from kliping.model import Article, Quote

# ---------- thresholds ----------

# A quote found inside another counts as the same one only with this many words: single words and pairs
# ("kemungkinan", "prioritas") are partial quotes that many different statements contain.
CONTAINED_MIN_WORDS = 4
# Indel similarity (0-100) of two quotes' normalised words above which they are one quote with small edits.
NEAR_RATIO = 90.0
# A quote whose words are another's with words inserted among them must hold this share of the longer one's words.
INSERTED_SHARE = 0.6
_KIND_RANK = {"direct": 0, "partial": 1, "indirect": 2}  # on equal length, the quote's text is the direct one's
_NOT_PERSONS = {"LOC", "ORG"}


# ---------- records ----------

@dataclass(slots=True)
class _Said:
    """One quote in one article, with its normalised words."""

    article: str
    order: int  # the article's position in the input, for a stable output order
    quote: Quote
    norm: str


class _Groups:
    """Union-find over occurrence indices: which occurrences are one quote."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


# ---------- public API ----------

def event_quotes(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The event's quotes by speaker: [{"speaker", "quotes": [{"text", "kind", "articles", "evidence"}]}].

    Speakers are ordered by how many articles quote them (then by how many quotes, then first appearance), quotes
    of a speaker by how many articles report them (then first appearance); quotes of no known speaker come last
    under `None`. Evidence offsets are a Quote's start/end in its article's `text`.
    """
    said = _occurrences(articles)
    if not said:
        return []
    names, ambiguous = _speaker_map(list(articles))
    speaker = [names.get(s.quote.speaker) if s.quote.speaker else None for s in said]
    by_speaker: dict[str | None, list[int]] = defaultdict(list)
    for i, who in enumerate(speaker):
        by_speaker[who].append(i)
    _join_by_quotes(said, speaker, by_speaker, ambiguous)
    groups = _Groups(len(said))
    for idx in by_speaker.values():
        for i, j in _matches(said, idx, idx):
            groups.union(i, j)
    _attach_unattributed(said, speaker, by_speaker, groups)
    return _output(said, speaker, groups)


def speaker_names(articles: Iterable[Article]) -> dict[str, str]:
    """Each speaker name of the event -> the name its quotes are listed under.

    A name joins the one fullest person name of the event (a speaker's, or a PER entity's) holding all its words.
    With two or more such names ("Prabowo": "Prabowo Subianto", "Listyo Sigit Prabowo") it stays as it is here;
    `event_quotes` then joins it to the one of them whose quotes it shares (the same words said by "Prabowo" and
    by "Prabowo Subianto"), if only one. The name shown is that fullest name, or the shortest name of two words or
    more it ends with, when the event gives one: what comes before a name that also stands alone is a title or a
    body glued to it by the text ("Dirjen Pajak Bimo Wijayanto" gives "Pajak Bimo Wijayanto" beside "Bimo
    Wijayanto").
    """
    return _speaker_map(list(articles))[0]


def _speaker_map(arts: list[Article]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """`speaker_names`, and for each name left alone for want of one fullest name, the names it could join."""
    spoken = Counter(q.speaker for a in arts for q in a.quotes if q.speaker)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for a in arts:
        for e in a.entities:
            types[name_key(e.canonical or e.text)][(e.type or "").upper()] += 1

    def person(name: str) -> bool:
        seen = types.get(name_key(name))
        return not seen or seen.most_common(1)[0][0] not in _NOT_PERSONS

    entities = Counter(e.canonical for a in arts for e in a.entities
                       if (e.type or "").upper() in ("PER", "PERSON") and e.canonical)
    # Word set -> its spelling ("Kim Jong-un" = "Kim Jong Un"): the most quoted one, else the most mentioned.
    spelling: dict[frozenset[str], str] = {}
    for n, _ in [*spoken.most_common(), *entities.most_common()]:
        ws = frozenset(name_key(n).split())
        if ws and person(n):
            spelling.setdefault(ws, n)
    out: dict[str, str] = {}
    ambiguous: dict[str, set[str]] = {}
    for n in spoken:
        ws = frozenset(name_key(n).split())
        if not ws or ws not in spelling:
            out[n] = n
            continue
        longer = [w for w in spelling if ws < w]
        fullest = [w for w in longer if not any(w < v for v in longer)]
        out[n] = _shown(fullest[0] if len(fullest) == 1 else ws, spelling)
        if len(fullest) > 1:
            ambiguous[n] = {_shown(w, spelling) for w in longer}
    for n, names in ambiguous.items():
        ambiguous[n] = {out.get(m, m) for m in names}
    return out, ambiguous


def _shown(ws: frozenset[str], spelling: dict[frozenset[str], str]) -> str:
    """The name shown for a word set: its spelling, or the shortest known name of 2+ words it ends with when the
    words before that are no name of their own ("Purbaya Yudhi Sadewa" stays whole where "Purbaya" is quoted)."""
    name = spelling[ws]
    words = name_key(name).split()
    for i in range(len(words) - 2, 0, -1):
        tail = frozenset(words[i:])
        head = frozenset(words[:i])
        if len(tail) >= 2 and tail in spelling and not any(w <= head for w in spelling):
            return spelling[tail]
    return name


# ---------- matching ----------

def _occurrences(articles: Sequence[Article]) -> list[_Said]:
    out = []
    for k, art in enumerate(articles):
        for q in art.quotes:
            norm = " ".join(tokens(q.text))
            if norm:
                out.append(_Said(art.id, k, q, norm))
    return out


def _matches(said: list[_Said], left: list[int], right: list[int]) -> Iterable[tuple[int, int]]:
    """Pairs (i, j), i from `left` and j from `right`, that are one quote: the same words, one inside the other,
    near-identical words (a word changed), or, in one article, one's span inside the other's."""
    if not left or not right:
        return
    yield from _same_spans(said, left, right)
    norms = sorted({said[i].norm for i in left} | {said[j].norm for j in right})
    rep = {n: k for k, n in enumerate(norms)}
    ids: dict[int, list[int]] = defaultdict(list)
    for i in left:
        ids[rep[said[i].norm]].append(i)
    rids: dict[int, list[int]] = defaultdict(list)
    for j in right:
        rids[rep[said[j].norm]].append(j)
    for a, b in _similar_texts(norms, set(ids), set(rids)):
        for i in ids[a]:
            for j in rids[b]:
                if i != j:
                    yield i, j


def _same_spans(said: list[_Said], left: list[int], right: list[int]) -> Iterable[tuple[int, int]]:
    """Occurrences in one article whose spans nest: the same words reported once."""
    rights: dict[str, list[int]] = defaultdict(list)
    for j in right:
        rights[said[j].article].append(j)
    for i in left:
        qi = said[i].quote
        for j in rights.get(said[i].article, ()):
            qj = said[j].quote
            if i != j and ((qj.start <= qi.start and qi.end <= qj.end) or (qi.start <= qj.start and qj.end <= qi.end)):
                yield i, j


def _similar_texts(norms: list[str], left: set[int], right: set[int]) -> Iterable[tuple[int, int]]:
    """Pairs of distinct-or-equal normalised texts (indices into `norms`) that are one quote."""
    for k in left & right:
        yield k, k
    li, ri = sorted(left), sorted(right)
    scores = process.cdist([norms[k] for k in li], [norms[k] for k in ri], scorer=fuzz.ratio,
                           score_cutoff=NEAR_RATIO, workers=1)
    for x, y in zip(*scores.nonzero(), strict=True):
        yield li[int(x)], ri[int(y)]
    words = {k: (norms[k].split(), f" {norms[k]} ") for k in set(li) | set(ri)}
    for a in li:
        for b in ri:
            if a != b and _inside(*words[a], *words[b]):
                yield a, b


def _inside(a: list[str], a_text: str, b: list[str], b_text: str) -> bool:
    """Whether the shorter word list is the longer one with words left out (`_text`: the words joined, padded with
    a space): an outlet cut the quote short ("… kenaikan tertinggi mencapai 280%" of a two-sentence quote) or put
    words in ("langkah ini, menurut Prabowo, merupakan …"). The shorter holds CONTAINED_MIN_WORDS words or more,
    and INSERTED_SHARE of the longer's when its words are not all in a row."""
    if len(a) > len(b):
        a, a_text, b, b_text = b, b_text, a, a_text
    if len(a) < CONTAINED_MIN_WORDS or len(a) == len(b):
        return False
    if a_text in b_text:
        return True
    rest = iter(b)
    return len(a) >= INSERTED_SHARE * len(b) and all(w in rest for w in a)


def _join_by_quotes(said: list[_Said], speaker: list[str | None], by_speaker: dict[str | None, list[int]],
                    ambiguous: dict[str, set[str]]) -> None:
    """A short name that could be several people ("Prabowo") joins the one of them it shares a quote with."""
    for short, names in ambiguous.items():
        mine = by_speaker.get(short, [])
        hits = {n for n in names if n != short and next(iter(_matches(said, mine, by_speaker.get(n, []))), None)}
        if len(hits) == 1:
            (full,) = hits
            for i in mine:
                speaker[i] = full
            by_speaker[full].extend(by_speaker.pop(short))


def _attach_unattributed(said: list[_Said], speaker: list[str | None], by_speaker: dict[str | None, list[int]],
                         groups: _Groups) -> None:
    """A quote of no known speaker joins a named speaker's quote it matches, when it matches one speaker only."""
    loose: dict[int, list[int]] = defaultdict(list)  # the unattributed quotes, by group
    for i in by_speaker.get(None, []):
        loose[groups.find(i)].append(i)
    named = [i for who, idx in by_speaker.items() if who is not None for i in idx]
    found: dict[int, set[int]] = defaultdict(set)
    for i, j in _matches(said, by_speaker.get(None, []), named):
        found[groups.find(i)].add(j)
    for root, hits in found.items():
        if len({speaker[j] for j in hits}) == 1:
            target = min(hits)
            groups.union(root, target)
            for i in loose[root]:
                speaker[i] = speaker[target]


# ---------- output ----------

def _output(said: list[_Said], speaker: list[str | None], groups: _Groups) -> list[dict[str, Any]]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(said)):
        members[groups.find(i)].append(i)
    by_speaker: dict[str | None, list[list[int]]] = defaultdict(list)
    for idx in members.values():
        idx.sort(key=lambda i: (said[i].order, said[i].quote.start))
        by_speaker[speaker[idx[0]]].append(idx)
    out = []
    for who, quotes in by_speaker.items():
        quotes.sort(key=lambda idx: (-len({said[i].article for i in idx}), said[idx[0]].order,
                                     said[idx[0]].quote.start))
        arts = {said[i].article for idx in quotes for i in idx}
        first = min((said[idx[0]].order, said[idx[0]].quote.start) for idx in quotes)
        out.append(((who is None, -len(arts), -len(quotes), first),
                    {"speaker": who, "quotes": [_quote(said, idx) for idx in quotes]}))
    out.sort(key=lambda x: x[0])
    return [d for _, d in out]


def _quote(said: list[_Said], idx: list[int]) -> dict[str, Any]:
    """One quote: the fullest text of its occurrences (the direct one on a tie), every article, every place."""
    best = min(idx, key=lambda i: (-len(said[i].norm), _KIND_RANK.get(said[i].quote.kind, 3), i))
    q = said[best].quote
    return {
        "text": q.text,
        "kind": q.kind,
        "articles": list(dict.fromkeys(said[i].article for i in idx)),
        "evidence": [{"article": said[i].article, "start": said[i].quote.start, "end": said[i].quote.end}
                     for i in idx],
    }
