"""Step 2: hand each post's :class:`PostMeta` to ABlog, which knows nothing else.

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
from ablog.post import PostList, PostNode, UpdateNode, generate_archive_pages
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader
from sphinx.transforms import SphinxTransform

from .post_index import mark_listing_page, post_index, site_zone


def _naive(moment: datetime, env: BuildEnvironment) -> datetime:
    """ABlog compares with naive local datetimes: give it the site's wall-clock time."""
    return moment.astimezone(site_zone(env)).replace(tzinfo=None)


class HandOverToABlog(SphinxTransform):
    """Give ABlog a ready-made post node, before its own front-matter transform (800)."""

    default_priority = 790

    def apply(self, **kwargs) -> None:
        meta = post_index(self.env).meta.get(self.env.docname)
        if meta is None or not meta.is_post:
            return
        if any(True for _ in self.document.findall(PostNode)):
            return  # the author used ABlog's own ``post`` directive: leave it to ABlog
        post = PostNode()
        post.document = self.document
        date = None
        if meta.date is not None and (not meta.draft or any(True for _ in self.document.findall(UpdateNode))):
            # ABlog parses this text back with dateutil; drafts get no date (fixed after ABlog ran)
            date = _naive(meta.date, self.env).isoformat(sep=" ")
        post.attributes.update(
            date=date, tags=list(meta.tags), category=list(meta.categories), author=list(meta.authors),
            location=[], language=[], redirect=[], title=meta.title, image=None, excerpt=0,
            exclude=True, nocomments=False, canonical_link=[], external_link=[],
        )
        # With ``exclude``, ABlog takes the node's children as the excerpt and shows none of them.
        if meta.summary:
            post += nodes.paragraph(meta.summary, meta.summary)
        if meta.teaser is not None:
            uri = meta.teaser.url or "/" + meta.teaser.path
            post += nodes.image(uri=uri, alt=meta.teaser.alt or meta.title, classes=["newsposts-teaser"])
        root = next(iter(self.document.findall(nodes.section)), self.document)
        root += post


def _correct_ablog_record(app: Sphinx, doctree: nodes.document) -> None:
    """After ABlog's ``doctree-read``: drafts undated, updated dates from front matter."""
    env = app.env
    docname = env.docname
    if any(True for _ in doctree.findall(PostList)):
        mark_listing_page(env, docname)
    meta = post_index(env).meta.get(docname)
    records = getattr(env, "ablog_posts", {}).get(docname)
    if meta is None or not meta.is_post or not records:
        return
    for record in records:
        # ABlog keeps a full copy of the post's doctree for its own feeds and archive pages,
        # which are replaced here; the copy only costs memory and pickling time.
        record["doctree"] = nodes.section()
        if meta.draft:
            record["date"] = record["update"] = None
        elif meta.updated is not None:
            record["update"] = max(record["update"], _naive(meta.updated, env))


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


def setup_ablog_bridge(app: Sphinx) -> None:
    app.setup_extension("ablog")
    # Post records are merged below, so reading in parallel is safe.
    app.extensions["ablog"].parallel_read_safe = True
    # Archive pages come from .archives, paginated and without re-rendering excerpts;
    # feeds come from .publishing.feeds (Atom at ABlog's address, plus RSS and JSON Feed).
    for listener in list(app.events.listeners["html-collect-pages"]):
        if listener.handler in (generate_archive_pages, ablog.post.generate_atom_feeds):
            app.disconnect(listener.id)
    app.add_transform(HandOverToABlog)
    app.connect("config-inited", _reset_blog, priority=100)
    app.connect("config-inited", _configure_ablog, priority=450)
    app.connect("builder-inited", _offer_ablog_templates)
    app.connect("doctree-read", _correct_ablog_record, priority=600)
    app.connect("env-merge-info", _merge_ablog_posts)
