"""Dates as Jekyll reads them: strings with stray spaces, optional time and zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ISO_LIKE = re.compile(
    r"""^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
        (?:[T\s]+(?P<hour>\d{1,2}):(?P<minute>\d{2})
            (?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,6})\d*)?)?)?
        \s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$""",
    re.VERBOSE | re.IGNORECASE,
)
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


class DateError(ValueError):
    """A value that names no real point in time."""


def load_zone(name: str) -> tzinfo:
    """Return the zone called *name*; raise :class:`DateError` when unknown."""
    if name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DateError(f"unknown time zone {name!r}") from exc


def _zone_from_text(text: str) -> tzinfo:
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"impossible UTC offset {text!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(value: object, zone: tzinfo) -> datetime:
    """Turn a front-matter value into an aware datetime.

    Values without a zone are read in *zone*, the site's time zone, as Jekyll
    does. Raises :class:`DateError` for anything else.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=zone)
    if not isinstance(value, str):
        raise DateError(f"expected a date such as 2025-07-16 or '2025-07-16 03:55:41', got {value!r}")
    text = " ".join(value.split())
    if not text:
        raise DateError("the date is empty")
    match = _ISO_LIKE.match(text)
    if match:
        parts = match.groupdict()
        try:
            parsed = datetime(
                int(parts["year"]),
                int(parts["month"]),
                int(parts["day"]),
                int(parts["hour"] or 0),
                int(parts["minute"] or 0),
                int(parts["second"] or 0),
                int((parts["fraction"] or "0").ljust(6, "0")),
            )
        except ValueError as exc:
            raise DateError(f"{value.strip()!r} is not a real date ({exc})") from exc
        parts_zone = _zone_from_text(parts["zone"]) if parts["zone"] else zone
        return parsed.replace(tzinfo=parts_zone)
    try:  # RFC 822 dates, as found in posts moved from feeds and WordPress exports
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        raise DateError(
            f"{value.strip()!r} is not a date; write it as YYYY-MM-DD, "
            "optionally followed by HH:MM:SS and a UTC offset"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def split_dated_filename(name: str) -> tuple[date | None, str]:
    """Split Jekyll's ``YYYY-MM-DD-slug`` file name into its date and slug."""
    match = _FILENAME_DATE.match(name)
    if not match:
        return None, name
    try:
        return date(int(match[1]), int(match[2]), int(match[3])), match[4]
    except ValueError:
        return None, name
