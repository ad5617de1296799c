"""Links by a post's Jekyll address lead to its page.

Posts copied from a Jekyll site link to each other by the addresses Jekyll gave them:
``[1.0](/news/2013/05/06/jekyll-1-0-0-released.html)``, ``/blog/en/news/2013/05/14/fix/#details``.
MyST finds no document there and leaves a ``pending_xref``, which it would report as
``myst.xref_missing``. This post-transform runs just before MyST's own resolver and turns each
such link whose path is a post's address into a link to the post's page, written as Sphinx writes
internal links (relative, for ``html`` and ``dirhtml`` alike), its ``#fragment`` kept.

A post's addresses are the ones its redirect pages are written from (``redirect_from``,
``permalink``, Jekyll's default ``/:categories/:year/:month/:day/:title.html``), the address the
site-wide ``permalink`` style of a ``_config.yml`` in the source folder gives it, and its page's
address here. A link may carry the site's ``baseurl`` (from ``_config.yml`` or the path of
``html_baseurl``) or not, and end in ``/``, ``.html``, ``/index.html`` or nothing. What matches
no post is left to MyST, whose warning stays what it was.

The table is made from the post index once a build, once reading is done: every post is read by
then, whichever process read it. Each document's site-absolute link targets are kept in the
environment with the posts they led to at the last build; when a post comes, goes or moves, the
pages whose links now lead elsewhere are written again, though their sources did not change.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..build.build_state import build_state, environment_record
from ..index.post_index import post_index
from ..reading.dates import split_dated_filename
from ..reading.permalinks import permalink_pattern
from ..reading.post_meta import PostMeta
from ..warnings_ import NewspostsWarning, emit_warning
from .redirects import JEKYLL_PERMALINK, expand_permalink

_STATE = "newsposts_address_links"
_ENV_ATTR = "newsposts_address_links"


def address_key(path: str) -> str:
    """*path* without what does not tell two pages apart: ``index.html``, ``.html``, ``/`` at the end."""
    path = unquote(path)
    path = path.removesuffix("index.html") if path.endswith("/index.html") else path
    path = path.removesuffix(".html").rstrip("/")
    return "/" + path.lstrip("/")


def _site_config(app: Sphinx) -> dict[str, Any]:
    """The Jekyll site's ``_config.yml`` in the source folder, or ``{}``."""
    path = app.srcdir / "_config.yml"
    if not path.is_file():
        return {}
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or " ".join(str(error).split())  # one line
        # "path:line" (a location with a colon is taken as written, not as a document name)
        emit_warning(NewspostsWarning.CONFIG, f"_config.yml not read, so its permalink style and baseurl are "
                     f"not used for links: {problem}", f"{path}:{mark.line + 1 if mark else ''}", once=True)
        return {}
    return config if isinstance(config, dict) else {}


def _base_paths(app: Sphinx, config: dict[str, Any]) -> list[str]:
    """The folders the site was served from: ``/blog`` for ``baseurl: /blog``, longest first."""
    bases = {str(config.get("baseurl") or "").strip().strip("/"),
             urlsplit((app.config.html_baseurl or "").strip()).path.strip("/")}
    return sorted((f"/{base}" for base in bases if base), key=len, reverse=True)


def _site_style(config: dict[str, Any]) -> str:
    pattern = permalink_pattern(str(config.get("permalink") or "").strip())
    return "" if ":week" in pattern else pattern  # :week and :short_day have no counterpart here


def _addresses(app: Sphinx, meta: PostMeta, site_style: str) -> list[str]:
    """The addresses that name *meta*'s page (the old ones first, then its page's address here)."""
    patterns = [*meta.redirect_from, meta.permalink]
    if meta.is_post and split_dated_filename(posixpath.basename(meta.docname))[0] is not None:
        patterns += [JEKYLL_PERMALINK, site_style]
    addresses = [expand_permalink(pattern.strip(), app, meta) for pattern in patterns if pattern.strip()]
    try:
        return [*addresses, "/" + app.builder.get_target_uri(meta.docname)]
    except NoUri:  # a builder that writes no page for it (LaTeX, for a document outside its book)
        return addresses


def _site_hosts(app: Sphinx, config: dict[str, Any]) -> set[str]:
    """The hosts the site was and is served from (``_config.yml``'s ``url``, ``html_baseurl``): a full
    URL to one of them is a link within the site, whichever of http and https it names."""
    urls = (str(config.get("url") or ""), app.config.html_baseurl or "")
    return {urlsplit(url.strip()).netloc.lower() for url in urls if urlsplit(url.strip()).netloc}


def _site_config_of_build(app: Sphinx) -> dict[str, Any]:
    """``_config.yml``, read once a build (the hosts are asked for while reading, the table after)."""
    state = build_state(app, _STATE)
    if "config" not in state:
        state["config"] = _site_config(app)
    return state["config"]


def _site_hosts_of_build(app: Sphinx) -> set[str]:
    state = build_state(app, _STATE)
    if "hosts" not in state:
        state["hosts"] = _site_hosts(app, _site_config_of_build(app))
    return state["hosts"]


def _path_on_site(target: str, hosts: set[str]) -> str | None:
    """The site path (with its fragment) of *target*: a site-absolute path as it is, a full http(s)
    URL on one of the site's *hosts* without its scheme and host; None for any other target."""
    parts = urlsplit(target)
    if parts.scheme in ("http", "https") and parts.netloc.lower() in hosts and not parts.query:
        return (parts.path or "/") + (f"#{parts.fragment}" if parts.fragment else "")
    return target if target.startswith("/") and not target.startswith("//") and "?" not in target else None


class _AddressTable:
    """Address key -> document, and the site's base folders; made once a build."""

    def __init__(self, app: Sphinx) -> None:
        config = _site_config_of_build(app)
        site_style = _site_style(config)
        self.hosts = _site_hosts_of_build(app)
        self.bases = _base_paths(app, config)
        self.documents: dict[str, str] = {}
        metas = post_index(app.env).meta
        for docname in sorted(metas):  # sorted: the same post wins a clash in every build
            if metas[docname].draft:
                continue
            for address in _addresses(app, metas[docname], site_style):
                self.documents.setdefault(address_key(address), docname)

    def document(self, path: str) -> str | None:
        """The document at the site path *path* (or full URL on the site), with or without the base folder."""
        path = _path_on_site(path, self.hosts)
        if path is None:
            return None
        key = address_key(path.partition("#")[0])
        if key in self.documents:
            return self.documents[key]
        for base in self.bases:
            if key.startswith(base + "/"):
                return self.documents.get(address_key(key[len(base):]))
        return None


def _table(app: Sphinx) -> _AddressTable:
    state = build_state(app, _STATE)
    if "table" not in state:
        state["table"] = _AddressTable(app)
    return state["table"]


def _site_path(target: str, hosts: set[str]) -> tuple[str, str] | None:
    """(path, fragment) of a link target within the site (site-absolute, or a full URL on one of
    its *hosts*), or None for any other."""
    path = _path_on_site(target, hosts)
    if path is None:
        return None
    path, _, fragment = path.partition("#")
    return path, fragment


@dataclasses.dataclass
class AddressLinks:
    """Per document: its site-absolute link targets (without fragments), and the post each led
    to when its page was last written (None: none)."""

    targets: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    resolved: dict[str, list[str | None]] = dataclasses.field(default_factory=dict)

    def clear_doc(self, docname: str) -> None:
        self.targets.pop(docname, None)
        self.resolved.pop(docname, None)

    def merge(self, docnames: Iterable[str], other: AddressLinks) -> None:
        for docname in docnames:
            if docname in other.targets:
                self.targets[docname] = other.targets[docname]


def _address_links(env: BuildEnvironment) -> AddressLinks:
    return environment_record(env, _ENV_ATTR, AddressLinks)


def _note_targets(app: Sphinx, doctree: nodes.document) -> None:
    """The document's links that MyST could not place and that may be a post's address."""
    hosts = _site_hosts_of_build(app)
    targets = sorted({found[0] for node in doctree.findall(addnodes.pending_xref)
                      if node.get("reftype") == "myst" and not node.get("refdomain")
                      and (found := _site_path(node["reftarget"], hosts))}
                     | {node["refuri"].partition("#")[0] for node in doctree.findall(nodes.reference)
                        if "://" in node.get("refuri", "") and _site_path(node["refuri"], hosts)})
    if targets:
        _address_links(app.env).targets[app.env.docname] = targets


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _address_links(env).clear_doc(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _address_links(env).merge(docnames, _address_links(other))


def _pages_whose_links_moved(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once reading is done: the pages whose links lead to another post than when last written."""
    record = _address_links(env)
    if not record.targets or app.builder.format != "html":
        return []
    table = _table(app)
    moved = []
    for docname, targets in record.targets.items():
        resolved = [table.document(target) for target in targets]
        if record.resolved.get(docname) != resolved:
            record.resolved[docname] = resolved
            moved.append(docname)
    return moved


class ResolveJekyllAddresses(SphinxPostTransform):
    """Links to a post's Jekyll address become links to its page."""

    default_priority = 8  # before MyST's resolver (9), which would report them missing

    def run(self, **kwargs: Any) -> None:
        # the application, as Sphinx's own post-transforms reach it (``SphinxTransform.app`` is going)
        self.application: Sphinx = self.env._app
        hosts = _site_hosts_of_build(self.application)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst" or node.get("refdomain"):
                continue
            found = _site_path(node["reftarget"], hosts)
            docname = found and _table(self.application).document(found[0])
            if not found or not docname:
                continue
            try:
                self._replace(node, docname, unquote(found[1]))
            except NoUri:  # no page for it in this builder's output: MyST reports the link
                continue
        # a full URL on the site's own host (``{{ site.url }}/2019/10/08/x.html``), which MyST leaves as it is
        for node in list(self.document.findall(nodes.reference)):
            found = "://" in node.get("refuri", "") and _site_path(node["refuri"], hosts)
            docname = found and _table(self.application).document(found[0])
            if docname:
                try:
                    uri = self.application.builder.get_relative_uri(self.env.docname, docname)
                except NoUri:  # no page for it in this builder's output: the link stays as written
                    continue
                fragment = quote(unquote(found[1]), safe="/-_.~!$&'()*+,;=:@")
                node["refuri"] = f"{uri}#{fragment}" if fragment else uri
                node["internal"] = True

    def _replace(self, node: addnodes.pending_xref, docname: str, fragment: str) -> None:
        content = node[0].deepcopy() if node.children else nodes.inline()
        if not content.astext():  # ``[](/path)``: the post's title is the text, as for a document link
            title = post_index(self.env).meta[docname].title
            content = nodes.inline(title, title, classes=["std", "std-doc"])
        fromdoc = node.get("refdoc", self.env.docname)
        newnode = make_refnode(self.application.builder, fromdoc, docname, quote(fragment, safe="/-_.~!$&'()*+,;=:@"),
                               content)
        if "reftitle" in node:
            newnode["reftitle"] = node["reftitle"]
        node.replace_self(newnode)


class KeepUnresolvedAddresses(SphinxPostTransform):
    """A site-absolute link that leads to no document or post (``/docs/history/``, a page of the old
    site that was not moved over) keeps its address, as Jekyll wrote it, after MyST has reported it;
    MyST would make it an anchor in the page (``#/docs/history/``) that leads nowhere."""

    default_priority = 10  # after MyST's resolver (9)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.reference):
            refid = node.get("refid", "")
            if refid.startswith("/") and not refid.startswith("//"):  # no docutils id has a slash
                del node["refid"]
                node["refuri"] = refid
                node["internal"] = False


def setup_address_links(app: Sphinx) -> None:
    app.connect("doctree-read", _note_targets)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _pages_whose_links_moved, priority=600)  # after the post index is settled
    app.add_post_transform(ResolveJekyllAddresses)
    app.add_post_transform(KeepUnresolvedAddresses)
