"""Generate N seeded news posts of the DESIGN.md shape, and the three sites built from them.

Every post has front matter like a Jekyll / Minimal Mistakes post (quoted date with a trailing
space, categories, tags, excerpt, keywords, toc, header.teaser), a body of H2/H3 sections,
lists, an FAQ, key takeaways and a source line. 60 tags, 8 categories, 12 teaser images.
"""

from __future__ import annotations

import itertools
import random
import struct
import zlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

TAGS = [f"topic-{number:02d}" for number in range(60)]
CATEGORIES = ["Business", "Technology", "Science", "Policy", "Health", "Culture", "Security", "Climate"]
WORDS = ("market model data policy research network company launch report growth team users energy "
         "security study update platform release budget survey signal value system change growth").split()
TEASERS = 12

CONF = {
    "bare": '''project = "Bench"
extensions = ["myst_parser"]
html_theme = "basic"
html_sidebars = {"**": []}
source_suffix = {".md": "markdown"}
suppress_warnings = ["toc.not_included", "myst.header"]
exclude_patterns = ["_build"]
''',
    "ablog": '''project = "Bench"
extensions = ["myst_parser", "ablog"]
html_theme = "basic"
html_sidebars = {"**": []}
source_suffix = {".md": "markdown"}
blog_post_pattern = ["posts/*"]
blog_baseurl = "https://bench.example.org/"
suppress_warnings = ["toc.not_included", "myst.header"]
exclude_patterns = ["_build"]
''',
    "newsposts": '''project = "Bench"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://bench.example.org/"
exclude_patterns = ["_build"]
''',
}
# The same site with Python's garbage collector left as it is: what the features themselves cost.
CONF["newsposts-gc-off"] = CONF["newsposts"] + "newsposts_gc_freeze = False\n"
# The same site with Sphinx's own search instead of Pagefind (the default): the same search work as
# bare Sphinx's build does. The Pagefind binary runs in a process of its own, which the wall time and
# processor time of run.py count and instructions.py (Valgrind follows no child process) does not.
CONF["newsposts-sphinx-search"] = CONF["newsposts"] + 'newsposts_search = "sphinx"\n'
# A project's documentation under furo with a news section (docs/existing-site.md): bylines on posts, the
# three sidebar templates on every page and a latest-posts list on the front page; against the same
# posts under furo without the extension.
CONF["bare-furo"] = CONF["bare"].replace('html_theme = "basic"\nhtml_sidebars = {"**": []}\n', 'html_theme = "furo"\n')
CONF["newsposts-furo"] = CONF["newsposts"].replace('html_theme = "newsposts"\n', '''html_theme = "furo"
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/search.html", "sidebar/scroll-start.html",
                        "sidebar/navigation.html", "newsposts/recent-posts.html", "newsposts/archives.html",
                        "newsposts/tags.html", "sidebar/scroll-end.html"]}
''')


def with_collector_setting(conf: str) -> str:
    """*conf* with the collector setting newsposts applies by default (``collector_setting.py``)."""
    return conf.replace('extensions = ["myst_parser"]', f"""import sys
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
extensions = ["myst_parser", "collector_setting"]""")


# Bare Sphinx with the collector setting newsposts applies by default: the baseline of newsposts'
# default configuration, so that the ratio credits the extension with nothing Sphinx would get
# from the setting alone.
CONF["bare-gc-freeze"] = with_collector_setting(CONF["bare"])
CONF["bare-furo-gc-freeze"] = with_collector_setting(CONF["bare-furo"])
#: Tool -> the tools its build is compared with, the first of them measured: the same theme and
#: the same collector setting, without the extension; bare Sphinx if none of them was measured.
BASELINES = {
    "newsposts": ["bare-gc-freeze"],
    "newsposts-sphinx-search": ["bare-gc-freeze"],
    "newsposts-gc-off": ["bare"],
    "newsposts-furo": ["bare-furo-gc-freeze", "bare-furo"],
    "bare-furo": ["bare-furo"],
}


def baseline_of(tool: str, measured: Iterable[str]) -> str:
    return next((baseline for baseline in BASELINES.get(tool, []) if baseline in measured), "bare")


def _png(seed: int) -> bytes:
    """A small real PNG, different for each seed."""
    width, height = 240, 126
    rng = random.Random(seed)
    colour = bytes(rng.randrange(256) for _ in range(3))
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


class Vocabulary:
    """Words as news text has them, for measuring search: many distinct words (made-up ones, from
    syllables), few of them frequent (Zipf's law). The default corpus writes from a couple of dozen
    words, which leaves a search index far smaller than a real site's."""

    def __init__(self, size: int = 20_000, seed: int = 7) -> None:
        rng = random.Random(seed)
        syllables = [consonant + vowel for consonant in "bcdfghklmnprstvz" for vowel in ("a", "e", "i", "o", "u", "ai")]
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
        #: Most frequent first.
        self.words = sorted(words)
        rng.shuffle(self.words)
        self._cumulative = list(itertools.accumulate(1 / rank ** 1.07 for rank in range(1, size + 1)))

    def choice(self, rng: random.Random) -> str:
        return rng.choices(self.words, cum_weights=self._cumulative)[0]


def _sentence(rng: random.Random, words: int, vocabulary: Vocabulary | None = None) -> str:
    pick = vocabulary.choice if vocabulary else lambda rng: rng.choice(WORDS)
    text = " ".join(pick(rng) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, vocabulary: Vocabulary | None = None) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16), vocabulary) for _ in range(rng.randint(3, 5)))


def post_text(number: int, seed: int = 1, vocabulary: Vocabulary | None = None) -> tuple[str, str]:
    """(file name, text) of post *number*; with a *vocabulary*, its words and twice the paragraphs
    (about 600 words, as a news story has)."""
    rng = random.Random(seed * 100_003 + number)
    paragraphs = 2 if vocabulary else 1
    # Dated backwards from the end of 2025, so that a corpus of any size is published (a post
    # dated after the build is a scheduled draft, which no listing shows).
    date = datetime(2025, 12, 31) - timedelta(hours=number * 37 + rng.randint(0, 30))
    title = f"Story {number}: " + _sentence(rng, 6, vocabulary).rstrip(".")
    tags = rng.sample(TAGS, 3)
    category = rng.choice(CATEGORIES)
    slug = f"story-{number}"
    sections = "\n\n".join(
        f"### Section {index}\n" + "\n\n".join(_paragraph(rng, vocabulary) for _ in range(paragraphs))
        + f"\n\n- {_sentence(rng, 6, vocabulary)}\n- {_sentence(rng, 7, vocabulary)}" for index in range(1, 4))
    text = f"""---
title: '{title}'
date: '{date:%Y-%m-%d %H:%M:%S} '
categories: [{category}]
tags: [{", ".join(tags)}]
excerpt: {_sentence(rng, 14)}
toc: true
toc_sticky: true
classes: wide
keywords: [{", ".join(rng.sample(WORDS, 3))}]
header:
  teaser: /assets/images/teaser-{number % TEASERS}.png
---
## {title}
{_paragraph(rng, vocabulary)}

{sections}

### FAQ
**Q: {_sentence(rng, 6).rstrip('.')}?**
A: {_sentence(rng, 12)}

**Q: {_sentence(rng, 5).rstrip('.')}?**
A: {_sentence(rng, 10)}

### Key Takeaways
*   {_sentence(rng, 8)}
*   {_sentence(rng, 9)}
---
Source: [Example Wire](https://example.com/story/{number})
"""
    return f"{date:%Y-%m-%d}-{slug}.md", text


def ablog_front_matter(text: str) -> str:
    """The same post as plain ABlog can read it: it crashes on a text excerpt and reads `category`."""
    lines = []
    for line in text.splitlines():
        if line.startswith("excerpt: "):
            continue
        if line.startswith("categories: ["):
            line = "category: " + line[len("categories: ["):].rstrip("]")
        lines.append(line)
    return "\n".join(lines) + "\n"


def write_site(root: Path, tool: str, count: int, seed: int = 1, vocabulary: Vocabulary | None = None) -> Path:
    """Write a site for *tool* (a key of ``CONF``) with *count* posts under *root* (in the words of
    *vocabulary*, if given)."""
    (root / "posts").mkdir(parents=True, exist_ok=True)
    (root / "assets" / "images").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF[tool], encoding="utf-8")
    index = "# Bench News\n\nThe front page.\n"
    if tool == "ablog":
        index += "\n```{postlist} 10\n:excerpts:\n```\n"
    elif tool == "newsposts-furo":
        index += "\n:::{latest-posts}\n:count: 10\n:links:\n:::\n"
    (root / "index.md").write_text(index, encoding="utf-8")
    for image in range(TEASERS):
        (root / "assets" / "images" / f"teaser-{image}.png").write_bytes(_png(image))
    for number in range(count):
        name, text = post_text(number, seed, vocabulary)
        if tool == "ablog":
            text = ablog_front_matter(text)
        (root / "posts" / name).write_text(text, encoding="utf-8")
    return root
