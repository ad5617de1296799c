"""Run a Markdown document's Liquid, as Jekyll does, before MyST reads the Markdown.

Only documents with front matter whose body holds ``{{`` or ``{%`` are run (Jekyll runs
Liquid on every file with front matter); the front matter itself is never run.

**One failure costs one construct.** The body is cut into plain text and top-level Liquid
constructs (an output ``{{ … }}``, a tag, or a block tag through its matching ``end`` tag).
The constructs are run in order, sharing one render context, so ``assign`` and ``capture``
reach the constructs after them. A construct that does not parse (a syntax error, an unknown
tag), that fails to run (an unknown filter, a missing include) or that exceeds a limit is
reported with its line and stays as written; the others still run.

**Lines.** Liquid output may hold more or fewer lines than its source. The text is not padded
(that would change the Markdown); instead :class:`LiquidResult` carries a map from each line of
the output to the line of the source it came from, and the parser moves the parsed tokens'
lines back through it, so that every later warning names the source line.

**Limits.** A loop nest may run :data:`LOOP_LIMIT` iterations, a document's output may hold
:data:`OUTPUT_LIMIT` characters, includes may nest :data:`INCLUDE_DEPTH` deep, and a document's
Liquid may run :data:`TIME_LIMIT` seconds; beyond that, what is left stays as written.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from typing import Any, ClassVar

from liquid import Environment
from liquid.context import RenderContext
from liquid.exceptions import LiquidError
from liquid.output import LimitedStringIO
from sphinx.environment import BuildEnvironment

from ..warnings_ import NewspostsWarning, warn_in
from .front_matter import FrontMatter
from .liquid_context import LiquidContext, liquid_context
from .liquid_filters import add_jekyll_filters
from .liquid_tags import CONTEXT_KEY, JEKYLL_TAGS

LOOP_LIMIT = 10_000
OUTPUT_LIMIT = 2_000_000
INCLUDE_DEPTH = 20
TIME_LIMIT = 5.0
_ENVIRONMENT_KEY = "liquid_environment"
_CONSTRUCT = re.compile(r"\{\{.*?\}\}|\{%-?\s*(\w+).*?%\}", re.S)
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_BLOCK_TAGS = frozenset({"if", "unless", "case", "for", "tablerow", "capture", "comment", "highlight", "doc",
                         "ifchanged"})
MAX_SHOWN = 60


def has_liquid(text: str) -> bool:
    return "{{" in text or "{%" in text


class JekyllEnvironment(Environment):
    """Liquid as Jekyll configures it (undefined variables are empty), with limits against hostile posts."""

    loop_iteration_limit: ClassVar[int | None] = LOOP_LIMIT
    context_depth_limit: ClassVar[int] = INCLUDE_DEPTH
    local_namespace_limit: ClassVar[int | None] = OUTPUT_LIMIT


def _environment(ours: LiquidContext) -> JekyllEnvironment:
    # Made once a build: registering the tags and filters costs more than running a short post.
    kept = vars(ours.files)
    if _ENVIRONMENT_KEY not in kept:
        environment = JekyllEnvironment(strict_filters=True)
        for tag in JEKYLL_TAGS:
            environment.add_tag(tag)
        add_jekyll_filters(environment, ours.url, ours.baseurl)
        kept[_ENVIRONMENT_KEY] = environment
    return kept[_ENVIRONMENT_KEY]


@dataclasses.dataclass
class LiquidResult:
    text: str
    #: ``line_map[i]`` is the 0-based source line that 0-based line *i* of :attr:`text` comes from.
    line_map: list[int]

    def source_line(self, line: int) -> int:
        return self.line_map[min(max(line, 0), len(self.line_map) - 1)]


def body_start(text: str) -> int:
    """Where the body starts: after the line that closes the front matter."""
    offset = 1 if text.startswith("\ufeff") else 0
    lines = text[offset:].splitlines(keepends=True)
    position = offset + len(lines[0]) if lines else offset
    for line in lines[1:]:
        position += len(line)
        if line.rstrip() in ("---", "..."):
            return position
    return offset


def constructs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each top-level Liquid construct of *text*, a block tag with its end tag."""
    position = 0
    while (match := _CONSTRUCT.search(text, position)) is not None:
        start, end = match.span()
        name = match[1]
        if name == "raw":
            close = _ENDRAW.search(text, end)
            end = close.end() if close else end
        elif name and not name.startswith("end") and (
                name in _BLOCK_TAGS or re.search(r"\{%-?\s*end" + re.escape(name) + r"\b", text[end:])):
            end = _block_end(text, name, end)
        yield start, end
        position = end


def _block_end(text: str, name: str, after: int) -> int:
    """The end of the ``end`` tag that closes the block *name* opened just before *after*;
    *after* itself when it is never closed (the opening tag then fails alone)."""
    depth = 1
    position = after
    while (match := _CONSTRUCT.search(text, position)) is not None:
        position = match.end()
        if match[1] == "raw":
            close = _ENDRAW.search(text, position)
            position = close.end() if close else position
        elif match[1] == name:
            depth += 1
        elif match[1] == "end" + name:
            depth -= 1
            if depth == 0:
                return position
    return after


class _Run:
    """One document's run: the shared render context, what is written, the line map."""

    def __init__(self, env: BuildEnvironment, ours: LiquidContext, first_line: int) -> None:
        self.environment = _environment(ours)
        self.globals = {"site": ours.site, "page": ours.page, CONTEXT_KEY: ours}
        self.context: RenderContext | None = None
        self.pieces: list[str] = []
        self.line_map: list[int] = [first_line]
        self.size = 0
        self.warn = warn_in(env.docname)
        self.started = time.perf_counter()
        self.stopped = False
        #: Pieces that whitespace control must not reach (the front matter).
        self.floor = 0

    def write(self, output: str, source_line: int, source_lines: int) -> None:
        """Add *output*, made from *source_lines* + 1 lines of source starting at *source_line*."""
        last = source_line + source_lines
        line = source_line
        for _ in range(output.count("\n")):
            line = min(line + 1, last)
            self.line_map.append(line)
        self.pieces.append(output)
        self.size += len(output)

    def strip_before(self) -> None:
        """``{%-``: drop the whitespace written just before (lines and all, as Liquid does)."""
        while len(self.pieces) > self.floor:
            stripped = self.pieces[-1].rstrip()
            removed = self.pieces[-1][len(stripped):].count("\n")
            if removed:
                del self.line_map[-removed:]
            self.pieces[-1] = stripped
            if stripped:
                return
            self.pieces.pop()

    def run(self, source: str, line: int) -> str | None:
        """The output of construct *source* (on 0-based *line*), or None after a located warning."""
        if self.stopped:
            return None
        if time.perf_counter() - self.started > TIME_LIMIT:
            self.stopped = True
            self.warn(NewspostsWarning.LIQUID, f"Liquid ran longer than {TIME_LIMIT:g} s in this document; "
                      "the rest of its Liquid is left as written", line + 1)
            return None
        try:
            template = self.environment.from_string(source)
            if self.context is None:
                self.context = RenderContext(template, globals=self.globals)
            buffer = LimitedStringIO(limit=max(OUTPUT_LIMIT - self.size, 0))
            template.render_with_context(self.context, buffer)
            return buffer.getvalue()
        except (LiquidError, RecursionError) as error:
            self.warn(NewspostsWarning.LIQUID, f"Liquid {_shown(source)!r} is left as written: "
                      f"{_message(error)}", line + 1 + _line_in(error, source))
        except Exception as error:  # noqa: BLE001 - a post's data must never stop the build
            self.warn(NewspostsWarning.LIQUID, f"Liquid {_shown(source)!r} is left as written: "
                      f"{type(error).__name__}: {error}", line + 1)
        return None


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _message(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "it nests too deep"
    message = getattr(error, "message", None) or str(error)
    return str(message).splitlines()[0] if message else type(error).__name__


def _line_in(error: BaseException, source: str) -> int:
    token: Any = getattr(error, "token", None)
    index = getattr(token, "start_index", None)
    if token is None or index is None or getattr(token, "source", None) != source:
        return 0
    return source.count("\n", 0, index)


def run_liquid(env: BuildEnvironment, text: str, front_matter: FrontMatter) -> LiquidResult:
    """*text* with the Liquid of its body run; failures are reported and left as written."""
    start = body_start(text)
    ours = liquid_context(env, front_matter)
    head = text[:start]
    first_body_line = head.count("\n")
    run = _Run(env, ours, 0)
    run.write(head, 0, first_body_line)
    run.floor = 1
    body = text[start:]
    position = 0
    line = first_body_line
    strip_next = False
    for begin, end in constructs(body):
        plain = body[position:begin]
        if strip_next:
            plain_lines = plain.count("\n")
            plain = plain.lstrip()
            run.write(plain, line + plain_lines - plain.count("\n"), plain.count("\n"))
            line += plain_lines
        else:
            run.write(plain, line, plain.count("\n"))
            line += plain.count("\n")
        source = body[begin:end]
        output = run.run(source, line)
        if output is None:
            output = source
            strip_next = False
        else:
            if source[2:3] == "-":
                run.strip_before()
            strip_next = source[-3:-2] == "-"
        run.write(output, line, source.count("\n"))
        line += source.count("\n")
        position = end
    rest = body[position:]
    if strip_next:
        rest_lines = rest.count("\n")
        rest = rest.lstrip()
        run.write(rest, line + rest_lines - rest.count("\n"), rest.count("\n"))
    else:
        run.write(rest, line, rest.count("\n"))
    for path in sorted(ours.reads):
        env.note_dependency(path)
    return LiquidResult("".join(run.pieces), run.line_map)
