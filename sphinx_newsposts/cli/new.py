"""``newsposts new "Title"``: start a post with Jekyll-style front matter."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

from ..reading.labels import slugify

BODY = "Write the story here. The first paragraph is the excerpt shown on cards and in feeds.\n"
_PLAIN = re.compile(r"[A-Za-z0-9][\w.+-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~"}


def _label(text: str) -> str:
    """A label as YAML: plain when it cannot be read as anything but text."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not re.fullmatch(r"[\d.+-]+", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def split_labels(text: str | None) -> list[str]:
    return [label.strip() for label in (text or "").split(",") if label.strip()]


def post_text(title: str, moment: datetime, tags: list[str], categories: list[str], draft: bool) -> str:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {moment:%Y-%m-%d %H:%M:%S %z}"]
    if categories:
        lines.append(f"categories: [{', '.join(_label(label) for label in categories)}]")
    if tags:
        lines.append(f"tags: [{', '.join(_label(label) for label in tags)}]")
    if draft:
        lines.append("published: false")
    lines += ["---", "", BODY]
    return "\n".join(lines)


def new_post(title: str, folder: Path, *, day: date | None = None, tags: list[str] = (),
             categories: list[str] = (), draft: bool = False, now: datetime | None = None) -> Path:
    """Write the post and return its path; raise FileExistsError rather than overwrite one."""
    now = now or datetime.now().astimezone()
    moment = now.replace(year=day.year, month=day.month, day=day.day) if day else now
    path = Path(folder) / f"{moment:%Y-%m-%d}-{slugify(title)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as file:  # "x": never replaces a post
        file.write(post_text(title, moment, list(tags), list(categories), draft))
    return path
