"""Time is an input: today and now come from nieuwsbrief.clock, which the environment can set."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from nieuwsbrief import clock
from nieuwsbrief.cli import app

from .conftest import PINNED_TODAY, ProjectFactory

runner = CliRunner()


def test_the_test_run_sees_the_pinned_day_as_today(today: dt.date) -> None:
    assert today == clock.today() == clock.today("Pacific/Kiritimati") == clock.today("Pacific/Pago_Pago")
    assert clock.now() == dt.datetime.combine(today, dt.time(12), dt.UTC)
    assert PINNED_TODAY  # the default of a run that sets no other day


def test_a_bare_date_is_that_day_at_noon_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.OVERRIDE, "2031-02-28")
    assert clock.today() == dt.date(2031, 2, 28)
    assert clock.now() == dt.datetime(2031, 2, 28, 12, 0, tzinfo=dt.UTC)


def test_a_moment_with_an_offset_gives_today_in_the_zone_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.OVERRIDE, "2030-12-31T23:30:00+00:00")
    assert clock.now() == dt.datetime(2030, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert clock.today("Europe/Amsterdam") == dt.date(2031, 1, 1)
    assert clock.today("America/New_York") == dt.date(2030, 12, 31)


def test_source_date_epoch_sets_the_clock_when_nieuwsbrief_today_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.OVERRIDE)
    monkeypatch.setenv(clock.EPOCH, "1796083200")
    assert clock.now() == dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    monkeypatch.setenv(clock.OVERRIDE, "2027-01-04")
    assert clock.today() == dt.date(2027, 1, 4)  # NIEUWSBRIEF_TODAY wins


def test_without_an_override_the_clock_is_the_machines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.OVERRIDE)
    before = clock.wall_ns()
    moment = clock.now()
    assert before // 10**9 - 1 <= moment.timestamp() <= clock.wall_ns() / 10**9 + 1
    assert moment.tzinfo is dt.UTC


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (clock.OVERRIDE, "30-11-2026", "NIEUWSBRIEF_TODAY='30-11-2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30"),
        (
            clock.OVERRIDE,
            "2026-11-30T07:00",
            "NIEUWSBRIEF_TODAY='2026-11-30T07:00' has no UTC offset; add one, e.g. 2026-11-30T07:00+01:00, or give a date",
        ),
        (
            clock.OVERRIDE,
            "2026-11-30Tlater",
            "NIEUWSBRIEF_TODAY='2026-11-30Tlater' is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM+01:00",
        ),
        (clock.EPOCH, "gisteren", "SOURCE_DATE_EPOCH='gisteren' is not a number of seconds since 1970-01-01 UTC"),
        (clock.EPOCH, "9" * 30, f"SOURCE_DATE_EPOCH='{'9' * 30}' is not a number of seconds since 1970-01-01 UTC"),
    ],
)
def test_a_clock_setting_that_cannot_be_read_is_a_usage_error(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    root = make_project()
    if name == clock.EPOCH:
        monkeypatch.delenv(clock.OVERRIDE)
    result = runner.invoke(app, ["--project", str(root), "pick"], env={name: value})
    assert (result.exit_code, result.stderr) == (2, f"nieuwsbrief: {message}\n")
