"""Pagefind's search index of the built site: a static bundle in ``<outdir>/pagefind/`` that a
reader's browser fetches in small pieces per query, instead of Sphinx's whole ``searchindex.js``.

The Pagefind binary is found the way the ``pagefind`` Python package finds it: the file named by
``$PAGEFIND_BINARY_PATH``, then the binary of the ``pagefind_bin_extended`` or ``pagefind_bin``
wheel (``pip install "pagefind[bin]"``), then ``pagefind_extended`` or ``pagefind`` on ``PATH``.
Nothing is downloaded at build time. Setting ``PAGEFIND_BINARY_PATH`` to a file that does not
exist makes a build behave as if Pagefind were not installed.

Pagefind reads every page of the output folder each time it runs, so it runs only when a page
changed: the bundle keeps a stamp (:data:`STAMP`), the digest of the content of every HTML page
with Pagefind's version and options, and a build whose pages give the same digest leaves the
bundle as it is. Page contents are digested again only for files whose size or modification time
moved (a memo kept with the doctrees). Pagefind writes into a fresh folder; once it succeeded,
the bundle takes from it only the files whose content changed (most of Pagefind's files are named
by their content, and a page edited changes a few of them), so that a deploy uploads only those.
A failed run leaves the last good bundle, and is a warning.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..build.file_digests import content_digest
from ..text import digest
from ..warnings_ import NewspostsWarning, emit_warning

__all__ = ["BUNDLE", "STAMP", "find_pagefind", "index_site", "remove_bundle"]

logger = logging.getLogger(__name__)

#: The bundle's folder in the output folder; the search page imports ``pagefind.js`` from it.
BUNDLE = "pagefind"
#: The file in the bundle naming what it was built from.
STAMP = ".newsposts-indexed"
#: Where Pagefind writes before the bundle takes what changed.
_STAGING = ".pagefind-staging"
#: The files that name the others: put in place after the files they name (fragments and index
#: chunks, then the metadata naming them, then the entry point naming the metadata), so that a
#: reader searching mid-update never follows a name to a file not yet there.
_ENTRY_FILES = ("pagefind-entry.json", "pagefind.js")
#: Digests of the pages' content by size and time, so unchanged pages are not read again.
_MEMO = "newsposts-search-pages-{builder}.json"
#: How much of Pagefind's output a warning about a failed run quotes.
_QUOTED_LINES = 8


def find_pagefind() -> Path | None:
    """The Pagefind binary, found as the ``pagefind`` package finds it; None if there is none."""
    try:
        from pagefind.service import get_executable
    except ImportError:  # the binary alone, installed some other way
        found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    else:
        try:
            found = get_executable()
        except OSError:  # pagefind_bin installed without its binary
            found = None
    if not found or not os.path.isfile(found) or not os.access(found, os.X_OK):
        return None
    return Path(found)


def _pagefind_version(binary: Path) -> str:
    """``pagefind 1.5.2``: part of the stamp, so that another version indexes again."""
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def language(app: Sphinx) -> str:
    """The site's language as Pagefind knows it (``pt-BR``): it picks its word stemmer by it."""
    return (app.config.language or "en").replace("_", "-")


def _html_files(outdir: Path) -> list[str]:
    """Every HTML file of the output folder (POSIX paths from it), bundles aside."""
    skipped = {BUNDLE, _STAGING}
    found = []
    for folder, subfolders, files in os.walk(outdir):
        if folder == str(outdir):
            subfolders[:] = [name for name in subfolders if name not in skipped]
        relative = os.path.relpath(folder, outdir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found += [prefix + name for name in files if name.endswith(".html")]
    return sorted(found)


def _memo_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / _MEMO.format(builder=app.builder.name)


def _read_memo(app: Sphinx) -> dict[str, list]:
    try:
        memo = json.loads(_memo_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(memo, dict) or memo.get("outdir") != str(Path(app.outdir).resolve()):
        return {}
    pages = memo.get("pages")
    return pages if isinstance(pages, dict) else {}


def _page_digests(app: Sphinx) -> dict[str, str]:
    """Each HTML page -> digest of its content; pages whose size and time did not move since the
    last build are not read again."""
    outdir = Path(app.outdir).resolve()
    known = _read_memo(app)
    memo: dict[str, list] = {}
    for page in _html_files(outdir):
        try:
            found = os.stat(outdir / page)
            previous = known.get(page)
            if isinstance(previous, list) and previous[:2] == [found.st_size, found.st_mtime_ns]:
                memo[page] = previous
            else:
                memo[page] = [found.st_size, found.st_mtime_ns, content_digest(os.fspath(outdir / page))]
        except OSError:
            continue  # removed meanwhile: Pagefind will not see it either
    if memo != known:
        _memo_path(app).write_text(json.dumps({"outdir": str(outdir), "pages": memo}), encoding="utf-8")
    return {page: entry[2] for page, entry in memo.items()}


def _options(app: Sphinx) -> list[str]:
    """What Pagefind is told besides where to read and write (part of the stamp)."""
    return ["--force-language", language(app)]


def _indexed_pages(bundle: Path) -> int:
    """How many pages the bundle's entry file says were indexed, in every language."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(details.get("page_count", 0) for details in entry.get("languages", {}).values())
    except (OSError, ValueError, AttributeError):
        return 0


def _failed(problem: str, output: str = "") -> None:
    quoted = "\n".join(output.strip().splitlines()[-_QUOTED_LINES:])
    emit_warning(NewspostsWarning.SEARCH,
                 f"Pagefind could not index the site ({problem}); the search page keeps the last search index "
                 f"written, if any" + (f":\n{quoted}" if quoted else ""))


def _naming_rank(path: Path) -> int:
    """Where a file of the bundle goes in the order of :data:`_ENTRY_FILES`: named files first."""
    return 2 if path.name in _ENTRY_FILES else 1 if path.suffix == ".pf_meta" else 0


def _update(bundle: Path, staging: Path) -> None:
    """Make *bundle* hold what *staging* holds, writing only the files whose content differs, the
    entry files last, then removing the files Pagefind no longer wrote; *staging* goes."""
    new = {path.relative_to(staging) for path in staging.rglob("*") if path.is_file()}
    for relative in sorted(new, key=lambda path: (_naming_rank(path), path)):
        target = bundle / relative
        if target.is_file() and target.read_bytes() == (staging / relative).read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / relative, target)
    for path in sorted(bundle.rglob("*"), reverse=True):  # files before their folders
        relative = path.relative_to(bundle)
        if path.is_file() and relative not in new and relative.as_posix() != STAMP:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    shutil.rmtree(staging, ignore_errors=True)


def index_site(app: Sphinx, binary: Path) -> None:
    """Run Pagefind over the output folder into ``<outdir>/pagefind/``, unless no page changed since
    the bundle there was written."""
    outdir = Path(app.outdir).resolve()
    bundle, staging = outdir / BUNDLE, outdir / _STAGING
    # no path in the stamp: the same pages give the same bundle wherever they are built
    key = digest((_pagefind_version(binary), _options(app), sorted(_page_digests(app).items())))
    stamp = bundle / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        logger.info("newsposts: no page changed since the search index was written: Pagefind not run")
        return
    shutil.rmtree(staging, ignore_errors=True)  # left by a build that was stopped
    started = time.perf_counter()
    try:
        run = subprocess.run([binary, "--site", outdir, "--output-path", staging, *_options(app)],
                             capture_output=True, text=True, errors="replace", cwd=outdir)
    except OSError as exc:
        _failed(str(exc))
        return
    output = run.stdout + run.stderr
    if run.returncode != 0 or not (staging / "pagefind.js").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        _failed(f"exit status {run.returncode}" if run.returncode else "it wrote no pagefind.js", output)
        return
    logger.verbose(output)
    try:
        _update(bundle, staging)
        stamp.write_text(key, encoding="utf-8")
    except OSError as exc:  # a file of the old bundle held open, a full disk
        _failed(str(exc))
        return
    logger.info(f"newsposts: Pagefind indexed {_indexed_pages(bundle)} pages in "
                f"{time.perf_counter() - started:.2f} s")


def remove_bundle(app: Sphinx) -> None:
    """Remove the bundle an earlier build wrote (it carries the stamp; another folder of that name is left)."""
    bundle = Path(app.outdir) / BUNDLE
    if (bundle / STAMP).is_file():
        shutil.rmtree(bundle, ignore_errors=True)
        _memo_path(app).unlink(missing_ok=True)
