"""Step 2: hand each post's :class:`PostMeta` to ABlog, as the record ABlog keeps per post.

ABlog reads raw front matter with integer ``excerpt``/``image`` options, naive
dates and a process-wide ``Blog`` object; every such detail is handled here and
nowhere else, so that ABlog's archives, feeds and post lists see correct posts
and never a value that makes it raise.
"""

from __future__ import annotations

from datetime import datetime

import ablog
import ablog.blog
from ablog.blog import Blog
from ablog.post import (
    PostList,
    PostNode,
    UpdateNode,
    _get_update_dates,
    generate_archive_pages,
    missing_reference,
    process_postlist,
)
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader

from ..reading.dates import site_zone
from ..reading.post_meta import PostMeta
from .post_index import post_index


def _naive(moment: datetime, env: BuildEnvironment) -> datetime:
    """ABlog compares with naive local datetimes: give it the site's wall-clock time."""
    return moment.astimezone(site_zone(env)).replace(tzinfo=None)


def _excerpt(meta: PostMeta) -> list[nodes.Node]:
    """What ABlog shows of the post in its post lists: the summary and the teaser."""
    excerpt: list[nodes.Node] = []
    if meta.summary:
        excerpt.append(nodes.paragraph(meta.summary, meta.summary))
    if meta.teaser is not None:
        uri = meta.teaser.url or meta.teaser.path
        excerpt.append(nodes.image(uri=uri, alt=meta.teaser.alt or meta.title, candidates={"*": uri}))
    return excerpt


def _is_ablog_node(node: nodes.Node) -> bool:
    return type(node) in (PostList, PostNode, UpdateNode)


def record_post(app: Sphinx, doctree: nodes.document) -> None:
    """What ABlog's own ``doctree-read`` handler would have noted of a post, kept in the post's
    :class:`PostMeta`; its record is made from it when ABlog needs it, and its reference label is
    placed once reading is done (:mod:`.post_labels`).

    ABlog's handler works from a ``post`` node, parses dates back from text, and keeps
    a full copy of the doctree for feeds and archive pages that :mod:`.publishing`
    and :mod:`.archives` now make; none of that is done or kept here.
    """
    env = app.env
    docname = env.docname
    found = {type(node) for node in doctree.findall(_is_ablog_node)}  # one walk for all three
    if PostList in found:
        post_index(env).mark_listing_page(docname)
    meta = post_index(env).meta.get(docname)
    if meta is None or not meta.is_post or PostNode in found:
        return  # not a post, or written with ABlog's own ``post`` directive: ABlog reads it
    if app.config.post_auto_orphan:
        env.metadata[docname]["orphan"] = True  # posts need no toctree entry
    if UpdateNode in found:  # ABlog's ``update`` directive
        meta.ablog_updates = _get_update_dates(doctree, docname, app.config.post_date_format)


def ablog_record(env: BuildEnvironment, meta: PostMeta) -> dict:
    """The record ABlog keeps of a post, as its own ``doctree-read`` handler would have made it."""
    date = None if meta.draft or meta.date is None else _naive(meta.date, env)
    update_dates = [_naive(moment, env) if moment.tzinfo else moment for moment in meta.ablog_updates]
    if meta.updated is not None:
        update_dates.append(_naive(meta.updated, env))
    return {
        "docname": meta.docname, "section": "", "order": 1, "date": date,
        "update": max([date, *update_dates]) if date else None, "title": meta.title,
        "excerpt": _excerpt(meta), "tags": list(meta.tags), "author": list(meta.authors),
        "category": list(meta.categories), "location": [], "language": [], "redirect": [],
        "nocomments": False, "image": None, "exclude": True, "canonical_link": [], "external_link": [],
        "doctree": nodes.section(),
    }


def ablog_records(app: Sphinx) -> dict[str, list[dict]]:
    """Every post's ABlog records by document: those made from front matter, and those of posts
    written with ABlog's own ``post`` directive (which ABlog keeps in the environment)."""
    env = app.env
    records = {docname: [ablog_record(env, meta)] for docname, meta in sorted(post_index(env).meta.items())
               if meta.is_post}
    records.update(getattr(env, "ablog_posts", {}))
    return records


def _merge_ablog_posts(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = getattr(other, "ablog_posts", {})
    ours = env.__dict__.setdefault("ablog_posts", {})
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def _reset_blog(app: Sphinx, config: Config) -> None:
    """ABlog keeps one ``Blog`` per process; start each build from an empty one.

    ABlog also drafts every post dated after the day it was imported, by the
    machine's clock and zone. Which posts are drafts is decided from front
    matter, the site's zone and ``SOURCE_DATE_EPOCH`` instead; drafts reach
    ABlog undated, so ABlog's own cut-off is lifted.
    """
    Blog._dict.clear()
    ablog.blog.TOMORROW = datetime.max


def _configure_ablog(app: Sphinx, config: Config) -> None:
    if not config.blog_baseurl and config.html_baseurl:
        config.blog_baseurl = config.html_baseurl
    if config.blog_title == "Blog" and config.project:
        config.blog_title = config.project
    # ABlog puts its own page.html in front of the theme's, which breaks furo and
    # others; its templates are offered after the theme's instead (below).
    config.skip_injecting_base_ablog_templates = True


def _offer_ablog_templates(app: Sphinx) -> None:
    """ABlog's ``ablog/*.html`` (sidebars, redirects) as a fallback behind the theme."""
    templates = getattr(app.builder, "templates", None)
    if isinstance(templates, BuiltinTemplateLoader):
        templates.loaders.append(SphinxFileSystemLoader(ablog.get_html_templates_path()))


def _register_blog(app: Sphinx) -> Blog:
    """ABlog's ``Blog``, filled with every post on first need (ABlog fills it from the environment,
    which keeps no records of front-matter posts: 0.6 MiB saved per 1,000 posts, every rebuild)."""
    blog = Blog(app)
    if not blog:
        for docname, records in sorted(ablog_records(app).items()):
            for record in records:
                blog.register(docname, record)
    return blog


def _fill_post_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """ABlog's handler, only on the pages known (since reading) to hold a post list; on every
    other page it would walk the whole tree for nothing."""
    if docname in post_index(app.env).listing_pages:
        _register_blog(app)
        process_postlist(app, doctree, docname)


def _blog_for_sidebars(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree: nodes.document | None) -> None:
    """ABlog's sidebars read its posts from the ``Blog``, which is filled on first need."""
    if any(str(sidebar).startswith("ablog/") for sidebar in context.get("sidebars") or ()):
        _register_blog(app)


def _resolve_blog_reference(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref,
                            contnode: nodes.TextElement) -> nodes.reference | None:
    _register_blog(app)
    return missing_reference(app, env, node, contnode)


def setup_ablog_bridge(app: Sphinx) -> None:
    app.setup_extension("ablog")
    # Post records are merged below, so reading in parallel is safe.
    app.extensions["ablog"].parallel_read_safe = True
    # Archive pages come from .archives, paginated and without re-rendering excerpts;
    # feeds come from .publishing.feeds (Atom at ABlog's address, plus RSS and JSON Feed).
    for listener in list(app.events.listeners["html-collect-pages"]):
        if listener.handler in (generate_archive_pages, ablog.post.generate_atom_feeds):
            app.disconnect(listener.id)
    # ABlog's front-matter check walks every document for a ``blogpost`` field; posts reach
    # ABlog from record_post instead, so the check has nothing left to do.
    app.registry.transforms[:] = [t for t in app.registry.transforms if t is not ablog.post.CheckFrontMatter]
    # ABlog fills its Blog (1,000 posts: 50 ms) as the first page is resolved, in every build
    # that writes a page; here only where a post list, an ABlog sidebar or reference needs it.
    replacements = {process_postlist: _fill_post_lists, missing_reference: _resolve_blog_reference}
    for event in ("doctree-resolved", "missing-reference"):
        for listener in list(app.events.listeners[event]):
            if listener.handler in replacements:
                app.disconnect(listener.id)
                app.connect(event, replacements[listener.handler], priority=listener.priority)
    app.connect("html-page-context", _blog_for_sidebars, priority=400)  # before ABlog's own handler
    app.connect("config-inited", _reset_blog, priority=100)
    app.connect("config-inited", _configure_ablog, priority=450)
    app.connect("builder-inited", _offer_ablog_templates)
    app.connect("doctree-read", record_post, priority=450)  # before ABlog's own handler
    app.connect("env-merge-info", _merge_ablog_posts)
