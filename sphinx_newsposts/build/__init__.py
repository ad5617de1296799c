"""Build machinery: what makes builds fast and tidy and changes no output (state kept for one build,
what a rebuild writes again and the digests that decide it, pages written beside the main process
under ``-j N``, digests of what each document was read from (content decides, not the clock), work
prepared at resolve time, outputs recorded and stale ones removed, compiled templates kept, the
collector setting, generated images cached and the digests of the files they are made from). It
serves every step and imports none of ``components``, ``index``, ``pages`` or ``publishing``."""

from __future__ import annotations

from sphinx.application import Sphinx

from .asset_tags import setup_asset_tags
from .content_freshness import setup_content_freshness
from .design_scope import setup_design_scope
from .file_digests import setup_file_digests
from .freshness import setup_freshness
from .garbage_collection import setup_garbage_collection
from .parallel_pages import setup_parallel_writing
from .stale_outputs import setup_stale_outputs
from .template_cache import setup_template_cache

__all__ = ["setup_build"]


def setup_build(app: Sphinx) -> None:
    setup_stale_outputs(app)
    setup_freshness(app)
    setup_content_freshness(app)
    setup_file_digests(app)
    setup_asset_tags(app)
    setup_design_scope(app)
    setup_template_cache(app)
    setup_parallel_writing(app)
    setup_garbage_collection(app)
