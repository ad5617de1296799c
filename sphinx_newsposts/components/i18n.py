"""The message catalog of the components' labels (``locale/<lang>/LC_MESSAGES``)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

CATALOG = "sphinx_newsposts"
LOCALE_DIR = Path(__file__).parent.parent / "locale"

_ = get_translation(CATALOG)


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
