"""sitemap.xml, news-sitemap.xml, robots.txt and redirect pages, read from the built site."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import build, copy_root, read_html, warnings_of
from sphinx_newsposts.pages.archives import archive_pagenames
from sphinx_newsposts.publishing.redirects import redirect_path

BASE = "https://news.example.org/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
#: 2025-07-16 12:00 UTC: the build's "now", so that the news sitemap's window is fixed.
NOW = "1752667200"
FRESH = "posts/2025-07-15-fresh-story"
LATE = "posts/2025-07-14-late-night"
HOSTILE = "posts/zz-hostile.md"


@pytest.fixture(scope="module")
def pinned_now():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", NOW)
        yield


@pytest.fixture(scope="module")
def built(site_factory, pinned_now):
    return site_factory("publishing")


@pytest.fixture(scope="module")
def without_baseurl(site_factory, pinned_now):
    return site_factory("publishing", confoverrides={"html_baseurl": ""})


def parse(app, name: str) -> ET.Element:
    return ET.parse(Path(app.outdir) / name).getroot()


def sitemap_entries(app) -> dict[str, str | None]:
    root = parse(app, "sitemap.xml")
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
            for url in root.findall("s:url", NS)}


def redirect_target(app, path: str) -> str:
    soup = read_html(app, path.removesuffix(".html"))
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.startswith("0; url=")
    url = refresh.removeprefix("0; url=")
    assert soup.find("link", rel="canonical")["href"] == url
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("a")["href"] == url
    return url


def test_sitemap_structure_and_order(built):
    root = parse(built, "sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    for url in root:
        assert url.tag == f"{{{NS['s']}}}url"
        assert {child.tag.split("}")[1] for child in url} <= {"loc", "lastmod"}
    locs = [url.findtext("s:loc", namespaces=NS) for url in root]
    assert locs == sorted(locs) and len(set(locs)) == len(locs)
    assert all(loc.startswith(BASE) for loc in locs)


def test_sitemap_lists_pages_and_posts_but_no_drafts(built):
    entries = sitemap_entries(built)
    for page in ("index", "about", FRESH, LATE, "posts/boundary"):
        assert f"{BASE}{page}.html" in entries
    assert not any("draft" in loc or "future" in loc for loc in entries)
    assert not any(loc.endswith(("genindex.html", "search.html")) for loc in entries)


def test_sitemap_lastmod(built):
    entries = sitemap_entries(built)
    assert entries[f"{BASE}{FRESH}.html"] == "2025-07-16T08:00:00+02:00"  # updated wins over date
    assert entries[f"{BASE}{LATE}.html"] == "2025-07-14T23:30:00+00:00"
    assert entries[f"{BASE}about.html"] is None  # no date known


def test_sitemap_lists_archive_pages(built):
    entries = sitemap_entries(built)
    names = archive_pagenames(built)
    assert {"blog", "blog/page/2", "blog/tag", "blog/tag/alpha", "blog/category/world-news", "blog/2025"} <= set(names)
    assert all(f"{BASE}{name}.html" in entries for name in names)
    assert all((Path(built.outdir) / f"{name}.html").is_file() for name in names)
    assert entries[f"{BASE}blog/tag/alpha.html"] == "2025-07-16T08:00:00+02:00"  # its newest post


def test_news_sitemap_has_the_last_two_days_only(built):
    root = parse(built, "news-sitemap.xml")
    assert root.tag == f"{{{NS['s']}}}urlset"
    urls = root.findall("s:url", NS)
    assert [url.findtext("s:loc", namespaces=NS) for url in urls] == [f"{BASE}{FRESH}.html", f"{BASE}{LATE}.html"]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Example News"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"  # from en_GB
    assert news.findtext("news:publication_date", namespaces=NS) == "2025-07-15T10:00:00+02:00"
    assert news.findtext("news:title", namespaces=NS) == "Fresh <Story> & more"


def test_news_sitemap_without_recent_posts_is_an_empty_urlset(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW) + 30 * 86400))
    app = build(copy_root("publishing", tmp_path / "src"), fresh=True)
    root = parse(app, "news-sitemap.xml")
    assert root.tag == f"{{{NS['s']}}}urlset" and len(root) == 0


def test_a_title_with_control_characters_leaves_the_news_sitemap_valid_xml(tmp_path, monkeypatch):
    """A title taken from the body's heading keeps the body's control characters, which XML cannot
    hold even escaped: the news sitemap leaves them out."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW)
    srcdir = copy_root("publishing", tmp_path / "src")
    (srcdir / "posts" / "2025-07-16-bell.md").write_text("# Bell\x07 title\n\nThe story.\n", encoding="utf-8")
    app = build(srcdir, fresh=True)
    titles = [news.findtext("news:title", namespaces=NS) for news in parse(app, "news-sitemap.xml").iter(
        f"{{{NS['news']}}}news")]
    assert "Bell title" in titles


def test_robots_txt(built):
    lines = (Path(built.outdir) / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {BASE}sitemap.xml", f"Sitemap: {BASE}news-sitemap.xml"]


def test_users_own_robots_txt_is_kept(tmp_path, monkeypatch):
    srcdir = copy_root("publishing", tmp_path / "src")
    (srcdir / "_extra").mkdir()
    (srcdir / "_extra" / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    app = build(srcdir, fresh=True, confoverrides={"html_extra_path": ["_extra"], "newsposts_news_sitemap": False})
    assert (Path(app.outdir) / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert not (Path(app.outdir) / "news-sitemap.xml").exists()


def test_redirect_from_permalink_aliases_and_jekyll_addresses(built):
    expected = {
        "old/fresh-story/index.html": FRESH,
        "2025/fresh.html": FRESH,
        "world-news/politics/2025/07/15/fresh-story.html": FRESH,  # Jekyll's /:categories/:year/:month/:day/:title
        "stories/late-night.html": LATE,  # permalink
        "hugo/late-night/index.html": LATE,  # Hugo aliases
        "2025/07/15/late-night.html": LATE,  # 23:30 UTC is already the 15th in Berlin
        "2025/07/10/week-old.html": "posts/2025-07-10-week-old",
        "about-us/index.html": "about",
        "fine/alias.html": "posts/zz-hostile",
    }
    for path, docname in expected.items():
        assert redirect_target(built, path) == f"{BASE}{docname}.html"


def test_redirect_page_is_escaped(built):
    text = (Path(built.outdir) / "2025/fresh.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in text
    assert "<title>Fresh &lt;Story&gt; &amp; more</title>" in text


def test_no_redirects_for_drafts_or_undated_file_names(built):
    out = Path(built.outdir)
    assert not (out / "drafts").exists() and not (out / "future").exists()
    assert not list(out.rglob("boundary-story.html"))  # no YYYY-MM-DD- file name, so no Jekyll address


def test_hostile_redirects_warn_and_write_nothing(built):
    warned = [line for line in warnings_of(built) if "[newsposts.redirect]" in line]
    assert all(re.match(rf"{re.escape(HOSTILE)}:\d+: WARNING", line) for line in warned)  # file and line
    for address in ("../../etc/passwd", "javascript:alert(1)", "/index.html", "/old/fresh-story/",
                    "/page.html?x=1", "//evil.example.com/x.html"):
        assert sum(repr(address) in line for line in warned) == 1, address
    assert len(warned) == 6
    assert read_html(built, "index").find("meta", attrs={"http-equiv": "refresh"}) is None
    assert redirect_target(built, "old/fresh-story/index.html") == f"{BASE}{FRESH}.html"  # the first claim stays
    site = Path(built.srcdir).parent
    assert not [path for path in site.rglob("*") if "passwd" in path.name or "javascript" in path.name]
    assert not (Path(built.outdir) / "page.html").exists()


@pytest.mark.parametrize("address", ["", "..", "/a/../b.html", "%2e%2e/x.html", "C:\\x.html", "c:/x.html",
                                     "/a\\..\\b.html", "/x#top", "http://example.com/x.html", "/a%00.html"])
def test_unsafe_addresses_are_refused(address):
    assert redirect_path(address) is None


@pytest.mark.parametrize(("address", "path"), [
    ("/old/", "old/index.html"), ("old.html", "old.html"), ("/old", "old/index.html"),
    ("/", "index.html"), ("/a%20b.html", "a b.html"), ("/v1.2", "v1.2/index.html"),
])
def test_addresses_map_to_files(address, path):
    assert redirect_path(address) == path


def test_without_baseurl_no_sitemaps_but_relative_redirects(without_baseurl):
    out = Path(without_baseurl.outdir)
    assert not any((out / name).exists() for name in ("sitemap.xml", "news-sitemap.xml", "robots.txt"))
    baseurl = [line for line in warnings_of(without_baseurl) if "sitemap.xml" in line]
    assert len(baseurl) == 1 and "[newsposts.baseurl]" in baseurl[0]
    for path, docname in {"old/fresh-story/index.html": FRESH, "2025/fresh.html": FRESH,
                          "stories/late-night.html": LATE, "about-us/index.html": "about"}.items():
        url = redirect_target(without_baseurl, path)
        assert not urlsplit(url).scheme and not url.startswith("/")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), url))
        assert resolved == f"{docname}.html" and (out / resolved).is_file()


def test_rebuild_replaces_own_files_without_new_warnings(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW)
    srcdir = copy_root("publishing", tmp_path / "src")
    first = build(srcdir, fresh=True)
    second = build(srcdir)  # nothing changed: the redirects stay, their warnings are not repeated
    # the six hostile redirects of the first build, each warned of once over both builds
    warned = warnings_of(first) + warnings_of(second)
    assert len(warned) == 6 and all(warned.count(line) == 1 for line in warned), warned
    assert all("[newsposts.redirect]" in line for line in warned)
    assert redirect_target(second, "2025/fresh.html") == f"{BASE}{FRESH}.html"
    assert (Path(second.outdir) / "robots.txt").read_text(encoding="utf-8").count("Sitemap:") == 2
