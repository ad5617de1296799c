"""Jekyll's Liquid runs in Markdown documents with front matter before MyST reads them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import build, copy_root, documents_read, read_html, warnings_of

RELEASE = "_posts/2019-10-01-release"
OLDER = "_posts/2019-09-01-older"
FILTERS = "_posts/2019-08-01-filters"
FOLDER_NEWS = "news/_posts/2019-10-07-folder-news"


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("liquid")


def text_of(app, docname: str) -> str:
    return read_html(app, docname).find(["article", "main"]).get_text()


def liquid_warnings(app) -> list[str]:
    return [w for w in warnings_of(app) if w.endswith("[newsposts.liquid]")]


def source_line(docname: str, needle: str) -> int:
    lines = (Path(__file__).parent / "roots" / "test-liquid" / f"{docname}.md").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_data_lookups_and_site_values_are_filled_in(built):
    text = text_of(built, RELEASE)
    assert "Version 4.0.6 of Liquid Test Site is out." in text
    assert "SHA256: bbbb6666" in text
    assert "Mirrors: Alpha Mirror (DE), Beta Mirror (JP)." in text  # _data/mirrors.csv
    assert "Lead: Ana Lead." in text  # _data/team/leads.json
    assert "Tags: release and security; published 01 October 2019." in text
    assert "Home: /blog/about/ and https://www.example.org/blog/about/." in text
    assert "{{" not in text.replace("{{ not.run }}", "")


def test_include_gets_its_parameters(built):
    assert "Download 4.0.6 from https://dl.example.org (no note)." in text_of(built, RELEASE)


def test_undefined_variables_are_empty(built):
    assert "Unknown: []" in text_of(built, RELEASE)


def test_link_and_post_url_become_links_to_the_pages(built):
    soup = read_html(built, RELEASE)
    hrefs = {a.get_text(): a["href"] for a in soup.select("article a.reference.internal")}
    assert hrefs["the older release"] == "2019-09-01-older.html"
    assert hrefs["the notes"] == "../notes/about.html"


def test_post_url_names_a_post_of_a_category_folder_as_jekyll_4_does(built):
    soup = read_html(built, RELEASE)
    hrefs = {a.get_text(): a["href"] for a in soup.select("article a.reference.internal")}
    # "news/NAME" is the post in news/_posts/; a bare name falls back to any _posts folder
    assert hrefs["named in full"] == "../news/_posts/2019-10-07-folder-news.html"
    assert hrefs["by file name"] == "../news/_posts/2019-10-07-folder-news.html"
    assert not [w for w in liquid_warnings(built) if w.startswith(RELEASE)]


def test_page_of_a_post_in_a_category_folder_is_what_jekyll_gives(built):
    text = text_of(built, FOLDER_NEWS)
    assert "Categories: news and Extra." in text  # the folders above _posts first, then the front matter's
    assert "Path: news/_posts/2019-10-07-folder-news.md" in text
    # Jekyll's default permalink style, categories lowered; the site's baseurl is not part of page.url
    assert "Address: /news/extra/2019/10/07/folder-news.html" in text


def test_jsonify_writes_json_as_ruby_does(built):
    codes = [code.get_text() for code in read_html(built, FOLDER_NEWS).select("article p code")]
    assert "[3,1,2]" in codes  # no spaces
    assert '{"name":"Zoë","motto":"a < b & \\"c\\""}' in codes  # characters beyond ASCII and <, >, & as they are
    assert '"2019-10-07 09:15:00 +0000"' in codes  # a date as Ruby's Time#to_s


def test_highlight_becomes_a_code_block_and_raw_stays_as_written(built):
    soup = read_html(built, RELEASE)
    code = soup.select_one("article div.highlight-ruby")
    assert code is not None and code.get_text().strip() == 'puts "4.0.6"'
    assert "Shown: {{ not.run }}" in text_of(built, RELEASE)


def test_liquid_output_is_sanitized_like_any_raw_html(built):
    article = read_html(built, RELEASE).find("article")
    body_paragraphs = [p.get_text() for p in article.find_all("p")]
    assert "Title: Release 4.0.6 alert(1)" in body_paragraphs
    assert article.find("script") is None
    assert f"{RELEASE}.md:{source_line(RELEASE, 'Title:')}: WARNING: raw HTML: <script> removed" in "\n".join(
        warnings_of(built))


def test_jekyll_filters(built):
    text = text_of(built, FILTERS)
    for expected in (
        "Slug: hello-world-friends",
        "Xmlschema: 2019-08-01T10:30:00+02:00",  # the offset the post gives
        "Rfc822: Thu, 01 Aug 2019 10:30:00 +0200",
        "Ordinal: August 1st, 2019",
        "Words: 3",
        "Sentence: Alpha Mirror or Beta Mirror",
        "Found: 4.0.5/aaaa5555",
        "Where exp: 4.0.6",
        "Groups: DE,JP",
        "Json: [{“name”:”Ana Lead”,”role”:”core”}]",  # no spaces; quotes made typographic
        "Escape: a+b%26c a%20b",
        "Spaces: a b c.",
        "Categories: news+release",
        f"Time: {time.gmtime().tm_year}",
    ):
        assert expected in text, expected
    assert read_html(built, FILTERS).find("x") is None  # xml_escape


def test_a_failing_construct_is_reported_at_its_line_and_left_as_written(built):
    warned = liquid_warnings(built)

    def warned_at(needle: str, reason: str) -> bool:
        at = f"{OLDER}.md:{source_line(OLDER, needle)}: WARNING: "
        return any(w.startswith(at) and reason in w for w in warned)

    assert warned_at("Broken tag", "missing expression")
    assert warned_at("Bad filter", "unknown filter 'nosuchfilter'")
    assert warned_at("(1..100000)", "loop iteration limit")
    assert warned_at("include loop.html", "context depth")
    assert warned_at("etc/passwd", "outside the source folder")
    text = text_of(built, OLDER)
    assert "Broken tag: {% if %} stays." in text
    assert "nosuchfilter" in text
    assert "Good after: FINE." in text  # the rest of the post's Liquid still ran
    assert "{% include ../../../../etc/passwd %}" in text
    assert "root:" not in text
    assert len(warned) == 5  # each failure once: the check for unrun Liquid does not repeat them


def test_later_warnings_point_at_source_lines_after_multiline_liquid(built):
    # the loop before it writes four lines from three
    line = source_line(OLDER, "[a bad link]")
    assert any(w.startswith(f"{OLDER}.md:{line}: WARNING: link to 'javascript:alert(1)'") for w in warnings_of(built))


def test_pages_with_front_matter_run_liquid_and_others_do_not(built):
    assert "Site: Liquid Test Site" in text_of(built, "notes/about")
    assert "No front matter: {{ site.title }} stays." in text_of(built, "notes/plain")


def test_turned_off_liquid_stays_as_text_and_is_reported(tmp_path):
    app = build(copy_root("liquid", tmp_path / "src"), fresh=True, confoverrides={"newsposts_liquid": False})
    assert "SHA256: {{ release.sha256.gz }}" in text_of(app, RELEASE)
    assert any("is not run here" in w and w.startswith(f"{RELEASE}.md:{source_line(RELEASE, 'SHA256')}:")
               for w in liquid_warnings(app))


def test_config_file_named_by_the_setting(tmp_path):
    srcdir = copy_root("liquid", tmp_path / "src")
    (srcdir / "_config.yml").unlink()
    (tmp_path / "jekyll.yml").write_text("title: Named Config\n", encoding="utf-8")
    app = build(srcdir, fresh=True, confoverrides={"newsposts_jekyll_config": "../jekyll.yml"})
    assert "Site: Named Config" in text_of(app, "notes/about")
    # without url and baseurl in the config, they come from html_baseurl
    assert "Home: /news/about/ and https://liquid.example.org/news/about/." in text_of(app, RELEASE)


def _read(app) -> set[str]:
    return set(documents_read(app))


def test_editing_a_file_liquid_read_rereads_exactly_the_documents_that_read_it(tmp_path):
    srcdir = copy_root("liquid", tmp_path / "src")
    build(srcdir, fresh=True)

    def touch_and_build(path: Path, old: str, new: str) -> set[str]:
        time.sleep(0.02)
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        app = build(srcdir)
        return _read(app)

    # the release post and the filters post read releases.yml; the older post's loop too
    assert touch_and_build(srcdir / "_data" / "releases.yml", "bbbb6666", "cccc7777") == {RELEASE, FILTERS, OLDER}
    assert touch_and_build(srcdir / "_includes" / "download.html", "Download", "Get") == {RELEASE}
    assert touch_and_build(srcdir / "_data" / "team" / "leads.json", "Ana", "Bea") == {RELEASE, FILTERS}
    assert touch_and_build(srcdir / "_config.yml", "Liquid Test Site", "Renamed Site") == {RELEASE, "notes/about"}
    app = build(srcdir)
    assert "SHA256: cccc7777" in text_of(app, RELEASE) and "Get 4.0.6" in text_of(app, RELEASE)
    assert "Site: Renamed Site" in text_of(app, "notes/about")


def test_jekylls_own_posts_keep_only_liquid_that_names_a_missing_file(tmp_path):
    app = build(copy_root("jekyll", tmp_path / "src"), fresh=True)
    warned = liquid_warnings(app)
    assert [w.split(": WARNING")[0] for w in warned] == ["_posts/2023-01-29-jekyll-3-9-3-released.markdown:13"]
    assert "no file '_docs/history.md'" in warned[0]
    soup = read_html(app, "_posts/2016-10-06-jekyll-3-3-is-here")
    link = soup.find("a", string="documentation on the subject")
    # relative_url, html_baseurl at the top of the host (the page is one of Jekyll's site, which MyST does not find)
    assert link["href"].endswith("/docs/themes/#assets")
    code = soup.select("article pre")
    assert any('{{ "/docs/assets/" | relative_url }}' in block.get_text() for block in code)  # {% raw %}
