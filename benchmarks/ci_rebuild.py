"""A CI build that restores its build folder from a cache after a fresh checkout, against a local rebuild.

    python benchmarks/ci_rebuild.py --posts 1000 --repeat 3

A CI job checks the repository out anew on every run: every source file gets a new modification
time, though few changed. When the job restores ``_build/`` from its cache, a build that decides
what is stale by modification times reads and writes everything again; one that decides by
content reads the changed post and writes what shows it. Per tool (bare Sphinx + MyST and
sphinx-newsposts, taking turns in an order that changes each round) and round:

- **clean**: a clean serial build into ``build/`` (doctrees in ``build/doctrees``, HTML in
  ``build/html``, as ``run.py`` builds);
- **local edit**: one post edited (a sentence added, as ``run.py`` does) and the same folder
  rebuilt, the way one works on a checkout that stays put; bare Sphinx's is the reference;
- **after checkout**: the build folder as the clean build left it is restored from a copy that
  kept its files' times (a CI cache), after every source file was written again with the same
  content (so each is newer than the build) and the same post edited; then a rebuild.

For each rebuild the HTML files and doctrees written (modified after the rebuild started) are
counted. Medians over the rounds; the targets, for sphinx-newsposts: a rebuild after checkout at
most twice bare Sphinx's local edit rebuild, and at most 15 % of its own clean build.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from pathlib import Path

from run import _edit, interleaved_rounds, pages_written_since, sphinx, write_sites

#: sphinx-newsposts' rebuild after checkout against bare Sphinx's local edit rebuild, and against
#: its own clean build.
AGAINST_BARE_EDIT = 2.0
AGAINST_OWN_CLEAN = 0.15


def doctrees_written_since(doctrees: Path, moment: float) -> int:
    return sum(1 for doctree in doctrees.rglob("*.doctree") if doctree.stat().st_mtime >= moment)


def newest_mtime(folder: Path) -> float:
    return max(path.stat().st_mtime for path in folder.rglob("*") if path.is_file())


def check_out_again(src: Path) -> None:
    """Write every source file again, as a fresh checkout does: the same bytes in a new file, so
    that its modification time is the time of the checkout."""
    for path in sorted(path for path in src.rglob("*") if path.is_file()):
        content = path.read_bytes()
        path.unlink()
        path.write_bytes(content)


def rebuild(src: Path, build: Path) -> dict:
    moment = time.time()
    figures = sphinx(src, build)
    figures["pages_written"] = pages_written_since(build / "html", moment)
    figures["doctrees_written"] = doctrees_written_since(build / "doctrees", moment)
    return figures


def one_round(work: Path, order: list[str], count: int, round_number: int) -> dict[str, dict]:
    """Each step for every tool in turn, so that the machine's drift hits the tools alike."""
    figures: dict[str, dict] = {tool: {} for tool in order}
    src = {tool: work / tool / "src" for tool in order}
    build = {tool: work / tool / "build" for tool in order}
    cache = {tool: work / tool / "cache" for tool in order}
    for tool in order:
        shutil.rmtree(build[tool], ignore_errors=True)
        figures[tool]["clean"] = sphinx(src[tool], build[tool])
        shutil.rmtree(cache[tool], ignore_errors=True)
        shutil.copytree(build[tool], cache[tool], copy_function=shutil.copy2)  # keeps the files' times
    time.sleep(1.1)  # file times have one-second resolution on some file systems
    for tool in order:
        edited, text = _edit(src[tool], count, round_number, tool)
        figures[tool]["local_edit"] = rebuild(src[tool], build[tool])
        edited.write_text(text, encoding="utf-8")
    time.sleep(1.1)
    for tool in order:
        check_out_again(src[tool])
        if min(path.stat().st_mtime for path in src[tool].rglob("*") if path.is_file()) <= newest_mtime(cache[tool]):
            raise SystemExit(f"{tool}: after the checkout a source file is not newer than the cached build")
        edited, text = _edit(src[tool], count, round_number, tool)
        shutil.rmtree(build[tool])
        shutil.copytree(cache[tool], build[tool], copy_function=shutil.copy2)
        figures[tool]["checkout"] = rebuild(src[tool], build[tool])
        edited.write_text(text, encoding="utf-8")
    for tool in order:
        shutil.rmtree(build[tool], ignore_errors=True)
        shutil.rmtree(cache[tool], ignore_errors=True)
    return figures


def median(runs: list[dict], step: str, key: str = "seconds") -> float:
    return statistics.median(run[step][key] for run in runs)


def _rounds(values: list[float], shape: str, unit: str = "") -> str:
    return (f"{statistics.median(values):{shape}}{unit} "
            f"(rounds: {', '.join(f'{value:{shape}}{unit}' for value in values)})")


def report(runs: dict[str, list[dict]], count: int) -> None:
    rounds = len(next(iter(runs.values())))
    print(f"\n{count:,} posts, medians of {rounds} round{'s' if rounds > 1 else ''}\n")
    print("| tool | clean | local edit | after checkout | pages written: edit / checkout "
          "| doctrees written: edit / checkout |")
    print("|---|---|---|---|---|---|")
    for tool, tool_runs in runs.items():
        print(f"| {tool} | {median(tool_runs, 'clean'):.2f} s | {median(tool_runs, 'local_edit'):.2f} s "
              f"| {median(tool_runs, 'checkout'):.2f} s "
              f"| {median(tool_runs, 'local_edit', 'pages_written'):,.0f} / "
              f"{median(tool_runs, 'checkout', 'pages_written'):,.0f} "
              f"| {median(tool_runs, 'local_edit', 'doctrees_written'):,.0f} / "
              f"{median(tool_runs, 'checkout', 'doctrees_written'):,.0f} |")
    if "bare" not in runs:
        return
    bare = runs["bare"]
    print("\nTargets (of the medians; then each round's own ratio, and their median):\n")
    for tool in (tool for tool in runs if tool != "bare"):
        mine = runs[tool]
        against_bare = median(mine, "checkout") / median(bare, "local_edit")
        against_clean = median(mine, "checkout") / median(mine, "clean")
        print(f"- {tool}, after checkout / bare's local edit: {against_bare:.2f}× "
              f"(target at most {AGAINST_BARE_EDIT:.0f}×: {'met' if against_bare <= AGAINST_BARE_EDIT else 'MISSED'}); "
              + _rounds([run["checkout"]["seconds"] / other["local_edit"]["seconds"]
                         for run, other in zip(mine, bare, strict=True)], ".2f", "×"))
        print(f"- {tool}, after checkout / its own clean build: {against_clean:.1%} "
              f"(target at most {AGAINST_OWN_CLEAN:.0%}: {'met' if against_clean <= AGAINST_OWN_CLEAN else 'MISSED'}); "
              + _rounds([run["checkout"]["seconds"] / run["clean"]["seconds"] for run in mine], ".1%"))
    print("\nFor reference, each tool's rebuild after checkout against its own clean build and local edit:\n")
    for tool, tool_runs in runs.items():
        print(f"- {tool}: {median(tool_runs, 'checkout') / median(tool_runs, 'clean'):.1%} of the clean build, "
              f"{median(tool_runs, 'checkout') / median(tool_runs, 'local_edit'):.2f}× the local edit rebuild")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tools", default="bare,newsposts")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsposts-ci"))
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    options = parser.parse_args()
    tools = options.tools.split(",")
    write_sites(options.work, tools, options.posts)
    runs = interleaved_rounds(tools, options.repeat, lambda order, round_number: one_round(
        options.work, order, options.posts, round_number))
    report(runs, options.posts)
    if options.json:
        options.json.write_text(json.dumps(runs, indent=2), encoding="utf-8")
    shutil.rmtree(options.work, ignore_errors=True)


if __name__ == "__main__":
    main()
