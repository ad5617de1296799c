"""The description of every page, for ``<meta name="description">`` and ``og:description``.

Search engines show it under the page's title in their results, and Lighthouse's SEO audit fails a
page without one. A post or page with front matter has its own (``description``/``excerpt`` or its
first paragraph). The front page says what the site is: its first paragraph, else the theme's
``description`` option, else "Latest news from PROJECT". Archive pages say what they list ("Posts
tagged “x” on PROJECT", page numbers included, so that no two pages share one); any other page its
first paragraph, else its title and the site's name.
"""

from __future__ import annotations

import re
from html import unescape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _ as sphinx_gettext

from ..components.i18n import _
from ..pages.theme_options import theme_options
from ..reading.body import first_paragraph

__all__ = ["page_description", "sphinx_page_title", "text_of_title"]


def text_of_title(title: object) -> str:
    """A title as the template context hands it over (HTML) as plain text."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", str(title or ""))).split())


def sphinx_page_title(pagename: str) -> str:
    """The title of a page Sphinx makes without a document (its template sets the title, so the
    context has none), in Sphinx's own words and language; ``""`` for others."""
    titles = {"search": "Search", "genindex": "Index", "py-modindex": "Python Module Index"}
    return sphinx_gettext(titles[pagename]) if pagename in titles else ""


def _on_site(app: Sphinx, title: str) -> str:
    return _("%(title)s on %(project)s") % {"title": title, "project": app.config.project}


def page_description(app: Sphinx, pagename: str, title: str, doctree: nodes.document | None, *,
                     summary: str = "", archive: dict | None = None) -> str:
    """The description of a page titled *title*: its front matter's *summary* where it has one; the
    page's place in the site for an *archive* page (its template context's ``newsposts_archive``)."""
    if summary:
        return summary
    if archive:
        return _on_site(app, archive["title"])
    paragraph = first_paragraph(doctree, app.config.newsposts_excerpt_length) if doctree is not None else ""
    if pagename == app.config.root_doc:
        return paragraph or theme_options(app)["description"] or _("Latest news from %s") % app.config.project
    if paragraph:
        return paragraph
    return _on_site(app, title) if title else app.config.project
