"""Content decides what a rebuild reads and writes, not the clock: after a fresh checkout (every
file newer, none different) with the last build folder restored, nothing is read or written
again; what did change is."""

from __future__ import annotations

import os
import time
from io import StringIO
from pathlib import Path

from PIL import Image

from conftest import CheckedApp, copy_root, read_html, warnings_of

TEASER = Path("assets/images/some-teaser.png")
EDITED_POST = "posts/2025-05-01-rst-story"
TEASER_POST = "posts/2025-07-16-openai-researcher-jumps-ship"


def build_recording(srcdir: Path, *, fresh: bool = False, parallel: int = 0) -> tuple[CheckedApp, set, set]:
    """Build, and return the app, the documents it read and the pages it wrote."""
    app = CheckedApp("html", srcdir=srcdir, freshenv=fresh, status=StringIO(), warning=StringIO(),
                     parallel=parallel)
    read: set[str] = set()
    written: set[str] = set()
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    app.connect("html-page-context", lambda app, pagename, *rest: written.add(pagename))
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    return app, read, written


def check_out_again(srcdir: Path, later: float) -> None:
    """What a fresh checkout does: every file written again, same content, a newer time."""
    for path in sorted(srcdir.rglob("*")):
        if path.is_file() and "_build" not in path.parts:
            path.write_bytes(path.read_bytes())
            os.utime(path, (later, later))


def site(tmp_path: Path) -> Path:
    srcdir = copy_root("minimal", tmp_path / "src")
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates" / "newsposts-unused.html").write_text("<p>kept for its digest</p>\n", encoding="utf-8")
    with open(srcdir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('templates_path = ["_templates"]\n')
    return srcdir


def test_a_fresh_checkout_reads_and_writes_nothing_again(tmp_path):
    srcdir = site(tmp_path)
    first, _, written_first = build_recording(srcdir, fresh=True)
    posts = {name for name in first.env.found_docs if name.startswith("posts/")}
    assert posts and posts <= written_first  # positive control: a page write is seen

    check_out_again(srcdir, time.time() + 60)
    _, read, written = build_recording(srcdir)
    assert read == set()
    assert written & first.env.found_docs == set()

    # what did change is read and written: one post's text
    edited = srcdir / f"{EDITED_POST}.rst"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added after the checkout.\n",
                      encoding="utf-8")
    os.utime(edited, (time.time() + 120, time.time() + 120))
    check_out_again(srcdir, time.time() + 180)
    app, read, written = build_recording(srcdir)
    assert read == {EDITED_POST}
    assert EDITED_POST in written and not (posts - {EDITED_POST}) & written
    assert "A sentence added after the checkout." in read_html(app, EDITED_POST).get_text()


def test_a_changed_image_is_read_again_and_a_copied_one_is_not(tmp_path):
    srcdir = site(tmp_path)
    build_recording(srcdir, fresh=True)
    check_out_again(srcdir, time.time() + 60)
    assert build_recording(srcdir)[1] == set()

    Image.new("RGB", (320, 160), (200, 40, 40)).save(srcdir / TEASER)
    os.utime(srcdir / TEASER, (time.time() + 120, time.time() + 120))
    _, read, written = build_recording(srcdir)
    assert TEASER_POST in read
    assert {TEASER_POST, "index"} <= written


def test_templates_decide_by_content(tmp_path):
    srcdir = site(tmp_path)
    first, _, _ = build_recording(srcdir, fresh=True)
    template = srcdir / "_templates" / "newsposts-unused.html"
    os.utime(template, (time.time() + 60, time.time() + 60))
    _, read, written = build_recording(srcdir)
    assert read == set() and written & first.env.found_docs == set()

    template.write_text("<p>a new template</p>\n", encoding="utf-8")
    os.utime(template, (time.time() + 120, time.time() + 120))
    _, read, written = build_recording(srcdir)
    assert read == set()
    assert first.env.found_docs <= written  # every page shows the templates


def test_without_the_last_builds_stamp_pages_are_written_again(tmp_path):
    """A build that stopped half-way leaves no stamp: its pages may not show what was read, so
    the times decide, as in Sphinx."""
    srcdir = site(tmp_path)
    first, _, _ = build_recording(srcdir, fresh=True)
    (Path(first.outdir) / ".newsposts-written").unlink()
    check_out_again(srcdir, time.time() + 60)
    _, read, written = build_recording(srcdir)
    assert read == set()
    assert first.env.found_docs <= written


def test_digests_read_under_j2_are_kept(tmp_path):
    srcdir = site(tmp_path)
    story = (srcdir / "posts" / "2025-06-01-older-story.markdown").read_text(encoding="utf-8")
    for number in range(8):  # documents enough for both workers
        (srcdir / "posts" / f"2025-06-0{number + 2}-copy-{number}.md").write_text(story, encoding="utf-8")
    first, _, _ = build_recording(srcdir, fresh=True, parallel=2)
    assert first.parallel == 2 and first.is_parallel_allowed("read")
    check_out_again(srcdir, time.time() + 60)
    _, read, written = build_recording(srcdir)
    assert read == set() and written & first.env.found_docs == set()
