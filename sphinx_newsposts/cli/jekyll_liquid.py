"""Turn the Liquid and kramdown of a Jekyll post body into Markdown that MyST reads.

Only constructs with a faithful MyST form are converted; everything else is left in place,
byte for byte, and reported with its line in the converted file.

What is converted, and into what:

``{% raw %}...{% endraw %}``
    The tags are dropped and the text between them is kept as it is (it is never converted).
``{% highlight lang %}...{% endhighlight %}``
    A fenced code block in *lang*; with ``linenos``, a ``{code-block}`` directive with ``:linenos:``.
``{% link path %}``, ``{% post_url name %}``
    The path of the imported document, relative to the post (MyST checks such links when building).
``{{ site.baseurl }}``, ``{{ site.url }}``
    Dropped in front of a ``/``, leaving a site-relative address; elsewhere ``{{ site.url }}`` becomes
    the site's address (``html_baseurl``) when ``_config.yml`` gives one.
``{{ site.NAME }}``
    The value of a text or number ``NAME`` in ``_config.yml`` (``{{ site.repository }}``).
``{{ "/path" | relative_url }}``, ``| absolute_url``
    The site-relative path.
``{% include figure image_path=... alt=... caption=... %}``
    On a line of its own: a ``{figure}`` directive with ``:alt:`` and the caption.
``{% include video id=... provider=youtube %}`` (and ``vimeo``)
    On a line of its own: a plain link to the video (no embedded player).
kramdown attribute lists ``{: ...}``
    Classes (``.name``) and ids (``#name``) are kept as MyST attributes: right after an image or a
    link as an inline attribute (``attrs_inline``), on a line of their own before the block they
    belong to (``attrs_block``; kramdown writes them after a paragraph, MyST before it). Other
    attributes (``target="_blank"``, ``style=...``) have no MyST form that every builder honours:
    they are dropped and noted. An attribute list after a block other than a paragraph, heading or
    image (a list, a table, a quote) is left in place and reported.

Liquid is converted inside code blocks too, as Jekyll runs Liquid before Markdown; kramdown
attribute lists inside code blocks are text and are left alone.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections import Counter
from collections.abc import Callable

from ..reading.post_folders import post_named, posts_of_file_name

#: Marks a ``{% raw %}`` region while the rest is converted; never found in a post.
_RAW_MARK = "\ue000"
_RAW_REGION = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_RAW_PLACEHOLDER = re.compile(_RAW_MARK + r"(\d+)" + _RAW_MARK + r"(\n*)" + _RAW_MARK)
_HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+([\w+#.-]+)((?:\s+[\w=\"']+)*)\s*-?%\}\n?(.*?)\n?[ \t]*\{%-?\s*endhighlight\s*-?%\}", re.S)
_LINK = re.compile(r"\{%-?\s*link\s+(\S+?)\s*-?%\}")
_POST_URL = re.compile(r"\{%-?\s*post_url\s+(\S+?)\s*-?%\}")
_BASE_BEFORE_SLASH = re.compile(r"\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}(?=/|\{\{-?\s*site\.baseurl)")
_SITE_VARIABLE = re.compile(r"\{\{-?\s*site\.(\w+)\s*-?\}\}")
_URL_FILTER = re.compile(r"\{\{-?\s*([\"'])([^\"'{}]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}")
_INCLUDE = re.compile(
    r"^([ \t]*)\{%-?\s*include\s+(figure|video)((?:\s+[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+))*)\s*-?%\}[ \t]*$", re.M)
_PARAMETER = re.compile(r"([\w-]+)=(?:\"([^\"]*)\"|'([^']*)'|(\S+))")
_LIQUID = re.compile(r"\{%-?\s*(\w+).*?-?%\}|\{\{-?\s*([^}|\s]*).*?-?\}\}", re.S)
_INLINE_IAL = re.compile(r"(!?\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\))\{:\s*([^}]*)\}")
_BLOCK_IAL = re.compile(r"^[ \t]*\{:\s*([^}]*)\}[ \t]*$")
_ANY_IAL = re.compile(r"\{:[^}]*\}")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_ATTRIBUTE = re.compile(r"\s*(?:([.#][\w-]+)|([\w-]+)=(?:\"[^\"]*\"|'[^']*'|\S+)|(\S+))")
_VIDEO_URLS = {"youtube": ("YouTube", "https://www.youtube.com/watch?v={}"),
               "vimeo": ("Vimeo", "https://vimeo.com/{}")}
#: Image attributes MyST's attrs_inline gives to images in every builder.
_IMAGE_KEYS = ("width", "height", "align")


@dataclasses.dataclass(frozen=True)
class Leftover:
    """A construct left in place: its kind (such as ``{% for %}``) and its line in the converted file."""

    kind: str
    line: int
    text: str


@dataclasses.dataclass
class Result:
    text: str
    converted: Counter = dataclasses.field(default_factory=Counter)
    leftovers: list[Leftover] = dataclasses.field(default_factory=list)
    #: Things dropped on purpose, with their line: (what, line).
    notes: list[tuple[str, int]] = dataclasses.field(default_factory=list)
    #: MyST extensions the converted text needs.
    needs: set[str] = dataclasses.field(default_factory=set)


@dataclasses.dataclass(frozen=True)
class Site:
    """What conversions need to know about the whole site."""

    #: Jekyll path of a document (``_posts/2020-01-01-a.md``) -> its path in the new site (``posts/...``).
    documents: dict[str, str]
    #: Values of ``_config.yml`` that can stand for ``{{ site.NAME }}``.
    variables: dict[str, str]
    #: ``html_baseurl``, or "".
    base_url: str = ""

    def post_path(self, name: str) -> str | None:
        """The new path of the post ``{% post_url name %}`` names exactly, as Jekyll 4 matches it
        (:func:`~sphinx_newsposts.reading.post_folders.post_named`)."""
        found = post_named(name, self.documents)
        return None if found is None else self.documents[found]

    def posts_of_file_name(self, name: str) -> list[str]:
        """Jekyll's fallback when nothing matches exactly (with a deprecation warning): the posts
        in any ``_posts`` folder with *name*'s date and title, in Jekyll's order."""
        return [self.documents[found] for found in posts_of_file_name(name, self.documents)]


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _fence_for(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _parameters(text: str) -> dict[str, str]:
    return {match[1]: next(group for group in match.groups()[1:] if group is not None)
            for match in _PARAMETER.finditer(text)}


class _Converter:
    def __init__(self, text: str, docpath: str, site: Site, first_line: int):
        self.text = text
        self.docpath = docpath
        self.site = site
        self.first_line = first_line
        self.result = Result(text)

    def count(self, kind: str) -> None:
        self.result.converted[kind] += 1

    def sub(self, pattern: re.Pattern, replace: Callable[[re.Match], str | None]) -> None:
        """Replace each match with what *replace* gives; None leaves it as written."""
        def one(match: re.Match) -> str:
            new = replace(match)
            return match[0] if new is None else new
        self.text = pattern.sub(one, self.text)

    def relative(self, new_path: str) -> str:
        return posixpath.relpath(new_path, posixpath.dirname(self.docpath) or ".")

    # -- Liquid -------------------------------------------------------------------------
    def highlight(self, match: re.Match) -> str:
        language, options, code = match[1], match[2].split(), match[3]
        fence = _fence_for(code)
        if "linenos" in options:
            self.count("highlight (linenos)")
            return f"{fence}{{code-block}} {language}\n:linenos:\n\n{code}\n{fence}"
        self.count("highlight")
        return f"{fence}{language}\n{code}\n{fence}"

    def link(self, match: re.Match) -> str | None:
        new_path = self.site.documents.get(match[1].lstrip("/"))
        if new_path is None:
            return None
        self.count("link")
        return self.relative(new_path)

    def post_url(self, match: re.Match) -> str | None:
        new_path = self.site.post_path(match[1])
        if new_path is None:
            found = self.site.posts_of_file_name(match[1])
            if not found:
                return None
            new_path = found[0]
            if len(found) > 1:
                self.result.notes.append((f"{match[0].strip()} names {len(found)} posts; linked to the first, "
                                          f"{new_path}, as Jekyll does; give the folders to choose another", 0))
        self.count("post_url")
        return self.relative(new_path)

    def site_base(self, match: re.Match) -> str:
        self.count("site.url/baseurl")
        return ""

    def site_variable(self, match: re.Match) -> str | None:
        name = match[1]
        if name == "url" and self.site.base_url:
            self.count("site.url/baseurl")
            return self.site.base_url.rstrip("/")
        if name in ("url", "baseurl") or name not in self.site.variables:
            return None
        self.count(f"site.{name}")
        return self.site.variables[name]

    def url_filter(self, match: re.Match) -> str:
        self.count("relative_url/absolute_url")
        return match[2]

    def include(self, match: re.Match) -> str | None:
        indent, name, parameters = match[1], match[2], _parameters(match[3])
        if name == "figure":
            path = parameters.get("image_path")
            if not path or set(parameters) - {"image_path", "alt", "caption"}:
                return None
            self.count("include figure")
            lines = [f"```{{figure}} {path}"]
            if parameters.get("alt"):
                lines.append(f":alt: {parameters['alt']}")
            if parameters.get("caption"):
                lines += ["", parameters["caption"]]
            lines.append("```")
            return "\n".join(indent + line if line else line for line in lines)
        provider = parameters.get("provider", "").lower()
        if provider not in _VIDEO_URLS or not parameters.get("id"):
            return None
        self.count("include video")
        site_name, pattern = _VIDEO_URLS[provider]
        url = pattern.format(parameters["id"])
        return f"{indent}[Watch the video on {site_name}]({url})"

    # -- kramdown attribute lists -------------------------------------------------------
    def attributes(self, text: str, line: int, *, image: bool) -> str:
        """MyST attributes for kramdown's *text*: classes and ids (and an image's size); the rest is noted."""
        kept = []
        for match in _ATTRIBUTE.finditer(text):
            if match[1]:
                kept.append(match[1])
            elif match[2] and image and match[2] in _IMAGE_KEYS:
                kept.append(match[0].strip())
            elif match[0].strip():
                self.result.notes.append((f"kramdown attribute {match[0].strip()} dropped", line))
        return " ".join(kept)

    def inline_attributes(self, line_text: str, number: int) -> str:
        def one(match: re.Match) -> str:
            attributes = self.attributes(match[2], number, image=match[1].startswith("!"))
            self.count("kramdown attributes (inline)")
            if not attributes:
                return match[1]
            self.result.needs.add("attrs_inline")
            return f"{match[1]}{{{attributes}}}"
        return _INLINE_IAL.sub(one, line_text)

    def block_attributes(self) -> None:
        lines = self.text.split("\n")
        fence = ""
        for index, line in enumerate(lines):
            opening = _FENCE.match(line)
            if fence:
                if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence) and not line.strip(
                        " \t`~"):
                    fence = ""
                continue
            if opening:
                fence = opening[1]
                continue
            number = self.first_line + index
            if _INLINE_IAL.search(line):
                line = lines[index] = self.inline_attributes(line, number)
            match = _BLOCK_IAL.match(line)
            if not match:
                continue
            before = lines[index - 1] if index else ""
            after = lines[index + 1] if index + 1 < len(lines) else ""
            if before.strip() and self._movable(lines, index):
                start = index - 1
                while start > 0 and lines[start - 1].strip():
                    start -= 1
                attributes = self.attributes(match[1], number, image=before.lstrip().startswith("!["))
                del lines[index]
                if attributes:
                    lines.insert(start, f"{{{attributes}}}")
                    self.result.needs.add("attrs_block")
                else:
                    lines.insert(start, "")  # keeps the line numbers of what follows
                self.count("kramdown attributes (block)")
            elif not before.strip() and after.strip():  # kramdown's other place: before the block
                attributes = self.attributes(match[1], number, image=after.lstrip().startswith("!["))
                lines[index] = f"{{{attributes}}}" if attributes else ""
                if attributes:
                    self.result.needs.add("attrs_block")
                self.count("kramdown attributes (block)")
        self.text = "\n".join(lines)

    @staticmethod
    def _movable(lines: list[str], index: int) -> bool:
        """Whether the block ending before *index* is a paragraph, a heading or an image line."""
        start = index - 1
        while start > 0 and lines[start - 1].strip():
            start -= 1
        block = lines[start:index]
        if len(block) == 1 and block[0].lstrip().startswith("#"):
            return True
        return not any(re.match(r"\s*([-*+>|]\s|\d+[.)]\s|#|`{3}|~{3}|<|\{)", line) or line.startswith(("    ", "\t"))
                       for line in block)

    # -- the whole body -----------------------------------------------------------------
    def run(self) -> Result:
        raws: list[str] = []

        def hide(match: re.Match) -> str:
            raws.append(match[1])
            self.count("raw")
            return f"{_RAW_MARK}{len(raws) - 1}{_RAW_MARK}" + "\n" * match[1].count("\n") + _RAW_MARK

        self.text = _RAW_REGION.sub(hide, self.text)
        self.sub(_HIGHLIGHT, self.highlight)
        self.sub(_LINK, self.link)
        self.sub(_POST_URL, self.post_url)
        self.sub(_URL_FILTER, self.url_filter)
        self.sub(_BASE_BEFORE_SLASH, self.site_base)
        self.sub(_SITE_VARIABLE, self.site_variable)
        self.sub(_INCLUDE, self.include)
        self.block_attributes()
        self._report_leftovers()
        self.result.text = _RAW_PLACEHOLDER.sub(lambda match: raws[int(match[1])], self.text)
        return self.result

    def _report_leftovers(self) -> None:
        for match in _LIQUID.finditer(self.text):
            if match[1]:
                tag = match[1]
                if tag == "include":
                    name = re.match(r"\{%-?\s*include\s+(\S+)", match[0])
                    tag = f"include {name[1] if name else ''}".strip()
                kind = f"{{% {tag} %}}"
            else:
                kind = f"{{{{ {match[2] or '...'} }}}}"
            self.result.leftovers.append(Leftover(kind, self.first_line + _line_of(self.text, match.start()) - 1,
                                                  " ".join(match[0].split())))
        lines = self.text.split("\n")
        fence = ""
        for index, line in enumerate(lines):
            opening = _FENCE.match(line)
            if fence or opening:
                if opening and not fence:
                    fence = opening[1]
                elif opening and opening[1][0] == fence[0] and not line.strip(" \t`~"):
                    fence = ""
                continue
            for match in _ANY_IAL.finditer(line):
                self.result.leftovers.append(Leftover("kramdown attributes", self.first_line + index, match[0]))


def convert(text: str, docpath: str, site: Site, first_line: int = 1) -> Result:
    """Convert the body *text* of the document at *docpath* (its path in the new site).

    *first_line* is the line of the file *text* starts on, for the locations reported.
    """
    return _Converter(text, docpath, site, first_line).run()
