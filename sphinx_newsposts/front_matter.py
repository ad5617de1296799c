"""Read a document's front matter as typed values with their line numbers.

Markdown posts carry a YAML block between ``---`` lines; it is parsed here with
PyYAML so that lists, mappings, dates and booleans keep their types and every
key keeps its line. reStructuredText posts carry a field list (docinfo), whose
values are always text. Interpreting the values is :mod:`.post_fields`' job.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml
from docutils import nodes

try:  # the C loader is several times faster; PyYAML ships without it on some platforms
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_FENCE = "---"
_CLOSERS = ("---", "...")


@dataclasses.dataclass(frozen=True)
class Field:
    value: Any
    line: int


@dataclasses.dataclass
class FrontMatter:
    fields: dict[str, Field] = dataclasses.field(default_factory=dict)
    #: Line of the opening fence (1-based); 0 when the source has no front matter.
    line: int = 0
    #: ``(message, line)`` when the block exists but could not be read.
    error: tuple[str, int] | None = None

    @property
    def present(self) -> bool:
        return self.line > 0


def _yaml_block(text: str) -> tuple[str, int] | None:
    """Return the YAML between the fences and the line the YAML starts on."""
    if not text.startswith(_FENCE):
        return None
    lines = text.splitlines()
    if lines[0].rstrip() != _FENCE:
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in _CLOSERS:
            return "\n".join(lines[1:index]), 2
    return None


def _construct_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError):
        # PyYAML's timestamp constructor raises for values such as 2025-02-30:
        # hand the text on, so the field's own check reports it with its line.
        if isinstance(node, yaml.ScalarNode):
            return node.value
        raise


def read_markdown_front_matter(text: str) -> FrontMatter:
    """Parse the YAML front matter at the start of a Markdown source."""
    block = _yaml_block(text.lstrip("\ufeff"))
    if block is None:
        return FrontMatter()
    yaml_text, first_line = block
    result = FrontMatter(line=1)
    if not yaml_text.strip():
        return result
    loader = _Loader(yaml_text)
    try:
        root = loader.get_single_node()
        if root is None:
            return result
        if not isinstance(root, yaml.MappingNode):
            result.error = (
                "front matter must be a mapping of keys to values, "
                f"found a {root.tag.rsplit(':', 1)[-1]}",
                first_line + root.start_mark.line,
            )
            return result
        for key_node, value_node in root.value:
            line = first_line + key_node.start_mark.line
            key = loader.construct_object(key_node, deep=True)
            value = _construct_value(loader, value_node)
            if not isinstance(key, str):
                key = str(key)
            result.fields[key] = Field(value, line)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        result.error = (f"front matter is not valid YAML ({problem})", line)
        result.fields.clear()
    except (ValueError, TypeError, OverflowError) as exc:
        result.error = (f"front matter could not be read ({exc})", first_line)
        result.fields.clear()
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
