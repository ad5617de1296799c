"""Step 1 of the data flow: front matter -> :class:`PostMeta`, once per document."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .front_matter import FrontMatter, read_docinfo_front_matter
from .images import register_post_images
from .markdown_parser import FRONT_MATTER_KEY
from .post_fields import ReadSettings, read_post_meta
from .post_index import build_time, complete_from_body, site_zone, store_meta
from .posts import matches_post_pattern
from .titles import normalise_title

logger = logging.getLogger(__name__)


class ReadPostMetadata(SphinxTransform):
    """Read front matter, settle the title, and record the document's metadata.

    Runs after docutils has turned a leading field list into docinfo (340) and
    before ABlog looks at the document (800).
    """

    default_priority = 700

    def apply(self, **kwargs) -> None:
        env = self.env
        docname = env.docname
        front_matter: FrontMatter | None = env.temp_data.pop(FRONT_MATTER_KEY, None)
        if front_matter is None:
            front_matter = read_docinfo_front_matter(self.document)

        def warn(subtype: str, message: str, line: int) -> None:
            logger.warning(message, type="newsposts", subtype=subtype, location=(docname, line))

        if front_matter.error is not None:
            message, line = front_matter.error
            warn("front_matter", f"{message}; the post is built from its file name and body", line)
        if not front_matter.present and not matches_post_pattern(env, docname):
            return
        settings = ReadSettings(
            srcdir=str(env.srcdir),
            zone=site_zone(env),
            now=build_time(env),
            is_post_path=lambda name: matches_post_pattern(env, name),
            publish_drafts=env.config.newsposts_publish_drafts,
            publish_future=env.config.newsposts_publish_future,
            default_authors=tuple(env.config.newsposts_default_authors),
        )
        meta = read_post_meta(docname, front_matter, settings, warn)
        _drop_ablog_trigger(self.document)
        if meta.is_post:
            normalise_title(self.document, meta)
            complete_from_body(env, self.document, meta)
            register_post_images(env, meta.images)
        store_meta(env, meta)


def _drop_ablog_trigger(document: nodes.document) -> None:
    """Remove ``blogpost``: ABlog would read the raw front matter itself and choke on it."""
    for docinfo in document.findall(nodes.docinfo):
        for field in list(docinfo.findall(nodes.field)):
            if field[0].astext().strip().lower() == "blogpost":
                field.parent.remove(field)
