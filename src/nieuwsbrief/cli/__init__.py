"""The command line: a thin layer that parses options, calls one library function and prints.

`app.py` holds the typer app, the shared options and the one error funnel; the commands are grouped by
who uses them: `authoring.py` (init, new), `issue.py` (check, pick, compose, issues, lint, preview) and
`delivery.py` (export, send, resolve).
"""

from __future__ import annotations

import sys

from . import authoring, delivery, issue  # noqa: F401  (each module registers its commands on the app)
from .app import app


def main() -> None:
    app(prog_name="nieuwsbrief")
    sys.exit(0)


__all__ = ["app", "main"]
