"""Archive pages: all posts, and one page per tag, category, author and year, with
an index of each; paginated, drafts never listed.

They keep ABlog's addresses (``blog/tag/<slug>``, ``blog/2025``, ...) and replace
ABlog's own archive pages, which have no pagination and render every post's
excerpt again on every page. The listing is rendered into the page's ``body``,
so every theme shows it through its own ``page.html``. A rebuild writes again
only the pages that show something new (:mod:`.archive_freshness`).
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build.build_state import build_state
from ..build.parallel_pages import write_beside, write_in_parallel, writes_in_parallel
from ..build.stale_outputs import EXTRA_PAGES_EVENT
from ..components.i18n import _
from ..index.post_index import published_posts
from ..reading.dates import site_zone
from ..reading.post_meta import PostMeta
from .archive_freshness import archive_freshness, archives_stand, note_signatures, page_signature
from .archive_urls import LABEL_KINDS, archive_docname, index_docname, page_docname
from .cards import cards_for
from .page_links import link
from .theme_options import theme_options

__all__ = ["current_plan"]

ARCHIVE_BODY = "newsposts/archive.html"
INDEX_BODY = "newsposts/archive-index.html"
_EARLY_ATTR = "newsposts_archives_early"  # a build_state store: the last document, and whether started


def posts_per_page(app: Sphinx) -> int:
    return theme_options(app)["posts_per_page"]


def _render(app: Sphinx, template: str, **context: Any) -> str:
    return app.builder.templates.render(template, {**context, "newsposts_gettext": _})


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


@dataclasses.dataclass(frozen=True)
class ListingPage:
    """One page of a paginated listing of posts."""

    pagename: str
    base: str
    kind: str
    label: str
    title: str
    page: int
    pages: int
    total: int
    docnames: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class IndexPage:
    """The page listing every tag, category, author or year: (label, first page, count) each."""

    pagename: str
    kind: str
    title: str
    entries: tuple[tuple[str, str, int], ...]


def _listing_pages(app: Sphinx, base: str, kind: str, label: str, title: str,
                   posts: list[PostMeta]) -> Iterator[ListingPage]:
    per_page, pages = posts_per_page(app), _page_count(app, posts)
    for page in range(1, pages + 1):
        listed = tuple(meta.docname for meta in posts[(page - 1) * per_page: page * per_page])
        page_title = title if page == 1 else _("%s, page %d") % (title, page)
        yield ListingPage(page_docname(base, page), base, kind, label, str(page_title), page, pages, len(posts),
                          listed)


def archive_plan(app: Sphinx) -> list[ListingPage | IndexPage]:
    """Every archive page, in writing order, with what it lists."""
    posts = published_posts(app.env)
    plan: list[ListingPage | IndexPage] = list(
        _listing_pages(app, app.config.blog_path, "all", "", str(_("All posts")), posts))
    for kind, by_label in _grouped_posts(app, posts).items():
        index_title, page_title = _titles()[kind]
        entries = []
        for label, label_posts in by_label.items():
            base = archive_docname(app, kind, label)
            entries.append((str(label), base, len(label_posts)))
            plan += _listing_pages(app, base, kind, str(label), str(page_title % label), label_posts)
        plan.append(IndexPage(index_docname(app.config, kind), kind, str(index_title), tuple(entries)))
    return plan


_PLAN_ATTR = "newsposts_archive_plan"


def current_plan(app: Sphinx) -> list[ListingPage | IndexPage]:
    """This build's archive plan, made once reading is done (kept on the builder, not the
    environment, so that it is never pickled)."""
    plan = getattr(app.builder, _PLAN_ATTR, None)
    if plan is None:
        plan = archive_plan(app)
        setattr(app.builder, _PLAN_ATTR, plan)
    return plan


def archive_pagenames(app: Sphinx) -> list[str]:
    """Every page the archives write, in writing order, without making the plan again."""
    return list(archive_freshness(app.env).signatures) if app.builder.format == "html" else []


def _plan_writing(app: Sphinx, env: BuildEnvironment) -> None:
    """Once reading is done: which archive pages show something new (before the environment is saved)."""
    if app.builder.format != "html":
        return
    if archives_stand(env):
        archive_freshness(env).to_write = set()  # no post read or removed, same settings: every page stands
        return
    plan = archive_plan(app)
    setattr(app.builder, _PLAN_ATTR, plan)
    note_signatures(env, {page.pagename: page_signature(app, page) for page in plan})


def _listing_context(app: Sphinx, page: ListingPage) -> dict[str, Any]:
    page_links = [{"number": number, "url": link(app, page.pagename, page_docname(page.base, number)),
                   "current": number == page.page} for number in range(1, page.pages + 1)]
    archive = {
        "kind": page.kind, "label": page.label, "title": page.title, "page": page.page, "pages": page.pages,
        "total": page.total, "docnames": list(page.docnames),
        "cards": cards_for(app, page.pagename, page.docnames, first_is_eager=True),
        "page_links": page_links, "previous_url": page_links[page.page - 2]["url"] if page.page > 1 else "",
        "next_url": page_links[page.page]["url"] if page.page < page.pages else "",
    }
    # Sphinx treats a page's "title" as HTML (its document titles are rendered markup); a label is text.
    return {"title": html.escape(page.title), "body": _render(app, ARCHIVE_BODY, archive=archive),
            "newsposts_archive": archive}


def _index_context(app: Sphinx, page: IndexPage) -> dict[str, Any]:
    entries = [{"label": label, "url": link(app, page.pagename, base), "count": count}
               for label, base, count in page.entries]
    body = _render(app, INDEX_BODY, index={"kind": page.kind, "title": page.title, "entries": entries})
    return {"title": html.escape(page.title), "body": body, "newsposts_archive_index": page.kind}


def _page_context(app: Sphinx, page: ListingPage | IndexPage) -> dict[str, Any]:
    return _listing_context(app, page) if isinstance(page, ListingPage) else _index_context(app, page)


def _pages_to_write(app: Sphinx) -> list[ListingPage | IndexPage]:
    to_write = archive_freshness(app.env).to_write
    names = {name for name in archive_pagenames(app)  # the others are unchanged since the last build
             if name in to_write or not Path(app.builder.get_outfilename(name)).exists()}
    return [page for page in current_plan(app) if page.pagename in names] if names else []


def _write_page(app: Sphinx, page: ListingPage | IndexPage) -> None:
    app.builder.handle_page(page.pagename, _page_context(app, page), "page.html")


def _start_when_last_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under ``-j N``, once the main process has resolved the last document it writes (Sphinx
    writes them in name order), it only waits for the worker to write the chunks still queued:
    the archive pages are written beside, on the core it leaves idle."""
    if app.builder.format != "html" or not writes_in_parallel(app):
        return
    state = build_state(app, _EARLY_ATTR)
    if "last" not in state:
        state["last"] = max(app.env.found_docs, default="")
    if docname != state["last"] or "started" in state:
        return
    if write_beside(app, _pages_to_write(app), lambda page: _write_page(app, page)):
        state["started"] = True


def _archive_pages(app: Sphinx) -> Iterable[tuple[str, dict[str, Any], str]]:
    if app.builder.format != "html" or "started" in build_state(app, _EARLY_ATTR):
        return []
    pages = _pages_to_write(app)
    if write_in_parallel(app, pages, lambda page: _write_page(app, page)):
        return []
    # one context at a time: a page's cards are let go once it is written
    return ((page.pagename, _page_context(app, page), "page.html") for page in pages)


def setup_archives(app: Sphinx) -> None:
    app.connect(EXTRA_PAGES_EVENT, archive_pagenames)
    app.connect("env-updated", _plan_writing, priority=600)  # after the post index is settled
    app.connect("doctree-resolved", _start_when_last_resolved, priority=950)
    app.connect("html-collect-pages", _archive_pages)
