"""Nothing executes: posts that put markup, script URLs and template syntax in every field
they have still give pages, feeds, sitemaps, redirects and JSON-LD where all of it stays text.

Raw HTML in a post body is sanitized, and tested with payloads of its own in tests/test_raw_html.py;
this corpus holds none (except inside FAQ answers, which show raw HTML as text).
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import posixpath
import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, build, copy_root, dropped_by_the_server, needs_chromium, scheme_of, serve, warnings_of
from sphinx_newsposts.index.post_index import post_index
from sphinx_newsposts.publishing.redirects import MARK
from sphinx_newsposts.reading.urls import is_safe_image, is_safe_link, url_scheme

BASE = "https://hostile.example.org/"
SITE_HOST = urlsplit(BASE).hostname
#: 2025-03-07 00:00 UTC: every post is published, the last two are in the news sitemap.
BUILD_TIME = "1741305600"
MARKUP = "posts/2025-03-01-markup-everywhere"
OBFUSCATED = "posts/2025-03-02-obfuscated-urls"
BODY = "posts/2025-03-03-hostile-body"
RST = "posts/2025-03-04-hostile-rst"
REMOTE = "posts/2025-03-05-remote-teaser"
TEMPLATE = "posts/2025-03-06-template-syntax"
POSTS = [MARKUP, OBFUSCATED, BODY, RST, REMOTE, TEMPLATE]
MARKUP_TITLE = """<script>alert("title")</script> "><img src=x onerror=alert("title")> {{ 7*1234567 }} '-alert(1)-'"""
TEMPLATE_TITLE = "{{ 7*7 }} {{ 7*1234567 }} {% raw %} {%- endraw %} {# comment #} ${7*1234567} #{7*1234567}"
REMOTE_TEASER = 'https://images.remote.example/teaser.jpg?x="><script>alert("teaser")</script>'
REMOTE_ALT = '"><img src=x onerror=alert("alt")>'
#: Every sidebar ABlog and the extension offer, for the build under a theme other than newsposts (whose
#: post pages then show the byline and end matter of posts too).
ABLOG_SIDEBARS = ["ablog/postcard.html", "ablog/recentposts.html", "ablog/tagcloud.html", "ablog/categories.html",
                  "ablog/authors.html", "ablog/archives.html", "ablog/languages.html", "ablog/locations.html",
                  "newsposts/recent-posts.html", "newsposts/archives.html", "newsposts/tags.html"]
#: What "{{ 7*1234567 }}" would become if any template evaluated it.
EVALUATED = "8641969"

BAD_SCHEMES = ("javascript", "vbscript", "data", "file")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data", "background", "ping",
                  "xlink:href", "srcset")
#: <meta> tags whose content is a URL.
URL_METAS = ("og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image")
#: The one data: URL that may reach a page: a raster image the Markdown body itself holds (markdown-it and
#: Sphinx keep PNG/GIF/JPEG/WebP data images; none of them can run anything).
RASTER_DATA_IMAGE = re.compile(r"data:image/(png|gif|jpeg|webp);base64,")
FORBIDDEN_ELEMENTS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math")
#: The theme's own inline script (colour scheme before the first paint), as its layout writes it.
THEME_SCRIPT = re.search(
    r"<script>(.+?)</script>",
    (Path(__file__).parents[1] / "sphinx_newsposts/theme/newsposts/layout.html").read_text(encoding="utf-8"))[1]


# -- the build, with a network guard ------------------------------------------------------------

class RemoteConnection(OSError):
    """Raised instead of opening a network connection to another machine."""


def _is_local(host) -> bool:
    if host is None or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@contextlib.contextmanager
def no_remote_connections():
    """Refuse (and record) every name lookup and connection to a host other than this machine."""
    attempts: list[str] = []
    original_connect, original_connect_ex = socket.socket.connect, socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def refuse(what: str):
        attempts.append(what)
        raise RemoteConnection(f"network access during the build: {what}")

    def guarded(original):
        def connect(sock, address):
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
                refuse(f"connect {address!r}")
            return original(sock, address)
        return connect

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host.decode() if isinstance(host, bytes) else host):
            refuse(f"lookup {host!r}")
        return original_getaddrinfo(host, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", guarded(original_connect))
        patch.setattr(socket.socket, "connect_ex", guarded(original_connect_ex))
        patch.setattr(socket, "getaddrinfo", getaddrinfo)
        yield attempts


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = copy_root("hostile", tmp_path_factory.mktemp("hostile") / "src")
    with pytest.MonkeyPatch.context() as patch, no_remote_connections() as attempts:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
        app = build(srcdir, fresh=True)
    app.network_attempts = attempts
    return app


def out(app) -> Path:
    return Path(app.outdir)


def html_files(app) -> list[Path]:
    return sorted(out(app).rglob("*.html"))


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def is_redirect_page(path: Path) -> bool:
    return MARK in path.read_text(encoding="utf-8")[:512]


def meta_of(app, docname: str):
    return post_index(app.env).meta[docname]


def front_page_cards(app) -> dict[str, BeautifulSoup]:
    """The post cards of the front page, by the post they link to."""
    cards = soup_of(out(app) / "index.html").select(".np-latest .np-card")
    return {card.select_one(".np-card-title a")["href"].removesuffix(".html"): card for card in cards}


# -- what "no payload became markup" means --------------------------------------------------------

def bad_url(url: str, element: str, attribute: str) -> bool:
    if scheme_of(url) not in BAD_SCHEMES:
        return False
    return not (element == "img" and attribute == "src" and RASTER_DATA_IMAGE.match(url.strip()))


def url_values(element) -> list[tuple[str, str]]:
    values = []
    for attribute in URL_ATTRIBUTES:
        value = element.get(attribute)
        if value is None:
            continue
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
        values += [(attribute, url) for url in urls]
    if element.name == "meta":
        if (element.get("property") or element.get("name")) in URL_METAS:
            values.append(("content", element.get("content", "")))
        if (element.get("http-equiv") or "").lower() == "refresh":
            values.append(("content", re.sub(r"^\s*\d+\s*;\s*url\s*=\s*", "", element.get("content", ""), flags=re.I)))
    return values


def markup_problems(soup: BeautifulSoup, *, page: Path | None = None, outdir: Path | None = None) -> list[str]:
    """Everything in *soup* that a payload could have made: foreign scripts, event handlers, script URLs.

    With *page* (a whole HTML page), the scripts Sphinx and the theme write are allowed; without
    (a fragment, such as a feed entry), no script at all is.
    """
    problems = []
    for element in soup.find_all(True):
        for attribute in element.attrs:
            if attribute.lower().startswith("on"):
                problems.append(f"event handler {attribute} on <{element.name}>")
        for attribute, url in url_values(element):
            if bad_url(url, element.name, attribute):
                problems.append(f"<{element.name} {attribute}={url[:60]!r}>")
        if element.name in FORBIDDEN_ELEMENTS:
            problems.append(f"<{element.name}> element")
    for script in soup.find_all("script"):
        if page is None:
            problems.append(f"script in a fragment: {str(script)[:80]}")
        elif script.get("type") == "application/ld+json":
            continue  # read as data, checked by test_json_ld_is_data_that_cannot_end_its_script
        elif script.get("src"):
            source = posixpath.normpath(posixpath.join(page.parent.relative_to(outdir).as_posix(),
                                                       script["src"].split("?")[0]))
            if not (source.startswith("_static/") or source == "searchindex.js") or not (outdir / source).is_file():
                problems.append(f"script from {script['src']!r}")
        elif script.string != THEME_SCRIPT:
            problems.append(f"inline script {str(script)[:80]}")
    for style in soup.find_all("style"):
        if page is None or not (style.string or "").startswith(":root{--np-accent-light:#"):
            problems.append(f"style element {str(style)[:80]}")
    for form in soup.find_all("form"):  # the theme's search forms, each leading to the site's search page
        action = form.get("action")
        target = posixpath.normpath(posixpath.join(page.parent.relative_to(outdir).as_posix(), action or "")) \
            if page is not None and action is not None else None
        if page is None or (target != "search.html" and action not in ("", "#")):
            problems.append(f"form {str(form)[:80]}")
    if page is not None and not is_redirect_page(page) and soup.find("meta", attrs={"http-equiv": True}):
        problems.append("http-equiv meta outside a redirect page")
    return problems


# -- the build -------------------------------------------------------------------------------------

def test_the_network_guard_refuses_remote_hosts():
    with no_remote_connections() as attempts, socket.create_server(("127.0.0.1", 0)) as server:
        with socket.socket() as remote, pytest.raises(RemoteConnection):
            remote.connect(("192.0.2.1", 80))  # TEST-NET-1: refused before any packet leaves
        with pytest.raises(RemoteConnection):
            socket.create_connection(("images.remote.example", 443), timeout=1)
        with socket.create_connection(server.getsockname(), timeout=1):  # this machine stays reachable
            pass
    assert attempts == ["connect ('192.0.2.1', 80)", "lookup 'images.remote.example'"]


def test_the_build_fetches_nothing_from_other_hosts(built):
    assert built.network_attempts == []
    # the remote teaser was named, not fetched: its address is in the output as written
    teaser = front_page_cards(built)[REMOTE].find("img")
    assert teaser["src"] == REMOTE_TEASER and teaser["alt"] == REMOTE_ALT
    assert soup_of(out(built) / f"{REMOTE}.html").find("meta", property="og:image:alt")["content"] == REMOTE_ALT
    assert meta_of(built, REMOTE).teaser.url == REMOTE_TEASER and meta_of(built, REMOTE).teaser.width == 0


def line_of(docname: str, suffix: str, text: str, *, directive: bool = False) -> str:
    """``docname.suffix:N``, N the first line of the source holding *text*, or with *directive*
    the line opening the directive that holds it."""
    lines = (ROOTS / "test-hostile" / f"{docname}{suffix}").read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if text in line)
    while directive and not lines[number - 1].startswith((":::{", "```{", ".. ")):
        number -= 1
    return f"{docname}{suffix}:{number}"


def expected_warnings() -> list[tuple[str, tuple[str, ...], str]]:
    """(location, texts the message holds, subtype) of every value in the corpus that must be refused."""
    md, rst = ".md", ".rst"
    markup_header, obfuscated_header = line_of(MARKUP, md, "header:"), line_of(OBFUSCATED, md, "header:")
    return [
        (markup_header, ("'header.teaser'", 'javascript:alert("teaser")'), "image"),
        (markup_header, ("'header.image'", 'JaVaScRiPt:alert("image")'), "image"),
        (markup_header, ("'header.og_image'", 'data:image/svg+xml,<svg onload=alert("og")>'), "image"),
        (f"{MARKUP}.md", ('vbscript:msgbox("redirect")',), "redirect"),
        (f"{MARKUP}.md", ('javascript:alert("permalink")',), "redirect"),
        (f"{MARKUP}.md", ('/old/"><script>alert("redirect")</script>.html',), "redirect"),
        (obfuscated_header, ("'header.teaser'", "javascript:alert('teaser')"), "image"),
        (obfuscated_header, ("'header.image'", "\\x01javascript:alert('image')"), "image"),
        (obfuscated_header, ("'header.overlay_image'", '&#106;avascript:alert("overlay")'), "image"),
        (obfuscated_header, ("'header.og_image'", "java\\tscript:alert('og')"), "image"),
        (line_of(OBFUSCATED, md, "image: 'vbscript"), ("'image'", 'vbscript:msgbox("image")'), "image"),
        (f"{OBFUSCATED}.md", ('data:text/html,<script>alert("alias")</script>',), "redirect"),
        (f"{OBFUSCATED}.md", ("java script:alert('alias')",), "redirect"),
        (f"{OBFUSCATED}.md", ("&#106;avascript:alert(1)",), "redirect"),
        (f"{OBFUSCATED}.md", ("JAVASCRIPT:alert('permalink')",), "redirect"),
        (line_of(BODY, md, ":url: JaVaScRiPt", directive=True), ('JaVaScRiPt:alert("source")',), "source"),
        (line_of(BODY, md, ":url: data:", directive=True), ('data:text/html,<script>alert("source")',), "source"),
        (line_of(BODY, md, "```{image} data:"), ("data:text/html;base64,",), "link"),
        (line_of(BODY, md, "```{image} https:"), ('JaVaScRiPt:alert("imagetarget")',), "link"),
        (line_of(RST, rst, ":image:"), ("'image'", 'javascript:alert("rst image")'), "image"),
        (f"{RST}.rst", ('vbscript:msgbox("rst redirect")',), "redirect"),
        (f"{RST}.rst", ('JaVaScRiPt:alert("rst permalink")',), "redirect"),
        (line_of(RST, rst, "Links:"), ("'javascript:alert(\"rstlink\")'",), "link"),
        (line_of(RST, rst, "Links:"), ("'JaVaScRiPt:alert(\"rstlink\")'",), "link"),
        (line_of(RST, rst, "Links:"), ("'data:text/html,alert(\"rstlink\")'",), "link"),
        (line_of(RST, rst, "Links:"), ("'vbscript:msgbox(\"rstlink\")'",), "link"),
        (line_of(RST, rst, "Links:"), ("'javascript:alert(\"rstreference\")'",), "link"),
        (line_of(RST, rst, ".. image:: javascript"), ("'javascript:alert(\"rstimage\")'",), "link"),
        (line_of(RST, rst, "**Q: <img"), ("'javascript:alert(\"rstanswer\")'",), "link"),
        (line_of(RST, rst, ":url: vbscript", directive=True), ('vbscript:msgbox("rst source")',), "source"),
        # Markdown links markdown-it refuses: they would show as text, so they are reported
        (line_of(BODY, md, "Links:"), ("""link to 'javascript:alert("body")'""",), "link"),
        (line_of(BODY, md, "Links:"), ("""link to 'JaVaScRiPt:alert("body")'""",), "link"),
        (line_of(BODY, md, "[entity]"), ("link to 'data:text/html;base64,",), "link"),
        (line_of(BODY, md, "[vbscript]"), ("""link to 'vbscript:msgbox("body")'""",), "link"),
        (line_of(BODY, md, "<javascript:"), ("""link to 'javascript:alert("autolink")'""",), "link"),
        (line_of(BODY, md, "![script image]"), ("""link to 'javascript:alert("image")'""",), "link"),
        (line_of(BODY, md, "![svg image]"), ("link to 'data:image/svg+xml;base64,",), "link"),
        (line_of(BODY, md, "[answer link]"), ("""link to 'javascript:alert("answer")'""",), "link"),
        (line_of(BODY, md, "[Evil upgrade]"), ("""link to 'vbscript:msgbox("upgrade")'""",), "link"),
        # template syntax in a post's text is Liquid, run as Jekyll runs it; what Liquid cannot read
        # (arithmetic, an unclosed raw) is reported and shown as text
        (line_of(BODY, md, "Template syntax stays text"), ("Liquid '{{ 7*1234567 }}'",), "liquid"),
        (line_of(BODY, md, "Template syntax stays text"), ("Liquid '{% raw %}'",), "liquid"),
        (line_of(BODY, md, "[answer link]"), ("Liquid '{{ 7*1234567 }}'",), "liquid"),
        (line_of(BODY, md, ":author: {{"), ("Liquid '{{ 7*1234567 }}'",), "liquid"),  # a directive's option
        (line_of(TEMPLATE, md, "Body text with"), ("Liquid '{{ 7*1234567 }}'",), "liquid"),  # not the one in raw
    ]


def test_every_refused_url_is_a_located_warning(built):
    warned = warnings_of(built)
    for location, texts, subtype in expected_warnings():
        # a location without a line (a redirect) must still be reported with one
        at = re.compile(re.escape(location) + (r":\d+" if location.endswith((".md", ".rst")) else "") + ": WARNING")
        matches = [line for line in warned if at.match(line)
                   and all(text in line for text in texts) and line.endswith(f"[newsposts.{subtype}]")]
        assert len(matches) == 1, (location, texts, subtype)
    ours = [line for line in warned if "[newsposts." in line]
    assert len(ours) == len(expected_warnings())
    # MyST reads "java<TAB>script:" as a reference to a page of that name and reports it itself.
    others = [line for line in warned if "[newsposts." not in line]
    assert all(line.startswith(f"{line_of(BODY, '.md', 'Links:')}: WARNING: 'myst' cross-reference target not found")
               for line in others) and len(others) == 2
    assert "Traceback" not in built.status.getvalue()


def test_refused_urls_fall_back(built):
    cards = front_page_cards(built)
    for docname in (MARKUP, OBFUSCATED, RST):  # every image refused: a card without teaser
        card = cards[docname]
        assert "np-card--text" in card["class"] and card.find("img") is None
        post = soup_of(out(built) / f"{docname}.html")
        assert post.select_one(".np-header-image") is None
        # no image of its own: the generated social card stands in, named after the post, not its title
        card_url = post.find("meta", property="og:image")["content"]
        assert re.fullmatch(r"https://hostile\.example\.org/_images/social/[a-z0-9-]+\.[0-9a-f]{10}\.png", card_url)
        assert (out(built) / card_url.removeprefix("https://hostile.example.org/")).is_file()
        assert post.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    body = soup_of(out(built) / f"{BODY}.html")
    sources = body.select(".np-source")
    assert [source.find("a") is None for source in sources] == [True, True, False]
    cited = sources[0].find("cite").get_text()  # as text, with the quotes Sphinx makes curly
    assert cited.startswith("</script><script>alert(") and cited.endswith("source title”)</script>")
    assert sources[2].find("a")["href"] == 'https://news.example.com/story?a=1&b="><script>alert("source")</script>'
    rst = soup_of(out(built) / f"{RST}.html").select_one("article")
    links = next(p for p in rst.find_all("p") if p.get_text().startswith("Links:"))
    assert " ".join(links.get_text().split()) == "Links: script, mixed, data, vbscript, evil and another host."
    assert [a["href"] for a in links.find_all("a")] == ["https://other.example.org/rst"]
    assert rst.select_one(".np-faq-answer").get_text(strip=True).startswith("answer and </script>")
    assert not (out(built) / "java script:alert('alias')").exists()
    assert (out(built) / "old/markup-everywhere.html").is_file()  # the safe address of the same post works


# -- pages ---------------------------------------------------------------------------------------

def test_no_page_holds_a_payload_as_markup(built):
    pages = html_files(built)
    assert len(pages) >= 40
    problems = {path.relative_to(out(built)).as_posix(): markup_problems(soup_of(path), page=path,
                                                                           outdir=out(built)) for path in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_checks_see_a_payload_that_became_markup():
    fragment = BeautifulSoup('<p><a href=" &#1;JaVa&#9;ScRiPt:alert(1)">x</a><img src=x onerror=alert(1)>'
                             '<img src="data:image/svg+xml,<svg>"><img src="data:image/png;base64,AAAA">'
                             '<meta property="og:image" content="&amp;#106;avascript:alert(1)">'
                             '<svg onload=alert(1)></svg><script>alert(1)</script></p>', "html.parser")
    problems = markup_problems(fragment)
    assert [problem.split("=")[0].split(" on ")[0] for problem in problems] == [
        "<a href", "event handler onerror", "<img src", "<meta content", "event handler onload", "<svg> element",
        "script in a fragment: <script>alert(1)</script>"]
    assert "data:image/png" not in " ".join(problems)


@pytest.mark.parametrize(("url", "scheme"), [
    ("javascript:alert(1)", "javascript"), (" \x01JaVa\tScRiPt:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"), ("VBScript:msgbox(1)", "vbscript"), ("data:text/html,x", "data"),
    ("&#106;avascript:alert(1)", ""), ("java\x01script:alert(1)", ""), ("java script:alert(1)", ""),
    ("/posts/a.html", ""), ("a.html#javascript:x", ""), ("HTTPS://example.org/", "https"),
])
def test_a_url_has_the_scheme_a_browser_reads(url, scheme):
    assert url_scheme(url) == scheme
    assert is_safe_link(url) == (scheme not in ("javascript", "vbscript", "data"))


@pytest.mark.parametrize(("url", "safe"), [
    ("data:image/png;base64,AAAA", True), ("DATA:image/webp;base64,AAAA", True), ("data:image/svg+xml,<svg>", False),
    ("data:text/html,<script>", False), ("javascript:alert(1)", False), ("https://example.org/a.png", True),
    ("file:///etc/passwd", False), ("a.png", True),
])
def test_only_raster_data_urls_may_be_images(url, safe):
    assert is_safe_image(url) == safe


@pytest.fixture(scope="module")
def under_alabaster(tmp_path_factory):
    """The corpus under another theme, with every sidebar (ABlog's own templates write titles as HTML) and the
    posts' bylines."""
    srcdir = copy_root("hostile", tmp_path_factory.mktemp("hostile-alabaster") / "src")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
        return build(srcdir, fresh=True, confoverrides={"html_theme": "alabaster",
                                                        "html_sidebars": {"**": ABLOG_SIDEBARS}})


def test_under_another_theme_ablog_sidebars_keep_payloads_as_text(under_alabaster):
    pages = html_files(under_alabaster)
    problems = {path.relative_to(out(under_alabaster)).as_posix(): markup_problems(
        soup_of(path), page=path, outdir=out(under_alabaster)) for path in pages}
    assert {page: found for page, found in problems.items() if found} == {}
    post = soup_of(out(under_alabaster) / f"{MARKUP}.html")
    tags = post.select("li[id~=ablog__tags] a")  # ABlog's sidebars name their parts by id
    assert [a.get_text() for a in tags] == meta_of(under_alabaster, MARKUP).tags
    recent = [a.get_text().split(" - ", 1)[1] for a in post.select(".ablog__recentposts li a")]
    assert recent[:3] == [TEMPLATE_TITLE, "Remote teaser", meta_of(under_alabaster, RST).title]  # newest five
    ours = [a.get_text() for a in post.select(".np-sidebar--recent li > a")]
    assert ours[:3] == [TEMPLATE_TITLE, "Remote teaser", meta_of(under_alabaster, RST).heading_title]  # as cards
    # the byline shows the payload-laden labels as text, and links each tag to its archive
    assert [a.get_text() for a in post.select(".np-byline .np-tags a")] == meta_of(under_alabaster, MARKUP).tags
    # every label a sidebar links to has its archive page, "]]>" and "'-alert(1)-'" too
    for path in (out(under_alabaster) / f"{MARKUP}.html", out(under_alabaster) / "index.html"):
        for link in soup_of(path).select(".sphinxsidebar a[href]"):
            target = urlsplit(link["href"]).path
            assert (path.parent / target).resolve().is_file(), (path.name, link["href"])


STRAIGHT_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def test_fields_show_as_written(built):
    cards = front_page_cards(built)
    assert set(cards) == set(POSTS)
    for docname, card in cards.items():
        meta = meta_of(built, docname)
        assert card.select_one(".np-card-title").get_text(strip=True) == meta.heading_title
        # the heading's typographic quotes (Sphinx's smart quotes) and nothing else changed
        assert meta.heading_title.translate(STRAIGHT_QUOTES) == meta.title
        assert card.select_one(".np-card-summary").get_text() == meta.summary
        assert [a.get_text() for a in card.select(".np-card-tags a")] == meta.tags[:4]
    assert meta_of(built, MARKUP).title == MARKUP_TITLE and meta_of(built, TEMPLATE).title == TEMPLATE_TITLE
    post = soup_of(out(built) / f"{MARKUP}.html")
    assert post.find("meta", property="og:title")["content"] == MARKUP_TITLE
    assert post.select_one(".np-toc-label").get_text() == """</nav><script>alert("toc")</script>"""
    assert [a.get_text() for a in post.select(".np-post-meta a")] == [
        '<img src=x onerror=alert("author")>', '</script><script>alert("category")</script>', "'-alert(1)-'"]
    assert "script-alert-classes-script" in post.body["class"]
    assert post.find("meta", attrs={"name": "keywords"})["content"] == (
        '<script>alert("keyword")</script>, "><svg onload=alert("keyword")>, ]]>')
    about = soup_of(out(built) / "about.html")  # the title of a page without front matter, escaped once
    assert about.find("meta", property="og:title")["content"] == "Q&A about <markup> & more"
    redirect = soup_of(out(built) / "old/markup-everywhere.html")
    assert redirect.title.get_text() == MARKUP_TITLE and redirect.a.get_text() == MARKUP_TITLE


def test_template_syntax_is_never_evaluated(built):
    for path in out(built).rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            assert EVALUATED not in path.read_text(encoding="utf-8"), path
    post = soup_of(out(built) / f"{TEMPLATE}.html")
    heading = post.find("h1").get_text()
    assert heading.startswith("{{ 7*7 }} {{ 7*1234567 }}") and "49" not in heading
    assert post.find("meta", property="og:title")["content"] == TEMPLATE_TITLE
    assert post.find("meta", attrs={"name": "description"})["content"] == (
        "{{ config.__class__ }} {{ ''.__class__.__mro__ }} {% include 'layout.html' %}")
    assert [a.get_text() for a in post.select(".np-post-meta a[rel=author]")] == ["{{ 7*1234567 }}"]


def test_json_ld_is_data_that_cannot_end_its_script(built):
    records = {}
    for path in html_files(built):
        text = path.read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, flags=re.S)
        assert len(blocks) == len(soup_of(path).find_all("script", type="application/ld+json"))
        for block in blocks:
            assert not re.search(r"</script|<!--|<script", block, flags=re.I), path
            records.setdefault(path.relative_to(out(built)).as_posix(), []).append(json.loads(block))
    article = records[f"{MARKUP}.html"][0]
    assert article["headline"] == MARKUP_TITLE
    assert article["author"] == [{"@type": "Person", "name": '<img src=x onerror=alert("author")>'}]
    [card] = article["image"]  # every image of that post was refused: its social card stands in
    assert card.startswith("https://hostile.example.org/_images/social/posts-2025-03-01-markup-everywhere.")
    assert records[f"{REMOTE}.html"][0]["image"] == [REMOTE_TEASER, "https://images.remote.example/og.png"]
    faq = next(record for record in records[f"{BODY}.html"] if record["@type"] == "FAQPage")
    assert faq["mainEntity"][0]["name"].startswith("<script>alert(")  # text, curly quotes and all
    assert len(records) >= len(POSTS) + 1  # every post, and the front page's WebSite


def test_links_to_other_hosts_carry_noopener(built):
    checked = 0
    for path in html_files(built):
        for link in soup_of(path).find_all("a", href=True):
            parts = urlsplit(link["href"])
            if parts.scheme in ("http", "https") and parts.hostname != SITE_HOST:
                assert "noopener" in link.get("rel", []), (path.name, link["href"])
                checked += 1
    body = soup_of(out(built) / f"{BODY}.html").select_one("article")
    foreign = [a["href"] for a in body.find_all("a", href=re.compile("^https://(other|news)"))]
    assert foreign == ["https://other.example.org/story", "https://other.example.org/answer",
                       'https://news.example.com/story?a=1&b="><script>alert("source")</script>']
    assert checked >= 3 * len(POSTS) + len(foreign) + 1  # share links, the links above, the RST post's link


# -- feeds, sitemaps, redirect pages ----------------------------------------------------------------

def feed_files(app, name: str) -> list[Path]:
    return sorted(out(app).rglob(name))


def test_feeds_parse_and_keep_payloads_as_text(built):
    atoms, rsss, jsons = feed_files(built, "atom.xml"), feed_files(built, "rss.xml"), feed_files(built, "feed.json")
    assert len(atoms) == len(rsss) == len(jsons) > 10  # the site, and every tag and category
    titles = {meta_of(built, docname).title for docname in POSTS}
    atom_ns = "{http://www.w3.org/2005/Atom}"
    for path in atoms + rsss:
        raw = path.read_bytes()
        assert b"]]>" not in raw and b"<![CDATA[" not in raw, path
        assert not feedparser.parse(raw).bozo, path
        root = ET.fromstring(raw)
        if root.tag == f"{atom_ns}feed":
            entries = root.findall(f"{atom_ns}entry")
            assert {entry.findtext(f"{atom_ns}title") for entry in entries} <= titles
            fragments = [entry.findtext(f"{atom_ns}content") for entry in entries]
            links = [link.get("href") for link in root.iter(f"{atom_ns}link")]
        else:
            items = root.findall("channel/item")
            assert {item.findtext("title") for item in items} <= titles
            for item in items:  # an escaped summary: HTML that holds text only
                assert BeautifulSoup(item.findtext("description"), "html.parser").find(True) is None
            fragments = [item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") for item in items]
            links = [item.findtext("link") for item in items] + [e.get("url") for e in root.iter("enclosure")]
        for fragment in fragments:
            assert markup_problems(BeautifulSoup(fragment, "html.parser")) == [], path
        assert all(scheme_of(link) in ("http", "https") for link in links), path
    for path in jsons:
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert {item["title"] for item in feed["items"]} <= titles
        for item in feed["items"]:
            assert markup_problems(BeautifulSoup(item["content_html"], "html.parser")) == [], path
            assert all(scheme_of(item[key]) == "https" for key in ("url", "image") if key in item)
    site = ET.fromstring((out(built) / "blog/atom.xml").read_bytes())
    entry = next(e for e in site.findall(f"{atom_ns}entry") if e.findtext(f"{atom_ns}title") == MARKUP_TITLE)
    assert entry.findtext(f"{atom_ns}summary") == meta_of(built, MARKUP).summary
    assert [a.findtext(f"{atom_ns}name") for a in entry.findall(f"{atom_ns}author")] == [
        '<img src=x onerror=alert("author")>']


def test_sitemaps_list_only_this_site(built):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    sitemap = ET.fromstring((out(built) / "sitemap.xml").read_bytes())
    locations = [loc.text for loc in sitemap.iterfind("s:url/s:loc", ns)]
    pages = {path.relative_to(out(built)).as_posix() for path in html_files(built) if not is_redirect_page(path)}
    assert sorted(locations) == sorted(BASE + page for page in pages - {"genindex.html", "search.html"})
    news = ET.fromstring((out(built) / "news-sitemap.xml").read_bytes())
    assert [title.text for title in news.iterfind("s:url/n:news/n:title", ns)] == [TEMPLATE_TITLE, "Remote teaser"]
    assert b"]]>" not in (out(built) / "news-sitemap.xml").read_bytes()


def test_redirect_pages_lead_only_to_posts(built):
    redirects = [path for path in html_files(built) if is_redirect_page(path)]
    assert len(redirects) == len(POSTS) + 1  # each post's Jekyll address, and /old/markup-everywhere.html
    posts = {BASE + f"{docname}.html" for docname in POSTS}
    for path in redirects:
        page = soup_of(path)
        targets = [page.find("link", rel="canonical")["href"], page.find("a")["href"],
                   url_values(page.find("meta", attrs={"http-equiv": "refresh"}))[0][1]]
        assert len(set(targets)) == 1 and targets[0] in posts, path


# -- in a browser ----------------------------------------------------------------------------------

#: Every URL-bearing attribute, resolved by the browser's own URL parser.
RESOLVED_URLS = """() => {
  const names = ["href", "src", "action", "formaction", "poster", "cite", "data", "background", "ping"];
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) found.push([element.localName, attribute.name, "handler"]);
    }
    for (const name of names) {
      if (!element.hasAttribute(name)) continue;
      let url;
      try { url = new URL(element.getAttribute(name), document.baseURI); } catch (error) { continue; }
      found.push([element.localName, name, url.protocol, url.href.slice(0, 40)]);
    }
  }
  document.querySelectorAll("details").forEach(details => { details.open = true; });
  return found;
}"""
PIXEL_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                          "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082")


@needs_chromium
@pytest.mark.browser
def test_no_page_runs_a_payload_in_chromium(built, browser):
    dialogs, errors, remote = [], [], set()

    def stub_other_hosts(route):
        """Nothing leaves this machine: other hosts get a blank page or a one-pixel image."""
        request = route.request
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
            return
        remote.add(urlsplit(request.url).hostname)
        if request.resource_type == "image":
            route.fulfill(status=200, content_type="image/png", body=PIXEL_PNG)
        else:
            route.fulfill(status=200, content_type="text/html", body="<!DOCTYPE html><title>elsewhere</title>")

    context = browser.new_context()
    context.route("**/*", stub_other_hosts)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.type, dialog.message)), dialog.dismiss()))
    page.on("console", lambda message: errors.append((page.url, message.type, message.text))
            if message.type in ("error", "warning") and not dropped_by_the_server(message.text) else None)
    page.on("pageerror", lambda error: errors.append((page.url, str(error))))
    pages = [path.relative_to(out(built)).as_posix() for path in html_files(built)]
    unsafe = {}
    with serve(out(built)) as base:
        page.goto(base + "search.html?q=alert")  # search results show titles and text of the hostile posts
        # Pagefind's results, as the search page lists them, all loaded (the count line follows the last)
        page.wait_for_function("document.querySelector('#search-results .np-search-status')?.innerText")
        shown = " ".join(page.locator("#search-results li").all_inner_texts())
        assert "<script>alert(" in shown and "<img src=x onerror=alert(" in shown, shown  # as text
        unsafe["search.html?q=alert"] = [entry for entry in page.evaluate(RESOLVED_URLS)
                                         if entry[2] not in ("http:", "https:")]
        for name in pages:
            url = base + quote(name)
            if is_redirect_page(out(built) / name):
                page.goto(url, wait_until="commit")
                page.wait_for_url(BASE + "**")  # the refresh leads to the post, on its own site
                continue
            response = page.goto(url, wait_until="load")
            assert response.status == 200, name
            found = page.evaluate(RESOLVED_URLS)
            unsafe[name] = [entry for entry in found if entry[2] == "handler" or (
                entry[2] not in ("http:", "https:", "mailto:")
                and not (entry[0] == "img" and entry[2] == "data:" and RASTER_DATA_IMAGE.match(entry[3])))]
    context.close()
    assert dialogs == []
    assert errors == []
    assert {name: entries for name, entries in unsafe.items() if entries} == {}
    assert remote <= {"images.remote.example", SITE_HOST}
    assert len(pages) >= 40


# -- the corpus ----------------------------------------------------------------------------------

def test_the_corpus_covers_every_field_and_both_formats():
    sources = {path.name: path.read_text(encoding="utf-8") for path in (ROOTS / "test-hostile" / "posts").iterdir()}
    assert any(name.endswith(".rst") for name in sources) and any(name.endswith(".md") for name in sources)
    text = "\n".join(sources.values())
    for field in ("title:", "excerpt:", "description:", "keywords:", "tags:", "categories:", "author:", "authors:",
                  "teaser:", "  image:", "og_image:", "\nimage:", "permalink:", "redirect_from:", "aliases:",
                  ":tags:", ":author:", ":excerpt:", ":permalink:", "{source}", ".. source::", ".. faq::", "## FAQ"):
        assert field in text, field
    for payload in ("<script>alert(", '"><img src=x onerror=alert(', "</script><script>alert(", "]]>",
                    "{{ 7*7 }}", "{% raw %}", "'-alert(1)-'", "JaVaScRiPt:", "&#106;avascript:", "java\\tscript:",
                    "vbscript:", "data:text/html", "  \\tjavascript:", "\\x01javascript:"):
        assert payload in text, payload
