"""Give every post exactly one top-level heading: its title.

After parsing, a post has a provisional ``<h1>`` from :mod:`.markdown_parser`
(or none, for reStructuredText and posts without front matter). Here the final
title is settled as Jekyll settles it -- front matter, else the first heading,
else the file name -- a body heading that only repeats the title is folded
into the title, and any other top-level headings are nested below it.
"""

from __future__ import annotations

import re

from docutils import nodes

from .markdown_parser import PROVISIONAL_TITLE_CLASS
from .post_meta import PostMeta

_NOT_CONTENT = (nodes.docinfo, nodes.target, nodes.comment, nodes.substitution_definition,
                nodes.system_message, nodes.decoration, nodes.pending, nodes.meta)


def _comparable(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _first_content(parent: nodes.Element, start: int = 0) -> nodes.Node | None:
    for child in parent.children[start:]:
        if not isinstance(child, _NOT_CONTENT):
            return child
    return None


_FRONT = (nodes.docinfo, nodes.decoration)


def _new_root(document: nodes.document, title: str) -> nodes.section:
    """A top-level section titled *title*, holding the whole body."""
    root = nodes.section()
    root += nodes.title(title, title)
    root["names"].append(nodes.fully_normalize_name(title))
    document.note_implicit_target(root, root)
    body = [child for child in document.children if not isinstance(child, _FRONT)]
    for child in body:
        document.remove(child)
    root.extend(body)
    document.append(root)
    return root


def _adopt_following(document: nodes.document, root: nodes.section) -> None:
    """Nest every top-level node after *root* under it, keeping order."""
    following = document.children[document.index(root) + 1:]
    for child in list(following):
        document.remove(child)
        root.append(child)


def _dissolve(document: nodes.document, root: nodes.section, section: nodes.section) -> None:
    """Replace *section* by its content; its ids now point at *root*."""
    for node_id in section["ids"]:
        if node_id not in root["ids"]:
            root["ids"].append(node_id)
            document.ids[node_id] = root
    index = root.index(section)
    body = section.children[1:]
    root.remove(section)
    for offset, child in enumerate(body):
        root.insert(index + offset, child)


def normalise_title(document: nodes.document, meta: PostMeta) -> None:
    """Settle ``meta.title`` and make it the single top-level heading."""
    root = next((c for c in document.children
                 if isinstance(c, nodes.section) and PROVISIONAL_TITLE_CLASS in c["classes"]), None)
    if root is None:
        first = _first_content(document)
        if isinstance(first, nodes.section) and meta.title_source != "front-matter":
            meta.title, meta.title_source = first[0].astext(), "heading"
            _adopt_following(document, first)
        else:
            _new_root(document, meta.title)
        return
    root["classes"].remove(PROVISIONAL_TITLE_CLASS)
    _adopt_following(document, root)
    heading = _first_content(root, 1)
    if not isinstance(heading, nodes.section):
        return
    if meta.title_source != "front-matter":
        meta.title, meta.title_source = heading[0].astext(), "heading"
        root.replace(root[0], heading[0].deepcopy())
        _dissolve(document, root, heading)
    elif _comparable(heading[0].astext()) == _comparable(meta.title):
        _dissolve(document, root, heading)
