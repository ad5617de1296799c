"""Count the machine instructions of one clean build per tool, on the same generated posts.

    python benchmarks/instructions.py --posts 1000

Wall time on a shared machine drifts by 10 % or more between runs, which is as much as the
difference being measured. The number of instructions a build executes does not drift: it
changes only when the work changes. Each build runs serially (no ``-j``) under Valgrind's
``cachegrind`` without its cache model (about 13 times slower than a normal build), with a fixed
hash seed, and all tools run at once, as the counts do not depend on what else the machine does.

Valgrind counts the build's own process only: the Pagefind binary that indexes a newsposts site
(the default search) runs in a child process and is not counted, while bare Sphinx's search
indexing is. ``newsposts-sphinx-search`` (Sphinx's search, as bare Sphinx builds it) is the tool
that does the same work as the baseline.

Instructions are not time: memory traffic (the garbage collector walking a larger heap, larger
pages written) and system calls (files and folders made) cost time the count leaves out. The
ratio here is the floor of the time ratio ``run.py`` reports.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from corpus import baseline_of, write_site

_COUNT = re.compile(r"I\s+refs:\s+([\d,]+)")


def count_instructions(src: Path, build: Path) -> int:
    shutil.rmtree(build, ignore_errors=True)
    args = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
            sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(build / "doctrees"), str(src),
            str(build / "html")]
    result = subprocess.run(args, capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    found = _COUNT.search(result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"build failed: {' '.join(args)}\n{result.stderr[-3000:]}")
    return int(found[1].replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--tools", default="bare,bare-gc-freeze,newsposts,newsposts-gc-off")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsposts-instructions"))
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (Debian and Ubuntu: apt-get install valgrind)")
    tools = options.tools.split(",")
    shutil.rmtree(options.work, ignore_errors=True)
    for tool in tools:
        write_site(options.work / tool / "src", tool, options.posts)
    with ThreadPoolExecutor(max_workers=len(tools)) as pool:
        counts = dict(zip(tools, pool.map(
            lambda tool: count_instructions(options.work / tool / "src", options.work / tool / "build"), tools),
            strict=True))
    print(f"{options.posts} posts, one clean serial build per tool; each against the same theme with the "
          "same collector setting (vs), and against bare Sphinx as it comes")
    print(f"{'tool':<20} {'instructions':>18} {'vs':>20} {'ratio':>8} {'vs bare':>8}")
    for tool, count in counts.items():
        baseline = baseline_of(tool, counts)
        ratio = f"{count / counts[baseline]:.3f}x" if baseline != tool and baseline in counts else ""
        to_bare = f"{count / counts['bare']:.3f}x" if "bare" in counts and tool != "bare" else ""
        print(f"{tool:<20} {count:>18,} {baseline:>20} {ratio:>8} {to_bare:>8}")


if __name__ == "__main__":
    main()
