"""Step 5: what each HTML page's template receives, computed from the post index.

Values are typed (dates stay ``datetime``, flags stay ``bool``) so that themes
format them and escape them. Per page, the work is bounded by what the page
shows. What goes into ``<head>`` is :mod:`.publishing.head`'s.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..build.prepared_pages import prepare_when_resolved, take_prepared
from ..components import page_questions, page_sources
from ..components.i18n import _, date_formatter
from ..index.post_index import neighbours, post_index
from ..reading.post_meta import PostMeta
from .archive_urls import archive_docname, index_docname
from .cards import cards_for, image_context, post_card
from .feed_urls import feed_paths
from .image_sizes import header_image_sizes
from .page_links import link, target_uri
from .site_urls import base_url, page_url
from .theme_options import theme_options


def _share_links(app: Sphinx, pagename: str, title: str) -> list[dict[str, str]]:
    if not base_url(app) or not theme_options(app)["share_links"]:
        return []
    url = page_url(app, pagename)
    page, text = quote(url, safe=""), quote(title, safe="")
    return [
        {"name": _("E-mail"), "url": f"mailto:?subject={text}&body={page}"},
        {"name": "Bluesky", "url": f"https://bsky.app/intent/compose?text={text}%20{page}"},
        {"name": "LinkedIn", "url": f"https://www.linkedin.com/sharing/share-offsite/?url={page}"},
        {"name": "X", "url": f"https://x.com/intent/post?url={page}&text={text}"},
    ]


def _post_context(app: Sphinx, pagename: str, meta: PostMeta) -> dict[str, Any]:
    context = post_card(app, pagename, meta)
    older, newer = neighbours(app.env, pagename) if meta.is_post and not meta.draft else (None, None)
    related = post_index(app.env).related.get(pagename, []) if meta.is_post and not meta.draft else []
    context.update(
        kind="post" if meta.is_post else "page",
        is_post=meta.is_post,
        draft=meta.draft,
        draft_reason=meta.draft_reason,
        excerpt=meta.excerpt,
        keywords=list(meta.keywords),
        toc=meta.toc,
        toc_label=meta.toc_label,
        toc_sticky=meta.toc_sticky,
        classes=list(meta.classes),
        word_count=meta.word_count,
        header_image=_header_image(app, pagename, meta),
        older=older and {"title": older.heading_title or older.title, "url": link(app, pagename, older.docname)},
        newer=newer and {"title": newer.heading_title or newer.title, "url": link(app, pagename, newer.docname)},
        related=cards_for(app, pagename, related, heading_level=3, compact=True),
        share=_share_links(app, pagename, meta.title) if meta.is_post and not meta.draft else [],
        extra=dict(meta.extra),
    )
    return context


def _header_image(app: Sphinx, pagename: str, meta: PostMeta) -> dict[str, Any] | None:
    image = image_context(app, pagename, meta.header_image or meta.teaser, meta.title)
    if image is not None:
        image["sizes"] = header_image_sizes(app, pagename)
    return image


def _from_site_root(here: str, url: str) -> str:
    """A relative nav link in conf.py means a page of this site, as seen from its root."""
    if "://" in url or url.startswith(("/", "#", "mailto:", "?")):
        return url
    return relative_uri(here, url)


def _site(app: Sphinx, pagename: str) -> dict[str, Any]:
    blog_path = app.config.blog_path
    nav = [{"title": _("All posts"), "docname": blog_path},
           {"title": _("Tags"), "docname": index_docname(app.config, "tag")},
           {"title": _("Categories"), "docname": index_docname(app.config, "category")},
           {"title": _("Archive"), "docname": index_docname(app.config, "year")}]
    def is_current(docname: str) -> bool:
        if docname == blog_path:  # the other archives live below blog_path too
            return pagename == blog_path or pagename.startswith(blog_path + "/page/")
        return pagename == docname or pagename.startswith(docname + "/")

    links = [{"title": item["title"], "url": link(app, pagename, item["docname"]),
              "current": is_current(item["docname"])} for item in nav]
    here = target_uri(app, pagename)
    for extra in theme_options(app)["nav_links"]:
        links.append({"title": extra["title"], "url": _from_site_root(here, extra["url"]), "current": False})
    feeds = feed_paths(app)
    return {
        "nav": links,
        "all_posts_url": links[0]["url"],
        "feeds": {kind: relative_uri(here, path) for kind, path in feeds.items()},
    }


def _page_from_index(app: Sphinx, pagename: str, doctree: nodes.document | None) -> dict[str, Any]:
    """What the page shows from the post index and its doctree: no template context needed."""
    index = post_index(app.env)
    meta = index.meta.get(pagename)
    page: dict[str, Any] = {"kind": "page", "is_post": False, "classes": []}
    if meta is not None:
        page = _post_context(app, pagename, meta)
    page["site"] = _site(app, pagename)
    page["faq"] = page_questions(doctree)
    page["sources"] = page_sources(doctree)
    if pagename == app.config.root_doc:
        count = theme_options(app)["front_page_posts"]
        page["kind"] = "front"
        page["latest_posts"] = cards_for(app, pagename, index.order[:count], heading_level=3,
                                         first_is_lead=True, first_is_eager=True)
        page["more_posts"] = len(index.order) > count
    return page


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                  doctree: nodes.document | None) -> None:
    if app.builder.format != "html":
        return
    page = take_prepared(doctree, "page", lambda: _page_from_index(app, pagename, doctree))
    if "newsposts_archive" in context:
        page["kind"], page["archive"] = "archive", context["newsposts_archive"]
    toc_aside = ["np-toc-aside"] if page.get("toc") and page.get("toc_sticky") else []
    page["body_classes"] = " ".join([f"np-kind-{page['kind']}", *toc_aside, *page["classes"]])
    context["newsposts"] = page
    context["newsposts_gettext"] = _  # labels from this project's message catalog
    context["newsposts_format_date"] = getattr(app.builder, "newsposts_format_date", None) or date_formatter(
        app.config.language)  # dates as the site's language writes them
    context["newsposts_archive_url"] = functools.partial(_archive_url, app, pagename)


def _archive_url(app: Sphinx, pagename: str, kind: str, label: str | int) -> str:
    """Link from *pagename* to the archive of a tag, category, author or year; ``""`` when there is none.
    ABlog's sidebars link there through it, as ABlog's own label addresses lead to no page."""
    target = archive_docname(app, kind, label) if kind in ("tag", "category", "author", "year") else None
    return link(app, pagename, target) if target else ""


def setup_page_context(app: Sphinx) -> None:
    prepare_when_resolved(app, "page", _page_from_index)
    app.connect("html-page-context", _page_context)
