"""Absolute URLs, built from ``html_baseurl``; every publishing output needs them."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from sphinx.application import Sphinx

from ..reading.post_meta import ImageRef
from ..warnings_ import NewspostsWarning, emit_warning
from .images import published_path
from .page_links import target_uri

__all__ = ["absolutize", "base_url", "file_url", "image_url", "page_url", "require_base_url"]


def base_url(app: Sphinx) -> str:
    """``html_baseurl`` ending in ``/``, or ``""`` when it is not set."""
    base = (app.config.html_baseurl or "").strip()
    return base if not base or base.endswith("/") else base + "/"


def _join(base: str, path: str) -> str:
    # Target URIs and output paths are plain relative paths (quoted, no '..'): for them, urljoin's
    # answer is the two strings end to end, at a fraction of its cost (it runs for every link).
    if "?" in base or "#" in base or ":" in path or "/." in path or path.startswith((".", "?", "#")):
        return urljoin(base, path)
    return base + path


def page_url(app: Sphinx, docname: str) -> str:
    """Absolute URL of a page (``index.html`` kept, as Sphinx's canonical links do)."""
    return _join(base_url(app), target_uri(app, docname))


def file_url(app: Sphinx, path: str) -> str:
    """Absolute URL of a file at *path* in the output folder (POSIX separators)."""
    return _join(base_url(app), path.lstrip("/"))


def image_url(app: Sphinx, image: ImageRef | None) -> str:
    """Absolute URL of a front-matter image: remote URLs as given, local ones as published."""
    if image is None:
        return ""
    if not image.is_local:
        return image.url or ""
    return file_url(app, published_path(app, image))


def absolutize(url: str, page: str) -> str:
    """*url* as found in *page*'s HTML, made absolute (feeds are read away from the site)."""
    if not url or urlsplit(url).scheme or url.startswith(("#", "//")):
        return url
    return urljoin(page, url)


def require_base_url(app: Sphinx, output: str) -> bool:
    """True when html_baseurl is set; otherwise warn once per *output* and say it is skipped."""
    if base_url(app):
        return True
    emit_warning(NewspostsWarning.BASEURL, f"{output} skipped: it needs absolute URLs; set html_baseurl in conf.py",
                 once=True)
    return False
