"""Random posts never crash a build, and every value a post loses is a located warning.

Hypothesis writes batches of posts into a fresh site and builds it once per example. Front
matter holds every key this project reads (Jekyll, Minimal Mistakes, Hugo and ABlog spellings)
with values of every YAML type -- text with control characters, huge text, nested mappings,
lists of mappings, numbers, booleans, nulls, dates, impossible dates, odd UTC offsets -- plus
unknown keys; some posts have broken YAML, unclosed or no front matter at all. Bodies hold
``faq``, ``takeaways`` and ``source`` components in good and bad shapes, and their plain-Markdown
look-alikes. For every post:

- the build finishes and the post has a page;
- each front-matter value not of an accepted shape (decided per key below, from the field
  semantics in ``sphinx_newsposts/reading/post_fields.py``) gives a ``newsposts.*`` warning at its key's line;
- broken front matter gives a ``newsposts.front_matter`` warning, a misused component a warning
  of its own subtype, both in that post's file;
- a post with nothing wrong gives no ``newsposts`` warning at all;
- what was accepted shows: the front-matter title in the page's ``<h1>`` (with the typographic
  quotes Sphinx gives headings) and in its Atom and RSS entries, the publication date (front matter
  first, else the file name; without a zone, in the site's) in the page's ``<time datetime>`` at the
  same moment and offset, and each tag's archive lists the post; a post that is not published
  (a draft, ``published: false``, dated in the future or not at all) is in no feed.

The default run builds 400 posts (16 sites of 25) in well under a minute, derandomized so that
CI sees the same cases every time (about a hundred have their title checked, sixty their tags).
``NEWSPOSTS_FUZZ_CASES`` asks for a long run with fresh random cases each time, a minute or two
per 1,000 posts on two cores (3,000 posts: four and a half minutes)::

    NEWSPOSTS_FUZZ_CASES=10000 python -m pytest tests/test_fuzz_posts.py -q -p no:randomly

A failure prints the shrunk batch and a ``@reproduce_failure`` line that replays it exactly;
``NEWSPOSTS_FUZZ_SHRINK=0`` reports the first failing batch as found, without shrinking it.
"""

from __future__ import annotations

import dataclasses
import math
import os
import posixpath
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote

import yaml
from bs4 import BeautifulSoup
from docutils.utils import smartquotes
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import ROOTS, build, warnings_of

CASES = int(os.environ.get("NEWSPOSTS_FUZZ_CASES") or 0)
LONG_RUN = CASES > 0
#: More posts per build would save Sphinx start-ups, but overrun Hypothesis's budget of random choices per example.
POSTS_PER_BUILD = 25
EXAMPLES = math.ceil(CASES / POSTS_PER_BUILD) if LONG_RUN else 16

#: Feeds hold every published post of a site (not only the newest 20), so that each can be looked up there.
CONF = ('extensions = ["sphinx_newsposts"]\nhtml_theme = "newsposts"\nhtml_baseurl = "https://example.org/"\n'
        'newsposts_feed_length = 100\n')
TEASER = ROOTS / "test-fields" / "assets" / "teaser.png"

OK, BAD, ANY = "ok", "bad", "any"
"""Verdicts on a generated value: accepted silently, rejected with a warning at its line, or
either (text whose fate depends on what it happens to say, such as a redirect address: it may
clash with another post's address, which is decided after every post is read)."""


# -- values ------------------------------------------------------------------------------------

CONTROL = "".join(chr(code) for code in (*range(0, 9), 11, 12, *range(14, 32), 127))
any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=24)
nasty_text = st.text(st.sampled_from([*CONTROL, " ", "\t", "\n", "a", "Z", "<", ">", "&", '"', "'", "#", ":", "-",
                                      "*", "[", "]", "{", "}", "%", "\u2028", "\u00a0", "é", "漢", "😀", "\\"]),
                     max_size=24)
huge_text = st.builds(lambda piece, times: (piece or "x") * times, st.text(max_size=6), st.integers(1000, 20_000))
#: Mostly short text; one value in twenty is huge (tens of kilobytes).
text = st.integers(0, 19).flatmap(lambda pick: huge_text if pick == 0 else st.one_of(any_text, nasty_text))
#: Text that no date reader can mistake for a date, and no flag reader for true or false.
wordy_text = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz <>&'\"é漢:/-"), min_size=1, max_size=24).filter(
    lambda value: value.strip().lower() not in ("y", "n", "yes", "no", "on", "off", "true", "false", ""))
label_text = st.one_of(any_text, nasty_text,
                       st.sampled_from(["C++", "C#", "c", "Python", "python", "AI", "ai", "über"]))
numbers = st.one_of(st.integers(-10**30, 10**30), st.floats(allow_nan=True, allow_infinity=True))
odd_zones = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12)),
                             timezone(timedelta(hours=5, minutes=45)), timezone(-timedelta(hours=23, minutes=59)),
                             timezone(timedelta(hours=9, minutes=30))])
zones_with_seconds = st.sampled_from([timezone(timedelta(seconds=30)), timezone(timedelta(hours=1, microseconds=5))])
any_dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
any_datetimes = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31),
                             timezones=st.one_of(st.none(), odd_zones))
scalars = st.one_of(st.none(), st.booleans(), numbers, text, any_dates, any_datetimes, st.binary(max_size=8))
nested = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(any_text, inner, max_size=4)), max_leaves=12)
lists_of_mappings = st.lists(st.dictionaries(st.sampled_from(["name", "url", "x"]), scalars, max_size=3),
                             min_size=1, max_size=3)
junk = st.one_of(scalars, nested, lists_of_mappings, st.frozensets(st.integers(0, 9), max_size=3).map(set))

IN_RANGE = (1000, 9998)


def _year_ok(moment: date, *, publication: bool = False) -> bool:
    """A publication date after the range is in the future (Jekyll's 9999-12-31): no warning."""
    return IN_RANGE[0] <= moment.year and (publication or moment.year <= IN_RANGE[1])


def _is_text_like(value) -> bool:
    return isinstance(value, (str, int, float, date)) and not isinstance(value, bool)


def _blank(value) -> bool:
    return value is None or isinstance(value, str) and not re.sub(f"[{re.escape(CONTROL)}\\s]", "", value)


def verdict_of_text(value) -> str:
    """title, toc_label: text, numbers and dates are text; anything else is refused."""
    return OK if _blank(value) or _is_text_like(value) else BAD


def verdict_of_date(value, *, publication: bool = False) -> str:
    if _blank(value):
        return OK
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is not None and (offset.seconds % 60 or offset.microseconds):
            return BAD  # written with a seconds offset that YAML cannot read back as a timestamp
        return OK if _year_ok(value, publication=publication) else BAD
    if isinstance(value, date):
        return OK if _year_ok(value, publication=publication) else BAD
    if not isinstance(value, str):
        return BAD
    # Every date shape read (ISO 8601 and RFC 822) needs digits for its year and day. Random text
    # with digits stays undecided: RFC 822 reading takes too many shapes to tell them apart here.
    return ANY if any(char.isdigit() for char in value) else BAD


def verdict_of_flag(value) -> str:
    if _blank(value) or isinstance(value, bool):
        return OK
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "on", "1", "false", "no", "off", "0"):
        return OK
    return BAD


def verdict_of_labels(value, *, named: bool = False) -> str:
    """tags, categories, keywords, authors: text, or a list of texts (and of {name: ...} for authors)."""
    def entry(item) -> str:
        if item is None or isinstance(item, str):
            return OK
        if named and isinstance(item, dict):
            return OK if isinstance(item.get("name"), str) else BAD
        return BAD
    if isinstance(value, list):
        return BAD if BAD in [entry(item) for item in value] else OK
    return entry(value)


def verdict_of_image(value) -> str:
    if _blank(value):
        return OK
    if not isinstance(value, str):
        return BAD
    if value in IMAGE_VERDICTS:
        return IMAGE_VERDICTS[value]
    # Without '/' text has no host (a remote URL needs '//') and names a file beside the post, where
    # there are only posts, whose names have a '.': not found. Other random text stays undecided, as
    # it may happen to name a file of the site or a remote address.
    return ANY if "/" in value or "." in value else BAD


IMAGE_VERDICTS = {
    "/assets/teaser.png": OK, "../assets/teaser.png": OK, "https://cdn.example.org/teaser.jpg": OK,
    "//cdn.example.org/teaser.jpg": OK, "HTTPS://CDN.EXAMPLE.ORG/T.PNG": OK,
    "/assets/missing.png": BAD, "javascript:alert(1)": BAD, "data:image/png;base64,AAAA": BAD, "http://": BAD,
    "../../../etc/passwd": BAD, "assets/teaser.png": BAD, "/assets/teaser.png\x00": BAD, "file:///etc/passwd": BAD,
    "https://[unclosed": BAD, "/" + "a" * 300 + ".png": BAD,
}
#: Date text that reads, with the moment it names (the site's zone is UTC).
GOOD_DATE_MOMENTS = {
    "2025-07-16": datetime(2025, 7, 16, tzinfo=UTC),
    "2025-07-16 03:55:41 ": datetime(2025, 7, 16, 3, 55, 41, tzinfo=UTC),
    " 2025-7-6 ": datetime(2025, 7, 6, tzinfo=UTC),
    "2025-07-16T03:55:41Z": datetime(2025, 7, 16, 3, 55, 41, tzinfo=UTC),
    "2025-07-16 03:55:41 +0200": datetime(2025, 7, 16, 3, 55, 41, tzinfo=timezone(timedelta(hours=2))),
    "2025-07-16T03:55:41.123456-05:30": datetime(2025, 7, 16, 3, 55, 41, 123456,
                                                 tzinfo=timezone(-timedelta(hours=5, minutes=30))),
    "Wed, 16 Jul 2025 03:55:41 +0000": datetime(2025, 7, 16, 3, 55, 41, tzinfo=UTC),
    "2025-07-16 3:55 UTC": datetime(2025, 7, 16, 3, 55, tzinfo=UTC),
}
GOOD_DATE_TEXT = list(GOOD_DATE_MOMENTS)
FAR_FUTURE_DATE_TEXT = ["9999-12-31", "10000-01-01", "9999-12-31 23:59:59 -12:00"]
BAD_DATE_TEXT = ["2025-02-30", "2025-13-01", "0000-01-01", "0999-12-31", "10000-13-01", "next tuesday",
                 "2025-07-16 25:00", "2025-07-16 10:00 +25:00", "2025-07-16 10:00 +05:99", "16/07/2025", "2025",
                 "2025-07-16 03:55:41 2025 -0800", "Wed, 16 Jul 2025 03:55:41 +9900", "Wed, 32 Jul 2025 03:55:41"]


def tagged(strategy, verdict):
    return strategy.map(lambda value: (value, verdict))


def judged(strategy, judge):
    return strategy.map(lambda value: (value, judge(value)))


def text_values():
    return st.one_of(judged(text, verdict_of_text), judged(junk, verdict_of_text))


def date_values(*, publication: bool = False):
    """Dates; a *publication* date (not an updated one) may lie past the range: it is in the future."""
    def verdict(value) -> str:
        return verdict_of_date(value, publication=publication)

    return st.one_of(
        judged(st.one_of(any_dates, any_datetimes), verdict),
        judged(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1),
                            timezones=zones_with_seconds), verdict),
        tagged(st.sampled_from(GOOD_DATE_TEXT), OK),
        tagged(st.sampled_from(FAR_FUTURE_DATE_TEXT), OK if publication else BAD),
        tagged(st.sampled_from(BAD_DATE_TEXT), BAD),
        tagged(wordy_text, BAD),
        judged(junk, verdict_of_date),
    )


def flag_values():
    return st.one_of(
        judged(st.sampled_from([True, False, "yes", "No", " true ", "OFF", "1", "0", "", None, "maybe", "y"]),
               verdict_of_flag),
        tagged(wordy_text, BAD),
        judged(junk, verdict_of_flag),
    )


def label_values(*, named: bool = False):
    entries = st.one_of(label_text, st.none(), numbers, st.booleans(), any_dates,
                        st.fixed_dictionaries({"name": label_text}), st.fixed_dictionaries({"email": text}),
                        st.lists(label_text, max_size=2))
    return st.one_of(
        judged(st.lists(entries, max_size=8), lambda value: verdict_of_labels(value, named=named)),
        judged(label_text, lambda value: verdict_of_labels(value, named=named)),
        judged(junk, lambda value: verdict_of_labels(value, named=named)),
    )


def excerpt_values():
    return st.one_of(judged(text, lambda value: OK), judged(junk, lambda value: OK if _blank(value) or
                                                          isinstance(value, str) else BAD))


def image_values():
    return st.one_of(judged(st.sampled_from(sorted(IMAGE_VERDICTS)), verdict_of_image),
                     judged(junk, verdict_of_image))


@st.composite
def header_values(draw):
    if draw(st.integers(0, 5)) == 0:
        value = draw(junk)
        return value, verdict_of_header(value)
    header, verdicts = {}, []
    for name in draw(st.lists(st.sampled_from(["teaser", "image", "overlay_image", "og_image"]), unique=True,
                              max_size=4)):
        header[name], verdict = draw(image_values())
        verdicts.append(verdict)
    for name in draw(st.lists(st.sampled_from(["image_description", "teaser_alt", "alt"]), unique=True, max_size=2)):
        header[name], verdict = draw(text_values())
        verdicts.append(verdict)
    for name in draw(st.lists(st.sampled_from(["overlay_color", "caption", "actions", "overlay_filter"]),
                              unique=True, max_size=2)):
        header[name] = draw(junk)  # Minimal Mistakes keys this project does not read
    return header, _combined(verdicts)


def verdict_of_header(value) -> str:
    """A mapping is a header; only the keys naming images and their alt text are read."""
    if _blank(value):
        return OK
    if not isinstance(value, dict):
        return BAD
    verdicts = [verdict_of_image(value.get(name)) for name in ("teaser", "image", "overlay_image", "og_image")]
    verdicts += [verdict_of_text(value.get(name)) for name in ("image_description", "teaser_alt", "alt")]
    return _combined(verdicts)


def _combined(verdicts) -> str:
    return BAD if BAD in verdicts else ANY if ANY in verdicts else OK


def top_image_values():
    """``image``: a path or URL, jekyll-seo-tag's {path: ...}, or ABlog's number of a body image."""
    seo = st.fixed_dictionaries({"path": st.one_of(st.sampled_from(sorted(IMAGE_VERDICTS)), junk), "alt": junk})
    return judged(st.one_of(st.sampled_from(sorted(IMAGE_VERDICTS)), junk, st.integers(-3, 3), seo),
                  verdict_of_top_image)


def verdict_of_top_image(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # whether image N of the body exists depends on the body and on the other images named: undecided
        return OK if value == 0 else BAD if value < 0 else ANY
    if isinstance(value, dict):  # jekyll-seo-tag's {path: ..., alt: ...}
        return verdict_of_image(value["path"]) if isinstance(value.get("path"), str) else BAD
    return verdict_of_image(value)


def hugo_images_values():
    def judge(value):
        first = (value[0] if value else None) if isinstance(value, list) else value
        return verdict_of_image(first)
    return st.one_of(judged(st.lists(st.sampled_from(sorted(IMAGE_VERDICTS)), max_size=3), judge),
                     judged(junk, judge))


#: Random text as an address stays undecided (ANY): whether its redirect is written is settled when the
#: redirects are, after every post is read -- it may name another post's address or page, or a path
#: the output folder cannot hold (a file where a folder must be) -- not by its shape alone.
def unique_address_values(number: int, kind: str):
    """Addresses that lead nowhere else (OK), or anything, which may clash or be refused later (ANY)."""
    good = st.integers(0, 3).map(lambda n: (f"/old/{number}/{kind}-{n}/", OK))
    return st.one_of(good, judged(junk, lambda value: OK if _blank(value) else ANY if _is_text_like(value) else BAD))


def redirect_values(number: int, kind: str):
    good = st.lists(st.integers(0, 9), max_size=3, unique=True).map(
        lambda ns: ([f"/old/{number}/{kind}/{n}/" for n in ns], OK))
    return st.one_of(good, judged(junk, lambda value: _combined(
        [OK if item is None else ANY if isinstance(item, str) else BAD
         for item in (value if isinstance(value, list) else [value])])))


def slug_values(number: int):
    """A slug names the post's old Jekyll address, a redirect: random text is undecided, as addresses are."""
    good = st.just((f"slug-{number}", OK))
    return st.one_of(good, judged(junk, lambda value: OK if _blank(value) else ANY if _is_text_like(value) else BAD))


def good_field_strategies(number: int) -> dict[str, st.SearchStrategy]:
    """Each key with values of accepted shapes only, for posts that must give no warning at all."""
    good_text = st.one_of(any_text, nasty_text, label_text, numbers, st.none())
    good_dates = st.one_of(st.sampled_from(GOOD_DATE_TEXT), st.dates(date(1000, 1, 1), date(9998, 12, 31)),
                           st.datetimes(datetime(1000, 1, 1), datetime(9998, 12, 31),
                                        timezones=st.one_of(st.none(), odd_zones)))
    labels = st.one_of(label_text, st.lists(st.one_of(label_text, st.none()), max_size=8))
    named = st.one_of(labels, st.fixed_dictionaries({"name": label_text}),
                      st.lists(st.one_of(label_text, st.fixed_dictionaries({"name": label_text})), max_size=4))
    good_image = st.sampled_from(sorted(name for name, verdict in IMAGE_VERDICTS.items() if verdict == OK))
    header = st.fixed_dictionaries({}, optional={
        "teaser": good_image, "image": good_image, "overlay_image": good_image, "og_image": good_image,
        "alt": good_text, "teaser_alt": good_text, "caption": junk, "overlay_color": junk})
    flags = st.sampled_from([True, False, "yes", "No", " true ", "OFF", "1", "0", "", None])
    strategies = {
        "title": good_text, "toc_label": good_text, "excerpt": any_text, "description": nasty_text,
        "summary": text, "header": header, "images": st.lists(good_image, max_size=3),
        "image": st.one_of(good_image, st.just(0), st.fixed_dictionaries({"path": good_image, "alt": any_text})),
        "classes": labels, "author": named, "authors": named,
        "permalink": st.just(f"/old/{number}/permalink/"), "slug": st.just(f"slug-{number}"),
        **{key: good_dates for key in ("date", "publishdate", "pubdate", "last_modified_at", "lastmod", "updated",
                                       "modified")},
        **{key: labels for key in ("tags", "categories", "category", "keywords")},
        **{key: flags for key in ("toc", "toc_sticky", "published", "draft", "blogpost")},
        **{key: st.just([f"/old/{number}/{key}/"]) for key in ("redirect_from", "aliases", "redirect")},
    }
    return {key: tagged(strategy, OK) for key, strategy in strategies.items()}


def field_strategies(number: int) -> dict[str, st.SearchStrategy]:
    """Each key this project reads, in one of its spellings, with (value, verdict) pairs."""
    return {
        "title": text_values(),
        "date": date_values(publication=True), "publishdate": date_values(publication=True),
        "pubdate": date_values(publication=True),
        "last_modified_at": date_values(), "lastmod": date_values(), "updated": date_values(),
        "modified": date_values(),
        "tags": label_values(), "categories": label_values(), "category": label_values(),
        "keywords": label_values(), "author": label_values(named=True), "authors": label_values(named=True),
        "excerpt": excerpt_values(), "description": excerpt_values(), "summary": excerpt_values(),
        "header": header_values(), "image": top_image_values(), "images": hugo_images_values(),
        "toc": flag_values(), "toc_sticky": flag_values(), "published": flag_values(), "draft": flag_values(),
        "blogpost": flag_values(), "toc_label": text_values(),
        "classes": judged(st.one_of(label_text, st.lists(label_text, max_size=3), junk),
                          lambda value: verdict_of_labels(value)),
        "permalink": unique_address_values(number, "permalink"), "slug": slug_values(number),
        "redirect_from": redirect_values(number, "from"), "aliases": redirect_values(number, "alias"),
        "redirect": redirect_values(number, "redirect"),
    }


#: Hugo writes some keys in camel case, and reads every key without regard to case.
SPELLINGS = {"publishdate": ["publishdate", "publishDate"], "lastmod": ["lastmod", "lastMod"],
             "title": ["title", "Title"]}
KNOWN = set(field_strategies(0))
unknown_keys = st.one_of(st.sampled_from(["toc_icon", "classes_extra", "layout", "sidebar", "share", "comments",
                                          "related", "read_time", "show_date", "weight", "expiryDate", "x",
                                          "myst", "substitutions", "html_meta"]),
                         st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True)).filter(
    lambda key: key.lower() not in KNOWN)


# -- bodies ------------------------------------------------------------------------------------

def fence(style: str, name: str, argument: str, options: list[tuple[str, str]], content: str) -> str:
    marker = ":::" if style == "colon" else "```"
    lines = [f"{marker}{{{name}}}{' ' + argument if argument else ''}"]
    lines += [f":{option}: {value}".rstrip() for option, value in options]
    if content:
        lines += ["", content] if style == "backtick" and options else [content]
    lines.append(marker)
    return "\n".join(lines)


#: Option values MyST reads as plain YAML scalars (no leading indicator such as '>' or '&', no comment).
option_text = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ./=_;()$^<>&-]{0,19}", fullmatch=True).map(str.strip)
GOOD_PAIRS = "**Q: Why is the sky blue?**\nA: Because of Rayleigh scattering.\n\n**Q:** Is it?\n\nA: Yes."
FAQ_BODIES = {"pairs": (GOOD_PAIRS, OK), "empty": ("", BAD), "questions only": ("**Q: Why?**\n\n**Q: How?**", BAD),
              "answers only": ("A: Because.\n\nA: Again.", BAD), "text": ("Just a paragraph.", BAD),
              "intro first": ("Some intro.\n\n**Q: Late?**\nA: Yes.", OK)}
TAKEAWAY_BODIES = {"list": ("- one\n- two", OK), "numbered": ("1. one\n2. two", OK), "empty": ("", BAD),
                   "paragraph": ("No list here.", BAD)}


#: Values that replace a refused option value in a well-formed component.
GOOD_OPTIONS = {"open": "true", "url": "https://example.org/story", "date": "2025-07-15", "publisher": "Publisher"}


@st.composite
def component_options(draw, known: dict[str, st.SearchStrategy], good: bool):
    options, verdicts = [], []
    for name in draw(st.lists(st.sampled_from(sorted(known)), unique=True, max_size=len(known))):
        value, verdict = draw(known[name])
        if good and verdict != OK:
            value, verdict = GOOD_OPTIONS[name], OK
        options.append((name, value))
        verdicts.append(verdict)
    if not good and draw(st.integers(0, 4)) == 0:
        options.append((draw(st.sampled_from(["colour", "foo", "opened", "url2"])), draw(option_text)))
        verdicts.append(BAD)
    return options, verdicts


def flag_option():
    return st.one_of(tagged(st.sampled_from(["", "true", "False", "yes", "off"]), OK),
                     tagged(st.sampled_from(["maybe", "2", "y"]), BAD))


def free_option():
    return tagged(option_text, OK)


def shapes(bodies: dict[str, tuple[str, str]], good: bool) -> list[str]:
    return sorted(name for name, (_body, verdict) in bodies.items() if verdict == OK or not good)


@st.composite
def faq_block(draw, good: bool = False):
    style = draw(st.sampled_from(["colon", "backtick"]))
    options, verdicts = draw(component_options({"open": flag_option(), "class": free_option()}, good))
    body, verdict = FAQ_BODIES[draw(st.sampled_from(shapes(FAQ_BODIES, good)))]
    return fence(style, "faq", "", options, body), _combined([*verdicts, verdict]), "faq"


@st.composite
def takeaways_block(draw, good: bool = False):
    style = draw(st.sampled_from(["colon", "backtick"]))
    options, verdicts = draw(component_options({"class": free_option()}, good))
    body, verdict = TAKEAWAY_BODIES[draw(st.sampled_from(shapes(TAKEAWAY_BODIES, good)))]
    argument = draw(st.sampled_from(["", "What matters", "*Emphasis* in the title"]))
    return fence(style, "takeaways", argument, options, body), _combined([*verdicts, verdict]), "takeaways"


@st.composite
def source_block(draw, good: bool = False):
    style = draw(st.sampled_from(["colon", "backtick"]))
    urls = st.one_of(tagged(st.sampled_from(["https://www.wired.com/story/x/", "http://example.org/a?b=c", "/local/"]),
                            OK),
                     tagged(st.sampled_from(["javascript:alert(1)", "data:text/html,x", "//evil.example"]), BAD))
    dates = st.one_of(tagged(st.sampled_from(["2025-07-15", "2025-07-15 10:00 +02:00"]), OK),
                      tagged(st.sampled_from(["2025-13-45", "yesterday", "9999-12-31"]), BAD))
    known = {"publisher": free_option(), "url": urls, "title": free_option(), "author": free_option(), "date": dates,
             "class": free_option()}
    options, verdicts = draw(component_options(known, good))
    given = dict(options)
    if good:  # both are required
        options = [(name, value) for name, value in options if name not in ("publisher", "url")]
        options += [("publisher", given.get("publisher") or GOOD_OPTIONS["publisher"]),
                    ("url", given.get("url", GOOD_OPTIONS["url"]))]
    elif not given.get("publisher") or "url" not in given:
        verdicts.append(BAD)
    content = "" if good else draw(st.sampled_from(["", "", "Content the directive does not take."]))
    if content:
        verdicts.append(BAD)
    return fence(style, "source", "", options, content), _combined(verdicts), "source"


#: Plain-Markdown look-alikes of the components (upgraded silently, or left alone) and other blocks.
PLAIN_SHAPES = [
    ("## FAQ\n" + GOOD_PAIRS, OK),
    ("### Frequently Asked Questions\n**Q: Only a question?**", OK),
    ("### Key Takeaways\n*   point one\n*   point two", OK),
    ("## Key Points\nA paragraph, then\n\n- a list", OK),
    ("---\nSource: [WIRED](https://www.wired.com/story/x/)", OK),
    ("Sources: [A](https://a.example/) and [B](javascript:alert(1))", ANY),
    ("Source: the author's own reporting.", OK),
    ("![an image](../assets/teaser.png)", OK),
    ("```python\nprint('code')\n```", OK),
    # sanitized with a newsposts.raw_html warning in a post, left alone in a page (blogpost: false)
    ("<script>alert('raw html')</script>", ANY),
    ("# A second top-level heading", OK),
    ("| a | b |\n|---|---|\n| 1 | 2 |", OK),
]
#: Free text in a body must not open a fence, an HTML block or a directive that would swallow the
#: blocks after it (and hide their components from the oracle); control characters stay.
prose = st.one_of(text, nasty_text).map(
    lambda value: re.sub(r"[`~<:>\[\]!|*_#=+-]", ".", value) or "Text.")


@st.composite
def body_blocks(draw, good: bool = False):
    """Markdown blocks, each with (text, verdict, component subtype or None); only well-formed ones if *good*."""
    plain = st.one_of(st.sampled_from([shape for shape in PLAIN_SHAPES if shape[1] == OK or not good]),
                      prose.map(lambda t: (t, OK)), prose.map(lambda t: ("## " + t, OK)))
    block = st.one_of(plain.map(lambda pair: (*pair, None)), faq_block(good), takeaways_block(good),
                      source_block(good))
    return draw(st.lists(block, max_size=5))


# -- what an accepted value shows ---------------------------------------------------------------

#: The moment of a publication date too far away to compute with (the post is in the future), and
#: of one whose text may or may not read.
FAR_FUTURE, UNDECIDED = "far future", "undecided"
DATE_KEYS = ("date", "publishdate", "pubdate")
TRUE_WORDS = ("true", "yes", "on", "1")


@dataclasses.dataclass
class Shown:
    """What a post's page and the site's feeds and archives must show of its accepted values;
    None where the values generated do not decide it."""

    #: The front-matter title as text, white space collapsed and control characters dropped.
    title: str | None = None
    #: The publication date, from front matter or the file name.
    date: datetime | None = None
    #: In the feeds and archives (a post, not a draft, not in the future), or not.
    published: bool | None = None
    tags: list[str] | None = None


def displayed_text(value) -> str:
    """A text value as pages show it: numbers and dates as written, white space collapsed (YAML's
    line breaks and Unicode spaces included) and control characters gone."""
    if isinstance(value, datetime):
        value = value.isoformat(" ")
    elif isinstance(value, date):
        value = value.isoformat()
    elif not isinstance(value, str):
        value = str(value)
    return " ".join(re.sub(f"[{re.escape(CONTROL)}]", " ", value).split())


def moment_of(value):
    """The moment an accepted publication date names, or FAR_FUTURE; None when the text is not one of ours."""
    if isinstance(value, str):
        return GOOD_DATE_MOMENTS.get(value, FAR_FUTURE if value in FAR_FUTURE_DATE_TEXT else None)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if value.year > IN_RANGE[1]:
        return FAR_FUTURE
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def shown_flag(fields: dict, key: str, default: bool) -> bool | None:
    value, verdict = fields.get(key, (None, OK))
    if verdict == ANY:
        return None
    if verdict == BAD or _blank(value):
        return default
    return value if isinstance(value, bool) else value.strip().lower() in TRUE_WORDS


def shown_tags(value) -> list[str]:
    """Accepted tags: a list of texts, or one text split at commas, else at white space."""
    if isinstance(value, str):
        items = value.split(",") if "," in value else value.split()
    else:
        items = value if isinstance(value, list) else [value]
    labels = [displayed_text(item) for item in items if item is not None]
    return list(dict.fromkeys(label for label in labels if label))[:50]  # newsposts_max_labels


def shown_of(fields: dict[str, tuple], file_date: date | None, now: datetime) -> Shown:
    """What *fields* (key in its canonical spelling -> (value, verdict)) of a post in ``posts/`` show."""
    shown = Shown()
    is_post = shown_flag(fields, "blogpost", True)
    if is_post is False:
        shown.published = False
    if not is_post:  # a page shows no post header, and its title is its first heading
        return shown
    title, verdict = fields.get("title", (None, BAD))
    if verdict == OK and not _blank(title):
        shown.title = displayed_text(title)
    for key in DATE_KEYS:  # the first spelling that reads counts; refused ones are passed over
        value, verdict = fields.get(key, (None, BAD))
        if verdict == BAD or _blank(value):
            continue
        moment = (moment_of(value) or UNDECIDED) if verdict == OK else UNDECIDED
        break
    else:
        moment = file_date and datetime.combine(file_date, time(), UTC)
    if isinstance(moment, datetime):
        shown.date = moment
    published, draft = shown_flag(fields, "published", True), shown_flag(fields, "draft", False)
    if published is False or draft:
        shown.published = False
    elif published is None or draft is None or moment is UNDECIDED:
        pass
    elif moment is None or moment is FAR_FUTURE:  # undated, or dated too far away
        shown.published = False
    elif abs(moment - now) > timedelta(days=2):  # a moment near the build's is left undecided
        shown.published = moment < now
    tags, verdict = fields.get("tags", (None, BAD))
    if verdict == OK and not _blank(tags):
        shown.tags = shown_tags(tags)
    return shown


# -- posts -------------------------------------------------------------------------------------

@dataclasses.dataclass
class PostCase:
    name: str
    source: str
    #: Lines of front-matter keys whose value must be refused with a warning there.
    rejected_lines: set[int]
    #: Broken front matter: a newsposts.front_matter warning somewhere in the file.
    broken_front_matter: bool
    #: Subtypes of the component warnings the body must give.
    component_warnings: set[str]
    #: Nothing wrong, nothing undecided: the file must give no newsposts warning.
    clean: bool
    #: What the site must show of the values accepted.
    shown: Shown = dataclasses.field(default_factory=Shown)

    def describe(self) -> str:
        lines = [f"{number:>3} {_clipped(line, 200)!r}" for number, line in enumerate(self.source.splitlines(), 1)]
        return f"--- {self.name}.md ---\n" + "\n".join(lines[:200])

    def __repr__(self) -> str:  # Hypothesis prints failing batches: keep each post readable
        return f"PostCase({self.name!r}, {_clipped(self.source, 600)!r})"


def _clipped(value: str, limit: int) -> str:
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value)} characters)"


BROKEN_YAML = [
    "title: [unclosed\n",
    "title: 'unterminated\ndate: 2025-01-01\n",
    "\ttitle: tab indented\n",
    "title: a\n  b: c\n",
    "title: *undefined_alias\n",
    "title: !!python/object/apply:os.system ['true']\n",
    "- a list\n- not a mapping\n",
    "just a scalar\n",
    "title: x\n%TAG ! tag:example.org\n",
    "title: a \x07 bell and an \x1b escape, which YAML refuses\n",
    "@title: reserved indicator\n",
    "title: {{ liquid }}\n",
    "[a, b]: c\n? [\n",
    "title: \"bad escape \\q\"\n",
]


@st.composite
def post_case(draw, number: int) -> PostCase:
    day = date(2024, 1, 1) + timedelta(days=number)
    good = draw(st.integers(0, 3)) == 0  # a post with nothing wrong: no warning may name it
    stem = f"{day.isoformat()}-case-{number}" if good or draw(st.integers(0, 9)) else f"undated-case-{number}"
    modes = ["yaml", "crlf"] if good else ["yaml"] * 12 + ["crlf", "none", "broken", "unclosed", "empty", "duplicate"]
    mode = draw(st.sampled_from(modes))
    blocks = draw(body_blocks(good))
    body = "\n\n".join(block for block, _verdict, _subtype in blocks)
    component_warnings = {subtype for _block, verdict, subtype in blocks if verdict == BAD and subtype}
    body_clean = all(verdict == OK for _block, verdict, _subtype in blocks)
    rejected: set[int] = set()
    broken = undecided = False
    has_date = False
    fields: dict[str, tuple] = {}  # canonical key -> (value, verdict), for what the post shows
    if mode in ("yaml", "crlf", "duplicate"):
        strategies = good_field_strategies(number) if good else field_strategies(number)
        keys = draw(st.lists(st.sampled_from(sorted(strategies)), unique=True, max_size=12))
        # the values a reader sees first, often enough to check where they show
        keys += [key for key in ("title", "tags") if key not in keys and draw(st.booleans())]
        front_matter, verdicts = {}, {}
        for key in keys:
            written = draw(st.sampled_from(SPELLINGS.get(key, [key])))
            front_matter[written], verdicts[written] = draw(strategies[key])
            fields[key] = (front_matter[written], verdicts[written])
        for key in draw(st.lists(unknown_keys, unique=True, max_size=3)):
            front_matter.setdefault(key, draw(junk))
            verdicts.setdefault(key, OK)
        order = draw(st.permutations(list(front_matter)))
        front_matter = {key: front_matter[key] for key in order}
        flow_style = False if mode == "duplicate" else draw(st.sampled_from([False, None]))  # None: {a: 1} at times
        yaml_text = yaml.dump(front_matter, Dumper=yaml.CSafeDumper, sort_keys=False,
                              allow_unicode=draw(st.booleans()), default_flow_style=flow_style, width=10**9)
        if mode == "duplicate" and front_matter:
            repeated = draw(st.sampled_from(list(front_matter)))
            yaml_text += yaml.dump({repeated: "again"}, Dumper=yaml.CSafeDumper, allow_unicode=True)
            verdicts[repeated] = BAD
            # which of the two values counts is not this test's business
            fields = {key: (value, ANY if key.lower() == repeated.lower() else verdict)
                      for key, (value, verdict) in fields.items()}
        lines = _key_lines(yaml_text)
        for key, verdict in verdicts.items():
            if verdict == BAD:
                rejected.add(lines[key][-1] if mode == "duplicate" else lines[key][0])
            undecided |= verdict == ANY
        has_date = (any(key.lower() in ("date", "publishdate", "pubdate") and verdicts[key] != BAD
                        and not _blank(front_matter[key]) for key in front_matter))
        source = f"---\n{yaml_text}---\n{body}\n"
        if mode == "crlf":
            source = source.replace("\n", "\r\n")
    elif mode == "broken":
        source = f"---\n{draw(st.sampled_from(BROKEN_YAML))}---\n{body}\n"
        broken = True
    elif mode == "unclosed":  # no line of the body may close it
        body = "\n".join(line for line in body.splitlines() if line.rstrip() not in ("---", "..."))
        source = f"---\ntitle: never closed\n{body}\n"
        broken = True
    elif mode == "empty":
        source = f"---\n---\n{body}\n"
    else:  # a body that opened with '---' would be front matter
        source = f"Body without front matter.\n\n{body}\n"
    # A post without any date says so; that warning is expected, not a sign of a lost value.
    undecided |= stem.startswith("undated") and not has_date
    clean = not rejected and not broken and body_clean and not undecided
    assert clean or not good, source
    # Broken front matter may have been read in part: what it shows is left undecided.
    shown = Shown() if broken else shown_of(fields, split_dated_filename(stem), build_clock())
    return PostCase(stem, source, rejected, broken, component_warnings, clean, shown)


def build_clock() -> datetime:
    """The time the build tells future posts by: SOURCE_DATE_EPOCH when set, as for every build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else datetime.now(UTC)


def split_dated_filename(stem: str) -> date | None:
    return date.fromisoformat(stem[:10]) if re.match(r"\d{4}-\d\d-\d\d-", stem) else None


def _key_lines(yaml_text: str) -> dict[str, list[int]]:
    """Source line (the front matter starts on line 2) of each top-level key, every time it occurs."""
    lines: dict[str, list[int]] = {}
    for key_node, _value in yaml.compose(yaml_text, Loader=yaml.CSafeLoader).value:
        lines.setdefault(key_node.value, []).append(key_node.start_mark.line + 2)
    return lines


@st.composite
def post_batches(draw) -> list[PostCase]:
    return [draw(post_case(number)) for number in range(POSTS_PER_BUILD)]


# -- the property ------------------------------------------------------------------------------

def build_batch(cases: list[PostCase]):
    folder = Path(tempfile.mkdtemp(prefix="newsposts-fuzz-"))
    try:
        srcdir = folder / "src"
        (srcdir / "posts").mkdir(parents=True)
        (srcdir / "assets").mkdir()
        shutil.copy(TEASER, srcdir / "assets" / "teaser.png")
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        (srcdir / "index.md").write_text("# Fuzzed posts\n", encoding="utf-8")
        for case in cases:
            (srcdir / "posts" / f"{case.name}.md").write_bytes(case.source.encode("utf-8"))
        app = build(srcdir, fresh=True)
        outdir = Path(app.outdir)
        pages = {case.name: (outdir / "posts" / f"{case.name}.html").is_file() for case in cases}
        # the sitemap is written once the build has finished, after every page: the build got to its end
        site_finished = (outdir / "index.html").is_file() and (outdir / "sitemap.xml").is_file()
        seen = read_site(outdir, [case for case in cases if pages[case.name]]) if site_finished else None
        return site_finished, pages, warnings_of(app), seen
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclasses.dataclass
class Seen:
    """What the built site shows of each post, by file name."""

    #: Text of the post page's <h1>, and the datetime of its date's <time> (None without one).
    headings: dict[str, str | None]
    dates: dict[str, str | None]
    #: Titles of the posts in each feed ("atom", "rss").
    feed_titles: dict[str, dict[str, str]]
    #: Tag -> the posts its archive pages list.
    tag_archives: dict[str, set[str]]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "lxml")


def _post_name(page: str, href: str) -> str | None:
    """The post a link of output page *page* leads to."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(href.split("#")[0])))
    return target[len("posts/"):-len(".html")] if target.startswith("posts/") and target.endswith(".html") else None


def read_site(outdir: Path, cases: list[PostCase]) -> Seen:
    headings, dates = {}, {}
    for case in cases:
        page = _soup(outdir / "posts" / f"{case.name}.html")
        heading = page.find("main").find("h1")
        for link in heading.find_all("a", class_="headerlink") if heading else ():
            link.decompose()
        headings[case.name] = heading.get_text() if heading else None
        # the date comes first; without one, the first <time> would be the date the post was updated
        meta = page.find(class_="np-post-meta")
        first = meta.find("time") if meta else None
        dates[case.name] = first["datetime"] if first else None
    site = "https://example.org/"
    atom = ET.parse(outdir / "blog" / "atom.xml").getroot()
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    feed_titles = {
        "atom": {_post_name("", entry.find("atom:link[@rel='alternate']", namespace).get("href").removeprefix(site)):
                 entry.findtext("atom:title", "", namespace) for entry in atom.iterfind("atom:entry", namespace)},
        "rss": {_post_name("", item.findtext("link").removeprefix(site)): item.findtext("title", "")
                for item in ET.parse(outdir / "blog" / "rss.xml").getroot().iterfind("channel/item")},
    }
    # Tags are found by their names on the list of tags, whatever address their archives have.
    tag_archives: dict[str, set[str]] = {}
    wanted = {tag for case in cases for tag in case.shown.tags or ()}
    index = _soup(outdir / "blog" / "tag.html")
    for link in index.find("main").select("ul.np-label-index a[href]"):
        tag = link.get_text()
        if tag not in wanted:
            continue
        first_page = posixpath.normpath(posixpath.join("blog", unquote(link["href"])))
        listed = tag_archives.setdefault(tag, set())
        pages = [outdir / first_page, *sorted((outdir / first_page.removesuffix(".html") / "page").glob("*.html"))]
        for path in pages:
            name = path.relative_to(outdir).as_posix()
            for card_link in _soup(path).find("main").select(".np-card-title a[href]"):
                listed.add(_post_name(name, card_link["href"]))
    return Seen(headings, dates, feed_titles, tag_archives)


def check_batch(cases: list[PostCase]) -> None:
    site_finished, pages, warned, seen = build_batch(cases)
    assert site_finished, "no index page or sitemap: the build stopped short"
    ours = [line for line in warned if "[newsposts." in line]
    for case in cases:
        context = case.describe() + "\n--- warnings ---\n" + "\n".join(w for w in warned if case.name in w)
        assert pages[case.name], f"no page for {case.name}\n{context}"
        located = [line for line in ours if line.startswith(f"posts/{case.name}.md:")]
        unlocated = [line for line in ours if line.startswith(f"posts/{case.name}.md: ")]
        assert not [line for line in unlocated if "[newsposts.redirect]" not in line], context
        for line_number in case.rejected_lines:
            assert [w for w in located if w.startswith(f"posts/{case.name}.md:{line_number}: ")], \
                f"no warning at line {line_number}\n{context}"
        if case.broken_front_matter:
            assert [w for w in located if w.endswith("[newsposts.front_matter]")], context
        for subtype in case.component_warnings:
            assert [w for w in located if w.endswith(f"[newsposts.{subtype}]")], f"no {subtype} warning\n{context}"
        if case.clean:
            assert not located and not unlocated, context
        check_shown(case, seen, context)


def heading_text(title: str) -> str:
    """*title* as an <h1> shows it: Sphinx's smart-quotes transform (docutils', with Sphinx's default
    action and the site's language) gives it curly quotes, dashes and ellipses."""
    return "".join(smartquotes.educate_tokens([("plain", title)], "qDe", "en"))


def check_shown(case: PostCase, seen: Seen, context: str) -> None:
    """Every value accepted shows where it should: the title in the <h1> and the feeds, the date in
    the page's <time>, each tag's archive listing the post; an unpublished post is in no feed."""
    shown, name = case.shown, case.name
    if shown.title is not None:
        assert seen.headings[name] == heading_text(shown.title), f"<h1> {seen.headings[name]!r}\n{context}"
    if shown.date is not None:
        written = seen.dates[name]
        assert written is not None, f"no <time> for {shown.date.isoformat()}\n{context}"
        moment = datetime.fromisoformat(written)
        assert (moment, moment.utcoffset()) == (shown.date, shown.date.utcoffset()), \
            f"<time datetime={written!r}>, not {shown.date.isoformat()}\n{context}"
    for feed, titles in seen.feed_titles.items():
        if shown.published:
            assert name in titles, f"not in the {feed} feed\n{context}"
            if shown.title is not None:
                assert titles[name] == shown.title, f"{feed} title {titles[name]!r}\n{context}"
        elif shown.published is False:
            assert name not in titles, f"unpublished, yet in the {feed} feed\n{context}"
    if shown.published:
        for tag in shown.tags or ():
            assert name in seen.tag_archives.get(tag, ()), f"not in the archive of tag {tag!r}\n{context}"


SHRINK = [] if os.environ.get("NEWSPOSTS_FUZZ_SHRINK") == "0" else [Phase.shrink]
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=not LONG_RUN, database=None, print_blob=True,
    phases=[Phase.explicit, Phase.generate, *SHRINK],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def found_case(name: str, source: str, rejected_lines: set[int] = frozenset(), *, broken: bool = False) -> PostCase:
    return PostCase(name, source, set(rejected_lines), broken, set(), clean=not rejected_lines and not broken)


#: Posts that crashed a build or lost a value silently once; each stays in every run.
FOUND = [
    # a datetime with a UTC offset in seconds, as PyYAML writes it: PyYAML's loader raised AttributeError
    found_case("2024-02-01-seconds-offset", "---\ndate: !!timestamp '2025-01-01 10:00:00+00:00:30'\n---\nBody.\n",
               {2}),
    # '!!bool' on a word that is no boolean: KeyError
    found_case("2024-02-02-explicit-bool", "---\ndraft: !!bool maybe\n---\nBody.\n", {2}),
    # a 'myst' key made MyST read the YAML again, with the loader that raises
    found_case("2024-02-03-myst-key", "---\nmyst: {}\nupdated: !!timestamp garbage\n---\nBody.\n", {3}),
    # Jekyll's old address, made of the slug, became a file name too long for the file system: OSError
    found_case("2024-02-04-long-slug", f"---\nslug: {'s' * 300}\n---\nBody.\n", {2}),
    found_case("2024-02-05-long-permalink", f"---\npermalink: /{'p' * 300}/\n---\nBody.\n", {2}),
    # an impossible date inside a list cost the whole front matter
    found_case("2024-02-06-nested-bad-date", "---\ntags: [2025-02-30, news]\ntitle: Kept\n---\nBody.\n"),
    # 'draft' was read only for posts, so a page's bad value passed silently
    found_case("2024-02-07-page-draft", "---\nblogpost: false\ndraft: 9962-08-04\n---\nBody.\n", {3}),
    # a tag longer than a file name may be
    found_case("2024-02-08-long-tag", f"---\ntags: [{'t' * 400}]\n---\nBody.\n"),
    # YAML refuses a raw control character, and with it the whole block
    found_case("2024-02-09-raw-control", "---\ntitle: bell \x07 here\ndate: 2024-02-09\n---\nBody.\n", {2}),
    found_case("2024-02-10-unclosed", "---\ntitle: never closed\n\nBody.\n", broken=True),
    # a page (not a post) naming a local teaser: its image was never registered, and its card raised KeyError
    found_case("2024-02-11-page-with-teaser", "---\nblogpost: false\nheader:\n  teaser: /assets/teaser.png\n---\n"),
]


@FUZZ_SETTINGS
@given(post_batches())
@example(FOUND)
def test_random_posts_build_and_report_every_rejected_value(cases):
    check_batch(cases)
