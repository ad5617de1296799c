"""Content decides what is out of date, not the clock.

Sphinx reads a document again when its source file, or a file it depends on (an image, an
included file, a Liquid data file), has a newer modification time than the last read; and the HTML
builder writes a page again when its source or any template is newer than the page. Where sites
are published (GitHub Pages, GitLab Pages, any CI), every build starts from a fresh checkout, so
every file is newer than a build folder restored from a cache, and the cache buys nothing.

So the environment keeps a digest of the content of each document's source and dependencies as
it was read (``env.newsposts_content_digests``, purged and merged per document). When a build
starts, a document whose files are newer but hold the same content counts as unchanged: its
recorded read time moves up to the files' times, so it is not read again, and its page in the
output folder is marked as written now, so it is not written again. Pages are marked only when
the output folder is known to show the recorded content: the last build that wrote it ended
without an error, with the same digests and the same templates (a stamp it left there).

A document whose content changed is read and written as before, and so are the pages that list
it (:mod:`.freshness`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..text import digest
from .build_state import build_state, environment_record
from .file_digests import content_digest

__all__ = ["template_digest"]

logger = logging.getLogger(__name__)

ENV_ATTR = "newsposts_content_digests"
#: The file in the output folder naming the content the pages there were written from.
STAMP = ".newsposts-written"


def _content_digests(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """Document -> {path of its source or a dependency, from the source folder: digest of the
    content read}."""
    return environment_record(env, ENV_ATTR, dict)


def _file_digest(app: Sphinx, path: str) -> str:
    """Digest of the file's content; worked out once a build for each size and time of the file
    (a teaser that a hundred posts depend on is read once)."""
    found = os.stat(path)
    known = build_state(app, "newsposts_content_digest_memo").get(path)
    if known is not None and known[:2] == (found.st_size, found.st_mtime_ns):
        return known[2]
    content = content_digest(path)
    build_state(app, "newsposts_content_digest_memo")[path] = (found.st_size, found.st_mtime_ns, content)
    return content


def _modified(path: str) -> int:
    """A file's modification time in microseconds, rounded up, as Sphinx compares read times."""
    return -(os.stat(path).st_mtime_ns // -1_000)


def _document_files(env: BuildEnvironment, docname: str) -> list[tuple[str, str]]:
    """The source of *docname* and every file Sphinx tracks as its dependency: each as its path
    from the source folder (what the record keeps, the same wherever the site is checked out)
    and its full path."""
    paths = [os.fspath(env.doc2path(docname)), *sorted(map(os.fspath, env.dependencies.get(docname, ())))]
    return [(os.path.relpath(path, env.srcdir), path) for path in paths]


def template_digest(app: Sphinx) -> str:
    """Digest of every template the builder can load (names and content), worked out once a build."""
    state = build_state(app, "newsposts_template_digest", dict)
    if "digest" not in state:
        # Folders by their place in the search order, not their path: a theme installed again in
        # a new environment (each CI run) keeps its digest.
        folders = getattr(getattr(app.builder, "templates", None), "pathchain", ())
        entries = []
        for place, folder in enumerate(folders):
            for root, dirs, files in os.walk(folder):
                dirs.sort()
                for name in sorted(files):
                    path = os.path.join(root, name)
                    try:
                        entries.append((place, os.path.relpath(path, folder), _file_digest(app, path)))
                    except OSError:
                        entries.append((place, os.path.relpath(path, folder), ""))
        state["digest"] = digest(entries)
    return state["digest"]


# -- while reading -----------------------------------------------------------------------

def _record_read_content(app: Sphinx, doctree: object) -> None:
    env = app.env
    files = {}
    for name, path in _document_files(env, env.docname):
        try:
            files[name] = _file_digest(app, path)
        except OSError:
            continue  # a dependency that is not there: Sphinx reads the document again anyway
    _content_digests(env)[env.docname] = files


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _content_digests(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    theirs = _content_digests(other)
    ours = _content_digests(env)
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


# -- when a build starts -----------------------------------------------------------------

def _same_content(app: Sphinx, docname: str, read_at: int) -> int | None:
    """If every file of *docname* that is newer than its last read holds the content read then,
    the newest of their times; ``None`` if one changed, is gone, or was never digested."""
    env = app.env
    known = _content_digests(env).get(docname)
    if not known:
        return None
    newest = read_at
    for name, path in _document_files(env, docname):
        try:
            modified = _modified(path)
            if modified > read_at and known.get(name) != _file_digest(app, path):
                return None
        except OSError:
            return None
        newest = max(newest, modified)
    return newest


def _record_key(env: BuildEnvironment) -> str:
    return digest(sorted((docname, sorted(files.items())) for docname, files in _content_digests(env).items()))


def _stamp_path(app: Sphinx) -> Path:
    return Path(app.outdir) / STAMP


def _stamp(app: Sphinx) -> dict[str, str]:
    try:
        stamp = json.loads(_stamp_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _pages_show_record(app: Sphinx) -> bool:
    """Whether the pages in the output folder were written from the recorded content, with these
    templates, by a build that ended without an error."""
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return False
    stamp = _stamp(app)
    return stamp.get("content") == _record_key(app.env) and stamp.get("templates") == template_digest(app)


def _trust_content(app: Sphinx) -> None:
    """Documents whose files are only newer, not different, count as read and written now."""
    env = app.env
    pages_current = bool(env.all_docs) and _pages_show_record(app)
    _stamp_path(app).unlink(missing_ok=True)  # a build that stops half-way leaves no stamp
    if not env.all_docs or not _content_digests(env):
        return
    templates = getattr(app.builder, "templates", None)
    newest_template = int(templates.newest_template_mtime() * 1_000_000) if pages_current and templates else 0
    trusted = 0
    for docname, read_at in list(env.all_docs.items()):
        newest = _same_content(app, docname, read_at)
        if newest is None:
            continue
        if newest > read_at:
            env.all_docs[docname] = newest
            trusted += 1
        if pages_current:
            _mark_written(app.builder.get_output_path(docname), max(newest, newest_template))
    if trusted:
        logger.info("newsposts: %d documents have newer files with the same content: not read again", trusted)


def _mark_written(page: Path, source_time: int) -> None:
    """Give a page that is current the time of its newest source, as the HTML builder compares
    them (not the present time: what a rebuild wrote stays told apart from what it left)."""
    try:
        if _modified(os.fspath(page)) < source_time:
            os.utime(page, ns=(source_time * 1_000, source_time * 1_000))
    except OSError:
        pass  # no page yet: Sphinx writes it


def _stamp_written(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and isinstance(app.builder, StandaloneHTMLBuilder):
        stamp = {"content": _record_key(app.env), "templates": template_digest(app)}
        _stamp_path(app).write_text(json.dumps(stamp), encoding="utf-8")


def setup_content_freshness(app: Sphinx) -> None:
    app.connect("builder-inited", _trust_content, priority=900)  # once the environment and templates are loaded
    app.connect("doctree-read", _record_read_content, priority=900)  # after the collectors note dependencies
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _stamp_written, priority=950)
