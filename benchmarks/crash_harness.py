"""Kill `nieuwsbrief compose` with SIGKILL at random moments and check the archive after each kill.

    python benchmarks/crash_harness.py --trials 200 [--seed 1] [--earliest 0.7]

Each trial composes into a scratch copy of the sample project, alternating between replacing an
existing issue (with changed content, so the bytes differ) and writing a new one, and kills the run
at a random moment between its start and a little after its usual end. After every kill the archive
must be consistent: every visible issue folder is complete, its manifest parses and the hashes in it
match the files; nothing half-written is visible; `nieuwsbrief issues` works. The test suite runs a
few trials of the same code (tests/test_crash_safety.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parents[1]
EXPECTED_FILES = {"issue.html", "issue.txt", "issue.eml", "index.html", "manifest.json"}
SITE_FILES = {"index.html", "feed.xml"}  # the archive's web pages beside the issue folders
DATES = ("2026-11-23", "2026-11-30")


@dataclass
class Report:
    trials: int = 0
    killed_mid_write: int = 0  # a hidden staging folder was left behind
    finished_before_kill: int = 0
    problems: list[str] = field(default_factory=list)


def make_project(directory: Path) -> Path:
    root = directory / "site"
    root.mkdir()
    shutil.copy(REPO / "nieuwsbrief.toml", root / "nieuwsbrief.toml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def compose_command(root: Path, date: str) -> list[str]:
    return [sys.executable, "-m", "nieuwsbrief", "--project", str(root), "compose", "--date", date, "--quiet"]


def archive_problems(root: Path) -> list[str]:
    """Everything wrong with the archive as a reader sees it; empty when consistent."""
    issues = root / "issues"
    problems = []
    if not issues.exists():
        return problems
    for entry in sorted(issues.iterdir()):
        if entry.name.startswith("."):
            continue  # the lock and staging folders: hidden, never read as issues
        if entry.is_file() and entry.name in SITE_FILES:
            problems.extend(_site_file_problems(entry))
            continue
        names = {p.name for p in entry.iterdir()} if entry.is_dir() else set()
        if names != EXPECTED_FILES:
            problems.append(f"{entry.name}: files {sorted(names)}")
            continue
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        except (ValueError, OSError) as exc:
            problems.append(f"{entry.name}: manifest unreadable: {exc}")
            continue
        for name, digest in manifest.get("outputs", {}).items():
            if hashlib.sha256((entry / name).read_bytes()).hexdigest() != digest:
                problems.append(f"{entry.name}/{name}: does not match its manifest")
    return problems


def _site_file_problems(path: Path) -> list[str]:
    """An archive page is replaced in one rename: whole (it parses, it ends its document) or the old one."""
    try:
        ElementTree.parse(path) if path.suffix == ".xml" else None
        text = path.read_text(encoding="utf-8")
    except (ElementTree.ParseError, OSError, UnicodeDecodeError) as exc:
        return [f"{path.name}: unreadable: {exc}"]
    ending = "</feed>\n" if path.suffix == ".xml" else "</html>\n"
    return [] if text.endswith(ending) else [f"{path.name}: cut short"]


def issues_command_works(root: Path) -> bool:
    from typer.testing import CliRunner

    from nieuwsbrief.cli import app

    return CliRunner().invoke(app, ["--project", str(root), "issues"]).exit_code == 0


def change_lead(root: Path, trial: int) -> None:
    """Alter the lead column a little, so a replacement has different bytes from what it replaces."""
    lead = root / "content" / "columns" / "duurzaam-ondernemen-is-huiswerk.md"
    # Visible text: an HTML comment would be sanitized away and leave the output unchanged.
    text = lead.read_text(encoding="utf-8").rstrip("\n").rsplit("\n\nProefrun ", 1)[0]
    lead.write_text(f"{text}\n\nProefrun {trial}.\n", encoding="utf-8")


def measure(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(compose_command(root, DATES[0]), check=True)
    return time.perf_counter() - start


# Runs compose with SIGKILL sent to itself just before its k-th durable step (an fsync, a rename or a
# replace): so every step of the writing can be hit on purpose, not only by a lucky random moment.
_KILL_AT_STEP = """
import os, signal, sys
step, calls = int(sys.argv[1]), [0]
def hooked(real):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == step:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
for name in ("fsync", "rename", "replace"):
    setattr(os, name, hooked(getattr(os, name)))
sys.argv = ["nieuwsbrief", *sys.argv[2:]]
from nieuwsbrief.__main__ import main
try:
    main()
finally:
    sys.stderr.write(f"durable steps: {calls[0]}\\n")
"""


def compose_killed_at_step(root: Path, date: str, step: int) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", _KILL_AT_STEP, str(step), "--project", str(root), "compose", "--date", date, "--quiet"]
    return subprocess.run(command, capture_output=True, text=True)


def run_every_step(root: Path, date: str = DATES[0]) -> Report:
    """Kill a compose (replacing an existing issue) at each of its durable steps in turn, checking after each."""
    subprocess.run(compose_command(root, date), check=True)
    finished = compose_killed_at_step(root, date, 0)
    steps = int(finished.stderr.rsplit("durable steps: ", 1)[1])
    report = Report()
    for step in range(1, steps + 1):
        change_lead(root, step)
        result = compose_killed_at_step(root, date, step)
        report.trials += 1
        if result.returncode == -signal.SIGKILL:
            report.killed_mid_write += 1
        else:
            report.finished_before_kill += 1
        _check_after_kill(root, f"step {step}", report)
    return report


def _check_after_kill(root: Path, trial: str, report: Report) -> None:
    problems = archive_problems(root)
    if not issues_command_works(root):
        problems.append("nieuwsbrief issues failed")
    report.problems.extend(f"{trial}: {p}" for p in problems)


def run_trials(root: Path, trials: int, rng: random.Random, earliest: float = 0.0) -> Report:
    """Kill at a uniform random moment in [earliest, 1.1] times the measured duration of a compose."""
    duration = measure(root)
    report = Report()
    for trial in range(trials):
        change_lead(root, trial)
        leftovers = set((root / "issues").glob(".tmp-*"))  # a killed run's staging stays until the next run's lock
        process = subprocess.Popen(compose_command(root, DATES[trial % 2]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(earliest, 1.1) * duration)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        else:
            report.finished_before_kill += 1
        process.wait()
        report.trials += 1
        if set((root / "issues").glob(".tmp-*")) - leftovers:  # this run left a staging folder: killed mid-write
            report.killed_mid_write += 1
        _check_after_kill(root, f"trial {trial}", report)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--earliest", type=float, default=0.0, help="earliest kill, as a fraction of a compose's duration")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        root = make_project(Path(directory))
        started = time.perf_counter()
        report = run_trials(root, args.trials, random.Random(args.seed), args.earliest)
        every_step = run_every_step(root)
        elapsed = time.perf_counter() - started
    print(f"trials: {report.trials} in {elapsed:.0f} s")
    print(f"killed while writing (staging folder left behind): {report.killed_mid_write}")
    print(f"finished before the kill: {report.finished_before_kill}")
    print(f"then killed at each of {every_step.trials} durable steps in turn: {every_step.killed_mid_write} killed there")
    problems = report.problems + every_step.problems
    print(f"inconsistent archives: {len(problems)}")
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
