"""What the extension adds to every HTML theme: the components' stylesheet, and the
templates of its archive pages and post cards (``newsposts/*.html``)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
COMPONENTS_CSS = "newsposts-components.css"


def _add_paths(app: Sphinx, config: Config) -> None:
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES_DIR))


def _add_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(COMPONENTS_CSS)


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", _add_paths)
    app.connect("builder-inited", _add_stylesheet)
