"""One way to read true/false: the shared converter, and each place that reads a flag through it
(front matter, directive options, theme options)."""

from __future__ import annotations

import pytest

from sphinx_newsposts.components.base import flag as directive_flag
from sphinx_newsposts.converters import FALSE_WORDS, TRUE_WORDS, as_flag
from sphinx_newsposts.pages.theme_options import OPTIONS as THEME_OPTIONS
from sphinx_newsposts.reading.front_matter import read_markdown_front_matter
from sphinx_newsposts.reading.post_fields import declared_post


@pytest.mark.parametrize(("value", "expected"), [
    (True, True), (False, False),
    ("true", True), ("yes", True), ("on", True), ("1", True),
    ("false", False), ("no", False), ("off", False), ("0", False), ("", False),
    ("True", True), ("YES", True), (" on\n", True), ("  Off ", False), ("   ", False),
    ("maybe", None), ("y", None), ("t", None), ("2", None), ("yes please", None),
    (1, None), (0, None), (1.0, None), (None, None), (["yes"], None), ({"on": True}, None),
])
def test_as_flag(value, expected):
    assert as_flag(value) is expected


#: Every word in the spellings people write: as given, capitalised, shouted, padded with spaces.
SPELLINGS = sorted({spelling for word in TRUE_WORDS | FALSE_WORDS
                    for spelling in (word, word.capitalize(), word.upper(), f" {word} ")} - {"", "  "})


def _front_matter_flag(text: str) -> bool | None:
    quoted = text.replace("'", "''")
    return declared_post(read_markdown_front_matter(f"---\nblogpost: '{quoted}'\n---\nBody.\n"))


def _theme_flag(value: str) -> bool | None:
    try:
        return THEME_OPTIONS["share_links"](value)
    except ValueError:
        return None


def _directive_flag(value: str) -> bool | None:
    try:
        return directive_flag(value.strip())  # a directive gets its option's text stripped
    except ValueError:
        return None


@pytest.mark.parametrize("read", [_front_matter_flag, _directive_flag, _theme_flag],
                         ids=["front matter", "directive option", "theme option"])
@pytest.mark.parametrize("text", SPELLINGS)
def test_every_place_reads_the_same_words(read, text):
    assert read(text) is as_flag(text)


@pytest.mark.parametrize("read", [_front_matter_flag, _directive_flag, _theme_flag],
                         ids=["front matter", "directive option", "theme option"])
def test_every_place_rejects_other_words(read):
    assert read("maybe") is None


def test_a_directive_option_without_a_value_is_set():
    assert directive_flag("") is True


def test_blank_front_matter_and_theme_values_are_false():
    assert _front_matter_flag("") is False
    assert _theme_flag("") is False
