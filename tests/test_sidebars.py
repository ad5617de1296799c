"""The sidebar templates (``newsposts/recent-posts.html``, ``newsposts/archives.html``,
``newsposts/tags.html``) in the sidebars of furo, alabaster and pydata-sphinx-theme: what they show,
links that resolve from any folder, escaping, and rebuilds that do not leave them stale."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import build, copy_root, needs_chromium, read_html, serve, warnings_of

FURO = {"html_theme": "furo", "html_sidebars": {"**": [
    "sidebar/brand.html", "sidebar/search.html", "sidebar/scroll-start.html", "sidebar/navigation.html",
    "newsposts/recent-posts.html", "newsposts/archives.html", "sidebar/scroll-end.html"]}}
ALABASTER = {"html_theme": "alabaster", "html_sidebars": {"**": [
    "about.html", "navigation.html", "newsposts/recent-posts.html", "newsposts/tags.html", "searchbox.html"]}}
# pydata-sphinx-theme takes names without ".html"
PYDATA = {"html_theme": "pydata_sphinx_theme",
          "html_sidebars": {"**": ["sidebar-nav-bs", "newsposts/archives", "newsposts/tags"]},
          "html_theme_options": {"secondary_sidebar_items": ["page-toc", "newsposts/recent-posts"]}}
THEMES = {"furo": FURO, "alabaster": ALABASTER, "pydata": PYDATA}
#: theme -> the sidebars its settings name, in page order
SHOWN = {"furo": ["recent", "archives"], "alabaster": ["recent", "tags"], "pydata": ["archives", "tags", "recent"]}
#: the ids of their titles
TITLE_IDS = {"furo": ["np-sidebar-recent-posts", "np-sidebar-archives"],
             "alabaster": ["np-sidebar-recent-posts", "np-sidebar-tags"],
             "pydata": ["np-sidebar-archives", "np-sidebar-tags", "np-sidebar-recent-posts"]}
#: Pages at the root, one folder down and two folders down (a post, a page, archive pages).
PAGES = ["index", "guide/deep", "posts/2024-12-05-winter", "blog", "blog/tag/python", "blog/2024"]

NEWEST_FIRST = ["The newest story", "Escaping <script>alert(1)</script> & friends", "Winter update", "Summer notes",
                "Early spring"]
TOP_TAGS = ["python", "sphinx", "release", *(f"filler-{number:02}" for number in range(1, 18))]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    built = {}
    for theme, settings in THEMES.items():
        srcdir = copy_root("sidebars", tmp_path_factory.mktemp(theme) / "src")
        built[theme] = build(srcdir, fresh=True, confoverrides=settings)
    return built


def sidebar(soup: BeautifulSoup, kind: str):
    found = soup.select(f".np-sidebar--{kind}")
    assert found, f"no {kind} sidebar"
    return found[0]


def broken_links(app, docname: str, element) -> list[str]:
    outdir = Path(app.outdir)
    page = outdir / f"{docname}.html"
    broken = []
    for anchor in element.find_all("a"):
        path = unquote(urlsplit(anchor["href"]).path)
        if not (page.parent / path).resolve().is_file():
            broken.append(anchor["href"])
    return broken


@pytest.mark.parametrize("theme", THEMES)
def test_sidebars_build_without_warnings_and_appear_on_every_kind_of_page(sites, theme):
    app = sites[theme]
    assert warnings_of(app) == []
    for docname in PAGES:
        soup = read_html(app, docname)
        shown = [element["class"][1].removeprefix("np-sidebar--") for element in soup.select(".np-sidebar")]
        assert shown == SHOWN[theme], docname
        ids = [element["id"] for element in soup.select("[id]")]
        assert len(ids) == len(set(ids)), f"{docname}: an id twice"
        # (a theme rendering sidebars to drop the empty ones, as pydata does, does not count as showing them)
        assert [nav["aria-labelledby"] for nav in soup.select("nav.np-sidebar")] == TITLE_IDS[theme], docname
        for nav in soup.select("nav.np-sidebar"):
            assert soup.find(id=nav["aria-labelledby"]).get_text(strip=True), "each landmark has a name"


def test_the_same_sidebar_twice_on_a_page_keeps_its_ids_unique(tmp_path):
    twice = {**PYDATA, "html_sidebars": {"**": ["newsposts/recent-posts"]}}  # and in the secondary sidebar
    app = build(copy_root("sidebars", tmp_path / "src"), fresh=True, confoverrides=twice)
    soup = read_html(app, "guide/deep")
    assert [nav["aria-labelledby"] for nav in soup.select("nav.np-sidebar")] == [
        "np-sidebar-recent-posts", "np-sidebar-recent-posts-2"]
    assert [soup.find(id=nav["aria-labelledby"]).name for nav in soup.select("nav.np-sidebar")] == ["p", "p"]


@pytest.mark.parametrize("theme", THEMES)
def test_every_sidebar_link_resolves_from_every_folder(sites, theme):
    app = sites[theme]
    for docname in PAGES:
        for element in read_html(app, docname).select(".np-sidebar"):
            assert element.find("a") is not None
            assert broken_links(app, docname, element) == [], docname
    deep = sidebar(read_html(app, "guide/deep"), "recent")
    assert deep.find("a")["href"] == "../posts/2025-03-10-newest.html"


def test_recent_posts_are_the_five_newest_published_newest_first(sites):
    soup = read_html(sites["alabaster"], "guide/deep")
    recent = sidebar(soup, "recent")
    assert recent.select_one(".np-sidebar-title").get_text(strip=True) == "Recent posts"
    assert [item.a.get_text() for item in recent.select("li")] == NEWEST_FIRST
    first_date = recent.select_one("li time")
    assert first_date["datetime"].startswith("2025-03-10T09:00") and first_date.get_text() == "10 March 2025"
    assert recent.select_one(".np-sidebar-more a").get_text() == "All posts"
    assert recent.select_one(".np-sidebar-more a")["href"] == "../blog.html"


def test_a_post_title_is_escaped(sites):
    for theme in THEMES:
        markup = (Path(sites[theme].outdir) / "guide" / "deep.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in markup and "&lt;script&gt;alert" in markup


def test_archives_count_posts_by_year_and_link_the_feeds(sites):
    archives = sidebar(read_html(sites["furo"], "guide/deep"), "archives")
    assert archives.select_one(".np-sidebar-title").get_text(strip=True) == "News archive"
    links = {anchor.get_text(" ", strip=True): anchor["href"] for anchor in archives.find_all("a")}
    assert links["All posts"] == "../blog.html"
    assert links["Tags"] == "../blog/tag.html" and links["Categories"] == "../blog/category.html"
    years = [(anchor["href"], anchor.get_text(" ", strip=True)) for anchor in archives.select(".np-sidebar-years a")]
    assert years == [("../blog/2025.html", "2025 (2)"), ("../blog/2024.html", "2024 (4)")]
    feeds = archives.select(".np-sidebar-feeds a")
    assert [(anchor["href"], anchor["type"]) for anchor in feeds] == [
        ("../blog/atom.xml", "application/atom+xml"), ("../blog/rss.xml", "application/rss+xml"),
        ("../blog/feed.json", "application/feed+json")]


def test_without_a_base_url_there_are_no_feeds_to_link(tmp_path):
    app = build(copy_root("sidebars", tmp_path / "src"), fresh=True, confoverrides={**FURO, "html_baseurl": ""})
    archives = sidebar(read_html(app, "index"), "archives")
    assert archives.select(".np-sidebar-years a") and not archives.select(".np-sidebar-feeds")


def test_tags_are_the_twenty_most_used_ties_by_name(sites):
    tags = sidebar(read_html(sites["alabaster"], "guide/deep"), "tags")
    names = [anchor.find(string=True, recursive=False).strip() for anchor in tags.select(".np-sidebar-tags a")]
    assert names == TOP_TAGS  # "security" and "filler-18", used once, come after
    counts = [anchor.select_one(".np-sidebar-count").get_text() for anchor in tags.select(".np-sidebar-tags a")[:4]]
    assert counts == ["(3)", "(3)", "(2)", "(1)"]
    assert tags.select_one(".np-sidebar-tags a")["href"] == "../blog/tag/python.html"
    assert tags.select_one(".np-sidebar-more a").get_text() == "All tags"
    assert tags.select_one(".np-sidebar-more a")["href"] == "../blog/tag.html"


def _recent_titles(app, docname: str) -> list[str]:
    return [item.a.get_text() for item in sidebar(read_html(app, docname), "recent").select("li")]


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_new_post_reaches_the_sidebars_of_pages_that_did_not_change(tmp_path, parallel):
    srcdir = copy_root("sidebars", tmp_path / "src")
    build(srcdir, fresh=True, confoverrides=FURO, parallel=parallel)
    (srcdir / "posts" / "2025-05-05-added.md").write_text(
        "---\ntitle: Added later\ndate: 2025-05-05\ntags: [python]\n---\nNew.\n", encoding="utf-8")
    app = build(srcdir, confoverrides=FURO, parallel=parallel)
    assert warnings_of(app) == []
    # pages Sphinx would not write again: their source is unchanged and they list no new post
    for docname in ["guide/deep", "posts/2024-01-10-oldest", "blog/tag/filler-01", "blog/2024"]:
        assert _recent_titles(app, docname)[0] == "Added later", docname
        years = sidebar(read_html(app, docname), "archives").select(".np-sidebar-years a")
        assert years[0].get_text(" ", strip=True) == "2025 (3)", docname


def test_a_site_that_names_no_sidebar_is_not_rewritten_for_them(tmp_path):
    srcdir = copy_root("sidebars", tmp_path / "src")
    app = build(srcdir, fresh=True)  # alabaster's own sidebars
    deep = Path(app.outdir) / "guide" / "deep.html"
    written = deep.stat().st_mtime_ns
    (srcdir / "posts" / "2025-05-05-added.md").write_text(
        "---\ntitle: Added later\ndate: 2025-05-05\n---\nNew.\n", encoding="utf-8")
    build(srcdir)
    assert deep.stat().st_mtime_ns == written


def test_the_newsposts_theme_accepts_them_listed(tmp_path):
    # its layout shows no html_sidebars; listing them is no error
    app = build(copy_root("sidebars", tmp_path / "src"), fresh=True,
                confoverrides={"html_theme": "newsposts", "html_sidebars": ALABASTER["html_sidebars"]})
    assert warnings_of(app) == []
    assert read_html(app, "guide/deep").select(".np-sidebar") == []


def test_labels_and_dates_speak_the_site_language(tmp_path):
    app = build(copy_root("sidebars", tmp_path / "src"), fresh=True, confoverrides={**FURO, "language": "de"})
    soup = read_html(app, "guide/deep")
    recent, archives = sidebar(soup, "recent"), sidebar(soup, "archives")
    assert recent.select_one(".np-sidebar-title").get_text(strip=True) == "Neue Beiträge"
    assert recent.select_one("time").get_text() == "10. März 2025"
    assert archives.select_one(".np-sidebar-title").get_text(strip=True) == "Nachrichtenarchiv"
    assert archives.select_one("a").get_text() == "Alle Beiträge"


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_violation_in_the_sidebars(sites, browser, theme):
    from axe_playwright_python.sync_playwright import Axe

    with serve(Path(sites[theme].outdir)) as base:
        for scheme in ["light", "dark"]:
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            page.goto(base + "guide/deep.html")
            # the themes' own parts are theirs to answer for: only the sidebars are checked
            results = Axe().run(page, context=".np-sidebar")
            assert [violation["id"] for violation in results.response["violations"]] == [], scheme
            context.close()
