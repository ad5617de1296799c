"""Heading anchors as a Jekyll site had them, beside Sphinx's own.

Jekyll's kramdown gives each heading an ``id`` made from its text (``auto_ids``), and links
copied from a Jekyll site end in them: ``/news/2013/05/06/release.html#install-and-upgrade``,
or ``#install-and-upgrade`` within the page. Docutils makes its ids differently (ASCII only, a
leading digit dropped, runs of punctuation collapsed), so such a link would miss. Here each
section of a Markdown document also gets the ids kramdown would have given it: the GFM one
(Jekyll's default ``input: GFM``) and the classic kramdown one, when they differ from the ids it
has and no other element holds them. Sphinx writes every id of a section, so the old anchors
land on the heading and Sphinx's own keep working.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .post_reader import document_meta

#: What kramdown-parser-gfm removes from a heading: anything but word characters (Unicode
#: letters, marks, digits, ``_``), ``-``, space and tab.
_NOT_GFM = re.compile(r"[^\w\- \t]")
_LEADING_NOT_LETTER = re.compile(r"^[^a-zA-Z]+")
_NOT_KRAMDOWN = re.compile(r"[^a-zA-Z0-9 \-]")


def gfm_id(text: str) -> str:
    """The id kramdown's GFM parser gives a heading reading *text*, before duplicates are counted."""
    return re.sub(r"[ \t]", "-", _NOT_GFM.sub("", text.lower()))


def kramdown_id(text: str) -> str:
    """The id kramdown's own parser gives a heading reading *text*, before duplicates are counted."""
    ascii_only = _NOT_KRAMDOWN.sub("", _LEADING_NOT_LETTER.sub("", text))
    return ascii_only.replace(" ", "-").lower() or "section"


def _numbered(make: Callable[[str], str]) -> Callable[[str], str]:
    """*make*, with kramdown's count of repeats: the second ``foo`` is ``foo-1``, the third ``foo-2``."""
    seen: dict[str, int] = {}

    def numbered(text: str) -> str:
        base = make(text)
        count = seen[base] = seen.get(base, -1) + 1
        return f"{base}-{count}" if count else base
    return numbered


class AddJekyllHeadingIds(SphinxTransform):
    """Give each section of a Markdown document the ids kramdown gave its heading."""

    # After the title is settled (700) and MyST's heading slugs (700), before MyST resolves
    # ``[text](#id)`` links in the page (879), so that those find the new ids too.
    default_priority = 720

    def apply(self, **kwargs: Any) -> None:
        if self.env.doc2path(self.env.docname).suffix.lower() == ".rst":
            return  # reStructuredText never went through kramdown
        ids = self.document.ids
        makers = (_numbered(gfm_id), _numbered(kramdown_id))
        meta = document_meta(self.env)
        # A title from front matter was never a heading of the body: Jekyll's layout shows it.
        page_title = (next(self.document.findall(nodes.section), None)
                      if meta is not None and meta.title_source == "front-matter" else None)
        # MyST finds the headings a link to another document names in that document's slugs
        slugs = self.env.metadata[self.env.docname].setdefault("myst_slugs", {})
        for section in self.document.findall(nodes.section):
            if section is page_title or not section.children or not isinstance(section[0], nodes.title):
                continue
            text = section[0].astext()
            for make in makers:
                new_id = make(text)
                if new_id and new_id not in ids:  # the first holder of an id keeps it
                    section["ids"].append(new_id)
                    ids[new_id] = section
                    slugs.setdefault(new_id, (section[0].line or section.line or 0, new_id, text))


def setup_heading_ids(app: Sphinx) -> None:
    app.add_transform(AddJekyllHeadingIds)
