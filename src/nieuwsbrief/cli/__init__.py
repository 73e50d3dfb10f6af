"""The command line: a thin layer that parses options, calls one library function and prints.

`app.py` holds the typer app, the shared options and the one error funnel; the commands are grouped by
who uses them: `authoring.py` (init, new), `issue.py` (check, pick, compose, issues, lint, preview) and
`delivery.py` (export, send, resolve). `crash.py` is the last resort: exit 70 and a log file for a bug.
"""

from __future__ import annotations

import sys

from ..signals import Interrupted, catch_signals, exit_code, stopped_message
from . import authoring, delivery, issue  # noqa: F401  (each module registers its commands on the app)
from .app import app, report_crash


def main() -> None:
    """Run the command line: exit 130 or 143 when stopped by a signal, exit 70 (and a log) on a bug."""
    catch_signals()
    try:
        app(prog_name="nieuwsbrief")
    except (Interrupted, KeyboardInterrupt) as stop:
        print(stopped_message(stop), file=sys.stderr)
        sys.exit(exit_code(stop))
    except Exception as exc:  # outside the funnel: while typer parsed the command line, or printed a result
        sys.exit(report_crash(exc))
    sys.exit(0)


__all__ = ["app", "main"]
