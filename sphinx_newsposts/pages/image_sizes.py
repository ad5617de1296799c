"""How wide each place of the ``newsposts`` theme shows an image: the ``sizes`` of its ``srcset``.

A browser picks a variant before it has laid the page out, from the viewport width and what
``sizes`` says the image will take of it; so ``sizes`` restates the theme's layout (the stylesheets
``newsposts.css`` and ``newsposts-components.css``), in ``rem`` as the stylesheets are:

- the page's text column is 44rem wide (``--np-measure``), 68rem (``--np-wide``) on the front
  page, archives and pages of class ``wide``, inside 1rem of padding on each side;
- with a table of contents kept in view (``toc`` and ``toc_sticky``), the column is 18rem wider
  (4rem with ``wide``) and, from 64rem of viewport on, shares it with the 15rem contents and a
  2.5rem gap;
- cards fill a grid of ``minmax(17rem, 1fr)`` columns with 1.5rem gaps (one column below 37.5rem
  of viewport, two below 56rem, three above); from 48rem on the lead card spans the row and its
  teaser takes 58% of it; related posts' compact cards are ``minmax(14rem, 1fr)``.

Under another theme, cards keep the components' grid, and a body image is taken to be shown at
its own width or the viewport's, whichever is less.
"""

from __future__ import annotations

import dataclasses

from sphinx.application import Sphinx

from ..index.post_index import post_index
from .theme_options import is_newsposts_theme

__all__ = ["Column", "body_image_sizes", "card_sizes", "column_sizes", "page_column"]

#: Pixels per rem: browsers' default text size, which the theme does not change.
_REM = 16

CARD_SIZES = ("(max-width: 37.5rem) calc(100vw - 2rem), (max-width: 56rem) calc(50vw - 1.75rem), "
              "(max-width: 68rem) calc(33.33vw - 1.67rem), 21rem")
LEAD_CARD_SIZES = ("(max-width: 37.5rem) calc(100vw - 2rem), (max-width: 48rem) calc(50vw - 1.75rem), "
                   "(max-width: 68rem) calc(58vw - 1.16rem), 38.3rem")
COMPACT_CARD_SIZES = "(max-width: 31.5rem) calc(100vw - 2rem), (max-width: 47rem) calc(50vw - 1.75rem), 21rem"


@dataclasses.dataclass(frozen=True)
class Column:
    """The text column of a page of the ``newsposts`` theme."""

    wide: bool = False
    #: A table of contents kept in view beside the text (on viewports of 64rem and more).
    toc_aside: bool = False

    @property
    def widest(self) -> float:
        """Widest the column gets, in rem."""
        if self.toc_aside:
            return 52.5 if self.wide else 42.5
        return 66.0 if self.wide else 42.0


def card_sizes(*, lead: bool = False, compact: bool = False) -> str:
    """``sizes`` of a card's teaser: the lead card on the front page, a related post's compact card,
    or a card in the front page's or an archive's grid."""
    if lead:
        return LEAD_CARD_SIZES
    return COMPACT_CARD_SIZES if compact else CARD_SIZES


#: Documentation themes keep text to a column of at most about 50rem (furo 46em, pydata 60rem with its
#: sidebars beside it, alabaster 940px, sphinx-rtd-theme 800px).
OTHER_THEME_COLUMN_SIZES = "(max-width: 50rem) 100vw, 50rem"


def column_sizes(column: Column) -> str:
    """``sizes`` of an image as wide as the text *column* (the post's header image)."""
    if column.toc_aside:
        # up to 64rem the contents are above the text; then the column has its widest width
        # (with ``wide``, the page grows until 72rem of viewport, the column with it)
        beside = "(max-width: 72rem) calc(100vw - 19.5rem), " if column.wide else ""
        return f"(max-width: 64rem) calc(100vw - 2rem), {beside}{column.widest:g}rem"
    return f"(max-width: {column.widest + 2:g}rem) calc(100vw - 2rem), {column.widest:g}rem"


def page_column(app: Sphinx, docname: str) -> Column:
    """The column of *docname*'s page, from the classes and contents its front matter asks for."""
    if docname == app.config.root_doc:
        return Column(wide=True)
    meta = post_index(app.env).meta.get(docname)
    if meta is None:
        return Column()
    return Column(wide="wide" in meta.classes, toc_aside=meta.toc and meta.toc_sticky)


def header_image_sizes(app: Sphinx, docname: str) -> str:
    """``sizes`` of *docname*'s header image: as wide as the newsposts theme's column, or, under
    another theme, as wide as a documentation theme's text column at most."""
    if not is_newsposts_theme(app):
        return OTHER_THEME_COLUMN_SIZES
    return column_sizes(page_column(app, docname))


def body_image_sizes(app: Sphinx, docname: str, shown_width: int) -> str:
    """``sizes`` of an image in *docname*'s body, shown *shown_width* CSS pixels wide where there is
    room (its own width, or the width its directive gives)."""
    if not is_newsposts_theme(app):
        return f"(max-width: {shown_width}px) 100vw, {shown_width}px"
    column = page_column(app, docname)
    if shown_width >= column.widest * _REM:
        return column_sizes(column)
    # narrower than the column: its own width, once the viewport leaves room for it and the padding
    return f"(max-width: {shown_width + 2 * _REM}px) calc(100vw - 2rem), {shown_width}px"
