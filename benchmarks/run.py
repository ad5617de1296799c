"""Benchmark sphinx-newsposts against bare Sphinx + MyST and plain ABlog on the same posts.

    python benchmarks/run.py --posts 1000 --repeat 5

For each repetition, per tool: a clean build with -j 2 and, right after it, a serial one (so
that a tool's gain from -j 2 compares builds made at nearly the same moment), a rebuild with
nothing changed, a rebuild after editing one post, a rebuild after adding one post (and how many
pages it rewrote); each scenario runs for every tool in turn, the order changing each round, so
that the machine's drift hits all tools alike. Then, side by side: each tool's clean serial
build at the same moment as its baseline's, each on its own core, which cancels drift that
sequential runs only average out. Prints medians, and ratios measured in the same run: of the
medians, and the median of each round's own ratio.

A tool's baseline is the same setup without the extension (``corpus.baseline_of``): newsposts'
default configuration against bare Sphinx with the same collector setting (``bare-gc-freeze``),
``newsposts-gc-off`` against bare Sphinx as it comes; the ratio of each default configuration to
bare Sphinx as it comes is printed beside.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from corpus import ablog_front_matter, baseline_of, post_text, write_site

HERE = Path(__file__).parent
SCENARIOS = ("full", "full_j2", "noop", "edit", "add")


def _build_args(src: Path, build: Path, *extra: str) -> list[str]:
    return [sys.executable, str(HERE / "measure.py"), "-b", "html", "-q", "-d", str(build / "doctrees"),
            *extra, str(src), str(build / "html")]


def _figures(args: list[str], result: subprocess.CompletedProcess) -> dict[str, float]:
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def sphinx(src: Path, build: Path, *extra: str) -> dict[str, float]:
    args = _build_args(src, build, *extra)
    return _figures(args, subprocess.run(args, capture_output=True, text=True, check=False))


def side_by_side(builds: list[tuple[Path, Path]], round_number: int) -> list[dict[str, float]]:
    """Clean serial builds started together, each pinned to its own core (taking turns on the
    cores from round to round), so that whatever slows the machine slows them at the same time."""
    cores = sorted(os.sched_getaffinity(0))
    started = []
    for position, (src, build) in enumerate(builds):
        shutil.rmtree(build, ignore_errors=True)
        core = cores[(position + round_number) % len(cores)]
        args = _build_args(src, build)
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   preexec_fn=lambda core=core: os.sched_setaffinity(0, {core}))
        started.append((args, process))
    figures = []
    for args, process in started:
        stdout, stderr = process.communicate()
        figures.append(_figures(args, subprocess.CompletedProcess(args, process.returncode, stdout, stderr)))
    for _src, build in builds:
        shutil.rmtree(build, ignore_errors=True)
    return figures


def pages_written_since(outdir: Path, moment: float) -> int:
    return sum(1 for page in outdir.rglob("*.html") if page.stat().st_mtime >= moment)


def _edit(src: Path, count: int, round_number: int, tool: str) -> tuple[Path, str]:
    """Add a sentence to one post's body; return the file and its text before."""
    name, text = post_text((round_number * 7919) % count)
    if tool == "ablog":
        text = ablog_front_matter(text)
    edited = src / "posts" / name
    edited.write_text(text + f"\nAn added sentence, round {round_number}.\n", encoding="utf-8")
    return edited, text


def _add(src: Path, count: int, round_number: int, tool: str) -> Path:
    """Write one post newer than all others (and not in the future, which would make it a draft)."""
    added_name, added_text = post_text(count + round_number)
    if tool == "ablog":
        added_text = ablog_front_matter(added_text)
    added = src / "posts" / ("2026-01-01-" + added_name.split("-", 3)[3])
    added.write_text(added_text.replace(added_text.split("date: ")[1].split("\n")[0], "'2026-01-01 10:00:00 '"),
                     encoding="utf-8")
    return added


def _rebuilds(figures: dict[str, dict], src: dict[str, Path], build: dict[str, Path], order: list[str],
              count: int, round_number: int) -> None:
    """After the clean builds: nothing changed, one post edited, one post added, each tool in turn."""
    for tool in order:
        figures[tool]["noop"] = sphinx(src[tool], build[tool])
    for tool in order:
        edited, text = _edit(src[tool], count, round_number, tool)
        figures[tool]["edit"] = sphinx(src[tool], build[tool])
        edited.write_text(text, encoding="utf-8")
    added = {tool: _add(src[tool], count, round_number, tool) for tool in order}
    time.sleep(1.1)  # file times have one-second resolution on some file systems
    for tool in order:
        moment = time.time()
        figures[tool]["add"] = sphinx(src[tool], build[tool])
        figures[tool]["add"]["pages_written"] = pages_written_since(build[tool] / "html", moment)
        added[tool].unlink()


def one_round(work: Path, order: list[str], count: int, round_number: int,
              clean_only: bool = False) -> dict[str, dict]:
    """Each scenario for every tool in turn, so that the machine's drift hits the tools alike;
    then every tool's clean serial build side by side with its baseline's (``corpus.baseline_of``).
    With *clean_only*, no rebuilds: the clean builds (-j 2 and serial) and the ones side by side."""
    figures: dict[str, dict] = {tool: {} for tool in order}
    src, build = {tool: work / tool / "src" for tool in order}, {tool: work / tool / "build" for tool in order}
    for tool in order:
        shutil.rmtree(build[tool], ignore_errors=True)
        figures[tool]["full_j2"] = sphinx(src[tool], build[tool], "-j", "2")
        shutil.rmtree(build[tool], ignore_errors=True)
        figures[tool]["full"] = sphinx(src[tool], build[tool])
        size = (build[tool] / "doctrees" / "environment.pickle").stat().st_size
        figures[tool]["env_mib"] = {"seconds": size / 2**20}
    if not clean_only:
        _rebuilds(figures, src, build, order, count, round_number)
    for tool in order:
        shutil.rmtree(build[tool], ignore_errors=True)
    if len(os.sched_getaffinity(0)) > 1:
        for tool in (tool for tool in order if baseline_of(tool, order) != tool and tool != "bare"):
            baseline = baseline_of(tool, order)
            pair = side_by_side([(src[baseline], work / baseline / "beside"), (src[tool], build[tool])], round_number)
            figures[tool]["beside_baseline"], figures[tool]["beside"] = pair
    return figures


def write_sites(work: Path, tools: list[str], count: int) -> None:
    """A fresh *work* folder with each tool's site of *count* posts, and the package compiled."""
    shutil.rmtree(work, ignore_errors=True)
    # An editable install has no byte code until something writes it (never, under
    # PYTHONDONTWRITEBYTECODE); pip compiles every other package at install time.
    compileall.compile_dir(HERE.parent / "sphinx_newsposts", quiet=1)
    for tool in tools:
        write_site(work / tool / "src", tool, count)


def interleaved_rounds(tools: list[str], repeat: int,
                       play: Callable[[list[str], int], dict[str, dict]]) -> dict[str, list[dict]]:
    """*repeat* rounds of *play* (tools in order, round number -> figures per tool), the order of
    the tools turning by one each round, so that a machine's drift hits them alike."""
    runs: dict[str, list[dict]] = {tool: [] for tool in tools}
    for round_number in range(repeat):
        order = tools[round_number % len(tools):] + tools[:round_number % len(tools)]
        print(f"round {round_number + 1}/{repeat}: {', '.join(order)}", file=sys.stderr, flush=True)
        for tool, figures in play(order, round_number).items():
            runs[tool].append(figures)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tools", default="bare,bare-gc-freeze,ablog,newsposts,newsposts-gc-off")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsposts-bench"))
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--clean-only", action="store_true",
                        help="only the clean builds, serial and -j 2 (the gain from -j 2), in more rounds for the time")
    options = parser.parse_args()
    tools = options.tools.split(",")
    write_sites(options.work, tools, options.posts)
    runs = interleaved_rounds(tools, options.repeat, lambda order, round_number: one_round(
        options.work, order, options.posts, round_number, options.clean_only))
    report(runs, options.posts, SCENARIOS[:2] if options.clean_only else SCENARIOS)
    if options.json:
        options.json.write_text(json.dumps(runs, indent=2), encoding="utf-8")


def median(runs: list[dict], scenario: str, key: str = "seconds") -> float:
    return statistics.median(run[scenario][key] for run in runs)


def _per_round(values: list[float], unit: str = "×") -> str:
    return f"{statistics.median(values):.2f}{unit} ({', '.join(f'{value:.2f}' for value in values)})"


def report(runs: dict[str, list[dict]], count: int, scenarios: tuple[str, ...] = SCENARIOS) -> None:
    tools = list(runs)
    print(f"\n{count} posts, medians of {len(next(iter(runs.values())))} runs\n")
    print(f"| tool | {' | '.join(scenarios)} | peak MiB | env MiB | pages rewritten on add |")
    print("|---" * (len(scenarios) + 4) + "|")
    for tool in tools:
        cells = [f"{median(runs[tool], s):.1f} s" for s in scenarios]
        rewritten = f"{median(runs[tool], 'add', 'pages_written'):.0f}" if "add" in scenarios else "–"
        print(f"| {tool} | {' | '.join(cells)} | {median(runs[tool], 'full', 'peak_mib'):.0f} | "
              f"{median(runs[tool], 'env_mib'):.1f} | {rewritten} |")
    print("\nGain from -j 2 (serial / -j 2, builds made one after the other) and processes busy on "
          "average under -j 2 (processor time / wall time), each round's own and their median:\n")
    for tool in tools:
        gains = [run["full"]["seconds"] / run["full_j2"]["seconds"] for run in runs[tool]]
        busy = [run["full_j2"]["cpu_seconds"] / run["full_j2"]["seconds"] for run in runs[tool]]
        print(f"- {tool}: gain {_per_round(gains)}; busy {_per_round(busy, ' processes')}")
    if "bare" not in runs:
        return
    print("\nRatios of the medians, each tool against the same setup without the extension (vs: the same "
          "theme and collector setting), and against bare Sphinx + MyST as it comes (the default "
          "configurations side by side):\n")
    print(f"| tool | vs | {' | '.join(scenarios)} | peak memory | -j 2 gain | full, vs bare |")
    print("|---" * (len(scenarios) + 5) + "|")
    for tool in (tool for tool in tools if tool != "bare"):
        baseline = runs[baseline_of(tool, runs)]
        ratios = [median(runs[tool], s) / median(baseline, s) for s in scenarios]
        memory = median(runs[tool], "full", "peak_mib") / median(baseline, "full", "peak_mib")
        gain = median(runs[tool], "full") / median(runs[tool], "full_j2")
        to_bare = median(runs[tool], "full") / median(runs["bare"], "full")
        print(f"| {tool} | {baseline_of(tool, runs)} | {' | '.join(f'{r:.2f}×' for r in ratios)} | "
              f"{memory:.2f}× | {gain:.2f}× | {to_bare:.2f}× |")
    print("\nThe same ratios round by round (each round's builds ran minutes apart), and their median; "
          "then the clean serial build side by side with its baseline's, on the other core:\n")
    for tool in (tool for tool in tools if tool != "bare"):
        baseline = baseline_of(tool, runs)
        for scenario in ("full", "full_j2"):
            paired = [mine[scenario]["seconds"] / theirs[scenario]["seconds"]
                      for mine, theirs in zip(runs[tool], runs[baseline], strict=True)]
            print(f"- {tool} against {baseline}, {scenario}: {_per_round(paired)}")
        beside = [run["beside"]["seconds"] / run["beside_baseline"]["seconds"] for run in runs[tool] if "beside" in run]
        if beside:
            print(f"- {tool} against {baseline}, full side by side: {_per_round(beside)}")

if __name__ == "__main__":
    main()
