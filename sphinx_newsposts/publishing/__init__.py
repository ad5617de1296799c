"""Step 5, publishing: takes the post index and the pages' addresses and gives what a news
publisher emits besides pages: head metadata and JSON-LD, feeds, sitemaps and redirects, all
with absolute URLs; the search index of the written pages; and, from the same old addresses the
redirects are written from, links between posts by their Jekyll address made to lead to the
post's page."""

from __future__ import annotations

from sphinx.application import Sphinx

from .address_links import setup_address_links
from .feeds import setup_feeds
from .head import setup_head
from .redirects import setup_redirects
from .search import setup_search
from .sitemaps import setup_sitemaps
from .social_cards import setup_social_cards

__all__ = ["setup_publishing"]


def setup_publishing(app: Sphinx) -> None:
    setup_head(app)
    setup_social_cards(app)
    setup_feeds(app)
    setup_sitemaps(app)
    setup_redirects(app)
    setup_address_links(app)
    setup_search(app)
