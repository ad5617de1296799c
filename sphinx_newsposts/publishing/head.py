"""Everything a page adds to ``<head>`` for search engines and social sites:
description and keywords, OpenGraph and Twitter tags, JSON-LD, feed autodiscovery.

Values are escaped here (Sphinx templates do not escape ``metatags``). When
sphinxext-opengraph is also enabled, a tag it already wrote is not written again.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..build.prepared_pages import prepare_when_resolved, take_prepared
from ..components import page_questions, page_sources
from ..index.post_index import post_index
from ..pages.feed_urls import feed_paths
from ..pages.responsive_images import shared_image
from ..pages.site_urls import base_url, file_url, page_url, require_base_url
from ..reading.post_meta import PostMeta
from . import jsonld
from .descriptions import page_description, sphinx_page_title, text_of_title
from .social_cards import published_card
from .structured_data import faq_page, json_ld_element

_WRITTEN_PROPERTY = re.compile(r'<meta\s+(?:property|name)="([^"]+)"')
#: Regions for languages given without one (og:locale wants language_TERRITORY).
_DEFAULT_TERRITORY = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "pt": "BR", "nl": "NL",
                      "ja": "JP", "zh": "CN", "ko": "KR", "pl": "PL", "sv": "SE", "da": "DK"}


def og_locale(language: str | None) -> str:
    code = (language or "en").replace("-", "_")
    if "_" in code:
        language_part, territory = code.split("_", 1)
        return f"{language_part.lower()}_{territory.upper()}"
    return f"{code.lower()}_{_DEFAULT_TERRITORY.get(code.lower(), code.upper())}"


def _meta(attribute: str, name: str, value: str | int) -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(str(value))}" />'


def _social_tags(app: Sphinx, pagename: str, title: str, meta: PostMeta | None,
                 description: str) -> list[tuple[str, str, Any]]:
    """(attribute, name, value) of the OpenGraph and Twitter tags of a page."""
    is_article = meta is not None and meta.is_post
    tags = [("property", "og:type", "article" if is_article else "website"),
            ("property", "og:title", meta.title if meta else title),
            ("property", "og:url", page_url(app, pagename)),
            ("property", "og:site_name", app.config.project),
            ("property", "og:locale", og_locale(app.config.language))]
    if description:
        tags.append(("property", "og:description", description))
    image = meta.og_image if meta else None
    if image is not None:
        shared = shared_image(app, image)  # a wide image's 1200-px copy
        tags.append(("property", "og:image", shared.url))
        if shared.width and shared.height:
            tags += [("property", "og:image:width", shared.width), ("property", "og:image:height", shared.height)]
        tags.append(("property", "og:image:alt", image.alt or meta.title))
    card = published_card(app, pagename) if image is None else None
    if card is not None:  # a post naming no image: its generated card
        tags += [("property", "og:image", card.url(app)), ("property", "og:image:width", card.width),
                 ("property", "og:image:height", card.height), ("property", "og:image:alt", card.alt),
                 ("name", "twitter:image", card.url(app)), ("name", "twitter:image:alt", card.alt)]
    if is_article and meta.date:
        tags.append(("property", "article:published_time", meta.date.isoformat()))
        tags.append(("property", "article:modified_time", (meta.updated or meta.date).isoformat()))
    if is_article:
        tags += [("property", "article:section", category) for category in meta.categories]
        tags += [("property", "article:tag", tag) for tag in meta.tags]
        for author in meta.authors:
            tags.append(("property", "article:author", jsonld.person(app, author).get("url", author)))
    large = image is not None or card is not None
    tags.append(("name", "twitter:card", "summary_large_image" if large else "summary"))
    return tags


def _feed_links(app: Sphinx, context: dict) -> list[str]:
    types = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}
    links = []
    archive = context.get("newsposts_archive")
    label_feeds = []
    if archive and archive["kind"] in ("tag", "category") and app.config.newsposts_label_feeds:
        label_feeds = [(feed_paths(app, archive["kind"], archive["label"]), archive["title"])]
    for paths, title in [(feed_paths(app), app.config.project), *label_feeds]:
        for kind, path in paths.items():
            links.append(f'<link rel="alternate" type="{types[kind]}" title="{escape(title)}" '
                         f'href="{escape(file_url(app, path))}" />')
    return links


def _page_tags(app: Sphinx, pagename: str, title: str, meta: PostMeta | None,
               doctree: nodes.document | None, description: str) -> list[tuple[str, str]]:
    """(name, tag) of what the page adds to ``<head>`` before its feed links; a tag named ``""``
    is always written, others only where another extension did not write that name."""
    tags: list[tuple[str, str]] = []
    if description:
        tags.append(("description", _meta("name", "description", description)))
    if meta and meta.keywords:
        tags.append(("keywords", _meta("name", "keywords", ", ".join(meta.keywords))))
    questions = page_questions(doctree)
    if questions:
        tags.append(("", json_ld_element(faq_page(questions))))
    if base_url(app) or require_base_url(app, "OpenGraph tags, JSON-LD and feed links"):
        for attribute, name, value in _social_tags(app, pagename, title, meta, description):
            tags.append(("" if name.startswith("article:") else name, _meta(attribute, name, value)))
        if meta and meta.is_post and not meta.draft:
            tags.append(("", json_ld_element(jsonld.article(app, meta, page_sources(doctree)))))
            tags.append(("", json_ld_element(jsonld.breadcrumbs(app, meta))))
        if pagename == app.config.root_doc:
            tags.append(("", json_ld_element(jsonld.website(app))))
    return tags


def _post_page_tags(app: Sphinx, pagename: str, doctree: nodes.document | None) -> list[tuple[str, str]] | None:
    """The tags of a page with front matter, which need nothing of the template context
    (None for other pages: their og:title is the page's title as the template gets it)."""
    meta = post_index(app.env).meta.get(pagename)
    if meta is None:
        return None
    description = page_description(app, pagename, meta.title, doctree, summary=meta.summary)
    return _page_tags(app, pagename, meta.title, meta, doctree, description)


def _context_page_tags(app: Sphinx, pagename: str, context: dict,
                       doctree: nodes.document | None) -> list[tuple[str, str]]:
    """The tags of a page without front matter, titled as the template context has it."""
    # Sphinx hands the title over as HTML: its text, with entities read, is what _meta escapes.
    title = text_of_title(context.get("title")) or sphinx_page_title(pagename)
    description = page_description(app, pagename, title, doctree, archive=context.get("newsposts_archive"))
    return _page_tags(app, pagename, title, None, doctree, description)


def _head_tags(app: Sphinx, pagename: str, templatename: str, context: dict,
               doctree: nodes.document | None) -> None:
    if app.builder.format != "html":
        return
    written = set(_WRITTEN_PROPERTY.findall(context.get("metatags", "")))

    def work_out() -> list[tuple[str, str]]:
        tags = _post_page_tags(app, pagename, doctree)
        return tags if tags is not None else _context_page_tags(app, pagename, context, doctree)

    page_tags = take_prepared(doctree, "head", work_out)
    tags = [tag for name, tag in page_tags if not name or name not in written]
    if base_url(app):
        tags += _feed_links(app, context)
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags)


def setup_head(app: Sphinx) -> None:
    # after sphinxext-opengraph (default priority), so that its tags are seen and not repeated
    prepare_when_resolved(app, "head", _post_page_tags)
    app.connect("html-page-context", _head_tags, priority=900)
