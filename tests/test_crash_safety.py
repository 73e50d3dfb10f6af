"""Crash safety and concurrency with real processes: SIGKILL at every durable step and at random moments,
and two composes at once."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

from benchmarks.crash_harness import archive_problems, compose_command, make_project, run_every_step, run_trials

from nieuwsbrief.archive import Archive


def test_sigkill_at_every_durable_step_never_leaves_an_inconsistent_archive(tmp_path: Path) -> None:
    # Each run replaces an issue with different bytes and is killed just before its k-th fsync, rename or
    # replace, for every k: every point of the writing is hit, not only those a random moment finds.
    report = run_every_step(make_project(tmp_path))
    assert report.trials >= 10
    assert report.killed_mid_write == report.trials  # every run really died at its step
    assert report.problems == []


def test_sigkill_at_random_moments_never_leaves_an_inconsistent_archive(tmp_path: Path) -> None:
    # The full run (benchmarks/crash_harness.py) spreads 200+ kills over the whole run; here a few.
    report = run_trials(make_project(tmp_path), trials=6, rng=random.Random(7), earliest=0.5)
    assert (report.trials, report.problems) == (6, [])


def test_a_compose_while_another_holds_the_lock_exits_6(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    with Archive(root).lock():
        blocked = subprocess.run(compose_command(root, "2026-11-23"), capture_output=True, text=True)
    assert blocked.returncode == 6
    assert "holds the lock" in blocked.stderr
    assert not (root / "issues" / "2026-W48").exists()


def test_two_composes_at_once_only_exit_0_or_6(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    codes = set()
    for _ in range(4):
        runs = [subprocess.Popen(compose_command(root, "2026-11-23"), stderr=subprocess.PIPE) for _ in range(2)]
        for run in runs:
            _, stderr = run.communicate()
            codes.add(run.returncode)
            if run.returncode == 6:
                assert b"holds the lock" in stderr
    assert codes <= {0, 6}
    assert 0 in codes
    assert archive_problems(root) == []
