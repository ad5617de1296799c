"""A project's documentation with a news section, built under newsposts, furo, pydata-sphinx-theme,
sphinx-rtd-theme and alabaster with the settings "Adding news to an existing Sphinx site" shows
(docs/examples/conf-*.py), read in headless Chromium: the post's byline with a machine-readable date,
tag links that reach an archive listing the post, the ``latest-posts`` cards, the sidebar templates
where the theme has sidebars, no accessibility violations in the extension's markup, and no
horizontal scrolling on a phone, in light and dark where the theme has both."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import build, copy_root, needs_chromium, serve, warnings_of

pytestmark = [pytest.mark.browser, needs_chromium]

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
#: Theme -> the example settings file it is built with (``None``: the newsposts theme, the root's own settings).
THEMES = {"newsposts": None, "furo": "furo", "pydata_sphinx_theme": "pydata", "sphinx_rtd_theme": "rtd",
          "alabaster": "alabaster"}
#: Themes that follow the reader's light or dark preference.
WITH_DARK = {"newsposts", "furo", "pydata_sphinx_theme"}
#: Theme -> the sidebar templates its example settings show on a post's page.
POST_SIDEBARS = {
    "furo": ["recent", "archives"],
    "pydata_sphinx_theme": ["recent", "archives", "tags"],
    "alabaster": ["recent", "archives", "tags"],
}
POST = "posts/2025-07-16-lumen-2-0-ships.html"
POST_TITLE = "Lumen 2.0 ships with incremental builds"
NEWEST_FIRST = ["Community call in September", POST_TITLE,
                "Lumen 1.8.1 fixes a path traversal in the preview server", "Lumen 1.8 brings a stable plugin API"]
PAGES = ["index.html", "news.html", POST, "blog/tag/release.html", "blog/tag.html", "blog/2025.html"]
#: What the extension writes into another theme's pages; axe judges these (the theme's own markup is its own).
OURS = [".np-byline", ".np-post-end", ".np-latest-posts", ".np-sidebar", ".np-archive", ".np-archive-index"]
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def example_settings(name: str) -> dict:
    """``docs/examples/conf-<name>.py`` as settings (its ``extensions`` are the test root's already)."""
    settings: dict = {}
    exec((EXAMPLES / f"conf-{name}.py").read_text(encoding="utf-8"), settings)
    return {key: value for key, value in settings.items() if not key.startswith("__") and key != "extensions"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Theme -> the base URL its build is served at."""
    with contextlib.ExitStack() as stack:
        bases = {}
        for theme, example in THEMES.items():
            srcdir = copy_root("news-section", tmp_path_factory.mktemp(theme) / "src")
            overrides = example_settings(example) if example else {"html_theme": "newsposts"}
            app = build(srcdir, fresh=True, confoverrides=overrides)
            assert warnings_of(app) == [], theme
            bases[theme] = stack.enter_context(serve(Path(app.outdir)))
        yield bases


@pytest.fixture
def open_page(sites, browser):
    contexts = []

    def opener(theme: str, path: str, *, scheme: str = "light", width: int = 1280):
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(sites[theme] + path)
        return page

    yield opener
    for context in contexts:
        context.close()


def schemes_of(theme: str) -> list[str]:
    return ["light", "dark"] if theme in WITH_DARK else ["light"]


@pytest.mark.parametrize("theme", THEMES)
def test_byline_gives_the_date_readers_and_machines_read(open_page, theme):
    page = open_page(theme, POST)
    date = page.locator(".np-post-meta time").first
    assert date.is_visible()
    assert date.get_attribute("datetime") == "2025-07-16T03:55:41+00:00"
    assert date.inner_text() == "16 July 2025"
    meta = page.locator(".np-post-meta").first.inner_text()
    assert "Ada Park" in meta and "min read" in meta and "Releases" in meta
    # below the title, and the header image loads
    assert page.evaluate("""() => {
        const title = document.querySelector('h1'), meta = document.querySelector('.np-post-meta');
        return !!(title.compareDocumentPosition(meta) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    image = page.locator("img.np-header-image")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0


@pytest.mark.parametrize("theme", THEMES)
def test_a_tag_link_reaches_an_archive_listing_the_post(open_page, theme):
    page = open_page(theme, POST)
    page.locator(".np-tags a[rel=tag]", has_text="performance").first.click()
    page.wait_for_url("**/blog/tag/performance.html")
    assert page.locator(".np-card-title a").all_inner_texts() == [POST_TITLE]
    page.locator(".np-card-title a").first.click()
    page.wait_for_url(f"**/{POST}")


@pytest.mark.parametrize("theme", THEMES)
def test_older_and_newer_posts_follow_the_body(open_page, theme):
    page = open_page(theme, POST)
    assert page.locator("a.np-older").inner_text().endswith(NEWEST_FIRST[2])
    page.locator("a.np-newer").click()
    page.wait_for_url("**/posts/2025-08-20-community-call.html")


@pytest.mark.parametrize("theme", THEMES)
def test_the_post_list_directive_shows_cards(open_page, theme):
    page = open_page(theme, "news.html")
    lists = page.locator(".np-latest-posts")
    assert lists.count() == 2
    assert lists.nth(0).locator(".np-card-title a").all_inner_texts() == NEWEST_FIRST
    assert lists.nth(1).locator(".np-card-title a").all_inner_texts() == [NEWEST_FIRST[2]]  # tagged security
    teaser = lists.nth(0).locator("img.np-card-teaser").first
    teaser.scroll_into_view_if_needed()
    assert teaser.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    # the links after the list lead to the archives and the feed
    for link in lists.nth(0).locator(".np-post-links a").all():
        assert page.request.get(link.evaluate("a => a.href")).ok, link.inner_text()
    lists.nth(0).locator(".np-post-links a", has_text="Archive").click()
    page.wait_for_url("**/blog/archive.html")


@pytest.mark.parametrize("theme", list(POST_SIDEBARS))
def test_sidebar_templates_lead_to_the_news(open_page, theme):
    page = open_page(theme, POST)
    for kind in POST_SIDEBARS[theme]:
        assert page.locator(f".np-sidebar--{kind}").first.is_visible(), kind
    recent = page.locator(".np-sidebar--recent").first
    assert recent.locator("li > a").all_inner_texts() == NEWEST_FIRST
    recent.locator("li > a", has_text="Community call").click()
    page.wait_for_url("**/posts/2025-08-20-community-call.html")


def violations(page, theme: str) -> list[str]:
    """What axe finds wrong: on the whole page under the newsposts theme, else in the extension's markup."""
    if theme == "newsposts":
        context = None
    else:
        present = [selector for selector in OURS if page.locator(selector).count()]
        assert present, "the page holds none of the extension's markup"
        context = {"include": [[selector] for selector in present]}
    results = Axe().run(page, context=context)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in results.response["violations"]]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_violations_in_our_markup(open_page, theme, path):
    for scheme in schemes_of(theme):
        page = open_page(theme, path, scheme=scheme)
        assert violations(page, theme) == [], scheme


@pytest.mark.parametrize("theme", THEMES)
def test_no_horizontal_scrolling_on_a_phone(open_page, theme):
    for path in PAGES:
        page = open_page(theme, path, width=390)
        assert page.evaluate(OVERFLOW) <= 0, path
