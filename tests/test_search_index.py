"""The search index: Pagefind's bundle under the newsposts theme, Sphinx's index where Pagefind cannot
serve (another theme, ``newsposts_search = "sphinx"``, no Pagefind binary), and a bundle written
again only when a page changed.

Pagefind indexes only the pages that mark their text with ``data-pagefind-body``; the test root's
``about.md`` marks its own, so the bundle is never empty. What the bundle should count is worked
out from the built pages.
"""

from __future__ import annotations

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest

from conftest import CheckedApp, build, copy_root, needs_chromium, serve, warnings_of
from sphinx_newsposts.publishing.pagefind_index import STAMP

BUNDLE = "pagefind"


def marked_pages(outdir: Path) -> list[str]:
    """The HTML pages that ask Pagefind to index them."""
    return sorted(path.relative_to(outdir).as_posix() for path in outdir.rglob("*.html")
                  if BUNDLE not in path.relative_to(outdir).parts
                  and "data-pagefind-body" in path.read_text(encoding="utf-8"))


def indexed_pages(outdir: Path) -> dict[str, int]:
    entry = json.loads((outdir / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {language: details["page_count"] for language, details in entry["languages"].items()}


def build_with_context(srcdir: Path, buildername: str = "html", **kwargs) -> tuple[CheckedApp, dict[str, dict]]:
    """Build *srcdir* and keep each page's ``newsposts_search`` context."""
    seen: dict[str, dict] = {}
    app = CheckedApp(buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    app.connect("html-page-context", lambda app, pagename, templatename, context, doctree:
                seen.__setitem__(pagename, dict(context["newsposts_search"], search=context["hasdoc"]("search"))),
                priority=900)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, seen


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_root("search", tmp_path_factory.mktemp("search") / "src")
    return build_with_context(srcdir)


def test_pagefind_indexes_the_marked_pages_in_the_sites_language_instead_of_sphinx(site):
    app, _ = site
    outdir = Path(app.outdir)
    assert warnings_of(app) == []
    assert (outdir / BUNDLE / "pagefind.js").is_file()
    assert "about.html" in marked_pages(outdir)
    assert indexed_pages(outdir) == {"en": len(marked_pages(outdir))}
    assert (outdir / "search.html").is_file()  # Sphinx writes it only with its own index
    assert not (outdir / "searchindex.js").exists()
    assert app.builder.indexer is None  # not merely removed: Sphinx never built its index
    assert "Pagefind indexed" in app.status.getvalue()


def test_the_opensearch_description_is_written_for_pagefind_too(tmp_path):
    app = build(copy_root("search", tmp_path / "src"), confoverrides={"html_use_opensearch": "https://q.example.org"})
    description = (Path(app.outdir) / "_static" / "opensearch.xml").read_text(encoding="utf-8")
    assert "https://q.example.org/search.html?q={searchTerms}" in description
    assert warnings_of(app) == []


def test_pages_are_told_where_the_bundle_and_the_site_root_are(site):
    _, seen = site
    assert seen["index"] == {"backend": "pagefind", "bundle": "./pagefind/", "root": "./", "search": True}
    assert seen["search"] == {"backend": "pagefind", "bundle": "./pagefind/", "root": "./", "search": True}
    assert seen["posts/2025-03-01-harbour"] == {"backend": "pagefind", "bundle": "../pagefind/", "root": "../",
                                                "search": True}


#: A query through Pagefind's API from a page, given the page's ``newsposts_search`` context. Pagefind
#: takes a ``baseUrl`` that is not site-absolute as one (``../`` becomes ``/../``): the root is resolved first.
QUERY = """async ([search, word, withBaseUrl]) => {
    const pagefind = await import(search.bundle + 'pagefind.js');
    if (withBaseUrl) await pagefind.options({baseUrl: new URL(search.root, location.href).pathname});
    const found = await pagefind.search(word);
    return Promise.all(found.results.map(async result => (await result.data()).url));
}"""


@needs_chromium
@pytest.mark.parametrize("with_base_url", [False, True], ids=["bundle's-base-url", "root-as-base-url"])
def test_a_query_finds_a_page_of_a_site_served_under_a_sub_path(site, browser, tmp_path, with_base_url):
    app, seen = site
    served = tmp_path / "served"
    shutil.copytree(app.outdir, served / "en" / "latest")  # html_baseurl's path
    found = {}
    with serve(served) as base:
        page = browser.new_page()
        try:
            for pagename in ("search", "posts/2025-03-01-harbour"):
                page.goto(f"{base}en/latest/{pagename}.html")
                found[pagename] = page.evaluate(QUERY, [seen[pagename], "zymurgy", with_base_url])
        finally:
            page.close()
    assert found == {"search": ["/en/latest/about.html"], "posts/2025-03-01-harbour": ["/en/latest/about.html"]}


def test_a_rebuild_runs_pagefind_only_when_a_page_changed(tmp_path):
    srcdir = copy_root("search", tmp_path / "src")
    first = build(srcdir)
    stamp = Path(first.outdir) / BUNDLE / STAMP
    written = stamp.read_text(encoding="utf-8"), stamp.stat().st_mtime_ns
    (srcdir / "conf.py").touch()  # a file newer, nothing different

    unchanged = build(srcdir)
    assert (stamp.read_text(encoding="utf-8"), stamp.stat().st_mtime_ns) == written
    assert "Pagefind not run" in unchanged.status.getvalue()

    post = srcdir / "posts" / "2025-04-02-glacier.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe glacier moved a metre.\n", encoding="utf-8")
    edited = build(srcdir)
    assert stamp.read_text(encoding="utf-8") != written[0]
    assert "Pagefind indexed" in edited.status.getvalue()
    assert warnings_of(edited) == []


def test_a_rebuild_writes_only_the_bundle_files_whose_content_changed(tmp_path):
    srcdir = copy_root("search", tmp_path / "src")
    bundle = Path(build(srcdir).outdir) / BUNDLE
    before = {path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()}
    old_time = 2_000_000_000  # far from now: any write moves a file's time
    for path in bundle.rglob("*"):
        os.utime(path, (old_time, old_time))
    post = srcdir / "posts" / "2025-04-02-glacier.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe glacier moved a metre.\n", encoding="utf-8")
    assert warnings_of(build(srcdir)) == []

    after = {path.relative_to(bundle).as_posix(): path for path in bundle.rglob("*") if path.is_file()}
    written = {name for name, path in after.items() if path.stat().st_mtime != old_time}
    changed = {name for name, path in after.items() if before.get(name) != path.read_bytes()}
    # what holds the same bytes kept its file; what changed was written; what Pagefind no longer wrote went
    assert written == changed
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-worker.js"} & written == set()
    assert STAMP in written and any(name.startswith("fragment/") for name in written)
    gone = set(before) - set(after)
    assert gone and all(name.startswith(("fragment/", "index/")) or name.endswith(".pf_meta") for name in gone)
    assert not (bundle.parent / ".pagefind-staging").exists()
    # and the bundle is the one a clean build of the edited site gets
    clean_copy = shutil.copytree(srcdir, tmp_path / "fresh", ignore=shutil.ignore_patterns("_build"))
    fresh = Path(build(clean_copy, fresh=True).outdir) / BUNDLE
    assert {name: path.read_bytes() for name, path in after.items()} == {
        path.relative_to(fresh).as_posix(): path.read_bytes() for path in fresh.rglob("*") if path.is_file()}


def test_without_the_pagefind_binary_one_warning_and_sphinxs_search(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))  # the lookup takes it first
    app, seen = build_with_context(copy_root("search", tmp_path / "src"))
    outdir = Path(app.outdir)
    [warning] = warnings_of(app)
    assert "pagefind[bin]" in warning and warning.endswith("[newsposts.search]")
    assert (outdir / "searchindex.js").is_file()
    assert not (outdir / BUNDLE).exists()
    assert seen["index"]["backend"] == "sphinx"


def test_a_failed_pagefind_run_warns_and_keeps_the_last_bundle(tmp_path, monkeypatch):
    srcdir = copy_root("search", tmp_path / "src")
    outdir = Path(build(srcdir).outdir)
    bundle = sorted(path.relative_to(outdir).as_posix() for path in (outdir / BUNDLE).rglob("*"))
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    post = srcdir / "posts" / "2025-04-02-glacier.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe glacier moved a metre.\n", encoding="utf-8")

    app = build(srcdir)
    warnings = warnings_of(app)
    assert len(warnings) == 1 and "Pagefind could not index the site (exit status 3)" in warnings[0]
    assert "the disk is full" in app.warning.getvalue()
    assert sorted(path.relative_to(outdir).as_posix() for path in (outdir / BUNDLE).rglob("*")) == bundle
    assert not (outdir / ".pagefind-staging").exists()


def test_the_sphinx_setting_keeps_sphinxs_index_and_removes_an_earlier_bundle(tmp_path):
    srcdir = copy_root("search", tmp_path / "src")
    outdir = Path(build(srcdir).outdir)
    assert (outdir / BUNDLE).is_dir()

    app, seen = build_with_context(srcdir, confoverrides={"newsposts_search": "sphinx"})
    assert warnings_of(app) == []
    assert (outdir / "searchindex.js").is_file()
    assert not (outdir / BUNDLE).exists()
    assert seen["index"] == {"backend": "sphinx", "bundle": "./pagefind/", "root": "./", "search": True}

    build(srcdir)  # and back: Sphinx's index from the last build goes
    assert not (outdir / "searchindex.js").exists()
    assert (outdir / BUNDLE / "pagefind.js").is_file()


def test_an_unknown_search_setting_warns_and_uses_pagefind(tmp_path):
    app = build(copy_root("search", tmp_path / "src"), confoverrides={"newsposts_search": "algolia"})
    [warning] = warnings_of(app)
    assert "newsposts_search 'algolia' is not 'pagefind' or 'sphinx'" in warning
    assert (Path(app.outdir) / BUNDLE / "pagefind.js").is_file()


def test_another_theme_keeps_sphinxs_search(tmp_path):
    app, seen = build_with_context(copy_root("search", tmp_path / "src"), confoverrides={"html_theme": "furo"})
    assert warnings_of(app) == []
    assert (Path(app.outdir) / "searchindex.js").is_file()
    assert not (Path(app.outdir) / BUNDLE).exists()
    assert seen["index"]["backend"] == "sphinx"


def test_dirhtml_gets_the_bundle_and_links_to_it_from_folders(tmp_path):
    app, seen = build_with_context(copy_root("search", tmp_path / "src"), "dirhtml")
    outdir = Path(app.outdir)
    assert warnings_of(app) == []
    assert (outdir / "search" / "index.html").is_file()
    assert indexed_pages(outdir) == {"en": len(marked_pages(outdir))}
    assert seen["search"] == {"backend": "pagefind", "bundle": "../pagefind/", "root": "../", "search": True}
    assert seen["posts/2025-03-01-harbour"]["bundle"] == "../../pagefind/"


def test_singlehtml_keeps_sphinxs_search(tmp_path):
    app, seen = build_with_context(copy_root("search", tmp_path / "src"), "singlehtml")
    assert seen["index"]["backend"] == "sphinx"
    assert not (Path(app.outdir) / BUNDLE).exists()


def test_a_parallel_build_writes_the_same_bundle(site, tmp_path):
    serial, _ = site
    parallel = build(copy_root("search", tmp_path / "src"), parallel=2)
    assert warnings_of(parallel) == []

    def bundle(app) -> dict[str, bytes]:
        folder = Path(app.outdir) / BUNDLE
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    assert bundle(parallel) == bundle(serial)
