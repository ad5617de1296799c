"""The ``newsposts`` command: ``new``, ``check`` and ``import-jekyll``, run in this process through ``main``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOTS, build, read_html, warnings_of
from sphinx_newsposts.cli import main
from sphinx_newsposts.cli.import_jekyll import old_address

JEKYLL_SITE = ROOTS / "jekyll-site"
CONF = 'extensions = ["sphinx_newsposts"]\nhtml_theme = "newsposts"\nhtml_baseurl = "https://news.example.org/"\n' \
       'exclude_patterns = ["_build"]\n'


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


# -- new ------------------------------------------------------------------------------------

def test_new_writes_a_post_and_never_replaces_one(tmp_path, capsys):
    args = ["new", "Ferry timetable: winter changes", "--tags", "ferries, harbour", "--category", "Town",
            "--dir", str(tmp_path / "posts"), "--date", "2026-11-20", "--draft"]
    assert main(args) == 0
    path = tmp_path / "posts" / "2026-11-20-ferry-timetable-winter-changes.md"
    assert capsys.readouterr().out.strip() == str(path)
    meta = front_matter(path)
    assert meta["title"] == "Ferry timetable: winter changes"
    assert meta["tags"] == ["ferries", "harbour"] and meta["categories"] == ["Town"]
    assert meta["published"] is False
    assert re.fullmatch(r"2026-11-20 \d\d:\d\d:\d\d [+-]\d{4}", path.read_text().split("date: ")[1].splitlines()[0])
    before = path.read_text()

    assert main(args) == 1
    assert f"{path} already exists" in capsys.readouterr().err
    assert path.read_text() == before


def test_usage_errors_exit_with_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "Title", "--date", "2026-02-30"])
    assert exit_info.value.code == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err
    assert main([]) == 2


# -- check ----------------------------------------------------------------------------------

def make_site(folder: Path, posts: dict[str, str]) -> Path:
    (folder / "posts").mkdir(parents=True)
    (folder / "conf.py").write_text(CONF, encoding="utf-8")
    (folder / "index.md").write_text("# News\n", encoding="utf-8")
    for name, text in posts.items():
        (folder / "posts" / name).write_text(text, encoding="utf-8")
    return folder


def test_check_reports_a_bad_date_with_its_location(tmp_path, capsys):
    site = make_site(tmp_path / "bad", {
        "2024-02-01-fine.md": "---\ntitle: Fine\ndate: 2024-02-01\n---\n\nAll well.\n",
        "2024-02-02-bad.md": "---\ntitle: Bad\ndate: 2024-02-30\n---\n\nNo such day.\n",
    })
    assert main(["check", str(site)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"posts/2024-02-02-bad\.md:3: WARNING: 'date': .*2024-02-30.*\[newsposts\.date\]", out)
    assert out.strip().splitlines()[-1] == "2 posts checked, 1 problem"
    assert not (site / "_build").exists()  # nothing written into the site


def test_check_passes_a_good_site(tmp_path, capsys):
    site = make_site(tmp_path / "good", {"2024-02-01-fine.md": "---\ntitle: Fine\ndate: 2024-02-01\n---\n\nWell.\n"})
    assert main(["check", str(site)]) == 0
    assert capsys.readouterr().out.strip() == "1 posts checked, 0 problems"


def test_check_needs_a_sphinx_folder(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "no conf.py" in capsys.readouterr().err


# -- import-jekyll --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    dest = tmp_path_factory.mktemp("imported") / "site"
    import contextlib
    import io
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["import-jekyll", str(JEKYLL_SITE), str(dest)])
    return dest, status, out.getvalue(), err.getvalue()


def post_text(dest: Path, name: str = "2024-03-01-harbour-opens.md") -> str:
    return (dest / "posts" / name).read_text(encoding="utf-8")


def test_import_copies_posts_drafts_and_images(imported):
    dest, status, out, err = imported
    assert status == 0
    assert (dest / "posts" / "2024-03-05-market-day.markdown").is_file()  # names kept
    assert (dest / "assets" / "images" / "quay.png").is_file()
    assert (dest / "media" / "tides.png").is_file()  # a folder posts take images from
    assert front_matter(dest / "posts" / "ferry-plans.md")["published"] is False
    conf = (dest / "conf.py").read_text()
    assert "project = 'Harbour Town Gazette'" in conf
    assert "html_baseurl = 'https://gazette.example.org/news/'" in conf
    assert "newsposts_timezone = 'Europe/Berlin'" in conf
    assert "[3/3] posts/ferry-plans.md" in err  # progress: plain lines when stderr is no terminal
    assert "Imported into" in out and "2 posts" in out and "1 drafts" in out


def test_import_leaves_the_rest_of_a_post_unchanged(imported):
    dest = imported[0]
    source = (JEKYLL_SITE / "_posts" / "2024-03-05-market-day.markdown").read_text()
    new = post_text(dest, "2024-03-05-market-day.markdown")
    assert new == source.replace("category: Town\n", "category: Town\nredirect_from: [/town/2024/3/market-day/]\n")


def test_import_converts_liquid_and_kramdown(imported):
    text = post_text(imported[0])
    expected = [
        "[market day](2024-03-05-market-day.markdown)",  # post_url
        "[the same, by path](2024-03-05-market-day.markdown)",  # link
        "![The quay](/assets/images/quay.png){.wide-image}",  # site.baseurl, inline attributes
        "{.notice--info}\nThe old pier reopens in May.\n",  # block attributes move before the block
        "[on the tracker](https://code.example.org/gazette/issues).",  # site variable; target dropped
        "```{figure} /assets/images/quay.png\n:alt: Boats at the quay\n\nThe quay at dawn.\n```",
        "[Watch the video on YouTube](https://www.youtube.com/watch?v=abc123XYZ)",
        "```python\ndef departures(day):\n",
        "```{code-block} ruby\n:linenos:\n\nputs \"ahoy\"\n```",
        "you would write `{{ page.title }}`.",  # raw: tags dropped, text kept
    ]
    for snippet in expected:
        assert snippet in text
    assert "{%" not in text.replace("{% for boat in site.data.boats %}", "").replace("{% endfor %}", "")
    out = imported[2]
    assert re.search(r"^\s+1  include figure$", out, re.M)
    assert re.search(r"^\s+1  highlight \(linenos\)$", out, re.M)
    assert 'note: kramdown attribute target="_blank" dropped' in out


def test_import_reports_what_it_left_with_file_and_line(imported):
    dest, _status, out, _err = imported
    lines = post_text(dest).splitlines()
    for kind, text in (("{% for %}", "{% for boat in site.data.boats %}"), ("{{ boat.name }}", "{{ boat.name }}")):
        line = next(number for number, line in enumerate(lines, start=1) if text in line)
        assert f"{dest / 'posts' / '2024-03-01-harbour-opens.md'}:{line}: left: {text}" in out
        assert re.search(rf"^\s+1  {re.escape(kind)}$", out, re.M)


def test_import_adds_redirects_for_a_custom_permalink_style(imported):
    dest = imported[0]
    assert front_matter(dest / "posts" / "2024-03-01-harbour-opens.md")["redirect_from"] == [
        "/harbour/2024/3/harbour-opens/"]
    assert "newsposts_jekyll_redirects = False" in (dest / "conf.py").read_text()
    assert "redirect_from" not in front_matter(dest / "posts" / "ferry-plans.md")  # drafts had no address


@pytest.mark.parametrize(("style", "expected"), [
    ("/:categories/:year/:month/:day/:title:output_ext", "/town/2024/03/05/market-day.html"),
    ("/:categories/:year/:month/:day/:title/", "/town/2024/03/05/market-day/"),
    ("/:categories/:year/:y_day/:title:output_ext", "/town/2024/065/market-day.html"),
    ("/:categories/:title:output_ext", "/town/market-day.html"),
    ("/:year/:i_month/:i_day/:slug", "/2024/3/5/market-day"),
])
def test_old_addresses_follow_jekyll_placeholders(style, expected):
    from zoneinfo import ZoneInfo
    values = {"date": "2024-03-05 23:30:00 -0500", "categories": "Town"}
    assert old_address(style, "posts/2024-03-05-market-day.md", values, ZoneInfo("America/New_York")) == expected


def test_imported_site_builds_without_newsposts_warnings(imported):
    app = build(imported[0], fresh=True)
    warnings = warnings_of(app)
    liquid = [line for line in warnings if line.endswith("[newsposts.liquid]")]
    assert [line for line in warnings if ("newsposts" in line or "myst" in line) and line not in liquid] == []
    # what the import left (a {% for %} loop over site data) runs at build time: no data, no items
    assert liquid == []
    assert "{% for" not in read_html(app, "posts/2024-03-01-harbour-opens").find("article").get_text()
    redirect = Path(app.outdir) / "harbour" / "2024" / "3" / "harbour-opens" / "index.html"
    assert "posts/2024-03-01-harbour-opens.html" in redirect.read_text()


def test_import_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("mine")
    assert main(["import-jekyll", str(JEKYLL_SITE), str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert main(["import-jekyll", str(tmp_path), str(tmp_path / "new")]) == 2  # no _posts


# -- import-jekyll: _posts folders anywhere, one per language ---------------------------------

LANGUAGES_SITE = ROOTS / "jekyll-languages"
HARBOUR = "2019-10-01-harbour.md"


def _import(site: Path, dest: Path, *options: str) -> tuple[int, str]:
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["import-jekyll", str(site), str(dest), *options])
    return status, out.getvalue()


@pytest.fixture(scope="module")
def languages(tmp_path_factory):
    dest = tmp_path_factory.mktemp("languages") / "site"
    return dest, *_import(LANGUAGES_SITE, dest)


def test_import_finds_posts_folders_anywhere_and_keeps_them_in_place(languages):
    dest, status, out = languages
    assert status == 0
    posts = sorted(path.relative_to(dest).as_posix() for path in dest.rglob("*.md") if "_posts" in path.parts)
    assert posts == [f"de/news/_posts/{HARBOUR}", "de/news/_posts/ideen.md", f"en/news/_posts/{HARBOUR}",
                     "en/news/_posts/2019-10-02-ferry.md", f"ja/news/_posts/{HARBOUR}"]  # no name collides
    for language in ("en", "de", "ja"):
        source = (LANGUAGES_SITE / language / "news" / "_posts" / HARBOUR).read_text(encoding="utf-8")
        assert (dest / language / "news" / "_posts" / HARBOUR).read_text(encoding="utf-8").split("---")[1] == \
            source.split("---")[1]  # front matter as it was: the folders give the categories
    assert front_matter(dest / "de" / "news" / "_posts" / "ideen.md")["published"] is False  # drafts join posts
    assert not (dest / "node_modules").exists() and not (dest / "private").exists()  # skipped, excluded
    assert "4 posts" in out and "1 drafts" in out


def test_import_links_posts_across_language_folders(languages):
    dest = languages[0]
    german = (dest / "de" / "news" / "_posts" / HARBOUR).read_text(encoding="utf-8")
    assert f"[auf Englisch](../../../en/news/_posts/{HARBOUR})" in german  # post_url with the folders above
    japanese = (dest / "ja" / "news" / "_posts" / HARBOUR).read_text(encoding="utf-8")
    # a bare name matches no post exactly; Jekyll then takes the first of that date and title, by path
    assert f"[この記事](../../../de/news/_posts/{HARBOUR})" in japanese
    assert "names 3 posts; linked to the first, de/news/_posts/2019-10-01-harbour.md" in languages[2]


def test_import_copies_what_liquid_reads(languages):
    dest = languages[0]
    assert (dest / "_config.yml").read_bytes() == (LANGUAGES_SITE / "_config.yml").read_bytes()
    assert (dest / "_data" / "boats.yml").is_file() and (dest / "_includes" / "note.html").is_file()
    assert not (dest / "_layouts").exists()
    assert 'exclude_patterns = ["_build", "_data", "_includes"]' in (dest / "conf.py").read_text()


def test_imported_language_folders_keep_categories_and_jekyll_addresses(languages):
    app = build(languages[0], fresh=True)
    assert [line for line in warnings_of(app) if not line.endswith("[newsposts.liquid]")] == []
    out = Path(app.outdir)
    # Jekyll's /:categories/:year/:month/:day/:title.html, the folders above _posts first
    for old, language in (("en/news/town", "en"), ("de/news/stadt", "de"), ("ja/news", "ja")):
        redirect = (out / old / "2019" / "10" / "01" / "harbour.html").read_text(encoding="utf-8")
        assert f"{language}/news/_posts/2019-10-01-harbour.html" in redirect
    for label in ("en", "de", "ja", "news", "town", "stadt"):
        assert (out / "blog" / "category" / f"{label}.html").is_file()


def test_import_strict_mode_counts_what_is_left(tmp_path):
    assert _import(LANGUAGES_SITE, tmp_path / "lenient")[0] == 0
    status, out = _import(LANGUAGES_SITE, tmp_path / "strict", "--strict")
    assert status == 1  # the {% for %} loop over site.data is left to the build
    assert f"en/news/_posts/{HARBOUR}:7: left: {{% for boat in site.data.boats %}}" in out


def test_import_takes_only_images_from_a_folder_that_holds_posts(tmp_path):
    from PIL import Image
    site = tmp_path / "jekyll"
    import shutil
    shutil.copytree(LANGUAGES_SITE, site)
    (site / "en" / "images").mkdir()
    Image.new("RGB", (8, 8), "navy").save(site / "en" / "images" / "quay.png")
    (site / "en" / "index.md").write_text("---\nlayout: home\n---\nA Jekyll page.\n", encoding="utf-8")
    post = site / "en" / "news" / "_posts" / "2019-10-02-ferry.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n![The quay](/en/images/quay.png)\n", encoding="utf-8")
    status, _out = _import(site, tmp_path / "site")
    assert status == 0
    assert (tmp_path / "site" / "en" / "images" / "quay.png").is_file()
    assert not (tmp_path / "site" / "en" / "index.md").exists()


def test_old_addresses_put_the_folders_above_posts_first():
    from zoneinfo import ZoneInfo
    values = {"date": "2019-10-01", "categories": ["news", "Town"]}
    address = old_address("/:categories/:year/:title/", "en/news/_posts/2019-10-01-harbour.md", values,
                          ZoneInfo("Europe/Berlin"), ["en", "news"])
    assert address == "/en/news/town/2019/harbour/"


def test_python_m_shows_help():
    done = subprocess.run([sys.executable, "-m", "sphinx_newsposts", "--help"], capture_output=True, text=True,
                          check=True)
    assert "newsposts import-jekyll" in done.stdout and "examples:" in done.stdout
