"""The command line: a thin layer that parses options, calls one library function and prints.

`app.py` holds the typer app, the shared options and the one error funnel; the commands are grouped by
who uses them: `authoring.py` (init, new, publish, templates eject), `issue.py` (check, pick, compose, issues, lint,
preview) and `delivery.py` (export, send, resolve). `crash.py` is the last resort: exit 70 and a log file for a bug.
The console script is `nieuwsbrief.__main__:main`, which catches signals before this package loads.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import typer

from . import authoring, delivery, issue  # noqa: F401  (each module registers its commands on the app)
from .app import app, report_crash

_HELP = ("--help", "-h")


def app_for(arguments: Sequence[str]) -> typer.Typer:
    """The app with only the commands ``arguments`` name: typer builds the parser of every registered command on each
    run (a twentieth of a warm compose), and a command the arguments do not name cannot run. The whole app when they
    name none, or ask for help before naming one: that help lists every command."""
    names = [info.name for info in app.registered_commands] + [info.name for info in app.registered_groups]
    first = next((index for index, argument in enumerate(arguments) if argument in names), None)
    if first is None or any(argument in _HELP for argument in arguments[:first]):
        return app
    lean = copy.copy(app)
    lean.registered_commands = [info for info in app.registered_commands if info.name in arguments]
    lean.registered_groups = [info for info in app.registered_groups if info.name in arguments]
    return lean


__all__ = ["app", "app_for", "report_crash"]
