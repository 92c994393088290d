"""Who said it, within one article: speaker coreference for `enrich.quotes` (issue 17 §1).

A cue is written next to the short form a reporter uses ('kata AHY', 'ujar Bu Risma', 'kata Wakil Sekjen partai
itu', 'tulis dokumen tersebut'); the speaker to report is the fullest name the same article gives. Three jobs:

- `Cast.fullest`: a person's short form to the fullest name of the article that it refers to. In order: the
  words of the short form all in a longer name ('Putin' -> 'Vladimir Putin'); an acronym spelling a name's
  initials ('SBY' -> 'Susilo Bambang Yudhoyono'); a familiar form after an honorific ('Bu Risma' -> 'Tri
  Rismaharini', 'Cak Imin' -> 'Muhaimin Iskandar': the nickname is a part of a word of the name); a shortened
  word ('Risma' alone, five letters or more, as the start of a word); one spelling of a name for every spelling
  in the article ('Soeharto' = 'Suharto', 'Mohammad' = 'Muhammad'). A form that fits several people stays as
  written: nothing is guessed.
- `RoleBook`: a role noun used alone ('kata Wakil Sekjen partai itu') to the person the article gave that role,
  the exact role first ('Wakil Sekjen' is not the 'Sekjen'), the latest holder before the cue.
- `read_source`: sources that are not people, the name after a document noun ('tulis laporan BPS', 'keterangan
  resmi KBRI Kuala Lumpur'), a regulation cited as speaking ('bunyi Pasal 5 ayat (2) Perpres Nomor 12 Tahun
  2025'), or a demonstrative pointing back at the last one ('ungkap dokumen tersebut').

Word lists are data in `kliping.lang.id_speech` (NICKNAME_HONORIFICS, SPELLING_VARIANTS, SOURCE_NOUNS,
REGULATION_HEADS, INSTITUTION_NICKNAMES). The rules were written reading only fold A of labels-dev
(`bench/eval_speakers.py` says which articles) and invented sentences of tests/test_speakers.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import Levenshtein

from kliping.lang import id_speech as L

_WORD = re.compile(r"\w+")

# A shortened name without an honorific ('Risma' for Rismaharini) must be at least this long: shorter cuts
# ('Andi' of 'Andika', 'Sri' of 'Sriyanto') are ordinary names of other people too often. Chosen by reading, not
# fitted: labels-dev fold A has no shortened name without an honorific.
MIN_BARE_PREFIX = 5
# A nickname after an honorific ('Cak Imin', 'Gus Dur') may be any part of a word of the name this long or more.
MIN_FAMILIAR_PART = 3
# Two spellings of one word ('Mohammad'/'Muhammad', 'Syaiful'/'Saiful' after SPELLING_VARIANTS) differ by at most
# one edit, on words of at least this many letters (shorter words one edit apart are different names: 'Ali'/'Adi').
MIN_VARIANT_LEN = 5


def words(s: str) -> list[str]:
    return _WORD.findall(s.lower())


@cache
def spelling_key(word: str) -> str:
    """One written form for the spellings of a name word: old spelling and digraphs rewritten, doubled letters
    single ('Soeharto' and 'Suharto' -> 'suharto', 'Saifullah' -> 'saipulah')."""
    w = word.lower()
    for a, b in L.SPELLING_VARIANTS:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def initials(name: str) -> str:
    """'Susilo Bambang Yudhoyono' -> 'SBY' (name particles such as 'bin' do not count)."""
    return "".join(w[0] for w in name.split() if w.lower() not in L.NAME_PARTICLES and w[:1].isalpha()).upper()


def is_acronym(w: str) -> bool:
    return 2 <= len(w) <= 6 and w.isupper() and w.isalpha()


# ---------- people ----------

@dataclass
class _Person:
    name: str
    pos: int  # first mention
    keys: tuple[str, ...]  # spelling keys of its words
    mentions: int = 1


class Cast:
    """The people an article names, to turn the short form next to a cue into the fullest name it refers to."""

    def __init__(self, names: Iterable[tuple[int, str]]):
        """`names`: (position, name) of every person mention (entity canonical names, or capitalised runs)."""
        self._people: dict[str, _Person] = {}
        for pos, name in sorted(names):
            name = " ".join(name.split())
            if not name:
                continue
            p = self._people.get(name)
            if p is None:
                core = _without_honorifics(name.split())  # 'Gus Ipul' is indexed as 'Ipul'
                self._people[name] = _Person(name, pos, tuple(spelling_key(w) for w in words(" ".join(core))))
            else:
                p.mentions += 1
        self._memo: dict[str, str] = {}

    def fullest(self, short: str) -> str:
        """The fullest name of the article that `short` refers to, else `short` as written."""
        if short not in self._memo:
            self._memo[short] = self._fullest(short)
        return self._memo[short]

    def acronym(self, short: str) -> str | None:
        """The one person of two or more words whose initials spell `short` ('AHY'), else None."""
        if not is_acronym(short):
            return None
        hits = {p.name for p in self._people.values() if len(p.keys) >= 2 and _spells(short, initials(p.name))}
        return hits.pop() if len(hits) == 1 else None

    def _fullest(self, short: str) -> str:
        toks = _without_honorifics(short.split())
        familiar = len(toks) < len(short.split())
        if len(toks) == 1 and (full := self.acronym(toks[0])):
            return full
        want = [spelling_key(w) for w in words(" ".join(toks))]
        if not want:
            return short
        exact, fuzzy = [], []
        for p in self._people.values():
            if len(p.keys) < len(want):
                continue
            if set(want) <= set(p.keys):
                exact.append(p)
            elif _covers(want, p.keys, familiar):
                fuzzy.append(p)
        for pool in (exact, fuzzy):  # 'Putin' -> 'Vladimir Putin'; two names as long as each other: no guess
            longer = [p for p in pool if len(p.keys) > len(want)]
            if longer:
                most = max(len(p.keys) for p in longer)
                top = [p for p in longer if len(p.keys) == most]
                return top[0].name if len(top) == 1 else short
        variants = exact + fuzzy  # the same words, spelt one way or another: the article's most used spelling
        if variants:
            best = max(variants, key=lambda p: (p.mentions, -p.pos))
            own = self._people.get(" ".join(toks))
            if own is None or (best.mentions, -best.pos) > (own.mentions, -own.pos):
                return best.name
        return short


def _spells(acronym: str, name_initials: str) -> bool:
    """'SBY' spells 'SBY'; an acronym of three letters or more may leave out a first given name or initial
    ('HNW' for M Hidayat Nur Wahid)."""
    return acronym == name_initials or (len(acronym) >= 3 and len(name_initials) == len(acronym) + 1
                                        and name_initials.endswith(acronym))


def _without_honorifics(toks: list[str]) -> list[str]:
    """The name after its honorifics ('Bu Risma' -> 'Risma'); a lone word stays ('Bapak' is not dropped)."""
    while len(toks) > 1 and toks[0].lower().rstrip(".") in L.NICKNAME_HONORIFICS:
        toks = toks[1:]
    return toks


def _covers(want: list[str], keys: tuple[str, ...], familiar: bool) -> bool:
    """Every word of the short form matches a different word of the name: as a shortened start, as a part after
    an honorific, or as another spelling."""
    free = list(keys)
    for w in want:
        hit = next((k for k in free if _word_fits(w, k, familiar)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def _word_fits(short: str, full: str, familiar: bool) -> bool:
    if short == full:
        return True
    if len(short) >= MIN_BARE_PREFIX and full.startswith(short):
        return True
    if familiar and len(short) >= MIN_FAMILIAR_PART and short in full:
        return True
    return (min(len(short), len(full)) >= MIN_VARIANT_LEN and short[0] == full[0]
            and Levenshtein.distance(short, full, score_cutoff=1) <= 1)


# ---------- roles ----------

class RoleBook:
    """Who holds which role in the article, read in text order, so that a role noun alone names its holder."""

    def __init__(self, role_words: set[str],
                 introduced: Callable[[], Iterable[tuple[int, Iterable[str], str]]] | None = None):
        """`role_words`: the words that make a role ('wakil', 'sekjen', 'kapolres'). `introduced`: every (position,
        role, person) the article writes as a title before a name, read only when a role is first looked up (most
        articles never need it)."""
        self._vocab = role_words
        self._held: list[tuple[int, frozenset[str], str, bool]] = []  # (position, role key, person, from a title)
        self._introduced = introduced

    def key(self, role: Iterable[str]) -> frozenset[str]:
        """The words of a role that say which office it is: its role words and the body's name ('ketua', 'kpu'),
        without honorifics ('Pak', 'Bu') and demonstratives; empty when it holds no role word."""
        ws = [w for r in role for w in words(r) if w not in L.NICKNAME_HONORIFICS and w not in L.SOURCE_ANAPHORS]
        return frozenset(ws) if any(w in self._vocab for w in ws) else frozenset()

    def add(self, pos: int, role: Iterable[str], person: str) -> None:
        k = self.key(role)
        if k:
            self._held.append((pos, k, person, False))

    def holder(self, role: Iterable[str], pos: int, titles: bool = True) -> str | None:
        """The person holding exactly this role, else the fewest extra role words ('Sekjen' is the Sekjen,
        not the Wakil Sekjen, when both are named); among equals the latest named before `pos`. With `titles`
        False only the holders added so far count (a role as the subject of any verb, 'Pelaku kemudian meminta',
        is not resolved through every title of the article: that made 'ucapnya' point at the culprit)."""
        want = self.key(role)
        if not want:
            return None
        if titles and self._introduced is not None:
            for at, held, person in self._introduced():
                if k := self.key(held):
                    self._held.append((at, k, person, True))
            self._introduced = None
        best: tuple[int, int, str] | None = None
        for at, held, person, titled in self._held:
            if titled and not titles:
                continue
            if at > pos or not want <= held:
                continue
            rank = (len(held - want), -at)
            if best is None or rank < best[:2]:
                best = (*rank, person)
        return best[2] if best else None


# ---------- sources that are not people ----------

@dataclass(frozen=True)
class Source:
    """A document, regulation or statement given as a quote's source; `name` None when it points back."""

    name: str | None
    noun: str


_SOURCE_NOUNS = sorted((tuple(n.split()) for n in L.SOURCE_NOUNS), key=len, reverse=True)
_SOURCE_OPENERS = {n[0] for n in _SOURCE_NOUNS} | L.REGULATION_HEADS
_FIRST_WORD = re.compile(r"\s*(\w[\w\-]*)")
_CITE_TOKEN = re.compile(r"\(\w{1,3}\)|\d+(?:[/.]\d+)*|[^\W\d_][\w\-]*|[^\w\s]")


def read_source(phrase: str) -> Source | None:
    """The non-person source a speaker phrase names ('laporan BPS', 'dokumen tersebut', 'Pasal 5 ayat (2) UU
    Nomor 1 Tahun 2024'), or None when it names none."""
    first = _FIRST_WORD.match(phrase)
    if first is None or first.group(1).lower() not in _SOURCE_OPENERS:  # most phrases: one look-up (speed)
        return None
    toks = _CITE_TOKEN.findall(phrase[:200])
    low = [t.lower() for t in toks]
    if low[0] in L.REGULATION_HEADS and toks[0][:1].isupper():
        cite = _citation(toks, 0)  # 'Pasal 5', never a lone 'Peraturan' opening a sentence
        return Source(cite, "regulasi") if cite and " " in cite else None
    noun = next((n for n in _SOURCE_NOUNS if tuple(low[:len(n)]) == n), None)
    if noun is None:
        return None
    i = len(noun)
    while i < len(toks) and low[i] in L.SOURCE_NOUN_QUALIFIERS and low[i] not in L.SOURCE_ANAPHORS:
        i += 1
    if i < len(toks) and low[i] in L.SOURCE_ANAPHORS:
        return Source(None, " ".join(noun))
    name = _citation(toks, i)
    return Source(name, " ".join(noun)) if name else None


def _citation(toks: list[str], i: int) -> str | None:
    """The capitalised run (with numbers, '(2)' and citation words) starting at token i: the source's name."""
    out: list[str] = []
    while i < len(toks):
        t, lt = toks[i], toks[i].lower()
        if lt in L.SOURCE_CITATION_STOP:
            break
        if t[:1].isupper() or t[:1].isdigit() or (t.startswith("(") and out) or (lt in L.CITATION_WORDS and out):
            out.append(t)
        else:
            break
        i += 1
    while out and out[-1].lower() in L.CITATION_WORDS:
        out.pop()
    return " ".join(out).replace(" /", "/") or None


def institution(name: str, text: str) -> str:
    """A familiar name of an institution ('Korps Adhyaksa') as the fullest name the article gives it
    ('Kejaksaan Negeri Kuantan Singingi'); other names unchanged."""
    base = L.INSTITUTION_NICKNAMES.get(" ".join(words(name)))
    if base is None:
        return name
    # The run written most often, then the longest: a name that runs on into a person's ('Kejaksaan Negeri Kuantan
    # Singingi Soenardi mengatakan') is written once, the institution's own name several times.
    runs = Counter(re.findall(rf"\b{re.escape(base)}(?:\s+[A-Z][\w\-]*)*", text))
    return max(runs, key=lambda r: (runs[r], len(r))) if runs else base


# ---------- people named by a description ----------

# 'Pengemudi Pajero diketahui berinisial AR (37)', 'seorang warga bernama Budi': the description before the
# naming word, then the name (initials or capitalised words).
_NAMED = re.compile(r"\b(?:berinisial|bernama|inisial)\s+(?P<name>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})")
_DESCRIPTION_FILLER = {"diketahui", "yang", "itu", "tersebut", "seorang", "sang", "si", "para", "ini"}


class Descriptions:
    """People the article introduces by a description and a name ('Pengemudi Pajero diketahui berinisial AR'),
    so that a cue naming the description alone ('ujar pengemudi Pajero') names the person."""

    def __init__(self, text: str):
        self._text = text
        self._named: list[tuple[int, frozenset[str], str]] | None = None  # read on first look-up (speed)

    def _read(self, text: str) -> list[tuple[int, frozenset[str], str]]:
        named = []
        for m in _NAMED.finditer(text):
            lo = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()), text.rfind(",", 0, m.start()))
            before = [w for w in words(text[lo + 1:m.start()]) if w not in _DESCRIPTION_FILLER][-3:]
            if before:
                named.append((m.start(), frozenset(before), m.group("name")))
        return named

    def holder(self, description: Iterable[str], pos: int) -> str | None:
        """The latest person introduced before `pos` with every word of `description`, else None."""
        if self._named is None:
            self._named = self._read(self._text)
        want = frozenset(w for d in description for w in words(d)) - _DESCRIPTION_FILLER
        hits = [(at, name) for at, desc, name in self._named if at < pos and want and want <= desc]
        return max(hits)[1] if hits else None
