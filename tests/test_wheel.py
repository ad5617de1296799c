"""The wheel users install from PyPI carries everything the extension and the theme need, and works.

The wheel is built here as the release workflow builds it (flit_core, in-process), and compared
with the source tree: every file under sphinx_newsposts/ (templates, stylesheets, scripts, SVG
templates, fonts, message catalogs) must be in it, so a packaging change that drops one fails
here. Then the wheel, unpacked on its own, builds a small site in a separate process whose current
folder is elsewhere, so that nothing can be imported from this checkout by accident.
"""

from __future__ import annotations

import configparser
import email
import gettext
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flit_core import buildapi  # the build backend pyproject.toml names; in the test extra

import sphinx_newsposts

REPO = Path(__file__).parent.parent
PACKAGE = REPO / "sphinx_newsposts"


def source_files() -> set[str]:
    """Every file of the package on disk, as a path inside the wheel; byte-code caches aside."""
    return {
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}
    }


def missing_from(wheel: Path) -> list[str]:
    """The package's files that *wheel* lacks."""
    with zipfile.ZipFile(wheel) as archive:
        return sorted(source_files() - set(archive.namelist()))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from this checkout with the build backend pyproject.toml names."""
    out = tmp_path_factory.mktemp("dist")
    cwd = Path.cwd()
    os.chdir(REPO)  # flit reads pyproject.toml from the current folder
    try:
        name = buildapi.build_wheel(str(out))
    finally:
        os.chdir(cwd)
    return out / name


@pytest.fixture(scope="module")
def unpacked(wheel, tmp_path_factory) -> Path:
    """The wheel unpacked as pip installs it: the package and its .dist-info side by side."""
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def dist_info(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        [path] = [n for n in archive.namelist() if n.endswith(f".dist-info/{name}")]
        return archive.read(path).decode("utf-8")


def run_python(code: str, pythonpath: Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run *code* in a new interpreter that sees *pythonpath* first and runs in *cwd*."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_wheel_has_every_file_of_the_package(wheel):
    assert missing_from(wheel) == []
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    # What Sphinx loads at run time, named, so that the comparison above cannot pass on an empty tree.
    theme = "sphinx_newsposts/theme/newsposts/"
    assert {theme + "theme.toml", theme + "layout.html", theme + "static/newsposts.css",
            theme + "static/newsposts.js", theme + "static/newsposts-icon.svg.jinja",
            "sphinx_newsposts/pages/static/newsposts-components.css",
            "sphinx_newsposts/pages/templates/newsposts/card.html",
            "sphinx_newsposts/publishing/fonts/InterDisplay-Bold.otf",
            "sphinx_newsposts/publishing/fonts/OFL.txt"} <= names
    catalogs = sorted(name for name in names if name.startswith("sphinx_newsposts/locale/") and name.endswith(".po"))
    assert [name.split("/")[2] for name in catalogs] == ["de", "es", "fr"]
    # Sphinx reads the compiled catalogs, not the .po files: each must be there, and readable.
    with zipfile.ZipFile(wheel) as archive:
        for po in catalogs:
            with archive.open(po.removesuffix(".po") + ".mo") as mo:
                assert gettext.GNUTranslations(mo).gettext("Key Takeaways") != "Key Takeaways", po


def test_the_check_names_a_file_the_wheel_lacks(wheel, tmp_path):
    dropped = "sphinx_newsposts/theme/newsposts/static/newsposts.js"
    partial = tmp_path / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(partial, "w") as target:
        for item in source.infolist():
            if item.filename != dropped:
                target.writestr(item, source.read(item))
    assert missing_from(partial) == [dropped]


def test_wheel_metadata(wheel):
    metadata = email.message_from_string(dist_info(wheel, "METADATA"))
    assert metadata["Name"] == "sphinx-newsposts"
    assert metadata["Version"] == sphinx_newsposts.__version__
    assert wheel.name == f"sphinx_newsposts-{sphinx_newsposts.__version__}-py3-none-any.whl"
    assert any(requirement.startswith("sphinx") for requirement in metadata.get_all("Requires-Dist"))
    entry_points = configparser.ConfigParser(delimiters=("=",))
    entry_points.read_string(dist_info(wheel, "entry_points.txt"))
    assert dict(entry_points["sphinx.html_themes"]) == {"newsposts": "sphinx_newsposts.theme"}
    assert dict(entry_points["console_scripts"]) == {"newsposts": "sphinx_newsposts.cli:main"}
    with zipfile.ZipFile(wheel) as archive:  # the licence travels with the code
        assert any(name.endswith("LICENSE") and ".dist-info/" in name for name in archive.namelist())


def test_entry_points_load_from_the_wheel(unpacked, tmp_path):
    """The theme and the command, found as Sphinx and pip find them: through the wheel's .dist-info."""
    code = textwrap.dedent(f"""\
        import contextlib, io
        from importlib.metadata import distributions
        from pathlib import Path
        [dist] = distributions(path=[{str(unpacked)!r}])
        theme = dist.entry_points.select(group="sphinx.html_themes", name="newsposts")[0].load()
        print("theme", Path(theme.__file__).resolve())
        main = dist.entry_points.select(group="console_scripts", name="newsposts")[0].load()
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main(["--version"])
        print("command", out.getvalue().strip())
    """)
    done = run_python(code, unpacked, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert Path(lines["theme"]).is_relative_to(unpacked.resolve() / "sphinx_newsposts")
    assert lines["command"] == f"newsposts {sphinx_newsposts.__version__}"


SITE_CONF = """\
import sphinx_newsposts
from pathlib import Path

Path(__file__).with_name("imported-from.txt").write_text(sphinx_newsposts.__file__)
project = "Wheel News"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://news.example.org/"
language = "de"
newsposts_timezone = "UTC"
"""

POST = """\
---
title: 'Harbour Opens a New Pier'
date: '2025-07-16 08:00:00'
tags: [harbour]
---
The new pier opened on Monday.

:::{takeaways}
- ferries berth at the new pier
:::
"""


def test_wheel_builds_a_site(unpacked, tmp_path):
    """The unpacked wheel alone builds a site with the theme, its static files, catalogs and fonts."""
    site = tmp_path / "site"
    (site / "posts").mkdir(parents=True)
    (site / "conf.py").write_text(SITE_CONF, encoding="utf-8")
    (site / "index.md").write_text("# Wheel News\n", encoding="utf-8")
    (site / "posts" / "2025-07-16-new-pier.md").write_text(POST, encoding="utf-8")
    out = tmp_path / "html"
    code = ("import sys; from sphinx.cmd.build import main; "
            f"sys.exit(main(['-W', '--keep-going', '-q', '-b', 'html', {str(site)!r}, {str(out)!r}]))")
    done = run_python(code, unpacked, tmp_path)
    assert done.returncode == 0, done.stderr
    imported = Path((site / "imported-from.txt").read_text(encoding="utf-8")).resolve()
    assert imported == unpacked.resolve() / "sphinx_newsposts" / "__init__.py"

    soup = BeautifulSoup((out / "posts" / "2025-07-16-new-pier.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article.np-post h1").get_text().strip().startswith("Harbour Opens a New Pier")
    assert soup.select_one("ul.np-tags") is not None
    # The German catalog, compiled, came from the wheel: the theme and the takeaways box speak German.
    text = soup.get_text()
    assert "Zum Inhalt springen" in text and "Abonnieren:" in text and "Das Wichtigste in Kürze" in text
    for static in ("newsposts.css", "newsposts.js", "newsposts-components.css"):
        assert (out / "_static" / static).stat().st_size > 0, static
    assert list((out / "_static").glob("newsposts-icon*.svg")), "the icon rendered from its SVG template"
    # A post without an image gets a social card drawn with the fonts the wheel carries.
    [card] = [meta["content"] for meta in soup.select('meta[property="og:image"]')]
    assert (out / card.removeprefix("https://news.example.org/")).stat().st_size > 0
