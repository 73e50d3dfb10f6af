"""The command line: a thin layer that parses options, calls one library function and prints.

`app.py` holds the typer app, the shared options and the one error funnel; the commands are grouped by
who uses them: `authoring.py` (init, new, publish, templates eject), `issue.py` (check, pick, compose, issues, lint,
preview) and `delivery.py` (export, send, resolve). `crash.py` is the last resort: exit 70 and a log file for a bug.
The console script is `nieuwsbrief.__main__:main`, which catches signals before this package loads.
"""

from __future__ import annotations

from . import authoring, delivery, issue  # noqa: F401  (each module registers its commands on the app)
from .app import app, report_crash

__all__ = ["app", "report_crash"]
