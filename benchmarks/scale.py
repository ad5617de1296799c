"""Clean build time against the number of posts: does a post cost as much at 10,000 posts as at 1,000?

    python benchmarks/scale.py --sizes 1000,3000,10000

A cost that grows faster than the number of posts (one entry per post scanned once per post, a
listing sorted again for every page) hides in a 1,000-post benchmark and dominates at 10,000.
For each size, the corpus of ``run.py`` (``corpus.py``) is written for bare Sphinx + MyST and for
sphinx-newsposts, and each is built once, clean and serial, in a fresh process
(``measure.py``), bare first, one after the other; then, unless ``--no-side-by-side``, each
again at the same moment as its baseline's (bare Sphinx with the same collector setting,
``corpus.baseline_of``), each pinned to its own core (as ``run.py`` does), so that
a host whose speed drifts slows both alike. The report gives, per size, both times, their
ratio and the milliseconds per post of each; then sphinx-newsposts' cost per post at the largest
size against the smallest (the target: at most 10 % more), the same for bare Sphinx (what
Sphinx itself does not keep linear), the marginal cost per post between consecutive sizes (the
start-up, a second or two, weighs on small sizes only), and whether each ratio is at most 1.10.

Sources and outputs live under ``--work``; each build's output is deleted once measured, and each
size's sources once its builds are done (10,000 posts make about 600 MB of HTML). One build per
tool and size, after an unmeasured 20-post build of each tool: the figures are single builds, to
be read on a quiet machine.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

from corpus import baseline_of, post_text, write_site
from run import HERE, side_by_side, sphinx

#: Ratio of sphinx-newsposts' build time to bare Sphinx's that is acceptable, and the most its
#: cost per post may grow from the smallest size to the largest.
RATIO_TARGET = 1.10
GROWTH_TARGET = 1.10
#: Posts of the build made, unmeasured, before the others.
WARM_UP_POSTS = 20
_DATE = re.compile(r"^date: '([^']+)'", re.MULTILINE)


def posts_dated_after(count: int, moment: datetime) -> int:
    """How many of the corpus's first *count* posts are dated after *moment*: sphinx-newsposts
    publishes none of them (scheduled posts), which would make its build look cheaper."""
    later = 0
    for number in range(count):
        found = _DATE.search(post_text(number)[1])
        if found and datetime.strptime(found[1].strip(), "%Y-%m-%d %H:%M:%S") > moment:
            later += 1
    return later


def published_pages(outdir: Path) -> int:
    return sum(1 for _ in outdir.rglob("*.html"))


def measure_size(work: Path, tools: list[str], count: int, beside: bool) -> dict[str, dict]:
    """One clean serial build per tool of a *count*-post corpus, one after the other; with
    *beside*, then each tool's clean serial build again, at the same moment as its baseline's, each
    pinned to its own core (a host whose speed drifts slows both alike)."""
    figures: dict[str, dict] = {}
    sources = {tool: work / str(count) / tool / "src" for tool in tools}
    for tool in tools:
        src, build = sources[tool], work / str(count) / tool / "build"
        shutil.rmtree(src.parent, ignore_errors=True)
        write_site(src, tool, count)
        print(f"{count} posts, {tool}: building", file=sys.stderr, flush=True)
        figures[tool] = sphinx(src, build)
        figures[tool]["pages"] = published_pages(build / "html")
        post_pages = sum(1 for _ in (build / "html" / "posts").glob("*.html"))
        if post_pages != count:
            raise SystemExit(f"{tool} at {count} posts wrote {post_pages} post pages, not {count}")
        shutil.rmtree(build)
    if beside:
        for position, tool in enumerate(tool for tool in tools if tool != "bare"):
            baseline = baseline_of(tool, tools)
            print(f"{count} posts, {tool} beside {baseline}: building", file=sys.stderr, flush=True)
            pair = side_by_side([(sources[baseline], work / str(count) / baseline / "beside"),
                                 (sources[tool], work / str(count) / tool / "build")], position)
            figures[tool]["beside_baseline"], figures[tool]["beside"] = pair
    shutil.rmtree(work / str(count), ignore_errors=True)
    return figures


def per_post_ms(figures: dict, count: int) -> float:
    return figures["seconds"] / count * 1000


def report(runs: dict[int, dict[str, dict]], tools: list[str]) -> None:
    sizes = sorted(runs)
    others = [tool for tool in tools if tool != "bare"]
    print("\nClean serial builds, one per tool and size (seconds; ms per post = time / posts):\n")
    header = ["posts", "bare"] + others + [f"{tool} / bare" for tool in others]
    header += ["bare ms/post"] + [f"{tool} ms/post" for tool in others]
    print("| " + " | ".join(header) + " |")
    print("|---" * len(header) + "|")
    for count in sizes:
        figures = runs[count]
        cells = [f"{count:,}"] + [f"{figures[tool]['seconds']:.1f} s" for tool in ["bare", *others]]
        cells += [f"{figures[tool]['seconds'] / figures['bare']['seconds']:.3f}×" for tool in others]
        cells += [f"{per_post_ms(figures[tool], count):.2f}" for tool in ["bare", *others]]
        print("| " + " | ".join(cells) + " |")

    print("\nPeak memory (MiB) and HTML files written:\n")
    for count in sizes:
        print(f"- {count:,} posts: " + "; ".join(
            f"{tool} {runs[count][tool]['peak_mib']:.0f} MiB, {runs[count][tool]['pages']:,} pages" for tool in tools))

    if len(sizes) > 1:
        smallest, largest = sizes[0], sizes[-1]
        print(f"\nCost per post at {largest:,} posts against {smallest:,} posts "
              f"(target for sphinx-newsposts: at most {GROWTH_TARGET:.2f}×):\n")
        def growth(tool: str) -> float:
            return per_post_ms(runs[largest][tool], largest) / per_post_ms(runs[smallest][tool], smallest)

        for tool in tools:
            verdict = "" if tool == "bare" else (
                f" ({growth(tool) / growth('bare'):.3f}× bare's growth)"
                + (" — met" if growth(tool) <= GROWTH_TARGET else " — MISSED"))
            print(f"- {tool}: {per_post_ms(runs[smallest][tool], smallest):.2f} → "
                  f"{per_post_ms(runs[largest][tool], largest):.2f} ms per post, {growth(tool):.3f}×{verdict}")
        print("\nMarginal cost per post between consecutive sizes (difference of times / difference of posts; "
              "without the start-up):\n")
        for tool in tools:
            steps = []
            for low, high in zip(sizes, sizes[1:], strict=False):
                marginal = (runs[high][tool]["seconds"] - runs[low][tool]["seconds"]) / (high - low) * 1000
                steps.append(f"{low:,}→{high:,}: {marginal:.2f} ms")
            print(f"- {tool}: " + "; ".join(steps))

    print(f"\nRatio to the same setup without the extension (the same collector setting) at most "
          f"{RATIO_TARGET:.2f}×:\n")
    for tool in others:
        baseline, checks = baseline_of(tool, tools), []
        for count in sizes:
            ratio = runs[count][tool]["seconds"] / runs[count][baseline]["seconds"]
            checks.append(f"{count:,}: {ratio:.3f}× {'yes' if ratio <= RATIO_TARGET else 'NO'}")
        print(f"- {tool} against {baseline}, one after the other: " + "; ".join(checks))
        if all("beside" in runs[count][tool] for count in sizes):
            checks = []
            for count in sizes:
                pair = runs[count][tool]
                ratio = pair["beside"]["seconds"] / pair["beside_baseline"]["seconds"]
                checks.append(f"{count:,}: {ratio:.3f}× ({pair['beside']['seconds']:.1f} s against "
                              f"{pair['beside_baseline']['seconds']:.1f} s) {'yes' if ratio <= RATIO_TARGET else 'NO'}")
            print(f"- {tool} against {baseline}, side by side on two cores: " + "; ".join(checks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="numbers of posts, comma-separated")
    parser.add_argument("--tools", default="bare-gc-freeze,newsposts",
                        help="tools besides bare Sphinx, comma-separated (e.g. newsposts,newsposts-gc-off); "
                             "each is compared with its baseline (corpus.baseline_of) where that is among them")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsposts-scale"))
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--no-side-by-side", action="store_true",
                        help="leave out the builds side by side with bare Sphinx, each on its own core")
    options = parser.parse_args()
    sizes = sorted({int(size) for size in options.sizes.split(",")})
    tools = ["bare"] + [tool for tool in options.tools.split(",") if tool and tool != "bare"]
    now = datetime.now()
    late = posts_dated_after(sizes[-1], now)
    if late:
        # Posts dated after the build are scheduled drafts: pages, listings and feeds leave them out.
        raise SystemExit(f"{late} of the corpus's {sizes[-1]} posts are dated after {now:%Y-%m-%d}: "
                         "corpus.py must date posts backwards for this measurement")
    shutil.rmtree(options.work, ignore_errors=True)
    # As run.py: an editable install has no byte code until something writes it.
    compileall.compile_dir(HERE.parent / "sphinx_newsposts", quiet=1)
    for tool in tools:  # not measured: the first build of a session reads Python's packages from disk
        write_site(options.work / "warm-up" / tool / "src", tool, WARM_UP_POSTS)
        sphinx(options.work / "warm-up" / tool / "src", options.work / "warm-up" / tool / "build")
    shutil.rmtree(options.work / "warm-up")
    started = time.perf_counter()
    beside = not options.no_side_by_side and len(os.sched_getaffinity(0)) > 1
    runs = {count: measure_size(options.work, tools, count, beside) for count in sizes}
    shutil.rmtree(options.work, ignore_errors=True)
    print(f"\n(measured in {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    report(runs, tools)
    if options.json:
        options.json.write_text(json.dumps({str(count): figures for count, figures in runs.items()}, indent=2),
                                encoding="utf-8")


if __name__ == "__main__":
    main()
