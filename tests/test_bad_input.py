"""Every rejected value is a located newsposts.* warning with a fallback; the post still builds.

The site's view: each warning in the build's stream at its file and line, and the pages built.
What each value reads as, and the text of each warning, are tested without a site in
tests/test_front_matter_cases.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ablog_record, build, copy_root, warnings_of
from sphinx_newsposts.index.post_index import post_index


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("bad-input")


EXPECTED = [
    ("posts/2025-01-01-unparseable-date.md:3", "date",
     "'date': 'next tuesday' is not a date (write it as YYYY-MM-DD, optionally followed by HH:MM:SS and a UTC offset); "
     "using the date in the file name, 2025-01-01"),
    ("posts/2025-01-02-impossible-date.md:3", "date",
     "'date': '2025-02-30' is not a real date (day is out of range for month); using the date in the file name, "
     "2025-01-02"),
    ("posts/2025-01-03-label-types.md:3", "tags", "'tags': entry 2024 is a number, not text; used as '2024'"),
    ("posts/2025-01-03-label-types.md:3", "tags",
     "'tags': entry {'nested': 'mapping'} is a mapping, not a label; dropped"),
    ("posts/2025-01-03-label-types.md:4", "categories", "'categories': 42 is a number, not text; used as '42'"),
    ("posts/2025-01-04-header-not-mapping.md:3", "header",
     "'header': '/assets/teaser.png' is text, not a mapping such as {teaser: /assets/teaser.jpg}; ignored"),
    ("posts/2025-01-05-excerpt-list.md:3", "excerpt",
     "'excerpt': ['one', 'two'] is a list, not text; the first paragraph is used instead"),
    ("posts/2025-01-06-missing-teaser.md:3", "image",
     "'header.teaser': image file '/assets/images/missing.jpg' not found (looked for 'assets/images/missing.jpg' in "
     "the source directory); ignored"),
    ("posts/2025-01-07-invalid-yaml.md:4", "front_matter",
     "front matter is not valid YAML (did not find expected ',' or ']'); the post is built from its file name and "
     "body"),
    ("posts/2025-01-08-script-url.md:3", "image",
     "'header.teaser': only http, https and relative image URLs are allowed, not 'javascript:alert(1)'; ignored"),
    ("posts/2025-01-09-list-front-matter.md:2", "front_matter",
     "front matter is a list, not a mapping of keys to values (title: ..., date: ...); the post is built from its "
     "file name and body"),
    ("posts/undated.md:1", "date",
     "post has no date in its front matter or file name (YYYY-MM-DD-title.md); built as a draft"),
    ("posts/2025-01-10-toc-not-bool.md:3", "field", "'toc': 'maybe' is neither true nor false; using false"),
    # newsposts_max_labels = 2 in conf.py
    ("posts/2025-01-11-too-many-labels.md:3", "tags",
     "'tags': 3 labels given, more than newsposts_max_labels (2); kept the first 2, dropped 'c'"),
]


@pytest.mark.parametrize(("location", "subtype", "text"), EXPECTED)
def test_each_problem_is_a_located_warning(built, location, subtype, text):
    matching = [w for w in warnings_of(built)
                if w.startswith(f"{location}: WARNING:") and w.endswith(f"[newsposts.{subtype}]") and text in w]
    assert matching, "\n".join(warnings_of(built))


def test_no_other_warnings(built):
    expected = len(EXPECTED) + 2  # plus the configuration warnings below
    assert len(warnings_of(built)) == expected, "\n".join(warnings_of(built))


def test_bad_configuration_warns_and_falls_back(built):
    assert [w for w in warnings_of(built) if "[newsposts.config]" in w] == [  # in the order settings are declared
        "WARNING: newsposts_timezone 'Mars/Olympus_Mons' is not a known time zone (use an IANA name such as "
        "'Europe/Berlin'); using 'UTC' [newsposts.config]",
        "WARNING: newsposts_words_per_minute 0 is less than 1; using 200 [newsposts.config]",
    ]
    assert post_index(built.env).meta["posts/2025-01-10-toc-not-bool"].date.utcoffset().total_seconds() == 0


def test_every_post_still_builds(built):
    posts = sorted(Path(built.srcdir, "posts").iterdir())
    for source in posts:
        assert (Path(built.outdir) / "posts" / f"{source.stem}.html").is_file(), source.name


def test_fallbacks_from_the_body_and_for_ablog(built):
    meta = post_index(built.env).meta
    assert meta["posts/2025-01-05-excerpt-list"].summary == "The first paragraph stands in for the excerpt."
    assert meta["posts/2025-01-07-invalid-yaml"].title == "Invalid Yaml"
    # ABlog saw only values it can take
    assert ablog_record(built, "posts/2025-01-02-impossible-date")["date"].isoformat() == "2025-01-02T00:00:00"


def test_warnings_become_errors_with_W(tmp_path):
    srcdir = copy_root("bad-input", tmp_path / "src")
    app = build(srcdir, fresh=True, warningiserror=True)
    assert app.statuscode == 1
