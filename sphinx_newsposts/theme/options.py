"""The newsposts theme's options: declared in theme.toml, checked once per build."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

from ..reading.urls import is_linkable
from ..warnings_ import NewspostsWarning, emit_warning

THEME_NAME = "newsposts"
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number of at least 1")
    return value


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not _HEX_COLOUR.match(value):
        raise ValueError("must be a hex colour such as '#0b57d0'")
    return value


def _flag(value: Any) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _nav_links(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, (list, tuple)):
        raise ValueError('must be a list of {"title": ..., "url": ...}')
    links = []
    for entry in value:
        if isinstance(entry, (list, tuple)) and len(entry) == 2:
            entry = {"title": entry[0], "url": entry[1]}
        if not (isinstance(entry, dict) and isinstance(entry.get("title"), str) and isinstance(entry.get("url"), str)):
            raise ValueError(f'entry {entry!r} is not {{"title": ..., "url": ...}}')
        if not is_linkable(entry["url"]):
            raise ValueError(f"link {entry['url']!r} is not an http, https or relative URL")
        links.append({"title": entry["title"], "url": entry["url"]})
    return links


#: option -> (check, default); the defaults repeat theme.toml's.
OPTIONS: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "logo": (_text, ""),
    "nav_links": (_nav_links, []),
    "posts_per_page": (_positive_int, 20),
    "front_page_posts": (_positive_int, 9),
    "accent_color": (_colour, "#0b57d0"),
    "accent_color_dark": (_colour, "#8ab4f8"),
    "share_links": (_flag, True),
}


def _check_options(app: Sphinx) -> None:
    builder = app.builder
    theme = getattr(builder, "theme", None)
    if builder.format != "html" or theme is None or theme.name != THEME_NAME:
        return
    given = theme.get_options(app.config.html_theme_options)
    checked = {}
    for name, (check, default) in OPTIONS.items():
        try:
            checked[name] = check(given.get(name, default))
        except ValueError as exc:
            emit_warning(NewspostsWarning.THEME, f"html_theme_options[{name!r}] {exc}; using {default!r}")
            checked[name] = default
    # Templates read theme_<name> from the builder's options. A new dict, not html_theme_options
    # itself: the saved configuration must stay what conf.py said, or every build reports it changed.
    builder.theme_options = {**builder.theme_options, **checked}
    builder.newsposts_theme_options = checked


def setup_theme_options(app: Sphinx) -> None:
    app.connect("builder-inited", _check_options)
