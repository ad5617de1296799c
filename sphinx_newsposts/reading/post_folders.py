"""Jekyll's post folders: ``_posts`` (and ``_drafts``) anywhere in a site, and the categories
their place gives a post.

Jekyll reads a ``_posts`` folder in any folder of the site and adds each folder above it to the
post's categories, before the front matter's own (``Document#categories_from_path``):
``en/news/_posts/2019-10-01-x.md`` is in ``en`` and ``news``; folders *below* ``_posts``
(``_posts/a/b/x.md``) give none.

``{% post_url NAME %}`` names a post by its file name without suffix, with the folders that tell
it from others (:func:`post_named`, :func:`posts_of_file_name`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

__all__ = ["DRAFTS_FOLDER", "POSTS_FOLDER", "folder_categories", "merge_categories", "post_named",
           "posts_of_file_name"]

POSTS_FOLDER, DRAFTS_FOLDER = "_posts", "_drafts"


def folder_categories(path: str, special: tuple[str, ...] = (POSTS_FOLDER,)) -> list[str]:
    """The folders above the first of *special* in the ``/``-separated *path*; ``[]`` outside one."""
    parts = path.split("/")
    for index, part in enumerate(parts[:-1]):
        if part in special:
            return [folder for folder in parts[:index] if folder and folder != "."]
    return []


def merge_categories(from_folders: list[str], from_front_matter: list[str]) -> list[str]:
    """Folder categories first, then the front matter's, each once (Jekyll's ``|``)."""
    return list(dict.fromkeys([*from_folders, *from_front_matter]))


def post_named(name: str, paths: Iterable[str]) -> str | None:
    """The one of *paths* (``/``-separated, relative to the site) that ``{% post_url name %}`` names
    exactly, as Jekyll 4 matches it (``PostComparer``): a file name without suffix, its folders
    either below the top ``_posts`` (``2020/2020-01-01-a`` for ``_posts/2020/2020-01-01-a.md``) or
    above a ``_posts`` (``en/news/2020-01-01-a`` for ``en/news/_posts/2020-01-01-a.md``)."""
    folders, _slash, stem = name.strip("/").rpartition("/")
    path = f"{folders}/" if folders else ""
    wanted = (f"{POSTS_FOLDER}/{path}{stem}", f"{path}{POSTS_FOLDER}/{stem}")
    return next((candidate for candidate in sorted(paths) if posixpath.splitext(candidate)[0] in wanted), None)


def posts_of_file_name(name: str, paths: Iterable[str]) -> list[str]:
    """Jekyll's fallback when nothing matches exactly (with a deprecation warning): those of *paths*
    in any ``_posts`` folder with *name*'s date and title, in Jekyll's order (by path, as they
    share the date)."""
    stem = posixpath.basename(name.strip("/"))
    return [candidate for candidate in sorted(paths)
            if POSTS_FOLDER in candidate.split("/")[:-1]
            and posixpath.basename(posixpath.splitext(candidate)[0]) == stem]
