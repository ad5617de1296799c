"""A -j 2 build and an incremental rebuild after edits give the very files of a clean -j 1 build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import build, copy_root

COMPARED = (".html", ".xml", ".json", ".txt")


def published_files(app) -> dict[str, bytes]:
    outdir = Path(app.outdir)
    return {str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*"))
            if path.suffix in COMPARED and path.is_file()}


def assert_same_site(actual, expected) -> None:
    actual_files, expected_files = published_files(actual), published_files(expected)
    assert sorted(actual_files) == sorted(expected_files)
    different = [name for name in expected_files if actual_files[name] != expected_files[name]]
    assert different == []


@pytest.fixture
def pinned_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def test_parallel_build_equals_serial_build(tmp_path, pinned_now):
    serial = build(copy_root("theme", tmp_path / "serial"), fresh=True)
    parallel = build(copy_root("theme", tmp_path / "parallel"), fresh=True, parallel=2)
    assert_same_site(parallel, serial)


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
    # pages of labels nobody uses any more are removed by a clean build only; compare what both have
    for stale in ("blog/tag/gone.html", "blog/tag/w.html", "posts/gone.html"):
        assert (Path(latest.outdir) / stale).exists()
        (Path(latest.outdir) / stale).unlink()
    for feed in Path(latest.outdir, "blog", "tag", "gone").glob("*"):
        feed.unlink()
    for feed in Path(latest.outdir, "blog", "tag", "w").glob("*"):
        feed.unlink()
    shutil.rmtree(Path(latest.outdir, "_sources"), ignore_errors=True)
    shutil.rmtree(Path(clean.outdir, "_sources"), ignore_errors=True)
    assert_same_site(latest, clean)
