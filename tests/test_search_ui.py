"""The newsposts theme's search, from the built HTML: the header's search form on every page, the
search page for each back end, and what the templates mark for Pagefind to index."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import read_html, warnings_of

#: Each back end, as conf.py sets it (Pagefind is the default; its binary comes with the package).
PAGEFIND = {"newsposts_search": "pagefind"}
SPHINX = {"newsposts_search": "sphinx"}
POST = "posts/airships"


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("search-ui", confoverrides=SPHINX)


@pytest.fixture(scope="module")
def built_for_pagefind(site_factory):
    return site_factory("search-ui", confoverrides=PAGEFIND)


def header_form(soup: BeautifulSoup):
    return soup.select_one("header.np-site-header form[role=search]")


def test_builds_without_warnings(built):
    assert warnings_of(built) == []


@pytest.mark.parametrize(("page", "action"), [("index", "search.html"), (POST, "../search.html"),
                                               ("blog/tag/transport", "../../search.html")])
def test_header_search_form_reaches_the_search_page_from_every_folder(built, page, action):
    form = header_form(read_html(built, page))
    assert (form["action"], form["method"]) == (action, "get")
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search"
    assert form.find("label", attrs={"for": field["id"]}).get_text() == "Search"
    assert form.find("button", type="submit") is not None
    toggle = read_html(built, page).select_one(".np-search-toggle")
    assert (toggle["aria-controls"], toggle["aria-expanded"]) == (form["id"], "false")


def test_header_search_form_under_dirhtml(site_factory):
    app = site_factory("search-ui", buildername="dirhtml")
    soup = BeautifulSoup((Path(app.outdir) / POST / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert header_form(soup)["action"] == "../../search/"
    assert (Path(app.outdir) / "search" / "index.html").is_file()


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_search_page_finds_the_pagefind_bundle_and_the_site_root(site_factory, buildername):
    app = site_factory("search-ui", buildername=buildername, confoverrides=PAGEFIND)
    page = "search.html" if buildername == "html" else "search/index.html"
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")
    results = soup.select_one("#search-results")
    expected = ("./pagefind/", "./") if buildername == "html" else ("../pagefind/", "../")
    assert (results["data-bundle"], results["data-root"]) == expected


def test_search_labels_in_the_sites_language(site_factory):
    app = site_factory("search-ui", confoverrides={"language": "de", **PAGEFIND})
    form = header_form(read_html(app, "index"))
    assert form.find("label").get_text() == form.find("button").get_text() == "Suche"
    results = read_html(app, "search").select_one("#search-results")
    assert (results["data-one"], results["data-other"]) == ("{count} Treffer für „{query}“",) * 2
    assert results["data-none"] == "Keine Treffer für „{query}“."
    assert results["data-failed"] == "Die Suche ist gerade nicht verfügbar."
    assert results.select_one("button.np-search-more").get_text() == "Weitere Treffer"


def pagefind_bodies(soup: BeautifulSoup) -> list:
    return soup.find_all(attrs={"data-pagefind-body": True})


def test_pagefind_indexes_the_article_of_a_post(built):
    soup = read_html(built, POST)
    [body] = pagefind_bodies(soup)
    assert body.name == "article" and "zeppelin" in body.get_text()
    assert body.find("h1").get_text().startswith("Airships return to the harbour")
    assert body["data-pagefind-meta"] == "date:14 March 2025"
    assert body.select_one(".np-tags")["data-pagefind-meta"] == "tags:transport · sky"
    assert not body.has_attr("data-pagefind-sort")  # results by relevance: no sort data to fetch
    # Words that are not the post's: the byline, tags, share and older/newer links, "¶" links.
    ignored = body.find_all(attrs={"data-pagefind-ignore": True})
    assert {"np-post-meta", "np-tags", "np-share", "np-post-nav", "headerlink"} <= {
        name for element in ignored for name in element.get("class", [])}
    for outside in soup.select("header.np-site-header, footer.np-site-footer, .np-related"):
        assert outside.find_parent(attrs={"data-pagefind-body": True}) is None


def test_pagefind_indexes_the_text_of_a_page(built):
    [body] = pagefind_bodies(read_html(built, "about"))
    assert "lighthouse logbook" in body.get_text() and "np-page" in body["class"]


@pytest.mark.parametrize("page", ["index", "blog", "blog/tag/transport", "blog/tag", "search", "genindex"])
def test_pagefind_leaves_out_listings_and_generated_pages(built, page):
    assert pagefind_bodies(read_html(built, page)) == []


def test_hostile_title_stays_text_for_pagefind(built):
    [body] = pagefind_bodies(read_html(built, "posts/hostile"))
    assert body.find("img") is None
    assert "<img src=x onerror=alert(1)>" in body.find("h1").get_text()


def scripts(soup: BeautifulSoup) -> list[str]:
    return [tag["src"].partition("?")[0] for tag in soup.find_all("script", src=True)]


def test_search_page_with_sphinx_index(built):
    soup = read_html(built, "search")
    assert {"_static/searchtools.js", "searchindex.js", "_static/newsposts-search.js"} <= set(scripts(soup))
    assert scripts(soup).index("_static/searchtools.js") < scripts(soup).index("_static/newsposts-search.js")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.select_one("noscript").get_text() == "Search needs JavaScript."


def test_search_page_with_pagefind(built_for_pagefind):
    soup = read_html(built_for_pagefind, "search")
    assert "_static/newsposts-search.js" in scripts(soup)
    assert not {"_static/searchtools.js", "searchindex.js"} & set(scripts(soup))
    results = soup.select_one("#search-results")
    assert (results["data-bundle"], results["data-root"]) == ("./pagefind/", "./")
    assert results["data-one"] == "{count} result for “{query}”"
    assert results["data-other"] == "{count} results for “{query}”"
    assert results["data-none"] == "No results for “{query}”."
    assert soup.select_one("noscript").get_text() == "Search needs JavaScript."
    # The page's own form is named apart from the header's: two search landmarks, told apart.
    assert soup.select_one("main form[role=search]")["aria-labelledby"] == "search-documentation"
