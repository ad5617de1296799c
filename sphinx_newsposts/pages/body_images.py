"""Images in page bodies written as ``<picture>``: WebP variants in a ``srcset``, the original as fallback.

Sphinx's HTML translator (or a theme's own) writes each image as it always does; for a local
image with variants (:mod:`.responsive_images`), what it wrote is then wrapped::

    <picture class="np-picture"><source type="image/webp" srcset="… 400w, … 700w" sizes="…">
    <img … width="1920" height="1080" loading="lazy" decoding="async" /></picture>

Everything the translator wrote stays (classes, alt text, alignment, a size the directive gave,
the link around an image with a target). ``width``/``height`` are the original's pixel size
unless the directive gave a size, so the page does not move while images load. Works with any
theme and any translator based on Sphinx's; other builders, e-books and feeds get the image as
it was.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .image_sizes import body_image_sizes
from .responsive_images import image_variants, srcset

__all__ = ["PLAIN_IMAGES"]

#: A builder attribute that, while true, has images written as they were (feeds set it while
#: writing a post's body for readers elsewhere, which need no variants).
PLAIN_IMAGES = "newsposts_plain_images"
_ATTRIBUTE = re.compile(r"\s(width|height|style|loading|decoding)=")
_MEASURE = re.compile(r"^\s*([0-9.]+)\s*(px|)\s*$")


def _shown_width(node: nodes.image, width: int, height: int) -> int:
    """CSS pixels the image takes where there is room: the width (or height) its directive gives in
    pixels, scaled; else its own width. A size in other units counts as its own width."""
    scale = node.get("scale", 100) / 100
    given_width, given_height = _MEASURE.match(node.get("width", "")), _MEASURE.match(node.get("height", ""))
    if given_width:
        shown = float(given_width[1])
    elif given_height and height:
        shown = float(given_height[1]) * width / height
    else:
        shown = width
    return max(1, round(shown * scale))


def _picture(tag: str, sources: str, sizes: str, size: tuple[int, int] | None) -> str:
    """*tag* (an ``<img … />`` as the translator wrote it) inside a ``<picture>`` offering *sources*."""
    body, ending = (tag[:-1], "\n") if tag.endswith("\n") else (tag, "")
    present = set(_ATTRIBUTE.findall(body))
    extra = []
    if size is not None and not present & {"width", "height", "style"}:
        extra.append(f'width="{size[0]}" height="{size[1]}"')
    if "loading" not in present:
        extra.append('loading="lazy"')
    if "decoding" not in present:
        extra.append('decoding="async"')
    closing = body.rfind("/>") if body.endswith("/>") else len(body) - 1
    img = body[:closing].rstrip() + (" " + " ".join(extra) if extra else "") + " " + body[closing:]
    return (f'<picture class="np-picture"><source type="image/webp" srcset="{escape(sources)}" '
            f'sizes="{escape(sizes)}">{img}</picture>{ending}')


def _visit_image(app: Sphinx, translator: HTML5Translator, node: nodes.image) -> None:
    source = node["uri"]  # the path in the source folder, before the translator makes it a URL
    shown_width = 0
    variants = None if getattr(translator.builder, PLAIN_IMAGES, False) else image_variants(app, source)
    if variants is not None:
        shown_width = _shown_width(node, variants.width, variants.height)
    start = len(translator.body)
    type(translator).visit_image(translator, node)
    if variants is None:
        return
    imgpath = translator.builder.imgpath  # the way from this page to the images, as the translator links them
    for position in range(start, len(translator.body)):
        tag = translator.body[position]
        if tag.startswith("<img") and ' src="data:' not in tag:  # an embedded image has no variants
            sources = srcset(app, source, variants,
                             lambda output: posixpath.join(imgpath, quote(posixpath.basename(output))))
            sizes = body_image_sizes(app, translator.builder.current_docname, shown_width)
            translator.body[position] = _picture(tag, sources, sizes, (variants.width, variants.height))
            return


def setup_body_images(app: Sphinx) -> None:
    def visit_image(translator: HTML5Translator, node: nodes.image) -> None:
        _visit_image(app, translator, node)

    def depart_image(translator: HTML5Translator, node: nodes.image) -> None:
        type(translator).depart_image(translator, node)

    # for every HTML builder (by format); the translator's own methods do the writing
    app.add_node(nodes.image, override=True, html=(visit_image, depart_image))
