"""What a rebuild writes again: only the pages and site-wide outputs that show something new.

Kept in the environment as a record of its own (``env.newsposts_freshness``), apart from the
post index, which holds what the posts are:

- what this build changed: the documents it read, and whether it read or removed any. Both are
  set in the main process (at ``env-get-outdated``, ``env-purge-doc`` and
  ``env-before-read-docs``, before any ``-j N`` reader starts) and never merged, so a reader
  cannot leave them half-updated;
- digests of what the last build wrote: each published post's listing signature (what pages
  other than its own show of it), what each post's page shows of other posts (neighbours,
  related posts), and of everything the feeds, sitemaps and redirects show. A page is written
  again when its digest changes; the whole-site outputs when the digest differs from the stamp
  the last build left in the output folder.

The post index settles the posts' order, neighbours and related posts once reading is done and
hands them to :func:`settle_listings`, which keeps the digests and names the pages to re-write.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..reading.post_meta import PostMeta
from ..text import digest
from .build_state import environment_record
from .content_freshness import template_digest
from .file_digests import file_digest

__all__ = [
    "freshness",
    "keep_listings",
    "listing_signature",
    "listings_stand",
    "settle_listings",
    "whole_site_outputs_current",
]

ENV_ATTR = "newsposts_freshness"
#: The file in the output folder holding the digest of what the whole-site outputs show.
STAMP = ".newsposts-outputs"


@dataclasses.dataclass
class Freshness:
    """What this build changed, and digests of what the last build wrote."""

    #: Documents read in this build (feeds with full text depend on their bodies).
    read_this_build: set[str] = dataclasses.field(default_factory=set)
    #: Whether any document was read or removed in this build; if not, the listings stand.
    changed_this_build: bool = True
    #: Published post -> digest of its listing signature, computed once per build.
    signatures: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Digest of what each post's page shows of other posts (neighbours, related), to find pages to re-write.
    listed: dict[str, str] = dataclasses.field(default_factory=dict)
    #: What outputs built from the whole index depend on besides posts (config, templates, label slugs).
    fingerprint: tuple = ()
    #: Digest of the published posts' order and listings, the part of outputs_key posts decide.
    listings_key: str = ""
    #: Digest of everything whole-site outputs (feeds, sitemaps, redirects) show; compared with
    #: the stamp the last build left in the output folder. Settled once reading is done.
    outputs_key: str = ""


def freshness(env: BuildEnvironment) -> Freshness:
    return environment_record(env, ENV_ATTR, Freshness)


def listing_signature(env: BuildEnvironment, meta: PostMeta) -> str:
    """Digest of everything about a post that pages other than its own show (listings, feeds, redirects);
    of its teaser, the content too (the names of its responsive variants follow from it)."""
    teaser_content = file_digest(env, meta.teaser.path) if meta.teaser is not None and meta.teaser.is_local else ""
    return digest((meta.title, meta.date, meta.updated, tuple(meta.tags), tuple(meta.categories),
                   tuple(meta.authors), meta.summary, meta.teaser, teaser_content, meta.reading_time,
                   tuple(meta.redirect_from), meta.permalink, meta.slug))


def _fingerprint(app: Sphinx, slugs: dict[str, dict[str, str]]) -> tuple:
    """What every listing depends on besides the posts: configuration, templates, label slugs."""
    builder = app.builder
    build_info = getattr(builder, "build_info", None)
    labels = digest(sorted((kind, sorted(by_label.items())) for kind, by_label in slugs.items()))
    # the templates' content, not their time: a theme installed anew (each CI run) changes nothing
    return (getattr(build_info, "config_hash", ""), getattr(build_info, "tags_hash", ""), template_digest(app), labels)


def listings_stand(env: BuildEnvironment) -> bool:
    """True when no document was read or removed since the listings were last settled."""
    record = freshness(env)
    return not record.changed_this_build and bool(record.listings_key)


def keep_listings(app: Sphinx, slugs: dict[str, dict[str, str]]) -> None:
    """The listings stand: only what else the outputs depend on (settings, templates) is looked at again."""
    record = freshness(app.env)
    record.fingerprint = _fingerprint(app, slugs)
    record.outputs_key = digest((record.fingerprint, record.listings_key))


def settle_listings(app: Sphinx, posts: list[PostMeta], *, neighbours: dict[str, tuple[str | None, str | None]],
                    related: dict[str, list[str]], slugs: dict[str, dict[str, str]], slugs_changed: bool,
                    listing_pages: Set[str]) -> list[str]:
    """Once the index has settled the published *posts* (newest first), their *neighbours*,
    *related* posts and label *slugs*: keep the digests of what each page shows, and name the
    pages to re-write because what they list changed (the posts whose digest changed, then every
    page listing posts and the front page)."""
    env = app.env
    record = freshness(env)
    record.signatures = {meta.docname: listing_signature(env, meta) for meta in posts}
    titles = {meta.docname: meta.title for meta in posts}
    listed: dict[str, str] = {}
    for meta in posts:
        older, newer = neighbours[meta.docname]
        shown = related[meta.docname]
        listed[meta.docname] = digest((
            record.signatures[meta.docname],
            older and (older, titles[older]),
            newer and (newer, titles[newer]),
            tuple(shown), tuple(record.signatures[name] for name in shown),
        ))
    if slugs_changed:  # a new label moved another one's slug
        record.listed = {}
    record.fingerprint = _fingerprint(app, slugs)
    # the sitemap also lists every other page
    record.listings_key = digest((sorted(env.found_docs), sorted(listed.items())))
    record.outputs_key = digest((record.fingerprint, record.listings_key))
    previous, record.listed = record.listed, listed
    if previous == listed:
        return []
    rewrite = {docname for docname, entry in listed.items() if previous.get(docname) != entry}
    rewrite |= listing_pages | {env.config.root_doc}
    return sorted(name for name in rewrite if name in env.all_docs)


def whole_site_outputs_current(app: Sphinx) -> bool:
    """True when the feeds, sitemaps and redirects in the output folder already show this build's
    posts (the stamp left by the last build matches), so they need not be written again."""
    stamp = Path(app.outdir) / STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == freshness(app.env).outputs_key


# -- events ------------------------------------------------------------------------------

def _note_outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    freshness(env).changed_this_build = False  # until a document is purged or read
    return []


def _note_purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    freshness(env).changed_this_build = True


def _note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    record = freshness(env)
    record.read_this_build = set(docnames)
    record.changed_this_build = record.changed_this_build or bool(docnames)


def _stamp_outputs(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html" and freshness(app.env).outputs_key:
        (Path(app.outdir) / STAMP).write_text(freshness(app.env).outputs_key, encoding="utf-8")


def setup_freshness(app: Sphinx) -> None:
    app.connect("env-get-outdated", _note_outdated)
    app.connect("env-purge-doc", _note_purge)
    app.connect("env-before-read-docs", _note_reading)
    app.connect("build-finished", _stamp_outputs, priority=900)  # after the outputs are written
