"""Jekyll's own Liquid tags: ``include``, ``include_relative``, ``link``, ``post_url`` and ``highlight``.

- ``include`` reads a file of ``_includes/`` and runs it with the tag's parameters as
  ``include.NAME``; ``include_relative`` reads a file next to the post. Neither reads a file
  outside the source folder, and each file read is recorded as a dependency of the post.
- ``link`` and ``post_url`` give the path of the named document relative to the post (such as
  ``../_posts/2019-10-01-release.md``): in a Markdown link MyST resolves it to the page's
  address, whatever the builder, and reports it when the document is gone. ``post_url`` names a
  post as Jekyll 4 does: ``en/news/2019-10-07-x`` is ``en/news/_posts/2019-10-07-x.md`` (or
  ``_posts/en/news/…``); a bare file name that names no post of the top ``_posts`` folder is the
  first post of that name in any ``_posts`` folder, by path.
- ``highlight LANG [linenos]`` becomes a fenced code block (a ``{code-block}`` directive with
  ``:linenos:``).
"""

from __future__ import annotations

import posixpath
import re
from io import StringIO
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidError, LiquidSyntaxError, TemplateNotFoundError
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream

    from .liquid_context import LiquidContext

_PARAMETER = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_FILE_NAME = re.compile(r"""\s*("[^"]*"|'[^']*'|\{\{.*?\}\}|\S+)(.*)""", re.S)
_PATH_PART = re.compile(r"[^.\[\]]+|\[(\d+)\]")
#: Where tags find the document's context; a space keeps it out of reach of template variables.
CONTEXT_KEY = " newsposts liquid"


def _expression_text(stream: TokenStream) -> tuple[Token, str]:
    token = stream.eat(TOKEN_TAG)
    if stream.current.kind == TOKEN_EXPRESSION:
        text = stream.current.value
        next(stream)
        return token, text
    return token, ""


def _our(context: RenderContext) -> LiquidContext:
    return context.globals[CONTEXT_KEY]  # type: ignore[return-value]


def _value(context: RenderContext, text: str) -> Any:
    """The value of a variable path such as ``page.image.path`` or ``list[0]``; None if undefined."""
    parts: list[object] = []
    for match in _PATH_PART.finditer(text):
        parts.append(int(match[1]) if match[1] is not None else match[0])
    if not parts:
        return None
    value = context.get(parts, token=None, default=None)
    return None if value is None or type(value).__name__.endswith("Undefined") else value


def _rendered(context: RenderContext, text: str) -> str:
    """*text* with its ``{{ ... }}`` run (Jekyll allows them in file names and parameters)."""
    if "{{" not in text:
        return text
    buffer = StringIO()
    context.env.from_string(text).render_with_context(context, buffer, partial=True)
    return buffer.getvalue()


def _split_name(context: RenderContext, text: str) -> tuple[str, str]:
    match = _FILE_NAME.match(text)
    if match is None or not match[1]:
        raise LiquidSyntaxError("the tag names no file", token=None)
    name = match[1]
    if name[0] in "\"'":
        name = name[1:-1]
    return _rendered(context, name).strip(), match[2]


class _IncludeNode(Node):
    __slots__ = ("text", "relative")

    def __init__(self, token: Token, text: str, *, relative: bool) -> None:
        super().__init__(token)
        self.text, self.relative = text, relative
        self.blank = False

    def __str__(self) -> str:
        return f"{{% {'include_relative' if self.relative else 'include'} {self.text} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        ours = _our(context)
        name, rest = _split_name(context, self.text)
        folder = (ours.files.srcdir / posixpath.dirname(ours.document_path) if self.relative
                  else ours.files.srcdir / "_includes")
        path = ours.files.inside(folder / name)
        if path is None or not path.is_relative_to(ours.files.srcdir if self.relative else folder.resolve()):
            raise TemplateNotFoundError(f"{name!r} is outside the source folder", token=self.token)
        if not path.is_file():
            raise TemplateNotFoundError(f"{name!r} not found", token=self.token)
        ours.reads.add(str(path))
        template = ours.files.templates.get(path)
        if template is None:
            template = context.env.from_string(path.read_text(encoding="utf-8-sig"), name=name)
            ours.files.templates[path] = template
        parameters: dict[str, Any] = {}
        for match in _PARAMETER.finditer(rest):
            if match[4] is not None:
                parameters[match[1]] = _value(context, match[4])
            else:
                parameters[match[1]] = _rendered(context, match[2] if match[2] is not None else match[3])
        with context.extend({"include": parameters}, template=template):
            template.render_with_context(context, buffer, partial=True)
        return True


class IncludeTag(Tag):
    name = "include"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = _expression_text(stream)
        return _IncludeNode(token, text, relative=False)


class IncludeRelativeTag(Tag):
    name = "include_relative"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = _expression_text(stream)
        return _IncludeNode(token, text, relative=True)


class _LinkNode(Node):
    __slots__ = ("text", "post")

    def __init__(self, token: Token, text: str, *, post: bool) -> None:
        super().__init__(token)
        self.text, self.post = text, post
        self.blank = False

    def __str__(self) -> str:
        return f"{{% {'post_url' if self.post else 'link'} {self.text} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        ours = _our(context)
        name = _rendered(context, self.text.strip()).strip()
        source = ours.find_source(name, self.post)
        if source is None:
            what = "post" if self.post else "file"
            raise LiquidError(f"no {what} {name!r} in the source folder", token=self.token)
        here = posixpath.dirname(ours.document_path)
        buffer.write(posixpath.relpath(source, here or "."))
        return True


class LinkTag(Tag):
    name = "link"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = _expression_text(stream)
        return _LinkNode(token, text, post=False)


class PostUrlTag(Tag):
    name = "post_url"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = _expression_text(stream)
        return _LinkNode(token, text, post=True)


class _HighlightNode(Node):
    __slots__ = ("language", "line_numbers", "block")

    def __init__(self, token: Token, language: str, line_numbers: bool, block: BlockNode) -> None:
        super().__init__(token)
        self.language, self.line_numbers, self.block = language, line_numbers, block
        self.blank = False

    def __str__(self) -> str:
        return f"{{% highlight {self.language} %}}{self.block}{{% endhighlight %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = StringIO()
        self.block.render(context, inner)
        code = inner.getvalue()
        code = code[1:] if code.startswith("\n") else code
        code = code[:-1] if code.endswith("\n") else code
        longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
        fence = "`" * (longest + 1)
        if self.line_numbers:
            buffer.write(f"{fence}{{code-block}} {self.language}\n:linenos:\n\n{code}\n{fence}")
        else:
            buffer.write(f"{fence}{self.language}\n{code}\n{fence}")
        return True


class HighlightTag(Tag):
    name = "highlight"
    end = "endhighlight"

    def parse(self, stream: TokenStream) -> Node:
        token, text = _expression_text(stream)
        words = text.split()
        if not words or not re.fullmatch(r"[\w+#.-]+", words[0]):
            raise LiquidSyntaxError("highlight needs a language", token=token)
        block = get_parser(self.env).parse_block(stream, frozenset((self.end, TOKEN_EOF)))
        stream.expect(TOKEN_TAG, value=self.end)
        return _HighlightNode(token, words[0], "linenos" in words[1:], block)


JEKYLL_TAGS = (IncludeTag, IncludeRelativeTag, LinkTag, PostUrlTag, HighlightTag)
