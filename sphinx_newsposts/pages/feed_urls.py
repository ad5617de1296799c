"""Where the feeds are: the site's, and each tag's and category's, beside its archive page.
Pages link to them and publishing writes them."""

from __future__ import annotations

from sphinx.application import Sphinx

from .archive_urls import archive_docname
from .site_urls import base_url

__all__ = ["FEED_FILES", "LABEL_FEED_KINDS", "builds_feeds", "feed_paths"]

FEED_FILES = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}
LABEL_FEED_KINDS = ("tag", "category")
#: HTML builders whose output is not a web site (or is a single page) get no feeds.
_BUILDERS_WITHOUT_FEEDS = {"json", "pickle", "epub", "singlehtml"}


def builds_feeds(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name not in _BUILDERS_WITHOUT_FEEDS


def feed_paths(app: Sphinx, kind: str | None = None, label: str | None = None) -> dict[str, str]:
    """``{"atom": ..., "rss": ..., "json": ...}``: output paths (POSIX, relative to the
    output root) of the site's feeds, or of a tag's or category's; empty when that feed
    is not written (no ``html_baseurl``, label feeds off, a label without posts)."""
    if not base_url(app) or not builds_feeds(app):
        return {}
    if kind is None:
        folder = app.config.blog_path.strip("/")
    elif kind in LABEL_FEED_KINDS and app.config.newsposts_label_feeds and label is not None:
        folder = archive_docname(app, kind, label)
    else:
        folder = None
    if folder is None:
        return {}
    return {feed: f"{folder}/{name}".lstrip("/") for feed, name in FEED_FILES.items()}
