"""Every page says what it is in ``<meta name="description">`` and ``og:description`` (search results
show it), has OpenGraph tags and a canonical link; a site without a favicon gets one that exists."""

from __future__ import annotations

import pytest

from conftest import build, copy_root, read_html

PROJECT = "Nuntii"
# page -> its description (the i18n root: 6 posts, 2 per archive page, a front page with a paragraph)
EXPECTED = {
    "index": "Lorem ipsum dolor sit amet.",
    "blog": f"All posts on {PROJECT}",
    "blog/page/2": f"All posts, page 2 on {PROJECT}",
    "blog/tag": f"Tags on {PROJECT}",
    "blog/tag/alpha": f"Posts tagged “alpha” on {PROJECT}",
    "blog/tag/alpha/page/2": f"Posts tagged “alpha”, page 2 on {PROJECT}",
    "blog/category/scientia": f"Posts in “Scientia” on {PROJECT}",
    "blog/author/gaius-plinius": f"Posts by Gaius Plinius on {PROJECT}",
    "blog/2025": f"Posts from 2025 on {PROJECT}",
    "search": f"Search on {PROJECT}",
    "genindex": f"Index on {PROJECT}",
}


def _description(soup) -> str:
    found = soup.find_all("meta", attrs={"name": "description"})
    assert len(found) == 1, found
    return found[0]["content"]


@pytest.fixture(scope="module")
def site(site_factory):
    return site_factory("i18n")


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_every_page_kind_has_its_description_og_tags_and_canonical_link(site, page):
    soup = read_html(site, page)
    assert _description(soup) == EXPECTED[page]
    assert soup.find("meta", property="og:description")["content"] == EXPECTED[page]
    url = f"https://nuntii.example.org/{page}.html"
    assert soup.find("meta", property="og:url")["content"] == url
    assert soup.find("link", rel="canonical")["href"] == url
    assert soup.find("meta", property="og:title")["content"]


def test_a_post_is_described_by_its_own_excerpt(site):
    soup = read_html(site, "posts/2025-03-05-prima")
    description = _description(soup)
    assert description and description != EXPECTED["index"]
    assert description == soup.find("meta", property="og:description")["content"]
    assert description.split()[0] in soup.find("main").get_text()


def _front_page_description(tmp_path, body: str, **overrides) -> str:
    srcdir = copy_root("i18n", tmp_path / "src")
    (srcdir / "index.md").write_text(f"# {PROJECT}\n\n{body}", encoding="utf-8")
    return _description(read_html(build(srcdir, fresh=True, confoverrides=overrides), "index"))


def test_a_front_page_without_text_falls_back_to_the_theme_option_then_to_a_sentence(tmp_path):
    assert _front_page_description(tmp_path / "a", "") == f"Latest news from {PROJECT}"
    option = {"html_theme_options.description": "Daily notes from the Nuntii newsroom."}
    assert _front_page_description(tmp_path / "b", "", **option) == "Daily notes from the Nuntii newsroom."
    # the page's own first paragraph comes first, the option second
    assert _front_page_description(tmp_path / "c", "Our own words.\n", **option) == "Our own words."


def test_descriptions_are_translated(tmp_path):
    srcdir = copy_root("i18n", tmp_path / "src")
    app = build(srcdir, fresh=True, confoverrides={"language": "de"})
    assert _description(read_html(app, "blog/tag/alpha")) == f"Beiträge mit dem Schlagwort „alpha“ – {PROJECT}"
    (srcdir / "index.md").write_text(f"# {PROJECT}\n", encoding="utf-8")
    app = build(srcdir, fresh=True, confoverrides={"language": "fr"})
    assert _description(read_html(app, "index")) == f"Dernières nouvelles de {PROJECT}"


def test_a_site_without_a_favicon_gets_one_in_its_accent_colour(tmp_path):
    srcdir = copy_root("i18n", tmp_path / "src")
    app = build(srcdir, fresh=True, confoverrides={"html_theme_options.accent_color": "#aa3311"})
    for page in ("index", "posts/2025-03-05-prima", "blog/tag/alpha/page/2"):
        icons = read_html(app, page).find_all("link", rel="icon")
        assert len(icons) == 1
        icon = app.outdir / page.rsplit("/", 1)[0] / icons[0]["href"] if "/" in page else app.outdir / icons[0]["href"]
        assert icon.resolve() == (app.outdir / "_static" / "newsposts-icon.svg").resolve()
    svg = (app.outdir / "_static" / "newsposts-icon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'fill="#aa3311"' in svg


def test_a_site_favicon_is_the_only_one(tmp_path):
    srcdir = copy_root("i18n", tmp_path / "src")
    (srcdir / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    app = build(srcdir, fresh=True, confoverrides={"html_favicon": "icon.png"})
    icons = read_html(app, "index").find_all("link", rel="icon")
    assert [icon["href"] for icon in icons] == ["_static/icon.png"]
