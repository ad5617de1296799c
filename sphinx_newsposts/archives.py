"""Archive pages: all posts, and one page per tag, category, author and year, with
an index of each; paginated, drafts never listed.

They keep ABlog's addresses (``blog/tag/<slug>``, ``blog/2025``, ...) and replace
ABlog's own archive pages, which have no pagination and render every post's
excerpt again on every page. The listing is rendered into the page's ``body``,
so every theme shows it through its own ``page.html``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sphinx.application import Sphinx

from .archive_urls import LABEL_KINDS, archive_docname, index_docname, page_docname
from .cards import cards_for, link
from .components.i18n import _
from .post_index import published_posts, site_zone
from .post_meta import PostMeta

ARCHIVE_BODY = "newsposts/archive.html"
INDEX_BODY = "newsposts/archive-index.html"
DEFAULT_POSTS_PER_PAGE = 12


def posts_per_page(app: Sphinx) -> int:
    options = getattr(app.builder, "newsposts_theme_options", None) or {}
    return options.get("posts_per_page", DEFAULT_POSTS_PER_PAGE)


def _render(app: Sphinx, template: str, **context: Any) -> str:
    return app.builder.templates.render(template, {**context, "newsposts_gettext": _})


def _paginated(app: Sphinx, base: str, title: str, kind: str, label: str,
               posts: list[PostMeta]) -> Iterator[tuple[str, dict[str, Any], str]]:
    per_page = posts_per_page(app)
    pages = _page_count(app, posts)
    for page in range(1, pages + 1):
        pagename = page_docname(base, page)
        listed = [meta.docname for meta in posts[(page - 1) * per_page: page * per_page]]
        page_links = [{"number": number, "url": link(app, pagename, page_docname(base, number)),
                       "current": number == page} for number in range(1, pages + 1)]
        archive = {
            "kind": kind, "label": label, "title": title, "page": page, "pages": pages, "total": len(posts),
            "docnames": listed, "cards": cards_for(app, pagename, listed), "page_links": page_links,
            "previous_url": page_links[page - 2]["url"] if page > 1 else "",
            "next_url": page_links[page]["url"] if page < pages else "",
        }
        page_title = title if page == 1 else _("%s, page %d") % (title, page)
        body = _render(app, ARCHIVE_BODY, archive=archive)
        yield pagename, {"title": page_title, "body": body, "newsposts_archive": archive}, "page.html"


def _titles() -> dict[str, tuple[str, str]]:
    """kind -> (index page title, archive page title pattern), translated."""
    return {
        "tag": (_("Tags"), _("Posts tagged “%s”")),
        "category": (_("Categories"), _("Posts in “%s”")),
        "author": (_("Authors"), _("Posts by %s")),
        "year": (_("Archive"), _("Posts from %s")),
    }


def _grouped_posts(app: Sphinx, posts: list[PostMeta]) -> dict[str, dict[Any, list[PostMeta]]]:
    """kind -> label (or year) -> its posts, newest first; labels in page order."""
    groups: dict[str, dict[Any, list[PostMeta]]] = {kind: defaultdict(list) for kind in (*LABEL_KINDS, "year")}
    zone = site_zone(app.env)
    for meta in posts:  # newest first, so every group is too
        for kind, (_folder, attribute) in LABEL_KINDS.items():
            for label in getattr(meta, attribute):
                groups[kind][label].append(meta)
        groups["year"][meta.date.astimezone(zone).year].append(meta)
    return {kind: {label: by_label[label] for label in _label_order(kind, by_label)}
            for kind, by_label in groups.items()}


def _label_order(kind: str, labels: Iterable[Any]) -> list[Any]:
    return sorted(labels, reverse=True) if kind == "year" else sorted(labels, key=str.casefold)


def _page_count(app: Sphinx, posts: list[PostMeta]) -> int:
    return max(1, math.ceil(len(posts) / posts_per_page(app)))


def archive_pagenames(app: Sphinx) -> list[str]:
    """Every page the archives write (all pages of each listing, and the index pages),
    for outputs that list the site's pages, such as the sitemap."""
    if app.builder.format != "html":
        return []
    posts = published_posts(app.env)
    listings = [(app.config.blog_path, posts)]
    names = []
    for kind, by_label in _grouped_posts(app, posts).items():
        listings += [(archive_docname(app, kind, label), label_posts) for label, label_posts in by_label.items()]
        names.append(index_docname(app.config, kind))
    for base, listed in listings:
        names += [page_docname(base, page) for page in range(1, _page_count(app, listed) + 1)]
    return names


def _archive_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.format != "html":
        return
    posts = published_posts(app.env)
    yield from _paginated(app, app.config.blog_path, _("All posts"), "all", "", posts)
    for kind, by_label in _grouped_posts(app, posts).items():
        index_title, page_title = _titles()[kind]
        index_page = index_docname(app.config, kind)
        entries = []
        for label in by_label:
            base = archive_docname(app, kind, label)
            entries.append({"label": str(label), "url": link(app, index_page, base), "count": len(by_label[label])})
            yield from _paginated(app, base, page_title % label, kind, str(label), by_label[label])
        body = _render(app, INDEX_BODY, index={"kind": kind, "title": index_title, "entries": entries})
        yield index_page, {"title": index_title, "body": body, "newsposts_archive_index": kind}, "page.html"


def setup_archives(app: Sphinx) -> None:
    app.connect("html-collect-pages", _archive_pages)
