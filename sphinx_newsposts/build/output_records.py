"""Which files each kind of site-wide output (feeds, redirects) wrote in this build, for the
manifest :mod:`.stale_outputs` keeps; and writing such a file only when what it holds changed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx

from .build_state import build_state

__all__ = ["record_outputs", "write_if_changed"]

_RECORDED = "newsposts_recorded_outputs"


def record_outputs(app: Sphinx, kind: str, paths: Iterable[str]) -> None:
    """Declare the files (POSIX paths relative to the output folder) *kind* produced in this build.
    A kind not declared in a build keeps the files the previous build declared for it."""
    build_state(app, _RECORDED)[kind] = sorted(set(paths))


def recorded_outputs(app: Sphinx) -> dict[str, list[str]]:
    """What has been declared so far in this build (a worker process hands it back)."""
    return dict(build_state(app, _RECORDED))


def adopt_recorded_outputs(app: Sphinx, recorded: dict[str, list[str]]) -> None:
    """Take over what a worker process declared."""
    build_state(app, _RECORDED).update(recorded)


def write_if_changed(path: Path, content: bytes) -> None:
    """Write *content* to *path* unless the file already holds it: a file that shows the same keeps
    its time, so that a deploy uploads only what changed."""
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
