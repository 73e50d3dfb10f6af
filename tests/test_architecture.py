"""The house plan holds: imports run one way (the import-linter contract in pyproject.toml), modules stay small."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 500  # past this a module does more than one job: split it


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_imports_run_one_way_down_the_layers() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(REPO / "src" / "nieuwsbrief", tmp_path / "nieuwsbrief")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "nieuwsbrief" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom . import pipeline  # noqa: E402\n", encoding="utf-8")
    result = lint_imports(tmp_path, pythonpath=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "nieuwsbrief.model is not allowed to import nieuwsbrief.pipeline" in result.stdout


def test_no_module_does_more_than_fits_on_a_few_screens() -> None:
    sizes = {
        path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((REPO / "src").rglob("*.py"))
    }
    assert {name: lines for name, lines in sizes.items() if lines > MAX_LINES} == {}
