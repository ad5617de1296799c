"""The ``takeaways`` component: a highlighted box with a heading and a list.

In HTML a ``<section>`` named by its heading: a region inside the article, where
an ``<aside>`` would be a complementary landmark that must stay top-level.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..warnings_ import NewspostsWarning
from .base import ComponentDirective, ComponentNode, claim_id
from .i18n import _


class takeaways(ComponentNode):
    def plain_form(self) -> list[nodes.Node]:
        title, *body = self.children
        return [nodes.rubric(title.astext(), "", *title.children, ids=self["ids"]), *body]


class takeaways_title(nodes.Part, nodes.TextElement):
    pass


def build_takeaways(document: nodes.document, title: list[nodes.Node] | None,
                    body: list[nodes.Node]) -> takeaways:
    """The box; *title* ``None`` means the translated default heading."""
    box = takeaways()
    heading = takeaways_title("", "", *(title or [nodes.Text(_("Key Takeaways"))]))
    box += heading
    box.extend(body)
    box_id = claim_id(document, box, "takeaways-" + heading.astext())
    heading["ids"].append(box_id + "-title")
    document.ids[box_id + "-title"] = heading
    return box


class TakeawaysDirective(ComponentDirective):
    """``takeaways [heading]``: the content, usually a list, in a highlighted box."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    known_options = {"class": str.split, "name": str}
    subtype = NewspostsWarning.TAKEAWAYS

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        body = self.parse_content_to_nodes()
        if not any(isinstance(node, (nodes.bullet_list, nodes.enumerated_list)) for node in body):
            self.warn("expects a list of points; the content is shown in the box as it is")
        title = None
        if self.arguments:
            title, _messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        box = build_takeaways(self.state.document, title, body)
        box["classes"] += options.get("class", [])
        if options.get("name"):
            self.add_name(box)
        return [box]


def visit_takeaways_html(self: HTML5Translator, node: takeaways) -> None:
    title_ids = node[0]["ids"] if len(node) and isinstance(node[0], takeaways_title) else []
    attributes = {"aria-labelledby": title_ids[0]} if title_ids else {}
    self.body.append(self.starttag(node, "section", CLASS="np-takeaways", **attributes))


def depart_takeaways_html(self: HTML5Translator, node: takeaways) -> None:
    self.body.append("</section>\n")


def visit_takeaways_title_html(self: HTML5Translator, node: takeaways_title) -> None:
    self.body.append(self.starttag(node, "p", "", CLASS="np-takeaways-title"))


def depart_takeaways_title_html(self: HTML5Translator, node: takeaways_title) -> None:
    self.body.append("</p>\n")


def setup_takeaways(app: Sphinx) -> None:
    app.add_node(takeaways, html=(visit_takeaways_html, depart_takeaways_html))
    app.add_node(takeaways_title, html=(visit_takeaways_title_html, depart_takeaways_title_html))
    app.add_directive("takeaways", TakeawaysDirective)
