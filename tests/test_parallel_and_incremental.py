"""-j 2 equals -j 1; non-clean rebuilds show added, edited and deleted posts everywhere."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import build, copy_root, read_html, warnings_of

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_entries(app) -> list[tuple[str, str, str]]:
    root = ET.parse(Path(app.outdir) / "blog" / "atom.xml").getroot()
    return [(entry.findtext(f"{ATOM}id"), entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}published"))
            for entry in root.iter(f"{ATOM}entry")]


def html_pages(app) -> dict[str, str]:
    outdir = Path(app.outdir)
    return {str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
            for path in sorted(outdir.rglob("*.html"))}


def test_parallel_read_gives_the_same_site(tmp_path):
    serial = build(copy_root("fields", tmp_path / "serial"), fresh=True)
    parallel = build(copy_root("fields", tmp_path / "parallel"), fresh=True, parallel=2)
    status = parallel.status.getvalue()
    assert "not safe for parallel" not in status + parallel.warning.getvalue()
    # Sphinx reads in parallel only when every extension, ABlog included, allows it
    assert parallel.parallel == 2 and parallel.is_parallel_allowed("read")
    assert warnings_of(parallel) == warnings_of(serial) == []
    assert html_pages(parallel) == html_pages(serial)
    assert feed_entries(parallel) == feed_entries(serial)
    assert parallel.env.ablog_posts.keys() == serial.env.ablog_posts.keys()


NEW_POST = """---
title: Brand new story
date: 2025-08-01 09:00
tags: [meta, fresh]
excerpt: A new post, added between builds.
---
Body.
"""


def front_titles(app) -> list[str]:
    return [a.get_text() for a in read_html(app, "index").select(".np-card-title a")]


def test_add_edit_delete_show_up_after_non_clean_rebuilds(tmp_path):
    srcdir = copy_root("minimal", tmp_path / "src")
    first = build(srcdir, fresh=True)
    newest = front_titles(first)[0]
    new_post = srcdir / "posts" / "2025-08-01-brand-new.md"

    # add
    new_post.write_text(NEW_POST, encoding="utf-8")
    added = build(srcdir)
    assert front_titles(added)[0] == "Brand new story"
    assert "Brand new story" in read_html(added, "blog/tag/meta").get_text()
    assert "Brand new story" in read_html(added, "blog/tag/fresh").get_text()
    assert ("Brand new story" in [title for _, title, _ in feed_entries(added)])
    previous = read_html(added, "posts/2025-07-16-openai-researcher-jumps-ship")
    assert previous.find("a", rel="next").get_text().endswith("Brand new story")

    # edit
    new_post.write_text(NEW_POST.replace("Brand new story", "Renamed story"), encoding="utf-8")
    edited = build(srcdir)
    assert front_titles(edited)[0] == "Renamed story"
    assert "Renamed story" in read_html(edited, "blog/tag/meta").get_text()
    assert "Brand new story" not in read_html(edited, "blog/tag/meta").get_text()
    previous = read_html(edited, "posts/2025-07-16-openai-researcher-jumps-ship")
    assert previous.find("a", rel="next").get_text().endswith("Renamed story")

    # delete
    new_post.unlink()
    deleted = build(srcdir)
    assert front_titles(deleted)[0] == newest
    assert "Renamed story" not in read_html(deleted, "blog/tag/meta").get_text()
    assert "Renamed story" not in [title for _, title, _ in feed_entries(deleted)]
    previous = read_html(deleted, "posts/2025-07-16-openai-researcher-jumps-ship")
    assert previous.find("a", rel="next") is None
    assert warnings_of(deleted) == []


def post_page_times(app) -> dict[str, int]:
    """When each post's page was last written, to the nanosecond."""
    return {path.name: path.stat().st_mtime_ns for path in sorted((Path(app.outdir) / "posts").glob("*.html"))}


def test_rebuild_with_nothing_changed_writes_no_post(tmp_path):
    srcdir = copy_root("minimal", tmp_path / "src")
    written = post_page_times(build(srcdir, fresh=True))
    assert len(written) == 3
    assert post_page_times(build(srcdir)) == written
    # and the check sees a rewrite: an edited post's page is written again
    edited = srcdir / "posts" / "2025-05-01-rst-story.rst"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    rewritten = post_page_times(build(srcdir))
    assert rewritten.keys() == written.keys()
    assert rewritten["2025-05-01-rst-story.html"] != written["2025-05-01-rst-story.html"]


def test_scheduled_post_is_published_when_its_date_comes(tmp_path, monkeypatch):
    srcdir = copy_root("minimal", tmp_path / "src")
    (srcdir / "posts" / "2030-01-01-scheduled.md").write_text(
        "---\ntitle: Scheduled story\ndate: 2030-01-01 08:00\n---\nBody.\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01 00:00 UTC
    before = build(srcdir, fresh=True)
    assert "Scheduled story" not in front_titles(before)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893484800")  # 2030-01-01 08:00 UTC
    after = build(srcdir)  # nothing in the sources changed
    assert front_titles(after)[0] == "Scheduled story"
    assert "Scheduled story" in [title for _, title, _ in feed_entries(after)]
