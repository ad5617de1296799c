"""Each component as doctree snapshots: as read, and in the plain form builders other than HTML write.

The snippets under tests/fixtures/snippets/ are the ``faq``, ``takeaways`` and ``source``
directives in MyST (``myst/*.md``) and reStructuredText (``rst/*.rst``), and posts in plain
Markdown whose FAQ, Key Takeaways and Source parts become components (``posts/*.md``). They are
built together, once, with the ``text`` builder. Next to each snippet are two snapshots:

- ``<name>.doctree.xml``: the doctree as read (``env.get_doctree``), after the upgrade of plain
  Markdown and before post-transforms, headed by the warnings reading the snippet gave;
- ``<name>.plain.xml``: the doctree the text builder writes (``env.get_and_resolve_doctree``),
  in which :class:`~sphinx_newsposts.components.base.PlainComponents` has replaced every component
  by standard nodes.

``NEWSPOSTS_REGENERATE=1`` rewrites the snapshots from what the code gives.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest

from conftest import CheckedApp, check_snapshot, warnings_of

SNIPPETS = Path(__file__).parent / "fixtures" / "snippets"
SOURCE_SUFFIXES = (".md", ".rst")
SNIPPET_FILES = sorted(path.relative_to(SNIPPETS).as_posix() for path in SNIPPETS.rglob("*")
                       if path.suffix in SOURCE_SUFFIXES)
CONF = 'extensions = ["sphinx_newsposts"]\nhtml_baseurl = "https://snippets.example.org/"\n'
INDEX = "Snippets\n========\n\n.. toctree::\n   :glob:\n\n   myst/*\n   rst/*\n   posts/*\n"
_WARNING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): WARNING: (?P<message>.*?)(?: \[(?P<type>[\w.]+)\])?$")


@dataclasses.dataclass(frozen=True)
class Snapshot:
    doctree: str
    plain: str


@dataclasses.dataclass(frozen=True)
class SnippetSite:
    snapshots: dict[str, Snapshot]
    #: Warnings that name no snippet file and line.
    unplaced_warnings: list[str]


@pytest.fixture(scope="module")
def snippet_site(tmp_path_factory) -> SnippetSite:
    srcdir = tmp_path_factory.mktemp("snippets") / "src"
    shutil.copytree(SNIPPETS, srcdir, ignore=shutil.ignore_patterns("*.xml"))
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.rst").write_text(INDEX, encoding="utf-8")
    app = CheckedApp("text", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO())
    try:
        app.build()
        warnings: dict[str, list[str]] = {name: [] for name in SNIPPET_FILES}
        unplaced: list[str] = []
        for line in warnings_of(app):
            match = _WARNING.match(line)
            if match is None or match["file"] not in warnings:
                unplaced.append(line)
                continue
            kind = f"[{match['type']}] " if match["type"] else ""
            warnings[match["file"]].append(f"{match['line']}: {kind}{match['message']}")

        def normalised(text: str) -> str:
            return text.replace(str(srcdir), "<srcdir>")

        snapshots = {}
        for name in SNIPPET_FILES:
            docname = name.rsplit(".", 1)[0]
            header = "".join(f"<!-- warning {warning} -->\n" for warning in warnings[name])
            read = app.env.get_doctree(docname).pformat()
            plain = app.env.get_and_resolve_doctree(docname, app.builder, tags=app.tags).pformat()
            snapshots[name] = Snapshot(header + normalised(read), normalised(plain))
    finally:
        app.cleanup()
    return SnippetSite(snapshots, unplaced)


def snapshot_path(name: str, kind: str) -> Path:
    return SNIPPETS / f"{name.rsplit('.', 1)[0]}.{kind}.xml"


@pytest.mark.parametrize("name", SNIPPET_FILES)
def test_snippet(snippet_site: SnippetSite, name: str):
    snapshot = snippet_site.snapshots[name]
    check_snapshot(snapshot_path(name, "doctree"), snapshot.doctree)
    check_snapshot(snapshot_path(name, "plain"), snapshot.plain)


def test_every_warning_names_a_snippet_and_line(snippet_site: SnippetSite):
    assert snippet_site.unplaced_warnings == []


def test_no_snapshot_without_its_snippet():
    """A snapshot left behind by a renamed or removed snippet would never be checked again."""
    expected = {snapshot_path(name, kind) for name in SNIPPET_FILES for kind in ("doctree", "plain")}
    assert sorted(set(SNIPPETS.rglob("*.xml")) - expected) == []


def test_a_bold_source_label_ends_the_answers_and_is_upgraded(snippet_site: SnippetSite):
    doctree = snippet_site.snapshots["posts/2025-07-16-bold-source-label.md"].doctree
    assert "<source " in doctree
    assert "Source:" not in doctree.split("<faq ", 1)[1].split("<source ", 1)[0]
