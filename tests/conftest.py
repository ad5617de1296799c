"""Test sites live under tests/roots/test-<name>; each test builds one with sphinx.testing."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Sequence
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_newsposts.index.ablog_bridge import ablog_records
from sphinx_newsposts.warnings_ import NewspostsWarning

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def copy_root(name: str, destination: Path) -> Path:
    """Copy test root *name* to *destination*, so a test may edit its sources."""
    shutil.copytree(ROOTS / f"test-{name}", destination)
    return destination


#: How a warning of the extension ends: `` [newsposts.<subtype>]``.
_NEWSPOSTS_SUBTYPE = re.compile(r"\[newsposts\.([^\]\s]+)\]$", re.MULTILINE)


def undeclared_warning_subtypes(warning_stream: str) -> list[str]:
    """Subtypes of the ``newsposts`` warnings in *warning_stream* that :class:`NewspostsWarning` does not declare."""
    declared = {member.value for member in NewspostsWarning}
    return sorted(set(_NEWSPOSTS_SUBTYPE.findall(_ANSI.sub("", warning_stream))) - declared)


class CheckedApp(SphinxTestApp):
    """The app of every test build: a build that gives a ``newsposts`` warning of a subtype
    :class:`NewspostsWarning` does not declare fails, as ``suppress_warnings`` could not name it
    and the documentation would not list it. Tests make apps only through this class
    (``test_warnings.py`` checks)."""

    def build(self, force_all: bool = False, filenames: Sequence[Path] = ()) -> None:
        super().build(force_all, filenames)
        undeclared = undeclared_warning_subtypes(self.warning.getvalue())
        assert undeclared == [], f"warnings of subtypes NewspostsWarning does not declare: {undeclared}"


def build(srcdir: Path, buildername: str = "html", *, fresh: bool = False, **kwargs) -> SphinxTestApp:
    """Build *srcdir* (incrementally unless *fresh*) and return the finished app."""
    app = CheckedApp(buildername, srcdir=srcdir, freshenv=fresh, status=StringIO(), warning=StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def site_factory(tmp_path_factory):
    """Build a copy of a test root once for a whole test module."""
    def factory(name: str, **kwargs) -> SphinxTestApp:
        srcdir = copy_root(name, tmp_path_factory.mktemp(name) / "src")
        return build(srcdir, fresh=True, **kwargs)
    return factory


CHROMIUM = os.environ.get("NEWSPOSTS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason=f"no Chromium at {CHROMIUM} (make test installs it)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # keeps failing tests' output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve *directory* over HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def read_html(app, docname: str) -> BeautifulSoup:
    path = Path(app.outdir) / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings_of(app) -> list[str]:
    """The build's warning lines, without colour codes and with the source folder cut."""
    text = _ANSI.sub("", app.warning.getvalue()).replace(str(app.srcdir) + "/", "")
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def ablog_record(app, docname: str) -> dict:
    """The record ABlog's ``Blog`` is given for *docname*."""
    [record] = ablog_records(app)[docname]
    return record


@pytest.fixture
def html():
    return read_html


@pytest.fixture
def warnings():
    return warnings_of


def jsonable(value):
    return json.loads(json.dumps(value, default=str))


#: Sphinx's record of the build settings; not part of the site.
NOT_PUBLISHED = {".buildinfo", ".buildinfo.bak"}


def published_files(app) -> dict[str, bytes]:
    outdir = Path(app.outdir)
    return {str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*"))
            if path.is_file() and path.name not in NOT_PUBLISHED}


def assert_same_site(actual, expected) -> None:
    actual_files, expected_files = published_files(actual), published_files(expected)
    assert sorted(actual_files) == sorted(expected_files)
    different = [name for name in expected_files if actual_files[name] != expected_files[name]]
    assert different == []
