"""The collector setting of sphinx-newsposts (``newsposts_gc_freeze``) and nothing else, as a Sphinx
extension for bare Sphinx: the baseline that gets what the extension's default gets from Python's
garbage collector, so that a ratio against it credits the extension with nothing generic.

The product's own module is loaded, not a copy of it, and without the package around it: importing
``sphinx_newsposts`` would load every part of the extension, which a bare build would then pay for.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

BUILD_STEP = Path(__file__).resolve().parent.parent / "sphinx_newsposts" / "build"
_PACKAGE = "newsposts_collector_only"


def _collector_module():
    """``sphinx_newsposts/build/garbage_collection.py`` (and the ``build_state.py`` it imports) under a
    package of their own whose ``__init__`` is never run."""
    if _PACKAGE not in sys.modules:
        package = importlib.util.module_from_spec(importlib.machinery.ModuleSpec(_PACKAGE, None, is_package=True))
        package.__path__ = [str(BUILD_STEP)]
        sys.modules[_PACKAGE] = package
    return importlib.import_module(f"{_PACKAGE}.garbage_collection")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("newsposts_gc_freeze", True, "", types=(bool,))
    _collector_module().setup_garbage_collection(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
