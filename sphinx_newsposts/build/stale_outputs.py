"""Files a build no longer produces are removed from the output folder.

Sphinx leaves the page of a deleted document in the output, and an archive page, feed or redirect
of a tag nobody uses any more would go on listing old posts. Each build records what it produced
(pages, archive pages, copied sources and images, feeds, redirects) in a manifest kept with the
doctrees; the next build removes what the old manifest lists and the new one does not. Only files
a build of this site wrote are ever removed. Words of removed pages leave the search index too.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..text import digest
from .output_records import recorded_outputs

__all__ = ["EXTRA_PAGES_EVENT"]

logger = logging.getLogger(__name__)

MANIFEST = "newsposts-outputs-{builder}.json"
#: Asks each step for the pages it writes besides the documents (archive pages): each listener
#: returns their names, in writing order.
EXTRA_PAGES_EVENT = "newsposts-extra-pages"


def _extra_pages(app: Sphinx) -> list[str]:
    return [name for names in app.emit(EXTRA_PAGES_EVENT) for name in names]


def _relative(app: Sphinx, path: str | Path) -> str:
    # output file names are built under outdir: no need to resolve each one on the file system
    return Path(path).relative_to(app.outdir).as_posix()


def _page_files(app: Sphinx) -> list[str]:
    builder, env = app.builder, app.env
    files = [_relative(app, builder.get_outfilename(docname)) for docname in env.found_docs]
    files += [_relative(app, builder.get_outfilename(name)) for name in _extra_pages(app)]
    if app.config.html_copy_source and getattr(builder, "copysource", True):
        suffix = app.config.html_sourcelink_suffix
        for docname in env.found_docs:
            source = docname + str(env.doc2path(docname, False))[len(docname):]
            files.append(f"_sources/{source}" if source.endswith(suffix) else f"_sources/{source}{suffix}")
    return files


def _image_files(app: Sphinx) -> list[str]:
    image_dir = getattr(app.builder, "imagedir", "_images")
    return [f"{image_dir}/{unique_name}" for _docnames, unique_name in app.env.images.values()]


def _manifest_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / MANIFEST.format(builder=app.builder.name)


def _pages_key(app: Sphinx) -> str:
    """What the list of pages follows from; while it holds, last build's list stands (listing
    1,000 pages' file names costs more than a no-change rebuild should)."""
    config = app.config
    return digest((app.builder.name, getattr(app.builder, "out_suffix", ""), sorted(app.env.found_docs),
                   _extra_pages(app), config.html_copy_source,
                   getattr(app.builder, "copysource", True), config.html_sourcelink_suffix))


def _read_manifest(app: Sphinx) -> tuple[dict[str, list[str]], str]:
    """The files the last build recorded, and the pages key they were listed under."""
    try:
        saved = json.loads(_manifest_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, ""
    if not isinstance(saved, dict) or saved.get("outdir") != str(Path(app.outdir).resolve()):
        return {}, ""  # another output folder: nothing there is ours to remove
    files = saved.get("files")
    if not isinstance(files, dict):
        return {}, ""
    pages_key = saved.get("pages_key")
    return files, pages_key if isinstance(pages_key, str) else ""


def _remove(outdir: Path, relative: str) -> bool:
    path = (outdir / relative).resolve()
    if not path.is_relative_to(outdir) or not path.is_file():
        return False
    path.unlink()
    for folder in path.parents:  # folders that held nothing else go too
        if folder == outdir or any(folder.iterdir()):
            break
        folder.rmdir()
    return True


def _remove_stale_outputs(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    previous, previous_pages_key = _read_manifest(app)
    current = dict(previous)
    current.update(recorded_outputs(app))
    pages_key = _pages_key(app)
    if pages_key != previous_pages_key or "pages" not in previous:
        current["pages"] = sorted(set(_page_files(app)))
    current["images"] = sorted(set(_image_files(app)))
    kept = {path for paths in current.values() for path in paths}
    stale = sorted({path for paths in previous.values() for path in paths} - kept)
    outdir = Path(app.outdir).resolve()
    removed = [path for path in stale if _remove(outdir, path)]
    if removed:
        logger.info(f"removed {len(removed)} file(s) this build no longer produces", type="newsposts")
        for path in removed:
            logger.verbose(f"removed {path}")
    if current != previous or pages_key != previous_pages_key:
        _manifest_path(app).write_text(
            json.dumps({"outdir": str(outdir), "pages_key": pages_key, "files": current}, indent=0),
            encoding="utf-8")


def _drop_emptied_search_terms(app: Sphinx) -> list:
    """Sphinx's search index keeps a word whose last page was removed or edited away, listing no
    page; a clean build would not have it. Dropped before the index is written."""
    indexer = getattr(app.builder, "indexer", None)
    for mapping in (getattr(indexer, "_mapping", None), getattr(indexer, "_title_mapping", None)):
        if isinstance(mapping, dict):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]
    return []  # html-collect-pages: no pages to add


def setup_stale_outputs(app: Sphinx) -> None:
    app.add_event(EXTRA_PAGES_EVENT)
    app.connect("html-collect-pages", _drop_emptied_search_terms)
    app.connect("build-finished", _remove_stale_outputs, priority=950)  # after every writer
