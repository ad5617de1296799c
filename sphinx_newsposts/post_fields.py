"""Interpret front-matter fields: the one place that knows their spellings.

Jekyll / Minimal Mistakes keys come first, then Hugo's and ABlog's spellings
of the same fields. Every value that cannot be used is reported through
``warn(subtype, message, line)`` and replaced by a fallback, so the post
always builds.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo
from typing import Any
from urllib.parse import unquote, urlsplit

import imagesize

from .dates import DateError, parse_date, split_dated_filename
from .front_matter import Field, FrontMatter
from .post_meta import ImageRef, PostMeta
from .urls import is_remote

Warn = Callable[[str, str, int], None]

#: Spellings of each field, in order of precedence.
TITLE_KEYS = ("title",)
DATE_KEYS = ("date", "publishdate", "pubdate")
UPDATED_KEYS = ("last_modified_at", "lastmod", "updated", "modified")
TAG_KEYS = ("tags",)
CATEGORY_KEYS = ("categories", "category")
AUTHOR_KEYS = ("author", "authors")
EXCERPT_KEYS = ("excerpt", "description", "summary")
REDIRECT_KEYS = ("redirect_from", "aliases", "redirect")
HEADER_IMAGE_KEYS = ("teaser", "image", "overlay_image", "og_image")
_KNOWN = {
    *TITLE_KEYS, *DATE_KEYS, *UPDATED_KEYS, *TAG_KEYS, *CATEGORY_KEYS, *AUTHOR_KEYS,
    *EXCERPT_KEYS, *REDIRECT_KEYS, "keywords", "toc", "toc_label", "toc_sticky", "classes",
    "header", "image", "images", "permalink", "slug", "published", "draft", "blogpost",
}
_CLASS_TOKEN = re.compile(r"[^A-Za-z0-9_-]+")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclasses.dataclass(frozen=True)
class ReadSettings:
    """What interpreting front matter needs to know about the site."""

    srcdir: str
    zone: tzinfo
    now: datetime
    is_post_path: Callable[[str], bool]
    publish_drafts: bool = False
    publish_future: bool = False
    default_authors: tuple[str, ...] = ()


def clean_text(value: str) -> str:
    """Collapse white space and drop control characters."""
    return " ".join(_CONTROL_CHARS.sub(" ", value).split())


def titleize_slug(slug: str) -> str:
    """``jekyll-1-0-released`` -> ``Jekyll 1 0 Released``, as Jekyll does."""
    return " ".join(word[:1].upper() + word[1:] for word in re.split(r"[-_\s]+", slug) if word)


class _FieldReader:
    def __init__(self, docname: str, front_matter: FrontMatter, settings: ReadSettings, warn: Warn):
        self.docname = docname
        self.fields = front_matter.fields
        self.default_line = front_matter.line or 1
        self.settings = settings
        self.warn = warn

    # -- lookup -------------------------------------------------------------------------
    def first(self, keys: Iterable[str]) -> tuple[str, Field] | None:
        for key in keys:
            if key in self.fields and self.fields[key].value is not None:
                return key, self.fields[key]
        return None

    # -- typed readers ------------------------------------------------------------------
    def text(self, key: str, field: Field) -> str:
        value = field.value
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        self.warn("field", f"'{key}' must be text, not {_kind(value)}; ignored", field.line)
        return ""

    def flag(self, key: str, default: bool = False) -> bool:
        field = self.fields.get(key)
        if field is None or field.value is None:
            return default
        value = field.value
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "on", "1"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("false", "no", "off", "0", ""):
            return False
        self.warn("field", f"'{key}' must be true or false, not {value!r}; using {str(default).lower()}", field.line)
        return default

    def terms(self, key: str, field: Field, *, split_spaces: bool) -> list[str]:
        """A list of labels: a YAML list, a comma-separated or space-separated string."""
        value = field.value
        subtype = "categories" if key.startswith("categor") else key
        items: list[Any]
        if isinstance(value, str):
            if "," in value:
                items = value.split(",")
            elif split_spaces:
                items = value.split()
            else:
                items = [value]
        elif isinstance(value, list):
            items = value
        else:
            items = [value]
        result: list[str] = []
        for item in items:
            if isinstance(item, str):
                label = clean_text(item)
            elif isinstance(item, (int, float, bool, date)):
                label = str(item).lower() if isinstance(item, bool) else str(item)
                self.warn(subtype, f"'{key}' entry {item!r} is not text; used as '{label}'", field.line)
            else:
                self.warn(subtype, f"'{key}' entry of type {_kind(item)} cannot be a label; dropped", field.line)
                continue
            if label and label not in result:
                result.append(label)
        return result

    def date(self, keys: Iterable[str], what: str) -> datetime | None:
        found = self.first(keys)
        if found is None:
            return None
        key, field = found
        try:
            return parse_date(field.value, self.settings.zone)
        except DateError as exc:
            self.warn("date", f"'{key}': {exc}; {what}", field.line)
            return None

    def image(self, key: str, value: Any, line: int) -> ImageRef | None:
        if not isinstance(value, str):
            self.warn("image", f"'{key}' must be a path or URL, not {_kind(value)}; ignored", line)
            return None
        text = value.strip()
        if not text:
            return None
        if text.startswith("//"):
            text = "https:" + text
        parts = urlsplit(text)
        if parts.scheme or parts.netloc:
            if is_remote(text):
                return ImageRef(url=text)
            self.warn("image", f"'{key}': only http, https and relative image URLs are allowed, "
                      f"not {text!r}; ignored", line)
            return None
        local = unquote(parts.path)
        if local.startswith("/"):
            path = posixpath.normpath(local.lstrip("/"))
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), local))
        if path.startswith("../") or path == "..":
            self.warn("image", f"'{key}': {text!r} points outside the source directory; ignored", line)
            return None
        full_path = os.path.join(self.settings.srcdir, *path.split("/"))
        if not os.path.isfile(full_path):
            self.warn("image", f"'{key}': image file {text!r} not found "
                      f"(looked for {path!r} in the source directory); ignored", line)
            return None
        return local_image(path, full_path)


def local_image(path: str, full_path: str, alt: str = "") -> ImageRef:
    """An image in the source tree, with its pixel size when its header tells it."""
    try:
        width, height = imagesize.get(full_path)
    except (OSError, ValueError):
        width = height = 0
    return ImageRef(path=path, alt=alt, width=max(width, 0), height=max(height, 0))


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "a boolean", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def declared_post(front_matter: FrontMatter) -> bool | None:
    """ABlog's ``blogpost: true/false``, when the front matter says it."""
    field = front_matter.fields.get("blogpost")
    return field.value if field is not None and isinstance(field.value, bool) else None


def provisional_title(docname: str, front_matter: FrontMatter) -> str:
    """The title as far as front matter and file name tell, before the body is read."""
    found = next((front_matter.fields[key] for key in TITLE_KEYS if key in front_matter.fields), None)
    if found is not None and isinstance(found.value, (str, int, float)) and not isinstance(found.value, bool):
        title = clean_text(str(found.value))
        if title:
            return title
    return titleize_slug(split_dated_filename(posixpath.basename(docname))[1])


def read_post_meta(docname: str, front_matter: FrontMatter, settings: ReadSettings, warn: Warn) -> PostMeta:
    """Build the :class:`PostMeta` of *docname* from its front matter."""
    reader = _FieldReader(docname, front_matter, settings, warn)
    fields = front_matter.fields
    meta = PostMeta(docname=docname)
    meta.is_post = reader.flag("blogpost", settings.is_post_path(docname))
    file_date, slug = split_dated_filename(posixpath.basename(docname))

    found = reader.first(TITLE_KEYS)
    if found:
        meta.title = reader.text(*found)
        meta.title_source = "front-matter" if meta.title else "filename"
    if not meta.title:
        meta.title = titleize_slug(slug)

    _read_dates(reader, meta, file_date)
    _read_labels(reader, meta)
    _read_texts(reader, meta)
    _read_images(reader, meta)

    meta.toc = reader.flag("toc")
    meta.toc_sticky = reader.flag("toc_sticky")
    if "toc_label" in fields:
        meta.toc_label = reader.text("toc_label", fields["toc_label"])
    if "classes" in fields:
        raw = reader.terms("classes", fields["classes"], split_spaces=True)
        meta.classes = [token for token in (_CLASS_TOKEN.sub("-", c).strip("-") for c in raw) if token]
    if "permalink" in fields:
        meta.permalink = reader.text("permalink", fields["permalink"])
    meta.slug = reader.text("slug", fields["slug"]) if "slug" in fields else slug
    for key in REDIRECT_KEYS:
        if key in fields and fields[key].value is not None:
            meta.redirect_from += reader.terms(key, fields[key], split_spaces=False)
    meta.extra = {key: field.value for key, field in fields.items() if key not in _KNOWN}
    return meta


def _read_dates(reader: _FieldReader, meta: PostMeta, file_date: date | None) -> None:
    settings = reader.settings
    fallback = "using the date in the file name" if file_date else "no date is left, so the post is a draft"
    meta.date = reader.date(DATE_KEYS, fallback)
    if meta.date is None and file_date is not None:
        meta.date = parse_date(file_date, settings.zone)
    meta.updated = reader.date(UPDATED_KEYS, "no updated date is shown")
    if not meta.is_post:
        return
    if reader.flag("published", True) is False and not settings.publish_drafts:
        meta.draft, meta.draft_reason = True, "unpublished"
    elif reader.flag("draft") and not settings.publish_drafts:
        meta.draft, meta.draft_reason = True, "draft"
    elif meta.date is None:
        meta.draft, meta.draft_reason = True, "undated"
        if reader.first(DATE_KEYS) is None:
            reader.warn(
                "date",
                "post has no date in its front matter or file name (YYYY-MM-DD-title.md); built as a draft",
                reader.default_line,
            )
    elif meta.date > settings.now and not settings.publish_future:
        meta.draft, meta.draft_reason = True, "future"


def _read_labels(reader: _FieldReader, meta: PostMeta) -> None:
    fields = reader.fields
    if "tags" in fields and fields["tags"].value is not None:
        meta.tags = reader.terms("tags", fields["tags"], split_spaces=True)
    for key in CATEGORY_KEYS:
        if key in fields and fields[key].value is not None:
            # Jekyll splits `categories: a b` on spaces; `category` names a single one.
            for label in reader.terms(key, fields[key], split_spaces=key == "categories"):
                if label not in meta.categories:
                    meta.categories.append(label)
    if "keywords" in fields and fields["keywords"].value is not None:
        meta.keywords = reader.terms("keywords", fields["keywords"], split_spaces=False)
    for key in AUTHOR_KEYS:
        field = fields.get(key)
        if field is None or field.value is None:
            continue
        value = field.value
        if isinstance(value, dict):  # Minimal Mistakes / Hugo author profiles: {name: ...}
            name = value.get("name")
            value = name if isinstance(name, str) else None
            if value is None:
                reader.warn("author", f"'{key}' mapping has no text 'name'; ignored", field.line)
                continue
        for name in reader.terms(key, Field(value, field.line), split_spaces=False):
            if name not in meta.authors:
                meta.authors.append(name)
    if not meta.authors:
        meta.authors = list(reader.settings.default_authors)


def _read_texts(reader: _FieldReader, meta: PostMeta) -> None:
    for key in EXCERPT_KEYS:
        field = reader.fields.get(key)
        if field is None or field.value is None:
            continue
        if isinstance(field.value, str):
            meta.excerpt = clean_text(field.value)
        else:
            reader.warn(
                "excerpt",
                f"'{key}' must be text, not {_kind(field.value)}; the first paragraph is used instead",
                field.line,
            )
        if meta.excerpt:
            return


def _read_images(reader: _FieldReader, meta: PostMeta) -> None:
    fields = reader.fields
    header: dict[str, Any] = {}
    header_line = reader.default_line
    if "header" in fields and fields["header"].value is not None:
        header_line = fields["header"].line
        if isinstance(fields["header"].value, dict):
            header = fields["header"].value
        else:
            kind = _kind(fields["header"].value)
            reader.warn("header", f"'header' must be a mapping (teaser: ..., image: ...), not {kind}; ignored",
                        header_line)

    def header_image(name: str) -> ImageRef | None:
        value = header.get(name)
        return None if value is None else reader.image(f"header.{name}", value, header_line)

    teaser, image, overlay, og = (header_image(name) for name in HEADER_IMAGE_KEYS)
    top_image = None
    if "image" in fields and fields["image"].value is not None:
        value = fields["image"].value
        if isinstance(value, int) and not isinstance(value, bool):
            meta.teaser_from_body = max(value, 0)  # ABlog's spelling; resolved from the doctree
        else:
            top_image = reader.image("image", value, fields["image"].line)
    if "images" in fields and fields["images"].value is not None:  # Hugo: a list, the first is the card image
        value = fields["images"].value
        first = value[0] if isinstance(value, list) and value else value
        hugo = reader.image("images", first, fields["images"].line)
        top_image = top_image or hugo
    alt = header.get("image_description") or header.get("teaser_alt") or header.get("alt")
    alt_text = clean_text(alt) if isinstance(alt, str) else ""
    meta.teaser = _with_alt(teaser or image or overlay or top_image or og, alt_text)
    meta.header_image = _with_alt(image or overlay or top_image, alt_text)
    meta.og_image = _with_alt(og or image or overlay or top_image or teaser, alt_text)


def _with_alt(image: ImageRef | None, alt: str) -> ImageRef | None:
    if image is None or not alt:
        return image
    return dataclasses.replace(image, alt=alt)
