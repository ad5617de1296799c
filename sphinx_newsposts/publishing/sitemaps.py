"""Placeholder."""

from sphinx.application import Sphinx


def setup_sitemaps(app: Sphinx) -> None:
    pass
