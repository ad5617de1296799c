"""Compile sphinx_newsposts/locale/*/LC_MESSAGES/*.po into the .mo files Sphinx loads.

Run after editing a catalog: python scripts/compile_catalogs.py
(Babel comes with Sphinx.) tests/test_components.py checks the .mo files are current.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "sphinx_newsposts" / "locale"


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main() -> None:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
        print(f"compiled {po_path.relative_to(LOCALE_DIR)}")


if __name__ == "__main__":
    main()
