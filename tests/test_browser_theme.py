"""The demo site in headless Chromium: accessibility, small screens, dark mode, sticky contents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import build, needs_chromium, serve

pytestmark = [pytest.mark.browser, needs_chromium]

EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"
POST = "posts/2025-07-16-lumen-2-0-ships-with-incremental-builds.html"
PAGE_KINDS = ["index.html", POST, "blog/tag/lumen.html", "blog/tag.html", "blog.html", "blog/2025.html"]
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("demo") / "src"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = build(srcdir, fresh=True)
    with serve(Path(app.outdir)) as base:
        yield base


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["index.html", POST, "blog/tag/lumen.html"])
def test_axe_finds_no_violations(demo, browser, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(demo + path)
    assert violations(page) == []
    context.close()


def test_axe_with_dark_chosen_by_the_toggle(demo, browser):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(demo + POST)
    page.click(".np-scheme-toggle")
    assert page.evaluate("document.documentElement.dataset.scheme") == "dark"
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_horizontal_scrolling_at_360px(demo, browser, path):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(demo + path)
    assert page.evaluate(OVERFLOW) <= 0
    page.close()


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


def test_search_and_search_word_highlighting_work_with_deferred_scripts(demo, browser):
    page = browser.new_page()
    page.goto(demo + "search.html?q=incremental")
    page.wait_for_selector("#search-results li", timeout=10000)
    assert POST in page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.href).join(' ')")
    page.goto(demo + POST + "?highlight=incremental")
    page.wait_for_selector("span.highlighted", timeout=10000)
    page.close()
