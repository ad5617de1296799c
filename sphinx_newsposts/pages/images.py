"""Publish the images that front matter names (teasers, header images).

Registered with Sphinx's image registry while their post is read (:mod:`..reading.images`),
they are copied to ``_images/`` like any image in a body; pages link to them relatively, so
the links hold at a domain root and under a sub-path such as ``/en/latest/``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..index.post_index import post_index
from ..reading.post_meta import ImageRef


def _hand_images_to_builder(app: Sphinx, env: BuildEnvironment) -> None:
    """Have Sphinx copy front-matter images that are not yet, or no longer, in ``_images/``."""
    builder = app.builder
    if builder.format != "html":
        return
    image_dir = Path(builder.outdir) / builder.imagedir
    paths = {image.path for meta in post_index(env).meta.values() for image in meta.images
             if image.is_local and image.path in env.images}  # many posts share a few teasers
    for path in sorted(paths):
        name = env.images[path][1]
        copied = image_dir / name
        if not copied.exists() or copied.stat().st_mtime < (Path(env.srcdir) / path).stat().st_mtime:
            builder.images[path] = name


def _map_for_post_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """ABlog's post lists render teasers through the builder's image map: fill it in for them."""
    env = app.env
    if app.builder.format != "html" or docname not in post_index(env).listing_pages:
        return
    for meta in post_index(env).meta.values():
        if meta.teaser is not None and meta.teaser.is_local and meta.teaser.path in env.images:
            app.builder.images[meta.teaser.path] = env.images[meta.teaser.path][1]


def published_path(app: Sphinx, image: ImageRef) -> str:
    """Where a local front-matter image is in the output folder (POSIX, from the root)."""
    return posixpath.join(app.builder.imagedir, app.env.images[image.path][1])


def setup_images(app: Sphinx) -> None:
    app.connect("env-updated", _hand_images_to_builder)
    app.connect("doctree-resolved", _map_for_post_lists, priority=400)  # before ABlog fills the lists
