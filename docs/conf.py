"""The documentation of sphinx-newsposts, built with sphinx-newsposts and its theme."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

from sphinx_newsposts import __version__  # noqa: E402  (after the path set-up above)

project = "sphinx-newsposts"
author = "the sphinx-newsposts contributors"
copyright = f"2025, {author}"
version = release = __version__

extensions = ["sphinx_newsposts", "newsposts_reference"]
html_theme = "newsposts"
# Read the Docs says where this version is published; anywhere else, the latest version's address.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or "https://sphinx-newsposts.readthedocs.io/en/latest/"

exclude_patterns = ["_build", "_ext"]
myst_enable_extensions = ["deflist"]  # sphinx_newsposts adds "colon_fence"
html_static_path = ["_static"]
html_css_files = ["docs.css"]
nitpicky = True  # a link to a setting, page or label that does not exist fails the build
newsposts_timezone = "UTC"
newsposts_default_authors = ["The sphinx-newsposts team"]
newsposts_publisher = {"name": "sphinx-newsposts", "url": html_baseurl}
newsposts_article_type = "BlogPosting"
newsposts_jekyll_redirects = False  # these posts never had Jekyll addresses
newsposts_liquid = False  # these pages show Liquid as examples, to be read as written

#: The documentation's own pages, shown before the archives in the site header.
DOCS_NAV = [
    ("quickstart", "Quickstart"),
    ("front-matter", "Front matter"),
    ("directives", "Directives"),
    ("theme", "Theme"),
    ("configuration", "Configuration"),
    ("publishing", "Publishing"),
    ("changelog", "Changelog"),
]


def _docs_nav(app, pagename, templatename, context, doctree) -> None:
    """Put the documentation pages into the header's navigation, linked relative to each page."""
    site = context.get("newsposts", {}).get("site")
    if site is None or "nav" not in site:
        return
    pathto = context["pathto"]
    site["nav"][:0] = [{"title": title, "url": pathto(docname), "current": pagename == docname}
                       for docname, title in DOCS_NAV]


def setup(app) -> None:
    app.connect("html-page-context", _docs_nav, priority=900)  # after sphinx_newsposts fills the context
