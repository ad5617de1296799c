"""What Jekyll's Liquid sees as ``site`` and ``page``, worked out from the source folder.

``site`` is ``_config.yml`` (or the file ``newsposts_jekyll_config`` names) with ``site.data``
read from ``_data/`` as Jekyll reads it (YAML, JSON, CSV and TSV files; folders are nested
keys), ``site.url`` and ``site.baseurl`` (from the config file, else from ``html_baseurl``)
and ``site.time`` (when the build started). Data files are read when a post first asks for
them, once a build; each file a post's Liquid reads is recorded, so that Sphinx re-reads the
posts that used a file when it changes, and only those.

``page`` is the post's front matter with what Jekyll adds that is known when the post is
read: ``url``, ``date``, ``path``, ``name``, ``slug``, ``categories``, ``tags``, ``excerpt``
and ``title``. A post's ``categories`` start with the folders above its ``_posts`` folder (as
the post's own categories do), and its ``url`` is the address Jekyll gives it: its
``permalink``, else the site's ``permalink`` style (``date`` unless ``_config.yml`` names
another), filled in with its categories, date and slug. ``site.posts`` is not given: other
posts may not have been read yet.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import yaml
from sphinx.environment import BuildEnvironment

from .dates import DateError, build_time, parse_date, site_zone, split_dated_filename
from .front_matter import FrontMatter
from .liquid_filters import slugify
from .permalinks import permalink_pattern
from .post_folders import POSTS_FOLDER, folder_categories, merge_categories, post_named, posts_of_file_name
from .posts import is_post_document

_DATA_SUFFIXES = (".yml", ".yaml", ".json", ".csv", ".tsv")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
#: What Jekyll leaves unescaped in an address made from a permalink (``URL.escape_path``).
_ADDRESS_SAFE = "-._~!$&'()*+,;=:@/"
_STATE_KEY = "newsposts_liquid_site"
#: Largest data or config file read; a bigger one is skipped (a post cannot make the build read gigabytes).
MAX_FILE_BYTES = 20_000_000


class SiteFiles:
    """The site's config and data files, each read at most once a build."""

    def __init__(self, srcdir: Path, config_path: Path | None) -> None:
        self.srcdir = srcdir.resolve()
        self.config_path = config_path if config_path is not None and config_path.is_file() else None
        self.config: dict = _load(self.config_path) if self.config_path else {}
        if not isinstance(self.config, dict):
            self.config = {}
        self._data: dict[Path, Any] = {}
        #: Parsed include files, by path.
        self.templates: dict[Path, Any] = {}
        #: Source paths of the documents in a ``_posts`` folder, once asked for.
        self.post_paths: list[str] | None = None

    def data(self, path: Path) -> Any:
        if path not in self._data:
            self._data[path] = _load(path)
        return self._data[path]

    def inside(self, path: Path) -> Path | None:
        """*path*, resolved, when it lies inside the source folder; else None."""
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            return None
        return resolved if resolved.is_relative_to(self.srcdir) else None


def _load(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        text = path.read_text(encoding="utf-8-sig")
        suffix = path.suffix.lower()
        if suffix in (".yml", ".yaml"):
            return yaml.safe_load(text)
        if suffix == ".json":
            return json.loads(text)
        delimiter = "\t" if suffix == ".tsv" else ","
        return [dict(row) for row in csv.DictReader(text.splitlines(), delimiter=delimiter)]
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError, csv.Error):
        return None


def site_files(env: BuildEnvironment) -> SiteFiles:
    """The site's files for this build, kept on the builder as :func:`build.build_state.build_state` keeps
    state (the reading step ranks below it): made anew every build, inherited by ``-j N`` readers."""
    builder = getattr(getattr(env, "_app", None), "builder", None)
    kept = vars(builder) if builder is not None else {}
    if _STATE_KEY not in kept:
        kept[_STATE_KEY] = SiteFiles(Path(env.srcdir), _config_path(env))
    return kept[_STATE_KEY]


def _config_path(env: BuildEnvironment) -> Path | None:
    named = env.config.newsposts_jekyll_config
    if named:
        return Path(_confdir(env)) / named
    return Path(env.srcdir) / "_config.yml"


def _confdir(env: BuildEnvironment) -> str:
    app = getattr(env, "_app", None)
    return str(getattr(app, "confdir", None) or env.srcdir)


class DataFolder(Mapping):
    """A folder of ``_data/``: its files and subfolders by name, read when asked for."""

    def __init__(self, files: SiteFiles, folder: Path, reads: set[str]) -> None:
        self._files, self._folder, self._reads = files, folder, reads

    def _entry(self, key: str) -> Path | None:
        if not key or "/" in key or "\\" in key or key.startswith("."):
            return None
        for suffix in _DATA_SUFFIXES:
            candidate = self._folder / (key + suffix)
            if candidate.is_file():
                return candidate
        candidate = self._folder / key
        return candidate if candidate.is_dir() else None

    def __getitem__(self, key: object) -> Any:
        entry = self._entry(str(key))
        if entry is None or self._files.inside(entry) is None:
            raise KeyError(key)
        if entry.is_dir():
            return DataFolder(self._files, entry, self._reads)
        self._reads.add(str(entry))
        return self._files.data(entry)

    def _names(self) -> list[str]:
        try:
            children = sorted(self._folder.iterdir())
        except OSError:
            return []
        return [child.stem if child.is_file() else child.name for child in children
                if not child.name.startswith(".") and (child.is_dir() or child.suffix.lower() in _DATA_SUFFIXES)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


class Site(Mapping):
    """``site``: the config file's keys (reading one records the file), ``data``, ``time``, ``url``
    and ``baseurl``."""

    def __init__(self, files: SiteFiles, extra: dict[str, Any], reads: set[str]) -> None:
        self._files, self._extra, self._reads = files, extra, reads

    def __getitem__(self, key: object) -> Any:
        if key in self._extra:
            return self._extra[key]
        if self._files.config_path is not None:
            self._reads.add(str(self._files.config_path))
        return self._files.config[key]

    def __iter__(self) -> Iterator[str]:
        return iter({**self._files.config, **self._extra})

    def __len__(self) -> int:
        return len({**self._files.config, **self._extra})


def site_address(env: BuildEnvironment, files: SiteFiles) -> tuple[str, str]:
    """``site.url`` and ``site.baseurl``: from the config file, else split from ``html_baseurl``."""
    parts = urllib.parse.urlsplit(str(getattr(env.config, "html_baseurl", "") or ""))
    url = files.config.get("url")
    baseurl = files.config.get("baseurl")
    if not isinstance(url, str):
        url = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    if not isinstance(baseurl, str):
        baseurl = parts.path.rstrip("/") if parts.netloc else ""
    return url, baseurl


@dataclasses.dataclass
class LiquidContext:
    """What one document's Liquid reads, and the files it read."""

    site: Site
    page: dict[str, Any]
    files: SiteFiles
    url: str
    baseurl: str
    reads: set[str]
    #: The document's source, relative to the source folder (POSIX separators).
    document_path: str
    #: The source path (relative to the source folder) of a file named as ``link`` names it,
    #: or with *post*, of the post ``post_url`` names; None when there is none.
    find_source: Callable[[str, bool], str | None]


def liquid_context(env: BuildEnvironment, front_matter: FrontMatter) -> LiquidContext:
    files = site_files(env)
    reads: set[str] = set()
    url, baseurl = site_address(env, files)
    site = Site(files, {"data": DataFolder(files, files.srcdir / "_data", reads), "time": build_time(env),
                        "url": url, "baseurl": baseurl}, reads)
    page = page_variables(env, front_matter, _permalink_style(files))
    if "permalink" in files.config and files.config_path is not None and is_post_document(env, front_matter):
        reads.add(str(files.config_path))  # a post's page.url follows the site's permalink style
    return LiquidContext(site, page, files, url, baseurl, reads, page["path"], _source_finder(env, files))


def _permalink_style(files: SiteFiles) -> str:
    style = files.config.get("permalink")
    style = style.strip() if isinstance(style, str) and style.strip() else "date"
    return permalink_pattern(style)


def _post_paths(env: BuildEnvironment, files: SiteFiles) -> list[str]:
    if files.post_paths is None:
        paths = (str(env.doc2path(docname, base=False)).replace("\\", "/") for docname in env.found_docs)
        files.post_paths = sorted(path for path in paths if POSTS_FOLDER in path.split("/")[:-1])
    return files.post_paths


def _source_finder(env: BuildEnvironment, files: SiteFiles) -> Callable[[str, bool], str | None]:
    def find_source(name: str, post: bool) -> str | None:
        if post:
            # Jekyll's rule: the folders named, then (deprecated) any post of that file name, first by path.
            paths = _post_paths(env, files)
            found = post_named(name, paths)
            if found is None:
                found = next(iter(posts_of_file_name(name, paths)), None)
            return found
        path = files.inside(files.srcdir / name.lstrip("/"))
        if path is None or not path.is_file():
            return None
        return path.relative_to(files.srcdir).as_posix()
    return find_source


def _labels(value: Any, *, split: bool = True) -> list[str]:
    if isinstance(value, str):
        return value.split() if split else [value]
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item is not None]
    return [] if value is None else [str(value)]


def _front_matter_categories(page: Mapping[str, Any]) -> list[str]:
    """``categories`` (split on spaces when text), then ``category`` (one, as written), each once."""
    labels = [*_labels(page.get("categories")), *_labels(page.get("category"), split=False)]
    return list(dict.fromkeys(labels))


def jekyll_address(pattern: str, page: Mapping[str, Any], source_name: str, zone: tzinfo) -> str:
    """*pattern* (a permalink) filled in from the post *page*, as Jekyll's ``URL`` does: the date
    in the site's time zone, each placeholder's value escaped, ``//`` collapsed. A placeholder
    Jekyll does not know stays."""
    when = page.get("date")
    stem = posixpath.splitext(source_name)[0]
    slug = str(page.get("slug") or stem)
    values: dict[str, str] = {
        "categories": "/".join(dict.fromkeys(str(label).lower() for label in page.get("categories") or ())),
        "title": slugify(slug, "pretty", cased=True) or slugify(stem, "pretty", cased=True),
        "slug": slugify(slug) or slugify(stem),
        "name": slugify(stem),
        "output_ext": ".html",
    }
    if isinstance(when, datetime):
        when = when.astimezone(zone)
        values.update({
            "year": f"{when:%Y}", "month": f"{when:%m}", "day": f"{when:%d}", "hour": f"{when:%H}",
            "minute": f"{when:%M}", "second": f"{when:%S}", "i_month": str(when.month), "i_day": str(when.day),
            "short_year": f"{when:%y}", "y_day": f"{when:%j}", "short_month": f"{when:%b}",
            "long_month": f"{when:%B}", "week": f"{when:%V}", "w_year": f"{when:%G}", "w_day": f"{when:%u}",
            "short_day": f"{when:%a}", "long_day": f"{when:%A}",
        })

    def fill(match: re.Match) -> str:
        value = values.get(match[1])
        return match[0] if value is None else urllib.parse.quote(value, safe=_ADDRESS_SAFE)
    address = "/" + _PLACEHOLDER.sub(fill, pattern)
    address = address.replace("..", "/").replace("./", "")
    return re.sub("/{2,}", "/", address)


def page_variables(env: BuildEnvironment, front_matter: FrontMatter, permalink_style: str = "") -> dict[str, Any]:
    """``page``: the front matter, and what Jekyll adds to it that is known before the body is read."""
    page: dict[str, Any] = {key: field.value for key, field in front_matter.fields.items()}
    docname = env.docname
    source = str(env.doc2path(docname, base=False)).replace("\\", "/")
    name = posixpath.basename(source)
    stem = posixpath.basename(docname)
    day, slug = split_dated_filename(stem)
    page.setdefault("title", slug.replace("-", " ").strip().capitalize() if slug else stem)
    when: datetime | None = None
    zone = site_zone(env)
    for value in (page.get("date"), day):
        if value is None:
            continue
        try:
            when = parse_date(value, zone)
            break
        except (DateError, ValueError, TypeError):
            continue
    page["date"] = when if when is not None else page.get("date")
    is_post = is_post_document(env, front_matter)
    # the same rule as the post's own categories: the folders above `_posts` first
    from_folders = folder_categories(docname) if is_post else []
    page["categories"] = merge_categories(from_folders, _front_matter_categories(page))
    page["tags"] = _labels(page.get("tags", page.get("tag")))
    page.setdefault("excerpt", "")
    page["path"] = source
    page["name"] = name
    page["slug"] = page.get("slug") or slug or stem
    page["url"] = "/" + docname + ".html"
    page["id"] = "/" + docname
    permalink = page.get("permalink")
    pattern = permalink if isinstance(permalink, str) and permalink.strip() else permalink_style
    if is_post and day is not None and pattern:
        page["url"] = jekyll_address(pattern.strip(), page, name, zone)
        page["id"] = posixpath.join(posixpath.dirname(page["url"]), str(page["slug"]))
    return page
