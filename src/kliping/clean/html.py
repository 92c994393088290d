"""HTML pages -> Article, with trafilatura (placeholder until the HTML path lands)."""
from kliping.model import Article
def clean_html_article(art: Article) -> Article:
    return art
