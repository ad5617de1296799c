"""Compile sphinx_newsposts/locale/*/LC_MESSAGES/*.po into the .mo files Sphinx loads.

Run after editing a catalog: python scripts/compile_catalogs.py
(Babel comes with Sphinx.) tests/test_components.py checks the .mo files are current;
tests/test_i18n.py checks every catalog translates every message the package uses
(``python scripts/compile_catalogs.py --missing`` lists the ones a catalog lacks).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "sphinx_newsposts"
LOCALE_DIR = PACKAGE_DIR / "locale"

_STRING = r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"""
# Python: _("…") from components.i18n; templates: t("…") / newsposts_gettext("…"), the plural form's first string.
_PYTHON_CALL = re.compile(r"(?<![\w.])_\(\s*" + _STRING)
_TEMPLATE_CALL = re.compile(r"(?<![\w.])(?:t|newsposts_gettext)\(\s*" + _STRING)
# Templates that speak through this catalog (ABlog's sidebar templates keep ABlog's own catalog).
TEMPLATE_DIRS = ("theme/newsposts", "pages/templates/newsposts")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def used_messages() -> set[str]:
    """Every message id the package translates through its catalog."""
    found: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "i18n import _" in text or path.name == "i18n.py":
            found.update(_unescape(a or b) for a, b in _PYTHON_CALL.findall(text))
    for folder in TEMPLATE_DIRS:
        for path in (PACKAGE_DIR / folder).rglob("*.html"):
            found.update(_unescape(a or b) for a, b in _TEMPLATE_CALL.findall(path.read_text(encoding="utf-8")))
    return found


def translated_messages(po_path: Path) -> set[str]:
    """The message ids *po_path* translates (every plural form filled in)."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    result = set()
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings):
            result.add(msgid)
    return result


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def catalogs() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def main(argv: list[str]) -> int:
    if "--missing" in argv:
        used, status = used_messages(), 0
        for po_path in catalogs():
            for msgid in sorted(used - translated_messages(po_path)):
                print(f"{po_path.relative_to(LOCALE_DIR)}: untranslated {msgid!r}")
                status = 1
        return status
    for po_path in catalogs():
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
        print(f"compiled {po_path.relative_to(LOCALE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
