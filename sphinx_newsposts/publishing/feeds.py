"""Placeholder."""

from sphinx.application import Sphinx


def setup_feeds(app: Sphinx) -> None:
    pass
