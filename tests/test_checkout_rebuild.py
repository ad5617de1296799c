"""A build after a fresh checkout, with the build folder restored from a cache, gives the very files of
a clean build of the same sources.

That is a CI job's build: the checkout writes every source file anew (each newer than the build,
though few changed), and the cache brings back ``_build/`` with its files' old times. Whatever
decides what to read and write again must still show each change everywhere: the changed post,
posts that move between archive pages, a post that reads a changed Liquid data file, a teaser
whose content changed under the same name, a post that is gone (its page, redirects and labels).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import assert_same_site, build, copy_root, published_files, warnings_of

POSTS = Path("posts")


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def teaser(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (640, 360)) -> None:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(250, 250, 250))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG")


def make_site(srcdir: Path) -> Path:
    copy_root("checkout", srcdir)
    teaser(srcdir / "assets" / "teaser-a.png", (200, 40, 40))
    teaser(srcdir / "assets" / "teaser-b.png", (40, 40, 200))
    return srcdir


def check_out_again(srcdir: Path) -> None:
    """What a fresh checkout does to the sources: every file written anew with the same bytes,
    newer than anything the last build wrote."""
    later = time.time() + 10
    for path in sorted(path for path in srcdir.rglob("*") if path.is_file()):
        content = path.read_bytes()
        path.unlink()
        path.write_bytes(content)
        os.utime(path, (later, later))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def rebuilt_after_checkout(tmp_path: Path, change: Callable[[Path], None]):
    """(the first build's files, the rebuild after a checkout with *change*, a clean build of the same sources)."""
    srcdir = make_site(tmp_path / "ci" / "src")
    first = build(srcdir, fresh=True)
    assert warnings_of(first) == []
    before = published_files(first)
    cache = tmp_path / "cache"
    shutil.copytree(srcdir / "_build", cache, copy_function=shutil.copy2)  # a CI cache keeps the files' times
    shutil.rmtree(srcdir / "_build")  # a fresh checkout has no build folder
    check_out_again(srcdir)
    change(srcdir)
    shutil.copytree(cache, srcdir / "_build", copy_function=shutil.copy2)
    newest_output = max(path.stat().st_mtime for path in (srcdir / "_build").rglob("*") if path.is_file())
    assert all(path.stat().st_mtime > newest_output for path in srcdir.rglob("*")
               if path.is_file() and "_build" not in path.parts)

    rebuilt = build(srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, fresh=True)
    assert warnings_of(rebuilt) == warnings_of(clean) == []
    return before, rebuilt, clean


def changed_files(before: dict[str, bytes], clean) -> set[str]:
    """Published files the change adds, removes or alters in a clean build: what the rebuild must get right."""
    after = published_files(clean)
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_one_post_edited(tmp_path):
    before, rebuilt, clean = rebuilt_after_checkout(tmp_path, lambda src: edit(
        src / POSTS / "2025-03-10-river-survey.md", "More words on river survey.", "The river rose by a metre."))
    assert "posts/2025-03-10-river-survey.html" in changed_files(before, clean)
    assert_same_site(rebuilt, clean)


def test_post_dated_elsewhere_moves_between_archive_pages(tmp_path):
    # The newest post becomes the oldest: every page of "all posts" shifts by one, it leaves the
    # 2025 archive for 2024's, and its dated redirect moves.
    before, rebuilt, clean = rebuilt_after_checkout(tmp_path, lambda src: edit(
        src / POSTS / "2025-07-04-heat-record.md", "date: 2025-07-04 14:20", "date: 2024-06-04 14:20"))
    changed = changed_files(before, clean)
    assert {"blog/page/2.html", "blog/2024.html", "blog/2025.html"} <= changed
    assert_same_site(rebuilt, clean)


def test_liquid_data_changed_and_no_post(tmp_path):
    before, rebuilt, clean = rebuilt_after_checkout(tmp_path, lambda src: edit(
        src / "_data" / "desk.yml", "editor: Ada Lovelace", "editor: Grace Hopper"))
    assert "posts/2025-04-22-desk-notes.html" in changed_files(before, clean)
    assert "Grace Hopper" in Path(clean.outdir, "posts", "2025-04-22-desk-notes.html").read_text(encoding="utf-8")
    assert_same_site(rebuilt, clean)


def test_teaser_content_changed_under_the_same_name(tmp_path):
    before, rebuilt, clean = rebuilt_after_checkout(tmp_path, lambda src: teaser(
        src / "assets" / "teaser-b.png", (20, 160, 60), (800, 600)))
    changed = changed_files(before, clean)
    assert "_images/teaser-b.png" in changed
    assert "posts/2025-01-15-winter-storms.html" in changed
    assert_same_site(rebuilt, clean)


def test_post_deleted(tmp_path):
    before, rebuilt, clean = rebuilt_after_checkout(
        tmp_path, lambda src: (src / POSTS / "2025-09-18-lone-story.md").unlink())
    gone = {name for name in changed_files(before, clean) if name not in published_files(clean)}
    assert {"posts/2025-09-18-lone-story.html", "old/lone-story/index.html", "blog/tag/lonely.html"} <= gone
    assert_same_site(rebuilt, clean)
