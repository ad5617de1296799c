"""The sanitizer of raw HTML as pure functions: :func:`sanitize_pieces` (the HTML around the
nodes Markdown puts between raw pieces) and :func:`html_policy.removals` (what is removed, and why).

The site's view (warnings at their lines, pages in a browser) is in tests/test_raw_html.py.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from sphinx_newsposts.reading.html_policy import DEFAULT_EMBED_HOSTS, EMBED_SANDBOX, is_allowed_embed, removals
from sphinx_newsposts.reading.raw_html import sanitize_pieces

HOSTS = DEFAULT_EMBED_HOSTS
NODE = None  # a docutils node between raw pieces, as sanitize_pieces takes it


def sanitized(*pieces: str | None) -> list[str] | None:
    return sanitize_pieces(list(pieces), HOSTS)


def removed(fragment: str, hosts=HOSTS) -> list[str]:
    return list(removals(fragment, hosts))


# -- pieces around nodes --------------------------------------------------------------------------

def test_a_tag_stays_paired_around_the_node_between():
    assert sanitized("<details><summary>x</summary>", NODE, "</details>") == [
        "<details><summary>x</summary>", "</details>"]


def test_a_tag_left_open_before_a_node_is_closed_after_it():
    assert sanitized("<b>", NODE) == ["<b>", "</b>"]
    assert sanitized('<a href="javascript:alert(1)">', NODE) == ['<a rel="noopener">', "</a>"]


def test_a_node_inside_a_script_is_kept_and_the_script_removed():
    # one slot per node: the node keeps its place; nothing of the script is left around it
    assert sanitized("<script>", NODE, "</script>") == ["", ""]
    assert sanitized("<p>a", NODE, "<script>alert(1)</script>b", NODE, "</p>") == ["<p>a", "b", "</p>"]


def test_a_node_inside_an_element_removed_with_its_content_keeps_its_place():
    assert sanitized("<textarea>", NODE, "x</textarea>") == ["", ""]
    assert sanitized("<p>a<noscript>", NODE, "x</noscript>", NODE, "b</p>") == ["<p>a", "", "b</p>"]


def test_nodes_a_table_moves_out_of_order_cannot_be_split():
    # the second node stands straight in the <table>: HTML moves it before the table, ahead of the first
    assert sanitized("<table><tr><td>", NODE, "</td></tr>", NODE, "</table>") is None
    assert sanitized("<table><tr><td>", NODE, "</td></tr></table>") == ["<table><tbody><tr><td>",
                                                                         "</td></tr></tbody></table>"]


@pytest.mark.parametrize("fake", [
    '<np-0123456789ab data-piece="0"></np-0123456789ab>',
    '<np-0123456789ab data-piece="1"></np-0123456789ab>',
    '<np-marker data-piece="0"></np-marker>',
])
def test_a_post_cannot_forge_the_marker_of_a_node(fake):
    # the marker element is named afresh for every sanitizer: one written in a post is just an unknown tag
    assert sanitized(f"a{fake}b", NODE, f"c{fake}d") == ["ab", "cd"]
    assert sanitized(fake) == [""]


# -- what the sanitizer keeps and removes -----------------------------------------------------------

def test_embeds_from_listed_hosts_are_sandboxed_and_lazy():
    [html] = sanitized('<iframe src="https://www.youtube.com/embed/abc" width="560" allowfullscreen></iframe>')
    assert html == ('<iframe src="https://www.youtube.com/embed/abc" width="560" allowfullscreen="" '
                    f'sandbox="{EMBED_SANDBOX}" loading="lazy"></iframe>')
    # what the post writes does not loosen the sandbox or load the frame early
    [html] = sanitized('<iframe src="https://www.youtube.com/embed/abc" sandbox="allow-top-navigation" '
                       'loading="eager"></iframe>')
    assert html == f'<iframe src="https://www.youtube.com/embed/abc" sandbox="{EMBED_SANDBOX}" loading="lazy"></iframe>'
    assert sanitized('<iframe src="https://player.other.example/embed/7"></iframe>') == [""]
    assert sanitized('<iframe srcdoc="<script>alert(1)</script>"></iframe>') == [""]


def test_an_iframe_written_in_an_attribute_stays_text():
    # the embed attributes are added to iframe tags of the sanitized HTML, where "<" in a value is "&lt;"
    assert sanitized('<abbr title=\'<iframe src="https://www.youtube.com/embed/a">\'>x</abbr>') == [
        '<abbr title="&lt;iframe src=&quot;https://www.youtube.com/embed/a&quot;&gt;">x</abbr>']


def test_the_same_embed_always_gives_the_same_html():
    # the attributes every embed gets are written in one order: builds are reproducible
    results = {tuple(sanitized('<p><iframe src="https://player.vimeo.com/video/1"></iframe></p>')) for _ in range(20)}
    assert len(results) == 1


@pytest.mark.parametrize(("url", "allowed"), [
    ("https://www.youtube.com/embed/abc", True), ("http://www.youtube.com/embed/abc", True),
    ("https://www.youtube.com/watch?v=abc", False),  # the entry is host/path-prefix
    ("https://www.youtube.com.evil.example/embed/abc", False), ("https://evil.example/www.youtube.com/embed/", False),
    ("javascript://www.youtube.com/embed/%0aalert(1)", False), ("//www.youtube.com/embed/abc", False),
    ("https://player.vimeo.com/video/1", True), ("https://WWW.YOUTUBE.COM/embed/abc", True),
])
def test_embed_hosts_match_host_and_path_prefix(url, allowed):
    assert is_allowed_embed(url, HOSTS) is allowed


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>", "<svg><script>alert(1)</script></svg>", "<svg onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<iframe srcdoc="<script>alert(1)</script>">',
    '<iframe src="javascript:alert(1)">', '<object data="javascript:alert(1)">', '<embed src="javascript:alert(1)">',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="x.css">', '<style>@import "javascript:alert(1)";</style>',
    '<p style="background:url(javascript:alert(1))">x</p>', '<!--<img src="--><img src=x onerror=alert(1)>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>", "<img src=x:alert(1) onerror=eval(src)>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="data:image/svg+xml,<svg onload=alert(1)>">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>', '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>', '<a href="java\nscript:alert(1)">x</a>',
    '<img srcset="javascript:alert(1) 1x">', '<video poster="javascript:alert(1)">',
    '<blockquote cite="javascript:alert(1)">', '<details open ontoggle=alert(1)>',
    "<textarea>", "<title>", '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
])
def test_every_payload_is_reported_and_leaves_nothing_that_runs(payload):
    assert removed(payload) != []
    [html] = sanitized(payload)
    lowered = html.lower()
    for trace in ("<script", "<svg", "<math", "<iframe", "<object", "<embed", "<form", "<button", "<meta", "<base",
                  "<link", "<style", "<textarea", "<title", " on", "javascript", "data:text", "data:image/svg",
                  "style="):
        assert trace not in lowered, (trace, html)


def test_each_removal_says_what_and_why():
    assert removed("<script>alert(1)</script><b onclick=alert(2)>x</b>") == [
        "<script> removed with its content: scripts never run in posts",
        "event handler 'onclick' removed from <b>: it runs a script"]
    assert removed('<a href="&#106;avascript:alert(1)">x</a>') == [
        "href='javascript:alert(1)' removed from <a>: javascript: URLs do not become links or sources "
        "(http, https, mailto and relative URLs do)"]
    assert removed('<form><button formaction="javascript:alert(1)">x</button></form>') == [
        "<form> removed, its text kept: forms do not belong in posts",
        "<button> removed, its text kept: forms do not belong in posts"]
    assert removed('<iframe src="https://player.other.example/embed/7"></iframe>') == [
        "<iframe> from 'https://player.other.example/embed/7' removed: its host is not in newsposts_embed_hosts "
        "(add it there to allow embeds from it)"]
    assert removed('<img src="x:alert(1)">') == [
        "src='x:alert(1)' removed from <img>: x: URLs do not become links or sources "
        "(http, https, mailto and relative URLs do)"]


def test_inside_an_element_removed_with_its_content_nothing_more_is_reported():
    assert removed("<svg><script>alert(1)</script><image onload=alert(2)></svg><i onclick=alert(3)>x</i>") == [
        "<svg> removed with its content: SVG markup can hide scripts",
        "event handler 'onclick' removed from <i>: it runs a script"]


def test_an_embed_host_added_to_the_setting_is_allowed():
    iframe = '<iframe src="https://player.other.example/embed/7"></iframe>'
    hosts = [*HOSTS, "player.other.example/embed/"]
    assert removed(iframe, hosts) == []
    assert sanitize_pieces([iframe], hosts) == [
        f'<iframe src="https://player.other.example/embed/7" sandbox="{EMBED_SANDBOX}" loading="lazy"></iframe>']


@pytest.mark.parametrize("fragment", [
    "<details><summary>More</summary><p>Text</p></details>", "E = mc<sup>2</sup>, H<sub>2</sub>O",
    "<kbd>Ctrl</kbd>", '<abbr title="World Health Organization">WHO</abbr>',
    '<figure><img src="https://example.org/a.png" alt="A" width="10" height="10"><figcaption>A</figcaption></figure>',
    "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
    '<video controls><source src="https://example.org/a.mp4" type="video/mp4"></video>',
    '<audio controls src="clip.mp3"></audio>', '<img src="data:image/png;base64,AAAA" alt="pixel">',
    '<a href="https://example.org/">x</a>', '<a href="mailto:news@example.org">x</a>', '<a href="#top">x</a>',
    '<time datetime="2025-04-01">1 April</time>', '<ol start="3" reversed><li>x</li></ol>',
])
def test_what_posts_need_is_kept_and_not_reported(fragment):
    assert removed(fragment) == []
    [html] = sanitized(fragment)
    assert shape(html) == shape(fragment)


def shape(html: str) -> tuple[list, str]:
    """The elements of *html* with their attributes, and its text; without what the sanitizer adds
    (``rel="noopener"`` on links, the ``<tbody>`` the HTML parser puts in a table)."""
    soup = BeautifulSoup(html, "html.parser")
    elements = [(element.name, {name: value for name, value in element.attrs.items() if name != "rel"})
                for element in soup.find_all(True) if element.name != "tbody"]
    return elements, soup.get_text()


def test_links_get_noopener():
    assert sanitized('<a href="https://example.org/" target="_blank">x</a>') == [
        '<a href="https://example.org/" target="_blank" rel="noopener">x</a>']
