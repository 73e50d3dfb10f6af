"""Time as deliveries write it: the clock a send reads (tests pass a fixed one) and UTC timestamps to the second."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. 2026-11-23T06:00:00Z."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
