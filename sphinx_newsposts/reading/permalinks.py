"""Jekyll's named permalink styles (``permalink: pretty`` in ``_config.yml``): one table for the build's
Liquid, its links by old address and the importer."""

from __future__ import annotations

__all__ = ["PERMALINK_STYLES", "permalink_pattern"]

#: For posts; ``date`` is Jekyll's default.
PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


def permalink_pattern(style: str) -> str:
    """The pattern a ``permalink`` value stands for: a named style's, else the value itself."""
    return PERMALINK_STYLES.get(style, style)
