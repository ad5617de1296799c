"""Links by a post's Jekyll address, and to kramdown's heading anchors, land on the post's page."""

from __future__ import annotations

import pytest

from conftest import build, copy_root, read_html, warnings_of
from sphinx_newsposts.reading.heading_ids import gfm_id, kramdown_id

RELEASE = "posts/2013-05-06-jekyll-1-0-0-released"
BYPASS = "posts/2013-05-14-taint-bypass"
POLICY = "posts/2013-06-01-security-policy"


@pytest.fixture(scope="module")
def html_site(site_factory):
    return site_factory("jekyll-addresses")


@pytest.fixture(scope="module")
def dirhtml_site(site_factory):
    return site_factory("jekyll-addresses", buildername="dirhtml")


def body_links(soup) -> dict[str, str]:
    """Link text -> href of the links written in the post's body."""
    return {a.get_text(): a["href"] for a in soup.select("main a.reference")}


def test_every_form_of_the_address_leads_to_the_post(html_site):
    links = body_links(read_html(html_site, BYPASS))
    page = "2013-05-06-jekyll-1-0-0-released.html"
    for text in ("default style", "site style", "with baseurl", "with index", "bare", "with the html_baseurl folder"):
        assert links[text] == page, text
    assert links["to a heading"] == page + "#install-and-upgrade"
    assert links["to a numbered heading"] == page + "#20-changes"
    assert links["to a non-ASCII heading"] == page + "#%C3%BCberblick--ausblick"
    assert links["to a custom permalink"] == "2013-06-01-security-policy.html"
    # full URLs on the site's hosts (_config.yml's url, html_baseurl's), whichever scheme they name
    assert links["full old address"] == page + "#20-changes"
    assert links["full new address"] == page
    assert links["another site"] == "https://elsewhere.example.org/news/2013/05/06/jekyll-1-0-0-released.html"


def test_site_permalink_style_and_baseurl_of_config_yml(html_site):
    # /blog (baseurl) + /:categories/:year/:month/:day/:title/ of _config.yml
    assert body_links(read_html(html_site, POLICY)) == {"the bypass": "2013-05-14-taint-bypass.html"}


def test_a_page_links_to_a_post_from_another_folder(html_site):
    assert body_links(read_html(html_site, "index"))["the release"] == f"{RELEASE}.html"


def test_an_unknown_address_keeps_myst_s_warning(html_site):
    warnings = warnings_of(html_site)
    assert warnings == [f"{BYPASS}.md:18: WARNING: 'myst' cross-reference target not found: "
                        "'/news/2001/01/01/no-such-post.html' [myst.xref_missing]"]


def test_kramdown_heading_ids_are_on_the_headings(html_site):
    soup = read_html(html_site, RELEASE)

    def heading_of(anchor: str) -> str:
        [element] = soup.select(f'[id="{anchor}"]')
        section = element if element.name == "section" else element.find_parent("section")
        return section.find(["h2", "h3"]).get_text().rstrip("¶")

    assert heading_of("install-and-upgrade") == "Install and upgrade"
    assert heading_of("whats-new") == heading_of("what-s-new") == "What’s new?"
    assert heading_of("20-changes") == heading_of("changes") == "2.0 Changes!"
    assert heading_of("überblick--ausblick") == "Überblick & Ausblick"  # GFM input, Jekyll's default
    assert heading_of("berblick--ausblick") == "Überblick & Ausblick"  # kramdown input
    faqs = soup.select('[id="faq"], [id="faq-1"]')
    assert len(faqs) == 2 and faqs[0] is not faqs[1]
    assert not soup.select('[id="jekyll-100-released"]')  # the front matter's title was no heading in Jekyll
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))


def test_in_page_links_to_kramdown_ids(html_site):
    links = body_links(read_html(html_site, RELEASE))
    assert links == {"what is new": "#whats-new", "the second FAQ": "#faq-1"}


def test_dirhtml_links(dirhtml_site):
    links = body_links(read_html(dirhtml_site, f"{BYPASS}/index"))
    assert links["with baseurl"] == "../2013-05-06-jekyll-1-0-0-released/"
    assert links["to a heading"] == "../2013-05-06-jekyll-1-0-0-released/#install-and-upgrade"
    assert body_links(read_html(dirhtml_site, "index"))["the release"] == "posts/2013-05-06-jekyll-1-0-0-released/"


LATE_POST = """---
title: A late post
date: 2013-07-01
categories: [news]
---
Arrived later.
"""


def test_a_post_added_later_makes_an_old_link_resolve(tmp_path):
    srcdir = copy_root("jekyll-addresses", tmp_path / "src")
    (srcdir / "posts" / "2013-05-14-taint-bypass.md").open("a", encoding="utf-8").write(
        "- [later](/news/2013/07/01/late.html)\n")
    first = build(srcdir, fresh=True)
    assert body_links(read_html(first, BYPASS))["later"] == "/news/2013/07/01/late.html"
    (srcdir / "posts" / "2013-07-01-late.md").write_text(LATE_POST, encoding="utf-8")
    second = build(srcdir)
    assert body_links(read_html(second, BYPASS))["later"] == "2013-07-01-late.html"
    assert not any("late.html" in warning for warning in warnings_of(second))
    (srcdir / "posts" / "2013-07-01-late.md").unlink()
    third = build(srcdir)
    assert body_links(read_html(third, BYPASS))["later"] == "/news/2013/07/01/late.html"


@pytest.mark.parametrize(("heading", "gfm", "kramdown"), [
    ("Install and upgrade", "install-and-upgrade", "install-and-upgrade"),
    ("What's new?", "whats-new", "whats-new"),
    ("2.0 Changes!", "20-changes", "changes"),
    ("Überblick & Ausblick", "überblick--ausblick", "berblick--ausblick"),
    ("snake_case here", "snake_case-here", "snakecase-here"),
    ("!!!", "", "section"),
])
def test_heading_id_algorithms(heading, gfm, kramdown):
    assert gfm_id(heading) == gfm
    assert kramdown_id(heading) == kramdown


def test_parallel_read_resolves_the_same(tmp_path, html_site):
    parallel = build(copy_root("jekyll-addresses", tmp_path / "src"), fresh=True, parallel=2)
    assert parallel.is_parallel_allowed("read")
    for docname in ("index", RELEASE, BYPASS, POLICY):
        assert body_links(read_html(parallel, docname)) == body_links(read_html(html_site, docname))
    # the link targets each worker noted reach the main process, for the next incremental build
    assert parallel.env.newsposts_address_links.targets == html_site.env.newsposts_address_links.targets
    assert BYPASS in parallel.env.newsposts_address_links.targets


def test_a_broken_config_yml_is_reported_and_the_default_style_still_resolves(tmp_path):
    srcdir = copy_root("jekyll-addresses", tmp_path / "src")
    (srcdir / "_config.yml").write_text("permalink: [unclosed\n", encoding="utf-8")
    app = build(srcdir, fresh=True)
    links = body_links(read_html(app, BYPASS))
    assert links["default style"] == "2013-05-06-jekyll-1-0-0-released.html"
    assert links["site style"] == "2013-05-06-jekyll-1-0-0-released.html"  # the default style, /-ended
    assert links["with baseurl"] == "/blog/news/2013/05/06/jekyll-1-0-0-released/"
    [warning] = [line for line in warnings_of(app) if "newsposts.config" in line]
    assert warning.startswith("_config.yml:2: WARNING: _config.yml not read, so its permalink style and baseurl")
