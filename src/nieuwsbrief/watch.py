"""Watching the project for the live proof: the only user of watchfiles (the operating system's file events).

Two watches run in a background thread each: the project folder itself, not recursively (nieuwsbrief.toml, and
content/, templates/ or issues/ appearing or going), and those folders recursively, watched again whenever one of
them appears or goes. Each batch of changes reaches ``on_change`` as paths relative to the project.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import watchfiles

WATCHED = ("content", "templates", "issues")
# How long a batch of file events may take to settle (ms): an editor's save is a burst of events within a few
# milliseconds, and the proof should follow it at once; a burst that goes on is cut at DEBOUNCE.
STEP, DEBOUNCE = 10, 300


class _Either:
    """A stop event for watchfiles that is set when either of two events is."""

    def __init__(self, first: threading.Event, second: threading.Event) -> None:
        self.first, self.second = first, second

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()


class Watcher:
    def __init__(self, project: Path, on_change: Callable[[set[str]], None], extra: Sequence[Path] = ()) -> None:
        self.project = project.resolve()
        self.extra = [folder.resolve() for folder in extra]  # e.g. a site's folder outside the project
        self.on_change = on_change
        self.stopping = threading.Event()
        self.rearm = threading.Event()  # a watched folder appeared or went
        self.threads = [threading.Thread(target=target, daemon=True) for target in (self._watch_root, self._watch_folders)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.rearm.set()
        for thread in self.threads:
            thread.join(timeout=5)

    def _watch_root(self) -> None:
        for changes in self._watch([self.project], self.stopping, recursive=False):
            if any(name in WATCHED for name in changes):
                self.rearm.set()
            self.on_change(changes)

    def _watch_folders(self) -> None:
        while not self.stopping.is_set():
            self.rearm.clear()
            folders = [self.project / name for name in WATCHED if (self.project / name).is_dir()]
            folders += [folder for folder in self.extra if folder.is_dir() and folder not in folders]
            if not folders:
                self.rearm.wait()
                continue
            for changes in self._watch(folders, _Either(self.stopping, self.rearm), recursive=True):
                self.on_change(changes)

    def _watch(self, paths: list[Path], stop: threading.Event | _Either, recursive: bool) -> Iterable[set[str]]:
        batches = watchfiles.watch(
            *paths,
            watch_filter=None,  # every change: the live proof itself skips hidden and non-Markdown files
            step=STEP,
            debounce=DEBOUNCE,
            stop_event=stop,
            rust_timeout=500,  # how often a stop is noticed
            raise_interrupt=False,
            recursive=recursive,
        )
        for batch in batches:
            found = {self._relative(path) for _, path in batch}
            found.discard("")
            if found:
                yield found

    def _relative(self, path: str) -> str:
        """The path relative to the project; one in a watched folder outside it climbs out with ../."""
        relative = Path(os.path.relpath(path, self.project)).as_posix()
        return "" if relative == "." else relative
