"""Links between the pages of the site, as Sphinx's builder writes them.

A page links to dozens of others (cards, neighbours, labels, navigation), and Sphinx's
``get_target_uri`` quotes the document name each time it is asked; a build asks tens of
thousands of times for the same few thousand pages. Each answer is kept for the build
(:mod:`.build_state`).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .build_state import build_state

_CACHE_ATTR = "newsposts_target_uris"


def target_uri(app: Sphinx, docname: str) -> str:
    """Sphinx's address of *docname*, relative to the site root."""
    uris = build_state(app, _CACHE_ATTR)
    uri = uris.get(docname)
    if uri is None:
        uri = uris[docname] = app.builder.get_target_uri(docname)
    return uri


def link(app: Sphinx, pagename: str, target: str) -> str:
    """Relative link from *pagename* to the page *target*; ``#`` for the page itself."""
    return relative_uri(target_uri(app, pagename), target_uri(app, target)) or "#"
