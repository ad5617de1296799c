"""Run one sphinx-build in this process and print its wall time, processor time and peak memory
as JSON.

Processor time (user and system) and peak memory count the -j N worker processes too; processor
time divided by wall time is how many processes were busy on average.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from sphinx.cmd.build import main


def run(args: list[str]) -> dict[str, float]:
    start, started = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    status = main(args)
    elapsed = time.perf_counter() - start
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    processor = (own.ru_utime - started.ru_utime + own.ru_stime - started.ru_stime
                 + workers.ru_utime + workers.ru_stime)  # not counting this script's start
    return {"status": status, "seconds": elapsed, "cpu_seconds": processor,
            "peak_mib": max(own.ru_maxrss, workers.ru_maxrss) / 1024}


if __name__ == "__main__":
    figures = run(sys.argv[1:])
    print(json.dumps(figures))
    sys.exit(figures["status"])
