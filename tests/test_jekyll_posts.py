"""Real posts copied unchanged from Jekyll's own _posts/ folder build and keep their metadata."""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import ablog_record, read_html, warnings_of
from sphinx_newsposts.index.post_index import post_index


@pytest.fixture(scope="module")
def built(site_factory):
    # as Jekyll's Liquid reads files of Jekyll's own site, these posts are read with Liquid off
    # (test_liquid.py builds them with it on)
    return site_factory("jekyll", confoverrides={"newsposts_liquid": False})


def test_all_posts_are_published(built):
    meta = post_index(built.env).meta
    posts = sorted(name for name, m in meta.items() if m.is_post and not m.draft)
    assert posts == [
        "_posts/2013-05-08-jekyll-1-0-1-released",
        "_posts/2016-10-06-jekyll-3-3-is-here",
        "_posts/2023-01-29-jekyll-3-9-3-released",
    ]


def test_only_real_problems_are_reported(built):
    found = sorted(w for w in warnings_of(built) if not w.endswith("[newsposts.liquid]"))
    assert [w.split(": WARNING")[0] for w in found] == [
        "_posts/2013-05-08-jekyll-1-0-1-released.markdown:19",  # link to a page of Jekyll's site
        "_posts/2023-01-29-jekyll-3-9-3-released.markdown:3",  # '2023-01-29 18:30:22 2023 -0800'
    ]
    assert found[0].endswith("[myst.xref_missing]")
    assert found[1].endswith("[newsposts.date]")


def test_liquid_left_in_posts_is_reported_where_it_stands(built):
    liquid = [w for w in warnings_of(built) if w.endswith("[newsposts.liquid]")]
    located = {w.split(": WARNING")[0] for w in liquid}
    assert located == {
        *(f"_posts/2013-05-08-jekyll-1-0-1-released.markdown:{line}" for line in (21, 22, 23, 24)),
        *(f"_posts/2016-10-06-jekyll-3-3-is-here.md:{line}" for line in (30, 41, 45, 50, 54, 61, 65, 105)),
        "_posts/2023-01-29-jekyll-3-9-3-released.markdown:13",
    }
    assert any("'{% link _docs/history.md %}'" in w for w in liquid)
    # lines 43, 52 and 63 hold Liquid inside code blocks, meant to be shown: not reported


def test_dates_with_offsets_and_single_category(built):
    record = ablog_record(built, "_posts/2013-05-08-jekyll-1-0-1-released")
    # "2013-05-08 23:46:11 +0200" is 21:46:11 in the default UTC site zone
    assert record["date"] == datetime(2013, 5, 8, 21, 46, 11)
    assert record["category"] == ["release"]
    assert record["author"] == ["parkr"]


def test_headings_written_by_size_nest_under_the_title(built):
    soup = read_html(built, "_posts/2016-10-06-jekyll-3-3-is-here")
    assert len(soup.find_all("h1")) == 1
    h2 = [h.get_text().strip("¶# \n") for h in soup.find_all("h2")]
    assert h2[0].startswith("1. Themes can now ship") and h2[-1] == "A lot more!"
    assert not [w for w in warnings_of(built) if "myst.header" in w]
