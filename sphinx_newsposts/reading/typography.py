"""A post's title with the typographic quotes, dashes and ellipses its ``<h1>`` gets.

Sphinx's smart-quotes transform educates the text of the document (``Meta's`` becomes ``Meta’s``),
so the heading shows curly quotes; the title kept in the post's record is the text as written. Cards,
feeds, ``og:title`` and JSON-LD show that record, so it gets the same treatment, on the same
conditions as the transform's (``smartquotes``, ``smartquotes_action``, ``smartquotes_excludes``, a
language docutils knows quotes for).
"""

from __future__ import annotations

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from docutils.utils.smartquotes import smartchars
from sphinx.environment import BuildEnvironment

__all__ = ["typographic"]


def _quotes_language(env: BuildEnvironment, document: nodes.document) -> str | None:
    """The language whose quotes the smart-quotes transform uses in *document*; None when it is off."""
    config = env.config
    excludes = config.smartquotes_excludes
    builder = getattr(env, "_builder_cls", None)
    if (document.settings.smart_quotes is False or not config.smartquotes
            or config.language in excludes.get("languages", [])
            or builder is not None and builder.name in excludes.get("builders", [])):
        return None
    return next((tag for tag in normalize_language_tag(env.settings.get("language_code", "en"))
                 if tag in smartchars.quotes), None)


def typographic(env: BuildEnvironment, document: nodes.document, text: str) -> str:
    """*text* as the smart-quotes transform would write it in *document*."""
    language = _quotes_language(env, document)
    if language is None or not text:
        return text
    return "".join(smartquotes.educate_tokens([("plain", text)], env.config.smartquotes_action, language))
