"""The Lighthouse benchmark's server (benchmarks/pages_server.py) serves a site as GitHub Pages does:
what it measures depends on it (compression, caching headers, content types, 404s)."""

from __future__ import annotations

import gzip
import http.client
import importlib.util
from pathlib import Path

import pytest

SERVER_MODULE = Path(__file__).parent.parent / "benchmarks" / "pages_server.py"


@pytest.fixture(scope="module")
def pages_server():
    spec = importlib.util.spec_from_file_location("pages_server", SERVER_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "html"
    (root / "blog" / "tag").mkdir(parents=True)
    (root / "_static").mkdir()
    (root / "index.html").write_text("<!DOCTYPE html><title>Home</title>" + "<p>news</p>" * 200, encoding="utf-8")
    (root / "blog" / "index.html").write_text("<!DOCTYPE html><title>Blog</title>", encoding="utf-8")
    (root / "blog" / "tag" / "port.html").write_text("<!DOCTYPE html><title>Port</title>", encoding="utf-8")
    (root / "_static" / "site.css").write_text("body { margin: 0 }\n" * 50, encoding="utf-8")
    (root / "_static" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 20)
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    return root


def fetch(base_url: str, path: str, headers: dict[str, str] | None = None):
    host, port = base_url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_text_is_gzipped_when_accepted_and_cached_for_ten_minutes(pages_server, site):
    with pages_server.serve_site(site) as base_url:
        zipped, body = fetch(base_url, "/", {"Accept-Encoding": "gzip, deflate, br"})
        plain, plain_body = fetch(base_url, "/")
        css, css_body = fetch(base_url, "/_static/site.css?v=1234", {"Accept-Encoding": "gzip"})
    assert zipped.status == 200
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert zipped.getheader("Content-Type") == "text/html; charset=utf-8"
    assert zipped.getheader("Cache-Control") == "max-age=600"
    assert zipped.getheader("Vary") == "Accept-Encoding"
    assert int(zipped.getheader("Content-Length")) == len(body) < len(plain_body)
    assert gzip.decompress(body) == plain_body == (site / "index.html").read_bytes()
    assert plain.getheader("Content-Encoding") is None
    assert zipped.getheader("ETag") != plain.getheader("ETag")
    assert css.getheader("Content-Type") == "text/css; charset=utf-8"
    assert gzip.decompress(css_body) == (site / "_static" / "site.css").read_bytes()


def test_images_are_sent_as_they_are(pages_server, site):
    with pages_server.serve_site(site) as base_url:
        response, body = fetch(base_url, "/_static/photo.jpg", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Type") == "image/jpeg"
    assert response.getheader("Content-Encoding") is None
    assert response.getheader("Cache-Control") == "max-age=600"
    assert body == (site / "_static" / "photo.jpg").read_bytes()


def test_folders_pages_without_suffix_and_revalidation(pages_server, site):
    with pages_server.serve_site(site) as base_url:
        redirect, _ = fetch(base_url, "/blog")
        folder, folder_body = fetch(base_url, "/blog/")
        page, page_body = fetch(base_url, "/blog/tag/port")
        again, again_body = fetch(base_url, "/blog/", {"If-None-Match": folder.getheader("ETag")})
    assert (redirect.status, redirect.getheader("Location")) == (301, "/blog/")
    assert folder.status == 200 and b"<title>Blog</title>" in folder_body
    assert page.status == 200 and b"<title>Port</title>" in page_body
    assert again.status == 304 and again_body == b""


def test_missing_files_give_404_with_a_page(pages_server, site):
    with pages_server.serve_site(site) as base_url:
        missing, body = fetch(base_url, "/favicon.ico")
        outside, _ = fetch(base_url, "/../secret.txt")
        escaped, _ = fetch(base_url, "/%2e%2e/secret.txt")
        (site / "404.html").write_text("<!DOCTYPE html><title>Lost</title>", encoding="utf-8")
        own, own_body = fetch(base_url, "/nowhere/")
    assert missing.status == 404 and b"404" in body
    assert missing.getheader("Content-Type") == "text/html; charset=utf-8"
    assert outside.status == escaped.status == 404
    assert own.status == 404 and b"<title>Lost</title>" in own_body
