"""What raw HTML in a post may hold: the allow-list the sanitizer enforces, and the reasons given
for what it removes.

The list keeps what news posts use (text formatting, links, images, figures, tables,
``<details>``, ``<video>``/``<audio>`` with their sources, and ``<iframe>`` embeds from the hosts
of ``newsposts_embed_hosts``); scripts, styles, event handlers, forms, plugins and SVG/MathML
islands go. :func:`removals` reads a fragment as a browser would read its tags (entities decoded)
and says what the sanitizer will take out of it and why, so that each removal is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .urls import is_safe_image, is_safe_link, url_scheme

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "DEFAULT_EMBED_HOSTS",
    "EMBED_SANDBOX",
    "REMOVED_WITH_CONTENT",
    "URL_ATTRIBUTES",
    "is_allowed_embed",
    "is_allowed_url",
    "removals",
]

_TEXT = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
         "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
_BLOCKS = {"p", "div", "blockquote", "hr", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl",
           "dt", "dd", "figure", "figcaption", "details", "summary", "center", "address", "aside", "section"}
_TABLES = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
_MEDIA = {"img", "picture", "source", "video", "audio", "track", "iframe"}
ALLOWED_TAGS = frozenset(_TEXT | _BLOCKS | _TABLES | _MEDIA)

#: Tags removed together with everything inside them: what they hold is code, a document of its
#: own, or markup a browser parses by other rules (the mutation tricks of ``<noscript>``,
#: ``<svg>`` and ``<math>``).
REMOVED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "textarea", "title",
    "select", "option", "svg", "math", "object", "embed", "applet", "frameset", "frame",
})

_GLOBAL = {"title", "lang", "dir", "class", "id", "translate"}
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset(_GLOBAL),
    "a": frozenset({"href", "hreflang", "target", "download"}),
    "abbr": frozenset(), "data": frozenset({"value"}), "time": frozenset({"datetime"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
    "q": frozenset({"cite"}), "blockquote": frozenset({"cite"}),
    "ol": frozenset({"start", "reversed", "type"}), "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "img": frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"}),
    "source": frozenset({"src", "srcset", "sizes", "type", "media", "width", "height"}),
    "video": frozenset({"src", "poster", "controls", "width", "height", "loop", "muted", "playsinline", "preload",
                        "autoplay"}),
    "audio": frozenset({"src", "controls", "loop", "muted", "preload"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    "iframe": frozenset({"src", "width", "height", "allow", "allowfullscreen", "referrerpolicy", "frameborder"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
}
#: Attributes whose value is one URL, or (``srcset``) a list of them.
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "srcset"})
#: What an embed may do in its frame: run its player, in its own origin, and open its site.
EMBED_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation"
#: Video and map players news posts embed, as ``host`` or ``host/path-prefix``.
DEFAULT_EMBED_HOSTS = (
    "www.youtube.com/embed/", "www.youtube-nocookie.com/embed/", "player.vimeo.com/video/",
    "www.dailymotion.com/embed/", "www.google.com/maps/embed", "www.openstreetmap.org/export/embed.html",
    "datawrapper.dwcdn.net/", "flo.uri.sh/",
)


def is_allowed_embed(url: str, embed_hosts: Iterable[str]) -> bool:
    """True for an http(s) URL on one of *embed_hosts* (``host`` or ``host/path-prefix``)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return False
    for entry in embed_hosts:
        host, _slash, prefix = entry.strip().partition("/")
        if parts.hostname == host.lower() and parts.path.startswith("/" + prefix):
            return True
    return False


def _urls(attribute: str, value: str) -> list[str]:
    if attribute != "srcset":
        return [value]
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def is_allowed_url(tag: str, attribute: str, value: str) -> bool:
    """The URL rule of the allow-list: links and sources may be http, https, mailto or relative;
    only images (``img``, ``picture``'s ``source``, a video's ``poster``) may be ``data:`` rasters."""
    images = tag == "img" or attribute == "poster" or tag == "source" and attribute == "srcset"
    check = is_safe_image if images else is_safe_link
    # is_safe_image lets only raster images through as data:; any other scheme goes (nh3 removes it too)
    return all(check(url) and url_scheme(url) in ("", "http", "https", "mailto", *(("data",) if images else ()))
               for url in _urls(attribute, value))


def _attribute_problem(tag: str, attribute: str, value: str | None, embed_hosts: Iterable[str]) -> str | None:
    if attribute.startswith("on"):
        return f"event handler {attribute!r} removed from <{tag}>: it runs a script"
    if attribute == "style":
        return f"'style' removed from <{tag}>: posts take their look from the theme, and styles can cover the page"
    if attribute not in ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset()):
        return f"attribute {attribute!r} removed from <{tag}>: not on the allow-list for <{tag}>"
    if attribute in URL_ATTRIBUTES and value is not None and not is_allowed_url(tag, attribute, value):
        scheme = next((url_scheme(url) for url in _urls(attribute, value) if url_scheme(url)), "")
        return (f"{attribute}={value[:60]!r} removed from <{tag}>: {scheme}: URLs do not become links or sources "
                "(http, https, mailto and relative URLs do)")
    if tag == "iframe" and attribute == "src" and value is not None and not is_allowed_embed(value, embed_hosts):
        return (f"<iframe> from {value[:60]!r} removed: its host is not in newsposts_embed_hosts (add it there to "
                "allow embeds from it)")
    return None


class _TagReader(HTMLParser):
    """The start tags of a fragment with their attributes, entities decoded, as a browser sees them;
    inside a tag removed with its content, nothing more."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._inside: list[str] = []  # removed tags open around the parser's position

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._inside:
            self.tags.append((tag, attrs))
        if tag in REMOVED_WITH_CONTENT and (self._inside or tag not in self.CDATA_CONTENT_ELEMENTS):
            self._inside.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._inside:
            self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._inside:
            del self._inside[self._inside.index(tag):]


_WHY_REMOVED_WITH_CONTENT = {
    "script": "scripts never run in posts", "style": "styles come from the theme",
    "svg": "SVG markup can hide scripts", "math": "MathML markup can hide scripts",
    "noscript": "its content is read by other rules and can hide scripts",
    "object": "plugins do not run in posts", "embed": "plugins do not run in posts",
    "applet": "plugins do not run in posts",
}


def removals(fragment: str, embed_hosts: Iterable[str]) -> Iterator[str]:
    """What the sanitizer removes from *fragment*, and why; one line each."""
    reader = _TagReader()
    reader.feed(fragment)
    reader.close()
    for tag, attrs in reader.tags:
        if tag in REMOVED_WITH_CONTENT:
            yield f"<{tag}> removed with its content: {_WHY_REMOVED_WITH_CONTENT.get(tag, 'not on the allow-list')}"
        elif tag not in ALLOWED_TAGS:
            reason = "forms do not belong in posts" if tag in ("form", "input", "button") else "not on the allow-list"
            yield f"<{tag}> removed, its text kept: {reason}"
        else:
            for attribute, value in attrs:
                problem = _attribute_problem(tag, attribute, value, embed_hosts)
                if problem:
                    yield problem
