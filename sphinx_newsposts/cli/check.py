"""``newsposts check [DIR]``: read every document of a site as a build does, and report its warnings.

Sphinx runs in this process with the ``dummy`` builder, which reads and checks every document
and writes nothing, into a temporary folder; the site's own build folder is not touched.
"""

from __future__ import annotations

import dataclasses
import io
import re
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_START = re.compile(r"(?:^|: )(?:WARNING|ERROR|CRITICAL|SEVERE):")
_NEWSPOSTS = re.compile(r"\[newsposts(?:\.[\w-]+)?\]\s*$")


@dataclasses.dataclass
class CheckResult:
    posts: int
    newsposts: list[str]
    others: list[str]


def warning_entries(text: str) -> list[str]:
    """The warnings of a build's warning stream, each with the lines that continue it."""
    entries: list[str] = []
    for line in _ANSI.sub("", text).splitlines():
        if _START.search(line) or not entries:
            entries.append(line)
        else:
            entries[-1] += "\n" + line
    return [entry for entry in entries if entry.strip()]


def run_check(srcdir: Path) -> CheckResult:
    """Read the site in *srcdir*; raise SphinxError when Sphinx cannot (a broken conf.py)."""
    from ..index.post_index import post_index

    srcdir = Path(srcdir).resolve()
    warning = io.StringIO()
    # As sphinx-build does: docutils' registries are restored afterwards, so that checks can run one after another.
    with tempfile.TemporaryDirectory(prefix="newsposts-check-") as tmp, patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(srcdir, srcdir, Path(tmp) / "out", Path(tmp) / "doctrees", "dummy",
                     status=None, warning=warning, freshenv=True)
        app.build(force_all=True)
        posts = sum(1 for meta in post_index(app.env).meta.values() if meta.is_post)
    entries = warning_entries(warning.getvalue())
    result = CheckResult(posts, [], [])
    for entry in entries:
        (result.newsposts if _NEWSPOSTS.search(entry) else result.others).append(entry)
    return result


__all__ = ["CheckResult", "SphinxError", "run_check", "warning_entries"]
