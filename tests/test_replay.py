"""Two years of Mondays, replayed: the weekly job over the history of our sample project and of every real site in
tests/sites/ (a site folder added there is replayed too), with the clock set for each run (NIEUWSBRIEF_TODAY, never
the real today).

Every Monday the job composes as the cron recipe does (`compose --quiet --json`) and marks the issue sent as an
editor who sends from the ESP's web app does (`resolve --sent --via mailchimp`). Every week must exit 0 or 3, never 1
or 4 on content the site publishes; each lead must be the newest column since the previous issue (the columns the run
reported as not ready aside); nothing is featured twice; every composed issue passes the pre-flight checks. A day in a sent week on
which a column appears runs the job again, as a timer that catches up does: exit 0, the issue untouched, the column
named as waiting for next week.

The window is the 104 Mondays that hold the most columns (the latest such window), found from the content itself;
a site folder may hold a replay.toml that sets `start = 2024-01-01` instead, and `lint_skip = ["C-16"]`: the rules
its operator would skip in `[lint] skip`, for a finding that is true of the site's published post (say why there).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import clock, pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.model import Article

from .conftest import REPO, cli_env, copy_sample

SITES = REPO / "tests" / "sites"
WEEKS = 104
NOT_READY = re.compile(r"the (?:column|article) (\S+) has no (?:text to send|title)")
runner = CliRunner()


def fixture_sites() -> list[str]:
    return ["sample", *sorted(path.name for path in SITES.iterdir() if path.is_dir())]


@dataclass
class Replay:
    """What two years of weekly runs did: the table row of the site, and every lead in order."""

    start: dt.date | None = None
    weeks: int = 0
    issues: int = 0
    quiet: int = 0
    late: int = 0  # runs later in a week already sent, on the day a column appeared
    findings: Counter[str] = field(default_factory=Counter)  # the pre-flight checks' warnings, by checklist row
    warnings: int = 0  # the rest: the site's and the settings' own
    featured: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        found = ", ".join(f"{row} ×{count}" for row, count in sorted(self.findings.items())) or "none"
        return (
            f"| {name} | {self.start} | {self.weeks} | {self.issues} | {self.quiet} | {self.late} | {found} | {self.warnings} |"
        )


def invoke(project: Path, day: dt.date, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--project", str(project), *args], env=cli_env({clock.OVERRIDE: day.isoformat()}))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def project_for(name: str, folder: Path) -> Path:
    """The project the weekly job runs in: a copy of the sample, or a project `init --from` writes beside a site."""
    if name == "sample":
        return copy_sample(folder / "sample")
    site = folder / name
    shutil.copytree(SITES / name, site)
    project = folder / "nieuwsbrief"
    result = runner.invoke(app, ["init", str(project), "--from", str(site), "--json"], env=cli_env())
    assert result.exit_code == 0, result.output
    skipped = replay_settings(name).get("lint_skip", [])
    if skipped:
        with (project / "nieuwsbrief.toml").open("a", encoding="utf-8") as settings:
            settings.write(f"\n[lint]\nskip = {json.dumps(skipped)}\n")
    return project


def replay_settings(name: str) -> dict[str, object]:
    """The site's replay.toml (see the module's docstring), or nothing."""
    path = SITES / name / "replay.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def mondays(name: str, columns: list[Article]) -> list[dt.date]:
    """The 104 Mondays of the replay: from replay.toml's start, else the window that holds the most columns."""
    start = replay_settings(name).get("start")
    if not isinstance(start, dt.date):
        days = sorted(column.published.date() for column in columns)
        starts = [day - dt.timedelta(days=day.weekday()) for day in days]
        span = dt.timedelta(weeks=WEEKS)
        start = max(starts, key=lambda first: (sum(first <= day < first + span for day in days), first))
    return [start + dt.timedelta(weeks=week) for week in range(WEEKS)]


def newest_since(columns: list[Article], since: dt.date, day: dt.date, left_out: set[str], featured: set[str]) -> str:
    """The oracle: the newest published column dated from ``since`` to ``day`` that no issue featured ("" if none)."""
    new = [
        column
        for column in columns
        if since <= column.published.date() <= day
        and not column.draft
        and column.slug not in featured | left_out
        and (column.expires is None or column.expires.date() > day)
    ]
    return max(new, key=lambda column: (column.published, column.modified, column.slug)).slug if new else ""


def replay(name: str, folder: Path) -> Replay:
    project = project_for(name, folder)
    content = pipeline.load_project(project).content
    columns = [article for article in content.articles if article.kind == "column"]
    done = Replay()
    previous: dt.date | None = None
    left_out: set[str] = set()
    for monday in mondays(name, columns):
        done.start = done.start or monday
        done.weeks += 1
        code, out, err = invoke(project, monday, "compose", "--quiet", "--json")
        said = err if code != 0 else " ".join(warning["message"] for warning in json.loads(out)["warnings"])
        left_out |= set(NOT_READY.findall(said))  # a site's page that is not ready is left out, with a warning
        since = previous if previous is not None else monday - dt.timedelta(days=14)  # [selection] lead_max_age
        expected = newest_since(columns, since, monday, left_out, set(done.featured))
        if code == 3:
            assert expected == "", f"{name} {monday}: nothing new, but {expected} is new since {since}\n{err}"
            done.quiet += 1
            continue
        assert code == 0, f"{name} {monday}: compose exited {code}\n{err}"
        issue = json.loads(out)
        picks = [issue["lead"]["slug"], *(piece["slug"] for piece in issue["related"])]
        assert issue["lead"]["slug"] == expected, f"{name} {monday}: led with {picks[0]}, the newest since {since} is {expected}"
        assert not set(picks) & set(done.featured), f"{name} {monday}: featured again: {set(picks) & set(done.featured)}"
        done.featured += picks
        # compose refuses an issue that fails the pre-flight checks (exit 4): what it leaves are warnings.
        assert [w for w in issue["warnings"] if w["severity"] == "error"] == []
        done.findings.update(warning["code"] for warning in issue["warnings"] if "code" in warning)
        done.warnings += sum("code" not in warning for warning in issue["warnings"])
        assert invoke(project, monday, "resolve", issue["id"], "--sent", "--via", "mailchimp")[0] == 0
        done.issues += 1
        previous = monday
        done.late += late_in_the_week(project, columns, monday, issue)
    return done


def late_in_the_week(project: Path, columns: list[Article], monday: dt.date, issue: dict[str, object]) -> int:
    """A column dated later in the week of a sent issue: the job run that day composes nothing and exits 0."""
    week = {c.published.date() for c in columns if not c.draft and monday < c.published.date() < monday + dt.timedelta(7)}
    for late in sorted(week):
        before = (project / "issues" / str(issue["id"]) / "issue.html").read_bytes()
        code, out, err = invoke(project, late, "compose", "--quiet", "--json")
        assert (code, err) == (0, ""), f"{late}: compose exited {code} in a week already sent\n{err}"
        again = json.loads(out)
        assert (again["id"], again["already_sent"]) == (issue["id"], True)
        assert (project / "issues" / str(issue["id"]) / "issue.html").read_bytes() == before
    return len(week)


@pytest.mark.slow
@pytest.mark.parametrize("name", fixture_sites())
def test_two_years_of_weekly_runs(name: str, tmp_path: Path, record_property: pytest.RecordProperty) -> None:
    done = replay(name, tmp_path)
    assert done.issues >= 1, f"{name}: two years without a single issue"
    assert len(done.featured) == len(set(done.featured))
    record_property("replay", done.row(name))
    print(f"\n{done.row(name)}")  # site, from, weeks, issues, quiet weeks, late runs, findings, other warnings
