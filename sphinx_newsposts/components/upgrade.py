"""Turn the plain-Markdown shapes posts already use into components.

- a section headed "FAQ", "FAQs" or "Frequently Asked Questions" holding
  ``Q:``/``A:`` pairs -> :mod:`.faq` (the heading stays, as the section's title);
- a section headed "Key Takeaways", "Takeaways" or "Key Points" that starts with
  a list -> :mod:`.takeaways` (the box carries the heading);
- a last paragraph ``Source: [Name](url)`` or ``Sources:`` with several links
  -> one :mod:`.source` per link.

Each builds the very nodes the directives build. Anything that only looks
similar is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..reading.post_reader import document_meta
from ..reading.urls import is_linkable
from .faq import build_faq, parse_questions
from .source import build_source, source_links
from .takeaways import build_takeaways

_FAQ_HEADING = re.compile(r"^(faqs?|frequently asked questions)$", re.IGNORECASE)
_TAKEAWAYS_HEADING = re.compile(r"^(key takeaways|takeaways|key points)$", re.IGNORECASE)


def _heading_text(section: nodes.section) -> str:
    return section[0].astext().strip().rstrip(":").strip()


def _upgrade_faq(document: nodes.document, section: nodes.section) -> None:
    parsed = parse_questions(list(section.children[1:]))
    if parsed is None or any(isinstance(node, nodes.section) for node in parsed.intro):
        return
    block = build_faq(document, parsed)
    del section[1:]
    section.extend([*parsed.intro, block, *parsed.outro])


def _upgrade_takeaways(document: nodes.document, section: nodes.section) -> None:
    body = section.children[1:]
    if not body or not isinstance(body[0], (nodes.bullet_list, nodes.enumerated_list)):
        return
    box = build_takeaways(document, list(section[0].children), [body[0]])
    box["ids"][:0] = section["ids"]  # links to the old heading still land on the box
    for node_id in section["ids"]:
        document.ids[node_id] = box
    section.replace_self([box, *body[1:]])


def _last_body_paragraph(parent: nodes.Element) -> nodes.paragraph | None:
    """The last paragraph, in reading order, that is a section's or the document's own."""
    for child in reversed(parent.children):
        if isinstance(child, nodes.paragraph):
            return child
        if isinstance(child, nodes.section):
            found = _last_body_paragraph(child)
            if found is not None:
                return found
    return None


def _upgrade_source(document: nodes.document, root: nodes.Element) -> None:
    last = _last_body_paragraph(root)
    if last is None:
        return
    links = source_links(last)
    if not links or not all(is_linkable(link["refuri"]) for link in links):
        return
    citations = [build_source(link.astext().strip(), link["refuri"]) for link in links]
    for citation in citations:
        citation.source, citation.line = last.source, last.line
    last.replace_self(citations)


class UpgradePostSections(SphinxTransform):
    """Runs on posts after their title is settled (700), before ABlog reads them (800)."""

    default_priority = 720

    def apply(self, **kwargs: Any) -> None:
        meta = document_meta(self.env)
        if meta is None or not meta.is_post or not self.config.newsposts_upgrade_sections:
            return
        for section in list(self.document.findall(nodes.section)):
            if not len(section) or not isinstance(section[0], nodes.title):
                continue
            heading = _heading_text(section)
            if _FAQ_HEADING.match(heading):
                _upgrade_faq(self.document, section)
            elif _TAKEAWAYS_HEADING.match(heading):
                _upgrade_takeaways(self.document, section)
        _upgrade_source(self.document, self.document)
