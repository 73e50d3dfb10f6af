"""The guides in docs/ and README's quick tour work as written: every ```sh block runs, in order, in a fresh folder
(a guide: a copy of the sample project; the tour: an empty one), with neither EDITOR nor VISUAL set.

A guide's blocks run as one shell session (so `cd` carries over, as in a terminal), with `set -e`
and `pipefail`: any failing command fails the test, which names the block. A block whose info
string says `notest` (a remote host, a system folder) is shown to readers but not run; one that says
`install` is run by tests/test_install.py, in a clean virtual environment, instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

DOCS = REPO / "docs"
GUIDES = ("editor.md", "marketing.md", "operator.md", "sites.md")
# Reference pages, generated or kept by hand, that hold no runnable guide.
REFERENCES = ("architecture.md", "checklist.md", "cli.md", "look.md", "settings.md", "templates.md")
# The one command that writes docs/cli.md from the app itself (the test below runs it too).
CLI_REFERENCE = (
    "-m",
    "typer",
    "nieuwsbrief.cli",
    "utils",
    "docs",
    "--name",
    "nieuwsbrief",
    "--title",
    "nieuwsbrief command-line reference",
)
FENCE = re.compile(r"^```sh([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
MARKER = "::nieuwsbrief-docs-block::"


def shell_blocks(path: Path, section: str = "") -> list[tuple[int, str, bool]]:
    """(line, commands, runs) for every ```sh block of a guide (of its ``section`` only, when given)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n## {section}\n") if section else 0
    end = text.find("\n## ", start + 1) if section else -1
    return [
        (text.count("\n", 0, found.start()) + 1, found.group(2), not {"notest", "install"} & set(found.group(1).split()))
        for found in FENCE.finditer(text)
        if start <= found.start() and (end < 0 or found.start() < end)
    ]


def session_script(blocks: list[tuple[int, str, bool]]) -> str:
    lines = ["set -euo pipefail"]
    for line, commands, runs in blocks:
        if runs:
            lines += [f"echo '{MARKER}{line}' >&2", commands]
    return "\n".join(lines) + "\n"


def command_on_path(folder: Path) -> None:
    """`nieuwsbrief` as the docs type it, running the code under test with this interpreter."""
    folder.mkdir()
    shim = folder / "nieuwsbrief"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m nieuwsbrief "$@"\n', encoding="utf-8")
    shim.chmod(0o755)


def test_every_user_has_a_guide_with_commands_that_run() -> None:
    assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(GUIDES + REFERENCES)
    for guide in GUIDES:
        blocks = shell_blocks(DOCS / guide)
        assert sum(runs for _, _, runs in blocks) >= 5, guide
        notest = (DOCS / guide).read_text(encoding="utf-8").count("```sh notest")
        assert notest <= 2, guide


def run_session(path: Path, blocks: list[tuple[int, str, bool]], cwd: Path, tmp_path: Path) -> None:
    """Run the blocks as one shell session in ``cwd``, as a newcomer would: no $EDITOR, no $VISUAL, a fresh $HOME."""
    command_on_path(tmp_path / "bin")
    (tmp_path / "home").mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("VISUAL", "EDITOR", "NIEUWSBRIEF_PROJECT")}
    # No browser window from a test: `preview` without --no-open hands the sheet to $BROWSER.
    env.update(PATH=f"{tmp_path / 'bin'}{os.pathsep}{env.get('PATH', '')}", HOME=str(tmp_path / "home"), BROWSER="true")
    session = subprocess.run(
        ["bash", "-c", session_script(blocks)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    started = re.findall(rf"{MARKER}(\d+)", session.stderr)
    where = f"{path.relative_to(REPO)}, the block at line {started[-1]}" if started else str(path.relative_to(REPO))
    assert session.returncode == 0, f"{where} failed (exit {session.returncode}):\n{session.stderr}\n{session.stdout}"
    assert len(started) == sum(runs for _, _, runs in blocks)


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_commands_run_as_written(guide: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "nieuwsbrief.toml", site / "nieuwsbrief.toml")
    shutil.copytree(REPO / "content", site / "content")
    run_session(DOCS / guide, shell_blocks(DOCS / guide), site, tmp_path)


def test_the_readme_quick_tour_runs_as_written_in_an_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    blocks = shell_blocks(REPO / "README.md", "A quick tour")
    assert [runs for _, _, runs in blocks] == [True]
    run_session(REPO / "README.md", blocks, empty, tmp_path)
    assert (empty / "mijn-nieuwsbrief" / "content" / "columns" / "creeer-een-band-met-je-klant.md").is_file()
    assert list((empty / "mijn-nieuwsbrief" / "issues").glob("*/manifest.json"))


def test_the_cli_reference_is_what_the_app_generates(tmp_path: Path) -> None:
    generated = tmp_path / "cli.md"
    subprocess.run([sys.executable, *CLI_REFERENCE, "--output", str(generated)], check=True, capture_output=True)
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), (
        "docs/cli.md is out of date: regenerate it with python "
        + " ".join(f"'{a}'" if " " in a else a for a in CLI_REFERENCE)
        + " --output docs/cli.md"
    )


def test_the_pictures_the_docs_show_are_there_and_small() -> None:
    shown = {name for page in DOCS.glob("*.md") for name in re.findall(r"\]\((look/[^)]+\.png)\)", page.read_text("utf-8"))}
    assert len(shown) == 10 and all((DOCS / name).is_file() for name in shown)
    assert sum((DOCS / name).stat().st_size for name in shown) < 600_000  # bytes: a few hundred KB in the repository
