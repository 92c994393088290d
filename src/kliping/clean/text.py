"""Clean flattened page text (text copied from a web page) into an article body and its metadata.

The page is read as lines. Each line is judged alone (`clean.lines`: share bars, promos, captions, dates ...),
then in its place on the page:

* the **header** (everything above the dateline "CITY, OUTLET -", or above the first line of prose) holds the title,
  section, byline, date, teaser and captions: none of it is body, and it gives the metadata;
* in the **body**, a list header ("Berita Terkait") opens a block of headlines that runs until prose resumes,
  a comment form ends the article, and lines learned as the outlet's template (`clean.templates`) go;
* at the **tail**, credits ("Sumber: ..."), columnist bylines and the outlet's own promos go;
* a paragraph broken mid-sentence by the copy (a line without final punctuation followed by a lower-case line) is
  joined again.

Every removed line is recorded with its reason.
"""

from __future__ import annotations

import re

from kliping.clean import lines as L
from kliping.clean import meta
from kliping.clean.header import (
    Line,
    PageMeta,
    find_body_start,
    is_menu_line,
    note_rule,
    outlet_name,
    read_header,
    same_outlet,
)
from kliping.clean.published import set_published
from kliping.lang import id as lang_id
from kliping.model import Article, Byline, Removed

# A line of the outlet's learned template is only removed when short: a long prose line repeated across
# pages is a reused paragraph (detik reuses background paragraphs across a story's articles), not a template.
TEMPLATE_MAX_CHARS = 300
# Columnist bylines and source credits sit in the last lines of a page.
TAIL_LINES = 4


def clean_text_article(art: Article) -> Article:
    """Fill `art` (kind text) with clean paragraphs, removed lines and metadata. Pure: reads only `art`."""
    raw = art.raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    lines = [Line(n, t.strip()) for n, t in enumerate(raw.split("\n"), 1) if t.strip()]
    if art.hints.get("clean"):
        paras = _paragraphs_of_clean(raw)
        _fill(art, paras, [], PageMeta(title=art.hints.get("title")))
        return art
    md = PageMeta()
    templates = {L.norm_line(t) for t in art.template_lines}
    outlet_hint = art.hints.get("outlet") or meta.outlet_from_url(art.url)
    hint_title = art.hints.get("title")

    body_start = find_body_start(lines, md, hint_title, templates)
    read_header(lines[:body_start], md, hint_title, templates, outlet_hint)
    brand = meta.brand_of(outlet_hint) or meta.brand_of(md.masthead) or meta.brand_of(md.outlet)
    _judge_body(lines[body_start:], md, templates, brand)
    _judge_tail(lines[body_start:], md, brand)
    kept = [ln for ln in lines[body_start:] if ln.reason is None]
    paras = _join_broken(kept)
    removed = [Removed(ln.text, ln.reason or "") for ln in lines if ln.reason is not None]
    _fill(art, paras, removed, md)
    return art


# ---------- body ----------

def _judge_body(body: list[Line], md: PageMeta, templates: set[str], brand: str | None) -> None:
    in_list = False
    ended = False
    prev_promo = False
    for ln in body:
        if ln.reason:
            continue
        s = ln.text
        if ended:
            ln.reason = "after comment form"
            continue
        r = L.rule_reason(s)
        if r in lang_id.TAIL_STARTERS:
            ln.reason, ended = r, True
            continue
        if r in lang_id.LIST_HEADER_REASONS:
            ln.reason, in_list = r, True
            continue
        if in_list:
            if L.is_prose(s) and not L.is_date_line(s) and not r:
                in_list = False
            else:
                ln.reason = r or ("timestamp" if L.is_date_line(s) else "related list")
                note_rule(ln, md)
                continue
        if r:
            ln.reason = r
            note_rule(ln, md)
            continue
        if md.title and L.norm_line(s) == L.norm_line(md.title):
            ln.reason = "repeated title"
        elif L.is_date_line(s):
            ln.reason = "timestamp"
            md.published = md.published or meta.parse_published(s)
        elif L.is_caption(s):
            ln.reason = "caption"
        elif is_menu_line(s):
            ln.reason = "navigation"
        elif _is_outlet_blurb(s, md):
            ln.reason = "outlet blurb"
        elif len(s) <= TEMPLATE_MAX_CHARS and L.norm_line(s) in templates:
            ln.reason = "outlet template"
        elif (brand and _is_brand_promo(s, brand)) or (
                prev_promo and re.fullmatch(lang_id.PROMO_CONTINUATION, s, re.IGNORECASE)):
            ln.reason = "outlet promo"
        prev_promo = ln.reason == "outlet promo"


def _is_outlet_blurb(s: str, md: PageMeta) -> bool:
    """"Nusantara Dispatch is an independent English-language news service ...": the outlet describing itself."""
    names = [x for x in (md.masthead, md.outlet) if x]
    low = s.lower()
    return any(low.startswith(n.lower()) and re.match(lang_id.OUTLET_BLURB, low[len(n):].strip()) for n in names)


def _is_brand_promo(s: str, brand: str) -> bool:
    low = s.lower()
    if brand not in low.replace(" ", "") or s.lstrip().startswith(('"', "“")):
        return False
    # Reporting that cites or mentions the outlet ("Dikutip dari detikFinance, ...", "kata dia kepada detikcom")
    # is body; a promo invites the reader to watch, follow or read more of the outlet.
    if re.search(r"(dikutip|dilansir|mengutip|kepada|ditulis)\W*(dari)?\W*" + re.escape(brand), low):
        return False
    words = lang_id.PROMO_WORDS + (lang_id.SHORT_PROMO_WORDS if len(s) < 90 else [])
    return any(re.search(rf"\b{re.escape(w)}", low) for w in words)


def _judge_tail(body: list[Line], md: PageMeta, brand: str | None) -> None:
    kept = [ln for ln in body if ln.reason is None]
    for ln in reversed(kept[-TAIL_LINES:]):
        s = ln.text
        if re.match(r"^(sumber|source)\s*:", s, re.I) or re.fullmatch(r"[-–—]{1,2}\s*[A-Z][\w .&]{1,40}", s):
            ln.reason = "source credit"
            if (c := meta.credit_name(s)):
                md.credits.append(c)
        elif _columnist_byline(s):
            ln.reason = "author byline"
            md.bylines.append((_columnist_byline(s) or "", "author"))
        elif (by := meta.parse_byline(s)) and len(s) < 80:
            ln.reason = "byline"
            md.bylines += by
        elif brand and len(s) < 90 and brand in s.lower().replace(" ", "") and not L.is_prose(s):
            ln.reason = "outlet promo"
        elif re.fullmatch(r"[\"“].{3,60}[\"”]", s) and brand and brand in s.lower().replace(" ", ""):
            ln.reason = "outlet promo"  # a programme's slogan ("Detik Pagi, Jangan Tidur Lagi!")
        elif re.fullmatch(r"\(\s*[a-z]{2,5}(\s*/\s*[a-z]{2,5})*\s*\)", s, re.I):
            ln.reason = "initials"  # "(ant/rds)": agency and editor initials closing a story
        else:
            break


_COLUMNIST = re.compile(r"^(?P<name>(?:(?:Dr|Prof|Ir|H|Hj|KH|Drs)\.?\s+)*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,4})"
                        r"\s?[.,](?P<title>[A-Z][^.!?]{2,100})\.?$")


def _columnist_byline(s: str) -> str | None:
    """"Dr Endang Tirtana.Pemerhati Politik dan Sosial", "Said Abdullah,Fraksi PDI Perjuangan": a name glued to a
    role by a period or comma without a space, the way detik's column pages flatten."""
    m = _COLUMNIST.match(s)
    if not m or len(s) > 140 or re.search(r"[.,]\s", m.group("name")):
        return None
    glued = s[len(m.group("name")):len(m.group("name")) + 2]
    if not re.match(r"[.,]\S", glued.lstrip()):
        return None
    return m.group("name").strip()


# ---------- paragraphs ----------

def _join_broken(kept: list[Line]) -> list[str]:
    """Join a paragraph the copy broke mid-sentence: a line without final punctuation whose next line starts
    lower-case (seed 001: "... karena telah mengambil" / "langkah-langkah strategis ...")."""
    paras: list[str] = []
    for ln in kept:
        if paras and not L.ends_sentence(paras[-1]) and not paras[-1].endswith(":") \
                and re.match(r"^[a-z]", ln.text) and len(L.words(paras[-1])) >= 4:
            paras[-1] = f"{paras[-1]} {ln.text}"
        else:
            paras.append(ln.text)
    return paras


def _paragraphs_of_clean(raw: str) -> list[str]:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", raw) if b.strip()]
    if len(blocks) == 1 and "\n" in blocks[0]:
        blocks = [x.strip() for x in blocks[0].split("\n") if x.strip()]
    return [re.sub(r"\s*\n\s*", " ", b) for b in blocks]


def _fill(art: Article, paras: list[str], removed: list[Removed], md: PageMeta) -> None:
    art.paragraphs = paras
    art.text = "\n\n".join(paras)
    art.removed = removed
    art.title = art.hints.get("title") or md.title
    art.section = md.section
    art.description = md.description
    art.dateline = md.city
    art.partial = md.partial
    set_published(art, md.published)
    # The masthead names the publisher; a dateline naming another outlet says where the story was copied from.
    masthead = outlet_name(md.masthead) if md.masthead else None
    art.outlet = art.hints.get("outlet") or masthead or md.outlet or meta.outlet_from_url(art.url)
    if md.outlet and not same_outlet(md.outlet, art.outlet):
        md.credits.append(md.outlet)
    seen = set()
    for name, role in md.bylines:
        if name and name.lower() not in seen:
            seen.add(name.lower())
            art.bylines.append(Byline(name, role))
    art.authors = [b.name for b in art.bylines]
    cited = meta.cited_in(art.text) + md.credits
    for r in removed:
        if r.reason in {"caption", "repeated title"} and (c := meta.credit_name(r.line)) and "/" not in c:
            cited.append(c)
    out: list[str] = []
    for c in cited:
        if c and c.lower() not in {x.lower() for x in out} and (not art.outlet or c.lower() != art.outlet.lower()):
            out.append(c)
    art.cited_sources = out
