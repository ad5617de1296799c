"""Posts as listings show them (cards), with links relative to the page showing them."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .archive_urls import archive_docname
from .images import image_src
from .post_index import post_index
from .post_meta import ImageRef, PostMeta


def link(app: Sphinx, pagename: str, target: str) -> str:
    return app.builder.get_relative_uri(pagename, target) or "#"  # "" is the page itself


def label_links(app: Sphinx, pagename: str, kind: str, labels: list[str]) -> list[dict[str, str]]:
    result = []
    for label in labels:
        target = archive_docname(app, kind, label)
        result.append({"name": label, "url": link(app, pagename, target) if target else ""})
    return result


def image_context(app: Sphinx, pagename: str, image: ImageRef | None, fallback_alt: str) -> dict[str, Any] | None:
    if image is None:
        return None
    return {"src": image_src(app, pagename, image), "alt": image.alt or fallback_alt,
            "width": image.width, "height": image.height}


def post_card(app: Sphinx, pagename: str, meta: PostMeta) -> dict[str, Any]:
    """What a listing needs to show one post."""
    return {
        "docname": meta.docname,
        "url": link(app, pagename, meta.docname),
        "title": meta.title,
        "date": meta.date,
        "updated": meta.updated,
        "summary": meta.summary,
        "reading_time": meta.reading_time,
        "tags": label_links(app, pagename, "tag", meta.tags),
        "categories": label_links(app, pagename, "category", meta.categories),
        "authors": label_links(app, pagename, "author", meta.authors),
        "teaser": image_context(app, pagename, meta.teaser, meta.title),
    }


def cards_for(app: Sphinx, pagename: str, docnames: list[str]) -> list[dict[str, Any]]:
    metas = post_index(app.env).meta
    return [post_card(app, pagename, metas[name]) for name in docnames if name in metas]
