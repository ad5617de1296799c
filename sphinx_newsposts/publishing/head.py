"""Placeholder."""

from sphinx.application import Sphinx


def setup_head(app: Sphinx) -> None:
    pass
