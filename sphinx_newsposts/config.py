"""Configuration values ``newsposts_*``: each declared once with its types, default and check,
and checked once per build."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .reading.dates import DateError, load_zone
from .reading.html_policy import DEFAULT_EMBED_HOSTS
from .reading.raw_html import MODES as RAW_HTML_MODES
from .warnings_ import NewspostsWarning, emit_warning

__all__ = ["setup_config"]

#: A setting's own check, given a value of the setting's types: the value to use, or ValueError
#: saying what is wrong with it (the message follows the setting's name: "... is less than 1").
Check = Callable[[Any], Any]


def _listed(items: tuple[str, ...], last_joint: str) -> str:
    """``'a', 'b' or 'c'``."""
    shown = [repr(item) for item in items]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {last_joint} {shown[-1]}"


def as_given(value: Any) -> Any:
    """The check of a setting that its types say everything about."""
    return value


def list_of_str(value: list | tuple) -> list[str]:
    """A list or tuple of strings, as a list."""
    if not all(isinstance(item, str) for item in value):
        raise ValueError(f"{value!r} is not a list of strings")
    return list(value)


def at_least(minimum: int) -> Check:
    """A number no less than *minimum*."""
    def check(value: int) -> int:
        if value < minimum:
            raise ValueError(f"{value!r} is less than {minimum}")
        return value
    return check


def one_of(*choices: str) -> Check:
    """One of *choices*, spelt exactly."""
    listed = _listed(choices, "or")

    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"{value!r} is not {listed}")
        return value
    return check


def mapping_of_text(*keys: str) -> Check:
    """A dict whose *keys*, where given, map to text."""
    listed = _listed(keys, "and")

    def check(value: dict) -> dict:
        if not all(isinstance(value.get(key, ""), str) for key in keys):
            raise ValueError(f"{value!r} does not map {listed} to text")
        return value
    return check


def mapping_of_dicts(what: str) -> Check:
    """A dict whose every value is a dict of details; *what* says in messages what its keys are."""
    def check(value: dict) -> dict:
        if not all(isinstance(details, dict) for details in value.values()):
            raise ValueError(f"{value!r} does not map {what} to a dict of details")
        return value
    return check


def time_zone(value: str) -> str:
    """An IANA time zone name."""
    try:
        load_zone(value)
    except DateError as exc:
        raise ValueError(str(exc)) from None
    return value


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    types: tuple[type, ...]
    description: str
    rebuild: str = "env"
    #: Runs once the value has one of *types*; see :data:`Check`.
    check: Check = as_given


SETTINGS = (
    Setting("newsposts_post_pattern", ["posts/**", "_posts/**", "**/_posts/**"], (list, tuple),
            "Glob patterns (relative to the source directory, without suffix) of documents that are posts. "
            "A '_posts' folder anywhere holds posts, as in Jekyll, and the folders above it are their "
            "categories.",
            check=list_of_str),
    Setting("newsposts_timezone", "UTC", (str,),
            "IANA time zone for post dates written without a UTC offset, e.g. 'Europe/Berlin'.",
            check=time_zone),
    Setting("newsposts_publish_drafts", False, (bool,),
            "Publish posts marked 'published: false' or 'draft: true' (Jekyll's --unpublished)."),
    Setting("newsposts_publish_future", False, (bool,),
            "Publish posts dated in the future (Jekyll's --future)."),
    Setting("newsposts_default_authors", [], (list, tuple),
            "Authors of posts whose front matter names none.", check=list_of_str),
    Setting("newsposts_words_per_minute", 200, (int,),
            "Reading speed used for the reading time shown on posts.", check=at_least(1)),
    Setting("newsposts_excerpt_length", 300, (int,),
            "Longest automatic excerpt (first paragraph), in characters.", check=at_least(1)),
    Setting("newsposts_max_labels", 50, (int,),
            "Most tags, categories, authors and keywords read from one post; the rest are dropped with a "
            "warning, so that a runaway pipeline cannot make thousands of archive pages and feeds.",
            check=at_least(1)),
    Setting("newsposts_post_header", True, (bool,),
            "Under a theme other than newsposts, show a post's date, authors, reading time, categories, tags "
            "and header image below its title, and the older, newer and related posts after it.", rebuild="html"),
    Setting("newsposts_upgrade_sections", True, (bool,),
            "Turn a post's plain 'FAQ', 'Key Takeaways' and 'Source:' parts into components."),
    Setting("newsposts_raw_html", "sanitize", (str,),
            "What becomes of raw HTML in posts: 'sanitize' keeps what the allow-list keeps (formatting, links, "
            "images, tables, details, video and audio, embeds from newsposts_embed_hosts) and reports the rest; "
            "'escape' shows it as text; 'trust' passes it through as written (only for sites whose every author "
            "is trusted).", check=one_of(*RAW_HTML_MODES)),
    Setting("newsposts_raw_html_pages", False, (bool,),
            "Apply newsposts_raw_html to pages that are not posts too (they are the site owners' own)."),
    Setting("newsposts_embed_hosts", list(DEFAULT_EMBED_HOSTS), (list, tuple),
            "Where raw HTML in posts may embed from with <iframe>: 'host' or 'host/path-prefix' entries; "
            "embeds are sandboxed and load lazily.", check=list_of_str),
    Setting("newsposts_article_type", "NewsArticle", (str,),
            "schema.org type of posts in JSON-LD: 'NewsArticle', 'BlogPosting' or 'Article'.",
            check=one_of("NewsArticle", "BlogPosting", "Article")),
    Setting("newsposts_publisher", {}, (dict,),
            "The publisher for JSON-LD and the news sitemap: {'name': ..., 'url': ..., 'logo': ...}; "
            "name defaults to the project.", check=mapping_of_text("name", "url", "logo")),
    Setting("newsposts_authors", {}, (dict,),
            "Author details by the name posts use: {'Jane Doe': {'url': ..., 'type': 'Person'}}.",
            check=mapping_of_dicts("each author's name")),
    Setting("newsposts_feed_length", 20, (int,),
            "Most recent posts in each feed.", check=at_least(1)),
    Setting("newsposts_feed_full_text", False, (bool,),
            "Feeds carry each post's full text (True) or its summary (False)."),
    Setting("newsposts_label_feeds", True, (bool,),
            "Write an Atom, RSS and JSON feed for every tag and category too."),
    Setting("newsposts_news_sitemap", True, (bool,),
            "Write news-sitemap.xml (Google News) with the posts of the last two days."),
    Setting("newsposts_jekyll_redirects", True, (bool,),
            "Redirect each post's old Jekyll address (/:categories/:year/:month/:day/:title.html)."),
    Setting("newsposts_liquid", True, (bool,),
            "Run the Liquid of Markdown documents with front matter before Markdown, as Jekyll does (site, page, "
            "site.data, include, link, post_url, highlight and Jekyll's filters); False leaves it as text (for sites "
            "whose posts were never Jekyll's and show {{ ... }} in code)."),
    Setting("newsposts_jekyll_config", "", (str,),
            "The Jekyll _config.yml that Liquid's 'site' reads (relative to conf.py's folder); '' is "
            "_config.yml in the source folder, if there is one."),
    Setting("newsposts_image_cache", "", (str,),
            "Folder (relative to conf.py's) where generated images (responsive variants, social cards) are "
            "kept between builds, clean ones included; '' is the user's cache folder "
            "($XDG_CACHE_HOME or ~/.cache, then sphinx-newsposts/images). Point a CI cache step at it.",
            rebuild=""),
    Setting("newsposts_social_cards", True, (bool,),
            "Give a published post that names no image (teaser, header or og_image) a generated 1200x630 PNG "
            "card, showing its title, the site's name and its date in the theme's accent colour, as its "
            "og:image, twitter:image and JSON-LD image. Needs html_baseurl; cards are kept in "
            "newsposts_image_cache.", rebuild="html"),
    Setting("newsposts_search", "pagefind", (str,),
            "The site's search: 'pagefind' indexes the built pages with Pagefind, whose search page fetches "
            "a few small pieces of its index per query (under the newsposts theme, in html and dirhtml "
            "builds, when the Pagefind binary is installed); 'sphinx' keeps Sphinx's search, which loads "
            "the whole index (searchindex.js) for every query.",
            rebuild="html", check=one_of("pagefind", "sphinx")),
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
            continue
        try:
            checked = setting.check(value)
        except ValueError as exc:
            _reject(config, setting, str(exc))
            continue
        if checked is not value:  # converted: a tuple of patterns becomes a list
            setattr(config, setting.name, checked)


def _reject(config: Config, setting: Setting, problem: str) -> None:
    emit_warning(NewspostsWarning.CONFIG, f"{setting.name} {problem}; using {setting.default!r}")
    setattr(config, setting.name, setting.check(setting.default))  # a list default is copied, not shared


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=setting.types, description=setting.description)
    app.connect("config-inited", _validate, priority=400)
