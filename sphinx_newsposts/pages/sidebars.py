"""Sidebar templates for sites under any theme: the newest posts, the news archive and the most used
tags, as ``newsposts/recent-posts.html``, ``newsposts/archives.html`` and ``newsposts/tags.html``,
for ``html_sidebars`` or pydata-sphinx-theme's ``secondary_sidebar_items``.

A sidebar is on every page of a site with thousands of pages. So what each one shows is rendered
once a build (``newsposts/sidebar/<name>.html``) with its links written from the site root behind a
marker, and each page only puts its own ``../`` in (as listed cards are, :mod:`.cards`). Pages reach
it through ``newsposts_sidebar(name)``, which only the templates call: pages without these sidebars
pay nothing.

A new post changes what every page's sidebar shows, yet Sphinx writes again only the pages it reads
and those its listeners name. Once reading is done, the digest of what the sidebars the site names
show (in ``html_sidebars``, the theme options or its own templates) is compared with the last
build's; when it changed, every page is written again, and archive pages take it into their digest
(:mod:`.archive_freshness`). A site that names none of them is never rewritten for them.
"""

from __future__ import annotations

import collections
import heapq
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build.build_state import build_state, environment_record
from ..build.freshness import listings_stand
from ..components.i18n import _, date_formatter
from ..index.post_index import post_index, published_posts
from ..reading.dates import site_zone
from ..text import digest
from .archive_urls import archive_docname, index_docname
from .assets import TEMPLATES_DIR
from .cards import root_marker, root_prefix
from .feed_urls import builds_feeds, feed_paths
from .page_links import target_uri

__all__ = ["SIDEBARS", "setup_sidebars", "sidebar_html", "sidebars_shown"]

RECENT_POSTS = 5
TOP_TAGS = 20
_CACHE_ATTR = "newsposts_sidebars"  # a build_state store: data, rendered markup, markers
#: An environment record, {"shown": digest of what the sidebars showed at the last build}: written in
#: the main process once reading is done, and nothing in it is per document (no purge or merge).
ENV_ATTR = "newsposts_sidebars_shown"


def _recent_posts(app: Sphinx) -> dict[str, Any]:
    index = post_index(app.env)
    posts = [index.meta[name] for name in index.order[:RECENT_POSTS]]
    return {
        "posts": [{"title": meta.heading_title or meta.title, "path": target_uri(app, meta.docname), "date": meta.date}
                  for meta in posts],
        "all_posts": target_uri(app, app.config.blog_path),
    }


def _archives(app: Sphinx) -> dict[str, Any]:
    posts = published_posts(app.env)
    if not posts:
        return {"years": []}
    zone = site_zone(app.env)  # a post's year as its archive page has it
    years = collections.Counter(meta.date.astimezone(zone).year for meta in posts)
    has_tags, has_categories = any(meta.tags for meta in posts), any(meta.categories for meta in posts)
    return {
        "all_posts": target_uri(app, app.config.blog_path),
        "tags": target_uri(app, index_docname(app.config, "tag")) if has_tags else "",
        "categories": target_uri(app, index_docname(app.config, "category")) if has_categories else "",
        "years": [{"year": year, "path": target_uri(app, archive_docname(app, "year", year)), "count": count}
                  for year, count in sorted(years.items(), reverse=True)],
        "feeds": feed_paths(app),
    }


def _tags(app: Sphinx) -> dict[str, Any]:
    counts = collections.Counter(tag for meta in published_posts(app.env) for tag in set(meta.tags))
    # the most used first, ties by name as the tag index sorts them; without sorting every tag
    top = heapq.nsmallest(TOP_TAGS, counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
    tags = []
    for name, count in top:
        archive = archive_docname(app, "tag", name)
        if archive is not None:
            tags.append({"name": name, "path": target_uri(app, archive), "count": count})
    return {"tags": tags, "all_tags": target_uri(app, index_docname(app.config, "tag"))}


#: Sidebar name -> what it shows (links as paths from the site root). A site lists
#: ``newsposts/<name>.html``; ``newsposts/sidebar/<name>.html`` is the markup, rendered once a build.
SIDEBARS: dict[str, Callable[[Sphinx], dict[str, Any]]] = {
    "recent-posts": _recent_posts,
    "archives": _archives,
    "tags": _tags,
}


def _data(app: Sphinx, name: str) -> dict[str, Any]:
    """What sidebar *name* shows, worked out once a build."""
    data = build_state(app, _CACHE_ATTR).setdefault("data", {})
    if name not in data:
        data[name] = SIDEBARS[name](app)
    return data[name]


def _markers(cache: dict) -> tuple[str, str]:
    """The root marker, and one for what makes a heading's id unique on its page."""
    if "id_marker" not in cache:
        cache["id_marker"] = f"-newsposts-id-{secrets.token_hex(8)}"
    return root_marker(cache), cache["id_marker"]


def _rendered(app: Sphinx, name: str) -> str:
    """Sidebar *name*'s markup with the markers in, rendered once a build."""
    cache = build_state(app, _CACHE_ATTR)
    rendered = cache.setdefault("html", {})
    if name not in rendered:
        root, id_marker = _markers(cache)
        rendered[name] = app.builder.templates.render(f"newsposts/sidebar/{name}.html", {
            "sidebar": _data(app, name), "root": root, "heading_id": f"np-sidebar-{name}{id_marker}",
            "newsposts_gettext": _,
            "newsposts_format_date": getattr(app.builder, "newsposts_format_date", None)
            or date_formatter(app.config.language),
        }).strip()
    return rendered[name]


def _shows_sidebars(app: Sphinx) -> bool:
    # only where the archive pages it links to are: a web site (not one page, an e-book or JSON)
    return builds_feeds(app)


def sidebar_html(app: Sphinx, pagename: str, name: str, occurrence: int = 1) -> str:
    """Sidebar *name* as *pagename* shows it (its *occurrence*-th on that page); ``""`` for a name
    that is not a sidebar, a builder that writes no web site, or a site without posts to show."""
    if name not in SIDEBARS or not _shows_sidebars(app):
        return ""
    markup = _rendered(app, name)
    if not markup:
        return ""
    root, id_marker = _markers(build_state(app, _CACHE_ATTR))
    return markup.replace(root, root_prefix(app, pagename)).replace(id_marker, "" if occurrence == 1 else
                                                                    f"-{occurrence}")


# -- which pages a rebuild writes again --------------------------------------------------

def _names_in_use(app: Sphinx) -> list[str]:
    """The sidebars the site names: in ``html_sidebars``, the theme's own default sidebars, the theme
    options (pydata-sphinx-theme's ``secondary_sidebar_items``), or the site's own templates."""
    cache = build_state(app, _CACHE_ATTR)
    if "in_use" not in cache:
        theme = getattr(app.builder, "theme", None)
        texts = [repr(app.config.html_sidebars), repr(app.config.html_theme_options),
                 repr(getattr(theme, "sidebar_templates", ()))]
        for folder in app.config.templates_path:
            path = Path(app.confdir, folder)
            if path.resolve() == TEMPLATES_DIR.resolve() or not path.is_dir():
                continue
            for template in path.rglob("*.html"):
                try:
                    texts.append(template.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    continue
        named = "\n".join(texts)
        cache["in_use"] = [name for name in SIDEBARS if f"newsposts/{name}" in named]
    return cache["in_use"]


def sidebars_shown(app: Sphinx) -> str:
    """Digest of what the sidebars the site names show; ``""`` when it names none (or the builder
    shows none). Pages showing sidebars are written again when it changes."""
    cache = build_state(app, _CACHE_ATTR)
    if "shown" not in cache:
        names = _names_in_use(app) if _shows_sidebars(app) else []
        cache["shown"] = digest([(name, _data(app, name)) for name in names]) if names else ""
    return cache["shown"]


def _pages_showing_changed_sidebars(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once the post index is settled: every page, when what the site's sidebars show changed."""
    if app.builder.format != "html" or listings_stand(env):  # no post read or removed: they show the same
        return []
    record = environment_record(env, ENV_ATTR, dict)
    previous, record["shown"] = record.get("shown"), sidebars_shown(app)
    if previous is None or previous == record["shown"] or not record["shown"]:
        return []  # the first build writes every page anyway
    return sorted(env.found_docs)


class _PageSidebars:
    """``newsposts_sidebar(name)`` on one page. It counts each sidebar's appearances, so that the
    same sidebar twice on a page keeps its ids unique."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app, self.pagename = app, pagename
        self.seen: collections.Counter[str] = collections.Counter()

    def __call__(self, name: str) -> str:
        self.seen[name] += 1
        return sidebar_html(self.app, self.pagename, name, self.seen[name])


def _offer_sidebars(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    if app.builder.format == "html":
        context["newsposts_sidebar"] = _PageSidebars(app, pagename)


def _count_from_the_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """Themes render sidebars while the context is made, to drop the empty ones (pydata-sphinx-theme
    does): only the page's own rendering counts."""
    sidebars = context.get("newsposts_sidebar")
    if isinstance(sidebars, _PageSidebars):
        sidebars.seen.clear()


def setup_sidebars(app: Sphinx) -> None:
    # before themes render their sidebar templates to drop the empty ones
    app.connect("html-page-context", _offer_sidebars, priority=400)
    app.connect("html-page-context", _count_from_the_page, priority=990)
    app.connect("env-updated", _pages_showing_changed_sidebars, priority=600)  # after the post index is settled
