"""Front-matter fields in a built site: what ABlog is given, drafts kept out of listings, images and
escaping on the pages.

What each field reads as (spellings, dates and zones, fallbacks) is tested without a site, in
tests/test_front_matter_cases.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conftest import ablog_record, read_html, warnings_of
from sphinx_newsposts.index.ablog_bridge import ablog_records
from sphinx_newsposts.index.post_index import post_index


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("fields")


def meta(app, docname):
    return post_index(app.env).meta[docname]


def test_builds_without_warnings(built):
    assert warnings_of(built) == []


def test_naive_dates_are_in_the_site_zone(built):
    # newsposts_timezone reaches the reading of front matter, and ABlog gets the same wall-clock time
    assert meta(built, "posts/2024-03-10-zone-naive").date.isoformat() == "2024-03-10T12:00:00-04:00"
    assert ablog_record(built, "posts/2024-03-10-zone-naive")["date"] == datetime(2024, 3, 10, 12, 0)


def test_utc_offsets_are_converted_for_ablog(built):
    # ABlog takes naive dates: it gets the site's wall-clock time of the same instant
    assert ablog_record(built, "posts/2024-01-05-zone-offset")["date"] == datetime(2024, 1, 5, 16, 30)


def test_title_falls_back_to_first_heading_then_file_name(built):
    heading = read_html(built, "posts/2024-02-03-no-title")
    assert [h.get_text().strip("¶# \n") for h in heading.find_all("h1")] == ["Heading Title"]
    assert meta(built, "posts/2024-02-03-no-title").title == "Heading Title"
    slug = read_html(built, "posts/2024-02-04-slug-only-title")
    assert [h.get_text().strip("¶# \n") for h in slug.find_all("h1")] == ["Slug Only Title"]


@pytest.mark.parametrize(("docname", "reason"), [
    ("posts/2024-02-05-unpublished", "unpublished"),
    ("posts/2024-02-06-draft", "draft"),
    ("posts/2999-01-01-future", "future"),
])
def test_drafts_are_built_but_never_listed(built, docname, reason):
    post = meta(built, docname)
    assert post.draft and post.draft_reason == reason
    assert (Path(built.outdir) / f"{docname}.html").is_file()
    title = post.title
    assert ablog_record(built, docname)["date"] is None  # ABlog files it under drafts
    listings = [path.relative_to(built.outdir).with_suffix("").as_posix()
                for path in Path(built.outdir, "blog").rglob("*.html")] + ["index"]
    assert "blog/tag/shared" in listings
    for listing in listings:
        assert title not in read_html(built, listing).get_text(), listing
    assert title not in (Path(built.outdir) / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert read_html(built, docname).select_one(".np-draft").get_text() == "Draft"


def test_updated_date(built):
    assert ablog_record(built, "posts/2024-02-07-updated")["update"] == datetime(2024, 3, 1)
    time = read_html(built, "posts/2024-02-07-updated").select(".np-post-meta time")
    assert [t["datetime"] for t in time] == ["2024-02-07T08:00:00-05:00", "2024-03-01T00:00:00-05:00"]


def test_ablog_spellings_reach_ablog(built):
    record = ablog_record(built, "posts/2024-02-10-ablog-style")
    assert (record["category"], record["tags"], record["author"]) == (
        ["News", "Policy"], ["alpha", "beta gamma"], ["Sam Writer", "Alex Editor"])


def test_blogpost_flag_adds_and_removes_posts(built):
    assert meta(built, "pages/about").is_post
    assert "pages/about" in ablog_records(built)
    assert "posts/index" not in ablog_records(built)
    assert "pages/plain" not in ablog_records(built)


def test_remote_teaser_passes_through(built):
    cards = read_html(built, "index").select(".np-card img")
    assert "https://cdn.example.com/teaser.jpg" in [img["src"] for img in cards]


def test_header_image_relative_to_post_and_shown_on_the_post(built):
    image = read_html(built, "posts/2024-02-13-header-image").find("img", class_="np-header-image")
    assert image["src"] == "../_images/teaser.png"
    assert image["alt"] == "A red rectangle"


def test_front_matter_text_is_escaped_everywhere(built):
    outdir = Path(built.outdir)
    pages = ["posts/2024-02-14-hostile", "index", "blog", "blog/tag", "posts/2024-02-13-header-image"]
    for page in pages:
        soup = read_html(built, page)
        executable = [tag for tag in soup.find_all("script") if tag.get("type") != "application/ld+json"]
        assert not [tag for tag in executable if "alert" in (tag.string or "")], page
        for data in soup.find_all("script", type="application/ld+json"):
            assert "<" not in data.string, page  # serialised with \u003c
        assert not soup.find_all(attrs={"onerror": True}), page
        assert soup.find("b", string="bold-tag") is None, page
    post = read_html(built, "posts/2024-02-14-hostile")
    assert post.find("h1").get_text().startswith('<script>alert(')
    assert post.find("meta", attrs={"name": "description"})["content"] == '"><img src=x onerror=alert(1)>'
    raw = (outdir / "posts/2024-02-14-hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<img src=x" not in raw
