"""What the adversarial corpus (tests/test_hostile_*.py) shares: a project in a folder of its own, a look at
everything outside it, and one run of the command line with its exit code and exact stderr.

Each case builds a small project in ``<tmp>/site`` next to ``<tmp>/outside`` (a file and a folder that links
planted in the project point at), runs one command there, and then checks that nothing outside the project
changed, and that a failed run left the archive as it was, with no temporary file behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app

from .conftest import AUTHOR, FITTING_SUMMARY, SECRETS, SENDING_SETTINGS, article, cli_env, column

WEEK_48 = "2026-11-23"
runner = CliRunner()

FILES = {
    "content/authors/anna.md": AUTHOR,
    "content/columns/eerste-column.md": column("Eerste column", "2026-11-02"),
    # Settings and a lead that `check` has nothing to say about: a case's own problem is all it reports.
    "content/columns/tweede-column.md": column("Tweede column", "2026-11-16", "[prijzen]", FITTING_SUMMARY),
    "content/articles/over-klanten.md": article("Over klanten", "2026-10-01"),
    "content/articles/over-prijzen.md": article("Over prijzen", "2026-10-05", "[prijzen]"),
    "content/articles/over-geld.md": article("Over geld", "2026-11-10", "[financiering]", "Financiën"),
}
LEAD = "content/columns/tweede-column.md"  # what the issue of week 48 leads with


def write_project(root: Path, settings: str = SENDING_SETTINGS) -> Path:
    root.mkdir(parents=True)
    (root / "nieuwsbrief.toml").write_text(settings, encoding="utf-8")
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def composed_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the issue of week 48 composed, made once per module and copied for each case."""
    root = write_project(tmp_path_factory.mktemp("base") / "site")
    pipeline.compose(root, dt.date(2026, 11, 23))
    shutil.rmtree(root / ".nieuwsbrief")  # its cache names this folder: a copy would warn about it
    return root


@dataclass(frozen=True)
class Place:
    """A case's folders: the project, and what lies outside it (which no run may change)."""

    tmp: Path
    root: Path
    outside: Path


def place(tmp_path: Path, composed_base: Path | None = None) -> Place:
    root = tmp_path / "site"
    if composed_base is None:
        write_project(root)
    else:
        shutil.copytree(composed_base, root, symlinks=True)
    outside = tmp_path / "outside"
    (outside / "map").mkdir(parents=True)
    (outside / "geheim.txt").write_text("niet aankomen\n", encoding="utf-8")
    return Place(tmp_path, root, outside)


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, str]]:
    """Every entry under ``folder`` (but ``skip``), by path: its mode and its content's hash (a link's target)."""
    found: dict[str, tuple[int, str]] = {}
    for directory, folders, files in os.walk(folder):
        here = Path(directory)
        folders[:] = [name for name in folders if skip is None or here / name != skip]
        for name in [*folders, *files]:
            path = here / name
            status = os.lstat(path)
            if stat.S_ISLNK(status.st_mode):
                content = "-> " + os.readlink(path)
            elif stat.S_ISREG(status.st_mode):
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                content = ""
            found[path.relative_to(folder).as_posix()] = (status.st_mode, content)
    return found


def archive_state(root: Path) -> dict[str, tuple[int, str]]:
    """issues/ as a reader sees it (the lock file aside: taking the lock may create it)."""
    issues = root / "issues"
    if not os.path.lexists(issues) or issues.is_symlink():
        return {}
    return {name: entry for name, entry in snapshot(issues).items() if name != ".lock"}


def temporaries(root: Path) -> list[str]:
    issues = root / "issues"
    if not issues.is_dir() or issues.is_symlink():
        return []
    return sorted(name for name in snapshot(issues) if Path(name).name.startswith(".tmp-"))


def invoke(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """One run in the project folder, as an operator types it (paths in messages are relative); ``env`` holds
    the only secrets it sees."""
    here = Path.cwd()
    os.chdir(root)
    try:
        return runner.invoke(app, list(args), env=cli_env(env))
    finally:
        os.chdir(here)


def run_case(
    where: Place, args: tuple[str, ...], code: int, stderr: list[str], env: dict[str, str] | None = None, archived: bool = True
) -> Result:
    """Run ``args`` and hold it to the rules every hostile case keeps: this exit code, exactly these lines on
    stderr, no traceback; nothing outside the project changed; a failed run left the archive as it was (unless
    ``archived`` is False: a send writes its ledger whatever the outcome)."""
    outside, archive = snapshot(where.tmp, skip=where.root), archive_state(where.root)
    result = invoke(where.root, *args, env=env)
    assert (result.exit_code, result.stderr.splitlines()) == (code, stderr), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert snapshot(where.tmp, skip=where.root) == outside
    if code not in (0, 3) and archived:
        assert archive_state(where.root) == archive
    assert temporaries(where.root) == []
    return result


Setup = Callable[[Place], object]


@dataclass(frozen=True)
class Case:
    """One hostile input: what to do to the project, the command, its exit code and its exact stderr lines."""

    setup: Setup
    args: tuple[str, ...]
    code: int
    stderr: tuple[str, ...]
    composed: bool = False  # start from a project whose issue of week 48 is composed


def write(where: Place, name: str, text: str | bytes) -> None:
    path = where.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def edit(where: Place, name: str, old: str, new: str) -> None:
    path = where.root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def settings(where: Place, extra: str = "", old: str = "", new: str = "") -> None:
    """Add ``extra`` to the settings, or replace ``old`` in them with ``new``."""
    if old:
        edit(where, "nieuwsbrief.toml", old, new)
    if extra:
        path = where.root / "nieuwsbrief.toml"
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


# ---------------------------------------------------------------- bounded runs: no hang, no memory bomb

SECONDS = 10  # of CPU time, that no hostile case may spend (the run, and each worker process it starts)
WALL_SECONDS = 60  # a run still going after this waits on something: a hang (generous, as the machine is shared)
MEMORY = 1 << 30  # bytes of address space a run may take


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS + 1))


def run_bounded(where: Place, args: tuple[str, ...], code: int, stderr: list[str]) -> subprocess.CompletedProcess[str]:
    """``args`` run as the console script in a process of its own, held to SECONDS of CPU time and MEMORY: work past
    them is a failure, as is a MemoryError (exit 70), and a hang a TimeoutExpired; otherwise held to what run_case
    holds a run to. CPU time, not the clock's: on a machine shared by other runs, the clock measures them too."""
    outside, archive = snapshot(where.tmp, skip=where.root), archive_state(where.root)
    environment = {name: value for name, value in os.environ.items() if name not in SECRETS}
    result = subprocess.run(
        [sys.executable, "-m", "nieuwsbrief", *args],
        cwd=where.root,
        capture_output=True,
        text=True,
        timeout=WALL_SECONDS,
        preexec_fn=_bounded,
        env=environment,
    )
    if result.returncode == -signal.SIGXCPU:
        pytest.fail(f"nieuwsbrief {' '.join(args)} spent more than {SECONDS} s of CPU time")
    assert (result.returncode, result.stderr.splitlines()) == (code, stderr), result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(where.tmp, skip=where.root) == outside
    if code not in (0, 3):
        assert archive_state(where.root) == archive
    assert temporaries(where.root) == []
    return result


def site_place(tmp_path: Path, preset: str, files: dict[str, str | bytes], content: str = "") -> Place:
    """A project reading a site of ``preset`` in its folder blog/, which holds ``files``; [content] gets ``content``."""
    where = place(tmp_path)
    shutil.rmtree(where.root / "content")
    settings(where, f'\n[content]\npreset = "{preset}"\nroot = "blog"\n{content}')
    for name, text in files.items():
        write(where, f"blog/{name}", text)
    return where
