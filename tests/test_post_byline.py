"""Under a theme other than newsposts, a post's page shows its byline below its title (date as
``<time datetime>``, authors, reading time, categories, tags linking to their archives, header
image) and, after the body, the older/newer posts and related posts; ``newsposts_post_header =
False`` leaves the page as the theme renders it, and the newsposts theme shows its own."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import build, copy_root, read_html, warnings_of

OTHER_THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme"]


def build_theme_site(site_factory, theme: str, **overrides):
    options = {} if theme == "newsposts" else {"html_theme": theme, "html_theme_options": {}}
    return site_factory("theme", confoverrides={**options, **overrides})


@pytest.fixture(scope="module", params=OTHER_THEMES)
def themed(request, site_factory):
    return build_theme_site(site_factory, request.param)


def linked_page(app, page: str, href: str) -> BeautifulSoup:
    target = Path(app.outdir) / urljoin(page, href).split("#")[0]
    assert target.is_file(), f"{href} from {page} leads nowhere"
    return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")


def test_byline_follows_the_title(themed):
    soup = read_html(themed, "posts/p4")
    title = soup.select_one("h1")
    byline = soup.select_one(".np-byline")
    assert byline is not None and title.find_next(class_="np-byline") is byline
    assert byline.select_one("time")["datetime"].startswith("2025-04-01")
    assert "Ann Author" in byline.select_one(".np-post-meta").get_text()
    assert "min read" in byline.get_text()
    assert byline.select_one("img") is None  # p4 names no image
    teaser = read_html(themed, "posts/p1").select_one(".np-byline img.np-header-image")
    assert teaser["src"] == "../_images/teaser.png" and teaser["fetchpriority"] == "high"


def test_tag_links_reach_an_archive_listing_the_post(themed):
    soup = read_html(themed, "posts/p1")
    tags = soup.select(".np-byline .np-tags a[rel=tag]")
    assert [a.get_text() for a in tags] == ["x", "y", "z"]
    archive = linked_page(themed, "posts/p1.html", tags[0]["href"])
    listed = [a["href"] for a in archive.select(".np-card-title a")]
    assert any(href.endswith("posts/p1.html") for href in listed)


def test_older_newer_and_related_posts_end_the_page(themed):
    soup = read_html(themed, "posts/p2")
    end = soup.select_one(".np-post-end")
    assert end is not None
    older, newer = end.select_one("a.np-older"), end.select_one("a.np-newer")
    assert "Post p1" in older.get_text() and "Post p3" in newer.get_text()
    linked_page(themed, "posts/p2.html", older["href"])
    related = [a.get_text() for a in end.select(".np-related .np-card-title a")]
    assert "Post p1" in related  # shares tags x and y
    # the body comes before the end matter
    assert soup.find(string=lambda text: text and "Body of post p2" in text).find_next(class_="np-post-end") is end


def test_pages_that_are_not_posts_get_no_byline(themed):
    for page in ("about", "index"):
        assert read_html(themed, page).select_one(".np-byline, .np-post-end") is None


def test_switched_off_leaves_the_theme_alone(site_factory):
    app = build_theme_site(site_factory, "furo", newsposts_post_header=False)
    soup = read_html(app, "posts/p4")
    assert soup.select_one(".np-byline, .np-post-end") is None
    assert soup.select_one("h1") is not None


def test_the_newsposts_theme_shows_its_own_post_header(site_factory):
    soup = read_html(build_theme_site(site_factory, "newsposts"), "posts/p4")
    assert soup.select_one(".np-byline") is None
    assert len(soup.select(".np-post-meta")) == 1 and soup.select_one(".np-post-nav") is not None


FURO_WITH_SIDEBARS = {"html_theme": "furo", "html_sidebars": {"**": [
    "sidebar/brand.html", "sidebar/navigation.html", "newsposts/recent-posts.html", "newsposts/archives.html"]}}
NEWEST = "posts/2025-08-20-community-call"
NEW_POST = """---
title: Lumen 2.1 is out
date: 2025-09-01 09:00
tags: [release]
---
A new release.
"""


def html_pages(app) -> dict[str, str]:
    outdir = Path(app.outdir)
    return {str(path.relative_to(outdir)): path.read_text(encoding="utf-8") for path in sorted(outdir.rglob("*.html"))}


def test_parallel_builds_give_the_same_pages(tmp_path):
    serial = build(copy_root("news-section", tmp_path / "serial"), fresh=True, confoverrides=FURO_WITH_SIDEBARS)
    parallel = build(copy_root("news-section", tmp_path / "parallel"), fresh=True, parallel=2,
                     confoverrides=FURO_WITH_SIDEBARS)
    assert warnings_of(parallel) == warnings_of(serial) == []
    pages = html_pages(parallel)
    assert pages == html_pages(serial)
    assert ".np-byline" not in pages["guide.html"] and 'class="np-byline"' in pages[f"{NEWEST}.html"]


def test_a_post_added_or_deleted_shows_on_pages_left_unchanged(tmp_path):
    srcdir = copy_root("news-section", tmp_path / "src")
    build(srcdir, fresh=True, confoverrides=FURO_WITH_SIDEBARS)
    new_post = srcdir / "posts" / "2025-09-01-lumen-2-1.md"
    new_post.write_text(NEW_POST, encoding="utf-8")
    added = build(srcdir, confoverrides=FURO_WITH_SIDEBARS)
    newer = read_html(added, NEWEST).select_one(".np-post-end a.np-newer")
    assert newer is not None and newer.get_text().endswith("Lumen 2.1 is out")
    assert read_html(added, "guide").select(".np-sidebar--recent li > a")[0].get_text() == "Lumen 2.1 is out"
    assert read_html(added, "news").select(".np-card-title a")[0].get_text() == "Lumen 2.1 is out"

    new_post.unlink()
    deleted = build(srcdir, confoverrides=FURO_WITH_SIDEBARS)
    assert read_html(deleted, NEWEST).select_one("a.np-newer") is None
    assert "Lumen 2.1" not in read_html(deleted, "guide").get_text()
    assert warnings_of(deleted) == []
