"""Images as readers get them: WebP variants at the widths each place needs, made once, kept, published.

Every local JPEG, PNG or WebP a page shows (a card's teaser, a post's header image, an image in
any page's body) gets WebP variants (:mod:`..build.image_variants`), which pages offer in a
``srcset`` with the original as the fallback; an image in front matter also gets a 1200-px copy
for link previews when it is wider. SVG, GIF, remote images and any other format stay as they are.

- **While a document is read** (``doctree-read``, in the ``-j N`` reader processes too), its images
  are hashed (a file is hashed again only when its size or time changed) and their variants made
  into the image cache, unless they are there. What was made of each image is kept per document
  in the environment (``env.newsposts_responsive_images``), purged and merged like the post
  index. A bad image (no image, truncated, declaring more pixels than allowed, unreadable) is a
  ``newsposts.image`` warning at the line that names it, in each document that shows it; its
  failure is kept in the cache, so it is decoded once.
- **Once reading is done** (``env-updated``), the variants the pages use are copied from the cache
  to ``_images/`` where the output lacks them (:func:`..build.image_cache.publish_cached`), and
  recorded, so that the variants of an image no page uses any more leave the output.
- **While pages are written**, cards, header images and body images ask :func:`responsive_image`
  for their ``srcset``.

Only HTML builders that publish a web site get variants: help and e-book formats (EPUB, HTML Help)
and every other builder show the originals.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..build.build_state import build_state, environment_record
from ..build.file_digests import file_digest
from ..build.image_cache import cache_folder, publish_cached
from ..build.image_variants import ImageVariants, cached_social, cached_variant, make_variants
from ..index.post_index import post_index
from ..reading.post_meta import ImageRef
from ..reading.post_reader import document_meta
from ..warnings_ import Location, NewspostsWarning, emit_warning
from .site_urls import file_url, image_url

__all__ = ["SharedImage", "image_variants", "shared_image", "srcset", "variants_wanted"]

logger = logging.getLogger(__name__)

ENV_ATTR = "newsposts_responsive_images"
OUTPUT_KIND = "responsive-images"  # what the output records call the published variants
_BY_PATH = "newsposts_variants_by_path"  # build_state stores
_FOLDER = "newsposts_image_cache_folder"
#: Suffixes of the images given variants.
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


@dataclasses.dataclass
class ResponsiveImages:
    """What was made of each document's images; per document, purged and merged."""

    #: Document -> source path (POSIX, from the source folder) -> what was made of that image.
    by_doc: dict[str, dict[str, ImageVariants]] = dataclasses.field(default_factory=dict)

    def clear_doc(self, docname: str) -> None:
        self.by_doc.pop(docname, None)

    def merge(self, docnames: Iterable[str], other: ResponsiveImages) -> None:
        for docname in docnames:
            if docname in other.by_doc:
                self.by_doc[docname] = other.by_doc[docname]


def responsive_images(env: BuildEnvironment) -> ResponsiveImages:
    return environment_record(env, ENV_ATTR, ResponsiveImages)


def variants_wanted(app: Sphinx) -> bool:
    """Whether this build's pages offer variants: HTML for the web, not a help file or an e-book."""
    builder = app.builder
    return builder.format == "html" and not getattr(builder, "embedded", False)


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER_SUFFIXES)


# -- making variants -----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Use:
    """An image a document shows: where it is named, and whether link previews use it."""

    location: Location
    social: bool = False


def _cache_folder(app: Sphinx) -> Path:
    return build_state(app, _FOLDER, lambda: cache_folder(app))


def _make(app: Sphinx, path: str, use: _Use, docname: str) -> ImageVariants | None:
    """The variants of *path* as *docname* shows it (made unless cached); warns when it cannot be used."""
    source = Path(app.srcdir, *path.split("/"))
    digest = file_digest(app.env, path)
    if not digest:
        if source.is_file():  # a missing file is reported where it is named
            emit_warning(NewspostsWarning.IMAGE, f"image {path!r}: the file cannot be read; the original is "
                         "shown, without smaller variants", use.location)
        return None
    started = time.perf_counter()
    record, made = make_variants(source, digest, _cache_folder(app), social=use.social)
    if made:
        logger.verbose(f"made {made} variant file(s) of {path} for {docname} in "
                       f"{(time.perf_counter() - started) * 1000:.0f} ms")
    if record.error:
        emit_warning(NewspostsWarning.IMAGE, f"image {path!r}: {record.error}; the original is shown, "
                     "without smaller variants", use.location)
    return record


def _front_matter_location(docname: str, image: ImageRef) -> Location:
    return (docname, image.line or None)


def _uses_in(app: Sphinx, doctree: nodes.document, docname: str) -> dict[str, _Use]:
    """The local raster images *docname* shows: front-matter images first (their line is where the
    warning goes), then the body's."""
    uses: dict[str, _Use] = {}
    meta = document_meta(app.env)
    for image in meta.images if meta is not None else []:
        if image.is_local and is_raster(image.path):
            uses[image.path] = _Use(_front_matter_location(docname, image), social=True)
    for node in doctree.findall(nodes.image):
        for key, path in node.get("candidates", {}).items():
            if key == "?" or not is_raster(path):  # "?": a remote image or a data URI
                continue
            if path not in uses:
                uses[path] = _Use(node)
            elif uses[path].location == (docname, None):  # ABlog's ``image: N`` names a body image
                uses[path] = dataclasses.replace(uses[path], location=node)
    return uses


def _make_for_document(app: Sphinx, doctree: nodes.document) -> None:
    """While a document is read: the variants of the images it shows."""
    if not variants_wanted(app):
        return
    docname = app.env.docname
    records = {}
    for path, use in _uses_in(app, doctree, docname).items():
        record = _make(app, path, use, docname)
        if record is not None:
            records[path] = record
    responsive_images(app.env).by_doc[docname] = records


def _make_unread(app: Sphinx, env: BuildEnvironment) -> None:
    """Documents last read by a builder that makes no variants (LaTeX sharing the doctrees) get
    theirs now, from what the environment knows of their images."""
    record = responsive_images(env)
    unread = set(env.all_docs) - record.by_doc.keys()
    if not unread:
        return
    shown: dict[str, dict[str, _Use]] = {docname: {} for docname in unread}
    index = post_index(env)
    for docname in unread:
        meta = index.meta.get(docname)
        for image in meta.images if meta is not None else []:
            if image.is_local and is_raster(image.path):
                shown[docname][image.path] = _Use(_front_matter_location(docname, image), social=True)
    for path, (docnames, _name) in env.images.items():
        for docname in docnames & unread:
            if is_raster(path):
                shown[docname].setdefault(path, _Use(docname))
    for docname in sorted(unread):
        made = {path: _make(app, path, use, docname) for path, use in shown[docname].items()}
        record.by_doc[docname] = {path: variants for path, variants in made.items() if variants is not None}


# -- publishing ----------------------------------------------------------------------------------

def _stem(path: str) -> str:
    return _UNSAFE_NAME.sub("-", posixpath.splitext(posixpath.basename(path))[0]).strip("-")[:60] or "image"


def variant_paths(app: Sphinx, path: str, variants: ImageVariants) -> list[tuple[str, int]]:
    """(output path, width) of each WebP variant of the image at source *path*, narrowest first."""
    name = f"{_stem(path)}.{variants.key[:10]}"
    return [(posixpath.join(app.builder.imagedir, f"{name}.{width}w.webp"), width) for width in variants.widths]


def _social_path(app: Sphinx, path: str, variants: ImageVariants) -> str:
    width, _height = variants.social_size
    return posixpath.join(app.builder.imagedir, f"{_stem(path)}.{variants.key[:10]}.{width}w.{variants.social}")


def _all_variants(env: BuildEnvironment) -> dict[tuple[str, str], ImageVariants]:
    """Every image some document shows, once per (path, key)."""
    found: dict[tuple[str, str], ImageVariants] = {}
    for records in responsive_images(env).by_doc.values():
        for path, variants in records.items():
            found.setdefault((path, variants.key), variants)
    return found


def _publish(app: Sphinx, env: BuildEnvironment) -> None:
    """Once reading is done: the variants pages use, copied to the output where it lacks them."""
    if not variants_wanted(app):
        return
    _make_unread(app, env)
    folder = _cache_folder(app)
    files: dict[str, Path] = {}
    for (path, _key), variants in sorted(_all_variants(env).items()):
        if variants.error:
            continue
        wanted = {output: cached_variant(folder, variants, width)
                  for (output, width) in variant_paths(app, path, variants)}
        if variants.social:
            wanted[_social_path(app, path, variants)] = cached_social(folder, variants)
        if not all(cached.is_file() for cached in wanted.values()):  # the cache was emptied since
            make_variants(Path(app.srcdir, *path.split("/")), variants.digest, folder, social=bool(variants.social))
        files.update(wanted)
    copied = publish_cached(app, OUTPUT_KIND, files)
    if copied:
        logger.info(f"copied {copied} image variant(s) from the image cache", type="newsposts")
    shown = build_state(app, _BY_PATH, dict)  # what pages will ask for, now that reading is done
    shown.clear()
    shown.update(_index_by_path(env))


# -- what pages show -----------------------------------------------------------------------------

def _index_by_path(env: BuildEnvironment) -> dict[str, ImageVariants]:
    found: dict[str, ImageVariants] = {}
    for records in responsive_images(env).by_doc.values():
        for path, variants in records.items():
            found.setdefault(path, variants)
    return found


def _by_path(app: Sphinx) -> dict[str, ImageVariants]:
    """Source path -> its variants, over every document (indexed once per build and process, once
    reading is done)."""
    return build_state(app, _BY_PATH, lambda: _index_by_path(app.env))


def image_variants(app: Sphinx, path: str | None) -> ImageVariants | None:
    """The variants of the local image at source *path* that pages offer; None when there are none
    (not a raster image, a bad one, one WebP does not pay for, or a builder without variants)."""
    if not path or not variants_wanted(app):
        return None
    variants = _by_path(app).get(path)
    return variants if variants is not None and variants.widths else None


@dataclasses.dataclass(frozen=True)
class SharedImage:
    """An image as link previews (og:image) and structured data take it: an absolute URL, and its
    size in pixels (0 when unknown)."""

    url: str
    width: int = 0
    height: int = 0


def shared_image(app: Sphinx, image: ImageRef) -> SharedImage:
    """A front-matter *image* as link previews take it: the 1200-px copy of a wider local image in
    its own format (JPEG for a WebP), else the image itself."""
    variants = _by_path(app).get(image.path) if image.is_local and variants_wanted(app) else None
    if variants is None or variants.error or not variants.width:  # no variants, or an animation left as it is
        return SharedImage(image_url(app, image), image.width, image.height)
    if variants.social:
        return SharedImage(file_url(app, _social_path(app, image.path, variants)), *variants.social_size)
    return SharedImage(image_url(app, image), variants.width, variants.height)  # its size upright


def srcset(app: Sphinx, path: str, variants: ImageVariants, url_of: Callable[[str], str]) -> str:
    """The ``srcset`` of the image at source *path*, with *url_of* making each output path a URL."""
    return ", ".join(f"{url_of(output)} {width}w" for output, width in variant_paths(app, path, variants))


def setup_responsive_images(app: Sphinx) -> None:
    app.connect("doctree-read", _make_for_document, priority=600)  # after Sphinx's image collector
    app.connect("env-purge-doc", lambda app, env, docname: responsive_images(env).clear_doc(docname))
    app.connect("env-merge-info",
                lambda app, env, docnames, other: responsive_images(env).merge(docnames, responsive_images(other)))
    app.connect("env-updated", _publish)
