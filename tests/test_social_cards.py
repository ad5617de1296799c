"""Generated social cards: a post without any image gets a 1200x630 PNG card as its og:image,
made once and kept in the image cache, published into the output and removed when no longer used."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import build, copy_root, read_html, warnings_of
from sphinx_newsposts.publishing import card_drawing
from sphinx_newsposts.publishing.card_drawing import (
    CARD_HEIGHT,
    CARD_WIDTH,
    HEADLINE_FONT,
    LEFT,
    MAX_TITLE_LINES,
    RIGHT,
    CardFonts,
    CardText,
    _contrast,
    _rgb,
    _title_lines,
    card_png,
    legible,
    readable_on_background,
)
from sphinx_newsposts.publishing.social_cards import published_card

BASE = "https://cards.example.org/"
PLAIN = "posts/2025-07-16-plain-story"
TEASER = "posts/2025-07-17-with-teaser"
LONG = "posts/2025-07-18-long-title"
CJK = "posts/2025-07-19-cjk"
SCHEDULED = "posts/2099-01-01-scheduled"
ACCENT = (0xC2, 0x41, 0x0C)  # html_theme_options["accent_color"] of the test root
DEFAULT_ACCENT = (0x0B, 0x57, 0xD0)  # the theme's default
TITLE_INK = (17, 24, 39)
#: A moment before any build of the tests: cache files set to it show whether a build wrote them.
LONG_AGO = 1_000_000_000


def make_site(destination: Path) -> Path:
    srcdir = copy_root("social-cards", destination)
    (srcdir / "assets").mkdir()
    Image.new("RGB", (120, 63), (200, 30, 30)).save(srcdir / "assets" / "teaser.png")
    return srcdir


def site_build(srcdir: Path, cache: Path | None = None, **kwargs):
    overrides = kwargs.pop("confoverrides", {})
    if cache is not None:
        overrides["newsposts_image_cache"] = str(cache)
    return build(srcdir, confoverrides=overrides, **kwargs)


def meta_content(soup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"property": name})
            + soup.find_all("meta", attrs={"name": name})]


def article_json_ld(soup) -> dict:
    blocks = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block["@type"] == "NewsArticle")


def output_cards(app) -> dict[str, bytes]:
    folder = Path(app.outdir) / "_images" / "social"
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*"))} if folder.is_dir() else {}


def card_file(app, docname: str) -> Path:
    [url] = meta_content(read_html(app, docname), "og:image")
    assert url.startswith(BASE + "_images/social/")
    return Path(app.outdir) / url.removeprefix(BASE)


def colours(path: Path) -> set[tuple[int, int, int]]:
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (CARD_WIDTH, CARD_HEIGHT)
        return {colour for _count, colour in image.convert("RGB").getcolors(CARD_WIDTH * CARD_HEIGHT)}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("social-cards")
    return site_build(make_site(root / "src"), root / "cache", fresh=True)


def test_no_warnings(built):
    assert [line for line in warnings_of(built) if "newsposts" in line] == []


def test_a_post_without_an_image_gets_a_card(built):
    soup = read_html(built, PLAIN)
    path = card_file(built, PLAIN)
    assert path.name.startswith("posts-2025-07-16-plain-story.")
    url = BASE + path.relative_to(built.outdir).as_posix()
    assert meta_content(soup, "og:image:width") == ["1200"] and meta_content(soup, "og:image:height") == ["630"]
    assert meta_content(soup, "og:image:alt") == ["Plain story: a post without any picture"]
    assert meta_content(soup, "twitter:card") == ["summary_large_image"]
    assert meta_content(soup, "twitter:image") == [url]
    assert article_json_ld(soup)["image"] == [url]
    found = colours(path)
    assert {ACCENT, TITLE_INK, (255, 255, 255)} <= found  # the band, the title, the background
    assert len(found) > 20  # anti-aliased text, not flat boxes


def test_a_post_with_a_teaser_keeps_it(built):
    soup = read_html(built, TEASER)
    assert meta_content(soup, "og:image") == [BASE + "_images/teaser.png"]
    assert meta_content(soup, "twitter:image") == []
    assert article_json_ld(soup)["image"] == [BASE + "_images/teaser.png"]


def test_only_published_posts_get_cards(built):
    assert meta_content(read_html(built, "about"), "og:image") == []  # a page with front matter
    assert meta_content(read_html(built, "index"), "og:image") == []
    assert published_card(built, SCHEDULED) is None
    names = sorted(output_cards(built))
    assert [name.rsplit(".", 2)[0] for name in names] == [
        "posts-2025-07-16-plain-story", "posts-2025-07-18-long-title", "posts-2025-07-19-cjk"]


def test_a_long_title_and_a_title_the_fonts_cannot_draw(built):
    assert {TITLE_INK, ACCENT} <= colours(card_file(built, LONG))
    # a Japanese title: the card shows the site's name instead, and says so in its alt text
    assert {TITLE_INK, ACCENT} <= colours(card_file(built, CJK))
    assert meta_content(read_html(built, CJK), "og:image:alt") == ["Card Test News"]
    card = published_card(built, CJK)
    assert (card.text.headline, card.text.site_name) == ("Card Test News", "")


def test_cards_off(tmp_path):
    app = site_build(make_site(tmp_path / "src"), tmp_path / "cache", fresh=True,
                     confoverrides={"newsposts_social_cards": False})
    soup = read_html(app, PLAIN)
    assert meta_content(soup, "og:image") == [] and meta_content(soup, "twitter:card") == ["summary"]
    assert "image" not in article_json_ld(soup)
    assert output_cards(app) == {} and not any((tmp_path / "cache").rglob("*.png"))


def test_an_installation_without_its_fonts_builds_without_cards(tmp_path, monkeypatch):
    """A damaged installation (a font file gone) is one warning, and the posts build without cards."""
    monkeypatch.setattr(card_drawing, "HEADLINE_FONT", tmp_path / "gone.otf")
    app = site_build(make_site(tmp_path / "src"), tmp_path / "cache", fresh=True)
    assert [line for line in warnings_of(app) if "social cards not made" in line] == [
        f"WARNING: social cards not made: their fonts cannot be read ([Errno 2] No such file or directory: "
        f"'{tmp_path / 'gone.otf'}'); install sphinx-newsposts again [newsposts.image]"]
    soup = read_html(app, PLAIN)
    assert meta_content(soup, "og:image") == [] and output_cards(app) == {}


def test_no_cards_without_a_base_url(tmp_path):
    app = site_build(make_site(tmp_path / "src"), tmp_path / "cache", fresh=True,
                     confoverrides={"html_baseurl": ""})
    assert output_cards(app) == {} and not any((tmp_path / "cache").rglob("*.png"))


def test_other_themes_and_languages(tmp_path):
    app = site_build(make_site(tmp_path / "src"), tmp_path / "cache", fresh=True,
                     confoverrides={"html_theme": "alabaster", "language": "de"})
    assert DEFAULT_ACCENT in colours(card_file(app, PLAIN))
    assert published_card(app, PLAIN).text.date == "16. Juli 2025"


def _mtimes(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.rglob("*.png")}


def test_cards_are_made_once(tmp_path):
    srcdir, cache = make_site(tmp_path / "src"), tmp_path / "cache"
    first = site_build(srcdir, cache, fresh=True)
    for path in cache.rglob("*.png"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    made = _mtimes(cache)
    assert len(made) == 3
    cards = output_cards(first)

    again = site_build(srcdir, cache, fresh=True)  # -E: every post read again
    assert _mtimes(cache) == made and output_cards(again) == cards
    shutil.rmtree(first.outdir)  # a deleted output folder: the cards come from the cache
    third = site_build(srcdir, cache)
    assert _mtimes(cache) == made and output_cards(third) == cards


def test_a_retitled_post_gets_a_new_card_and_the_old_one_goes(tmp_path):
    srcdir, cache = make_site(tmp_path / "src"), tmp_path / "cache"
    first = site_build(srcdir, cache, fresh=True)
    old = card_file(first, PLAIN)
    for path in cache.rglob("*.png"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    made = _mtimes(cache)
    post = srcdir / f"{PLAIN}.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Plain story:", "Retitled story:"), encoding="utf-8")

    rebuilt = site_build(srcdir, cache)
    new = card_file(rebuilt, PLAIN)
    assert new != old and new.is_file() and not old.exists()
    now = _mtimes(cache)
    assert {name: now[name] for name in made} == made  # the other posts' cards were not drawn again
    assert sorted(set(now) - set(made)) == [f"{published_card(rebuilt, PLAIN).key}.png"]
    assert meta_content(read_html(rebuilt, PLAIN), "og:image:alt") == ["Retitled story: a post without any picture"]


def test_parallel_build_draws_the_same_cards(tmp_path):
    serial = site_build(make_site(tmp_path / "serial"), tmp_path / "serial-cache", fresh=True)
    parallel = site_build(make_site(tmp_path / "parallel"), tmp_path / "parallel-cache", fresh=True, parallel=2)
    assert output_cards(parallel) == output_cards(serial)
    assert sorted(path.name for path in (tmp_path / "parallel-cache").rglob("*.png")) == sorted(
        path.name for path in (tmp_path / "serial-cache").rglob("*.png"))
    for docname in (PLAIN, LONG, CJK):
        assert meta_content(read_html(parallel, docname), "og:image") == meta_content(
            read_html(serial, docname), "og:image")


# -- the drawing itself ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fonts():
    return CardFonts()


def test_legible_text(fonts):
    assert legible(fonts, "  Über  Ελλάδα\nи Россия ") == "Über Ελλάδα и Россия"
    assert legible(fonts, "🚀 Launch day 🎉") == "Launch day"  # stray emoji are left out
    assert legible(fonts, "新しいリリースのお知らせ") == ""  # mostly lacking: not drawn at all
    assert legible(fonts, "Python 3.14 のリリース") == ""


def test_long_titles_shrink_then_end_with_an_ellipsis(fonts):
    font, lines = _title_lines(fonts, "Short title")
    assert font.size == 80 and lines == ["Short title"]
    medium = " ".join(["Several words of a title"] * 4)
    font, lines = _title_lines(fonts, medium)
    assert 48 <= font.size < 80 and " ".join(lines) == medium
    font, lines = _title_lines(fonts, " ".join(["A title far too long for any card"] * 12))
    assert font.size == 48 and len(lines) == MAX_TITLE_LINES and lines[-1].endswith("…")
    font, lines = _title_lines(fonts, "x" * 400)  # one word wider than a line
    assert len(lines) == MAX_TITLE_LINES and lines[-1].endswith("…")
    assert all(font.getlength(line) <= RIGHT - LEFT for line in lines)


def test_a_light_accent_is_darkened_for_the_site_name(fonts):
    assert readable_on_background(ACCENT) == ACCENT  # already readable on white
    shade = readable_on_background(_rgb("#ffd700"))
    assert shade != _rgb("#ffd700") and _contrast(shade, (255, 255, 255)) >= 4.5
    png = card_png(fonts, CardText("Gold", "Site", "1 May 2025", "#fd0"))
    assert png.startswith(b"\x89PNG") and HEADLINE_FONT.is_file()
