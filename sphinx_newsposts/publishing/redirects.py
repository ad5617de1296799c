"""Placeholder."""

from sphinx.application import Sphinx


def setup_redirects(app: Sphinx) -> None:
    pass
