"""Which archive pages a rebuild writes again: those whose digest of what they show changed.

Kept in the environment as a record of its own (``env.newsposts_archive_freshness``), apart from
the post index. It is written only in the main process, once reading is done (``env-updated``),
so ``-j N`` readers neither change it nor need it merged.
"""

from __future__ import annotations

import dataclasses

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build.build_state import environment_record
from ..build.freshness import freshness, listing_signature
from ..index.post_index import post_index
from ..text import digest
from .sidebars import sidebars_shown

ENV_ATTR = "newsposts_archive_freshness"


@dataclasses.dataclass
class ArchiveFreshness:
    """Digests of what each archive page showed at the last build, and the pages to write in this one."""

    #: Archive page -> digest of what it showed at the last build, in writing order; only pages
    #: whose digest changes are rewritten.
    signatures: dict[str, str] = dataclasses.field(default_factory=dict)
    #: The fingerprint (see :mod:`..build.freshness`) the signatures were computed with.
    fingerprint: tuple = ()
    #: Archive pages to write in this build.
    to_write: set[str] = dataclasses.field(default_factory=set)


def archive_freshness(env: BuildEnvironment) -> ArchiveFreshness:
    return environment_record(env, ENV_ATTR, ArchiveFreshness)


def archives_stand(env: BuildEnvironment) -> bool:
    """True when no post was read or removed and the settings are those the signatures were
    computed with: every archive page stands."""
    record, build = archive_freshness(env), freshness(env)
    return not build.changed_this_build and bool(record.signatures) and record.fingerprint == build.fingerprint


def page_signature(app: Sphinx, page: object) -> str:
    """Digest of what an archive *page* (a frozen record of what it lists) shows, the site's
    sidebars included."""
    build, metas = freshness(app.env), post_index(app.env).meta
    shown = tuple(build.signatures.get(name) or listing_signature(app.env, metas[name])
                  for name in getattr(page, "docnames", ()))
    return digest((page, shown, build.fingerprint, sidebars_shown(app)))


def note_signatures(env: BuildEnvironment, signatures: dict[str, str]) -> None:
    """Keep this build's *signatures* (page -> digest, in writing order); the pages whose digest
    changed are the ones to write."""
    record = archive_freshness(env)
    record.to_write = {name for name, signature in signatures.items() if record.signatures.get(name) != signature}
    record.signatures, record.fingerprint = signatures, freshness(env).fingerprint
