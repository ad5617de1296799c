"""Posts as listings show them (cards), with links relative to the page showing them.

A post appears as a card on its neighbours' pages, on the front page and on every archive page
of its tags, categories, author and year. Cards in listings write their links from the site root
(``../../posts/x.html``): each card is rendered once per variant with a marker where the way up
to the root goes, and each page puts its own ``../`` in, so a post is not rendered once per page.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..build.build_state import build_state
from ..components.i18n import _
from ..index.post_index import post_index
from ..reading.post_meta import ImageRef, PostMeta
from .archive_urls import archive_docname
from .image_sizes import card_sizes
from .images import published_path
from .page_links import link, target_uri
from .responsive_images import image_variants, srcset

CARD_TEMPLATE = "newsposts/card.html"
_CACHE_ATTR = "newsposts_card_cache"  # a build_state store


def image_context(app: Sphinx, pagename: str, image: ImageRef | None, fallback_alt: str) -> dict[str, Any] | None:
    """What a template needs to show *image* on *pagename*: ``src``, ``alt``, ``width``, ``height``,
    and the ``srcset`` of its WebP variants (``""`` when it has none)."""
    here = target_uri(app, pagename)
    return _image(app, image, fallback_alt, lambda output: relative_uri(here, output))


def _image(app: Sphinx, image: ImageRef | None, fallback_alt: str,
           url_of: Callable[[str], str]) -> dict[str, Any] | None:
    """*url_of* makes a path in the output folder a URL as the page showing the image needs it."""
    if image is None:
        return None
    shown = {"src": image.url or "", "alt": image.alt or fallback_alt, "width": image.width,
             "height": image.height, "srcset": ""}
    if image.is_local:
        shown["src"] = url_of(published_path(app, image))
        variants = image_variants(app, image.path)
        if variants is not None:  # its size upright, as the variants are
            shown.update(width=variants.width, height=variants.height,
                         srcset=srcset(app, image.path, variants, url_of))
    return shown


def _card(app: Sphinx, meta: PostMeta, url_of: Callable[[str], str],
          file_url_of: Callable[[str], str]) -> dict[str, Any]:
    def label_links(kind: str, labels: list[str]) -> list[dict[str, str]]:
        result = []
        for label in labels:
            target = archive_docname(app, kind, label)
            result.append({"name": label, "url": url_of(target) if target else ""})
        return result

    return {
        "docname": meta.docname,
        "url": url_of(meta.docname),
        "title": meta.heading_title or meta.title,
        "date": meta.date,
        "updated": meta.updated,
        "summary": meta.summary,
        "reading_time": meta.reading_time,
        "tags": label_links("tag", meta.tags),
        "categories": label_links("category", meta.categories),
        "authors": label_links("author", meta.authors),
        "teaser": _image(app, meta.teaser, meta.title, file_url_of),
    }


def post_card(app: Sphinx, pagename: str, meta: PostMeta) -> dict[str, Any]:
    """What a page needs to show one post, links relative to *pagename* itself."""
    here = target_uri(app, pagename)
    return _card(app, meta, lambda target: link(app, pagename, target), lambda output: relative_uri(here, output))


def root_prefix(app: Sphinx, pagename: str) -> str:
    """The way up from *pagename* to the site root (``../`` per folder), to put in for :func:`root_marker`."""
    return "../" * target_uri(app, pagename).count("/")


def root_marker(cache: dict) -> str:
    """Stands for the way up to the site root in markup rendered once (a card, a sidebar); replaced
    per page. Random per build, so that no post's text can contain it (escaping leaves letters and
    digits alone)."""
    if "root_marker" not in cache:
        cache["root_marker"] = f"newsposts-root-{secrets.token_hex(8)}/"
    return cache["root_marker"]


def _listed_card(app: Sphinx, cache: dict, meta: PostMeta) -> dict[str, Any]:
    """A card whose links start with the root marker: one per post, whatever page lists it."""
    key = ("card", meta.docname)
    if key not in cache:
        root = root_marker(cache)
        cache[key] = _card(app, meta, lambda target: root + target_uri(app, target), lambda output: root + output)
    return cache[key]


def _card_html(app: Sphinx, cache: dict, card: dict[str, Any], variant: tuple[bool, bool, bool, int]) -> str:
    key = ("html", card["docname"], variant)
    if key not in cache:
        lead, compact, eager, heading_level = variant
        cache[key] = app.builder.templates.render(CARD_TEMPLATE, {
            "card": card, "lead": lead, "eager": eager, "heading_level": heading_level,
            "sizes": card_sizes(lead=lead, compact=compact), "newsposts_gettext": _,
            "newsposts_format_date": getattr(app.builder, "newsposts_format_date", None),
        })
    return cache[key]


def cards_for(app: Sphinx, pagename: str, docnames: list[str], *, heading_level: int = 2,
              first_is_lead: bool = False, first_is_eager: bool = False,
              compact: bool = False) -> list[dict[str, Any]]:
    """Cards of *docnames* as *pagename* lists them; each card's ``html`` is its rendered markup
    (the first card larger when *first_is_lead*, the first teaser loaded first when *first_is_eager*;
    all of them *compact*, as related posts are shown)."""
    metas = post_index(app.env).meta
    cache = build_state(app, _CACHE_ATTR)
    root, prefix = root_marker(cache), root_prefix(app, pagename)
    cards = []
    # The first image on the page is fetched first: the first card's teaser, or, when that card has
    # none, the second card's, which then is on a phone's first screen too.
    listed = [name for name in docnames if name in metas]
    eager_position = next((position for position, name in enumerate(listed[:2])
                           if metas[name].teaser is not None), None) if first_is_eager else None
    for position, name in enumerate(listed):
        card = _listed_card(app, cache, metas[name])
        variant = (first_is_lead and position == 0, compact, position == eager_position, heading_level)
        cards.append({"docname": name, "title": card["title"], "date": card["date"],
                      "url": card["url"].replace(root, prefix),
                      "html": _card_html(app, cache, card, variant).replace(root, prefix)})
    return cards
