"""Configuration values ``newsposts_*``: declared with types, checked once per build."""

from __future__ import annotations

import dataclasses
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .dates import DateError, load_zone

logger = logging.getLogger(__name__)


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
    Setting("newsposts_upgrade_sections", True, (bool,),
            "Turn a post's plain 'FAQ', 'Key Takeaways' and 'Source:' parts into components."),
)


def _validate(app: Sphinx, config: Config) -> None:
    for setting in SETTINGS:
        value = config[setting.name]
        if not isinstance(value, setting.types) or isinstance(value, bool) and bool not in setting.types:
            _reject(config, setting, f"must be {' or '.join(t.__name__ for t in setting.types)}, not {value!r}")
    for name in ("newsposts_post_pattern", "newsposts_default_authors"):
        setting = next(s for s in SETTINGS if s.name == name)
        if not all(isinstance(item, str) for item in config[name]):
            _reject(config, setting, "must be a list of strings")
        else:
            setattr(config, name, list(config[name]))
    for name in ("newsposts_words_per_minute", "newsposts_excerpt_length"):
        if config[name] < 1:
            _reject(config, next(s for s in SETTINGS if s.name == name), "must be at least 1")
    try:
        load_zone(config.newsposts_timezone)
    except DateError as exc:
        _reject(config, SETTINGS[1], str(exc))


def _reject(config: Config, setting: Setting, problem: str) -> None:
    logger.warning(
        f"{setting.name} {problem}; using {setting.default!r}",
        type="newsposts", subtype="config",
    )
    setattr(config, setting.name, setting.default)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=setting.types, description=setting.description)
    app.connect("config-inited", _validate, priority=400)
