"""What only a post's parsed body tells: its length, reading time, excerpt, and the body
image ABlog's ``image: N`` names."""

from __future__ import annotations

import math

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..text import shorten
from .images import local_image
from .post_meta import PostMeta

__all__ = ["complete_from_body", "first_paragraph"]


def complete_from_body(env: BuildEnvironment, doctree: nodes.document, meta: PostMeta) -> None:
    """Fill in what only the parsed body can tell: length, reading time, excerpt."""
    root = next(iter(doctree.findall(nodes.section)), None)
    body_text = (root or doctree).astext()
    if root is not None and len(root) and isinstance(root[0], nodes.title):
        body_text = body_text[len(root[0].astext()):]
    meta.word_count = len(body_text.split())
    meta.reading_time = max(1, math.ceil(meta.word_count / env.config.newsposts_words_per_minute))
    meta.auto_excerpt = first_paragraph(doctree, env.config.newsposts_excerpt_length)
    if meta.teaser_from_body and meta.teaser is None:
        images = [img for img in doctree.findall(nodes.image) if "://" not in img["uri"]]
        if meta.teaser_from_body <= len(images):
            image = images[meta.teaser_from_body - 1]
            path, full_path = env.relfn2path(image["uri"], env.docname)
            meta.teaser = local_image(path, full_path, image.get("alt", ""))


def first_paragraph(doctree: nodes.document, limit: int) -> str:
    """The text of the document's first paragraph of its own (not in a list, table or admonition),
    shortened to *limit* characters; ``""`` when it has none."""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, (nodes.section, nodes.document)):
            text = " ".join(_reader_text(paragraph).split())
            if text:
                return shorten(text, limit)
    return ""


def _reader_text(paragraph: nodes.paragraph) -> str:
    """The paragraph's text as a reader sees it: raw HTML's tags are not text."""
    if paragraph.next_node(nodes.raw) is None:
        return paragraph.astext()
    return "".join(text.astext() for text in paragraph.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))
