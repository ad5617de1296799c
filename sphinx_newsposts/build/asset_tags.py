"""Stylesheet and script tags written once per address instead of once per page.

Sphinx's ``css_tag`` and ``js_tag`` add each file's checksum to its address, and find the file
by resolving its path on disk on every page: six files on 1,300 pages is 8,000 path
resolutions. A tag depends only on the file, its attributes and the address the page writes for
it, so pages that write the same address share the tag, for the build (:mod:`.build_state`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

from .build_state import build_state

_CACHE_ATTR = "newsposts_asset_tags"


def _shared(kind: str, make_tag: Callable[[Any], str], pathto: Callable[..., str],
            tags: dict) -> Callable[[Any], str]:
    def tag(asset: Any) -> str:
        filename = getattr(asset, "filename", asset)  # an asset object, or an old-style path string
        if not filename or not isinstance(filename, (str, os.PathLike)):
            return make_tag(asset)  # inline scripts: no file to find
        key = (kind, asset, pathto(os.fspath(filename), resource=True))
        try:
            shared = tags.get(key)
        except TypeError:  # attribute values that cannot be compared
            return make_tag(asset)
        if shared is None:
            shared = tags[key] = make_tag(asset)
        return shared

    return tag


def _share_asset_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    tags = build_state(app, _CACHE_ATTR)
    pathto = context.get("pathto")
    for name in ("css_tag", "js_tag"):
        if callable(context.get(name)) and callable(pathto):
            context[name] = _shared(name, context[name], pathto, tags)


def setup_asset_tags(app: Sphinx) -> None:
    app.connect("html-page-context", _share_asset_tags)
