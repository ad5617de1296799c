"""What a post's Markdown shows as literal text although its author meant something else.

Two things pass markdown-it silently and end up on the page as raw text:

- Liquid (``{% include … %}``, ``{{ site.url }}``), which Jekyll would have run;
- links markdown-it refuses for their scheme (``[x](javascript:…)``, ``<vbscript:…>``).

Both are reported here with their line, from the parsed tokens, so code spans and code blocks
(where such text is meant to be shown) are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..warnings_ import NewspostsWarning, Warn
from .urls import is_safe_image

LIQUID = re.compile(r"\{%-?\s*(\w+).*?-?%\}|\{\{-?\s*(.+?)\s*-?\}\}", re.DOTALL)
#: The target of a Markdown link or image, or an autolink.
LINK_TARGET = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)|<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)
#: What lies between {% raw %} and {% endraw %} Jekyll shows as written; only the tags are Liquid.
RAW_CONTENT = re.compile(r"(?<=\{% raw %\}).*?(?=\{% endraw %\})", re.DOTALL)
MAX_SHOWN = 60


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _prose(tokens: Iterable) -> Iterable[tuple[int, str]]:
    """(first line, source) of each paragraph or heading, its code spans blanked out."""
    for token in tokens:
        if token.type == "inline" and token.map:
            yield token.map[0] + 1, CODE_SPAN.sub(_blank, token.content)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def report_problems(tokens: list, warn: Warn, *, liquid: bool = True) -> None:
    """One pass over the post's prose: Liquid (unless *liquid* is False: it ran), and links
    markdown-it refused."""
    for first_line, text in _prose(tokens):
        if liquid and "{" in text:
            _report_liquid(first_line, text, warn)
        if ":" in text:
            _report_refused_links(first_line, text, warn)


def _report_liquid(first_line: int, text: str, warn: Warn) -> None:
    for match in LIQUID.finditer(RAW_CONTENT.sub(_blank, text)):
        warn(NewspostsWarning.LIQUID, f"Liquid {_shown(match.group(0))!r} is not run here and shows on the page as "
             "written; 'newsposts import-jekyll' converts the common tags",
             first_line + text[: match.start()].count("\n"))


def _report_refused_links(first_line: int, text: str, warn: Warn) -> None:
    for match in LINK_TARGET.finditer(text):
        target = match.group(1) or match.group(2) or ""
        # markdown-it's own rule: no javascript:, vbscript:, file:, nor data: other than raster images
        if ":" in target.split("/", 1)[0] and not is_safe_image(target):
            line = first_line + text[: match.start()].count("\n")
            warn(NewspostsWarning.LINK, f"link to {_shown(target)!r} refused for its scheme; it shows as text", line)
