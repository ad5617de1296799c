"""The index of posts, kept in the build environment (``env.newsposts``).

Holds each document's :class:`PostMeta` as reading made it, and the documents that list posts:
per-document data, with its purge and merge contract on the class (as Sphinx's ``TodoDomain``
has), so that it stays correct across parallel reads (merge) and incremental builds (purge, and
scheduled posts read again when their date has come). Once reading is done it settles what
follows from the posts: their order, neighbours, related posts and label slugs.

What decides which pages a rebuild writes again (digests of what the last build wrote, what this
build read) is not kept here: :mod:`..build.freshness` keeps it, and the archive pages' own in
:mod:`..pages.archive_freshness`.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build.build_state import environment_record
from ..build.freshness import keep_listings, listings_stand, settle_listings
from ..components.latest_posts import lists_posts
from ..reading.dates import now
from ..reading.labels import slug_map
from ..reading.post_meta import PostMeta
from ..reading.post_reader import document_meta
from ..text import digest

__all__ = ["LABEL_ATTRIBUTES", "neighbours", "post_index", "published_posts"]

ENV_ATTR = "newsposts"
RELATED_POSTS = 4
#: Label kinds with archives, and the PostMeta attribute holding their labels.
LABEL_ATTRIBUTES = {"tag": "tags", "category": "categories", "author": "authors"}


@dataclasses.dataclass
class PostIndex:
    """What the posts are: per-document records, and what follows from them once reading is done."""

    # -- per document: purged and merged ---------------------------------------------------
    #: Document -> the record reading made of it (posts, and other documents with front matter).
    meta: dict[str, PostMeta] = dataclasses.field(default_factory=dict)
    #: Documents whose HTML lists posts (post lists, the front page).
    listing_pages: set[str] = dataclasses.field(default_factory=set)

    # -- settled from the posts once reading is done ---------------------------------------
    #: Published post -> (older, newer) published posts.
    neighbours: dict[str, tuple[str | None, str | None]] = dataclasses.field(default_factory=dict)
    #: Published posts, newest first; settled once reading is done.
    order: list[str] = dataclasses.field(default_factory=list)
    #: Up to four published posts sharing the most tags with each post, then the newest.
    related: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    #: kind ("tag", "category", "author") -> label -> URL slug.
    slugs: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    #: Digest of what related posts are computed from (order and tags), to skip recomputing them
    #: (it spares the index work and decides no output, so it stays with what it derives).
    related_key: str = ""

    def add(self, meta: PostMeta) -> None:
        """Keep the record reading made of a document."""
        self.meta[meta.docname] = meta

    def mark_listing_page(self, docname: str) -> None:
        self.listing_pages.add(docname)

    def clear_doc(self, docname: str) -> None:
        """Forget what was kept of *docname* (purged before it is read again, or removed)."""
        self.meta.pop(docname, None)
        self.listing_pages.discard(docname)

    def merge(self, docnames: Iterable[str], other: PostIndex) -> None:
        """Take what a parallel reader's index kept of *docnames*."""
        for docname in docnames:
            if docname in other.meta:
                self.meta[docname] = other.meta[docname]
            if docname in other.listing_pages:
                self.listing_pages.add(docname)

    def settle(self, posts: list[PostMeta]) -> None:
        """Order, related posts, label slugs and neighbours of the published *posts*, newest first."""
        self.order = [meta.docname for meta in posts]
        related_key = digest([(meta.docname, meta.tags) for meta in posts])
        if related_key != self.related_key:  # an edit that leaves order and tags alone keeps them
            self.related, self.related_key = _related_posts(posts), related_key
        self.slugs = {kind: slug_map(label for meta in posts for label in getattr(meta, attribute))
                      for kind, attribute in LABEL_ATTRIBUTES.items()}
        self.neighbours = {}
        for position, meta in enumerate(posts):
            older = posts[position + 1] if position + 1 < len(posts) else None
            newer = posts[position - 1] if position > 0 else None
            self.neighbours[meta.docname] = (older and older.docname, newer and newer.docname)


def post_index(env: BuildEnvironment) -> PostIndex:
    return environment_record(env, ENV_ATTR, PostIndex)


def _take_meta(app: Sphinx, doctree: nodes.document) -> None:
    """The record reading made of the document, kept in the index."""
    meta = document_meta(app.env)
    if meta is not None:
        post_index(app.env).add(meta)


def _note_post_lists(app: Sphinx, doctree: nodes.document) -> None:
    """A page with a ``latest-posts`` list is written again whenever the posts change."""
    if lists_posts(doctree):
        post_index(app.env).mark_listing_page(app.env.docname)


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

def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    post_index(env).clear_doc(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    post_index(env).merge(docnames, post_index(other))


def _outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Scheduled posts whose date has come are read again, to be published."""
    current = now()
    return [m.docname for m in post_index(env).meta.values()
            if m.draft_reason == "future" and m.date and m.date <= current and m.docname not in removed]


def _related_posts(posts: list[PostMeta]) -> dict[str, list[str]]:
    """For each post, the posts sharing most tags with it, newest first among equals.

    Linear in the number of posts: the posts sharing two tags or more with a post are found
    through the pairs of tags they share (few, and counted exactly); the rest share one tag, and
    the newest of them are taken from the front of each tag's list (newest first). Counting every
    post sharing a tag would cost N × N / (number of tags).
    """
    position = {meta.docname: rank for rank, meta in enumerate(posts)}  # 0 is the newest
    tags_of = {meta.docname: sorted(set(meta.tags)) for meta in posts}
    by_tag: dict[str, list[str]] = {}
    by_pair: dict[tuple[str, str], list[str]] = {}
    for name, tags in tags_of.items():  # newest first, so every list is too
        for tag in tags:
            by_tag.setdefault(tag, []).append(name)
        for pair in itertools.combinations(tags, 2):
            by_pair.setdefault(pair, []).append(name)
    related: dict[str, list[str]] = {}
    for name, tags in tags_of.items():
        own = set(tags)
        several = {other for pair in itertools.combinations(tags, 2) for other in by_pair[pair]} - {name}
        ranked = sorted(several, key=lambda other: (-len(own.intersection(tags_of[other])), position[other]))
        ranked = ranked[:RELATED_POSTS]
        if len(ranked) < RELATED_POSTS:
            taken = several | {name}
            for other in heapq.merge(*(by_tag[tag] for tag in tags), key=position.__getitem__):
                if other not in taken:
                    taken.add(other)
                    ranked.append(other)
                    if len(ranked) == RELATED_POSTS:
                        break
        related[name] = ranked
    return related


def _settle_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once reading is done: order, neighbours, related posts and slugs of the posts,
    and the pages to re-write because what they list changed (:mod:`..build.freshness` decides)."""
    index = post_index(env)
    if listings_stand(env):  # nothing read or removed: the listings stand
        keep_listings(app, index.slugs)
        return []
    posts = _sorted_published(index)
    slugs_before = index.slugs
    index.settle(posts)
    return settle_listings(app, posts, neighbours=index.neighbours, related=index.related, slugs=index.slugs,
                           slugs_changed=index.slugs != slugs_before, listing_pages=index.listing_pages)


def setup_post_index(app: Sphinx) -> None:
    app.connect("doctree-read", _take_meta, priority=400)  # before the ABlog bridge reads it
    app.connect("doctree-read", _note_post_lists)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-updated", _settle_listings)
