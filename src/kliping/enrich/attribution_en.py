"""English attribution: who said what, with the source, cue and content spans of each attribution.

English news attributes in a few fixed frames, which these rules read:

- direct quotes with the cue after ('"…," he said', '"…," said Whit Ayres, a pollster') or before ('X told
  reporters: "…"'), a quote running on ('"A," she said. "B."', a quote paragraph after an attributed one);
- indirect speech with the speaker first ('X said (that) …', 'X told reporters …'), last ('…, X said in a
  statement.', '…, said X.'), 'according to X' at either end, and participles ('…, adding that …');
- a personal pronoun ('he said'), a relative ('…, who said') or a title alone ('the senator said') is the person
  last named before it; 'they', 'we' and unnamed groups ('officials said') name nobody. A name is expanded to the
  fullest form the article gives ('Herrera' -> 'Paula Herrera'), or to its PER entity's canonical name.

`find_attributions` gives PolNeAR-style attributions (beliefs and stances included, `DEFAULT`); `find_quotes_en`
gives quotes (`QUOTE_SETTINGS`: what someone said, and an indirect quote only when the text names the speaker).

Why rules and not a learned model: PolNeAR, the only English attribution corpus at hand, states no licence, so no
model trained from it may ship; it is used only to score these rules and to choose among a handful of switches
(`Settings`) by cross-validation on its train split (bench/eval_polnear.py). Word lists are data in
`kliping.lang.en_speech`. `find_quotes_en` turns attributions into the project's `Quote` records, so English
articles get the same direct / partial / indirect quotes as Indonesian ones.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kliping.lang import en_speech as L
from kliping.model import Entity, Quote

Span = tuple[int, int]

_MASK = "\x01"
# Double quote marks, and two single quotes written for one ('' … '', as some papers print them).
_MARK = re.compile(r"''|[\"“”]")
_TOKEN = re.compile(r"\w+(?:[’'.\-&]\w+)*|\x01+|[,;:()—–]|--|(?<=\s)-(?=\s)")
_PARA = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Settings:
    """Switches of the rules. The defaults are those chosen by 5-fold cross-validation by document on PolNeAR train
    (bench/eval_polnear.py --cv, 128 settings of the seven switches in doubt: mean lenient source/cue/content F1
    0.646 on all of train; held-out folds 0.652 / 0.639 / 0.647; dev 0.676 / 0.680 / 0.673). cue_tail tied (0.646
    either way; 2 of 5 folds took it) and stays off, as chosen on all of train."""

    cognition: bool = True  # verbs of thinking (believe, think, want) count as cues
    evidence: bool = True  # 'a poll showed …', 'the report found …'
    that_in_content: bool = True  # 'X said [that …]' or 'X said that […]'
    need_that: bool = False  # verbs outside en_speech.BARE_CLAUSE report a clause only after 'that' ('declared that')
    cue_aux: bool = True  # 'X [has said]' or 'X has [said]'
    object_verbs: bool = True  # 'X called the plan a disgrace', 'X criticized the ruling' (en_speech.OBJECT)
    loose_source: bool = True  # a short phrase names a speaker even without a name or listed noun ('insiders')
    reporting: bool = True  # '…, Reuters reported': outlets reporting (en_speech.REPORTING)
    appositive: bool = True  # 'X, a pollster at Y, said': the source span takes the appositive
    relative_in_source: bool = True  # 'X, who covered Y, said': … and a relative clause
    cue_tail: bool = False  # '[said in a statement]' after a quote or closing a sentence, or only '[said]'
    clause_end: bool = True  # content stops at ';', ', but', ', while', 'and has …': the reporter's own clause
    max_source: int = 12  # tokens a speaker phrase may have before it is cut to its last name


DEFAULT = Settings()
# What `find_quotes_en` uses: a quote is something said, so verbs of thinking are not cues, 'declared a state of
# emergency' is an act, not reported content ('declared that …' is), and '…, Antara reported' cites an outlet (the
# cleaner's cited sources), it quotes nobody. On PolNeAR dev these settings give up recall
# against the attribution defaults (bench/eval_polnear.py prints both); on the bundled English examples they keep
# the indirect precision (0.857 against 0.600 with DEFAULT).
QUOTE_SETTINGS = Settings(cognition=False, need_that=True, object_verbs=False, loose_source=False, reporting=False)


@dataclass
class Attribution:
    """One attribution: content spans (a quote broken by its cue has two), the cue and the source mention, and
    the speaker the source resolves to (a name, or None when the text does not say)."""

    kind: str  # direct | indirect
    content: list[Span]
    cue: Span | None
    source: Span | None
    speaker: str | None = None
    quotes: list[Span] = field(default_factory=list)  # quoted fragments inside indirect content (partial quotes)
    inherit: bool = False  # a second verb of the same subject ('X told … and said …'): the speaker before it


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower().rstrip(".")


# ---------- public API ----------

def find_quotes_en(text: str, entities: Sequence[Entity] = (), settings: Settings = QUOTE_SETTINGS) -> list[Quote]:
    """English quotes as `Quote` records: each quoted stretch a direct (or partial) quote, each reported clause an
    indirect one, with the cue as written and the resolved speaker."""
    out: list[Quote] = []
    for att in find_attributions(text, entities, settings):
        cue = text[att.cue[0]:att.cue[1]] if att.cue else None
        if att.kind == "direct":
            for a, b in att.content:
                out.append(Quote(text[a:b], a, b, "direct", cue, att.speaker))
        elif att.speaker:  # reported speech without a named speaker ('officials said') is not a quote of anyone
            for a, b in att.content:
                out.append(Quote(text[a:b], a, b, "indirect", cue, att.speaker))
            for a, b in att.quotes:
                out.append(Quote(text[a:b], a, b, "partial", cue, att.speaker))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def find_attributions(text: str, entities: Sequence[Entity] = (), settings: Settings = DEFAULT) -> list[Attribution]:
    """Every attribution of `text` with source, cue and content spans (offsets into `text`), in text order."""
    if not text.strip():
        return []
    doc = _Doc(text, settings)
    atts = _direct(doc)
    atts += _indirect(doc, atts)
    atts.sort(key=lambda x: x.content[0][0] if x.content else 0)
    _share_sources(doc, atts)
    _resolve(doc, atts, entities)
    return atts


def _share_sources(doc: _Doc, atts: list[Attribution]) -> None:
    """A second report ('… and said …', ', adding …') takes the source span of the report before it in its
    sentence: PolNeAR links the one source to both (79 of 86 such cues on a third of train have it)."""
    last: tuple[Span, Span] | None = None  # (sentence, source) of the last attribution with a source
    for att in sorted(atts, key=lambda x: (x.cue or x.content[0])[0]):
        pos = (att.cue or att.content[0])[0]
        sent = doc.span_at(doc.sents, doc.sent_starts, pos)
        if att.source is not None:
            last = (sent, att.source) if sent else None
        elif att.inherit and last is not None and last[0] == sent:
            att.source = last[1]


# ---------- the document ----------

class _Doc:
    """The text with quoted stretches masked, split into paragraphs (lines), sentences and tokens."""

    def __init__(self, text: str, settings: Settings):
        self.text = text
        self.settings = settings
        self.cues = L.SPEECH | L.STANCE | (L.COGNITION if settings.cognition else set()) \
            | (L.EVIDENCE if settings.evidence else set()) | (L.OBJECT if settings.object_verbs else set()) \
            | (L.REPORTING if settings.reporting else set())
        self.paras = [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]
        self.quotes = _pair_marks(text, self.paras)  # (open mark, close mark or para end, closed)
        chars = list(text)
        for a, b, _ in self.quotes:
            chars[a:b + 1] = _MASK * (min(b + 1, len(text)) - a)
        self.masked = "".join(chars)
        self.toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(self.masked)]
        self.tok_starts = [t.start for t in self.toks]
        self.sents = [s for a, b in self.paras for s in _sentences(self.masked, a, b)]
        self.para_starts = [a for a, _ in self.paras]
        self.sent_starts = [a for a, _ in self.sents]
        self.lower = set(re.findall(r"(?<![\w.])[a-z][a-z'’\-]+", self.masked))
        self.passive: set[int] = set()  # token indices of verbs in the passive ('was asked')
        self.extended: dict[Span, Span] = {}  # a source span -> it with its appositives, to read the name from

    @staticmethod
    def span_at(spans: list[Span], starts: list[int], pos: int) -> Span | None:
        """The span of a sorted, disjoint list holding `pos`, by bisection (a scan made long records quadratic)."""
        n = bisect.bisect_right(starts, pos) - 1
        return spans[n] if n >= 0 and pos < spans[n][1] else None

    def tok_range(self, a: int, b: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens inside masked[a:b]."""
        i = bisect.bisect_left(self.tok_starts, a)
        j = bisect.bisect_left(self.tok_starts, b)
        while j > i and self.toks[j - 1].end > b:
            j -= 1
        return i, j

    def words(self, i: int, j: int) -> int:
        """Words of tokens [i, j), a masked quote counting the words inside it."""
        return sum(len(self.text[t.start:t.end].split()) if t.text.startswith(_MASK) else 1 for t in self.toks[i:j])

    def is_cue(self, k: int, lo: int) -> bool:
        """Token k is a verb of saying used as a verb: not 'to say', not 'the report', not a capitalised noun."""
        t = self.toks[k]
        if t.low not in self.cues or t.low in L.HONORIFICS:
            return False
        prev = self.toks[k - 1].low if k > lo else ""
        if prev in {"to", "the", "a", "an", "his", "her", "their", "its", "our", "my", "this", "that", "of", "no",
                    "other", "any"} \
                or prev.endswith(("'s", "’s")):  # 'the report', "Lazar's claims": nouns
            return False
        nxt = self.toks[k + 1].low if k + 1 < len(self.toks) else ""
        if nxt == "than" or (t.low.startswith("continu") and nxt == "to"):
            return False  # 'easier said than done', 'the lead continues to grow'
        return not (t.text[:1].isupper() and k > lo and not _title_case_line(self.masked, t.start))


def _pair_marks(text: str, paras: list[Span]) -> list[tuple[int, int, bool]]:
    """Quote mark pairs per paragraph: straight marks toggle, curly marks say which way they face; an unclosed
    mark runs to the paragraph end (English continues a quote into the next paragraph that way)."""
    out: list[tuple[int, int, bool]] = []
    for a, b in paras:
        opened: int | None = None
        for m in _MARK.finditer(text, a, b):
            ch, i = m.group(), m.start()
            if opened is None:
                if ch != "”":
                    opened = i
            elif ch == "“" and i > opened + 1 and not (text[i - 1] in ",.!?" and text[i + 1:i + 2] in {"", " ", "\n"}):
                # (an opening mark typed where a closing one belongs, ',“ said X', closes the quote)
                out.append((opened, i - 1, False))
                opened = i
            else:
                out.append((opened, m.end() - 1, True))
                opened = None
        if opened is not None:
            out.append((opened, b - 1, False))
    return [q for q in out if text[q[0] + 1:q[1]].strip(" '\"“”")]


_BOUNDARY = re.compile(r"[.!?]+(?=[\s\x01]|$)|\x01(?=\s+[A-Z])")


def _sentences(masked: str, a: int, b: int) -> list[Span]:
    """Sentences of one paragraph of masked text; a full stop after an abbreviation or an initial does not end one.
    A quote ending a sentence inside its marks ('"… today." He then …') ends it at the mark."""
    out, start = [], a
    for m in _BOUNDARY.finditer(masked, a, b):
        if m.group()[0] == _MASK:
            inner = masked[max(a, m.start() - 1)]
            # The quoted text is masked: a sentence ends at a closing mark only when the next word opens one.
            nxt = masked[m.end():b].lstrip()
            if inner != _MASK or not nxt[:1].isupper():
                continue
        else:
            w = re.search(r"([\w.]+)$", masked[start:m.start()])
            word = w.group(1).lower() if w else ""
            if word.rstrip(".") in L.ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        out.append((start, m.end()))
        start = m.end()
    if masked[start:b].strip():
        out.append((start, b))
    return [(x, y) for x, y in out if masked[x:y].strip()]


def _title_case_line(masked: str, pos: int) -> bool:
    """A headline line, where every word is capitalised and a capitalised verb is still a verb."""
    a = masked.rfind("\n", 0, pos) + 1
    b = masked.find("\n", pos)
    words = re.findall(r"[A-Za-z]\w*", masked[a:b if b >= 0 else len(masked)])
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


# ---------- speaker phrases ----------

_STOP_BACK = {",", ";", ":", "(", "—", "–", "--", "-"}
_CLAUSE_BREAK = {"but", "while", "although", "though", "whereas", "even"}
_BE = {"is", "was", "are", "were", "be", "been", "being"}
_IRREGULAR_PARTICIPLES = {"told", "shown", "seen", "known", "thought", "said", "found", "written", "given", "sought"}
_COPULAS = {"is", "was", "are", "were", "be", "been", "being", "has", "have", "had"}


def _source_before(doc: _Doc, k: int, lo: int) -> tuple[Span | None, int]:
    """The speaker phrase ending right before the verb at token k (sentence tokens from lo), skipping auxiliaries
    and an appositive ('Trump, who leads the field, said'). Returns its span and where the cue starts."""
    toks, s = doc.toks, doc.settings
    j = k - 1
    cue_start = k
    copula = None
    while j >= lo and (toks[j].low in L.AUX or (toks[j].low.endswith("ly") and toks[j].text.islower())):
        if s.cue_aux and toks[j].low in L.CUE_AUX and cue_start == j + 1:
            cue_start = j
        if toks[j].low in _BE:
            copula = j
        j -= 1
    if copula is not None and (toks[k].low.endswith("ed") or toks[k].low in _IRREGULAR_PARTICIPLES):
        doc.passive.add(k)  # 'he was asked', 'jokes are told': the subject is not the source
        return None, copula
    if j < lo:
        return None, cue_start
    if toks[j].text == ",":  # appositives before the verb ('Rusdin, 45, from Watu Mas, told'): skip them back
        ext_end = j - 1
        for _ in range(3):
            c = j - 1
            while c >= lo and toks[c].text not in {",", ";", ":"} and j - c < 20:
                c -= 1
            if c < lo or toks[c].text != ",":
                return None, cue_start
            span, _ = _source_before_at(doc, c - 1, lo, cue_start)
            if span is not None:
                doc.extended[span] = (span[0], toks[ext_end].end)
                if s.appositive and _appositive(doc, c + 1, ext_end + 1):
                    full = (span[0], toks[ext_end].end)
                    doc.extended[full] = full
                    return full, cue_start
                return span, cue_start
            j = c
        return None, cue_start
    return _source_before_at(doc, j, lo, cue_start)


def _source_before_at(doc: _Doc, j: int, lo: int, cue_start: int) -> tuple[Span | None, int]:
    """The speaker phrase whose last token is j: back to a clause boundary, past a parenthesis."""
    toks = doc.toks
    if j < lo or toks[j].low in L.CLAUSE_OPENERS or toks[j].low in _DETERMINERS or toks[j].low in {"whose", "or"}:
        return None, cue_start
    end = j
    if toks[j].text == ")":
        while j >= lo and toks[j].text != "(":
            j -= 1
        j -= 1
        if j < lo:
            return None, cue_start
    start = j
    while start - 1 >= lo:
        t = toks[start - 1]
        if t.text in _STOP_BACK or t.text.startswith(_MASK) or t.low in _COPULAS \
                or (t.low in doc.cues and not t.text[:1].isupper()):  # 'spokeswoman Hope Hicks': a name
            break
        if t.low in L.CLAUSE_OPENERS:
            # 'Sanders on Tuesday said': a time phrase between speaker and verb is skipped, not the speaker.
            if t.low in {"on", "in", "at"} and all(x.low in _TIME_WORDS for x in toks[start:end + 1]):
                end = start - 2
                start -= 1
                if end < lo:
                    return None, cue_start
                continue
            break
        start -= 1
    span = _trim_source(doc, start, end)
    return span, cue_start


def _trim_source(doc: _Doc, start: int, end: int) -> Span | None:
    """Keep a speaker phrase that names someone (a name, a pronoun, 'officials'); cut one that is too long to its
    last capitalised run."""
    toks = doc.toks
    while start <= end and (toks[start].low in L.CLAUSE_OPENERS or toks[start].low in _TIME_WORDS):
        start += 1
    if start > end:
        return None
    words = toks[start:end + 1]
    if len(words) == 1 and words[0].low in L.NOT_SPEAKERS:
        return None
    if len(words) > 1 and words[0].low in L.PRONOUNS:
        return None  # 'He captured the neighboring state': a clause, not a speaker phrase
    if words[-1].low in L.NOT_SPEAKERS and words[-1].low not in L.RELATIVES:
        return None
    if words[-1].low in L.RELATIVES:  # 'officials who said': the relative pronoun stands for them
        return (words[-1].start, words[-1].end)
    named = any(_is_name_word(doc, t) or t.low in L.PRONOUNS or t.low in L.SPEAKER_NOUNS or t.low in L.HONORIFICS
                for t in words) or (doc.settings.loose_source and len(words) <= 4 and (
                    words[-1].text[:1].isalpha() or doc.text[words[-1].end:words[-1].end + 1] == "%"))  # '47% say'
    if not named:
        return None
    if len(words) > doc.settings.max_source:
        run = _last_cap_run(doc, words)
        if run is None:
            return None
        return run
    return (words[0].start, words[-1].end)


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
               "tonight", "earlier", "later", "now", "last", "week", "night", "morning", "afternoon", "evening"}


def _is_name_word(doc: _Doc, t: _Tok) -> bool:
    """A capitalised word that is a name, not a common word capitalised because it opens the sentence."""
    return t.text[:1].isupper() and t.text.lower() not in doc.lower and t.low not in L.NOT_SPEAKERS


def _last_cap_run(doc: _Doc, words: list[_Tok]) -> Span | None:
    j = len(words) - 1
    while j >= 0 and not words[j].text[:1].isupper():
        j -= 1
    if j < 0:
        return None
    i = j
    while i - 1 >= 0 and words[i - 1].text[:1].isupper():
        i -= 1
    return (words[i].start, words[j].end)


def _source_after(doc: _Doc, k: int, hi: int) -> Span | None:
    """A speaker phrase right after the verb ('said Whit Ayres, a pollster', 'said the younger Mr. Trump', 'said a
    longtime GOP data expert who …'): a few modifiers, then names or speaker nouns, then a comma, a relative
    pronoun, a preposition tail or the sentence end. 'said the ministry would …' is not one."""
    toks = doc.toks
    i = k + 1
    if i >= hi or toks[i].low in L.CUE_TAIL_PREPS:
        return None
    if toks[i].low in L.PRONOUNS:
        return (toks[i].start, toks[i].end)
    j, head = i, False
    while j < hi and j - i < doc.settings.max_source:
        t = toks[j]
        if t.text in _STOP_BACK or t.text.startswith(_MASK) or t.low in L.RELATIVES:
            break
        named = _is_name_word(doc, t) or t.low in L.SPEAKER_NOUNS or t.low in L.HONORIFICS
        if head and not named and t.low not in _NP_GLUE and not t.text[:1].isupper():
            break
        head = head or named
        j += 1
    if not head and doc.settings.loose_source and 0 < j - i <= 4:
        head = True  # '," asked the boy, who …'
    if not head or j == i:
        return None
    while j > i and toks[j - 1].low in _NP_GLUE:
        j -= 1
    span = (toks[i].start, toks[j - 1].end)
    if doc.settings.appositive and j + 1 < hi and toks[j].text == "," and _appositive(doc, j + 1, j + 2):
        e = j + 1  # 'said Jim Clyburn, a congressman from South Carolina': the appositive to the sentence end
        while e < hi and not toks[e].text.startswith(_MASK) and toks[e].text not in {";", ":"} \
                and not (toks[e].text == "," and e + 1 < hi and (toks[e + 1].low in L.PARTICIPLES or (
                    toks[e + 1].low in L.RELATIVES and not doc.settings.relative_in_source))):
            e += 1
        full = (toks[i].start, toks[e - 1].end)
        doc.extended[full] = full
        return full
    return span


def _appositive(doc: _Doc, a: int, b: int) -> bool:
    """toks[a:b] describes a name ('Trump's campaign manager', 'a pollster', '45', 'eager to …'; 'who covered
    the White House' with `relative_in_source`) and is not a second report ('adding …'). (Allowing only noun
    phrases scored worse on PolNeAR train: annotators keep adjective phrases in the source too.)"""
    toks = doc.toks
    if a >= b or toks[a].low in L.PARTICIPLES:
        return False
    return doc.settings.relative_in_source or not any(t.low in L.RELATIVES for t in toks[a:b])


_NP_GLUE = {"of", "the", "and", "for", "'s", "’s"}


# ---------- direct quotes ----------

def _direct(doc: _Doc) -> list[Attribution]:
    """Attribute each quoted stretch by the cue after or before it, then join quotes that run on."""
    found: list[Attribution | None] = []
    for qa, qb, closed in doc.quotes:
        found.append(_attribute_quote(doc, qa, qb, closed))
    # A quote without a cue continues the previous attributed quote when only its attribution lies between them
    # (same paragraph, or the next paragraph opens with it); an unclosed one is attributed by the quote closing it.
    for n, (qa, _qb, _closed) in enumerate(doc.quotes):
        if found[n] is not None or n == 0:
            continue
        prev = found[n - 1]
        pa = doc.quotes[n - 1]
        gap = doc.masked[pa[1] + 1:qa]
        para_gap = len(re.findall(r"\n\s*", gap))  # paragraph breaks (a blank line or not) between them
        if prev is not None and prev.cue and para_gap <= 1 and (para_gap == 0 or _para_opens_with(doc, qa)) \
                and (para_gap == 0 or not pa[2] or prev.cue[0] > pa[1]):
            found[n] = prev
    for n in range(len(doc.quotes) - 2, -1, -1):
        qa, qb, closed = doc.quotes[n]
        nxt = found[n + 1]
        if found[n] is None and not closed and nxt is not None and _para_opens_with(doc, doc.quotes[n + 1][0]):
            found[n] = nxt
    out: list[Attribution] = []
    seen: dict[int, Attribution] = {}
    for n, att in enumerate(found):
        if att is None:
            continue
        span = _content(doc.text, doc.quotes[n])
        if span is None:
            continue
        key = id(att)
        if key not in seen:
            seen[key] = Attribution("direct", [], att.cue, att.source, inherit=att.inherit)
            out.append(seen[key])
        seen[key].content.append(span)
    return out


def _para_opens_with(doc: _Doc, pos: int) -> bool:
    line = doc.masked.rfind("\n", 0, pos) + 1
    return not doc.masked[line:pos].strip()


def _content(text: str, q: tuple[int, int, bool]) -> Span | None:
    a, b = q[0] + 1, q[1] if q[2] else q[1] + 1
    if text[a - 1:a + 1] == "''":
        a += 1
    while a < b and (text[a].isspace() or text[a] in "'"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;'"):
        b -= 1
    return (a, b) if b - a >= 2 else None


def _attribute_quote(doc: _Doc, qa: int, qb: int, closed: bool) -> Attribution | None:
    """A quote set off as a statement: closed by punctuation ('"…," he said') for a cue after it, or opened
    after a comma or colon or as a whole sentence ('X said: "…"') for a cue before it. A fragment quoted inside
    the reporter's clause ('X said he expects an "aggressive appeal"') is left to indirect speech."""
    para = doc.span_at(doc.paras, doc.para_starts, qa) or (qa, qb)
    text = doc.text
    inner_end = text[qa + 1:qb].rstrip(" '’")
    if closed and (inner_end[-1:] in {",", ".", "!", "?", "…", "-", "—"} or text[qb + 1:qb + 2] == ","):
        att = _cue_after_quote(doc, qb + 1, para[1])
        if att is not None:
            return att
    lead = doc.masked[para[0]:qa].rstrip()
    inner = text[qa + 1:qb].lstrip(" '")
    if not lead or lead[-1] in ",:" or (inner[:1].isupper() and text[qb - 1:qb] in {".", "!", "?"}):
        return _cue_before_quote(doc, para[0], qa)
    return None


def _cue_after_quote(doc: _Doc, pos: int, para_end: int) -> Attribution | None:
    """'," he said' / '," Trump told reporters' / '," said Whit Ayres' / '," Ms. Gao said by telephone.'"""
    end = pos
    m = re.compile(r"[.!?](?=\s|$)|\x01").search(doc.masked, pos, para_end)
    while m and m.group() != _MASK:
        w = re.search(r"([\w.]+)$", doc.masked[pos:m.start()])
        if not (w and w.group(1).lower().rstrip(".") in L.ABBREVIATIONS):
            break
        m = re.compile(r"[.!?](?=\s|$)|\x01").search(doc.masked, m.end(), para_end)
    end = m.start() if m else para_end
    i, j = doc.tok_range(pos, end)
    if i < j and doc.toks[i].text == ",":
        i += 1
    if i >= j:
        return None
    # The cue must come within a few words: a speaker phrase, then the verb; or the verb, then the speaker.
    for k in range(i, min(j, i + 30)):
        t = doc.toks[k]
        if t.text in {";", ":"} or t.text.startswith(_MASK):
            return None
        if not doc.is_cue(k, i) or (t.low in L.PARTICIPLES and k > i):
            continue
        if k == i:
            src = _source_after(doc, k, j)
            return Attribution("direct", [], _cue_span(doc, k, k, j), src) if src else None
        src, cs = _source_before(doc, k, i)
        if src is None or doc.text[src[0]:src[1]].lower() in L.RELATIVES:
            continue  # '," Warren, who has not endorsed anyone, told reporters': the verb of the relative clause
        return Attribution("direct", [], _cue_span(doc, cs, k, j), src)
    return None


def _cue_span(doc: _Doc, cs: int, k: int, hi: int) -> Span:
    """The cue from its first word to the verb, with the medium after it when the settings take it ('said in a
    statement on Friday', 'said by telephone'): up to a comma or the end of the attribution. (Any tail, 'said
    Sunday', 'said of the plan', scored worse on PolNeAR train: annotators mostly leave those out.)"""
    end = k
    if doc.settings.cue_tail and k + 1 < hi:
        t = doc.toks[k + 1]
        if (t.low in {"in", "during"} and k + 2 < hi and doc.toks[k + 2].low in {"a", "an"}) or t.low in {"by", "via"}:
            e = k + 1
            while e < hi and doc.toks[e].text not in _STOP_BACK and not doc.toks[e].text.startswith(_MASK) \
                    and doc.toks[e].low != "that" and e - k <= 10:
                e += 1
            if e - k <= 10:
                end = e - 1
    return (doc.toks[cs].start, doc.toks[end].end)


def _cue_before_quote(doc: _Doc, para_start: int, qa: int) -> Attribution | None:
    """'X said: "…"' / 'X told reporters, "…"' / 'He added, "…"' — the verb closes the text before the quote."""
    sent = doc.span_at(doc.sents, doc.sent_starts, qa) or (para_start, qa)
    i, j = doc.tok_range(max(sent[0], para_start), qa)
    while j > i and doc.toks[j - 1].text in {",", ":"}:
        j -= 1
    if j <= i:
        return None
    k = j - 1
    if doc.toks[k].low == "that":
        k -= 1
    # 'told reporters' / 'said in a statement' / 'wrote on Twitter': the verb may be a few words back.
    for back in range(k, max(i - 1, k - 5), -1):
        if doc.is_cue(back, i):
            if back < k and not all(t.low in L.CUE_TAIL_PREPS or t.text[:1].isupper() or t.low in _TAIL_WORDS
                                    for t in doc.toks[back + 1:k + 1]):
                return None
            participle = doc.toks[back].low in L.PARTICIPLES and back > i and doc.toks[back - 1].text == ","
            src, cs = (None, back) if participle else _source_before(doc, back, i)
            # A second report of the sentence's speaker ('X said …, saying, "…"', 'X said …, but said, "…"'):
            # no source of its own when an earlier verb of the sentence reports, else the sentence's subject.
            earlier = any(doc.is_cue(n, i) for n in range(i, back))
            b = cs - 1
            while b > i and doc.toks[b].low in L.AUX:
                b -= 1
            second = doc.toks[back].low in L.PARTICIPLES or (b > i and doc.toks[b].low in {"and", "but"})
            if src is None and second:
                if earlier:
                    return Attribution("direct", [], _cue_span(doc, back, back, j), None, inherit=True)
                src = _subject(doc, i, back if doc.toks[back].low in L.PARTICIPLES else b)
                cs = back if doc.toks[back].low in L.PARTICIPLES else cs
            if src is None:
                return None
            return Attribution("direct", [], _cue_span(doc, cs, back, j), src)
        if doc.toks[back].text.startswith(_MASK) or doc.toks[back].text in {",", ";"}:
            return None
    return None


_HEARERS = {"reporters", "journalists", "supporters", "voters", "him", "her", "them", "us", "me", "you", "viewers",
            "listeners", "residents", "lawmakers", "senators", "delegates", "students"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these"}
_TAIL_WORDS = {"reporters", "a", "an", "the", "statement", "interview", "supporters", "crowd", "audience",
               "rally", "speech", "him", "her", "them", "us", "me", "post", "email", "letter", "his", "their",
               "told", "later", "also", "then", "once", "again", "simply", "week", "day", "morning", "evening",
               "night", "afternoon", "last", "this"}


def _subject(doc: _Doc, lo: int, k: int) -> Span | None:
    """The subject opening a sentence (for a participle: 'X rejected the plan, saying …')."""
    j = lo
    while j < k and (doc.toks[j].low in L.CLAUSE_OPENERS or doc.toks[j].text == ","):
        j += 1
    e = j
    while e < k and doc.toks[e].text not in _STOP_BACK and (e == j or not doc.is_cue(e, lo)) \
            and doc.toks[e].low not in L.AUX and doc.toks[e].low not in L.CLAUSE_OPENERS and e - j < 8:
        if e > j and not (doc.toks[e].text[:1].isupper() or doc.toks[e].low in L.SPEAKER_NOUNS
                          or doc.toks[e].text in {"'s", "’s"}):
            break
        e += 1
    if e == j:
        return None
    return _trim_source(doc, j, e - 1)


# ---------- indirect speech ----------

def _indirect(doc: _Doc, direct: list[Attribution]) -> list[Attribution]:
    # (cue start, cue end, where the attribution starts: its source or its cue) of each direct quote's cue
    used = sorted((a.cue[0], a.cue[1], min(a.cue[0], a.source[0] if a.source else a.cue[0])) for a in direct if a.cue)
    used_starts = [c[0] for c in used]
    out: list[Attribution] = []
    for sa, sb in doc.sents:
        here = used[bisect.bisect_left(used_starts, sa):bisect.bisect_left(used_starts, sb)]
        if here:
            # 'X said Y, saying, "…"': the reporter's text before the quote's attribution may report too, and
            # '"…," he said of the group, adding that …': a participle after its cue is a second report.
            first = min(c[2] for c in here)
            if first > sa and _MASK not in doc.masked[sa:first]:
                out += _indirect_in(doc, sa, first)
            out += _participles_after(doc, sa, sb, max(c[1] for c in here))
            continue
        out += _indirect_in(doc, sa, sb)
    return out


def _participles_after(doc: _Doc, sa: int, sb: int, pos: int) -> list[Attribution]:
    i, j = doc.tok_range(sa, sb)
    while j > i and doc.toks[j - 1].text in {".", "!", "?"}:
        j -= 1
    out = []
    for k in range(bisect.bisect_left(doc.tok_starts, pos), j):
        t = doc.toks[k]
        if t.low in L.PARTICIPLES and t.low in doc.cues and doc.toks[k - 1].text == ",":
            start = _content_start(doc, k, j)
            if start is not None:
                end = _content_end(doc, start, j)
                out.append(Attribution("indirect", [(doc.toks[start].start, doc.toks[end - 1].end)],
                                       (t.start, t.end), None, inherit=True))
            break
    return out


def _indirect_in(doc: _Doc, sa: int, sb: int) -> list[Attribution]:
    """The reported speech of one sentence: 'according to', a trailing speaker ('…, X said.', '…, said X, a …'),
    else leading speakers and verbs ('X said …'), with participles adding a second report (', adding that …').
    A trailing frame takes the whole sentence: each word belongs to one attribution, as PolNeAR annotates."""
    i, j = doc.tok_range(sa, sb)
    while j > i and doc.toks[j - 1].text in {".", "!", "?", ",", ":", ";"}:
        j -= 1
    if j - i < 4:
        return []
    acc = _according(doc, i, j)
    out: list[Attribution] = [acc] if acc is not None else []
    if not out:
        for k in range(j - 1, i + 3, -1):  # the last cue that closes the sentence with its speaker
            if doc.is_cue(k, i):
                att = _trailing(doc, i, j, k)
                if att is not None:
                    out = [att]
                    break
    if out and out[0].cue:
        out += _participles_after(doc, sa, sb, out[0].cue[1])
    if not out:
        ins = _inserted(doc, i, j)
        out = [ins] if ins is not None else []
    k = i
    while k < j and (not out or out[-1].kind == "forward"):
        if not doc.is_cue(k, i):
            k += 1
            continue
        att, nxt = _forward(doc, i, j, k, bool(out))
        if att is not None and out and doc.toks[k].low in L.PARTICIPLES:
            att.source, att.inherit = None, True  # 'X told Reuters …, adding that …': X added it
        if att is not None:
            out.append(att)
            k = nxt
            continue
        k += 1
    for att in out:
        att.kind = "indirect"
        # Partial quotes inside a reported clause are that clause's speaker's words.
        a, b = att.content[0]
        att.quotes = [c for q in doc.quotes if a <= q[0] < b and (c := _content(doc.text, q)) is not None]
    return out


def _according(doc: _Doc, i: int, j: int) -> Attribution | None:
    toks = doc.toks
    for k in range(i, j - 1):
        if toks[k].low == "according" and toks[k + 1].low == "to":
            cue = (toks[k].start, toks[k + 1].end)
            lead = [t for t in toks[i:k] if t.low not in L.CLAUSE_OPENERS and t.text != ","]
            if not lead:  # 'According to X, content.'
                c = next((n for n in range(k + 2, j) if toks[n].text == ","), None)
                if c is None or c == k + 2 or c + 3 > j:
                    return None
                return Attribution("indirect", [(toks[c + 1].start, toks[j - 1].end)], cue,
                                   (toks[k + 2].start, toks[c - 1].end))
            # 'Content, according to X.'
            c = next((n for n in range(k + 2, j) if toks[n].text in {",", ";"}), j)
            if k - i < 3 or c == k + 2:
                return None
            end = k - 1 if toks[k - 1].text == "," else k
            return Attribution("indirect", [(toks[i].start, toks[end - 1].end)], cue,
                               (toks[k + 2].start, toks[c - 1].end))
    return None


def _trailing(doc: _Doc, i: int, j: int, k: int) -> Attribution | None:
    """The last cue verb at token k closes the sentence: '…, X said (in a statement).' or '…, said X(, a …).'"""
    toks = doc.toks
    cue = (toks[k].start, toks[k].end)
    if toks[k - 1].text == ",":  # '…, said X, a chairman of …'
        src = _source_after(doc, k, j)
        if src is None or k - 1 - i < 4:
            return None
        n = bisect.bisect_left(doc.tok_starts, src[1])
        if n < j and not (toks[n].text in _STOP_BACK or toks[n].low in L.RELATIVES) \
                and _tail_length(doc, n, j) is None:
            return None  # 'said the ministry would …' is a clause, not a speaker
        return Attribution("indirect", [(toks[i].start, toks[k - 2].end)], cue, src)
    rest = j
    if k + 2 < j and toks[k + 1].text == "," and toks[k + 2].low in L.PARTICIPLES:
        rest = k + 1  # '…, Spicer said, adding, "…"': the participle is a second report, read after this one
    if _tail_length(doc, k + 1, rest) is None:
        return None
    src, cs = _source_before(doc, k, i)
    c = _comma_before_source(doc, i, k, src)
    if src is None or c is None or c - i < 3:
        return None
    return Attribution("indirect", [(toks[i].start, toks[c - 1].end)], _cue_span(doc, cs, k, j), src)


def _forward(doc: _Doc, i: int, j: int, k: int, after: bool) -> tuple[Attribution | None, int]:
    """A cue verb at token k with its content after it ('X said …', '…, saying …'). Returns the attribution
    (kind 'forward' until the sentence is done) and the token to go on from. `after`: an attribution of this
    sentence comes before it."""
    toks = doc.toks
    low = toks[k].low
    inherit = False
    if low in L.PARTICIPLES and k > i and toks[k - 1].text == ",":  # 'X rejected it, saying …'
        src = _subject(doc, i, k)
        cs = k
    else:
        src, cs = _source_before(doc, k, i)
        b = cs - 1
        while b > i and toks[b].low in L.AUX:
            b -= 1
        if src is None and b > i and toks[b].low in {"and", "but", "then"}:
            # 'X told ABC … and said …': the same subject; once its name is taken, the second report has none.
            if after:
                inherit = True
            else:
                src = _subject(doc, i, b)
    if src is None and not inherit and k not in doc.passive:
        return None, k + 1
    start = _content_start(doc, k, j)
    if start is None:
        return None, k + 1
    end = _content_end(doc, start, j)
    if doc.words(start, end) < 3:
        return None, k + 1
    return Attribution("forward", [(toks[start].start, toks[end - 1].end)], (toks[cs].start, toks[k].end),
                       src, inherit=inherit), end


def _inserted(doc: _Doc, i: int, j: int) -> Attribution | None:
    """A speaker and verb set off by commas inside the sentence: 'Back then, Ms. Ripert said, she found …'."""
    toks = doc.toks
    for k in range(i + 1, j - 1):
        if toks[k + 1].text != "," or not doc.is_cue(k, i):
            continue
        src, cs = _source_before(doc, k, i)
        c = _comma_before_source(doc, i, k, src)
        if src is None or (c is None and src[0] != toks[i].start):
            continue
        content = [(toks[k + 2].start, toks[j - 1].end)]
        if c is not None and c > i:  # 'This campaign, he says, is different.'
            content.insert(0, (toks[i].start, toks[c - 1].end))
        if doc.words(k + 2, j) + (c - i if c is not None else 0) < 3:
            continue
        return Attribution("indirect", content, (toks[cs].start, toks[k].end), src)
    return None


def _comma_before_source(doc: _Doc, i: int, k: int, src: Span | None) -> int | None:
    """The comma that ends the content before a trailing speaker ('…, officials said'), as a token index."""
    if src is None:
        return None
    n = bisect.bisect_left(doc.tok_starts, src[0]) - 1
    if n > i and doc.toks[n].text == ",":
        return n
    return None


def _tail_length(doc: _Doc, n: int, j: int) -> int | None:
    """How many words follow the verb when they are only a cue's tail ('in a statement on Tuesday'); None when a
    clause follows."""
    rest = doc.toks[n:j]
    if not rest:
        return 0
    if (rest[0].low in L.CUE_TAIL_PREPS or rest[0].low in _TAIL_WORDS) and len(rest) <= 8 \
            and not any(t.low == "that" or doc.is_cue(n + x, n) for x, t in enumerate(rest)):
        return len(rest)
    return None


def _content_start(doc: _Doc, k: int, j: int) -> int | None:
    """First content token after the verb at k: past a hearer ('told reporters'), a tail ('in an interview'),
    a comma or colon, and 'that' unless the settings keep it."""
    toks = doc.toks
    n = k + 1
    low = toks[k].low
    limit = min(j, n + 8)
    that = next((x for x in range(n, limit) if toks[x].low == "that"), None)
    if low in L.HEARER_VERBS or (that is not None and all(
            t.low in L.CUE_TAIL_PREPS or t.low in _TAIL_WORDS or t.text[:1].isupper() or t.text == ","
            for t in toks[n:that])):
        if that is not None:
            n = that
        elif low in L.HEARER_VERBS and (far := _that_after_hearer(doc, n, j)) is not None:
            n = far  # 'is telling a packed crowd in snowy Windham, New Hampshire, on the final day that …'
        elif low in L.HEARER_VERBS:  # the hearer: 'told CNN', 'told reporters', 'told the council'
            if n < limit and toks[n].low in _DETERMINERS:
                n += 2
            while n < limit and (toks[n].text[:1].isupper() or toks[n].low in _HEARERS) \
                    and not toks[n].text.startswith(_MASK):
                n += 1
    while n < j and toks[n].text in {",", ":"}:
        n += 1
    if n < j and toks[n].low == "that":
        if not doc.settings.that_in_content:
            n += 1
    elif doc.settings.need_that and low not in L.BARE_CLAUSE:
        return None  # 'declared a state of emergency', 'agreed to pool': an object, not reported content
    if n >= j or doc.words(n, j) < 3:
        return None
    return n


HEARER_PHRASE_TOKENS = 25  # 'a packed crowd in snowy Windham, New Hampshire, on the primary battle's final day'


def _that_after_hearer(doc: _Doc, n: int, j: int) -> int | None:
    """The 'that' opening what a hearer was told, past a long hearer phrase (a crowd and where and when): none when
    a verb of saying or a quote comes first (then the phrase is the content)."""
    toks = doc.toks
    for x in range(n, min(j, n + HEARER_PHRASE_TOKENS)):
        if toks[x].low == "that":
            return x
        if toks[x].text.startswith(_MASK) or doc.is_cue(x, n) or toks[x].text in {";", ":"}:
            return None
    return None


def _content_end(doc: _Doc, start: int, j: int) -> int:
    """Content runs to the sentence end, or to a second report of the same subject (', adding that …', '… and
    said …')."""
    toks = doc.toks
    for n in range(start + 1, j - 1):
        if toks[n].text == "," and toks[n + 1].low in L.PARTICIPLES and toks[n + 1].low in doc.cues:
            return n
        if doc.settings.clause_end and n - start >= 3 and (
                toks[n].text == ";" or (toks[n].text == "," and toks[n + 1].low in _CLAUSE_BREAK)
                or (toks[n].low == "and" and toks[n + 1].low in _COPULAS and toks[n - 1].text != ",")):
            return n
        if toks[n].low in {"and", "but"} and n + 1 < j:  # '… and said …': the subject's second report
            m = n + 1
            while m < j - 1 and toks[m].low in L.AUX:
                m += 1
            if toks[m].low in L.SPEECH and doc.is_cue(m, start):
                return n - 1 if toks[n - 1].text == "," else n
    return j


# ---------- speakers ----------

def _resolve(doc: _Doc, atts: list[Attribution], entities: Sequence[Entity]) -> None:
    """Name every attribution's speaker in text order: a name expands to its fullest form in the article
    ('Trump' -> 'Donald Trump'), a personal pronoun is the person last named, a group noun stays unnamed."""
    names = _NameIndex(doc, entities)
    people = names.person_mentions()  # (position, name) of people named anywhere, for pronouns
    starts = [p for p, _ in people]
    last_speaker: tuple[int, str] | None = None
    for att in sorted(atts, key=lambda x: x.source[0] if x.source else (x.cue or (0, 0))[0]):
        if att.source is None:
            if att.inherit and last_speaker is not None:
                att.speaker = last_speaker[1]
            continue
        a, b = att.source
        phrase = doc.text[a:b]
        low = phrase.lower()
        role = len(low.split()) == 2 and low.split()[0] == "the" and low.split()[1] in L.HONORIFICS
        if low in L.PERSONAL_PRONOUNS - {"i"} or low in L.RELATIVES or role:  # 'he', 'who', 'the senator'
            n = bisect.bisect_left(starts, a) - 1
            named = people[n] if n >= 0 else None
            if low in L.RELATIVES:
                named = _before_relative(doc, a, names) or named
            cand = [c for c in (named, last_speaker) if c is not None]
            att.speaker = max(cand)[1] if cand else None
        elif low in L.PRONOUNS:
            att.speaker = None
        else:
            att.speaker = names.name_of(doc, a, b)
        if att.speaker:
            last_speaker = (a, att.speaker)


def _before_relative(doc: _Doc, pos: int, names: _NameIndex) -> tuple[int, str] | None:
    """'…, Whit Ayres, who said …': the name right before a relative pronoun."""
    n = bisect.bisect_left(doc.tok_starts, pos) - 1
    while n >= 0 and doc.toks[n].text == ",":
        n -= 1
    if n < 0 or not doc.toks[n].text[:1].isupper():
        return None
    e = n
    while n - 1 >= 0 and doc.toks[n - 1].text[:1].isupper():
        n -= 1
    name = names.name_of(doc, doc.toks[n].start, doc.toks[e].end)
    return (doc.toks[n].start, name) if name else None


# A capitalised word of a name, or a short abbreviation with its full stop ('Mr.', 'Sen.', 'Jr.'): a run of them
# never crosses a sentence end ('Netflix. DuVernay').
_NAME_WORD = r"(?:[A-Z][a-z]{0,3}\.|[A-Z][\w'’\-]*)"


class _NameIndex:
    """Person names of the article, to expand a short form and to find who a pronoun refers to."""

    def __init__(self, doc: _Doc, entities: Sequence[Entity]):
        self.per = sorted((e for e in entities if (e.type or "").upper() in ("PER", "PERSON")), key=lambda e: e.start)
        self.full: list[tuple[int, str]] = []
        if self.per:
            self.full = [(e.start, e.canonical or e.text) for e in self.per]
        else:
            for m in re.finditer(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*", doc.masked):
                name = _strip_titles(re.sub(r"['’]s$", "", m.group()))
                if name and len(name.split()) >= 2 and not _looks_like_org(name) \
                        and not all(w.lower() in doc.lower for w in name.split()):
                    self.full.append((m.start() + m.group().find(name.split()[0]), name))
        self.full.sort()
        self._by_word: dict[str, list[int]] | None = None
        self._expanded: dict[str, str] = {}

    def person_mentions(self) -> list[tuple[int, str]]:
        return self.full

    def name_of(self, doc: _Doc, a: int, b: int) -> str | None:
        """The speaker a source phrase names: its last capitalised run (not a title), expanded."""
        for e in self.per:
            if e.start < b and a < e.end:
                return e.canonical or e.text
        a, b = doc.extended.get((a, b), (a, b))
        # The first part (before an appositive, 'of', a relative clause) that ends in a name: 'Yusran Lamba, head
        # of …' and "Indonesia's fisheries minister, Laksmi Pramesti" name a person; 'Environmental groups' nobody.
        for part in re.split(r",|\(|\)|\b(?:who|of|for|at|from|with)\b", doc.text[a:b]):
            part = part.strip()
            m = re.search(rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|de|van|von|bin|al))*$", part)
            if not m:
                continue
            words = m.group().split()
            while words and (words[0].lower() in doc.lower or words[0].lower() in L.CLAUSE_OPENERS):
                words = words[1:]  # 'But Shelby': a common word capitalised because it opens the sentence
            name = _strip_titles(re.sub(r"['’]s$", "", " ".join(words)))
            if name and not (len(name.split()) == 1 and name.lower() in doc.lower):
                return self.expand(name)
        return None

    def expand(self, short: str) -> str:
        """The longest name holding every word of `short` (ties: the first written), else `short`. Only names
        sharing its rarest word are read, and each short form once: a long record has thousands of both."""
        if short in self._expanded:
            return self._expanded[short]
        if self._by_word is None:
            self._by_word = {}
            for n, (_, name) in enumerate(self.full):
                for w in set(name.lower().split()):
                    self._by_word.setdefault(w, []).append(n)
        want = set(short.lower().split())
        postings = [self._by_word.get(w, []) for w in want]
        best = short
        for n in min(postings, key=len) if postings else []:
            name = self.full[n][1]
            if want <= set(name.lower().split()) and len(name.split()) > len(best.split()):
                best = name
        self._expanded[short] = best
        return best


def _strip_titles(run: str) -> str:
    """The name after the last title of a run: 'Foreign Minister John Smith' -> 'John Smith'."""
    words = run.split()
    titles = [n for n, w in enumerate(words) if w.lower().rstrip(".") in L.HONORIFICS]
    return " ".join(words[titles[-1] + 1:] if titles else words)


def _looks_like_org(name: str) -> bool:
    low = name.lower().split()
    return any(w in L.SPEAKER_NOUNS for w in low) or low[0] in {"the"}
