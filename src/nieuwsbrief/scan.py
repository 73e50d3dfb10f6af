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
from typing import NamedTuple, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int, int], None]  # (done, total): called by long scans, from this process only

CHUNK = 250  # files per task: big enough to make the round trip cheap, small enough to balance two cores


class Found(NamedTuple):
    """One *.md file: where it is shown, where to read it, and its stamp (0, 0 when stat failed)."""

    shown: str  # relative to the project, with "/" separators: content/articles/2019/x.md
    path: str
    mtime_ns: int
    size: int
    problem: str = ""  # "broken" or "outside": a link the loader refuses


def markdown_files(folder: str, shown: str, root: str) -> list[Found]:
    """Every *.md under ``folder`` (hidden names skipped, linked folders not followed), in path order.

    ``root`` is the resolved content folder: a link that leaves it is refused, as is a broken one.
    Each listing is sorted by name and walked depth first, which is pathlib's order (part by part).
    """
    if not os.path.isdir(folder):
        return []
    found: list[Found] = []
    _walk(folder, shown, _is_inside(os.path.realpath(folder), root), root, found)
    return found


def _walk(directory: str, prefix: str, inside: bool, root: str, found: list[Found]) -> None:
    with os.scandir(directory) as listing:
        entries = sorted(listing, key=_name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, f"{prefix}{entry.name}/", inside, root, found)
        elif entry.name.endswith(".md"):
            found.append(_found(entry, prefix + entry.name, inside, root))


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _found(entry: os.DirEntry[str], shown: str, inside: bool, root: str) -> Found:
    problem = "" if inside else "outside"
    if entry.is_symlink():
        try:
            target = os.path.realpath(entry.path, strict=True)
        except (OSError, RuntimeError):
            return Found(shown, entry.path, 0, 0, "broken")
        problem = "" if _is_inside(target, root) else "outside"
    try:
        stat = entry.stat()
    except OSError:
        return Found(shown, entry.path, 0, 0, problem)
    return Found(shown, entry.path, stat.st_mtime_ns, stat.st_size, problem)


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
    work: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    parallel_from: int,
    progress: Progress | None = None,
) -> tuple[list[R], int]:
    """``work`` over ``items`` in chunks, in worker processes when there are ``parallel_from`` items or more.

    Returns the results in the order of ``items`` and the number of processes that did the work.
    """
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    workers = min(usable_cores(), len(chunks))
    results: list[R] = []
    if workers < 2 or len(items) < parallel_from or not _can_fork():
        for chunk in chunks:
            results.extend(work(chunk))
            _report(progress, len(results), len(items))
        return results, 1
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for done in pool.imap(work, chunks):
            results.extend(done)
            _report(progress, len(results), len(items))
    return results, workers


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
