"""Promises of the theme page that other tests leave alone: the logo (option and ``html_logo``),
``share_links`` and ``html_baseurl``, ``accent_color_dark``, template parts replaced through
``templates_path``, and a post's own front-matter keys reaching templates as ``newsposts.extra``.

The site (tests/roots/test-theme-promises) is built three ways: with everything set, with
Sphinx's ``html_logo`` and share links off and no templates of its own, and without
``html_baseurl``; each build is the control of the others."""

from __future__ import annotations

import re

import pytest

from conftest import read_html, warnings_of

POST = "posts/2024-03-01-harbour-opens"


@pytest.fixture(scope="module")
def customised(site_factory):
    return site_factory("theme-promises", confoverrides={
        "templates_path": ["_templates"],
        "html_theme_options": {"logo": "logo.svg", "accent_color_dark": "#123456"},
    })


@pytest.fixture(scope="module")
def plain(site_factory):
    return site_factory("theme-promises", confoverrides={
        "html_logo": "_static/html-logo.svg",
        "html_theme_options": {"share_links": False},
    })


@pytest.fixture(scope="module")
def no_baseurl(site_factory):
    return site_factory("theme-promises", confoverrides={"html_baseurl": ""})


def test_the_builds_give_no_warnings(customised, plain, no_baseurl):
    assert warnings_of(customised) == warnings_of(plain) == []
    assert warnings_of(no_baseurl) and all(line.endswith("[newsposts.baseurl]") for line in warnings_of(no_baseurl))


def test_logo_option_and_html_logo_both_show_in_the_header(customised, plain, no_baseurl):
    for docname in ("index", POST):
        assert read_html(customised, docname).select_one(".np-logo")["src"].endswith("_static/logo.svg")
        assert read_html(plain, docname).select_one(".np-logo")["src"].endswith("_static/html-logo.svg")
        assert read_html(no_baseurl, docname).select_one(".np-logo") is None  # neither set: no image
    assert (customised.outdir / "_static" / "logo.svg").is_file()


def test_share_links_need_the_option_and_html_baseurl(customised, plain, no_baseurl):
    shared = read_html(customised, POST).select(".np-share a")
    assert shared and all(link["href"].startswith(("mailto:", "https://")) for link in shared)
    assert any("promises.example.org" in link["href"] for link in shared)
    assert read_html(plain, POST).select(".np-share") == []  # share_links = False
    assert read_html(no_baseurl, POST).select(".np-share") == []  # on, but no absolute address to share


def dark_accent(app, docname: str) -> str | None:
    styles = " ".join(style.get_text() for style in read_html(app, docname).find_all("style"))
    found = re.search(r"--np-accent-dark:\s*([^;}]+)", styles)
    return found and found[1].strip()


def test_accent_color_dark_is_the_dark_scheme_accent(customised, plain):
    assert dark_accent(customised, "index") == dark_accent(customised, POST) == "#123456"
    assert dark_accent(plain, POST) not in (None, "#123456")  # the default otherwise
    assert "--np-accent-dark" in (plain.outdir / "_static" / "newsposts.css").read_text(encoding="utf-8")


def test_a_template_in_templates_path_replaces_the_themes(customised, plain):
    for docname in ("index", POST):
        page = read_html(customised, docname)
        assert page.select_one("footer.my-footer").get_text() == "A footer of the site's own"
        assert page.select_one(".np-site-footer") is None
        stock = read_html(plain, docname)
        assert stock.select_one(".np-site-footer") is not None and stock.select_one(".my-footer") is None


def test_an_unread_front_matter_key_reaches_templates_as_extra(customised, plain):
    page = read_html(customised, POST)
    meta = page.select("p.my-meta")
    assert [line.get_text() for line in meta] == ["Tide & time <b>"]  # escaped by |e: text, not markup
    assert page.select_one("p.my-meta b") is None
    assert read_html(plain, POST).select("p.my-meta") == []  # the stock meta line without the override
