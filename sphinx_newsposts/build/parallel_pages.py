"""Pages and files this extension adds, written by several processes under ``-j N``.

Sphinx writes the pages ``html-collect-pages`` yields one after another in the main process, once
every document is written; under ``-j N`` the other processes sit idle meanwhile, and a news site
has hundreds of archive pages. When the builder writes in parallel, the pages are split into one
share per process and written by Sphinx's own task runner, in forked processes that see the whole
environment, as Sphinx's document writers do; warnings they give are passed back to the main
process. Work that can start before its turn (the archive pages, once the main process has
resolved its last document and only waits for the document worker) and site-wide outputs that
take a while (redirect pages) are written by a worker beside the main process. The files are the
ones a serial build writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, VERBOSE
from sphinx.util.parallel import ParallelTasks

from .build_state import build_state
from .output_records import adopt_recorded_outputs, recorded_outputs

__all__ = ["start_beside", "write_beside", "write_in_parallel", "writes_in_parallel"]

Page = TypeVar("Page")

#: Below this many pages, starting processes costs more than it saves.
MIN_PAGES = 40


def _shares(pages: Sequence[Page], count: int) -> list[Sequence[Page]]:
    """*count* runs of neighbouring pages (neighbours list the same posts, so each process renders
    fewer distinct cards), as equal in length as can be."""
    size, extra = divmod(len(pages), count)
    shares, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        shares.append(pages[start:end])
        start = end
    return [share for share in shares if share]


def writes_in_parallel(app: Sphinx) -> bool:
    """Whether this build writes with ``-j N`` (Sphinx decides, per builder and extensions)."""
    return getattr(app.builder, "parallel_ok", False) and app.parallel > 1


def _without_unshown_debug_records(app: Sphinx) -> None:
    """In a worker process: make no debug records the build does not show (below ``-vv``).

    A worker hands every log record it made to the main process, which drops those below the
    build's verbosity. Sphinx logs the ``repr`` of every event's arguments at debug level, and a
    page's template context is large: megabytes per share of archive pages, pickled, sent, read
    and dropped, while the main process waits for the worker at the end of the build.
    """
    if app.verbosity < 2:  # this process only: it is a fork
        logging.getLogger(NAMESPACE).setLevel(VERBOSE if app.verbosity == 1 else logging.INFO)


def write_in_parallel(app: Sphinx, pages: Sequence[Page], write_one: Callable[[Page], None]) -> bool:
    """Write *pages* with *write_one* in ``-j`` worker processes and return True; return False,
    having written nothing, when this build writes serially (then the caller writes them)."""
    processes = app.parallel
    if not writes_in_parallel(app) or len(pages) < MIN_PAGES:
        return False

    def write_share(share: Sequence[Page]) -> None:
        _without_unshown_debug_records(app)
        for page in share:
            write_one(page)

    tasks = ParallelTasks(processes)
    for share in _shares(pages, processes):
        tasks.add_task(write_share, share)
    tasks.join()
    return True


def write_beside(app: Sphinx, pages: Sequence[Page], write_one: Callable[[Page], None]) -> bool:
    """Under ``-j N``, start writing *pages* with *write_one* in one worker process beside the
    main process and return True (:func:`join_beside` waits for it); return False, having started
    nothing, for a serial build or too few pages."""
    if len(pages) < MIN_PAGES:
        return False

    def write_all() -> None:
        for page in pages:
            write_one(page)

    return start_beside(app, write_all)


_BESIDE = "newsposts_tasks_beside"  # tasks started, to be joined


def start_beside(app: Sphinx, job: Callable[[], None]) -> bool:
    """Under ``-j N``, start *job* in a worker process while the main process goes on writing
    other outputs, and return True; :func:`join_beside` waits for it. Return False, having
    started nothing, when this build writes serially (then the caller runs *job* itself)."""
    if not writes_in_parallel(app):
        return False

    def run() -> dict[str, list[str]]:
        _without_unshown_debug_records(app)
        job()
        return recorded_outputs(app)  # the worker's declarations of written files go back

    tasks = ParallelTasks(1)
    tasks.add_task(run, None, lambda _arg, recorded: adopt_recorded_outputs(app, recorded))
    build_state(app, _BESIDE, list).append(tasks)
    return True


def join_beside(app: Sphinx, exception: Exception | None) -> None:
    """Wait for every job :func:`start_beside` started (before the output manifest is written)."""
    started = build_state(app, _BESIDE, list)
    while started:
        started.pop(0).join()


def setup_parallel_writing(app: Sphinx) -> None:
    app.connect("build-finished", join_beside, priority=850)  # before the stamp and the manifest
