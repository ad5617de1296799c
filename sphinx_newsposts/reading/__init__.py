"""Step 1, reading: takes a source file (Markdown through MyST, or reStructuredText) and gives
its doctree and, for posts and pages with front matter, a typed :class:`.post_meta.PostMeta`.
Every rejected front-matter value is a located warning with a fallback."""

from __future__ import annotations

from sphinx.application import Sphinx

from .body_links import CheckBodyLinks
from .dates import setup_build_time
from .heading_ids import setup_heading_ids
from .markdown_parser import setup_markdown
from .post_reader import ReadPostMetadata
from .raw_html import setup_raw_html

__all__ = ["setup_reading"]


def setup_reading(app: Sphinx) -> None:
    setup_markdown(app)
    setup_build_time(app)
    app.add_transform(ReadPostMetadata)
    setup_raw_html(app)
    app.add_transform(CheckBodyLinks)
    setup_heading_ids(app)
