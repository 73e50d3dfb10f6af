"""Every column of our sample and of every real site in tests/sites/ composed as the lead: the lost-word check (C-44)
finds nothing, since each renderer's own omissions are not counted (a page with no text to send never leads), and
no pre-flight check stops the issue (but the rules the site's replay.toml skips, for what its post really says)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nieuwsbrief import pipeline
from nieuwsbrief.errors import ContentError
from nieuwsbrief.weekly import Overrides, pick_week

from .test_replay import fixture_sites, project_for, replay_settings


@pytest.mark.slow
@pytest.mark.parametrize("name", fixture_sites())
def test_every_column_leads_without_a_lost_word(name: str, tmp_path: Path) -> None:
    project = project_for(name, tmp_path)
    loaded = pipeline.load_project(project)
    columns = [a for a in loaded.content.articles if a.kind == "column" and not a.draft]
    found, stopped = {}, {}
    skipped = set(replay_settings(name).get("lint_skip", []))
    for column in columns:
        day = max(column.published.date(), dt.date(1970, 1, 5))
        try:
            week = pick_week(loaded.settings, loaded.content, day, [], Overrides(lead=column.slug))
        except ContentError:
            continue  # a page with no text to send: it never leads (tests/test_weekly.py)
        _, findings = pipeline.render_issue(loaded, week.selection, 1)
        found[column.slug] = [p.render() for p in findings if p.code == "C-44"]
        stopped[column.slug] = [p.render() for p in findings if p.severity == "error" and p.code not in skipped]
    assert {slug: lost for slug, lost in found.items() if lost} == {}
    assert {slug: errors for slug, errors in stopped.items() if errors} == {}
    assert found, "no column could lead"
