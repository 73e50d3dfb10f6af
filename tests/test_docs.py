"""The guides in docs/ work as written: every ```sh block runs, in order, in a copy of the sample project.

A guide's blocks run as one shell session (so `cd` carries over, as in a terminal), with `set -e`
and `pipefail`: any failing command fails the test, which names the block. A block whose info
string says `notest` (an install from a registry, a remote host) is shown to readers but not run.
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


def shell_blocks(path: Path) -> list[tuple[int, str, bool]]:
    """(line, commands, runs) for every ```sh block of a guide."""
    text = path.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, found.start()) + 1, found.group(2), "notest" not in found.group(1).split())
        for found in FENCE.finditer(text)
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
        assert sum(not runs for _, _, runs in blocks) <= 2, guide


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_commands_run_as_written(guide: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "nieuwsbrief.toml", site / "nieuwsbrief.toml")
    shutil.copytree(REPO / "content", site / "content")
    command_on_path(tmp_path / "bin")
    (tmp_path / "home").mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("VISUAL", "EDITOR", "NIEUWSBRIEF_PROJECT")}
    env.update(PATH=f"{tmp_path / 'bin'}{os.pathsep}{env.get('PATH', '')}", HOME=str(tmp_path / "home"), EDITOR="true")
    blocks = shell_blocks(DOCS / guide)
    session = subprocess.run(
        ["bash", "-c", session_script(blocks)], cwd=site, env=env, capture_output=True, text=True, timeout=300
    )
    started = re.findall(rf"{MARKER}(\d+)", session.stderr)
    where = f"docs/{guide}, the block at line {started[-1]}" if started else f"docs/{guide}"
    assert session.returncode == 0, f"{where} failed (exit {session.returncode}):\n{session.stderr}\n{session.stdout}"
    assert len(started) == sum(runs for _, _, runs in blocks)


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
