"""Images that front matter names, found in the source tree while a post is read.

A local image is registered with Sphinx's own image registry while its post is read, so
it is copied to ``_images/`` like any image in a body, merged for parallel reads and
purged with its post; it is also a dependency of the post, which is read again when the
file changes. Where pages show it is :mod:`..pages.images`' concern.
"""

from __future__ import annotations

import os
import posixpath
import struct

import imagesize
from sphinx.environment import BuildEnvironment

from .post_meta import ImageRef

__all__ = ["find_local_image", "local_image", "register_post_images", "source_path"]


def source_path(docname: str, local: str) -> str | None:
    """The POSIX path, from the source root, of *local* as written in *docname*'s front matter
    (``/assets/x.jpg`` from the root, ``x.jpg`` beside the post); None outside the source tree."""
    if local.startswith("/"):
        path = posixpath.normpath(local.lstrip("/"))
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), local))
    return None if path.startswith("../") or path == ".." else path


def find_local_image(srcdir: str, path: str, line: int = 0) -> ImageRef | None:
    """The image at *path* in the source tree, named on front-matter *line*; None when no such file exists."""
    full_path = os.path.join(srcdir, *path.split("/"))
    try:
        found = os.path.isfile(full_path)
    except (OSError, ValueError):  # a NUL character, or a name too long for the file system
        found = False
    return local_image(path, full_path, line=line) if found else None


def local_image(path: str, full_path: str, alt: str = "", line: int = 0) -> ImageRef:
    """An image in the source tree, with its pixel size when its header tells it."""
    try:
        width, height = imagesize.get(full_path)
    except (OSError, ValueError, IndexError, struct.error):  # unreadable, or a damaged header
        width = height = 0
    # an SVG's size may come as a float ("10.0"), which an <img> attribute may not be
    return ImageRef(path=path, alt=alt, width=max(int(width), 0), height=max(int(height), 0),
                    line=line)


def register_post_images(env: BuildEnvironment, images: list[ImageRef]) -> None:
    """Called while the post is read (``env.docname`` is the post): each local image is copied to
    the output, and a change to it has the post read again (what shows it depends on its content)."""
    for image in images:
        if image.is_local:
            env.images.add_file(env.docname, image.path)
            env.note_dependency(image.path)
