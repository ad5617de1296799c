"""Which URLs from posts may become links."""

from __future__ import annotations

from urllib.parse import urlsplit

LINKABLE_SCHEMES = ("http", "https")


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
