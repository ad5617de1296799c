"""Converters every step shares, so that a value a person writes reads the same wherever it is
written: front matter, directive options and theme options."""

from __future__ import annotations

from typing import Any

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "as_flag", "as_whole_number"]

#: Text read as true or false, in any case and with spaces around it. Blank text is false, as an
#: empty front-matter value is.
TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0", ""})


def as_flag(value: Any) -> bool | None:
    """*value* as true or false: a boolean as it is, a word of :data:`TRUE_WORDS` or
    :data:`FALSE_WORDS`; ``None`` for anything else (numbers included), which each caller reports
    in its own words.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def as_whole_number(value: Any) -> int | None:
    """*value* as a whole number: an integer as it is, text of digits (with spaces around it: what
    ``-D`` on the command line and a directive option deliver); ``None`` for anything else
    (booleans, fractions, signs, words)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isascii() and text.isdigit() else None
