"""MyST's Markdown parser, aware of post front matter.

Posts written for Jekyll keep their title in front matter and often start the
body at ``##``. Parsed as is, MyST reports "Document headings start at H2" and
the page has no ``<h1>``. This parser reads the front matter once (typed, with
line numbers) for :mod:`.post_reader`, and gives every post a provisional
``<h1>`` right after its front matter, so the body's headings nest under it.
:mod:`.titles` settles the final title after parsing.
"""

from __future__ import annotations

import copy
import re

from docutils import nodes
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import merge_file_level
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..warnings_ import warn_in
from .front_matter import (
    FrontMatter,
    UnclosedFrontMatter,
    read_markdown_front_matter,
    read_yaml_front_matter,
    yaml_block,
)
from .liquid_render import LiquidResult, has_liquid, run_liquid
from .markdown_checks import report_problems
from .post_fields import provisional_title
from .posts import is_post_document

FRONT_MATTER_KEY = "newsposts_front_matter"
PROVISIONAL_TITLE_CLASS = "newsposts-provisional-title"
_MYST_KEYS = {"myst", "html_meta", "substitutions"}
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark, so *text* renders literally."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


class PostRenderer(SphinxRenderer):
    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        front_matter = self.sphinx_env.temp_data.get(FRONT_MATTER_KEY)
        if front_matter is None:
            super().render_front_matter(token)
        elif front_matter.error is None:
            # MyST accepts already-parsed front matter; handing it ours keeps one
            # reading (and one report) of values PyYAML rejects, like 2025-02-30.
            token.token.content = {key: field.value for key, field in front_matter.fields.items()}
            super().render_front_matter(token)
        # else: post_reader reports the broken block once, with its line
        title = self.md_options.get("newsposts_title")
        if title:
            start = len(self.document.children)
            self.nested_render_text("# " + escape_markdown(title), 0)
            for section in self.document.children[start:]:
                if isinstance(section, nodes.section):
                    section["classes"].append(PROVISIONAL_TITLE_CLASS)


class PostMarkdownParser(MystParser):
    """Drop-in replacement for MyST's parser that prepares post titles."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        config = env.myst_config
        front_matter = read_markdown_front_matter(inputstring)
        env.temp_data[FRONT_MATTER_KEY] = front_matter
        # MyST reads its own settings from these keys; handing it the values read above spares
        # a second YAML parse (PyYAML's own loader raises on values such as '!!timestamp x').
        topmatter = {key: copy.deepcopy(front_matter.fields[key].value)
                     for key in _MYST_KEYS if key in front_matter.fields}
        if topmatter:
            config = merge_file_level(
                config,
                topmatter,
                lambda wtype, msg: create_warning(document, msg, wtype, line=1, append_to=document),
            )
        parser = create_md_parser(config, PostRenderer)
        parser.options["document"] = document
        md_env: dict = {}
        liquid = _run_liquid(env, inputstring, front_matter)
        tokens = parser.parse(liquid.text if liquid else inputstring, md_env)
        if liquid is not None:
            move_to_source_lines(tokens, liquid)
        hidden = tokens[0] if tokens and tokens[0].type == "front_matter" else None
        if hidden is not None and _read_block(inputstring) != hidden.content.strip():
            # MyST hides a block that opens or closes differently from Jekyll's '---' lines
            # (such as '----'): read what it hides, so that no front matter is lost unread.
            front_matter = read_yaml_front_matter(hidden.content, 2)
            env.temp_data[FRONT_MATTER_KEY] = front_matter
        title_heading = None
        if front_matter.present and is_post_document(env, front_matter):
            title = provisional_title(env.docname, front_matter)
            title_heading = heading_repeating_title(tokens, title)
            if title_heading is None:
                parser.options["newsposts_title"] = title
            compact_heading_levels(tokens, title_heading)
            report_markdown_problems(env.docname, tokens, liquid_ran=liquid is not None)
        parser.renderer.render(tokens, parser.options, md_env)
        if title_heading is not None:
            section = next((child for child in document.children if isinstance(child, nodes.section)), None)
            if section is not None:
                section["classes"].append(PROVISIONAL_TITLE_CLASS)


def report_markdown_problems(docname: str, tokens: list[Token], *, liquid_ran: bool = False) -> None:
    """Liquid and refused links would show as text on the page: say where they are. Liquid that
    ran has been reported where it failed, so then only links are."""
    report_problems(tokens, warn_in(docname), liquid=not liquid_ran)


def _run_liquid(env: BuildEnvironment, text: str, front_matter: FrontMatter) -> LiquidResult | None:
    # Jekyll runs Liquid on files with front matter only; a body without '{{' or '{%' costs nothing.
    if not env.config.newsposts_liquid or not front_matter.present or not has_liquid(text):
        return None
    return run_liquid(env, text, front_matter)


def move_to_source_lines(tokens: list[Token], liquid: LiquidResult) -> None:
    """Give each token the lines of the source it came from, not of Liquid's output."""
    for token in tokens:
        if token.map:
            first, end = token.map
            token.map = [liquid.source_line(first), liquid.source_line(max(end - 1, first)) + 1]
        if token.children:
            move_to_source_lines(token.children, liquid)


def _read_block(text: str) -> str | None:
    try:
        block = yaml_block(text)
    except UnclosedFrontMatter:
        return None
    return None if block is None else block[0].strip()


def heading_repeating_title(tokens: list[Token], title: str) -> Token | None:
    """The heading that opens the body when it only repeats *title* in plain text (the shape
    Jekyll posts have): it can be the title itself, which spares rendering a provisional one
    and folding the repeat into it."""
    start = 1 if tokens and tokens[0].type == "front_matter" else 0
    if len(tokens) < start + 3 or tokens[start].type != "heading_open":
        return None
    inline = tokens[start + 1]
    children = inline.children or []
    if inline.content.strip() != title or len(children) != 1 or children[0].type != "text":
        return None
    return tokens[start]


def compact_heading_levels(tokens: list[Token], title_heading: Token | None = None) -> None:
    """Make body headings nest one level at a time below the title.

    Jekyll posts pick heading sizes by looks (``###`` straight under the
    title, ``##`` later); the outline they mean is relative. Each heading
    becomes one level deeper than the nearest shallower heading before it.
    *title_heading*, if given, becomes the title (``h1``).
    """
    stack: list[tuple[int, int]] = []  # (level written, level given)
    opened: list[int] = []
    for token in tokens:
        if token.level != 0 or token.type not in ("heading_open", "heading_close"):
            continue
        if token.type == "heading_close":
            token.tag = f"h{opened.pop()}"
            continue
        written = int(token.tag[1])
        while stack and stack[-1][0] >= written:
            stack.pop()
        given = 1 if token is title_heading else (stack[-1][1] if stack else 1) + 1
        stack.append((written, given))
        opened.append(given)
        token.tag = f"h{given}"


def _enable_myst_syntax(app: Sphinx, config: Config) -> None:
    # ``:::`` fences let directives such as ``faq`` read as plain Markdown.
    config.myst_enable_extensions = set(config.myst_enable_extensions) | {"colon_fence"}


def setup_markdown(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.add_source_suffix(".markdown", "markdown", override=True)
    app.add_source_parser(PostMarkdownParser, override=True)
    app.connect("config-inited", _enable_myst_syntax)
