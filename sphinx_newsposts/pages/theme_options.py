"""The newsposts theme's options: declared with their defaults in theme.toml, checked once per
build, and read through :func:`theme_options`.

They live here rather than in ``theme`` because pages read them under every theme: archive pages,
post cards and share links render under alabaster or furo too, with the defaults.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..converters import as_flag, as_whole_number
from ..reading.urls import is_linkable
from ..warnings_ import NewspostsWarning, emit_warning

__all__ = ["is_newsposts_theme", "setup_theme_options", "theme_options", "THEME_NAME"]

THEME_NAME = "newsposts"
#: The theme's declaration, whose ``[options]`` hold the one copy of the defaults (Sphinx reads
#: them from there too, for the newsposts theme).
THEME_TOML = Path(__file__).parents[1] / "theme" / THEME_NAME / "theme.toml"
_OPTIONS_ATTR = "newsposts_theme_options"  # on the builder: this build's options
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def is_newsposts_theme(app: Sphinx) -> bool:
    """Whether this build's pages are rendered by the newsposts theme (or one inheriting from it
    by name: Sphinx names a theme after its folder)."""
    theme = getattr(app.builder, "theme", None)
    return theme is not None and theme.name == THEME_NAME


def _positive_int(value: Any) -> int:
    number = as_whole_number(value)
    if number is None or number < 1:
        raise ValueError("must be a whole number of at least 1")
    return number


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not _HEX_COLOUR.match(value):
        raise ValueError("must be a hex colour such as '#0b57d0'")
    return value


def _flag(value: Any) -> bool:
    read = as_flag(value)
    if read is None:
        raise ValueError("must be true or false")
    return read


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


#: option -> its check, which returns the value to use or raises ValueError saying what is wrong;
#: every option of theme.toml has one.
OPTIONS: dict[str, Callable[[Any], Any]] = {
    "logo": _text,
    "nav_links": _nav_links,
    "posts_per_page": _positive_int,
    "front_page_posts": _positive_int,
    "accent_color": _colour,
    "accent_color_dark": _colour,
    "share_links": _flag,
    "description": _text,
}


def default_options() -> dict[str, Any]:
    """Every option with its default, as theme.toml declares it."""
    with THEME_TOML.open("rb") as file:
        return tomllib.load(file)["options"]


def theme_options(app: Sphinx) -> dict[str, Any]:
    """This build's theme options: checked when the build started under the newsposts theme, the
    defaults under any other."""
    options = getattr(app.builder, _OPTIONS_ATTR, None)
    return default_options() if options is None else options


def _check_options(app: Sphinx) -> None:
    builder = app.builder
    defaults = default_options()
    theme = getattr(builder, "theme", None)
    if builder.format != "html" or theme is None or theme.name != THEME_NAME:
        setattr(builder, _OPTIONS_ATTR, defaults)
        return
    given = theme.get_options(app.config.html_theme_options)
    checked = {}
    for name, check in OPTIONS.items():
        default = defaults[name]
        try:
            checked[name] = check(given.get(name, default))
        except ValueError as exc:
            emit_warning(NewspostsWarning.THEME, f"html_theme_options[{name!r}] {exc}; using {default!r}")
            checked[name] = default
    # Templates read theme_<name> from the builder's options. A new dict, not html_theme_options
    # itself: the saved configuration must stay what conf.py said, or every build reports it changed.
    builder.theme_options = {**builder.theme_options, **checked}
    setattr(builder, _OPTIONS_ATTR, checked)


def setup_theme_options(app: Sphinx) -> None:
    app.connect("builder-inited", _check_options)
