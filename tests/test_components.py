"""FAQ, takeaways and source components in a built site: HTML, JSON-LD, builders, translations.

The doctree each directive and each upgraded plain-Markdown shape gives, with its warnings, and
the plain form builders other than HTML write, are snapshots in test_component_snippets.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build, copy_root, read_html, warnings_of
from sphinx_newsposts.components.faq import faq
from sphinx_newsposts.components.source import source
from sphinx_newsposts.components.takeaways import takeaways

DESIGN_POST = "posts/2025-07-16-design-shape"
HOSTILE_POST = "posts/2025-07-19-hostile"


@pytest.fixture(scope="module")
def built(site_factory):
    return site_factory("components")


def component_xml(app, docname: str) -> list[str]:
    doctree = app.env.get_doctree(docname)
    return [node.pformat() for node in doctree.findall(lambda n: isinstance(n, (faq, takeaways, source)))]


def jsonld(soup, schema_type: str) -> list[dict]:
    found = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return [data for data in found if data.get("@type") == schema_type]


def test_only_the_hostile_urls_warn(built):
    by_line = sorted(warnings_of(built), key=lambda warning: int(warning.split(".md:")[1].split(":")[0]))
    assert by_line == [
        f"""{HOSTILE_POST}.md:9: WARNING: link to 'javascript:alert("link")' refused for its scheme; """
        "it shows as text [newsposts.link]",
        f"{HOSTILE_POST}.md:14: WARNING: source: only http, https and relative URLs become links, "
        """not 'javascript:alert("source")'; shown without a link [newsposts.source]""",
        f"""{HOSTILE_POST}.md:19: WARNING: link to 'javascript:alert("upgrade")' refused for its scheme; """
        "it shows as text [newsposts.link]",
    ]


def test_myst_and_rst_directives_give_the_same_doctree(built):
    myst, rst = component_xml(built, "directives-md"), component_xml(built, "directives-rst")
    assert len(myst) == 4
    assert myst == rst


def test_faq_html_is_a_disclosure_per_question_with_stable_anchors(built):
    soup = read_html(built, "directives-md")
    items = soup.select("div.np-faq > details.np-faq-item")
    assert [item["id"] for item in items] == ["faq-why-is-the-sky-blue", "faq-can-an-answer-be-long"]
    assert all(item.has_attr("open") for item in items)  # :open:
    assert [item.summary.get_text() for item in items] == ["Why is the sky blue?", "Can an answer be long?"]
    long_answer = items[1].select_one(".np-faq-answer")
    assert long_answer.find("ul") is not None and long_answer.find("a")["href"] == "https://example.org/answer"
    assert items[0].select_one(".np-faq-answer").get_text().strip() == "Because of Rayleigh scattering."


def test_takeaways_html_is_a_labelled_section(built):
    boxes = read_html(built, "directives-md").select("section.np-takeaways")
    titles = [box.select_one(".np-takeaways-title") for box in boxes]
    assert [title.get_text() for title in titles] == ["Key Takeaways", "What matters"]
    for box, title in zip(boxes, titles, strict=True):
        assert box["aria-labelledby"] == title["id"]
        assert box.find("ul") is not None


def test_source_html_cites_and_links(built):
    [aside] = read_html(built, "directives-md").select("div.np-source")
    link = aside.select_one("cite > a")
    assert link["href"] == "https://www.wired.com/story/example/" and link.get_text() == "The original story"
    assert link["rel"] == ["noopener"]
    assert aside.find("time")["datetime"] == "2025-07-15"
    assert aside.get_text(" ", strip=True) == "Source: The original story , WIRED, Jane Doe, 2025-07-15"


def test_upgrade_of_the_design_md_shape(built):
    soup = read_html(built, DESIGN_POST)
    faq_section = soup.find("section", id="faq")
    assert faq_section.h2.get_text().startswith("FAQ")  # the heading stays
    assert [s.get_text() for s in faq_section.select("summary")] == ["Why is this happening?", "What happens next?"]
    assert [a.get_text().strip() for a in faq_section.select(".np-faq-answer")] == ["Because of money.", "More hiring."]
    [box] = soup.select("section.np-takeaways")
    assert box["id"] == "key-takeaways"  # the old heading's anchor still works
    assert [li.get_text() for li in box.select("li")] == ["point one", "point two"]
    [cited] = soup.select("div.np-source cite a")
    assert (cited.get_text(), cited["href"]) == ("WIRED", "https://www.wired.com/story/example/")
    assert "Source: [" not in soup.get_text()


def test_look_alikes_are_left_alone(built):
    doctree = built.env.get_doctree("posts/2025-07-17-look-alikes")
    assert not list(doctree.findall(lambda n: isinstance(n, (faq, takeaways, source))))
    assert "own reporting, with a link and more words." in read_html(built, "posts/2025-07-17-look-alikes").get_text()


def test_plain_question_answer_pairs_and_several_sources(built):
    soup = read_html(built, "posts/2025-07-18-several-sources")
    assert [s.get_text() for s in soup.select("summary")] == ["Plain question without bold?"]
    links = [(a.get_text(), a["href"]) for a in soup.select("div.np-source cite a")]
    assert links == [("Reuters", "https://www.reuters.com/a"), ("AP", "https://apnews.com/b"),
                     ("Local", "https://local.example.org/c")]


def test_faq_page_json_ld(built):
    soup = read_html(built, DESIGN_POST)
    [data] = jsonld(soup, "FAQPage")
    assert data["@context"] == "https://schema.org"
    assert data["mainEntity"] == [
        {"@type": "Question", "name": "Why is this happening?",
         "acceptedAnswer": {"@type": "Answer", "text": "Because of money."}},
        {"@type": "Question", "name": "What happens next?",
         "acceptedAnswer": {"@type": "Answer", "text": "More hiring."}},
    ]
    assert jsonld(read_html(built, "posts/2025-07-17-look-alikes"), "FAQPage") == []


def test_one_faq_page_per_page_with_all_questions(built):
    [data] = jsonld(read_html(built, "directives-md"), "FAQPage")
    assert [q["name"] for q in data["mainEntity"]] == ["Why is the sky blue?", "Can an answer be long?"]
    assert data["mainEntity"][1]["acceptedAnswer"]["text"] == "Yes. It can hold paragraphs,\n\nlists\n\nand https://example.org/answer"


def test_hostile_content_stays_text(built):
    raw = (Path(built.outdir) / f"{HOSTILE_POST}.html").read_text(encoding="utf-8")
    soup = read_html(built, HOSTILE_POST)
    assert not soup.find_all(attrs={"onerror": True})
    assert not [a for a in soup.find_all("a") if a.get("href", "").lower().startswith("javascript")]
    assert [s.string for s in soup.find_all("script") if s.string and "alert" in s.string
            and s.get("type") not in ("application/ld+json", "application/json")] == []
    assert soup.select("div.np-source cite")[0].get_text() == "Evil <b>Corp</b>"
    # the JSON-LD script cannot be closed early, and still reads back exactly
    body = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and "\u2028" not in body and "\u2029" not in body
    [data] = jsonld(soup, "FAQPage")
    assert data["mainEntity"][0]["name"].startswith("<script>alert(")
    assert "</script><!--" in data["mainEntity"][1]["name"]
    assert "\u2028" in data["mainEntity"][1]["acceptedAnswer"]["text"]


def test_sources_and_questions_reach_the_page_context(built):
    soup = read_html(built, "directives-md")
    context = json.loads(soup.find("script", id="newsposts-context").string)
    assert context["sources"] == [{"publisher": "WIRED", "url": "https://www.wired.com/story/example/",
                                   "title": "The original story", "author": "Jane Doe", "date": "2025-07-15"}]
    assert [q["question"] for q in context["faq"]] == ["Why is the sky blue?", "Can an answer be long?"]


@pytest.mark.parametrize(("buildername", "output"), [
    ("latex", "components.tex"), ("epub", "directives-md.xhtml"), ("man", "components.1"),
    ("gettext", "directives-md.pot"),
])
def test_every_builder_renders_a_plain_form(tmp_path, buildername, output):
    """The plain form itself, as the text builder writes it, is snapshotted in test_component_snippets.py."""
    app = build(copy_root("components", tmp_path / "src"), buildername, fresh=True,
                confoverrides={"copyright": "2025, Tests", "version": "1"})
    assert [w for w in warnings_of(app) if "javascript" not in w and "mimetype" not in w] == []
    text = (Path(app.outdir) / output).read_text(encoding="utf-8")
    assert "Why is the sky blue?" in text


def test_upgrade_can_be_turned_off(tmp_path):
    app = build(copy_root("components", tmp_path / "src"), fresh=True,
                confoverrides={"newsposts_upgrade_sections": False})
    assert component_xml(app, DESIGN_POST) == []
    assert len(component_xml(app, "directives-md")) == 4


@pytest.mark.parametrize(("language", "labels"), [
    ("de", ("Das Wichtigste in Kürze", "Quelle:", "Häufig gestellte Fragen")),
    ("fr", ("Points clés", "Source :", "Questions fréquentes")),
    ("es", ("Puntos clave", "Fuente:", "Preguntas frecuentes")),
])
def test_labels_are_translated(tmp_path, language, labels):
    app = build(copy_root("components", tmp_path / "src"), fresh=True, confoverrides={"language": language})
    soup = read_html(app, "directives-md")
    takeaways_title, source_label, faq_label = labels
    assert soup.select(".np-takeaways-title")[0].get_text() == takeaways_title
    assert soup.select_one(".np-source-label").get_text().strip() == source_label
    assert soup.select_one(".np-faq")["aria-label"] == faq_label


def test_compiled_catalogs_are_current():
    import importlib.util
    script = Path(__file__).parent.parent / "scripts" / "compile_catalogs.py"
    spec = importlib.util.spec_from_file_location("compile_catalogs", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    LOCALE_DIR, compiled = module.LOCALE_DIR, module.compiled
    assert sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/*.po")) == ["de", "es", "fr"]
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        assert po_path.with_suffix(".mo").read_bytes() == compiled(po_path), po_path


HEADING_VARIANT_POST = """---
title: {title}
date: 2025-07-{day:02d}
---
The story.

{hashes} {heading}
**Q: Does the heading {heading} make an FAQ?**
A: It does.

{hashes} {takeaways}
*   a point under {takeaways}
"""


@pytest.mark.parametrize(("faq_heading", "takeaways_heading", "hashes"), [
    ("FAQ", "Key Takeaways", "##"),
    ("FAQs", "Takeaways", "###"),
    ("Frequently Asked Questions", "Key Points", "##"),
    ("faqs:", "key points:", "####"),  # any case, a trailing colon, any level
])
def test_every_documented_heading_becomes_its_component(tmp_path, faq_heading, takeaways_heading, hashes):
    srcdir = copy_root("minimal", tmp_path / "src")
    (srcdir / "posts" / "2025-07-20-headings.md").write_text(HEADING_VARIANT_POST.format(
        title="Headings", day=20, hashes=hashes, heading=faq_heading, takeaways=takeaways_heading),
        encoding="utf-8")
    app = build(srcdir, fresh=True)
    soup = read_html(app, "posts/2025-07-20-headings")
    [question] = soup.select("div.np-faq details.np-faq-item summary")
    assert question.get_text(" ", strip=True) == f"Does the heading {faq_heading} make an FAQ?"
    [box] = soup.select(".np-takeaways")
    assert box.select_one(".np-takeaways-title").get_text(strip=True) == takeaways_heading  # as written
    assert [item.get_text(strip=True) for item in box.select("li")] == [f"a point under {takeaways_heading}"]
    assert len(jsonld(soup, "FAQPage")) == 1


def test_a_named_faq_or_takeaways_box_is_a_cross_reference_target(tmp_path):
    srcdir = copy_root("minimal", tmp_path / "src")
    (srcdir / "posts" / "2025-07-20-named.md").write_text("""---
title: Named blocks
date: 2025-07-20
---
Read {ref}`the questions <common-questions>` and {ref}`the points <main-points>`.

:::{faq}
:name: common-questions
**Q: Where does the link go?**
A: Here.
:::

:::{takeaways}
:name: main-points
*   the point
:::
""", encoding="utf-8")
    app = build(srcdir, fresh=True)
    assert warnings_of(app) == []
    soup = read_html(app, "posts/2025-07-20-named")
    links = {link.get_text(): link["href"] for link in soup.select("a.reference.internal")}
    # each reference lands on its block (a box with an id of its own keeps it, the name points to it)
    assert soup.find(id=links["the questions"].removeprefix("#")) is soup.select_one("div.np-faq")
    assert soup.find(id=links["the points"].removeprefix("#")) is soup.select_one("section.np-takeaways")
