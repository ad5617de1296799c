"""Step 1 of the data flow: front matter -> :class:`PostMeta`, once per document.

The record is kept with the document while it is read (the transforms after this one ask
:func:`document_meta`) and handed on at ``doctree-read``, where the post index takes it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..warnings_ import NewspostsWarning, Warn, warn_in
from .body import complete_from_body
from .dates import build_time, site_zone
from .front_matter import FrontMatter, read_docinfo_front_matter
from .images import register_post_images
from .markdown_parser import FRONT_MATTER_KEY
from .post_fields import ReadSettings, known_fields, read_post_meta
from .post_meta import PostMeta
from .posts import matches_post_pattern
from .titles import normalise_title
from .typography import typographic

__all__ = ["document_meta"]

_META_KEY = "newsposts_meta"  # in env.temp_data: lasts while the document is read


def document_meta(env: BuildEnvironment) -> PostMeta | None:
    """The record of the document being read, once :class:`ReadPostMetadata` has made it;
    None for a document without front matter outside the post folders."""
    return env.temp_data.get(_META_KEY)


class ReadPostMetadata(SphinxTransform):
    """Read front matter, settle the title, and record the document's metadata.

    Runs after docutils has turned a leading field list into docinfo (340); ABlog's own
    front-matter transform is not registered (see ablog_bridge).
    """

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        docname = env.docname
        front_matter: FrontMatter | None = env.temp_data.pop(FRONT_MATTER_KEY, None)
        if front_matter is None:
            front_matter = read_docinfo_front_matter(self.document)
        warn = warn_in(docname)
        if front_matter.error is not None:
            message, line = front_matter.error
            warn(NewspostsWarning.FRONT_MATTER, f"{message}; the post is built from its file name and body", line)
        for message, line in front_matter.problems:
            warn(NewspostsWarning.FRONT_MATTER, message, line)
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
            max_labels=env.config.newsposts_max_labels,
        )
        meta = read_post_meta(docname, front_matter, settings, warn)
        if meta.is_post:
            normalise_title(self.document, meta)
            complete_from_body(env, self.document, meta)
            if meta.teaser_from_body and meta.teaser is None:
                _report_missing_body_image(self.document, front_matter, meta, warn)
        meta.heading_title = typographic(env, self.document, meta.title)
        # pages with front matter show their header image too
        register_post_images(env, meta.images)
        env.temp_data[_META_KEY] = meta


def _report_missing_body_image(document: nodes.document, front_matter: FrontMatter, meta: PostMeta,
                               warn: Warn) -> None:
    """ABlog's ``image: N`` names a body image the body does not have."""
    count = sum(1 for image in document.findall(nodes.image) if "://" not in image["uri"])
    found = known_fields(front_matter).get("image")
    written, line = (found[0], found[1].line) if found else ("image", front_matter.line or 1)
    warn(NewspostsWarning.IMAGE, f"'{written}': {meta.teaser_from_body} asks for image {meta.teaser_from_body} of the "
         f"body, which has {count} local image{'' if count == 1 else 's'}; the post has no teaser", line)
