"""Post components: ``faq``, ``takeaways`` and ``source``, their upgrade from plain
Markdown, and the records (questions, cited articles) they leave in the post index."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..post_index import post_index
from .base import setup_plain_form
from .faq import faq_records, setup_faq
from .i18n import setup_i18n
from .source import setup_source, source_records
from .takeaways import setup_takeaways
from .upgrade import UpgradePostSections


def _record_components(app: Sphinx, doctree: nodes.document) -> None:
    index, docname = post_index(app.env), app.env.docname
    questions, sources = faq_records(doctree), source_records(doctree)
    if questions:
        index.faqs[docname] = questions
    if sources:
        index.sources[docname] = sources


def setup_components(app: Sphinx) -> None:
    setup_i18n(app)
    setup_faq(app)
    setup_takeaways(app)
    setup_source(app)
    setup_plain_form(app)
    app.add_transform(UpgradePostSections)
    app.connect("doctree-read", _record_components)
