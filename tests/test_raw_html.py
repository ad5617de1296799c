"""Raw HTML in posts cannot run, and what posts need survives.

The test site's posts carry the classic XSS payloads as raw HTML, inline and in blocks, in Markdown
and reStructuredText; each calls ``alert(<its number>)``. Built with the default
``newsposts_raw_html = "sanitize"``, no page runs any of them in Chromium and no page or feed holds
one as markup; built with ``"trust"``, the same pages do run them, so each check can fail. The
sanitizer itself, on small inputs, is tested in tests/test_raw_html_sanitizer.py.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, check_snapshot, needs_chromium, scheme_of, serve, warnings_of
from sphinx_newsposts.publishing.redirects import MARK
from sphinx_newsposts.reading.html_policy import ALLOWED_TAGS, DEFAULT_EMBED_HOSTS, EMBED_SANDBOX

ROOT = ROOTS / "test-raw-html"
CLASSIC = "posts/2025-04-01-classic-payloads"
EVERY_TAG = "posts/2025-04-02-every-allowed-tag"
RST = "posts/2025-04-03-classic-payloads-rst"
NEEDS = "posts/2025-04-04-what-posts-need"
UNCLOSED = "posts/2025-04-05-unclosed-tags"
POSTS = [CLASSIC, EVERY_TAG, RST, NEEDS, UNCLOSED]
SOURCES = {CLASSIC: ".md", EVERY_TAG: ".md", RST: ".rst", NEEDS: ".md", UNCLOSED: ".md"}
YOUTUBE = "https://www.youtube.com/embed/dQw4w9WgXcQ"
OTHER_PLAYER = "https://player.other.example/embed/7"


# -- the builds: one per mode ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def sanitized(site_factory):
    """The default setting, built with -W: the removals fail the build, and the site is still written."""
    return site_factory("raw-html", warningiserror=True)


@pytest.fixture(scope="module")
def trusted(site_factory):
    """``"trust"`` passes every payload through; with -W, which this build passes (the site has no
    other problem: the sanitized build fails -W for its removals alone)."""
    return site_factory("raw-html", warningiserror=True, confoverrides={"newsposts_raw_html": "trust"})


@pytest.fixture(scope="module")
def escaped(site_factory):
    return site_factory("raw-html", confoverrides={"newsposts_raw_html": "escape"})


@pytest.fixture(scope="module")
def reconfigured(site_factory):
    """A mode that does not exist (falls back to sanitizing), pages sanitized too, and one more embed host."""
    return site_factory("raw-html", confoverrides={
        "newsposts_raw_html": "maybe", "newsposts_raw_html_pages": True,
        "newsposts_embed_hosts": [*DEFAULT_EMBED_HOSTS, "player.other.example/embed/"]})


def out(app) -> Path:
    return Path(app.outdir)


def parse(markup: str) -> BeautifulSoup:
    """*markup* with every attribute as written (``rel``, ``sandbox`` and the like not split into lists)."""
    return BeautifulSoup(markup, "html.parser", multi_valued_attributes=None)


def soup_of(path: Path) -> BeautifulSoup:
    return parse(path.read_text(encoding="utf-8"))


def page(app, docname: str) -> BeautifulSoup:
    return soup_of(out(app) / f"{docname}.html")


def article(app, docname: str) -> BeautifulSoup:
    return page(app, docname).find("article")


def is_redirect_page(path: Path) -> bool:
    return MARK in path.read_text(encoding="utf-8")[:512]


def site_pages(app) -> list[str]:
    """Every page of the site but the redirect pages (which hold nothing from a post)."""
    return [path.relative_to(out(app)).as_posix() for path in sorted(out(app).rglob("*.html"))
            if not is_redirect_page(path)]


# -- the corpus ----------------------------------------------------------------------------------

#: Where a tag must stand for an HTML parser to keep it: what comes before it and after it.
_CELL = "<tr><td>cell</td></tr>"
_CONTEXT = {
    "li": ("<ul>", "</ul>"), "dt": ("<dl>", "</dl>"), "dd": ("<dl>", "</dl>"),
    "summary": ("<details>", "</details>"), "figcaption": ("<figure>", "</figure>"),
    "source": ("<video>", "</video>"), "track": ("<video>", "</video>"),
    "tr": ("<table>", "</table>"), "td": ("<table><tr>", "</tr></table>"), "th": ("<table><tr>", "</tr></table>"),
    "caption": ("<table>", f"{_CELL}</table>"), "thead": ("<table>", "</table>"), "tbody": ("<table>", "</table>"),
    "tfoot": ("<table>", "</table>"), "colgroup": ("<table>", f"{_CELL}</table>"),
    "col": ("<table><colgroup>", f"</colgroup>{_CELL}</table>"),
}
_CONTENT = {"tr": "<td>cell</td>", "thead": _CELL, "tbody": _CELL, "tfoot": _CELL, "details": "<summary>s</summary>"}
_VOID = {"br", "col", "hr", "img", "source", "track", "wbr"}
#: Tags that load something: with a source that fails, onerror and onload fire on their own.
_LOADING = {"audio", "iframe", "img", "source", "track", "video"}
_HANDLERS = ("onmouseover", "onerror", "onload", "ontoggle")


def tag_with_handlers(tag: str, number: int) -> str:
    attributes = " ".join(f'{handler}="alert({number})"' for handler in _HANDLERS)
    attributes += (' src="x"' if tag in _LOADING else "") + (" open" if tag == "details" else "")
    before, after = _CONTEXT.get(tag, ("", ""))
    body = "" if tag in _VOID else f"{_CONTENT.get(tag, f'{tag} {number}')}</{tag}>"
    return f"{before}<{tag} {attributes}>{body}{after}"


def every_allowed_tag_post() -> str:
    """The post that puts event handlers on every tag the allow-list keeps: as an HTML block
    (alert(1000 + n)) and inline in a paragraph (alert(2000 + n))."""
    tags = sorted(ALLOWED_TAGS)
    parts = ["---\ntitle: Every allowed tag\ndate: 2025-04-02\ntags: [raw-html]\n---\n",
             "Each tag of the allow-list with event handlers, as a block and inline.\n"]
    parts += [f"\n{tag_with_handlers(tag, 1000 + index)}\n" for index, tag in enumerate(tags)]
    parts += [f"\nInline {tag}: {tag_with_handlers(tag, 2000 + index)} here.\n" for index, tag in enumerate(tags)]
    return "".join(parts)


def test_the_corpus_puts_handlers_on_every_allowed_tag():
    # the post is written from the allow-list; NEWSPOSTS_REGENERATE=1 writes it again when the list changes
    check_snapshot(ROOT / f"{EVERY_TAG}.md", every_allowed_tag_post())


def test_the_corpus_holds_the_classic_payloads():
    text = "\n".join((ROOT / f"{docname}{suffix}").read_text(encoding="utf-8") for docname, suffix in SOURCES.items())
    for payload in ("<script>", "<svg>\n<script>", "<svg onload", "<math>\n<mtext><table><mglyph><style><img",
                    '<noscript><p title="</noscript><img', "<iframe srcdoc", '<iframe src="javascript:', "<object data",
                    "<embed", "formaction=", "http-equiv", "<base href", "<link ", "@import",
                    "url(javascript:", '<!--<img src="-->', "<scr<script>ipt>", "onerror=eval(src)",
                    "data:text/html", "data:image/svg+xml", "&#106;avascript", "JaVaScRiPt", "java&#9;script",
                    "java\nscript", 'poster="javascript:', 'cite="javascript:', 'srcset="javascript:',
                    "ontoggle", "<textarea", "<title", "<style onload", "never closed", ".. raw:: html", ":raw-html:"):
        assert payload in text, payload
    numbers = re.findall(r"alert\((\d+)\)", text)
    assert len(numbers) > 200
    classic = re.findall(r"alert\((\d+)\)", "\n".join(
        (ROOT / f"{docname}{SOURCES[docname]}").read_text(encoding="utf-8") for docname in (CLASSIC, RST, UNCLOSED)))
    assert len(classic) == len(set(classic)), "each classic payload has its own number"


# -- what "a payload became markup" means -----------------------------------------------------------

BAD_SCHEMES = ("javascript", "vbscript", "data", "file")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data", "background", "srcset",
                  "xlink:href")
RASTER_DATA_IMAGE = re.compile(r"data:image/(png|gif|jpeg|webp)[;,]", re.IGNORECASE)
#: Elements the site never has of its own: each could only come from a post.
FOREIGN_ELEMENTS = frozenset({"svg", "math", "object", "embed", "applet", "frame", "frameset", "base", "textarea",
                              "select", "template", "xmp", "plaintext"})
#: Elements of a page's head: in the body they come from a post.
HEAD_ELEMENTS = frozenset({"title", "meta", "link", "base"})
#: The theme's own inline script (colour scheme before the first paint) and style, as its layout writes them.
THEME_SCRIPT = re.search(
    r"<script>(.+?)</script>",
    (Path(__file__).parents[1] / "sphinx_newsposts/theme/newsposts/layout.html").read_text(encoding="utf-8"))[1]
THEME_STYLE = ":root{--np-accent-light:"


def bad_urls(element) -> list[str]:
    found = []
    for attribute in URL_ATTRIBUTES:
        value = element.get(attribute)
        if value is None:
            continue
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
        for url in urls:
            raster = element.name in ("img", "source") and RASTER_DATA_IMAGE.match(url.strip())
            if scheme_of(url) in BAD_SCHEMES and not raster:
                found.append(f"<{element.name} {attribute}={url[:50]!r}>")
    style = html.unescape(element.get("style", ""))
    if re.search(r"url\(\s*['\"]?\s*(javascript|vbscript|data):", style, re.IGNORECASE):
        found.append(f"<{element.name} style={style[:50]!r}>")
    return found


def payload_traces(soup: BeautifulSoup, *, path: str | None = None, outdir: Path | None = None) -> list[str]:
    """What in *soup* a payload could have made: event handlers, script URLs, scripts, styles,
    frames, plugins, forms, document tags in the body.

    For a whole page (*path*, relative to *outdir*) the theme's and Sphinx's own scripts, style,
    search form and head are allowed; for a fragment (a feed entry) none of that is.
    """
    traces = []
    body = soup.body if path is not None and soup.body is not None else soup
    for element in soup.find_all(True):
        traces += [f"{attribute} on <{element.name}>" for attribute in element.attrs
                   if attribute.lower().startswith("on")]
        traces += bad_urls(element)
        if element.name in FOREIGN_ELEMENTS:
            traces.append(f"<{element.name}> element")
        if element.name == "iframe" and not (element.get("src") == YOUTUBE and element.get("sandbox") == EMBED_SANDBOX):
            traces.append(f"<iframe> {str(element)[:80]}")
    for element in body.find_all(HEAD_ELEMENTS):
        traces.append(f"<{element.name}> in the body: {str(element)[:80]}")
    for script in soup.find_all("script"):
        if path is None:
            traces.append(f"script in a fragment: {str(script)[:80]}")
        elif script.get("type") == "application/ld+json":
            continue
        elif script.get("src"):
            source = posixpath.normpath(posixpath.join(posixpath.dirname(path), script["src"].split("?")[0]))
            if not (source.startswith("_static/") or source == "searchindex.js") or not (outdir / source).is_file():
                traces.append(f"script from {script['src']!r}")
        elif script.string != THEME_SCRIPT:
            traces.append(f"inline script {str(script)[:80]}")
    for style in soup.find_all("style"):
        if path is None or not (style.string or "").startswith(THEME_STYLE):
            traces.append(f"style element {str(style)[:80]}")
    for element in soup.find_all(["form", "noscript"]):
        # The theme's search forms, each leading to the search page; that page's note for readers without JavaScript.
        action = element.get("action") if element.name == "form" and path is not None else None
        leads_to_search = action is not None and (
            action in ("", "#") or posixpath.normpath(posixpath.join(posixpath.dirname(path), action)) == "search.html")
        if path is None or not (path == "search.html" or leads_to_search):
            traces.append(f"<{element.name}> {str(element)[:80]}")
    return traces


def site_traces(app) -> dict[str, list[str]]:
    found = {name: payload_traces(soup_of(out(app) / name), path=name, outdir=out(app))
             for name in sorted(path.relative_to(out(app)).as_posix() for path in out(app).rglob("*.html"))}
    return {name: traces for name, traces in found.items() if traces}


# -- HTML and feeds ----------------------------------------------------------------------------------

def test_no_page_holds_a_payload_as_markup(sanitized):
    assert len(list(out(sanitized).rglob("*.html"))) >= 20
    assert site_traces(sanitized) == {}


def test_trusted_pages_hold_the_payloads_the_checks_look_for(trusted):
    traces = site_traces(trusted)
    assert set(traces) == {f"{docname}.html" for docname in POSTS}
    # what posts need is no trace; the embeds are, without their sandbox, and the one from another host
    assert [trace.split()[0] for trace in traces[f"{NEEDS}.html"]] == ["<iframe>", "<iframe>"]
    classic = traces[f"{CLASSIC}.html"]
    for trace in ("inline script <script>alert(101)</script>", "onerror on <img>", "ontoggle on <details>",
                  "onload on <svg>", "<math> element", "<a href='javascript:alert(136)'>",
                  "<a href='JaVaScRiPt:alert(123)'>", "<a href='java\\tscript:alert(124)'>",
                  "<a href='data:text/html,<script>alert(120)</script>'>", "<img srcset='javascript:alert(130)'>",
                  "<video poster='javascript:alert(128)'>", "<p style='background:url(javascript:alert(116))'>"):
        assert any(found.startswith(trace) for found in classic), trace


def feed_fragments(app) -> dict[str, list[str]]:
    """The full text of each entry of the site's Atom, RSS and JSON feeds."""
    atom = ET.fromstring((out(app) / "blog/atom.xml").read_bytes())
    rss = ET.fromstring((out(app) / "blog/rss.xml").read_bytes())
    feed = json.loads((out(app) / "blog/feed.json").read_text(encoding="utf-8"))
    return {
        "atom": [entry.findtext("{http://www.w3.org/2005/Atom}content")
                 for entry in atom.iter("{http://www.w3.org/2005/Atom}entry")],
        "rss": [item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") for item in rss.iter("item")],
        "json": [item["content_html"] for item in feed["items"]],
    }


def feed_traces(app) -> dict[str, list[str]]:
    return {name: [trace for fragment in fragments for trace in payload_traces(parse(fragment))]
            for name, fragments in feed_fragments(app).items()}


def test_full_text_feeds_carry_no_payload(sanitized, trusted):
    fragments = feed_fragments(sanitized)
    assert {name: len(entries) for name, entries in fragments.items()} == {"atom": 5, "rss": 5, "json": 5}
    assert all("A <strong>Markdown</strong> paragraph inside the details." in entries[1] for entries in
               fragments.values())  # the full text, newest first
    assert feed_traces(sanitized) == {"atom": [], "rss": [], "json": []}
    assert all(len(traces) > 100 for traces in feed_traces(trusted).values())


# -- what posts need -------------------------------------------------------------------------------

def test_details_keep_the_markdown_inside_them(sanitized):
    details = article(sanitized, NEEDS).find("details")
    assert details.summary.get_text() == "Read more"
    paragraph = details.find("p")
    assert paragraph.get_text() == "A Markdown paragraph inside the details."
    assert paragraph.strong.get_text() == "Markdown"
    rst = article(sanitized, RST).find("details")  # reStructuredText's raw directives around a paragraph
    assert [p.get_text() for p in rst.find_all("p")] == ["A paragraph of reStructuredText inside the details."]
    assert "ontoggle" not in rst.attrs and rst.has_attr("open")


def test_formatting_figures_tables_and_media_survive(sanitized):
    post = article(sanitized, NEEDS)
    assert [kbd.get_text() for kbd in post.find_all("kbd")] == ["Ctrl", "C"]
    assert post.find("sup").get_text() == "2"
    assert post.find("abbr")["title"] == "World Health Organization"
    figure = post.find("figure")
    assert figure.img["src"] == "https://images.raw-html.example/chart.png" and figure.img["alt"] == "A chart"
    assert figure.figcaption.get_text() == "The chart of the week"
    table = post.find("table")
    assert [th.get_text() for th in table.select("thead th")] == ["Team", "Score"]
    assert [td.get_text() for td in table.select("tbody td")] == ["Home", "2"]
    video = post.find("video")
    assert video.has_attr("controls") and video["width"] == "320"
    assert video.source["src"] == "https://media.raw-html.example/clip.mp4" and video.source["type"] == "video/mp4"


def test_links_to_other_sites_get_noopener(sanitized):
    link = article(sanitized, NEEDS).find("a", href="https://other.example.org/story")
    assert link.get_text() == "elsewhere" and link["rel"] == "noopener"


def test_embeds_from_listed_hosts_are_kept_sandboxed_and_lazy(sanitized):
    [iframe] = article(sanitized, NEEDS).find_all("iframe")
    assert iframe.attrs == {"src": YOUTUBE, "width": "560", "height": "315", "title": "A video",
                            "allowfullscreen": "", "sandbox": EMBED_SANDBOX, "loading": "lazy"}


def test_an_embed_from_another_host_is_removed_with_a_warning(sanitized):
    assert article(sanitized, NEEDS).find("iframe", src=OTHER_PLAYER) is None
    [warning] = [line for line in warnings_of(sanitized) if "player.other.example" in line]
    assert warning.startswith(f"{NEEDS}.md:{line_of(NEEDS, OTHER_PLAYER)}: WARNING: ")
    assert "newsposts_embed_hosts" in warning and warning.endswith("[newsposts.raw_html]")


def test_an_embed_host_added_to_the_setting_is_kept(reconfigured):
    iframe = article(reconfigured, NEEDS).find("iframe", src=OTHER_PLAYER)
    assert iframe["sandbox"] == EMBED_SANDBOX and iframe["loading"] == "lazy"
    assert not [line for line in warnings_of(reconfigured) if "player.other.example" in line]


def test_markdown_between_the_tags_of_a_removed_script_stays_as_text(sanitized):
    # "<scr<script>ipt>alert(118)</scr</script>ipt>": Markdown reads "<script>" and "</script>" as
    # raw HTML with text between; the script goes, the text around and inside it stays text
    paragraph = next(p for p in article(sanitized, CLASSIC).find_all("p") if p.get_text().startswith("Inline split"))
    assert paragraph.get_text() == "Inline split <script>alert(118)</script> here."
    assert paragraph.find(True) is None


def test_tags_left_open_do_not_swallow_the_layout(sanitized):
    post = article(sanitized, UNCLOSED)
    after = post.find("section", id="after").p
    assert after.get_text() == "The layout after the unclosed tags."
    assert after.find_parent(["a", "div", "textarea", "title"]) is None
    assert post.find("section", id="division").find("p").find_parent("div") is None
    assert post.select_one("nav.np-post-nav") is not None  # the theme's part of the article, after the post
    rst = article(sanitized, RST)
    assert rst.find_all("p")[-1].get_text() == "The paragraph after the unclosed style."


# -- warnings --------------------------------------------------------------------------------------

def line_of(docname: str, text: str) -> int:
    """The first line of the post's source that holds *text*."""
    lines = (ROOT / f"{docname}{SOURCES[docname]}").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


@pytest.mark.parametrize(("docname", "text", "message"), [
    (CLASSIC, "<script>alert(101)</script>", "<script> removed with its content: scripts never run in posts"),
    (CLASSIC, "<math>", "<math> removed with its content: MathML markup can hide scripts"),
    (CLASSIC, '<iframe src="javascript:alert(108)">', "src='javascript:alert(108)' removed from <iframe>: "
     "javascript: URLs do not become links or sources (http, https, mailto and relative URLs do)"),
    (CLASSIC, "formaction", "<button> removed, its text kept: forms do not belong in posts"),
    (CLASSIC, 'Inline image <img src=x onerror="alert(135)">',
     "event handler 'onerror' removed from <img>: it runs a script"),
    (CLASSIC, "<img src=x:alert(119)", "src='x:alert(119)' removed from <img>: x: URLs do not become links or "
     "sources (http, https, mailto and relative URLs do)"),
    (RST, ".. raw:: html", "<script> removed with its content: scripts never run in posts"),
    (RST, "Inline: :raw-html:", "href='javascript:alert(204)' removed from <a>: javascript: URLs do not become "
     "links or sources (http, https, mailto and relative URLs do)"),
    (UNCLOSED, "<textarea", "<textarea> removed with its content: not on the allow-list"),
    (EVERY_TAG, "<td onmouseover=", "event handler 'onmouseover' removed from <td>: it runs a script"),
])
def test_each_removal_is_a_located_warning(sanitized, docname, text, message):
    location = f"{docname}{SOURCES[docname]}:{line_of(docname, text)}"
    expected = f"{location}: WARNING: raw HTML: {message} [newsposts.raw_html]"
    assert expected in warnings_of(sanitized)


def test_removals_are_the_only_warnings_and_each_post_with_payloads_has_them(sanitized):
    warnings = warnings_of(sanitized)
    assert [line for line in warnings if not line.endswith("[newsposts.raw_html]")] == []
    located = {line.split(":", 1)[0] for line in warnings}
    assert located == {f"{docname}{SOURCES[docname]}" for docname in POSTS}


def test_with_W_the_removals_fail_the_build_and_every_post_is_still_written(sanitized, trusted):
    assert sanitized.statuscode == 1
    assert trusted.statuscode == 0  # the same site, nothing removed: nothing else fails it
    for docname in POSTS:
        assert (out(sanitized) / f"{docname}.html").is_file()
        assert article(sanitized, docname).find("h1") is not None


# -- modes and scope -------------------------------------------------------------------------------

def test_escape_shows_the_markup_as_text(escaped):
    post = article(escaped, CLASSIC)
    assert post.find(["script", "svg", "iframe", "img", "details", "form"]) is None
    blocks = [pre.get_text() for pre in post.find_all("pre")]
    assert "<script>alert(101)</script>\n" in blocks  # a block of raw HTML: a literal block
    assert "<svg>\n<script>alert(102)</script>\n</svg>\n" in blocks
    paragraphs = [p.get_text() for p in post.find_all("p")]
    assert "Inline image <img src=x onerror=\"alert(135)\"> here." in paragraphs  # inline: text, as written
    assert '<svg onload="alert(103)"></svg>' in paragraphs
    assert 'Inline comment <!--<img src="--><img src=x onerror=alert(134)> here.' in paragraphs
    assert [line for line in warnings_of(escaped) if "raw_html" in line] == []


def test_trust_passes_raw_html_through(trusted):
    post = article(trusted, CLASSIC)
    assert post.find("script").string == "alert(101)"
    assert post.find("img", onerror="alert(135)") is not None
    assert article(trusted, NEEDS).find("iframe", src=OTHER_PLAYER) is not None
    assert warnings_of(trusted) == []


def test_pages_that_are_not_posts_are_left_alone_by_default(sanitized):
    banner = page(sanitized, "index").select_one(".owner-banner")
    assert banner["style"] == "border: 1px solid" and banner.find("input", type="email") is not None
    assert not [line for line in warnings_of(sanitized) if line.startswith("index.md")]


def test_pages_are_sanitized_with_newsposts_raw_html_pages(reconfigured):
    banner = page(reconfigured, "index").select_one(".owner-banner")
    assert str(banner) == '<div class="owner-banner">Subscribe: </div>'
    line = line_of_index("owner-banner")
    assert [warning for warning in warnings_of(reconfigured) if warning.startswith("index.md")] == [
        f"index.md:{line}: WARNING: raw HTML: 'style' removed from <div>: posts take their look from the theme, "
        "and styles can cover the page [newsposts.raw_html]",
        f"index.md:{line}: WARNING: raw HTML: <input> removed, its text kept: forms do not belong in posts "
        "[newsposts.raw_html]"]


def line_of_index(text: str) -> int:
    lines = (ROOT / "index.md").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_an_unknown_mode_warns_and_falls_back_to_sanitizing(reconfigured):
    assert ("WARNING: newsposts_raw_html 'maybe' is not 'sanitize', 'escape' or 'trust'; using 'sanitize' "
            "[newsposts.config]") in warnings_of(reconfigured)
    assert article(reconfigured, CLASSIC).find("script") is None
    assert payload_traces(page(reconfigured, CLASSIC), path=f"{CLASSIC}.html", outdir=out(reconfigured)) == []


# -- in a browser ----------------------------------------------------------------------------------

#: What a reader's pointer, keyboard and scrolling would do to every element: handlers of these
#: events run if any is left; every <details> is toggled (ontoggle).
EXERCISE = """() => {
  window.scrollTo(0, document.body.scrollHeight);
  for (const element of document.querySelectorAll("body *")) {
    for (const type of ["mouseover", "mouseenter", "pointerover", "focus", "focusin"]) {
      element.dispatchEvent(new Event(type));
    }
  }
  document.querySelectorAll("details").forEach(details => { details.open = !details.open; });
}"""
#: Every URL-bearing attribute, resolved by the browser's own URL parser; and whether the theme's
#: footer still stands in the body (a tag a post left open would have swallowed it).
INSPECT = """() => {
  const names = ["href", "src", "action", "formaction", "poster", "cite", "data", "background"];
  const urls = [];
  for (const element of document.querySelectorAll("*")) {
    for (const name of names) {
      if (!element.hasAttribute(name)) continue;
      let url;
      try { url = new URL(element.getAttribute(name), document.baseURI); } catch (error) { continue; }
      urls.push([element.localName, name, url.protocol, url.href.slice(0, 40)]);
    }
  }
  return {urls, footer: document.querySelector("body > footer.np-site-footer") !== null};
}"""
SAFE_PROTOCOLS = ("http:", "https:", "mailto:")


def visit(browser, outdir: Path, names: list[str]) -> tuple[list[int], dict[str, list], list[str]]:
    """Open each page, exercise it and wait a moment: the alert() numbers shown (dismissed), the
    unsafe URLs of each page, and the pages whose footer was swallowed."""
    dialogs: list[str] = []
    unsafe: dict[str, list] = {}
    swallowed: list[str] = []
    context = browser.new_context()
    # nothing leaves this machine: other hosts (the embedded player, remote images) get a blank answer
    blank = "<!DOCTYPE html><title>elsewhere</title>"
    context.route(lambda url: urlsplit(url).hostname != "127.0.0.1",
                  lambda route: route.fulfill(status=200, content_type="text/html", body=blank))
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        with serve(outdir) as base:
            for name in names:
                response = tab.goto(base + name, wait_until="load")
                assert response.status == 200, name
                tab.evaluate(EXERCISE)
                tab.mouse.move(200, 300)
                tab.mouse.wheel(0, 2000)
                tab.wait_for_timeout(50)  # media errors and toggles fire a moment after
                found = tab.evaluate(INSPECT)
                unsafe[name] = [entry for entry in found["urls"] if entry[2] not in SAFE_PROTOCOLS]
                if not found["footer"]:
                    swallowed.append(name)
    finally:
        context.close()
    numbers = sorted({int(message) for message in dialogs if message.isdigit()})
    others = [message for message in dialogs if not message.isdigit()]
    assert others == []
    return numbers, {name: entries for name, entries in unsafe.items() if entries}, swallowed


@needs_chromium
@pytest.mark.browser
def test_no_page_runs_a_payload_in_chromium(sanitized, browser):
    """Every page but the redirect pages (a refresh to the post's address on the real site; their
    HTML is checked with the others in test_no_page_holds_a_payload_as_markup)."""
    names = site_pages(sanitized)
    assert {"index.html", "blog.html", "blog/tag/raw-html.html", "blog/2025.html", *(f"{d}.html" for d in POSTS)} \
        <= set(names)
    fired, unsafe, swallowed = visit(browser, out(sanitized), names)
    assert fired == []
    assert unsafe == {}
    assert swallowed == []


#: Payloads that run in Chromium when passed through: a script, SVG, an HTML comment hiding an
#: image, handlers of images, details and media, a frame's own document; in Markdown and
#: reStructuredText; and handlers on tags the allow-list keeps (1000 + n: img, 2000 + n: details).
MUST_FIRE = {101, 102, 103, 117, 119, 132, 133, 135, 202, 203, 205, 206,
             1000 + sorted(ALLOWED_TAGS).index("img"), 2000 + sorted(ALLOWED_TAGS).index("details")}


@needs_chromium
@pytest.mark.browser
def test_trusted_payloads_do_run_in_chromium(trusted, browser):
    fired, unsafe, swallowed = visit(browser, out(trusted), [f"{docname}.html" for docname in POSTS])
    assert MUST_FIRE <= set(fired), sorted(MUST_FIRE - set(fired))
    assert f"{CLASSIC}.html" in unsafe
    assert f"{UNCLOSED}.html" in swallowed  # the <textarea> left open took the rest of the page


def test_excerpts_and_descriptions_hold_the_text_not_the_tags(sanitized, trusted):
    """The first paragraph has inline HTML: the summary a card, a feed and the meta description show
    is its text, in every mode (a reader never sees the tags)."""
    for app in (sanitized, trusted):
        description = page(app, NEEDS).find("meta", attrs={"name": "description"})["content"]
        assert description == "Markup news posts use, which the sanitizer keeps."
