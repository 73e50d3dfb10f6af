"""The cron contract: this week's issue by default, harmless re-runs, and the shipped cron/systemd/CI recipes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from nieuwsbrief.cli import app
from nieuwsbrief.selection import issue_id_for

from .conftest import ProjectFactory, column

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_compose_without_a_date_composes_this_weeks_issue_and_rerunning_is_harmless(
    make_project: ProjectFactory, today: dt.date
) -> None:
    root = make_project({"content/columns/van-deze-week.md": column("Van deze week", today.isoformat())})  # new: it leads
    first = runner.invoke(app, ["--project", str(root), "compose", "--json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["id"] == issue_id_for(today)
    files = {key: Path(path).read_bytes() for key, path in data["files"].items()}
    again = runner.invoke(app, ["--project", str(root), "compose", "--json", "--quiet"])
    assert again.exit_code == 0
    assert {key: Path(path).read_bytes() for key, path in json.loads(again.stdout)["files"].items()} == files
    assert again.stderr == ""


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_units_verify(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".venv" / "bin").mkdir(parents=True)
    (site / ".venv" / "bin" / "nieuwsbrief").symlink_to(Path(sys.executable).with_name("nieuwsbrief"))
    units = tmp_path / "units"
    units.mkdir()
    for name in ("nieuwsbrief.service", "nieuwsbrief.timer"):
        text = (REPO / "contrib" / "systemd" / name).read_text(encoding="utf-8")
        (units / name).write_text(text.replace("/srv/site", str(site)), encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(units / "nieuwsbrief.service"), str(units / "nieuwsbrief.timer")],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_systemd_service_treats_nothing_new_as_success() -> None:
    service = (REPO / "contrib" / "systemd" / "nieuwsbrief.service").read_text(encoding="utf-8")
    assert "SuccessExitStatus=3\n" in service
    assert "ExecStart=/srv/site/.venv/bin/nieuwsbrief compose --quiet --json\n" in service


def test_cron_line_has_five_time_fields_a_user_and_the_command() -> None:
    lines = [
        line
        for line in (REPO / "contrib" / "cron" / "nieuwsbrief.cron").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and "=" not in line.split()[0]
    ]
    assert len(lines) == 1
    minute, hour, day, month, weekday, user, *command = lines[0].split()
    assert (minute, hour, day, month, weekday, user) == ("0", "6", "*", "*", "1", "nieuwsbrief")
    assert "nieuwsbrief compose --quiet --json" in " ".join(command)


def test_ci_workflow_is_valid_yaml_that_accepts_exit_3() -> None:
    workflow = yaml.safe_load((REPO / "contrib" / "ci" / "weekly-issue.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["compose"]["steps"]
    compose = next(step for step in steps if step.get("name") == "compose")
    assert "nieuwsbrief compose --quiet --json" in compose["run"]
    assert "if [ $rc -eq 3 ]" in compose["run"]
    assert workflow[True]["schedule"] == [{"cron": "0 5 * * 1"}]  # YAML 1.1 reads the key "on" as true


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = readme.split("Install and run the tests", 1)[1].split("```sh\n", 1)[1].split("\n", 1)[0]
    assert documented in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
