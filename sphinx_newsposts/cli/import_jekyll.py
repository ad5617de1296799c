"""``newsposts import-jekyll SITE_DIR DEST``: make a Sphinx site from a Jekyll site.

Jekyll reads a ``_posts`` (and ``_drafts``) folder in any folder of the site, and makes the folders
above it the post's first categories. The top ``_posts`` and ``_drafts`` become ``posts/``; any
other keeps its place (``en/news/_posts/`` stays ``en/news/_posts/``, its drafts join it), so that
the build gives it the same categories, hence the same old address, and posts of the same name in
two languages stay apart. ``_config.yml``, ``_data/`` and ``_includes/`` are copied for the
Liquid the build runs.

Posts keep their file names, front matter and text; only Liquid and kramdown constructs with a
faithful MyST form are rewritten (see :mod:`.jekyll_liquid`), and lines are added to the front
matter (``published: false`` for drafts, ``redirect_from`` for a site-wide ``permalink`` style),
never changed: every other byte of a post stays as it was.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sys
from collections import Counter
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..reading.dates import DateError, load_zone, parse_date, split_dated_filename
from ..reading.labels import slugify
from ..reading.permalinks import PERMALINK_STYLES
from ..reading.permalinks import permalink_pattern as named_permalink
from ..reading.post_folders import DRAFTS_FOLDER, POSTS_FOLDER, folder_categories, merge_categories
from .jekyll_liquid import Leftover, Site, convert

POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")
IMAGE_SUFFIXES = ("png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp")
DEFAULT_PERMALINK = PERMALINK_STYLES["date"]
_PLACEHOLDER = re.compile(r":(categories|year|short_year|month|i_month|day|i_day|y_day|title|slug|output_ext)")
_IMAGE_REFERENCE = re.compile(
    r"(?<![\w.:/])/?([A-Za-z0-9][\w.-]*)/[^\s)\"'\]]*\.(?:" + "|".join(IMAGE_SUFFIXES) + r")\b", re.I)
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
#: Folders Jekyll never reads posts from, besides those starting with "." or "_" (``_site``,
#: ``_includes``, ``_layouts``, ``_sass``...), which it skips too.
SKIPPED_FOLDERS = ("node_modules", "vendor")
#: What build-time Liquid reads from the source folder: copied as they are.
LIQUID_FILES = ("_config.yml", "_data", "_includes")


class ImportError_(Exception):
    """Something stops the import; the message says what to do."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


@dataclasses.dataclass
class Report:
    copied: Counter = dataclasses.field(default_factory=Counter)
    converted: Counter = dataclasses.field(default_factory=Counter)
    leftovers: list[tuple[str, Leftover]] = dataclasses.field(default_factory=list)
    notes: list[tuple[str, int, str]] = dataclasses.field(default_factory=list)
    redirects: int = 0

    def note(self, path: str, line: int, text: str) -> None:
        self.notes.append((path, line, text))


class Progress:
    """A bar on a terminal (``[#####.....] 42/102``), a line per file otherwise."""

    def __init__(self, total: int, stream: TextIO, every: int = 1):
        self.total, self.stream = total, stream
        self.tty = stream.isatty()
        self.every = every

    def step(self, done: int, name: str) -> None:
        if self.tty:
            filled = round(20 * done / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {done}/{self.total}")
            if done == self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif done % self.every == 0 or done == self.total:
            self.stream.write(f"[{done}/{self.total}] {name}\n")


# -- _config.yml ----------------------------------------------------------------------------

def read_config(site_dir: Path) -> dict[str, Any]:
    path = site_dir / "_config.yml"
    if not path.is_file():
        return {}
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ImportError_(f"{path}: not valid YAML ({error}); fix it, or move it away to import without it") from None
    return config if isinstance(config, dict) else {}


def base_url_of(config: dict[str, Any]) -> str:
    url = str(config.get("url") or "").rstrip("/")
    baseurl = str(config.get("baseurl") or "").strip("/")
    if not url:
        return ""
    return f"{url}/{baseurl}/" if baseurl else f"{url}/"


def permalink_pattern(config: dict[str, Any]) -> str:
    value = str(config.get("permalink") or "date").strip()
    return named_permalink(value)


def conf_py(config: dict[str, Any], base_url: str, needs: set[str], custom_permalink: bool) -> str:
    lines = ['"""Sphinx configuration, made by newsposts import-jekyll from the Jekyll site\'s _config.yml."""', ""]
    lines.append(f"project = {str(config.get('title') or 'News')!r}")
    lines += ['extensions = ["sphinx_newsposts"]', 'html_theme = "newsposts"']
    if base_url:
        lines.append(f"html_baseurl = {base_url!r}")
    if config.get("timezone"):
        lines.append(f"newsposts_timezone = {str(config['timezone'])!r}")
    lines.append('exclude_patterns = ["_build", "_data", "_includes"]')
    if needs:
        lines.append(f"myst_enable_extensions = {sorted(needs)!r}")
    if custom_permalink:
        lines.append("# The old site had its own permalink style: posts carry their old addresses in redirect_from.")
        lines.append("newsposts_jekyll_redirects = False")
    return "\n".join(lines) + "\n"


def index_md(config: dict[str, Any]) -> str:
    title = str(config.get("title") or "News")
    description = str(config.get("description") or "").strip()
    return f"# {title}\n\n{description}\n" if description else f"# {title}\n"


# -- front matter, edited as text -----------------------------------------------------------

def split_front_matter(text: str) -> tuple[str, str, str] | None:
    """(opening fence + YAML, closing fence line, body), or None without front matter."""
    if not re.match(r"---[ \t]*\r?\n", text):
        return None
    first_newline = text.index("\n") + 1
    close = _FRONT_MATTER_CLOSE.search(text, first_newline)
    if close is None:
        return None
    end = text.find("\n", close.end())
    end = len(text) if end < 0 else end + 1
    return text[:close.start()], text[close.start():end], text[end:]


def front_matter_values(head: str) -> dict[str, Any]:
    try:
        values = yaml.safe_load(head.split("\n", 1)[1] if "\n" in head else "")
    except yaml.YAMLError:
        return {}
    return values if isinstance(values, dict) else {}


def yaml_text(value: str) -> str:
    if re.fullmatch(r"[\w/][\w/.~+-]*", value) and value.lower() not in ("true", "false", "yes", "no", "null", "on",
                                                                          "off"):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def old_address(pattern: str, new_path: str, values: dict[str, Any], zone: tzinfo,
                folders: list[str] | None = None) -> str | None:
    """The address Jekyll gave the post under *pattern*, or None without a date; *folders* are
    the categories its place gave it (the folders above ``_posts``)."""
    file_date, file_slug = split_dated_filename(Path(new_path).stem)
    moment = None
    if values.get("date") is not None:
        try:
            moment = parse_date(values["date"], zone)
        except DateError:
            moment = None
    if moment is None and file_date is None:
        return None
    day = moment.astimezone(zone).date() if moment is not None else file_date
    categories = values.get("categories", values.get("category")) or []
    if isinstance(categories, str):
        categories = categories.split()
    elif not isinstance(categories, list):
        categories = [categories]
    categories = merge_categories(folders or [], [str(label) for label in categories if label is not None])
    title = str(values.get("slug") or file_slug)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    filled = {
        "categories": "/".join(slugify(label) for label in categories),
        "year": f"{day:%Y}", "short_year": f"{day:%y}", "month": f"{day:%m}", "i_month": str(day.month),
        "day": f"{day:%d}", "i_day": str(day.day), "y_day": f"{day.timetuple().tm_yday:03d}",
        "title": title, "slug": slug, "output_ext": ".html",
    }
    address = _PLACEHOLDER.sub(lambda match: filled[match[1]], pattern)
    return "/" + re.sub("/{2,}", "/", address).lstrip("/")


# -- the import -----------------------------------------------------------------------------

def _post_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))


def post_folders(site_dir: Path, config: dict[str, Any]) -> list[str]:
    """The folders (relative to the site, "" for its top) holding a ``_posts`` or ``_drafts``
    folder: those Jekyll reads, top first."""
    excluded = {str(entry).strip("/") for entry in config.get("exclude") or [] if isinstance(entry, str)}
    found: list[str] = []

    def visit(folder: Path, relative: str) -> None:
        if any((folder / special).is_dir() for special in (POSTS_FOLDER, DRAFTS_FOLDER)):
            found.append(relative)
        for child in sorted(folder.iterdir()):
            name = f"{relative}/{child.name}".lstrip("/")
            if (child.is_dir() and not child.is_symlink() and not child.name.startswith((".", "_", "#", "~"))
                    and child.name not in SKIPPED_FOLDERS and name not in excluded):
                visit(child, name)

    visit(site_dir, "")
    return found


def _new_folder(above: str) -> str:
    """Where the posts of *above*/*kind* go: the top ones in ``posts/``, any other where it was,
    drafts with the posts beside them."""
    return f"{above}/{POSTS_FOLDER}" if above else "posts"


def import_site(site_dir: Path, dest: Path, *, base_url: str = "", variables: dict[str, str] | None = None,
                progress: TextIO | None = None) -> Report:
    site_dir, dest = Path(site_dir), Path(dest)
    config = read_config(site_dir) if site_dir.is_dir() else {}
    folders = post_folders(site_dir, config) if site_dir.is_dir() else []
    if not any((site_dir / above / POSTS_FOLDER).is_dir() for above in folders):
        raise ImportError_(f"{site_dir} has no _posts folder: give the folder of the Jekyll site "
                           "(the one holding _config.yml, and _posts in it or in its folders)", status=2)
    if dest.exists() and any(dest.iterdir()):
        raise ImportError_(f"{dest} exists and is not empty: give a new folder, or remove this one first")
    base_url = base_url or base_url_of(config)
    pattern = permalink_pattern(config)
    custom_permalink = pattern != DEFAULT_PERMALINK
    try:
        zone = load_zone(str(config.get("timezone") or "UTC"))
    except DateError as error:
        raise ImportError_(f"_config.yml: timezone {error}") from None

    report = Report()
    found = [(kind, above, path) for kind in (POSTS_FOLDER, DRAFTS_FOLDER) for above in folders
             for path in _post_files(site_dir / above / kind)]
    documents: dict[str, str] = {}
    plan: list[tuple[str, Path, str, str]] = []  # (kind, source, its Jekyll path, new path)
    planned: set[str] = set()
    for kind, above, path in found:
        relative = path.relative_to(site_dir / above / kind).as_posix()
        jekyll_path = f"{above}/{kind}/{relative}".lstrip("/")
        new_path = f"{_new_folder(above)}/{relative}"
        if new_path in planned:
            report.note(jekyll_path, 0, f"not copied: a post of the same name is already at {new_path}")
            continue
        planned.add(new_path)
        plan.append((kind, path, jekyll_path, new_path))
        if path.suffix.lower() in POST_SUFFIXES:
            documents[jekyll_path] = new_path
    values = {key: str(value) for key, value in config.items()
              if isinstance(value, (str, int, float)) and not isinstance(value, bool)}
    site = Site(documents=documents, variables={**values, **(variables or {})}, base_url=base_url)

    dest.mkdir(parents=True, exist_ok=True)
    bar = Progress(len(plan), progress or sys.stderr, every=max(1, len(plan) // 20)) if len(plan) > 1 else None
    needs: set[str] = set()
    image_folders: set[str] = set()
    for done, (kind, source, jekyll_path, new_path) in enumerate(plan, start=1):
        target = dest / new_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix.lower() not in POST_SUFFIXES:
            shutil.copy2(source, target)
            report.copied["other files in _posts/_drafts"] += 1
        else:
            text = source.read_text(encoding="utf-8")
            image_folders |= {match[1] for match in _IMAGE_REFERENCE.finditer(text)}
            new_text = _import_post(text, jekyll_path, new_path,
                                    draft=kind == DRAFTS_FOLDER, site=site, pattern=pattern if custom_permalink else "",
                                    zone=zone, mtime=source.stat().st_mtime, report=report, needs=needs)
            target.write_text(new_text, encoding="utf-8", newline="")
            report.copied["drafts" if kind == DRAFTS_FOLDER else "posts"] += 1
        if bar:
            bar.step(done, new_path)

    post_tops = {above.split("/")[0] for above in folders if above}
    for folder in sorted({"assets", "images"} | image_folders):
        source = site_dir / folder
        if folder.startswith(("_", ".")) or folder in ("posts", "_build") or not source.is_dir():
            continue
        if folder in post_tops:  # a language folder: its posts are in place already, take its images only
            for path in _post_files(source):
                inside = path.relative_to(source)
                if path.suffix.lower().lstrip(".") in IMAGE_SUFFIXES and not any(
                        part.startswith(("_", ".")) for part in inside.parts[:-1]):
                    (dest / folder / inside).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, dest / folder / inside)
                    report.copied[f"{folder}/ files"] += 1
            continue
        shutil.copytree(source, dest / folder)
        report.copied[f"{folder}/ files"] += sum(1 for path in (dest / folder).rglob("*") if path.is_file())

    for name in LIQUID_FILES:
        source = site_dir / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
            report.copied[f"{name}/ files"] += sum(1 for path in (dest / name).rglob("*") if path.is_file())
        elif source.is_file():
            shutil.copy2(source, dest / name)
            report.copied[name] += 1

    (dest / "conf.py").write_text(conf_py(config, base_url, needs, custom_permalink), encoding="utf-8")
    (dest / "index.md").write_text(index_md(config), encoding="utf-8")
    return report


def _import_post(text: str, jekyll_path: str, new_path: str, *, draft: bool, site: Site, pattern: str, zone: tzinfo,
                 mtime: float, report: Report, needs: set[str]) -> str:
    parts = split_front_matter(text)
    if parts is None:
        head, close, body = "---\n", "---\n", text
        report.note(new_path, 1, "had no front matter; an empty one was added")
    else:
        head, close, body = parts
    values = front_matter_values(head)
    newline = "\r\n" if "\r\n" in head else "\n"
    added: list[str] = []
    if draft:
        if "published" in values:
            report.note(new_path, 1, f"draft keeps its own 'published: {values['published']}'")
        else:
            added.append("published: false")
        if values.get("date") is None and split_dated_filename(Path(new_path).stem)[0] is None:
            moment = datetime.fromtimestamp(mtime, zone)
            added.append(f"date: {moment:%Y-%m-%d %H:%M:%S %z}")  # Jekyll dates a draft by its file's time
    elif pattern and not values.get("permalink"):
        # the folders above _posts are categories, in :categories too
        address = old_address(pattern, new_path, values, zone,
                              folder_categories(jekyll_path, (POSTS_FOLDER, DRAFTS_FOLDER)))
        if address is None:
            report.note(new_path, 1, "no date: no redirect from its old address")
        elif "redirect_from" in values:
            report.note(new_path, 1, f"has its own redirect_from; add {address} to it by hand")
        else:
            added.append(f"redirect_from: [{yaml_text(address)}]")
            report.redirects += 1
    # The front matter keeps its own text; the added lines go last, before the closing fence.
    head += "".join(line + newline for line in added)
    first_body_line = head.count("\n") + close.count("\n") + 1
    result = convert(body, new_path, site, first_line=first_body_line)
    report.converted.update(result.converted)
    report.leftovers += [(new_path, leftover) for leftover in result.leftovers]
    report.notes += [(new_path, line, note) for note, line in result.notes]
    needs |= result.needs
    return head + close + result.text


def print_report(report: Report, dest: Path, stream: TextIO) -> None:
    write = stream.write
    copied = ", ".join(f"{count} {what}" for what, count in sorted(report.copied.items())) or "nothing"
    write(f"Imported into {dest}: {copied}.\n")
    if report.redirects:
        write(f"Added redirect_from to {report.redirects} posts (the old site's permalink style).\n")
    if report.converted:
        write("Converted:\n")
        for kind, count in sorted(report.converted.items(), key=lambda item: (-item[1], item[0])):
            write(f"  {count:5}  {kind}\n")
    for path, line, note in report.notes:
        write(f"{os.path.join(str(dest), path)}:{line}: note: {note}\n" if line else f"{path}: note: {note}\n")
    if report.leftovers:
        kinds = Counter(leftover.kind for _path, leftover in report.leftovers)
        write(f"Left in place ({len(report.leftovers)}; no faithful Markdown form, replace them by hand):\n")
        for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
            write(f"  {count:5}  {kind}\n")
        for path, leftover in report.leftovers:
            write(f"{os.path.join(str(dest), path)}:{leftover.line}: left: {leftover.text}\n")
    else:
        write("Nothing left to convert by hand.\n")
    write(f"Next: sphinx-build -b html {dest} {os.path.join(str(dest), '_build', 'html')}\n")
