"""Responsive variants of one raster image, made with Pillow and kept in the image cache.

An image is looked at in the cheapest order: its header first (format, animation, pixel count,
orientation), so that a file that is no image, an animation, or a header declaring more pixels
than :data:`MAX_PIXELS` is turned away before anything is decoded; then it is decoded once, a
JPEG at the smallest scale its largest variant allows (draft mode), and each variant is one resize
of that decode (a box reduction first where the factor is large) and one encode.

What is made, kept in the cache folder (:mod:`.image_cache`) under a key from the content digest
and :data:`RECIPE`:

- WebP variants at the widths of :data:`WEBP_WIDTHS` narrower than the original, and at the
  original's own width when that is at most the widest of them (never wider than the original);
  none at all when a WebP of the original's width is no smaller than the original file;
- on request, one :data:`SOCIAL_WIDTH`-px-wide copy in the original's format (a WebP becomes a
  JPEG) for link previews, when the original is wider;
- ``<key>.json``, written last: the original's upright size and the widths made, or why the
  image could not be used. A failure is kept too, so that a bad image shared by many pages is
  decoded once; a newer Pillow tries again.

Nothing here knows pages or builds: :mod:`..pages.responsive_images` decides which images get
variants, warns about failures and publishes the files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import struct
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import PIL
from PIL import Image, ImageOps

__all__ = ["MAX_PIXELS", "SOCIAL_WIDTH", "WEBP_WIDTHS", "ImageVariants", "cached_social", "cached_variant",
           "make_variants"]

#: Widths of the WebP variants: what the newsposts theme's places need on phones (1.75-3 device
#: pixels per CSS pixel) and on wide screens (see :mod:`..pages.image_sizes`).
WEBP_WIDTHS = (400, 700, 1100, 1400)
#: Width of the copy link previews get (og:image): what social sites ask for.
SOCIAL_WIDTH = 1200
#: Most pixels an image may declare (Pillow's own default limit): beyond it, no decode is tried.
MAX_PIXELS = 89_478_485
WEBP_QUALITY = 78
WEBP_METHOD = 4
JPEG_QUALITY = 85
#: Resampling: Lanczos, after a box reduction by a whole factor that leaves at least this factor
#: to Lanczos (Pillow's ``reducing_gap``; 2 is indistinguishable from a full Lanczos, and faster).
REDUCING_GAP = 2.0
#: Everything that decides a variant's bytes; part of every key, so a change makes new files.
RECIPE = (f"webp q{WEBP_QUALITY} m{WEBP_METHOD} {WEBP_WIDTHS}; social {SOCIAL_WIDTH} jpeg q{JPEG_QUALITY} png; "
          f"lanczos gap {REDUCING_GAP}; upright; v1")
#: Formats given variants. GIF (animations) and SVG are left as they are, like anything else.
FORMATS = ("JPEG", "PNG", "WEBP")
#: What Pillow raises on a damaged file: truncated data, a broken stream, a bad header.
_DAMAGED = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error, zlib.error,
            Image.DecompressionBombError)
#: EXIF orientations that swap width and height.
_TURNED = {5, 6, 7, 8}


@dataclasses.dataclass(frozen=True)
class ImageVariants:
    """What was made of one image (or why nothing was)."""

    #: Key of the files in the cache: from the content digest and :data:`RECIPE`.
    key: str
    #: The original's size in pixels, upright (EXIF orientation applied); 0 when unknown.
    width: int = 0
    height: int = 0
    #: Widths of the WebP variants, narrowest first; empty when the image has none.
    widths: tuple[int, ...] = ()
    #: Suffix (``jpg``, ``png``) of the :data:`SOCIAL_WIDTH`-px copy; ``""`` when there is none.
    social: str = ""
    #: Why the image cannot be used (the original is then shown as it is); ``""`` when it can.
    error: str = ""
    #: Digest of the original's content, which the variants were made from.
    digest: str = ""

    @property
    def social_size(self) -> tuple[int, int]:
        """Pixel size of the link-preview copy."""
        return SOCIAL_WIDTH, max(1, round(self.height * SOCIAL_WIDTH / self.width))


def _key(digest: str) -> str:
    return hashlib.sha256(f"{digest} {RECIPE}".encode()).hexdigest()[:20]


def cached_variant(folder: Path, record: ImageVariants, width: int) -> Path:
    """Where the WebP variant *width* of *record* is kept in the cache *folder*."""
    return folder / f"{record.key}.{width}w.webp"


def cached_social(folder: Path, record: ImageVariants) -> Path:
    """Where the link-preview copy of *record* is kept in the cache *folder*."""
    return folder / f"{record.key}.{SOCIAL_WIDTH}w.{record.social}"


def _sidecar(folder: Path, key: str) -> Path:
    return folder / f"{key}.json"


def planned_widths(width: int) -> tuple[int, ...]:
    """The WebP widths for an original *width* pixels wide: never wider than it; the original's
    own width when it is at most the widest, and then no width within a tenth of it."""
    if width > WEBP_WIDTHS[-1]:
        return WEBP_WIDTHS
    return (*(w for w in WEBP_WIDTHS if w < width * 0.9), width)


def _social_suffix(image_format: str, has_alpha: bool) -> str:
    """PNG stays PNG, JPEG stays JPEG; a WebP becomes a JPEG (a PNG when it is transparent)."""
    return "png" if image_format == "PNG" or image_format == "WEBP" and has_alpha else "jpg"


def _read_sidecar(folder: Path, key: str) -> ImageVariants | None:
    try:
        saved = json.loads(_sidecar(folder, key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict):
        return None
    if saved.get("error"):
        # a newer Pillow may read what an older one could not
        return ImageVariants(key, error=str(saved["error"])) if saved.get("pillow") == PIL.__version__ else None
    try:
        return ImageVariants(key, int(saved["width"]), int(saved["height"]), tuple(int(w) for w in saved["widths"]),
                             str(saved.get("social", "")))
    except (KeyError, TypeError, ValueError):
        return None


def _write_sidecar(folder: Path, record: ImageVariants) -> None:
    if record.error:
        saved: dict = {"error": record.error, "pillow": PIL.__version__}
    else:
        saved = {"width": record.width, "height": record.height, "widths": list(record.widths),
                 "social": record.social}
    _write_atomically(_sidecar(folder, record.key), lambda path: path.write_text(json.dumps(saved), "utf-8"))


def _write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Write *target* through a temporary file: a build running beside this one (``-j N``, another
    site sharing the cache) sees the whole file or none."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _complete(folder: Path, record: ImageVariants, social: bool) -> bool:
    """True when every file *record* promises (and the link-preview copy, when asked for) is in the cache."""
    if record.error:
        return True
    if social and record.width > SOCIAL_WIDTH and not record.social:
        return False
    files = [cached_variant(folder, record, width) for width in record.widths]
    if record.social:
        files.append(cached_social(folder, record))
    return all(path.is_file() for path in files)


def make_variants(source: Path, digest: str, folder: Path, *, social: bool = False) -> tuple[ImageVariants, int]:
    """The variants of the image *source*, whose content has *digest*, made into the cache *folder*
    unless they are there already; with *social*, the link-preview copy too. Returns the record and
    how many files were made. Never raises for a bad image: the record says what is wrong."""
    key = _key(digest)
    known = _read_sidecar(folder, key)
    if known is not None and _complete(folder, known, social):
        return dataclasses.replace(known, digest=digest), 0
    try:
        record, made, lasting = _make(source, key, folder, social, known)
        if lasting:
            _write_sidecar(folder, record)
    except OSError as exc:  # the cache cannot be written: nothing is kept, the next build tries again
        record, made = ImageVariants(key, error=f"its variants cannot be written to the image cache {folder} "
                                                f"({exc})"), 0
    except MemoryError:
        record, made = ImageVariants(key, error="it is too large to resize in the memory available"), 0
    except Exception as exc:  # whatever else Pillow may raise on a strange file, it must not stop the build
        record, made = ImageVariants(key, error=f"it cannot be made into variants ({type(exc).__name__}: {exc})"), 0
    return dataclasses.replace(record, digest=digest), made


def _open(source: Path) -> tuple[Image.Image | None, str, bool]:
    """The image with its header read and nothing decoded; else why it cannot be used, and whether
    that lies in its content (and lasts as long as the content does) or in the file system."""
    try:
        with warnings.catch_warnings():  # a large declared size is judged below, not warned about
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source)
    except Image.UnidentifiedImageError:
        return None, "it is not an image Pillow can read", True
    except Image.DecompressionBombError as exc:  # Pillow's own check, at twice its limit
        declared = re.search(r"\((\d+) pixels\)", str(exc))
        return None, _too_many(f"{int(declared[1]):,}" if declared else "too many"), True
    except FileNotFoundError:
        return None, "the file is gone", False
    except PermissionError as exc:
        return None, f"the file cannot be read ({exc.strerror})", False
    except _DAMAGED as exc:
        return None, f"it has a damaged header ({exc})", True
    return image, "", True


def _too_many(declared: str) -> str:
    return f"it declares {declared} pixels, more than the {MAX_PIXELS:,} an image may have, so it is not decoded"


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112) or 1)
    except (*_DAMAGED, MemoryError):
        return 1


def _make(source: Path, key: str, folder: Path, social: bool,
          known: ImageVariants | None) -> tuple[ImageVariants, int, bool]:
    """The record and files made of *source*, and whether the record lasts (is kept in the cache)."""
    image, problem, lasting = _open(source)
    if image is None:
        return ImageVariants(key, error=problem), 0, lasting
    with image:
        if image.format not in FORMATS or getattr(image, "is_animated", False):
            return ImageVariants(key), 0, True  # GIF, animated PNG or WebP, or another format: left as it is
        stored_width, stored_height = image.size
        if stored_width * stored_height > MAX_PIXELS:
            return ImageVariants(key, error=_too_many(f"{stored_width}x{stored_height}")), 0, True
        orientation = _orientation(image)
        turned = orientation in _TURNED
        width, height = (stored_height, stored_width) if turned else (stored_width, stored_height)
        widths = known.widths if known is not None else planned_widths(width)
        wants_social = social and width > SOCIAL_WIDTH
        scale = max([*widths, SOCIAL_WIDTH if wants_social else 1]) / width
        # a JPEG decodes at 1/2, 1/4 or 1/8 of its size when the largest variant still fits
        image.draft("RGB", (max(1, round(stored_width * scale)), max(1, round(stored_height * scale))))
        try:
            image.load()
            decoded = _upright_rgb(image, orientation)
        except _DAMAGED as exc:
            return ImageVariants(key, error=f"it is truncated or damaged ({exc})"), 0, True
        except MemoryError:
            return ImageVariants(key, error="it is too large to decode in the memory available"), 0, False
        settings = _Settings(image.format, _colour_profile(image))
        record, made = _encode(source, ImageVariants(key, width, height, widths), folder, decoded, wants_social,
                               settings, known)
        return record, made, True


@dataclasses.dataclass(frozen=True)
class _Settings:
    #: The original's format (Pillow's name).
    format: str
    #: ICC profile carried into every variant.
    profile: bytes | None

    @property
    def extra(self) -> dict:
        return {"icc_profile": self.profile} if self.profile else {}


def _upright_rgb(image: Image.Image, orientation: int) -> Image.Image:
    """The decoded image turned as its EXIF orientation says, in RGB (or RGBA when transparent)."""
    upright = (ImageOps.exif_transpose(image) or image) if orientation != 1 else image
    if upright.mode in ("RGB", "RGBA"):
        return upright
    return upright.convert("RGBA" if upright.has_transparency_data else "RGB")


def _colour_profile(image: Image.Image) -> bytes | None:
    """The image's ICC profile, kept so that wide-gamut photos keep their colours; an sRGB profile is
    what browsers assume anyway, and would only add kilobytes to every variant."""
    profile = image.info.get("icc_profile")
    return profile if profile and b"sRGB" not in profile else None


def _resized(decoded: Image.Image, width: int, height: int) -> Image.Image:
    if decoded.size == (width, height):
        return decoded
    return decoded.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)


def _encode(source: Path, planned: ImageVariants, folder: Path, decoded: Image.Image, wants_social: bool,
            settings: _Settings, known: ImageVariants | None) -> tuple[ImageVariants, int]:
    """Make what the cache lacks of *planned* (widest first) and, when wanted, the link-preview copy."""
    width, height = planned.width, planned.height
    made = 0
    kept: list[int] = []
    for variant_width in sorted(planned.widths, reverse=True):
        target = cached_variant(folder, planned, variant_width)
        if not target.is_file():
            variant = _resized(decoded, variant_width, max(1, round(height * variant_width / width)))
            _write_atomically(target, lambda path, image=variant: image.save(
                path, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD, **settings.extra))
            made += 1
        if known is None and variant_width == width and target.stat().st_size >= source.stat().st_size:
            # WebP does not pay for this image (small, or well compressed): the original alone is shown
            target.unlink(missing_ok=True)
            kept = []
            break
        kept.append(variant_width)
    record = dataclasses.replace(planned, widths=tuple(sorted(kept)))
    if wants_social:
        record = dataclasses.replace(record, social=_social_suffix(settings.format, decoded.mode == "RGBA"))
        target = cached_social(folder, record)
        if not target.is_file():
            _write_social(target, _resized(decoded, *record.social_size), record.social, settings)
            made += 1
    elif known is not None and known.social:
        record = dataclasses.replace(record, social=known.social)
    return record, made


def _write_social(target: Path, image: Image.Image, suffix: str, settings: _Settings) -> None:
    if suffix == "jpg":
        rgb = image if image.mode == "RGB" else image.convert("RGB")
        _write_atomically(target, lambda path: rgb.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True,
                                                        progressive=True, **settings.extra))
    else:
        _write_atomically(target, lambda path: image.save(path, "PNG", **settings.extra))
