"""The dates site generators accept: ISO dates and times (Hugo, Eleventy), Jekyll's `2025-01-29 18:15:32 +0530`,
TOML's own date-times, and the JavaScript forms Astro's starter writes (`Jul 08 2022`, `July 8, 2022`).

A date with a zone is moved into the project's time zone and made naive, as content/fields.py does for ours; one
that falls outside the calendar once moved there (9999-12-31T23:59-12:00) is no date. Text longer than
MAX_DATE_CHARS is no date either: every pattern here runs on a short value.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

from ...locales import month_number

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?"
)
# "Jul 08 2022", "July 8, 2022", "Fri Jul 08 2022", "8 July 2022", optionally followed by a time.
_MONTH_FIRST = re.compile(
    r"(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_DAY_FIRST = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


# Jekyll's lenient reading: a date and a time at the start, a zone at the very end, anything between.
_LENIENT = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})(?:[T ]+(\d{1,2}:\d{2}(?::\d{2})?))?\b")
_ZONE_AT_END = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})\Z")
# Ruby's reading of a day, a month and a four-digit year in numbers (11-9-2017, 11.9.2017, 11/9/2017)
_NUMBERS_DAY_FIRST = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b")
MAX_DATE_CHARS = 80  # the longest form above, with room; Jekyll's own examples are under 40


def read_date(value: object, timezone: str, lenient: bool = False) -> dt.datetime | None:
    """The moment a front-matter value names, naive in ``timezone``; None when it is not a date.

    ``timezone`` "" keeps the wall-clock time as written, whatever zone it names: Hugo builds an address from
    the date in its own zone (2026-04-10T00:00:00Z is /2026/04/10/ on a site in Los Angeles).

    ``lenient`` reads a date the way Ruby's Time.parse does for Jekyll: the date, time and zone it can find,
    whatever else the text holds (jekyllrb.com has `2023-01-29 18:30:22 2023 -0800`).
    """
    if isinstance(value, dt.datetime):
        return _naive(value, timezone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if not isinstance(value, str) or len(value.strip()) > MAX_DATE_CHARS:
        return None
    text = value.strip()
    moment = _written(text)
    if moment is None and lenient:
        day_first = _NUMBERS_DAY_FIRST.match(text)
        if day_first:
            text = f"{day_first.group(3)}-{day_first.group(2)}-{day_first.group(1)}{text[day_first.end() :]}"
        found = _LENIENT.match(text)
        zone = _ZONE_AT_END.search(text, max(found.end(), len(text) - 6)) if found else None
        parts = [*found.groups(), zone.group(0) if zone else None] if found else []
        moment = _written(" ".join(part for part in parts if part)) if found else None
    return None if moment is None else _naive(moment, timezone)


def out_of_range(value: object, timezone: str, lenient: bool = False) -> bool:
    """Whether a value that is no date in ``timezone`` is a date as written: one the zone moves off the calendar."""
    return read_date(value, timezone, lenient) is None and read_date(value, "", lenient) is not None


@functools.lru_cache(maxsize=4096)  # pieces share dates, and a Hugo address reads its date a second time
def _written(text: str) -> dt.datetime | None:
    """The moment a text names, with the zone it writes (if any)."""
    try:
        return _iso(text) or _words(text)
    except ValueError:  # 2026-02-30, 25:00
        return None


def _iso(text: str) -> dt.datetime | None:
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro)
    if zone:
        moment = moment.replace(tzinfo=_fixed(zone))
    return moment


@functools.lru_cache(maxsize=64)
def _fixed(zone: str) -> dt.tzinfo:
    """A zone as written: Z, +01:00, -0800."""
    return dt.UTC if zone == "Z" else dt.timezone(_offset(zone))


def _offset(zone: str) -> dt.timedelta:
    """+0100, +01:00, and the short forms JavaScript reads too: -4, +5:30."""
    sign = -1 if zone[0] == "-" else 1
    hours, _, minutes = zone[1:].partition(":")
    if not minutes and len(hours) > 2:
        hours, minutes = hours[:-2], hours[-2:]
    return sign * dt.timedelta(hours=int(hours), minutes=int(minutes or 0))


def _words(text: str) -> dt.datetime | None:
    match = _MONTH_FIRST.fullmatch(text)
    if match:
        month_name, day, year, hour, minute, second = match.groups()
    else:
        match = _DAY_FIRST.fullmatch(text)
        if match is None:
            return None
        day, month_name, year, hour, minute, second = match.groups()
    month = month_number(month_name)
    if month is None:
        return None
    return dt.datetime(int(year), month, int(day), int(hour or 0), int(minute or 0), int(second or 0))


def _naive(moment: dt.datetime, timezone: str) -> dt.datetime | None:
    if moment.tzinfo is None or not timezone:
        return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment
    try:
        return moment.astimezone(_zone(timezone)).replace(tzinfo=None)
    except OverflowError:  # 9999-12-31T23:59-12:00 is in the year 10000 in Amsterdam
        return None


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return dt.UTC
