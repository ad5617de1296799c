"""Step 4, pages: takes the post index and gives what each HTML page shows (its template
context, post cards, links between pages, front-matter images, every image's responsive
variants), the archive pages of every tag, category, author and year, and the sidebar templates
that lead to them; for any theme, not only ``newsposts``."""

from __future__ import annotations

from sphinx.application import Sphinx

from .archives import setup_archives
from .assets import setup_assets
from .body_images import setup_body_images
from .images import setup_images
from .page_context import setup_page_context
from .post_header import setup_post_header
from .post_lists import setup_post_lists
from .responsive_images import setup_responsive_images
from .sidebars import setup_sidebars

__all__ = ["setup_pages"]


def setup_pages(app: Sphinx) -> None:
    setup_images(app)
    setup_responsive_images(app)
    setup_body_images(app)
    setup_archives(app)
    setup_page_context(app)
    setup_post_header(app)
    setup_post_lists(app)
    setup_sidebars(app)
    setup_assets(app)
