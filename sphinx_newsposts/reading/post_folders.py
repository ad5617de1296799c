"""Jekyll's post folders: ``_posts`` (and ``_drafts``) anywhere in a site, and the categories
their place gives a post.

Jekyll reads a ``_posts`` folder in any folder of the site and adds each folder above it to the
post's categories, before the front matter's own (``Document#categories_from_path``):
``en/news/_posts/2019-10-01-x.md`` is in ``en`` and ``news``; folders *below* ``_posts``
(``_posts/a/b/x.md``) give none.
"""

from __future__ import annotations

__all__ = ["DRAFTS_FOLDER", "POSTS_FOLDER", "folder_categories", "merge_categories"]

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
