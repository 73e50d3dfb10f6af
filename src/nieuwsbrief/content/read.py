"""One file read through its generator: its entry for the scan (worker processes and the cache keep it), the piece
read again in full for an issue, and the located document for the few places that point at a line.

An entry is a plain tuple (marshal stores no other kind): (problems, record, author). ``problems`` is
((line, column, message, hint, severity), ...) or None; for a file of pieces ``record`` is an ArticleRecord as a
tuple (None when the piece cannot be featured) and ``author`` the author it names (checked even when the file has
an error); for an author file ``record`` is a tuple of AuthorRecords and ``author`` None. A piece's entry as read
has a fourth item, its signature (nieuwsbrief/words.py; None without a record): the scan moves it into the term index.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from .. import words
from ..config import Settings
from ..errors import Problem
from ..model import Article
from .generators import GENERATORS, generator_of
from .generators.base import Piece
from .generators.site import Site
from .records import article_of
from .text import Collector, Document, read_text

# The problems of one file as an entry keeps them: (line, column, message, hint, severity) each, or None.
StoredProblems = tuple[tuple[int, int, str, str, str], ...] | None


def entry(settings: Settings, site: Site, tag: str, shown: str, path: str) -> tuple[tuple[Any, ...], int, int]:
    """The file's entry, and the stamp (mtime_ns, size) of what was read."""
    generator = GENERATORS[site.generator]
    out = Collector()
    read = read_text(settings.max_file_bytes, shown, path, out)
    if tag == "author":
        authors = generator.authors(settings, site, shown, read[1], out) if read is not None else []
        return (_stored(out), tuple(tuple(author) for author in authors), None), *out.stamp
    kind = "column" if tag.startswith("column") else "article"
    piece = generator.piece(settings, site, kind, shown, read[1], out) if read is not None else Piece(None, None)
    if piece.record is None:
        return (_stored(out), None, piece.author, None), *out.stamp
    return (_stored(out), tuple(piece.record), piece.author, _signature(site, piece)), *out.stamp


def _signature(site: Site, piece: Piece) -> tuple[bytes, bytes, int]:
    record = piece.record
    assert record is not None
    counts = words.analyzer(site.language).counts(record.title, record.summary, piece.body)
    return tuple(words.signature(counts, record.tags))  # type: ignore[return-value]


def signature_apart(entry: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any]:
    """An entry as read -> the entry as it is kept, and the piece's signature (None for an author file or a piece
    that cannot be featured)."""
    return (entry[:3], entry[3]) if len(entry) == 4 else (entry, None)


def _stored(out: Collector) -> StoredProblems:
    return tuple((p.line, p.column, p.message, p.hint, p.severity) for p in out.problems) or None


def again(settings: Settings, site: Site, article: Article, text: str, out: Collector) -> tuple[Article | None, str, int]:
    """A featured piece read again in full: its fresh Article (to compare with the scan's), its body as the issue
    shows it (a site's template syntax written out) and the file line where the body starts."""
    generator = GENERATORS[site.generator]
    site = generator.site_for(settings, site, article.path, out)
    piece = generator.piece(settings, site, article.kind, article.path, text, out)
    if piece.record is None:
        return None, "", 0
    fresh = article_of(piece.record, article.kind, article.path, article.author or None, article.related_too)
    if not generator.strict:
        fresh = fresh._replace(slug=article.slug)  # a site's slug the scan told apart by its folder
    return fresh, piece.body, piece.body_line


def document(settings: Settings, shown: str) -> Document | None:
    """The file ``shown`` (relative to the project) split into located front matter and body, as its generator
    reads it; None if it cannot be read. For the few places that point at a line: a scan keeps no positions."""
    out = Collector()
    read = read_text(settings.max_file_bytes, shown, os.path.join(settings.project, shown), out)
    return generator_of(settings).split(shown, read[1], out) if read is not None else None


def position(found: Document | None, key: str) -> tuple[int, int]:
    """Where ``key``'s value stands (see Document.position); the file's first line when it could not be read."""
    return found.position(key) if found is not None else (1, 1)


def at_key(settings: Settings, problem: Problem, key: str) -> Problem:
    """The problem placed at ``key`` in its file's front matter (at the opening --- when the key is absent)."""
    found = document(settings, problem.path)
    if found is None:
        return problem
    line, column = found.position(key)
    return dataclasses.replace(problem, line=line, column=column)
