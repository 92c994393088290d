"""Temporal expressions in an article, normalised against its publication date.

Indonesian news dates events as "Rabu (13/9/2023)", "Rabu (13/9)" (the year is the publication's), "Rabu, 19 Juni
2024", "Senin malam (3/3/2025)", "pada bulan September", "kemarin", "tahun lalu", "tiga hari lalu". We find them
with patterns built from the word lists in `lang/id.py` (dateparser's `search_dates` reads "Halaman 1/3" and bare
years as dates), resolve the year and relative forms against the reference date, and flag a weekday that
contradicts its date: seed 003 says "Selasa (13/9/2023)", and 13 September 2023 was a Wednesday.

The reference date is the publication date; without one, the first fully dated expression of the text.
Values are ISO 8601 at the precision the text gives: a day ("2023-09-13"), a day and time with its zone
("2023-09-14T13:15:00+07:00"), a week ("2023-W36"), a month ("2023-09") or a year ("2022").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from kliping.enrich.intervals import DisjointSpans
from kliping.lang import id as lang_id
from kliping.model import DateMention


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


# Full weekday names only: the three-letter forms ("sun", "mar") are ordinary words in running text.
_DAY = _alt(d for d in lang_id.DAYS if len(d) > 3)
_MONTH = _alt(lang_id.MONTHS)
_MONTH_FULL = _alt(m for m in lang_id.MONTHS if len(m) > 3 or m == "mei")
_PARTS = _alt(lang_id.DAY_PARTS)
_TZ = _alt(lang_id.TIMEZONES)
_TIME = rf"(?:\s*[-,|]?\s*(?:pukul|jam|at)?\s*(?P<hh>\d{{1,2}})[.:](?P<mm>\d{{2}})\s*(?P<tz>{_TZ})?\b)?"
_WEEKDAY_PREFIX = rf"(?:(?P<day>{_DAY})\s*,?\s*(?:(?:{_PARTS})\s*,?\s*)?)"

# Order matters: a longer, more specific form claims its characters first.
_EXPLICIT = [
    # "Rabu (13/9/2023)", "Senin malam (3/3)", "Kamis (14/9/23)"
    re.compile(rf"\b(?P<day>{_DAY})(?:\s+(?:{_PARTS}))?\s*,?\s*\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
               rf"(?:/(?P<y>\d{{2}}|\d{{4}}))?\)", re.I),
    # "Rabu, 19 Juni 2024", "14 September 2023 - 13:15 WIB", "3 Maret", "tanggal 5 Mei 2025 pukul 10.00 WITA",
    # "18th September 2013"
    re.compile(rf"\b{_WEEKDAY_PREFIX}?(?:tanggal\s+|tgl\.?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
               rf"(?P<mon>{_MONTH})\.?(?:\s+(?P<y>\d{{4}}))?(?![\w-]){_TIME}", re.I),
    # "May 2, 2013", "Dec. 7, 2009", "Fri Aug 2, 2013": an abbreviated month, or "May", only with its year
    re.compile(rf"\b{_WEEKDAY_PREFIX}?(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
               rf"(?![\w-]){_TIME}", re.I),
    # "Thursday, March 6, 2025", "March 6"
    re.compile(rf"\b{_WEEKDAY_PREFIX}?(?P<mon>{_MONTH_FULL})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?"
               rf"(?![\w-]){_TIME}", re.I),
    # "13/09/2023", "Kamis, 14-09-2023", "05 / 02 / 2013" (text re-joined from tokens); English writes the month
    # first (see _explicit)
    re.compile(rf"\b{_WEEKDAY_PREFIX}?(?P<d>\d{{1,2}})(?P<sep> ?[/-] ?)(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})\b{_TIME}",
               re.I),
]
# "pada bulan September", "September 2023", "Juni lalu"
_MONTH_ONLY = re.compile(rf"\b(?:(?:pada\s+)?bulan\s+(?P<mon>{_MONTH_FULL})(?:\s+(?P<y>\d{{4}}))?"
                         rf"|(?P<mon2>{_MONTH_FULL})\s+(?P<y2>\d{{4}}))\b", re.I)
_YEAR_ONLY = re.compile(r"\b(?:pada\s+)?tahun\s+(?P<y>(?:19|20)\d{2})\b", re.I)
_RELATIVE_DAY = re.compile(rf"\b(?P<w>{_alt(lang_id.RELATIVE_DAYS)})\b", re.I)
_RELATIVE_PERIOD = re.compile(rf"\b(?P<w>{_alt(lang_id.RELATIVE_PERIODS)})\b", re.I)
_COUNT = re.compile(rf"\b(?P<n>\d{{1,3}}|{_alt(lang_id.COUNT_WORDS)})\s*(?P<unit>{_alt(lang_id.COUNT_UNITS)})?\s+"
                    rf"(?P<dir>{_alt(lang_id.AGO_WORDS + lang_id.AHEAD_WORDS)})\b", re.I)
# A bare weekday's cues (`_vague`): in the 60 characters of its clause before it, a word that looks ahead, or a plan
# not told in the past; right before it, "next".
_PAST = "".join(rf"(?<!\b{w} )" for w in lang_id.PAST_AUXILIARIES)
_AHEAD = re.compile(rf"\b(?:{_alt(lang_id.AHEAD_CUES)}|{_PAST}(?:{_alt(lang_id.PLANNED_CUES)}))\b", re.I)
_BREAK = re.compile(r"[.!?]\s|[\n\"\u201c\u201d]")
# A weekday's occasion ("Tuesday's primary", "Saturday's debate", "the primary on Tuesday"): the nearest one is
# meant, and one a day ahead (for "Tuesday's", two) is nearer than the one a week back.
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_OCCASION_AFTER = re.compile(rf"\s+(?:night\s+|morning\s+)?(?:{_alt(lang_id.WEEKDAY_OCCASIONS)})\b", re.I)
_OCCASION_BEFORE = re.compile(rf"\b(?:{_alt(lang_id.WEEKDAY_OCCASIONS)})\s+on\s+$", re.I)
_LAST_WEEK = re.compile(r"\b(?:last|past)\s+$", re.I)  # "last Friday's attacks"
_NEXT_WEEK = re.compile(rf"\b(?:{_alt(lang_id.NEXT_WEEK_BEFORE)})\s+$", re.I)
_BARE_DAY = re.compile(rf"\b(?P<day>{_DAY})\b(?:\s+(?:{_PARTS}))?(?:\s+(?P<rel>lalu|kemarin|depan|mendatang|ini))?",
                       re.I)


def find_dates(text: str, published: str | None = None, language: str | None = None) -> list[DateMention]:
    """Every temporal expression of `text`, in text order, normalised against the reference date. `language`
    decides the order of an all-numeric date: "05/02/2013" is 5 February in Indonesian, May 2 in English."""
    taken = DisjointSpans()  # spans already read as a date (a bisection each, not a scan of all)
    found: list[DateMention] = []
    month_first = language == "en"
    ref = _reference(text, published, month_first)
    ref_tz = _offset(published)
    for rx in _EXPLICIT:
        for m in rx.finditer(text):
            if taken.overlaps(m.span()) or not _names_are_capitalised(m):
                continue
            mention = _explicit(m, ref, ref_tz, month_first)
            if mention:
                taken.add(m.span())
                found.append(mention)
    for mention in _vague(text, ref, taken):
        found.append(mention)
    return sorted(found, key=lambda d: d.start)


# ---------- explicit dates ----------

def _explicit(m: re.Match[str], ref: dt.date | None, ref_tz: str | None, month_first: bool = False
              ) -> DateMention | None:
    g = m.groupdict()
    try:
        day = int(g["d"])
        month = int(g["m"]) if g.get("m") else lang_id.MONTHS[g["mon"].lower()]
    except (KeyError, ValueError):
        return None
    if g.get("sep") and month_first and day <= 12:  # "05/02/2013" in English: May 2 ("13/09/2023" stays)
        day, month = month, day
    year = _year(g.get("y"), day, month, ref)
    if year is None:
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    value = date.isoformat()
    if g.get("hh") and g.get("mm") and int(g["hh"]) < 24 and int(g["mm"]) < 60:
        tz = lang_id.TIMEZONES[g["tz"].upper()] if g.get("tz") else ref_tz
        value = f"{value}T{int(g['hh']):02d}:{g['mm']}:00{tz or ''}"
    mismatch = False
    if g.get("day"):
        mismatch = lang_id.DAYS[g["day"].lower()] != date.weekday()
    written = m.group(0).rstrip(" ,-|")
    return DateMention(written, m.start(), m.start() + len(written), value, mismatch)


def _year(given: str | None, day: int, month: int, ref: dt.date | None) -> int | None:
    """The year as written ("23" is 2023), or the one that puts the date nearest the reference date."""
    if given:
        y = int(given)
        return y + 2000 if y < 100 else y
    if ref is None:
        return None
    best, best_gap = None, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            gap = abs((dt.date(y, month, day) - ref).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


# ---------- vague and relative dates ----------

def _vague(text: str, ref: dt.date | None, taken: DisjointSpans) -> Iterator[DateMention]:
    """Month names, relative days and periods, counts ("tiga hari lalu") and bare weekdays."""
    for m in _MONTH_ONLY.finditer(text):
        if taken.overlaps(m.span()):
            continue
        month = lang_id.MONTHS[(m.group("mon") or m.group("mon2")).lower()]
        y = m.group("y") or m.group("y2")
        year = int(y) if y else (_month_year(month, ref) if ref else None)
        if year:
            taken.add(m.span())
            yield DateMention(m.group(0), m.start(), m.end(), f"{year:04d}-{month:02d}")
    for m in _YEAR_ONLY.finditer(text):
        if not taken.overlaps(m.span()):
            taken.add(m.span())
            yield DateMention(m.group(0), m.start(), m.end(), m.group("y"))
    if ref is None:
        return
    for m in _RELATIVE_PERIOD.finditer(text):
        if taken.overlaps(m.span()):
            continue
        unit, off = lang_id.RELATIVE_PERIODS[m.group("w").lower()]
        taken.add(m.span())
        yield DateMention(m.group(0), m.start(), m.end(), _shift_period(ref, unit, off))
    for m in _COUNT.finditer(text):
        if taken.overlaps(m.span()):
            continue
        value = _count(m, ref)
        if value:
            taken.add(m.span())
            yield DateMention(m.group(0), m.start(), m.end(), value)
    for m in _RELATIVE_DAY.finditer(text):
        if taken.overlaps(m.span()):
            continue
        taken.add(m.span())
        days = lang_id.RELATIVE_DAYS[m.group("w").lower()]
        yield DateMention(m.group(0), m.start(), m.end(), (ref + dt.timedelta(days=days)).isoformat())
    for m in _BARE_DAY.finditer(text):
        if taken.overlaps(m.span()) or not m.group("day")[0].isupper():
            continue
        if m.group("day").lower() == "minggu" and m.group("rel"):
            continue  # "Minggu lalu" is as often "last week" as "last Sunday"
        # What the day's own clause says before it: from the last sentence end or quote mark (a quote's "akan" or
        # "will" is what was said, and the day is when it was said); a cue counts in its last 60 characters.
        before = _BREAK.split(text[max(0, m.start() - 80):m.start()])[-1].lower()
        near = max(0, len(before) - 60)
        ahead = (lang_id.DAYS[m.group("day").lower()] - ref.weekday()) % 7  # days to the next such day, 0 today
        if (m.group("rel") or "").lower() in lang_id.NEXT_WEEK_AFTER or _NEXT_WEEK.search(before):
            day = ref + dt.timedelta(days=ahead or 7)  # "next Tuesday" said on a Tuesday
        elif _AHEAD.search(before, near):
            day = ref + dt.timedelta(days=ahead)  # "will be counted Tuesday": today or ahead
        elif not _LAST_WEEK.search(before) and (
                (ahead in (1, 2) and _POSSESSIVE.match(text, m.end()))
                or (ahead == 1 and (_OCCASION_AFTER.match(text, m.end()) or _OCCASION_BEFORE.search(before)))):
            # "Tuesday's primary" said on a Sunday or a Monday; "the primary on Tuesday", "the Tuesday primary" on
            # a Monday (two days ahead, "the debate on Saturday" was as often the one five days back)
            day = ref + dt.timedelta(days=ahead)
        else:
            day = ref - dt.timedelta(days=(7 - ahead) % 7)  # news reports what happened: today or back
        taken.add(m.span())
        yield DateMention(m.group(0), m.start(), m.end(), day.isoformat())


def _count(m: re.Match[str], ref: dt.date) -> str | None:
    n_raw = m.group("n").lower()
    n = int(n_raw) if n_raw.isdigit() else lang_id.COUNT_WORDS.get(n_raw)
    unit_word = (m.group("unit") or "").lower()
    unit = lang_id.COUNT_UNITS.get(unit_word)
    if unit is None:
        # "sepekan lalu", "setahun silam": the count word carries the unit.
        unit = {"sehari": "day", "sepekan": "week", "sebulan": "month", "setahun": "year"}.get(n_raw)
    if n is None or unit is None:
        return None
    sign = 1 if m.group("dir").lower() in lang_id.AHEAD_WORDS else -1
    if unit == "day":
        return (ref + dt.timedelta(days=sign * n)).isoformat()
    if unit == "week":
        return _iso_week(ref + dt.timedelta(weeks=sign * n))
    return _shift_period(ref, unit, sign * n)


def _shift_period(ref: dt.date, unit: str, off: int) -> str:
    if unit == "year":
        return f"{ref.year + off:04d}"
    if unit == "month":
        k = ref.year * 12 + ref.month - 1 + off
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit == "week":
        return _iso_week(ref + dt.timedelta(weeks=off))
    return (ref + dt.timedelta(days=off)).isoformat()


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _month_year(month: int, ref: dt.date) -> int:
    """A month named without a year is the latest one not after the reference month (news looks back)."""
    return ref.year if month <= ref.month else ref.year - 1


# ---------- helpers ----------

def _reference(text: str, published: str | None, month_first: bool = False) -> dt.date | None:
    if published:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            pass
    for rx in _EXPLICIT:
        for m in rx.finditer(text):
            if m.groupdict().get("y") and _names_are_capitalised(m):
                mention = _explicit(m, None, None, month_first)
                if mention:
                    return dt.date.fromisoformat(mention.value[:10])
    return None


def _offset(published: str | None) -> str | None:
    m = re.search(r"([+-]\d{2}:\d{2}|Z)$", published or "")
    return m.group(1) if m and "T" in (published or "") else None


def _names_are_capitalised(m: re.Match[str]) -> bool:
    """Indonesian capitalises weekday names; a lower-case "minggu" is a week, not Sunday. Likewise a lower-case
    "may" is the verb ("you may 2, 2013"), not the month."""
    g = m.groupdict()
    day, month = g.get("day"), g.get("mon")
    return (not day or day[0].isupper()) and (not month or month.lower() != "may" or month[0].isupper())
