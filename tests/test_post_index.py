"""The post index keeps each document's record correct across purges and parallel reads; what a
rebuild writes again is kept apart, by the main process alone."""

from __future__ import annotations

from pathlib import Path

from conftest import build, copy_root
from sphinx_newsposts.build.freshness import STAMP, freshness
from sphinx_newsposts.index.post_index import PostIndex, post_index
from sphinx_newsposts.reading.post_meta import PostMeta


def test_clear_doc_forgets_a_document_and_merge_takes_only_the_named_ones():
    index = PostIndex()
    index.add(PostMeta("posts/a", is_post=True, title="A"))
    index.add(PostMeta("blog", title="Blog"))
    index.mark_listing_page("blog")
    index.clear_doc("blog")
    assert set(index.meta) == {"posts/a"} and index.listing_pages == set()

    reader = PostIndex()  # what a -j N reader kept
    reader.add(PostMeta("posts/a", is_post=True, title="A, read again"))
    reader.add(PostMeta("posts/b", is_post=True, title="B"))
    reader.add(PostMeta("blog", title="Blog"))
    reader.mark_listing_page("blog")
    index.merge({"posts/a", "blog"}, reader)
    assert {name: meta.title for name, meta in index.meta.items()} == {"posts/a": "A, read again", "blog": "Blog"}
    assert index.listing_pages == {"blog"}


POST = "posts/2025-06-01-older-story"


def test_under_j2_the_main_process_notes_what_each_build_read(tmp_path):
    srcdir = copy_root("minimal", tmp_path / "src")
    build(srcdir, fresh=True, parallel=2)
    source = srcdir / f"{POST}.markdown"
    source.write_text(source.read_text(encoding="utf-8").replace("title:", "title: Retitled,", 1), encoding="utf-8")

    edited = build(srcdir, parallel=2)
    assert freshness(edited.env).read_this_build == {POST}
    assert post_index(edited.env).meta[POST].title.startswith("Retitled,")  # merged from the reader
    assert (Path(edited.outdir) / STAMP).read_text(encoding="utf-8") == freshness(edited.env).outputs_key

    again = build(srcdir, parallel=2)
    record = freshness(again.env)
    assert record.read_this_build == set() and not record.changed_this_build
    assert record.outputs_key == freshness(edited.env).outputs_key
