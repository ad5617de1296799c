"""A -j 2 build, a repeated clean build and non-clean rebuilds after edits give the very files of a
clean -j 1 build: nothing stale is left in the output, nothing depends on the order of work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import assert_same_site, build, copy_root, warnings_of
from sphinx_newsposts.build.parallel_pages import MIN_PAGES


@pytest.fixture
def pinned_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def test_parallel_build_equals_serial_build(tmp_path, pinned_now):
    serial = build(copy_root("theme", tmp_path / "serial"), fresh=True)
    parallel = build(copy_root("theme", tmp_path / "parallel"), fresh=True, parallel=2)
    assert_same_site(parallel, serial)


def test_archive_pages_written_beside_or_shared_under_j2_equal_serial_ones(tmp_path, pinned_now):
    """Enough archive pages (one per tag) for -j 2 to write them in other processes: beside the
    last documents in a clean build, shared by two processes when no document is written."""
    def site(name: str) -> Path:
        srcdir = copy_root("minimal", tmp_path / name)
        posts = srcdir / "posts"
        for number in range(MIN_PAGES):
            (posts / f"many-{number:02d}.md").write_text(
                f"---\ntitle: Many {number}\ndate: 2025-03-{number % 28 + 1:02d}\n"
                f"tags: [label-{number:02d}, shared]\ncategories: [C{number % 3}]\n---\nBody {number}.\n",
                encoding="utf-8")
        return srcdir

    serial = build(site("serial"), fresh=True)
    srcdir = site("parallel")
    parallel = build(srcdir, fresh=True, parallel=2)
    assert Path(parallel.outdir, "blog", "tag", "label-39.html").is_file()
    assert_same_site(parallel, serial)

    for page in Path(parallel.outdir, "blog", "tag").glob("*.html"):
        page.unlink()  # every tag page is written again, and no post
    rebuilt = build(srcdir, parallel=2)
    assert_same_site(rebuilt, serial)


def test_redirects_written_by_a_worker_under_j2_equal_serial_ones(tmp_path, monkeypatch):
    """Under -j 2 a worker writes the redirect pages while feeds and sitemaps are written: the
    same files, the same located warnings, and the worker's files reach the output manifest (a
    post's redirects go when the post goes)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1752667200")
    serial = build(copy_root("publishing", tmp_path / "serial"), fresh=True)
    srcdir = copy_root("publishing", tmp_path / "parallel")
    parallel = build(srcdir, fresh=True, parallel=2)
    assert_same_site(parallel, serial)
    redirect_warnings = sorted(line for line in warnings_of(serial) if "newsposts.redirect" in line)
    assert redirect_warnings
    assert sorted(line for line in warnings_of(parallel) if "newsposts.redirect" in line) == redirect_warnings
    assert Path(parallel.outdir, "stories", "late-night.html").is_file()
    (srcdir / "posts" / "2025-07-14-late-night.md").unlink()
    rebuilt = build(srcdir, parallel=2)
    assert not Path(rebuilt.outdir, "stories", "late-night.html").exists()
    assert not Path(rebuilt.outdir, "hugo", "late-night").exists()


def test_incremental_rebuilds_after_edits_equal_a_clean_build(tmp_path, pinned_now):
    clean = build(copy_root("theme", tmp_path / "clean"), fresh=True)
    srcdir = copy_root("theme", tmp_path / "edited")
    posts = srcdir / "posts"
    final = {path.name: path.read_text(encoding="utf-8") for path in posts.iterdir()}
    # an earlier state of the site: p6 not written yet, p2 with other tags and title, p5 elsewhere
    (posts / "p6.md").unlink()
    (posts / "p2.md").write_text(final["p2.md"].replace("tags: [x, y]", "tags: [w]").replace("Post p2", "Old p2"),
                                 encoding="utf-8")
    (posts / "p5.md").write_text(final["p5.md"].replace("2024-05-01", "2025-08-01"), encoding="utf-8")
    (posts / "gone.md").write_text("---\ntitle: Gone\ndate: 2025-05-05\ntags: [x, gone]\n---\nBody.\n",
                                   encoding="utf-8")
    build(srcdir, fresh=True)
    # ... then edited, step by step, into the final state, with a non-clean rebuild after each step
    (posts / "gone.md").unlink()
    build(srcdir)
    for name in ("p2.md", "p5.md", "p6.md"):
        (posts / name).write_text(final[name], encoding="utf-8")
        latest = build(srcdir)
    # pages, feeds and sources of the deleted post and of labels nobody uses any more are gone
    for stale in ("blog/tag/gone.html", "blog/tag/w.html", "posts/gone.html", "_sources/posts/gone.md.txt"):
        assert not (Path(latest.outdir) / stale).exists(), stale
    assert not Path(latest.outdir, "blog", "tag", "gone").exists()
    assert_same_site(latest, clean)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


ADDED_POST = """---
title: Added post
date: 2025-09-09
tags: [fresh, x]
categories: [Extra]
header:
  teaser: /assets/teaser.png
---
Body of the added post.
"""

#: (what the step does, the edit) — applied in order to one source folder.
EDIT_SCRIPT = [
    ("add a post", lambda src: (src / "posts" / "added.md").write_text(ADDED_POST, encoding="utf-8")),
    ("edit its tags", lambda src: _edit(src / "posts" / "added.md", "tags: [fresh, x]", "tags: [fresher]")),
    ("rename a tag", lambda src: _edit(src / "posts" / "p2.md", "tags: [x, y]", "tags: [ex, y]")),
    ("date a post in the future", lambda src: _edit(src / "posts" / "p5.md", "2024-05-01", "2027-05-01")),
    ("delete the added post", lambda src: (src / "posts" / "added.md").unlink()),
    ("change conf.py", lambda src: _edit(src / "conf.py", '"posts_per_page": 2', '"posts_per_page": 3')),
]


def test_each_step_of_an_edit_script_rebuilds_to_what_a_clean_build_gives(tmp_path, pinned_now):
    live = copy_root("theme", tmp_path / "live")
    build(live, fresh=True)
    for number, (step, apply) in enumerate(EDIT_SCRIPT):
        apply(live)
        rebuilt = build(live)
        clean_src = tmp_path / f"clean-{number}"
        shutil.copytree(live, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = build(clean_src, fresh=True)
        try:
            assert_same_site(rebuilt, clean)
        except AssertionError as error:
            raise AssertionError(f"after step {number + 1}, {step!r}: {error}") from error


def test_two_clean_builds_are_byte_identical(tmp_path, pinned_now):
    first = build(copy_root("theme", tmp_path / "first"), fresh=True)
    second = build(copy_root("theme", tmp_path / "second"), fresh=True)
    assert_same_site(second, first)
