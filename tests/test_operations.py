"""The cron contract: this week's issue by default, harmless re-runs, and the shipped cron/systemd/CI recipes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from nieuwsbrief.cli import app
from nieuwsbrief.selection import issue_id_for

from .conftest import ProjectFactory, column
from .external_tools import require_program

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


def test_systemd_units_verify(tmp_path: Path) -> None:
    analyze = require_program("systemd-analyze")  # .ci/setup installs it; CI fails without it
    site = tmp_path / "site"
    (site / ".venv" / "bin").mkdir(parents=True)
    (site / ".venv" / "bin" / "nieuwsbrief").symlink_to(Path(sys.executable).with_name("nieuwsbrief"))
    (site / "issues").mkdir()
    (site / ".nieuwsbrief").mkdir()
    units = tmp_path / "units"
    units.mkdir()
    # The substitution the unit documents, run as written: sed 's|/srv/site|/path/to/your/project|g' ...
    service = REPO / "contrib" / "systemd" / "nieuwsbrief.service"
    documented = next(line for line in service.read_text(encoding="utf-8").splitlines() if line.startswith("#   sed "))
    command = documented.removeprefix("#   ").replace("/path/to/your/project", str(site))
    command = command.replace("nieuwsbrief.service >", f"{service} >").replace("/etc/systemd/system/", f"{units}/")
    subprocess.run(["bash", "-c", command], check=True)
    shutil.copy(REPO / "contrib" / "systemd" / "nieuwsbrief.timer", units / "nieuwsbrief.timer")
    assert f"ReadWritePaths={site}/issues {site}/.nieuwsbrief /var/log\n" in (units / "nieuwsbrief.service").read_text("utf-8")
    result = subprocess.run(
        [analyze, "verify", str(units / "nieuwsbrief.service"), str(units / "nieuwsbrief.timer")],
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


def test_setup_waits_for_the_package_lock_bounded_and_says_what_it_waits_for(tmp_path: Path) -> None:
    lock = tmp_path / "lock-frontend"
    lock.write_bytes(b"")
    # Another apt: a process holding an fcntl lock on the file, as apt and dpkg hold theirs, until its stdin closes.
    hold = f"import fcntl, os, sys\nfd = os.open({str(lock)!r}, os.O_RDWR)\nfcntl.lockf(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\nsys.stdin.read()"
    env = {**os.environ, "NIEUWSBRIEF_APT_LOCKS": str(lock), "NIEUWSBRIEF_APT_WAIT": "1"}
    wait = [str(REPO / ".ci" / "wait-for-apt")]
    with subprocess.Popen([sys.executable, "-c", hold], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdin is not None and holder.stdout is not None and holder.stdout.readline() == "held\n"
        gave_up = subprocess.run(wait, env=env, capture_output=True, text=True)
        with subprocess.Popen(wait, env={**env, "NIEUWSBRIEF_APT_WAIT": "60"}, stderr=subprocess.PIPE, text=True) as waiting:
            assert waiting.stderr is not None
            said = waiting.stderr.readline()  # it says what it waits for, then waits
            holder.stdin.close()  # the other apt ends
            assert waiting.wait(timeout=60) == 0
    seconds = re.sub(r"\b\d+ s\b", "N s", gave_up.stderr)  # the seconds depend on the machine's load
    assert (gave_up.returncode, seconds.splitlines()) == (
        1,
        [
            f"setup: waiting for another apt or dpkg to release {lock}: it is held by process {holder.pid} (python3); "
            "at most N s more",
            f"setup: gave up after N s: {lock} is still held by process {holder.pid} (python3)",
        ],
    )
    assert said.startswith(f"setup: waiting for another apt or dpkg to release {lock}: it is held by process {holder.pid}")
    setup = (REPO / ".ci" / "setup").read_text(encoding="utf-8")
    assert setup.count(".ci/wait-for-apt\n    apt-get -o DPkg::Lock::Timeout=600 ") == 2
