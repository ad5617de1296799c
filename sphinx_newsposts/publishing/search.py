"""Which search a site gets, and what pages are told about it.

Sphinx's search loads its whole index (``searchindex.js``) for every query, megabytes at a few
thousand posts. With ``newsposts_search = "pagefind"`` (the default) the site is indexed by
Pagefind instead (:mod:`.pagefind_index`), whose readers fetch tens of kilobytes per query.
Pagefind is used only where its search page can read it: under the newsposts theme (other themes'
search pages read Sphinx's index, so they keep it), in a builder that writes a web site (``html``,
``dirhtml``), and when the Pagefind binary is found (else one ``newsposts.search`` warning, and
Sphinx's search).

Under Pagefind, Sphinx builds no ``searchindex.js`` of its own (its builder's ``search`` is off),
and the search page it would then leave out is written by this module. Every HTML page's context
gets ``newsposts_search``: the search in use, and the URLs of the Pagefind bundle (``./pagefind/``,
``../pagefind/``: usable as it is in ``import()``) and of the site root relative to the page.
Pagefind's results are paths from the folder its bundle is in, which it works out from where
``pagefind.js`` was loaded, so they are right at any sub-path; a ``baseUrl`` given to Pagefind
must be site-absolute (it reads ``../`` as ``/../``): ``new URL(root, location.href).pathname``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..build.build_state import build_state
from ..pages.feed_urls import builds_feeds
from ..pages.page_links import target_uri
from ..pages.theme_options import is_newsposts_theme
from ..warnings_ import NewspostsWarning, emit_warning
from .pagefind_index import BUNDLE, find_pagefind, index_site, remove_bundle

__all__ = ["search_backend"]

SEARCH_PAGE = "search"
_STATE = "newsposts_search"


def _choose(app: Sphinx) -> tuple[str, Path | None]:
    """The search this build gives its site, and the Pagefind binary when it is Pagefind."""
    # builds_feeds: the builders whose output is a web site, the one kind Pagefind can index
    if app.config.newsposts_search != "pagefind" or not is_newsposts_theme(app) or not builds_feeds(app):
        return "sphinx", None
    binary = find_pagefind()
    if binary is None:
        emit_warning(NewspostsWarning.SEARCH,
                     "newsposts_search is 'pagefind' but no Pagefind binary was found; install it with "
                     "'pip install \"pagefind[bin]\"' (or name it in $PAGEFIND_BINARY_PATH). "
                     "Using Sphinx's search")
        return "sphinx", None
    return "pagefind", binary


def _state(app: Sphinx) -> dict[str, Any]:
    state = build_state(app, _STATE)
    if "backend" not in state:
        state["backend"], state["binary"] = _choose(app)
    return state


def search_backend(app: Sphinx) -> str:
    """``"pagefind"`` or ``"sphinx"``: the search this build gives its site."""
    return _state(app)["backend"]


def _settle_backend(app: Sphinx) -> None:
    if search_backend(app) == "pagefind":
        app.builder.search = False  # no searchindex.js: Pagefind indexes the written pages


def _search_page(app: Sphinx) -> list[tuple[str, dict, str]]:
    """Sphinx writes its search page (and its OpenSearch description) only with its own index;
    Pagefind's search needs them all the same."""
    if search_backend(app) != "pagefind":
        return []
    if app.config.html_use_opensearch:  # pages link to it whenever the setting is on
        app.builder.handle_page("opensearch", {}, "opensearch.xml",
                                outfilename=Path(app.outdir) / "_static" / "opensearch.xml")
    return [(SEARCH_PAGE, {}, "search.html")]


def _as_path(url: str) -> str:
    return url if url.startswith("../") else f"./{url}"


def _add_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    backend = search_backend(app)
    here = target_uri(app, pagename)
    context["newsposts_search"] = {
        "backend": backend,
        # "./pagefind/", never "pagefind/": import() takes a bare name for a package, not a path
        "bundle": _as_path(relative_uri(here, f"{BUNDLE}/")),
        "root": relative_uri(here, "") or "./",
    }
    if backend == "pagefind":
        has_document = context.get("hasdoc", lambda name: False)
        # templates ask hasdoc('search') before linking to the search page, which Sphinx's builder
        # only knows of when it writes its own index
        context["hasdoc"] = lambda name: name == SEARCH_PAGE or has_document(name)


def _index(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not builds_feeds(app):
        return
    state = _state(app)
    if state["backend"] == "pagefind":
        # an index of Sphinx's from an earlier build would list pages as they were then
        (Path(app.outdir) / app.builder.searchindex_filename).unlink(missing_ok=True)
        index_site(app, state["binary"])
    else:
        remove_bundle(app)  # a bundle of an earlier build would find pages as they were then


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", _settle_backend)
    app.connect("html-collect-pages", _search_page)
    app.connect("html-page-context", _add_context)
    app.connect("build-finished", _index, priority=960)  # once every page is written and stale ones removed
