"""Search in headless Chromium, with Sphinx's index and with Pagefind's: from the header's box to a
post, by mouse and by keyboard, on phones and wide screens, light and dark, and with hostile titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import build, copy_root, dropped_by_the_server, needs_chromium, serve

pytestmark = [pytest.mark.browser, needs_chromium]

POST = "posts/airships.html"
POST_TITLE = "Airships return to the harbour"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
#: Each back end's result list: Pagefind's is written by newsposts-search.js, Sphinx's by searchtools.js.
RESULTS = {"pagefind": ".np-search-results > li", "sphinx": "ul.search > li"}
FOUND_WORD = {"pagefind": "mark", "sphinx": "span.highlighted"}


def build_site(tmp_path_factory, backend: str) -> Path:
    srcdir = copy_root("search-ui", tmp_path_factory.mktemp(backend) / "src")
    outdir = Path(build(srcdir, fresh=True, confoverrides={"newsposts_search": backend}).outdir)
    assert (outdir / "pagefind" / "pagefind.js").is_file() == (backend == "pagefind")
    return outdir


@pytest.fixture(scope="module", params=["pagefind", "sphinx"])
def site(request, tmp_path_factory):
    with serve(build_site(tmp_path_factory, request.param)) as base:
        yield request.param, base


#: An index that answers as Pagefind never would: a script URL, markup in the title, date and excerpt.
#: Pagefind escapes what it stores, so only a stand-in shows that the search page trusts none of it.
HOSTILE_INDEX = """
export async function options() {}
export async function search() {
  const data = {url: "javascript:alert(3)", meta: {title: "<img src=x onerror=alert(4)>", date: "<b>1 May</b>"},
                excerpt: "<img src=x onerror=alert(5)>before <mark>found</mark> &lt;b&gt;after"};
  return {results: [{data: async () => data}]};
}
"""


#: An index with more results than one screen shows (a site of thousands of posts answers so).
LARGE_INDEX = """
export async function options() {}
export async function search() {
  return {results: Array.from({length: 23}, (_, n) => ({data: async () =>
    ({url: `/posts/airships.html?n=${n + 1}`, meta: {title: `Result ${n + 1}`}, excerpt: "<mark>found</mark>"})}))};
}
"""


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory):
    outdir = build_site(tmp_path_factory, "pagefind")
    search_page = (outdir / "search.html").read_text(encoding="utf-8")
    for name, index in (("hostile", HOSTILE_INDEX), ("large", LARGE_INDEX)):
        (outdir / f"{name}-index").mkdir()
        (outdir / f"{name}-index" / "pagefind.js").write_text(index, encoding="utf-8")
        (outdir / f"search-{name}.html").write_text(
            search_page.replace('data-bundle="./pagefind/"', f'data-bundle="./{name}-index/"'), encoding="utf-8")
    with serve(outdir) as base:
        yield base


def first_result(page, backend: str):
    page.wait_for_selector(RESULTS[backend], timeout=10000)
    return page.locator(RESULTS[backend]).first


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and not dropped_by_the_server(message.text) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_header_search_leads_to_the_post(site, browser):
    backend, base = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors = console_errors(page)
    page.goto(base + "index.html")
    page.fill("header.np-site-header input[name=q]", "zeppelin")
    page.press("header.np-site-header input[name=q]", "Enter")
    page.wait_for_url("**/search.html?q=zeppelin")
    result = first_result(page, backend)
    assert result.locator("a").first.inner_text() == POST_TITLE
    assert result.locator("a").first.get_attribute("href").endswith(POST)
    assert result.locator(".np-search-date").inner_text() == "14 March 2025"
    assert result.locator(FOUND_WORD[backend]).first.inner_text().lower() == "zeppelin"
    assert page.locator("main input[name=q]").input_value() == "zeppelin"  # the query, kept
    if backend == "pagefind":
        assert page.locator(".np-search-status").inner_text() == "1 result for “zeppelin”"
    assert errors == []
    page.close()


def tab_to(page, selector: str, most: int = 30) -> None:
    """Press Tab until the element *selector* finds has the focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("width", [390, 1280])
def test_keyboard_only_from_the_header_to_the_post(site, browser, width):
    backend, base = site
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + "index.html")
    field = page.locator("header.np-site-header input[name=q]")
    if width < 640:  # phones: the field is behind a button
        assert not field.is_visible()
        toggle = page.locator(".np-search-toggle")
        tab_to(page, ".np-search-toggle")
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true" and field.is_visible()
        assert page.evaluate("document.activeElement.name") == "q"
        page.keyboard.press("Escape")  # folds it back, focus back on the button
        assert toggle.get_attribute("aria-expanded") == "false" and not field.is_visible()
        assert page.evaluate("document.activeElement.className") == "np-search-toggle"
        page.keyboard.press("Enter")
    else:
        assert not page.locator(".np-search-toggle").is_visible()
        tab_to(page, "header.np-site-header input[name=q]")
    page.keyboard.type("zeppelin")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=zeppelin")
    first_result(page, backend)
    tab_to(page, f"{RESULTS[backend]} a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + POST)
    assert page.locator("h1").inner_text().startswith(POST_TITLE)
    page.close()


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_results_page(site, browser, scheme):
    backend, base = site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base + "search.html?q=harbour")
    first_result(page, backend)
    page.wait_for_timeout(300)  # Sphinx writes each excerpt after fetching its page
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_no_horizontal_scrolling_with_the_search_box(site, browser, width):
    _, base = site
    page = browser.new_page(viewport={"width": width, "height": 740})
    page.goto(base + "index.html")
    header_height = page.locator("header.np-site-header").bounding_box()["height"]
    assert page.evaluate(OVERFLOW) <= 0
    page.click(".np-search-toggle")
    assert page.locator("header.np-site-header input[name=q]").is_visible()
    assert page.evaluate(OVERFLOW) <= 0
    page.click(".np-search-toggle")
    assert page.locator("header.np-site-header").bounding_box()["height"] == header_height
    page.close()


LAYOUT_SHIFTS = """() => new Promise(resolve => {
  setTimeout(() => resolve([]), 500);
  new PerformanceObserver(list => resolve(list.getEntries().map(
    shift => [shift.value, shift.sources.map(source => source.node && source.node.className)])))
    .observe({type: "layout-shift", buffered: true});
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_does_not_move_once_scripts_run(pagefind_site, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 740})
    page.goto(pagefind_site + "index.html")
    page.wait_for_load_state("load")
    assert page.evaluate(LAYOUT_SHIFTS) == []
    page.close()


def test_hostile_title_and_excerpt_show_as_text(site, browser):
    backend, base = site
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base + "search.html?q=quokka")
    result = first_result(page, backend)
    assert result.locator("a").first.inner_text() == "Hostile <img src=x onerror=alert(1)> title"
    excerpt = result.locator(".np-search-excerpt, p.context")
    excerpt.wait_for()
    assert "<img src=x onerror=alert(2)>" in excerpt.inner_text()
    page.wait_for_timeout(300)
    assert page.locator("#search-results img").count() == 0 and dialogs == []
    page.close()


def test_no_results_and_live_results_while_typing(pagefind_site, browser):
    page = browser.new_page()
    page.goto(pagefind_site + "search.html?q=nonexistentword")
    status = page.locator(".np-search-status")
    page.wait_for_function("document.querySelector('.np-search-status').textContent !== ''")
    assert status.inner_text() == "No results for “nonexistentword”."
    assert page.locator(".np-search-results > li").count() == 0
    page.fill("main input[name=q]", "harbour")
    page.wait_for_selector(".np-search-results > li >> nth=1")
    assert status.inner_text() == "2 results for “harbour”"
    assert page.url.endswith("search.html?q=harbour")  # a link to these results
    page.close()


def test_without_javascript_the_header_form_still_reaches_the_search_page(pagefind_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 740})
    page = context.new_page()
    page.goto(pagefind_site + "index.html")
    assert not page.locator(".np-search-toggle").is_visible()
    page.fill("header.np-site-header input[name=q]", "zeppelin")
    page.press("header.np-site-header input[name=q]", "Enter")
    page.wait_for_url("**/search.html?q=zeppelin")
    assert "Search needs JavaScript." in page.locator("main").inner_text()
    context.close()


def test_results_from_a_hostile_index_stay_text_and_link_nowhere(pagefind_site, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(pagefind_site + "search-hostile.html?q=found")
    result = first_result(page, "pagefind")
    assert result.locator("h2").inner_text() == "<img src=x onerror=alert(4)>"
    assert result.locator("a").count() == 0  # a javascript: URL is no link
    assert result.locator(".np-search-date").inner_text() == "<b>1 May</b>"
    assert result.locator(".np-search-excerpt").inner_text() == "before found <b>after"
    assert result.locator(".np-search-excerpt mark").inner_text() == "found"
    page.wait_for_timeout(300)
    assert page.locator("#search-results img, #search-results b").count() == 0 and dialogs == []
    page.close()


def test_more_results_ten_at_a_time(pagefind_site, browser):
    page = browser.new_page()
    page.goto(pagefind_site + "search-large.html?q=found")
    titles = page.locator(".np-search-results > li h2")
    more = page.locator("button.np-search-more")
    first_result(page, "pagefind")
    assert page.locator(".np-search-status").inner_text() == "23 results for “found”"
    assert titles.count() == 10 and more.is_visible()
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.np-search-results > li').length === 20")
    assert page.evaluate("document.activeElement.textContent") == "Result 11"  # the first new one
    more.click()
    page.wait_for_function("document.querySelectorAll('.np-search-results > li').length === 23")
    assert not more.is_visible()
    assert titles.all_inner_texts() == [f"Result {n}" for n in range(1, 24)]
    page.close()
