"""The message catalog of the theme's and the components' labels (``locale/<lang>/LC_MESSAGES``),
and dates written the way the site's language writes them.

Python code translates with ``_(message)`` (``_(singular, plural, n)`` for a count); templates get
the same function as ``newsposts_gettext`` and a date formatter as ``newsposts_format_date``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation, get_translator

__all__ = ["_", "date_formatter"]

CATALOG = "sphinx_newsposts"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
ENGLISH_DATE_FORMAT = "%d %B %Y"  # "05 March 2025", as the theme has always written dates in English

_gettext = get_translation(CATALOG)


def _(message: str, plural: str | None = None, count: int | None = None) -> str:
    """*message* translated; with *plural* and *count*, the form the language uses for *count*."""
    if plural is None:
        return _gettext(message)
    return get_translator(CATALOG).ngettext(message, plural, count if count is not None else 1)


def format_date(date: datetime.date | None, language: str | None) -> str:
    """*date* (its calendar day, in its own time zone) in the long form of *language*:
    ``05 March 2025`` in English, ``5. März 2025`` in German, ``5 mars 2025`` in French."""
    if date is None:
        return ""
    day = date.date() if isinstance(date, datetime.datetime) else date
    if not language or language.replace("-", "_").split("_")[0] == "en":
        return day.strftime(ENGLISH_DATE_FORMAT)
    try:
        from babel import Locale, UnknownLocaleError
        from babel.dates import format_date as babel_format_date
    except ImportError:  # pragma: no cover - Sphinx depends on babel
        return day.strftime(ENGLISH_DATE_FORMAT)
    try:
        return babel_format_date(day, format="long", locale=Locale.parse(language.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return day.strftime(ENGLISH_DATE_FORMAT)


def date_formatter(language: str | None) -> Callable[[datetime.date | None], str]:
    """A one-argument formatter for templates: ``{{ newsposts_format_date(card.date) }}``."""
    def newsposts_format_date(date: datetime.date | None) -> str:
        return format_date(date, language)
    return newsposts_format_date


def _keep_formatter(app: Sphinx) -> None:
    # Cards are rendered once per build, apart from any page context: they find it on the builder.
    app.builder.newsposts_format_date = date_formatter(app.config.language)


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.connect("builder-inited", _keep_formatter)
