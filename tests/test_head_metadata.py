"""What pages put in <head>: description, OpenGraph, Twitter, JSON-LD, feed autodiscovery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build, copy_root, read_html, warnings_of

POST = "posts/2025-07-16-big-story"
POST_URL = "https://head.example.org/news/posts/2025-07-16-big-story.html"
TITLE = 'Big story: <b>markup</b> & "quotes"'


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("head")


def meta_values(soup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"property": name})
            + soup.find_all("meta", attrs={"name": name})]


def json_ld(soup) -> dict[str, dict]:
    blocks = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return {block["@type"]: block for block in blocks}


def test_no_warnings(built):
    assert warnings_of(built) == []


def test_opengraph_and_twitter_for_a_post(built):
    soup = read_html(built, POST)
    single = {name: meta_values(soup, name) for name in (
        "og:type", "og:title", "og:url", "og:site_name", "og:locale", "og:description", "og:image",
        "og:image:width", "og:image:height", "og:image:alt", "article:published_time", "article:modified_time",
        "twitter:card", "description", "keywords")}
    assert single == {
        "og:type": ["article"], "og:title": [TITLE], "og:url": [POST_URL], "og:site_name": ["Head Test News"],
        "og:locale": ["en_US"], "og:description": ["The summary, with </script><!-- inside."],
        "og:image": ["https://head.example.org/news/_images/teaser.png"], "og:image:width": ["120"],
        "og:image:height": ["63"], "og:image:alt": ["A red rectangle"],
        "article:published_time": ["2025-07-16T03:55:41+02:00"],
        "article:modified_time": ["2025-07-17T10:00:00+02:00"],
        "twitter:card": ["summary_large_image"], "description": ["The summary, with </script><!-- inside."],
        "keywords": ["OpenAI, Meta"],
    }
    assert meta_values(soup, "article:section") == ["Business", "Tech"]
    assert meta_values(soup, "article:tag") == ["ai", "meta"]
    assert meta_values(soup, "article:author") == ["https://head.example.org/people/jane"]
    assert soup.find("link", rel="canonical")["href"] == POST_URL


def test_pages_that_are_not_posts(built):
    soup = read_html(built, "index")
    assert meta_values(soup, "og:type") == ["website"]
    assert meta_values(soup, "twitter:card") == ["summary"]
    assert meta_values(soup, "article:published_time") == []
    plain = read_html(built, "posts/2025-07-10-plain")
    # a post without an image gets its generated social card (tests/test_social_cards.py)
    assert meta_values(plain, "twitter:card") == ["summary_large_image"]
    assert meta_values(plain, "og:image")[0].startswith("https://head.example.org/news/_images/social/")


def test_news_article_json_ld(built):
    blocks = json_ld(read_html(built, POST))
    article = blocks["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == TITLE
    assert article["description"] == "The summary, with </script><!-- inside."
    assert article["datePublished"] == "2025-07-16T03:55:41+02:00"
    assert article["dateModified"] == "2025-07-17T10:00:00+02:00"
    assert article["author"] == [{"@type": "Person", "name": "Jane Reporter",
                                  "url": "https://head.example.org/people/jane"}]
    assert article["publisher"] == {"@type": "Organization", "name": "Head Test Media",
                                    "url": "https://head.example.org/",
                                    "logo": {"@type": "ImageObject",
                                             "url": "https://head.example.org/news/_static/logo.png"}}
    assert article["image"] == ["https://head.example.org/news/_images/teaser.png"]
    assert article["keywords"] == ["OpenAI", "Meta", "ai", "meta"]
    assert article["articleSection"] == ["Business", "Tech"]
    assert article["wordCount"] > 5 and article["inLanguage"] == "en"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": POST_URL}
    cited = {"@type": "CreativeWork", "name": "The original", "url": "https://www.wired.com/story/example/",
             "publisher": {"@type": "Organization", "name": "WIRED"}}
    assert article["isBasedOn"] == cited and article["citation"] == [cited]
    assert [q["name"] for q in blocks["FAQPage"]["mainEntity"]] == ["Why?"]


def test_breadcrumbs_and_website(built):
    crumbs = json_ld(read_html(built, POST))["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Head Test News", "https://head.example.org/news/index.html"),
        (2, "Business", "https://head.example.org/news/blog/category/business.html"),
        (3, TITLE, POST_URL),
    ]
    site = json_ld(read_html(built, "index"))["WebSite"]
    assert site["url"] == "https://head.example.org/news/" and site["name"] == "Head Test News"
    assert site["potentialAction"]["target"]["urlTemplate"].endswith("search.html?q={search_term_string}")


def test_json_ld_cannot_end_its_script(built):
    raw = (Path(built.outdir) / f"{POST}.html").read_text(encoding="utf-8")
    for block in raw.split('<script type="application/ld+json">')[1:]:
        body = block.split("</script>", 1)[0]
        assert "<" not in body and ">" not in body and "&" not in body.replace("\\u0026", "")


def test_article_type_is_configurable(tmp_path):
    app = build(copy_root("head", tmp_path / "src"), fresh=True,
                confoverrides={"newsposts_article_type": "BlogPosting"})
    assert "BlogPosting" in json_ld(read_html(app, POST)) and "NewsArticle" not in json_ld(read_html(app, POST))


def test_feed_autodiscovery(built):
    links = {(link["type"], link["href"]) for link in read_html(built, POST).find_all("link", rel="alternate")}
    assert links == {("application/atom+xml", "https://head.example.org/news/blog/atom.xml"),
                     ("application/rss+xml", "https://head.example.org/news/blog/rss.xml"),
                     ("application/feed+json", "https://head.example.org/news/blog/feed.json")}
    tag_page = read_html(built, "blog/tag/ai")
    hrefs = {link["href"] for link in tag_page.find_all("link", rel="alternate")}
    assert "https://head.example.org/news/blog/tag/ai/atom.xml" in hrefs


def test_without_baseurl_one_warning_and_no_absolute_tags(tmp_path):
    app = build(copy_root("head", tmp_path / "src"), fresh=True, confoverrides={"html_baseurl": ""})
    baseurl_warnings = [w for w in warnings_of(app) if "[newsposts.baseurl]" in w]
    assert any("OpenGraph" in w for w in baseurl_warnings)
    assert len([w for w in baseurl_warnings if "OpenGraph" in w]) == 1
    soup = read_html(app, POST)
    assert meta_values(soup, "og:url") == [] and "NewsArticle" not in json_ld(soup)
    assert meta_values(soup, "description")  # what needs no absolute URL stays


def test_sphinxext_opengraph_tags_are_not_repeated(tmp_path):
    pytest.importorskip("sphinxext.opengraph")
    srcdir = copy_root("head", tmp_path / "src")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text().replace('["sphinx_newsposts"]', '["sphinxext.opengraph", "sphinx_newsposts"]'))
    app = build(srcdir, fresh=True, confoverrides={"ogp_site_url": "https://head.example.org/news/"})
    soup = read_html(app, POST)
    # each written once, by one extension or the other: not twice, and not left out by both
    counts = {name: len(meta_values(soup, name))
              for name in ("og:title", "og:type", "og:url", "og:site_name", "og:description", "og:locale",
                           "og:image", "og:image:alt")}
    assert counts == dict.fromkeys(counts, 1)
