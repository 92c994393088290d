"""The units an event's analysis compares: sentences, each with the values it states.

A sentence of an article's text (or of a photo caption cleaning removed: the article's own second statement about
the day, compared with its text) carries
- its content words (stems, stopwords and numbers left out): what aligns paraphrases across outlets;
- quantities: a number with its unit, scaled by its multiplier ("Rp 1,2 triliun" = "Rp 1.200 miliar" =
  1.2e12 Rp), and whether the writer hedged it ("sekitar 300", "more than 40");
- dates: the article's date mentions (enrich/dates.py) inside the sentence, with the day they name;
- places: the places the sentence puts something *in* ("di Jakarta", "in Boston"), from the article's LOC entities.
Offsets are into `Article.text`; a caption's are into its removed line (`part` says which).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kliping.analysis import gazetteer
from kliping.enrich.aliases import canonicalize
from kliping.enrich.dates import find_dates
from kliping.enrich.entities import complete_spans
from kliping.enrich.intervals import Intervals
from kliping.enrich.ner import tag_entities
from kliping.lang import id as lang_id
from kliping.lang.sentences import split_sentences
from kliping.lang.stems import stemmer
from kliping.model import Article, Entity

# Hedges before a number: the writer gives a bound or an approximate value, so "sekitar 300" and "312" agree, and
# so do "more than 100 mph" and "up to 120 mph".
_LOWER_BOUNDS = ("lebih dari", "setidaknya", "sedikitnya", "minimal", "paling sedikit", "more than", "over",
                 "at least", "upwards of")
_UPPER_BOUNDS = ("maksimal", "paling banyak", "kurang dari", "up to", "less than", "fewer than", "under", "hingga",
                 "sampai")
_APPROXIMATE = ("sekitar", "kurang lebih", "hampir", "mencapai", "kira-kira", "sekira", "kisaran", "about", "around",
                "nearly",
                "almost", "some", "roughly", "approximately", "an estimated", "estimated")
_HEDGES = "|".join(re.escape(h) for h in sorted(_LOWER_BOUNDS + _UPPER_BOUNDS + _APPROXIMATE, key=len, reverse=True))
# Counts written as words ("eight catches", "tiga orang"): small numbers are mostly written so.
_NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                 "sembilan": 9, "sepuluh": 10, "sebelas": 11, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_CURRENCY = r"Rp\.?|IDR|US\$|\$US|USD|\$|€|EUR|£|GBP"
_MULTIPLIERS = {"ribu": 1e3, "rb": 1e3, "thousand": 1e3, "juta": 1e6, "jt": 1e6, "million": 1e6, "miliar": 1e9,
                "milyar": 1e9, "billion": 1e9, "bn": 1e9, "triliun": 1e12, "trillion": 1e12}
_QUANTITY = re.compile(
    rf"(?P<cur>(?i:{_CURRENCY}))?\s?"
    r"(?:(?<=\$US)|(?<![\w.,/:±+-]))(?<!\d, )(?<!\d\. )(?<!\d / )"  # not inside a word, a list, "6. 0", "4 1 / 2"
    r"(?P<num>(?<![\d.,])\d\. \d+|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|"
    rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b)(?![\w/:]|[.,]\d)"
    rf"(?:\s?(?:-\s)?(?P<mult>(?i:{'|'.join(_MULTIPLIERS)}))\b)?"
    r"(?:\s?(?P<unit>%|[a-z][a-z]+))?")
# A range: a number, a hyphen or a word that joins two ends, and the second end with its currency, scale and unit,
# which the first end shares (`_ranges`).
_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_RANGE = re.compile(
    rf"(?P<cur>(?i:{_CURRENCY}))?\s?(?:(?<=\$US)|(?<![\w.,/:±+-]))(?<!\d, )(?<!\d\. )(?P<lo>{_NUM})"
    r"\s?(?P<join>[-\u2013\u2014]|(?i:to|and|hingga|sampai|dan|s/d|s\.d\.?)(?=\s))\s?"
    rf"(?:(?P<cur2>(?i:{_CURRENCY}))\s?)?(?P<num>{_NUM})(?![\w/:]|[.,]\d)"
    rf"(?:\s?(?P<mult>(?i:{'|'.join(_MULTIPLIERS)}))\b)?"
    r"(?:\s?(?P<unit>%|[a-z][a-z]+))?")
_BETWEEN = re.compile(r"(?i)\b(?:between|antara)\s+(?:(?:Rp\.?|US\$|\$|€|£)\s?)?$")
# A hedge right before a figure (read separately: an alternation of forty phrases tried at every position of a text
# costs more than the rest of the figure's pattern).
_HEDGE_BEFORE = re.compile(rf"\b(?i:{_HEDGES})\s+$")
# Words after a number that make it a date, a time, a name or an ordinal, not a quantity.
_NOT_UNITS = frozenset(
    [m.lower() for m in lang_id.MONTHS] + [d.lower() for d in lang_id.DAYS]
    + "wib wita wit pm am gmt utc pukul tanggal nomor no ayat pasal halaman hal tahun ke sampai hingga dan atau "
      "the and or of to for in on at by with from as is was are were".split())
# Durations are units although the event stage counts them as stopwords ("masa tunggu 90 hari").
_DURATIONS = frozenset("hari pekan minggu bulan tahun jam menit detik days weeks months years hours minutes".split())
# Units written differently for one quantity.
_UNIT_ALIASES = {"$us": "USD", "%": "persen", "percent": "persen", "per cent": "persen", "pct": "persen", "rp": "Rp",
                 "rp.": "Rp", "idr": "Rp", "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
                 "gbp": "GBP", "km": "kilometer", "kilometers": "kilometer", "kilometres": "kilometer",
                 "persons": "people", "miles": "mile", "hours": "hour", "days": "day", "kph": "km/h"}
# Units of time as `Quantity.unit` reads them (the stopword-exempt words above, their aliases, English singulars).
DURATION_UNITS = _DURATIONS | frozenset(_UNIT_ALIASES.get(u, u) for u in _DURATIONS) \
    | frozenset("day hour week month year minute".split())
# A distance unit made a speed by what follows it ("miles an hour", "km/jam", "kilometer per jam").
_PER_HOUR = re.compile(r"(?i)\s*(?:/\s*|\s(?:per|an|a|se)\s?)(?:hour|jam|h)\b")
# Nouns that start a place's name ("Kosmodrom Vostochny", "Bandara Soekarno-Hatta", "Stadion Gelora Bung Karno").
_PLACE_NOUNS = frozenset("""
kota kabupaten desa kecamatan kelurahan provinsi pulau gunung sungai bandara bandar
pelabuhan stadion gedung istana kosmodrom hotel jalan jl kampung pantai danau teluk selat
wilayah kawasan distrik pasar rumah masjid gereja pura candi taman lapangan kantor mount
lake river port airport stadium palace cosmodrome county district province city island
street
""".split())
_NAME = r"[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|de|al|van|der))*(?<![\s])"
_PLACE_AFTER_CUE = re.compile(
    rf"(?:\b(?P<prep>[Dd]i|[Ii]n|[Aa]t|near|dekat)\s+(?:(?!dan\b|and\b)[a-z]+\s+){{0,3}}|"
    rf"\b(?:mengunjungi|dikunjungi|visited|visiting|visits|tiba di|arrived in)\s+)(?P<name>{_NAME})")
# Words of dates and time stamps ("Updated: May 24, 2005, 3:23 PM ET"): two stamps share them and nothing else.
_CALENDAR_WORDS = frozenset(
    [m.lower() for m in lang_id.MONTHS] + [d.lower() for d in lang_id.DAYS]
    + "am pm et est edt pst pdt cst cet cest gmt utc wib wita wit updated posted published last update diperbarui "
      "pukul jam".split())
MIN_CITY_POPULATION = 100_000
# A capitalised name of one to three words (a city the gazetteer may know: "Padang", "Los Angeles").
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PARAGRAPH = re.compile(r"[^\n]+")
_SPLIT_DECIMAL = re.compile(r"(?<![\d.,])\d\.$")  # a sentence "ending" in "0." (see `sentence_spans`)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?(?![\d-])")
# A date that writes its day of the month: "13/9", "13 September", "September 13" (not "90 hari ke depan").
_MONTH_NAMES = "|".join(sorted(lang_id.MONTHS, key=len, reverse=True))
# A date right after a citation cue dates the citation, not what happened ("dikutip detikHot, Sabtu (13/9/2025)",
# "Dilansir dari Bloomberg, Senin (7/7/2025)"; detik glues "dikutip" to its channel's name).
_CITED = re.compile(r"(?i)(?:dikutip|mengutip|dilansir|melansir|quoted|cited|according to)[^.;\"\u201c\u201d]{0,40}$")
_HAS_DAY_NUMBER = re.compile(rf"(?i)\b\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\b"
                             rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\b"
                             rf"|\b(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}\b")
_MONTH_BEFORE = re.compile(r"\b([A-Z][a-z]+)\.?\s$")
_WRITES_YEAR = re.compile(r"(?<!\d)(?:\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2})(?!\d)")


@dataclass(frozen=True)
class Quantity:
    value: float  # scaled by its multiplier
    unit: str  # normalised ("orang", "persen", "Rp")
    hedge: str  # "" (exact), "lower" (at least), "upper" (at most) or "about"
    text: str  # as written, with its hedge and currency
    number: str  # the digits as written ("1,2")
    start: int
    end: int
    after: str  # the word after the unit ("tewas" in "15 orang tewas"): which count it is


@dataclass(frozen=True)
class DateFact:
    day: str  # YYYY-MM-DD, or YYYY-MM for a month ("Mei 2023"): the precision the text gives
    text: str
    start: int
    end: int
    explicit: bool  # the text writes the day's number ("13/9", "13 September"), not only "Rabu" or "kemarin"
    weekday_mismatch: bool
    has_year: bool  # the text writes the year: without it, the year is the date stage's guess
    cited: bool = False  # the day something was quoted from elsewhere ("dikutip detikHot, Sabtu (13/9/2025)")


@dataclass(frozen=True)
class PlaceFact:
    name: str  # canonical
    text: str
    start: int
    end: int
    cued: bool = True  # after a locative cue ("di", "in", "mengunjungi"); else a city the gazetteer knows, anywhere


@dataclass
class Sentence:
    """One sentence of one article, with what it states."""

    article: str
    index: int  # position among the article's sentences (0 = lead)
    start: int
    end: int
    text: str
    part: str = "text"  # text | caption (a removed caption line: offsets into that line)
    language: str | None = None
    words: list[str] = field(default_factory=list)  # content-word stems
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    places: list[PlaceFact] = field(default_factory=list)
    entities: frozenset[str] = frozenset()  # canonical names
    actors: frozenset[str] = frozenset()  # the names of people and organisations, as written
    persons: frozenset[str] = frozenset()  # the names of people alone, as written
    quoted: float = 0.0  # share of the sentence inside a direct quote
    quote_words: frozenset[str] = frozenset()  # content-word stems inside its direct quotes


def parse_number(num: str, language: str | None) -> float | None:
    """'1.200' -> 1200 and '1,2' -> 1.2 in Indonesian; '1,200' -> 1200 and '1.2' -> 1.2 in English: one separator is
    read by the language's convention ("Rp 31,542 triliun" is 31.542 trillion), a separator repeated is a thousands
    separator either way ("12,000,000")."""
    if num.lower() in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[num.lower()])
    if " " in num:  # "0. 17": an English decimal a tokenizer split ("a level of 0. 17 percent", ECB+)
        return float(num.replace(" ", "")) if language == "en" else None
    thousands, decimal = (".", ",") if language != "en" else (",", ".")
    marks = re.findall(r"[.,]", num)
    if len(marks) > 1 and len(set(marks)) == 1:
        return float(re.sub(r"[.,]", "", num))
    try:
        return float(num.replace(thousands, "").replace(decimal, "."))
    except ValueError:
        return None


def quantities(text: str, language: str | None, offset: int = 0) -> list[Quantity]:
    """Numbers with a unit in `text` (offsets + `offset`): counts, money, percentages, distances, durations, and
    scaled figures without one ("kuota 100 ribu", "mencapai 36 juta": unit ""). Years, dates, clock times and bare
    numbers without a scale are left out: they are not quantities two outlets could differ on with a unit to tell
    which. A range gives its two ends, the first with the second's scale and unit (`_ranges`)."""
    out = _ranges(text, language)
    taken = Intervals((q.start, q.end) for q in out)
    for m in _QUANTITY.finditer(text):
        if taken.overlaps(m.start("num"), m.start("num") + 1):
            continue  # an end of a range, read with it
        q = _read(text, language, m.group("num"), m.start("num"), m.group("cur"), m.start("cur"), m.group("mult"),
                  m.end("mult"), m.group("unit"), m.end("unit"))
        if q is not None:
            out.append(q)
    out.sort(key=lambda q: q.start)
    return [replace(q, start=q.start + offset, end=q.end + offset) for q in out] if offset else out


def _ranges(text: str, language: str | None) -> list[Quantity]:
    """Both ends of each range: "4,7-5,5%", "Rp 5 hingga 10 triliun", "$140-150 million", "between $140 and $150
    million", "2-3 orang". The first end is written without the scale and unit it shares with the second: read
    alone, "$140" would be 140 dollars, and "4,7" no quantity at all, while "5,5%" after a hyphen was not read.
    A range runs upwards from more than zero ("91-73 victory" and "0-1" are scores), and "and" joins a range only
    after "between"."""
    out = []
    for m in _RANGE.finditer(text):
        if m.group("join").lower() in ("and", "dan") and not _BETWEEN.search(text, max(0, m.start() - 12),
                                                                             m.start("lo")):
            continue
        low = parse_number(m.group("lo"), language)
        high = _read(text, language, m.group("num"), m.start("num"), m.group("cur") or m.group("cur2"),
                     m.start("cur") if m.group("cur") else m.start("cur2"), m.group("mult"), m.end("mult"),
                     m.group("unit"), m.end("unit"))
        written = parse_number(m.group("num"), language)
        if high is None or low is None or not written:
            continue
        scale = high.value / written  # the multiplier the two ends share
        if not 0 < low * scale < high.value:
            continue
        start = m.start("cur") if m.group("cur") else m.start("lo")
        hedge = _HEDGE_BEFORE.search(text, max(0, start - 32), start)
        if hedge:
            start = hedge.start()
        kind = _hedge_kind(hedge.group(0).strip() if hedge else None)
        whole = text[start:high.end]
        out.append(replace(high, value=low * scale, number=m.group("lo"), hedge=kind, text=whole, start=start))
        out.append(replace(high, hedge=kind, text=whole, start=start))
    return out


def _read(text: str, language: str | None, num: str, num_start: int, cur: str | None, cur_start: int,
          mult: str | None, mult_end: int, unit: str | None, unit_end: int) -> Quantity | None:
    """The quantity of one figure as `_QUANTITY` splits it (its number, currency, multiplier and unit), or None
    when it is no quantity (a bare number, a year, a number followed by a date's or a clock's word)."""
    if not num[0].isdigit() and not num[0].isalpha():
        return None
    value = parse_number(num, language)
    if value is None:
        return None
    unit = unit or ""
    mult = (mult or "").lower()
    if unit.lower() in _NOT_UNITS or (unit.lower() in lang_id.STOPWORDS and unit.lower() not in _DURATIONS):
        unit = ""
    if not unit and not cur and not mult:
        return None  # a bare number: a count of what? ("203 ribu" is one: a scaled figure is a quantity)
    if not cur and not mult and num.isdigit() and 1900 <= value <= 2100:
        return None  # a year ("2023 lalu")
    if not cur and not mult and num.isdigit() and value <= 31:
        month = _MONTH_BEFORE.search(text, max(0, num_start - 12), num_start)
        if month and month.group(1).lower() in lang_id.MONTHS:
            return None  # a day of the month ("a July 29 deal", "Sept. 9 game")
    end = unit_end if unit else mult_end if mult else num_start + len(num)
    value *= _MULTIPLIERS.get(mult, 1.0)
    unit_key = _UNIT_ALIASES.get((cur or "").lower(), cur) if cur else _UNIT_ALIASES.get(unit.lower(), unit.lower())
    if cur and unit:  # a price per something: "Rp 65 ribu per kilogram", "Rp 100 ribu perkilogram"
        per = unit.lower()
        if per == "per":
            nxt_unit = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
            if nxt_unit:
                end = nxt_unit.end()
                per = "per" + nxt_unit.group(0).lower()
        unit_key = f"{unit_key}/{per[3:]}" if per.startswith("per") and len(per) > 3 else unit_key
    speed = _PER_HOUR.match(text, end) if unit_key in ("mile", "kilometer") else None
    if speed:  # "120 miles per hour" = "120 mph", "80 km/jam" = "80 kilometer per jam"
        unit_key, end = ("mph" if unit_key == "mile" else "km/h"), speed.end()
    nxt = _WORD.match(text, end + 1) if end + 1 < len(text) else None
    after = nxt.group(0).lower() if nxt and text[end:end + 1] == " " else ""
    after = "" if after in lang_id.STOPWORDS or after in _NOT_UNITS else after
    start = cur_start if cur else num_start
    hedge = _HEDGE_BEFORE.search(text, max(0, start - 32), start)
    if hedge:
        start = hedge.start()
    hedge_kind = _hedge_kind(hedge.group(0).strip() if hedge else None)
    return Quantity(value, unit_key or "", hedge_kind, text[start:end], num, start, end, after)


def _hedge_kind(hedge: str | None) -> str:
    h = (hedge or "").lower()
    return "" if not h else "lower" if h in _LOWER_BOUNDS else "upper" if h in _UPPER_BOUNDS else "about"


def content_words(text: str, language: str | None) -> list[str]:
    """Stems of the words that carry content (no stopwords, no numbers)."""
    stem = stemmer(language or "id") or (lambda w: w)
    return [stem(w) for w in (x.lower() for x in _WORD.findall(text))
            if len(w) > 1 and w not in lang_id.STOPWORDS and w not in _CALENDAR_WORDS and w not in _MULTIPLIERS
            and w not in _NUMBER_WORDS and w != "rp"]


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Sentences paragraph by paragraph: a paragraph without final punctuation (a subheading) is its own unit. In
    English, a decimal a tokenizer split ("0. 17 percent") stays in one sentence: no sentence ends in one digit to
    start the next with a digit."""
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        for a, b in split_sentences(para.group(0), language):
            a, b = para.start() + a, para.start() + b
            if language == "en" and spans and _SPLIT_DECIMAL.search(text, 0, spans[-1][1]) \
                    and text[a:a + 1].isdigit() and text[spans[-1][1]:a].strip() == "":
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
    return spans


def article_sentences(art: Article, captions: bool = True, compare: bool = True) -> list[Sentence]:
    """The article's sentences with their facts, then (with `captions`) its removed caption lines as sentences.
    Without `compare` (an event of one article: nothing to set its figures against), quantities are left out, and
    places too unless a caption may contradict the text."""
    out = []
    captions_of = [r.line.strip() for r in art.removed if r.reason == "caption"] if captions else []
    text = art.text
    ents = sorted(art.entities, key=lambda e: e.start)
    dates = sorted(art.dates, key=lambda d: d.start)
    quoted = sorted((q.start, q.end) for q in art.quotes if q.kind == "direct")
    # Read over the whole text, so that a number split from its first digits by the sentence splitter ("magnitude
    # 6. 0 quake") is still seen as the broken number it is.
    figures = quantities(text, art.language) if compare else []
    places = compare or bool(captions_of)
    # Each sentence takes its entities, dates, figures and quotes by bisection: scanning them all for each sentence
    # was quadratic (a 2 MB record of 16,000 sentences: 60 s here alone).
    ent_starts = [e.start for e in ents]
    date_starts = [d.start for d in dates]
    fig_starts = [q.start for q in figures]
    quotes = Intervals(quoted)
    for k, (a, b) in enumerate(sentence_spans(text, art.language)):
        here = [e for e in ents[bisect_left(ent_starts, a):bisect_left(ent_starts, b)] if e.end <= b]
        s = Sentence(art.id, k, a, b, text[a:b], language=art.language, words=content_words(text[a:b], art.language),
                     quantities=[q for q in figures[bisect_left(fig_starts, a):bisect_left(fig_starts, b)]
                                 if q.end <= b])
        s.entities = frozenset(e.canonical for e in here)
        s.actors = _actors(here)
        s.persons = frozenset(e.text for e in here if e.type == "PER")
        s.dates = [_date_fact(d.value, d.text, d.start, d.end, d.weekday_mismatch, _CITED.search(text[a:d.start]))
                   for d in dates[bisect_left(date_starts, a):bisect_left(date_starts, b)]
                   if d.end <= b and _DAY_VALUE.match(d.value)]
        s.places = place_facts(text, a, b, here) if places else []
        first = quotes.first_overlap(a, b)  # the first quote that reaches into the sentence, if any
        near = quoted[first:bisect_left(quotes.starts, b)] if first is not None else []
        inside = [(max(a, qs), min(b, qe)) for qs, qe in near if min(b, qe) > max(a, qs)]
        s.quoted = sum(e - x for x, e in inside) / max(1, b - a)
        s.quote_words = frozenset(w for x, e in inside for w in content_words(text[x:e], art.language))
        out.append(s)
    for line in captions_of:
        out.append(caption_sentence(art, line, len(out)))
    return out


def _actors(ents: Iterable[Entity]) -> frozenset[str]:
    """The names of the people and organisations, as written."""
    return frozenset(e.text for e in ents if e.type in ("PER", "ORG"))


def caption_sentence(art: Article, line: str, index: int) -> Sentence:
    """A removed caption line as a sentence: its dates read against the article's publication date, its places
    tagged as the text's are (a caption's upper-case heading, "PERTEMUAN KIM JONG UN DAN PUTIN:", is left out)."""
    head = re.match(r"[^a-z:]{3,}:\s*", line)
    start = head.end() if head else 0
    body = line[start:]
    s = Sentence(art.id, index, 0, len(line), line, part="caption", language=art.language,
                 words=content_words(body, art.language),
                 quantities=quantities(body, art.language, start))
    s.dates = [_date_fact(d.value, d.text, d.start + start, d.end + start, d.weekday_mismatch)
               for d in find_dates(body, art.published, art.language) if _DAY_VALUE.match(d.value)]
    ents = canonicalize(body, complete_spans(body, tag_entities(body, art.language)))
    s.entities = frozenset(e.canonical for e in ents)
    s.actors = _actors(ents)
    s.places = [PlaceFact(p.name, p.text, p.start + start, p.end + start)
                for p in place_facts(body, 0, len(body), ents)]
    return s


def place_facts(text: str, a: int, b: int, ents: list[Entity]) -> list[PlaceFact]:
    """The places text[a:b] puts something in: a capitalised name after a locative cue ("di kota pelabuhan Kota
    Vladivostok", "in Boston", "mengunjungi Kosmodrom Vostochny"). The tagger's type is a weak guide here (it calls
    "Kosmodrom Vostochny" a person), so a name counts as a place when it is tagged LOC, starts with a place noun, or
    follows a locative preposition without being tagged a person."""
    by_start = {e.start: e for e in ents}
    out = []
    for m in _PLACE_AFTER_CUE.finditer(text, a, b):
        name_start, name_end = m.span("name")
        ent = by_start.get(name_start)
        if ent is not None and ent.end > name_end:
            name_end = ent.end
        name = text[name_start:name_end]
        first = name.split()[0].lower()
        tagged_place = ent is not None and ent.type == "LOC"
        if tagged_place or first in _PLACE_NOUNS or (m.group("prep") and (ent is None or ent.type != "PER")):
            canonical = ent.canonical if ent is not None and tagged_place else name
            out.append(PlaceFact(canonical, name, name_start, name_end))
    # Cities named anywhere else in the sentence ("Pemerintah Kota Padang", "the Boston Red Sox"): another outlet
    # naming another city in the same statement contradicts it as much as a "di" would.
    # Only a city's own name (not one of GeoNames' alternate names: "Surat", "Hal" and "Mobil" are words too), of a
    # city of 100,000 or more, not at the start of the sentence (where any word is capitalised), not tagged a person
    # or an organisation.
    # The city may end a longer capitalised run: "Pemerintah Kota Padang", "alun-alun Kota Bekasi". A name the
    # tagger types a person or organisation counts only when the tag is the city's name alone (it calls "Berlin" in
    # "a high end Berlin store" an organisation); "the Boston Red Sox" stays the team.
    taken = [(p.start, p.end) for p in out]
    big = gazetteer.city_names(MIN_CITY_POPULATION)
    for m in _CAPITALISED.finditer(text, a, b):
        run = m.group(0)
        cut = next((k for k in (0, *(x.end() for x in re.finditer(r"[ -]", run)))
                    if run[k:].lower() in big and run[k:].lower() not in _PLACE_NOUNS), None)
        if cut is None:
            continue
        start, name = m.start() + cut, run[cut:]
        if start == a or any(s < m.end() and start < e for s, e in taken):
            continue
        ents_here = [e for e in ents if e.start < m.end() and start < e.end and e.type in ("PER", "ORG")]
        if any(text[e.start:e.end].lower() != name.lower() for e in ents_here):
            continue
        if any(p.kind == "city" and p.name.lower() == name.lower() and p.population >= MIN_CITY_POPULATION
               for p in gazetteer.lookup(name)):
            out.append(PlaceFact(name, name, start, m.end(), cued=False))
    return out


def _date_fact(value: str, text: str, start: int, end: int, mismatch: bool, cited: object = None) -> DateFact:
    day = value[:10] if len(value) >= 10 and value[7:8] == "-" else value[:7]
    return DateFact(day, text, start, end, len(day) == 10 and bool(_HAS_DAY_NUMBER.search(text)), mismatch,
                    bool(_WRITES_YEAR.search(text)), bool(cited))
