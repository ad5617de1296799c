"""Make the fonts social cards are drawn with (sphinx_newsposts/publishing/fonts/) from Inter.

The cards use two of Inter's static fonts (SIL Open Font License 1.1): Inter Display Bold for the
title and the site name, Inter Medium for the date. Each is cut down to the scripts a title is
likely to be written in (Latin with its extensions and Vietnamese, Greek, Cyrillic) and common
punctuation, symbols and currency signs, without hinting (cards are drawn at 30 px and up), which
keeps the package small. Characters outside these ranges are handled by the card drawing
(publishing/card_drawing.py), not by a fallback font.

Run with fontTools (a development tool only, not a dependency of the package), giving the folder
holding Inter's .otf files (Debian's fonts-inter package puts them in
/usr/share/fonts/opentype/inter; Inter's releases ship them too):

    python -m venv /tmp/fonttools && /tmp/fonttools/bin/pip install fonttools
    /tmp/fonttools/bin/python scripts/subset_card_fonts.py /usr/share/fonts/opentype/inter

A changed font changes every card's name, so caches and sites get new cards on their next build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

FONTS_DIR = Path(__file__).resolve().parent.parent / "sphinx_newsposts" / "publishing" / "fonts"
FONTS = ("InterDisplay-Bold.otf", "Inter-Medium.otf")
UNICODES = ",".join((
    "U+0020-007E", "U+00A0-024F",  # Basic Latin, Latin-1, Latin Extended-A and -B
    "U+02B0-036F",  # spacing modifier letters, combining diacritical marks
    "U+0370-03FF",  # Greek
    "U+0400-052F",  # Cyrillic and its supplement
    "U+1E00-1EFF",  # Latin Extended Additional (Vietnamese and more)
    "U+2000-206F", "U+2070-209F", "U+20A0-20CF",  # punctuation, super- and subscripts, currency
    "U+2100-214F", "U+2190-2199",  # letterlike symbols (™, №), arrows
    "U+2212", "U+2215", "U+2260", "U+2264-2265", "U+FFFD",  # minus, slash, ≠, ≤, ≥, replacement
))
#: Kerning, ligatures and the marks of accented letters; Inter's other features (contextual and
#: stylistic alternates, fractions, tabular figures) are left out.
FEATURES = "kern,liga,ccmp,locl,mark,mkmk"


def main(source_dir: str) -> None:
    for name in FONTS:
        subset.main([str(Path(source_dir) / name), f"--unicodes={UNICODES}", f"--layout-features={FEATURES}",
                     "--no-hinting", f"--output-file={FONTS_DIR / name}"])
        print(f"{name}: {(FONTS_DIR / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/inter")
