"""What social cards cost: drawing them, and a site build that makes them, cold and warm.

    python benchmarks/social_cards.py [--cards 50] [--repeat 5]

1. Drawing alone: N cards of the corpus's titles (some made long enough to be shrunk and cut) drawn
   and encoded in one process, each from a fresh start of the fonts for the first; milliseconds
   per card and bytes per card.
2. A site of N posts without teasers (the benchmark corpus with its ``header.teaser`` lines taken
   out), each build in a fresh process: cards off; cards on with an empty cache (every card
   drawn while its post is read), serial and ``-j 2``; and with the cache another build filled
   (every post read, no card drawn, the cards copied from the cache). Every measured build starts
   with an empty output folder. The cost per card is the difference to the build
   without cards, over N. The fastest of the rounds (the slower ones measure a shared machine's
   other load); the order of the builds changes each round.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import post_text, write_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sphinx_newsposts.publishing.card_drawing import CardFonts, CardText, card_png  # noqa: E402


def titles(count: int) -> list[str]:
    found = []
    for number in range(count):
        title = post_text(number)[1].split("title: '", 1)[1].split("'\n", 1)[0]
        if number % 5 == 4:  # every fifth a long one: shrunk, wrapped over four lines, then cut
            title = " ".join([title] * 4)
        found.append(title)
    return found


def draw_alone(count: int) -> None:
    started = time.perf_counter()
    fonts = CardFonts()
    sizes, times = [], []
    for title in titles(count):
        start = time.perf_counter()
        sizes.append(len(card_png(fonts, CardText(title, "Bench News", "16 July 2025", "#0b57d0"))))
        times.append(time.perf_counter() - start)
    total = time.perf_counter() - started
    print(f"drawing alone, {count} cards: {1000 * total / count:.1f} ms per card "
          f"(median {1000 * statistics.median(times):.1f} ms, first {1000 * times[0]:.1f} ms with the fonts' loading); "
          f"{statistics.mean(sizes) / 1024:.1f} KiB per card (from {min(sizes) / 1024:.1f} to {max(sizes) / 1024:.1f})")


def write_posts_without_teasers(root: Path, count: int) -> None:
    write_site(root, "newsposts", count)
    for post in (root / "posts").glob("*.md"):
        post.write_text(re.sub(r"header:\n  teaser: [^\n]*\n", "", post.read_text(encoding="utf-8")), encoding="utf-8")


def sphinx_build(site: Path, out: Path, cache: Path, *options: str) -> tuple[float, float]:
    """Wall time and processor time (of the build and its -j N workers) of one build."""
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", *options, "-D", f"newsposts_image_cache={cache}",
               str(site), str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build_site(count: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        site = work / "site"
        write_posts_without_teasers(site, count)
        assert "teaser" not in next((site / "posts").glob("*.md")).read_text(encoding="utf-8")
        results: dict[str, list[tuple[float, float]]] = {"cards off": [], "cold": [], "cold -j 2": [], "warm": []}
        cards: list[Path] = []
        for round_number in range(repeat):
            order = list(results)
            order = order[round_number % len(order):] + order[:round_number % len(order)]
            for scenario in order:
                cache, out = work / "cache", work / "out"
                shutil.rmtree(cache, ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
                if scenario == "cards off":
                    results[scenario].append(sphinx_build(site, out, cache, "-E", "-D", "newsposts_social_cards=0"))
                elif scenario == "cold":
                    results[scenario].append(sphinx_build(site, out, cache, "-E"))
                    cards = sorted((out / "_images" / "social").glob("*.png"))
                elif scenario == "cold -j 2":
                    results[scenario].append(sphinx_build(site, out, cache, "-E", "-j", "2"))
                else:  # a first build (elsewhere) fills the cache; the measured one starts with no output
                    sphinx_build(site, work / "primed", cache, "-E")
                    shutil.rmtree(work / "primed")
                    before = {path: path.stat().st_mtime_ns for path in cache.rglob("*.png")}
                    results[scenario].append(sphinx_build(site, out, cache, "-E"))
                    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*.png")} == before
        assert len(cards) == count, f"{len(cards)} cards for {count} posts"
        # The fastest of the rounds: on a shared machine, the slower ones measure the neighbours.
        base_wall = min(wall for wall, _cpu in results["cards off"])
        base_cpu = min(cpu for _wall, cpu in results["cards off"])
        print(f"site of {count} posts without teasers, fastest of {repeat} rounds (wall time; processor time):")
        for scenario, times in results.items():
            wall = min(wall for wall, _cpu in times)
            cpu = min(cpu for _wall, cpu in times)
            extra = "" if scenario == "cards off" else (
                f"  ({1000 * (wall - base_wall) / count:+.1f} ms; {1000 * (cpu - base_cpu) / count:+.1f} ms per card)")
            print(f"  {scenario:10} {wall:6.2f} s; {cpu:6.2f} s{extra}")
        sizes = [path.stat().st_size for path in cards]
        print(f"  cards in the output: {sum(sizes) / 1024:.0f} KiB, {statistics.mean(sizes) / 1024:.1f} KiB per card")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cards", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    draw_alone(args.cards)
    build_site(args.cards, args.repeat)


if __name__ == "__main__":
    main()
