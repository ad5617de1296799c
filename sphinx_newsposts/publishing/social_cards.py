"""Social cards: a picture for every published post that names none, as its ``og:image``.

A link to a post without a teaser or header image, shared on a social site, would show no picture.
Such a post gets a generated 1200x630 card (:mod:`.card_drawing`: its title, the site's name, its
date as the site's language writes it, in the theme's accent colour), which the head tags name as
``og:image`` and ``twitter:image`` and JSON-LD as the article's ``image``. Pages with front matter
that are not posts (an about page) get none: without a date a card would be the site's name and a
title, which says no more than the link's own preview text; such a page can name an ``og_image``.

Cards are made while their post is read, so ``-j N`` draws them in its reading processes and a
rebuild draws only those of posts read again. Each is kept in the image cache
(``newsposts_image_cache``) under a digest of everything it shows and is drawn with (title, site name,
date, accent colour, fonts, layout version): a post whose title and date did not change is never
drawn again, not after ``-E`` nor with a deleted output folder. Once reading is done, every card
the site uses is copied into ``_images/social/`` where the output lacks it (a card missing from the
cache, after a changed accent colour or a cleared cache, is drawn then), and recorded, so that the
card of a deleted or retitled post leaves the output.

No ``html_baseurl``, no OpenGraph tags: no cards either. Off with ``newsposts_social_cards = False``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build.build_state import build_state
from ..build.image_cache import cache_folder, publish_cached
from ..components.i18n import date_formatter
from ..index.post_index import post_index
from ..pages.site_urls import base_url, file_url
from ..pages.theme_options import theme_options
from ..reading.post_meta import PostMeta
from ..text import digest
from ..warnings_ import NewspostsWarning, emit_warning
from .card_drawing import CARD_HEIGHT, CARD_WIDTH, LAYOUT_VERSION, CardFonts, CardText, card_png, legible

__all__ = ["SocialCard", "published_card", "setup_social_cards"]

#: The kind of output :func:`publish_cached` records the cards under.
OUTPUT_KIND = "social-cards"
#: Folder of the cards, in the image cache and under the output's image folder.
FOLDER = "social"
_FONTS = "newsposts_social_card_fonts"  # build state: {"fonts": the fonts, or None}, loaded once per process
_CACHE = "newsposts_social_card_folder"  # build state: the cache folder, made once
_PUBLISHED = "newsposts_social_cards_published"  # build state: docname -> the card published for it
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclasses.dataclass(frozen=True)
class SocialCard:
    """A post's card: what it shows and where it is."""

    text: CardText
    #: Digest of everything that decides the picture; the card's name in the cache.
    key: str
    #: Where the card is in the output folder (POSIX, from the root).
    path: str
    #: What the card says, for ``og:image:alt``.
    alt: str
    width: int = CARD_WIDTH
    height: int = CARD_HEIGHT

    def url(self, app: Sphinx) -> str:
        return file_url(app, self.path)


def _cards_wanted(app: Sphinx) -> bool:
    """Cards are made for HTML sites with OpenGraph tags (an e-book has no use for them)."""
    builder = app.builder
    return (app.config.newsposts_social_cards and builder.format == "html"
            and not builder.name.startswith("epub") and bool(base_url(app)))


def _needs_card(meta: PostMeta) -> bool:
    return meta.is_post and not meta.draft and meta.date is not None and not meta.images


def _slug(docname: str) -> str:
    """An ASCII file name for a card, from its post's document name."""
    ascii_name = unicodedata.normalize("NFKD", docname).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:80].rstrip("-") or "post"


def _fonts(app: Sphinx) -> CardFonts | None:
    """The cards' fonts, loaded once per process; None (and one warning) when the installation
    lacks them: the posts build without cards."""
    state = build_state(app, _FONTS)
    if "fonts" not in state:
        try:
            state["fonts"] = CardFonts()
        except OSError as exc:
            state["fonts"] = None
            emit_warning(NewspostsWarning.IMAGE, f"social cards not made: their fonts cannot be read ({exc}); "
                         "install sphinx-newsposts again", once=True)
    return state["fonts"]


def _card_for(app: Sphinx, meta: PostMeta) -> SocialCard | None:
    """The card *meta*'s post gets (not drawn yet); None when the fonts can draw neither its title
    nor the site's name, or are not there."""
    fonts = _fonts(app)
    if fonts is None:
        return None
    site_name = legible(fonts, app.config.project)
    title = legible(fonts, meta.heading_title or meta.title)  # with the typographic quotes of its heading
    if not title and not site_name:
        return None
    date = date_formatter(app.config.language)(meta.date)
    if any(fonts.lacks(character) for character in date):  # a language the fonts do not write
        date = meta.date.date().isoformat() if meta.date else ""
    # A title the fonts cannot draw gives way to the site's name, which is then not repeated above it.
    text = CardText(headline=title or site_name, site_name=site_name if title else "", date=date,
                    accent=theme_options(app)["accent_color"])
    key = digest((LAYOUT_VERSION, fonts.digest, text))
    path = f"{app.builder.imagedir}/{FOLDER}/{_slug(meta.docname)}.{key[:10]}.png"
    return SocialCard(text=text, key=key, path=path, alt=text.headline)


def _cache_path(app: Sphinx, card: SocialCard) -> Path:
    def make() -> Path:
        folder = cache_folder(app) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return build_state(app, _CACHE, make) / f"{card.key}.png"


def _drawn(app: Sphinx, card: SocialCard, docname: str) -> Path | None:
    """The card's file in the cache, drawn now if it is not there; None when it cannot be made."""
    cached = _cache_path(app, card)
    if cached.is_file():
        return cached
    partial = None
    try:
        data = card_png(_fonts(app), card.text)
        # Written beside and renamed: another process (a -j N reader, another site's build sharing
        # the cache) never sees half a file.
        handle, partial = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(partial, cached)
    except Exception as exc:  # noqa: BLE001 - a card is an extra: whatever fails, the post builds without one
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
        emit_warning(NewspostsWarning.IMAGE, f"social card not made ({type(exc).__name__}: {exc}); "
                     "the page names no og:image", docname)
        return None
    return cached


def _draw_while_reading(app: Sphinx, doctree: nodes.document) -> None:
    """Draw the card of the post just read (in its reading process under -j N), unless cached."""
    if not _cards_wanted(app):
        return
    docname = app.env.docname
    meta = post_index(app.env).meta.get(docname)
    if meta is None or not _needs_card(meta):
        return
    card = _card_for(app, meta)
    if card is not None:
        _drawn(app, card, docname)


def _publish_cards(app: Sphinx, env: BuildEnvironment) -> None:
    """Once reading is done: the card of every published post that needs one, copied into the output
    where it lacks it, and recorded (a card no longer used leaves the output)."""
    builder = app.builder
    if builder.format != "html" or builder.name.startswith("epub"):
        return
    published: dict[str, SocialCard] = build_state(app, _PUBLISHED)
    files: dict[str, Path] = {}
    if _cards_wanted(app):
        for docname, meta in sorted(post_index(env).meta.items()):
            card = _card_for(app, meta) if _needs_card(meta) else None
            cached = _drawn(app, card, docname) if card is not None else None
            if card is not None and cached is not None:
                published[docname] = card
                files[card.path] = cached
    publish_cached(app, OUTPUT_KIND, files)


def published_card(app: Sphinx, docname: str) -> SocialCard | None:
    """The card published for *docname* in this build, if any."""
    return build_state(app, _PUBLISHED).get(docname)


def setup_social_cards(app: Sphinx) -> None:
    app.connect("doctree-read", _draw_while_reading, priority=500)  # after the post index keeps the post
    app.connect("env-updated", _publish_cards)
