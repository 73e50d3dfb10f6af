"""Ctrl-C (SIGINT) and SIGTERM as an exception that unwinds the run, so that it ends with one line and 128 + the signal.

Python's own KeyboardInterrupt would do for SIGINT, but typer turns it into "Aborted!" and exit 1 (the code of a
content error), and SIGTERM, which systemd sends to stop a job, would kill the run without unwinding it. As an
exception, either one releases the archive's lock and removes the run's temporary files on its way out; what
is killed outright (SIGKILL) leaves temporary files that the next run removes. ``Interrupted`` is no Exception,
so no ``except Exception`` in the library swallows it.
"""

from __future__ import annotations

import signal
from types import FrameType


class Interrupted(BaseException):
    """The run was stopped by a signal; ``exit_code`` is 128 + its number (130 for SIGINT, 143 for SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.name = signal.Signals(signum).name
        self.exit_code = 128 + signum


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def catch_signals() -> None:
    """From now on SIGINT and SIGTERM raise Interrupted (only the main thread can install handlers)."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)


def stopped_message(stop: Interrupted | KeyboardInterrupt) -> str:
    name = stop.name if isinstance(stop, Interrupted) else "SIGINT"
    return f"nieuwsbrief: stopped by {name}; no file was left half-written"


def exit_code(stop: Interrupted | KeyboardInterrupt) -> int:
    return stop.exit_code if isinstance(stop, Interrupted) else 128 + signal.SIGINT
