"""Step 2, components: takes a read doctree and gives it the ``faq``, ``takeaways`` and
``source`` components (from their directives, or upgraded from plain Markdown), each with a
rendering for every builder, and the records (questions, cited articles) they leave in the
page's doctree; and the ``latest-posts`` node, which the pages step fills with posts."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .base import setup_plain_form
from .faq import faq_records, setup_faq
from .i18n import setup_i18n
from .latest_posts import setup_latest_posts
from .source import setup_source, source_records
from .takeaways import setup_takeaways
from .upgrade import UpgradePostSections

__all__ = ["page_questions", "page_sources", "setup_components"]

FAQ_RECORDS = "newsposts_faq"  # doctree attributes: only the page itself shows them
SOURCE_RECORDS = "newsposts_sources"


def _record_components(app: Sphinx, doctree: nodes.document) -> None:
    """Keep each page's questions and cited articles with its own doctree (its page and its
    JSON-LD are all that show them), not in the environment every build loads."""
    questions, sources = faq_records(doctree), source_records(doctree)
    if questions:
        doctree[FAQ_RECORDS] = questions
    if sources:
        doctree[SOURCE_RECORDS] = sources


def page_questions(doctree: nodes.document | None) -> list[dict[str, str]]:
    """The questions and answers of the page's FAQ components, in page order."""
    return doctree.get(FAQ_RECORDS, []) if doctree is not None else []


def page_sources(doctree: nodes.document | None) -> list[dict[str, str]]:
    """The articles the page cites with source components."""
    return doctree.get(SOURCE_RECORDS, []) if doctree is not None else []


def setup_components(app: Sphinx) -> None:
    setup_i18n(app)
    setup_faq(app)
    setup_takeaways(app)
    setup_source(app)
    setup_latest_posts(app)
    setup_plain_form(app)
    app.add_transform(UpgradePostSections)
    app.connect("doctree-read", _record_components)
