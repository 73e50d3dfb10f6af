"""Where the independent checkers live, and what a test does when one is missing.

`bash .ci/setup` installs all of them: Debian's chromium, spamassassin, pipx and systemd-analyze (and a JRE if `java`
is missing), then `npm ci --ignore-scripts` puts axe-core and vnu-jar in ./node_modules from package-lock.json.
A developer without them gets a skip that says so; in CI (CI=true) a missing tool fails the test instead,
so a green CI run always means the checkers really ran.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(found: bool, what: str) -> None:
    """Skip the test when ``what`` is not installed here, but fail in CI, where .ci/setup must have installed it."""
    if found:
        return
    message = f"{what} is not installed; `bash .ci/setup` installs it"
    if in_ci():
        pytest.fail(f"{message} (CI=true: this check must run, not skip)")
    pytest.skip(message)


def require_file(path: Path, what: str) -> Path:
    require(path.is_file(), f"{what} ({path})")
    return path


def require_program(name: str) -> str:
    found = shutil.which(name)
    require(found is not None, f"`{name}`")
    assert found is not None
    return found
