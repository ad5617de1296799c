"""Take the screenshots of "Adding news to an existing Sphinx site" (docs/existing-site.md).

    python scripts/theme_screenshots.py

Builds the news-section test site (tests/roots/test-news-section) under each theme with the
settings the page shows (docs/examples/conf-<theme>.py), opens a page of it in headless Chromium
(NEWSPOSTS_CHROMIUM, else /usr/bin/chromium) and writes docs/_static/screenshots/<theme>-<page>.png.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "roots" / "test-news-section"
EXAMPLES = ROOT / "docs" / "examples"
SCREENSHOTS = ROOT / "docs" / "_static" / "screenshots"
CHROMIUM = os.environ.get("NEWSPOSTS_CHROMIUM", "/usr/bin/chromium")
POST = "posts/2025-07-16-lumen-2-0-ships.html"
#: Example settings file -> (page to show, colour scheme, what the screenshot is called after the name).
SHOTS = {
    "furo": (POST, "light", "post"),
    "pydata": (POST, "dark", "post"),
    "rtd": ("news.html", "light", "news"),
    "alabaster": (POST, "light", "post"),
}
VIEWPORT = {"width": 1200, "height": 800}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # the output names the files written, nothing else
        pass


def example_settings(name: str) -> dict:
    """The settings of ``docs/examples/conf-<name>.py``."""
    settings: dict = {}
    exec((EXAMPLES / f"conf-{name}.py").read_text(encoding="utf-8"), settings)
    return {key: value for key, value in settings.items() if not key.startswith("__")}


def build(name: str, workdir: Path) -> Path:
    srcdir = workdir / name / "src"
    shutil.copytree(SITE, srcdir)
    outdir = workdir / name / "html"
    with docutils_namespace():  # each build registers its directives afresh
        app = Sphinx(str(srcdir), str(srcdir), str(outdir), str(workdir / name / "doctrees"), "html",
                     confoverrides=example_settings(name), status=None, warningiserror=True)
        app.build()
    return outdir


def main() -> int:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, (page_path, scheme, shown) in SHOTS.items():
            outdir = build(name, Path(temporary))
            handler = functools.partial(QuietHandler, directory=str(outdir))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{page_path}")
            page.wait_for_load_state("networkidle")
            target = SCREENSHOTS / f"{name}-{shown}.png"
            page.screenshot(path=str(target))
            # 256 colours are plenty for a page of text and a few images: a third of the bytes
            Image.open(target).convert("RGB").quantize(256).save(target, optimize=True)
            print(f"{target.relative_to(ROOT)}")
            context.close()
            server.shutdown()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
