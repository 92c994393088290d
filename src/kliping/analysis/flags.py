"""Slips inside one article, each with its evidence and an explanation a reader understands.

A weekday that contradicts its date: seed 003 writes "Selasa (13/9/2023)", and 13 September 2023 was a Wednesday.
The date stage (`enrich/dates.py`) already reads the weekday and the date together and marks the mention; this
module turns the mark into a flag with offsets and a sentence. A date alone is trusted: the weekday is the writer's
second statement about the same day, and only when the two disagree is one of them wrong.

Only a date that writes its year is flagged. Without one, the year is Kliping's guess (the nearest to publication),
and a weekday that does not fit it may mean the writer meant another year: on the 1,000 detik rows, 12 of 40
mismatches had no year, and most fit the year before ("Rabu (15/5)" in October 2025: 15 May 2024 was a Wednesday).
With the year written, all 28 were the writer's slips (wrong weekday, or a typed year such as 2026 or 3025). The
rule was written reading those detik rows; on ECB+ dev (772 English documents, not read for it) it raises no flag,
and its one mismatch ("Thursday, December 11", no year) is the kind the rule leaves alone.

A city put in a country it is not in: seed 000 writes "uji coba nuklirya ke Pyeongyang, Korea Selatan", and
Pyongyang is in North Korea. Read in "City, Country", "City (Country)" and "kota City di Country" / "the city of
City in Country"; the gazetteer (`analysis/gazetteer.py`) says where the city is. Precision comes first, so a
pair is left alone when any reading could make it right: a city name that several cities share ("Paris": France
and Texas), or that a place of the named country bears (cities, states and provinces: "Bali, Indonesia" is not
Bāli in India), or that is a state or region elsewhere ("Victoria"); a "country" that is also a state of the
city's own country ("Atlanta, Georgia"); dependent territories and contested borders (Hong Kong and China; Gaza
and Israel; Crimea); a name the tagger reads as a person or an organisation ("Ajax, Belanda"), or that the article
also writes in lower case (a common word: "So, North Korea has nukes"); a city of fewer than 100,000 people; a
list ("Tokyo, Korea Selatan dan China") or a clause ("Bagi Tokyo, Korea Utara merupakan ancaman").

Measured: on the 1,000 detik rows the pattern reads 47 name-country pairs, 14 of them with a city the gazetteer
knows, each in the country named (Kuala Lumpur, Malaysia; New York, Amerika Serikat; Gaza, Palestina ...), and
raises no flag; on ECB+ dev (772 documents) 15 pairs, 13 cities, no flag (also through `kliping analyze`, which
stores the flags). Neither corpus holds a real slip of this kind, so 0 flags: 0 real, 0 false. With the floors
of population and spelling off, no flag either, on these and on PolNeAR (924 US political articles) and the
IndoNLU NER sentences (10,490). Recall, on planted slips (each of those correct pairs with its country swapped
for another): 7 of 12 on detik, 10 of 13 on ECB+; the rest are the rules above at work (Gaza; Saint Petersburg,
Melbourne, Christchurch, Naples: namesakes in the US or Britain; Yushu: two in China; Selangor: a state).
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from dataclasses import dataclass

from kliping.analysis import gazetteer as gaz
from kliping.enrich.aliases import canonical_name, name_key
from kliping.lang import id as lang_id
from kliping.model import Article, DateMention, Flag


def article_flags(art: Article) -> list[Flag]:
    """Every slip found in the article, in text order."""
    flags = [f for d in art.dates if d.weekday_mismatch and (f := weekday_flag(d, art.language))]
    flags += place_flags(art)
    flags += caption_flags(art)
    return sorted(flags, key=lambda f: f.start)


def caption_flags(art: Article) -> list[Flag]:
    """The article's text against its own photo captions (kept in `removed`): the same day, different places (seed
    003: "Kota Vladivostok" in the text, "Kosmodrom Vostochny" in the caption, both on 13 September 2023). The
    flag points at the text's place; the explanation names the caption's. Read only for articles with a caption."""
    if not any(r.reason == "caption" for r in art.removed):
        return []
    from kliping.analysis.conflicts import caption_conflicts
    from kliping.analysis.facts import article_sentences

    out = []
    for c in caption_conflicts(article_sentences(art, compare=False), {art.id: art}):
        [ev] = c["values"][0]["evidence"]
        out.append(Flag("caption", art.text[ev["start"]:ev["end"]], ev["start"], ev["end"], c["explanation"]))
    return out


def weekday_flag(mention: DateMention, language: str | None) -> Flag | None:
    """The flag of a date mention whose weekday is not the date's, or None when its value is not a day."""
    if not _WRITES_YEAR.search(mention.text):
        return None
    try:
        day = dt.date.fromisoformat(mention.value[:10])
    except ValueError:
        return None
    written = _written_weekday(mention.text)
    when = f"{day.day} {lang_id.MONTH_NAMES_EN[day.month - 1]} {day.year}"

    def name(weekday: int) -> str:
        local = f" ({lang_id.WEEKDAY_NAMES_ID[weekday]})" if language == "id" else ""
        return f"{lang_id.WEEKDAY_NAMES_EN[weekday]}{local}"

    said = f", not a {name(written)}" if written is not None else ""
    explanation = f"\u201c{mention.text}\u201d: {when} was a {name(day.weekday())}{said}"
    return Flag("weekday", mention.text, mention.start, mention.end, explanation)


_WRITES_YEAR = re.compile(r"(?<!\d)(?:\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2})(?!\d)")


def _written_weekday(text: str) -> int | None:
    """The weekday the mention names ("Selasa (13/9/2023)" -> 1)."""
    for word in text.replace("(", " ").replace(",", " ").split():
        day = lang_id.DAYS.get(word.lower())
        if day is not None:
            return day
    return None


# ---------- a place put in the wrong country ----------

# The least population of a city flagged as put in the wrong country. A city this large is the one a writer means
# by its name, unless the named country has a namesake, which the gazetteer would then hold too (GeoNames lists
# every place of 15,000 people); smaller ones are more often a word or a name elsewhere ("Sakti", powerful, is
# Saktī in India, 22,000 people). No flag on detik or ECB+ depends on it (none either with it at 0).
FLAG_MIN_POPULATION = 100_000
# How close the written name must be to the city's GeoNames name (`_spelling`): a romanisation ("Pyeongyang"
# 0.95, "Moskow" 0.83, "Kairo" 0.80) or a short form ("New York"), not another language's exonym that may be a
# local place ("Parigi", Italian for Paris and a town in Central Sulawesi, 0.73) or an old name ("Batavia").
FLAG_MIN_SPELLING = 0.8

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_LOWER_WORD = re.compile(r"(?<![\w-])[^\W\d_A-Z][\w'’-]*")
_MAX_COUNTRY_WORDS = 6  # "Republik Demokratik Rakyat Korea", "Saint Vincent and the Grenadines"
_MAX_CITY_WORDS = 5  # "Bandar Seri Begawan", "Rio de Janeiro"; a longer capitalised run is a title or a caption
_MAX_INTRO_WORDS = 12  # an introductory phrase is short ("Menurut pejabat di Tokyo,"); also bounds the walk back


@dataclass
class _Tok:
    start: int
    end: int
    text: str

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass
class _Reading:
    """What the place rule needs to know of one article; the article-wide parts are built on the first candidate
    only, once (a long record has thousands of entities and may have hundreds of candidates)."""

    art: Article
    toks: list[_Tok]
    _words: set[str] | None = None
    _persons: set[str] | None = None
    _spans: list[tuple[int, int]] | None = None  # PER and ORG entities, by start

    def not_a_city(self, start: int, end: int) -> bool:
        """True when the name at start:end is read as something else: the tagger typed it a person or an
        organisation here, or the article names a person with one of its words ("Florence", "Sofia"), or writes
        one of its words in lower case (a common word: Indonesian "bukan", "surat", "aman" are cities abroad)."""
        if self._words is None or self._persons is None or self._spans is None:
            ents = self.art.entities
            self._words = {w.casefold() for w in _LOWER_WORD.findall(self.art.text) if w[:1].islower()}
            self._persons = {w for e in ents if e.type == "PER" for w in name_key(e.text).split()}
            self._spans = sorted((e.start, e.end) for e in ents if e.type in ("PER", "ORG"))
        spans = self._spans
        k = bisect.bisect_left(spans, (end, end))  # spans starting before `end`; the longest entity is short
        if any(s < end and start < e for s, e in spans[max(0, k - 8):k]):
            return True
        words = name_key(self.art.text[start:end]).split()
        return any(w in self._persons or w in self._words or w in lang_id.STOPWORDS for w in words)


def place_flags(art: Article) -> list[Flag]:
    """Cities put in a country they are not in: "Pyeongyang, Korea Selatan", "Seoul (Korea Utara)", "kota
    Pyongyang di Korea Selatan", "the city of Pyongyang in South Korea"."""
    reading = _Reading(art, [_Tok(m.start(), m.end(), m[0]) for m in _TOKEN.finditer(art.text)])
    toks = reading.toks
    flags: list[Flag] = []
    for i, tok in enumerate(toks):
        form = _SEPARATORS.get(tok.text)
        if form is None or i == 0 or i + 1 >= len(toks) or not toks[i + 1].capital:
            continue
        flag = _place_flag(reading, i, form)
        if flag is not None:
            flags.append(flag)
    return flags


_SEPARATORS = {",": "comma", "(": "paren", "di": "word", "in": "word"}


def _place_flag(reading: _Reading, i: int, form: str) -> Flag | None:
    """The flag of "<city><separator at i><country>", or None when it is not one or not a slip."""
    text, toks = reading.art.text, reading.toks
    country = _country_after(text, toks, i)
    if country is None:
        return None
    last, code = country
    after = toks[last + 1] if last + 1 < len(toks) else None
    end = toks[last].end
    if form == "paren":
        if after is None or after.text != ")":
            return None
        end = after.end
    elif after is not None and _continues(text, toks, last):
        return None
    city = _city_before(text, toks, i, form)
    if city is None or reading.not_a_city(*city):
        return None
    start, city_end = city
    place = _misplaced(text[start:city_end], text[toks[i + 1].start:toks[last].end], code)
    if place is None:
        return None
    said = text[start:end]
    explanation = (f"\u201c{said}\u201d: {place.name} is in {_country_phrase(place.country, reading.art.language)}, "
                   f"not {_country_phrase(code, reading.art.language)}")
    return Flag("place", said, start, end, explanation)


def _same_line(text: str, a: _Tok, b: _Tok) -> bool:
    return "\n" not in text[a.end:b.start]


def _country_after(text: str, toks: list[_Tok], i: int) -> tuple[int, str] | None:
    """(index of the last token, ISO2) of the longest country name starting just after token i."""
    last = min(len(toks) - 1, i + _MAX_COUNTRY_WORDS)
    for j in range(last, i, -1):
        span = toks[i + 1:j + 1]
        if not all(t.word for t in span) or not _same_line(text, toks[i], toks[j]):
            continue
        code = gaz.country_of(text[toks[i + 1].start:toks[j].end])
        if code is not None:
            return j, code
    return None


def _continues(text: str, toks: list[_Tok], j: int) -> bool:
    """True when what follows the country at token j makes it not the country of the name before it: a longer
    name ("Amerika Latin"), a list ("Tokyo, Korea Selatan dan China"; "..., Jepang, Filipina"; "Tehran, Syria,
    and Russia"), or a clause it is the subject of ("Bagi Tokyo, Korea Utara merupakan ancaman")."""
    nxt = toks[j + 1]
    if not _same_line(text, toks[j], nxt):
        return False
    if nxt.word:
        return nxt.text.lower() not in lang_id.APPOSITION_FOLLOWERS  # "Amerika Latin", "dan China", "merupakan"
    if nxt.text == "," and j + 2 < len(toks) and _same_line(text, nxt, toks[j + 2]):
        following = toks[j + 2]
        if following.text.lower() in lang_id.LIST_JOINERS:  # ", dan China" (a list), not ", dan bekerja"
            return j + 3 < len(toks) and toks[j + 3].capital
        return following.capital and bool(gaz.country_of(following.text) or gaz.city_matches(following.text)
                                          or gaz.is_region(following.text))
    return False


def _city_before(text: str, toks: list[_Tok], i: int, form: str) -> tuple[int, int] | None:
    """Offsets of the capitalised name just before token i, without leading place words ("Di", "Kota"), or None
    when it is an item of a list, opens a sentence's introductory phrase ("Bagi Tokyo, ..."), or, before "di" or
    "in", does not follow a word for a city ("kota Pyongyang di Korea Selatan")."""
    def in_run(k: int) -> bool:  # token k continues the capitalised run that token k + 1 is in
        tok, nxt = toks[k], toks[k + 1]
        return tok.word and (tok.capital or tok.text in lang_id.NAME_PARTICLES) and _same_line(text, tok, nxt) \
            and text[tok.end:nxt.start].strip() == ""

    k = i - 1  # the capitalised run ends just before the separator; walk back to its start
    while k >= 0 and in_run(k):
        k -= 1
        if i - k > _MAX_CITY_WORDS + 3:  # with lead words ("Di Kota ..."): still too long for a city's name
            return None
    first = k + 1
    while first < i and toks[first].text.lower() in _LEAD_WORDS:  # "Di Pyongyang", "Kota Seoul"
        first += 1
    if first >= i or i - first > _MAX_CITY_WORDS or not toks[first].capital or not toks[i - 1].capital:
        return None
    before = toks[k] if k >= 0 and _same_line(text, toks[k], toks[k + 1]) else None
    if before is not None and (before.text == "," or before.text.lower() in lang_id.LIST_JOINERS):
        return None  # "Seoul, Pyongyang, Korea Selatan": a list
    if form == "word" and not _after_city_noun(toks, first):
        return None
    if form == "comma" and _in_introduction(text, toks, first):
        return None
    return toks[first].start, toks[i - 1].end


def _after_city_noun(toks: list[_Tok], first: int) -> bool:
    """True when the name at token `first` follows "kota", "city", "city of", "the capital"."""
    prev = [t.text.lower() for t in toks[max(0, first - 2):first]]
    return bool(prev) and (prev[-1] in lang_id.CITY_NOUNS or (prev[-1] == "of" and prev[0] in lang_id.CITY_NOUNS))


def _in_introduction(text: str, toks: list[_Tok], first: int) -> bool:
    """True when no comma comes between the sentence's start and the name at token `first`, and the sentence
    opens with an introductory word ("Menurut", "For", "In"): the comma after the name ends that phrase."""
    k = first
    while k > 0 and _same_line(text, toks[k - 1], toks[k]) and toks[k - 1].text not in ".!?\"“”":
        k -= 1
        if toks[k].text in ",;:" or first - k > _MAX_INTRO_WORDS:
            return False
    return k < first and toks[k].text.lower() in lang_id.INTRO_WORDS


_LEAD_WORDS = lang_id.PLACE_PREPOSITIONS | lang_id.STOPWORDS


def _misplaced(city_text: str, country_text: str, code: str) -> gaz.Place | None:
    """The city named `city_text` when it is unambiguously one large city and not in `country_text` (ISO2 `code`)."""
    if gaz.country_of(city_text):
        return None  # "Singapore", "Djibouti": a country's name too
    cities = gaz.city_matches(city_text)
    if any(gaz.sovereign(c.country) == gaz.sovereign(code) or gaz.disputed(c.country, code) for c in cities):
        return None  # a place of that name is in the named country, or may be
    # One city by this spelling: cities known by it only as an old or foreign name do not make it ambiguous
    # ("Islamabad" was Chittagong's Mughal name), but two that are spelt so do ("Paris": France and Texas).
    close = [c for c in cities if _spelling(city_text, c.name) >= FLAG_MIN_SPELLING]
    if len(close) != 1 or close[0].population < FLAG_MIN_POPULATION:
        return None
    city = close[0]
    # A state or province of the city's name elsewhere than in its own country ("Victoria", "Jawa Barat": a
    # province of Varna or Bologna is the city's own) or a region ("Jalur Gaza"); or a "country" that is also a
    # state of the city's own country ("Atlanta, Georgia").
    if gaz.is_region(city_text, besides=city.country) or city.country in gaz.region_countries(country_text):
        return None
    return city


# GeoNames country names said with "the" in English ("not the United States", "in the Philippines").
_WITH_THE = re.compile(r"^(?:United |Czech Republic|Dominican Republic|Central African Republic|Democratic Republic"
                       r"|Republic of|Netherlands|Philippines|Bahamas|Gambia|Maldives|Vatican)|(?:Islands|Territory)$")


def _country_phrase(code: str, language: str | None) -> str:
    """ "North Korea (Korea Utara)" for an Indonesian article, "North Korea" otherwise; "the United States"."""
    name = gaz.country_name(code)
    phrase = f"the {name}" if _WITH_THE.search(name) else name
    local = canonical_name(name, "LOC") if language == "id" else name
    return phrase if local == name else f"{phrase} ({local})"


def _spelling(written: str, name: str) -> float:
    """How alike the written name and the city's GeoNames name are (0..1); 1 when the written words are some of
    the name's ("New York" for New York City, "Rio" for Rio de Janeiro)."""
    a, b = name_key(written), name_key(name)
    return 1.0 if set(a.split()) <= set(b.split()) else difflib.SequenceMatcher(None, a, b).ratio()
