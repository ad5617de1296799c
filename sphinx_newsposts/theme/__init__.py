"""The theme: takes the page context that ``pages`` and ``publishing`` give and renders it as
the ``newsposts`` HTML theme (templates, CSS, a little JavaScript, and theme options declared in
``theme.toml`` and checked in ``pages/theme_options.py``, where pages read them under any theme);
also registered through the ``sphinx.html_themes`` entry point."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from ..pages.theme_options import THEME_NAME, setup_theme_options

__all__ = ["setup_theme"]

THEME_DIR = Path(__file__).parent / THEME_NAME


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme(THEME_NAME, str(THEME_DIR))
    setup_theme_options(app)


def setup(app: Sphinx) -> ExtensionMetadata:
    setup_theme(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
