"""A progress bar on stderr for a scan that takes more than a moment; rich loads only then."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class ScanProgress:
    """Called as (done, total) by a long scan; draws a bar once the scan has taken half a second."""

    DELAY_S = 0.5

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if done >= total or time.monotonic() - self.started < self.DELAY_S:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("reading content"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self.bar = Progress(*columns, console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("scan", total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _progress(quiet: bool) -> ScanProgress | None:
    """Progress only for a person watching: never with --quiet, nor when stderr is a file or a pipe."""
    return None if quiet or not sys.stderr.isatty() else ScanProgress()


def with_progress(quiet: bool, action: Callable[[ScanProgress | None], T]) -> T:
    progress = _progress(quiet)
    try:
        return action(progress)
    finally:
        if progress is not None:
            progress.close()
