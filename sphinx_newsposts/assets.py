"""What the extension adds to every HTML theme: the components' stylesheet, and the
templates of its archive pages and post cards (``newsposts/*.html``)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
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


def _uses_sphinx_design(doctree: nodes.document | None) -> bool:
    return doctree is not None and doctree.next_node(
        lambda node: isinstance(node, nodes.Element) and any(c.startswith("sd-") for c in node.get("classes", ()))
    ) is not None


def _is_sphinx_design_asset(asset: object) -> bool:
    name = getattr(asset, "filename", str(asset)).rsplit("/", 1)[-1]
    return name.startswith(("sphinx-design.", "design-tabs."))


def _drop_unused_design_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """sphinx-design's 60 KB of CSS and JS load only on pages that use its components."""
    if _uses_sphinx_design(doctree):
        return
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_sphinx_design_asset(asset)]


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", _add_paths)
    app.connect("builder-inited", _add_stylesheet)
    app.connect("html-page-context", _drop_unused_design_assets)
