"""During a build, what outlived a full garbage collection is frozen out of the next ones; after
the build the collector is handed back as it was, and the site is the same either way."""

from __future__ import annotations

import gc
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import CheckedApp, assert_same_site, copy_root, warnings_of


def assert_built_every_post_without_warnings(app: SphinxTestApp) -> None:
    """The build wrote a page for each post and the sitemap (written once the build has finished),
    and warned of nothing."""
    outdir = Path(app.outdir)
    posts = sorted(path.stem for path in (Path(app.srcdir) / "posts").iterdir())
    assert posts and [name for name in posts if not (outdir / "posts" / f"{name}.html").is_file()] == []
    assert (outdir / "sitemap.xml").is_file()
    assert warnings_of(app) == []


def build_watching_freezes(srcdir, **confoverrides) -> tuple[SphinxTestApp, dict[str, list[int]]]:
    """Build *srcdir*, forcing a full collection while each post is read, and note how many
    objects were frozen before it, after it, and at each page written."""
    app = CheckedApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO(),
                     confoverrides=confoverrides)
    seen: dict[str, list[int]] = {"before collection": [], "after collection": [], "writing": []}

    def collect_fully(_app, _doctree) -> None:
        seen["before collection"].append(gc.get_freeze_count())
        gc.collect()

    app.connect("doctree-read", collect_fully, priority=500)
    app.connect("doctree-read", lambda *_: seen["after collection"].append(gc.get_freeze_count()), priority=1000)
    app.connect("doctree-resolved", lambda *_: seen["writing"].append(gc.get_freeze_count()), priority=1000)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, seen


@pytest.fixture
def collector_as_python_sets_it_up():
    assert gc.isenabled() and gc.get_freeze_count() == 0
    yield
    gc.unfreeze()  # a failing test leaves nothing frozen for the next ones


def test_survivors_of_each_full_collection_are_frozen_until_the_build_ends(tmp_path, collector_as_python_sets_it_up):
    app, seen = build_watching_freezes(copy_root("minimal", tmp_path / "src"))
    assert_built_every_post_without_warnings(app)
    assert len(seen["after collection"]) >= 3  # one per document read
    assert all(count > 0 for count in seen["before collection"])  # frozen when reading began
    # each full collection's survivors include what the document read so far made
    pairs = zip(seen["before collection"], seen["after collection"], strict=True)
    assert all(after > before for before, after in pairs)
    assert seen["writing"] and min(seen["writing"]) > 0  # (frozen objects that die leave the count)
    assert gc.get_freeze_count() == 0  # handed back


def test_switched_off_the_collector_is_left_alone(tmp_path, collector_as_python_sets_it_up):
    _app, seen = build_watching_freezes(copy_root("minimal", tmp_path / "src"), newsposts_gc_freeze=False)
    assert set(seen["before collection"] + seen["after collection"] + seen["writing"]) == {0}


def test_objects_the_process_froze_itself_stay_as_they_were(tmp_path, collector_as_python_sets_it_up):
    gc.freeze()
    frozen_by_the_process = gc.get_freeze_count()
    _app, seen = build_watching_freezes(copy_root("minimal", tmp_path / "src"))
    # none added (frozen objects that die leave the count), none handed back
    assert max(seen["after collection"] + seen["writing"]) <= frozen_by_the_process
    assert 0 < gc.get_freeze_count() <= frozen_by_the_process


def test_the_site_is_the_same_with_the_collector_left_alone(tmp_path, collector_as_python_sets_it_up, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    frozen, _ = build_watching_freezes(copy_root("theme", tmp_path / "frozen"))
    left_alone, _ = build_watching_freezes(copy_root("theme", tmp_path / "left-alone"), newsposts_gc_freeze=False)
    assert_same_site(frozen, left_alone)


def test_main_process_of_a_parallel_build_freezes_nothing_it_merges_or_writes(tmp_path, collector_as_python_sets_it_up):
    """Its full collections happen while a worker's environment is merged or a page's doctree is
    resolved; what it froze then would stay until the end of the build, garbage or not."""
    srcdir = copy_root("theme", tmp_path / "src")
    app = CheckedApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO(), parallel=2)
    frozen: dict[str, list[int]] = {"before reading": [], "merging or writing": []}
    app.connect("env-before-read-docs", lambda *_: frozen["before reading"].append(gc.get_freeze_count()),
                priority=1000)
    for event in ("env-merge-info", "doctree-resolved"):
        app.connect(event, lambda *_: gc.collect(), priority=100)
        app.connect(event, lambda *_: frozen["merging or writing"].append(gc.get_freeze_count()), priority=1000)
    try:
        app.build()
    finally:
        app.cleanup()
    assert_built_every_post_without_warnings(app)
    [at_start] = frozen["before reading"]
    assert at_start > 0 and len(frozen["merging or writing"]) > 5
    assert max(frozen["merging or writing"]) <= at_start  # (frozen objects that die leave the count)
