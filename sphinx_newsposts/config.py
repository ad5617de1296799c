"""Configuration values ``newsposts_*``: declared with types, checked once per build."""

from __future__ import annotations

import dataclasses
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .reading.dates import DateError, load_zone
from .warnings_ import NewspostsWarning, emit_warning


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    types: tuple[type, ...]
    description: str
    rebuild: str = "env"


SETTINGS = (
    Setting("newsposts_post_pattern", ["posts/**", "_posts/**"], (list, tuple),
            "Glob patterns (relative to the source directory, without suffix) of documents that are posts."),
    Setting("newsposts_timezone", "UTC", (str,),
            "IANA time zone for post dates written without a UTC offset, e.g. 'Europe/Berlin'."),
    Setting("newsposts_publish_drafts", False, (bool,),
            "Publish posts marked 'published: false' or 'draft: true' (Jekyll's --unpublished)."),
    Setting("newsposts_publish_future", False, (bool,),
            "Publish posts dated in the future (Jekyll's --future)."),
    Setting("newsposts_default_authors", [], (list, tuple),
            "Authors of posts whose front matter names none."),
    Setting("newsposts_words_per_minute", 200, (int,),
            "Reading speed used for the reading time shown on posts."),
    Setting("newsposts_excerpt_length", 300, (int,),
            "Longest automatic excerpt (first paragraph), in characters."),
    Setting("newsposts_max_labels", 50, (int,),
            "Most tags, categories, authors and keywords read from one post; the rest are dropped with a "
            "warning, so that a runaway pipeline cannot make thousands of archive pages and feeds."),
    Setting("newsposts_upgrade_sections", True, (bool,),
            "Turn a post's plain 'FAQ', 'Key Takeaways' and 'Source:' parts into components."),
    Setting("newsposts_article_type", "NewsArticle", (str,),
            "schema.org type of posts in JSON-LD: 'NewsArticle', 'BlogPosting' or 'Article'."),
    Setting("newsposts_publisher", {}, (dict,),
            "The publisher for JSON-LD and the news sitemap: {'name': ..., 'url': ..., 'logo': ...}; "
            "name defaults to the project."),
    Setting("newsposts_authors", {}, (dict,),
            "Author details by the name posts use: {'Jane Doe': {'url': ..., 'type': 'Person'}}."),
    Setting("newsposts_feed_length", 20, (int,),
            "Most recent posts in each feed."),
    Setting("newsposts_feed_full_text", False, (bool,),
            "Feeds carry each post's full text (True) or its summary (False)."),
    Setting("newsposts_label_feeds", True, (bool,),
            "Write an Atom, RSS and JSON feed for every tag and category too."),
    Setting("newsposts_news_sitemap", True, (bool,),
            "Write news-sitemap.xml (Google News) with the posts of the last two days."),
    Setting("newsposts_jekyll_redirects", True, (bool,),
            "Redirect each post's old Jekyll address (/:categories/:year/:month/:day/:title.html)."),
    Setting("newsposts_gc_freeze", True, (bool,),
            "During the build, keep objects that outlived a full garbage collection out of the next "
            "ones (gc.freeze); False leaves Python's collector as it is.", rebuild=""),
)


def _validate(app: Sphinx, config: Config) -> None:
    for setting in SETTINGS:
        value = config[setting.name]
        if not isinstance(value, setting.types) or isinstance(value, bool) and bool not in setting.types:
            expected = " or ".join(t.__name__ for t in setting.types)
            _reject(config, setting, f"{value!r} is a {type(value).__name__}, not {expected}")
    for name in ("newsposts_post_pattern", "newsposts_default_authors"):
        setting = _setting(name)
        if not all(isinstance(item, str) for item in config[name]):
            _reject(config, setting, f"{config[name]!r} is not a list of strings")
        else:
            setattr(config, name, list(config[name]))
    for name in ("newsposts_words_per_minute", "newsposts_excerpt_length", "newsposts_feed_length",
                 "newsposts_max_labels"):
        if config[name] < 1:
            _reject(config, _setting(name), f"{config[name]!r} is less than 1")
    if config.newsposts_article_type not in ("NewsArticle", "BlogPosting", "Article"):
        _reject(config, _setting("newsposts_article_type"),
                f"{config.newsposts_article_type!r} is not 'NewsArticle', 'BlogPosting' or 'Article'")
    publisher = config.newsposts_publisher
    if not all(isinstance(publisher.get(key, ""), str) for key in ("name", "url", "logo")):
        _reject(config, _setting("newsposts_publisher"), f"{publisher!r} does not map 'name', 'url' and 'logo' to text")
    if not all(isinstance(details, dict) for details in config.newsposts_authors.values()):
        _reject(config, _setting("newsposts_authors"),
                f"{config.newsposts_authors!r} does not map each author's name to a dict of details")
    try:
        load_zone(config.newsposts_timezone)
    except DateError as exc:
        _reject(config, _setting("newsposts_timezone"), str(exc))


def _setting(name: str) -> Setting:
    return next(setting for setting in SETTINGS if setting.name == name)


def _reject(config: Config, setting: Setting, problem: str) -> None:
    emit_warning(NewspostsWarning.CONFIG, f"{setting.name} {problem}; using {setting.default!r}")
    setattr(config, setting.name, setting.default)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=setting.types, description=setting.description)
    app.connect("config-inited", _validate, priority=400)
