"""The per-article cleaning stage: dispatch on the page's kind, then detect the language."""

from __future__ import annotations

from kliping.clean.html import clean_html_article
from kliping.clean.text import clean_text_article
from kliping.lang.detect import detect_language
from kliping.model import Article

# An article has at least this many words of body text after cleaning. A page holding just "hello", a script-only
# HTML page, an error page ("404 Not Found nginx", "Access denied") or a page of navigation links cleaned away has
# fewer. The shortest real report in our data is an ECB+ document of 7 words ("The parliament election is over in
# Turkmenistan."): 8 rejected it (ECB+ B-cubed 0.962 -> 0.960), so 5.
MIN_ARTICLE_WORDS = 5


def lacks_text(art: Article, minimum: int = MIN_ARTICLE_WORDS) -> str | None:
    """Why a cleaned article is not an article (fewer than `minimum` words of text), or None."""
    n = len(art.text.split())
    if n >= minimum:
        return None
    return f"no article text: {n} word{'' if n == 1 else 's'} after cleaning (an article has at least " \
           f"{minimum})"


def clean_article(art: Article) -> Article:
    """Clean one article in place and return it. Pure: depends only on the article (and its learned templates)."""
    if art.kind == "html":
        clean_html_article(art)
    else:
        clean_text_article(art)
    art.language = detect_language(" ".join(filter(None, [art.title, art.text[:3000]])))
    return art
