"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 of the newest published posts: one set for the
whole site (Atom at ABlog's ``{blog_path}/atom.xml``, so subscribers keep their feed)
and, with ``newsposts_label_feeds``, one set per tag and per category.

Feeds are read away from the site, so every URL in them is absolute; and they carry
no build time, so that two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import json
import mimetypes
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..build.freshness import freshness, whole_site_outputs_current
from ..build.output_records import record_outputs, write_if_changed
from ..index.post_index import LABEL_ATTRIBUTES, published_posts
from ..pages.archive_urls import archive_docname
from ..pages.body_images import PLAIN_IMAGES
from ..pages.feed_urls import LABEL_FEED_KINDS, builds_feeds, feed_paths
from ..pages.site_urls import absolutize, base_url, file_url, image_url, page_url, require_base_url
from ..reading.post_meta import ImageRef, PostMeta
from ..text import xml_text

#: Title of a label feed after the project's name.
_LABEL_TITLES = {"tag": "Posts tagged {}", "category": "Posts in {}"}
#: The date of a feed without posts: any fixed date keeps builds reproducible.
_NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)
_LINK_ATTRIBUTE = re.compile(r"""(?<=\s)(href|src)=(?:"([^"]*)"|'([^']*)')""")

_ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclasses.dataclass(frozen=True)
class _Image:
    url: str
    type: str
    length: int


@dataclasses.dataclass(frozen=True)
class _Entry:
    url: str
    title: str
    published: datetime
    updated: datetime
    authors: list[str]
    labels: list[str]
    summary: str
    #: The post's body as HTML with absolute URLs, or "" when feeds carry summaries.
    content_html: str
    image: _Image | None


@dataclasses.dataclass(frozen=True)
class _Feed:
    title: str
    home_url: str
    paths: dict[str, str]
    entries: list[_Entry]

    @property
    def updated(self) -> datetime:
        return max((entry.updated for entry in self.entries), default=_NO_DATE)


# -- collecting ------------------------------------------------------------------------------

def _feeds(app: Sphinx) -> list[tuple[str, str, list[PostMeta], dict[str, str]]]:
    """(title, URL of the page it follows, newest posts, paths) of every feed to write."""
    length = app.config.newsposts_feed_length
    posts = published_posts(app.env)
    feeds = [(app.config.project, base_url(app), posts[:length], feed_paths(app))]
    if not app.config.newsposts_label_feeds:
        return feeds
    for kind in LABEL_FEED_KINDS:
        attribute = LABEL_ATTRIBUTES[kind]
        for label in sorted({label for meta in posts for label in getattr(meta, attribute)}):
            paths = feed_paths(app, kind, label)
            if paths:
                title = f"{app.config.project} – {_LABEL_TITLES[kind].format(label)}"
                home = page_url(app, archive_docname(app, kind, label))
                labelled = [meta for meta in posts if label in getattr(meta, attribute)]
                feeds.append((title, home, labelled[:length], paths))
    return feeds


def _image(app: Sphinx, image: ImageRef | None, types: mimetypes.MimeTypes) -> _Image | None:
    if image is None:
        return None
    kind = types.guess_type(image.path or image.url or "")[0] or "application/octet-stream"
    length = 0  # RSS's "unknown" for remote images
    if image.is_local:
        with contextlib.suppress(OSError):
            length = (Path(app.srcdir) / image.path).stat().st_size
    return _Image(image_url(app, image), kind, length)


@contextlib.contextmanager
def _writing_as(builder: Builder, **attributes: Any) -> Iterator[None]:
    """Set builder attributes that the HTML translator reads per page, then restore them."""
    saved = {name: getattr(builder, name, None) for name in attributes}  # unset when no page was written
    for name, value in attributes.items():
        setattr(builder, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(builder, name, value)


def _body_html(app: Sphinx, docname: str, url: str) -> str:
    """The post's body as Sphinx writes it on its page, without the title, with absolute URLs."""
    builder, env = app.builder, app.env
    target = builder.get_target_uri(docname)
    with (logging.suppress_logging(),  # the page's own build already reported any problem
          _writing_as(builder, current_docname=docname, add_permalinks=False,  # no "¶" links in readers
                      **{PLAIN_IMAGES: True},  # readers take one image, not a choice of variants
                      imgpath=relative_uri(target, builder.imagedir), dlpath=relative_uri(target, "_downloads"),
                      secnumbers=env.toc_secnumbers.get(docname, {}),
                      fignumbers=env.toc_fignumbers.get(docname, {}))):
        doctree = env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
        title = next(iter(doctree.findall(nodes.title)), None)
        if title is not None and isinstance(title.parent, nodes.section) and title.parent.parent is doctree:
            title.parent.remove(title)  # the post's <h1>: the entry's title already says it
        builder.post_process_images(doctree)
        doctree.settings = builder.docsettings
        visitor = builder.create_translator(doctree, builder)
        doctree.walkabout(visitor)
    return _absolute_links("".join(visitor.fragment).strip(), url)


def _absolute_links(fragment: str, page: str) -> str:
    def absolute(match: re.Match) -> str:
        url = html.unescape(match[2] if match[2] is not None else match[3])
        # a reader shows the entry away from its page, so even "#section" needs the page
        url = page + url if url.startswith("#") else absolutize(url, page)
        return f'{match[1]}="{html.escape(url)}"'
    return _LINK_ATTRIBUTE.sub(absolute, fragment)


def _collect(app: Sphinx) -> list[_Feed]:
    full_text = app.config.newsposts_feed_full_text
    types = mimetypes.MimeTypes()  # Python's own table, not the machine's mime.types: same on every machine
    entries: dict[str, _Entry] = {}  # each post in some feed is made (and rendered) once per build

    def entry(meta: PostMeta) -> _Entry:
        if meta.docname not in entries:
            url = page_url(app, meta.docname)
            entries[meta.docname] = _Entry(
                url=url, title=meta.title, published=meta.date, updated=meta.updated or meta.date,
                authors=list(meta.authors), labels=sorted(set(meta.categories) | set(meta.tags)),
                summary=meta.summary, content_html=_body_html(app, meta.docname, url) if full_text else "",
                image=_image(app, meta.teaser, types),
            )
        return entries[meta.docname]

    return [_Feed(title, home, paths, [entry(meta) for meta in posts]) for title, home, posts, paths in _feeds(app)]


# -- writing ---------------------------------------------------------------------------------

def _rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {name: xml_text(value) for name, value in attributes.items()})
    element.text = None if text is None else xml_text(text)
    return element


#: Stands for a feed's entries while the rest of the document is serialised; nothing from a post
#: can look like it, as ElementTree escapes every "<" of text and attribute values.
_ENTRIES_HERE = "newsposts-entries"


#: How deep entries sit: an Atom ``<entry>`` in ``<feed>``, an RSS ``<item>`` in ``<rss><channel>``.
_ATOM_ENTRY_DEPTH, _RSS_ITEM_DEPTH = 1, 2


def _xml(root: ET.Element, container: ET.Element, depth: int, entries: list[bytes]) -> bytes:
    """*root* serialised with *entries* (each made by :func:`_entry_xml` for *depth*) as the last
    children of *container*: ElementTree indents and escapes all of it, and an entry is serialised
    once per build however many feeds carry it."""
    if entries:
        ET.SubElement(container, _ENTRIES_HERE)
    ET.indent(root)
    document = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    if not entries:
        return document
    # the marker stands where the first entry goes, indented as the entries' siblings are
    return document.replace(f"<{_ENTRIES_HERE} />".encode(), ("\n" + "  " * depth).encode().join(entries), 1)


def _entry_xml(element: ET.Element, depth: int) -> bytes:
    ET.indent(element, level=depth)
    return ET.tostring(element, encoding="utf-8")


def _publisher(app: Sphinx) -> str:
    return app.config.newsposts_publisher.get("name") or app.config.project


def _author_url(app: Sphinx, name: str) -> str:
    url = app.config.newsposts_authors.get(name, {}).get("url")
    return url if isinstance(url, str) else ""


def _atom_entry(app: Sphinx, entry: _Entry) -> bytes:
    element = ET.Element("entry")
    _sub(element, "id", entry.url)
    _sub(element, "title", entry.title, type="text")
    _sub(element, "link", rel="alternate", type="text/html", href=entry.url)
    _sub(element, "published", _rfc3339(entry.published))
    _sub(element, "updated", _rfc3339(entry.updated))
    for name in entry.authors:
        author = _sub(element, "author")
        _sub(author, "name", name)
        if _author_url(app, name):
            _sub(author, "uri", _author_url(app, name))
    for label in entry.labels:
        _sub(element, "category", term=label)
    if entry.summary:
        _sub(element, "summary", entry.summary, type="text")
    if entry.content_html:
        _sub(element, "content", entry.content_html, type="html")
    if entry.image:
        _sub(element, "link", rel="enclosure", type=entry.image.type, length=str(entry.image.length),
             href=entry.image.url)
    return _entry_xml(element, _ATOM_ENTRY_DEPTH)


def _atom(app: Sphinx, feed: _Feed, entries: list[bytes]) -> bytes:
    # Namespaces as plain attributes: ET.register_namespace would change a process-wide table.
    root = ET.Element("feed", {"xmlns": _ATOM_NS, _XML_LANG: app.config.language or "en"})
    self_url = file_url(app, feed.paths["atom"])
    _sub(root, "id", self_url)
    _sub(root, "title", feed.title, type="text")
    _sub(root, "updated", _rfc3339(feed.updated))
    _sub(root, "link", rel="alternate", type="text/html", href=feed.home_url)
    _sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    # Atom wants an author for the feed unless every entry has one.
    _sub(_sub(root, "author"), "name", _publisher(app))
    return _xml(root, root, _ATOM_ENTRY_DEPTH, entries)


def _rss_item(app: Sphinx, entry: _Entry) -> bytes:
    item = ET.Element("item")
    _sub(item, "title", entry.title)
    _sub(item, "link", entry.url)
    _sub(item, "guid", entry.url, isPermaLink="true")
    _sub(item, "pubDate", format_datetime(entry.published))
    # RSS descriptions are HTML: the plain-text summary is escaped to stay text.
    _sub(item, "description", html.escape(entry.summary, quote=False))
    if entry.content_html:
        _sub(item, "content:encoded", entry.content_html)
    for name in entry.authors:  # <author> must be an e-mail address; Dublin Core takes names
        _sub(item, "dc:creator", name)
    for label in entry.labels:
        _sub(item, "category", label)
    if entry.image:
        _sub(item, "enclosure", url=entry.image.url, length=str(entry.image.length), type=entry.image.type)
    return _entry_xml(item, _RSS_ITEM_DEPTH)


def _rss(app: Sphinx, feed: _Feed, entries: list[bytes]) -> bytes:
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": _ATOM_NS,
                              "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
                              "xmlns:dc": "http://purl.org/dc/elements/1.1/"})
    channel = _sub(root, "channel")
    _sub(channel, "title", feed.title)
    _sub(channel, "link", feed.home_url)
    _sub(channel, "description", feed.title)
    _sub(channel, "language", app.config.language or "en")
    _sub(channel, "lastBuildDate", format_datetime(feed.updated))
    _sub(channel, "atom:link", rel="self", type="application/rss+xml", href=file_url(app, feed.paths["rss"]))
    return _xml(root, channel, _RSS_ITEM_DEPTH, entries)


#: Stands for the JSON feed's items while the rest is serialised; the last value of the document.
_ITEMS_HERE = "newsposts-items"


def _json_item(app: Sphinx, entry: _Entry) -> bytes:
    item = {"id": entry.url, "url": entry.url, "title": entry.title}
    if entry.content_html:
        item["content_html"] = entry.content_html
    else:
        item["content_text"] = entry.summary
    if entry.summary:
        item["summary"] = entry.summary
    if entry.image:
        item["image"] = entry.image.url
    item["date_published"] = _rfc3339(entry.published)
    item["date_modified"] = _rfc3339(entry.updated)
    if entry.authors:
        item["authors"] = [{"name": name, **({"url": _author_url(app, name)} if _author_url(app, name) else {})}
                           for name in entry.authors]
    if entry.labels:
        item["tags"] = entry.labels
    # indented as an element of the document's "items" list, two levels down
    return json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ").encode("utf-8")


def _json(app: Sphinx, feed: _Feed, entries: list[bytes]) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": file_url(app, feed.paths["json"]),
        "language": app.config.language or "en",
        "authors": [{"name": _publisher(app)}],
        "items": [_ITEMS_HERE] if entries else [],
    }
    text = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if not entries:
        return text
    head, _, tail = text.rpartition(json.dumps(_ITEMS_HERE).encode())  # "items" comes last
    return head + b",\n    ".join(entries) + tail


#: Per format: how one entry is serialised, and how a feed document is around its entries.
_FORMATS = {"atom": (_atom_entry, _atom), "rss": (_rss_item, _rss), "json": (_json_item, _json)}


def _write_feeds(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not builds_feeds(app):
        return
    if not require_base_url(app, "feeds"):
        record_outputs(app, "feeds", ())  # feeds of an earlier build with a base URL are removed
        return
    full_text_changed = app.config.newsposts_feed_full_text and bool(freshness(app.env).read_this_build)
    if whole_site_outputs_current(app) and not full_text_changed:
        return  # nothing a feed shows changed since the last build
    outdir = Path(app.outdir)
    feeds = _collect(app)
    serialised: dict[tuple[str, str], bytes] = {}  # (format, entry URL): a post is in several feeds
    for feed in feeds:
        for kind, path in feed.paths.items():
            write_entry, write_feed = _FORMATS[kind]
            entries = []
            for entry in feed.entries:
                if (kind, entry.url) not in serialised:
                    serialised[kind, entry.url] = write_entry(app, entry)
                entries.append(serialised[kind, entry.url])
            write_if_changed(outdir / path, write_feed(app, feed, entries))
    record_outputs(app, "feeds", (path for feed in feeds for path in feed.paths.values()))


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", _write_feeds)
