"""Per-page work done when a document's doctree is resolved, and used when its page is written.

Under ``-j N`` Sphinx resolves every doctree in the main process and hands the pages, in chunks,
to worker processes that translate and write them; a chunk waiting for a busy worker is started
only when the main process hands over the next one. What a page shows from the post index (its
cards, links, head tags) needs no template context, so working it out while resolving moves it
from the workers to the main process and keeps the two in step. The results travel with the
doctree object into the forked worker, and go when the doctree goes; a serial build resolves
and writes each document in turn, so there it only changes when the work is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

__all__ = ["prepare_when_resolved", "take_prepared"]

_PREPARED = "newsposts_prepared"  # an attribute of the doctree object: never pickled or written


def prepare_when_resolved(app: Sphinx, name: str,
                          work: Callable[[Sphinx, str, nodes.document], Any | None]) -> None:
    """Run *work* for every HTML document once its doctree is resolved; what it returns (unless
    None) is kept with the doctree under *name* for :func:`take_prepared`."""

    def prepare(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if app.builder.format != "html":
            return
        result = work(app, docname, doctree)
        if result is not None:
            vars(doctree).setdefault(_PREPARED, {})[name] = result

    # late, so that the doctree is as every other listener left it
    app.connect("doctree-resolved", prepare, priority=900)


def take_prepared(doctree: nodes.document | None, name: str, work: Callable[[], Any]) -> Any:
    """What was prepared under *name* for this page (once), else what *work* returns now (pages
    without a resolved doctree, such as archive pages)."""
    prepared = vars(doctree).get(_PREPARED) if doctree is not None else None
    if prepared and name in prepared:
        return prepared.pop(name)
    return work()
