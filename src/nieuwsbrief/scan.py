"""Walking the content folder cheaply, and spreading a cold parse over the machine's cores.

A warm run costs one stat() per file, so the walk uses os.scandir (the file type comes free with the
directory listing) and resolves only the entries that are symbolic links. The parse of many changed
files runs in forked worker processes, in chunks, and the results come back in input order, so the
outcome never depends on which worker finished first.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

Progress = Callable[[int, int], None]  # (done, total): called by long scans, from this process only

CHUNK = 250  # files per task: big enough to make the round trip cheap, small enough to balance two cores


class Listing:
    """Markdown files in path order, as parallel lists (cheap to build and to compare with the cache).

    A file whose stat() failed has stamp (0, 0); links the loader refuses are kept apart in ``refused``.
    """

    def __init__(self) -> None:
        self.shown: list[str] = []  # relative to the project, "/" separators: content/articles/2019/x.md
        self.mtime_ns: list[int] = []
        self.size: list[int] = []
        self.tag: list[str] = []  # what the caller said the files in that folder are
        self.refused: list[tuple[str, str]] = []  # (shown, "broken" or "outside")

    def add(self, folder: str, shown: str, root: str, tag: str, with_stamps: bool) -> None:
        """Every *.md under ``folder`` (hidden names skipped, linked folders not followed).

        ``root`` is the resolved content folder: a link that leaves it is refused, as is a broken one.
        Each listing is sorted by name and walked depth first, which is pathlib's order (part by part).
        Without ``with_stamps`` the files are not stat()ed and their stamps are left at (0, 0).
        """
        if os.path.isdir(folder):
            self._walk(folder, shown, _is_inside(os.path.realpath(folder), root), root, tag, with_stamps)

    def _walk(self, directory: str, prefix: str, inside: bool, root: str, tag: str, with_stamps: bool) -> None:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_NAME)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                self._walk(entry.path, f"{prefix}{name}/", inside, root, tag, with_stamps)
                continue
            if not name.endswith(".md"):
                continue
            if entry.is_symlink():
                problem, stat = _follow(entry.path, root)
            else:
                problem, stat = ("" if inside else "outside"), (_stat(entry) if with_stamps else None)
            if problem:
                self.refused.append((prefix + name, problem))
                continue
            self.shown.append(prefix + name)
            self.mtime_ns.append(stat.st_mtime_ns if stat is not None else 0)
            self.size.append(stat.st_size if stat is not None else 0)
            self.tag.append(tag)


_NAME = attrgetter("name")


def _stat(entry: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return entry.stat()
    except OSError:
        return None


def _follow(path: str, root: str) -> tuple[str, os.stat_result | None]:
    try:
        target = os.path.realpath(path, strict=True)
        stat = os.stat(target)
    except (OSError, RuntimeError):
        return "broken", None
    return ("" if _is_inside(target, root) else "outside"), stat


def _is_inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    # fork is cheap (the workers inherit the loaded modules) but unsafe with threads running, e.g. the
    # live preview's server: then the parse stays in this process.
    return sys.platform.startswith("linux") and threading.active_count() == 1


def parallel_map(
    work: Callable[[C, Sequence[T]], R],
    context: C,
    items: Sequence[T],
    *,
    parallel_from: int,
    progress: Progress | None = None,
) -> tuple[list[R], int]:
    """``work(context, chunk)`` for chunks of ``items``, in worker processes when there are ``parallel_from``
    items or more.

    Returns the chunks' results in the order of ``items`` and the number of processes that did the work.
    The context goes to each worker once, not with every chunk; the results cross back as they are, so
    ``work`` should return something cheap to pickle (bytes are: the content scan sends marshal).
    """
    cores = usable_cores()
    size = max(1, min(CHUNK, -(-len(items) // (4 * cores))))  # at least four chunks a core, for balance
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    workers = min(cores, len(chunks))
    results: list[R] = []
    done = 0
    if workers < 2 or len(items) < parallel_from or not _can_fork():
        for chunk in chunks:
            results.append(work(context, chunk))
            done += len(chunk)
            _report(progress, done, len(items))
        return results, 1
    with multiprocessing.get_context("fork").Pool(workers, initializer=_prepare, initargs=(work, context)) as pool:
        for chunk, result in zip(chunks, pool.imap(_run, chunks), strict=True):
            results.append(result)
            done += len(chunk)
            _report(progress, done, len(items))
    return results, workers


_task: tuple[Callable[[Any, Any], Any], Any] | None = None  # in a worker process: its work and context


def _prepare(work: Callable[[Any, Any], Any], context: Any) -> None:
    global _task
    _task = (work, context)


def _run(chunk: Sequence[Any]) -> Any:
    assert _task is not None
    work, context = _task
    return work(context, chunk)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
