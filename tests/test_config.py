"""The ``newsposts_*`` settings: each declaration carries its check, and a bad value warns and
falls back to the default."""

from __future__ import annotations

from io import StringIO

import pytest

from conftest import CheckedApp, copy_root, warnings_of
from sphinx_newsposts import config
from sphinx_newsposts.config import SETTINGS, at_least, list_of_str, mapping_of_dicts, mapping_of_text, one_of

BAD_SETTINGS = """
newsposts_post_pattern = ("posts/**", 3)
newsposts_timezone = "Mars/Olympus_Mons"
newsposts_publish_drafts = "yes"
newsposts_default_authors = ("Ann", "Bob")
newsposts_words_per_minute = True
newsposts_excerpt_length = 0
newsposts_article_type = "Blog"
newsposts_publisher = {"name": 3}
newsposts_authors = {"Ann": "x"}
newsposts_feed_length = -5
"""


@pytest.fixture(scope="module")
def configured(tmp_path_factory):
    """A site whose conf.py gets most settings wrong; the settings are checked when Sphinx starts."""
    srcdir = copy_root("minimal", tmp_path_factory.mktemp("config") / "src")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(BAD_SETTINGS)
    app = CheckedApp("dummy", srcdir=srcdir, status=StringIO(), warning=StringIO())
    app.cleanup()
    return app


def test_each_bad_setting_warns_once_and_falls_back(configured):
    assert warnings_of(configured) == [f"WARNING: {line} [newsposts.config]" for line in [
        "newsposts_post_pattern ('posts/**', 3) is not a list of strings; using ['posts/**', '_posts/**', "
        "'**/_posts/**']",
        "newsposts_timezone 'Mars/Olympus_Mons' is not a known time zone (use an IANA name such as "
        "'Europe/Berlin'); using 'UTC'",
        "newsposts_publish_drafts 'yes' is a str, not bool; using False",
        "newsposts_words_per_minute True is a bool, not int; using 200",
        "newsposts_excerpt_length 0 is less than 1; using 300",
        "newsposts_article_type 'Blog' is not 'NewsArticle', 'BlogPosting' or 'Article'; using 'NewsArticle'",
        "newsposts_publisher {'name': 3} does not map 'name', 'url' and 'logo' to text; using {}",
        "newsposts_authors {'Ann': 'x'} does not map each author's name to a dict of details; using {}",
        "newsposts_feed_length -5 is less than 1; using 20",
    ]]
    used = configured.config
    assert (used.newsposts_timezone, used.newsposts_excerpt_length, used.newsposts_feed_length) == ("UTC", 300, 20)
    assert used.newsposts_post_pattern == ["posts/**", "_posts/**", "**/_posts/**"]
    [declared] = [setting for setting in SETTINGS if setting.name == "newsposts_post_pattern"]
    assert used.newsposts_post_pattern is not declared.default  # a copy, so that the declaration stays as it is


def test_a_tuple_of_strings_is_taken_as_a_list(configured):
    assert configured.config.newsposts_default_authors == ["Ann", "Bob"]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda setting: setting.name)
def test_each_default_passes_its_own_check(setting):
    assert isinstance(setting.default, setting.types)
    assert setting.check(setting.default) == setting.default


@pytest.mark.parametrize(("check", "value", "problem"), [
    (list_of_str, ["a", 1], "['a', 1] is not a list of strings"),
    (at_least(1), 0, "0 is less than 1"),
    (at_least(3), 2, "2 is less than 3"),
    (one_of("a", "b", "c"), "d", "'d' is not 'a', 'b' or 'c'"),
    (one_of("a", "b"), "d", "'d' is not 'a' or 'b'"),
    (one_of("a"), "d", "'d' is not 'a'"),
    (mapping_of_text("name", "url"), {"url": None}, "{'url': None} does not map 'name' and 'url' to text"),
    (mapping_of_dicts("each name"), {"a": 1}, "{'a': 1} does not map each name to a dict of details"),
    (config.time_zone, "Nowhere", "'Nowhere' is not a known time zone (use an IANA name such as 'Europe/Berlin')"),
])
def test_checks_say_what_is_wrong(check, value, problem):
    with pytest.raises(ValueError) as raised:
        check(value)
    assert str(raised.value) == problem


@pytest.mark.parametrize(("check", "value", "used"), [
    (list_of_str, ("a", "b"), ["a", "b"]),
    (at_least(1), 1, 1),
    (one_of("a", "b"), "b", "b"),
    (mapping_of_text("name", "url"), {"name": "N"}, {"name": "N"}),
    (mapping_of_dicts("each name"), {"a": {}}, {"a": {}}),
    (config.time_zone, "Europe/Berlin", "Europe/Berlin"),
])
def test_checks_pass_good_values(check, value, used):
    assert check(value) == used
