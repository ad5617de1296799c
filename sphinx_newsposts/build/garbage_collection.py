"""Spare the build's garbage collections from walking, again and again, objects that will live on.

Python's collector makes a full collection whenever the objects that outlived younger collections
have grown by a quarter since the last one, and each full collection walks every object alive.
A Sphinx build keeps what it reads (the environment, and the doctrees it will write), so while it
reads 1,000 posts it makes a dozen full collections, each over a larger heap than the last: about
3 s of a 45 s build, for bare Sphinx as for this extension. Right after a full collection, what
is left is alive; :func:`gc.freeze` moves it out of the collector's sight, so that the next full
collection walks only what came after. The objects frozen before reading (modules, configuration,
a loaded environment) are also left alone by ``-j N`` worker processes, which then copy fewer of
the memory pages they share with the main process. At the end of the build everything frozen is
handed back (:func:`gc.unfreeze`), so that a process running several builds (a test suite, a
live-reload server) collects what a finished build left.

Objects frozen while in use are not collected before then, even once they are garbage; so
freezing happens only right after a document is read, when the only short-lived objects are that
document's. Not in the main process of a ``-j N`` build: its full collections happen while it
merges a worker's environment or resolves a page's doctree, and freezing there would keep those
(up to 180 MiB more for 1,000 posts under ``-j 2``).

``newsposts_gc_freeze = False`` leaves the collector as Python set it up; so does a process that
has disabled it or froze objects itself.
"""

from __future__ import annotations

import gc
from typing import Any

from sphinx.application import Sphinx

from .build_state import build_state

_STATE = "newsposts_gc_freeze"  # [full collections counted when last looked], when this build freezes


def _full_collections() -> int:
    return gc.get_stats()[-1]["collections"]


def _freeze_what_lives(app: Sphinx, *_args: Any) -> None:
    """Before reading: what the process holds now (modules, configuration, the loaded environment)
    lives until the end of the build."""
    # A process that froze objects itself, or turned the collector off, is left as it is.
    if app.config.newsposts_gc_freeze and gc.isenabled() and not gc.get_freeze_count():
        gc.freeze()
        build_state(app, _STATE, list)[:] = [_full_collections()]


def _freeze_after_full_collection(app: Sphinx, *_args: Any) -> None:
    """After reading a document: if a full collection ran since the last look, what it left is alive."""
    seen, count = build_state(app, _STATE, list), _full_collections()
    if seen and seen[0] != count:
        seen[0] = count
        gc.freeze()


def _unfreeze(app: Sphinx, _exception: Exception | None) -> None:
    if build_state(app, _STATE, list):
        gc.unfreeze()


def setup_garbage_collection(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _freeze_what_lives)
    # a serial build's reading, and under -j N each reading worker's
    app.connect("doctree-read", _freeze_after_full_collection, priority=999)
    app.connect("build-finished", _unfreeze, priority=999)
