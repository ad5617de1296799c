"""The documentation in docs/ builds with the extension itself, with no warning in nitpicky mode,
and its references cover what the code declares: every setting, front-matter key, directive
option and theme option."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main
from sphinx.pycode import ModuleAnalyzer

from sphinx_newsposts import config
from sphinx_newsposts.components.faq import FaqDirective
from sphinx_newsposts.components.latest_posts import LatestPostsDirective
from sphinx_newsposts.components.source import SourceDirective
from sphinx_newsposts.components.takeaways import TakeawaysDirective
from sphinx_newsposts.pages.theme_options import OPTIONS
from sphinx_newsposts.reading import html_policy, post_fields
from sphinx_newsposts.warnings_ import NewspostsWarning

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"
PAGES = ("index", "quickstart", "front-matter", "directives", "raw-html", "theme", "configuration", "publishing",
         "migrating-from-jekyll", "command-line", "changelog")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    """Build docs/ as `make docs` and Read the Docs do: nitpicky, warnings as errors, all reported."""
    out = tmp_path_factory.mktemp("docs")
    warnings = out / "warnings.txt"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        status = build_main(["-n", "-W", "--keep-going", "-E", "-q", "-w", str(warnings),
                             "-b", "html", str(DOCS), str(out / "html")])
    reported = ANSI.sub("", warnings.read_text(encoding="utf-8")).strip()
    assert reported == "", f"the documentation build warned:\n{reported}"
    assert status == 0
    return out / "html"


def page(docs: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((docs / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def code_words(soup: BeautifulSoup) -> set[str]:
    """Every word written as code on a page: `header.teaser` gives header, teaser and header.teaser."""
    words = set()
    for code in soup.select(".body code, .body pre"):
        for word in re.findall(r"[\w.:-]+", code.get_text()):
            words |= {word, *word.strip(":").split(".")}
    return words


def test_key_pages_exist(docs):
    for name in PAGES:
        assert (docs / f"{name}.html").is_file(), name
    assert page(docs, "quickstart").find("h1").get_text().startswith("Quickstart")


def spaced(text: str) -> str:
    return " ".join(text.split())


def test_configuration_reference_lists_every_setting_as_declared(docs):
    """The built page against the declarations in config.SETTINGS, field by field: the summary
    table, then each entry's type, default and description, so that a slip of the generator in
    docs/_ext shows."""
    soup = page(docs, "configuration")
    declared = [(setting.name, " or ".join(kind.__name__ for kind in setting.types), spaced(repr(setting.default)),
                 spaced(setting.description)) for setting in config.SETTINGS]
    table = soup.select_one(".body table.newsposts-reference")
    rows = [tuple(spaced(cell.get_text()) for cell in row.find_all("td")) for row in table.select("tbody tr")]
    assert rows == [(name, types, default) for name, types, default, _ in declared]
    entries = []
    for entry in soup.select(".body dl.confval"):
        content = entry.find("dd", recursive=False)
        fields = {term.get_text().rstrip(":").strip(): spaced(term.find_next_sibling("dd").get_text())
                  for term in content.select_one("dl.field-list").find_all("dt", recursive=False)}
        entries.append((entry.dt.get_text().rstrip("¶").strip(), fields.get("Type"), fields.get("Default"),
                        spaced(content.find("p", recursive=False).get_text())))
    assert entries == declared


def test_front_matter_reference_names_every_key(docs):
    words = code_words(page(docs, "front-matter"))
    keys = {*post_fields._KNOWN, *post_fields.HEADER_IMAGE_KEYS, *post_fields.HEADER_ALT_KEYS}
    assert sorted(keys - words) == []


def test_front_matter_reference_lists_every_warning_subtype(docs):
    """The table is generated from NewspostsWarning: each subtype with its member's docstring."""
    table = page(docs, "front-matter").select_one("#warning-subtypes table.newsposts-reference")
    rows = {cells[0].get_text(): " ".join(cells[1].get_text().replace("\u2019", "'").split())
            for cells in (row.find_all("td") for row in table.select("tbody tr"))}
    assert list(rows) == [f"newsposts.{member.value}" for member in NewspostsWarning]
    docstrings = ModuleAnalyzer.for_module(NewspostsWarning.__module__).find_attr_docs()
    for member in NewspostsWarning:
        docstring = " ".join(docstrings[(NewspostsWarning.__name__, member.name)]).replace("``", "")
        assert rows[f"newsposts.{member.value}"] == " ".join(docstring.split()), member.name


def test_raw_html_page_lists_the_allow_list(docs):
    """The allow-list on the page is generated from html_policy: every tag, attribute and host."""
    listing = page(docs, "raw-html").select_one(".body dl.newsposts-allow-list")
    entries = {term.get_text(): term.find_next_sibling("dd") for term in listing.find_all("dt", recursive=False)}

    def literals(element) -> list[str]:
        return [code.get_text() for code in element.find_all("code")]

    assert literals(entries["Tags kept"].p) == sorted(html_policy.ALLOWED_TAGS)
    attributes = entries["Attributes kept"]
    assert literals(attributes.p) == sorted(html_policy.ALLOWED_ATTRIBUTES["*"])
    rows = {cells[0].get_text(): literals(cells[1])
            for cells in (row.find_all("td") for row in attributes.select("tbody tr"))}
    assert rows == {tag: sorted(names) for tag, names in html_policy.ALLOWED_ATTRIBUTES.items() if tag != "*" and names}
    assert literals(entries["Tags removed with their content"].p) == sorted(html_policy.REMOVED_WITH_CONTENT)
    urls = literals(entries["URLs"].p)  # the attributes, then the module's comment on them
    assert urls[:len(html_policy.URL_ATTRIBUTES)] == sorted(html_policy.URL_ATTRIBUTES)
    embeds = literals(entries["Embeds"])
    assert [host for host in embeds if host in html_policy.DEFAULT_EMBED_HOSTS] == list(html_policy.DEFAULT_EMBED_HOSTS)
    assert f'sandbox="{html_policy.EMBED_SANDBOX}"' in embeds


def test_raw_html_page_embed_host_example_runs(docs):
    """The conf.py example that extends the default embed hosts imports what the module exports."""
    shown = [pre.get_text() for pre in page(docs, "raw-html").select(".body pre")]
    example = next(text for text in shown if "import DEFAULT_EMBED_HOSTS" in text)
    namespace: dict = {}
    exec(example, namespace)
    assert "DEFAULT_EMBED_HOSTS" in html_policy.__all__
    assert namespace["newsposts_embed_hosts"][:-1] == list(html_policy.DEFAULT_EMBED_HOSTS)


def test_directive_reference_names_every_option(docs):
    soup = page(docs, "directives")
    words = code_words(soup)
    for directive in (FaqDirective, TakeawaysDirective, SourceDirective, LatestPostsDirective):
        missing = [name for name in directive.known_options if f":{name}:" not in words]
        assert missing == [], directive.__name__
    # The examples are rendered, not only shown.
    assert soup.select(".body .np-faq details.np-faq-item")
    assert soup.select(".body section.np-takeaways")
    assert soup.select(".body .np-source cite a[href]")
    assert soup.select(".body .np-latest-posts .np-cards article.np-card")


def test_theme_reference_describes_every_option(docs):
    headings = {h.get_text().rstrip("¶").strip() for h in page(docs, "theme").select(".body h3")}
    assert sorted(OPTIONS.keys() - headings) == []


def test_publishing_guide_includes_the_workflow_verbatim(docs):
    shown = "\n".join(pre.get_text() for pre in page(docs, "publishing").select(".body pre"))
    for path in (".github/workflows/pages.yml", ".readthedocs.yaml"):
        assert (REPO / path).read_text(encoding="utf-8").strip() in shown, path


def test_docs_posts_are_published(docs):
    """The documentation's own posts are due (not drafts) and in the feed."""
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(docs / "blog" / "atom.xml").getroot()
    titles = {entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")}
    for post in sorted((DOCS / "posts").glob("*.md")):
        assert yaml.safe_load(post.read_text(encoding="utf-8").split("---")[1])["title"] in titles, post.name


def test_read_the_docs_and_pages_configuration():
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["version"] == 2
    assert rtd["build"]["tools"]["python"] == "3.12"
    assert rtd["sphinx"] == {"configuration": "docs/conf.py", "builder": "html", "fail_on_warning": True}
    assert {"method": "pip", "path": "."} in rtd["python"]["install"]
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    uses = {step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
