"""Each post's reference label (its file name) leads to its page, as ABlog's does, while reading
never scans the post labels: they leave Sphinx's label table before reading and return after."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from sphinx.util.inventory import InventoryFile

from conftest import CheckedApp, copy_root, read_html, warnings_of

OLDER = "posts/2025-06-01-older-story"
LINKS = """---
orphan: true
---
# Links

See {ref}`2025-06-01-older-story` and {ref}`the RST one <2025-05-01-rst-story>`.
"""


def build_watching_labels(srcdir: Path) -> tuple[CheckedApp, dict[str, set[str]]]:
    """Build, and note for each document read which post labels Sphinx's label table held then."""
    app = CheckedApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    seen: dict[str, set[str]] = {}

    def note(app, doctree) -> None:
        labels = app.env.domains["std"].data["labels"]
        seen[app.env.docname] = {name for name in ("2025-06-01-older-story", "2025-05-01-rst-story",
                                                   "2025-07-16-openai-researcher-jumps-ship") if name in labels}

    app.connect("doctree-read", note, priority=100)  # before the document's own labels are noted
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    return app, seen


def link_texts(app) -> dict[str, str]:
    return {a.get_text(): a["href"] for a in read_html(app, "links").select("main a.reference.internal")}


def test_references_to_posts_resolve_and_reading_scans_no_post_label(tmp_path):
    srcdir = copy_root("minimal", tmp_path / "src")
    (srcdir / "links.md").write_text(LINKS, encoding="utf-8")
    first, seen = build_watching_labels(srcdir)
    assert seen and all(labels == set() for labels in seen.values())
    assert link_texts(first) == {"An older story": f"{OLDER}.html",
                                 "the RST one": "posts/2025-05-01-rst-story.html"}
    with open(Path(first.outdir) / "objects.inv", "rb") as inventory:
        labels = InventoryFile.load(inventory, "", lambda base, uri: uri)["std:label"]
    assert labels["2025-06-01-older-story"].uri == f"{OLDER}.html"

    # an incremental rebuild: the post renamed, the labels lifted while it is read, then back
    post = srcdir / f"{OLDER}.markdown"
    post.write_text(post.read_text(encoding="utf-8").replace("An older story", "A renamed story"), encoding="utf-8")
    second, seen = build_watching_labels(srcdir)
    assert OLDER in seen and all(labels == set() for labels in seen.values())
    assert link_texts(second)["A renamed story"] == f"{OLDER}.html"

    # a deleted post's label goes with it
    post.unlink()
    (srcdir / "links.md").write_text(LINKS.replace("{ref}`2025-06-01-older-story` and ", ""), encoding="utf-8")
    third, _ = build_watching_labels(srcdir)
    assert "2025-06-01-older-story" not in third.env.domains["std"].data["labels"]


def test_a_target_named_like_a_post_is_reported(tmp_path):
    """(ABlog forgets a label named like a post whenever it purges the post, so a page read before
    the post loses such a target silently; this one is read after it.)"""
    srcdir = copy_root("minimal", tmp_path / "src")
    (srcdir / "updates.md").write_text("---\norphan: true\n---\n# Links\n\n(2025-06-01-older-story)=\n## Clash\n\n"
                                     "See {ref}`2025-06-01-older-story`.\n", encoding="utf-8")
    app = CheckedApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert [line for line in warnings_of(app) if "[newsposts.link]" in line] == [
        "updates.md: WARNING: label '2025-06-01-older-story' names the post posts/2025-06-01-older-story and a "
        "target in updates; references to it lead to the post [newsposts.link]"]
    assert [a["href"] for a in read_html(app, "updates").select("main a.reference.internal")] == [f"{OLDER}.html"]
