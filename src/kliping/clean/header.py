"""The header of a flattened page: where the body starts, and what the lines above it say.

A copied page opens with the outlet's masthead and tagline, menus (one item per line, or flattened onto one line),
a breadcrumb, the section, the title, the byline and date, share bars and the lead photo's caption. None of it is
body, and it carries the metadata. The model:

* the **anchor** is the first byline or date line: a page's title sits right above it (or right below it when the
  page prints the date first), whatever masthead, tagline or menu comes before;
* the **body** starts at the dateline ("PALU, KABARNUSA.ID - ..."), else at the first running text that is not a
  teaser above the anchor;
* the **masthead** is a short first line that is not the title; it names the outlet when nothing better does, and
  when a copied story's dateline names another outlet, that outlet is the copy's source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kliping.clean import lines as L
from kliping.clean import meta
from kliping.lang import id as lang_id

# The dateline, when there is one, opens the body within the first lines of a page; further down a
# "JAKARTA -" line is part of the text (a second dispatch), not a page header. 30 non-empty lines covers the
# seeds' deepest header (seed 003: 7 header lines) and the examples' (a 9-item menu, share buttons one per line).
HEADER_SCAN_LINES = 30
# A teaser (one prose line) may sit above the byline; two prose lines above a "byline" mean we are in the body.
MAX_PROSE_ABOVE_ANCHOR = 1

_NAV_SPLIT = re.compile(lang_id.NAV_SEPARATOR)


@dataclass
class Line:
    no: int  # 1-based line number in the page
    text: str
    reason: str | None = None
    join_next: bool = False


@dataclass
class PageMeta:
    title: str | None = None
    section: str | None = None
    description: str | None = None
    published: str | None = None
    bylines: list[tuple[str, str]] = field(default_factory=list)
    outlet: str | None = None  # named by the dateline
    masthead: str | None = None  # the outlet's name atop the page
    city: str | None = None
    credits: list[str] = field(default_factory=list)
    partial: bool = False


# ---------- line kinds ----------

def nav_items(s: str) -> list[str] | None:
    """The items of a menu or breadcrumb flattened onto one line ("World | Indonesia | Business"), else None."""
    parts = [p.strip() for p in _NAV_SPLIT.split(s) if p and p.strip()]
    if len(parts) < 2 or any(L.ends_sentence(p) and p[-1] in ".!?" for p in parts):
        return None
    return parts


def is_menu_line(s: str) -> bool:
    """Three or more short items in a row: a site menu or footer links, wherever it appears."""
    items = nav_items(s)
    if not items:
        return False
    return len(items) >= 3 and all(
        1 <= len(L.words(p)) <= lang_id.NAV_ITEM_MAX_WORDS and not re.search(r"\d{3,}", p) for p in items)


def breadcrumb(s: str) -> list[str] | None:
    """"Home > Nusantara > Sulawesi", "Home / World / <title>", "Home Daerah Sulawesi": the crumbs after "Home"."""
    first = s.split(None, 1)[0].lower().strip(":>|/") if s.strip() else ""
    if first not in lang_id.NAV_HOME_WORDS:
        return None
    items = nav_items(s)
    if items:
        return items[1:] if items[0].lower() in lang_id.NAV_HOME_WORDS else None
    ws = s.split()
    # Without separators only a short run of capitalised words is a breadcrumb ("Home Daerah Sulawesi").
    if 2 <= len(ws) <= 5 and all(w[:1].isupper() for w in ws):
        return ws[1:]
    return None


def _is_short_item(s: str) -> bool:
    return 1 <= len(L.words(s)) <= lang_id.NAV_ITEM_MAX_WORDS and not L.ends_sentence(s) \
        and not re.search(r"\d", s) and len(s) <= 30


def _menu_runs(lines: list[Line]) -> set[int]:
    """Indexes of lines inside a run of at least NAV_RUN_MIN short items: a menu printed one item per line."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_short_item(lines[j].text):
            j += 1
        if j - i >= lang_id.NAV_RUN_MIN:
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _split_byline_date(s: str) -> tuple[list[tuple[str, str]], str] | None:
    """"La Ode Hamzah | Senin, 17 Maret 2025 | 20:45 WIB": a byline and the date on one line."""
    parts = [p.strip() for p in re.split(r"\s*\|\s*", s) if p.strip()]
    if len(parts) < 2:
        return None
    published = meta.parse_published(s)
    if not published:
        return None
    name = parts[0]
    if L.is_date_line(name) or not _looks_like_name(name):
        return None
    rest = " ".join(parts[1:])
    if not re.search(r"\d", rest):
        return None
    by = meta.parse_byline(name) or [(name, "author")]
    return by, published


def _looks_like_name(s: str) -> bool:
    ws = s.split()
    return 1 <= len(ws) <= 5 and all(w[:1].isupper() for w in ws if len(w) > 2) and not re.search(r"\d", s)


def _outlet_byline(s: str, outlet_brands: set[str], next_is_date: bool) -> str | None:
    """"Dedi Kurniawan - Harian Lintas": a reporter's name and the outlet. Told from a title by the outlet's
    brand on the right, or by the date line that follows it."""
    m = re.fullmatch(r"(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4})\s+[-–—|]\s+(?P<outlet>[\w .-]{2,40})", s)
    if not m:
        return None
    brand = (meta.brand_of(m.group("outlet")) or m.group("outlet").lower()).replace(" ", "")
    known = any(b and (b in brand or brand in b) for b in outlet_brands)
    return m.group("name") if known or (next_is_date and len(m.group("outlet").split()) <= 4) else None


def _brand_key(s: str | None) -> str:
    """Letters only, lower case: "HARIAN LINTAS" and "harianlintas.com" both give "harianlintas"."""
    if not s:
        return ""
    s = re.sub(r"\.(com|co\.id|id|net|online|org|news|tv|co|info)$", "", s.strip().lower())
    return re.sub(r"[^a-z0-9]", "", s)


# ---------- where the body starts ----------

def find_body_start(lines: list[Line], md: PageMeta, hint_title: str | None, templates: set[str]) -> int:
    """Index of the first body line. A dateline line found on the way is marked and read into `md`."""
    scan = lines[:HEADER_SCAN_LINES]
    prose_idx = [i for i, ln in enumerate(scan) if _is_running_text(ln.text) and not L.ends_with_credit(ln.text)]
    for i, ln in enumerate(scan):
        dl = meta.dateline_of(ln.text)
        if dl is None or L.is_date_line(ln.text):
            continue
        rest = ln.text[dl.end:].strip()
        # Header material above a dateline is short; two prose lines above it mean we are already in the body.
        if sum(1 for j in prose_idx if j < i) >= 2:
            break
        if not rest and not dl.weak and i + 1 < len(lines) and len(L.words(lines[i + 1].text)) >= 8:
            md.city, md.outlet = dl.city, dl.outlet
            ln.reason = "dateline"
            return i + 1
        if rest and (L.is_prose(rest) or (not dl.weak and len(L.words(rest)) >= 6)):
            md.city, md.outlet = dl.city, dl.outlet
            return i
    # No dateline: the body starts at the first running text, unless a byline or date still follows it (then it
    # was a teaser). Without running text near the top, at the first line after the title that reads as no header.
    anchor = _anchor(scan, prose_idx)
    menus = _menu_runs(scan)
    title = hint_title
    for i, ln in enumerate(scan):
        s = ln.text
        if _is_header_line(s, i, menus, templates) or (title and _same_or_near_title(s, title)):
            continue
        if anchor is not None and i < anchor:
            continue
        if i in prose_idx:
            return i
        if title is None and L.is_headline_like(s):
            if len(L.words(s)) >= 3:
                title = s
                continue
            if len(L.words(s)) <= lang_id.SECTION_MAX_WORDS and i + 1 < len(lines) \
                    and L.is_headline_like(lines[i + 1].text):
                continue  # a section word above the title
        return i
    return 0


def _is_running_text(s: str) -> bool:
    # A title may end with a quote mark ("... Politisi Korsel: 'Kesepakatan Setan'"); running text ends with a
    # sentence's punctuation, or is too long for anything else.
    return (L.is_sentence(s) or len(L.words(s)) >= 30) and not L.is_caption(s) and not L.rule_reason(s)


def _is_bylineish(s: str) -> bool:
    return L.is_date_line(s) or bool(meta.parse_byline(s)) or _split_byline_date(s) is not None


def _anchor(scan: list[Line], prose_idx: list[int]) -> int | None:
    """The first byline or date line with at most a teaser of running text above it."""
    for i, ln in enumerate(scan):
        if sum(1 for j in prose_idx if j < i) > MAX_PROSE_ABOVE_ANCHOR:
            return None
        if _is_bylineish(ln.text) and not (ln.text.lstrip().startswith(("-", "–", "—")) and i == 0):
            return i
    return None


def _is_header_line(s: str, i: int, menus: set[int], templates: set[str]) -> bool:
    return bool(L.rule_reason(s) or L.is_caption(s) or _is_bylineish(s) or i in menus or is_menu_line(s)
                or breadcrumb(s) is not None or L.norm_line(s) in templates)


def _same_or_near_title(s: str, title: str) -> bool:
    return L.norm_line(s) == L.norm_line(title) or near_title(s, title)


def near_title(s: str, title: str) -> bool:
    """A caption that repeats the title with small changes ("Makin akrab, ... diserang.-- ABCnews")."""
    a, b = set(re.findall(r"[^\W\d_]+", L.norm_line(s))), set(re.findall(r"[^\W\d_]+", L.norm_line(title)))
    return len(b) >= 4 and len(a & b) >= 0.9 * len(b) and len(a) <= len(b) + 3


# ---------- reading the header ----------

def read_header(header: list[Line], md: PageMeta, hint_title: str | None, templates: set[str],
                outlet_hint: str | None) -> None:
    """Give every header line its reason and fill `md` with title, section, masthead, byline, date, teaser."""
    menus = _menu_runs(header)
    brands = {_brand_key(x) for x in (outlet_hint, md.outlet) if x}
    if header and not header[0].reason and len(L.words(header[0].text)) <= lang_id.MASTHEAD_MAX_WORDS:
        brands.add(_brand_key(header[0].text))
    brands.discard("")
    # 1. What each line is by itself and by its neighbours.
    for i, ln in enumerate(header):
        if ln.reason:
            continue
        s = ln.text
        nxt = header[i + 1].text if i + 1 < len(header) else ""
        if (r := L.rule_reason(s)):
            ln.reason = r
            note_rule(ln, md)
        elif L.is_date_line(s):
            ln.reason = "date"
            md.published = md.published or meta.parse_published(s)
        elif (bd := _split_byline_date(s)):
            ln.reason = "byline"
            md.bylines += bd[0]
            md.published = md.published or bd[1]
        elif (by := meta.parse_byline(s)) and (i > 0 or s.lstrip().startswith(("-", "–", "—"))):
            ln.reason = "byline"
            md.bylines += by
        elif i > 0 and (name := _outlet_byline(s, brands, L.is_date_line(nxt))):
            ln.reason = "byline"
            md.bylines.append((name, "author"))
        elif L.is_caption(s) and not (hint_title and _same_or_near_title(s, hint_title)):
            ln.reason = "caption"
        elif breadcrumb(s) is not None:
            ln.reason = "breadcrumb"
        elif is_menu_line(s):
            ln.reason = "navigation"
    # 2. The title: given, or the headline nearest above the anchor.
    title_at = _choose_title(header, md, hint_title, menus, templates)
    if title_at is not None and md.title is None:
        md.title = header[title_at].text
    if title_at is not None:
        header[title_at].reason = "title"
    # 3. Masthead and tagline on top, the section right above the title, menus in between.
    top = title_at if title_at is not None else len(header)
    free = [i for i in range(top) if header[i].reason is None]
    section_at = _section_above(header, top)
    if free and free[0] == 0 and free[0] != section_at and title_at is not None:
        header[0].reason = "masthead"
        md.masthead = header[0].text
        if len(free) > 1 and free[1] == 1 and free[1] != section_at \
                and len(L.words(header[1].text)) <= lang_id.TAGLINE_MAX_WORDS and not L.is_prose(header[1].text):
            header[1].reason = "tagline"
    if section_at is not None:
        ln = header[section_at]
        if ln.reason == "breadcrumb":
            crumbs = breadcrumb(ln.text) or []
            md.section = crumbs[-1] if crumbs else None
        else:
            md.section = ln.text
            ln.reason = "section"
        if md.section and md.section.isupper():
            md.section = md.section.title()
    for i in range(top):
        if header[i].reason is None:
            header[i].reason = "navigation" if (i in menus or L.norm_line(header[i].text) in templates) else "header"
    # 4. Below the title: repeats of it, the teaser, captions.
    for ln in header[top:]:
        if ln.reason:
            continue
        s = ln.text
        if md.title and L.norm_line(s) == L.norm_line(md.title):
            ln.reason = "repeated title"
        elif md.title and near_title(s, md.title):
            ln.reason = "repeated title"
            if (c := meta.credit_name(s)):
                md.credits.append(c)
        elif L.is_caption(s) or L.ends_with_credit(s):
            ln.reason = "caption"
        elif md.description is None and L.is_prose(s):
            md.description = s
            ln.reason = "description"
        else:
            ln.reason = "header"


def _choose_title(header: list[Line], md: PageMeta, hint_title: str | None, menus: set[int],
                  templates: set[str]) -> int | None:
    if hint_title:
        md.title = hint_title
        for i, ln in enumerate(header):
            if L.norm_line(ln.text) == L.norm_line(hint_title):
                return i
        return None
    cands = [i for i, ln in enumerate(header)
             if ln.reason is None and i not in menus and L.norm_line(ln.text) not in templates
             and L.is_headline_like(ln.text) and len(L.words(ln.text)) >= 3 and not L.is_caption(ln.text)]
    if not cands:
        return None
    anchor = next((i for i, ln in enumerate(header) if ln.reason in ("date", "byline")), None)
    if anchor is not None:
        above = [i for i in cands if i < anchor]
        if above:
            # A title printed twice ("Title" / "Title") is one title: take the first of the repeats.
            best = above[-1]
            while best - 1 in above and L.norm_line(header[best - 1].text) == L.norm_line(header[best].text):
                best -= 1
            below = [i for i in cands if i > anchor]
            # Only the page's first line above the date, and a headline below it: the first line is the masthead.
            if best > 0 or not below or len(L.words(header[0].text)) > lang_id.MASTHEAD_MAX_WORDS:
                return best
        below = [i for i in cands if i > anchor]
        if below:
            return below[0]
    # No anchor: a short first line above another headline is the masthead, not the title.
    if len(cands) > 1 and cands[0] == 0 and len(L.words(header[0].text)) <= lang_id.MASTHEAD_MAX_WORDS \
            and len(L.words(header[cands[1]].text)) > len(L.words(header[0].text)):
        return cands[1]
    return cands[0]


def _section_above(header: list[Line], top: int) -> int | None:
    """The kicker right above the title: a short line ("Maritim", "ENVIRONMENT", "World / Southeast Asia"),
    or the last crumb of a breadcrumb there."""
    i = top - 1
    while i >= 0 and header[i].reason in ("share bar", "ad marker", "caption"):
        i -= 1
    if i < 0:
        return None
    ln = header[i]
    if ln.reason == "breadcrumb":
        crumbs = breadcrumb(ln.text) or []
        if crumbs and len(L.words(crumbs[-1])) <= lang_id.SECTION_MAX_WORDS:
            return i
        return None
    if ln.reason is None and len(L.words(ln.text)) <= lang_id.SECTION_MAX_WORDS and not re.search(r"\d", ln.text) \
            and not L.ends_sentence(ln.text):
        return i
    return None


def note_rule(ln: Line, md: PageMeta) -> None:
    """What a boilerplate line tells about the article: pagination makes it partial, a syndication note credits."""
    if ln.reason == "pagination":
        m = re.search(r"(\d+)\s*(?:/|dari|of)\s*(\d+)", ln.text)
        if not m or int(m.group(1)) < int(m.group(2)):
            md.partial = True
    elif ln.reason == "syndication note" and (c := meta.credit_name(ln.text)):
        md.credits.append(c)


def outlet_name(masthead: str) -> str:
    """"HARIAN LINTAS" -> "Harian Lintas"; a mixed-case or domain masthead ("KabarNusa.id") stays as printed."""
    s = masthead.strip()
    return s.title() if s.isupper() and "." not in s else s


def same_outlet(a: str | None, b: str | None) -> bool:
    ka, kb = _brand_key(a), _brand_key(b)
    return bool(ka and kb) and (ka == kb or ka in kb or kb in ka)
