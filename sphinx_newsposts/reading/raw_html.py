"""Raw HTML in a post's body (MyST's inline and block HTML, reStructuredText's ``raw:: html``):
sanitized, shown as text, or trusted, by ``newsposts_raw_html``.

A post is untrusted input: many hands write news, and pipelines generate it. With the default,
``"sanitize"``, every piece of raw HTML goes through nh3 (the bindings of the Ammonia sanitizer)
with the allow-list of :mod:`.html_policy`, and each thing removed is a located
``newsposts.raw_html`` warning. Pages that are not posts are written by the site's owners and are
left alone unless ``newsposts_raw_html_pages`` is set.

Markdown splits HTML around the Markdown between it: ``<details>``, a paragraph, ``</details>``
are two raw nodes with a paragraph between. So the raw pieces of one parent are sanitized as one
fragment, each node between them standing in as a marker element (named afresh for every
document, so that no post can forge one); the sanitized fragment is cut at the markers back into
the pieces. Tags therefore stay paired across the Markdown between them, and a tag left open is
closed before the parent ends instead of swallowing the page.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from typing import Any

import nh3
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..warnings_ import NewspostsWarning, emit_warning
from .html_policy import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EMBED_SANDBOX,
    REMOVED_WITH_CONTENT,
    URL_ATTRIBUTES,
    is_allowed_embed,
    is_allowed_url,
    removals,
)
from .post_reader import document_meta

__all__ = ["MODES", "sanitize_pieces"]

MODES = ("sanitize", "escape", "trust")
_IFRAME_WITHOUT_SOURCE = re.compile(r'<iframe((?:\s+(?!src=)[^\s=>]+="[^"]*")*)\s*>.*?</iframe>', re.DOTALL)
#: An iframe's start tag as nh3 writes it (it escapes "<" and ">" in attribute values, so this is
#: always a tag). The sandbox and lazy loading are added here rather than by nh3's
#: set_tag_attribute_values, which writes them in an order that changes from run to run.
_IFRAME_START = re.compile(r"(<iframe\s[^>]*)>")
_EMBED_ATTRIBUTES = f' sandbox="{EMBED_SANDBOX}" loading="lazy"'


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


class _Sanitizer:
    """nh3 set up with the allow-list, for one document: its marker element is its own."""

    def __init__(self, embed_hosts: Iterable[str]) -> None:
        self.embed_hosts = tuple(embed_hosts)
        self.marker = f"np-{secrets.token_hex(6)}"
        attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
        attributes[self.marker] = {"data-piece"}
        self._cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS | {self.marker}),
            clean_content_tags=set(REMOVED_WITH_CONTENT),
            attributes=attributes,
            attribute_filter=self._filter,
            link_rel="noopener",
            url_schemes={"http", "https", "mailto", "data"},  # data: only where _filter lets it (raster images)
        )
        self._marker_at = re.compile(rf'<{self.marker} data-piece="(\d+)"></{self.marker}>')

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute in URL_ATTRIBUTES and not is_allowed_url(tag, attribute, value):
            return None
        if tag == "iframe" and attribute == "src" and not is_allowed_embed(value, self.embed_hosts):
            return None
        return value

    def clean(self, pieces: list[str | None]) -> list[str] | None:
        """*pieces* sanitized as one fragment: each ``str`` is HTML, each ``None`` stands for a node
        between them. Returns the sanitized HTML cut at those nodes: the HTML before the first,
        then the HTML after each (one more than there are nodes). A node inside something removed
        with its content (``<script>``, a text node, ``</script>``) keeps its place after the node
        before it. None when the sanitizer moved a node out of order (as HTML moves what stands
        directly in a ``<table>``)."""
        slots = 0
        fragment = []
        for piece in pieces:
            if piece is None:
                fragment.append(f'<{self.marker} data-piece="{slots}"></{self.marker}>')
                slots += 1
            else:
                fragment.append(piece)
        cleaned = _IFRAME_WITHOUT_SOURCE.sub("", self._cleaner.clean("".join(fragment)))
        cleaned = _IFRAME_START.sub(lambda start: f"{start[1]}{_EMBED_ATTRIBUTES}>", cleaned)
        found = [int(match[1]) for match in self._marker_at.finditer(cleaned)]
        if found != sorted(set(found)):
            return None
        parts = self._marker_at.split(cleaned)  # html, slot, html, slot, ..., html
        after = {slot: parts[2 * position + 2] for position, slot in enumerate(found)}
        return [parts[0], *(after.get(slot, "") for slot in range(slots))]


def sanitize_pieces(pieces: list[str | None], embed_hosts: Iterable[str]) -> list[str] | None:
    """Raw HTML *pieces* with the nodes between them (``None``), sanitized: the HTML before, between
    and after those nodes (see :meth:`_Sanitizer.clean`); None when they cannot keep their order."""
    return _Sanitizer(embed_hosts).clean(pieces)


def _parents_with_html(document: nodes.document) -> list[nodes.Element]:
    parents: dict[int, nodes.Element] = {}
    for node in document.findall(_is_html):
        parents.setdefault(id(node.parent), node.parent)
    return list(parents.values())


def _sanitize(document: nodes.document, sanitizer: _Sanitizer) -> None:
    for parent in _parents_with_html(document):
        children = list(parent.children)
        positions = [index for index, child in enumerate(children) if _is_html(child)]
        first, last = positions[0], positions[-1]
        span = children[first:last + 1]
        for child in span:
            if _is_html(child):
                for problem in removals(child.astext(), sanitizer.embed_hosts):
                    emit_warning(NewspostsWarning.RAW_HTML, f"raw HTML: {problem}", child)
        between = [child for child in span if not _is_html(child)]
        cut = sanitizer.clean([child.astext() if _is_html(child) else None for child in span])
        if cut is None:
            emit_warning(NewspostsWarning.RAW_HTML, "raw HTML sanitized piece by piece: its tags cannot stay paired "
                         "around the Markdown between them (such as text straight inside a <table>)", span[0])
            pieces = [sanitizer.clean([child.astext()]) if _is_html(child) else None for child in span]
            parent[first:last + 1] = [_raw_like(child, piece[0]) if piece is not None else child
                                      for child, piece in zip(span, pieces, strict=True)
                                      if piece is None or piece[0]]
            continue
        rebuilt: list[nodes.Node] = _raw_like_list(span[0], cut[0])
        for node, html in zip(between, cut[1:], strict=True):
            rebuilt.append(node)
            rebuilt += _raw_like_list(span[0], html)
        parent[first:last + 1] = rebuilt


def _raw_like_list(model: nodes.raw, html: str) -> list[nodes.Node]:
    return [_raw_like(model, html)] if html else []


def _raw_like(model: nodes.raw, html: str) -> nodes.raw:
    node = nodes.raw(html, html, format="html")
    node.source, node.line = model.source, model.line
    return node


def _escape(document: nodes.document) -> None:
    """Markup shown as written: as code, so that no smart quotes or highlighting guesses change it."""
    for node in list(document.findall(_is_html)):
        text = node.astext()
        if isinstance(node.parent, nodes.TextElement):
            shown = nodes.literal(text, text)
        else:
            shown = nodes.literal_block(text, text, language="html")
        shown.source, shown.line = node.source, node.line
        node.parent.replace(node, shown)


class SanitizeRawHtml(SphinxTransform):
    """Runs as the document is read, so that every builder, feed and excerpt sees the result;
    after the components (720), before the body's links are checked (730)."""

    default_priority = 725

    def apply(self, **kwargs: Any) -> None:
        config = self.config
        mode = config.newsposts_raw_html
        if mode == "trust":
            return
        meta = document_meta(self.env)
        if not (meta is not None and meta.is_post or config.newsposts_raw_html_pages):
            return
        if next(self.document.findall(_is_html), None) is None:
            return
        if mode == "escape":
            _escape(self.document)
        else:
            _sanitize(self.document, _Sanitizer(config.newsposts_embed_hosts))


def setup_raw_html(app: Sphinx) -> None:
    app.add_transform(SanitizeRawHtml)
