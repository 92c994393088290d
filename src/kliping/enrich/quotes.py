"""Quotes and their speakers in Indonesian (and English) news text.

Three kinds, with character offsets into the article text:

- **direct**: a statement in quote marks ('"…," kata X', 'X mengatakan, "…"', a quote running over paragraphs);
- **partial**: a quoted fragment inside the reporter's sentence ('X menyebut kesepakatan itu sebagai "…"');
- **indirect**: reported speech without quote marks ('X mengatakan (bahwa) …', 'Menurut X, …', '…, kata dia, …').

How it works: quote marks are paired per paragraph (`enrich.quote_marks`) and the quoted stretches masked, so
that sentences of the reporter's own text can be split and read without tripping over the punctuation inside
quotes. Cues and speakers are read around each quote ('," ujar Gubernur BI Perry Warjiyo dalam …') and in the
masked sentences ('X menegaskan bahwa …'). Finally every speaker reference is resolved in text order
(`_resolve`, with `enrich.speakers` for coreference): a name to the fullest form the article gives ('kata Putin'
-> 'Vladimir Putin', 'kata AHY' -> 'Agus Harimurti Yudhoyono', 'ujar Bu Risma' -> 'Tri Rismaharini'); 'ujarnya',
'kata dia', 'ia mengatakan' to the person last named as a speaker or as a sentence's subject; a title alone ('kata
Wakil Sekjen partai itu') to the person the article gave that title; a document or regulation ('tulis laporan
BPS', 'bunyi Pasal 5 …', 'ungkap dokumen tersebut') to that source. Nothing is guessed beyond that: a quote whose
speaker the text does not give keeps speaker None.

All word lists are data in `kliping.lang.id_speech`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kliping.enrich.intervals import Intervals
from kliping.enrich.quote_marks import MASK, Span, mask_quotes, pair_marks, paragraphs, quote_content
from kliping.enrich.speakers import Cast, Descriptions, RoleBook, institution, read_source
from kliping.lang import id_speech as L
from kliping.lang.id import ABBREVIATIONS, DAYS, MONTHS
from kliping.model import Entity, Quote

# ---------- compiled resources ----------

_TOKEN = re.compile(r"\w[\w'’\-]*|[,:;()]|\x01+")
# A sentence ends at . ! ? (or …) followed by space, or glued to a capital/quote ("2025).Sementara", '."Melalui').
_BOUNDARY = re.compile(r"[.!?…]+(?=\s|$|[A-Z\x01])")


def _alt(words: Sequence[str]) -> str:
    """A regex alternation of words, longest first (so 'kata' does not shadow 'katakan')."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SHORT_CUES = set(L.SHORT_CUES) | set(L.EN_SHORT_CUES)
_SPEECH_VERBS = set(L.SPEECH_VERBS) | set(L.EN_SPEECH_VERBS)
_ALL_CUES = _SHORT_CUES | _SPEECH_VERBS
# '," ujarnya' / '," kata Purbaya' / '," demikian tertulis di …' / '," he said' / '," Kim mengatakan'.
_CUE_AFTER = re.compile(
    r"^[\s,.;:\-–—]*(?:(?:demikian|begitu|lalu|kemudian|lanjut)\s+)?"
    rf"(?P<cue>(?:{_alt([*_ALL_CUES, 'tertulis', 'bunyi'])})(?:nya)?)(?![\w'’\-])",
    re.IGNORECASE,
)
# '," demikian keterangan resmi KBRI …' / '," begitu bunyi Pasal 5 …': a source with no reporting verb.
_SOURCE_AFTER = re.compile(r"^[\s,.;:\-–—]*(?P<cue>demikian|begitu|seperti)\s+(?:(?:bunyi|isi)\s+)?", re.IGNORECASE)
# English: '," he said.' / '," regent Andi Rahmat Syamsuddin said at …' / '," Yusran Lamba, head of …, told reporters'.
_EN_AFTER = re.compile(rf"^[\s,]*(?P<who>[^\"“”.!?\n]{{1,120}}?)\s+(?P<cue>{_alt(list(L.EN_SHORT_CUES))})\b")
# 'X mengatakan, "…"' / 'X berkata kepada wartawan: "…"' / 'X: "…"' (but not '… bahwa ada "kemungkinan"').
_CUE_BEFORE_END = re.compile(
    rf"(?P<cue>\b(?:{_alt(list(_ALL_CUES))})(?:nya)?)\b"
    r"(?:\s+(?:kepada|pada|di hadapan|to)(?:\s+(?!bahwa\b)[\w\-.]+){1,4})?\s*[,:]?\s*$|:\s*$", re.IGNORECASE)
_VERB_TOKEN = re.compile(rf"\b(?P<cue>{_alt(list(_SPEECH_VERBS))})\b", re.IGNORECASE)
_ACCORDING = re.compile(rf"\b(?P<cue>{_alt(L.ACCORDING_TO + L.EN_ACCORDING_TO)})(?P<nya>nya)?\b", re.IGNORECASE)
_PASSIVE = re.compile(rf"^(?P<cue>{_alt(L.PASSIVE_CUES)})\s+(?=\S)", re.IGNORECASE)
# A cue set off by commas inside a sentence: 'Jangan sampai, kata dia, jika …' / 'Sebab, kata Yusril, selama …'.
_INSERTED = re.compile(
    rf",\s*(?P<cue>{_alt(L.ACCORDING_TO + L.EN_SHORT_CUES)})(?P<nya>nya)?\s+(?P<who>[^,\x01]{{1,60}}?)\s*,",
    re.IGNORECASE)
# 'content, ujarnya.' / 'content, kata Rido.' closing a sentence of the reporter's text.
_TRAILING = re.compile(
    rf",\s*(?P<cue>{_alt(list(_SHORT_CUES))})(?P<nya>nya)?(?:\s+(?P<who>[^,\x01]{{1,60}}?))?\s*[.!?]*\s*$",
    re.IGNORECASE)
_ROLE_WORDS = {w for p in L.ROLE_PHRASES for w in p.split()}
# Words a title may open with, never a person's first name: role heads ('Mensos'), institutions ('KPU'), ranks.
# Not every role word: 'Agung' (of 'Jaksa Agung') opens many names.
_TITLE_OPENERS = {p.split()[0] for p in L.ROLE_PHRASES} | L.INSTITUTION_WORDS | L.RANKS
_ROMAN = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_VERBISH = re.compile(r"^(?:me|mem|men|meng|meny|ber|di|ter)[a-z]{3,}$")
_ODD_CUE = re.compile(r"^[\s,]*(?P<cue>[a-z]{3,}(?:\s+(?:dia|ia|beliau))?)\s*[.!]?\s*$")
_DATE_WORDS = {w for w in list(DAYS) + list(MONTHS) if len(w) >= 4}
_STANCE = set(L.STANCE_VERBS)
_NOT_SUBJECT = set(L.PREPOSITIONS) | L.NOT_SUBJECT_AFTER
_SUBJ_FOLLOW = L.SUBJECT_FOLLOWERS


# Character windows of the speaker phrases. They came with the first quote rules, written while reading all of
# detik labels-dev (before issue 17's fold split) and were not re-fit since; they bound what reads as a name, not
# as a clause. 'Dikatakan <who>, …': at most this long.
PASSIVE_WHO_MAX = 60
# 'Menurut <who>, …': a title and a name ('Menurut Kepala BPS Jawa Tengah Endang Tri Wahyuningsih, …') fit.
ACCORDING_WHO_MAX = 70
# '…, ujar <who>.' is looked for in the last this many characters of a sentence only (speed and safety: a comma
# earlier in a long sentence is not the cue's).
TRAILING_CUE_WINDOW = 90
# 'X mengatakan … bahwa …': a 'bahwa' further than this after the verb belongs to another clause.
BAHWA_WINDOW = 120


# ---------- records ----------

@dataclass
class _Ref:
    """Who a cue points at, before resolution: a name, a pronoun, a title alone, or the previous quote's speaker."""

    kind: str  # name | pronoun | role | source (roles: its noun) | described (roles: its words) | inherit | none
    name: str | None = None
    roles: tuple[str, ...] = ()
    person: bool = True
    span: tuple[int, int] | None = None


@dataclass
class _Item:
    start: int
    end: int
    kind: str
    cue: str | None
    ref: _Ref
    pos: int  # where the reference is made (for resolving pronouns in text order)
    speaker: str | None = None
    runs_on: bool = False  # a quote left open at its paragraph's end (it continues in the next paragraph)


@dataclass
class _Doc:
    text: str
    masked: str
    paras: list[tuple[int, int]]
    lower_words: set[str] = field(default_factory=set)
    placeish: set[str] = field(default_factory=set)
    starts: set[int] = field(default_factory=set)  # where the reporter's sentences begin
    cap_mid: set[str] = field(default_factory=set)  # words written capitalised somewhere inside a sentence
    aliases: dict[str, str] = field(default_factory=dict)  # 'AHY' -> 'Agus Harimurti Yudhoyono'

    _toks: list[tuple[str, int, int]] = field(default_factory=list)
    _tok_starts: list[int] = field(default_factory=list)
    _sents: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)
    _sent_starts: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    _para_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Built once: rebuilding it on every call made each look-up linear in the paragraphs, and the article
        # quadratic (issue 12).
        self._para_starts = [a for a, _ in self.paras]

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, pos) - 1)

    def toks(self, a: int, b: int) -> list[tuple[str, int, int]]:
        """Tokens of masked[a:b], from one tokenisation of the whole text (speed: speakers are read many times)."""
        if not self._toks:
            self._toks = _tokens(self.masked)
            self._tok_starts = [t[1] for t in self._toks]
        i = bisect.bisect_left(self._tok_starts, a)
        j = bisect.bisect_left(self._tok_starts, b, lo=i)
        out = self._toks[i:j]
        while out and out[-1][2] > b:
            out = out[:-1]
        return out

    def sentences(self, a: int, b: int) -> list[tuple[int, int]]:
        if (a, b) not in self._sents:
            self._sents[(a, b)] = _sentence_bounds(self.masked, a, b)
        return self._sents[(a, b)]

    def sentence_starts(self, a: int, b: int) -> list[int]:
        """Starts of `sentences(a, b)`, to bisect: a paragraph-long record may hold thousands of sentences."""
        if (a, b) not in self._sent_starts:
            self._sent_starts[(a, b)] = [x for x, _ in self.sentences(a, b)]
        return self._sent_starts[(a, b)]


# ---------- public API ----------

def find_quotes(text: str, entities: Sequence[Entity] = (), language: str | None = None) -> list[Quote]:
    """Direct, partial and indirect quotes of `text` (paragraphs separated by a blank line), with speakers.

    With `entities`, speakers resolve to the canonical names of overlapping PER entities; without, to the fullest
    person name the article gives. `language` is accepted for the pipeline's sake: the cue lists hold Indonesian
    and English together, and the rules are the same for both.
    """
    if not text or not text.strip():
        return []
    if language == "en":  # English has rules of its own, scored on PolNeAR (bench/eval_polnear.py)
        from kliping.enrich.attribution_en import find_quotes_en
        return find_quotes_en(text, entities)
    paras = paragraphs(text)
    spans = pair_marks(text, paras)
    masked = mask_quotes(text, spans)
    # A word the tagger reads as part of a person's name is no place, whatever precedes it ('Kembali ke Rofyanto').
    per_words = {w.lower() for e in entities if (e.type or "").upper() in ("PER", "PERSON") for w in e.text.split()}
    doc = _Doc(text, masked, paras, _lower_words(masked), _placeish(masked) - per_words)
    _index_sentences(doc)
    items = _quote_items(doc, spans)
    items += _indirect_items(doc)
    mentions = _subject_mentions(doc)
    _resolve(doc, items, mentions, entities)
    items.sort(key=lambda it: (it.start, it.end))
    _carry_back(doc, items)
    return [Quote(text=text[it.start:it.end], start=it.start, end=it.end, kind=it.kind, cue=it.cue,
                  speaker=it.speaker) for it in items]


# ---------- sentences of the reporter's text ----------

def _sentence_bounds(masked: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentences of masked[a:b] (a paragraph); quoted stretches are opaque, so their punctuation never splits."""
    out, start = [], a
    for m in _BOUNDARY.finditer(masked, a, b):
        if _is_abbrev(masked, m.start()):
            continue
        out.append((start, m.end()))
        start = m.end()
    if masked[start:b].strip():
        out.append((start, b))
    return [(x, y) for x, y in out if masked[x:y].strip()]


def _is_abbrev(s: str, dot: int) -> bool:
    m = re.search(r"(\w+)$", s[max(0, dot - 12):dot])
    if not m:
        return False
    w = m.group(1)
    return w.lower() in ABBREVIATIONS or (len(w) == 1 and w.isupper())


def _sentence_at(doc: _Doc, pos: int) -> tuple[int, int]:
    """The masked sentence containing `pos`, found by bisection: paragraphs and their sentences are sorted and
    disjoint, so only the last one starting at or before `pos` can hold it (scanning them all was quadratic)."""
    a, b = doc.paras[doc.para_of(pos)]
    if not a <= pos <= b:
        return pos, pos
    j = bisect.bisect_right(doc.sentence_starts(a, b), pos) - 1
    if j >= 0:
        x, y = doc.sentences(a, b)[j]
        if pos < y:
            return x, y
    return a, b


def _index_sentences(doc: _Doc) -> None:
    """Sentence starts, words capitalised mid-sentence (names, not sentence-initial common words) and acronym
    aliases given in parentheses ('Agus Harimurti Yudhoyono (AHY)')."""
    for a, b in doc.paras:
        for x, _ in doc.sentences(a, b):
            while x < b and (doc.masked[x].isspace() or doc.masked[x] in "-–—,"):
                x += 1
            doc.starts.add(x)
    for m in re.finditer(r"(?<![\w\x01])[A-Z][\w\-]*", doc.masked):
        if m.start() not in doc.starts and doc.masked[m.start() - 2:m.start()].strip(" ") not in (".", ":"):
            doc.cap_mid.add(m.group().lower())
    for m in re.finditer(r"((?:[A-Z][\w\-]*\s+){1,5})\(([A-Z]{2,6})\)", doc.masked):
        words, acro = m.group(1).split(), m.group(2)
        full = words[-len(acro):]
        if len(words) >= len(acro) and "".join(w[0] for w in full) == acro \
                and not any(w.lower() in L.INSTITUTION_WORDS for w in full):
            doc.aliases[acro] = " ".join(words[-len(acro):])


def _lower_words(masked: str) -> set[str]:
    """Words the article writes in lower case somewhere: a capitalised one of them at a sentence start is not a name."""
    return {w for w in re.findall(r"(?<![\w.])[a-z][a-z\-]+", masked)}


def _placeish(masked: str) -> set[str]:
    """Capitalised words that follow a place word elsewhere ('Kota Pekanbaru', 'di Rusia'): places, not names."""
    out = set()
    for m in re.finditer(r"\b(\w+)\s+([A-Z][\w\-]+)", masked):
        if m.group(1).lower() in L.PLACE_INTRODUCERS:
            out.add(m.group(2).lower())
    return out


# ---------- speaker phrases ----------

def _tokens(s: str, base: int = 0) -> list[tuple[str, int, int]]:
    return [(m.group(), base + m.start(), base + m.end()) for m in _TOKEN.finditer(s)]


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _is_acronym(w: str) -> bool:
    return len(w) >= 2 and w.isupper() and w.isalpha()


def _verbish(w: str) -> bool:
    """A word shaped like a meN-/ber-/di-/ter- verb that is not a title ('menteri', 'direktur', 'tersangka')."""
    lw = w.lower()
    return bool(_VERBISH.match(lw)) and lw not in _ROLE_WORDS and lw not in L.INSTITUTION_WORDS


def _not_a_name(doc: _Doc, tok: tuple[str, int, int]) -> bool:
    """A capitalised word that is only capitalised because it opens a sentence ('Padahal', 'Hasilnya', 'Dimintai'):
    it is never written capitalised inside a sentence, or it is a verb or a word with the enclitic -nya."""
    w, pos, _ = tok
    if pos not in doc.starts:
        return False
    lw = w.lower()
    return (lw not in doc.cap_mid or lw.endswith("nya") or bool(_verbish(lw)) or lw in L.CONNECTIVES
            or (lw in doc.lower_words and lw not in _ROLE_WORDS))


def _chunk(doc: _Doc, toks: list[tuple[str, int, int]], i: int) -> tuple[list[tuple[str, int, int]], int]:
    """The noun chunk of titles and names starting at token i ('Kepala BPS Jawa Tengah, Endang Tri Wahyuningsih')."""
    out: list[tuple[str, int, int]] = []
    depth = 0
    while i < len(toks):
        w = toks[i][0]
        lw = w.lower()
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        named = bool(out) and _names_person(doc, out)
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth:
            pass
        elif lw in _DATE_WORDS:
            break
        elif w == ",":
            if not out or named or not (_is_cap(nxt) or nxt.lower() in L.TITLE_CONNECTORS) \
                    or nxt.lower() in _DATE_WORDS:
                break
            out.append(toks[i])  # kept so that the name is read from after the comma
        elif _is_cap(w) or (w[:1].isdigit() and out and _is_cap(out[-1][0])):
            if not out and _not_a_name(doc, toks[i]) and lw not in _ROLE_WORDS and not (
                    _is_cap(nxt) and lw not in L.CONNECTIVES and not _verbish(lw) and not lw.endswith("nya")):
                break
            out.append(toks[i])
        elif _joins_chunk(lw, nxt, bool(out), named):
            out.append(toks[i])
        else:
            break
        i += 1
    return out, i


def _names_person(doc: _Doc, chunk: list[tuple[str, int, int]]) -> bool:
    """The chunk so far ends in a person's name, not in an organisation's ('PT Sinar Abadi', 'Partai Buruh'), after
    which a comma and the person's name may still follow."""
    name, _ = _name_part(doc, chunk)
    if not name:
        return False
    k = chunk.index(name[0]) - 1
    return k < 0 or chunk[k][0].lower() not in L.ORG_MARKERS


def _joins_chunk(lw: str, nxt: str, started: bool, named: bool) -> bool:
    """A lower-case word that continues a chunk: a name particle ('bin'), a title word ('juru bicara') or a
    connector inside a title ('Kabid Humas pada Puspenkum')."""
    if lw in L.NAME_PARTICLES and started and _is_cap(nxt):
        return True
    if named:
        return False
    if lw in L.TITLE_CONNECTORS and started:
        return _is_cap(nxt) or nxt.lower() in _ROLE_WORDS
    return lw in _ROLE_WORDS and lw not in L.SPEAKER_STOP


def _name_part(doc: _Doc, chunk: list[tuple[str, int, int]]) -> tuple[list[tuple[str, int, int]], list[str]]:
    """Split a chunk into (person-name tokens, role tokens) by reading back from its end: the name is the run of
    capitalised words after the last title, rank, institution or place word."""
    name: list[tuple[str, int, int]] = []
    k = len(chunk) - 1
    while k >= 0:
        w = chunk[k][0]
        lw = w.lower()
        nxt = chunk[k + 1][0].lower() if k + 1 < len(chunk) else ""
        if (w == "I" and nxt in L.BALINESE_NAMES) or (lw in L.NAME_PARTICLES and not _is_cap(w) and name):
            name.insert(0, chunk[k])
        elif (not _is_cap(w) or lw in _ROLE_WORDS or lw in L.RANKS or lw in L.INSTITUTION_WORDS or lw in L.CONNECTIVES
              or _ROMAN.match(w) or (_is_acronym(w) and w not in doc.aliases) or w[:1].isdigit()):
            break
        else:
            name.insert(0, chunk[k])
        k -= 1
    roles = [t[0].lower() for t in chunk[:k + 1] if t[0].lower() in _ROLE_WORDS]
    while name and name[0][0].lower() in doc.placeish and name[0][0] not in doc.aliases:
        name = name[1:]
    return name, roles


def _ref_from(doc: _Doc, s: str, base: int, allow_org: bool = True) -> _Ref:
    """Read who a speaker phrase names ('Gubernur BI Perry Warjiyo dalam …', 'dia', 'Kasi Intel', 'KPK')."""
    toks = doc.toks(base, base + len(s))
    if not toks:
        return _Ref("none")
    w0 = toks[0][0].lower()
    if w0 in L.PRONOUNS or (w0 in L.DESCRIPTIONS and not _is_cap(toks[0][0])):
        return _Ref("pronoun")  # 'ujar dia', 'ujar pria kelahiran Jawa Tengah ini'
    if w0 == L.SOURCE_SIDE and len(toks) > 1 and _is_cap(toks[1][0]):  # 'ungkap pihak Gedung Putih'
        return _ref_from(doc, doc.masked[toks[1][1]:base + len(s)], toks[1][1], allow_org)
    src = read_source(s.lstrip())
    if src is not None:  # 'laporan BPS', 'dokumen tersebut', 'Pasal 5 ayat (2) Perpres …'
        at = s.find(src.name) if src.name else -1
        return _Ref("source", src.name, (src.noun,), False, (base + at, base + at + len(src.name or "")) if at >= 0
                    else None)
    chunk, k = _chunk(doc, toks, 0)
    if not chunk:
        return _described(toks)
    name, roles = _name_part(doc, chunk)
    if name and _relational(_title(chunk, name)) and k + 1 < len(toks) and toks[k][0] == ",":
        # 'pengacara Lisa, Jhony Boy Nababan': the lawyer named after the party is the speaker.
        nxt, _ = _chunk(doc, toks, k + 1)
        holder, _ = _name_part(doc, nxt)
        if holder:
            party = tuple(t[0].lower() for t in name)
            return _Ref("name", " ".join(t[0] for t in holder), (*_title(chunk, name), *party), True,
                        (holder[0][1], holder[-1][2]))
    before = chunk.index(name[0]) - 1 if name else -1  # the token right before the name
    if name and not roles and 0 <= before <= 1 and chunk[before][0].lower() in L.ORG_MARKERS:
        # 'BEM Universitas Tirtamulya', 'PT Sinar Abadi': an organisation's name opening the chunk is the source
        # (further in, 'Bendahara PT Sinar Group Maryam', the marker ends an organisation a person works for).
        return _Ref("name", " ".join(t[0] for t in chunk if t[0] != ","), (), False, (chunk[0][1], chunk[-1][2]))
    if name:
        words = " ".join(t[0] for t in name)
        person = not all(_is_acronym(t[0]) and t[0] not in doc.aliases for t in name)
        return _Ref("name", words, _title(chunk, name), person, (name[0][1], name[-1][2]))
    if roles:
        return _Ref("role", roles=_title(chunk, []))
    if allow_org:
        orgs = [t for t in chunk if _is_acronym(t[0]) or t[0].lower() in L.INSTITUTION_WORDS]
        if orgs:
            org = " ".join(t[0] for t in chunk if t[0] != ",")
            return _Ref("name", org, (), False, (chunk[0][1], chunk[-1][2]))
    return _Ref("none")


def _title(chunk: list[tuple[str, int, int]], name: list[tuple[str, int, int]]) -> tuple[str, ...]:
    """The words of a chunk before its name, lower case: the whole title ('ketua', 'dkpp'), so that 'Ketua DKPP'
    is never taken for the 'Ketua KPU' of the same article."""
    end = chunk.index(name[0]) if name else len(chunk)
    return tuple(t[0].lower() for t in chunk[:end] if t[0] != ",")


def _described(toks: list[tuple[str, int, int]]) -> _Ref:
    """A speaker phrase of common nouns ('pengemudi Pajero dalam video'): the description, up to three words, for
    `speakers.Descriptions` to name."""
    desc: list[str] = []
    for w, _, _ in toks[:3]:
        lw = w.lower()
        if not w[:1].isalpha() or lw in L.SPEAKER_STOP or lw in L.PREPOSITIONS or _verbish(lw):
            break
        desc.append(lw)
    return _Ref("described", roles=tuple(desc)) if desc and not _is_cap(toks[0][0]) else _Ref("none")


# ---------- direct and partial quotes ----------

def _quote_items(doc: _Doc, spans: list[Span]) -> list[_Item]:
    text, masked = doc.text, doc.masked
    items: list[_Item] = []
    prev: _Item | None = None
    prev_end = -1  # end of the previous quote's attribution (its cue phrase)
    for s in sorted(spans, key=lambda x: x.open):
        a, b = quote_content(text, s)
        if b - a < 2:
            continue
        sa, sb = _sentence_at(doc, max(s.open, 0) if s.open >= 0 else 0)
        para_a, para_b = doc.paras[s.para]
        before = masked[max(sa, para_a):max(s.open, para_a)]
        after_end = _after_end(masked, s.close + 1, para_b)
        after = masked[s.close + 1:after_end] if s.closed else ""
        cue, ref, attach_end = _cue_after(doc, after, s.close + 1)
        kind = "direct"
        if before.strip():
            mb = _CUE_BEFORE_END.search(before)
            if mb and not s.single:
                if mb.group("cue"):
                    cue = cue or mb.group("cue")
                    if ref.kind == "none":
                        ref = _subject_ref(doc, max(sa, para_a), max(sa, para_a) + mb.start("cue"))
                else:  # 'X: "…"'
                    ref = ref if ref.kind != "none" else _subject_ref(doc, max(sa, para_a), s.open)
            else:
                kind = "partial"
        elif _is_title_like(text, a, b, s.close, after) or s.single:
            kind = "partial"
        if kind == "partial":
            if not _keep_partial(doc, s, a, b, sa, sb):
                continue
            if ref.kind == "none":
                ref = _partial_ref(doc, sa, sb, s)
        elif ref.kind == "none" and prev is not None and prev.kind == "direct" \
                and not masked[prev_end:max(s.open, 0)].strip(" \n\t" + MASK):
            ref = _Ref("inherit")
        elif ref.kind == "none" and s.para > 0 and cue is None:
            ref = _colon_intro(doc, s.para)
        item = _Item(a, b, kind, cue, ref, pos=(s.close + 1 if cue and not before.strip() else max(s.open, 0)),
                     runs_on=not s.closed and kind == "direct")
        items.append(item)
        if kind == "direct":
            prev, prev_end = item, max(attach_end, s.close + 1)
    return items


def _after_end(masked: str, start: int, para_end: int) -> int:
    """Where the text after a quote stops being its attribution: the sentence end or the next quote."""
    for m in _BOUNDARY.finditer(masked, start, para_end):
        if m.start() > start and not _is_abbrev(masked, m.start()):
            return m.end()
    nxt = masked.find(MASK, start + 1, para_end)
    return nxt if nxt > 0 else para_end


def _cue_after(doc: _Doc, after: str, base: int) -> tuple[str | None, _Ref, int]:
    """The cue and speaker right after a closing mark ('," kata Purbaya', '," ujarnya', '," Kim mengatakan')."""
    m = _CUE_AFTER.match(after)
    if m:
        cue = m.group("cue")
        rest = after[m.end():]
        if cue.lower().endswith("nya") and cue.lower()[:-3] in _ALL_CUES:
            return cue, _Ref("pronoun"), base + len(after)
        ref = _ref_from(doc, rest, base + m.end())
        return cue, ref, base + len(after)
    m = _SOURCE_AFTER.match(after)
    src = read_source(after[m.end():]) if m else None
    if m and src is not None:  # '," demikian keterangan resmi KBRI Kuala Lumpur.'
        return m.group("cue"), _Ref("source", src.name, (src.noun,), False), base + len(after)
    toks = doc.toks(base, base + len(after))
    if (toks and _is_cap(toks[0][0])) or (toks and toks[0][0] == ","):
        start = 1 if toks[0][0] == "," else 0
        chunk, j = _chunk(doc, toks, start)
        if chunk and j < len(toks) and toks[j][0].lower() in _SPEECH_VERBS:
            ref = _ref_from(doc, after[toks[start][1] - base:], toks[start][1])
            return toks[j][0], ref, base + len(after)
        if toks[start:start + 1] and toks[start][0].lower() in L.PRONOUNS and len(toks) > start + 1 \
                and toks[start + 1][0].lower() in _ALL_CUES:
            return toks[start + 1][0], _Ref("pronoun"), base + len(after)
    en = _EN_AFTER.match(after)
    if en:
        return (*_english_speaker(doc, en, base), base + len(after))
    # An unlisted or misspelt cue ('," tutupnha.', '," kaya dia.'): one lower-case word, maybe a pronoun, then the
    # sentence ends.
    m2 = _ODD_CUE.match(after)
    if m2:
        return m2.group("cue"), _Ref("pronoun"), base + len(after)
    return None, _Ref("none"), base


def _english_speaker(doc: _Doc, m: re.Match[str], base: int) -> tuple[str, _Ref]:
    """English puts the speaker before the verb, often with a role or an appositive: '," he said',
    '," regent Andi Rahmat Syamsuddin said', '," Yusran Lamba, head of the agency, told reporters'."""
    who, cue = m.group("who"), m.group("cue")
    head = who.split(",")[0]  # the appositive after the first comma describes the speaker
    words = head.split()
    if len(words) == 1 and words[0].lower() in L.PRONOUNS:
        return cue, _Ref("pronoun")
    # The name is the last run of capitalised words before the verb: "Indonesian fisheries minister Laksmi
    # Pramesti" names Laksmi Pramesti, not "Indonesian".
    runs = list(re.finditer(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", head))
    if not runs:
        return cue, _Ref("none")
    cap = runs[-1]
    start = m.start("who") + cap.start()
    return cue, _ref_from(doc, head[cap.start():], base + start)


def _is_title_like(text: str, a: int, b: int, close: int, after: str) -> bool:
    """A short quoted name opening a sentence that goes on ('"Sound of Justice" merupakan …'): not a statement
    (which ends in punctuation inside the marks: '"Kami siap," kata …')."""
    nwords = len(text[a:b].split())
    if nwords > 4 or not text[close - 1:close].isalnum():
        return False
    nxt = after.lstrip()
    return bool(nxt) and nxt[0].islower() and not _CUE_AFTER.match(after)


def _keep_partial(doc: _Doc, s: Span, a: int, b: int, sa: int, sb: int) -> bool:
    """A quoted fragment is a partial quote when its sentence reports speech, or when it is a clause long enough to
    be somebody's words; short scare quotes and names ('disulap', "paddle Corcuera") are not quotes."""
    sentence = doc.masked[sa:sb]
    nwords = len(doc.text[a:b].split())
    if _VERB_TOKEN.search(sentence) or _ACCORDING.search(sentence) or (re.search(
            rf"\b(?:{_alt(list(_SHORT_CUES))})(?:nya)?\b", sentence, re.IGNORECASE) and "," in sentence):
        return not s.single or nwords >= 2
    return nwords >= 6 and not s.single


def _partial_ref(doc: _Doc, sa: int, sb: int, s: Span) -> _Ref:
    """A partial quote's speaker: the subject of the reporting verb in its sentence, if there is one."""
    sent = doc.masked[sa:sb]
    m = _VERB_TOKEN.search(sent)
    if m and sa + m.start() < s.open:
        return _subject_ref(doc, sa, sa + m.start())
    m2 = _ACCORDING.search(sent)
    if m2:
        return _ref_from(doc, doc.masked[sa + m2.end():sb], sa + m2.end())
    return _Ref("none")


def _colon_intro(doc: _Doc, para: int) -> _Ref:
    """A quote paragraph after a paragraph ending in ':' or a speech verb ('Dia mengatakan:') has that speaker."""
    pa, pb = doc.paras[para - 1]
    prev = doc.masked[pa:pb].rstrip()
    if prev.endswith(":") or re.search(rf"\b(?:{_alt(list(_SPEECH_VERBS))})\s*[,:]?$", prev, re.IGNORECASE):
        sents = doc.sentences(pa, pb)
        x, y = sents[-1] if sents else (pa, pb)
        m = _VERB_TOKEN.search(doc.masked, x, y)
        return _subject_ref(doc, x, m.start() if m else y)
    return _Ref("none")


# ---------- subjects of the reporter's sentences ----------

def _subject_ref(doc: _Doc, sa: int, verb: int) -> _Ref:
    """Who a sentence's verb at `verb` has as subject: a pronoun right before it ('namun ia mengatakan'), else the
    name chunk nearest before it that opens the sentence or a clause (after a comma or a connective) and is not the
    object of a preposition ('Sementara itu, Public Affairs Director Danone, Karyanto Wibowo mengatakan')."""
    toks = doc.toks(sa, verb)
    j = len(toks) - 1
    while j >= 0 and toks[j][0].lower() in _SUBJ_FOLLOW:
        j -= 1
    if j >= 0 and (toks[j][0].lower() in L.PRONOUNS or toks[j][0].lower() == "pihaknya"):
        return _Ref("pronoun")
    first: _Ref | None = None
    near: _Ref | None = None
    i = 0
    while i < len(toks):
        w, lw = toks[i][0], toks[i][0].lower()
        prev = toks[i - 1][0].lower() if i > 0 else ""
        opener = (i == 0 or prev == "," or prev in L.CONNECTIVES) and prev not in _NOT_SUBJECT
        if opener and first is None and (lw in L.PRONOUNS or lw in L.DESCRIPTIONS):
            first = _Ref("pronoun")
        if opener and (_is_cap(w) or lw in _ROLE_WORDS):
            chunk, k = _chunk(doc, toks, i)
            if chunk:
                ref = _ref_from(doc, doc.masked[chunk[0][1]:verb], chunk[0][1])
                if ref.kind in ("name", "role", "source"):
                    first = first or ref
                    if ref.kind == "name" and _clause_end(toks, k):
                        near = ref
                i = max(k, i + 1)
                continue
        i += 1
    return near or first or _Ref("none")


def _clause_end(toks: list[tuple[str, int, int]], k: int) -> bool:
    """The chunk ending at token k is followed only by adverbs, commas or an aside up to the verb."""
    rest = [t[0].lower() for t in toks[k:]]
    return all(w in _SUBJ_FOLLOW or w in {",", "(", ")"} for w in rest)


_PASSIVE_BY = re.compile(
    rf"\b(?:{_alt(L.PASSIVE_AGENT_VERBS)})\s+(?:oleh\s+|langsung\s+oleh\s+)?(?=[A-Za-z])", re.IGNORECASE)


def _subject_mentions(doc: _Doc) -> list[tuple[int, _Ref, bool]]:
    """People named as a sentence's subject ('Bill Adams, kepala ekonom …, memproyeksikan …') or as the agent of a
    passive speech verb ('diungkapkan Wali Kota Pekanbaru Agung Nugroho'): the people a later 'ujarnya' or 'ia'
    may refer to. The flag says whether the sentence reports speech or stance (then the mention carries over to
    later paragraphs) or is any other action (then it counts only within its paragraph)."""
    out = []
    for a, b in doc.paras:
        for sa, sb in doc.sentences(a, b):
            sent = doc.masked[sa:sb]
            for m in _PASSIVE_BY.finditer(sent):
                ref = _ref_from(doc, sent[m.end():], sa + m.end())
                if ref.kind == "name" and ref.person:
                    out.append((sa + m.end(), ref, True))
            toks = doc.toks(sa, sb)
            for j, (w, pos, _) in enumerate(toks):
                lw = w.lower()
                if not (_verbish(lw) or lw in _ALL_CUES) or _is_cap(w) or j == 0:
                    continue
                ref = _subject_ref(doc, sa, pos)
                if ref.kind in ("name", "role"):
                    out.append((pos, ref, lw in _SPEECH_VERBS or lw in _STANCE))
                break
    return out


# ---------- indirect speech ----------

def _indirect_items(doc: _Doc) -> list[_Item]:
    """The reported speech of every sentence of the reporter's text (at most one item a sentence)."""
    items: list[_Item] = []
    for a, b in doc.paras:
        for sa, sb in doc.sentences(a, b):
            it = _indirect_in(doc, sa, sb)
            if it is not None:
                items.append(it)
    return items


def _indirect_in(doc: _Doc, sa: int, sb: int) -> _Item | None:
    """The reported speech of one sentence of the reporter's text, if it has any."""
    sent = doc.masked[sa:sb]
    lead = len(sent) - len(sent.lstrip())
    m = _PASSIVE.match(sent[lead:])
    if m:  # 'Dikatakan dia, …'
        rest = sa + lead + m.end()
        comma = doc.masked.find(",", rest, sb)
        if 0 < comma - rest < PASSIVE_WHO_MAX:
            return _make(doc, comma + 1, sb, m.group("cue"), _ref_from(doc, doc.masked[rest:comma], rest), rest)
    m = _ACCORDING.search(sent) if "enurut" in sent or "ccording" in sent else None
    # 'Menurut X, …' opening the sentence, after connectives at most ('Sementara itu, menurut X, …').
    if m and m.group("cue").lower() in ("menurut", "according to") and _only_connectives(sent[:m.start()]):
        comma = sent.find(",", m.end())
        if m.group("nya"):
            return _make(doc, sa + m.end(), sb, m.group(), _Ref("pronoun"), sa + m.start())
        if 0 < comma - m.end() < ACCORDING_WHO_MAX:
            who = sent[m.end():comma]
            for noun in L.ACCORDING_NOUNS:
                who = re.sub(rf"^\s*{noun}\b", "", who)
            ref = _ref_from(doc, who.lstrip(), sa + comma - len(who.lstrip()))
            return _make(doc, sa + comma + 1, sb, m.group("cue"), ref, sa + m.start())
    m = _INSERTED.search(sent) if sent.count(",") >= 2 else None
    if m and sent[:m.start()].strip() and MASK not in sent:
        ref = _who(doc, m.group("nya"), m.group("who"), sa + m.start("who"))
        return _make(doc, sa + lead, sb, m.group("cue"), ref, sa + m.start())
    for w, vs, ve in doc.toks(sa, sb):
        if w.lower() in _SPEECH_VERBS:
            it = _verb_clause(doc, sa, sb, w, vs, ve)
            if it is not None:
                return it
    tail = max(0, len(sent) - TRAILING_CUE_WINDOW)
    m = _TRAILING.search(sent, tail) if "," in sent[tail:] else None
    if m and sent[:m.start()].replace(MASK, "").strip(" ,") and MASK not in sent[:m.start()][-3:]:
        if MASK in sent:
            return None
        ref = _who(doc, m.group("nya"), m.group("who"), sa + (m.start("who") if m.group("who") else m.end()))
        return _make(doc, sa + lead, sa + m.start(), m.group("cue"), ref, sa + m.start())
    return None


def _only_connectives(s: str) -> bool:
    return all(t.lower() in L.CONNECTIVES or t == "," for t, _, _ in _tokens(s))


def _who(doc: _Doc, nya: str | None, who: str | None, pos: int) -> _Ref:
    if nya or not who:
        return _Ref("pronoun")
    return _ref_from(doc, who, pos)


def _verb_clause(doc: _Doc, sa: int, sb: int, cue: str, vs: int, ve: int) -> _Item | None:
    """'X mengatakan (bahwa) …': the content after the verb, with the verb's subject as speaker."""
    verb = cue.lower()
    if doc.masked[vs - 1:vs] == "-" or MASK in doc.masked[max(sa, vs - 2):vs]:
        return None
    ref = _subject_ref(doc, sa, vs)
    if ref.kind == "none":
        ref = _bare_subject(doc, sa, vs)
    if ref.kind == "none":
        return None
    rest = doc.masked[ve:sb]
    mb = re.search(r"\bbahwa\b|\bthat\b", rest[:BAHWA_WINDOW])
    start = ve + (mb.end() if mb else 0)
    head = doc.masked[start:sb].lstrip(" ,:")
    first = rest.split()[0].lower().strip(",") if rest.split() else ""
    if not mb and verb in L.OBJECT_VERBS and first in L.OBJECT_NOUNS:
        return None
    if head.startswith(MASK) or len(head.replace(MASK, "").split()) < 3:
        return None
    return _make(doc, start, sb, cue, ref, vs)


def _bare_subject(doc: _Doc, sa: int, verb: int) -> _Ref:
    """A common noun opening the sentence right before the verb ('Polisi mengatakan …', 'Pemerintah menegaskan'):
    the institution the text names as speaker."""
    toks = [t for t in doc.toks(sa, verb) if t[0].lower() not in _SUBJ_FOLLOW]
    if len(toks) == 1 and _is_cap(toks[0][0]) and not _verbish(toks[0][0].lower()) \
            and not toks[0][0].lower().endswith("nya"):
        return _Ref("name", toks[0][0], (), False, (toks[0][1], toks[0][2]))
    return _Ref("none")


def _make(doc: _Doc, a: int, b: int, cue: str | None, ref: _Ref, pos: int) -> _Item | None:
    """An indirect quote of text[a:b], trimmed of spaces and clause punctuation; None when under two words."""
    text = doc.text
    while a < b and (text[a].isspace() or text[a] in ",:;"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    if len(text[a:b].split()) < 2:
        return None
    return _Item(a, b, "indirect", cue, ref, pos)


# ---------- resolution ----------

def _carry_back(doc: _Doc, items: list[_Item]) -> None:
    """A quote running over paragraphs is attributed once, usually at its end ('"…\n\n"…," kata X'): the open
    paragraphs before take the speaker of the paragraph that closes it."""
    direct = [it for it in items if it.kind == "direct"]
    for k in range(len(direct) - 2, -1, -1):
        it, nxt = direct[k], direct[k + 1]
        if it.runs_on and it.speaker is None and doc.para_of(nxt.start) == doc.para_of(it.start) + 1:
            it.speaker = nxt.speaker

class _Names:
    """The article's people and sources, to give each reference its fullest name (`speakers.Cast`)."""

    def __init__(self, doc: _Doc, entities: Sequence[Entity]):
        self.doc = doc
        self.per = sorted((e for e in entities if (e.type or "").upper() in ("PER", "PERSON")), key=lambda e: e.start)
        self._per_spans = Intervals((e.start, e.end) for e in self.per)
        self._cast: Cast | None = None

    @property
    def cast(self) -> Cast:
        """The tagger's people; without a tagger, every multi-word capitalised run read as a name (adding those
        runs to the tagger's people added sentence openers and titles as people: 'Awalnya Purbaya'). Built on
        first use (most articles need none)."""
        if self._cast is None:
            doc = self.doc
            found = [(e.start, _untitled(e.canonical or e.text)) for e in self.per]
            if not found:
                for m in re.finditer(r"[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|bin|binti|van|de|al))*", doc.masked):
                    parts, _ = _name_part(doc, doc.toks(m.start(), m.end()))
                    if len(parts) >= 2 and not any(_is_acronym(t[0]) for t in parts):
                        found.append((parts[0][1], " ".join(t[0] for t in parts)))
            self._cast = Cast(found)
        return self._cast

    def person_in(self, span: tuple[int, int] | None) -> str | None:
        """The fullest name of the tagger's first person inside `span`, if any."""
        j = self._per_spans.first_overlap(*span) if span and self.per else None
        return None if j is None else self.cast.fullest(_untitled(self.per[j].canonical or self.per[j].text))

    def canonical(self, ref: _Ref) -> str | None:
        if not ref.name:
            return None
        if (org := institution(ref.name, self.doc.text)) != ref.name:  # 'Korps Adhyaksa' is the prosecution
            return org
        if self.per and ref.span:
            j = self._per_spans.first_overlap(*ref.span)  # the first PER entity overlapping the reference
            if j is not None:
                return self.cast.fullest(_untitled(self.per[j].canonical or self.per[j].text))
        if not ref.person:  # an acronym of a person the article names in full ('SBY'), else an institution
            return self.cast.acronym(ref.name) or ref.name
        return self.cast.fullest(self.doc.aliases.get(ref.name, ref.name))


def _untitled(name: str) -> str:
    """A tagger's person name without the title words it swallowed ('Sosial Saifullah Yusuf' of 'Menteri Sosial
    Saifullah Yusuf'); two words at least stay."""
    toks = name.split()
    ranks = [j for j, t in enumerate(toks[:-1]) if t.lower().rstrip(".") in L.RANKS and t[:1].isupper()]
    if ranks:  # a rank stands right before the name: 'Gakkum KLH Irjen Rizal Irawan' -> 'Rizal Irawan'
        toks = toks[ranks[-1] + 1:]
    inst = [j for j, t in enumerate(toks[:-2]) if t.lower() in L.INSTITUTION_WORDS]
    if inst:  # 'Communication Pertamina Fadjar Djoko Santoso': a name of two words or more follows the body
        toks = toks[inst[-1] + 1:]
    while len(toks) > 1 and toks[0].lower() in _TITLE_OPENERS \
            and (len(toks) > 2 or _is_acronym(toks[0])):  # 'KPU Affifuddin'; 'Agung Gede Wiratama' stays
        toks = toks[1:]
    return " ".join(toks)


def _relational(title: tuple[str, ...]) -> bool:
    """A title that relates its holder to the person named after it ('kuasa hukum', 'istri'), not an office."""
    return bool(title) and (title[-1] in L.RELATIONAL_ROLES or " ".join(title[-2:]) in L.RELATIONAL_ROLES)


def _titled_names(doc: _Doc, names: _Names) -> list[tuple[int, tuple[str, ...], str]]:
    """Every title written before a name in the article ('Wakil Sekjen Partai Maju, Rina Kusuma'), as (position,
    role words, fullest name): who holds which role, for a role noun used alone later."""
    out = []
    for a, b in doc.paras:
        for sa, sb in doc.sentences(a, b):
            toks = doc.toks(sa, sb)
            i = 0
            while i < len(toks):
                if toks[i][0].lower() not in _ROLE_WORDS:
                    i += 1
                    continue
                chunk, k = _chunk(doc, toks, i)
                name, roles = _name_part(doc, chunk)
                if name and roles and not all(t[0].lower() in L.NICKNAME_HONORIFICS for t in name):
                    title = _title(chunk, name)
                    if _relational(title) and k + 1 < len(toks) and toks[k][0] == ",":
                        # 'Kuasa hukum Hendra, Sinta Maharani': the title with its party is Sinta Maharani's.
                        nxt, k2 = _chunk(doc, toks, k + 1)
                        holder, _ = _name_part(doc, nxt)
                        if holder:
                            title = (*title, *(t[0].lower() for t in name))
                            name, k = holder, k2
                    out.append((toks[i][1], title, names.cast.fullest(" ".join(t[0] for t in name))))
                i = max(k, i + 1)
    return out


def _resolve(doc: _Doc, items: list[_Item], mentions: list[tuple[int, _Ref, bool]],
             entities: Sequence[Entity]) -> None:
    """Give every item its speaker, reading the article in order: names expand to the fullest form the article
    gives (`speakers.Cast`), pronouns and enclitics point at the last person or source named (as a speaker, as the
    subject of a speech or stance verb, or as any subject in the same paragraph), a role alone at the person the
    article gave that role (`speakers.RoleBook`), a document pointed back at ('dokumen tersebut') at the last
    source of that kind, a continuation at the previous quote's speaker."""
    names = _Names(doc, entities)
    book = RoleBook(_ROLE_WORDS, lambda: _titled_names(doc, names))
    described = Descriptions(doc.text)
    for e in names.per:
        if e.role:
            book.add(e.start, [e.role], e.canonical or e.text)
    events: list[tuple[int, int, _Item | tuple[_Ref, bool]]] = [(p, 1, (r, f)) for p, r, f in mentions]
    events += [(it.pos, 0 if it.ref.kind == "name" else 2, it) for it in items]
    events.sort(key=lambda e: (e[0], e[1]))
    last: tuple[int, str] | None = None  # (position, name) of the last person or source in a speech role
    local: tuple[int, str] | None = None  # the last subject of any other verb
    last_quote: str | None = None
    sources: dict[str, str] = {}  # source noun ('dokumen') -> the last source named with it

    def named(ref: _Ref, pos: int) -> str | None:
        if ref.person and ref.name and _relational(ref.roles) and \
                len(re.findall(rf"\b{re.escape(ref.name)}\b", doc.text)) >= 2:
            # 'kuasa hukum Hendrogiarto', where Hendrogiarto is a party the article names elsewhere: the speaker
            # is the lawyer, named where the article gives 'kuasa hukum Hendrogiarto, X', else unknown.
            return book.holder((*ref.roles, *ref.name.split()), pos)
        return names.canonical(ref)

    def person_at(pos: int) -> str | None:
        if local and (last is None or local[0] > last[0]) and doc.para_of(local[0]) == doc.para_of(pos):
            return local[1]
        return last[1] if last else None

    for pos, _, ev in events:
        if isinstance(ev, tuple):
            ref, speechy = ev
            who = named(ref, pos) if ref.kind == "name" and ref.person else \
                book.holder(ref.roles, pos, titles=False) if ref.kind == "role" else None
            if who:
                if speechy:
                    last = (pos, who)
                else:
                    local = (pos, who)
                book.add(pos, ref.roles, who)
            continue
        ref = ev.ref
        if ref.kind == "name":
            ev.speaker = named(ref, pos)
            if ref.person and ev.speaker:
                book.add(pos, ref.roles, ev.speaker)
        elif ref.kind == "source":  # a person's statement ('pernyataan Menko Yusril') is the person's
            noun = ref.roles[0]
            ev.speaker = names.person_in(ref.span) or ref.name or sources.get(noun) \
                or (last[1] if last and last[1] in sources.values() else None)
            if ev.speaker:
                sources[noun] = ev.speaker
        elif ref.kind == "described":
            ev.speaker = described.holder(ref.roles, pos)
        elif ref.kind == "pronoun":
            ev.speaker = person_at(pos)
        elif ref.kind == "role":
            ev.speaker = book.holder(ref.roles, pos) or person_at(pos)
        elif ref.kind == "inherit":
            ev.speaker = last_quote
        if ev.speaker and (ref.kind != "name" or ref.person) and (ref.kind != "source" or ev.kind == "direct"):
            # A source a later 'jelasnya' may mean has spoken in quote marks ('," ungkap dokumen tersebut');
            # 'Menurut riset Universitas X, …' does not make the next 'ujarnya' the university's.
            last = (pos, ev.speaker)
        if ev.kind == "direct":
            last_quote = ev.speaker
