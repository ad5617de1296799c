"""Digests of the content of source files (images), each worked out again only when the file's size
or modification time changed.

What a page shows of an image (the names of its responsive variants) follows from its content, so
the pages listing a post are written again when the content of its teaser changes, and not when the
file is only touched or copied. Hashing a 500 KB photo takes about a millisecond; a teaser that a
hundred posts share is hashed once. The digests are kept in the environment
(``env.newsposts_file_digests``, source path -> size, time, digest), from build to build; the ones
``-j N`` readers work out are merged, and those of files no document uses any more are dropped
once reading is done.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .build_state import environment_record

__all__ = ["content_digest", "file_digest"]

ENV_ATTR = "newsposts_file_digests"


def _digests(env: BuildEnvironment) -> dict[str, tuple[int, int, str]]:
    return environment_record(env, ENV_ATTR, dict)


def content_digest(full_path: str) -> str:
    """Digest of the content of the file at *full_path*, 40 hex digits (raises ``OSError``)."""
    with open(full_path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()[:40]


def file_digest(env: BuildEnvironment, path: str) -> str:
    """Digest of the content of the file at *path* (POSIX, from the source folder), 40 hex digits;
    ``""`` when it cannot be read."""
    full_path = os.path.join(env.srcdir, *path.split("/"))
    try:
        found = os.stat(full_path)
        size_and_time = (found.st_size, found.st_mtime_ns)
        known = _digests(env).get(path)
        if known is not None and known[:2] == size_and_time:
            return known[2]
        digest = content_digest(full_path)
    except (OSError, ValueError):  # gone, unreadable, or a name the file system cannot take
        return ""
    _digests(env)[path] = (*size_and_time, digest)
    return digest


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    _digests(env).update(_digests(other))


def _drop_unused(app: Sphinx, env: BuildEnvironment) -> None:
    digests = _digests(env)
    for path in [path for path in digests if path not in env.images]:
        del digests[path]


def setup_file_digests(app: Sphinx) -> None:
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _drop_unused, priority=900)  # after every listener that asks for digests
