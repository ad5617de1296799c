"""Record what Jekyll renders of a test site's posts, as the files the tests compare our build with.

    python scripts/record_jekyll_oracle.py            # both sites below
    python scripts/record_jekyll_oracle.py oracle     # only tests/roots/test-jekyll-oracle
    python scripts/record_jekyll_oracle.py news       # only tests/roots/test-jekyll-news-sample

Needs Jekyll 4 (Debian: ``apt-get install jekyll``, 4.3.1 with kramdown and rouge); the tests never
run Jekyll, they read the recorded files. The site is copied to a temporary folder, the files of
``--extras`` (a ``_config.yml``, layouts, includes: what Jekyll needs around posts that Sphinx does
not) are laid over the copy, a JSON page listing ``site.posts`` is added, and ``jekyll build --safe``
runs. Each post's ``<article class="post-content">`` is then reduced by ``tests/jekyll_text.py``
(the very code the tests apply to our output) into ``<out>/<post file stem>.txt``::

    title: <page.title>
    source: <path of the post in the site>
    url: <Jekyll's address of the post>
    categories: <space-separated>
    .
    <visible text, one block per line>
    .
    <links: post:<stem>#fragment for posts of the site, the address otherwise>

``<out>/published.json`` lists the posts (files in ``_posts/`` folders) Jekyll published and the
ones it did not. Run it again after changing a site and review ``git diff``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from jekyll_text import element_ids, link_targets, normalised_links, visible_lines  # noqa: E402

SITES = {
    "oracle": (REPO / "tests/roots/test-jekyll-oracle", None, REPO / "tests/fixtures/jekyll_oracle"),
    "news": (REPO / "tests/roots/test-jekyll-news-sample", REPO / "tests/fixtures/jekyll_news_site",
             REPO / "tests/fixtures/jekyll_news_oracle"),
}

POSTS_PAGE = """---
layout: null
---
[{% for post in site.posts %}{"path": {{ post.path | jsonify }}, "url": {{ post.url | jsonify }},
 "title": {{ post.title | jsonify }}, "categories": {{ post.categories | jsonify }}}
{%- unless forloop.last %},{% endunless %}
{% endfor %}]
"""


def jekyll_build(source: Path) -> str:
    result = subprocess.run(["jekyll", "build", "--safe", "--source", str(source),
                             "--destination", str(source / "_site")],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"jekyll build failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


def site_url(source: Path) -> str:
    for line in (source / "_config.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("url:"):
            return line.split(":", 1)[1].strip().strip("\"'").rstrip("/")
    return ""


def page_of(site: Path, url: str) -> Path:
    page = site / url.lstrip("/")
    return page / "index.html" if url.endswith("/") else page


def record(root: Path, extras: Path | None, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "site"
        shutil.copytree(root, source, ignore=shutil.ignore_patterns("_site", ".jekyll-cache"))
        if extras is not None:
            shutil.copytree(extras, source, dirs_exist_ok=True)
        (source / "oracle-posts.json").write_text(POSTS_PAGE, encoding="utf-8")
        log = jekyll_build(source)
        site = source / "_site"
        posts = json.loads((site / "oracle-posts.json").read_text(encoding="utf-8"))
        base = site_url(source)
        stem_by_url = {post["url"]: Path(post["path"]).stem for post in posts}
        page_by_stem = {Path(post["path"]).stem: page_of(site, post["url"]) for post in posts}

        def ids_of(stem: str) -> set[str]:
            return element_ids(page_by_stem[stem].read_text(encoding="utf-8"))

        def post_of(address: str) -> str | None:
            if base and address.startswith(base + "/"):
                address = address[len(base):]
            return stem_by_url.get(address)

        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for post in posts:
            page = page_of(site, post["url"])
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            article = soup.select_one("article.post-content")
            stem = Path(post["path"]).stem
            links = normalised_links(link_targets(article), post_of, stem, ids_of)
            head = [f"title: {post['title']}", f"source: {post['path']}", f"url: {post['url']}",
                    f"categories: {' '.join(post['categories'])}"]
            text = "\n".join([*head, ".", *visible_lines(article), ".", *links]) + "\n"
            (out / f"{stem}.txt").write_text(text, encoding="utf-8")
        published = sorted(post["path"] for post in posts)
        in_posts_folders = sorted(str(path.relative_to(root)) for path in root.rglob("_posts/*")
                                  if path.suffix in {".md", ".markdown"})
        (out / "published.json").write_text(json.dumps({
            "published": published,
            "not_published": [path for path in in_posts_folders if path not in published],
        }, indent=1) + "\n", encoding="utf-8")
        print(f"{root.name}: {len(posts)} posts recorded in {out.relative_to(REPO)}")
        said = (re.sub(r"\x1b\[[0-9;]*m", "", line) for line in log.splitlines())
        print("\n".join(line for line in said if any(word in line for word in ("Warning", "Skipping", "Deprecation"))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="*", metavar="site", help=f"one of {', '.join(SITES)}; all by default")
    names = parser.parse_args().sites or list(SITES)
    if unknown := [name for name in names if name not in SITES]:
        parser.error(f"no site named {', '.join(unknown)}")
    for name in names:
        record(*SITES[name])


if __name__ == "__main__":
    main()
