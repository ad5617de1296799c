"""Drawing a social card: a 1200x630 picture of a post's title, the site's name and the date.

Knows nothing of Sphinx: it is given the words and the accent colour and gives a PNG. The card is
white, with a band of the accent colour down its left edge, the site's name in the accent colour
(darkened where the accent is too light to read on white), the title big and bold, shrunk to fit
and cut with ``…`` past four lines, and the date under a thin rule.

Text is drawn with the fonts shipped in ``fonts/`` (Inter, SIL Open Font License): the same
card on every machine, whatever fonts it has installed. Characters those fonts lack (Chinese,
Japanese, Korean, emoji) are left out of the card; a title mostly made of them is not drawn at
all (see :func:`legible`), and the card shows the site's name in its place.

Each ink (title, site name, date, band, rule) is drawn as a coverage mask of its own and the masks
become the indices of a palette holding each ink blended into the background in a few steps: a
palette PNG of a third the size of a true-colour one, drawn and written in a third of the time,
with exactly the colours asked for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

__all__ = ["CARD_HEIGHT", "CARD_WIDTH", "LAYOUT_VERSION", "CardFonts", "CardText", "card_png", "legible"]

CARD_WIDTH, CARD_HEIGHT = 1200, 630
#: Raised whenever the layout or the colours change, so that every card is drawn again.
LAYOUT_VERSION = 1
FONTS_DIR = Path(__file__).parent / "fonts"
HEADLINE_FONT = FONTS_DIR / "InterDisplay-Bold.otf"
TEXT_FONT = FONTS_DIR / "Inter-Medium.otf"

BACKGROUND = (255, 255, 255)
TITLE_INK = (17, 24, 39)
DATE_INK = (75, 85, 99)  # 7.6:1 on white
RULE_INK = (229, 231, 235)
#: Contrast the site's name keeps with the background (WCAG AA for text).
SITE_NAME_CONTRAST = 4.5

BAND_WIDTH = 24
LEFT, RIGHT = 96, CARD_WIDTH - 96
SITE_NAME_BASELINE, SITE_NAME_SIZE = 104, 32
RULE_Y = CARD_HEIGHT - 112
DATE_BASELINE, DATE_SIZE = CARD_HEIGHT - 60, 30
#: Where the title goes, between the site's name and the rule.
TITLE_TOP, TITLE_BOTTOM = 150, RULE_Y - 34
#: Title sizes tried, largest first; lines are 1.18 sizes apart, four at most.
TITLE_SIZES = (80, 76, 72, 68, 64, 60, 56, 52, 48)
REFERENCE_SIZE = 100
LINE_SPACING = 1.18
MAX_TITLE_LINES = 4
ELLIPSIS = "…"
#: Steps of each ink's blend into the background that anti-aliased edges are drawn with.
BLEND_STEPS = 16
#: A title with more than this share of characters the fonts lack is not drawn.
MOST_LACKING = 0.25
#: A character no font maps: the fonts draw it with their "missing" glyph.
_UNMAPPED = "\uffff"
_SPACES = re.compile(r"\s+")


@dataclasses.dataclass(frozen=True)
class CardText:
    """What a card shows; the fonts can draw every character of it (see :func:`legible`)."""

    headline: str
    site_name: str
    date: str
    #: ``#rrggbb`` or ``#rgb``.
    accent: str


class CardFonts:
    """The card's fonts, loaded once per size, and which characters they draw.

    One object per build and process (the drawing caches fonts and answers in it); FreeType
    fonts are not shared between threads.
    """

    def __init__(self) -> None:
        self._loaded: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}
        self._lacking: dict[str, bool] = {}
        self._missing_glyph: dict[Path, bytes] = {}
        hashed = hashlib.blake2b(digest_size=16)
        for path in (HEADLINE_FONT, TEXT_FONT):
            hashed.update(path.read_bytes())
        # The rasteriser and the text layout (kerning with Raqm, plain without) shape the picture too.
        hashed.update(f"{features.version('freetype2')} {features.check('raqm')}".encode())
        #: Stands for the fonts in the names of cached cards.
        self.digest = hashed.hexdigest()

    def font(self, path: Path, size: int) -> ImageFont.FreeTypeFont:
        key = (path, size)
        if key not in self._loaded:
            self._loaded[key] = ImageFont.truetype(str(path), size)
        return self._loaded[key]

    def lacks(self, character: str) -> bool:
        """True when a font of the card would draw *character* as its "missing" glyph."""
        if " " <= character <= "~" or character.isspace():  # printable ASCII: every font has it
            return False
        if character not in self._lacking:
            self._lacking[character] = any(self._glyph(path, character) == self._missing(path)
                                           for path in (HEADLINE_FONT, TEXT_FONT))
        return self._lacking[character]

    def _glyph(self, path: Path, text: str) -> bytes:
        mask = self.font(path, 24).getmask(text)
        return repr(mask.size).encode() + bytes(mask)

    def _missing(self, path: Path) -> bytes:
        if path not in self._missing_glyph:
            self._missing_glyph[path] = self._glyph(path, _UNMAPPED)
        return self._missing_glyph[path]


def legible(fonts: CardFonts, text: str) -> str:
    """*text* on one line as the card's fonts can draw it: characters they lack left out, which
    suits a stray emoji or symbol; ``""`` when more than a quarter of its characters are lacking
    (a Chinese or Japanese title), whose remains would not read as the title."""
    text = _SPACES.sub(" ", text).strip()
    shown = [character for character in text if not fonts.lacks(character)]
    lacking = len(text) - len(shown)
    if lacking and lacking > MOST_LACKING * len(text.replace(" ", "")):
        return ""
    return _SPACES.sub(" ", "".join(shown)).strip()


# -- layout ------------------------------------------------------------------------------------

def _fits(font: ImageFont.FreeTypeFont, text: str, width: int) -> bool:
    return font.getlength(text) <= width


def _break_word(font: ImageFont.FreeTypeFont, word: str, width: int) -> list[str]:
    """A word wider than a line, cut into pieces that fit (long URLs, compound words)."""
    pieces, piece = [], ""
    for character in word:
        if piece and not _fits(font, piece + character, width):
            pieces.append(piece)
            piece = ""
        piece += character
    return [*pieces, piece] if piece else pieces


def _wrap(font: ImageFont.FreeTypeFont, text: str, width: int) -> list[str]:
    """Lines of *text* no wider than *width*, broken between words where a word fits."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _fits(font, candidate, width):
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = _break_word(font, word, width) if not _fits(font, word, width) else [word]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    if line:
        lines.append(line)
    return lines


def _with_ellipsis(font: ImageFont.FreeTypeFont, text: str, width: int) -> str:
    """*text* cut at a word (or, for one long word, a character) so that ``…`` fits after it."""
    while text and not _fits(font, text.rstrip(" ,.;:–—-") + ELLIPSIS, width):
        text = text.rsplit(" ", 1)[0] if " " in text else text[:-1]
    return text.rstrip(" ,.;:–—-") + ELLIPSIS


def _wrap_estimated(words: list[str], widths: dict[str, float], space: float, width: float) -> list[str] | None:
    """Lines of *words* from their measured *widths*, broken between words; None when a word is
    wider than a line (it is broken by :func:`_wrap`, which measures each piece)."""
    lines: list[list[str]] = []
    used = 0.0
    for word in words:
        if widths[word] > width:
            return None
        if lines and used + space + widths[word] <= width:
            lines[-1].append(word)
            used += space + widths[word]
        else:
            lines.append([word])
            used = widths[word]
    return [" ".join(line) for line in lines]


def _title_lines(fonts: CardFonts, title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits its box, and its lines; at the smallest size,
    a title that still does not fit is cut after the last line with ``…``."""
    width, height = RIGHT - LEFT, TITLE_BOTTOM - TITLE_TOP
    # Without hinting, widths grow in proportion to the size: each word is measured once, at one size,
    # rather than every trial line at every size (a long title would take 400 measurements).
    reference = fonts.font(HEADLINE_FONT, REFERENCE_SIZE)
    words = title.split(" ")
    widths = {word: reference.getlength(word) for word in set(words)}
    space = reference.getlength(" ")
    for size in TITLE_SIZES:
        most = min(MAX_TITLE_LINES, int(height // (size * LINE_SPACING)))
        lines = _wrap_estimated(words, widths, space, width * REFERENCE_SIZE / size)
        if lines is not None and len(lines) > most:
            continue
        font = fonts.font(HEADLINE_FONT, size)
        if lines is None or not all(_fits(font, line, width) for line in lines):
            lines = _wrap(font, title, width)  # a word wider than a line, or kerning across a space
        if len(lines) <= most:
            return font, lines
    font = fonts.font(HEADLINE_FONT, TITLE_SIZES[-1])
    if lines is None or not all(_fits(font, line, width) for line in lines[:most - 1]):
        lines = _wrap(font, title, width)
    return font, [*lines[:most - 1], _with_ellipsis(font, lines[most - 1], width)]


# -- colours -----------------------------------------------------------------------------------

def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on_background(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """*colour*, darkened towards black until text in it reads on the card's background."""
    shade = colour
    for step in range(1, 21):
        if _contrast(shade, BACKGROUND) >= SITE_NAME_CONTRAST:
            break
        shade = tuple(round(channel * (1 - step / 20)) for channel in colour)  # type: ignore[assignment]
    return shade


# -- drawing -----------------------------------------------------------------------------------

def _palette(inks: list[tuple[int, int, int]]) -> list[int]:
    """The background, then each ink blended into it in BLEND_STEPS steps (the last the ink itself)."""
    colours = [BACKGROUND]
    for ink in inks:
        for step in range(1, BLEND_STEPS + 1):
            share = step / BLEND_STEPS
            colours.append(tuple(round(back * (1 - share) + front * share)
                                 for back, front in zip(BACKGROUND, ink, strict=True)))
    return [channel for colour in colours for channel in colour]


def _draw_layers(fonts: CardFonts, text: CardText) -> list[tuple[tuple[int, int, int], Image.Image]]:
    """(ink, coverage mask) of each part of the card; the parts do not overlap."""
    size = (CARD_WIDTH, CARD_HEIGHT)
    accent = _rgb(text.accent)
    layers = {ink: Image.new("L", size, 0) for ink in (accent, TITLE_INK, DATE_INK, RULE_INK)}
    site_ink = readable_on_background(accent)
    layers.setdefault(site_ink, Image.new("L", size, 0))

    ImageDraw.Draw(layers[accent]).rectangle((0, 0, BAND_WIDTH - 1, CARD_HEIGHT - 1), fill=255)
    ImageDraw.Draw(layers[RULE_INK]).rectangle((LEFT, RULE_Y, RIGHT - 1, RULE_Y + 1), fill=255)
    if text.site_name:
        font = fonts.font(HEADLINE_FONT, SITE_NAME_SIZE)
        name = text.site_name if _fits(font, text.site_name, RIGHT - LEFT) else _with_ellipsis(
            font, text.site_name, RIGHT - LEFT)
        ImageDraw.Draw(layers[site_ink]).text((LEFT, SITE_NAME_BASELINE), name, font=font, fill=255, anchor="ls")
    if text.headline:
        font, lines = _title_lines(fonts, text.headline)
        line_height = round(font.size * LINE_SPACING)
        ascent = font.getbbox("H", anchor="ls")[1]  # cap height, negative: the box above the baseline
        block = -ascent + line_height * (len(lines) - 1)
        # The lines sit in the middle of their box, measured from the capitals' tops to the last baseline.
        baseline = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - block) // 2 - ascent
        draw = ImageDraw.Draw(layers[TITLE_INK])
        for line in lines:
            draw.text((LEFT, baseline), line, font=font, fill=255, anchor="ls")
            baseline += line_height
    if text.date:
        font = fonts.font(TEXT_FONT, DATE_SIZE)
        ImageDraw.Draw(layers[DATE_INK]).text((LEFT, DATE_BASELINE), text.date, font=font, fill=255, anchor="ls")
    return list(layers.items())


def draw_card(fonts: CardFonts, text: CardText) -> Image.Image:
    """The card as a palette image."""
    layers = _draw_layers(fonts, text)
    indices = Image.new("L", (CARD_WIDTH, CARD_HEIGHT), 0)
    for number, (_ink, coverage) in enumerate(layers):
        box = coverage.getbbox()
        if box is None:
            continue
        coverage = coverage.crop(box)  # the part drawn on: a fraction of the card for all but the title
        first = 1 + number * BLEND_STEPS
        # coverage 1..255 -> the ink's blend steps; 0 stays the background
        steps = [0] + [first + min(BLEND_STEPS - 1, value * BLEND_STEPS // 256) for value in range(1, 256)]
        indices.paste(coverage.point(steps), box[:2], mask=coverage.point([0] + [255] * 255))
    card = Image.frombytes("P", indices.size, indices.tobytes())
    card.putpalette(_palette([ink for ink, _coverage in layers]))
    return card


def card_png(fonts: CardFonts, text: CardText) -> bytes:
    """The card, as PNG."""
    output = io.BytesIO()
    draw_card(fonts, text).save(output, "PNG")
    return output.getvalue()
