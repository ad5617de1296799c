"""The demo site in headless Chromium: accessibility and no sideways scrolling on every kind of page it
publishes, light and dark, phone to laptop; the dark mode toggle, sticky contents, lazy teasers."""

from __future__ import annotations

import contextlib
import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import build, needs_chromium, serve

pytestmark = [pytest.mark.browser, needs_chromium]

EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"
POST = "posts/2025-07-16-lumen-2-0-ships-with-incremental-builds.html"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
#: The demo's eight posts fit on one page of a listing; six a page gives "All posts" a second page.
POSTS_PER_PAGE = 6
#: Where the search page lists Pagefind's results (the demo's search back end), once they are drawn.
SEARCH_RESULTS = ".np-search-results > li"


@dataclasses.dataclass(frozen=True)
class PageKind:
    name: str
    #: The paths of the demo's pages of this kind in the built site.
    pattern: str
    #: The one page of the kind that the browser checks open.
    example: str


#: Every kind of page the demo publishes (test_every_published_page_is_of_a_checked_kind keeps the
#: list whole) and the page of each that the browser checks open.
PAGE_KINDS = [
    PageKind("front", r"index\.html", "index.html"),
    PageKind("post", r"posts/[^/]+\.html", POST),
    PageKind("all-posts", r"blog\.html", "blog.html"),
    PageKind("all-posts-page-2", r"blog/(?:.+/)?page/\d+\.html", "blog/page/2.html"),  # of any listing
    PageKind("tag", r"blog/tag/[^/]+\.html", "blog/tag/lumen.html"),
    PageKind("tags", r"blog/tag\.html", "blog/tag.html"),
    PageKind("category", r"blog/category/[^/]+\.html", "blog/category/releases.html"),
    PageKind("categories", r"blog/category\.html", "blog/category.html"),
    PageKind("author", r"blog/author/[^/]+\.html", "blog/author/ada-lovelace.html"),
    PageKind("authors", r"blog/author\.html", "blog/author.html"),
    PageKind("year", r"blog/\d{4}\.html", "blog/2025.html"),
    PageKind("archive", r"blog/archive\.html", "blog/archive.html"),
    PageKind("general-index", r"genindex\.html", "genindex.html"),
    PageKind("search", r"search\.html", "search.html?q=incremental"),
]
#: Pages that send the reader on at once (a post's old addresses): no theme, nothing to read.
REDIRECT = "<!-- newsposts redirect -->"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("demo") / "src"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    overrides = {"html_theme_options.posts_per_page": POSTS_PER_PAGE}
    return Path(build(srcdir, fresh=True, confoverrides=overrides).outdir)


@pytest.fixture(scope="module")
def demo(demo_site):
    with serve(demo_site) as base:
        yield base


@pytest.fixture(scope="module")
def readers(browser):
    """A browser context for each colour scheme, shared by the checks that only read pages (those
    that try the scheme toggle, whose choice is remembered, make their own)."""
    contexts = {scheme: browser.new_context(color_scheme=scheme) for scheme in ("light", "dark")}
    yield contexts
    for context in contexts.values():
        context.close()


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in results.response["violations"]]


@contextlib.contextmanager
def opened(context, url: str, width: int = 1280):
    """A page of *context* *width* pixels wide showing *url* as a reader sees it (on the search
    page, with the results drawn), closed afterwards."""
    page = context.new_page()
    try:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url)
        if "?q=" in url:
            page.wait_for_selector(SEARCH_RESULTS, timeout=10000)
        yield page
    finally:
        page.close()


def test_every_published_page_is_of_a_checked_kind(demo_site):
    published = [path.relative_to(demo_site).as_posix() for path in sorted(demo_site.rglob("*.html"))
                 if REDIRECT not in path.read_text(encoding="utf-8")]
    of_no_kind = [path for path in published if not any(re.fullmatch(kind.pattern, path) for kind in PAGE_KINDS)]
    assert of_no_kind == []
    missing = [kind.example for kind in PAGE_KINDS if kind.example.partition("?")[0] not in published]
    assert missing == []


KIND_PARAMS = [pytest.param(kind.example, id=kind.name) for kind in PAGE_KINDS]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", KIND_PARAMS)
def test_axe_finds_no_violations(demo, readers, path, scheme):
    with opened(readers[scheme], demo + path) as page:
        assert violations(page) == []


def test_axe_with_dark_chosen_by_the_toggle(demo, browser):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(demo + POST)
    page.click(".np-scheme-toggle")
    assert page.evaluate("document.documentElement.dataset.scheme") == "dark"
    assert violations(page) == []
    context.close()


#: Phones (small and common), a tablet held upright, a laptop.
WIDTHS = [360, 390, 768, 1280]


@pytest.mark.parametrize("path", KIND_PARAMS)
def test_no_horizontal_scrolling(demo, readers, path):
    overflow = {}
    with opened(readers["light"], demo + path, WIDTHS[0]) as page:
        for width in WIDTHS:  # one page, resized as a phone turned or a window widened resizes it
            page.set_viewport_size({"width": width, "height": 800})
            overflow[width] = page.evaluate(OVERFLOW)
    assert overflow == dict.fromkeys(WIDTHS, 0)


def test_dark_toggle_is_remembered(demo, browser):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(demo + "index.html")
    background = "getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)
    toggle = page.locator(".np-scheme-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(background) != light
    page.goto(demo + POST)  # another page, same choice
    assert page.evaluate("document.documentElement.dataset.scheme") == "dark"
    assert page.evaluate(background) != light
    page.locator(".np-scheme-toggle").click()
    page.reload()
    assert page.evaluate(background) == light
    context.close()


def test_table_of_contents_stays_in_view_on_wide_screens(demo, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(demo + POST)
    toc = page.locator("nav.np-toc--sticky")
    text_box = page.locator("article.np-post p").first.bounding_box()
    assert toc.bounding_box()["x"] > text_box["x"] + text_box["width"]  # beside the text
    for scrolled in (800, 1600):  # while reading the article
        page.evaluate(f"window.scrollTo(0, {scrolled})")
        page.wait_for_function(f"window.scrollY === {scrolled}")
        assert 0 <= toc.bounding_box()["y"] <= 40
    page.close()


def test_table_of_contents_inline_on_phones(demo, browser):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(demo + POST)
    page.evaluate("window.scrollTo(0, 1600)")
    page.wait_for_function("window.scrollY === 1600")
    assert page.locator("nav.np-toc").bounding_box()["y"] < 0  # scrolled away with the text
    page.close()


def test_teasers_load_lazily_after_the_first(demo, browser):
    page = browser.new_page(viewport={"width": 360, "height": 640})  # cards stack: the last is far down
    page.goto(demo + "index.html")
    loading = page.eval_on_selector_all(".np-card img", "images => images.map(i => i.getAttribute('loading'))")
    assert loading[0] is None and set(loading[1:]) == {"lazy"}
    below = page.locator(".np-card img").last
    assert below.evaluate("img => img.naturalWidth") == 0  # not fetched yet
    below.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=below.element_handle())
    page.close()


LEFT_EDGES = """() => [document.querySelector('.np-site-title').getBoundingClientRect().left,
  document.querySelector('main h1').getBoundingClientRect().left,
  document.querySelector('.np-site-footer > *').getBoundingClientRect().left]"""


@pytest.mark.parametrize("width", [360, 700, 1024, 1280, 1600])
@pytest.mark.parametrize("path", ["index.html", POST, "blog/tag/lumen.html", "blog/tag.html"])
def test_header_content_and_footer_share_one_left_edge(demo, browser, path, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(demo + path)
    header, heading, footer = page.evaluate(LEFT_EDGES)
    assert abs(header - heading) < 1 and abs(footer - heading) < 1, (header, heading, footer)
    page.close()


#: The vertical middle of each visible part of the header.
HEADER_ROWS = """() => [...document.querySelector('.np-site-header').children]
    .filter(part => part.getBoundingClientRect().width > 0)
    .map(part => { const box = part.getBoundingClientRect(); return Math.round(box.top + box.height / 2); })"""


@pytest.mark.parametrize("width", [1280, 1600])
def test_the_header_is_one_row_on_a_laptop(demo, browser, width):
    """The site's name, the demo's five links, the search box and the scheme toggle, side by side."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(demo + "index.html")
    middles = page.evaluate(HEADER_ROWS)
    assert len(middles) == 4 and max(middles) - min(middles) <= 6, middles
    page.close()


def test_search_and_search_word_highlighting_work_with_deferred_scripts(demo, browser):
    page = browser.new_page()
    page.goto(demo + "search.html?q=incremental")
    page.wait_for_selector("#search-results li", timeout=10000)
    assert POST in page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.href).join(' ')")
    page.goto(demo + POST + "?highlight=incremental")
    page.wait_for_selector("span.highlighted", timeout=10000)
    page.close()
