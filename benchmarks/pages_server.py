"""Serve a built site on the loopback interface the way GitHub Pages serves it.

What a page costs a reader depends on how it is served as much as on what it holds, so the
server does what GitHub Pages does with a static site:

- text types (HTML, CSS, JavaScript, JSON, XML, SVG, plain text) gzipped when the client accepts
  gzip, with ``Vary: Accept-Encoding``; images and fonts as they are;
- ``Cache-Control: max-age=600`` on every response, with ``ETag`` and ``Last-Modified`` (and 304
  when the client already holds the file);
- ``/folder/`` gives ``folder/index.html`` (and ``/folder`` redirects there with a 301), and
  ``/page`` gives ``page.html`` when there is no such folder;
- a missing file gives 404 with the site's own ``404.html`` when it has one, else a short page.

    with serve_site(Path("_build/html")) as base_url:
        ...  # base_url is "http://127.0.0.1:<free port>/"
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Content types by file suffix, as GitHub Pages sends them (text types with their charset).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".pdf": "application/pdf",
}
#: Types worth compressing: images and fonts are compressed already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "application/rss+xml", "application/atom+xml", "image/svg+xml")
CACHE_CONTROL = "max-age=600"
NOT_FOUND_PAGE = b"<!DOCTYPE html>\n<title>Page not found</title>\n<h1>404</h1>\n<p>File not found.</p>\n"


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def is_compressible(mime: str) -> bool:
    return mime.startswith(COMPRESSED_TYPES)


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """One request against the folder *root*."""

    protocol_version = "HTTP/1.1"  # keep-alive, as browsers expect from a real host
    server_version = "GitHub.com"

    def __init__(self, *args, root: Path, **kwargs) -> None:
        self.root = root.resolve()
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args) -> None:  # the benchmark prints its own report
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser closed the connection (a page it left, a lazy image it no longer needs)

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _locate(self, url_path: str) -> tuple[str, Path | str | None]:
        """("file", path), ("redirect", location) or ("missing", None) for *url_path*."""
        parts = [part for part in unquote(url_path).split("/") if part not in ("", ".")]
        if ".." in parts or any("\\" in part or "\0" in part for part in parts):
            return "missing", None
        target = self.root.joinpath(*parts)
        if (target / "index.html").is_file():
            if not url_path.endswith("/"):
                return "redirect", url_path + "/"
            target = target / "index.html"
        elif not target.is_file() and parts and not url_path.endswith("/"):
            target = target.with_name(target.name + ".html")
        if target.is_file() and target.resolve().is_relative_to(self.root):
            return "file", target
        return "missing", None

    def _respond(self, with_body: bool) -> None:
        kind, found = self._locate(urlsplit(self.path).path or "/")
        if kind == "redirect":
            self.send_response(301)
            self.send_header("Location", str(found))
            self.send_header("Content-Length", "0")
            self.send_header("Cache-Control", CACHE_CONTROL)
            self.end_headers()
            return
        if kind == "missing":
            page = self.root / "404.html"
            status, path = 404, page if page.is_file() else None
        else:
            status, path = 200, found
        body = path.read_bytes() if path is not None else NOT_FOUND_PAGE
        mime = content_type(path) if path is not None else CONTENT_TYPES[".html"]
        compressible = is_compressible(mime)
        if compressible and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            encoding = "gzip"
        else:
            encoding = None
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'  # of what is sent: each encoding its own
        if status == 200 and etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", CACHE_CONTROL)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if path is not None and status == 200:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        if with_body:
            self.wfile.write(body)


@contextlib.contextmanager
def serve_site(root: Path) -> Iterator[str]:
    """Serve *root* on a free loopback port in a thread; yields the base URL, ending in ``/``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, root=root))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="pages-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
