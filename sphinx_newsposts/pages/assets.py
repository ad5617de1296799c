"""What the extension adds to every HTML theme: the components' stylesheet, the templates of its
archive pages and post cards (``newsposts/*.html``), and ABlog's sidebar templates with every post
value escaped (``ablog/*.html``, found before ABlog's own)."""

from __future__ import annotations

from pathlib import Path

import ablog
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_design.extension import STATIC_DIR as DESIGN_STATIC_DIR

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
COMPONENTS_CSS = "newsposts-components.css"


def _static_dirs_added_later() -> list[str]:
    """What ABlog and sphinx-design append to html_static_path when the builder starts."""
    return [str(Path(ablog.__file__).parent / "stylesheets"), str(DESIGN_STATIC_DIR)]


def _add_paths(app: Sphinx, config: Config) -> None:
    # Listed before Sphinx compares this configuration with the saved one (and deduplicated once
    # the builder has started): otherwise every build reports "The configuration has changed".
    for path in [str(STATIC_DIR), *_static_dirs_added_later()]:
        if path not in config.html_static_path:
            config.html_static_path.append(path)
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES_DIR))


def _deduplicate_static_path(app: Sphinx) -> None:
    app.config.html_static_path[:] = list(dict.fromkeys(app.config.html_static_path))


def _add_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(COMPONENTS_CSS)


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", _add_paths)
    app.connect("builder-inited", _add_stylesheet)
    app.connect("builder-inited", _deduplicate_static_path, priority=900)
