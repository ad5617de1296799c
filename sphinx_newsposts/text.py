"""Text helpers every step uses: shortening for excerpts, and digests that say whether
something changed between builds."""

from __future__ import annotations

import hashlib

__all__ = ["digest", "shorten"]


def shorten(text: str, limit: int) -> str:
    """*text* cut at a word boundary to at most *limit* characters, ``…`` marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def digest(value: object) -> str:
    """A short, process-independent digest of a value's repr (hash() of a str changes between processes)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()
