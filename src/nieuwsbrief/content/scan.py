"""The scan: the content's metadata through its generator, every file validated, through the cache and workers.

``scan_content`` asks the generator for its folder (generators/), walks it (walk.py: only the files and folders the
generator wants, Hugo's section pages apart), takes each unchanged file's entry from the metadata cache (cache.py:
by path and stamp, so a warm run re-parses only changed files), reads the others (read.py; in worker processes
when there are many: workers.py), saves the cache, builds the Articles and Authors from the entries and runs the
checks across files (checks.py) on every scan. One scan, one cache, one set of workers for every generator; the
live proof holds the same entries in memory (live.py).

The signatures of the pieces read (nieuwsbrief/words.py) go into the term index (nieuwsbrief/terms.py), stored beside the entries
and updated with them: both carry the same generation number, so an index that missed an update is never used.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import clock, terms
from ..config import Settings
from ..errors import ContentError, Problem, errors_only
from ..model import Article, Author, Content
from ..words import Signature
from . import checks, read, records, yamlblock
from .cache import RACY_NS, Store, trusted
from .generators import GENERATORS, generator_of
from .generators.resolver import forget_indexes
from .generators.site import Site
from .records import AuthorRecord, article_of
from .text import Collector, read_text
from .walk import NAME_PROBLEM, Folders, Listing, walk
from .workers import Progress, parallel_map

PARALLEL_FROM = 1000  # files to parse before worker processes pay for themselves
CACHE_FILE = "content"  # in .nieuwsbrief/cache/: the entries, by file
TERMS_FILE = "terms"  # in .nieuwsbrief/cache/: the term index, of the same generation as the entries


@dataclass(frozen=True)
class ScanStats:
    """What a scan did: how many files it found, parsed, took from the cache, found gone."""

    files: int = 0
    parsed: int = 0
    cached: int = 0
    removed: int = 0
    processes: int = 1


Terms = Callable[[], "terms.TermIndex | None"]  # the term index of a scan, loaded when it is asked for


@dataclass(frozen=True)
class Scan:
    """The content as metadata: every article without its body (``complete`` loads bodies)."""

    content: Content
    warnings: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()  # about the run, not the content: the cache, the YAML loader
    stats: ScanStats = field(default_factory=ScanStats)
    terms: Terms = lambda: None  # the term index, loaded when asked for


# What a damaged cache entry raises when it is used; the scan then starts again without the cache.
_DAMAGED = (TypeError, ValueError, IndexError, KeyError, AttributeError, OverflowError)
_Table = tuple[list[str], list[int], list[int], list[Any], int]
_EMPTY: _Table = ([], [], [], [], 0)


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
    with _collector_paused():
        started = clock.wall_ns()
        start = configured(settings)
        # The store's key covers the site as configured; the entries also depend on its section pages' cascade, which
        # only the walk finds: the store names the site it was made for, and its entries count for that site only.
        store = Store(settings.project, CACHE_FILE, records.entry_key(settings, repr(start[0]))) if use_cache else None
        stored, notices = store.load() if store is not None else (None, [])
        known: Folders | None = None if store is None else {}
        try:
            table, made_for, known = _table(stored) if stored is not None else (_EMPTY, "", known)
            # Without a cache every file is read anyway, and its stamp is taken then: the walk only lists.
            site, files, found = walked(settings, stored is not None, known, started - RACY_NS, start)
        except _DAMAGED as exc:
            if stored is None or store is None:
                raise
            notices = [store.warning(f"the cache is corrupt ({type(exc).__name__} in an entry); rebuilding it")]
            stored, table, made_for, known = None, _EMPTY, "", {}
            site, files, found = walked(settings, False, known, started - RACY_NS, start)
        if made_for != repr(site):
            table = _EMPTY  # another cascade: every file is read again
        try:
            return _scan(settings, site, files, table, store, notices, started, progress, parallel_from, found, known)
        except _DAMAGED as exc:
            if stored is None or store is None:
                raise
            notices = [store.warning(f"the cache is corrupt ({type(exc).__name__} in an entry); rebuilding it")]
            return _scan(settings, site, files, _EMPTY, store, notices, started, progress, parallel_from, found, known)


def configured(settings: Settings) -> tuple[Site, Collector]:
    """The generator's folder as the settings and the site's own configuration describe it, with the problems of its
    configuration; ContentError when one of them is an error."""
    out = Collector()
    forget_indexes()  # what a body's tags look up is read again, once, for this scan
    site = generator_of(settings).site(settings, out)
    if errors_only(out.problems):
        raise ContentError("invalid site", out.problems)
    return site, out


def walked(
    settings: Settings,
    with_stamps: bool,
    folders: Folders | None = None,
    settled: int = 0,
    start: tuple[Site, Collector] | None = None,
) -> tuple[Site, Listing, list[Problem]]:
    """The generator's folder and what its walk lists (see walk.walk for ``folders`` and ``settled``), with the
    problems of its own files (configuration, section pages); ContentError when one of them is an error."""
    site, configured_by = start if start is not None else configured(settings)
    out = Collector(list(configured_by.problems))  # a copy: a scan may walk twice from one start
    generator = GENERATORS[site.generator]
    files, sections = walk(site.root, site.shown, generator.plan(site), with_stamps, folders, settled)
    if not generator.strict:
        checks.empty_globs(settings, site, out)
    site = generator.with_sections(settings, site, sections, out)
    if errors_only(out.problems):
        raise ContentError("invalid site", out.problems)
    return site, files, out.problems


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


def _table(stored: Any) -> tuple[_Table, str, Folders]:
    """The cache's file table (paths, mtimes, sizes and entries, four lists of one length, and its generation: the term
    index stored with it has the same), the repr of the site its entries were read for, and the folders its walk
    remembered."""
    paths, mtimes, sizes, entries, generation, made_for, folders = stored
    if not (isinstance(paths, list) and isinstance(mtimes, list) and isinstance(sizes, list) and isinstance(entries, list)):
        raise TypeError("the file table is not four lists")
    if not len(paths) == len(mtimes) == len(sizes) == len(entries):
        raise ValueError("the file table's columns differ in length")
    if not isinstance(generation, int):
        raise TypeError("the file table's generation is not a number")
    if not (isinstance(made_for, str) and isinstance(folders, dict)):
        raise TypeError("the site or the folders are not what a cache holds")
    return (paths, mtimes, sizes, entries, generation), made_for, folders


def _scan(
    settings: Settings,
    site: Site,
    files: Listing,
    stored: _Table,
    store: Store | None,
    notices: list[Problem],
    started: int,
    progress: Progress | None,
    parallel_from: int,
    found: list[Problem],
    known: Folders | None,
) -> Scan:
    entries, todo, removed = _reuse(files, stored, _folder_readers(site, files))
    kept = terms_store(settings, site, stored[4]) if store is not None else None
    if kept is not None and not kept.current():
        todo = [i for i, tag in enumerate(files.tag) if tag != "author" or entries[i] is None]  # every signature
    signatures: dict[str, Any] = {}
    if todo:
        work = [(files.tag[i], files.shown[i]) for i in todo]
        chunks, processes = parallel_map(_parse_chunk, (settings, site), work, parallel_from=parallel_from, progress=progress)
        parsed = [result for chunk in chunks for result in marshal.loads(chunk)]
        for index, (entry, mtime_ns, size) in zip(todo, parsed, strict=True):
            entries[index], signatures[files.shown[index]] = read.signature_apart(entry)
            files.mtime_ns[index], files.size[index] = mtime_ns, size  # the stamp of what was read
        notices = [*notices, *yamlblock.loader_notices()]
    else:
        processes = 1
    updated = _terms(files, signatures, removed, kept, site.language)
    if store is not None and (todo or removed or files.folders != known):
        # A new generation only when the entries change: the term index stored for this one stays current otherwise.
        generation = stored[4] + 1 if todo or removed else stored[4]
        unsaved = store.save((*_file_table(files, entries, started, generation), repr(site), files.folders))
        if updated is not None and not unsaved:  # (a cache folder that cannot be written is said once)
            unsaved = terms_store(settings, site, generation).save_parts(*updated.dump())
        notices = notices + unsaved
    stats = ScanStats(len(files.shown) + len(files.refused), len(todo), len(files.shown) - len(todo), len(removed), processes)
    content, problems = build(settings, site, files, entries, found)
    if errors_only(problems):
        raise ContentError("invalid content", problems, notices)
    loaded = (lambda: updated) if updated is not None else terms_loader(kept)
    return Scan(content, tuple(problems), tuple(notices), stats, loaded)


def _terms(
    files: Listing, signatures: dict[str, Any], removed: set[str], kept: Store | None, language: str
) -> terms.TermIndex | None:
    """The term index after this scan's changes; None when nothing changed (the stored one is then current)."""
    if not signatures and not removed:
        return None
    pieces = [shown for shown, tag in zip(files.shown, files.tag, strict=True) if tag != "author"]
    if kept is None or all(shown in signatures for shown in pieces):  # every piece was read: a new index
        return terms.built({shown: Signature(*found) for shown, found in signatures.items() if found}, language)
    index = terms_loader(kept)()
    if index is None:  # damaged since it was checked: every signature is needed
        raise ValueError("the term index cannot be read")
    present = set(pieces)
    gone = {path: None for path in index.all_paths() if path and path not in present}
    index.apply({**gone, **{shown: Signature(*found) if found else None for shown, found in signatures.items()}})
    return index


def terms_store(settings: Settings, site: Site, generation: int) -> Store:
    """The stored term index that goes with the entries of ``generation``."""
    key = records.entry_key(settings, repr(site), "terms", terms.FORMAT, generation)
    return Store(settings.project, TERMS_FILE, key)


def terms_loader(kept: Store | None) -> Terms:
    """A function that loads the stored index once, when asked; None when there is none or it cannot be read."""
    loaded: list[terms.TermIndex | None] = []

    def load() -> terms.TermIndex | None:
        if not loaded:
            stored, _ = kept.load_parts() if kept is not None else (None, [])
            try:
                loaded.append(terms.TermIndex.load(*stored) if stored is not None else None)
            except (TypeError, ValueError):
                loaded.append(None)
        return loaded[0]

    return load


def _folder_readers(site: Site, files: Listing) -> set[str]:
    """The files in a folder listed anew whose reading also reads their folder (a page bundle's index.md, for its
    cover image): a file added or removed beside one changes its page, though not its stamp."""
    if not files.relisted:
        return set()
    reads = GENERATORS[site.generator].reads_its_folder
    found = set()
    for shown in files.shown:
        folder, _, name = shown.rpartition("/")
        if f"{folder}/" in files.relisted and reads(name):
            found.add(shown)
    return found


def _reuse(files: Listing, stored: _Table, stale: set[str]) -> tuple[list[Any], list[int], set[str]]:
    """The cached entries still valid (not those of ``stale`` files), the positions of the files to parse, and the
    files that went away."""
    paths, mtimes, sizes, cached, _ = stored
    if not stale and files.shown == paths and files.mtime_ns == mtimes and files.size == sizes:
        return list(cached), [], set()  # nothing changed, the usual case: three comparisons of lists
    where = {path: index for index, path in enumerate(paths)}
    entries: list[Any] = []
    todo: list[int] = []
    for position, (shown, mtime_ns, size) in enumerate(zip(files.shown, files.mtime_ns, files.size, strict=True)):
        index = where.get(shown)
        if index is not None and mtimes[index] == mtime_ns and sizes[index] == size and shown not in stale:
            entries.append(cached[index])
        else:
            entries.append(None)
            todo.append(position)
    return entries, todo, where.keys() - set(files.shown)


def _file_table(files: Listing, entries: list[Any], started: int, generation: int) -> tuple[Any, ...]:
    kept = [i for i, mtime_ns in enumerate(files.mtime_ns) if trusted(mtime_ns, started)]
    return (
        [files.shown[i] for i in kept],
        [files.mtime_ns[i] for i in kept],
        [files.size[i] for i in kept],
        [entries[i] for i in kept],
        generation,
    )


def _parse_chunk(context: tuple[Settings, Site], chunk: Sequence[tuple[str, str]]) -> bytes:
    """(entry, mtime_ns, size) for each (tag, shown) of a chunk, in marshal: in a worker process for a big cold
    scan, and marshal is what the main process unpacks fastest."""
    settings, site = context
    base = str(settings.project)
    return marshal.dumps([read.entry(settings, site, tag, shown, os.path.join(base, shown)) for tag, shown in chunk])


def build(
    settings: Settings, site: Site, files: Listing, entries: list[Any], found: list[Problem]
) -> tuple[Content, list[Problem]]:
    """Content from the entries: every file's problems in order, the authors, the pieces with their authors, then
    the checks across files."""
    generator = GENERATORS[site.generator]
    out = Collector(list(found))
    for shown, problem in files.refused:
        _link_problem(shown, problem, out, generator.folder, generator.copy_into, generator.strict)
    if generator.strict:
        articles, authors = _with_named_authors(settings, files, entries, out)
    else:
        articles, authors = _with_any_author(site, files, entries, out)
    slugs = checks.duplicate_slugs(settings, articles, out)
    checks.unknown_related(settings, articles, slugs, out)
    if generator.strict:
        return Content(tuple(articles), authors), out.problems
    checks.without_bio([authors[id_] for id_ in sorted({a.author for a in articles if a.author})], out)
    if not articles:
        checks.no_pieces(settings, out)
    return Content(tuple(articles), authors), checks.said_once(out.problems)


def _with_named_authors(
    settings: Settings, files: Listing, entries: list[Any], out: Collector
) -> tuple[list[Article], dict[str, Author]]:
    """Our layout's pieces and authors, in one pass (its walk lists the authors first): the author a piece names must
    have a file in content/authors/, an error otherwise; of two author files with one id, the last counts."""
    authors: dict[str, Author] = {}
    articles: list[Article] = []
    unknown: list[str] = []
    for kind, shown, (problems, record, named), modified in zip(files.tag, files.shown, entries, files.mtime_ns, strict=True):
        if problems:
            out.problems.extend(Problem(shown, *problem) for problem in problems)
        if kind == "author":
            for values in record:
                author = AuthorRecord._make(values)
                authors[author.id] = author.to_author(shown)
            continue
        author_id = checks.author_id(named, authors)
        if named is not None and author_id is None:
            unknown.append(shown)
        elif record is not None:
            articles.append(article_of(record, kind, shown, author_id, modified=modified))
    for shown in unknown:
        checks.unknown_author(settings, shown, authors, out)
    return articles, authors


_KINDS = {"column": ("column", False), "article": ("article", False), "column+article": ("column", True)}  # by tag


def _with_any_author(site: Site, files: Listing, entries: list[Any], out: Collector) -> tuple[list[Article], dict[str, Author]]:
    """A site's pieces and authors: an author a piece names but no author file defines is made from the name alone;
    pieces whose slugs collide (a site's slugs need only be unique per section) get their folders in front."""
    authors: dict[str, Author] = {}
    for index in [index for index, tag in enumerate(files.tag) if tag == "author"]:  # the authors before the pieces
        for values in entries[index][1]:
            authors.setdefault(values[0], AuthorRecord._make(values).to_author(files.shown[index]))  # the first file counts
    named: dict[str, Author] = {}
    resolved: dict[str | None, str | None] = {}  # author as named -> id: thousands of pieces name a dozen authors
    articles: list[Article] = []
    for tag, shown, (problems, record, name), modified in zip(files.tag, files.shown, entries, files.mtime_ns, strict=True):
        if problems:  # every file's, in the files' order
            out.problems.extend(Problem(shown, *problem) for problem in problems)
        if tag == "author" or record is None:
            continue
        author = resolved[name] if name in resolved else resolved.setdefault(name, checks.author_of(name, authors, named, shown))
        kind, related_too = _KINDS[tag]
        # A tie between columns of one moment goes to the file saved last (``modified``).
        articles.append(article_of(record, kind, shown, author, related_too, modified))
    if GENERATORS[site.generator].reads_all_languages:  # one piece per translation, before slugs are told apart
        articles = checks.one_per_translation(articles, site.language)
    return checks.distinct_slugs(site, articles), {**authors, **named}


def _link_problem(shown: str, problem: str, out: Collector, folder: str, into: str, strict: bool = True) -> None:
    if problem.startswith("unreadable: "):
        # A site's folder nieuwsbrief cannot list holds none of the pieces it reads: said, not stopping the issue.
        message = f"cannot read the folder: {problem.removeprefix('unreadable: ')}; what it holds is left out"
        out.add(
            shown, 0, 0, message, "give it read permission, or move it out of the folder read", "error" if strict else "warning"
        )
    elif problem == "broken":
        out.add(shown, 1, 1, "broken link: the file it points to does not exist", "remove the link or restore its target")
    elif problem == "name":
        # Shown escaped (errors.printable): a line break in a name could otherwise print a forged problem.
        out.add(shown, 0, 0, NAME_PROBLEM, "rename it: letters, digits, spaces, hyphens and dots in UTF-8")
    else:
        out.add(shown, 1, 1, f"link points outside {folder}", f"copy the file into {into} instead of linking to it")


def peek(settings: Settings) -> list[tuple[str, str, dict[str, Any]]]:
    """Every file the walk lists, with its front matter's values read leniently ({} for one that does not parse), for
    `new` and `publish`, which must work beside a broken file. A file that cannot be read at all (a pipe or a device
    under a .md name, a link out of the folder) is a ContentError at its path: it is reported, never waited on."""
    site, files, _ = walked(settings, with_stamps=False)
    generator = GENERATORS[site.generator]
    out = Collector()
    for shown, problem in files.refused:
        _link_problem(shown, problem, out, generator.folder, generator.copy_into, generator.strict)
    found = []
    for tag, shown in zip(files.tag, files.shown, strict=True):
        text = read_text(settings.max_file_bytes, shown, os.path.join(settings.project, shown), out)
        document = generator.split(shown, text[1], Collector()) if text is not None else None
        found.append((tag, shown, {key: item.value for key, item in document.fields.items()} if document else {}))
    if errors_only(out.problems):
        raise ContentError("invalid content", out.problems)
    return found


@dataclass
class Held:
    """Every file as a scan lists it and its entry, held in memory by the live proof (live.py), with the term index."""

    site: Site
    files: Listing
    entries: list[Any]
    notices: list[Problem]
    found: list[Problem]  # the problems of the generator's own files
    terms: terms.TermIndex = field(default_factory=terms.TermIndex)


def held_entries(settings: Settings) -> Held:
    """Every file as a scan lists it and its entry: from the cache where it is current, read otherwise."""
    with _collector_paused():
        start = configured(settings)
        store = Store(settings.project, CACHE_FILE, records.entry_key(settings, repr(start[0])))
        stored, notices = store.load()
        try:  # the folders the cache remembers, to tell which changed
            table, made_for, known = _table(stored) if stored is not None else (_EMPTY, "", {})
            site, files, found = walked(settings, True, known, 0, start)
        except _DAMAGED:
            table, made_for = _EMPTY, ""
            site, files, found = walked(settings, True, {}, 0, start)
        try:
            if made_for != repr(site):
                table = _EMPTY
            entries, todo, removed = _reuse(files, table, _folder_readers(site, files))
        except _DAMAGED:
            table, removed = _EMPTY, set()
            entries, todo = [None] * len(files.shown), list(range(len(files.shown)))
        kept = terms_store(settings, site, table[4])
        if not kept.current():
            todo = [i for i, tag in enumerate(files.tag) if tag != "author" or entries[i] is None]
        base = str(settings.project)
        signatures: dict[str, Any] = {}
        for index in todo:
            shown = files.shown[index]
            entry, files.mtime_ns[index], files.size[index] = read.entry(
                settings, site, files.tag[index], shown, os.path.join(base, shown)
            )
            entries[index], signatures[shown] = read.signature_apart(entry)
        try:
            current = _terms(files, signatures, removed, kept, site.language) or terms_loader(kept)()
        except ValueError:
            current = None
        return Held(site, files, entries, notices, found, current or terms.TermIndex(language=site.language))


def build_content(settings: Settings, held: Held) -> tuple[Content, list[Problem]]:
    """Content from held entries, with every problem: each file's, then the checks across files."""
    with _collector_paused():  # as in a scan: a live proof builds it again and again
        return build(settings, held.site, held.files, held.entries, held.found)
