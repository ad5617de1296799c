"""``sitemap.xml``, ``news-sitemap.xml`` and ``robots.txt``: how search engines find
every page of the site, and its newest posts quickly."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from sphinx.application import Sphinx

from ..build.freshness import whole_site_outputs_current
from ..build.output_records import write_if_changed
from ..index.post_index import post_index, published_posts
from ..pages.archives import current_plan
from ..pages.site_urls import file_url, page_url, require_base_url
from ..reading.dates import build_time
from ..reading.post_meta import PostMeta
from ..text import xml_text

SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
ROBOTS = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
#: Google News only reads articles of the last two days, and at most 1000 per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
#: Pages Sphinx generates that have nothing for a search engine.
UNLISTED_PAGES = frozenset({"genindex", "search", "py-modindex"})
#: First line of the robots.txt written here; a robots.txt without it belongs to the user.
ROBOTS_MARK = "# Written from conf.py at each build; put your own robots.txt in html_extra_path to replace it."


def _w3c(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def _modified(meta: PostMeta | None) -> datetime | None:
    return max(filter(None, (meta.date, meta.updated)), default=None) if meta else None


def _site_pages(app: Sphinx) -> dict[str, datetime | None]:
    """Every page to list (page name -> when it last changed, if known); drafts left out."""
    metas = post_index(app.env).meta
    pages = {docname: _modified(metas.get(docname)) for docname in app.env.found_docs
             if not (docname in metas and metas[docname].draft)}
    for page in current_plan(app):  # an archive page is as new as the newest post it lists
        dates = [_modified(metas.get(docname)) for docname in getattr(page, "docnames", ())]
        pages[page.pagename] = max(filter(None, dates), default=None)
    return {name: when for name, when in pages.items() if name not in UNLISTED_PAGES}


def _urlset(**namespaces: str) -> Element:
    # Prefixes are written literally so that ElementTree's global prefix registry stays untouched.
    attributes = {"xmlns": SITEMAP_NS} | {f"xmlns:{prefix}": uri for prefix, uri in namespaces.items()}
    return Element("urlset", attributes)


def sitemap(app: Sphinx) -> Element:
    urlset = _urlset()
    entries = sorted(((page_url(app, name), when) for name, when in _site_pages(app).items()), key=lambda e: e[0])
    for loc, when in entries:
        url = SubElement(urlset, "url")
        SubElement(url, "loc").text = loc
        if when:
            SubElement(url, "lastmod").text = _w3c(when)
    return urlset


def _news_language(language: str | None) -> str:
    """Google News wants an ISO 639 code, with ``zh-cn`` and ``zh-tw`` the only regional ones."""
    code = (language or "en").replace("_", "-").lower()
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]


def news_sitemap(app: Sphinx) -> Element:
    now = build_time(app.env)
    recent = [meta for meta in published_posts(app.env) if now - NEWS_WINDOW <= meta.date <= now]
    publisher = app.config.newsposts_publisher.get("name") or app.config.project
    language = _news_language(app.config.language)
    urlset = _urlset(news=NEWS_NS)
    for meta in recent[:NEWS_LIMIT]:  # newest first, so the newest are kept
        url = SubElement(urlset, "url")
        SubElement(url, "loc").text = page_url(app, meta.docname)
        news = SubElement(url, "news:news")
        publication = SubElement(news, "news:publication")
        SubElement(publication, "news:name").text = xml_text(publisher)
        SubElement(publication, "news:language").text = language
        SubElement(news, "news:publication_date").text = _w3c(meta.date)
        SubElement(news, "news:title").text = xml_text(meta.title)
    return urlset


def _write_xml(path: Path, root: Element) -> None:
    indent(root)
    write_if_changed(path, tostring(root, encoding="utf-8", xml_declaration=True))


def _user_robots(app: Sphinx) -> bool:
    """True when the site ships its own robots.txt, which must not be replaced."""
    for extra in app.config.html_extra_path:
        path = Path(app.confdir, extra)
        if (path / ROBOTS).is_file() or (path.name == ROBOTS and path.is_file()):
            return True
    written = Path(app.outdir, ROBOTS)
    # A robots.txt already there came from another extension, unless an earlier build of ours wrote it.
    return written.is_file() and not written.read_text(encoding="utf-8", errors="replace").startswith(ROBOTS_MARK)


def robots_txt(app: Sphinx, sitemaps: list[str]) -> str:
    lines = [ROBOTS_MARK, "User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {file_url(app, name)}" for name in sitemaps]
    return "\n".join(lines) + "\n"


def _write_outputs(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not require_base_url(app, "sitemap.xml, news-sitemap.xml and robots.txt"):
        return
    outdir = Path(app.outdir)
    current = whole_site_outputs_current(app)
    if not current:
        _write_xml(outdir / SITEMAP, sitemap(app))
    sitemaps = [SITEMAP]
    if app.config.newsposts_news_sitemap:  # its two-day window moves with every build
        _write_xml(outdir / NEWS_SITEMAP, news_sitemap(app))
        sitemaps.append(NEWS_SITEMAP)
    if not current and not _user_robots(app):
        write_if_changed(outdir / ROBOTS, robots_txt(app, sitemaps).encode("utf-8"))


def setup_sitemaps(app: Sphinx) -> None:
    app.connect("build-finished", _write_outputs)
