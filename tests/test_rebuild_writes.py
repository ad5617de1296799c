"""A non-clean rebuild writes exactly what shows something that changed: an edited post's page; for a
new post, its page, the posts around it and related to it, the listings, archive pages and indexes
showing it, and the feeds and sitemaps showing it. Nothing else of the product's output is written
again (a deploy uploads only what changed), and nothing showing the change is left out.

Which files a build wrote is told by their modification time: before the rebuild every output file
is given one time far in the future, which any write replaces. (A time in the past would not do:
Sphinx writes every page older than its source or the templates again.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import build, copy_root, warnings_of

#: The time every output file is given before a rebuild, in nanoseconds: 2037-01-01 UTC, a whole
#: second that every file system keeps exactly (and before 2038, which some cannot store).
UNTOUCHED_NS = 2_114_380_800 * 1_000_000_000

#: What Sphinx itself writes at every build of this site, whatever changed: build info, the static
#: files it renders from templates (basic.css_t, documentation_options.js_t, language_data.js_t, the
#: theme's newsposts-icon.svg.jinja) and the Pygments style sheet, its index and search pages, the
#: object inventory and the search index (which holds every page's text). And the product's own
#: two stamps, naming what the output folder was written from (removed when a build starts, so
#: that a build stopped half-way leaves none).
EVERY_BUILD = {
    ".buildinfo",
    "_static/basic.css",
    "_static/documentation_options.js",
    "_static/language_data.js",
    "_static/newsposts-icon.svg",
    "_static/pygments.css",
    "genindex.html",
    "search.html",
    "objects.inv",
    "searchindex.js",
    ".newsposts-outputs",
    ".newsposts-written",
}

EDITED_POST = "posts/2025-01-15-roadmap"

#: After an edit of a post's body that leaves its title, date, labels, excerpt and reading time alone.
BODY_EDIT_WRITES = EVERY_BUILD | {
    # the post's page, and the copy of its source Sphinx publishes beside it
    f"{EDITED_POST}.html",
    f"_sources/{EDITED_POST}.md.txt",
    # Not written: the front page, archive pages and the neighbours' and related posts' pages show
    # a post's card or link (title, date, excerpt, teaser, reading time), which did not change; the
    # feeds carry summaries (newsposts_feed_full_text is off); the sitemap lists the post's date; the
    # Jekyll redirect and the social card show its address, title and date.
}

#: After an edit that adds enough words to its body to change the reading time cards show (1 to 3 minutes).
READING_TIME_EDIT_WRITES = BODY_EDIT_WRITES | {
    # the pages showing the post's card: the front page (four newest posts), the first page of all
    # posts, and the first page of its tag's, its category's and its year's archives
    "index.html",
    "blog.html",
    "blog/tag/planning.html",
    "blog/category/community.html",
    "blog/2025.html",
    # Not written: the neighbours' links show its title, the indexes count posts, the feeds carry
    # summaries and no other post relates to it (no other is tagged planning).
}

#: After the same edit as BODY_EDIT_WRITES, with newsposts_feed_full_text on.
FULL_TEXT_BODY_EDIT_WRITES = BODY_EDIT_WRITES | {
    # the feeds carrying the post's text: the site's, its tag's and its category's
    "blog/atom.xml",
    "blog/rss.xml",
    "blog/feed.json",
    "blog/tag/planning/atom.xml",
    "blog/tag/planning/rss.xml",
    "blog/tag/planning/feed.json",
    "blog/category/community/atom.xml",
    "blog/category/community/rss.xml",
    "blog/category/community/feed.json",
    # Not written: the feeds of other tags and categories (blog/tag/release/..., blog/category/releases/...).
}

NEW_POST = "posts/2025-06-01-fourth-release"
NEW_POST_TEXT = """---
title: Fourth release
date: 2025-06-01
categories: [Releases]
tags: [security]
excerpt: Version 4.0 is out.
---
The fourth release.
"""

#: After adding the newest post, in category Releases, tagged security (as one post is).
NEW_POST_WRITES = EVERY_BUILD | {
    # the new post: its page, its source, its Jekyll address's redirect (and its social card, as it
    # names no image: NEW_POST_CARD, whose name holds a digest of how cards are drawn)
    f"{NEW_POST}.html",
    f"_sources/{NEW_POST}.md.txt",
    "releases/2025/06/01/fourth-release.html",
    # the previously newest post: its "newer" link now leads to the new post (they share no tag,
    # so its related posts are those it had)
    "posts/2025-04-10-third-release.html",
    # the post tagged security: the new post is now among its related posts
    "posts/2024-02-14-security-fix.html",
    # the front page's cards start with the new post
    "index.html",
    # all posts, three a page: every page's posts move one place down
    "blog.html",
    "blog/page/2.html",
    "blog/page/3.html",
    # the archive pages the new post is on, and their later pages, whose posts moved down
    "blog/tag/security.html",
    "blog/category/releases.html",
    "blog/category/releases/page/2.html",
    "blog/2025.html",
    "blog/2025/page/2.html",  # four posts from 2025 now: a second page
    # the indexes of tags, categories and years, whose counts changed
    "blog/tag.html",
    "blog/category.html",
    "blog/archive.html",
    # the site's feeds, and those of the new post's tag and category
    "blog/atom.xml",
    "blog/rss.xml",
    "blog/feed.json",
    "blog/tag/security/atom.xml",
    "blog/tag/security/rss.xml",
    "blog/tag/security/feed.json",
    "blog/category/releases/atom.xml",
    "blog/category/releases/rss.xml",
    "blog/category/releases/feed.json",
    # the sitemap lists the new post's page
    "sitemap.xml",
}

NEW_POST_CARD = "_images/social/posts-2025-06-01-fourth-release.*.png"

#: Outputs that show nothing of the new post, named to make plain what the sets above leave out.
UNRELATED_TO_NEW_POST = {
    # older posts neither next to it nor sharing a tag with it (First and Second release share its
    # category only: their related posts are the release posts they were)
    "posts/2023-09-10-first-release.html",
    "posts/2024-11-20-second-release.html",
    "posts/2025-03-03-spring-meetup.html",
    # archive pages of other tags, categories and years, and the empty index of authors
    "blog/tag/release.html",
    "blog/tag/community.html",
    "blog/category/community.html",
    "blog/2024.html",
    "blog/author.html",
    # feeds of other tags and categories, whose posts are the same
    "blog/tag/release/atom.xml",
    "blog/category/community/rss.xml",
    # no post of the last two days, as before; the same sitemaps named
    "news-sitemap.xml",
    "robots.txt",
    # other posts' redirects
    "releases/2025/04/10/third-release.html",
}


def output_files(outdir: Path) -> list[Path]:
    return [path for path in outdir.rglob("*") if path.is_file()]


def rebuild_writes(srcdir: Path, outdir: Path, **kwargs) -> set[str]:
    """Build *srcdir* again (not from scratch) and name the output files the build wrote."""
    for path in output_files(outdir):
        os.utime(path, ns=(UNTOUCHED_NS, UNTOUCHED_NS))
    app = build(srcdir, **kwargs)
    assert warnings_of(app) == []
    return {path.relative_to(outdir).as_posix() for path in output_files(outdir)
            if path.stat().st_mtime_ns != UNTOUCHED_NS}


def first_build(tmp_path: Path, **kwargs) -> tuple[Path, Path]:
    srcdir = copy_root("rebuild-writes", tmp_path / "src")
    app = build(srcdir, fresh=True, **kwargs)
    assert warnings_of(app) == []
    return srcdir, Path(app.outdir)


def test_a_rebuild_with_nothing_changed_writes_only_what_sphinx_writes_every_build(tmp_path):
    srcdir, outdir = first_build(tmp_path)
    assert rebuild_writes(srcdir, outdir) == EVERY_BUILD


def edit_body(srcdir: Path) -> None:
    """Change a word of the edited post's body (not how many there are)."""
    source = srcdir / f"{EDITED_POST}.md"
    text = source.read_text(encoding="utf-8")
    assert "in four parts." in text
    source.write_text(text.replace("in four parts.", "in five parts."), encoding="utf-8")


def test_a_body_edit_writes_only_the_posts_page(tmp_path):
    srcdir, outdir = first_build(tmp_path)
    edit_body(srcdir)
    assert rebuild_writes(srcdir, outdir) == BODY_EDIT_WRITES
    assert "in five parts." in (outdir / f"{EDITED_POST}.html").read_text(encoding="utf-8")


def test_a_body_edit_that_changes_the_reading_time_writes_the_cards_showing_it(tmp_path):
    srcdir, outdir = first_build(tmp_path)
    source = srcdir / f"{EDITED_POST}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + "More words about the plan. " * 100,
                      encoding="utf-8")
    assert rebuild_writes(srcdir, outdir) == READING_TIME_EDIT_WRITES
    assert "3 min read" in (outdir / "blog/tag/planning.html").read_text(encoding="utf-8")


def test_a_body_edit_writes_the_full_text_feeds_carrying_the_post(tmp_path):
    full_text = {"confoverrides": {"newsposts_feed_full_text": True}}
    srcdir, outdir = first_build(tmp_path, **full_text)
    edit_body(srcdir)
    assert rebuild_writes(srcdir, outdir, **full_text) == FULL_TEXT_BODY_EDIT_WRITES
    assert "in five parts." in (outdir / "blog/tag/planning/atom.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "j2"])  # -j 2 writes archive pages beside
def test_a_new_post_writes_the_pages_and_outputs_showing_it(tmp_path, parallel):
    srcdir, outdir = first_build(tmp_path, parallel=parallel)
    before = {path.relative_to(outdir).as_posix() for path in output_files(outdir)}
    assert UNRELATED_TO_NEW_POST <= before  # outputs the new post must leave alone exist
    (srcdir / f"{NEW_POST}.md").write_text(NEW_POST_TEXT, encoding="utf-8")

    written = rebuild_writes(srcdir, outdir, parallel=parallel)
    cards = {path for path in written if path.startswith("_images/social/")}
    assert cards == {path.relative_to(outdir).as_posix() for path in outdir.glob(NEW_POST_CARD)}
    assert len(cards) == 1  # no other post's card
    assert written - cards == NEW_POST_WRITES
    assert not written & UNRELATED_TO_NEW_POST
    # and what was written shows the new post
    for page in ("index.html", "blog/tag/security.html", "blog/2025.html", "blog/tag/security/atom.xml",
                 "posts/2025-04-10-third-release.html", "posts/2024-02-14-security-fix.html"):
        assert "Fourth release" in (outdir / page).read_text(encoding="utf-8"), page
