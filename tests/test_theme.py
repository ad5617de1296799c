"""The newsposts theme's pages, from the built HTML: front page, post, archives, options."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import build, copy_root, read_html, warnings_of
from sphinx_newsposts.pages.theme_options import OPTIONS, THEME_TOML, default_options, theme_options
from sphinx_newsposts.theme import THEME_DIR

POST = "posts/p6"


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("theme")


def card_titles(soup) -> list[str]:
    return [a.get_text() for a in soup.select(".np-card-title a")]


def test_builds_without_warnings(built):
    assert warnings_of(built) == []


def test_front_page_shows_latest_cards_newest_first(built):
    soup = read_html(built, "index")
    assert "The front page." in soup.select_one(".np-front").get_text()
    cards = soup.select(".np-latest .np-card")
    assert card_titles(soup) == ["Post p6", "Post p4", "Post p3"]  # front_page_posts = 3
    assert "np-card--lead" in cards[0]["class"] and "np-card--lead" not in cards[1]["class"]
    assert "np-card--text" in cards[2]["class"] and cards[2].find("img") is None  # no teaser
    lead_image = cards[0].find("img")
    assert not lead_image.has_attr("loading")  # the first card is not lazy
    assert (lead_image["width"], lead_image["height"], lead_image["alt"]) == ("120", "63", "Post p6")
    assert soup.select_one(".np-more a")["href"] == "blog.html"


def test_lazy_loading_after_the_first_card(built):
    soup = read_html(built, "blog/page/3")
    images = soup.select(".np-card img")
    assert [img.get("loading") for img in images] == [None, "lazy"]


def test_post_page_meta_tags_navigation(built):
    soup = read_html(built, "posts/p4")
    meta = soup.select_one(".np-post-meta")
    assert meta.find("time")["datetime"] == "2025-04-01T00:00:00+00:00"
    assert meta.find("a", rel="author")["href"] == "../blog/author/ann-author.html"
    assert "1 min read" in meta.get_text()
    assert [a["href"] for a in soup.select(".np-tags a")] == ["../blog/tag/y.html", "../blog/tag/z.html"]
    nav = soup.select_one(".np-post-nav")
    assert nav.find("a", rel="prev")["href"] == "p3.html" and nav.find("a", rel="next")["href"] == "p6.html"


def test_related_posts_by_shared_tags_then_newest(built):
    soup = read_html(built, POST)
    assert card_titles(soup.select_one(".np-related")) == ["Post p1", "Post p4", "Post p2", "Post p3"]
    assert soup.select_one(".np-related h2").get_text() == "Related posts"


def test_share_links_carry_the_absolute_url(built):
    links = {a.get_text(): a["href"] for a in read_html(built, POST).select(".np-share a")}
    assert set(links) == {"E-mail", "Bluesky", "LinkedIn", "X"}
    assert unquote(links["LinkedIn"]).endswith("url=https://theme.example.org/news/posts/p6.html")
    assert all(a.startswith(("mailto:", "https://")) for a in links.values())


def test_table_of_contents_kept_in_view(built):
    soup = read_html(built, POST)
    assert "np-toc-aside" in soup.body["class"]
    assert "np-post--toc-aside" in soup.select_one("article.np-post")["class"]
    toc = soup.select_one("nav.np-toc.np-toc--sticky")
    assert "A section" in toc.get_text()


def test_all_posts_are_paginated(built):
    pages = [read_html(built, name) for name in ("blog", "blog/page/2", "blog/page/3")]
    assert [card_titles(page) for page in pages] == [["Post p6", "Post p4"], ["Post p3", "Post p2"],
                                                     ["Post p1", "Post p5"]]
    second = pages[1].select_one("nav.np-pagination")
    assert second.find("a", rel="prev")["href"] == "../../blog.html"
    assert second.find("a", rel="next")["href"] == "3.html"
    assert second.select_one("[aria-current=page]").get_text() == "2"
    assert not Path(built.outdir, "blog/page/4.html").exists()


def test_label_indexes_count_published_posts_only(built):
    def counts(docname):
        soup = read_html(built, docname)
        return {li.a.get_text(): int(li.select_one(".np-count").get_text()) for li in soup.select(".np-label-index li")}

    assert counts("blog/tag") == {"q": 1, "x": 4, "y": 4, "z": 3}  # the draft's x is not counted
    assert counts("blog/category") == {"News": 2}
    assert counts("blog/author") == {"Ann Author": 1}
    assert counts("blog/archive") == {"2025": 5, "2024": 1}
    assert card_titles(read_html(built, "blog/2024")) == ["Post p5"]
    assert card_titles(read_html(built, "blog/tag/x")) == ["Post p6", "Post p3"]
    assert card_titles(read_html(built, "blog/tag/x/page/2")) == ["Post p2", "Post p1"]


def test_drafts_appear_in_no_listing(built):
    for path in Path(built.outdir).rglob("*.html"):
        if path.name != "draft.html":
            assert "Post draft" not in path.read_text(encoding="utf-8"), path


def test_site_header_navigation(built):
    soup = read_html(built, "blog/tag/x")
    links = [(a.get_text(), a["href"], a.get("aria-current")) for a in soup.select(".np-site-nav a")]
    assert links == [("All posts", "../../blog.html", None), ("Tags", "../tag.html", "page"),
                     ("Categories", "../category.html", None), ("Archive", "../archive.html", None),
                     ("About", "../../about.html", None)]  # conf.py links are from the root
    assert soup.select_one("a.np-skip-link")["href"] == "#main-content"
    assert soup.find("main", id="main-content") is not None
    feeds = [(a.get_text(), a["href"]) for a in soup.select(".np-site-footer .np-feeds a")]
    assert feeds == [("Atom", "../atom.xml"), ("RSS", "../rss.xml"), ("JSON Feed", "../feed.json")]


def test_pages_stay_light_and_local(built):
    outdir = Path(built.outdir)
    for page in ("index", POST, "blog/tag/x"):
        soup = read_html(built, page)
        assets = [tag.get("href") for tag in soup.find_all("link", rel="stylesheet")]
        assets += [tag.get("src") for tag in soup.find_all("script") if tag.get("src")]
        assert all("://" not in url and not url.startswith("//") for url in assets), assets
        page_dir = (outdir / page).parent
        size = sum((page_dir / re.sub(r"\?.*$", "", url)).stat().st_size for url in assets)
        size += sum(len(tag.string or "") for tag in soup.find_all(["style", "script"]) if not tag.get("src"))
        assert size < 38 * 1024, (page, size)  # the README: "about 35 KB of CSS and JS per page"


def test_asset_links_carry_each_file_checksum_from_every_folder_depth(built):
    # tags are shared by pages that write the same address; each page still gets its own ../
    outdir = Path(built.outdir)
    seen: dict[str, set[str]] = {}
    for page in ("index", POST, "blog/tag/x", "blog/page/2", "blog/2024"):
        soup = read_html(built, page)
        urls = [tag["href"] for tag in soup.find_all("link", rel="stylesheet")]
        urls += [tag["src"] for tag in soup.find_all("script", src=True) if "?v=" in tag["src"]]
        assert any("newsposts-components.css" in url for url in urls), page
        for url in urls:
            path, _, checksum = url.partition("?v=")
            file = ((outdir / page).parent / path).resolve()
            assert file.is_file(), (page, url)
            content = file.read_bytes().replace(b"\r", b"")  # as Sphinx reads it
            assert checksum == f"{zlib.crc32(content):08x}", (page, url)
            seen.setdefault(file.name, set()).add(path)
    assert seen["newsposts.css"] == {"_static/newsposts.css", "../_static/newsposts.css", "../../_static/newsposts.css"}


def test_bad_theme_options_warn_and_fall_back(tmp_path):
    options = {"posts_per_page": "many", "accent_color": "red;}</style><script>",
               "nav_links": [{"title": "x", "url": "javascript:alert(1)"}]}
    app = build(copy_root("theme", tmp_path / "src"), fresh=True, confoverrides={"html_theme_options": options})
    found = warnings_of(app)
    assert len(found) == 3 and all(w.endswith("[newsposts.theme]") for w in found), found
    assert any("posts_per_page" in w and "using 20" in w for w in found)
    soup = read_html(app, "index")
    assert "<script>" not in str(soup.find("style"))
    assert "--np-accent-light:#0b57d0" in soup.find("style").string
    assert "javascript" not in str(soup.select_one(".np-site-nav"))


def test_options_given_on_the_command_line_read_as_written(tmp_path):
    # -D html_theme_options.<name>=<value> delivers every value as text
    overrides = {"html_theme_options.posts_per_page": "1", "html_theme_options.front_page_posts": " 1 ",
                 "html_theme_options.share_links": "no"}
    app = build(copy_root("theme", tmp_path / "src"), fresh=True, confoverrides=overrides)
    assert warnings_of(app) == []
    assert read_html(app, POST).select(".np-share a") == []
    assert len(card_titles(read_html(app, "blog"))) == 1
    assert len(card_titles(read_html(app, "index"))) == 1


def test_theme_toml_declares_every_checked_option_with_a_good_default():
    defaults = default_options()
    assert THEME_TOML == THEME_DIR / "theme.toml"
    assert list(defaults) == list(OPTIONS)
    for name, check in OPTIONS.items():
        assert check(defaults[name]) == defaults[name], name


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_other_themes_show_archives_and_components(tmp_path, theme):
    srcdir = copy_root("theme", tmp_path / "src")
    (srcdir / "posts" / "p3.md").write_text(
        "---\ntitle: Post p3\ndate: 2025-03-01\ntags: [x]\n---\nBody.\n\n## FAQ\n**Q: Works?**\nA: Yes.\n",
        encoding="utf-8")
    app = build(srcdir, fresh=True, confoverrides={"html_theme": theme, "html_theme_options": {}},
                warningiserror=True)
    assert app.statuscode == 0, warnings_of(app)
    assert card_titles(read_html(app, "blog/tag/x"))[:2] == ["Post p6", "Post p3"]
    post = read_html(app, "posts/p3")
    assert post.select_one("details.np-faq-item summary").get_text() == "Works?"
    assert any("newsposts-components.css" in link["href"] for link in post.find_all("link", rel="stylesheet"))
    assert "This page was generated by inheriting" not in post.get_text()
    assert theme_options(app) == default_options()  # pages read the defaults under another theme


def test_scripts_never_hold_back_the_first_paint(built):
    for page in ("index", POST, "blog/tag/x", "blog/2024"):
        scripts = read_html(built, page).find_all("script", src=True)
        assert scripts and all(tag.has_attr("defer") or tag.has_attr("async") for tag in scripts), (page, scripts)


def test_when_the_first_card_has_no_image_the_second_cards_comes_first(tmp_path):
    srcdir = copy_root("theme", tmp_path / "src")
    p6, p4 = srcdir / "posts" / "p6.md", srcdir / "posts" / "p4.md"
    p6.write_text(p6.read_text(encoding="utf-8").replace("header:\n  teaser: /assets/teaser.png\n", ""),
                  encoding="utf-8")
    p4.write_text(p4.read_text(encoding="utf-8").replace("categories: [News]\n",
                                                         "categories: [News]\nimage: /assets/teaser.png\n"),
                  encoding="utf-8")
    cards = read_html(build(srcdir, fresh=True), "index").select(".np-latest .np-card")
    assert cards[0].find("img") is None
    second = cards[1].find("img")
    assert second["fetchpriority"] == "high" and not second.has_attr("loading")
