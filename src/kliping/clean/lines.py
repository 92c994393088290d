"""Line-level recognisers for flattened page text: what one line is, judged on its own.

The patterns themselves are data in `kliping.lang.id`; this module compiles them and answers questions such as
"is this a share bar?", "is this a date line?", "is this a photo caption?".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kliping.lang import id as lang_id

_RULES = [(reason, re.compile(rf"(?:{pat})", re.IGNORECASE)) for reason, pat in lang_id.BOILERPLATE_LINES]
_PHOTO_CREDIT_END = re.compile(rf"(?:{lang_id.PHOTO_CREDIT})\s*[.]?\s*$", re.IGNORECASE)
_SLASH_CREDIT = re.compile(lang_id.SLASH_CREDIT)
_PHOTO_CREDIT_LINE = re.compile(lang_id.PHOTO_CREDIT_LINE, re.IGNORECASE)
_CAPS_LEAD = re.compile(r"^[^a-z:]{8,}:\s+\S")  # "PERTEMUAN KIM JONG UN DAN PUTIN: Presiden Rusia ..."
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_SENT_END = re.compile(r"[.!?…\"”’')\]]\s*$")

_MONTHS = "|".join(sorted(lang_id.MONTHS, key=len, reverse=True))
_DAYS = "|".join(sorted((d for d in lang_id.DAYS if len(d) > 3), key=len, reverse=True))
_TZ = "|".join(lang_id.TIMEZONES)
# "Thursday, 14 September 2023 - 13:15 WIB", "Senin, 3 Maret 2025 14:20 WIB", "Selasa, 04 Mar 2025 09:15 WITA",
# "14 September 2023", "Kamis, 14/09/2023 13:15 WIB", "2023-09-14 13:15", "Diperbarui: ..." prefixes.
DATE_LINE = re.compile(
    rf"^(?:(?:diterbitkan|dipublikasikan|diperbarui|terbit|update[d]?|published|posted|dimuat)\s*:?\s*)?"
    rf"(?:(?:{_DAYS})\s*,?\s*)?"
    rf"(?:\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:\s*[,|\-–—]?\s*(?:pukul\s*)?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:{_TZ})?)?\s*(?:{_TZ})?\s*$",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^(?:(?P<role>penulis|editor|reporter|redaktur|penyunting|oleh|wartawan|kontributor|pewarta|laporan wartawan"
    r"(?: [\w.-]+){0,3}|written by|reported by|ditulis oleh|by|author|writer)\s*[:,]?\s+(?P<name>[^\s|].{1,60}?)"
    r"(?:\s*[|/,]\s*(?P<role2>editor|penulis|reporter|redaktur|penyunting)\s*:?\s*(?P<name2>.{2,60}?))?"
    r"|[-–—]\s*(?P<dash>[A-Z][\w.' -]{1,40}))\s*$",
    re.IGNORECASE,
)
# Dateline prefixes: "PALEMBANG, PALTV.CO.ID - ", "TRIBUN-MEDAN.COM - ", "pelita.online – ", "JAKARTA, KOMPAS.com -",
# "Liputan6.com, Jakarta - ", "JAKARTA - ".
_DOMAIN = (r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*"
           r"\.(?:com|co\.id|id|net|online|org|news|tv|co|info|my\.id|or\.id)")
DATELINE = re.compile(
    rf"^(?:(?P<city>[A-Z][A-Za-z.' ]{{1,28}}?)\s*,\s*)?"
    rf"(?P<outlet>{_DOMAIN}|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?:\.[A-Z]{{2,}})+)"
    rf"(?:\s*,\s*(?P<city2>[A-Z][A-Za-z.' ]{{1,28}}?))?\s*[-–—]+\s*"
    rf"|^(?P<city3>[A-Z][A-Z.' ]{{2,28}}(?:\s*\([A-Za-z]+\))?)(?:\s*,\s*(?P<country>[A-Z][A-Za-z]+))?"
    rf"\s*[-–—]+\s+(?=\S)"
    # "Makassar - Pertemuan ...": a title-case city before a spaced dash. Weak (a title or a byline "Dedi Kurniawan -
    # Harian Lintas" reads the same), so the caller only trusts it when running text follows.
    rf"|^(?P<city4>[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}})\s+[-–—]+\s+(?=\S)"
)


_UNIFY = str.maketrans("“”‘’–—", "\"\"''--")


def norm_line(s: str) -> str:
    """Normalise a line for comparison: NFKC, lower case, quotes and spaces unified."""
    s = unicodedata.normalize("NFKC", s).lower()
    s = s.translate(_UNIFY)
    return re.sub(r"\s+", " ", s).strip()


def words(s: str) -> list[str]:
    return _WORD.findall(s)


@lru_cache(maxsize=4096)
def rule_reason(line: str) -> str | None:
    """The boilerplate class of a line judged alone by the language's patterns, or None."""
    s = line.strip().strip("•·|*").strip()
    if not s:
        return None
    if len(s) <= 300:
        for reason, rx in _RULES:
            if rx.fullmatch(s):
                return reason
    if is_share_bar(s):
        return "share bar"
    return None


def is_share_bar(s: str) -> bool:
    ws = [w.lower() for w in re.findall(r"[\w-]+", s)]
    return 2 <= len(ws) <= 20 and all(w in lang_id.SHARE_WORDS for w in ws)


def is_date_line(s: str) -> bool:
    return len(s) <= 80 and bool(DATE_LINE.match(s.strip()))


def is_caption(s: str) -> bool:
    """A photo caption or credit: "(Foto: dok. BPBD)", "PERTEMUAN ...: Presiden ... (AFP/VIA TRIBUNNEWS)",
    "Presiden Kim Jong Un dan Presiden Vladimir Putin (Facebook/Jim Heath)", "TANGKAPAN LAYAR VIDEO VOA"."""
    s = s.strip()
    if _PHOTO_CREDIT_LINE.fullmatch(s):
        return True
    if re.fullmatch(rf"(?:{lang_id.PHOTO_CREDIT})\s*\.?", s, re.IGNORECASE):
        return True
    if _CAPS_LEAD.match(s) and is_mostly_upper(s.split(":", 1)[0]):
        return True
    m = _SLASH_CREDIT.search(s)
    if m and _is_credit(m.group("credit")) and not s.rstrip().endswith("."):
        before = s[: m.start()].strip()
        if not _SENT_END.search(before) or is_mostly_upper(before[:40]):
            return True
    if _PHOTO_CREDIT_END.search(s):
        before = _PHOTO_CREDIT_END.sub("", s).strip()
        # A credit after a short, unpunctuated line is a caption; after a full sentence it is usually a body line
        # that ends with its agency credit, which we keep.
        if len(words(before)) <= 25 and not _SENT_END.search(before):
            return True
        if is_mostly_upper(before[:40]):
            return True
    ws = words(s)
    credit_words = r"\b(FOTO|DOK|TANGKAPAN|LAYAR|ISTIMEWA|ILUSTRASI|VIDEO|GETTY|REUTERS|AFP|ANTARA|SCREENSHOT)\b"
    return 2 <= len(ws) <= 12 and is_mostly_upper(s) and re.search(credit_words, s) is not None


def ends_with_credit(s: str) -> bool:
    """A line closing with a photo credit ("... on Monday. (Nusantara Dispatch/Maya Siregar)", "(Foto: dok.)"):
    in a page's header, where the lead photo sits, that makes it a caption even when it reads as a sentence."""
    m = _SLASH_CREDIT.search(s)
    return bool((m and _is_credit(m.group("credit"))) or _PHOTO_CREDIT_END.search(s))


def _is_credit(credit: str) -> bool:
    parts = [p.strip() for p in credit.split("/") if p.strip()]
    if len(parts) < 2:
        return False
    known = {a.lower() for a in lang_id.WIRE_AGENCIES} | {"via", "dok", "foto", "ist", "istimewa", "getty images"}
    return any(len(p.split()) >= 2 or p.lower() in known or p.lower().startswith("via ") for p in parts)


def is_mostly_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def ends_sentence(s: str) -> bool:
    return bool(_SENT_END.search(s.rstrip()))


def is_prose(s: str) -> bool:
    """A line that reads as running text: a full sentence, or long enough to be a paragraph."""
    n = len(words(s))
    return (n >= 8 and ends_sentence(s)) or n >= 30


def is_sentence(s: str) -> bool:
    """Running text that ends as a sentence does (a title may end with a quote mark, rarely with a period)."""
    return len(words(s)) >= 8 and bool(re.search(r"[.!?…][\"”’')\]]*\s*$", s))


def is_headline_like(s: str) -> bool:
    """Short text without a closing period: a title, a subheading, an item of a list of links."""
    n = len(words(s))
    return 1 <= n <= 25 and not s.rstrip().endswith(".")
