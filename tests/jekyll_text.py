"""What a reader sees of a post's body, in a form in which Jekyll's and Sphinx's renderings compare.

Used by ``scripts/record_jekyll_oracle.py`` on Jekyll's output and by the tests on ours, so that
both sides are normalised by the very same code:

* visible text, one block element (paragraph, heading, list item, table row, ...) per line,
  whitespace collapsed; code blocks keep their lines (trailing spaces cut);
* typography in ASCII: kramdown's and Sphinx's smart quotes differ in details (kramdown turns
  ``'`` after a digit or in ``''`` otherwise than docutils does), so curly quotes become straight
  ones, en and em dashes ``-`` and the ellipsis ``...``; non-breaking spaces are spaces;
* heading permalinks (Sphinx's ``¶`` anchors) are not part of the text;
* links as ``post:<file stem>#fragment`` for a post of the site, the address for anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urldefrag

from bs4 import BeautifulSoup, NavigableString, Tag

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
})
CELLS = frozenset({"td", "th"})
INVISIBLE = frozenset({"script", "style", "template", "head"})

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
    "\u202f": " ", "\u2009": " ",
})
_SPACES = re.compile(r"\s+")


def ascii_typography(text: str) -> str:
    """*text* with quotes, dashes, ellipses and special spaces written in ASCII."""
    return text.translate(_TYPOGRAPHY).replace("\u2026", "...")


def visible_lines(fragment: str | Tag) -> list[str]:
    """The visible text of an HTML *fragment*: one line per block element, normalised."""
    root = BeautifulSoup(fragment, "html.parser") if isinstance(fragment, str) else fragment
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACES.sub(" ", ascii_typography("".join(current))).strip()
        if text:
            lines.append(text)
        current.clear()

    def walk(node: Tag, in_cell: bool = False) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    current.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in INVISIBLE or _is_headerlink(child):
                continue
            if child.name == "pre":
                flush()
                code = ascii_typography(child.get_text()).strip("\n")
                lines.extend(line.rstrip() for line in code.split("\n") if line.strip())
            elif child.name == "br":
                flush()
            elif child.name in CELLS:
                current.append(" | " if any(part.strip() for part in current) else "")
                walk(child, in_cell=True)
            elif child.name in BLOCKS and in_cell:  # a cell is one piece of its row's line
                current.append(" ")
                walk(child, in_cell)
                current.append(" ")
            elif child.name in BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child, in_cell)

    walk(root)
    flush()
    return lines


def _is_headerlink(tag: Tag) -> bool:
    return tag.name == "a" and "headerlink" in (tag.get("class") or [])


def link_targets(fragment: str | Tag) -> list[str]:
    """The ``href`` of every visible link of *fragment*, in document order."""
    root = BeautifulSoup(fragment, "html.parser") if isinstance(fragment, str) else fragment
    return [anchor["href"] for anchor in root.find_all("a", href=True) if not _is_headerlink(anchor)]


#: Added to a link whose ``#fragment`` names no element of the post it leads to.
NO_SUCH_ID = " (no such id)"


def normalised_links(hrefs: Iterable[str], post_of: Callable[[str], str | None], own_stem: str,
                     ids_of: Callable[[str], set[str]]) -> list[str]:
    """*hrefs* as ``post:<stem>#fragment`` where *post_of* maps the address (without its fragment)
    to a post's file stem; ``#fragment`` alone is a place in the post *own_stem*; others unchanged.
    A fragment that is not among the ids *ids_of* gives for the post's page is marked ``NO_SUCH_ID``."""
    result = []
    for href in hrefs:
        address, fragment = urldefrag(href)
        stem = own_stem if not address else post_of(address)
        if stem is None:
            result.append(href)
        elif not fragment:
            result.append(f"post:{stem}")
        else:
            fragment = unquote(fragment)
            missing = "" if fragment in ids_of(stem) else NO_SUCH_ID
            result.append(f"post:{stem}#{fragment}{missing}")
    return result


def element_ids(page: str | Tag) -> set[str]:
    """The ids of all elements of an HTML *page*."""
    root = BeautifulSoup(page, "html.parser") if isinstance(page, str) else page
    return {tag["id"] for tag in root.find_all(id=True)}
