"""Which documents are posts."""

from __future__ import annotations

import functools

from sphinx.environment import BuildEnvironment
from sphinx.util.matching import Matcher

from .front_matter import FrontMatter
from .post_fields import declared_post


@functools.lru_cache(maxsize=8)
def _matcher(patterns: tuple[str, ...]) -> Matcher:
    # Compiling the globs costs more than matching them; a pure function of the setting,
    # so the memo holds no build's data.
    return Matcher(patterns)


def matches_post_pattern(env: BuildEnvironment, docname: str) -> bool:
    """True when *docname* lies under one of ``newsposts_post_pattern``."""
    return _matcher(tuple(env.config.newsposts_post_pattern))(docname)


def is_post_document(env: BuildEnvironment, front_matter: FrontMatter) -> bool:
    """A document is a post by its folder, or by ABlog's ``blogpost: true``."""
    declared = declared_post(front_matter)
    return matches_post_pattern(env, env.docname) if declared is None else declared
