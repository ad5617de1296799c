"""State that lasts one build in one process: answers kept so that they are not worked out again.

It is kept on the builder, which Sphinx makes anew for every build and which ``-j N`` worker
processes inherit when they are forked; so it is never pickled, needs no purge or merge, and
what one worker adds stays in that worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

__all__ = ["build_state"]


def build_state(app: Sphinx, name: str, make: Callable[[], Any] = dict) -> Any:
    """The builder's store called *name*, made with *make* the first time it is asked for."""
    kept = vars(app.builder)
    if name not in kept:
        kept[name] = make()
    return kept[name]
