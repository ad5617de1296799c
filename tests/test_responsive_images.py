"""Responsive images: WebP variants in srcset wherever the theme shows a local image, made once and
kept in the image cache, a 1200-px copy for link previews, and bad images that only cost a warning.

The images of the test root are made here with Pillow: a 1920x1080 JPEG photo (header image and
lead card, and in a figure), a 1000x600 PNG chart, a 900x500 PNG in bodies, a 300x200 JPEG, a
truncated JPEG shared by two posts, a PNG whose header declares 60000x60000 pixels, text named
``.jpg``, an SVG and an animated GIF.
"""

from __future__ import annotations

import json
import random
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import assert_same_site, build, copy_root, needs_chromium, read_html, serve, warnings_of
from sphinx_newsposts.pages.image_sizes import CARD_SIZES, COMPACT_CARD_SIZES, LEAD_CARD_SIZES

PHOTO_POST = "posts/2025-03-01-photo"
PHOTO_WIDTHS = [400, 700, 1100, 1400]


def _noise(width: int, height: int, seed: int) -> Image.Image:
    """Grey noise, the same for the same seed (Pillow's effect_noise is not)."""
    return Image.frombytes("L", (width, height), random.Random(seed).randbytes(width * height))


def _photo(width: int, height: int, seed: int = 0) -> Image.Image:
    """Something like a photo: smooth shapes, a gradient and grain (pure noise would not compress)."""
    shapes = _noise(max(1, width // 16), max(1, height // 16), seed).resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.blend(shapes, _noise(width, height, seed + 100), 0.15)
    return Image.merge("RGB", (shapes, Image.linear_gradient("L").resize((width, height)), grain))


def _png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares *width* x *height* pixels, with hardly any data behind it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def make_images(srcdir: Path) -> None:
    assets = srcdir / "assets"
    assets.mkdir(exist_ok=True)
    _photo(1920, 1080).save(assets / "photo.jpg", quality=90)
    _photo(1000, 600, 1).save(assets / "chart.png")
    _photo(900, 500, 2).save(assets / "body.png")
    _photo(300, 200, 3).save(assets / "small.jpg", quality=95)
    photo = (assets / "photo.jpg").read_bytes()
    (assets / "truncated.jpg").write_bytes(photo[: len(photo) // 3])
    (assets / "huge.png").write_bytes(_png_declaring(60000, 60000))
    (assets / "fake.jpg").write_text("<html>not an image</html>", encoding="utf-8")
    (assets / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                                     encoding="utf-8")
    frames = [Image.new("P", (8, 8), colour) for colour in range(3)]
    frames[0].save(assets / "spinner.gif", save_all=True, append_images=frames[1:])


def images_site(folder: Path, cache: Path) -> Path:
    """A copy of the test root with its images made, its image cache at *cache*."""
    srcdir = copy_root("images", folder)
    make_images(srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"newsposts_image_cache = {str(cache)!r}\n")
    return srcdir


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    return build(images_site(folder / "src", folder / "cache"), fresh=True)


def srcset_widths(source) -> list[int]:
    return [int(entry.split()[1].removesuffix("w")) for entry in source["srcset"].split(", ")]


def picture_of(img):
    """The ``<picture>`` around *img*, checked to offer WebP variants; None when there is none."""
    picture = img.parent if img.parent.name == "picture" else None
    if picture is not None:
        assert picture.source["type"] == "image/webp" and picture.source.find_next_sibling() is img
    return picture


def output_file(app, page: str, url: str) -> Path:
    return (Path(app.outdir) / page).parent / url


def cache_files(cache: Path) -> dict[str, int]:
    """The image cache's files, each with the time it was last written."""
    return {path.name: path.stat().st_mtime_ns for path in sorted(cache.iterdir())}


def variant_files(app) -> set[str]:
    return {path.name for path in (Path(app.outdir) / "_images").iterdir() if ".webp" in path.name
            or ".1200w." in path.name}


# -- markup ----------------------------------------------------------------------------------------

def test_front_page_lead_card_loads_first_the_others_lazily(built):
    cards = read_html(built, "index").select(".np-latest .np-card")
    images = [card.find("img") for card in cards if card.find("img")]
    lead = images[0]
    assert "np-card--lead" in cards[0]["class"]
    assert lead["fetchpriority"] == "high" and not lead.has_attr("loading")
    assert (lead["src"], lead["width"], lead["height"]) == ("_images/photo.jpg", "1920", "1080")
    lead_source = picture_of(lead).source
    assert srcset_widths(lead_source) == PHOTO_WIDTHS
    assert lead_source["sizes"] == LEAD_CARD_SIZES
    assert lead_source["srcset"].split(", ")[0].startswith("_images/photo.")
    for image in images[1:]:
        assert image["loading"] == "lazy" and not image.has_attr("fetchpriority")
        assert image["decoding"] == "async"
    chart = images[1]
    assert (chart["src"], chart["width"], chart["height"]) == ("_images/chart.png", "1000", "600")
    assert srcset_widths(picture_of(chart).source) == [400, 700, 1000]  # the original's width is the widest
    assert picture_of(chart).source["sizes"] == CARD_SIZES


def test_archive_cards_and_remote_vector_teasers(built):
    soup = read_html(built, "blog")
    images = soup.select(".np-card img")
    assert images[0]["fetchpriority"] == "high" and [img.get("loading") for img in images[1:]] == ["lazy"] * 2
    assert all(picture_of(img).source["sizes"] == CARD_SIZES for img in images)
    assert srcset_widths(picture_of(images[2]).source) == [300]  # smaller than every width: its own
    # the other page's links go up to the root
    page2 = read_html(built, "blog/page/2").select(".np-card img")
    remote, vector = page2[0], page2[1]
    assert remote["src"] == "https://cdn.example.com/remote.jpg" and picture_of(remote) is None
    assert vector["src"] == "../../_images/logo.svg" and picture_of(vector) is None


def test_post_header_image_is_not_lazy(built):
    soup = read_html(built, PHOTO_POST)
    header = soup.select_one("img.np-header-image")
    assert header["fetchpriority"] == "high" and not header.has_attr("loading")
    assert (header["src"], header["width"], header["height"], header["alt"]) == (
        "../_images/photo.jpg", "1920", "1080", "Harbour at dawn")
    source = picture_of(header).source
    assert srcset_widths(source) == PHOTO_WIDTHS
    assert source["srcset"].startswith("../_images/photo.")
    # the post keeps its contents beside the text: the column is 42.5rem wide on wide screens
    assert source["sizes"] == "(max-width: 64rem) calc(100vw - 2rem), 42.5rem"


def test_related_posts_are_compact_cards(built):
    images = read_html(built, PHOTO_POST).select(".np-related img")
    assert [img["src"] for img in images] == ["../_images/chart.png", "../_images/small.jpg",
                                              "https://cdn.example.com/remote.jpg"]
    assert all(img["loading"] == "lazy" for img in images)
    assert {picture_of(img).source["sizes"] for img in images[:2]} == {COMPACT_CARD_SIZES}


def test_body_images_in_posts_and_pages(built):
    post = read_html(built, PHOTO_POST)
    body, figure = post.select("article img:not(.np-header-image):not(.np-card-teaser)")
    assert (body["alt"], body["width"], body["height"], body["loading"], body["decoding"]) == (
        "A body photo", "900", "500", "lazy", "async")
    assert srcset_widths(picture_of(body).source) == [400, 700, 900]
    assert picture_of(figure).parent.name == "figure" and figure["alt"] == "The same photo in a figure"
    assert srcset_widths(picture_of(figure).source) == PHOTO_WIDTHS

    page = read_html(built, "about")
    plain, sized, svg, gif = page.select("article img, .body img")[:4]
    assert picture_of(plain).source["sizes"] == "(max-width: 44rem) calc(100vw - 2rem), 42rem"
    # what the directive wrote stays: its width, alignment and link; the original size is not added
    assert sized["style"] == "width: 300px;" and "align-center" in sized["class"] and not sized.has_attr("width")
    assert picture_of(sized).source["sizes"] == "(max-width: 332px) calc(100vw - 2rem), 300px"
    assert picture_of(sized).parent.name == "a"
    assert picture_of(svg) is None and svg["src"] == "_images/logo.svg"
    assert picture_of(gif) is None and gif["src"] == "_images/spinner.gif"


def test_variants_are_webp_of_the_widths_promised(built):
    checked = 0
    for page in ("index", PHOTO_POST, "about"):
        for source in read_html(built, page).select("picture source"):
            for entry in source["srcset"].split(", "):
                url, width = entry.split()
                with Image.open(output_file(built, page + ".html", url)) as variant:
                    assert variant.format == "WEBP" and variant.width == int(width.removesuffix("w"))
                checked += 1
    assert checked > 20


def test_link_previews_get_a_1200_px_jpeg(built):
    soup = read_html(built, PHOTO_POST)
    og = {tag["property"]: tag["content"] for tag in soup.select("meta[property^='og:image']")}
    assert og["og:image"].startswith("https://images.example.org/_images/photo.") and og["og:image"].endswith(
        ".1200w.jpg")
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "675")
    with Image.open(Path(built.outdir) / og["og:image"].removeprefix("https://images.example.org/")) as copy:
        assert (copy.format, copy.size) == ("JPEG", (1200, 675))
    [json_ld] = [json.loads(tag.string) for tag in soup.select("script[type='application/ld+json']")
                 if '"NewsArticle"' in tag.string]
    assert json_ld["image"] == [og["og:image"]]
    # no wider than 1200 px: the original itself
    chart = {tag["property"]: tag["content"]
             for tag in read_html(built, "posts/2025-02-01-chart").select("meta[property^='og:image']")}
    assert chart["og:image"] == "https://images.example.org/_images/chart.png"
    assert (chart["og:image:width"], chart["og:image:height"]) == ("1000", "600")


# -- bad images ------------------------------------------------------------------------------------

def test_bad_images_warn_where_they_are_named_and_show_the_original(built):
    image_warnings = [line for line in warnings_of(built) if "[newsposts.image]" in line]
    assert len(image_warnings) == 4
    truncated = [line for line in image_warnings if "truncated.jpg" in line]
    # one warning for each post that shows it, at the front-matter line naming it
    assert truncated[0].startswith("posts/2024-11-01-also-truncated.md:4: WARNING: image 'assets/truncated.jpg': "
                                   "it is truncated or damaged")
    assert truncated[1].startswith("posts/2024-12-01-truncated.md:4: WARNING: image 'assets/truncated.jpg': "
                                   "it is truncated or damaged")
    [huge] = [line for line in image_warnings if "huge.png" in line]
    assert huge.startswith("posts/2024-10-01-huge.md:4: WARNING: image 'assets/huge.png': it declares "
                           "3,600,000,000 pixels, more than the 89,478,485 an image may have")
    [fake] = [line for line in image_warnings if "fake.jpg" in line]
    assert fake.startswith("posts/2024-09-01-fake.md:7: WARNING: image 'assets/fake.jpg': it is not an image")
    for page, selector, src in [("posts/2024-12-01-truncated", "img.np-header-image", "../_images/truncated.jpg"),
                                ("posts/2024-10-01-huge", "img.np-header-image", "../_images/huge.png"),
                                ("posts/2024-09-01-fake", "article img", "../_images/fake.jpg")]:
        image = read_html(built, page).select_one(selector)
        assert image["src"] == src and picture_of(image) is None
    assert not any(".webp" in path.name and path.name.startswith(("truncated", "huge", "fake"))
                   for path in (Path(built.outdir) / "_images").iterdir())


def test_a_bad_image_is_judged_once_and_kept_in_the_cache(tmp_path):
    cache = tmp_path / "cache"
    srcdir = images_site(tmp_path / "src", cache)
    build(srcdir, fresh=True)
    failures = [path for path in cache.glob("*.json") if "error" in json.loads(path.read_text())]
    assert len(failures) == 3  # the truncated image (shown by two posts), the huge one, the fake one
    for path in failures:  # what a later build reports comes from the cache, not from decoding again
        saved = json.loads(path.read_text())
        path.write_text(json.dumps({**saved, "error": "it was judged before"}))
    again = build(srcdir, fresh=True)
    judged = [line for line in warnings_of(again) if "it was judged before" in line]
    assert len(judged) == 4


# -- never twice -----------------------------------------------------------------------------------

def test_rebuilds_make_no_variant_again(tmp_path):
    cache = tmp_path / "cache"
    srcdir = images_site(tmp_path / "src", cache)
    first = build(srcdir, fresh=True)
    made = cache_files(cache)
    published = variant_files(first)
    assert len(published) == 4 + 1 + 3 + 3 + 1  # photo and its preview copy, chart, body, small

    incremental = build(srcdir)
    assert cache_files(cache) == made and variant_files(incremental) == published
    fresh_environment = build(srcdir, fresh=True)  # sphinx-build -E
    assert cache_files(cache) == made and variant_files(fresh_environment) == published
    shutil.rmtree(Path(first.outdir).parent)  # the whole _build folder
    from_scratch = build(srcdir, fresh=True)
    assert cache_files(cache) == made and variant_files(from_scratch) == published
    assert "copied 12 image variant(s) from the image cache" in from_scratch.status.getvalue()


def test_a_changed_image_gets_new_variants_and_the_old_ones_leave(tmp_path):
    cache = tmp_path / "cache"
    srcdir = images_site(tmp_path / "src", cache)
    first = build(srcdir, fresh=True)
    old = {name for name in variant_files(first) if name.startswith("chart.")}
    _photo(1300, 700, 9).save(srcdir / "assets" / "chart.png")
    rebuilt = build(srcdir)
    new = {name for name in variant_files(rebuilt) if name.startswith("chart.")}
    assert len(old) == 3 and len(new) == 5 and not old & new  # 400, 700, 1100, 1300 and the 1200-px copy
    assert not any((Path(rebuilt.outdir) / "_images" / name).exists() for name in old)
    # every page listing the post shows the new variants
    for page in ("index", "blog", "blog/tag/photos", "posts/2025-02-01-chart", PHOTO_POST):
        html = (Path(rebuilt.outdir) / f"{page}.html").read_text(encoding="utf-8")
        assert not any(name in html for name in old)
    assert srcset_widths(read_html(rebuilt, "index").select(".np-card picture source")[1]) == [400, 700, 1100, 1300]
    old_key = next(iter(old)).split(".")[1]  # the cache keeps them, should the old image come back
    assert len([name for name in cache_files(cache) if name.startswith(old_key) and name.endswith(".webp")]) == 3


def test_parallel_build_gives_the_same_site(tmp_path):
    serial = build(images_site(tmp_path / "serial", tmp_path / "cache-serial"), fresh=True)
    parallel = build(images_site(tmp_path / "parallel", tmp_path / "cache-parallel"), fresh=True, parallel=2)
    assert parallel.is_parallel_allowed("read")
    assert sorted(warnings_of(parallel)) == sorted(warnings_of(serial))
    assert_same_site(parallel, serial)
    assert cache_files(tmp_path / "cache-parallel").keys() == cache_files(tmp_path / "cache-serial").keys()


# -- other builders --------------------------------------------------------------------------------

def test_dirhtml_links_variants_from_each_folder(tmp_path):
    app = build(images_site(tmp_path / "src", tmp_path / "cache"), "dirhtml", fresh=True)
    page = Path(app.outdir) / PHOTO_POST / "index.html"
    soup = read_html(app, f"{PHOTO_POST}/index")
    source = picture_of(soup.select_one("img.np-header-image")).source
    for entry in source["srcset"].split(", "):
        assert entry.startswith("../../_images/photo.") and (page.parent / entry.split()[0]).is_file()


def test_epub_and_latex_show_the_originals(tmp_path):
    srcdir = images_site(tmp_path / "src", tmp_path / "cache")
    epub = build(srcdir, "epub", fresh=True, confoverrides={"version": "1"})
    pages = "".join(path.read_text(encoding="utf-8") for path in Path(epub.outdir).glob("**/*.xhtml"))
    assert "_images/body.png" in pages and "<picture" not in pages and "srcset" not in pages
    assert not list((Path(epub.outdir) / "_images").glob("*.webp"))
    latex = build(srcdir, "latex", fresh=True)
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "{body}.png" in tex and "webp" not in tex
    assert (Path(latex.outdir) / "body.png").is_file() and not list(Path(latex.outdir).glob("*.webp"))


# -- in a browser ----------------------------------------------------------------------------------

#: Each image a page loaded: the width of the variant the browser chose, the widths it could choose
#: from, the width the image takes on the page, and the device's pixels per CSS pixel.
CHOSEN = """() => [...document.querySelectorAll("picture img")].filter(img => img.complete && img.currentSrc)
  .map(img => ({src: img.currentSrc, shown: img.getBoundingClientRect().width, ratio: devicePixelRatio,
                offered: img.parentElement.querySelector("source").getAttribute("srcset")}))"""


@pytest.fixture(scope="module")
def served_images(tmp_path_factory, built):
    with serve(Path(built.outdir)) as base:
        yield base


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize(("width", "ratio"), [(360, 3), (390, 3), (412, 2.625), (768, 2), (1280, 1), (1440, 2)])
def test_browsers_choose_the_variant_that_fits(served_images, browser, width, ratio):
    """What ``sizes`` says matches the layout: at phone and desktop widths, the variant a browser
    takes for each image is the narrowest that covers its device pixels, or the one below it."""
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=ratio)
    seen = []
    for page_path in ("index.html", f"{PHOTO_POST}.html", "blog.html", "about.html"):
        page = context.new_page()
        page.goto(served_images + page_path)
        page.wait_for_load_state("load")
        for image in page.evaluate(CHOSEN):
            offered = [int(entry.split()[1].removesuffix("w")) for entry in image["offered"].split(", ")]
            chosen = offered.index(int(image["src"].rsplit(".", 2)[-2].removesuffix("w")))
            needed = image["shown"] * image["ratio"]
            fitting = next((index for index, offered_width in enumerate(offered) if offered_width >= needed),
                           len(offered) - 1)
            assert chosen in (fitting - 1, fitting), (page_path, image, needed)
            seen.append(page_path)
        page.close()
    context.close()
    assert {"index.html", f"{PHOTO_POST}.html", "blog.html"} <= set(seen)


def test_html_after_latex_on_the_same_doctrees(tmp_path):
    """A LaTeX build reads the documents and makes no variants; an HTML build on its doctrees reads
    nothing again, and makes what the pages need once reading is done."""
    srcdir = images_site(tmp_path / "src", tmp_path / "cache")
    build(srcdir, "latex", fresh=True)
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())
    app = build(srcdir, "html")
    assert "0 added, 0 changed, 0 removed" in app.status.getvalue()
    header = read_html(app, PHOTO_POST).select_one("img.np-header-image")
    assert srcset_widths(picture_of(header).source) == PHOTO_WIDTHS
    assert len([line for line in warnings_of(app) if "[newsposts.image]" in line]) == 4
