"""What one search costs a reader, and the build, under Sphinx's search and under Pagefind.

    python benchmarks/search_bytes.py --posts 1000,3000

For each size, the corpus of ``run.py`` (``corpus.py``), written in the words of news text
(``corpus.Vocabulary``: 20,000 distinct words, a few frequent; about 600 words a post), is built
once, clean and serial, under the newsposts theme with each search (``newsposts_search =
"sphinx"``, then the default, Pagefind).
Reported per size and search:

- the build's wall time, and for Pagefind the time of the indexing step itself (the extension
  logs it: "Pagefind indexed N pages in S s");
- the index: Sphinx's ``searchindex.js`` (as written and gzipped), Pagefind's bundle (its index
  files only: ``index/``, ``fragment/``, ``*.pf_meta``; and every file of the bundle, the UI
  scripts it ships included);
- the bytes a reader downloads for one query, gzipped as a host serves them: for Sphinx, the
  scripts the search page loads (``searchindex.js``, ``searchtools.js``, ``language_data.js``,
  ``doctools.js``...); for Pagefind, the search page's scripts and every file under ``pagefind/``
  that Chromium fetched while the page, opened as the header's search box opens it
  (``search.html?q=word``), loaded Pagefind through the theme's script, searched and showed the
  first ten results (Pagefind's index files are already gzipped and counted as they are; scripts
  and JSON are gzipped). Three queries: the most frequent word (in nearly every post), a word of
  one post in ten, and a word of one post (its title's number). The page itself and its
  stylesheet are much the same either way and not counted.

Sources and outputs live under ``--work`` and are deleted once measured. Pagefind indexes the
pages marked ``data-pagefind-body`` (the theme marks posts and pages), or every page when none is.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from corpus import CONF, Vocabulary, write_site
from pages_server import PagesHandler, content_type, is_compressible

HERE = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: The same site with Sphinx's search.
CONF["newsposts-sphinx-search"] = CONF["newsposts"] + 'newsposts_search = "sphinx"\n'
BACKENDS = {"sphinx": "newsposts-sphinx-search", "pagefind": "newsposts"}
_INDEXED = re.compile(r"Pagefind indexed (\d+) pages in ([\d.]+) s")
_SCRIPT = re.compile(r'<script[^>]*\ssrc="([^"]+)"')
#: Posts in the words of news text (many distinct words, few frequent): what a search index holds.
VOCABULARY = Vocabulary()
#: The queries: the most frequent word (in nearly every post, as "the" would be), a word of
#: middling frequency (in about one post in ten, as a news word such as "election" is), and the
#: number in one post's title ("Story 7: ...").
COMMON_WORD = VOCABULARY.words[0]
MIDDLE_WORD = VOCABULARY.words[299]


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _served_size(path: Path) -> int:
    """Bytes a host sends for *path*: gzip files as they are, text gzipped, the rest as it is."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b" or not is_compressible(content_type(path)):
        return len(data)
    return _gzipped(data)


def build(src: Path, out: Path) -> tuple[dict, str]:
    args = [sys.executable, str(HERE / "measure.py"), "-b", "html", "-d", str(out / "doctrees"), str(src),
            str(out / "html")]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(args)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stdout


def sphinx_query_bytes(site: Path) -> tuple[int, list[str]]:
    """Gzipped bytes of the scripts Sphinx's search page loads, index included."""
    page = (site / "search.html").read_text(encoding="utf-8")
    scripts = sorted({urlsplit(src).path for src in _SCRIPT.findall(page) if "://" not in src})
    return sum(_gzipped((site / script).read_bytes()) for script in scripts), scripts


class _RecordingHandler(PagesHandler):
    def do_GET(self) -> None:
        self.server.requested.append(unquote(urlsplit(self.path).path))
        super().do_GET()


def _kind(path: str) -> str:
    """What a file of the bundle is, for the breakdown: ``pagefind.js``, ``wasm``, ``pf_fragment``..."""
    name = path.rsplit("/", 1)[-1]
    return "wasm" if name.startswith("wasm.") else name.rsplit(".", 1)[-1] if ".pf_" in name else name


def pagefind_query_bytes(site: Path, browser, word: str) -> tuple[int, dict[str, int], int]:
    """(gzipped bytes of the search page's scripts and of what they fetched from pagefind/, those
    bytes by kind of file, results) for one query and its first ten results."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_RecordingHandler, root=site))
    server.daemon_threads = True
    server.requested = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        # The search page as a reader gets it from the header's box: the theme's own script loads
        # Pagefind, searches and shows the first ten results; then it writes the count line.
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html?q={word}")
        status = page.wait_for_function(
            "document.querySelector('#search-results .np-search-status')?.innerText || ''", timeout=60000)
        results = int(re.match(r"\D*(\d+)", status.json_value()).group(1))
        page.close()
    finally:
        server.shutdown()
        server.server_close()
    by_kind: dict[str, int] = {}
    for path in server.requested:
        if path.startswith("/pagefind/") or path.endswith(".js"):  # the page's scripts too, as for Sphinx
            kind = _kind(path)
            by_kind[kind] = by_kind.get(kind, 0) + _served_size(site / path.lstrip("/"))
    return sum(by_kind.values()), by_kind, results


def _breakdown(by_kind: dict[str, int]) -> str:
    return ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in sorted(by_kind.items(), key=lambda item: -item[1]))


def _size(paths) -> tuple[int, int]:
    files = [path for path in paths if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def measure(count: int, work: Path, browser) -> list[dict]:
    rows = []
    for backend, tool in BACKENDS.items():
        src, out = work / f"{tool}-{count}" / "src", work / f"{tool}-{count}" / "out"
        shutil.rmtree(src.parent, ignore_errors=True)
        write_site(src, tool, count, vocabulary=VOCABULARY)
        figures, status = build(src, out)
        site = out / "html"
        row = {"posts": count, "search": backend, "build_s": figures["seconds"]}
        if backend == "sphinx":
            index = (site / "searchindex.js").read_bytes()
            row["index"] = f"searchindex.js {len(index) / 1024:.0f} KB ({_gzipped(index) / 1024:.0f} KB gz)"
            total, scripts = sphinx_query_bytes(site)
            row["common_query_kb"] = row["middle_query_kb"] = row["rare_query_kb"] = total / 1024
            row["detail"] = " + ".join(Path(script).name for script in scripts)
        else:
            indexed = _INDEXED.search(status)
            row["index_s"] = float(indexed[2]) if indexed else float("nan")
            bundle = site / "pagefind"
            index_files, index_bytes = _size([*bundle.glob("index/*"), *bundle.glob("fragment/*"),
                                              *bundle.glob("*.pf_meta")])
            all_files, all_bytes = _size(bundle.rglob("*"))
            row["index"] = (f"{indexed[1] if indexed else '?'} pages: {index_files} index files "
                            f"{index_bytes / 1024:.0f} KB; bundle {all_files} files {all_bytes / 1024:.0f} KB")
            common, common_kinds, common_results = pagefind_query_bytes(site, browser, COMMON_WORD)
            middle, middle_kinds, middle_results = pagefind_query_bytes(site, browser, MIDDLE_WORD)
            rare, rare_kinds, rare_results = pagefind_query_bytes(site, browser, str(count // 2))
            row["common_query_kb"], row["middle_query_kb"], row["rare_query_kb"] = (
                common / 1024, middle / 1024, rare / 1024)
            row["detail"] = (f"'{COMMON_WORD}' ({common_results} results) KB: {_breakdown(common_kinds)}; "
                             f"'{MIDDLE_WORD}' ({middle_results} results) KB: {_breakdown(middle_kinds)}; "
                             f"'{count // 2}' ({rare_results} results) KB: {_breakdown(rare_kinds)}")
        rows.append(row)
        shutil.rmtree(src.parent, ignore_errors=True)
    return rows


def report(rows: list[dict]) -> str:
    lines = ["| posts | search | clean build | indexing | one query: the most frequent word | a word of 1 post in 10 "
             "| a word of 1 post | index |",
             "|---:|---|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        indexing = f"{row['index_s']:.1f} s" if "index_s" in row else "(in the build)"
        queries = " | ".join(f"{row[key]:.0f} KB" for key in ("common_query_kb", "middle_query_kb", "rare_query_kb"))
        lines.append(f"| {row['posts']:,} | {row['search']} | {row['build_s']:.0f} s | {indexing} | {queries} "
                     f"| {row['index']} |")
    lines += ["", *(f"- {row['posts']:,} {row['search']}: {row['detail']}" for row in rows)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", default="1000,3000", help="comma-separated numbers of posts")
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "search")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for count in (int(size) for size in options.posts.split(",")):
                rows += measure(count, options.work, browser)
                print(report(rows[-2:]), flush=True)
        finally:
            browser.close()
    print("\n" + report(rows))


if __name__ == "__main__":
    main()
