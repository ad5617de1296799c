"""The demo site builds without a single warning under the themes users pick (newsposts, alabaster,
furo, pydata-sphinx-theme) and with the ``dirhtml`` builder (clean URLs); every link between its
pages leads to a page that exists."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import CheckedApp

EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"
THEMES = ["newsposts", "alabaster", "furo", "pydata_sphinx_theme"]


def build_example(tmp_path: Path, buildername: str = "html", **overrides) -> SphinxTestApp:
    srcdir = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = CheckedApp(buildername, srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO(),
                     confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def broken_links(outdir: Path) -> list[str]:
    """Links from one page of the site to another that lead nowhere (a folder needs its index.html)."""
    broken = []
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] == "_static":
            continue  # themes' own template fragments, not pages
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["a", "link", "img", "script"]):
            url = element.get("href") or element.get("src")
            if not url:
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # other sites, mailto:, and links within the page
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(outdir)} -> {url}")
    return broken


@pytest.mark.parametrize("theme", THEMES)
def test_demo_site_builds_without_warnings_under_each_theme(tmp_path, theme):
    # theme options are each theme's own: the demo's belong to newsposts
    overrides = {} if theme == "newsposts" else {"html_theme": theme, "html_theme_options": {}}
    app = build_example(tmp_path, **overrides)
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    post = next((outdir / "posts").glob("*.html"))
    soup = BeautifulSoup(post.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("details.np-faq-item, .np-faq details") is not None, "the FAQ component renders"
    assert (outdir / "blog" / "atom.xml").is_file() and (outdir / "sitemap.xml").is_file()
    assert any((outdir / "blog" / "tag").glob("*.html")), "tag archives are written"
    assert broken_links(outdir) == []


def test_dirhtml_builder_gives_clean_urls_that_all_resolve(tmp_path):
    app = build_example(tmp_path, "dirhtml")
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    posts = [path for path in (outdir / "posts").iterdir() if path.is_dir()]
    assert posts and all((path / "index.html").is_file() for path in posts)
    assert (outdir / "blog" / "tag").is_dir()
    assert broken_links(outdir) == []
    # the sitemap and the feed name the clean addresses, not .html files
    sitemap = (outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"https://news.example.org/posts/{posts[0].name}/" in sitemap
    assert ".html<" not in sitemap.replace("search.html<", "")
