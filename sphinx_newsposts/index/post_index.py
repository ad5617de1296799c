"""Step 4: the index of posts, kept in the build environment.

Holds each document's :class:`PostMeta`, completes it from the parsed body
(excerpt, word count, reading time), keeps it correct across parallel reads
(merge) and incremental builds (purge, re-read when a scheduled post falls due,
re-write pages whose listings changed).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..reading.dates import now
from ..reading.labels import slug_map
from ..reading.post_meta import PostMeta
from ..reading.post_reader import document_meta
from ..text import digest

ENV_ATTR = "newsposts"


@dataclasses.dataclass
class PostIndex:
    meta: dict[str, PostMeta] = dataclasses.field(default_factory=dict)
    #: Documents whose HTML lists posts (post lists, the front page).
    listing_pages: set[str] = dataclasses.field(default_factory=set)
    #: Digest of what each post's page shows of other posts (neighbours, related), to find pages to re-write.
    listed: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Published post -> (older, newer) published posts.
    neighbours: dict[str, tuple[str | None, str | None]] = dataclasses.field(default_factory=dict)
    #: Published posts, newest first; settled once reading is done.
    order: list[str] = dataclasses.field(default_factory=list)
    #: Up to four published posts sharing the most tags with each post, then the newest.
    related: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    #: kind ("tag", "category", "author") -> label -> URL slug.
    slugs: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    #: What outputs built from the whole index depend on besides posts (config, templates, pages).
    fingerprint: tuple = ()
    #: Digest of everything whole-site outputs (feeds, sitemaps, redirects) show; compared with
    #: the stamp the last build left in the output folder. Settled once reading is done.
    outputs_key: str = ""
    #: Published post -> digest of its listing signature, computed once per build.
    signatures: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Archive page -> digest of what it showed at the last build; only pages whose digest changes are rewritten.
    archive_signatures: dict[str, str] = dataclasses.field(default_factory=dict)
    #: The fingerprint the archive signatures were computed with.
    archives_fingerprint: tuple = ()
    #: Archive pages to write in this build.
    archives_to_write: set[str] = dataclasses.field(default_factory=set)
    #: Documents read in this build (feeds with full text depend on their bodies).
    read_this_build: set[str] = dataclasses.field(default_factory=set)
    #: Whether any document was read or removed in this build; if not, the listings stand.
    changed_this_build: bool = True
    #: Digest of the published posts' order and listings, the part of outputs_key posts decide.
    listings_key: str = ""
    #: Digest of what related posts are computed from (order and tags), to skip recomputing them.
    related_key: str = ""


def post_index(env: BuildEnvironment) -> PostIndex:
    index = getattr(env, ENV_ATTR, None)
    if index is None:
        index = PostIndex()
        setattr(env, ENV_ATTR, index)
    return index


def _take_meta(app: Sphinx, doctree) -> None:
    """The record reading made of the document, kept in the index."""
    meta = document_meta(app.env)
    if meta is not None:
        post_index(app.env).meta[meta.docname] = meta


def mark_listing_page(env: BuildEnvironment, docname: str) -> None:
    post_index(env).listing_pages.add(docname)


def _sorted_published(index: PostIndex) -> list[PostMeta]:
    posts = [m for m in index.meta.values() if m.is_post and not m.draft and m.date]
    posts.sort(key=lambda m: (m.date, m.title, m.docname), reverse=True)
    return posts


def published_posts(env: BuildEnvironment) -> list[PostMeta]:
    """Published posts, newest first (ties by title, then name, for stable output)."""
    index = post_index(env)
    return [index.meta[name] for name in index.order]


def neighbours(env: BuildEnvironment, docname: str) -> tuple[PostMeta | None, PostMeta | None]:
    """The (older, newer) published posts around *docname*."""
    index = post_index(env)
    older, newer = index.neighbours.get(docname, (None, None))
    return (older and index.meta.get(older)), (newer and index.meta.get(newer))


# -- events ------------------------------------------------------------------------------

def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    index = post_index(env)
    index.read_this_build = set(docnames)
    index.changed_this_build = index.changed_this_build or bool(docnames)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    index = post_index(env)
    index.changed_this_build = True
    index.meta.pop(docname, None)
    index.listing_pages.discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    index, theirs = post_index(env), post_index(other)
    for docname in docnames:
        if docname in theirs.meta:
            index.meta[docname] = theirs.meta[docname]
        if docname in theirs.listing_pages:
            index.listing_pages.add(docname)


def _outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Scheduled posts whose date has come are read again, to be published."""
    post_index(env).changed_this_build = False  # until a document is purged or read
    current = now()
    return [m.docname for m in post_index(env).meta.values()
            if m.draft_reason == "future" and m.date and m.date <= current and m.docname not in removed]


RELATED_POSTS = 4
#: Label kinds with archives, and the PostMeta attribute holding their labels.
LABEL_ATTRIBUTES = {"tag": "tags", "category": "categories", "author": "authors"}


def _related_posts(posts: list[PostMeta]) -> dict[str, list[str]]:
    """For each post, the posts sharing most tags with it, newest first among equals."""
    position = {meta.docname: rank for rank, meta in enumerate(posts)}  # 0 is the newest
    by_tag: dict[str, list[str]] = {}
    for meta in posts:
        for tag in meta.tags:
            by_tag.setdefault(tag, []).append(meta.docname)
    related: dict[str, list[str]] = {}
    for meta in posts:
        shared: dict[str, int] = {}
        for tag in meta.tags:
            for other in by_tag[tag]:
                if other != meta.docname:
                    shared[other] = shared.get(other, 0) + 1
        ranked = sorted(shared, key=lambda name: (-shared[name], position[name]))
        related[meta.docname] = ranked[:RELATED_POSTS]
    return related


def listing_signature(meta: PostMeta) -> str:
    """Digest of everything about a post that pages other than its own show (listings, feeds, redirects)."""
    return digest((meta.title, meta.date, meta.updated, tuple(meta.tags), tuple(meta.categories),
                   tuple(meta.authors), meta.summary, meta.teaser, meta.reading_time, tuple(meta.redirect_from),
                   meta.permalink, meta.slug))


def _fingerprint(app: Sphinx, env: BuildEnvironment, slugs: dict) -> tuple:
    """What every listing depends on besides the posts: configuration, templates, label slugs."""
    builder = app.builder
    build_info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest_template = templates.newest_template_mtime() if hasattr(templates, "newest_template_mtime") else 0
    labels = digest(sorted((kind, sorted(by_label.items())) for kind, by_label in slugs.items()))
    return (getattr(build_info, "config_hash", ""), getattr(build_info, "tags_hash", ""), newest_template, labels)


def _settle_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once reading is done: order, neighbours, related posts and slugs of the posts,
    and the pages to re-write because what they list changed."""
    index = post_index(env)
    if not index.changed_this_build and index.listings_key:  # nothing read or removed: the listings stand
        index.fingerprint = _fingerprint(app, env, index.slugs)
        index.outputs_key = digest((index.fingerprint, index.listings_key))
        return []
    posts = _sorted_published(index)
    index.order = [meta.docname for meta in posts]
    related_key = digest([(meta.docname, meta.tags) for meta in posts])
    if related_key != index.related_key:  # an edit that leaves order and tags alone keeps them
        index.related, index.related_key = _related_posts(posts), related_key
    slugs_before = index.slugs
    index.slugs = {kind: slug_map(label for meta in posts for label in getattr(meta, attribute))
                   for kind, attribute in LABEL_ATTRIBUTES.items()}
    index.signatures = {meta.docname: listing_signature(meta) for meta in posts}
    index.neighbours = {}
    listed: dict[str, str] = {}
    for position, meta in enumerate(posts):
        older = posts[position + 1] if position + 1 < len(posts) else None
        newer = posts[position - 1] if position > 0 else None
        index.neighbours[meta.docname] = (older and older.docname, newer and newer.docname)
        related = index.related[meta.docname]
        listed[meta.docname] = digest((
            index.signatures[meta.docname],
            older and (older.docname, older.title),
            newer and (newer.docname, newer.title),
            tuple(related), tuple(index.signatures[name] for name in related),
        ))
    if index.slugs != slugs_before:  # a new label moved another one's slug
        index.listed = {}
    index.fingerprint = _fingerprint(app, env, index.slugs)
    # the sitemap also lists every other page
    index.listings_key = digest((sorted(env.found_docs), sorted(listed.items())))
    index.outputs_key = digest((index.fingerprint, index.listings_key))
    previous, index.listed = index.listed, listed
    if previous == listed:
        return []
    rewrite = {docname for docname, entry in listed.items() if previous.get(docname) != entry}
    rewrite |= index.listing_pages | {env.config.root_doc}
    return sorted(name for name in rewrite if name in env.all_docs)


STAMP = ".newsposts-outputs"


def whole_site_outputs_current(app: Sphinx) -> bool:
    """True when the feeds, sitemaps and redirects in the output folder already show this build's
    posts (the stamp left by the last build matches), so they need not be written again."""
    stamp = Path(app.outdir) / STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == post_index(app.env).outputs_key


def _stamp_outputs(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html" and post_index(app.env).outputs_key:
        (Path(app.outdir) / STAMP).write_text(post_index(app.env).outputs_key, encoding="utf-8")


def setup_post_index(app: Sphinx) -> None:
    app.connect("doctree-read", _take_meta, priority=400)  # before the ABlog bridge reads it
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-updated", _settle_listings)
    app.connect("build-finished", _stamp_outputs, priority=900)  # after the outputs are written
