"""Compiled Jinja templates kept between builds.

Sphinx compiles every template it renders on every build; a news theme has a dozen partials, and
compiling them is a large part of a rebuild where little changed. Jinja's own bytecode cache keeps
the compiled code next to the doctrees and checks each template's source before using it.

Within one build the templates do not change, so Jinja is not asked to look at each template's
file again every time a page includes it (a post page includes five).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

CACHE_DIR = "newsposts-templates"


def _cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:
        return
    environment.auto_reload = False  # the builder, and so this environment, lasts one build
    if environment.bytecode_cache is not None:
        return
    directory = Path(app.doctreedir) / CACHE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(directory))


def setup_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", _cache_compiled_templates, priority=900)
