"""Worker processes: spreading a cold parse over the machine's cores.

The parse of many changed files runs in forked worker processes, in chunks, and the results come back
in input order, so the outcome never depends on which worker finished first.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

Progress = Callable[[int, int], None]  # (done, total): called by long scans, from this process only

CHUNK = 250  # files per task: big enough to make the round trip cheap, small enough to balance two cores


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
    with _start_pool(workers, work, context) as pool:
        for chunk, result in zip(chunks, pool.imap(_run, chunks), strict=True):
            results.append(result)
            done += len(chunk)
            _report(progress, done, len(items))
    return results, workers


_task: tuple[Callable[[Any, Any], Any], Any] | None = None  # in a worker process: its work and context
_HELD = {signal.SIGINT, signal.SIGTERM}


def _start_pool(workers: int, work: Callable[[Any, Any], Any], context: Any) -> Any:
    """The worker processes, forked with Ctrl-C and SIGTERM held back: a signal that came between a fork and the
    worker's own handlers would otherwise run the parent's handler there, with a traceback. The parent receives
    a signal that came meanwhile as soon as the workers are started."""
    import multiprocessing  # only a parse of many files needs it: 5 ms of every run's start otherwise

    signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=_prepare, initargs=(work, context))
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def _prepare(work: Callable[[Any, Any], Any], context: Any) -> None:
    global _task
    _task = (work, context)
    # Ctrl-C reaches every process of the terminal's group: the parent alone answers it (signals.py), and
    # stops the workers with SIGTERM, which ends them at once and quietly, without a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held back since the fork (_start_pool)


def _run(chunk: Sequence[Any]) -> Any:
    assert _task is not None
    work, context = _task
    return work(context, chunk)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
