"""Content folder -> validated Articles and Authors, every problem with its real file line.

The only user of PyYAML and python-frontmatter. Each file is read once, its front-matter block parsed and validated into an
*entry* (plain tuples: what the metadata cache stores and worker processes send back), with the file's
own problems. Entries are cached by path and stamp (cache.py), so a warm run re-parses only changed
files; checks across files (duplicate slugs, related slugs, unknown authors) run on every load.

Bodies are read where they are needed: the default summary takes the first paragraph at parse time,
while the whole body (and the reading time computed from it) is loaded only for the pieces an issue
features (``complete``). YAML reports lines relative to the block, so every position is mapped back to
the file through the block's offset.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import marshal
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import yaml
from frontmatter.default_handlers import YAMLHandler

from . import __version__, cache, markdown, scan
from .config import Settings
from .errors import ContentError, Problem
from .model import Article, Author, Content
from .text import SLUG as _SLUG
from .text import slugify

CONTENT_DIR = "content"
KIND_FOLDERS = {"columns": "column", "articles": "article"}
AUTHORS_FOLDER = "authors"
SUMMARY_CHARS = 160
ENTRY_SCHEMA = 2  # bump when an entry's layout or meaning changes: older caches are then rebuilt
PARALLEL_FROM = 1000  # files to parse before worker processes pay for themselves
CACHE_FILE = "content"  # in .nieuwsbrief/cache/: the entries, by file
WORDS_FILE = "words"  # the word counts of featured pieces, by file

# A date, or a date and time with an optional zone: 2026-11-28, 2026-11-28 09:30, 2026-11-28T09:30:00+01:00
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?")
# python-frontmatter's own rule for the --- lines. Only the rule is used: its loader strips leading blank
# lines and would parse the block a second time, and positions must stay file positions.
_BOUNDARY: re.Pattern[str] = YAMLHandler.FM_BOUNDARY
_LEADING_SPACE = re.compile(r"[\n \t]*")

_ARTICLE_KEYS = {
    "title",
    "date",
    "category",
    "author",
    "type",
    "tags",
    "summary",
    "reading_time",
    "url",
    "image",
    "image_alt",
    "slug",
    "draft",
    "related",
    "subject",
    "preheader",
}
_AUTHOR_KEYS = {"name", "role", "photo", "photo_alt", "url"}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# The C loader parses about ten times faster; without libyaml the pure-Python one gives the same results.
_FAST_YAML = hasattr(yaml, "CSafeLoader")


def _without_timestamps(base: type[Any]) -> type[Any]:
    class Loader(base):  # type: ignore[misc]
        """Safe YAML without implicit timestamps: dates are checked here, with a helpful message."""

        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }

        def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
            # Resolver.resolve for a scalar, without its generality (no path resolvers are used here):
            # it runs for every scalar of every file.
            if kind is not yaml.ScalarNode:
                return str(super().resolve(kind, value, implicit))
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR

    return Loader


_LOADERS = {True: _without_timestamps(getattr(yaml, "CSafeLoader", yaml.SafeLoader)), False: _without_timestamps(yaml.SafeLoader)}


class _Field:
    """A front-matter value and where it starts; its line and column are worked out when a problem asks."""

    __slots__ = ("_offset", "_text", "value")

    def __init__(self, value: Any, text: str, offset: int) -> None:
        self.value = value
        self._text = text
        self._offset = offset

    @property
    def line(self) -> int:
        return _line_col(self._text, self._offset)[0]

    @property
    def column(self) -> int:
        return _line_col(self._text, self._offset)[1]


@dataclass
class _Document:
    """One Markdown file split into located front matter and body."""

    path: str
    fields: dict[str, _Field]
    body: str
    body_line: int
    start_line: int


@dataclass
class _Collector:
    """The problems of one file (or of the checks across files), in the order they were found."""

    problems: list[Problem] = field(default_factory=list)
    stamp: tuple[int, int] = (0, 0)  # mtime_ns and size of the file as it was read

    def add(self, path: str, line: int, column: int, message: str, hint: str = "", severity: str = "error") -> None:
        self.problems.append(Problem(path, line, column, message, hint, severity))


def reading_time(words: int, words_per_minute: int) -> int:
    """Minutes, rounded half up, at least 1: 1,284 words at 250/min is '5 min lezen'."""
    return max(1, int(words / words_per_minute + 0.5))


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
    progress: scan.Progress | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> Scan:
    """Every file's metadata, validated, through the cache in .nieuwsbrief/ unless ``use_cache`` is False.

    Raises ContentError listing every problem when any file (or a check across files) has an error.
    """
    root = settings.project / CONTENT_DIR
    if not root.is_dir():
        missing = Problem(
            CONTENT_DIR, 0, 0, "content folder not found", "create content/columns, content/articles and content/authors"
        )
        raise ContentError("invalid content", [missing])
    with _collector_paused():
        started = time.time_ns()
        store = cache.Store(settings.project, CACHE_FILE, _cache_key(settings)) if use_cache else None
        stored, notices = store.load() if store is not None else (None, [])
        # Without a cache every file is read anyway, and its stamp is taken then: the walk only lists.
        files = _find_files(root, with_stamps=stored is not None)
        try:
            return _scan(settings, files, _table(stored), store, notices, started, progress, parallel_from)
        except _DAMAGED as exc:
            if stored is None or store is None:
                raise
            notices = [store.warning(f"the cache is corrupt ({type(exc).__name__} in an entry); rebuilding it")]
            return _scan(settings, files, _EMPTY, store, notices, started, progress, parallel_from)


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


def _cache_key(settings: Settings) -> str:
    """What an entry depends on besides its file: the code and the settings that go into it."""
    depends = (__version__, ENTRY_SCHEMA, settings.base_url, settings.article_url, settings.timezone, settings.max_file_bytes)
    return hashlib.sha256(repr(depends).encode("utf-8")).hexdigest()[:16]


def _find_files(root: Path, with_stamps: bool) -> scan.Listing:
    """Every Markdown file, tagged with its kind: authors first, then articles and columns, each in path order."""
    real_root = str(root.resolve())
    listing = scan.Listing()
    for folder, kind in ((AUTHORS_FOLDER, "author"), *sorted(KIND_FOLDERS.items())):
        listing.add(str(root / folder), f"{CONTENT_DIR}/{folder}/", real_root, kind, with_stamps)
    return listing


def _scan(
    settings: Settings,
    files: scan.Listing,
    stored: tuple[list[str], list[int], list[int], list[Any]],
    store: cache.Store | None,
    notices: list[Problem],
    started: int,
    progress: scan.Progress | None,
    parallel_from: int,
) -> Scan:
    entries, todo, removed = _reuse(files, stored)
    if todo:
        work = [(files.tag[i], files.shown[i]) for i in todo]
        chunks, processes = scan.parallel_map(_parse_chunk, settings, work, parallel_from=parallel_from, progress=progress)
        parsed = [result for chunk in chunks for result in marshal.loads(chunk)]
        for index, (entry, mtime_ns, size) in zip(todo, parsed, strict=True):
            entries[index] = entry
            files.mtime_ns[index], files.size[index] = mtime_ns, size  # the stamp of what was read
        if not _FAST_YAML:
            notices = [*notices, _SLOW_YAML]
    else:
        processes = 1
    if store is not None and (todo or removed):
        notices = notices + store.save(_file_table(files, entries, started))
    stats = ScanStats(len(files.shown) + len(files.refused), len(todo), len(files.shown) - len(todo), removed, processes)
    content, problems = _build(settings.project, files, entries)
    if any(p.severity == "error" for p in problems):
        raise ContentError("invalid content", problems, notices)
    return Scan(content, tuple(problems), tuple(notices), stats)


def _reuse(files: scan.Listing, stored: tuple[list[str], list[int], list[int], list[Any]]) -> tuple[list[Any], list[int], int]:
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


def _file_table(files: scan.Listing, entries: list[Any], started: int) -> tuple[Any, ...]:
    kept = [i for i, mtime_ns in enumerate(files.mtime_ns) if cache.trusted(mtime_ns, started)]
    return (
        [files.shown[i] for i in kept],
        [files.mtime_ns[i] for i in kept],
        [files.size[i] for i in kept],
        [entries[i] for i in kept],
    )


_SLOW_YAML = Problem(
    "(nieuwsbrief)",
    0,
    0,
    "PyYAML has no C loader (libyaml): reading front matter is about ten times slower",
    "install PyYAML with libyaml, e.g. the distribution's python3-yaml or a PyYAML wheel",
    "warning",
)


def _parse_chunk(settings: Settings, chunk: Sequence[tuple[str, str]]) -> bytes:
    """(entry, mtime_ns, size) for each (kind, shown) of a chunk, in marshal: in a worker process for a
    big cold scan, and marshal is what the main process unpacks fastest."""
    base = str(settings.project)
    return marshal.dumps([_entry(settings, kind, shown, os.path.join(base, shown)) for kind, shown in chunk])


# An entry is what one file yields, as plain tuples (marshal for the cache, pickle between processes):
#   author:  (problems, (id, name, role, photo, photo_alt, url, bio) or None)
#   article: (problems, (slug, title, published, category, url, reading_time, summary, author, tags,
#             draft, related, image, image_alt, subject, preheader) or None, author of an invalid file)
# problems is None or a tuple of (line, column, message, hint, severity); reading_time 0 means "count the
# words of the body"; author is None when the file names no author, else the id to check.


def _entry(settings: Settings, kind: str, shown: str, path: str) -> tuple[Any, int, int]:
    """The file's entry and the stamp (mtime_ns, size) of what was read."""
    out = _Collector()
    document = _read_document(settings, shown, path, out)
    if kind == "author":
        author_record = _author_record(settings, document, out) if document is not None else None
        return (_plain(out), author_record), *out.stamp
    record, author = _article_record(settings, document, kind, out) if document is not None else (None, None)
    return (_plain(out), record, author if record is None else None), *out.stamp


def _plain(out: _Collector) -> tuple[tuple[Any, ...], ...] | None:
    return tuple((p.line, p.column, p.message, p.hint, p.severity) for p in out.problems) or None


def _author_record(settings: Settings, document: _Document, out: _Collector) -> tuple[Any, ...]:
    fields = _Fields(document, out)
    _warn_unknown(document, _AUTHOR_KEYS, out)
    photo = fields.image("photo", settings.base_url)
    photo_alt = fields.text("photo_alt")
    if photo and not photo_alt:
        fields.problem("photo", "the photo has no alt text", "add photo_alt: a short description of the photo")
    name = fields.text("name", required=True)
    role = fields.text("role")
    url = fields.url("url", settings.base_url)
    return (slugify(_stem(document.path)), name, role, photo, photo_alt, url, document.body.strip())


def _warn_unknown(document: _Document, known: set[str], out: _Collector) -> None:
    if document.fields.keys() <= known:
        return
    for key, item in sorted(document.fields.items()):
        if key not in known:
            out.add(
                document.path,
                item.line,
                1,
                f"unknown key '{key}' is ignored",
                f"known keys: {', '.join(sorted(known))}",
                "warning",
            )


def _article_record(
    settings: Settings, document: _Document, kind: str, out: _Collector
) -> tuple[tuple[Any, ...] | None, str | None]:
    """The article's fields, or None when the file has an error; and the author id it names, if any."""
    before = len(out.problems)
    fields = _Fields(document, out)
    _warn_unknown(document, _ARTICLE_KEYS, out)
    declared = fields.text("type")
    if declared and declared != kind:
        fields.problem(
            "type",
            f"type '{declared}' does not match its folder ({kind}s/)",
            f"move the file to content/{declared}s/ or remove 'type:'",
        )
    slug = fields.text("slug") or slugify(_stem(document.path))
    if not _SLUG.fullmatch(slug):
        fields.problem(
            "slug",
            f"slug {slug!r} is not lowercase letters, digits and hyphens",
            f"use e.g. slug: {slugify(slug) or 'mijn-artikel'}",
        )
    published = _date(fields, settings.timezone)
    author = fields.text("author")
    if kind == "column" and not author and "author" not in document.fields:
        fields.problem("author", "a column needs an author", "add 'author: <id>' naming a file in content/authors/")
    image = fields.image("image", settings.base_url)
    image_alt = fields.text("image_alt")
    if image and not image_alt:
        fields.problem("image", "the image has no alt text", "add image_alt: a short description of the image")
    url = fields.url("url", settings.base_url) or settings.article_url.format(slug=slug, type=kind)
    minutes = _stated_reading_time(fields)
    summary = fields.text("summary") or markdown.summary(document.body, SUMMARY_CHARS)
    # Words that recur across thousands of files are interned: one string each in memory and in the cache.
    record = (
        slug,
        fields.text("title", required=True),
        (published or dt.datetime.min).isoformat(),
        sys.intern(fields.text("category", required=True)),
        url,
        minutes,
        summary,
        sys.intern(slugify(author)) if author else None,
        tuple(sys.intern(t.lower()) for t in fields.words("tags")),
        fields.flag("draft"),
        fields.words("related", lambda s: bool(_SLUG.fullmatch(s)), "slugs are lowercase words with hyphens"),
        image,
        image_alt,
        fields.text("subject"),
        fields.text("preheader"),
    )
    valid = all(p.severity != "error" for p in out.problems[before:])
    return (record if valid else None), record[7]


def _stem(shown: str) -> str:
    return shown[shown.rfind("/") + 1 :].removesuffix(".md")


def _stated_reading_time(fields: _Fields) -> int:
    """The front matter's reading_time, or 0: then it is counted from the body when the piece is featured."""
    if not fields.has("reading_time"):
        return 0
    value = fields.document.fields["reading_time"].value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    fields.problem(
        "reading_time",
        f"'reading_time' must be a whole number of minutes (1 or more), got {_describe(value)}",
        "remove it to compute it from the text",
    )
    return 0


def _article_from(kind: str, shown: str, record: Sequence[Any], author_id: str | None) -> Article:
    """The Article of a record; ``author_id`` is its author as resolved against the authors (by id or name)."""
    (
        slug,
        title,
        published,
        category,
        url,
        minutes,
        summary,
        _,
        tags,
        draft,
        related,
        image,
        image_alt,
        subject,
        preheader,
    ) = record
    return Article(
        slug,
        kind,
        title,
        dt.datetime.fromisoformat(published),
        category,  # interned when the record was made
        shown,
        "",
        0,
        url,
        minutes,
        summary,
        author_id or "",
        tags,
        image,
        image_alt,
        draft,
        related,
        subject,
        preheader,
    )


def _build(project: Path, files: scan.Listing, entries: list[Any]) -> tuple[Content, list[Problem]]:
    """Content from the entries, with every file's problems in order, then the checks across files."""
    out = _Collector()
    for shown, problem in files.refused:
        _link_problem(shown, problem, out)
    authors: dict[str, Author] = {}
    articles: list[Article] = []
    unknown_author: list[str] = []
    for kind, shown, entry in zip(files.tag, files.shown, entries, strict=True):
        if entry[0]:
            out.problems.extend(Problem(shown, *problem) for problem in entry[0])
        record = entry[1]
        if kind == "author":
            if record is not None:
                authors[record[0]] = Author(record[0], record[1], shown, *record[2:])
        elif record is not None:
            author = _author_id(record[7], authors)
            if record[7] is not None and author is None:
                unknown_author.append(shown)
            else:
                articles.append(_article_from(kind, shown, record, author))
        elif entry[2] is not None and _author_id(entry[2], authors) is None:
            unknown_author.append(shown)
    for shown in unknown_author:
        _unknown_author(project, shown, authors, out)
    _check_cross_references(project, articles, out)
    return Content(tuple(articles), authors), out.problems


def _author_id(author: str | None, authors: dict[str, Author]) -> str | None:
    """An author is named by file name (the id) or, as editors often do, by the name in that file."""
    if author is None or author in authors:
        return author
    return next((a.id for a in authors.values() if slugify(a.name) == author), None)


def _link_problem(shown: str, problem: str, out: _Collector) -> None:
    if problem == "broken":
        out.add(shown, 1, 1, "broken link: the file it points to does not exist", "remove the link or restore its target")
    else:
        out.add(shown, 1, 1, "link points outside the content folder", "copy the file into content/ instead of linking to it")


def _located(project: Path, shown: str) -> _Document | None:
    """The file's front matter again, to point at a field when a check across files fails (rarely)."""
    try:
        text = (project / shown).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _split(shown, text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), _Collector())


def _where(document: _Document | None, key: str) -> tuple[int, int]:
    if document is None:
        return 1, 1
    item = document.fields.get(key)
    return (item.line, item.column) if item else (document.start_line, 1)


def _unknown_author(project: Path, shown: str, authors: dict[str, Author], out: _Collector) -> None:
    document = _located(project, shown)
    item = document.fields.get("author") if document is not None else None
    author = str(item.value).strip() if item is not None else "?"
    known = ", ".join(sorted(authors)) or "none yet"
    line, column = _where(document, "author")
    out.add(shown, line, column, f"unknown author '{author}'", f"add content/authors/{slugify(author)}.md or use one of: {known}")


def _check_cross_references(project: Path, articles: list[Article], out: _Collector) -> None:
    seen: dict[str, Article] = {}
    duplicates: dict[str, list[Article]] = {}
    for article in articles:
        first = seen.setdefault(article.slug, article)
        if first is not article:
            duplicates.setdefault(article.slug, [first]).append(article)
    for slug, group in sorted(duplicates.items()):
        group.sort(key=lambda a: a.path)
        for article in group:
            others = ", ".join(a.path for a in group if a is not article)
            line, column = _where(_located(project, article.path), "slug")
            out.add(
                article.path, line, column, f"duplicate slug '{slug}' (also {others})", "rename one file or set a different slug:"
            )
    for article in articles:
        unknown = [slug for slug in article.related if slug not in seen]
        if unknown:
            line, column = _where(_located(project, article.path), "related")  # the file is read again once
        for slug in unknown:
            out.add(
                article.path,
                line,
                column,
                f"'related' names unknown slug '{slug}'",
                "use the file name (without .md) of an existing column or article",
            )


def _read_text(settings: Settings, shown: str, path: str, out: _Collector) -> tuple[bytes, str] | None:
    """The file's bytes and its text (BOM and CR line ends removed), or None with the problem recorded."""
    try:
        raw, out.stamp = _read_bytes(path)
    except OSError as exc:
        out.add(shown, 1, 1, f"cannot read the file: {exc.strerror}", "check its permissions")
        return None
    if len(raw) > settings.max_file_bytes:
        limit = settings.max_file_bytes
        out.add(
            shown, 1, 1, f"file is {len(raw):,} bytes, over the {limit:,}-byte limit", "split it, or raise [content] max_file_kb"
        )
        return None
    if b"\x00" in raw:
        line, column = _position(raw, raw.index(b"\x00"))
        out.add(shown, line, column, "binary file, not Markdown text", "remove it from the content folder")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        out.add(shown, line, column, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8 in your editor")
        return None
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return raw, text


def _read_bytes(path: str) -> tuple[bytes, tuple[int, int]]:
    """The file's bytes and its stamp; os.read, as the io stack costs more than reading a small file."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        stat = os.fstat(handle)
        chunks = []
        while chunk := os.read(handle, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks), (stat.st_mtime_ns, stat.st_size)
    finally:
        os.close(handle)


def _read_document(settings: Settings, shown: str, path: str, out: _Collector) -> _Document | None:
    read = _read_text(settings, shown, path, out)
    return _split(shown, read[1], out) if read is not None else None


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _split(shown: str, text: str, out: _Collector) -> _Document | None:
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # it matches the empty string
    start = text.rfind("\n", 0, start) + 1  # the start of the first non-blank line
    if not text or text.isspace():
        out.add(shown, 1, 1, "empty file", "add front matter between two --- lines and the text below it")
        return None
    opening = _BOUNDARY.match(text, start)
    if opening is None:
        line, _ = _line_col(text, start)
        out.add(
            shown,
            line,
            1,
            "no front matter: the file must start with a line '---'",
            "add a YAML block between two --- lines, with at least title, date and category",
        )
        return None
    closing = _BOUNDARY.search(text, opening.end())
    if closing is None:
        line, _ = _line_col(text, start)
        out.add(shown, line, 1, "front matter is never closed", "end the YAML block with a line '---'")
        return None
    block_start = opening.end()
    block = text[block_start : closing.start()]
    fields = _simple_front_matter(text, block_start, block)
    if fields is None:
        fields = _parse_yaml(shown, text, block_start, block, out)
    if fields is None:
        return None
    body_offset = closing.end() + 1 if closing.end() < len(text) else closing.end()
    return _Document(
        path=shown,
        fields=fields,
        body=text[body_offset:],
        body_line=_line_col(text, body_offset)[0],
        start_line=_line_col(text, start)[0],
    )


# Front matter as most files write it: one `key: value` per line, the value quoted text, a date, true or
# false, a plain phrase or a flow list of plain words. Such a block is read here directly, and gives
# exactly what the YAML loader would (tests/test_content.py checks that on generated blocks); anything
# else, from a comment to a multi-line value, goes to PyYAML. YAML is about a third of a file's cost in a
# cold scan of a big archive.
_SIMPLE_LINE = re.compile(r"([a-z_][a-z0-9_]*): (.*)")
_PLAIN = re.compile(r"(?:[^\W\d_]|/)[^#\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")  # a word or a path
_PLAIN_ITEM = re.compile(r"[^\W\d_][^:#,\[\]{}\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_QUOTED = re.compile(r'"([^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*)"')
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Words YAML 1.1 reads as true, false or null rather than as text.
_NOT_TEXT = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def _simple_front_matter(text: str, block_start: int, block: str) -> dict[str, _Field] | None:
    fields: dict[str, _Field] = {}
    offset = block_start
    for line in block.split("\n"):
        here, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        match = _SIMPLE_LINE.fullmatch(line.rstrip(" "))
        if match is None or match.group(1) in fields or match.group(1) in _NOT_TEXT:
            return None  # (YAML 1.1 reads a key like `on` as true)
        value = _simple_value(match.group(2))
        if value is None:
            return None
        fields[match.group(1)] = _Field(value[0], text, here + match.start(2))
    return fields or None


def _simple_value(raw: str) -> tuple[Any] | None:
    """The value of a simple scalar or flow list, in a 1-tuple; None when YAML must decide."""
    if raw in ("true", "false"):
        return (raw == "true",)
    quoted = _QUOTED.fullmatch(raw)
    if quoted:
        return (quoted.group(1),)
    if _ISO_DAY.fullmatch(raw):
        return (raw,)  # dates stay text: the loader has no timestamp resolver
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1].strip()
        items = [item.strip() for item in inner.split(",")] if inner else []
        if all(_PLAIN_ITEM.fullmatch(item) and item.lower() not in _NOT_TEXT for item in items):
            return (items,)
        return None
    if _PLAIN.fullmatch(raw) and raw.lower() not in _NOT_TEXT and raw == raw.strip() and ": " not in raw and raw[-1] != ":":
        return (raw,)  # a colon is text unless a space follows it: https://... is fine
    return None


def _parse_yaml(shown: str, text: str, block_start: int, block: str, out: _Collector) -> dict[str, _Field] | None:
    def located(mark: Any) -> tuple[int, int]:
        return _line_col(text, block_start + mark.index)

    loader = _LOADERS[_FAST_YAML](block)
    try:
        node = loader.get_single_node()
        if node is None:
            line, _ = _line_col(text, block_start)
            out.add(shown, line, 1, "front matter is empty", "add at least title, date and category")
            return None
        if not isinstance(node, yaml.MappingNode):
            line, column = located(node.start_mark)
            out.add(shown, line, column, "front matter is not a mapping of keys to values", "write one 'key: value' per line")
            return None
        fields: dict[str, _Field] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node)
            if not isinstance(key, str):
                out.add(shown, *located(key_node.start_mark), f"key {key!r} is not a name", "keys are words like title or date")
                continue
            if key in fields:
                out.add(shown, *located(key_node.start_mark), f"duplicate key '{key}'", f"remove one of the two '{key}:' lines")
                continue
            fields[key] = _Field(_construct(loader, value_node), text, block_start + value_node.start_mark.index)
        return fields
    except yaml.MarkedYAMLError as exc:
        message, hint, mark = _explain_yaml_error(exc, block)
        line, column = located(mark) if mark is not None else _line_col(text, block_start)
        out.add(shown, line, column, message, hint)
        return None
    except yaml.YAMLError as exc:
        line, _ = _line_col(text, block_start)
        out.add(shown, line, 1, f"invalid YAML: {exc}", "check the front matter syntax")
        return None
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"


def _construct(loader: Any, node: yaml.Node) -> Any:
    """The node's value; text and lists of text (most of front matter) without the general constructor."""
    if _is_text(node):
        return node.value  # what SafeConstructor.construct_yaml_str gives, several times faster
    if node.tag == _SEQ and isinstance(node, yaml.SequenceNode) and all(_is_text(item) for item in node.value):
        return [item.value for item in node.value]
    return loader.construct_object(node, deep=True)


def _is_text(node: yaml.Node) -> bool:
    return node.tag == _STR and isinstance(node, yaml.ScalarNode)


@dataclass(frozen=True)
class _Mark:
    index: int


def _unclosed_bracket(block: str) -> int | None:
    """The offset of the last [ or { that is never closed, ignoring quoted text and comments."""
    stack: list[int] = []
    quote = ""
    in_comment = False
    for index, char in enumerate(block):
        previous = block[index - 1] if index else "\n"
        if in_comment:
            in_comment = char != "\n"
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and previous in " [{:,\n":
            quote = char
        elif char == "#" and previous in " \n":
            in_comment = True
        elif char in "[{":
            stack.append(index)
        elif char in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _explain_yaml_error(exc: yaml.MarkedYAMLError, block: str) -> tuple[str, str, Any]:
    """A message, a hint and the place to point at, for a YAML syntax error."""
    # The C and the pure-Python parser word some problems differently; say it one way.
    problem = str(exc.problem or exc.context).replace(" in this context", " here")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote or bracket is found only at the end: point at where it was opened instead.
    if exc.context_mark is not None and "quoted scalar" in context:
        return "invalid YAML: a quote opened here is never closed", "close the quote on the same line", exc.context_mark
    opener = _unclosed_bracket(block)
    if opener is not None and mark is not None and not block[mark.index :].strip():
        # The parser ran off the end of the block: an unclosed [ or { is the usual cause.
        what = "a list opened here with [" if block[opener] == "[" else "a mapping opened here with {"
        hint = "close it with ], e.g. tags: [een, twee]" if block[opener] == "[" else "close it with }"
        return f"invalid YAML: {what} is never closed", hint, _Mark(opener)
    if exc.context_mark is not None and "flow sequence" in context:
        return (
            "invalid YAML: a list opened here with [ is never closed",
            "close it with ], e.g. tags: [een, twee]",
            exc.context_mark,
        )
    if exc.context_mark is not None and "flow mapping" in context:
        return "invalid YAML: a mapping opened here with { is never closed", "close it with }", exc.context_mark
    if mark is not None and 0 <= mark.index < len(block) and block[mark.index] == "\t":
        return "invalid YAML: a tab character here", "indent with spaces, not tabs", mark
    if "mapping values are not allowed" in problem:
        return f"invalid YAML: {problem}", 'put text that contains ": " in quotes, e.g. title: "Vraag: waarom?"', mark
    return f"invalid YAML: {problem}", "check the YAML syntax of this line; quote text with special characters", mark


class _Fields:
    """Typed access to one document's front matter, reporting each problem at its line."""

    def __init__(self, document: _Document, out: _Collector) -> None:
        self.document = document
        self.out = out

    def problem(self, key: str, message: str, hint: str) -> None:
        self.out.add(self.document.path, *_where(self.document, key), message, hint)

    def has(self, key: str) -> bool:
        return key in self.document.fields and self.document.fields[key].value is not None

    def text(self, key: str, required: bool = False) -> str:
        if not self.has(key):
            if required:
                self.problem(key, f"missing required field '{key}'", f"add '{key}: ...' to the front matter")
            return ""
        value = self.document.fields[key].value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(key, f"'{key}' must be text, got {_describe(value)}", f'write it as {key}: "..."')
            return ""
        text = str(value).strip()
        if required and not text:
            self.problem(key, f"'{key}' is empty", f"give '{key}' a value")
        return text

    def flag(self, key: str) -> bool:
        if not self.has(key):
            return False
        value = self.document.fields[key].value
        if not isinstance(value, bool):
            self.problem(key, f"'{key}' must be true or false, got {_describe(value)}", f"write {key}: true or {key}: false")
            return False
        return value

    def words(self, key: str, check: Callable[[str], bool] | None = None, what: str = "") -> tuple[str, ...]:
        if not self.has(key):
            return ()
        value = self.document.fields[key].value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"'{key}' must be a list of words, got {_describe(value)}", f"write it as {key}: [een, twee]")
            return ()
        items = tuple(v.strip() for v in value if v.strip())
        for item in items:
            if check is not None and not check(item):
                self.problem(key, f"'{key}' has an invalid entry {item!r}", what)
        return items

    def url(self, key: str, base_url: str) -> str:
        value = self.text(key)
        if not value:
            return ""
        given = urlsplit(value)
        absolute = urljoin(base_url + "/", value)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.netloc or (given.scheme and not given.netloc):
            self.problem(key, f"'{key}' must be an http(s) URL, got {value!r}", "use https://... or a path like /images/foto.jpg")
            return ""
        return absolute

    def image(self, key: str, base_url: str) -> str:
        url = self.url(key, base_url)
        extension = urlsplit(url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(url).path else ""
        if extension in ("svg", "webp", "avif", "heic", "tif", "tiff", "bmp"):
            self.problem(
                key, f"'{key}' is a .{extension} image, which many mail clients cannot show", "use a PNG, JPG or GIF version"
            )
            return ""
        return url


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _date(fields: _Fields, timezone: str) -> dt.datetime | None:
    if not fields.has("date"):
        fields.problem("date", "missing required field 'date'", "add 'date: YYYY-MM-DD' (the publication date)")
        return None
    value = fields.document.fields["date"].value
    text = str(value).strip()
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        if not _DATE.fullmatch(text):
            fields.problem("date", f"'{text}' is not a date in YYYY-MM-DD form", _date_hint(text))
            return None
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            fields.problem("date", f"'{text}' is not a real date ({exc})", _date_hint(text))
            return None
        if moment.tzinfo is not None:  # compare in the project's own time zone
            moment = moment.astimezone(_zone(timezone)).replace(tzinfo=None)
        return moment
    fields.problem("date", f"'date' must be a date, got {_describe(value)}", "write it as YYYY-MM-DD")
    return None


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return dt.UTC


def _date_hint(text: str) -> str:
    words = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    if words and words.group(2).lower() in _MONTHS:
        day, month, year = int(words.group(1)), _MONTHS[words.group(2).lower()], int(words.group(3))
        return f"write it as {year:04d}-{month:02d}-{day:02d}"
    return "write it as YYYY-MM-DD, e.g. 2026-11-28"


def complete(settings: Settings, articles: Iterable[Article], *, use_cache: bool = True) -> tuple[Article, ...]:
    """The articles with their bodies, reading times and file hashes, read again from their files.

    Only featured pieces need this. The word counts behind reading times are kept in the cache. A file
    that no longer gives the same metadata changed during the run: ContentError, run again.
    """
    store = cache.Store(settings.project, WORDS_FILE, _cache_key(settings)) if use_cache else None
    stored, _ = store.load() if store is not None else (None, [])
    counts: dict[str, Any] = stored if isinstance(stored, dict) else {}
    started = time.time_ns()
    known = dict(counts)
    done = tuple(_complete(settings, article, known, started) for article in articles)
    if store is not None and known != counts:
        store.save(known)  # a failure to save costs only the counting again
    return done


def _complete(settings: Settings, article: Article, counts: dict[str, Any], started: int) -> Article:
    path = settings.project / article.path
    out = _Collector()
    read = _read_text(settings, article.path, str(path), out)
    document = _split(article.path, read[1], out) if read is not None else None
    record = _article_record(settings, document, article.kind, out)[0] if document is not None else None
    fresh = _article_from(article.kind, article.path, record, article.author) if record is not None else None
    if read is None or document is None or fresh is None or fresh != _light(article, fresh.reading_time):
        changed = Problem(article.path, 1, 1, "the file changed while nieuwsbrief was reading it", "run the command again")
        raise ContentError("content changed during the run", [changed, *(p for p in out.problems if p.severity == "error")])
    minutes = fresh.reading_time or reading_time(
        _words(article.path, document.body, out.stamp, counts, started), settings.words_per_minute
    )
    return article._replace(
        body=document.body,
        body_line=document.body_line,
        reading_time=minutes,
        sha256=hashlib.sha256(read[0]).hexdigest(),
    )


def _light(article: Article, stated_minutes: int) -> Article:
    """The article as a scan gives it: no body, and only a reading time the front matter states."""
    return article._replace(body="", body_line=0, reading_time=stated_minutes, sha256="")


def _words(shown: str, body: str, stamp: tuple[int, int], counts: dict[str, Any], started: int) -> int:
    """The body's word count, from the cache when the file had the same stamp when it was counted."""
    known = counts.get(shown)
    if isinstance(known, tuple) and len(known) == 3 and known[:2] == stamp and isinstance(known[2], int):
        return known[2]
    words = len(markdown.plain_words(body))
    if cache.trusted(stamp[0], started):
        counts[shown] = (*stamp, words)
    return words


def load_content(settings: Settings, *, use_cache: bool = False) -> tuple[Content, list[Problem]]:
    """Read and validate the whole content folder, every article complete with its body.

    Raises ContentError listing every error. The pipeline scans metadata only (``scan_content``) and
    completes the featured pieces; this loads everything, for tools and tests that want it all.
    """
    scanned = scan_content(settings, use_cache=use_cache)
    articles = complete(settings, scanned.content.articles, use_cache=use_cache)
    return Content(articles, scanned.content.authors), list(scanned.warnings)


@dataclass(frozen=True)
class Entry:
    """What `nieuwsbrief new` needs to know of a file already there, read leniently."""

    path: str
    kind: str  # "column", "article" or "author"
    slug: str
    date: str  # as written; ISO dates sort as text
    category: str
    author: str


def peek_entries(project: Path) -> list[Entry]:
    """Slug, date, category and author of every content file; a broken file still counts by its name.

    Unlike load_content this never fails: an editor must be able to add a file to a folder that has
    an error elsewhere, and must never overwrite a slug only because its file does not parse.
    """
    root = project / CONTENT_DIR
    found = []
    folders = {**KIND_FOLDERS, AUTHORS_FOLDER: "author"}
    for folder, kind in sorted(folders.items()):
        if not (root / folder).is_dir():
            continue
        for path in sorted((root / folder).rglob("*.md")):
            meta = _lenient_front_matter(path)
            declared = meta.get("slug") if kind != "author" else None
            found.append(
                Entry(
                    path=path.relative_to(project).as_posix(),
                    kind=kind,
                    slug=str(declared).strip() if isinstance(declared, str) and declared.strip() else slugify(path.stem),
                    date=str(meta.get("date", "")).strip(),
                    category=str(meta.get("category", "")).strip() if isinstance(meta.get("category"), str) else "",
                    author=slugify(str(meta.get("author", ""))) if isinstance(meta.get("author"), str) else "",
                )
            )
    return found


def _lenient_front_matter(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n").lstrip()
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith("---\n"):
        return {}
    block, closed, _ = text[4:].partition("\n---")
    if not closed:
        return {}
    try:
        data = yaml.load(block, Loader=_LOADERS[_FAST_YAML])  # a safe loader
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def front_matter(fields: list[tuple[str, object]], comments: dict[str, str], optional: list[str]) -> str:
    """A front-matter block written the way the loader reads it back: quoted text, ISO dates, flow lists.

    ``comments`` adds a short note after a key; ``optional`` lines are written commented out, as a menu.
    """
    lines = ["---"]
    for key, value in fields:
        line = f"{key}: {_yaml_value(value)}"
        if key in comments:
            line += f"  # {comments[key]}"
        lines.append(line)
    lines.extend(f"# {entry}" for entry in optional)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    text = str(value)
    if _SLUG.fullmatch(text) and not text.isdigit() and text not in _NOT_TEXT:
        return text  # slugs and ids read the same bare
    # A JSON string is a valid YAML double-quoted scalar: every quote, colon and accent survives.
    return json.dumps(text, ensure_ascii=False)
