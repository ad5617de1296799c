"""Atom, RSS and JSON feeds: valid, absolute, newest first, reproducible, and one set per label."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import jsonschema
import pytest

from conftest import build, copy_root, warnings_of

BASE = "https://feeds.example.org/news/"
ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
HOSTILE = "<script>alert(1)</script> & co"
#: Published posts, newest first; the feed length in conf.py is 4.
NEWEST_FOUR = ["Newest story", "Fifth story", "Linked story", HOSTILE]
LINKED = BASE + "posts/2025-04-01-linked.html"
RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RFC_822 = re.compile(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")


@pytest.fixture(scope="module")
def site(site_factory):
    return site_factory("feeds")


@pytest.fixture(scope="module")
def full_text(site_factory):
    return site_factory("feeds", confoverrides={"newsposts_feed_full_text": True})


def read_bytes(app, path: str) -> bytes:
    return (Path(app.outdir) / path).read_bytes()


def atom(app, folder: str = "blog") -> ET.Element:
    return ET.fromstring(read_bytes(app, f"{folder}/atom.xml"))


def rss_items(app, folder: str = "blog") -> list[ET.Element]:
    return ET.fromstring(read_bytes(app, f"{folder}/rss.xml")).findall("channel/item")


def json_feed(app, folder: str = "blog") -> dict:
    return json.loads(read_bytes(app, f"{folder}/feed.json"))


def feed_files(app) -> dict[str, bytes]:
    outdir = Path(app.outdir)
    return {str(path.relative_to(outdir)): path.read_bytes()
            for pattern in ("**/atom.xml", "**/rss.xml", "**/feed.json") for path in sorted(outdir.glob(pattern))}


def titles(app, folder: str = "blog") -> dict[str, list[str]]:
    """Entry titles of the three feeds in *folder*, in feed order."""
    return {"atom": [entry.findtext(f"{ATOM}title") for entry in atom(app, folder).iter(f"{ATOM}entry")],
            "rss": [item.findtext("title") for item in rss_items(app, folder)],
            "json": [item["title"] for item in json_feed(app, folder)["items"]]}


@pytest.mark.parametrize("app_name", ["site", "full_text"])
def test_every_feed_is_valid(app_name, request):
    app = request.getfixturevalue(app_name)
    assert warnings_of(app) == []
    files = feed_files(app)
    assert "blog/atom.xml" in files and "blog/tag/meta/rss.xml" in files and "blog/category/tech/feed.json" in files
    for path, data in files.items():
        if path.endswith(".json"):
            jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(data))
        else:
            parsed = feedparser.parse(data)
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
            assert parsed.version == ("atom10" if path.endswith("atom.xml") else "rss20")


def test_newest_first_cut_to_the_feed_length_without_drafts(site):
    assert titles(site) == {"atom": NEWEST_FOUR, "rss": NEWEST_FOUR, "json": NEWEST_FOUR}
    everything = b"".join(feed_files(site).values())
    assert b"Unpublished story" not in everything and b"Future story" not in everything


def test_ids_are_the_absolute_post_urls(site):
    [entry] = [e for e in atom(site).iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Linked story"]
    assert entry.findtext(f"{ATOM}id") == LINKED
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == LINKED
    [item] = [i for i in rss_items(site) if i.findtext("title") == "Linked story"]
    assert item.findtext("link") == item.findtext("guid") == LINKED
    assert item.find("guid").get("isPermaLink") == "true"
    [json_item] = [i for i in json_feed(site)["items"] if i["title"] == "Linked story"]
    assert json_item["id"] == json_item["url"] == LINKED


def test_feed_level_urls_and_metadata(site):
    root = atom(site)
    assert root.findtext(f"{ATOM}title") == "Feeds & Co"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "blog/atom.xml"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == BASE
    # the newest change among the entries, never the build time
    assert root.findtext(f"{ATOM}updated") == "2025-06-01T08:00:00+00:00"
    document = json_feed(site)
    assert document["feed_url"] == BASE + "blog/feed.json" and document["language"] == "en"
    for url in re.findall(rb'(?:href|url|src)="([^"]*)"', b"".join(feed_files(site).values())):
        assert url.startswith(b"https://"), url


def test_dates_carry_their_zone(site):
    entries = {e.findtext(f"{ATOM}title"): e for e in atom(site, "blog/tag/other").iter(f"{ATOM}entry")}
    zoned = entries["Zoned story"]
    assert zoned.findtext(f"{ATOM}published") == "2025-02-01T10:00:00+02:00"
    linked = entries["Linked story"]
    assert linked.findtext(f"{ATOM}published") == "2025-04-01T08:00:00+00:00"
    assert linked.findtext(f"{ATOM}updated") == "2025-05-20T12:30:00+00:00"
    for entry in entries.values():
        assert RFC_3339.match(entry.findtext(f"{ATOM}published")) and RFC_3339.match(entry.findtext(f"{ATOM}updated"))
    pub_dates = {item.findtext("title"): item.findtext("pubDate") for item in rss_items(site, "blog/tag/other")}
    assert pub_dates["Zoned story"] == "Sat, 01 Feb 2025 10:00:00 +0200"
    assert all(RFC_822.match(date) and parsedate_to_datetime(date).tzinfo for date in pub_dates.values())
    items = {item["title"]: item for item in json_feed(site, "blog/tag/other")["items"]}
    assert items["Linked story"]["date_modified"] == "2025-05-20T12:30:00+00:00"


def test_teaser_is_the_entry_image(site):
    teaser = BASE + "_images/teaser.png"
    size = (Path(site.srcdir) / "assets" / "teaser.png").stat().st_size
    [entry] = [e for e in atom(site).iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == LINKED]
    enclosure = entry.find(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.attrib == {"rel": "enclosure", "type": "image/png", "length": str(size), "href": teaser}
    [item] = [i for i in rss_items(site) if i.findtext("link") == LINKED]
    assert item.find("enclosure").attrib == {"url": teaser, "length": str(size), "type": "image/png"}
    assert [i.get("image") for i in json_feed(site)["items"]] == [None, None, teaser, None]
    # a remote teaser passes through, its size unknown
    [remote] = [i for i in rss_items(site, "blog/category/news") if i.findtext("title") == "Zoned story"]
    assert remote.find("enclosure").attrib == {
        "url": "https://cdn.example.com/pictures/zoned.jpg", "length": "0", "type": "image/jpeg"}


def test_authors_and_labels(site):
    [entry] = [e for e in atom(site).iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == LINKED]
    assert [a.findtext(f"{ATOM}name") for a in entry.iter(f"{ATOM}author")] == ["Ann Author"]
    assert entry.findtext(f"{ATOM}author/{ATOM}uri") == BASE + "ann.html"
    assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == ["Tech", "meta", "other"]
    [item] = [i for i in rss_items(site) if i.findtext("link") == LINKED]
    assert [c.text for c in item.iter("category")] == ["Tech", "meta", "other"]
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ann Author"
    [json_item] = [i for i in json_feed(site)["items"] if i["id"] == LINKED]
    assert json_item["tags"] == ["Tech", "meta", "other"]
    assert json_item["authors"] == [{"name": "Ann Author", "url": BASE + "ann.html"}]


def test_summary_by_default(site):
    [entry] = [e for e in atom(site).iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == LINKED]
    assert entry.findtext(f"{ATOM}summary") == "Summary of the linked story."
    assert entry.find(f"{ATOM}content") is None
    [json_item] = [i for i in json_feed(site)["items"] if i["id"] == LINKED]
    assert json_item["content_text"] == "Summary of the linked story." and "content_html" not in json_item


def test_full_text_has_the_body_with_absolute_links(full_text):
    [entry] = [e for e in atom(full_text).iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == LINKED]
    content = entry.findtext(f"{ATOM}content")
    assert entry.find(f"{ATOM}content").get("type") == "html"
    assert "<h1" not in content and "Linked story</h" not in content  # the title is the entry's
    assert '<h2>Details</h2>' in content and "headerlink" not in content
    assert f'href="{BASE}posts/2025-01-01-first.html"' in content
    assert f'href="{BASE}index.html"' in content
    assert f'src="{BASE}_images/chart.png"' in content
    assert re.findall(r'(?:href|src)="([^"]*)"', content) == [
        f"{BASE}posts/2025-01-01-first.html", f"{BASE}index.html", f"{BASE}_images/chart.png"]
    [item] = [i for i in rss_items(full_text) if i.findtext("link") == LINKED]
    assert item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") == content
    [json_item] = [i for i in json_feed(full_text)["items"] if i["id"] == LINKED]
    assert json_item["content_html"] == content and json_item["summary"] == "Summary of the linked story."


def test_hostile_text_stays_text(site, full_text):
    for app in (site, full_text):
        xml = b"".join(data for path, data in feed_files(app).items() if path.endswith(".xml"))
        assert b"<script>" not in xml  # JSON strings may hold it: they are never parsed as markup
        assert titles(app)["atom"][3] == titles(app)["rss"][3] == titles(app)["json"][3] == HOSTILE
        [entry] = [e for e in atom(app).iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == HOSTILE]
        assert entry.findtext(f"{ATOM}summary") == HOSTILE
        assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == ["<b>x</b> & y"]
        # RSS descriptions are HTML: the summary is escaped once more so that readers show it as text
        [item] = [i for i in rss_items(app) if i.findtext("title") == HOSTILE]
        assert item.findtext("description") == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
        assert feedparser.parse(read_bytes(app, "blog/rss.xml")).entries[3].title == HOSTILE


def test_label_feeds_list_only_their_posts(site):
    assert titles(site, "blog/tag/meta")["atom"] == ["Fifth story", "Linked story", "First story"]
    assert titles(site, "blog/tag/other")["rss"] == ["Newest story", "Linked story", "Zoned story"]
    assert titles(site, "blog/category/tech")["json"] == ["Fifth story", "Linked story"]
    assert titles(site, "blog/category/news")["atom"] == ["Zoned story", "First story"]
    root = atom(site, "blog/tag/meta")
    assert root.findtext(f"{ATOM}title") == "Feeds & Co – Posts tagged meta"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == BASE + "blog/tag/meta.html"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "blog/tag/meta/atom.xml"
    assert atom(site, "blog/category/tech").findtext(f"{ATOM}title") == "Feeds & Co – Posts in Tech"
    assert json_feed(site, "blog/category/tech")["feed_url"] == BASE + "blog/category/tech/feed.json"


def test_feed_paths(site):
    from sphinx_newsposts.pages.feed_urls import feed_paths

    assert feed_paths(site) == {"atom": "blog/atom.xml", "rss": "blog/rss.xml", "json": "blog/feed.json"}
    assert feed_paths(site, "tag", "meta") == {
        "atom": "blog/tag/meta/atom.xml", "rss": "blog/tag/meta/rss.xml", "json": "blog/tag/meta/feed.json"}
    assert feed_paths(site, "category", "Tech")["json"] == "blog/category/tech/feed.json"
    assert feed_paths(site, "tag", "no such tag") == {}
    for paths in (feed_paths(site), feed_paths(site, "tag", "<b>x</b> & y")):
        assert all((Path(site.outdir) / path).is_file() for path in paths.values())


def test_ablog_writes_no_feed_of_its_own(site):
    from ablog.post import generate_atom_feeds

    assert all(listener.handler is not generate_atom_feeds
               for listener in site.events.listeners["html-collect-pages"])
    assert b"ABlog" not in read_bytes(site, "blog/atom.xml")


def test_label_feeds_can_be_turned_off(site_factory):
    app = site_factory("feeds", confoverrides={"newsposts_label_feeds": False})
    assert sorted(feed_files(app)) == ["blog/atom.xml", "blog/feed.json", "blog/rss.xml"]
    assert (Path(app.outdir) / "blog" / "tag" / "meta.html").is_file()  # archives stay


def test_no_feeds_without_base_url(site_factory):
    app = site_factory("feeds", confoverrides={"html_baseurl": ""})
    assert feed_files(app) == {}
    warnings = [line for line in warnings_of(app) if "[newsposts.baseurl]" in line and "feeds skipped" in line]
    assert len(warnings) == 1, warnings_of(app)


def test_builds_give_identical_feeds(full_text, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # another "now": feeds must not show it
    srcdir = copy_root("feeds", tmp_path / "again")
    again = build(srcdir, fresh=True, confoverrides={"newsposts_feed_full_text": True})
    first, second = feed_files(full_text), feed_files(again)
    assert len(first) == 3 * 6  # the site, tags meta, other and "<b>x</b> & y", categories News and Tech
    assert first == second
    # a rebuild that writes no page still renders the full text the same way
    unchanged = build(srcdir, confoverrides={"newsposts_feed_full_text": True})
    assert "no targets are out of date" in unchanged.status.getvalue()
    assert feed_files(unchanged) == first


@pytest.mark.parametrize("fixture", ["site", "full_text"])
def test_entries_shared_by_several_feeds_are_laid_out_as_their_siblings(fixture, request):
    """Each entry is serialised once and placed in every feed that carries it: the documents keep
    the layout a one-piece serialisation gives (each element on its own line, two spaces a level)."""
    app = request.getfixturevalue(fixture)
    files = feed_files(app)
    for name, data in files.items():
        text = data.decode("utf-8")
        if name.endswith(".json"):
            assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", name
            continue
        entry = "  <entry>" if name.endswith("atom.xml") else "    <item>"
        lines = text.splitlines()
        starts = [line for line in lines if line.lstrip().startswith(("<entry>", "<item>"))]
        ends = [line for line in lines if line.lstrip().startswith(("</entry>", "</item>"))]
        assert starts and all(line == entry for line in starts), name
        assert len(ends) == len(starts) and all(line == entry.replace("<", "</") for line in ends), name
        closing = lines[-2:] if name.endswith("atom.xml") else lines[-3:]
        assert closing == (["  </entry>", "</feed>"] if name.endswith("atom.xml")
                           else ["    </item>", "  </channel>", "</rss>"]), name
    shared = [data for name, data in files.items() if name.endswith("atom.xml")]
    linked = [re.search(rb"  <entry>\n    <id>" + re.escape(LINKED.encode()) + rb"</id>.*?</entry>", data, re.S)
              for data in shared]
    assert len({match[0] for match in linked if match}) == 1 and sum(1 for match in linked if match) >= 3


def test_control_characters_of_a_body_leave_the_feeds_valid_xml(tmp_path):
    """A title taken from the body's heading and the summary taken from its first paragraph keep the
    body's control characters, which XML cannot hold even escaped: the feeds leave them out."""
    srcdir = tmp_path / "src"
    (srcdir / "posts").mkdir(parents=True)
    (srcdir / "conf.py").write_text(f'extensions = ["sphinx_newsposts"]\nhtml_baseurl = "{BASE}"\n', encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n", encoding="utf-8")
    (srcdir / "posts" / "2024-01-25-controls.md").write_text(
        "---\ntags: [news]\n---\n# Bell\x07 title\n\nA \x04paragraph\x07 with \ufffe controls.\n", encoding="utf-8")
    app = build(srcdir, fresh=True, confoverrides={"newsposts_feed_full_text": True})
    for folder in ("blog", "blog/tag/news"):
        [entry] = atom(app, folder).iter(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}title") == "Bell title"
        assert entry.findtext(f"{ATOM}summary") == "A paragraph with  controls."
        assert "A paragraph with  controls." in entry.findtext(f"{ATOM}content")
        [item] = rss_items(app, folder)
        assert item.findtext("title") == "Bell title"
