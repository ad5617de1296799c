"""Run one sphinx-build in this process and print its wall time and peak memory as JSON.

Peak memory is the larger of this process's and its children's (-j N forks workers).
"""

from __future__ import annotations

import json
import resource
import sys
import time

from sphinx.cmd.build import main


def run(args: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    status = main(args)
    elapsed = time.perf_counter() - start
    peak_kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"status": status, "seconds": elapsed, "peak_mib": peak_kib / 1024}


if __name__ == "__main__":
    figures = run(sys.argv[1:])
    print(json.dumps(figures))
    sys.exit(figures["status"])
