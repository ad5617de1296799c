"""A post's byline and end matter under any theme other than newsposts.

Other themes render a post's page as title and body, nothing else: no date, author, tags, image or
link to the next post. Below the page's first heading this adds the byline (date with
``<time datetime>``, updated date, authors, reading time, categories, tags linking to their
archives, the header image or teaser), and after the body the older/newer links and related posts,
from the same page context and the same templates the newsposts theme uses. The markup is small
and styled by the components' stylesheet in the theme's own fonts and colours.
``newsposts_post_header = False`` leaves the page as the theme renders it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .theme_options import is_newsposts_theme

__all__ = ["setup_post_header"]

BYLINE_TEMPLATE = "newsposts/post-byline.html"
END_TEMPLATE = "newsposts/post-end.html"
#: Where the page's title ends in the body Sphinx renders: the byline goes right after it.
_TITLE_END = "</h1>"


def _add_byline(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: nodes.document | None) -> None:
    page = context.get("newsposts")
    if (page is None or page.get("kind") != "post" or "body" not in context
            or not app.config.newsposts_post_header or is_newsposts_theme(app)):
        return
    parts = {"np": page, "t": context["newsposts_gettext"], "format_date": context["newsposts_format_date"]}
    byline = app.builder.templates.render(BYLINE_TEMPLATE, parts)
    end = app.builder.templates.render(END_TEMPLATE, parts)
    body = context["body"]
    title_end = body.find(_TITLE_END)
    if title_end < 0:  # a post without a title heading: the byline opens the body
        context["body"] = byline + body + end
    else:
        cut = title_end + len(_TITLE_END)
        context["body"] = body[:cut] + byline + body[cut:] + end


def setup_post_header(app: Sphinx) -> None:
    # after .page_context has put the page's `newsposts` in the context
    app.connect("html-page-context", _add_byline, priority=600)
