"""The typed record of one post's metadata: what every later step reads."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

__all__ = ["ImageRef", "PostMeta"]


@dataclasses.dataclass(frozen=True)
class ImageRef:
    """An image named in front matter: a file in the source tree or a remote URL."""

    #: Path relative to the source directory (POSIX separators), for local files.
    path: str | None = None
    #: Absolute ``http(s)`` URL, for remote images.
    url: str | None = None
    alt: str = ""
    #: Pixel size read from a local file's header; 0 when unknown (remote images).
    width: int = 0
    height: int = 0
    #: Line of the front matter that names the image (0 for a body image), for warnings; where it is
    #: written changes nothing about the image.
    line: int = dataclasses.field(default=0, compare=False, repr=False)

    @property
    def is_local(self) -> bool:
        return self.path is not None


@dataclasses.dataclass
class PostMeta:
    """Everything known about a document that carries front matter.

    Built by :mod:`.post_fields`, completed from the doctree by :mod:`.body`; kept in
    the post index, pickled into the environment, so it holds plain values only.
    """

    docname: str
    is_post: bool = False
    title: str = ""
    #: The title as the page's heading shows it (typographic quotes and dashes, as Sphinx's
    #: smart-quotes transform writes them); what cards and links to the post show.
    heading_title: str = ""
    #: Where the title came from: ``front-matter``, ``heading`` or ``filename``.
    title_source: str = "filename"
    #: Publication date, always timezone-aware (site zone when the source had none).
    date: datetime | None = None
    updated: datetime | None = None
    #: ``True`` when the post is kept out of listings and feeds.
    draft: bool = False
    #: Why the post is a draft: ``unpublished``, ``draft``, ``future`` or ``undated``.
    draft_reason: str = ""
    tags: list[str] = dataclasses.field(default_factory=list)
    categories: list[str] = dataclasses.field(default_factory=list)
    authors: list[str] = dataclasses.field(default_factory=list)
    #: Excerpt as written in front matter (plain text), or ``""``.
    excerpt: str = ""
    #: First paragraph of the body, used when there is no explicit excerpt.
    auto_excerpt: str = ""
    keywords: list[str] = dataclasses.field(default_factory=list)
    toc: bool = False
    toc_label: str = ""
    toc_sticky: bool = False
    classes: list[str] = dataclasses.field(default_factory=list)
    teaser: ImageRef | None = None
    header_image: ImageRef | None = None
    og_image: ImageRef | None = None
    #: ABlog's ``image: N``: take the N-th image of the body as the teaser.
    teaser_from_body: int = 0
    permalink: str = ""
    slug: str = ""
    redirect_from: list[str] = dataclasses.field(default_factory=list)
    #: Front-matter line of each address in ``permalink`` and ``redirect_from``, for warnings.
    address_lines: dict[str, int] = dataclasses.field(default_factory=dict)
    #: Dates of ABlog ``update`` directives in the body.
    ablog_updates: list[datetime] = dataclasses.field(default_factory=list)
    word_count: int = 0
    reading_time: int = 0
    #: Keys this project does not interpret, kept as parsed.
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The text for cards, ``<meta name="description">`` and feeds."""
        return self.excerpt or self.auto_excerpt

    @property
    def images(self) -> list[ImageRef]:
        """Distinct images the post names, teaser first."""
        seen: list[ImageRef] = []
        for image in (self.teaser, self.header_image, self.og_image):
            if image is not None and image not in seen:
                seen.append(image)
        return seen
