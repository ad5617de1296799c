"""The ``latest-posts`` directive in a site of another theme: which posts it lists, how (cards,
compact, links, heading levels), under alabaster and furo, for the text builder, with bad options,
and after posts come and go between non-clean builds (serial and -j 2 alike)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_parallel_and_incremental import html_pages

from conftest import build, copy_root, documents_read, read_html, warnings_of

NEW_POST = """---
title: Brand new release
date: 2025-07-01
tags: [release]
author: Grace
excerpt: Added between builds.
---
Body.
"""


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("latest-posts", warningiserror=True)


def lists(app, docname: str) -> list:
    """Each list on the page: its cards' container, or the "No posts yet." paragraph."""
    return read_html(app, docname).select("div.body .np-cards, div.body .np-no-posts")


def titles(cards) -> list[str]:
    return [a.get_text() for a in cards.select(".np-card-title a")]


def test_a_good_site_builds_without_warnings(built):
    assert warnings_of(built) == []


def test_default_count_is_five_newest_first(built):
    first = lists(built, "index")[0]
    assert titles(first) == ["Summer update", "Roadmap", "Second release", "Community call & <notes>",
                             "Security fix"]
    assert first["class"] == ["np-cards"]


def test_tag_filter_stops_at_count(built):
    assert titles(lists(built, "index")[1]) == ["Second release", "Security fix"]


def test_filters_combine_and_compact_layout(built):
    ada_security = lists(built, "index")[2]
    assert titles(ada_security) == ["Second release"]  # Security fix is Grace's, First release not Security
    assert ada_security["class"] == ["np-cards", "np-cards--compact"]


def test_no_match_is_a_short_paragraph(built):
    empty = lists(built, "index")[3]
    assert empty.name == "p" and empty.get_text() == "No posts yet."


def test_rst_directive_lists_the_same_way(built):
    compact, by_grace = lists(built, "section/news")
    assert titles(compact) == ["Summer update", "Roadmap", "Second release"]
    assert compact["class"] == ["np-cards", "np-cards--compact"]
    assert titles(by_grace) == ["Summer update", "Roadmap", "Security fix"]


def test_ablog_postlist_still_works_beside_it(built):
    [postlist] = read_html(built, "section/news").select("ul.postlist")
    assert [a.get_text() for a in postlist.select("a")][:2] == ["Summer update", "Roadmap"]


def test_card_headings_sit_one_level_below_their_section(built):
    def levels(app, docname: str) -> list[set[str]]:
        return [{title.name for title in cards.select(".np-card-title")} for cards in lists(app, docname)[:3]]

    assert levels(built, "index") == [{"h2"}, {"h3"}, {"h4"}]
    assert levels(built, "section/news") == [{"h2"}, {"h3"}]


def test_cards_link_posts_and_show_responsive_teasers(built):
    outdir = Path(built.outdir)
    first = lists(built, "index")[0]
    for href in [a["href"] for a in first.select(".np-card-title a")]:
        assert (outdir / href).is_file(), href
    for href in [a["href"] for a in lists(built, "section/news")[0].select("a")]:  # from a folder
        assert (outdir / "section" / href).is_file(), href
    teasers = first.select("img.np-card-teaser")
    assert teasers and all((outdir / img["src"]).is_file() for img in teasers)
    assert first.select_one("picture source[type='image/webp']")["srcset"]
    # the page's first image is loaded first, the others lazily
    assert [img.get("fetchpriority") for img in teasers] == ["high"] + [None] * (len(teasers) - 1)
    assert len(read_html(built, "index").select("[fetchpriority]")) == 1


def test_links_lead_to_archives_and_feed(built):
    outdir = Path(built.outdir)
    for docname, folder in (("index", outdir), ("section/news", outdir / "section")):
        [nav] = read_html(built, docname).select("nav.np-post-links")
        links = {a.get_text(): a["href"] for a in nav.select("a")}
        assert list(links) == ["All posts", "Tags", "Categories", "Archive", "Feed"]
        assert all((folder / href).is_file() for href in links.values()), links
    assert len(read_html(built, "index").select("nav.np-post-links")) == 1  # only where :links: is given


def test_under_furo_the_same_cards(tmp_path):
    srcdir = copy_root("latest-posts", tmp_path / "src")
    furo = build(srcdir, fresh=True, warningiserror=True, confoverrides={"html_theme": "furo"})
    assert warnings_of(furo) == []
    soup = read_html(furo, "index")
    assert [titles(cards) for cards in soup.select("article[role='main'] .np-cards")][:2] == [
        ["Summer update", "Roadmap", "Second release", "Community call & <notes>", "Security fix"],
        ["Second release", "Security fix"]]
    assert soup.find("link", href=lambda href: href and "newsposts-components.css" in href)


def test_text_builder_lists_titles_and_dates(tmp_path):
    srcdir = copy_root("latest-posts", tmp_path / "src")
    text_app = build(srcdir, "text", fresh=True)
    assert warnings_of(text_app) == []
    text = (Path(text_app.outdir) / "section" / "news.txt").read_text(encoding="utf-8")
    assert "* Summer update — 01 June 2025" in text
    assert "* Security fix — 14 February 2025" in text
    assert "<" not in text
    index = (Path(text_app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "* Community call & <notes> — 03 March 2025" in index
    assert "No posts yet." in index


BAD_PAGE = """# Bad

:::{latest-posts}
:count: zero
:layout: grid
:colour: red
:::
"""


def test_bad_options_warn_at_the_directive_and_fall_back(tmp_path):
    srcdir = copy_root("latest-posts", tmp_path / "src")
    (srcdir / "bad.md").write_text(BAD_PAGE, encoding="utf-8")
    app = build(srcdir, fresh=True)
    assert warnings_of(app) == [
        "bad.md:3: WARNING: latest-posts: option ':count:' must be a whole number from 1 up, not 'zero' "
        "(default 5); ignored [newsposts.post_list]",
        "bad.md:3: WARNING: latest-posts: option ':layout:' must be cards or compact, not 'grid' "
        "(default cards); ignored [newsposts.post_list]",
        "bad.md:3: WARNING: latest-posts: unknown option ':colour:' ignored (known: author, category, count, "
        "layout, links, tag) [newsposts.post_list]",
        "bad.md: WARNING: document isn't included in any toctree [toc.not_included]",
    ]
    [cards] = lists(app, "bad")
    assert len(titles(cards)) == 5 and cards["class"] == ["np-cards"]


def test_posts_added_and_deleted_show_up_after_non_clean_rebuilds(tmp_path):
    def news_titles(app) -> list[str]:
        return titles(lists(app, "section/news")[0])

    srcdir = copy_root("latest-posts", tmp_path / "serial")
    build(srcdir, fresh=True)
    new_post = srcdir / "posts" / "2025-07-01-brand-new-release.md"
    new_post.write_text(NEW_POST, encoding="utf-8")
    added = build(srcdir)
    # news.rst was not read again: it is written again because what it lists changed
    assert documents_read(added) == [f"posts/{new_post.stem}"]
    assert news_titles(added) == ["Brand new release", "Summer update", "Roadmap"]
    assert titles(lists(added, "section/news")[1])[0] == "Brand new release"

    # -j 2 gives the same pages as the serial build, from scratch and after the same change
    parallel_src = copy_root("latest-posts", tmp_path / "parallel")
    build(parallel_src, fresh=True, parallel=2)
    (parallel_src / "posts" / new_post.name).write_text(NEW_POST, encoding="utf-8")
    parallel = build(parallel_src, parallel=2)
    assert html_pages(parallel) == html_pages(added)

    new_post.unlink()
    deleted = build(srcdir)
    assert news_titles(deleted) == ["Summer update", "Roadmap", "Second release"]
    assert "Brand new release" not in read_html(deleted, "section/news").get_text()
    assert warnings_of(deleted) == []
