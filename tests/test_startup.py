"""Start-up: `--help`, `check` and `pick` load neither the renderers nor the delivery code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# What only rendering, linting and sending need: premailer alone costs 0.1 s to import. (locales/ holds plain
# tables that settings validation reads.)
HEAVY = (
    "premailer",
    "cssutils",
    "lxml",
    "nieuwsbrief.render",
    "nieuwsbrief.inline",
    "nieuwsbrief.lint",
    "babel",
    "httpx",
    "smtplib",
    "nieuwsbrief.delivery.send",
    "nieuwsbrief.delivery.export",
    "nieuwsbrief.delivery.message",
    "nieuwsbrief.delivery.http",
    "nieuwsbrief.delivery.smtp",
    "pydantic",
    "watchfiles",  # the live proof's file watcher
)
# check validates the templates, so it needs jinja2; pick and --help do not.
TEMPLATES = ("jinja2", "nieuwsbrief.templating")

PROGRAM = """
import json, sys
from nieuwsbrief.__main__ import main
sys.argv = ["nieuwsbrief", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code or 0
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def loaded_by(*arguments: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROGRAM, *arguments], capture_output=True, text=True, check=True)
    code, modules = json.loads(result.stderr.strip().splitlines()[-1])
    assert code == 0, result.stderr  # a command that failed early would load less and prove nothing
    return set(modules)


@pytest.mark.parametrize(
    ("arguments", "not_loaded"),
    [
        (("--help",), HEAVY + TEMPLATES + ("yaml", "markdown_it", "nieuwsbrief.pipeline")),
        (("check", "--quiet"), HEAVY),
        (("pick", "--date", "2026-11-23"), HEAVY + TEMPLATES),
    ],
    ids=["help", "check", "pick"],
)
def test_start_up_loads_only_what_the_command_needs(
    arguments: tuple[str, ...], not_loaded: tuple[str, ...], sample: Path
) -> None:
    modules = loaded_by("--project", str(sample), *arguments)
    assert "nieuwsbrief.cli" in modules
    assert sorted(set(not_loaded) & modules) == []


def test_compose_does_load_the_renderers(sample: Path) -> None:
    modules = loaded_by("--project", str(sample), "compose", "--date", "2026-11-23", "--quiet")
    assert {"premailer", "nieuwsbrief.render", "lxml", "jinja2"} <= modules
    # premailer's requests (a tenth of a second) is only for remote style sheets, which it never fetches here.
    assert sorted({"requests", "urllib3", "charset_normalizer"} & modules) == []
