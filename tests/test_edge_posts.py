"""Posts odd in shape or size still build; where something is dropped or renamed, a located warning says so.

The site is tests/roots/test-edge-posts plus posts made here, too big or too odd to keep in the
repository: a 1 MB post, a post with 10,000 tags, raw control characters and deep nesting in YAML.
What odd front matter reads as, and the warnings it gives, are tested without a site in
tests/test_front_matter_cases.py; here, each such post still has a page, and its warnings are
located in the build's stream.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, copy_root, read_html, warnings_of
from sphinx_newsposts.index.post_index import post_index

BIG_POST = "posts/2025-05-01-one-megabyte"
MANY_TAGS = "posts/2025-05-02-ten-thousand-tags"
SECTIONS = 1_000
TAGS = 10_000
MAX_LABELS = 50


def write_generated_posts(posts: Path) -> None:
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 12
    sections = "".join(f"## Section {n}\n\n{paragraph}\n\n- a point\n- another point\n\n" for n in range(SECTIONS))
    (posts / "2025-05-01-one-megabyte.md").write_text(
        f"---\ntitle: One megabyte\ntags: [big]\n---\n{sections}The end of a long post.\n", encoding="utf-8")
    tags = "".join(f"  - tag-{n}\n" for n in range(TAGS))
    (posts / "2025-05-02-ten-thousand-tags.md").write_text(
        f"---\ntitle: Ten thousand tags\ndate: 2025-05-02\ntags:\n{tags}---\nA pipeline gone wrong.\n",
        encoding="utf-8")
    (posts / "2025-05-03-control-characters.md").write_text(
        "---\ntitle: Bell \x07 and escape \x1b characters\ntags: [control]\n---\nBody.\n", encoding="utf-8")
    (posts / "2025-05-04-deep-nesting.md").write_text(
        f"---\ntitle: Deep nesting\ndeep: {'[' * 60}{']' * 60}\ntags: [deep]\n---\nBody.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = copy_root("edge-posts", tmp_path_factory.mktemp("edge") / "src")
    write_generated_posts(srcdir / "posts")
    return build(srcdir, fresh=True)


def meta_of(app, docname: str):
    return post_index(app.env).meta[docname]


def ours(app) -> list[str]:
    return [line for line in warnings_of(app) if "[newsposts." in line]


def warned(app, location: str, subtype: str, text: str) -> list[str]:
    """Warnings at *location* (``file`` or ``file:line``) of subtype newsposts.*subtype* holding *text*."""
    return [line for line in ours(app) if line.startswith(f"{location}: WARNING: ")
            and line.endswith(f"[newsposts.{subtype}]") and text in line]


def listed_titles(app, pagename: str) -> list[str]:
    return [title.get_text(" ", strip=True) for title in read_html(app, pagename).select(".np-card-title")]


def all_posts_listed(app) -> list[str]:
    """The links of every page of the "All posts" archive, relative to the output folder."""
    pages = ["blog", *sorted(path.relative_to(app.outdir).with_suffix("").as_posix()
                             for path in Path(app.outdir, "blog", "page").glob("*.html"))]
    return [card.select_one("a")["href"].split("posts/", 1)[1]
            for page in pages for card in read_html(app, page).select(".np-card-title")]


def title_of(app, pagename: str) -> str:
    return read_html(app, pagename).find("h1").get_text().strip("¶ \n")


# -- every post builds -------------------------------------------------------------------------

def test_every_post_has_a_page(built):
    sources = sorted(Path(built.srcdir, "posts").rglob("*.md"))
    assert len(sources) == 27
    for source in sources:
        page = Path(built.outdir) / source.relative_to(built.srcdir).with_suffix(".html")
        assert page.is_file(), source


def test_every_newsposts_warning_is_expected(built):
    """The tests below each find their warnings; nothing else is reported."""
    located = [line for line in ours(built) if line.split(": WARNING")[0].count(":") == 1]
    assert located == ours(built), "every warning names its file and line"
    assert len(located) == 15, "\n".join(ours(built))
    # the two redirect clashes: at the permalink's line, and at the front matter of a post whose
    # Jekyll address (made from its file name) another post already has
    assert [line.split(": WARNING")[0] for line in located if line.endswith("[newsposts.redirect]")] == [
        "posts/2025-02-08-second-permalink.md:3", "posts/b/2025-02-06-hello.md:1"]


# -- front matter in odd shapes ----------------------------------------------------------------

def test_front_matter_that_is_not_yaml(built):
    [warning] = warned(built, "posts/2025-02-01-not-yaml.md:2", "front_matter", "front matter is not valid YAML")
    assert warning.endswith("; the post is built from its file name and body [newsposts.front_matter]")
    meta = meta_of(built, "posts/2025-02-01-not-yaml")
    assert (meta.title, meta.date.date().isoformat()) == ("Not Yaml", "2025-02-01")
    assert "The body still builds." in read_html(built, "posts/2025-02-01-not-yaml").get_text()


def test_a_file_with_only_front_matter(built):
    assert title_of(built, "posts/2025-02-02-only-front-matter") == "Only front matter"
    assert "Only front matter" in listed_titles(built, "blog/tag/edge")
    assert not [line for line in ours(built) if "only-front-matter" in line]


def test_a_post_without_front_matter_takes_title_and_date_from_its_file_name(built):
    meta = meta_of(built, "posts/2025-02-03-no-front-matter")
    assert (meta.title, meta.date.date().isoformat(), meta.draft) == ("No Front Matter", "2025-02-03", False)
    assert "2025-02-03-no-front-matter.html" in all_posts_listed(built)
    assert not [line for line in ours(built) if "2025-02-03-no-front-matter" in line]


def test_unclosed_front_matter(built):
    [warning] = warned(built, "posts/2025-04-01-unclosed.md:1", "front_matter", "has no closing '---' line")
    assert "the post is built from its file name and body" in warning
    assert meta_of(built, "posts/2025-04-01-unclosed").title == "Unclosed"
    assert "The front matter above has no closing line." in read_html(built, "posts/2025-04-01-unclosed").get_text()


def test_front_matter_between_four_dashes_is_read(built):
    meta = meta_of(built, "posts/2025-04-02-four-dashes")
    assert (meta.title, meta.tags) == ("Four dashes", ["dashes"])
    assert "title:" not in read_html(built, "posts/2025-04-02-four-dashes").select_one("article, main").get_text()


def test_a_body_image_number_beyond_the_body(built):
    assert warned(built, "posts/2025-04-05-body-image-number.md:3", "image",
                  "'image': 3 asks for image 3 of the body, which has 1 local image; the post has no teaser")
    assert meta_of(built, "posts/2025-04-05-body-image-number").teaser is None


def test_a_tag_too_long_for_a_file_name_gets_a_shorter_archive_page(built):
    [tag] = meta_of(built, "posts/2025-04-07-long-values").tags
    slug = post_index(built.env).slugs["tag"][tag]
    assert len(slug) <= 100 and tag.startswith(slug)
    assert listed_titles(built, f"blog/tag/{slug}") == ["Long values"]


# -- posts that share a name -------------------------------------------------------------------

def test_two_posts_with_the_same_title(built):
    first, second = "posts/2025-02-04-same-title", "posts/2025-02-05-same-title"
    assert title_of(built, first) == title_of(built, second) == "Same title"
    listed = all_posts_listed(built)
    assert "2025-02-04-same-title.html" in listed and "2025-02-05-same-title.html" in listed
    assert not [line for line in ours(built) if "same-title" in line]


def test_two_posts_with_the_same_file_name_in_different_folders(built):
    assert title_of(built, "posts/a/2025-02-06-hello") == "Hello from folder a"
    assert title_of(built, "posts/b/2025-02-06-hello") == "Hello from folder b"
    assert sorted(listed_titles(built, "blog/tag/folders")) == ["Hello from folder a", "Hello from folder b"]
    # both had Jekyll's address /2025/02/06/hello.html: the first (in sorted order) keeps it
    assert warned(built, "posts/b/2025-02-06-hello.md:1", "redirect",
                  "redirect from '/2025/02/06/hello.html' not written: posts/a/2025-02-06-hello already redirects")
    redirect = (Path(built.outdir) / "2025/02/06/hello.html").read_text(encoding="utf-8")
    assert "posts/a/2025-02-06-hello.html" in redirect


def test_two_posts_with_the_same_permalink(built):
    assert warned(built, "posts/2025-02-08-second-permalink.md:3", "redirect",
                  "redirect from '/news/same-permalink/' not written: posts/2025-02-07-first-permalink already")
    redirect = (Path(built.outdir) / "news/same-permalink/index.html").read_text(encoding="utf-8")
    assert "posts/2025-02-07-first-permalink.html" in redirect
    assert (Path(built.outdir) / "posts/2025-02-08-second-permalink.html").is_file()


def test_tags_that_differ_in_case_or_punctuation_never_share_an_archive_page(built):
    expected = {
        "C++": ["Every spelling", "About C++"],
        "C#": ["Every spelling", "About C#"],
        "c": ["Every spelling", "About c"],
        "Python": ["Every spelling", "About Python"],
        "python": ["Every spelling", "About python"],
        "c plus plus": ["Every spelling"],  # its slug would be C++'s
    }
    slugs = post_index(built.env).slugs["tag"]
    pages = {label: f"blog/tag/{slugs[label]}" for label in expected}
    assert len(set(pages.values())) == len(expected)
    for label, titles in expected.items():
        soup = read_html(built, pages[label])
        assert soup.find("h1").get_text().strip("¶ \n") == f"Posts tagged “{label}”"
        assert listed_titles(built, pages[label]) == titles, label
    index = {a.get_text(" ", strip=True): a["href"] for a in read_html(built, "blog/tag").select("main a, article a")}
    for label, page in pages.items():
        assert any(text.startswith(label) and href.endswith(page.removeprefix("blog/") + ".html")
                   for text, href in index.items()), label


# -- size --------------------------------------------------------------------------------------

def test_a_one_megabyte_post(built):
    source = Path(built.srcdir, f"{BIG_POST}.md")
    assert source.stat().st_size > 1_000_000
    soup = read_html(built, BIG_POST)
    assert [h.get_text().strip("¶ \n") for h in soup.find_all("h2")][-1] == f"Section {SECTIONS - 1}"
    assert "The end of a long post." in soup.get_text()
    assert meta_of(built, BIG_POST).word_count > 100_000
    assert "One megabyte" in listed_titles(built, "blog/tag/big")
    assert not [line for line in ours(built) if "one-megabyte" in line]


def test_ten_thousand_tags_are_capped_with_a_warning(built):
    [warning] = warned(built, f"{MANY_TAGS}.md:4", "tags", "")
    assert warning == (f"{MANY_TAGS}.md:4: WARNING: 'tags': 10000 labels given, more than newsposts_max_labels (50); "
                       "kept the first 50, dropped 'tag-50', 'tag-51', 'tag-52' and 9947 more [newsposts.tags]")
    assert meta_of(built, MANY_TAGS).tags == [f"tag-{n}" for n in range(MAX_LABELS)]
    tag_pages = {path.stem for path in Path(built.outdir, "blog", "tag").glob("tag-*.html")}
    assert tag_pages == {f"tag-{n}" for n in range(MAX_LABELS)}
    assert listed_titles(built, "blog/tag/tag-49") == ["Ten thousand tags"]
