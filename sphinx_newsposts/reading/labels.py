"""URL slugs for tags, categories and authors: readable, and never shared by two labels."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["slug_map", "slugify"]

_WORDS = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}
_NOT_WORD = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")


#: Longest slug, in bytes of UTF-8: archive pages and their feeds are files named by it, and
#: file systems refuse names longer than 255 bytes.
MAX_SLUG_BYTES = 100


def slugify(label: str) -> str:
    """``Machine Learning`` -> ``machine-learning``; ``C++`` -> ``c-plus-plus``."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(_WORDS.get(char, char) for char in text)
    text = _NOT_WORD.sub("", text).strip().lower()
    slug = _SEPARATORS.sub("-", text).strip("-")
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", errors="ignore").rstrip("-")
    return slug or "label"


def slug_map(labels: Iterable[str]) -> dict[str, str]:
    """Give each label its own slug; labels whose slugs clash get ``-2``, ``-3`` in sorted order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for label in sorted(set(labels), key=lambda text: (slugify(text), text)):
        slug = base = slugify(label)
        counter = 1
        while slug in taken:
            counter += 1
            slug = f"{base}-{counter}"
        taken.add(slug)
        slugs[label] = slug
    return slugs
