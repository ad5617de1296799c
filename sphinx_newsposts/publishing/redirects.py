"""Redirect pages, so that a post's old addresses keep working after a move: its
``redirect_from`` (also Hugo's ``aliases`` and ABlog's ``redirect``), its ``permalink``,
and Jekyll's default address of a ``YYYY-MM-DD-title`` post."""

from __future__ import annotations

import html
import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

from sphinx.application import Sphinx

from ..build.freshness import whole_site_outputs_current
from ..build.output_records import record_outputs
from ..build.parallel_pages import start_beside
from ..index.post_index import post_index
from ..pages.site_urls import base_url, page_url
from ..reading.dates import site_zone, split_dated_filename
from ..reading.labels import slugify
from ..reading.post_meta import PostMeta
from ..warnings_ import NewspostsWarning, emit_warning

JEKYLL_PERMALINK = "/:categories/:year/:month/:day/:title.html"
_PLACEHOLDER = re.compile(r":(categories|year|short_year|month|i_month|day|i_day|y_day|title|slug|output_ext)\b")
#: Marks the pages written here, so that a later build may replace them but nothing else.
MARK = "<!-- newsposts redirect -->"
#: Characters Windows refuses in file names; in a redirect address they can only be markup.
_NOT_IN_FILE_NAMES = frozenset('<>"|*')
PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
{mark}
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def expand_permalink(pattern: str, app: Sphinx, meta: PostMeta) -> str:
    """Fill in Jekyll's permalink placeholders from the post, as Jekyll did."""
    if meta.date is None or ":" not in pattern:
        return pattern
    day = meta.date.astimezone(site_zone(app.env))
    values = {"categories": "/".join(slugify(label) for label in meta.categories), "year": f"{day:%Y}",
              "short_year": f"{day:%y}", "month": f"{day:%m}", "i_month": str(day.month), "day": f"{day:%d}",
              "i_day": str(day.day), "y_day": f"{day:%j}", "title": meta.slug, "slug": meta.slug,
              "output_ext": ".html"}
    # No categories leaves "//", which Jekyll collapses too.
    return re.sub("/{2,}", "/", _PLACEHOLDER.sub(lambda match: values[match[1]], pattern))


def old_addresses(app: Sphinx, meta: PostMeta) -> list[str]:
    """The addresses that should lead to *meta*'s page, each once, in front matter order."""
    addresses = list(meta.redirect_from)
    if meta.permalink:
        addresses.append(meta.permalink)
    came_from_jekyll = split_dated_filename(posixpath.basename(meta.docname))[0] is not None
    if app.config.newsposts_jekyll_redirects and meta.is_post and came_from_jekyll:
        addresses.append(JEKYLL_PERMALINK)
    return list(dict.fromkeys(expand_permalink(address.strip(), app, meta) for address in addresses))


def redirect_path(address: str) -> str | None:
    """The file (relative to the output folder, ``/``-separated) serving the site path *address*,
    or None when *address* is no plain path of this site."""
    try:
        parts = urlsplit(address)
    except ValueError:  # such as an unclosed "[" read as an IPv6 host
        return None
    if not address or parts.scheme or parts.netloc or "?" in address or "#" in address:
        return None
    if not address.startswith("/") and ":" in address.split("/", 1)[0]:
        return None  # such as "java script:": a relative path may not look like a scheme (RFC 3986, 4.2)
    path = unquote(parts.path)
    if "\\" in path or any(ord(char) < 32 or char in _NOT_IN_FILE_NAMES for char in path):
        return None  # Windows separators, control characters, markup
    segments = [segment for segment in path.split("/") if segment not in ("", ".")]
    if ".." in segments:
        return None
    if address.endswith("/") or not segments or not segments[-1].endswith((".html", ".htm")):
        segments.append("index.html")  # a folder address, served by its index.html on every host
    return "/".join(segments)


def redirect_page(url: str, title: str, language: str) -> str:
    return PAGE.format(lang=html.escape(language), mark=MARK, title=html.escape(title), url=html.escape(url))


def _target_url(app: Sphinx, docname: str, path: str) -> str:
    if base_url(app):
        return page_url(app, docname)
    target = app.builder.get_target_uri(docname)
    relative = posixpath.relpath(target or ".", posixpath.dirname(path) or ".")
    # relpath drops the trailing "/" of a folder address (dirhtml), which the server would redirect.
    return relative + "/" if (not target or target.endswith("/")) and not relative.endswith("/") else relative


def _warn(meta: PostMeta, address: str, problem: str) -> None:
    # addresses made from the file name (Jekyll's default permalink) point at the front matter's start
    line = meta.address_lines.get(address, 1)
    emit_warning(NewspostsWarning.REDIRECT, f"redirect from {address!r} not written: {problem}", (meta.docname, line))


def _existing_page(file: str) -> str | None:
    """The text of the page at *file*; None when there is none (read once: most builds find none)."""
    try:
        with open(file, encoding="utf-8", errors="replace") as page:
            return page.read()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _write_redirects(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or whole_site_outputs_current(app):
        return
    # Paths are joined and compared as text: redirect_path() lets no ".." through, so a redirect
    # file is inside the output folder by construction, and resolving each one on disk cost a
    # system call per folder level, for every post.
    outdir = os.path.abspath(app.outdir)
    written: dict[str, str] = {}  # redirect file, relative to outdir -> the post it leads to
    made_folders: set[str] = set()
    metas = post_index(app.env).meta
    language = (app.config.language or "en").replace("_", "-")
    for docname in sorted(metas):  # sorted, so that the same post wins a clash in every build
        meta = metas[docname]
        if meta.draft:
            continue
        own_page = os.path.normcase(os.path.relpath(app.builder.get_outfilename(docname), outdir))
        for address in old_addresses(app, meta):
            path = redirect_path(address)
            if path is None:
                _warn(meta, address, "it must be a path on this site, without '..', query or scheme")
                continue
            if os.path.normcase(os.path.normpath(path)) == own_page:
                continue  # the post already lives there
            if path in written:
                _warn(meta, address, f"{written[path]} already redirects from there")
                continue
            file = os.path.join(outdir, path)
            page = redirect_page(_target_url(app, docname, path), meta.title, language)
            try:
                existing = _existing_page(file)
                if existing is not None and MARK not in existing[:512]:
                    _warn(meta, address, f"it would replace the page {path}")
                    continue
                if existing != page:  # unchanged files are kept
                    folder = os.path.dirname(file)
                    if folder not in made_folders:
                        os.makedirs(folder, exist_ok=True)
                        made_folders.add(folder)
                    with open(file, "w", encoding="utf-8") as out:
                        out.write(page)
            except OSError as error:  # such as a name longer than the file system allows
                _warn(meta, address, str(error))
                continue
            written[path] = docname
    record_outputs(app, "redirects", written)


def _write_redirects_beside(app: Sphinx, exception: Exception | None) -> None:
    # under -j N, a worker writes them while the main process writes feeds and sitemaps
    if not start_beside(app, lambda: _write_redirects(app, exception)):
        _write_redirects(app, exception)


def setup_redirects(app: Sphinx) -> None:
    app.connect("build-finished", _write_redirects_beside, priority=450)  # first: the longest
