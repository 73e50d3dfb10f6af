"""The index: the content folder's metadata, every file validated, through the cache and worker processes.

``scan_content`` walks the folder (walk.py), takes each unchanged file's entry from the metadata cache
(cache.py: by path and stamp, so a warm run re-parses only changed files), parses the others (in worker
processes when there are many: workers.py), saves the cache, builds the Articles and Authors from the
entries (records.py) and runs the checks across files (checks.py) on every scan.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import clock
from ..config import Settings
from ..errors import ContentError, Problem
from ..model import Article, Author, Content
from . import checks, records, yamlblock
from .cache import Store, trusted
from .records import ArticleRecord, AuthorEntry, StoredProblems, article_of
from .sites import is_mapped
from .text import Collector
from .walk import CONTENT_DIR, NAME_PROBLEM, Listing, find_files
from .workers import Progress, parallel_map

PARALLEL_FROM = 1000  # files to parse before worker processes pay for themselves
CACHE_FILE = "content"  # in .nieuwsbrief/cache/: the entries, by file


@dataclass(frozen=True)
class ScanStats:
    """What a scan did: how many files it found, parsed, took from the cache, found gone."""

    files: int = 0
    parsed: int = 0
    cached: int = 0
    removed: int = 0
    processes: int = 1


@dataclass(frozen=True)
class Scan:
    """The content folder as metadata: every article without its body (``complete`` loads bodies)."""

    content: Content
    warnings: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()  # about the run, not the content: the cache, the YAML loader
    stats: ScanStats = field(default_factory=ScanStats)


# What a damaged cache entry raises when it is used; the scan then starts again without the cache.
_DAMAGED = (TypeError, ValueError, IndexError, KeyError, AttributeError)


def scan_content(
    settings: Settings,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> Scan:
    """Every file's metadata, validated, through the cache in .nieuwsbrief/ unless ``use_cache`` is False.

    Raises ContentError listing every problem when any file (or a check across files) has an error.
    """
    if is_mapped(settings):  # a site's folder as it is: its generator's conventions, its globs, its field map
        from .sites.scan import scan_site

        return scan_site(settings, use_cache=use_cache, progress=progress, parallel_from=parallel_from)
    root = settings.project / CONTENT_DIR
    if not root.is_dir():
        missing = Problem(
            CONTENT_DIR, 0, 0, "content folder not found", "create content/columns, content/articles and content/authors"
        )
        raise ContentError("invalid content", [missing])
    with _collector_paused():
        started = clock.wall_ns()
        store = Store(settings.project, CACHE_FILE, records.entry_key(settings)) if use_cache else None
        stored, notices = store.load() if store is not None else (None, [])
        # Without a cache every file is read anyway, and its stamp is taken then: the walk only lists.
        files = find_files(root, with_stamps=stored is not None)
        reader = Reader(settings, _parse_chunk, lambda files, entries: _build(settings.project, files, entries))
        return scan_listing(files, stored, store, notices, started, progress, parallel_from, reader)


@dataclass(frozen=True)
class Reader:
    """How a listing's files become entries (``parse``, in worker processes, given ``context``) and entries Content."""

    context: Any
    parse: Callable[[Any, Sequence[tuple[str, str]]], bytes]
    build: Callable[[Listing, list[Any]], tuple[Content, list[Problem]]]


def scan_listing(
    files: Listing,
    stored: Any,
    store: Store | None,
    notices: list[Problem],
    started: int,
    progress: Progress | None,
    parallel_from: int,
    reader: Reader,
) -> Scan:
    """The scan of listed files against what the cache ``stored``; a damaged cache is rebuilt, with a notice."""
    try:
        return _scan(files, _table(stored), store, notices, started, progress, parallel_from, reader)
    except _DAMAGED as exc:
        if stored is None or store is None:
            raise
        notices = [store.warning(f"the cache is corrupt ({type(exc).__name__} in an entry); rebuilding it")]
        return _scan(files, _EMPTY, store, notices, started, progress, parallel_from, reader)


_EMPTY: tuple[list[str], list[int], list[int], list[Any]] = ([], [], [], [])


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a scan builds its many objects (none of them form cycles).

    Collections triggered by every few hundred new containers would walk the growing heap again and
    again: on 100,000 files that more than doubles the time of a warm run. Afterwards the objects are
    frozen (gc.freeze), so that later collections skip them too; they are still freed as usual when
    nothing refers to them any more.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _table(stored: Any) -> tuple[list[str], list[int], list[int], list[Any]]:
    """The cache's file table: paths, mtimes, sizes and entries, four lists of one length."""
    if stored is None:
        return _EMPTY
    paths, mtimes, sizes, entries = stored
    if not (isinstance(paths, list) and isinstance(mtimes, list) and isinstance(sizes, list) and isinstance(entries, list)):
        raise TypeError("the file table is not four lists")
    if not len(paths) == len(mtimes) == len(sizes) == len(entries):
        raise ValueError("the file table's columns differ in length")
    return paths, mtimes, sizes, entries


def _scan(
    files: Listing,
    stored: tuple[list[str], list[int], list[int], list[Any]],
    store: Store | None,
    notices: list[Problem],
    started: int,
    progress: Progress | None,
    parallel_from: int,
    reader: Reader,
) -> Scan:
    entries, todo, removed = _reuse(files, stored)
    if todo:
        work = [(files.tag[i], files.shown[i]) for i in todo]
        chunks, processes = parallel_map(reader.parse, reader.context, work, parallel_from=parallel_from, progress=progress)
        parsed = [result for chunk in chunks for result in marshal.loads(chunk)]
        for index, (entry, mtime_ns, size) in zip(todo, parsed, strict=True):
            entries[index] = entry
            files.mtime_ns[index], files.size[index] = mtime_ns, size  # the stamp of what was read
        notices = [*notices, *yamlblock.loader_notices()]
    else:
        processes = 1
    if store is not None and (todo or removed):
        notices = notices + store.save(_file_table(files, entries, started))
    stats = ScanStats(len(files.shown) + len(files.refused), len(todo), len(files.shown) - len(todo), removed, processes)
    content, problems = reader.build(files, entries)
    if any(p.severity == "error" for p in problems):
        raise ContentError("invalid content", problems, notices)
    return Scan(content, tuple(problems), tuple(notices), stats)


def _reuse(files: Listing, stored: tuple[list[str], list[int], list[int], list[Any]]) -> tuple[list[Any], list[int], int]:
    """The cached entries still valid, the positions of the files to parse, and how many files went away."""
    paths, mtimes, sizes, cached = stored
    if files.shown == paths and files.mtime_ns == mtimes and files.size == sizes:
        return list(cached), [], 0  # nothing changed, the usual case: three comparisons of lists
    where = {path: index for index, path in enumerate(paths)}
    entries: list[Any] = []
    todo: list[int] = []
    for position, (shown, mtime_ns, size) in enumerate(zip(files.shown, files.mtime_ns, files.size, strict=True)):
        index = where.get(shown)
        if index is not None and mtimes[index] == mtime_ns and sizes[index] == size:
            entries.append(cached[index])
        else:
            entries.append(None)
            todo.append(position)
    return entries, todo, len(where.keys() - set(files.shown))


def _file_table(files: Listing, entries: list[Any], started: int) -> tuple[Any, ...]:
    kept = [i for i, mtime_ns in enumerate(files.mtime_ns) if trusted(mtime_ns, started)]
    return (
        [files.shown[i] for i in kept],
        [files.mtime_ns[i] for i in kept],
        [files.size[i] for i in kept],
        [entries[i] for i in kept],
    )


def _parse_chunk(settings: Settings, chunk: Sequence[tuple[str, str]]) -> bytes:
    """(entry, mtime_ns, size) for each (kind, shown) of a chunk, in marshal: in a worker process for a
    big cold scan, and marshal is what the main process unpacks fastest."""
    base = str(settings.project)
    return marshal.dumps([records.entry(settings, kind, shown, os.path.join(base, shown)) for kind, shown in chunk])


_AUTHOR = ArticleRecord._fields.index("author")


def _build(project: Path, files: Listing, entries: list[Any]) -> tuple[Content, list[Problem]]:
    """Content from the entries, with every file's problems in order, then the checks across files."""
    out = Collector()
    for shown, problem in files.refused:
        _link_problem(shown, problem, out)
    authors: dict[str, Author] = {}
    articles: list[Article] = []
    unknown_author: list[str] = []
    for kind, shown, stored, modified in zip(files.tag, files.shown, entries, files.mtime_ns, strict=True):
        if kind == "author":
            author_entry = AuthorEntry.of(stored)
            _add_problems(shown, author_entry.problems, out)
            if author_entry.record is not None:
                authors[author_entry.record.id] = author_entry.record.to_author(shown)
            continue
        problems, record, invalid_names = stored  # an ArticleEntry as the cache keeps it: naming it costs too much here
        _add_problems(shown, problems, out)
        named = record[_AUTHOR] if record is not None else invalid_names
        author = checks.author_id(named, authors)
        if named is not None and author is None:
            unknown_author.append(shown)
        elif record is not None:
            articles.append(article_of(record, kind, shown, author, modified=modified))
    for shown in unknown_author:
        checks.unknown_author(project, shown, authors, out)
    slugs = checks.duplicate_slugs(project, articles, out)
    checks.unknown_related(project, articles, slugs, out)
    return Content(tuple(articles), authors), out.problems


def _add_problems(shown: str, problems: StoredProblems, out: Collector) -> None:
    if problems:
        out.problems.extend(Problem(shown, *problem) for problem in problems)


def _link_problem(shown: str, problem: str, out: Collector, folder: str = "the content folder", into: str = "content/") -> None:
    if problem == "broken":
        out.add(shown, 1, 1, "broken link: the file it points to does not exist", "remove the link or restore its target")
    elif problem == "name":
        # Shown escaped (errors.printable): a line break in a name could otherwise print a forged problem.
        out.add(shown, 0, 0, NAME_PROBLEM, "rename it: letters, digits, spaces, hyphens and dots in UTF-8")
    else:
        out.add(shown, 1, 1, f"link points outside {folder}", f"copy the file into {into} instead of linking to it")


def held_entries(settings: Settings) -> tuple[Listing, list[Any], list[Problem]]:
    """Every file as a scan lists it and its entry: from the cache where it is current, parsed otherwise.

    The live proof holds these in memory and after that reads a file again only when it changes (content/live.py).
    """
    with _collector_paused():
        store = Store(settings.project, CACHE_FILE, records.entry_key(settings))
        stored, notices = store.load()
        files = find_files(settings.project / CONTENT_DIR, with_stamps=True)
        try:
            entries, todo, _ = _reuse(files, _table(stored))
        except _DAMAGED:
            entries, todo = [None] * len(files.shown), list(range(len(files.shown)))
        base = str(settings.project)
        for index in todo:
            shown = files.shown[index]
            entries[index], files.mtime_ns[index], files.size[index] = records.entry(
                settings, files.tag[index], shown, os.path.join(base, shown)
            )
        return files, entries, notices


def build_content(project: Path, files: Listing, entries: list[Any]) -> tuple[Content, list[Problem]]:
    """Content from held entries, with every problem: each file's, then the checks across files."""
    with _collector_paused():  # as in a scan: a live proof builds it again and again
        return _build(project, files, entries)
