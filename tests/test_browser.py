"""The built site in headless Chromium, served under a sub-path as on Read the Docs."""

from __future__ import annotations

import shutil

import pytest

from conftest import build, copy_root, needs_chromium, serve

SUBPATH = "/en/latest/"

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The minimal test site, built and served at http://127.0.0.1:PORT/en/latest/."""
    srcdir = copy_root("minimal", tmp_path_factory.mktemp("browser") / "src")
    app = build(srcdir, fresh=True)
    webroot = srcdir.parent / "web"
    shutil.copytree(app.outdir, webroot / SUBPATH.strip("/"))
    with serve(webroot) as base:
        yield base.rstrip("/") + SUBPATH


BROKEN_IMAGES = "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("page_path", ["index.html", "posts/2025-07-16-openai-researcher-jumps-ship.html",
                                       "blog/tag/meta.html"])
def test_pages_render_with_working_images_under_a_subpath(served_site, browser, tmp_path, page_path, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    response = page.goto(served_site + page_path)
    page.wait_for_load_state("load")
    assert response.status == 200
    assert failed == []
    assert page.evaluate(BROKEN_IMAGES) == []
    assert page.evaluate(OVERFLOW) <= 0, "horizontal scrolling"
    assert page.locator("h1").first.is_visible()
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    page.close()


def test_teaser_card_and_post_link_work(served_site, browser):
    page = browser.new_page()
    page.goto(served_site + "index.html")
    teaser = page.locator(".np-card img").first
    # the browser takes the WebP variant of the 120-px teaser (its own width: it has no narrower one)
    assert teaser.evaluate("img => img.complete && img.naturalWidth > 0")
    assert teaser.evaluate("img => img.currentSrc").endswith(".120w.webp")
    page.locator(".np-card-title a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/en/latest/posts/2025-07-16-openai-researcher-jumps-ship.html")
    assert page.locator("h1").first.inner_text().startswith("OpenAI Researcher Jumps Ship")
    page.close()


def test_faq_answers_open_from_the_keyboard(served_site, browser):
    page = browser.new_page()
    page.goto(served_site + "posts/2025-07-16-openai-researcher-jumps-ship.html")
    item = page.locator("details.np-faq-item").first
    answer = item.locator(".np-faq-answer")
    assert not answer.is_visible()
    item.locator("summary").focus()
    page.keyboard.press("Enter")
    assert answer.is_visible() and answer.inner_text() == "Because of money."
    assert item.evaluate("details => details.open")
    page.close()
