"""The ``faq`` component: questions and answers, one disclosure per question.

Syntax, the same inside the directive as in a plain-Markdown "FAQ" section::

    **Q: Why is the sky blue?**
    A: Because of Rayleigh scattering.

    **Q:** Can an answer be long?

    A: Yes: paragraphs, lists and links until the next question.

``Q:``/``A:`` may also be written without bold.
"""

from __future__ import annotations

import dataclasses
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..warnings_ import NewspostsWarning
from .base import ComponentDirective, ComponentNode, claim_id, flag
from .i18n import _
from .source import source, source_links

_QUESTION = re.compile(r"^\s*Q\s*:\s*", re.IGNORECASE)
_ANSWER = re.compile(r"^\s*A\s*:\s*", re.IGNORECASE)
_ANSWER_ON_NEW_LINE = re.compile(r"\n\s*A\s*:\s*", re.IGNORECASE)
_EMPHASIS = (nodes.strong, nodes.emphasis)
# The same markers in the source text, for the messages that gettext extracts.
_ANSWER_IN_SOURCE = re.compile(r"^\s*(?:\*\*|__|\*|_)?\s*A\s*:\s*(?:\*\*|__|\*|_)?\s*", re.IGNORECASE)
_ANSWER_LINE_IN_SOURCE = re.compile(r"\n\s*(?:\*\*|__|\*|_)?\s*A\s*:\s*(?:\*\*|__|\*|_)?\s*", re.IGNORECASE)


class faq(ComponentNode):
    """All questions of one FAQ block; ``open`` says whether answers start expanded."""


class faq_item(ComponentNode):
    def plain_form(self) -> list[nodes.Node]:
        question, answer = self.children
        heading = nodes.paragraph(question.rawsource, "", nodes.strong("", "", *question.children), ids=self["ids"])
        heading.source, heading.line = question.source, question.line
        if hasattr(question, "uid"):  # gettext collects only nodes that carry the uid it gave them
            heading.uid = question.uid
        return [heading, *answer.children]


class faq_question(nodes.Part, nodes.TextElement):
    pass


class faq_answer(nodes.Part, nodes.Element):
    pass


@dataclasses.dataclass
class QuestionsAndAnswers:
    intro: list[nodes.Node]
    #: (question inlines, answer nodes, the paragraph the question was written in)
    items: list[tuple[list[nodes.Node], list[nodes.Node], nodes.paragraph]]
    #: What follows the last answer: a rule, the story's sources.
    outro: list[nodes.Node] = dataclasses.field(default_factory=list)


def _ends_answers(node: nodes.Node) -> bool:
    if isinstance(node, (nodes.transition, nodes.section, source)):
        return True
    return isinstance(node, nodes.paragraph) and source_links(node) is not None


def _merge_text(inlines: list[nodes.Node]) -> list[nodes.Node]:
    """Join neighbouring Text nodes, so a marker split by a soft break is seen whole."""
    merged: list[nodes.Node] = []
    for node in inlines:
        if isinstance(node, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
            merged[-1] = nodes.Text(merged[-1] + node)
        else:
            merged.append(node)
    return merged


def _lstrip(inlines: list[nodes.Node]) -> list[nodes.Node]:
    while inlines and isinstance(inlines[0], nodes.Text) and not inlines[0].strip():
        inlines = inlines[1:]
    if inlines and isinstance(inlines[0], nodes.Text):
        inlines = [nodes.Text(inlines[0].lstrip()), *inlines[1:]]
    return inlines


def _rstrip(inlines: list[nodes.Node]) -> list[nodes.Node]:
    while inlines and isinstance(inlines[-1], nodes.Text) and not inlines[-1].strip():
        inlines = inlines[:-1]
    if inlines and isinstance(inlines[-1], nodes.Text):
        inlines = [*inlines[:-1], nodes.Text(inlines[-1].rstrip())]
    return inlines


def _strip_marker(inlines: list[nodes.Node], marker: re.Pattern) -> list[nodes.Node] | None:
    """*inlines* without a leading ``Q:``/``A:`` (plain or emphasised); None if absent."""
    inlines = _lstrip(_merge_text(inlines))
    if not inlines:
        return None
    first = inlines[0]
    if isinstance(first, nodes.Text):
        match = marker.match(first)
        if not match:
            return None
        rest = first[match.end():]
        return ([nodes.Text(rest)] if rest else []) + inlines[1:]
    if isinstance(first, _EMPHASIS) and marker.match(first.astext()):
        inner = _strip_marker(list(first.children), marker)
        if inner is None:
            return None
        if "".join(node.astext() for node in inner).strip():
            return inner + inlines[1:]  # "**Q: the question**": the question, unbolded
        return _lstrip(inlines[1:])  # "**Q:** the question"
    return None


def _split_answer(inlines: list[nodes.Node]) -> tuple[list[nodes.Node], list[nodes.Node] | None]:
    """Split a question paragraph where an answer starts on a new line."""
    for index, node in enumerate(inlines):
        if not isinstance(node, nodes.Text):
            continue
        match = _ANSWER_ON_NEW_LINE.search(node)
        if match:
            before, after = node[:match.start()], node[match.end():]
            question = inlines[:index] + ([nodes.Text(before)] if before else [])
            return question, ([nodes.Text(after)] if after else []) + inlines[index + 1:]
        following = inlines[index + 1] if index + 1 < len(inlines) else None
        if node.endswith("\n") and isinstance(following, _EMPHASIS) and _ANSWER.fullmatch(following.astext()):
            return inlines[:index] + [nodes.Text(node.rstrip())], _lstrip(inlines[index + 2:])
    return inlines, None


def _answer_paragraph(original: nodes.paragraph, inlines: list[nodes.Node]) -> nodes.paragraph:
    """A paragraph of *inlines*, keeping the original's place and source text minus the marker."""
    rawsource = original.rawsource
    split = _ANSWER_LINE_IN_SOURCE.split(rawsource, maxsplit=1)
    rawsource = split[1] if len(split) == 2 else _ANSWER_IN_SOURCE.sub("", rawsource, count=1)
    paragraph = nodes.paragraph(rawsource.strip(), "", *inlines)
    paragraph.source, paragraph.line = original.source, original.line
    return paragraph


def parse_questions(body: list[nodes.Node]) -> QuestionsAndAnswers | None:
    """Read Q/A pairs from *body*; None unless every question has an answer."""
    parsed = QuestionsAndAnswers(intro=[], items=[])
    answer: list[nodes.Node] | None = None
    for position, node in enumerate(body):
        if parsed.items and answer is not None and _ends_answers(node):
            parsed.outro = list(body[position:])
            break
        question = _strip_marker(list(node.children), _QUESTION) if isinstance(node, nodes.paragraph) else None
        if question is not None:
            if parsed.items and answer is None:
                return None
            question, first_answer = _split_answer(question)
            answer = None if first_answer is None else [_answer_paragraph(node, _rstrip(first_answer))]
            parsed.items.append((_rstrip(question), answer, node))
            continue
        if not parsed.items:
            parsed.intro.append(node)
            continue
        if answer is None:
            stripped = _strip_marker(list(node.children), _ANSWER) if isinstance(node, nodes.paragraph) else None
            if stripped is None:
                return None
            answer = [_answer_paragraph(node, stripped)]
            parsed.items[-1] = (parsed.items[-1][0], answer, parsed.items[-1][2])
        else:
            answer.append(node)
    if not parsed.items or answer is None:
        return None
    for question, item_answer, _paragraph in parsed.items:
        if not "".join(n.astext() for n in question).strip() or not item_answer:
            return None
    return parsed


def _raw_as_text(items: list[nodes.Node], inline: bool) -> list[nodes.Node]:
    """Raw HTML inside questions and answers is shown as text, never passed through."""
    def text_of(raw: nodes.raw, inline: bool) -> nodes.Node:
        return nodes.Text(raw.astext()) if inline else nodes.paragraph(raw.astext(), raw.astext())

    result = []
    for node in items:
        if isinstance(node, nodes.raw):
            node = text_of(node, inline)
        elif isinstance(node, nodes.Element):
            for raw in list(node.findall(nodes.raw)):
                raw.replace_self(text_of(raw, isinstance(raw.parent, nodes.TextElement)))
        result.append(node)
    return result


def build_faq(document: nodes.document, parsed: QuestionsAndAnswers, open_answers: bool = False) -> faq:
    block = faq(open=open_answers)
    for question, answer, written_in in parsed.items:
        question, answer = _raw_as_text(question, inline=True), _raw_as_text(answer, inline=False)
        item = faq_item()
        text = "".join(node.astext() for node in question).strip()
        question_node = faq_question(text, "", *question)
        question_node.source, question_node.line = written_in.source, written_in.line
        item += question_node
        item += faq_answer("", *answer)
        claim_id(document, item, "faq-" + question_node.astext())
        block += item
    return block


def faq_records(doctree: nodes.Node) -> list[dict[str, str]]:
    """Questions and plain-text answers, in page order (for FAQPage JSON-LD)."""
    records = []
    for item in doctree.findall(faq_item):
        question, answer = item.children
        text = "\n\n".join(child.astext().strip() for child in answer.children if child.astext().strip())
        records.append({"question": question.astext().strip(), "answer": text, "id": item["ids"][0]})
    return records


class FaqDirective(ComponentDirective):
    has_content = True
    known_options = {"open": flag, "class": str.split, "name": str}
    subtype = NewspostsWarning.FAQ

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        content = self.parse_content_to_nodes()
        parsed = parse_questions(content)
        if parsed is None:
            self.warn("no questions found: write each as '**Q: …?**' followed by a paragraph "
                      "starting 'A: …'; the content is shown as it is")
            return content
        block = build_faq(self.state.document, parsed, options.get("open", False))
        block["classes"] += options.get("class", [])
        if options.get("name"):
            self.add_name(block)
        return [*parsed.intro, block, *parsed.outro]


# -- HTML --------------------------------------------------------------------------------

def visit_faq_html(self: HTML5Translator, node: faq) -> None:
    self.body.append(self.starttag(node, "div", CLASS="np-faq", role="region",
                                   **{"aria-label": _("Frequently asked questions")}))


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_faq_item_html(self: HTML5Translator, node: faq_item) -> None:
    parent_open = node.parent.get("open", False) if node.parent is not None else False
    attributes = {"open": "open"} if parent_open else {}
    self.body.append(self.starttag(node, "details", CLASS="np-faq-item", **attributes))


def depart_faq_item_html(self: HTML5Translator, node: faq_item) -> None:
    self.body.append("</details>\n")


def visit_faq_question_html(self: HTML5Translator, node: faq_question) -> None:
    self.body.append(self.starttag(node, "summary", "", CLASS="np-faq-question"))


def depart_faq_question_html(self: HTML5Translator, node: faq_question) -> None:
    self.body.append("</summary>\n")


def visit_faq_answer_html(self: HTML5Translator, node: faq_answer) -> None:
    self.body.append(self.starttag(node, "div", CLASS="np-faq-answer"))


def setup_faq(app: Sphinx) -> None:
    app.add_node(faq, html=(visit_faq_html, depart_div))
    app.add_node(faq_item, html=(visit_faq_item_html, depart_faq_item_html))
    app.add_node(faq_question, html=(visit_faq_question_html, depart_faq_question_html))
    app.add_node(faq_answer, html=(visit_faq_answer_html, depart_div))
    app.add_directive("faq", FaqDirective)
