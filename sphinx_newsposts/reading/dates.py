"""Dates as Jekyll reads them: strings with stray spaces, optional time and zone."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .front_matter import kind_of, shown

__all__ = ["build_time", "DateError", "FarFutureDate", "LAST_YEAR", "load_zone", "now", "parse_date", "site_zone",
           "split_dated_filename"]

_ISO_LIKE = re.compile(
    r"""^(?P<year>\d{4,})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
        (?:[T\s]+(?P<hour>\d{1,2}):(?P<minute>\d{2})
            (?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,6})\d*)?)?)?
        \s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$""",
    re.VERBOSE | re.IGNORECASE,
)
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


#: Years a post date may have: enough for any archive, and room to move a date to any UTC offset.
FIRST_YEAR, LAST_YEAR = 1000, 9998


class DateError(ValueError):
    """A value that names no real point in time; the message starts with the value."""


class FarFutureDate(DateError):
    """A real date after :data:`LAST_YEAR` (Jekyll's ``9999-12-31`` for "never"): in the future,
    though too far away to compute with."""


def load_zone(name: str) -> tzinfo:
    """Return the zone called *name*; raise :class:`DateError` when unknown."""
    if name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DateError(f"{name!r} is not a known time zone (use an IANA name such as 'Europe/Berlin')") from exc


def _zone_from_text(text: str) -> tzinfo:
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"has an impossible UTC offset {text!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(value: object, zone: tzinfo) -> datetime:
    """Turn a front-matter value into an aware datetime.

    Values without a zone are read in *zone*, the site's time zone, as Jekyll
    does. Raises :class:`DateError` for anything else.
    """
    if isinstance(value, datetime):
        return _in_range(value if value.tzinfo else value.replace(tzinfo=zone), value)
    if isinstance(value, date):
        return _in_range(datetime.combine(value, time(), tzinfo=zone), value)
    if not isinstance(value, str):
        raise DateError(f"{shown(value)} is {kind_of(value)}, not a date such as 2025-07-16 or '2025-07-16 03:55:41'")
    text = " ".join(value.split())
    if not text:
        raise DateError("'' is empty, not a date")
    match = _ISO_LIKE.match(text)
    if match:
        parts = match.groupdict()
        if int(parts["year"]) > LAST_YEAR:
            try:  # the month and day must still exist (a leap year lets 02-29 pass)
                date(2000, int(parts["month"]), int(parts["day"]))
            except ValueError as exc:
                raise DateError(f"{shown(value.strip())} is not a real date ({exc})") from exc
            raise FarFutureDate(_far_future_message(value))
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
            raise DateError(f"{shown(value.strip())} is not a real date ({exc})") from exc
        if parts["zone"]:
            try:
                parts_zone = _zone_from_text(parts["zone"])
            except DateError as exc:
                raise DateError(f"{shown(value.strip())} {exc}") from None
        else:
            parts_zone = zone
        return _in_range(parsed.replace(tzinfo=parts_zone), value)
    try:  # RFC 822 dates, as found in posts moved from feeds and WordPress exports
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        raise DateError(
            f"{shown(value.strip())} is not a date (write it as YYYY-MM-DD, "
            "optionally followed by HH:MM:SS and a UTC offset)"
        ) from None
    return _in_range(parsed if parsed.tzinfo else parsed.replace(tzinfo=zone), value)


def _far_future_message(value: object) -> str:
    return f"{shown(value.strip() if isinstance(value, str) else value)} is after the year {LAST_YEAR}"


def _in_range(moment: datetime, value: object) -> datetime:
    if moment.year > LAST_YEAR:
        raise FarFutureDate(_far_future_message(value))
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(f"{shown(value.strip() if isinstance(value, str) else value)} is not between "
                        f"the years {FIRST_YEAR} and {LAST_YEAR}")
    return moment


def split_dated_filename(name: str) -> tuple[date | None, str]:
    """Split Jekyll's ``YYYY-MM-DD-slug`` file name into its date and slug."""
    match = _FILENAME_DATE.match(name)
    if not match:
        return None, name
    try:
        return date(int(match[1]), int(match[2]), int(match[3])), match[4]
    except ValueError:
        return None, name


# -- the site's clock -------------------------------------------------------------------------

_BUILD_TIME_ATTR = "newsposts_build_time"  # an environment attribute: -j N readers inherit it


def site_zone(env: BuildEnvironment) -> tzinfo:
    """The zone of dates written without an offset (``newsposts_timezone``)."""
    try:
        return load_zone(env.config.newsposts_timezone)
    except DateError:  # reported once by config validation
        return UTC


def now() -> datetime:
    """The current time; SOURCE_DATE_EPOCH makes "is this post due yet?" reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


def build_time(env: BuildEnvironment) -> datetime:
    """When this build started reading: one moment for every post, whichever process reads it."""
    return getattr(env, _BUILD_TIME_ATTR, None) or now()


def _note_build_time(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    setattr(env, _BUILD_TIME_ATTR, now())


def setup_build_time(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _note_build_time)
