"""Step 5: what each HTML page's template receives, computed from the post index.

Values are typed (dates stay ``datetime``, flags stay ``bool``) so that themes
format them; text that reaches ``metatags`` is escaped here, because Sphinx
templates do not escape.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .ablog_bridge import all_posts_docname, archive_docname, feed_path
from .images import image_src
from .post_index import neighbours, post_index, published_posts
from .post_meta import PostMeta
from .structured_data import faq_page, json_ld_element


def _link(app: Sphinx, pagename: str, target: str) -> str:
    return app.builder.get_relative_uri(pagename, target)


def _labels(app: Sphinx, pagename: str, kind: str, labels: list[str]) -> list[dict[str, str]]:
    return [{"name": label, "url": _link(app, pagename, archive_docname(app.config, kind, label))}
            for label in labels]


def post_card(app: Sphinx, pagename: str, meta: PostMeta) -> dict[str, Any]:
    """What a listing needs to show one post."""
    teaser = meta.teaser
    return {
        "docname": meta.docname,
        "url": _link(app, pagename, meta.docname),
        "title": meta.title,
        "date": meta.date,
        "updated": meta.updated,
        "summary": meta.summary,
        "reading_time": meta.reading_time,
        "tags": _labels(app, pagename, "tag", meta.tags),
        "categories": _labels(app, pagename, "category", meta.categories),
        "authors": _labels(app, pagename, "author", meta.authors),
        "teaser": {"src": image_src(app, pagename, teaser), "alt": teaser.alt or meta.title} if teaser else None,
    }


def _post_context(app: Sphinx, pagename: str, meta: PostMeta) -> dict[str, Any]:
    context = post_card(app, pagename, meta)
    header = meta.header_image
    older, newer = neighbours(app.env, pagename) if not meta.draft else (None, None)
    context.update(
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
        header_image={"src": image_src(app, pagename, header), "alt": header.alt or meta.title} if header else None,
        older=older and {"title": older.title, "url": _link(app, pagename, older.docname)},
        newer=newer and {"title": newer.title, "url": _link(app, pagename, newer.docname)},
        extra=dict(meta.extra),
    )
    return context


def _metatags(meta: PostMeta) -> str:
    tags = []
    if meta.summary:
        tags.append(f'<meta name="description" content="{escape(meta.summary)}" />')
    if meta.keywords:
        tags.append(f'<meta name="keywords" content="{escape(", ".join(meta.keywords))}" />')
    return "\n".join(tags)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    meta = post_index(app.env).meta.get(pagename)
    site = {
        "all_posts_url": _link(app, pagename, all_posts_docname(app.config)),
        "tags_url": _link(app, pagename, f"{app.config.blog_path}/tag"),
        "categories_url": _link(app, pagename, f"{app.config.blog_path}/category"),
        "feed_url": relative_uri(app.builder.get_target_uri(pagename), feed_path(app.config))
        if feed_path(app.config) else "",
    }
    page: dict[str, Any] = {"is_post": False, "classes": [], "site": site}
    if meta is not None:
        page = {**_post_context(app, pagename, meta), "site": site}
        extra_tags = _metatags(meta)
        if extra_tags:
            context["metatags"] = context.get("metatags", "") + "\n" + extra_tags
    index = post_index(app.env)
    page["faq"] = index.faqs.get(pagename, [])
    page["sources"] = index.sources.get(pagename, [])
    if page["faq"]:
        context["metatags"] = context.get("metatags", "") + "\n" + json_ld_element(faq_page(page["faq"]))
    if pagename == app.config.root_doc:
        page["latest_posts"] = [post_card(app, pagename, m) for m in published_posts(app.env)[:10]]
    page["body_classes"] = " ".join(
        ["newsposts-post" if page["is_post"] else "newsposts-page", *page["classes"]]
    )
    context["newsposts"] = page


def setup_page_context(app: Sphinx) -> None:
    app.connect("html-page-context", _page_context)
