"""schema.org records for a page's JSON-LD: the article, its breadcrumbs, the site."""

from __future__ import annotations

import posixpath
from typing import Any

from sphinx.application import Sphinx

from ..pages.archive_urls import archive_docname
from ..pages.responsive_images import shared_image
from ..pages.site_urls import base_url, file_url, page_url
from ..reading.post_meta import PostMeta
from .social_cards import published_card

CONTEXT = "https://schema.org"


def publisher(app: Sphinx) -> dict[str, Any]:
    """The publishing Organization: newsposts_publisher, else the project and html_logo."""
    configured = app.config.newsposts_publisher
    record: dict[str, Any] = {"@type": "Organization", "name": configured.get("name") or app.config.project,
                              "url": configured.get("url") or base_url(app)}
    logo = configured.get("logo") or (
        f"_static/{posixpath.basename(app.config.html_logo)}" if app.config.html_logo else "")
    if logo:
        record["logo"] = {"@type": "ImageObject", "url": logo if "://" in logo else file_url(app, logo)}
    return record


def person(app: Sphinx, name: str) -> dict[str, Any]:
    details = app.config.newsposts_authors.get(name, {})
    record = {"@type": "Organization" if details.get("type") == "Organization" else "Person", "name": name}
    if isinstance(details.get("url"), str):
        record["url"] = details["url"]
    return record


def _citation(source: dict[str, str]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.get("title") or source["publisher"]}
    if source.get("url"):
        work["url"] = source["url"]
    if source.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source.get("author"):
        work["author"] = {"@type": "Person", "name": source["author"]}
    if source.get("date"):
        work["datePublished"] = source["date"]
    return work


def article(app: Sphinx, meta: PostMeta, sources: list[dict[str, str]]) -> dict[str, Any]:
    """NewsArticle (or the configured type) for a post."""
    url = page_url(app, meta.docname)
    record: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": app.config.newsposts_article_type,
        "headline": meta.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": app.config.language or "en",
        "publisher": publisher(app),
        "wordCount": meta.word_count,
    }
    if meta.summary:
        record["description"] = meta.summary
    if meta.date:
        record["datePublished"] = meta.date.isoformat()
        record["dateModified"] = (meta.updated or meta.date).isoformat()
    if meta.authors:
        record["author"] = [person(app, name) for name in meta.authors]
    images = list(dict.fromkeys(shared_image(app, image).url for image in meta.images))
    card = published_card(app, meta.docname) if not images else None
    if card is not None:
        images = [card.url(app)]
    if images:
        record["image"] = images
    if meta.keywords or meta.tags:
        record["keywords"] = list(dict.fromkeys(meta.keywords + meta.tags))
    if meta.categories:
        record["articleSection"] = list(meta.categories)
    if sources:
        citations = [_citation(source) for source in sources]
        record["isBasedOn"] = citations[0] if len(citations) == 1 else citations
        record["citation"] = citations
    return record


def breadcrumbs(app: Sphinx, meta: PostMeta) -> dict[str, Any]:
    """Home -> first category -> post."""
    trail = [(app.config.project, page_url(app, app.config.root_doc))]
    category = archive_docname(app, "category", meta.categories[0]) if meta.categories else None
    if category:
        trail.append((meta.categories[0], page_url(app, category)))
    trail.append((meta.title, page_url(app, meta.docname)))
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": position, "name": name, "item": url}
                            for position, (name, url) in enumerate(trail, start=1)],
    }


def website(app: Sphinx) -> dict[str, Any]:
    """The site itself, with Sphinx's search page as its search action."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": app.config.project,
        "url": base_url(app),
        "inLanguage": app.config.language or "en",
        "publisher": publisher(app),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": page_url(app, "search") + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }
