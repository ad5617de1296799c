"""Run one sphinx-build and print when each ``-j N`` worker process was started, finished its
work and was collected by the main process, on one clock, with the build's phases.

    python benchmarks/timeline.py -j 2 -q -b html SOURCE OUTPUT

Sphinx starts a waiting worker only when the main process hands over the next chunk (or, once
all are handed over, while it waits for the last ones); a worker that finished its chunk before
that waits too. The gap between "done" and "collected" shows who waited for whom.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sphinx.application import Sphinx
from sphinx.cmd.build import main
from sphinx.util import parallel

START = time.perf_counter()
PHASES = ("env-before-read-docs", "env-updated", "write-started", "build-finished")


def _now() -> str:
    return f"{time.perf_counter() - START:7.2f}"


def _report(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _watch_workers() -> None:
    run_task = parallel.ParallelTasks._process

    def process(self: Any, pipe: Any, func: Any, arg: Any) -> None:
        started, done = _now(), []

        def timed(*args: Any) -> Any:
            try:
                return func(*args)
            finally:
                done.append(_now())

        try:
            run_task(self, pipe, timed, arg)
        finally:  # the result has been sent: the main process took it
            _report(f"worker {func.__name__:<16} started {started}  done {done[0] if done else '?'}  "
                    f"collected {_now()}")

    parallel.ParallelTasks._process = process


def _watch_phases() -> None:
    set_up = Sphinx.__init__

    def init(self: Sphinx, *args: Any, **kwargs: Any) -> None:
        set_up(self, *args, **kwargs)
        for phase in PHASES:
            self.connect(phase, lambda *_, phase=phase: _report(f"phase  {phase:<40} {_now()}"), priority=0)

    Sphinx.__init__ = init


if __name__ == "__main__":
    _watch_workers()
    _watch_phases()
    status = main(sys.argv[1:])
    _report(f"end    {'':<40} {_now()}")
    sys.exit(status)
