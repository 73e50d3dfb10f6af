"""The one source of today and now. Every other read of the system clock is forbidden (ruff's DTZ rules and
tests/test_architecture.py), so that time is an input: a run, a test or a reproducible build can set it.

The override, first found wins:
- ``NIEUWSBRIEF_TODAY``: a date (``2026-11-30``: now is that day at 12:00 UTC, the same calendar day from
  UTC-12 to UTC+11) or a date-time with an offset (``2026-11-30T06:00:00+01:00``);
- ``SOURCE_DATE_EPOCH``: seconds since 1970 in UTC, as MkDocs and reproducible builds read it.
A set clock stands still: every read in a run gives the same moment, so its output is the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from .errors import UsageError

OVERRIDE = "NIEUWSBRIEF_TODAY"
EPOCH = "SOURCE_DATE_EPOCH"
NOON = dt.time(12, tzinfo=dt.UTC)

Clock = Callable[[], dt.datetime]  # what a send reads the time from: now, or a fixed moment a test passes


class ClockError(UsageError):
    """The override is set but cannot be read (exit 2); the message names the variable and the form it takes."""


def now() -> dt.datetime:
    """This moment, aware, in UTC (or the moment the environment sets)."""
    return _set_moment() or dt.datetime.now(dt.UTC)


def today(zone: str | None = None) -> dt.date:
    """Today's date in ``zone`` (an IANA name; the machine's own time zone when None)."""
    set_by_day = os.environ.get(OVERRIDE, "").strip()
    if set_by_day and "T" not in set_by_day:
        return _day(set_by_day)  # a bare date is today everywhere, whatever the zone
    moment = now()
    return moment.astimezone(ZoneInfo(zone) if zone else None).date()


def stamp(moment: dt.datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. 2026-11-23T06:00:00Z."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def local(stamped: str, zone: str) -> str:
    """A UTC stamp as a person reads it in the project's time zone: 2026-11-23T06:00:00Z -> '2026-11-23 07:00 CET'."""
    try:
        moment = dt.datetime.fromisoformat(stamped.replace("Z", "+00:00"))
    except ValueError:
        return stamped  # not a stamp nieuwsbrief wrote: shown as it is
    if moment.tzinfo is None:
        return stamped
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def wall_ns() -> int:
    """The real time in nanoseconds, never overridden: only for comparing with the file system's own timestamps."""
    return time.time_ns()


def _set_moment() -> dt.datetime | None:
    value = os.environ.get(OVERRIDE, "").strip()
    if value:
        if "T" not in value:
            return dt.datetime.combine(_day(value), NOON)
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ClockError(f"{OVERRIDE}={value!r} is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM+01:00") from None
        if moment.tzinfo is None:
            raise ClockError(f"{OVERRIDE}={value!r} has no UTC offset; add one, e.g. {value}+01:00, or give a date")
        return moment.astimezone(dt.UTC)
    epoch = os.environ.get(EPOCH, "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise ClockError(f"{EPOCH}={epoch!r} is not a number of seconds since 1970-01-01 UTC") from None
    return None


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClockError(f"{OVERRIDE}={value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30") from None
