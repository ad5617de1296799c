"""Step 3, the index: takes each document's :class:`..reading.post_meta.PostMeta` and gives
the post index kept in the environment (each document's record, purged and merged for
parallel and incremental builds; once reading is done, published posts in order, neighbours,
related posts, label slugs), and hands every post to ABlog as the record ABlog expects.
Which pages a rebuild writes again is kept apart, in :mod:`..build.freshness`."""

from __future__ import annotations

from sphinx.application import Sphinx

from .ablog_bridge import setup_ablog_bridge
from .post_index import setup_post_index
from .post_labels import setup_post_labels

__all__ = ["setup_index"]


def setup_index(app: Sphinx) -> None:
    setup_ablog_bridge(app)
    setup_post_index(app)
    setup_post_labels(app)
