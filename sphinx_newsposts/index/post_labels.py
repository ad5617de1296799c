"""Each post's reference label (``{ref}`story-5```), kept in Sphinx's standard domain only while
pages are written, so that reading stays linear in the number of posts.

Sphinx's standard domain forgets a document's labels by scanning every label of the project
(``StandardDomain.clear_doc``), once for each document it reads. With one label per post, reading
N posts would scan N labels N times: 71 s of a 10,000-post build. So the post labels leave the
domain before reading starts and return once it is done, each in one step per post; references,
the inventory (``objects.inv``) and ABlog's post lists see them as before.

A page that refers to a post by its label shows the post's title; when the title changes, or the
post comes or goes, the pages referring to it are written again, though only the post was read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build.build_state import environment_record
from ..warnings_ import NewspostsWarning, emit_warning
from .post_index import post_index

__all__ = ["setup_post_labels"]

#: Document -> the targets of its references by label (``{ref}``, ``{any}``, MyST links); per document.
REFERENCES_ATTR = "newsposts_label_references"
#: Post label -> the title it was placed with, as the last build left it.
PLACED_ATTR = "newsposts_placed_post_labels"
_LABEL_ROLES = {"ref", "any", "myst"}


def post_label(docname: str) -> str:
    """ABlog's reference label of a post: its file name, or its folder's for ``index``."""
    folder, label = os.path.split(docname)
    return os.path.split(folder)[1] if label == "index" else label


def _front_matter_posts(env: BuildEnvironment) -> list[str]:
    """Posts whose label this module keeps (ABlog keeps those written with its ``post`` directive)."""
    ablog_posts = getattr(env, "ablog_posts", {})
    return [docname for docname, meta in post_index(env).meta.items()
            if meta.is_post and docname not in ablog_posts]


def _lift_post_labels(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: take the labels the last build placed out of the domain's tables."""
    if not docnames:
        return  # nothing is read, so nothing is scanned
    std = env.domains["std"].data
    for docname in _front_matter_posts(env):
        label = post_label(docname)
        if std["labels"].get(label, ("",))[0] == docname:
            del std["labels"][label]
        if std["anonlabels"].get(label, ("",))[0] == docname:
            del std["anonlabels"][label]


def _place_post_labels(app: Sphinx, env: BuildEnvironment) -> None:
    """Once reading is done (and ``-j N`` readers merged): each post's label, to the top of its page
    (no fragment: the page has no element named after its file). Posts that share a file name
    (``en/_posts/x.md``, ``de/_posts/x.md``) share the label: the last in name order keeps it, as
    when each post placed its own label as it was read."""
    std = env.domains["std"].data
    index = post_index(env)
    posts = sorted(_front_matter_posts(env))
    is_post = set(posts)
    for docname in posts:
        label = post_label(docname)
        other = std["labels"].get(label, ("",))[0]
        if other and other not in is_post:
            # an explicit ``(label)=`` on a page that is not a post: the post keeps the name
            emit_warning(NewspostsWarning.LINK, f"label '{label}' names the post {docname} and a target in "
                         f"{other}; references to it lead to the post", (other, None))
        std["labels"][label] = (docname, "", index.meta[docname].title)
        std["anonlabels"][label] = (docname, "")


def _references(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    return environment_record(env, REFERENCES_ATTR, dict)


def _note_references(app: Sphinx, doctree: nodes.document) -> None:
    targets = frozenset(node["reftarget"].lower() for node in doctree.findall(addnodes.pending_xref)
                        if node.get("reftype") in _LABEL_ROLES and node.get("reftarget"))
    if targets:
        _references(app.env)[app.env.docname] = targets
    else:
        _references(app.env).pop(app.env.docname, None)


def _purge_references(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _references(env).pop(docname, None)


def _merge_references(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    theirs = _references(other)
    _references(env).update((docname, theirs[docname]) for docname in docnames if docname in theirs)


def _pages_referring_to_moved_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show a post label whose title changed, or whose post came or went."""
    placed = environment_record(env, PLACED_ATTR, dict)
    now = {post_label(docname): post_index(env).meta[docname].title for docname in _front_matter_posts(env)}
    moved = {label for label in placed.keys() | now.keys() if placed.get(label) != now.get(label)}
    placed.clear()
    placed.update(now)
    if not moved:
        return []
    return sorted(docname for docname, targets in _references(env).items()
                  if not targets.isdisjoint(moved) and docname in env.all_docs)


def setup_post_labels(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _lift_post_labels)
    app.connect("env-updated", _place_post_labels, priority=100)  # before anything resolves a page
    app.connect("doctree-read", _note_references)
    app.connect("env-purge-doc", _purge_references)
    app.connect("env-merge-info", _merge_references)
    app.connect("env-get-updated", _pages_referring_to_moved_labels)
