"""Runs that end unexpectedly: a signal at start-up, during a scan or while writing, and a bug. Each ends with
one line on stderr and its documented exit code (130, 143, 70), never a traceback, and nothing half-written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app

from .adversarial import WEEK_48, composed_base, place, snapshot, temporaries, write
from .conftest import REPO, article

__all__ = ["composed_base"]

STOPPED = "nieuwsbrief: stopped by {}; no file was left half-written\n"

# Runs the console script's main() after arranging for a signal to arrive at one moment: when a module is first
# imported (start-up), when the scan reports its first finished chunk, or just before the n-th fsync (writing).
_SIGNAL_AT = """
import importlib.abc, os, signal, sys
# As at a terminal, whatever this test run inherited: a job started in the background without job control
# (nohup cmd &, some CI runners) begins with Ctrl-C ignored, which a child would inherit.
signal.signal(signal.SIGINT, signal.default_int_handler)
moment, which, whom = sys.argv[1], getattr(signal, sys.argv[2]), sys.argv[3]
def send():
    os.kill(0 if whom == "group" else os.getpid(), which)
if moment.startswith("import:"):
    class Trap(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == moment[7:]:
                sys.meta_path.remove(self)
                send()
            return None
    sys.meta_path.insert(0, Trap())
elif moment.startswith("fsync:"):
    real, calls = os.fsync, [0]
    def fsync(handle):
        calls[0] += 1
        if calls[0] == int(moment[6:]):
            send()
        return real(handle)
    os.fsync = fsync
elif moment == "scan":
    import nieuwsbrief.content.workers as workers
    real_report = workers._report
    def report(progress, done, total):
        send()
        return real_report(progress, done, total)
    workers._report = report
sys.argv = ["nieuwsbrief", *sys.argv[4:]]
from nieuwsbrief.__main__ import main
main()
"""


def run_with_signal(root: Path, moment: str, which: str, *args: str, group: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", _SIGNAL_AT, moment, which, "group" if group else "self", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, start_new_session=group, timeout=120)


@pytest.mark.parametrize(
    "module",
    ["nieuwsbrief.signals", "typer", "nieuwsbrief.cli.issue", "nieuwsbrief.pipeline", "yaml", "jinja2", "premailer"],
)
def test_ctrl_c_at_any_moment_of_start_up_ends_with_one_line_and_exit_130(module: str, tmp_path: Path) -> None:
    # From the first import of our own code to the renderers compose loads last.
    where = place(tmp_path)
    before = snapshot(tmp_path)
    result = run_with_signal(where.root, f"import:{module}", "SIGINT", "compose", "--date", WEEK_48)
    assert (result.returncode, result.stderr, result.stdout) == (130, STOPPED.format("SIGINT"), "")
    changed = {name for name, entry in snapshot(tmp_path).items() if before.get(name) != entry}
    # At most the cache and the lock, never an issue or a page.
    assert {name for name in changed if not name.startswith("site/.nieuwsbrief")} <= {"site/issues", "site/issues/.lock"}


def test_sigterm_while_writing_the_issue_leaves_the_old_issue_whole_and_the_lock_free(
    tmp_path: Path, composed_base: Path
) -> None:
    where = place(tmp_path, composed_base)
    write(where, "content/columns/tweede-column.md", (where.root / "content/columns/tweede-column.md").read_text() + "\nMeer.\n")
    archive = {name: entry for name, entry in snapshot(where.root / "issues").items() if name != ".lock"}
    result = run_with_signal(where.root, "fsync:2", "SIGTERM", "compose", "--date", WEEK_48)
    assert (result.returncode, result.stderr) == (143, STOPPED.format("SIGTERM"))
    assert {name: entry for name, entry in snapshot(where.root / "issues").items() if name != ".lock"} == archive
    assert temporaries(where.root) == []  # the run removed its own temporary folder on its way out
    assert (
        subprocess.run([sys.executable, "-m", "nieuwsbrief", "compose", "--date", WEEK_48, "--quiet"], cwd=where.root).returncode
        == 0
    )


@pytest.mark.slow
def test_ctrl_c_during_a_parallel_scan_stops_every_worker_quietly(tmp_path: Path) -> None:
    # Ctrl-C reaches the whole process group: the workers leave it to the parent, which answers with one line.
    where = place(tmp_path)
    for number in range(1200):
        write(where, f"content/articles/stuk-{number:04d}.md", article(f"Stuk {number}", "2026-10-01"))
    result = run_with_signal(where.root, "scan", "SIGINT", "check", "--quiet", group=True)
    assert (result.returncode, result.stderr) == (130, STOPPED.format("SIGINT"))


# ---------------------------------------------------------------- the last resort: a bug is exit 70

runner = CliRunner()
CRASHED = re.compile(
    r"nieuwsbrief: internal error \(RuntimeError: kapot\): this is a bug, please report it \(the details are in (.+)\)\n"
)


def test_a_bug_in_a_command_is_exit_70_with_one_line_and_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, internal_error_expected: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(pipeline, "check_project", broken)
    (tmp_path / "nieuwsbrief.toml").write_text("", encoding="utf-8")  # a project: the command reaches the library
    result = runner.invoke(app, ["--project", str(tmp_path), "check", "--json"])
    assert result.exit_code == 70
    found = CRASHED.fullmatch(result.stderr)
    assert found is not None, result.stderr
    log = Path(found.group(1))
    assert log.parent == internal_error_expected
    assert json.loads(result.stdout) == {"ok": False, "exit_code": 70, "error": "internal error", "log": str(log)}
    details = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in details and 'raise RuntimeError("kapot")' in details
    assert "command: " in details and "nieuwsbrief 0.1.0" in details


def test_a_bug_outside_the_error_funnel_is_exit_70_too(
    tmp_path: Path, composed_base: Path, internal_error_expected: Path
) -> None:
    # A report builder runs after the library returned, outside cli.app.run: the console script catches it.
    where = place(tmp_path, composed_base)
    program = textwrap.dedent(
        """
        import sys
        from nieuwsbrief import reports
        def broken(*args): raise RuntimeError("kapot")
        reports.issue_line = broken
        sys.argv = ["nieuwsbrief", "issues"]
        from nieuwsbrief.__main__ import main
        main()
        """
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=where.root, capture_output=True, text=True)
    assert result.returncode == 70
    assert CRASHED.fullmatch(result.stderr) is not None, result.stderr
    assert "Traceback" not in result.stderr


def test_the_suite_fails_a_test_after_which_nieuwsbrief_reported_a_bug(tmp_path: Path) -> None:
    # The guard in tests/conftest.py: a test that never looks at the exit code still fails on exit 70.
    (tmp_path / "test_careless.py").write_text(
        textwrap.dedent(
            """
            from typer.testing import CliRunner
            from nieuwsbrief import pipeline
            from nieuwsbrief.cli import app

            def test_careless(monkeypatch, tmp_path):
                monkeypatch.setattr(pipeline, "check_project", lambda *a, **k: 1 / 0)
                (tmp_path / "nieuwsbrief.toml").write_text("", encoding="utf-8")
                CliRunner().invoke(app, ["--project", str(tmp_path), "check"])
            """
        ),
        encoding="utf-8",
    )
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest", "test_careless.py"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=environment)
    assert result.returncode == 1, result.stdout
    assert "nieuwsbrief ended with exit 70 (an internal error, a bug)" in result.stdout
    assert "ZeroDivisionError: division by zero" in result.stdout


def test_signals_do_not_leave_the_default_handlers_changed_in_a_library_caller() -> None:
    # Only the console script installs the handlers: importing nieuwsbrief (as the tests and other programs do)
    # leaves SIGINT to Python's KeyboardInterrupt.
    program = (
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import nieuwsbrief.cli, nieuwsbrief.pipeline, nieuwsbrief.signals\n"
        "assert signal.getsignal(signal.SIGINT) is signal.default_int_handler\n"
        "assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True, timeout=60)
