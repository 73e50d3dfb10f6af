"""Crash safety and concurrency with real processes: SIGKILL at random moments, two composes at once."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

from benchmarks.crash_harness import archive_problems, compose_command, make_project, run_trials


def test_sigkill_at_random_moments_never_leaves_an_inconsistent_archive(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    # The full run (benchmarks/crash_harness.py) spreads 200+ kills over the whole run; here a few,
    # aimed at the second half where the writing happens.
    report = run_trials(root, trials=12, rng=random.Random(7), earliest=0.5)
    assert report.problems == []
    assert report.trials == 12


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
