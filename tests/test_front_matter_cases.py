"""Front matter -> PostMeta, one case at a time, without building a site.

Each case in ``tests/fixtures/front_matter/*.md`` is a Markdown source (its front matter, and a
body where it matters) read by ``read_markdown_front_matter`` and interpreted by
``read_post_meta``. Its expected block lists the record's fields that differ from an empty
``PostMeta``, then the warnings as ``line: [newsposts.subtype] message``. The
problems of the front matter itself (``FrontMatter.error`` and ``.problems``) come first, as the
``newsposts.front_matter`` warnings the reader turns them into; the reader adds to an error
that the post is built from its file name and body.

The case's description is the file's path in the source folder, optionally followed by a YAML
mapping of settings that differ from the ones below, e.g.
``posts/2999-01-01-future.md {publish_future: true}``. Every case reads with the site's zone
America/New_York, at 2026-01-01 12:00 UTC, in a source folder holding ``assets/teaser.png``
(120x63 pixels) and ``assets/not-an-image.png`` (text).

A character that a text file should not hold raw (a control character, a byte order mark) is
written ``<U+0007>`` in the input. A line longer than 400 characters is shown cut, with its length.

``NEWSPOSTS_REGENERATE=1`` rewrites the expected blocks from what the code gives.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from sphinx.util.matching import Matcher

from conftest import ROOTS, Case, case_params, check_case
from sphinx_newsposts.config import SETTINGS
from sphinx_newsposts.reading.front_matter import read_markdown_front_matter
from sphinx_newsposts.reading.post_fields import ReadSettings, read_post_meta
from sphinx_newsposts.reading.post_meta import ImageRef, PostMeta

FIXTURES = Path(__file__).parent / "fixtures" / "front_matter"
ZONE = ZoneInfo("America/New_York")
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
POST_PATTERN = next(setting.default for setting in SETTINGS if setting.name == "newsposts_post_pattern")
_RAW_CHARACTER = re.compile(r"<U\+([0-9A-F]{4,6})>")
#: Longest line of an expected block; a longer value (a YAML bomb's harmless keys) shows its start and length.
LONGEST_LINE = 400
#: Settings a case may change, with how its YAML value becomes the setting's.
CASE_SETTINGS = {"publish_drafts": bool, "publish_future": bool, "default_authors": tuple, "max_labels": int}


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("front-matter") / "src"
    (folder / "assets").mkdir(parents=True)
    shutil.copy(ROOTS / "test-fields" / "assets" / "teaser.png", folder / "assets" / "teaser.png")
    (folder / "assets" / "not-an-image.png").write_text("not a PNG\n", encoding="utf-8")
    return folder


def read_case(case: Case, srcdir: Path) -> str:
    path, _, overrides = case.description.partition(" ")
    docname = path.rsplit(".", 1)[0]
    changes = yaml.safe_load(overrides) if overrides.strip() else {}
    unknown = sorted(set(changes) - set(CASE_SETTINGS))
    assert not unknown, f"{case.where}: settings a case cannot change: {unknown}"
    settings = ReadSettings(srcdir=str(srcdir), zone=ZONE, now=NOW, is_post_path=Matcher(POST_PATTERN),
                            **{name: CASE_SETTINGS[name](value) for name, value in changes.items()})
    warnings: list[str] = []

    def warn(subtype: str, message: str, line: int) -> None:
        warnings.append(f"{line}: [newsposts.{subtype}] {message}")

    front_matter = read_markdown_front_matter(_RAW_CHARACTER.sub(lambda match: chr(int(match[1], 16)), case.content))
    if front_matter.error is not None:
        warn("front_matter", *front_matter.error)
    for message, line in front_matter.problems:
        warn("front_matter", message, line)
    meta = read_post_meta(docname, front_matter, settings, warn)
    return "\n".join(clipped(line) for line in [*record_lines(meta), *warnings])


def clipped(line: str) -> str:
    return line if len(line) <= LONGEST_LINE else f"{line[:LONGEST_LINE - 100]}… ({len(line)} characters)"


def record_lines(meta: PostMeta) -> list[str]:
    """``field: value`` for each field of *meta* not at its default."""
    empty = PostMeta(docname=meta.docname)
    return [f"{field.name}: {shown(getattr(meta, field.name))}" for field in dataclasses.fields(PostMeta)
            if field.name != "docname" and getattr(meta, field.name) != getattr(empty, field.name)]


def shown(value: Any) -> str:
    """One line per value, the same every run: JSON for text and numbers, ISO for dates."""
    if isinstance(value, ImageRef):
        empty = ImageRef()
        return " ".join(f"{field.name}={shown(getattr(value, field.name))}" for field in dataclasses.fields(ImageRef)
                        if getattr(value, field.name) != getattr(empty, field.name))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{shown(key)}: {shown(item)}" for key, item in value.items()) + "}"
    if value is None or isinstance(value, (bool, int, float, str)):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


@pytest.mark.parametrize("case", case_params(FIXTURES))
def test_front_matter_case(case: Case, srcdir: Path):
    check_case(case, read_case(case, srcdir))
