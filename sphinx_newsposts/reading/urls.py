"""Which URLs from posts may become links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["is_linkable", "is_remote"]

LINKABLE_SCHEMES = ("http", "https")
#: Schemes that run code or carry a whole document of their own; markdown-it refuses the same in Markdown
#: links, so reStructuredText posts and directive options get the same rule.
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
#: Raster ``data:`` images cannot run anything; markdown-it lets these through, and so does the check below.
_RASTER_DATA_IMAGE = re.compile(r"data:image/(?:gif|png|jpeg|webp)[;,]", re.IGNORECASE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: A browser strips C0 controls and spaces around a URL and drops tabs and newlines inside it.
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def is_remote(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in LINKABLE_SCHEMES and bool(parts.netloc)


def is_linkable(url: str) -> bool:
    """``http``/``https`` URLs with a host, and relative URLs without a scheme."""
    text = url.strip()
    if not text or any(ord(char) < 32 for char in text):
        return False
    parts = urlsplit(text)
    if parts.scheme:
        return is_remote(text)
    return not text.startswith("//")


def browser_form(url: str) -> str:
    """*url* as a browser reads it before looking for a scheme."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))


def url_scheme(url: str) -> str:
    """The scheme a browser finds in *url*, in lower case; ``""`` for a relative URL."""
    match = _SCHEME.match(browser_form(url))
    return match[1].lower() if match else ""


def is_safe_link(url: str) -> bool:
    """True unless following *url* would run code or open a document made of the URL itself."""
    return url_scheme(url) not in UNSAFE_SCHEMES


def is_safe_image(url: str) -> bool:
    """Like :func:`is_safe_link`, and ``data:`` raster images (GIF, PNG, JPEG, WebP) are fine."""
    return is_safe_link(url) or bool(_RASTER_DATA_IMAGE.match(browser_form(url)))


def is_other_host(url: str, site: str) -> bool:
    """True for an ``http(s)`` URL with a host other than the one of *site* (``html_baseurl``)."""
    if not is_remote(url):
        return False
    return urlsplit(url).hostname != (urlsplit(site).hostname if site else None)
