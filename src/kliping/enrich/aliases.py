"""Canonical entities: one name per person, place and organisation across spellings, articles and languages.

Two jobs. `canonical_name` maps any written form to the entity's one name, independently of the article: countries
and territories through an alias index built once per process from pycountry and Babel (names, official names,
common names, their Indonesian translations) plus the curated forms of `lang/aliases_id.py` (Korut, AS, PBB, KPK).
`canonicalize` does the same for the spans of one article and adds what needs the article: the role written before
a person's name ("Presiden Rusia Vladimir Putin" -> "Vladimir Putin", role "Presiden Rusia") and short forms that
refer back to a full name ("Putin", "Kim").

Country names are canonical in Indonesian (Babel's `id` names: "Korea Utara", "Amerika Serikat", "Rusia") because
this is an Indonesian-first product; organisations take the form the Indonesian press uses most ("PBB", "KPK").
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from kliping.lang import aliases_id as data
from kliping.model import Entity

# ---------- normalised keys ----------

_JOINERS = re.compile(r"['’`.]")  # dropped: "People's" = "Peoples", "U.S." = "US"
_SEPARATORS = re.compile(r"[\W_]+")  # hyphens, commas and every other mark count as a space


def name_key(name: str) -> str:
    """The form every lookup compares: casefolded, no diacritics or punctuation, hyphens as spaces.

    "Kim Jong-un", "KIM JONG UN" and "Kim Jong Un" share one key, as do "Côte d’Ivoire" and "Cote dIvoire".
    """
    if not name.isascii():  # ASCII has no diacritics to drop (a fast path: the gazetteer keys 180,000 names)
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", _JOINERS.sub("", name.casefold())).strip()


# ---------- the alias index ----------

# Role-parsing vocabulary classes.
_HEAD, _HON, _PREFIX, _COMP, _NAT, _PLACE, _ORG = "head", "hon", "prefix", "comp", "nat", "place", "org"
_MAX_PHRASE = 6  # words; longer official names ("Kerajaan Bersatu Britania Raya dan Irlandia Utara") never sit in roles


@dataclass
class AliasIndex:
    """Alias -> canonical maps, keyed by `name_key`. Built once per process (see `alias_index`)."""

    names: dict[str, str] = field(default_factory=dict)  # places and organisations
    places: set[str] = field(default_factory=set)  # keys of `names` that are territories, regions or provinces
    capitals: dict[str, str] = field(default_factory=dict)  # capital -> its country, for ORG mentions only
    persons: dict[str, str] = field(default_factory=dict)  # curated people only (lang/aliases_id.PERSON_FORMS)
    role_words: dict[str, str] = field(default_factory=dict)  # key -> one of _HEAD, _HON, _PREFIX, _COMP, _NAT
    acronyms: set[str] = field(default_factory=set)  # keys of curated all-caps forms (kept upper-case in roles)
    abbreviations: set[str] = field(default_factory=set)  # role words written with a final period ("Dr.", "Plt.")

    def add(self, form: str, canonical: str, place: bool = False) -> None:
        """First writer wins: curated forms are added before package names, so they take precedence."""
        key = name_key(form)
        if key and key not in self.names:
            self.names[key] = canonical
            if place:
                self.places.add(key)


@cache
def alias_index() -> AliasIndex:
    """Build the index once per process: about 0.15 s (plus 0.1 s to import Babel and pycountry the first time),
    mostly Babel parsing its locale data; 1,200 keys for 420 entities."""
    from babel import Locale

    idx = AliasIndex()
    id_names, en_names = Locale("id").territories, Locale("en").territories
    canonical = {code: _territory_canonical(code, name) for code, name in id_names.items()
                 if code not in data.SKIPPED_TERRITORIES}
    for org, forms in data.ORGANISATIONS.items():
        for form in (org, *forms):
            idx.add(form, org)
    for code, forms in data.COUNTRY_FORMS.items():
        for form in forms:
            idx.add(form, canonical[code], place=True)
    for place, forms in data.PLACE_FORMS.items():
        for form in (place, *forms):
            idx.add(form, place, place=True)
    for code, name in canonical.items():
        for form in (name, *_variants(id_names.get(code)), *_variants(en_names.get(code))):
            idx.add(form, name, place=name not in data.ORGANISATIONS)  # UN and EU are CLDR "territories"
    _add_pycountry(idx, canonical)
    for code, capitals in data.CAPITAL_METONYMS.items():
        idx.capitals.update({name_key(c): canonical[code] for c in capitals})
    _add_persons_and_roles(idx)
    return idx


def _territory_canonical(code: str, babel_name: str) -> str:
    """Babel's Indonesian name, without CLDR's parenthetical ("Myanmar (Burma)"), unless overridden."""
    return data.CANONICAL_OVERRIDES.get(code) or re.sub(r"\s*\(.*?\)", "", babel_name).strip()


def _variants(name: str | None) -> list[str]:
    """A CLDR name and its parts: "Myanmar (Burma)" -> itself, "Myanmar", "Burma"."""
    if not name:
        return []
    out = [name]
    if m := re.fullmatch(r"(.+?)\s*\((.+)\)", name):
        out += [m[1], m[2]]
    return out


def _add_pycountry(idx: AliasIndex, canonical: dict[str, str]) -> None:
    """pycountry's names, official and common names, in English and in its Indonesian gettext catalogue."""
    import pycountry

    # fallback: a pycountry without locale files still gives the English names
    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True).gettext
    for c in pycountry.countries:
        target = canonical.get(c.alpha_2)
        if target is None:
            continue
        for attr in ("common_name", "name", "official_name"):
            english = getattr(c, attr, None)
            if english:
                for form in (english, translate(english)):
                    idx.add(form, target, place=True)
                    idx.add(_uninverted(form), target, place=True)
    for sub in pycountry.subdivisions.get(country_code="ID") or []:
        idx.add(sub.name, sub.name, place=True)


def _uninverted(name: str) -> str:
    """ISO's sorted form in running order: "Korea, Republic of" -> "Republic of Korea", "Iran, Republik Islam" ->
    "Republik Islam Iran"."""
    head, sep, tail = name.partition(", ")
    return f"{tail} {head}" if sep else name


def _add_persons_and_roles(idx: AliasIndex) -> None:
    """Curated people and the role vocabulary, keyed like everything else."""
    for person, forms in data.PERSON_FORMS.items():
        for form in (person, *forms):
            idx.persons.setdefault(name_key(form), person)
    classes = ((_HEAD, data.ROLE_HEADS), (_HON, data.HONORIFICS), (_PREFIX, data.ROLE_PREFIXES),
               (_COMP, data.ROLE_COMPLEMENTS), (_NAT, data.NATIONALITY_ADJECTIVES))
    for cls, words in classes:
        for w in words:
            idx.role_words.setdefault(name_key(w), cls)
            if w.endswith("."):
                idx.abbreviations.add(name_key(w))
    curated = [f for forms in data.ORGANISATIONS.items() for f in (forms[0], *forms[1])]
    curated += [f for forms in data.COUNTRY_FORMS.values() for f in forms]
    idx.acronyms = {name_key(f) for f in curated if f.isupper() and " " not in f}


# ---------- tokens ----------

# Dotted acronyms ("U.S.", "K.H."), words with inner hyphens or apostrophes ("Jong-un", "People's"), single marks.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+)*\.?|[^\w\s]")


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    key: str


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    """Tokens of text[start:end] with absolute offsets. A final period stays on a word only for abbreviations
    ("Dr.", "Plt.") and initials ("H."); otherwise it is a sentence mark of its own."""
    idx = alias_index()
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        tok = m[0]
        if tok.endswith(".") and len(tok) > 1 and not _keeps_period(tok, idx):
            out.append(_Tok(tok[:-1], m.start(), m.end() - 1, name_key(tok[:-1])))
            out.append(_Tok(".", m.end() - 1, m.end(), ""))
        else:
            out.append(_Tok(tok, m.start(), m.end(), name_key(tok)))
    return out


def _keeps_period(tok: str, idx: AliasIndex) -> bool:
    word = tok[:-1]
    return "." in word or (len(word) == 1 and word.isupper()) or name_key(word) in idx.abbreviations


# ---------- roles ----------

def _unit_class(toks: Sequence[_Tok], i: int, n: int, idx: AliasIndex) -> str | None:
    """What the n tokens from i are in a role, or None. Places and organisations must be capitalised, so the
    Indonesian words "antara" (between) and "as" never read as Antara or AS."""
    if any(not t.key for t in toks[i:i + n]):  # punctuation never sits inside a unit
        return None
    key = " ".join(t.key for t in toks[i:i + n])
    cls = idx.role_words.get(key)
    if cls is not None:
        return cls
    first = toks[i].text[:1]
    if key in idx.names and (first.isupper() or first.isdigit()):
        return _PLACE if key in idx.places else _ORG
    return None


def _match_forward(toks: Sequence[_Tok], i: int, idx: AliasIndex) -> tuple[str, int] | None:
    """The longest role unit starting at token i: (class, length)."""
    for n in range(min(_MAX_PHRASE, len(toks) - i), 0, -1):
        cls = _unit_class(toks, i, n, idx)
        if cls is not None:
            return cls, n
    return None


def _match_backward(toks: Sequence[_Tok], j: int, idx: AliasIndex) -> tuple[str, int] | None:
    """The longest role unit ending just before token j: (class, length)."""
    for n in range(min(_MAX_PHRASE, j), 0, -1):
        cls = _unit_class(toks, j - n, n, idx)
        if cls is not None:
            return cls, n
    return None


def _role_prefix(toks: Sequence[_Tok], idx: AliasIndex) -> tuple[int, int | None, int | None]:
    """Role words at the start of a span: (number of tokens to strip, first role token, last role token + 1).

    Stops at the first token that is not role vocabulary; the rest is the name. Returns (0, None, None) when the
    span starts with no role head or honorific, and never strips the whole span's last word.
    """
    i, first, last, has_head = 0, None, None, False
    while i < len(toks) - 1:
        if toks[i].text == "," and has_head:  # "Presiden Rusia, Vladimir Putin"
            i += 1
            continue
        m = _match_forward(toks, i, idx)
        if m is None or i + m[1] >= len(toks):
            break
        cls, n = m
        if cls != _HON:
            first = i if first is None else first
            last = i + n
            has_head = has_head or cls == _HEAD
        i += n
    if not has_head:  # honorifics only ("Pak Jokowi") strip; a lone place or org ("Jordan Henderson") does not
        i = _leading_honorifics(toks, idx)
        return i, None, None
    return i, first, last


def _leading_honorifics(toks: Sequence[_Tok], idx: AliasIndex) -> int:
    i = 0
    while i < len(toks) - 1 and (m := _match_forward(toks, i, idx)) and m[0] == _HON and i + m[1] < len(toks):
        i += m[1]
    return i


def _role_before(text: str, start: int, floor: int, idx: AliasIndex) -> tuple[int, int] | None:
    """The role written just before a name ("Presiden Rusia [Vladimir Putin]", "juru bicara ..., [John Kirby]"):
    (start, end) offsets in text, or None. Never reads before `floor` (the end of the previous person)."""
    # A role never crosses a line break. The break is looked for inside the window only: searching back to the
    # text's start made each name cost the whole text before it on a long record without line breaks (issue 12).
    lo = max(0, floor, start - 160)
    lo = max(lo, text.rfind("\n", lo, start) + 1)
    toks = _tokens(text, lo, start)
    if toks and toks[-1].text == ",":  # "Presiden Rusia, Vladimir Putin"
        toks = toks[:-1]
    j, units = len(toks), []
    while j > 0 and (m := _match_backward(toks, j, idx)):
        units.append((m[0], j - m[1], j))
        j -= m[1]
    units.reverse()
    # The role begins at its first head or at what may precede one in English ("mantan", "former", "North Korean",
    # "State Department", "US"). A place name before the head is Indonesian word order for something else ("... ke
    # Korea Utara Presiden Rusia"), so only a place acronym ("US President") may precede the head.
    head = next((k for k, u in enumerate(units) if u[0] == _HEAD), None)
    if head is None:
        return None
    while head > 0 and _may_precede_head(units[head - 1], toks):
        head -= 1
    units = units[head:]
    while units[-1][0] == _HON:  # "Presiden Pak Jokowi": the honorific is not part of the role
        units.pop()
    return toks[units[0][1]].start, toks[units[-1][2] - 1].end


def _may_precede_head(unit: tuple[str, int, int], toks: Sequence[_Tok]) -> bool:
    cls, i, j = unit
    first = toks[i].text
    if cls in (_PREFIX, _NAT):
        return True
    if cls in (_COMP, _ORG):  # "State Department spokesperson"
        return first[:1].isupper()
    return cls == _PLACE and j - i == 1 and first.replace(".", "").isupper()


def _clean_role(role: str, idx: AliasIndex) -> str:
    """Whitespace normalised, first letter upper-case; an ALL-CAPS role (a caption) title-cased but its acronyms."""
    role = " ".join(role.split())
    if role.isupper():
        role = " ".join(w if name_key(w) in idx.acronyms else _title(w) for w in role.split())
    return role[:1].upper() + role[1:]


# ---------- names ----------

_TRIM = " \t\r\n\u00a0\"'“”‘’«»,;:()[]{}"
_POSSESSIVE = re.compile(r"(?:['’]s|-nya)$", re.IGNORECASE)


def _title(word: str) -> str:
    return "-".join(p.capitalize() for p in word.split("-"))


def _clean_name(name: str) -> str:
    """Whitespace normalised, possessive "-nya"/"'s" dropped, an ALL-CAPS name (a caption) title-cased."""
    name = _POSSESSIVE.sub("", " ".join(name.split()))
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        name = " ".join(_title(w) for w in name.split())
    return name


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding quotes, brackets, commas and a sentence-final period."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or (text[end - 1] == "." and not _abbrev_end(text, start, end))):
        end -= 1
    return start, end


def _abbrev_end(text: str, start: int, end: int) -> bool:
    """True when the final period belongs to an initial or abbreviation ("Jr.", "H.")."""
    word = text[start:end].split()[-1] if text[start:end].split() else ""
    return (len(word) == 2 and word[0].isupper()) or word in ("Jr.", "Sr.")


def _person(text: str, start: int, end: int, floor: int) -> tuple[int, int, str | None, bool]:
    """(name start, name end, role, role only) of a PER span. Role words inside the span are stripped, else the role
    written just before it is recorded, else an appositive inside the span ("Matthew Miller, juru bicara ...").
    A span that is only a role ("Presiden Rusia") keeps its offsets and is its own role."""
    idx = alias_index()
    toks = _tokens(text, start, end)
    appositive = None
    cut = _appositive_comma(toks, idx)
    if cut is not None:
        appositive = _clean_role(text[toks[cut + 1].start:toks[-1].end], idx)
        toks = toks[:cut]
    if not toks:
        return start, end, None, False
    if _is_role_only(toks, idx):
        return start, end, _clean_role(text[start:end], idx), True
    strip, first, last = _role_prefix(toks, idx)
    if first is not None and last is not None:
        role: str | None = _clean_role(text[toks[first].start:toks[last - 1].end], idx)
    else:
        before = _role_before(text, start, floor, idx)
        role = _clean_role(text[before[0]:before[1]], idx) if before else appositive
    return toks[strip].start, toks[-1].end, role, False


def _is_name_tok(tok: _Tok) -> bool:
    return tok.text[:1].isupper()


def _appositive_comma(toks: Sequence[_Tok], idx: AliasIndex) -> int | None:
    """Index of the comma in "Matthew Miller, juru bicara ..." (one span): after it comes a role, not the name."""
    for k, t in enumerate(toks):
        if t.text == "," and k > 0 and k + 1 < len(toks):
            m = _match_forward(toks, k + 1, idx)
            return k if m is not None and m[0] in (_HEAD, _PREFIX) else None
    return None


def _is_role_only(toks: Sequence[_Tok], idx: AliasIndex) -> bool:
    i, has_head = 0, False
    while i < len(toks):
        m = _match_forward(toks, i, idx)
        if m is None:
            return False
        has_head = has_head or m[0] == _HEAD
        i += m[1]
    return has_head


def _canonical_other(name: str, type_: str | None, idx: AliasIndex) -> str:
    """Places and organisations: the index, else the cleaned name. "-nya" goes only when the rest is known, so
    "Kenya" stays Kenya."""
    clean = " ".join(name.split()).strip(_TRIM)
    clean = re.sub(r"['’]s$", "", re.sub(r"-nya$", "", clean, flags=re.IGNORECASE))
    key = name_key(clean)
    if type_ == "ORG":
        # An ORG-tagged country or capital is a government acting ("AS mengecam", "Pyongyang membantah"): it
        # resolves to the country so that events and comparisons see one actor, whatever the tagger's type.
        key = _strip_government(key, idx)
        if key in idx.capitals:
            return idx.capitals[key]
    if key in idx.names:
        return idx.names[key]
    if key.endswith("nya") and key[:-3].strip() in idx.names:
        return idx.names[key[:-3].strip()]
    letters = [c for c in clean if c.isalpha()]
    if type_ == "LOC" and len(letters) > 3 and all(c.isupper() for c in letters):
        clean = " ".join(_title(w) for w in clean.split())  # a dateline "PALEMBANG"
    return clean


_GOVERNMENT = ("pemerintah ", "pemerintahan ", "rezim ", "government of ", "negara ")


def _strip_government(key: str, idx: AliasIndex) -> str:
    """"Pemerintah Korea Utara" (ORG) is the country acting; other "Pemerintah X" stay as written."""
    for prefix in _GOVERNMENT:
        if key.startswith(prefix) and key[len(prefix):] in idx.places:
            return key[len(prefix):]
    return key


def canonical_name(name: str, type_: str | None = None) -> str:
    """The canonical form of a name seen anywhere (cross-article, cross-language): "Korut", "DPRK",
    "Republik Demokratik Rakyat Korea", "North Korea" -> one and the same string ("Korea Utara").

    Persons (type "PER") lose their role words and are never looked up among places; only curated people
    ("Kim Jong-un" -> "Kim Jong Un") change spelling. Other types go through the alias index; ORG mentions of a
    country or capital resolve to the country (see `_canonical_other`). Unknown names come back cleaned.
    """
    idx = alias_index()
    if type_ != "PER":
        return _canonical_other(name, type_, idx) if type_ in (None, "LOC", "ORG", "GPE") else _clean_name(name)
    toks = _tokens(name)
    if not toks:
        return _clean_name(name)
    strip, _, _ = _role_prefix(toks, idx)
    cleaned = _clean_name(name[toks[strip].start:toks[-1].end])
    return idx.persons.get(name_key(cleaned), cleaned)


# ---------- one article ----------

@dataclass
class _Mention:
    start: int
    end: int
    type: str
    source: str
    role: str | None
    name: str = ""  # cleaned spelling (persons)
    key: str = ""
    canonical: str = ""
    kind: str | None = None  # places: the administrative word the canonical name drops


def canonicalize(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[Entity]:
    """Entities of one article, each with its canonical name and, for persons, the role stripped from the name.

    Persons: role words in or just before the span become `role` and the offsets cover the name only; spelling
    variants ("Kim Jong Un", "Kim Jong-Un", "KIM JONG UN") share one name; a short form ("Putin", "Kim") takes the
    full name of the article that contains all its words. Places and organisations: `canonical_name`.
    """
    idx = alias_index()
    mentions: list[_Mention] = []
    floor = 0
    for s, e, typ, src in sorted(spans, key=lambda sp: (sp[0], sp[1])):
        s, e = _trim(text, max(0, s), min(len(text), e))
        if s >= e:
            continue
        if typ == "PER":
            if (nl := text.find("\n", s, e)) > s:  # a name never spans lines: the rest is a tagger's run-on
                s, e = _trim(text, s, nl)
            ns, ne, role, role_only = _person(text, s, e, floor)
            ns, ne = (ns, ne) if role_only else _drop_enclitic(text, ns, ne)
            name = _clean_name(text[ns:ne])
            mentions.append(_Mention(ns, ne, typ, src, role, name, "" if role_only else name_key(name)))
            floor = e
        else:
            name, kind = admin_kind(text[s:e]) if typ == "LOC" else (text[s:e], None)
            mentions.append(_Mention(s, e, typ, src, None, canonical=canonical_name(name, typ), kind=kind))
    mentions = _split_pairs(text, mentions)
    _surnames_as_persons(text, mentions)
    _resolve_persons([m for m in mentions if m.type == "PER"], idx)
    return [Entity(text=text[m.start:m.end], start=m.start, end=m.end, type=m.type, canonical=m.canonical,
                   role=m.role, source=m.source, kind=m.kind) for m in mentions]


# An administrative word before a place's own name: "Kota Vladivostok", "kota Vladivostok" and "Vladivostok" are one
# place (the span keeps the word as written; the canonical name drops it and the entity keeps it as its `kind`).
# English puts the regency or province after the name ("Bogor Regency"); "City" is left on, since it is part of
# many cities' own names ("Mexico City", "Quezon City").
_ADMIN_PREFIX = re.compile(
    r"^(?i:(kota|kabupaten|kab\.|provinsi|prov\.|kecamatan|kec\.|kelurahan|kel\.|desa|city of|regency of|province of))"
    r"\s+(?=[A-Z])")
_ADMIN_SUFFIX = re.compile(r"(?<=[a-z])\s+(Regency|Province)$")
# Each written form -> the kind, in Indonesian whatever the language of the article, so that one place's kind agrees.
_ADMIN_KINDS = {"kota": "kota", "city of": "kota", "kabupaten": "kabupaten", "kab.": "kabupaten",
                "regency of": "kabupaten", "regency": "kabupaten", "provinsi": "provinsi", "prov.": "provinsi",
                "province of": "provinsi", "province": "provinsi", "kecamatan": "kecamatan", "kec.": "kecamatan",
                "kelurahan": "kelurahan", "kel.": "kelurahan", "desa": "desa"}


def admin_kind(name: str) -> tuple[str, str | None]:
    """A place's name without its administrative word, and that word's kind: "Kabupaten Bogor" -> ("Bogor",
    "kabupaten"), "kota Vladivostok" -> ("Vladivostok", "kota"), "Bogor Regency" -> ("Bogor", "kabupaten"); a name
    without one comes back with None."""
    if m := _ADMIN_PREFIX.match(name):
        return name[m.end():], _ADMIN_KINDS[" ".join(m[1].lower().split())]
    if m := _ADMIN_SUFFIX.search(name):
        return name[:m.start()], _ADMIN_KINDS[m[1].lower()]
    return name, None
_PAIR_HYPHEN = re.compile(r"(?<=\w)-(?=[A-Z])")  # "Kim-Putin", "Kim Jong Un-Putin" (not "Kim Jong-dae")


def _split_pairs(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """A headline pair ("Putin-Kim Jong Un", one span) is two people: each side becomes a mention of its own when
    both sides are words of other persons of the article and the whole is not one of them ("Kim Jong-Un")."""
    keys = _WordIndex(m.key for m in mentions  # the names written without a capital after a hyphen
                      if m.type == "PER" and m.key and not _PAIR_HYPHEN.search(text, m.start, m.end))
    out: list[_Mention] = []
    for m in mentions:
        parts = _pair_parts(text, m, keys)
        out += parts or [m]
    return out


def _pair_parts(text: str, m: _Mention, keys: _WordIndex) -> list[_Mention] | None:
    if m.type != "PER" or not m.key or not (cut := _PAIR_HYPHEN.search(text, m.start, m.end)):
        return None
    whole = frozenset(m.key.split())

    def in_other(words: frozenset[str]) -> bool:  # some other person's name holds all these words
        return any(keys.words[k] != whole for k in keys.holding(words))

    if in_other(whole):
        return None
    sides = [(m.start, cut.start()), (cut.end(), m.end)]
    if not all(in_other(frozenset(name_key(text[a:b]).split())) for a, b in sides):
        return None
    return [_Mention(a, b, m.type, m.source, m.role if a == m.start else None, _clean_name(text[a:b]),
                     name_key(text[a:b])) for a, b in sides]


def _drop_enclitic(text: str, s: int, e: int) -> tuple[int, int]:
    """Offsets without a possessive written onto the name ("Putin-nya", "Putin's")."""
    m = _POSSESSIVE.search(text, s, e)
    return (s, m.start()) if m and m.start() > s else (s, e)


def _resolve_persons(mentions: list[_Mention], idx: AliasIndex) -> None:
    """Give every person mention its canonical: curated name, the article's preferred spelling of its key, or the
    full name a short form refers to."""
    _split_enclitics(mentions)
    spelling = _preferred_spellings(mentions, idx)
    longer = _longer_names(set(spelling))
    salience: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    by_role: dict[str, str] = {}  # role key -> canonical of the latest named person with that role
    for pos, m in enumerate(mentions):
        if not m.key:
            m.canonical = by_role.get(name_key(m.role or "")) or m.role or m.name
            continue
        target = _pick(m.key, longer[m.key], salience, last_seen)
        m.canonical = spelling[target]
        salience[target] = salience.get(target, 0) + 1
        last_seen[target] = pos
        if m.role:
            by_role[name_key(m.role)] = m.canonical


def _longer_names(keys: set[str]) -> dict[str, list[str]]:
    """Per key, the longest other keys that contain all its words ("putin" -> ["vladimir putin"])."""
    index = _WordIndex(keys)
    words = index.words
    out: dict[str, list[str]] = {}
    for k in keys:
        containing = [o for o in index.holding(words[k]) if words[k] < words[o]]
        out[k] = sorted(o for o in containing if not any(words[o] < words[p] for p in containing))
    return out


class _WordIndex:
    """Name keys by word: the keys holding given words come from the shortest list of one of those words. Reading
    every key of the article for every mention was quadratic on long records (issue 12)."""

    def __init__(self, keys: Iterable[str]):
        self.words = {k: frozenset(k.split()) for k in keys}
        self._by_word: dict[str, list[str]] = {}
        for k, ws in self.words.items():
            for w in ws:
                self._by_word.setdefault(w, []).append(k)

    def holding(self, words: frozenset[str]) -> list[str]:
        """The keys whose words include all of `words` (every key when `words` is empty)."""
        pools = [self._by_word.get(w, []) for w in words]
        pool = min(pools, key=len) if pools else list(self.words)
        return [k for k in pool if words <= self.words[k]]


def _surnames_as_persons(text: str, mentions: list[_Mention]) -> None:
    """A one-word name the capitalisation fallback typed as a place or organisation, that is the last word of a
    person the article names ("Rahman" after "Hasim Rahman"), is that person: it then resolves to the full name."""
    last = {m.key.split()[-1] for m in mentions if m.type == "PER" and len(m.key.split()) >= 2}
    for m in mentions:
        word = text[m.start:m.end]
        if m.type != "PER" and m.source in ("fallback", "document") and " " not in word and name_key(word) in last:
            m.type, m.name, m.key, m.role = "PER", _clean_name(word), name_key(word), None


def _split_enclitics(mentions: list[_Mention]) -> None:
    """"Putinnya" is Putin's: drop a written-on "nya" when the rest is a word of another person of the article
    (a name that merely ends in "nya", like "Sonya", has no such partner and stays)."""
    words = {w for m in mentions for w in m.key.split() if not w.endswith("nya")}
    for m in mentions:
        if not (m.key.endswith("nya") and m.name.casefold().endswith("nya")):
            continue
        stem = m.key[:-3]
        if stem and stem.split()[-1] in words:
            m.key, m.name, m.end = stem, m.name[:-3], m.end - 3


def _preferred_spellings(mentions: Iterable[_Mention], idx: AliasIndex) -> dict[str, str]:
    """Per key, the spelling to show: curated, else the article's most frequent spelling (captions in capitals are
    already title-cased; ties: the one with fewer hyphens, then the first seen)."""
    counts: dict[str, dict[str, int]] = {}
    for m in mentions:
        if m.key:
            counts.setdefault(m.key, {})
            counts[m.key][m.name] = counts[m.key].get(m.name, 0) + 1
    out: dict[str, str] = {}
    for key, forms in counts.items():
        if key in idx.persons:
            out[key] = idx.persons[key]
            continue
        order = list(forms)
        out[key] = max(order, key=lambda f: (forms[f], -f.count("-"), -order.index(f)))
    return out


def _pick(key: str, options: list[str], salience: dict[str, int], last_seen: dict[str, int]) -> str:
    """The full name a short form refers to.

    One candidate: that one. Several ("Kim" with Kim Jong Un and Kim Jong-dae in one article): among those already
    mentioned, the most mentioned so far, ties to the most recent; none mentioned yet: the short form stays itself.
    Salience before recency because on the seeds a bare "Kim" after a quoted analyst "Kim Jong-dae" still meant
    Kim Jong Un, mentioned about ten times before (seed 002); most-recent-first would have picked the analyst.
    """
    if not options:
        return key
    if len(options) == 1:
        return options[0]
    seen = [o for o in options if o in salience]
    if not seen:
        return key
    return max(seen, key=lambda o: (salience[o], last_seen[o]))
