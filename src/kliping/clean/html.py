"""HTML pages -> Article, through trafilatura (the best open-source main-text extractor on public benchmarks).

Trafilatura gives the main text and the page's metadata (title, author, date, site name, description,
categories). Kliping then applies its own line rules to the extracted paragraphs (Indonesian "Baca Juga" links
and video promos sit inside article bodies, where no extractor removes them), and fills what trafilatura left
empty from the page-text cleaner. When trafilatura finds too little text (a page it misjudges), we fall back to
its recall-oriented mode, then to the page's whole visible text run through the flattened-text cleaner.
"""

from __future__ import annotations

import re
from typing import Any

from kliping.clean import lines as L
from kliping.clean import meta
from kliping.clean.published import normalise_published, set_published
from kliping.clean.text import clean_text_article
from kliping.model import Article, Byline, Removed

# Below this many characters of text an extraction is taken as a miss and the fallbacks run. 250 characters is
# about two sentences: shorter "articles" in trafilatura's own evaluation corpus are nearly all extraction failures.
MIN_TEXT_CHARS = 250


def _extract(html: str, url: str | None, **options: Any) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True,
                                       date_extraction_params={"extensive_search": True, "original_date": True,
                                                               "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
                                       **options)


def clean_html_article(art: Article) -> Article:
    html = art.raw
    doc = _extract(html, art.url)
    text = (doc.text if doc is not None else "") or ""
    if len(text) < MIN_TEXT_CHARS:
        alt = _extract(html, art.url, favor_recall=True)
        if alt is not None and len(alt.text or "") > len(text):
            doc, text = alt, alt.text or ""
    if len(text) < MIN_TEXT_CHARS:
        return _fallback_visible_text(art, doc)
    paragraphs, removed = [], []
    for para in (p.strip() for p in text.split("\n")):
        if not para:
            continue
        reason = L.rule_reason(para)
        if reason and reason not in {"comment counter", "list header"}:
            removed.append(Removed(para, reason))
        else:
            paragraphs.append(para)
    art.paragraphs = paragraphs
    art.text = "\n\n".join(paragraphs)
    art.removed = removed
    _metadata(art, doc)
    return art


def _metadata(art: Article, doc: Any) -> None:
    hints = art.hints
    if doc is None:
        doc_title = doc_author = doc_date = doc_site = doc_desc = None
        cats: list[str] = []
    else:
        doc_title, doc_author, doc_date = doc.title, doc.author, doc.date
        doc_site, doc_desc, cats = doc.sitename, doc.description, list(doc.categories or [])
    declared = _declared_meta(art.raw)
    art.title = hints.get("title") or (doc_title or None)
    set_published(art, _with_time(_iso(doc_date), declared))
    page_url = art.url or (doc.url if doc else None)
    # The site's own og:site_name beats trafilatura's guess, which may be the publishing company from a footer.
    art.outlet = hints.get("outlet") or declared.get("site") or (doc_site or None) or meta.outlet_from_url(page_url)
    if declared.get("author") and doc_author and re.sub(r"\W", "", declared["author"].lower()) == re.sub(
            r"\W", "", doc_author.lower()):
        doc_author = declared["author"]  # trafilatura drops the period of "Moh. Fadli"; keep the name as printed
    if doc_author:
        for name in re.split(r"\s*;\s*", doc_author):
            if name and name.lower() not in {b.name.lower() for b in art.bylines}:
                art.bylines.append(Byline(name, "author"))
    art.authors = [b.name for b in art.bylines]
    art.description = doc_desc or None
    art.section = cats[0] if cats else None
    first = art.paragraphs[0] if art.paragraphs else ""
    dl = meta.dateline_of(first)
    if dl:
        art.dateline = dl[0]
    cited = meta.cited_in(art.text)
    art.cited_sources = [c for c in dict.fromkeys(cited) if not art.outlet or c.lower() != art.outlet.lower()]
    if not art.url and doc is not None and doc.url:
        art.url = doc.url


_DECLARED_TIME = ("article:published_time", "og:published_time", "datepublished", "date", "dc.date.issued",
                  "pubdate", "publishdate", "sailthru.date")


def _declared_meta(html: str) -> dict[str, str]:
    """What the page declares about itself in <meta> tags and JSON-LD: publication time with its zone, site name.

    trafilatura (through htmldate) keeps only the day of "article:published_time" = "2025-03-03T11:48:00+08:00";
    a news monitor needs the hour and the zone, so we read the declaration itself."""
    from lxml import html as lxml_html

    out: dict[str, str] = {}
    try:
        tree = lxml_html.fromstring(html.encode("utf-8", "replace"))
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return out
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        val = (el.get("content") or "").strip()
        if not val:
            continue
        if key == "og:site_name" and "site" not in out:
            out["site"] = val
        elif key in ("author", "article:author") and "author" not in out and not val.startswith("http"):
            out["author"] = val
        elif key in _DECLARED_TIME and "time" not in out and re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", val):
            out["time"] = val
    if "time" not in out:
        m = re.search(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2}T[^"]+)"', html)
        if m:
            out["time"] = m.group(1)
    return out


def _with_time(day: str | None, declared: dict[str, str]) -> str | None:
    """The declared publication time when it falls on the day found (or no day was found), else the day."""
    t = normalise_published(declared.get("time"))[0]
    if t and (not day or t[:10] == day[:10]):
        return t
    return day


def _iso(date: str | None) -> str | None:
    """trafilatura/htmldate give "2023-09-14T13:15:00+0700"; ISO 8601 wants the offset as +07:00."""
    if not date:
        return None
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})([+-]\d{2})(\d{2})?", date)
    if m:
        if m.group(2) == "00:00:00" and not m.group(3):
            return m.group(1)
        return f"{m.group(1)}T{m.group(2)}{m.group(3)}:{m.group(4) or '00'}"
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T00:00:00", date)
    return m.group(1) if m else date


def _fallback_visible_text(art: Article, doc: Any) -> Article:
    """The page's visible text, cleaned as flattened page text: better than an empty article."""
    import trafilatura

    visible = trafilatura.html2txt(art.raw) or ""
    note = "HTML extraction found little text; used the page's visible text"
    if len(visible) < MIN_TEXT_CHARS:
        streamed = streamed_text(art.raw)
        if len(streamed) > len(visible):
            # libxml2 (under trafilatura and lxml) stops at 256 levels of nesting and returns nothing: a page of
            # 50,000 nested <div>s gave an empty article. The standard library's tokenizer keeps no tree.
            visible = streamed
            note = "HTML too deeply nested or broken for the HTML parser; read its visible text without structure"
    html = art.raw
    art.raw = "\n".join(x for x in re.split(r"\n|(?<=[.!?])\s{2,}", visible))
    clean_text_article(art)
    art.raw = html
    title, outlet = art.title, art.outlet
    _metadata(art, doc)
    art.title = art.title or title or _title_tag(html)
    art.outlet = art.outlet or outlet
    art.warnings.append(note)
    return art


def _title_tag(html: str) -> str | None:
    import html as html_lib

    m = re.search(r"<title[^>]*>([^<]{1,300})</title>", html[:20000], re.I)
    return " ".join(html_lib.unescape(m.group(1)).split()) or None if m else None


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote",
               "title", "header", "footer", "figcaption", "pre", "table", "ul", "ol", "dd", "dt"}
_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "svg"}


def streamed_text(html: str) -> str:
    """Visible text of any HTML, however deep or broken, from a token stream (no tree): one line per block."""
    from html.parser import HTMLParser

    out: list[str] = []
    hidden = [0]

    class Visible(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in _INVISIBLE_TAGS:
                hidden[0] += 1
            elif tag in _BLOCK_TAGS:
                out.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in _INVISIBLE_TAGS:
                hidden[0] = max(0, hidden[0] - 1)
            elif tag in _BLOCK_TAGS:
                out.append("\n")

        def handle_data(self, data: str) -> None:
            if not hidden[0]:
                out.append(data)

    parser = Visible(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    lines = (" ".join(x.split()) for x in "".join(out).split("\n"))
    return "\n".join(x for x in lines if x)
