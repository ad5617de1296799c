"""Test sites live under tests/roots/test-<name>; each test builds one with sphinx.testing.

Expected results kept in files (cases in dot files, doctree snapshots) live under tests/fixtures/.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Sequence
from html import unescape
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


@pytest.fixture(scope="session", autouse=True)
def image_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Generated images go to a cache folder of the test session's own, not the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


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


class _Server(http.server.ThreadingHTTPServer):
    # A search page fetches a dozen index pieces at once; with the default backlog of 5, a loaded
    # machine resets some of the connections.
    request_queue_size = 128
    daemon_threads = True


def dropped_by_the_server(console_text: str) -> bool:
    """A request the local test server dropped on a loaded machine (Chromium logs "Failed to load
    resource: net::ERR_CONNECTION_RESET" and the like): not the page's doing. A missing file is an
    HTTP status in that message, not a net::ERR_, and still counts."""
    return console_text.startswith("Failed to load resource: net::ERR_")


@contextlib.contextmanager
def serve(directory: Path):
    """Serve *directory* over HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
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
# Sphinx draws its progress on one terminal line (erase-line codes, carriage returns) when it
# thinks the terminal takes colour (a tty, FORCE_COLOR), and one line per item otherwise.
_TERMINAL_CONTROL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)\s*$")


def documents_read(app) -> list[str]:
    """The documents the build read, in order, from its status output in either drawing mode."""
    lines = re.split(r"[\r\n]", _TERMINAL_CONTROL.sub("", app.status.getvalue()))
    return [match[1] for line in lines if (match := _READING.match(line))]


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


# -- expected results kept in files -------------------------------------------------------------
#
# A dot file holds cases in the format of MyST-Parser's ``param_file`` fixtures::
#
#     [name] description
#     .
#     input
#     .
#     expected
#     .
#
# Lines outside the cases are free text that says what the cases are about. With
# ``NEWSPOSTS_REGENERATE=1`` the checks below write what the code gives in place of what is
# expected, and pass; ``git diff`` then shows every change, to keep or to fix.

REGENERATE = os.environ.get("NEWSPOSTS_REGENERATE") == "1"
_MARKER = "."
_TITLE = re.compile(r"^\[(?P<name>[^\]]+)\]\s*(?P<description>.*)$")


@dataclasses.dataclass(frozen=True)
class Case:
    path: Path
    #: Line of the ``[name]`` title in the file (1-based), for failure messages.
    line: int
    name: str
    description: str
    content: str
    expected: str

    @property
    def where(self) -> str:
        return f"{self.path.name}:{self.line}"


def _lines(text: str) -> list[str]:
    """The lines of *text* with their ends; only ``\n`` ends one (str.splitlines() also splits at
    form feeds and line separators, which a case may hold)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _case_spans(lines: list[str]) -> list[tuple[int, int, int, int]]:
    """(title, first marker, second marker, third marker) indexes of each case."""
    markers = [index for index, line in enumerate(lines) if line.rstrip("\n") == _MARKER]
    if len(markers) % 3:
        raise ValueError(f"{len(markers)} marker lines: each case needs three")
    return [(markers[i] - 1, markers[i], markers[i + 1], markers[i + 2]) for i in range(0, len(markers), 3)]


def read_cases(path: Path) -> list[Case]:
    lines = _lines(path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    for title, first, second, third in _case_spans(lines):
        match = _TITLE.match(lines[title].strip()) if title >= 0 else None
        if match is None:
            raise ValueError(f"{path.name}:{title + 1}: a case starts with a '[name] description' line")
        cases.append(Case(path, title + 1, match["name"], match["description"],
                          "".join(lines[first + 1:second]), "".join(lines[second + 1:third])))
    names = [case.name for case in cases]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"{path.name}: case names used twice: {', '.join(repeated)}")
    return cases


def case_params(folder: Path) -> list:
    """A ``pytest.param`` for each case of each ``*.md`` file in *folder*, with ids ``file-name``."""
    return [pytest.param(case, id=f"{path.stem}-{case.name}")
            for path in sorted(folder.glob("*.md")) for case in read_cases(path)]


def check_case(case: Case, actual: str) -> None:
    """Compare *actual* with the case's expected block (or write it there when regenerating)."""
    actual = actual.rstrip("\n") + "\n"
    if actual == case.expected:
        return
    if REGENERATE:
        _rewrite_expected(case, actual)
        return
    diff = "".join(difflib.unified_diff(case.expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        f"{case.where} (expected)", "actual"))
    pytest.fail(f"[{case.name}] differs from {case.where}; NEWSPOSTS_REGENERATE=1 rewrites it\n{diff}",
                pytrace=False)


def _rewrite_expected(case: Case, actual: str) -> None:
    # Read again: cases regenerated before this one may have moved it.
    lines = _lines(case.path.read_text(encoding="utf-8"))
    for title, _first, second, third in _case_spans(lines):
        match = _TITLE.match(lines[title].strip())
        if match is not None and match["name"] == case.name:
            lines[second + 1:third] = [actual]
            case.path.write_text("".join(lines), encoding="utf-8")
            return
    raise LookupError(f"case [{case.name}] is no longer in {case.path}")


def check_snapshot(path: Path, actual: str) -> None:
    """Compare *actual* with the snapshot file *path* (or write the file when regenerating)."""
    actual = actual.rstrip("\n") + "\n"
    expected = path.read_text(encoding="utf-8") if path.is_file() else None
    if actual == expected:
        return
    if REGENERATE:
        path.write_text(actual, encoding="utf-8")
        return
    if expected is None:
        pytest.fail(f"no snapshot {path.name}; NEWSPOSTS_REGENERATE=1 writes it", pytrace=False)
    diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        f"{path.name} (expected)", "actual"))
    pytest.fail(f"{path.name} differs; NEWSPOSTS_REGENERATE=1 rewrites it\n{diff}", pytrace=False)


def scheme_of(url: str) -> str:
    """The scheme of *url* read more eagerly than any browser: entities decoded (again), every control
    character and space dropped, lower case."""
    text = url
    for _ in range(3):
        text = unescape(text)
    text = re.sub(r"[\x00-\x20\x7f]", "", text).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", text)
    return match[1] if match else ""
