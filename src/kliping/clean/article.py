"""The per-article cleaning stage: dispatch on the page's kind, then detect the language."""

from __future__ import annotations

from kliping.clean.html import clean_html_article
from kliping.clean.text import clean_text_article
from kliping.lang.detect import detect_language
from kliping.model import Article


def clean_article(art: Article) -> Article:
    """Clean one article in place and return it. Pure: depends only on the article (and its learned templates)."""
    if art.kind == "html":
        clean_html_article(art)
    else:
        clean_text_article(art)
    art.language = detect_language(" ".join(filter(None, [art.title, art.text[:3000]])))
    return art
