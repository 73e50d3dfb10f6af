"""Every documented install line works on a clean machine: each one runs, as written, in a copy of the local
checkout with a clean virtual environment (nieuwsbrief is not on PyPI: the docs install from the repository).

The lines are the ```sh install blocks of README.md and docs/*.md, and the install step of the CI recipe. The one
substitution, as the docs say: /srv/site (the project's folder on a server) becomes a folder of the test's own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from nieuwsbrief import __version__

from .conftest import REPO
from .external_tools import require_program

FENCE = re.compile(r"^```sh install\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SERVER_PROJECT = "/srv/site"


def documented() -> list[tuple[str, str]]:
    """(where, commands) for every install line the docs and the CI recipe give."""
    found = []
    for doc in (REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))):
        text = doc.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            found.append((f"{doc.name}:{text.count(chr(10), 0, match.start()) + 1}", match.group(1).strip()))
    workflow = yaml.safe_load((REPO / "contrib" / "ci" / "weekly-issue.yml").read_text(encoding="utf-8"))
    step = next(step for step in workflow["jobs"]["compose"]["steps"] if step.get("name") == "install")
    found.append(("contrib/ci/weekly-issue.yml", step["run"].replace("python ", "python3 ")))
    first: dict[str, str] = {}  # a line two docs give alike runs once, where it is given first
    for where, commands in found:
        first.setdefault(commands, where)
    return [(where, commands) for commands, where in first.items()]


def test_the_docs_install_from_the_repository_never_from_a_registry() -> None:
    lines = documented()
    assert len(lines) >= 5
    every_doc = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "README.md", *(REPO / "docs").glob("*.md")))
    assert "pip install nieuwsbrief" not in every_doc + (REPO / "contrib" / "ci" / "weekly-issue.yml").read_text("utf-8")
    assert any("pipx install" in commands for _, commands in lines)


def checkout_copy(folder: Path) -> Path:
    """The local checkout as a clone would have it: the files git tracks or would (not those it ignores), as they are now."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, tracked.split("\0")):
        if (REPO / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, folder / name)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(("where", "commands"), documented(), ids=[where for where, _ in documented()])
def test_each_documented_install_line_works_in_a_clean_environment(where: str, commands: str, tmp_path: Path) -> None:
    if "pipx" in commands:
        require_program("pipx")  # .ci/setup installs it; CI fails without it
    clone = checkout_copy(tmp_path / "nieuwsbrief")
    ci_source = tmp_path / "site"  # the CI recipe installs from a checkout beside the site: nieuwsbrief-src
    ci_source.mkdir()
    (ci_source / "nieuwsbrief-src").symlink_to(clone)
    server = tmp_path / "srv-site"
    home = tmp_path / "home"
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHON", "PIP_REQUIRE", "PIPX"))
    }
    env.update(HOME=str(home), PIPX_HOME=str(home / "pipx"), PIPX_BIN_DIR=str(home / "bin"), NIEUWSBRIEF_TODAY="2026-11-25")
    script = "set -euo pipefail\n" + commands.replace(SERVER_PROJECT, str(server))
    cwd = ci_source if where.startswith("contrib") else clone
    ran = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert ran.returncode == 0, f"{where}:\n{commands}\n{ran.stdout[-3000:]}\n{ran.stderr[-3000:]}"
    installed = [
        path for path in (server / ".venv" / "bin", cwd / ".venv" / "bin", home / "bin") if (path / "nieuwsbrief").exists()
    ]
    assert len(installed) == 1, where
    version = subprocess.run([installed[0] / "nieuwsbrief", "--version"], env=env, capture_output=True, text=True)
    assert (version.returncode, version.stdout) == (0, f"nieuwsbrief {__version__}\n")
    # The templates travel with the package: a project composes with the installed copy alone.
    project = tmp_path / "project"
    created = subprocess.run([installed[0] / "nieuwsbrief", "init", str(project)], env=env, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    composed = subprocess.run([installed[0] / "nieuwsbrief", "compose"], cwd=project, env=env, capture_output=True, text=True)
    assert composed.returncode == 0, composed.stderr
