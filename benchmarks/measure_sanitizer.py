"""Run one serial sphinx-build in this process, as ``measure.py`` does, and also time the raw HTML
transform (``SanitizeRawHtml.apply``); print the figures as JSON.

The timer wraps the transform's method in this process only, for this build, so the package is
measured as it is; a ``-j N`` build would apply the transform in worker processes, which the
timer does not see, so build serially.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from measure import run

from sphinx_newsposts.reading.raw_html import SanitizeRawHtml


def timed_build(args: list[str]) -> dict[str, float]:
    """``measure.run(args)`` with ``sanitizer_seconds`` (the transform's total time) and
    ``documents`` (how many documents it was applied to) added."""
    spent = {"seconds": 0.0, "documents": 0}
    apply = SanitizeRawHtml.apply

    def timed_apply(transform: SanitizeRawHtml, **kwargs: Any) -> None:
        start = time.perf_counter()
        try:
            apply(transform, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - start
            spent["documents"] += 1

    SanitizeRawHtml.apply = timed_apply  # type: ignore[method-assign]
    try:
        figures = run(args)
    finally:
        SanitizeRawHtml.apply = apply  # type: ignore[method-assign]
    return {**figures, "sanitizer_seconds": spent["seconds"], "documents": spent["documents"]}


if __name__ == "__main__":
    figures = timed_build(sys.argv[1:])
    print(json.dumps(figures))
    sys.exit(figures["status"])
