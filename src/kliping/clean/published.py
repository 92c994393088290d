"""The one rule for an article's publication date, on every path (records, page text, HTML, `annotate`).

`published` is always one of:
- an ISO 8601 datetime with an offset, to the second: "2025-10-21T20:43:00+07:00";
- an ISO date, when the input gives a day without a time: "2025-10-21";
- null, when nothing readable was given: the raw value is then named in the article's `warnings`.

A time without a zone takes the default zone (`--tz`, Asia/Jakarta unless told otherwise: most of what Kliping reads
is WIB news) and the article's `warnings` say so. A Unix timestamp is an instant: it is shown in the default zone.
Relative phrases ("kemarin sore", "3 hari lalu") are not dates: they are relative to a moment nobody recorded, and
reading them against the clock of the run would put a 2019 article in 2026. Years outside 1900-2100 are refused:
no news archive reaches them, and they come from broken fields (epoch 0, 9999-12-31 placeholders).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kliping.clean.meta import parse_published
from kliping.model import Article

DEFAULT_TZ = "Asia/Jakarta"
MIN_YEAR, MAX_YEAR = 1900, 2100
_MAX_CHARS = 200  # a date field longer than this is not a date (a body pasted into the wrong column)

# dateparser reads what our own patterns do not (English and Indonesian month names in odd orders, dotted dates)
# but never relative phrases, and only when day, month and year are all given.
_DATEPARSER_SETTINGS = {"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"],
                        "RETURN_AS_TIMEZONE_AWARE": False}
_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?!\d)(?![./-]\d)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EPOCH = re.compile(r"-?\d{9,13}(?:\.\d+)?")


class BadZone(ValueError):
    """A time zone name the zone database does not know."""


@lru_cache(maxsize=64)
def zone(name: str) -> dt.tzinfo:
    """The tzinfo of an IANA zone name ("Asia/Jakarta") or a fixed offset ("+07:00", "UTC")."""
    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", name.strip())
    if m:
        delta = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
        return dt.timezone(delta if m.group(1) == "+" else -delta)
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise BadZone(f"unknown time zone {name!r} (give an IANA name such as Asia/Jakarta, or an offset such as "
                      "+07:00)") from e


def normalise_published(value: object, tz: str | None = None, date_format: str | None = None
                        ) -> tuple[str | None, str | None]:
    """(ISO value or None, warning or None) for a publication date given in any form (see the module docstring).

    `tz`: the zone a time without one is in (default Asia/Jakarta). `date_format`: a strptime format the input's
    dates follow ("%m/%d/%Y %H:%M"), tried first, for sources whose day/month order cannot be guessed.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None, None
    tzname = tz or DEFAULT_TZ
    try:
        tzinfo = zone(tzname)
    except BadZone:
        tzname, tzinfo = DEFAULT_TZ, zone(DEFAULT_TZ)
    if isinstance(value, int | float):
        return _from_epoch(float(value), tzinfo, value)
    if not isinstance(value, str):
        return None, f"published: a {type(value).__name__}, not a date: ignored"
    v = " ".join(value.split())
    if not v:
        return None, None
    shown = v if len(v) <= 60 else v[:57] + "..."
    if len(v) > _MAX_CHARS:
        return None, f"published {shown!r} is not a date: ignored"
    if _EPOCH.fullmatch(v):
        return _from_epoch(float(v), tzinfo, v)
    parsed = _parse(v, date_format)
    if parsed is None:
        hint = " (give its format with --date-format)" if any(c.isdigit() for c in v) else ""
        return None, f"published {shown!r} is not a date Kliping can read: ignored{hint}"
    if isinstance(parsed, dt.datetime):
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            return None, f"published {shown!r} is out of range (years {MIN_YEAR}-{MAX_YEAR}): ignored"
        if parsed.tzinfo is None:
            return _iso(parsed.replace(tzinfo=tzinfo)), f"published {shown!r} has no time zone: read as {tzname}"
        return _iso(parsed), None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None, f"published {shown!r} is out of range (years {MIN_YEAR}-{MAX_YEAR}): ignored"
    return parsed.isoformat(), None


def is_valid(value: str | None) -> bool:
    """True for what `normalise_published` produces (an ISO date, or datetime with an offset), and None."""
    if value is None:
        return True
    try:
        d = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return MIN_YEAR <= d.year <= MAX_YEAR and (len(value) == 10 or d.tzinfo is not None)


def _iso(d: dt.datetime) -> str:
    off = d.utcoffset()
    if off is not None and off.seconds % 60:  # historic zones have second offsets: ISO wants minutes
        d = d.replace(tzinfo=dt.timezone(dt.timedelta(minutes=round(off.total_seconds() / 60))))
    return d.replace(microsecond=0).isoformat()


def _from_epoch(x: float, tzinfo: dt.tzinfo, given: object) -> tuple[str | None, str | None]:
    if abs(x) >= 1e11:  # milliseconds (JavaScript's Date.now())
        x /= 1000
    try:
        d = dt.datetime.fromtimestamp(x, dt.UTC).astimezone(tzinfo)
    except (OverflowError, OSError, ValueError):
        d = None
    if d is None or not MIN_YEAR <= d.year <= MAX_YEAR:
        return None, f"published {given!r} is not a date in {MIN_YEAR}-{MAX_YEAR}: ignored"
    return _iso(d), None


def _parse(v: str, date_format: str | None) -> dt.datetime | dt.date | None:
    """The date or datetime a string names (naive when it names no zone), or None."""
    if date_format:
        try:
            d = dt.datetime.strptime(v, date_format)
        except ValueError:
            pass
        else:
            return d if re.search(r"%[HIMSXcz]", date_format) else d.date()
    if _ISO_DATE.match(v):
        try:
            iso = dt.datetime.fromisoformat(v.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            pass
        else:
            return iso.date() if len(v) == 10 else iso
    ours = parse_published(v)
    if ours:
        try:
            d = dt.datetime.fromisoformat(ours)
        except ValueError:
            return None
        return d.date() if len(ours) == 10 else d
    if not any(c.isdigit() for c in v):
        return None
    import dateparser  # slow to import: only for the forms our own patterns do not know

    try:
        d = dateparser.parse(v, languages=["id", "en"], settings=_DATEPARSER_SETTINGS)
    except Exception:  # a third-party parser on hostile text: any failure means "not a date we can read"
        return None
    if d is None:
        return None
    return d if (d.tzinfo is not None or _HAS_TIME.search(v)) else d.date()


def set_published(art: Article, found_in_page: str | None) -> None:
    """Set `art.published` from the input's own field (a record's `published`), else from what the page says, by
    the one rule; a value that cannot be read is named in `art.warnings`."""
    tz, fmt = art.hints.get("tz"), art.hints.get("date_format")
    value, warning = normalise_published(art.hints.get("published"), tz, fmt)
    if value is None and found_in_page:
        value, page_warning = normalise_published(found_in_page, tz)
        warning = warning or page_warning
    art.published = value
    if warning and warning not in art.warnings:
        art.warnings.append(warning)
