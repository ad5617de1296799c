"""Reference tables generated from the code, so that the documentation cannot drift from it.

``newsposts-settings``
    Every ``newsposts_*`` setting declared in :data:`sphinx_newsposts.config.SETTINGS`: a
    summary table, then one ``confval`` entry each (name, accepted types, default, what a
    change rebuilds, description), so that pages can link to a setting with
    ``{confval}`newsposts_timezone```. A ``newsposts_*`` value registered without a
    ``Setting``, or a ``Setting`` without a description, is a warning, and the
    documentation build (``-W``) fails.

``newsposts-theme-options``
    Every option of the ``newsposts`` theme with its type and default, as ``theme.toml``
    declares it, each linked to the section that describes it (a missing section fails the
    build). An option declared in ``theme.toml`` without a check in
    :data:`sphinx_newsposts.pages.theme_options.OPTIONS`, or the other way round, is a warning.

``newsposts-warnings``
    Every warning subtype, ``newsposts.<subtype>``, with when it is given: the members of
    :class:`sphinx_newsposts.warnings_.NewspostsWarning` and their docstrings. A member
    without a docstring is a warning.

``newsposts-raw-html-allow-list``
    What the sanitizer keeps of raw HTML in posts, from
    :mod:`sphinx_newsposts.reading.html_policy`: the tags kept, the attributes kept on every tag
    and on some, the tags removed with their content, the URL rule, the embed hosts allowed by
    default and the sandbox given to embeds, with the module's own comments on them. An
    attribute allowed on a tag that is not kept, a tag both kept and removed, or one of those
    constants without its ``#:`` comment, is a warning.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import ConfigurationValue
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_newsposts import config as newsposts_config
from sphinx_newsposts.pages import theme_options
from sphinx_newsposts.reading import html_policy
from sphinx_newsposts.warnings_ import NewspostsWarning

logger = logging.getLogger(__name__)

#: What changing a setting makes Sphinx do on the next build (``Setting.rebuild``).
REBUILD = {
    "env": "re-reads every document",
    "html": "rewrites every HTML page",
    "": "takes effect without a rebuild",
}


def _literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


def _with_literals(text: str) -> list[nodes.Node]:
    """*text* as nodes, its double-backquoted parts as literals (docstrings are written for Sphinx)."""
    parts = re.split(r"``(.+?)``", text)  # the parts at odd positions stood between the backquotes
    return [_literal(part) if position % 2 else nodes.Text(part) for position, part in enumerate(parts) if part]


def _types(types: tuple[type, ...]) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    for position, kind in enumerate(types):
        if position:
            parts.append(nodes.Text(" or "))
        parts.append(_literal(kind.__name__))
    return parts


def _field(name: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name("", name), nodes.field_body("", nodes.paragraph("", "", *body)))


def _table(headings: list[str], rows: list[list[list[nodes.Node]]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["newsposts-reference"])
    group = nodes.tgroup(cols=len(headings))
    table += group
    group.extend(nodes.colspec(colwidth=width) for width in widths)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph("", heading)) for heading in headings))
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells))
    group += body
    return table


class SettingsDirective(SphinxDirective):
    """``newsposts-settings``: the configuration reference, from ``sphinx_newsposts.config``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        settings = newsposts_config.SETTINGS
        self.env.note_dependency(newsposts_config.__file__)
        self._check_declared(settings)
        entries: list[nodes.Node] = []
        rows = []
        for setting in settings:
            index, desc = self._entry(setting)
            entries += [index, desc]
            target = desc[0]["ids"][0]
            link = nodes.reference("", "", _literal(setting.name), refid=target, internal=True)
            rows.append([[link], _types(setting.types), [_literal(repr(setting.default))]])
        return [_table(["Setting", "Type", "Default"], rows, [40, 20, 40]), *entries]

    def _check_declared(self, settings: tuple[Any, ...]) -> None:
        declared = {setting.name for setting in settings}
        for value in self.config:
            if value.name.startswith("newsposts_") and value.name not in declared:
                logger.warning(f"{value.name} is registered but not declared as a Setting in "
                               "sphinx_newsposts.config.SETTINGS, so the reference cannot describe it",
                               location=self.get_location())
        for setting in settings:
            if not setting.description.strip():
                logger.warning(f"{setting.name} has no description in sphinx_newsposts.config.SETTINGS",
                               location=self.get_location())

    def _entry(self, setting: Any) -> list[nodes.Node]:
        """One ``confval`` entry, built by Sphinx's own directive (target, index entry, cross-references)."""
        directive = ConfigurationValue(
            "std:confval", [setting.name], {}, StringList(), self.lineno, self.content_offset,
            self.block_text, self.state, self.state_machine,
        )
        index, desc = directive.run()
        content = next(iter(desc.findall(addnodes.desc_content)))
        fields = nodes.field_list()
        fields += _field("Type", *_types(setting.types))
        fields += _field("Default", _literal(repr(setting.default)))
        fields += _field("Changing it", nodes.Text(REBUILD.get(setting.rebuild, setting.rebuild)))
        content += fields
        # Verbatim: smart quotes would turn "--unpublished" into an en dash.
        content += nodes.paragraph(setting.description, setting.description, support_smartquotes=False)
        return [index, desc]


class ThemeOptionsDirective(SphinxDirective):
    """``newsposts-theme-options``: the theme's options with their types and defaults, from
    ``theme.toml`` (each with its check in ``pages/theme_options.py``). Each row links to the
    section labelled ``theme-option-<name>``; a missing section is a broken reference, and fails
    a nitpicky build."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(theme_options.THEME_TOML))
        self.env.note_dependency(theme_options.__file__)
        declared = theme_options.default_options()
        rows = []
        for name in theme_options.OPTIONS:
            if name not in declared:
                self._warn(f"theme option {name!r} is checked in pages/theme_options.py but not declared in "
                           "theme.toml")
                continue
            default = declared[name]
            link = addnodes.pending_xref("", _literal(name), refdomain="std", reftype="ref",
                                         reftarget=f"theme-option-{name}", refexplicit=True, refwarn=True)
            rows.append([[link], [_literal(type(default).__name__)], [_literal(repr(default))]])
        for name in sorted(declared.keys() - theme_options.OPTIONS.keys()):
            self._warn(f"theme option {name!r} is declared in theme.toml but not checked in pages/theme_options.py")
        return [_table(["Option", "Type", "Default"], rows, [40, 20, 40])]

    def _warn(self, message: str) -> None:
        logger.warning(message, location=self.get_location())


class WarningsDirective(SphinxDirective):
    """``newsposts-warnings``: every warning subtype with when it is given, from the members of
    ``NewspostsWarning`` and their docstrings."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        module = ModuleAnalyzer.for_module(NewspostsWarning.__module__)
        self.env.note_dependency(module.srcname)
        docstrings = module.find_attr_docs()
        rows = []
        for member in NewspostsWarning:
            description = " ".join(" ".join(docstrings.get((NewspostsWarning.__name__, member.name), [])).split())
            if not description:
                logger.warning(f"NewspostsWarning.{member.name} has no docstring in sphinx_newsposts/warnings_.py, "
                               "so the reference cannot say when it is given", location=self.get_location())
            rows.append([[_literal(f"newsposts.{member.value}")], _with_literals(description)])
        return [_table(["Warning", "Given when"], rows, [30, 70])]


class RawHtmlAllowListDirective(SphinxDirective):
    """``newsposts-raw-html-allow-list``: what raw HTML in posts keeps when it is sanitized, from
    ``sphinx_newsposts.reading.html_policy``, as a definition list; each entry lists the values
    of a constant of that module, followed by the module's own comment on it."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        module = ModuleAnalyzer.for_module(html_policy.__name__)
        self.env.note_dependency(module.srcname)
        self._check()
        comments = {name: " ".join(" ".join(lines).split())
                    for (scope, name), lines in module.find_attr_docs().items() if not scope}
        for name in ("REMOVED_WITH_CONTENT", "URL_ATTRIBUTES", "DEFAULT_EMBED_HOSTS", "EMBED_SANDBOX"):
            if not comments.get(name):
                logger.warning(f"html_policy.{name} has no #: comment, so the allow-list cannot say what it is",
                               location=self.get_location())
                comments[name] = ""
        kept_tags = sorted(html_policy.ALLOWED_TAGS)
        attributes = html_policy.ALLOWED_ATTRIBUTES
        own_attributes = [[[_literal(tag)], _listed(sorted(names))]
                          for tag, names in sorted(attributes.items()) if tag != "*" and names]
        embed_hosts = addnodes.pending_xref("", _literal("newsposts_embed_hosts"), refdomain="std",
                                            reftype="confval", reftarget="newsposts_embed_hosts", refwarn=True)
        entries = {
            "Tags kept": [
                _paragraph(*_listed(kept_tags), nodes.Text(f" ({len(kept_tags)} tags).")),
            ],
            "Attributes kept": [
                _paragraph(nodes.Text("On every tag kept: "), *_listed(sorted(attributes["*"])), nodes.Text(".")),
                _table(["Tag", "Its own attributes"], own_attributes, [25, 75]),
            ],
            "Tags removed with their content": [
                _paragraph(*_listed(sorted(html_policy.REMOVED_WITH_CONTENT)), nodes.Text(".")),
                _paragraph(*_with_literals(comments["REMOVED_WITH_CONTENT"])),
            ],
            "URLs": [
                _paragraph(*_listed(sorted(html_policy.URL_ATTRIBUTES)), nodes.Text(": "),
                           *_with_literals(_lowercase_first(comments["URL_ATTRIBUTES"]))),
                _paragraph(*_with_literals(" ".join(html_policy.is_allowed_url.__doc__.split()))),
            ],
            "Embeds": [
                _paragraph(*_with_literals("An ``<iframe>`` is kept when its ``src`` is an http(s) URL on one of "),
                           embed_hosts, nodes.Text(". By default: "),
                           *_listed(list(html_policy.DEFAULT_EMBED_HOSTS)), nodes.Text(" ("),
                           *_with_literals(_lowercase_first(comments["DEFAULT_EMBED_HOSTS"]).rstrip(".")),
                           nodes.Text(").")),
                _paragraph(nodes.Text("Each embed kept gets "),
                           _literal(f'sandbox="{html_policy.EMBED_SANDBOX}"'), nodes.Text(". "),
                           *_with_literals(comments["EMBED_SANDBOX"])),
            ],
        }
        listing = nodes.definition_list(classes=["newsposts-allow-list"])
        for term, body in entries.items():
            listing += nodes.definition_list_item("", nodes.term(term, term), nodes.definition("", *body))
        return [listing]

    def _check(self) -> None:
        for tag in sorted(html_policy.ALLOWED_ATTRIBUTES.keys() - html_policy.ALLOWED_TAGS - {"*"}):
            logger.warning(f"html_policy.ALLOWED_ATTRIBUTES lists attributes for <{tag}>, which is not in "
                           "ALLOWED_TAGS", location=self.get_location())
        for tag in sorted(html_policy.ALLOWED_TAGS & html_policy.REMOVED_WITH_CONTENT):
            logger.warning(f"<{tag}> is both in html_policy.ALLOWED_TAGS and in REMOVED_WITH_CONTENT",
                           location=self.get_location())


def _paragraph(*parts: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *parts)


def _listed(names: list[str]) -> list[nodes.Node]:
    """Each name as a literal, separated by commas."""
    parts: list[nodes.Node] = []
    for position, name in enumerate(names):
        if position:
            parts.append(nodes.Text(", "))
        parts.append(_literal(name))
    return parts


def _lowercase_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("newsposts-settings", SettingsDirective)
    app.add_directive("newsposts-theme-options", ThemeOptionsDirective)
    app.add_directive("newsposts-warnings", WarningsDirective)
    app.add_directive("newsposts-raw-html-allow-list", RawHtmlAllowListDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
