"""Read a document's front matter as typed values with their line numbers.

Markdown posts carry a YAML block between ``---`` lines; it is parsed here with
PyYAML so that lists, mappings, dates and booleans keep their types and every
key keeps its line. reStructuredText posts carry a field list (docinfo), whose
values are always text. Interpreting the values is :mod:`.post_fields`' job.

A value that cannot be read costs only its own key: the other keys are kept and
the problem is reported with its line (:attr:`FrontMatter.problems`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import yaml
from docutils import nodes
from yaml.constructor import SafeConstructor

try:  # the C loader is several times faster; PyYAML ships without it on some platforms
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader

_FENCE = "---"
_CLOSERS = ("---", "...")
#: Most values one front matter may hold once YAML aliases are expanded ("billion laughs").
MAX_VALUES = 100_000
#: Deepest nesting of lists and mappings read; deeper values exhaust the recursion of readers.
MAX_DEPTH = 50


@dataclasses.dataclass(frozen=True)
class Field:
    value: Any
    line: int


@dataclasses.dataclass
class FrontMatter:
    fields: dict[str, Field] = dataclasses.field(default_factory=dict)
    #: Line of the opening fence (1-based); 0 when the source has no front matter.
    line: int = 0
    #: ``(message, line)`` when the block exists but could not be read at all.
    error: tuple[str, int] | None = None
    #: ``(message, line)`` of each key that was dropped while the others were read.
    problems: list[tuple[str, int]] = dataclasses.field(default_factory=list)

    @property
    def present(self) -> bool:
        return self.line > 0


# -- showing values in messages ------------------------------------------------------------

_YAML_KINDS = {bool: "a boolean", int: "a number", float: "a number", dict: "a mapping", list: "a list",
               str: "text", bytes: "binary data", set: "a set", date: "a date", datetime: "a date and time",
               type(None): "empty"}


def kind_of(value: Any) -> str:
    """What a YAML value is, in the words of someone writing front matter."""
    return _YAML_KINDS.get(type(value), type(value).__name__)


def shown(value: Any, limit: int = 60) -> str:
    """A short YAML-like rendering of *value* for messages: ``'text'``, ``true``, ``[a, 1]``."""
    text = _shown(value, limit + 1, depth=0)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: Any, budget: int, depth: int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= budget else text[:budget]
    if isinstance(value, (date, datetime)):
        return value.isoformat(" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, str):
        return repr(value[:budget])
    if isinstance(value, bytes):
        return f"!!binary ({len(value)} bytes)"
    if isinstance(value, (list, tuple, set, dict)):
        if depth > 3:
            return "[…]" if not isinstance(value, dict) else "{…}"
        items = list(value.items()) if isinstance(value, dict) else list(value)
        parts: list[str] = []
        used = 2
        for item in items:
            if used > budget:
                parts.append("…")
                break
            if isinstance(value, dict):
                key, item_value = item
                part = f"{_shown(key, budget - used, depth + 1)}: {_shown(item_value, budget - used, depth + 1)}"
            else:
                part = _shown(item, budget - used, depth + 1)
            parts.append(part)
            used += len(part) + 2
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        return opening + ", ".join(parts) + closing
    return kind_of(value)


# -- the YAML block ------------------------------------------------------------------------

def yaml_block(text: str) -> tuple[str, int] | None:
    """The YAML between the fences and the line it starts on; None without front matter.

    Raises :class:`UnclosedFrontMatter` when the opening fence has no closing one.
    """
    text = text.lstrip("\ufeff")
    if not text.startswith(_FENCE):
        return None
    lines = text.splitlines()
    if lines[0].rstrip() != _FENCE:
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in _CLOSERS:
            return "\n".join(lines[1:index]), 2
    raise UnclosedFrontMatter


class UnclosedFrontMatter(ValueError):
    """The source opens front matter with ``---`` and never closes it."""


class _Loader(_BaseLoader):
    """The safe loader, except that a scalar its tag cannot describe stays text.

    ``2025-02-30`` or ``!!int twelve`` make PyYAML raise, and a bad date nested
    in a list would cost the whole front matter; as text, the field's own check
    reports it with its line.
    """


def _tolerant(construct: Callable[[_Loader, yaml.Node], Any]) -> Callable[[_Loader, yaml.Node], Any]:
    def construct_or_text(loader: _Loader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, yaml.YAMLError):
            return node.value if isinstance(node, yaml.ScalarNode) else construct(loader, node)
    return construct_or_text


for _tag, _construct in (("timestamp", SafeConstructor.construct_yaml_timestamp),
                         ("int", SafeConstructor.construct_yaml_int),
                         ("float", SafeConstructor.construct_yaml_float),
                         ("bool", SafeConstructor.construct_yaml_bool),
                         ("binary", SafeConstructor.construct_yaml_binary)):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _tolerant(_construct))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def _measure(root: yaml.Node, sizes: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """(values once aliases are expanded, nesting depth) of *root*; None when it contains itself.

    Walks the node graph without recursion and without expanding aliases: *sizes*
    remembers each node, so a value that a thousand aliases point at is measured once.
    """
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_measured = stack.pop()
        key = id(node)
        if children_measured:
            on_path.discard(key)
            measured = [sizes[id(child)] for child in _children(node)]
            sizes[key] = (1 + sum(size for size, _depth in measured), 1 + max((d for _s, d in measured), default=0))
            continue
        if key in sizes:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return None
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _problem_of(value_node: yaml.Node, sizes: dict[int, tuple[int, int]], budget: int) -> str | None:
    measured = _measure(value_node, sizes)
    if measured is None:
        return "contains itself (a YAML alias to its own anchor)"
    size, depth = measured
    if depth > MAX_DEPTH:
        return f"is nested {depth} levels deep, more than the {MAX_DEPTH} read"
    if size > budget:
        return (f"holds {size} values once its YAML aliases are expanded, more than the "
                f"{MAX_VALUES} one front matter may hold")
    return None


def _key_text(loader: _Loader, node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        key = loader.construct_object(node, deep=True)
        return key if isinstance(key, str) else shown(key, 200).strip("'")
    # a list or mapping as a key names no field this project reads: it is kept, shown as written
    return _node_text(node)[:200]


def _node_text(node: yaml.Node, depth: int = 0) -> str:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if depth > 3:
        return "…"
    if isinstance(node, yaml.MappingNode):
        return "{" + ", ".join(f"{_node_text(k, depth + 1)}: {_node_text(v, depth + 1)}"
                               for k, v in node.value[:10]) + "}"
    return "[" + ", ".join(_node_text(item, depth + 1) for item in node.value[:10]) + "]"


def _reset(loader: _Loader) -> None:
    """Forget a construction that raised half-way, so the next key starts clean."""
    loader.recursive_objects = {}
    loader.state_generators = []
    loader.deep_construct = False


_YAML_TAG = re.compile(r"^tag:yaml\.org,2002:")
_ROOT_KINDS = {"seq": "a list", "omap": "a list", "pairs": "a list", "set": "a set", "str": "text", "int": "a number",
               "float": "a number", "bool": "a boolean", "timestamp": "a date", "binary": "binary data"}
#: Characters PyYAML's reader refuses: all but YAML 1.1's printable ones.
_NOT_YAML_CHARACTER = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def read_markdown_front_matter(text: str) -> FrontMatter:
    """Parse the YAML front matter at the start of a Markdown source."""
    try:
        block = yaml_block(text)
    except UnclosedFrontMatter:
        return FrontMatter(error=("front matter opened with '---' on line 1 has no closing '---' line, so it "
                                  "shows as text", 1))
    if block is None:
        return FrontMatter()
    return read_yaml_front_matter(*block)


def read_yaml_front_matter(yaml_text: str, first_line: int) -> FrontMatter:
    """Parse *yaml_text*, the front matter whose first line is line *first_line* of the source."""
    result = FrontMatter(line=max(first_line - 1, 1))
    if not yaml_text.strip():
        return result
    if _NOT_YAML_CHARACTER.search(yaml_text):
        # YAML refuses the whole block for one stray control character; only that character is lost
        lines = yaml_text.split("\n")
        for number, line in enumerate(lines):
            found = sorted({f"U+{ord(char):04X}" for char in _NOT_YAML_CHARACTER.findall(line)})
            if found:
                result.problems.append((f"line {first_line + number} holds characters YAML does not allow "
                                        f"({', '.join(found)}); each was read as a space", first_line + number))
        yaml_text = _NOT_YAML_CHARACTER.sub(" ", yaml_text)
    loader = _Loader(yaml_text)
    try:
        root = loader.get_single_node()
        if root is None or root.tag == "tag:yaml.org,2002:null":
            return result
        if not isinstance(root, yaml.MappingNode):
            kind = _ROOT_KINDS.get(_YAML_TAG.sub("", root.tag), "a value")
            result.error = (f"front matter is {kind}, not a mapping of keys to values (title: ..., date: ...)",
                            first_line + root.start_mark.line)
            return result
        sizes: dict[int, tuple[int, int]] = {}
        budget = MAX_VALUES
        for key_node, value_node in root.value:
            line = first_line + key_node.start_mark.line
            try:
                key = _key_text(loader, key_node)
            except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
                _reset(loader)
                key = _node_text(key_node)[:200]
            problem = _problem_of(value_node, sizes, budget)
            if problem is None:
                budget -= sizes[id(value_node)][0]
                try:
                    value = loader.construct_object(value_node, deep=True)
                except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError,
                        RecursionError) as exc:
                    _reset(loader)
                    problem = f"could not be read ({getattr(exc, 'problem', None) or exc})"
            if problem is not None:
                result.problems.append((f"{key!r} {problem}; ignored", line))
                continue
            if key in result.fields:
                earlier = result.fields[key].line
                result.problems.append((f"{key!r} is given twice, on lines {earlier} and {line}; "
                                        f"the value on line {line} is used", line))
            result.fields[key] = Field(value, line)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        result.error = (f"front matter is not valid YAML ({problem})", line)
        result.fields.clear()
        result.problems.clear()
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        result.error = (f"front matter could not be read ({exc})", first_line)
        result.fields.clear()
        result.problems.clear()
    finally:
        loader.dispose()
    return result


def read_docinfo_front_matter(document: nodes.document) -> FrontMatter:
    """Read the bibliographic fields of a reStructuredText document."""
    result = FrontMatter()
    for docinfo in document.findall(nodes.docinfo):
        result.line = docinfo.line or 1
        for child in docinfo.children:
            if isinstance(child, nodes.field):
                name = child[0].astext().strip().lower()
                value = child[1].astext().strip()
            else:  # docutils turns :date:, :author: ... into dedicated nodes
                name = child.tagname
                value = child.astext().strip()
            result.fields[name] = Field(value, child.line or result.line)
        break
    return result
