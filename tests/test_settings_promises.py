"""Settings the documentation promises, each seen in a built site: the minimal site, with a few
posts added, built once as is and once with the settings changed; a setting only matters when the
two builds differ where the documentation says they do."""

from __future__ import annotations

import json
import re

import pytest

from conftest import build, copy_root, read_html, warnings_of

#: 2026-01-01 00:00 UTC, so that the post of 2030 lies in the future of every build.
NOW = "1767225600"

#: The first paragraph is the automatic excerpt: longer than 40 characters, shorter than 300.
FIRST_PARAGRAPH = ("Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron "
                   "pi rho sigma tau upsilon.")

ADDED_POSTS = {
    # 620 words: 4 minutes at 200 words a minute, 62 at 10.
    "posts/2025-07-02-unsigned.md": "---\ntitle: Unsigned Story\ndate: 2025-07-02\n---\n"
                                    f"{FIRST_PARAGRAPH}\n\n{'word ' * 600}\n",
    "posts/2025-07-01-hidden-draft.md": "---\ntitle: Hidden Draft Story\ndate: 2025-07-01\npublished: false\n---\n"
                                        "Not ready.\n",
    "posts/2030-06-01-future-story.md": "---\ntitle: Future Story\ndate: 2030-06-01\n---\nNot yet.\n",
    "news/wire-story.md": "---\ntitle: Wire Story\ndate: 2025-07-03\n---\nFrom the wire.\n",
}

UNSIGNED = "posts/2025-07-02-unsigned"

CHANGED = {
    "newsposts_publish_drafts": True,
    "newsposts_publish_future": True,
    "newsposts_default_authors": ["Desk"],
    "newsposts_words_per_minute": 10,
    "newsposts_excerpt_length": 40,
    "newsposts_jekyll_redirects": False,
    "newsposts_article_type": "Article",
}


def site(tmp_path_factory, name: str, conf_lines: str = "", **confoverrides):
    srcdir = copy_root("minimal", tmp_path_factory.mktemp(name) / "src")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(conf_lines)
    for path, text in ADDED_POSTS.items():
        (srcdir / path).parent.mkdir(exist_ok=True)
        (srcdir / path).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", NOW)
        return build(srcdir, fresh=True, confoverrides=confoverrides)


@pytest.fixture(scope="module")
def default(tmp_path_factory):
    return site(tmp_path_factory, "default")


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    return site(tmp_path_factory, "changed", **CHANGED)


@pytest.fixture(scope="module")
def news_pattern(tmp_path_factory):
    return site(tmp_path_factory, "pattern", newsposts_post_pattern=["news/**"])


@pytest.fixture(scope="module")
def wrong_type(tmp_path_factory):
    # In conf.py, as a site sets it: Sphinx turns a ``-D`` override of an int into one itself.
    return site(tmp_path_factory, "wrong-type", 'newsposts_words_per_minute = "fast"\n')


def listed_titles(app) -> list[str]:
    """The titles of the cards on the blog page."""
    return [heading.get_text(" ", strip=True) for heading in read_html(app, "blog").select("article :is(h2, h3)")]


def post_meta(app, docname: str) -> str:
    meta = read_html(app, docname).select_one(".np-post-meta")
    return "" if meta is None else meta.get_text(" ", strip=True)


def article_json_ld(app, docname: str) -> dict:
    scripts = read_html(app, docname).select('script[type="application/ld+json"]')
    [article] = [data for data in (json.loads(script.string) for script in scripts) if "headline" in data]
    return article


def reading_minutes(app, docname: str) -> int:
    return int(re.search(r"(\d+) min read", post_meta(app, docname)).group(1))


def test_cards_are_found(default):
    assert "Unsigned Story" in listed_titles(default)


def test_publish_drafts_lists_a_post_marked_unpublished(default, changed):
    assert "Hidden Draft Story" not in listed_titles(default)
    assert "Hidden Draft Story" in listed_titles(changed)


def test_publish_future_lists_a_post_dated_after_the_build(default, changed):
    assert "Future Story" not in listed_titles(default)
    assert "Future Story" in listed_titles(changed)


def test_post_pattern_makes_posts_of_another_folder(default, news_pattern):
    assert "Wire Story" not in listed_titles(default)
    assert post_meta(default, "news/wire-story") == ""
    assert "Wire Story" in listed_titles(news_pattern)
    assert "03 July 2025" in post_meta(news_pattern, "news/wire-story")
    # A document under posts/ without front matter telling it is a post is no longer one.
    assert "An older story" not in listed_titles(news_pattern)


def test_default_authors_sign_a_post_without_author(default, changed):
    assert "Desk" not in post_meta(default, UNSIGNED)
    assert "author" not in article_json_ld(default, UNSIGNED)
    assert "Desk" in post_meta(changed, UNSIGNED)
    assert "Desk" in json.dumps(article_json_ld(changed, UNSIGNED)["author"])


def test_words_per_minute_sets_the_reading_time(default, changed):
    assert reading_minutes(default, UNSIGNED) == 4
    assert reading_minutes(changed, UNSIGNED) == 62


def test_excerpt_length_shortens_the_automatic_excerpt(default, changed):
    def summaries(app) -> tuple[str, str]:
        description = read_html(app, UNSIGNED).select_one('meta[name="description"]')["content"]
        [card] = [article for article in read_html(app, "blog").select("article")
                  if "Unsigned Story" in article.get_text()]
        [summary] = [paragraph.get_text(" ", strip=True) for paragraph in card.select("p")
                     if paragraph.get_text(strip=True).startswith("Alpha")]
        return description, summary

    assert summaries(default) == (FIRST_PARAGRAPH, FIRST_PARAGRAPH)
    for summary in summaries(changed):
        assert FIRST_PARAGRAPH.startswith(summary.rstrip("…. "))
        assert 10 < len(summary.rstrip("…. ")) <= 40


def test_jekyll_redirects_off_writes_no_page_at_the_jekyll_address(default, changed):
    jekyll_address = "2025/07/02/unsigned.html"
    assert (default.outdir / jekyll_address).is_file()
    assert not (changed.outdir / jekyll_address).exists()


def test_article_type_is_the_json_ld_type(default, changed):
    assert article_json_ld(default, UNSIGNED)["@type"] == "NewsArticle"
    assert article_json_ld(changed, UNSIGNED)["@type"] == "Article"


def test_a_setting_of_the_wrong_type_warns_and_the_default_is_used(default, wrong_type):
    assert "WARNING: newsposts_words_per_minute 'fast' is a str, not int; using 200 [newsposts.config]" \
        in warnings_of(wrong_type)
    assert not any("newsposts_words_per_minute" in line for line in warnings_of(default))
    assert reading_minutes(wrong_type, UNSIGNED) == reading_minutes(default, UNSIGNED) == 4
