"""The README's headline build figures are the ones the benchmark last printed: recomputed here
from the raw figures ``make bench-j2`` records (``benchmarks/results/bench-j2.json``), and every
other figure of the README's performance section is in ``benchmarks/README.md``."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

ROOT = Path(__file__).parent.parent
RECORDED_RUN = ROOT / "benchmarks" / "results" / "bench-j2.json"
#: A measured figure: a ratio ("1.13 times", "1.073"), a duration, a share or a size.
FIGURE = re.compile(r"\b\d+\.\d+(?= times| s\b| %|×| ms|–)|\b\d+\.\d{3}\b|\b\d[\d,.]* (?:KiB|MiB)\b")


def performance_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return " ".join(readme.split("\n## Performance\n", 1)[1].split("\n## ", 1)[0].split())


def side_by_side(runs: dict, tool: str) -> float:
    """The median, over the rounds, of *tool*'s clean build against its baseline's beside it."""
    return statistics.median(run["beside"]["seconds"] / run["beside_baseline"]["seconds"] for run in runs[tool])


def of_the_medians(runs: dict, tool: str, baseline: str) -> float:
    def median(name: str) -> float:
        return statistics.median(run["full"]["seconds"] for run in runs[name])
    return median(tool) / median(baseline)


def test_the_headline_is_what_the_recorded_run_gives():
    runs = json.loads(RECORDED_RUN.read_text(encoding="utf-8"))
    section = performance_section()
    # against bare Sphinx with the same collector setting, on and off; the setting alone; the defaults
    assert f"takes **{side_by_side(runs, 'newsposts'):.2f} times** as long as bare Sphinx" in section
    assert f"and {side_by_side(runs, 'newsposts-gc-off'):.2f} times with the setting off" in section
    assert f"bare Sphinx's build {side_by_side(runs, 'bare-gc-freeze'):.2f} times as long" in section
    assert f"takes {of_the_medians(runs, 'newsposts', 'bare'):.2f} times bare Sphinx's as it comes" in section
    assert all(len(runs[tool]) >= 5 for tool in runs)  # at least five interleaved rounds


def test_every_other_figure_the_readme_quotes_is_in_the_benchmark_records():
    quoted = FIGURE.findall(performance_section())
    records = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert len(quoted) >= 10, quoted  # the section still quotes its figures
    assert [figure for figure in quoted if figure not in records] == []
