"""sphinx-design works only on the documents that use it.

Every post can use sphinx-design's directives and roles, but few do. Its six post-transforms and
its ``doctree-resolved`` listener each walk every document's whole tree, and its 60 KB of CSS and
JS load on every page. Here one walk per document decides whether any sphinx-design node is
present, while it is read; the transforms, the listener and the assets are skipped where none is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

USES_DESIGN = "newsposts_uses_sphinx_design"  # a document attribute, so it travels to -j workers
DESIGN_MODULE = "sphinx_design"


def _has_design_node(doctree: nodes.document) -> bool:
    for node in doctree.findall(nodes.Element):
        attributes = node.attributes
        if "design_component" in attributes:
            return True
        for name in attributes["classes"]:
            if name.startswith("sd-"):
                return True
    return False


def uses_design(doctree: nodes.document | None) -> bool:
    if doctree is None:
        return False
    if USES_DESIGN not in doctree.attributes:  # a doctree MarkDesignUsage did not see
        doctree[USES_DESIGN] = _has_design_node(doctree)
    return doctree[USES_DESIGN]


class MarkDesignUsage(SphinxTransform):
    """Records the answer while the document is read (in the reading workers under ``-j``), after
    every directive and role has run; it is kept with the pickled doctree."""

    default_priority = 880

    def apply(self, **kwargs: Any) -> None:
        self.document[USES_DESIGN] = _has_design_node(self.document)


def _only_where_used(transform: type[SphinxPostTransform]) -> type[SphinxPostTransform]:
    def apply(self: SphinxPostTransform, **kwargs: Any) -> None:
        if uses_design(self.document):
            transform.apply(self, **kwargs)

    return type(transform.__name__, (transform,), {"apply": apply, "__module__": __name__})


def _is_design_code(obj: object) -> bool:
    return (getattr(obj, "__module__", "") or "").split(".")[0] == DESIGN_MODULE


def _scope_transforms_and_listeners(app: Sphinx) -> None:
    post_transforms = app.registry.post_transforms
    post_transforms[:] = [_only_where_used(t) if _is_design_code(t) else t for t in post_transforms]
    for listener in list(app.events.listeners.get("doctree-resolved", ())):
        if _is_design_code(listener.handler):
            app.disconnect(listener.id)
            app.connect("doctree-resolved", _resolve_where_used(listener.handler), priority=listener.priority)


def _resolve_where_used(handler: Callable[[Sphinx, nodes.document, str], None]
                        ) -> Callable[[Sphinx, nodes.document, str], None]:
    def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if uses_design(doctree):
            handler(app, doctree, docname)

    return resolve


def _is_design_asset(asset: object) -> bool:
    name = getattr(asset, "filename", str(asset)).rsplit("/", 1)[-1]
    return name.startswith(("sphinx-design.", "design-tabs."))


def _drop_unused_design_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                               doctree: nodes.document | None) -> None:
    if uses_design(doctree):
        return
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_design_asset(asset)]


def setup_design_scope(app: Sphinx) -> None:
    app.add_transform(MarkDesignUsage)
    # builder-inited: after every extension has registered its transforms and listeners.
    app.connect("builder-inited", _scope_transforms_and_listeners, priority=900)
    app.connect("html-page-context", _drop_unused_design_assets)
