"""Jekyll's own Liquid filters, added to python-liquid's standard ones.

Jekyll adds these to Shopify's Liquid (jekyll/filters.rb, jekyll/filters/url_filters.rb,
date_filters.rb, grouping_filters.rb). They follow Jekyll's results where it matters to a
post's text: ``where`` compares as text, dates are formatted as Jekyll formats them, URLs are
joined with ``site.baseurl``.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO
from typing import Any

from liquid import Environment
from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context

from .dates import DateError, parse_date

_TAGS = re.compile(r"<[^>]*>")
_WORDS = re.compile(r"\S+")
_SLUG_DEFAULT = re.compile(r"[^\w]+|_+", re.UNICODE)
_SLUG_PRETTY = re.compile(r"[^\w._~!$&'()+,;=@]+", re.UNICODE)
_SLUG_RAW = re.compile(r"\s+")
#: Deepest nesting Ruby's JSON generator writes.
_JSON_NESTING = 100


def _items(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (str, bytes)):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def _get(item: Any, key: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(key)
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def plain(value: Any) -> Any:
    """*value* with lazy mappings read out, for ``jsonify``."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _moment(value: Any) -> datetime | date | None:
    if isinstance(value, (datetime, date)):
        return value
    if value in (None, ""):
        return None
    try:
        return parse_date(str(value), UTC)  # text without an offset: read as UTC, the same on every machine
    except (DateError, ValueError, TypeError):
        return None


def _as_datetime(moment: datetime | date) -> datetime:
    return moment if isinstance(moment, datetime) else datetime(moment.year, moment.month, moment.day)


def date_to_xmlschema(value: Any) -> Any:
    moment = _moment(value)
    return value if moment is None else _as_datetime(moment).isoformat()


def date_to_rfc822(value: Any) -> Any:
    moment = _moment(value)
    if moment is None:
        return value
    moment = _as_datetime(moment)
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("%a, %d %b %Y %H:%M:%S ") + offset


def _day_month_year(value: Any, month_format: str, style: Any) -> Any:
    moment = _moment(value)
    if moment is None:
        return value
    month = moment.strftime(month_format)
    if style == "ordinal":
        day = moment.day
        suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        return f"{month} {day}{suffix}, {moment.year}"
    if style == "US":
        return f"{month} {moment.day}, {moment.year}"
    return f"{moment.day:02d} {month} {moment.year}"


def date_to_string(value: Any, style: Any = None, _more: Any = None) -> Any:
    return _day_month_year(value, "%b", style)


def date_to_long_string(value: Any, style: Any = None, _more: Any = None) -> Any:
    return _day_month_year(value, "%B", style)


def where(value: Any, key: Any, wanted: Any = None) -> list:
    """Jekyll's ``where``: items whose *key* equals *wanted*, compared as text (or that list it)."""
    wanted_text = _text(wanted)
    found = []
    for item in _items(value):
        have = _get(item, _text(key))
        if isinstance(have, (list, tuple)):
            if any(_text(one) == wanted_text for one in have):
                found.append(item)
        elif _text(have) == wanted_text:
            found.append(item)
    return found


def find(value: Any, key: Any, wanted: Any = None) -> Any:
    """Jekyll 4.1's ``find``: the first item ``where`` would give, or nothing."""
    matches = where(value, key, wanted)
    return matches[0] if matches else None


def _expression_filter(pick: Callable[[list, Callable[[Any], bool]], Any]) -> Callable[..., Any]:
    @with_context
    def expression_filter(value: Any, name: Any, expression: Any, *, context: Any) -> Any:
        source = "{% if " + _text(expression) + " %}1{% endif %}"
        template = context.env.from_string(source)

        def holds(item: Any) -> bool:
            with context.extend({_text(name): item}):
                return _render_with_context_result(template, context) == "1"
        return pick(_items(value), holds)
    return expression_filter


def _render_with_context_result(template: Any, context: Any) -> str:
    buffer = StringIO()
    template.render_with_context(context, buffer, partial=True)
    return buffer.getvalue()


def group_by(value: Any, key: Any) -> list[dict]:
    groups: dict[str, list] = {}
    for item in _items(value):
        groups.setdefault(_text(_get(item, _text(key))), []).append(item)
    return [{"name": name, "items": items, "size": len(items)} for name, items in groups.items()]


def jsonify(value: Any) -> str:
    """Jekyll's ``jsonify``: Ruby's ``to_json`` of the value."""
    return ruby_json(value)


def ruby_json(value: Any, depth: int = 0) -> str:
    """*value* as Ruby's ``JSON.generate`` writes it: no spaces, characters beyond ASCII as they
    are (only quotes, backslashes and control characters escaped), floats as Ruby prints them,
    dates and times as their ``to_s`` (``"2019-10-05 14:30:00 +0000"``), anything else as its text."""
    if depth > _JSON_NESTING:  # Ruby's limit; also ends data that contains itself
        raise FilterArgumentError(f"jsonify: nesting deeper than {_JSON_NESTING}")
    if value is None or type(value).__name__.endswith("Undefined"):
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        return _ruby_float(float(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return json.dumps(value.strftime("%Y-%m-%d %H:%M:%S ") + (value.strftime("%z") or "+0000"))
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    if isinstance(value, Mapping):
        return "{" + ",".join(json.dumps(_text(key), ensure_ascii=False) + ":" + ruby_json(item, depth + 1)
                              for key, item in value.items()) + "}"
    if isinstance(value, Iterable) and not isinstance(value, bytes):
        return "[" + ",".join(ruby_json(item, depth + 1) for item in value) + "]"
    return json.dumps(_text(value), ensure_ascii=False)


def _ruby_float(number: float) -> str:
    if math.isnan(number) or math.isinf(number):
        raise FilterArgumentError(f"jsonify: {number} is not JSON")  # Ruby refuses it too
    text = repr(number)
    if "e" in text:  # Ruby: 1.0e+20 where Python writes 1e+20
        mantissa, exponent = text.split("e")
        text = f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exponent}"
    return text


def slugify(value: Any, mode: Any = "default", *, cased: bool = False) -> str:
    """Jekyll's ``slugify``; *cased* keeps the letters' case (as Jekyll's addresses do)."""
    text = _text(value)
    mode = _text(mode) or "default"
    if mode == "none":
        return text
    if mode == "raw":
        slug = _SLUG_RAW.sub("-", text)
    elif mode == "pretty":
        slug = _SLUG_PRETTY.sub("-", text)
    elif mode == "ascii":
        slug = re.sub(r"[^a-zA-Z0-9]+", "-", text)
    elif mode == "latin":
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        slug = re.sub(r"[^a-zA-Z0-9]+", "-", ascii_text)
    else:
        slug = _SLUG_DEFAULT.sub("-", text)
    slug = slug.strip("-")
    return slug if cased else slug.lower()


_SMART = ((re.compile(r"---"), "\u2014"), (re.compile(r"--"), "\u2013"), (re.compile(r"\.\.\."), "\u2026"),
          (re.compile(r"(^|[\s(\[{\u2014-])\""), "\\1\u201c"), (re.compile(r"\""), "\u201d"),
          (re.compile(r"(^|[\s(\[{\u2014-])'"), "\\1\u2018"), (re.compile(r"'"), "\u2019"))


def smartify(value: Any) -> str:
    text = _text(value)
    for pattern, replacement in _SMART:
        text = pattern.sub(replacement, text)
    return text


def markdownify(value: Any) -> str:
    """Left as Markdown: the whole output is Markdown that MyST reads next."""
    return _text(value)


def xml_escape(value: Any) -> str:
    return html.escape(_text(value), quote=True)


def cgi_escape(value: Any) -> str:
    return urllib.parse.quote_plus(_text(value))


def uri_escape(value: Any) -> str:
    return urllib.parse.quote(_text(value), safe="!#$&'()*+,/:;=?@[]~")


def number_of_words(value: Any, _mode: Any = None) -> int:
    return len(_WORDS.findall(_TAGS.sub(" ", _text(value))))


def array_to_sentence_string(value: Any, connector: Any = "and") -> str:
    items = [_text(item) for item in _items(value)]
    connector = _text(connector)
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {connector} {items[1]}"
    return f"{', '.join(items[:-1])}, {connector} {items[-1]}"


def normalize_whitespace(value: Any) -> str:
    return " ".join(_text(value).split())


def sort(value: Any, key: Any = None, nils: Any = "first") -> list:
    """Jekyll's ``sort``: by *key* when given, items without it first (or last)."""
    items = _items(value)
    if key is None:
        try:
            return sorted(items)
        except TypeError as exc:
            raise FilterArgumentError(f"cannot sort {items!r}") from exc
    key = _text(key)
    present = [item for item in items if _get(item, key) is not None]
    missing = [item for item in items if _get(item, key) is None]
    try:
        present.sort(key=lambda item: _get(item, key))
    except TypeError:
        present.sort(key=lambda item: _text(_get(item, key)))
    return missing + present if _text(nils) != "last" else present + missing


def sample(value: Any, count: Any = None) -> Any:
    # Seeded by the items, so that a build gives the same page twice.
    items = _items(value)
    if not items:
        return None
    chooser = random.Random(repr(items))  # noqa: S311 - a page's pick, not a secret
    if count is None:
        return chooser.choice(items)
    return chooser.sample(items, min(int(count), len(items)))


def pop(value: Any, count: Any = 1) -> list:
    items = _items(value)
    return items[: max(len(items) - int(count), 0)]


def shift(value: Any, count: Any = 1) -> list:
    return _items(value)[int(count):]


def push(value: Any, item: Any) -> list:
    return [*_items(value), item]


def unshift(value: Any, item: Any) -> list:
    return [item, *_items(value)]


def inspect(value: Any) -> str:
    return html.escape(repr(plain(value)))


def url_filters(url: str, baseurl: str) -> dict[str, Callable[[Any], str]]:
    """``relative_url`` and ``absolute_url`` for a site at *url* + *baseurl*."""
    def relative_url(value: Any) -> str:
        path = _text(value)
        if urllib.parse.urlsplit(path).scheme:
            return path
        joined = "/" + "/".join(part.strip("/") for part in (baseurl, path) if part.strip("/"))
        return joined + ("/" if path.endswith("/") and joined != "/" else "")

    def absolute_url(value: Any) -> str:
        path = _text(value)
        if urllib.parse.urlsplit(path).scheme:
            return path
        return url.rstrip("/") + relative_url(path)
    return {"relative_url": relative_url, "absolute_url": absolute_url}


def add_jekyll_filters(env: Environment, url: str, baseurl: str) -> None:
    """Register Jekyll's filters on *env*, the URL ones for a site at *url* + *baseurl*."""
    for name, function in {
        "date_to_xmlschema": date_to_xmlschema, "date_to_rfc822": date_to_rfc822,
        "date_to_string": date_to_string, "date_to_long_string": date_to_long_string,
        "where": where, "find": find, "group_by": group_by, "jsonify": jsonify, "slugify": slugify,
        "markdownify": markdownify, "smartify": smartify, "xml_escape": xml_escape, "cgi_escape": cgi_escape,
        "uri_escape": uri_escape, "number_of_words": number_of_words,
        "array_to_sentence_string": array_to_sentence_string, "normalize_whitespace": normalize_whitespace,
        "sort": sort, "sample": sample, "pop": pop, "shift": shift, "push": push, "unshift": unshift,
        "inspect": inspect,
        "where_exp": _expression_filter(lambda items, holds: [item for item in items if holds(item)]),
        "find_exp": _expression_filter(lambda items, holds: next((item for item in items if holds(item)), None)),
        **url_filters(url, baseurl),
    }.items():
        env.add_filter(name, function)
    env.add_filter("group_by_exp", _group_by_exp)


@with_context
def _group_by_exp(value: Any, name: Any, expression: Any, *, context: Any) -> list[dict]:
    template = context.env.from_string("{{ " + _text(expression) + " }}")
    groups: dict[str, list] = {}
    for item in _items(value):
        with context.extend({_text(name): item}):
            key = _render_with_context_result(template, context)
        groups.setdefault(key, []).append(item)
    return [{"name": key, "items": items, "size": len(items)} for key, items in groups.items()]
