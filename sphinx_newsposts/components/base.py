"""What the post components share: option checking, anchors, and the plain form
that every builder other than HTML renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..converters import as_flag
from ..warnings_ import NewspostsWarning, emit_warning


class AnyOption(dict):
    """An option spec that lets every option through to :meth:`ComponentDirective.checked_options`.

    docutils drops a directive with an unknown option and MyST drops the option;
    both then report it without our warning type. Checking them ourselves gives
    one located ``newsposts.*`` warning, and the component still renders.
    """

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return _text

    def __contains__(self, key: object) -> bool:
        return True

    def __bool__(self) -> bool:  # docutils reads an option block only for a truthy spec
        return True


def _text(value: str | None) -> str:
    return (value or "").strip()


def flag(value: str) -> bool:
    """A true/false option; given without a value it is set, as docutils' flag options are."""
    read = as_flag(value) if value.strip() else True
    if read is None:
        raise ValueError("expected no value, true or false")
    return read


class ComponentDirective(SphinxDirective):
    """Base of the ``faq``, ``takeaways`` and ``source`` directives."""

    #: Option name -> converter taking the option's text; raises ValueError when invalid.
    known_options: dict[str, Callable[[str], Any]] = {}
    required_options: tuple[str, ...] = ()
    option_spec: dict = AnyOption()
    #: The subtype of the directive's warnings, e.g. ``NewspostsWarning.FAQ`` for ``[newsposts.faq]``.
    subtype: ClassVar[NewspostsWarning]

    def warn(self, message: str) -> None:
        emit_warning(self.subtype, f"{self.name}: {message}", self.get_location())

    def checked_options(self) -> dict[str, Any]:
        checked: dict[str, Any] = {}
        for name, raw in self.options.items():
            if name not in self.known_options:
                self.warn(f"unknown option ':{name}:' ignored (known: {', '.join(sorted(self.known_options))})")
                continue
            try:
                checked[name] = self.known_options[name](_text(raw))
            except ValueError as exc:
                self.warn(f"option ':{name}:' {exc}; ignored")
        for name in self.required_options:
            if not checked.get(name):
                self.warn(f"option ':{name}:' is required")
        return checked


def unique_id(document: nodes.document, base: str) -> str:
    """A document-unique anchor derived from *base*, stable across builds."""
    stem = nodes.make_id(base) or "item"
    candidate, counter = stem, 1
    while candidate in document.ids:
        counter += 1
        candidate = f"{stem}-{counter}"
    return candidate


def claim_id(document: nodes.document, node: nodes.Element, base: str) -> str:
    node_id = unique_id(document, base)
    node["ids"].append(node_id)
    document.ids[node_id] = node
    return node_id


class HasPlainForm:
    """A node that builders without our visitors render as :meth:`plain_form`."""

    def plain_form(self) -> list[nodes.Node]:
        return list(self.children)


class ComponentNode(HasPlainForm, nodes.General, nodes.Element):
    """A block-level component."""


class PlainComponents(SphinxPostTransform):
    """Replace components by standard nodes for builders without our visitors."""

    default_priority = 200
    formats = ("html",)

    def is_supported(self) -> bool:
        return not super().is_supported()  # every format except HTML

    def run(self, **kwargs: Any) -> None:
        # innermost first, so nested components are already plain when their parent is
        for node in reversed(list(self.document.findall(HasPlainForm))):
            node.replace_self(node.plain_form())


def setup_plain_form(app: Sphinx) -> None:
    app.add_post_transform(PlainComponents)
