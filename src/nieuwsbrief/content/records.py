"""Records: what a file's entry keeps of an author or an article, and the Author or Article made from it.

A record holds the validated fields of an author or an article, without the body of an article; the default
summary takes the first paragraph, while the whole body is read only for the pieces an issue features (bodies.py).
Records cross the cache and the worker processes as plain tuples, in marshal (read.py); an article record becomes
an Article straight from that tuple (``article_of``, the warm scan's hot path).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .. import __version__
from ..config import Settings
from ..model import Article, Author

ENTRY_SCHEMA = 9  # bump when an entry's layout or meaning changes: older caches are then rebuilt
# 3: summaries and word counts read footnotes, definition lists and the images of raw HTML
# 4: a record carries its expiry and its page's own base URL (sites)
# 5: one-line fields refuse a line break (their problems are cached with the entry)
# 6: one entry shape for every generator (an author file holds a list of authors), one cache
# 7: the store also names the site its entries were read for, and keeps the folders the walk took (walk.Folders)
# 8: the file table carries the generation of the term index stored with it (relevance)
# 9: a site's record carries its language and translation group


def entry_key(settings: Settings, *more: object) -> str:
    """What an entry depends on besides its file: the code and the settings that go into it (and ``more``)."""
    depends = (
        code_identity(),
        ENTRY_SCHEMA,
        settings.base_url,
        settings.article_url,
        settings.timezone,
        settings.max_file_bytes,
        *more,
    )
    return hashlib.sha256(repr(depends).encode("utf-8")).hexdigest()[:16]


@functools.cache
def code_identity() -> str:
    """The code that made the entries: the release, and in a source checkout (a package not installed under
    site-packages) also each module's name, mtime and size, so that a developer who changes a reader gets fresh
    entries without clearing the cache. An installed release pays nothing: its version says it all."""
    package = Path(__file__).resolve().parent.parent
    if "site-packages" in package.parts:
        return __version__
    return f"{__version__}+{sources_digest(str(package))}"


def sources_digest(folder: str) -> str:
    """A digest of the .py files under ``folder`` (name, mtime, size; __pycache__ passed by), in name order."""
    digest = hashlib.sha256()
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.endswith(".py") and entry.is_file():
            stat = entry.stat()
            digest.update(f"{entry.name} {stat.st_mtime_ns} {stat.st_size}\n".encode())
        elif entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
            digest.update(f"{entry.name}/{sources_digest(entry.path)}\n".encode())
    return digest.hexdigest()[:16]


# The problems of one file as an entry keeps them: (line, column, message, hint, severity) each, or None.
StoredProblems = tuple[tuple[int, int, str, str, str], ...] | None


class AuthorRecord(NamedTuple):
    """An author file, validated."""

    id: str  # the file name as a slug
    name: str
    role: str
    photo: str
    photo_alt: str
    url: str
    bio: str  # Markdown: the file's body

    def to_author(self, shown: str) -> Author:
        return Author(
            id=self.id,
            name=self.name,
            path=shown,
            role=self.role,
            photo=self.photo,
            photo_alt=self.photo_alt,
            url=self.url,
            bio=self.bio,
        )


class ArticleRecord(NamedTuple):
    """A column or an article as its front matter gives it, validated, without its body."""

    slug: str
    title: str
    published: str  # ISO 8601, naive (marshal stores no datetime)
    category: str
    url: str
    reading_time: int  # 0 when the front matter states none: then the words of the body are counted
    summary: str
    author: str | None  # the author it names, as a slug, checked against the authors on every scan
    tags: tuple[str, ...]
    draft: bool
    related: tuple[str, ...]
    image: str
    image_alt: str
    subject: str
    preheader: str
    expires: str = ""  # ISO 8601, naive; "" when it never expires (a site's expiryDate)
    base_url: str = ""  # where its body's relative links resolve ("": the newsletter's base_url)
    language: str = ""  # a site's page: the language it was read in
    translation: str = ""  # a site's page: its translation group

    def to_article(self, kind: str, shown: str, author_id: str | None, related_too: bool = False) -> Article:
        """The Article; ``author_id`` is its author as resolved against the authors (by id or name)."""
        return article_of(self, kind, shown, author_id, related_too)


def article_of(
    record: Sequence[Any], kind: str, shown: str, author_id: str | None, related_too: bool = False, modified: int = 0
) -> Article:
    """The Article from an ArticleRecord, also as the plain tuple the cache keeps (a warm scan skips naming it).

    Article is built positionally, in its own field order: binding 19 keywords costs a microsecond per article,
    a tenth of a warm scan's budget on a big archive. tests/test_content.py checks every field lands by name.
    """
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
        expires,
        base_url,
        language,
        translation,
    ) = record
    when = dt.datetime.fromisoformat(published)
    return Article(
        slug,
        kind,
        title,
        when,
        category,
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
        "",
        dt.datetime.fromisoformat(expires) if expires else None,
        related_too,
        base_url,
        modified,
        language,
        translation,
    )
