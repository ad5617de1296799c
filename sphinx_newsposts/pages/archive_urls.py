"""Where archive pages live: ABlog's addresses under ``blog_path``."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from ..index.post_index import LABEL_ATTRIBUTES, post_index

__all__ = ["archive_docname"]

#: kind -> (folder under blog_path, PostMeta attribute); the folders are ABlog's.
LABEL_KINDS = {kind: (kind, attribute) for kind, attribute in LABEL_ATTRIBUTES.items()}


def index_docname(config: Config, kind: str) -> str:
    """The page listing every tag, category, author, or year ("archive")."""
    return f"{config.blog_path}/archive" if kind == "year" else f"{config.blog_path}/{LABEL_KINDS[kind][0]}"


def archive_docname(app: Sphinx, kind: str, label: str | int) -> str | None:
    """First archive page of a label or year; None for a label no published post carries."""
    if kind == "year":
        return f"{app.config.blog_path}/{label}"
    slug = post_index(app.env).slugs.get(kind, {}).get(str(label))
    return f"{app.config.blog_path}/{LABEL_KINDS[kind][0]}/{slug}" if slug else None


def page_docname(base: str, page: int) -> str:
    """Page *page* of the archive whose first page is *base*."""
    return base if page == 1 else f"{base}/page/{page}"
