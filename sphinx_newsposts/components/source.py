"""The ``source`` component: the article a post is based on.

::

    :::{source}
    :publisher: WIRED
    :url: https://www.wired.com/story/example/
    :title: The original story
    :author: Jane Doe
    :date: 2025-07-15
    :::
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..reading.dates import DateError, parse_date, site_zone
from ..reading.urls import is_linkable, is_remote
from ..warnings_ import NewspostsWarning
from .base import ComponentDirective, ComponentNode, HasPlainForm
from .i18n import _

_SOURCE_LABEL = re.compile(r"^\s*sources?\s*:\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"^[\s,;|·•/&]*(and)?[\s,;|·•/&]*$", re.IGNORECASE)


class source(ComponentNode):
    """One cited article; its attributes carry the citation for structured data."""


class source_date(HasPlainForm, nodes.Inline, nodes.TextElement):
    """A date shown as text, marked up as ``<time>`` in HTML."""


def build_source(publisher: str, url: str = "", title: str = "", author: str = "",
                 date_iso: str = "", date_text: str = "") -> source:
    """Render ``Source: <cite>Title</cite>, Publisher, Author, Date``; *url* must be checked."""
    node = source(publisher=publisher, url=url, title=title, author=author, date=date_iso)
    cited = nodes.Text(title or publisher)
    if url:
        link = nodes.reference("", "", cited, refuri=url)
        if is_remote(url):
            link["rel"] = "noopener"
        cited = link
    line = nodes.paragraph()
    line += nodes.inline("", _("Source:") + " ", classes=["np-source-label"])
    line += nodes.title_reference("", "", cited)
    details = [publisher] if title and publisher else []
    details += [author] if author else []
    for detail in details:
        line += nodes.Text(", " + detail)
    if date_iso:
        line += nodes.Text(", ")
        line += source_date("", date_text or date_iso, datetime=date_iso)
    node += line
    return node


def source_links(paragraph: nodes.paragraph) -> list[nodes.reference] | None:
    """The links of a ``Source(s): …`` paragraph that holds nothing else."""
    # MyST opens a paragraph that starts with **bold** with an empty text node
    children = list(paragraph.children)
    while children and isinstance(children[0], nodes.Text) and not children[0].strip():
        children.pop(0)
    if children and isinstance(children[0], (nodes.strong, nodes.emphasis)):
        if not _SOURCE_LABEL.fullmatch(children[0].astext()):
            return None
        children = children[1:]
    elif not (children and isinstance(children[0], nodes.Text) and _SOURCE_LABEL.match(children[0])):
        return None
    else:
        children = [nodes.Text(_SOURCE_LABEL.sub("", children[0], count=1)), *children[1:]]
    links = []
    for child in children:
        if isinstance(child, nodes.reference) and child.get("refuri"):
            links.append(child)
        elif not (isinstance(child, nodes.Text) and _SEPARATORS.match(child)):
            return None
    return links or None


def source_records(doctree: nodes.Node) -> list[dict[str, str]]:
    keys = ("publisher", "url", "title", "author", "date")
    return [{key: node[key] for key in keys if node.get(key)} for node in doctree.findall(source)]


class SourceDirective(ComponentDirective):
    known_options = {"publisher": str, "url": str, "title": str, "author": str, "date": str, "class": str.split}
    required_options = ("publisher", "url")
    has_content = True
    subtype = NewspostsWarning.SOURCE

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        if self.content:
            self.warn("takes no content, only options (:publisher:, :url:, :title:, :author:, :date:); "
                      "the content is ignored")
        url = options.get("url", "")
        if url and not is_linkable(url):
            self.warn(f"only http, https and relative URLs become links, not {url!r}; shown without a link")
            url = ""
        publisher = options.get("publisher") or (urlsplit(url).hostname or "" if url else "")
        date_iso = date_text = ""
        if options.get("date"):
            try:
                moment = parse_date(options["date"], site_zone(self.env))
            except DateError as exc:
                self.warn(f"option ':date:' {exc}; ignored")
            else:
                date_text = options["date"].strip()
                date_iso = moment.date().isoformat() if len(date_text) <= 10 else moment.isoformat()
        if not publisher and not options.get("title"):
            return []
        node = build_source(publisher, url, options.get("title", ""), options.get("author", ""), date_iso, date_text)
        node["classes"] += options.get("class", [])
        self.set_source_info(node)
        return [node]


def visit_source_html(self: HTML5Translator, node: source) -> None:
    self.body.append(self.starttag(node, "div", CLASS="np-source"))


def depart_source_html(self: HTML5Translator, node: source) -> None:
    self.body.append("</div>\n")


def visit_source_date_html(self: HTML5Translator, node: source_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_source_date_html(self: HTML5Translator, node: source_date) -> None:
    self.body.append("</time>")


def setup_source(app: Sphinx) -> None:
    app.add_node(source, html=(visit_source_html, depart_source_html))
    app.add_node(source_date, html=(visit_source_date_html, depart_source_date_html))
    app.add_directive("source", SourceDirective)
