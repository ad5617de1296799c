"""The ``newsposts`` command: start a post, check a site, import a Jekyll site.

Exit status: 0 when all went well, 1 when problems were found (warnings, a file that exists),
2 for a command line that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import NoReturn

OK, PROBLEMS, USAGE = 0, 1, 2

DESCRIPTION = "Write, check and import news posts for a Sphinx site that uses sphinx-newsposts."
EPILOG = """\
examples:
  newsposts new "Ferry timetable changes" --tags ferries,harbour --category Town
  newsposts new "Council budget" --date 2026-11-20 --draft --dir posts
  newsposts check                  # the site in the current folder
  newsposts check docs --all-warnings
  newsposts import-jekyll ~/my-jekyll-site ~/my-sphinx-site

exit status: 0 all well, 1 problems found, 2 usage error
"""
NEW_EPILOG = """\
examples:
  newsposts new "Ferry timetable changes"
      writes posts/YYYY-MM-DD-ferry-timetable-changes.md (today's date)
  newsposts new "Budget 2027" --tags budget,council --category Town --date 2026-11-20 --draft

An existing file is never replaced: choose another title or date, or remove the file first.
"""
CHECK_EPILOG = """\
examples:
  newsposts check                  # conf.py in the current folder
  newsposts check docs             # conf.py in docs/
  newsposts check --all-warnings   # Sphinx's own warnings too

Every document is read as sphinx-build reads it (with the dummy builder, writing nothing), and
each problem is printed as "file:line: WARNING: message [newsposts.kind]". Exit status 1 when any
warning is shown.
"""
IMPORT_EPILOG = """\
examples:
  newsposts import-jekyll ~/my-jekyll-site ~/news
  newsposts import-jekyll . ../news --baseurl https://news.example.org/ \
      --site-var repository=https://github.com/owner/project
  sphinx-build -b html ~/news ~/news/_build/html      # then build the result

Copies _posts/ and _drafts/ (drafts get "published: false") to DEST/posts/, assets/, images/ and
any other folder whose images the posts show; writes conf.py (from _config.yml) and index.md.
Liquid and kramdown constructs with a faithful Markdown form are converted; the others are left in
place and listed with file:line. Exit status 0 once imported (1 with --strict if any are left).
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit status is 2 too; the hint is ours
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20") from None


def build_parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="newsposts", description=DESCRIPTION, epilog=EPILOG, formatter_class=formatter)
    # the installed distribution's version: importing the extension itself would load every step
    parser.add_argument("--version", action="version", version=f"%(prog)s {metadata.version('sphinx-newsposts')}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser("new", help="start a post: posts/YYYY-MM-DD-title.md with front matter",
                              description="Write a new post with Jekyll-style front matter.", epilog=NEW_EPILOG,
                              formatter_class=formatter)
    new.add_argument("title", help="the post's title (quote it)")
    new.add_argument("--tags", metavar="A,B", help="tags, separated by commas")
    new.add_argument("--category", "--categories", dest="categories", metavar="C",
                     help="category (several separated by commas)")
    new.add_argument("--dir", default="posts", type=Path, help="folder of the post (default: posts)")
    new.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="publication day (default: today)")
    new.add_argument("--draft", action="store_true", help="add 'published: false': built as a draft, not published")

    check = commands.add_parser("check", help="report every post's problems without writing output",
                                description="Read every document of a Sphinx site and print its warnings.",
                                epilog=CHECK_EPILOG, formatter_class=formatter)
    check.add_argument("dir", nargs="?", default=".", type=Path, metavar="DIR",
                       help="the Sphinx source folder, holding conf.py (default: .)")
    check.add_argument("--all-warnings", action="store_true",
                       help="show Sphinx's other warnings too (by default only [newsposts.*] ones, and a count)")

    jekyll = commands.add_parser("import-jekyll", help="make a Sphinx site from a Jekyll site",
                                 description="Copy a Jekyll site's posts and images into a new Sphinx site.",
                                 epilog=IMPORT_EPILOG, formatter_class=formatter)
    jekyll.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="the Jekyll site (holding _posts/)")
    jekyll.add_argument("dest", type=Path, metavar="DEST", help="a new or empty folder for the Sphinx site")
    jekyll.add_argument("--baseurl", default="", metavar="URL",
                        help="html_baseurl of the new site (default: url + baseurl of _config.yml)")
    jekyll.add_argument("--site-var", action="append", default=[], metavar="NAME=VALUE",
                        help="a value for {{ site.NAME }} (repeatable); _config.yml gives the others")
    jekyll.add_argument("--strict", action="store_true", help="exit with 1 when any construct is left to convert")
    jekyll.add_argument("--quiet", action="store_true", help="no progress output")
    return parser


def _run_new(args: argparse.Namespace) -> int:
    from .new import new_post, split_labels

    if not args.title.strip():
        print("newsposts new: the title is empty; give one, e.g. newsposts new \"Ferry timetable changes\"",
              file=sys.stderr)
        return USAGE
    try:
        path = new_post(args.title, args.dir, day=args.date, tags=split_labels(args.tags),
                        categories=split_labels(args.categories), draft=args.draft)
    except FileExistsError as error:
        print(f"newsposts new: {error.filename} already exists; not replaced. Choose another title or --date, "
              "or remove that file first.", file=sys.stderr)
        return PROBLEMS
    except OSError as error:
        print(f"newsposts new: cannot write the post: {error}", file=sys.stderr)
        return PROBLEMS
    print(path)
    return OK


def _run_check(args: argparse.Namespace) -> int:
    from .check import SphinxError, run_check

    if not (args.dir / "conf.py").is_file():
        print(f"newsposts check: no conf.py in {args.dir}: give the Sphinx source folder, e.g. 'newsposts check docs'",
              file=sys.stderr)
        return USAGE
    try:
        result = run_check(args.dir)
    except SphinxError as error:
        print(f"newsposts check: Sphinx could not read the site: {error}", file=sys.stderr)
        return PROBLEMS
    shown = result.newsposts + (result.others if args.all_warnings else [])
    for entry in shown:
        print(entry)
    problems = len(result.newsposts) + len(result.others)
    summary = f"{result.posts} posts checked, {problems} problem{'s' if problems != 1 else ''}"
    if result.others and not args.all_warnings:
        summary += f" ({len(result.others)} other Sphinx warnings not shown; --all-warnings shows them)"
    print(summary)
    return PROBLEMS if problems else OK


def _run_import(args: argparse.Namespace) -> int:
    import io

    from .import_jekyll import ImportError_, import_site, print_report

    variables = {}
    for item in args.site_var:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            print(f"newsposts import-jekyll: --site-var {item!r}: write it as NAME=VALUE, "
                  "e.g. --site-var repository=https://github.com/owner/project", file=sys.stderr)
            return USAGE
        variables[name.strip()] = value
    try:
        report = import_site(args.site_dir, args.dest, base_url=args.baseurl, variables=variables,
                             progress=io.StringIO() if args.quiet else sys.stderr)
    except ImportError_ as error:
        print(f"newsposts import-jekyll: {error}", file=sys.stderr)
        return error.status
    print_report(report, args.dest, sys.stdout)
    return PROBLEMS if args.strict and report.leftovers else OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE
    runner = {"new": _run_new, "check": _run_check, "import-jekyll": _run_import}[args.command]
    return runner(args)
