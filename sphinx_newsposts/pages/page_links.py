"""Links between the pages of the site, as Sphinx's builder writes them.

A page links to dozens of others (cards, neighbours, labels, navigation), and Sphinx's
``get_target_uri`` quotes the document name each time it is asked; a build asks tens of
thousands of times for the same few thousand pages. Each answer is kept for the build
(:mod:`.build_state`).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..build.build_state import build_state

__all__ = ["link", "target_uri"]

_CACHE_ATTR = "newsposts_target_uris"
_LINKS_ATTR = "newsposts_folder_links"


def target_uri(app: Sphinx, docname: str) -> str:
    """Sphinx's address of *docname*, relative to the site root."""
    uris = build_state(app, _CACHE_ATTR)
    uri = uris.get(docname)
    if uri is None:
        uri = uris[docname] = app.builder.get_target_uri(docname)
    return uri


def link(app: Sphinx, pagename: str, target: str) -> str:
    """Relative link from *pagename* to the page *target*; ``#`` for the page itself."""
    here, there = target_uri(app, pagename), target_uri(app, target)
    if here == there:
        return "#"
    # Between two different pages the link depends only on the folder it is written from, and
    # every page of a folder links to the same labels, neighbours and navigation.
    links = build_state(app, _LINKS_ATTR)
    key = (here.rpartition("/")[0], there)
    if key not in links:
        links[key] = relative_uri(here, there)
    return links[key]
