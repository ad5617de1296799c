"""Text helpers every step uses: shortening for excerpts, digests that say whether something
changed between builds, and text fit for XML."""

from __future__ import annotations

import hashlib
import re

__all__ = ["digest", "shorten", "xml_text"]

#: Characters XML 1.0 has no place for, escaped or not (control characters and U+FFFE, U+FFFF),
#: which a post's body may hold: an automatic summary or a title taken from a heading keeps them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def shorten(text: str, limit: int) -> str:
    """*text* cut at a word boundary to at most *limit* characters, ``…`` marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def digest(value: object) -> str:
    """A short, process-independent digest of a value's repr (hash() of a str changes between processes)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


def xml_text(text: str) -> str:
    """*text* without the characters that would make an XML file (a feed, a sitemap) no XML at all;
    ElementTree writes them as they are."""
    return _NOT_XML.sub("", text)
