"""What Jekyll's Liquid sees as ``site`` and ``page``, worked out from the source folder.

``site`` is ``_config.yml`` (or the file ``newsposts_jekyll_config`` names) with ``site.data``
read from ``_data/`` as Jekyll reads it (YAML, JSON, CSV and TSV files; folders are nested
keys), ``site.url`` and ``site.baseurl`` (from the config file, else from ``html_baseurl``)
and ``site.time`` (when the build started). Data files are read when a post first asks for
them, once a build; each file a post's Liquid reads is recorded, so that Sphinx re-reads the
posts that used a file when it changes, and only those.

``page`` is the post's front matter with what Jekyll adds that is known when the post is
read: ``url``, ``date``, ``path``, ``name``, ``slug``, ``categories``, ``tags``, ``excerpt``
and ``title``. ``site.posts`` is not given: other posts may not have been read yet.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import posixpath
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from sphinx.environment import BuildEnvironment

from .dates import DateError, build_time, parse_date, site_zone, split_dated_filename
from .front_matter import FrontMatter

_DATA_SUFFIXES = (".yml", ".yaml", ".json", ".csv", ".tsv")
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
    page = page_variables(env, front_matter)
    return LiquidContext(site, page, files, url, baseurl, reads, page["path"], _source_finder(env, files))


def _source_finder(env: BuildEnvironment, files: SiteFiles) -> Callable[[str, bool], str | None]:
    def find_source(name: str, post: bool) -> str | None:
        if post:
            name = name.strip("/")
            for docname in sorted(env.found_docs):
                if docname == name or docname.endswith("/" + name):
                    return str(env.doc2path(docname, base=False)).replace("\\", "/")
            return None
        path = files.inside(files.srcdir / name.lstrip("/"))
        if path is None or not path.is_file():
            return None
        return path.relative_to(files.srcdir).as_posix()
    return find_source


def _labels(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item is not None]
    return []


def page_variables(env: BuildEnvironment, front_matter: FrontMatter) -> dict[str, Any]:
    """``page``: the front matter, and what Jekyll adds to it that is known before the body is read."""
    page: dict[str, Any] = {key: field.value for key, field in front_matter.fields.items()}
    docname = env.docname
    source = env.doc2path(docname, base=False)
    name = posixpath.basename(str(source).replace("\\", "/"))
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
    page["categories"] = _labels(page.get("categories", page.get("category")))
    page["tags"] = _labels(page.get("tags", page.get("tag")))
    page.setdefault("excerpt", "")
    page["path"] = str(source).replace("\\", "/")
    page["name"] = name
    page["slug"] = page.get("slug") or slug or stem
    page["url"] = "/" + docname + ".html"
    page["id"] = "/" + docname
    return page
