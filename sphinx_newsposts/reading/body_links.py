"""Links and images in the body of a post or page with front matter, checked as it is read."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..warnings_ import NewspostsWarning, emit_warning
from .post_reader import document_meta
from .urls import is_other_host, is_safe_image, is_safe_link, url_scheme


class CheckBodyLinks(SphinxTransform):
    """Links and images in the body of a post or page with front matter.

    Script, ``data:`` and ``file:`` URLs lose their link (the link text stays) and such
    images are left out, each with a located warning; links to other hosts get
    ``rel="noopener"``. Runs when the document is read, so every builder, page and feed
    shows the checked body; after the components are built (720), before ABlog (800).
    """

    default_priority = 730

    def apply(self, **kwargs: Any) -> None:
        if document_meta(self.env) is None:
            return
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not is_safe_image(uri):
                emit_warning(NewspostsWarning.LINK, f"image {uri!r} left out: {url_scheme(uri)}: URLs cannot be images",
                             image)
                _drop_image(image)
        site = self.config.html_baseurl or ""
        for reference in list(self.document.findall(nodes.reference)):
            uri = reference.get("refuri")
            if uri is None:
                continue
            if not is_safe_link(uri):
                emit_warning(NewspostsWarning.LINK, f"link to {uri!r} removed, its text kept: {url_scheme(uri)}: "
                             "URLs do not become links", reference)
                reference.parent.replace(reference, list(reference.children))
            elif is_other_host(uri, site):
                tokens = reference.get("rel", "").split()
                reference["rel"] = " ".join(tokens if "noopener" in tokens else [*tokens, "noopener"])


def _drop_image(image: nodes.image) -> None:
    """Remove *image*; inline, its alt text stays; a block-level link that holds it goes too."""
    parent = image.parent
    if isinstance(parent, nodes.reference) and not isinstance(parent.parent, nodes.TextElement):
        parent.parent.remove(parent)  # HTML writers expect such a link to hold exactly one image
        return
    alt = image.get("alt", "")
    parent.replace(image, [nodes.Text(alt)] if alt and isinstance(parent, nodes.TextElement) else [])


def setup_body_link_checks(app: Sphinx) -> None:
    app.add_transform(CheckBodyLinks)
