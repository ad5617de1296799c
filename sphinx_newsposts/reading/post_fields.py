"""Interpret front-matter fields: the one place that knows their spellings.

Jekyll / Minimal Mistakes keys come first, then Hugo's and ABlog's spellings
of the same fields. Every value that cannot be used is reported through
``warn(subtype, message, line)`` (a :data:`~sphinx_newsposts.warnings_.Warn`) and replaced
by a fallback, so the post always builds.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo
from typing import Any
from urllib.parse import unquote, urlsplit

from ..converters import as_flag
from ..warnings_ import NewspostsWarning, Warn
from .dates import LAST_YEAR, DateError, FarFutureDate, parse_date, split_dated_filename
from .front_matter import Field, FrontMatter, kind_of, shown
from .images import find_local_image, source_path
from .post_folders import folder_categories, merge_categories
from .post_meta import ImageRef, PostMeta
from .urls import is_remote

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
HEADER_ALT_KEYS = ("image_description", "teaser_alt", "alt")
_KNOWN = {
    *TITLE_KEYS, *DATE_KEYS, *UPDATED_KEYS, *TAG_KEYS, *CATEGORY_KEYS, *AUTHOR_KEYS,
    *EXCERPT_KEYS, *REDIRECT_KEYS, "keywords", "toc", "toc_label", "toc_sticky", "classes",
    "header", "image", "images", "permalink", "slug", "published", "draft", "blogpost",
}
_CLASS_TOKEN = re.compile(r"[^A-Za-z0-9_-]+")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Longest part of an address between slashes (file systems take names of up to 255 bytes, and
#: ``.html`` may be added) and longest address (well below the limit of a whole path).
MAX_NAME_BYTES, MAX_ADDRESS_BYTES = 250, 2000
_TITLE_FALLBACK = "the first heading, else the file name, gives the title"


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
    #: Most tags, categories, authors and keywords kept from one post.
    max_labels: int = 50


def clean_text(value: str) -> str:
    """Collapse white space and drop control characters."""
    return " ".join(_CONTROL_CHARS.sub(" ", value).split())


def titleize_slug(slug: str) -> str:
    """``jekyll-1-0-released`` -> ``Jekyll 1 0 Released``, as Jekyll does."""
    return " ".join(word[:1].upper() + word[1:] for word in re.split(r"[-_\s]+", slug) if word)


def _is_blank(value: Any) -> bool:
    """``key:``, ``key: ""`` and ``key: "  "`` all say the same: nothing is given."""
    return value is None or isinstance(value, str) and not clean_text(value)


def _scalar_text(value: Any) -> str | None:
    """The text of a value that reads as text (numbers and dates too); None for anything else."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return None


def known_fields(front_matter: FrontMatter) -> dict[str, tuple[str, Field]]:
    """Front-matter fields by the lower-case spelling of known keys (Hugo's keys ignore case:
    ``publishDate``), each with the key as written; other keys stay as written."""
    fields: dict[str, tuple[str, Field]] = {}
    for written, field in front_matter.fields.items():
        key = written.lower() if written.lower() in _KNOWN else written
        if key not in fields or written == key:  # ``title`` wins over ``Title``
            fields[key] = (written, field)
    return fields


class _FieldReader:
    def __init__(self, docname: str, front_matter: FrontMatter, settings: ReadSettings, warn: Warn):
        self.docname = docname
        self.written = known_fields(front_matter)
        #: Fields by canonical key, blank values left out.
        self.fields = {key: field for key, (_written, field) in self.written.items() if not _is_blank(field.value)}
        self.default_line = front_matter.line or 1
        self.settings = settings
        self.warn = warn
        for written, field in front_matter.fields.items():
            key = written.lower()
            if key in _KNOWN and self.written[key][0] != written:
                used = self.written[key][0]
                warn(NewspostsWarning.FIELD,
                     f"'{written}': repeats '{used}' in another spelling; the value of '{used}' is used", field.line)

    def name(self, key: str) -> str:
        """*key* as the front matter spells it."""
        return self.written[key][0] if key in self.written else key

    # -- lookup -------------------------------------------------------------------------
    def first(self, keys: Iterable[str]) -> tuple[str, Field] | None:
        for key in keys:
            if key in self.fields:
                return key, self.fields[key]
        return None

    # -- typed readers ------------------------------------------------------------------
    def text(self, key: str, field: Field, fallback: str = "ignored") -> str:
        """Text, numbers and dates as text; anything else is reported, and ``""`` returned."""
        text = _scalar_text(field.value)
        if text is None:
            self.warn(NewspostsWarning.FIELD,
                      f"'{self.name(key)}': {shown(field.value)} is {kind_of(field.value)}, not text; {fallback}",
                      field.line)
            return ""
        return text

    def flag(self, key: str, default: bool = False) -> bool:
        field = self.fields.get(key)
        if field is None:
            return default
        value = as_flag(field.value)
        if value is None:
            self.warn(NewspostsWarning.FIELD, f"'{self.name(key)}': {shown(field.value)} is neither true nor false; "
                      f"using {str(default).lower()}", field.line)
            return default
        return value

    def terms(self, key: str, field: Field, *, split_spaces: bool, subtype: NewspostsWarning,
              named: bool = False) -> list[str]:
        """A list of labels: a YAML list, a comma-separated or space-separated string.

        *named* takes ``{name: ...}`` mappings too (author profiles).
        """
        value = field.value
        items: list[Any]
        entry = f"'{self.name(key)}': entry"
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
            items, entry = [value], f"'{self.name(key)}':"
        result: dict[str, None] = {}  # ordered, and quick to look up with 10,000 labels
        for item in items:
            if isinstance(item, dict) and named:
                name = item.get("name")
                if not isinstance(name, str):
                    self.warn(subtype, f"{entry} {shown(item)} is a mapping without a text 'name'; ignored",
                              field.line)
                    continue
                item = name
            if isinstance(item, str):
                label = clean_text(item)
            elif item is None:
                continue
            elif isinstance(item, (int, float, date)):
                label = _scalar_text(item) if not isinstance(item, bool) else str(item).lower()
                self.warn(subtype, f"{entry} {shown(item)} is {kind_of(item)}, not text; used as '{label}'",
                          field.line)
            else:
                self.warn(subtype, f"{entry} {shown(item)} is {kind_of(item)}, not a label; dropped", field.line)
                continue
            if label:
                result.setdefault(label)
        return list(result)

    def capped(self, key: str, labels: list[str], line: int, subtype: NewspostsWarning) -> list[str]:
        """At most ``max_labels`` labels: a pipeline gone wrong must not make thousands of archive pages."""
        limit = self.settings.max_labels
        if len(labels) <= limit:
            return labels
        dropped = labels[limit:]
        named = ", ".join(repr(label) for label in dropped[:3])
        more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
        self.warn(subtype,
                  f"'{self.name(key)}': {len(labels)} labels given, more than newsposts_max_labels ({limit}); "
                  f"kept the first {limit}, dropped {named}{more}", line)
        return labels[:limit]

    def address(self, key: str, text: str, line: int, fallback: str) -> str:
        """*text* when it can name a file of the site: redirects and Jekyll's old addresses are
        written as files, and file systems refuse names and paths that are too long."""
        longest = max((len(segment.encode("utf-8")) for segment in text.split("/")), default=0)
        if longest > MAX_NAME_BYTES or len(text.encode("utf-8")) > MAX_ADDRESS_BYTES:
            self.warn(NewspostsWarning.REDIRECT if key != "slug" else NewspostsWarning.FIELD,
                      f"'{self.name(key)}': {shown(text)} is too long for an address ({len(text)} characters; at most "
                      f"{MAX_NAME_BYTES} bytes between slashes and {MAX_ADDRESS_BYTES} in all); {fallback}", line)
            return ""
        return text

    def date(self, keys: Iterable[str]) -> tuple[datetime | None, list[tuple[str, Field, DateError]]]:
        """The first date among *keys* that reads, and the failures of every key that did not."""
        found: datetime | None = None
        failures: list[tuple[str, Field, DateError]] = []
        for key in keys:
            field = self.fields.get(key)
            if field is None:
                continue
            try:
                moment = parse_date(field.value, self.settings.zone)
            except DateError as exc:
                failures.append((key, field, exc))
                continue
            found = found or moment
        return found, failures

    def image(self, key: str, value: Any, line: int) -> ImageRef | None:
        if _is_blank(value):
            return None
        if not isinstance(value, str):
            self.warn(NewspostsWarning.IMAGE,
                      f"'{key}': {shown(value)} is {kind_of(value)}, not an image path or URL; ignored", line)
            return None
        text = value.strip()
        if text.startswith("//"):
            text = "https:" + text
        try:
            parts = urlsplit(text)
        except ValueError:  # such as an unclosed "[" read as an IPv6 host
            parts = None
        if parts is None or parts.scheme or parts.netloc:
            if parts is not None and is_remote(text):
                return ImageRef(url=text)
            self.warn(NewspostsWarning.IMAGE, f"'{key}': only http, https and relative image URLs are allowed, "
                      f"not {shown(value)}; ignored", line)
            return None
        path = source_path(self.docname, unquote(parts.path))
        if path is None:
            self.warn(NewspostsWarning.IMAGE,
                      f"'{key}': {shown(value)} points outside the source directory; ignored", line)
            return None
        found = find_local_image(self.settings.srcdir, path, line)
        if found is None:
            self.warn(NewspostsWarning.IMAGE, f"'{key}': image file {shown(value)} not found (looked for "
                      f"{shown(path)} in the source directory); ignored", line)
        return found


def declared_post(front_matter: FrontMatter) -> bool | None:
    """ABlog's ``blogpost: true/false``, when the front matter says it."""
    found = known_fields(front_matter).get("blogpost")
    return None if found is None else as_flag(found[1].value)


def _title_of(front_matter: FrontMatter) -> str:
    found = known_fields(front_matter).get("title")
    text = _scalar_text(found[1].value) if found is not None else None
    return text or ""


def provisional_title(docname: str, front_matter: FrontMatter) -> str:
    """The title as far as front matter and file name tell, before the body is read."""
    return _title_of(front_matter) or titleize_slug(split_dated_filename(posixpath.basename(docname))[1])


def read_post_meta(docname: str, front_matter: FrontMatter, settings: ReadSettings, warn: Warn) -> PostMeta:
    """Build the :class:`PostMeta` of *docname* from its front matter."""
    reader = _FieldReader(docname, front_matter, settings, warn)
    fields = reader.fields
    meta = PostMeta(docname=docname)
    meta.is_post = reader.flag("blogpost", settings.is_post_path(docname))
    file_date, slug = split_dated_filename(posixpath.basename(docname))

    found = reader.first(TITLE_KEYS)
    if found:
        meta.title = reader.text(*found, fallback=_TITLE_FALLBACK)
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
        meta.toc_label = reader.text("toc_label", fields["toc_label"], fallback="using the theme's label")
    if "classes" in fields:
        meta.classes = _class_names(reader, fields["classes"])
    if "permalink" in fields:
        fallback = "no redirect is written for it"
        permalink = reader.text("permalink", fields["permalink"], fallback=fallback)
        meta.permalink = reader.address("permalink", permalink, fields["permalink"].line, fallback)
        if meta.permalink:
            meta.address_lines[meta.permalink] = fields["permalink"].line
    meta.slug = slug
    if "slug" in fields:
        fallback = f"using {slug!r} from the file name"
        text = reader.text("slug", fields["slug"], fallback=fallback)
        meta.slug = reader.address("slug", text, fields["slug"].line, fallback) or slug
    for key in REDIRECT_KEYS:
        if key in fields:
            for address in reader.terms(key, fields[key], split_spaces=False, subtype=NewspostsWarning.REDIRECT):
                if reader.address(key, address, fields[key].line, "no redirect is written for it"):
                    meta.redirect_from.append(address)
                    meta.address_lines.setdefault(address, fields[key].line)
    meta.extra = {written: field.value for key, (written, field) in reader.written.items() if key not in _KNOWN}
    return meta


def _far_future(reader: _FieldReader, failures: list[tuple[str, Field, DateError]]) -> bool:
    """True when the date that counts (the first spelling that reads) lies past :data:`LAST_YEAR`."""
    failed = {key: problem for key, _field, problem in failures}
    for key in DATE_KEYS:
        if key in reader.fields:
            if key not in failed:
                return False
            if isinstance(failed[key], FarFutureDate):
                return True
    return False


def _publish_far_future(reader: _FieldReader, meta: PostMeta, what: str, line: int) -> None:
    """With ``newsposts_publish_future``, a post dated past :data:`LAST_YEAR` shows the last moment
    of that year (said, since the page shows another date than the one written)."""
    if reader.settings.publish_future and meta.is_post:
        meta.date = datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=reader.settings.zone)
        reader.warn(NewspostsWarning.DATE, f"{what} is after the year {LAST_YEAR}; published "
                    f"(newsposts_publish_future) dated {meta.date.isoformat(' ')}", line)


def _read_dates(reader: _FieldReader, meta: PostMeta, file_date: date | None) -> None:
    settings = reader.settings
    meta.date, failures = reader.date(DATE_KEYS)
    from_file = far_future = False
    far_future_first = _far_future(reader, failures)
    # A spelling dated past the range reads fine; it only counts when it comes first.
    failures = [failure for failure in failures if not isinstance(failure[2], FarFutureDate)]
    if far_future_first:
        # Jekyll's "9999-12-31" means "not yet": a date in the future like any other, only too far
        # away to compute with. It stays unpublished without a word; published, it shows the last
        # day this build can count with.
        meta.date, far_future = None, True
        key, field = reader.first(DATE_KEYS) or ("date", Field(None, reader.default_line))
        _publish_far_future(reader, meta, f"'{reader.name(key)}': {shown(field.value)}", field.line)
    elif meta.date is None and file_date is not None:
        try:
            meta.date, from_file = parse_date(file_date, settings.zone), True
        except FarFutureDate:
            far_future = True
            _publish_far_future(reader, meta, f"the date in the file name, {file_date.isoformat()},",
                                reader.default_line)
        except DateError:  # a year before FIRST_YEAR: as if the name had no date
            file_date = None
    if far_future:
        fallback = f"the post is dated after the year {LAST_YEAR}, in the future"
    elif meta.date is None:
        fallback = "the post has no date, so it is built as a draft" if meta.is_post else "the page has no date"
    elif from_file:
        fallback = f"using the date in the file name, {file_date.isoformat()}"
    else:
        used = next(key for key in DATE_KEYS if key in reader.fields and key not in [f[0] for f in failures])
        fallback = f"using '{reader.name(used)}', {meta.date.isoformat(' ')}"
    for key, field, problem in failures:
        reader.warn(NewspostsWarning.DATE, f"'{reader.name(key)}': {problem}; {fallback}", field.line)

    meta.updated, failures = reader.date(UPDATED_KEYS)
    for key, field, problem in failures:
        fallback = "no updated date is shown"
        if meta.updated is not None:
            used = next(k for k in UPDATED_KEYS if k in reader.fields and k not in [f[0] for f in failures])
            fallback = f"using '{reader.name(used)}', {meta.updated.isoformat(' ')}"
        reader.warn(NewspostsWarning.DATE, f"'{reader.name(key)}': {problem}; {fallback}", field.line)
    published, draft = reader.flag("published", True), reader.flag("draft")
    if not meta.is_post:
        return
    if published is False and not settings.publish_drafts:
        meta.draft, meta.draft_reason = True, "unpublished"
    elif draft and not settings.publish_drafts:
        meta.draft, meta.draft_reason = True, "draft"
    elif far_future and not settings.publish_future:
        meta.draft, meta.draft_reason = True, "future"
    elif meta.date is None:
        meta.draft, meta.draft_reason = True, "undated"
        if reader.first(DATE_KEYS) is None:
            reader.warn(
                NewspostsWarning.DATE,
                "post has no date in its front matter or file name (YYYY-MM-DD-title.md); built as a draft",
                reader.default_line,
            )
    elif meta.date > settings.now and not settings.publish_future:
        meta.draft, meta.draft_reason = True, "future"


def _read_labels(reader: _FieldReader, meta: PostMeta) -> None:
    fields = reader.fields
    if "tags" in fields:
        tags = reader.terms("tags", fields["tags"], split_spaces=True, subtype=NewspostsWarning.TAGS)
        meta.tags = reader.capped("tags", tags, fields["tags"].line, NewspostsWarning.TAGS)
    categories: dict[str, None] = {}
    for key in CATEGORY_KEYS:
        if key in fields:
            # Jekyll splits `categories: a b` on spaces; `category` names a single one.
            for label in reader.terms(key, fields[key], split_spaces=key == "categories",
                                      subtype=NewspostsWarning.CATEGORIES):
                categories.setdefault(label)
    # A post in `en/news/_posts/` is in `en` and `news` too, as in Jekyll (folders first).
    from_folders = folder_categories(reader.docname) if meta.is_post else []
    if categories or from_folders:
        key = next((key for key in CATEGORY_KEYS if key in fields), "categories")
        line = fields[key].line if key in fields else reader.default_line
        meta.categories = reader.capped(key, merge_categories(from_folders, list(categories)), line,
                                        NewspostsWarning.CATEGORIES)
    if "keywords" in fields:
        keywords = reader.terms("keywords", fields["keywords"], split_spaces=False, subtype=NewspostsWarning.KEYWORDS)
        meta.keywords = reader.capped("keywords", keywords, fields["keywords"].line, NewspostsWarning.KEYWORDS)
    authors: dict[str, None] = {}
    for key in AUTHOR_KEYS:
        if key in fields:  # Minimal Mistakes / Hugo author profiles may be {name: ...}
            for name in reader.terms(key, fields[key], split_spaces=False, subtype=NewspostsWarning.AUTHOR, named=True):
                authors.setdefault(name)
    if authors:
        key = next(key for key in AUTHOR_KEYS if key in fields)
        meta.authors = reader.capped(key, list(authors), fields[key].line, NewspostsWarning.AUTHOR)
    else:
        meta.authors = list(reader.settings.default_authors)


def _class_names(reader: _FieldReader, field: Field) -> list[str]:
    """CSS class names; characters other than letters, digits, ``-`` and ``_`` become ``-``
    (class names only style the page, so mending them needs no report)."""
    names: dict[str, None] = {}
    for entry in reader.terms("classes", field, split_spaces=True, subtype=NewspostsWarning.FIELD):
        for token in entry.split():
            name = _CLASS_TOKEN.sub("-", token).strip("-")
            if name:
                names.setdefault(name)
    return list(names)


def _read_texts(reader: _FieldReader, meta: PostMeta) -> None:
    rejected: list[tuple[str, Field]] = []
    for key in EXCERPT_KEYS:
        field = reader.fields.get(key)
        if field is None:
            continue
        if isinstance(field.value, str):
            meta.excerpt = meta.excerpt or clean_text(field.value)
        else:
            rejected.append((key, field))
    for key, field in rejected:
        used = next((k for k in EXCERPT_KEYS if k in reader.fields and isinstance(reader.fields[k].value, str)), None)
        fallback = f"using '{reader.name(used)}' instead" if used else "the first paragraph is used instead"
        reader.warn(NewspostsWarning.EXCERPT,
                    f"'{reader.name(key)}': {shown(field.value)} is {kind_of(field.value)}, not text; {fallback}",
                    field.line)


def _read_images(reader: _FieldReader, meta: PostMeta) -> None:
    fields = reader.fields
    header: dict[str, Any] = {}
    header_line = reader.default_line
    if "header" in fields:
        header_line = fields["header"].line
        value = fields["header"].value
        if isinstance(value, dict):
            header = value
        else:
            reader.warn(NewspostsWarning.HEADER, f"'{reader.name('header')}': {shown(value)} is {kind_of(value)}, "
                        "not a mapping such as {teaser: /assets/teaser.jpg}; ignored", header_line)

    def header_image(name: str) -> ImageRef | None:
        return reader.image(f"header.{name}", header.get(name), header_line)

    teaser, image, overlay, og = (header_image(name) for name in HEADER_IMAGE_KEYS)
    alt_texts = [reader.text(f"header.{name}", Field(header[name], header_line))
                 for name in HEADER_ALT_KEYS if not _is_blank(header.get(name))]
    alt_text = next((alt for alt in alt_texts if alt), "")
    top_image = None
    if "image" in fields:
        top_image = _top_image(reader, fields["image"], meta)
        if top_image is not None and top_image.alt and not alt_text:
            alt_text = top_image.alt
    if "images" in fields:  # Hugo: a list, the first is the card image
        value = fields["images"].value
        first = (value[0] if value else None) if isinstance(value, list) else value
        hugo = reader.image(reader.name("images"), first, fields["images"].line)
        top_image = top_image or hugo
    meta.teaser = _with_alt(teaser or image or overlay or top_image or og, alt_text)
    meta.header_image = _with_alt(image or overlay or top_image, alt_text)
    meta.og_image = _with_alt(og or image or overlay or top_image or teaser, alt_text)


def _top_image(reader: _FieldReader, field: Field, meta: PostMeta) -> ImageRef | None:
    """``image``: a path or URL, jekyll-seo-tag's ``{path: ..., alt: ...}``, or ABlog's number of a body image."""
    key, value = reader.name("image"), field.value
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            reader.warn(NewspostsWarning.IMAGE, f"'{key}': {value} is negative; give the number of an image in the "
                        "body, counting from 1; ignored", field.line)
        meta.teaser_from_body = max(value, 0)  # resolved from the doctree
        return None
    if isinstance(value, dict):
        path, alt = value.get("path"), value.get("alt")
        if not isinstance(path, str):
            reader.warn(NewspostsWarning.IMAGE,
                        f"'{key}': {shown(value)} is a mapping without a text 'path'; ignored", field.line)
            return None
        found = reader.image(f"{key}.path", path, field.line)
        return _with_alt(found, clean_text(alt) if isinstance(alt, str) else "")
    return reader.image(key, value, field.line)
def _with_alt(image: ImageRef | None, alt: str) -> ImageRef | None:
    if image is None or not alt:
        return image
    return dataclasses.replace(image, alt=alt)
