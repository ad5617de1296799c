"""A site with only the three documented conf.py lines and posts in the DESIGN.md shape."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from docutils import nodes

from conftest import ablog_record, read_html, warnings_of
from sphinx_newsposts.index.ablog_bridge import ablog_records
from sphinx_newsposts.index.post_index import post_index

POST = "posts/2025-07-16-openai-researcher-jumps-ship"
TITLE = "OpenAI Researcher Jumps Ship: Meta's AI Super Team Gains Steam"
SHOWN_TITLE = "OpenAI Researcher Jumps Ship: Meta\u2019s AI Super Team Gains Steam"  # with the h1's typographic quote
EXCERPT = "One-sentence summary used on cards, in meta description and feeds."


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("minimal")


def test_builds_without_any_warning(built):
    assert warnings_of(built) == []


def test_every_post_format_is_a_post(built):
    posts = set(ablog_records(built))
    assert posts == {POST, "posts/2025-06-01-older-story", "posts/2025-05-01-rst-story"}


def _plain(text: str) -> str:
    """Heading text without the permalink sign; Sphinx's smart quotes made straight."""
    return text.strip().rstrip("¶#").replace("\u2019", "'")


def test_title_is_the_single_h1_and_the_page_title(built):
    soup = read_html(built, POST)
    assert [_plain(h.get_text()) for h in soup.find_all("h1")] == [TITLE]
    assert _plain(soup.title.get_text()).startswith(TITLE)
    # the body's repeated "## title" is folded into the h1, not shown again
    assert TITLE not in [_plain(h.get_text()) for h in soup.find_all(["h2", "h3"])]
    assert "Why it matters" in [_plain(h.get_text()) for h in soup.find_all("h2")]


def test_ablog_receives_correct_metadata(built):
    record = ablog_record(built, POST)
    assert record["title"] == TITLE
    assert record["date"] == datetime(2025, 7, 16, 3, 55, 41)
    assert record["tags"] == ["artificial-intelligence", "machine-learning", "meta"]
    assert record["category"] == ["Business"]
    assert record["author"] == ["Jane Reporter"]
    excerpt_text = [node.astext() for node in record["excerpt"] if isinstance(node, nodes.paragraph)]
    assert excerpt_text == [EXCERPT]
    [teaser] = [node for node in record["excerpt"] if isinstance(node, nodes.image)]
    assert teaser["uri"] == "assets/images/some-teaser.png"


def test_space_separated_labels_and_markdown_suffix(built):
    record = ablog_record(built, "posts/2025-06-01-older-story")
    assert record["tags"] == ["meta", "policy"]
    assert record["category"] == ["Business", "Tech"]
    assert record["date"] == datetime(2025, 6, 1)


def test_restructuredtext_post(built):
    record = ablog_record(built, "posts/2025-05-01-rst-story")
    assert record["title"] == "A story written in reStructuredText"
    assert record["tags"] == ["rst", "policy"]
    assert record["category"] == ["Tech"]
    assert record["date"] == datetime(2025, 5, 1, 10, 0)


def test_head_metadata_and_body_class(built):
    soup = read_html(built, POST)
    assert soup.find("meta", attrs={"name": "description"})["content"] == EXCERPT
    assert soup.find("meta", attrs={"name": "keywords"})["content"] == "OpenAI, Meta, AI"
    assert "wide" in soup.body["class"]


def test_toc_on_post_that_asks_for_it(built):
    toc = read_html(built, POST).find("nav", class_="np-toc")
    assert toc is not None and "np-toc--sticky" in toc["class"]
    assert "Why it matters" in toc.get_text()
    assert read_html(built, "posts/2025-06-01-older-story").find("nav", class_="np-toc") is None


def test_teaser_is_published_and_linked_relatively(built):
    outdir = Path(built.outdir)
    assert (outdir / "_images" / "some-teaser.png").is_file()
    front = read_html(built, "index")
    card_images = [img["src"] for img in front.select(".np-card img")]
    assert card_images == ["_images/some-teaser.png"]
    archive = read_html(built, "blog/tag/meta")
    assert archive.find("a", string=SHOWN_TITLE) is not None


def test_front_page_lists_posts_newest_first(built):
    titles = [a.get_text() for a in read_html(built, "index").select(".np-card-title a")]
    assert titles == [SHOWN_TITLE, "An older story", "A story written in reStructuredText"]


def test_cards_show_the_title_as_the_post_heading_does(built):
    heading = read_html(built, POST).find("h1").get_text().strip().rstrip("¶#")
    card_title = read_html(built, "index").select_one(".np-card-title a").get_text()
    assert heading == card_title == SHOWN_TITLE


def test_feed_carries_the_excerpt_not_an_int(built):
    feed = (Path(built.outdir) / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert TITLE.replace("'", "&#x27;") in feed or TITLE in feed
    assert EXCERPT in feed


def test_page_context_has_typed_metadata(built):
    meta = post_index(built.env).meta[POST]
    assert meta.toc is True and meta.toc_sticky is True
    assert meta.classes == ["wide"]
    assert meta.keywords == ["OpenAI", "Meta", "AI"]
    assert isinstance(meta.reading_time, int) and meta.reading_time >= 1
    assert meta.date.isoformat() == "2025-07-16T03:55:41+00:00"


def test_sphinx_design_and_colon_fences_work_without_configuration(built):
    page = read_html(built, "posts/2025-06-01-older-story")
    dropdown = page.find("details", class_="sd-dropdown")
    assert dropdown is not None and "Background" in dropdown.get_text()
    # sphinx-design's stylesheet loads where its components are used, and only there
    def stylesheets(soup):
        return [link["href"].split("?")[0].rsplit("/", 1)[-1] for link in soup.find_all("link", rel="stylesheet")]
    assert "sphinx-design.min.css" in stylesheets(page)
    assert "sphinx-design.min.css" not in stylesheets(read_html(built, POST))


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_other_builders_build_posts(tmp_path, buildername):
    from conftest import build, copy_root
    app = build(copy_root("minimal", tmp_path / "src"), buildername, fresh=True)
    assert warnings_of(app) == []
    if buildername == "text":
        text = (Path(app.outdir) / f"{POST}.txt").read_text(encoding="utf-8")
        assert text.startswith("OpenAI Researcher Jumps Ship")
        assert text.count("OpenAI Researcher Jumps Ship") == 1
