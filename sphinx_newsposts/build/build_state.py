"""State that lasts one build in one process: answers kept so that they are not worked out again.

It is kept on the builder, which Sphinx makes anew for every build and which ``-j N`` worker
processes inherit when they are forked; so it is never pickled, needs no purge or merge, and
what one worker adds stays in that worker.

Records that last from build to build (the post index, what the last build wrote) are kept in
the environment instead, each under an attribute of its own (:func:`environment_record`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

__all__ = ["build_state", "environment_record"]

Record = TypeVar("Record")


def build_state(app: Sphinx, name: str, make: Callable[[], Any] = dict) -> Any:
    """The builder's store called *name*, made with *make* the first time it is asked for."""
    kept = vars(app.builder)
    if name not in kept:
        kept[name] = make()
    return kept[name]


def environment_record(env: BuildEnvironment, name: str, make: Callable[[], Record]) -> Record:
    """The record kept in the environment as attribute *name*, made with *make* the first time.
    Unlike :func:`build_state`, it is pickled with the environment and lasts from build to build;
    whoever keeps it there purges and merges what is per document."""
    record = getattr(env, name, None)
    if record is None:
        record = make()
        setattr(env, name, record)
    return record
