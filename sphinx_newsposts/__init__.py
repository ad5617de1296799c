"""sphinx-newsposts: publish news posts written in Markdown with Sphinx."""

from __future__ import annotations

from sphinx.application import Sphinx

from .ablog_bridge import setup_ablog_bridge
from .archives import setup_archives
from .asset_tags import setup_asset_tags
from .assets import setup_assets
from .components import setup_components
from .config import setup_config
from .design_scope import setup_design_scope
from .garbage_collection import setup_garbage_collection
from .images import setup_images
from .markdown_parser import setup_markdown
from .page_context import setup_page_context
from .parallel_pages import setup_parallel_writing
from .post_index import setup_post_index
from .post_reader import ReadPostMetadata
from .publishing import setup_publishing
from .stale_outputs import setup_stale_outputs
from .template_cache import setup_template_cache
from .theme import setup_theme
from .urls import setup_body_link_checks

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    setup_markdown(app)
    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_ablog_bridge(app)
    app.add_transform(ReadPostMetadata)
    setup_components(app)
    setup_post_index(app)
    setup_images(app)
    setup_archives(app)
    setup_page_context(app)
    setup_body_link_checks(app)
    setup_assets(app)
    setup_asset_tags(app)
    setup_design_scope(app)
    setup_publishing(app)
    setup_theme(app)
    setup_template_cache(app)
    setup_stale_outputs(app)
    setup_parallel_writing(app)
    setup_garbage_collection(app)
    return {
        "version": __version__,
        "env_version": 2,  # raised whenever what the environment keeps changes shape
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
