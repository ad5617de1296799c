"""sphinx-newsposts: publish news posts written in Markdown with Sphinx."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .build import setup_build
from .components import setup_components
from .config import setup_config
from .index import setup_index
from .pages import setup_pages
from .publishing import setup_publishing
from .reading import setup_reading
from .theme import setup_theme

__version__ = "0.1.0"
__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> ExtensionMetadata:
    setup_config(app)  # newsposts_* settings, checked once per build
    setup_build(app)  # machinery that keeps builds fast and tidy; first, so that its events exist
    setup_reading(app)  # source -> doctree and PostMeta (MyST's parser, front matter, titles, link checks)
    app.setup_extension("sphinx_design")
    setup_components(app)  # faq, takeaways and source directives, and their plain-Markdown upgrade
    setup_index(app)  # the post index in the environment; the ABlog bridge
    setup_pages(app)  # what pages show: page context, cards, archive pages
    setup_publishing(app)  # head tags, JSON-LD, feeds, sitemaps, redirects
    setup_theme(app)  # the newsposts theme
    return {
        "version": __version__,
        "env_version": 5,  # raised whenever what the environment keeps changes shape
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
