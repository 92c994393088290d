"""Article metadata from page text: publication date and time zone, bylines, outlet, cited sources."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from urllib.parse import urlsplit

from tld import get_fld

from kliping.clean.lines import BYLINE, DATELINE
from kliping.lang import id as lang_id

_MONTHS = "|".join(sorted(lang_id.MONTHS, key=len, reverse=True))
_TZ = "|".join(sorted(lang_id.TIMEZONES, key=len, reverse=True))
_TIME = rf"(?:pukul\s*)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})(?:[:.](?P<s>\d{{2}}))?\s*(?P<tz>{_TZ})?"
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTHS})\.?\s+(?P<y>\d{{4}})(?:\D{{0,6}}?{_TIME})?", re.I),
    re.compile(rf"\b(?P<mon>{_MONTHS})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?:\D{{0,6}}?{_TIME})?", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})(?:\D{{0,6}}?{_TIME})?", re.I),
    re.compile(rf"\b(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:[T ]{_TIME})?", re.I),
]


def parse_published(s: str, default_tz: str | None = None) -> str | None:
    """Parse a page's date line into ISO 8601 ("2023-09-14T13:15:00+07:00").

    Handles the forms Indonesian sites print (Indonesian or English day and month names, WIB/WITA/WIT). A time
    without a zone gets `default_tz` when given (a JSONL feed's zone), else no offset: we do not invent one.
    A date without a time stays a date.
    """
    for rx in _DATE_PATTERNS:
        m = rx.search(s)
        if not m:
            continue
        g = m.groupdict()
        try:
            month = int(g["m"]) if g.get("m") else lang_id.MONTHS[g["mon"].lower().rstrip(".")]
            day = dt.date(int(g["y"]), month, int(g["d"]))
        except (ValueError, KeyError):
            continue
        if not g.get("h"):
            return day.isoformat()
        try:
            t = dt.time(int(g["h"]), int(g["mi"]), int(g["s"] or 0))
        except ValueError:
            return day.isoformat()
        tz = lang_id.TIMEZONES.get((g.get("tz") or "").upper()) or default_tz
        return f"{day.isoformat()}T{t.isoformat()}{tz or ''}"
    return None


def parse_byline(s: str) -> list[tuple[str, str]]:
    """[(name, role)] from a byline line ("Editor: AbdiTumanggor", "- Redaksi", "Penulis: A | Editor: B")."""
    m = BYLINE.match(s.strip())
    if not m:
        return []
    out = []
    if m.group("dash"):
        name = m.group("dash").strip()
        if len(name.split()) <= 5:
            out.append((name, "author"))
        return out
    role = lang_id.BYLINE_ROLES.get(m.group("role").lower().split()[0], "reporter")
    if m.group("role").lower().startswith("laporan"):
        role = "reporter"
    out.append((_clean_name(m.group("name")), role))
    if m.group("name2"):
        out.append((_clean_name(m.group("name2")), lang_id.BYLINE_ROLES.get(m.group("role2").lower(), "editor")))
    return [(n, r) for n, r in out if n and len(n.split()) <= 6]


def _clean_name(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" .,-–—|:")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's domain from a URL: "https://news.detik.com/berita/..." -> "detik.com"."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return None
    if not host or "." not in host or host.replace(".", "").isdigit():  # an IP address names no outlet
        return None
    # The registered domain, by the Public Suffix List that `tld` ships (co.id, go.id, co.uk, blogspot.com...);
    # a suffix the list does not know keeps the host's last two labels.
    return get_fld(host, fix_protocol=True, fail_silently=True) or ".".join(host.split(".")[-2:])


def brand_of(outlet: str | None) -> str | None:
    """The outlet's brand word, as its own promos spell it: "detik.com" -> "detik", "TRIBUN-MEDAN.COM" -> "tribun"."""
    if not outlet:
        return None
    b = re.split(r"[.\s]", outlet.lower())[0]
    b = b.split("-")[0]
    return b if len(b) >= 4 else None


class Dateline(NamedTuple):
    city: str | None
    outlet: str | None
    end: int  # length of the prefix: the body text starts after it
    weak: bool  # a title-case city alone ("Makassar - "): only a dateline when running text follows


def dateline_of(line: str) -> Dateline | None:
    """The dateline a line opens with ("PALU, KABARNUSA.ID - ", "MAKASSAR, Indonesia — ", "Jakarta - "), or None."""
    m = DATELINE.match(line)
    if not m:
        return None
    city = m.group("city") or m.group("city2") or m.group("city3") or m.group("city4")
    outlet = m.group("outlet")
    if city:
        city = re.sub(r"\s*\(.*\)$", "", city).strip()
        if len(city.split()) > 3:
            return None
        city = city.title() if city.isupper() else city
    if not outlet and not city:
        return None
    return Dateline(city, outlet, m.end(), bool(m.group("city4")))


# ---------- cited sources ----------

_AGENCIES = sorted(lang_id.WIRE_AGENCIES, key=len, reverse=True)
_AGENCY_RX = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in _AGENCIES) + r")(?![\w])")
_DOMAIN_RX = re.compile(r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|co\.id|id|net|org|online|news|tv)\b", re.I)
_CUE_RX = re.compile(r"\b(?:" + "|".join(lang_id.CITATION_CUES) + r")\s+", re.IGNORECASE)
_CAP_PHRASE = re.compile(r"(?:[A-Z][\w&.-]*|of|the|de|da|al)(?:\s+(?:[A-Z][\w&.-]*|of|the|de|al)){0,4}")
_MEDIUM = re.compile(r"^(?:(?:kantor berita|media|situs|laman|portal|surat kabar|harian|stasiun televisi|televisi|"
                     r"siaran berita|majalah|koran|the)\s+)+", re.IGNORECASE)
_NOT_SOURCES = {"rabu", "kamis", "jumat", "sabtu", "minggu", "senin", "selasa", "presiden", "menteri", "the", "pada",
                "juru", "ketua", "kepala", "dia", "ia", "ini", "itu"}


def cited_in(text: str) -> list[str]:
    """Sources an article credits in its text: "Dilansir kantor berita Korut, KCNA", "dilansir AFP",
    "Dikutip dari siaran berita Voice of America"."""
    found: list[str] = []
    for m in _CUE_RX.finditer(text):
        window = text[m.end(): m.end() + 70]
        window = _MEDIUM.sub("", window)
        src = _source_in_window(window)
        if src and src not in found:
            found.append(src)
    return found


def _source_in_window(window: str) -> str | None:
    head = re.split(r"[.;:\n]|,\s+(?=[a-z])", window, maxsplit=1)[0]
    ag = _AGENCY_RX.search(head)
    dom = _DOMAIN_RX.search(head)
    cands = [(x.start(), x.group(0)) for x in (ag, dom) if x]
    if cands:
        return min(cands)[1]
    m = _CAP_PHRASE.match(head.strip())
    if m:
        phrase = m.group(0).strip()
        if phrase and phrase.split()[0].lower() not in _NOT_SOURCES and phrase[0].isupper():
            return phrase
    return None


def credit_name(s: str) -> str | None:
    """The source named by a credit line or suffix: "sumber : cnbcindonesia.com", "-- ABCnews",
    "Artikel ini telah tayang di CNN Indonesia."."""
    m = re.search(r"(?:sumber|source)\s*:\s*(?P<n>.+)$", s, re.I) or re.search(r"--\s*(?P<n>[\w .&-]{2,40})$", s) \
        or re.search(r"(?:tayang|terbit|dimuat)\s+(?:di|pada|dalam)\s*(?P<n>.+)$", s, re.I)
    if not m:
        return None
    name = m.group("n").strip(" .,:;-–—")
    name = re.sub(r"^(?:laman|situs|portal)\s+", "", name, flags=re.I)
    return name if 1 <= len(name.split()) <= 6 else None
