"""What the theme's pages cost a reader on a phone: Lighthouse scores of a newsroom's site.

    python benchmarks/lighthouse.py [--runs 3] [--pages home,post,tag] [--keep] [--check]

Builds a site like a real newsroom's: 41 posts over the year before a fixed date (seeded, so the
same every time), each with its own teaser photo as a content system exports it (a 1920x1080 JPEG
of about 500 KB), three to six paragraphs, shared tags and categories, one of four authors, and a front
page with a first paragraph; ``extensions = ["sphinx_newsposts"]``, ``html_theme = "newsposts"``,
``html_baseurl`` set. The site is served on 127.0.0.1 as GitHub Pages serves it
(``pages_server.py``: gzip, ``Cache-Control: max-age=600``, 404 page) and Lighthouse 12.8.2 runs
with its default mobile preset (a mid-range phone on a slow 4G connection, simulated) against the
front page, the newest post and the archive page of the most used tag, in Debian's Chromium.

Lighthouse is installed once with npm into ``$XDG_CACHE_HOME/sphinx-newsposts/lighthouse`` (or
``~/.cache/...``); the site is built in a temporary folder, or with ``--keep`` in
``benchmarks/.cache/lighthouse/`` next to the Lighthouse reports (JSON; open one in
https://googlechrome.github.io/lighthouse/viewer/).

Prints a Markdown table (scores of the four categories, Largest Contentful Paint, total byte
weight) and, for each page, every audit of those categories that did not score 1, with its
weight in its category's score. With ``--runs N`` each page is measured N times and the run with
the median performance score is reported. Scores are a measurement: the exit status is 0 however
low they are, unless ``--check`` is given (then 1 when a target is missed); 2 when something
cannot be built, installed or measured.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from pages_server import serve_site

HERE = Path(__file__).parent
REPO = HERE.parent
KEPT = HERE / ".cache" / "lighthouse"
#: The last Lighthouse for Node 20 (13 needs Node 22). 12.2.3 cannot read the traces of Debian's
#: Chromium 156 (a field of its frame events was renamed): six audits, render-blocking resources and
#: the LCP element among them, end in an error there.
LIGHTHOUSE_VERSION = "12.8.2"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
                "--disable-component-update --no-first-run")
CATEGORIES = {"performance": "performance", "accessibility": "accessibility",
              "best-practices": "best practices", "seo": "SEO"}
PAGES = ("home", "post", "tag")
#: What the theme aims at on a phone; ``--check`` exits 1 when one is missed.
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
HOME_WEIGHT_TARGET_KIB = 600

# The site: a city newsroom. Posts are dated over the year before a fixed day, so that none is in
# the future and the site is the same whenever it is built.
SITE_NAME = "Harbor City Gazette"
POSTS = 41
SEED = 2025
LAST_DAY = datetime(2025, 10, 31, 17, 30)
AUTHORS = ("Maria Keller", "Daniel Okafor", "Sofia Lindqvist", "James Whitfield")
CATEGORIES_OF_POSTS = ("City", "Business", "Science", "Culture", "Sports")
TAGS = ("transit", "housing", "city-budget", "schools", "health", "environment", "port", "elections",
        "small-business", "technology", "arts", "weather", "public-safety", "waterfront")
ACTORS = ("City council", "The port authority", "The regional transit agency", "The state regulator",
          "Harbor Hospital", "The school board", "The university", "The mayor's office",
          "The Riverside residents' association", "The county library", "The brewers' guild",
          "The fishing cooperative", "Harbor City FC", "The chamber of commerce", "The planning commission",
          "The volunteer fire brigade")
ACTIONS = ("approves", "delays", "unveils", "rejects", "expands", "questions", "launches", "cuts",
           "funds", "pauses", "backs", "reviews")
SUBJECTS = ("a $40 million plan for electric buses", "new bike lanes on Main Street",
            "the waterfront housing project", "a four-day school week", "night ferry service",
            "the downtown parking reform", "a study of the bay's water quality", "longer library hours",
            "the stadium renovation", "a flood barrier for the old harbor", "free lunches in public schools",
            "a tax break for corner shops", "the summer arts festival", "a pilot for autonomous shuttles",
            "rent caps for the north side", "the new emergency dispatch system", "a ban on single-use plastics",
            "the cargo terminal expansion", "a heat plan for the elderly", "a youth football academy")
WHO = ("a spokesperson for the city", "the committee chair", "one resident who has lived in the area for "
       "thirty years", "a local shop owner", "the project's lead engineer", "an economist at the university",
       "the deputy mayor", "a union representative", "a parent of two", "the agency's director")
SENTENCES = (
    "{actor} said the decision followed months of public hearings and more than {n} written comments.",
    "According to {who}, the first changes could be visible by {month}.",
    "\"We have waited long enough for this,\" said {who}, who attended the meeting on {weekday}.",
    "Critics argue that the cost, estimated at ${n} million, has not been explained in enough detail.",
    "The proposal now goes to a second vote, expected in {month}.",
    "Figures released on {weekday} show a rise of {pct} percent compared with the same period last year.",
    "{actor} has not said how the plan would be paid for after the first {n} months.",
    "Neighborhood groups on the east side have asked for a meeting before any contract is signed.",
    "The city's own report, published in {month}, warned that delays would raise costs by {pct} percent.",
    "Supporters point to similar programs in other port cities, where results were mixed.",
    "{who} described the vote as a turning point for the neighborhood.",
    "Work is scheduled to start after the summer, weather permitting.",
    "A spokesperson declined to comment on the timeline but promised an update at the next session.",
    "Local businesses along the harbor front say they were not consulted early enough.",
    "About {n} people signed a petition asking for the plan to be reconsidered.",
    "The budget committee will review the numbers again in {month}.",
)
HEADINGS = ("What happens next", "Why it matters", "The numbers", "What residents say", "Background")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
CONF = f'''project = "{SITE_NAME}"
copyright = "2025, {SITE_NAME}"
author = "{SITE_NAME}"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://news.example.org/"
exclude_patterns = ["_build"]
'''
INDEX = f"""# {SITE_NAME}

Independent news from Harbor City and the bay: city hall, the port, schools, business and culture,
reported every weekday by the newsroom on Water Street.
"""


def _sentence(rng: random.Random, actor: str) -> str:
    return rng.choice(SENTENCES).format(
        actor=actor, who=rng.choice(WHO), n=rng.randint(12, 900), pct=rng.randint(2, 35),
        month=rng.choice(MONTHS), weekday=rng.choice(WEEKDAYS))


def _paragraph(rng: random.Random, actor: str) -> str:
    text = " ".join(_sentence(rng, actor) for _ in range(rng.randint(3, 5)))
    return text[0].upper() + text[1:]


def teaser_jpeg(seed: int) -> bytes:
    """A 1920x1080 JPEG of about 500 KB, like a photo a content system exports: soft shapes on a
    gradient under grain at several scales, from single pixels to 32-pixel blotches. A photo's detail
    lives at every scale, so a copy made smaller still has detail to encode; grain of single pixels
    only would average out when shrunk, and the smaller copies would weigh far less than a photo's."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    rng = random.Random(seed)
    width, height = 1920, 1080
    corners = Image.new("RGB", (2, 2))
    first, second = (tuple(rng.randrange(256) for _ in range(3)) for _ in range(2))
    corners.putdata([first, second, second, first])
    picture = corners.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(picture)
    for _ in range(12):
        x, y, radius = rng.randrange(width), rng.randrange(height), rng.randrange(60, 400)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=tuple(rng.randrange(256) for _ in range(3)))
    picture = picture.filter(ImageFilter.GaussianBlur(30))
    # (size of the grain in pixels, how far it moves a pixel's value either way)
    for scale, amplitude in ((1, 14), (2, 12), (4, 14), (8, 16), (16, 18), (32, 18)):
        grain_size = (width // scale, height // scale)
        grain = Image.frombytes("RGB", grain_size, rng.randbytes(grain_size[0] * grain_size[1] * 3))
        grain = grain.resize((width, height), Image.Resampling.BICUBIC) if scale > 1 else grain
        grain = grain.point(lambda value, amplitude=amplitude: 128 + (value - 128) * amplitude // 128)
        picture = ImageChops.add(picture, grain, scale=1.0, offset=-128)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


class Post(NamedTuple):
    file_name: str
    slug: str
    tags: list[str]
    text: str
    teaser_seed: int


class MeasurementError(Exception):
    """The site could not be built, Lighthouse installed or a page measured."""


def newsroom_posts(count: int = POSTS, seed: int = SEED) -> list[Post]:
    """The posts, newest first."""
    rng = random.Random(seed)
    headlines = rng.sample([(actor, action, subject) for actor in ACTORS for action in ACTIONS for subject in SUBJECTS],
                           count)
    posts = []
    for number, (actor, action, subject) in enumerate(headlines):
        title = f"{actor} {action} {subject}"
        date = LAST_DAY - timedelta(days=number * 365 / count, hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower().replace("'", "")).strip("-")
        tags = rng.sample(TAGS, rng.randint(2, 4))
        paragraphs = [_paragraph(rng, actor) for _ in range(rng.randint(3, 6))]
        if len(paragraphs) > 4:
            paragraphs.insert(3, f"## {rng.choice(HEADINGS)}")
        text = f"""---
title: '{title.replace("'", "''")}'
date: '{date:%Y-%m-%d %H:%M:%S} '
categories: [{rng.choice(CATEGORIES_OF_POSTS)}]
tags: [{", ".join(tags)}]
author: {rng.choice(AUTHORS)}
excerpt: '{_sentence(rng, actor).replace("'", "''")}'
header:
  teaser: /assets/images/{slug}.jpg
---
{chr(10).join(part + chr(10) for part in paragraphs)}"""
        posts.append(Post(f"{date:%Y-%m-%d}-{slug}.md", slug, tags, text, seed * 1000 + number))
    return posts


def write_site(source: Path) -> list[Post]:
    """Write the newsroom's sources into *source*; returns its posts."""
    (source / "posts").mkdir(parents=True)
    images = source / "assets" / "images"
    images.mkdir(parents=True)
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text(INDEX, encoding="utf-8")
    posts = newsroom_posts()
    for post in posts:
        (source / "posts" / post.file_name).write_text(post.text, encoding="utf-8")
        (images / f"{post.slug}.jpg").write_bytes(teaser_jpeg(post.teaser_seed))
    return posts


def build_site(source: Path, html: Path) -> None:
    """Build with this checkout's package, whichever environment runs the script."""
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(source / "_doctrees"),
                             str(source), str(html)], env=environment, capture_output=True, text=True, check=False)
    if result.returncode:
        raise MeasurementError(f"sphinx-build failed:\n{result.stdout}{result.stderr}")
    if result.stderr.strip():
        print(result.stderr.strip(), file=sys.stderr)


def page_paths(html: Path, posts: list[Post]) -> dict[str, str]:
    """The address (from the site root) of each measured page: the front page, the newest post and
    the first archive page of the tag most posts carry."""
    post = Path("posts") / posts[0].file_name.replace(".md", ".html")
    counts: dict[str, int] = {}
    for each in posts:
        for tag in each.tags:
            counts[tag] = counts.get(tag, 0) + 1
    tag = max(sorted(counts), key=counts.__getitem__)
    tag_pages = [path.relative_to(html) for path in sorted(html.rglob(f"{tag}.html")) if path.parent.name == "tag"]
    if not (html / post).is_file() or not tag_pages:
        raise MeasurementError(f"the built site has no {post} or no archive page of the tag {tag!r}")
    return {"home": "", "post": post.as_posix(), "tag": tag_pages[0].as_posix()}


# Lighthouse ------------------------------------------------------------------------------------

def cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def install_lighthouse(folder: Path, version: str) -> Path:
    """Lighthouse's command, installed with npm into *folder* unless that version is there already."""
    package = folder / "node_modules" / "lighthouse" / "package.json"
    if not (package.is_file() and json.loads(package.read_text())["version"] == version):
        if shutil.which("npm") is None:
            raise MeasurementError("npm is needed to install Lighthouse (Debian: apt-get install npm)")
        folder.mkdir(parents=True, exist_ok=True)
        print(f"Installing lighthouse@{version} into {folder} ...", file=sys.stderr)
        installed = subprocess.run(["npm", "install", "--prefix", str(folder), "--save-exact", "--no-audit",
                                    "--no-fund", "--loglevel=error", f"lighthouse@{version}"], check=False)
        if installed.returncode:
            raise MeasurementError(f"npm could not install lighthouse@{version}")
    return folder / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(command: Path, url: str, report: Path) -> dict:
    """One Lighthouse run (default mobile preset) of *url*; its JSON report, also left at *report*."""
    result = subprocess.run(
        [str(command), url, "--output=json", f"--output-path={report}", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=dict(os.environ, CHROME_PATH=CHROME_PATH), capture_output=True, text=True, timeout=300, check=False)
    if result.returncode or not report.is_file():
        raise MeasurementError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise MeasurementError(f"lighthouse could not measure {url}: {data['runtimeError']}")
    missing = [name for name in CATEGORIES if data["categories"][name]["score"] is None]
    if missing:
        raise MeasurementError(f"lighthouse gave no score for {', '.join(missing)} on {url}; see {report}")
    return data


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (ties: the median Largest Contentful Paint), as
    Lighthouse advises: one whole run, whose audits agree with its scores."""
    ordered = sorted(runs, key=lambda run: (run["categories"]["performance"]["score"],
                                            -run["audits"]["largest-contentful-paint"]["numericValue"]))
    return ordered[(len(ordered) - 1) // 2]


def score(run: dict, category: str) -> int:
    return round(run["categories"][category]["score"] * 100)


def weight_kib(run: dict) -> float:
    return run["audits"]["total-byte-weight"]["numericValue"] / 1024


def lcp_seconds(run: dict) -> float:
    return run["audits"]["largest-contentful-paint"]["numericValue"] / 1000


def failing_audits(run: dict) -> list[tuple[str, dict, float]]:
    """(category, audit, weight in that category) of every scored audit under 1, in report order."""
    failing = []
    for category in CATEGORIES:
        for ref in run["categories"][category]["auditRefs"]:
            if ref.get("group") == "hidden":  # not shown in Lighthouse's own report (insights, duplicates)
                continue
            audit = run["audits"][ref["id"]]
            if audit["scoreDisplayMode"] in ("notApplicable", "manual", "informative"):
                continue
            if audit["scoreDisplayMode"] == "error" or (audit["score"] is not None and audit["score"] < 1):
                failing.append((category, audit, ref.get("weight", 0)))
    return failing


def _shorten(text: str, origin: str, limit: int = 110) -> str:
    text = " ".join(str(text).replace(origin, "").split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _item_text(item: dict, origin: str) -> str:
    """One line about one item of an audit's details: which element or file, and what it costs."""
    if "phase" in item:  # the LCP element's phases
        return f"{item['phase']}: {item.get('timing', 0):,.0f} ms ({item.get('percent', '')})"
    node = item.get("node") if isinstance(item.get("node"), dict) else {}
    location = item.get("sourceLocation") if isinstance(item.get("sourceLocation"), dict) else {}
    what = item.get("url") or location.get("url") or ""
    if not what and node:
        what = node.get("snippet") or ""
        if node.get("selector") and " " not in what:  # a bare tag such as <p>: say which one
            what = f"{what} ({node['selector']})"
    extra = []
    if isinstance(item.get("description"), str):
        extra.append(_shorten(item["description"], origin, 80))
    for key, unit, scale, label in (("wastedBytes", "KiB", 1024, " to save"), ("totalBytes", "KiB", 1024, ""),
                                    ("wastedMs", "ms", 1, "")):
        value = item.get(key)
        if isinstance(value, int | float) and value and not (key == "totalBytes" and item.get("wastedBytes")):
            extra.append(f"{value / scale:,.0f} {unit}{label}")
    if not what:
        return ", ".join(extra)
    return f"`{_shorten(what, origin)}`" + (f" ({', '.join(extra)})" if extra else "")


def _detail_items(details: dict, limit: int) -> list[dict]:
    """The first *limit* rows of an audit's details. A list of tables (the LCP element, then its
    phases) gives the first rows of each, and every phase."""
    rows = []
    for item in details.get("items") or []:
        if isinstance(item, dict) and item.get("type") == "table":
            table = [row for row in item.get("items") or [] if isinstance(row, dict)]
            rows += table if all("phase" in row for row in table) else table[:limit]
        elif isinstance(item, dict) and len(rows) < limit:
            rows.append(item)
    return rows if limit else []


def report(results: dict[str, list[dict]], urls: dict[str, str], origin: str, items: int) -> str:
    """The Markdown table of the median runs, then each page's audits under 1 (up to *items* rows
    of each audit's details: the elements or files concerned; *origin* is cut from addresses)."""
    lines = ["| page | performance | accessibility | best practices | SEO | LCP | weight |",
             "|---|---|---|---|---|---|---|"]
    for page, runs in results.items():
        run = median_run(runs)
        performance, lcp = str(score(run, "performance")), f"{lcp_seconds(run):.1f} s"
        if len(runs) > 1:  # every run's figure, to show how far they spread
            performance += " (" + ", ".join(str(score(other, "performance")) for other in runs) + ")"
            lcp += " (" + ", ".join(f"{lcp_seconds(other):.1f}" for other in runs) + ")"
        lines.append(f"| {page} | {performance} | {score(run, 'accessibility')} | {score(run, 'best-practices')} | "
                     f"{score(run, 'seo')} | {lcp} | {weight_kib(run):,.0f} KiB |")
    for page, runs in results.items():
        run = median_run(runs)
        lines += ["", f"### {page}: {urls[page]}", ""]
        failing = failing_audits(run)
        if not failing:
            lines.append("Every audit scored 1.")
        for category, audit, weight in failing:
            if audit["scoreDisplayMode"] == "error":
                shown, value = "error", f": {_shorten(audit.get('errorMessage', ''), origin, 200)}"
            else:
                shown = f"{audit['score']:.2f}"
                value = f": {audit['displayValue']}" if audit.get("displayValue") else ""
            lines.append(f"- {CATEGORIES[category]} (weight {weight:g}), `{audit['id']}` {shown}: "
                         f"{audit['title']}{value}")
            for item in _detail_items(audit.get("details") or {}, items):
                if text := _item_text(item, origin):
                    lines.append(f"  - {text}")
    return "\n".join(lines)


def missed_targets(results: dict[str, list[dict]]) -> list[str]:
    missed = []
    for page, runs in results.items():
        run = median_run(runs)
        for category, target in TARGETS.items():
            if run["categories"][category]["score"] < target:
                missed.append(f"{page}: {CATEGORIES[category]} {score(run, category)} < {round(target * 100)}")
        if page == "home" and weight_kib(run) > HOME_WEIGHT_TARGET_KIB:
            missed.append(f"home: weight {weight_kib(run):,.0f} KiB > {HOME_WEIGHT_TARGET_KIB} KiB")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median run is reported")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"which of {', '.join(PAGES)} (comma-separated)")
    parser.add_argument("--keep", action="store_true", help=f"build in {KEPT.relative_to(REPO)}/ and keep the site "
                        "and the Lighthouse reports there")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page misses a target: performance "
                        f">= 95, accessibility, best practices and SEO 100, front page <= {HOME_WEIGHT_TARGET_KIB} KiB")
    parser.add_argument("--items", type=int, default=3, help="elements or files shown under each failing audit")
    parser.add_argument("--lighthouse-dir", type=Path, default=cache_home() / "sphinx-newsposts" / "lighthouse",
                        help="where npm installs Lighthouse (once)")
    parser.add_argument("--lighthouse-version", default=LIGHTHOUSE_VERSION,
                        help="the Lighthouse release to run (12.2.3 runs too, with six diagnostics in error)")
    args = parser.parse_args()
    pages = [page.strip() for page in args.pages.split(",") if page.strip()]
    if unknown := sorted(set(pages) - set(PAGES)):
        parser.error(f"unknown pages: {', '.join(unknown)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not Path(CHROME_PATH).is_file():
        raise MeasurementError(f"no Chromium at {CHROME_PATH} (make browser installs it; CHROME_PATH names another)")
    started = time.perf_counter()
    command = install_lighthouse(args.lighthouse_dir, args.lighthouse_version)

    if args.keep:
        shutil.rmtree(KEPT, ignore_errors=True)
        KEPT.mkdir(parents=True)
        work = KEPT
    else:
        work = Path(tempfile.mkdtemp(prefix="newsposts-lighthouse-"))
    try:
        posts = write_site(work / "site")
        build_site(work / "site", work / "html")
        paths = page_paths(work / "html", posts)
        (work / "reports").mkdir()
        results: dict[str, list[dict]] = {}
        with serve_site(work / "html") as base_url:
            urls = {page: base_url + paths[page] for page in pages}
            for page in pages:
                results[page] = []
                for number in range(1, args.runs + 1):
                    print(f"lighthouse {page} ({number}/{args.runs}): {urls[page]}", file=sys.stderr)
                    report_file = work / "reports" / f"{page}-{number}.json"
                    results[page].append(run_lighthouse(command, urls[page], report_file))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"Lighthouse {args.lighthouse_version}, mobile preset, {args.runs} run(s) per page "
          f"(median run by performance score), {len(posts)} posts with 1920x1080 JPEG teasers:\n")
    print(report(results, {page: "/" + paths[page] for page in pages}, base_url.rstrip("/"), args.items))
    if args.keep:
        print(f"\nSite and reports kept in {work}", file=sys.stderr)
    print(f"\nTook {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.check and (missed := missed_targets(results)):
        print("\nTargets missed:\n" + "\n".join(f"- {line}" for line in missed))
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (MeasurementError, subprocess.TimeoutExpired) as error:
        print(f"lighthouse.py: {error}", file=sys.stderr)
        sys.exit(2)
