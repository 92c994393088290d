"""Complete the NER model's spans with what the text itself says about names.

The CRF (`enrich/ner.py`) is a sequence model trained on 9,000 sentences: it misses rare foreign names
("Menteri Pertahanan Sergei Shoigu") and stops at a hyphen inside a name ("Cheong Seong" of "Cheong Seong-chang",
because IndoNLU tokenises the hyphen apart). Two rules close those gaps without touching what the model found:

* a name never ends inside a hyphenated word whose next part is lower case ("Seong-chang", "Jong-un"), while a
  capitalised part after the hyphen is another name ("Korea Utara-Rusia");
* capitalised words after a role head ("Presiden", "Menteri Pertahanan", "Juru bicara ...") are a person when the
  model tagged none of them; the role words are stripped later by `enrich.aliases.canonicalize`, which keeps them
  as the person's role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kliping.enrich.aliases import alias_index, name_key
from kliping.enrich.intervals import Intervals
from kliping.enrich.ner import LOC_CUES, ORG_CUES, PLACE_NAMES
from kliping.lang import aliases_id

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
    """The model's spans with hyphenated tails restored, plus persons named right after a role head."""
    out = [_extend_hyphen(text, s) for s in spans]
    out += _role_persons(text, out)
    return sorted(out)


def _name_like(word: str, lower_words: set[str]) -> bool:
    """A capitalised word that may be part of a personal name: not written lower-case elsewhere in the article
    (then it is a common word: "Koordinasi" / "koordinasi"), not an acronym, not shaped like a derived noun."""
    low = word.lower()
    return (not word.isupper() and low not in lower_words and not _NOUN_AFFIX.match(low)
            and not any(c.isdigit() for c in word))


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
