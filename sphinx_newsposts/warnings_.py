"""Every warning the extension gives: its subtype, when it is given, and the one way to give it.

Each warning is ``[newsposts.<subtype>]`` at the end of its line, so that
``suppress_warnings = ["newsposts.image"]`` silences one kind. The subtypes are the members of
:class:`NewspostsWarning`; the documentation's list of them is generated from their docstrings.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from docutils import nodes
from sphinx.util import logging

__all__ = ["WARNING_TYPE", "Location", "NewspostsWarning", "Warn", "emit_warning", "warn_in"]

logger = logging.getLogger(__name__)

#: The type of every warning of the extension, the part before the dot.
WARNING_TYPE = "newsposts"


class NewspostsWarning(StrEnum):
    """The subtypes of the extension's warnings. The values are what ``suppress_warnings`` names,
    so they never change; a member is a ``str``, equal to its value."""

    CONFIG = "config"
    """A ``newsposts_*`` setting has a value of the wrong type or out of range; its default is used."""
    THEME = "theme"
    """An ``html_theme_options`` value of the ``newsposts`` theme cannot be used; its default is used."""
    BASEURL = "baseurl"
    """Feeds, sitemaps, OpenGraph tags or JSON-LD are left out, because ``html_baseurl`` is not set; once each."""

    FRONT_MATTER = "front_matter"
    """The front matter cannot be read (the post is built from its file name and body), or one of its keys cannot."""
    FIELD = "field"
    """A field is not text or not a flag, repeats another spelling of the same key, or a ``slug`` is too long."""
    DATE = "date"
    """A date or updated date does not exist or cannot be read, or a post has no date at all (a draft then)."""
    CATEGORIES = "categories"
    """An entry of ``categories`` or ``category`` is not a label, or there are more than ``newsposts_max_labels``."""
    TAGS = "tags"
    """An entry of ``tags`` is not a label, or there are more than ``newsposts_max_labels``."""
    AUTHOR = "author"
    """An entry of ``author`` or ``authors`` is not a name, or there are more than ``newsposts_max_labels``."""
    KEYWORDS = "keywords"
    """An entry of ``keywords`` is not a label, or there are more than ``newsposts_max_labels``."""
    EXCERPT = "excerpt"
    """``excerpt``, ``description`` or ``summary`` is not text; the next that is, or the first paragraph, is used."""
    HEADER = "header"
    """``header`` is not a mapping such as ``{teaser: /assets/teaser.jpg}``; it is ignored."""
    IMAGE = "image"
    """An image is not a path or URL, is missing, is outside the source, is not http(s), or is not in the body;
    or it cannot be read or decoded (not an image, truncated, more pixels than allowed): it gets no smaller
    variants; or a generated image (a social card) cannot be made or copied into the output."""
    SEARCH = "search"
    """``newsposts_search`` is ``'pagefind'`` but no Pagefind binary is installed (Sphinx's search is used),
    or Pagefind could not index the site (the last search index written stays)."""
    REDIRECT = "redirect"
    """An old address is not a path on this site, or its redirect page would replace a page or another redirect."""

    LINK = "link"
    """A body link or image has a scheme that could run code (``javascript:``); links show as text, images go.
    Or a post's reference label (its file name) is also a target elsewhere; references lead to the post."""
    RAW_HTML = "raw_html"
    """Raw HTML in a post lost a tag, an attribute or an embed the allow-list does not keep (``newsposts_raw_html``)."""
    LIQUID = "liquid"
    """A Liquid construct fails to run (a syntax error, an unknown tag or filter, a missing include, a
    limit) and is left as written; or, with ``newsposts_liquid = False``, Liquid is left in a post's text."""

    FAQ = "faq"
    """A ``faq`` directive finds no questions, or has an option it cannot use."""
    TAKEAWAYS = "takeaways"
    """A ``takeaways`` directive holds no list, or has an option it cannot use."""
    SOURCE = "source"
    """A ``source`` directive has content, a URL that cannot be a link, or an option missing or unusable."""
    POST_LIST = "post_list"
    """A ``latest-posts`` directive has content, or an option it does not know or cannot use (a count
    that is not a positive whole number, an unknown layout); the option's default is used."""


#: Where a warning points: a document and line, a node, or nowhere (a setting).
Location = str | tuple[str | None, int | None] | nodes.Node | None

#: Reports a problem at a line of the document being read: ``warn(subtype, message, line)``.
Warn = Callable[[NewspostsWarning, str, int], None]


def emit_warning(subtype: NewspostsWarning, message: str, location: Location = None, *, once: bool = False) -> None:
    """Give a ``[newsposts.<subtype>]`` warning; with *once*, an identical one is given only once a build."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location, once=once)


def warn_in(docname: str) -> Warn:
    """A :data:`Warn` that places each warning at a line of *docname*."""
    def warn(subtype: NewspostsWarning, message: str, line: int) -> None:
        emit_warning(subtype, message, (docname, line))
    return warn
