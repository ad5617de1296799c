"""Posts written for Jekyll show what Jekyll 4 shows: the same text, the same links, the same posts published.

What Jekyll shows is recorded in tests/fixtures/jekyll_oracle/ by scripts/record_jekyll_oracle.py
(Jekyll runs there, never here). Both renderings are reduced to visible text and links by
tests/jekyll_text.py: one line per block, quotes and dashes in ASCII, links as the post they point
at. Of our page, the post's body is compared: the article without its title, meta line, header
image, contents, tags, share links and links to other posts.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from jekyll_text import element_ids, link_targets, normalised_links, visible_lines

from conftest import needs_chromium, serve, warnings_of
from sphinx_newsposts.index.post_index import post_index

FIXTURES = Path(__file__).parent / "fixtures"
#: What our theme adds around a post's body (theme/newsposts/partials/post.html).
OUR_ADDITIONS = ("p.np-post-meta", "picture.np-picture", "img.np-header-image", "nav.np-toc",
                 "ul.np-tags", "ul.np-share", "nav.np-post-nav")


@dataclass(frozen=True)
class Expected:
    title: str
    source: str
    url: str
    lines: list[str]
    links: list[str]


def read_expected(path: Path) -> Expected:
    head, text, links = path.read_text(encoding="utf-8").split("\n.\n")
    fields = dict(line.split(": ", 1) if ": " in line else (line.rstrip(":"), "") for line in head.splitlines())
    return Expected(fields["title"], fields["source"], fields["url"], text.splitlines(), links.splitlines())


def expected_posts(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.txt"))


def published_by_jekyll(folder: str) -> dict[str, list[str]]:
    return json.loads((FIXTURES / folder / "published.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class OurPost:
    title: str
    lines: list[str]
    links: list[str]


class OurSite:
    """Our build of a site, read the way the recorded Jekyll build was read."""

    def __init__(self, app) -> None:
        self.app = app
        self.meta = post_index(app.env).meta
        self.baseurl = (app.config.html_baseurl or "").rstrip("/")
        #: Where each post's page is, as the builder links to it (``dir/`` for ``dir/index.html``).
        self.docname_by_uri = {app.builder.get_target_uri(name): name
                               for name, meta in self.meta.items() if meta.is_post}

    def published(self) -> set[str]:
        return {name for name, meta in self.meta.items() if meta.is_post and not meta.draft}

    def docname_of_source(self, source: str) -> str:
        return str(Path(source).with_suffix(""))

    def post_of(self, page_uri: str):
        """Map an href on the page *page_uri* to the file stem of the post it leads to."""
        def resolve(address: str) -> str | None:
            parts = urlsplit(address)
            if parts.scheme or parts.netloc:
                if not self.baseurl or not address.startswith(self.baseurl + "/"):
                    return None
                path = urlsplit(address[len(self.baseurl):]).path
            elif parts.path.startswith("/"):
                path = parts.path
            else:
                path = "/" + posixpath.join(posixpath.dirname(page_uri), parts.path)
            path = posixpath.normpath(path).lstrip("/") + ("/" if path.endswith("/") else "")
            docname = self.docname_by_uri.get(path) or self.docname_by_uri.get(path + "index.html")
            return Path(docname).name if docname else None
        return resolve

    def ids_of(self, stem: str) -> set[str]:
        [page] = [Path(self.app.outdir) / uri for uri, name in self.docname_by_uri.items() if Path(name).name == stem]
        return element_ids(page.read_text(encoding="utf-8"))

    def post(self, docname: str) -> OurPost:
        uri = self.app.builder.get_target_uri(docname)
        page = Path(self.app.outdir) / uri
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.np-post")
        title = article.find("h1")
        title_text = " ".join(visible_lines(title)) if title else ""
        if title:
            title.decompose()
        for selector in OUR_ADDITIONS:
            for tag in article.select(selector):
                tag.decompose()
        links = normalised_links(link_targets(article), self.post_of(uri), Path(docname).name, self.ids_of)
        return OurPost(title_text, visible_lines(article), links)


@pytest.fixture(scope="module")
def oracle_site(site_factory) -> OurSite:
    return OurSite(site_factory("jekyll-oracle"))


#: Where the build deliberately shows something else than Jekyll: (post, Jekyll's line, ours, why).
DELIBERATE_DIFFERENCES = [
    ("2019-10-04-highlight-and-raw", 'print("")', 'print("{{ not liquid inside fences? }}")',
     "Liquid that cannot be parsed stays as written, with a located warning; Jekyll prints nothing"),
]


def _with_deliberate_differences(stem: str, lines: list[str]) -> list[str]:
    for post, jekyll_line, our_line, _why in DELIBERATE_DIFFERENCES:
        if post == stem:
            assert jekyll_line in lines, f"{stem}: Jekyll no longer shows {jekyll_line!r}; drop the difference"
            lines = [our_line if line == jekyll_line else line for line in lines]
    return lines


def compare(site: OurSite, expected_file: Path) -> None:
    expected = read_expected(expected_file)
    expected = replace(expected, lines=_with_deliberate_differences(expected_file.stem, expected.lines))
    docname = site.docname_of_source(expected.source)
    assert docname in site.published(), f"{expected.source} is published by Jekyll"
    ours = site.post(docname)
    assert ours.title == " ".join(visible_lines(f"<p>{expected.title}</p>"))
    assert ours.lines == expected.lines
    assert ours.links == expected.links


@pytest.mark.parametrize("expected_file", expected_posts("jekyll_oracle"), ids=lambda path: path.stem)
def test_post_shows_what_jekyll_shows(oracle_site, expected_file):
    compare(oracle_site, expected_file)


def test_the_same_posts_are_published(oracle_site):
    jekyll = published_by_jekyll("jekyll_oracle")
    assert jekyll["not_published"] == ["_posts/9999-12-31-far-future.md"]
    ours = oracle_site.published()
    assert {oracle_site.docname_of_source(source) for source in jekyll["published"]} <= ours
    assert not {oracle_site.docname_of_source(source) for source in jekyll["not_published"]} & ours


# -- the Jekyll project's own news posts ------------------------------------------------------------
#
# Copied unchanged into tests/roots/test-jekyll-news-sample; Jekyll rendered them with the
# settings and stubs of tests/fixtures/jekyll_news_site (the Jekyll project's permalinks,
# ``site.repository``, a page at /docs/history/ that posts link to).

@pytest.fixture(scope="module")
def news_site(site_factory) -> OurSite:
    return OurSite(site_factory("jekyll-news-sample"))


@pytest.mark.parametrize("expected_file", expected_posts("jekyll_news_oracle"), ids=lambda path: path.stem)
def test_jekyll_news_post_shows_what_jekyll_shows(news_site, expected_file):
    compare(news_site, expected_file)


def test_jekyll_news_posts_are_all_published(news_site):
    jekyll = published_by_jekyll("jekyll_news_oracle")
    assert jekyll["not_published"] == []
    assert {news_site.docname_of_source(source) for source in jekyll["published"]} == news_site.published()


def test_the_build_warns_only_of_the_liquid_it_leaves_as_written(oracle_site):
    # links to kramdown's heading ids in other posts (through {% link %}) resolve without a warning
    warnings = [line for line in warnings_of(oracle_site.app) if "WARNING" in line]
    assert len(warnings) == 1 and "not liquid inside fences?" in warnings[0], warnings


@needs_chromium
def test_a_long_checksum_wraps_instead_of_widening_the_page_on_a_phone(oracle_site, browser):
    with serve(Path(oracle_site.app.outdir)) as base:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + oracle_site.app.builder.get_target_uri("_posts/2019-10-01-oracle-4-0-6-released"))
        assert "SHA256" in page.inner_text("main")
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        page.close()
