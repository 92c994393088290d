"""Complete the NER model's spans with what the text itself says about names.

The CRF (`enrich/ner.py`) is a sequence model trained on 9,000 sentences: it misses rare foreign names
("Menteri Pertahanan Sergei Shoigu") and stops at a hyphen inside a name ("Cheong Seong" of "Cheong Seong-chang",
because IndoNLU tokenises the hyphen apart). Two rules close those gaps without touching what the model found:

* a name never ends inside a hyphenated word whose next part is lower case ("Seong-chang", "Jong-un"), while a
  capitalised part after the hyphen is another name ("Korea Utara-Rusia");
* capitalised words after a role head ("Presiden", "Menteri Pertahanan", "Juru bicara ...") are a person when the
  model tagged none of them; the role words are stripped later by `enrich.aliases.canonicalize`, which keeps them
  as the person's role;
* an institute's name goes on across its purpose ("Institut Internasional untuk Studi Strategis"), where the model
  stops at the lower-case "untuk".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kliping.enrich.aliases import alias_index, name_key
from kliping.enrich.intervals import Intervals
from kliping.enrich.ner import LOC_CUES, ORG_CUES, PLACE_NAMES, person_probability
from kliping.lang import aliases_id
from kliping.lang import id as lang_id

Span = tuple[int, int, str, str]

_HYPHEN_TAIL = re.compile(r"-[a-z]+\b")
_CAP_WORD = re.compile(r"[A-Z][\w'’-]*")
# Capitalised words of office and unit names that are not personal names ("Seksi", "Bidang", "Biro", "Kamar
# Dagang"); names such as "Agung" or "Muda" are left out on purpose, since they are also people's names.
NOT_NAME_WORDS = frozenset({"the", "of", "and", "nomor", "no", "seksi", "bidang", "bagian", "biro", "riset", "umum",
                            "kamar", "dagang", "hubungan", "masyarakat", "statistik"})
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+")
# Indonesian nouns of office and domain carry these affixes ("Pengelolaan", "Kesatuan", "Koordinasi",
# "Perasuransian"); personal names rarely do.
_NOUN_AFFIX = re.compile(r"^(?:(?:pe[nmr]?|peng|peny|ke|per|kes)[a-z]{2,}an|[a-z]+(?:isasi|asi|isme|itas|ial|al))$")
# Names after a role head are at most this many words; the role's own words come before them.
MAX_NAME_WORDS = 3


@cache
def _role_head_rx() -> re.Pattern[str]:
    heads = sorted((h for h in aliases_id.ROLE_HEADS if h[:1].isupper()), key=len, reverse=True)
    run = r"(?:\s+[A-Z][\w'’-]*){1,8}"  # stops at punctuation: "Jokowi. Kemudian" is not one name
    return re.compile(rf"\b(?:{'|'.join(re.escape(h) for h in heads)}){run}")


@cache
def _role_vocabulary() -> frozenset[str]:
    """Words that belong to a role or a title ("Pertahanan", "Luar", "Negeri", "Prof"), lower-cased."""
    phrases = (*aliases_id.ROLE_HEADS, *aliases_id.ROLE_COMPLEMENTS, *aliases_id.HONORIFICS, *aliases_id.ROLE_PREFIXES)
    words = {w.lower().strip(".") for phrase in phrases for w in phrase.split()}
    # The tagger's own cue words for organisations and places ("Polres", "Kejari", "Biro") and its place names.
    return frozenset(words | ORG_CUES | LOC_CUES | PLACE_NAMES | NOT_NAME_WORDS)


def complete_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """The model's spans with hyphenated tails restored, plus persons named right after a role head, then repaired
    (`repair_spans`)."""
    out = [_extend_hyphen(text, s) for s in spans]
    out = _extend_purpose(text, out)
    out += _role_persons(text, out)
    return repair_spans(text, sorted(out))


# ---------- spans a reader would not accept ----------

# A dash with spaces around it: a dateline's ("PALTV.CO.ID - Presiden Rusia"), never inside a name.
_SPACED_DASH = re.compile(r"\s[-–—]\s")
# Places whose names are everyday Indonesian words, written in lower case: the word, not the place ("medan perang"
# is a battlefield, "padang rumput" a meadow, "batu" a stone, "palu" a hammer, "kudus" holy). Other lower-case
# places are kept: informal texts write "kediri" or "jawa" for the place (NERGrit's training set does).
_COMMON_WORD_PLACES = frozenset("medan padang batu palu kudus tegal pati solo bandar tanjung muara kota".split())
# A text that capitalises: a sentence opening with a capital letter.
_CASED = re.compile(r"(?:^|[.!?]\s+)[A-Z]")


def repair_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """Spans cut or retyped where the model ran names together or took a common word (issue: entities a reader
    would not accept, seen on the seeds and kept general):

    * no name crosses a spaced dash: "PALTV.CO.ID - Presiden Rusia" is a dateline and a role, each side kept only
      when it is a name on its own (a web address or an all-caps dateline is not);
    * a place or body followed by a person the article names elsewhere is two names ("Korea Utara Kim Jong Un"),
      and so is a body that completes a role written before it, followed by a name the model reads as a person
      ("juru bicara Departemen Luar Negeri Matthew Miller");
    * in a text that capitalises, a place whose name is an everyday word, written in lower case, is that word
      ("medan perang": battlefield, not Medan); an acronym of a common noun is no name ("KTT": a summit);
    * news organisations (wires, broadcasters) are ORG ("VoA" is not a place), and so are place-typed names that
      open or close with a word only bodies are named with ("Sejong Institute").
    """
    persons = _person_keys(text, spans)
    lower_words = set(_LOWER_WORD.findall(text))
    out: list[Span] = []
    for span in spans:
        for piece in _split_at_dash(text, span):
            out += _split_person_tail(text, piece, persons, lower_words)
    cased = bool(_CASED.search(text))  # all-lower-case text (a chat, a lower-cased corpus) names in lower case too
    fixed = []
    for start, end, type_, source in out:
        if type_ != "PER":
            if cased and type_ == "LOC" and text[start:end].strip() in _COMMON_WORD_PLACES:
                continue  # "medan" of "medan perang" (battlefield); a lower-case "kediri" is still Kediri
            if text[start:end].strip() in _COMMON_ACRONYMS:
                continue  # "KTT" is a summit, not a body
            type_ = _known_type(text[start:end], type_)
        fixed.append((start, end, type_, source))
    return sorted(fixed)


def _person_keys(text: str, spans: Sequence[Span]) -> set[str]:
    return {name_key(text[s:e]) for s, e, t, _ in spans if t == "PER" and len(text[s:e].split()) >= 2}


def _split_at_dash(text: str, span: Span) -> list[Span]:
    start, end, type_, source = span
    dash = _SPACED_DASH.search(text, start, end)
    at_line_start = start == 0 or text[start - 1] == "\n"
    if not dash or not _looks_like_dateline(text[start:dash.start()], at_line_start):
        return [span]  # "Soekarno - Hatta" as a tokenizer writes it is one name
    out = []
    for a, b in ((start, dash.start()), (dash.end(), end)):
        piece = text[a:b].strip()
        if not piece or _looks_like_dateline(piece, a == start and at_line_start):
            continue
        if type_ != "PER" and _role_head_rx().match(piece):
            continue  # "Presiden Rusia": a role, not an organisation's name
        out.append((a, b, type_, source))
    return out


def _looks_like_dateline(piece: str, line_start: bool) -> bool:
    """An outlet's web address ("PALTV.CO.ID", "TRIBUN-MEDAN.COM"), or an all-caps place or outlet opening a line
    ("JAKARTA - ..."; inside a sentence "NICA - Belanda" is a tokenizer's hyphen between names)."""
    return bool(re.search(r"\.(?:com|co|id|net|org|news)\b", piece, re.I)) \
        or (line_start and piece.isupper() and len(piece) > 3)


def _split_person_tail(text: str, span: Span, persons: set[str], lower_words: set[str]) -> list[Span]:
    """A place or organisation span ending in two or three words of a person: two spans."""
    start, end, type_, source = span
    if type_ == "PER":
        return [span]
    words = list(_CAP_WORD.finditer(text, start, end))
    for k in range(max(1, len(words) - MAX_NAME_WORDS), len(words) - 1):
        head, tail = words[:k], words[k:]
        if text[head[-1].end():tail[0].start()].strip():
            continue  # a mark between them: not a run of names
        tail_text = text[tail[0].start():tail[-1].end()]
        head_text = text[start:head[-1].end()]
        # Only a person the article names as such elsewhere: a place's or body's own last words are often
        # name-like ("Kabupaten Tapanuli Utara", "Polres Deli Serdang", "KBRI Phnom Penh"), and the model's person
        # probability told them apart too loosely (tried: it split "Pertamina Patra Niaga" on detik).
        if not _may_precede_person(head_text, head[-1].group(0)) or name_key(text[start:end]) in persons:
            continue  # "PT Jasa Marga"; "Purbaya Yudhi Sadewa" is one person, whatever type the model gave it
        if (name_key(tail_text) in persons and name_key(head_text) != name_key(tail_text)) \
                or _role_body_then_person(text, start, head, tail, lower_words):
            return [(start, head[-1].end(), type_, source), (tail[0].start(), tail[-1].end(), "PER", "rule")]
    return [span]


# The model's marginal probability of a person tag, lowest over the tail's words, above which a name after a role's
# body is that role's holder. Read on two sentences: seed 002's "juru bicara Departemen Luar Negeri Matthew Miller"
# scores 0.39, a body named after a person ("Rektor Universitas Gadjah Mada") 0.001. With it the rule splits 19 runs
# on the 1,000 detik rows, all read and right ("Juru Bicara KPK Budi Prasetyo", "Ketua DPR Mike Johnson"); NERGrit
# test does not move (micro F1 0.727 through `kliping annotate`).
_ROLE_HOLDER_PROBABILITY = 0.2


@cache
def _role_end_rx() -> re.Pattern[str]:
    """A role head (any case: "juru bicara", "Menteri") ending just before a span."""
    heads = sorted(aliases_id.ROLE_HEADS, key=len, reverse=True)
    return re.compile(rf"(?i:\b(?:{'|'.join(re.escape(h) for h in heads)}))\s+$")


@cache
def _complement_ends() -> frozenset[str]:
    """Last words of multi-word role complements ("Luar Negeri", "Angkatan Laut"), lower-cased: a body's name may
    end in them even where the same word elsewhere introduces a name ("negeri Jiran", "Laut Jawa")."""
    return frozenset(c.split()[-1].lower() for c in aliases_id.ROLE_COMPLEMENTS if " " in c)


def _role_body_then_person(text: str, start: int, head: Sequence[re.Match[str]], tail: Sequence[re.Match[str]],
                           lower_words: set[str]) -> bool:
    """True for "[juru bicara] Departemen Luar Negeri Matthew Miller": the span's head completes a role written
    just before it, so the capitalised words after it are the role's holder, when they are two or three name-like
    words (no role, place or body vocabulary) that the model itself reads as a person.
    The head must not end in a word that introduces a name ("Universitas", "Kota", "Jalan"): "Rektor Universitas
    Gadjah Mada" names a university after a person, not its rector."""
    if len(tail) < 2:
        return False
    last = head[-1].group(0)
    low = last.lower().strip(".")
    introduces_name = (low in ORG_CUES or low in LOC_CUES) and low not in _complement_ends()
    if introduces_name and not (last.isupper() and len(last) >= 2):
        return False  # "Universitas", "Kota": a name follows; "Luar Negeri" ends a body's name
    if _role_end_rx().search(text, max(0, start - 40), start) is None:
        return False
    vocab, idx = _role_vocabulary(), alias_index()
    if any(w.group(0).lower().strip(".") in vocab or name_key(w.group(0)) in idx.names
           or not _name_like(w.group(0), lower_words) for w in tail):
        return False
    return person_probability(text, tail[0].start(), tail[-1].end()) >= _ROLE_HOLDER_PROBABILITY


def _may_precede_person(head: str, last_word: str) -> bool:
    """True when a name can stand before a person's in one run: a known place or body ("Korea Utara", "Banten"), a
    word of office or institution ("Departemen Luar Negeri", "Kementerian PU") or an acronym ("DPR", "KPK"), not a
    company's legal form ("PT Jasa Marga") or any capitalised word ("Giant Sea Wall", "Climate Action Tracker")."""
    low = last_word.lower().strip(".")
    if low in _LEGAL_FORMS:
        return False
    return name_key(head) in alias_index().names or low in _role_vocabulary() \
        or (last_word.isupper() and len(last_word) >= 2)


_LEGAL_FORMS = frozenset("pt cv ud tbk persero perum inc ltd corp llc".split())


def _known_type(name: str, type_: str) -> str:
    """News organisations are ORG; so is a place-typed name that opens or closes with a word only bodies are named
    with ("Institut Studi ...", "Sejong Institute", "Universitas ..."): a reader takes them for organisations."""
    if name_key(name) in _MEDIA:
        return "ORG"
    words = name_key(name).split()
    if type_ != "LOC" or not words:
        return type_
    # English puts the word last; there a lower-case word means a place by the body ("kantin depan X University")
    closes = words[-1] in _BODY_WORDS and not any(w[:1].islower() for w in name.split())
    return "ORG" if words[0] in _BODY_WORDS or closes else type_


# Words that name a body, never a place or a building (so not "Bandara", "Masjid", "Stadion", "Rumah Sakit", which
# the model and NERGrit type as places).
_BODY_WORDS = frozenset("""institut institute universitas university univ partai party kementerian ministry komisi
badan lembaga yayasan akademi politeknik fakultas asosiasi federasi organisasi himpunan persatuan koperasi agency
council association foundation corporation corp inc ltd pt tbk""".split())


_COMMON_ACRONYMS = frozenset(lang_id.COMMON_NOUN_ACRONYMS)  # as written: "sim" and "Sim" may be names
_MEDIA = frozenset(name_key(a) for a in (*lang_id.WIRE_AGENCIES, "VoA"))


def _name_like(word: str, lower_words: set[str] | frozenset[str]) -> bool:
    """A capitalised word that may be part of a personal name: not written lower-case elsewhere in the article
    (then it is a common word: "Koordinasi" / "koordinasi"), not an acronym, not shaped like a derived noun."""
    low = word.lower()
    return (not word.isupper() and low not in lower_words and not _NOUN_AFFIX.match(low)
            and not any(c.isdigit() for c in word))


# An institute, board or fund named for its purpose: "Institut ... untuk Studi Strategis", "Badan ... untuk
# Pengungsi", "Institute for Strategic Studies". Ministries and companies are left out: "Kementerian Keuangan untuk
# Tahun Anggaran ..." names a ministry and then a budget year.
_PURPOSE_BODIES = frozenset("""institut lembaga badan pusat yayasan komisi dewan organisasi federasi asosiasi institute
centre center council commission organization organisation foundation fund""".split())
_PURPOSE_TAIL = re.compile(r"\s(?:untuk|for)\s([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})(?![\w'’-])(?!\s+\d)")


def _extend_purpose(text: str, spans: Sequence[Span]) -> list[Span]:
    """ORG spans of a purpose-named body carried over "untuk"/"for" and the capitalised words after it, when those
    words are no known place or body ("Badan PBB untuk Palestina" stays two names) and no other span holds them."""
    tagged = Intervals((s, e) for s, e, _, _ in spans)
    idx = alias_index()
    out = []
    for span in spans:
        start, end, type_, source = span
        words = name_key(text[start:end]).split()
        m = _PURPOSE_TAIL.match(text, end) if type_ == "ORG" and words and words[0] in _PURPOSE_BODIES else None
        if m and not tagged.overlaps(m.start(1), m.end(1)) and not any(
                name_key(w) in idx.names or w.lower() in PLACE_NAMES for w in [m[1], *m[1].split()]):
            span = (start, m.end(), type_, source)
        out.append(span)
    return out


def _extend_hyphen(text: str, span: Span) -> Span:
    start, end, type_, source = span
    if type_ == "PER" and (m := _HYPHEN_TAIL.match(text, end)):
        return start, m.end(), type_, source
    return span


def _role_persons(text: str, spans: Sequence[Span]) -> list[Span]:
    vocab, idx = _role_vocabulary(), alias_index()
    lower_words = set(_LOWER_WORD.findall(text))
    found: list[Span] = []
    tagged = Intervals((s, e) for s, e, _, _ in spans)  # one bisection per candidate, not a scan of every span
    for m in _role_head_rx().finditer(text):
        words = list(_CAP_WORD.finditer(text, m.start(), m.end()))
        # Strip the role from the left: its head and complement words, and places or bodies in it ("Rusia", "AS").
        k = 0
        while k < len(words) and (words[k].group(0).lower().strip(".") in vocab
                                  or name_key(words[k].group(0)) in idx.names):
            k += 1
        if any(w.group(0).lower() in ORG_CUES for w in words[1:k]):
            continue  # "Direktur Utama PT ...", "Kepala Sekolah ...": what follows names an organisation
        name = words[k:]
        # A person's name is two or three words none of which is role, title or institution vocabulary: "Kepala
        # Sekolah", "Ketua Pengadilan Negeri", "Camat Batam Kota" name an office or a place, not a person.
        if k == 0 or not 2 <= len(name) <= MAX_NAME_WORDS or any(
                w.group(0).lower().strip(".") in vocab or name_key(w.group(0)) in idx.names
                or not _name_like(w.group(0), lower_words) for w in name):
            continue
        a, b = name[0].start(), name[-1].end()
        if tagged.overlaps(a, b):
            continue  # the model already tagged something here: trust it
        found.append((m.start(), b, "PER", "rule"))
    return found
