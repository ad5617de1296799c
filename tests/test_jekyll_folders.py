"""A Jekyll site's ``_posts`` folders copied as they are: one per language, anywhere in the source.

The folders above ``_posts`` are the post's first categories, as Jekyll makes them
(``Document#categories_from_path``), and feed everything categories feed; a post dated past the
year 9998 (Jekyll's "9999-12-31", for "not yet") is in the future and shows in no listing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ablog_record, read_html, warnings_of
from sphinx_newsposts.index.post_index import post_index

EN, DE = "en/news/_posts/2019-10-01-harbour", "de/news/_posts/2019-10-01-harbour"
FAR_FUTURE = ("en/news/_posts/9999-12-31-someday", "de/news/_posts/2019-10-02-irgendwann")


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("jekyll-folders")


def _json_ld(app, docname: str, kind: str) -> dict:
    soup = read_html(app, docname)
    blocks = [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block["@type"] == kind)


def test_documents_in_nested_posts_folders_are_posts(built):
    meta = post_index(built.env).meta
    published = sorted(name for name, m in meta.items() if m.is_post and not m.draft)
    assert published == ["_posts/releases/2019-09-01-release", DE, EN]  # same file name, two languages
    assert warnings_of(built) == []


def test_folders_above_posts_come_first_among_categories(built):
    assert post_index(built.env).meta[EN].categories == ["en", "news", "Town"]
    assert ablog_record(built, DE)["category"] == ["de", "news", "Stadt"]
    assert post_index(built.env).meta["_posts/releases/2019-09-01-release"].categories == []  # folders below


def test_folder_categories_reach_archives_json_ld_and_jekyll_addresses(built):
    out = Path(built.outdir)
    for label in ("en", "de", "news", "town", "stadt"):
        assert (out / "blog" / "category" / f"{label}.html").is_file()
    news = (out / "blog" / "category" / "news.html").read_text(encoding="utf-8")
    assert "The harbour reopens" in news and "Der Hafen öffnet wieder" in news
    english = (out / "blog" / "category" / "en.html").read_text(encoding="utf-8")
    assert "The harbour reopens" in english and "Der Hafen" not in english
    assert _json_ld(built, EN, "NewsArticle")["articleSection"] == ["en", "news", "Town"]
    # Jekyll's default permalink /:categories/:year/:month/:day/:title.html, with the folders in it
    for old, new in (("en/news/town", EN), ("de/news/stadt", DE)):
        redirect = out / old / "2019" / "10" / "01" / "harbour.html"
        assert f"{Path(new).name}.html" in redirect.read_text(encoding="utf-8")


def test_posts_dated_past_the_year_9998_are_in_no_listing(built):
    meta = post_index(built.env).meta
    for docname in FAR_FUTURE:
        assert (meta[docname].draft, meta[docname].draft_reason) == (True, "future")
    out = Path(built.outdir)
    listings = [out / "blog.html", out / "blog" / "archive.html", out / "sitemap.xml", out / "news-sitemap.xml",
                *(out / "blog").glob("*.xml"), out / "blog" / "feed.json", *(out / "blog" / "category").rglob("*.*")]
    assert len(listings) > 10
    for path in listings:
        text = path.read_text(encoding="utf-8")
        assert "Someday" not in text and "Irgendwann" not in text, path
        assert "someday" not in text and "irgendwann" not in text, path
    categories = sorted(path.name for path in (out / "blog" / "category").glob("*.html"))
    assert categories == ["de.html", "en.html", "news.html", "stadt.html", "town.html"]  # not the future's
