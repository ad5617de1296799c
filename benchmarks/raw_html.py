"""What sanitizing raw HTML in posts costs: the benchmark site's posts built with
``newsposts_raw_html = "sanitize"`` (the default) and ``"trust"`` (raw HTML left as written).

    python benchmarks/raw_html.py --posts 200 --repeat 5

Two sites of N posts each, from the posts of ``corpus.py``: one as they are (no raw HTML), and one
whose posts each hold 50 raw HTML fragments (an element written as HTML, with its closing tag):
32 inline elements in eight paragraphs (``<sup>``, ``<span class>``, ``<a href>`` and one of
``<abbr>``, ``<img>``, ``<mark>``, ``<kbd>``, ``<small>``, ``<time>``), 8 ``<figure>`` blocks,
4 ``<details>`` around Markdown, a table, a YouTube ``<iframe>``, and 4 payloads (a script, an
``onerror`` handler, a ``javascript:`` link, an embed from a host that is not allowed), which
each give a warning when sanitized. Each round builds both sites both ways (clean serial builds,
each in a fresh process, the order rotating from round to round so that a drifting machine slows
them alike) and times ``SanitizeRawHtml.apply`` within each build (``measure_sanitizer.py``).

Prints the medians and the ratio sanitize / trust, of wall time and of processor time, of the
medians and round by round; then the transform's own time, and each sanitize build's time over
that time without the transform: measured within one process, that estimate does not drift with
the machine's load, which the ratio of two builds made a minute apart does on a shared host.
"""

from __future__ import annotations

import argparse
import compileall
import json
import random
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from corpus import WORDS, post_text, write_site

HERE = Path(__file__).parent
SITES = ("plain", "raw-html")
MODES = ("sanitize", "trust")
FRAGMENTS_PER_POST = 50


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _inline_paragraph(rng: random.Random, number: int, index: int) -> str:
    """A paragraph with four inline elements."""
    fourth = (
        f'<abbr title="{_words(rng, 3)}">EU</abbr>',
        f'<img src="/assets/images/teaser-{index % 12}.png" alt="{_words(rng, 2)}" width="24" height="24">',
        f"<mark>{_words(rng, 2)}</mark>",
        "<kbd>Ctrl</kbd>",
        f"<small>{_words(rng, 3)}</small>",
        f'<time datetime="2025-0{1 + index % 9}-1{index % 10}">{_words(rng, 1)}</time>',
    )[index % 6]
    return (f"{_words(rng, 8).capitalize()}<sup>{index + 1}</sup> {_words(rng, 6)} "
            f'<span class="highlight">{_words(rng, 3)}</span> {_words(rng, 5)} '
            f'<a href="https://example.com/{number}/{index}" title="{_words(rng, 2)}">{_words(rng, 2)}</a> '
            f"{_words(rng, 4)} {fourth} {_words(rng, 6)}.")


def _figure(rng: random.Random, index: int) -> str:
    return (f'<figure class="wide">\n<img src="/assets/images/teaser-{index % 12}.png" alt="{_words(rng, 3)}" '
            f'width="240" height="126" loading="lazy">\n<figcaption>{_words(rng, 7).capitalize()}.</figcaption>\n'
            "</figure>")


def _details(rng: random.Random) -> str:
    """A disclosure with Markdown inside: two raw pieces around a paragraph, kept paired."""
    return (f"<details>\n<summary>{_words(rng, 3).capitalize()}</summary>\n\n"
            f"{_words(rng, 12).capitalize()}, with **{_words(rng, 2)}** and a [link](https://example.com/).\n\n"
            "</details>")


def _table(rng: random.Random) -> str:
    rows = "\n".join(f"<tr><td>{_words(rng, 1)}</td><td>{rng.randint(1, 999)}</td><td>{rng.randint(1, 99)} %</td></tr>"
                     for _ in range(5))
    return (f'<table class="data">\n<caption>{_words(rng, 4).capitalize()}</caption>\n'
            f'<thead><tr><th scope="col">Item</th><th scope="col">Count</th><th scope="col">Share</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>")


def raw_html_section(number: int, seed: int = 1) -> str:
    """The Markdown of a section holding post *number*'s 50 raw HTML fragments."""
    rng = random.Random(seed * 7_919 + number)
    blocks = [_inline_paragraph(rng, number, index) for index in range(8)]  # 32 fragments
    blocks += [_figure(rng, index) for index in range(8)]
    blocks += [_details(rng) for _ in range(4)]
    blocks.append(_table(rng))
    blocks.append(f'<iframe src="https://www.youtube.com/embed/v{number}" width="560" height="315" '
                  'allow="encrypted-media" allowfullscreen></iframe>')
    rng.shuffle(blocks)
    payloads = [
        f"<script>document.title = 'post {number}';</script>",
        f'{_words(rng, 6).capitalize()} <img src="/missing.png" onerror="alert({number})"> {_words(rng, 4)}.',
        f'{_words(rng, 5).capitalize()} <a href="javascript:alert({number})">{_words(rng, 2)}</a>.',
        '<iframe src="https://tracker.example.net/widget" width="300" height="250"></iframe>',
    ]
    for position, payload in zip((3, 9, 15, 21), payloads, strict=True):
        blocks.insert(position, payload)
    return "### In pictures and numbers\n\n" + "\n\n".join(blocks) + "\n\n"


def write_sites(work: Path, count: int) -> dict[str, Path]:
    """The benchmark's newsposts site, and the same posts with a section of raw HTML each."""
    sources = {}
    for site in SITES:
        root = write_site(work / site / "src", "newsposts", count)
        if site == "raw-html":
            for number in range(count):
                name, text = post_text(number)
                head, faq = text.split("### FAQ\n", 1)
                (root / "posts" / name).write_text(f"{head}{raw_html_section(number)}### FAQ\n{faq}", encoding="utf-8")
        sources[site] = root
    return sources


def build(src: Path, out: Path, mode: str) -> dict[str, float]:
    """A clean serial build of *src* with ``newsposts_raw_html = mode``, in a fresh process."""
    shutil.rmtree(out, ignore_errors=True)
    args = [sys.executable, str(HERE / "measure_sanitizer.py"), "-b", "html", "-q", "-d", str(out / "doctrees"),
            "-D", f"newsposts_raw_html={mode}", str(src), str(out / "html")]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["warnings"] = result.stderr.count("[newsposts.raw_html]")
    shutil.rmtree(out, ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsposts-bench-raw-html"))
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    options = parser.parse_args()
    shutil.rmtree(options.work, ignore_errors=True)
    compileall.compile_dir(HERE.parent / "sphinx_newsposts", quiet=1)  # as run.py does
    sources = write_sites(options.work, options.posts)
    builds = [(site, mode) for site in SITES for mode in MODES]
    runs: dict[str, list[dict]] = {f"{site}/{mode}": [] for site, mode in builds}
    for round_number in range(options.repeat):
        order = builds[round_number % len(builds):] + builds[:round_number % len(builds)]
        print(f"round {round_number + 1}/{options.repeat}: {', '.join(f'{s}/{m}' for s, m in order)}",
              file=sys.stderr, flush=True)
        for site, mode in order:
            runs[f"{site}/{mode}"].append(build(sources[site], options.work / site / f"build-{mode}", mode))
    report(runs, options.posts)
    if options.json:
        options.json.write_text(json.dumps(runs, indent=2), encoding="utf-8")


def _median(runs: list[dict], key: str = "seconds") -> float:
    return statistics.median(run[key] for run in runs)


def _ratios(mine: list[dict], theirs: list[dict], key: str = "seconds") -> str:
    """Of the medians, then each round's own and their median."""
    paired = [one[key] / other[key] for one, other in zip(mine, theirs, strict=True)]
    return (f"{_median(mine, key) / _median(theirs, key):.3f}× | {statistics.median(paired):.3f}× "
            f"({', '.join(f'{ratio:.2f}' for ratio in paired)})")


def report(runs: dict[str, list[dict]], count: int) -> None:
    rounds = len(next(iter(runs.values())))
    print(f"\n{count} posts, clean serial builds, medians of {rounds} rounds\n")
    print("| site | sanitize | trust | sanitize / trust: of the medians | round by round | "
          "processor time: of the medians | round by round |")
    print("|---" * 7 + "|")
    for site in SITES:
        sanitize, trust = runs[f"{site}/sanitize"], runs[f"{site}/trust"]
        print(f"| {site} | {_median(sanitize):.2f} s | {_median(trust):.2f} s | {_ratios(sanitize, trust)} | "
              f"{_ratios(sanitize, trust, 'cpu_seconds')} |")
    print("\nThe transform's own time in each sanitize build (the same process, so the machine's drift "
          "cancels out), and the build's time over the build's time without it:\n")
    print("| site | transform per build | per post | build / (build - transform), median (rounds) | warnings |")
    print("|---" * 5 + "|")
    for site in SITES:
        sanitize = runs[f"{site}/sanitize"]
        spent = _median(sanitize, "sanitizer_seconds")
        without = [run["seconds"] / (run["seconds"] - run["sanitizer_seconds"]) for run in sanitize]
        print(f"| {site} | {spent:.3f} s | {spent / count * 1000:.2f} ms | {statistics.median(without):.3f}× "
              f"({', '.join(f'{ratio:.3f}' for ratio in without)}) | {_median(sanitize, 'warnings'):.0f} |")
    trusted = max(_median(runs[f"{site}/trust"], "sanitizer_seconds") for site in SITES)
    print(f"\nThe transform in trust mode: at most {trusted * 1000:.1f} ms per build. It runs on "
          f"{_median(runs['raw-html/sanitize'], 'documents'):.0f} documents per build ({count} posts and the "
          "front page).")


if __name__ == "__main__":
    main()
