"""The ``latest-posts`` directive: the newest posts, as cards, on any page and under any theme.

::

    :::{latest-posts}
    :count: 5
    :tag: release
    :category: Security
    :author: Ada
    :layout: compact
    :links:
    :::

Reading only notes what the page asks for (a :class:`latest_posts` node) and that the page lists
posts (:func:`lists_posts`), so that the page is written again whenever the posts it would list
change. Which posts those are, and how they look, is decided when the page is written
(:mod:`..pages.post_lists`), once every post has been read.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..converters import as_whole_number
from ..warnings_ import NewspostsWarning
from .base import ComponentDirective, flag

__all__ = ["DEFAULT_COUNT", "LABEL_FILTERS", "LAYOUTS", "latest_posts", "lists_posts"]

DEFAULT_COUNT = 5
#: Layouts of the list: full cards, or the smaller cards related posts use.
LAYOUTS = ("cards", "compact")
#: Options naming a label every listed post carries: the kinds of label archive pages have.
LABEL_FILTERS = ("tag", "category", "author")
_LISTS_POSTS = "newsposts_lists_posts"  # a doctree attribute: set by the directive, read by the index


class latest_posts(nodes.General, nodes.Element):
    """Where the list goes, with what it asks for: ``count``, ``layout``, ``links``, and the
    labels (``tag``, ``category``, ``author``) every listed post must carry."""


def positive_count(value: str) -> int:
    count = as_whole_number(value)
    if count is None or count < 1:
        raise ValueError(f"must be a whole number from 1 up, not {value!r} (default {DEFAULT_COUNT})")
    return count


def layout(value: str) -> str:
    if value not in LAYOUTS:
        raise ValueError(f"must be {' or '.join(LAYOUTS)}, not {value!r} (default {LAYOUTS[0]})")
    return value


def label(value: str) -> str:
    if not value:
        raise ValueError("needs a label")
    return value


def lists_posts(doctree: nodes.document) -> bool:
    """Whether a ``latest-posts`` directive was read into *doctree* (no walk of the tree)."""
    return bool(doctree.get(_LISTS_POSTS))


class LatestPostsDirective(ComponentDirective):
    """``latest-posts``: takes options only."""

    has_content = True
    known_options = {"count": positive_count, "layout": layout, "links": flag,
                     **{name: label for name in LABEL_FILTERS}}
    subtype = NewspostsWarning.POST_LIST

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        if self.content:
            self.warn("takes no content, only options (:count:, :tag:, :category:, :author:, :layout:, "
                      ":links:); the content is ignored")
        node = latest_posts(count=options.get("count", DEFAULT_COUNT), layout=options.get("layout", LAYOUTS[0]),
                            links=options.get("links", False),
                            **{name: options[name] for name in LABEL_FILTERS if name in options})
        self.set_source_info(node)
        self.state.document[_LISTS_POSTS] = True
        return [node]


def setup_latest_posts(app: Sphinx) -> None:
    # Every builder gets the list from ..pages.post_lists, which replaces the node before writing.
    app.add_node(latest_posts)
    app.add_directive("latest-posts", LatestPostsDirective)
