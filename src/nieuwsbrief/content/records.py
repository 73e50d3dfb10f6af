"""Records: what one file yields (its entry), and the Author or Article made from it.

An entry holds the file's problems and, when it has no error, its record: the validated fields
(fields.py) of an author or an article, without the body; the default summary takes the first paragraph
here, while the whole body is read only for the pieces an issue features (bodies.py). Entries cross
the cache and the worker processes as plain tuples, in marshal; they are named as soon as they are read
(``AuthorEntry.of``; an article record straight into an Article by ``article_of``, the warm scan's hot path).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple

from .. import __version__, markdown
from ..config import Settings
from ..model import Article, Author
from ..text import SLUG, slugify
from .fields import Fields
from .formats import read_document
from .text import Collector, Document

SUMMARY_CHARS = 160
ENTRY_SCHEMA = 5  # bump when an entry's layout or meaning changes: older caches are then rebuilt
# 3: summaries and word counts read footnotes, definition lists and the images of raw HTML
# 4: a record carries its expiry and its page's own base URL (sites)
# 5: one-line fields refuse a line break (their problems are cached with the entry)

ARTICLE_KEYS = {
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
AUTHOR_KEYS = {"name", "role", "photo", "photo_alt", "url"}


def entry_key(settings: Settings, *more: object) -> str:
    """What an entry depends on besides its file: the code and the settings that go into it (and ``more``)."""
    depends = (
        __version__,
        ENTRY_SCHEMA,
        settings.base_url,
        settings.article_url,
        settings.timezone,
        settings.max_file_bytes,
        *more,
    )
    return hashlib.sha256(repr(depends).encode("utf-8")).hexdigest()[:16]


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
    )


# An entry is what one file yields: its problems and, when it has no error, its record. The cache keeps
# it in marshal and the worker processes send it back in marshal, which stores no tuple subclass: there
# it is plain tuples (``stored()``), named again by ``of()`` when it is read.


class AuthorEntry(NamedTuple):
    problems: StoredProblems
    record: AuthorRecord | None

    @classmethod
    def of(cls, stored: Sequence[Any]) -> AuthorEntry:
        problems, record = stored
        return cls(problems, None if record is None else AuthorRecord._make(record))

    def stored(self) -> tuple[Any, ...]:
        return (self.problems, None if self.record is None else tuple(self.record))


class ArticleEntry(NamedTuple):
    problems: StoredProblems
    record: ArticleRecord | None
    author: str | None  # the author an invalid file names (None when it names none): it is checked all the same

    def stored(self) -> tuple[Any, ...]:
        return (self.problems, None if self.record is None else tuple(self.record), self.author)


def entry(settings: Settings, kind: str, shown: str, path: str) -> tuple[tuple[Any, ...], int, int]:
    """The file's entry, as stored, and the stamp (mtime_ns, size) of what was read."""
    out = Collector()
    document = read_document(settings.max_file_bytes, shown, path, out)
    if kind == "author":
        author_record = _author_record(settings, document, out) if document is not None else None
        return AuthorEntry(_stored(out), author_record).stored(), *out.stamp
    record, author = article_record(settings, document, kind, out) if document is not None else (None, None)
    return ArticleEntry(_stored(out), record, author if record is None else None).stored(), *out.stamp


def _stored(out: Collector) -> StoredProblems:
    return tuple((p.line, p.column, p.message, p.hint, p.severity) for p in out.problems) or None


def _author_record(settings: Settings, document: Document, out: Collector) -> AuthorRecord:
    fields = Fields(document, out)
    fields.warn_unknown(AUTHOR_KEYS)
    photo = fields.image("photo", settings.base_url)
    photo_alt = fields.text("photo_alt")
    if photo and not photo_alt:
        fields.problem("photo", "the photo has no alt text", "add photo_alt: a short description of the photo")
    name = fields.text("name", required=True, one_line=True)
    role = fields.text("role", one_line=True)
    url = fields.url("url", settings.base_url)
    return AuthorRecord(
        id=slugify(_stem(document.path)),
        name=name,
        role=role,
        photo=photo,
        photo_alt=photo_alt,
        url=url,
        bio=document.body.strip(),
    )


def article_record(settings: Settings, document: Document, kind: str, out: Collector) -> tuple[ArticleRecord | None, str | None]:
    """The article's fields, or None when the file has an error; and the author id it names, if any."""
    before = len(out.problems)
    fields = Fields(document, out)
    fields.warn_unknown(ARTICLE_KEYS)
    declared = fields.text("type", one_line=True)
    if declared and declared != kind:
        fields.problem(
            "type",
            f"type '{declared}' does not match its folder ({kind}s/)",
            f"move the file to content/{declared}s/ or remove 'type:'",
        )
    slug = fields.text("slug") or slugify(_stem(document.path))
    if not SLUG.fullmatch(slug):
        fields.problem(
            "slug",
            f"slug {slug!r} is not lowercase letters, digits and hyphens",
            f"use e.g. slug: {slugify(slug) or 'mijn-artikel'}",
        )
    published = fields.date(settings.timezone)
    author = fields.text("author", one_line=True)
    if kind == "column" and not author and "author" not in document.fields:
        fields.problem("author", "a column needs an author", "add 'author: <id>' naming a file in content/authors/")
    image = fields.image("image", settings.base_url)
    image_alt = fields.text("image_alt")
    if image and not image_alt:
        fields.problem("image", "the image has no alt text", "add image_alt: a short description of the image")
    url = fields.url("url", settings.base_url) or settings.article_url.format(slug=slug, type=kind)
    minutes = fields.stated_reading_time()
    summary = fields.text("summary") or markdown.summary(document.body, SUMMARY_CHARS)
    # Words that recur across thousands of files are interned: one string each in memory and in the cache.
    record = ArticleRecord(
        slug=slug,
        title=fields.text("title", required=True, one_line=True),
        published=(published or dt.datetime.min).isoformat(),
        category=sys.intern(fields.text("category", required=True, one_line=True)),
        url=url,
        reading_time=minutes,
        summary=summary,
        author=sys.intern(slugify(author)) if author else None,
        tags=tuple(sys.intern(t.lower()) for t in fields.words("tags")),
        draft=fields.flag("draft"),
        related=fields.words("related", lambda s: bool(SLUG.fullmatch(s)), "slugs are lowercase words with hyphens"),
        image=image,
        image_alt=image_alt,
        subject=fields.text("subject", one_line=True),
        preheader=fields.text("preheader", one_line=True),
    )
    valid = all(p.severity != "error" for p in out.problems[before:])
    return (record if valid else None), record.author


def _stem(shown: str) -> str:
    return shown[shown.rfind("/") + 1 :].removesuffix(".md")
