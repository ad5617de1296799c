"""The lists of ``latest-posts`` directives, filled with posts when their page is written.

The directive (:mod:`..components.latest_posts`) leaves a node saying what to list; its page is a
listing page, written again whenever the posts change. Here the node becomes, for web pages,
the post cards the archive pages show (``<div class="np-cards">``, card titles one level below
the section holding the list) and, with ``:links:``, a line of links to the archives and the feed,
both in a ``<div class="np-latest-posts">``;
for every other builder (LaTeX, text, EPUB, man, gettext), a bullet list of titles and dates.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..components.i18n import _, date_formatter
from ..components.latest_posts import LABEL_FILTERS, latest_posts
from ..index.post_index import LABEL_ATTRIBUTES, post_index
from .archive_urls import index_docname
from .cards import cards_for
from .feed_urls import feed_paths
from .page_links import link, target_uri
from .theme_options import is_newsposts_theme

__all__ = ["setup_post_lists"]

#: Builders of the HTML format that are not web sites: they get the plain list.
_PLAIN_HTML_BUILDERS = ("epub",)


def listed_posts(app: Sphinx, node: latest_posts) -> list[str]:
    """The newest published posts carrying every label *node* asks for, up to its count; the
    labels compared as written, as each has its own archive page."""
    index = post_index(app.env)
    wanted = [(LABEL_ATTRIBUTES[kind], node[kind]) for kind in LABEL_FILTERS if node.get(kind)]
    count = node["count"]
    listed: list[str] = []
    for docname in index.order:  # newest first: stop at the count
        meta = index.meta[docname]
        if all(label in getattr(meta, attribute) for attribute, label in wanted):
            listed.append(docname)
            if len(listed) == count:
                break
    return listed


def card_heading_level(node: nodes.Element) -> int:
    """One level below the section the list is in (its title is ``<h1>`` at the top level)."""
    depth, parent = 0, node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(6, max(depth, 1) + 1)


def _links_markup(app: Sphinx, pagename: str) -> str:
    """``All posts · Tags · Categories · Archive · Feed``, each a link from *pagename*."""
    config = app.config
    targets = [(_("All posts"), config.blog_path), (_("Tags"), index_docname(config, "tag")),
               (_("Categories"), index_docname(config, "category")), (_("Archive"), index_docname(config, "year"))]
    items = [(title, link(app, pagename, docname)) for title, docname in targets]
    feed = feed_paths(app).get("atom")
    if feed:
        items.append((_("Feed"), relative_uri(target_uri(app, pagename), feed)))
    separator = '<span aria-hidden="true"> · </span>'
    links = separator.join(f'<a href="{html.escape(url)}">{html.escape(title)}</a>' for title, url in items)
    return f'<nav class="np-post-links" aria-label="{html.escape(_("Posts"))}"><p>{links}</p></nav>\n'


def _cards_markup(app: Sphinx, pagename: str, node: latest_posts, docnames: list[str], eager: bool) -> str:
    if not docnames:
        markup = f'<p class="np-no-posts">{html.escape(_("No posts yet."))}</p>\n'
    else:
        compact = node["layout"] == "compact"
        cards = cards_for(app, pagename, docnames, heading_level=card_heading_level(node), compact=compact,
                          first_is_eager=eager)
        classes = "np-cards np-cards--compact" if compact else "np-cards"
        markup = f'<div class="{classes}">\n{"".join(card["html"] for card in cards)}\n</div>\n'
    links = _links_markup(app, pagename) if node["links"] else ""
    return f'<div class="np-latest-posts">\n{markup}{links}</div>\n'


def _plain_list(app: Sphinx, pagename: str, docnames: list[str], with_links: bool) -> nodes.bullet_list:
    """Titles and dates; linked where the output has links between pages (EPUB)."""
    metas = post_index(app.env).meta
    format_date = getattr(app.builder, "newsposts_format_date", None) or date_formatter(app.config.language)
    items = nodes.bullet_list(classes=["np-post-list"])
    for docname in docnames:
        meta = metas[docname]
        title: nodes.Node = nodes.Text(meta.heading_title or meta.title)
        if with_links:
            title = nodes.reference("", "", title, internal=True,
                                    refuri=app.builder.get_relative_uri(pagename, docname))
        line = nodes.paragraph("", "", title)
        if meta.date is not None:
            line += nodes.Text(" — " + format_date(meta.date))
        items += nodes.list_item("", line)
    return items


def _is_web_page(app: Sphinx) -> bool:
    return app.builder.format == "html" and not app.builder.name.startswith(_PLAIN_HTML_BUILDERS)


#: Builders that resolve several documents as one tree (under the first one's name).
_ASSEMBLING_BUILDERS = {"latex", "texinfo", "man", "singlehtml"}


def fill_post_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each ``latest-posts`` node by its posts, in the form the builder writes; only
    pages known since reading to hold one are walked."""
    if docname not in post_index(app.env).listing_pages and app.builder.name not in _ASSEMBLING_BUILDERS:
        return
    web = _is_web_page(app)
    # The page's first image is fetched first: a list's first teaser, unless an image comes
    # before it (or the newsposts theme shows the front page's own cards above the body).
    eager = not (docname == app.config.root_doc and is_newsposts_theme(app))
    for node in list(doctree.findall(lambda n: isinstance(n, (latest_posts, nodes.image)))):
        if isinstance(node, nodes.image):
            eager = False
            continue
        docnames = listed_posts(app, node)
        if web:
            shown: nodes.Node = nodes.raw("", _cards_markup(app, docname, node, docnames, eager), format="html")
            eager = eager and not docnames
        elif docnames:
            shown = _plain_list(app, docname, docnames, with_links=app.builder.format == "html")
        else:
            shown = nodes.paragraph("", _("No posts yet."))
        node.replace_self(shown)


def setup_post_lists(app: Sphinx) -> None:
    # before the page's context is prepared from its resolved doctree (priority 900)
    app.connect("doctree-resolved", fill_post_lists, priority=400)
