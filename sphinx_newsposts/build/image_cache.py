"""Where generated images (responsive variants, social cards) are kept from build to build.

Making an image costs tens of milliseconds; a news site has hundreds. So each generated file is
kept in a cache folder outside the output and the doctrees, named by what it was made from (a
content hash, a size, a format), and survives ``sphinx-build -E``, a deleted ``_build/`` and a
fresh CI checkout (a CI cache step can keep the folder). Files named by their content never go
stale: a changed image or title gets a new name, and the old file is simply no longer asked for.
From the cache, a build copies into the output only what its pages use and the output lacks;
:mod:`.stale_outputs` removes from the output what a later build no longer uses.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..warnings_ import NewspostsWarning, emit_warning
from .output_records import record_outputs

__all__ = ["cache_folder", "publish_cached"]

logger = logging.getLogger(__name__)

_FOLDER_NAME = "sphinx-newsposts"


def _default_folder() -> Path:
    """The user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``): shared by every site on the
    machine, which is safe because every file in it is named by its content."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / _FOLDER_NAME / "images"


def cache_folder(app: Sphinx) -> Path:
    """The folder generated images are kept in: ``newsposts_image_cache`` (relative to the folder
    of ``conf.py``), else the user's cache folder; the doctree folder when neither can be written."""
    configured = app.config.newsposts_image_cache
    folder = Path(app.confdir, configured) if configured else _default_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fallback = Path(app.doctreedir) / "newsposts-image-cache"
        logger.info(f"image cache folder {folder} cannot be made ({exc}); using {fallback}", type="newsposts")
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback
    return folder


def publish_cached(app: Sphinx, kind: str, files: Mapping[str, Path]) -> int:
    """Copy each cached file to its place in the output (``{output path: cache path}``, POSIX paths
    relative to the output folder) where the output lacks it, and record them all as *kind*'s outputs
    so that a later build that no longer uses one removes it. Returns how many were copied."""
    outdir = Path(app.outdir)
    copied = 0
    for relative, cached in files.items():
        target = outdir / relative
        # Names carry the content hash: a file that is there with the same size is the same file.
        try:
            if target.stat().st_size == cached.stat().st_size:
                continue
        except OSError:
            pass
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
            copied += 1
        except OSError as exc:
            emit_warning(NewspostsWarning.IMAGE, f"cannot copy generated image {cached} to {target}: {exc}")
    record_outputs(app, kind, files)
    return copied
