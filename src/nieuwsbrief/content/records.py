"""Records: what one file yields, an author or an article, and the Author and Article made from it.

A file's *entry* is plain tuples (what the metadata cache stores in marshal and the worker processes
send back): its problems and, when it has no error, its record. Building the record validates every
field (fields.py); the default summary takes the first paragraph of the body here, while the whole
body is read only for the pieces an issue features (bodies.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Sequence
from typing import Any

from .. import __version__, markdown
from ..config import Settings
from ..model import Article
from ..text import SLUG, slugify
from .fields import Fields
from .frontmatter import Collector, Document, read_document

SUMMARY_CHARS = 160
ENTRY_SCHEMA = 2  # bump when an entry's layout or meaning changes: older caches are then rebuilt

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


def entry_key(settings: Settings) -> str:
    """What an entry depends on besides its file: the code and the settings that go into it."""
    depends = (__version__, ENTRY_SCHEMA, settings.base_url, settings.article_url, settings.timezone, settings.max_file_bytes)
    return hashlib.sha256(repr(depends).encode("utf-8")).hexdigest()[:16]


# An entry is what one file yields, as plain tuples (marshal for the cache, pickle between processes):
#   author:  (problems, (id, name, role, photo, photo_alt, url, bio) or None)
#   article: (problems, (slug, title, published, category, url, reading_time, summary, author, tags,
#             draft, related, image, image_alt, subject, preheader) or None, author of an invalid file)
# problems is None or a tuple of (line, column, message, hint, severity); reading_time 0 means "count the
# words of the body"; author is None when the file names no author, else the id to check.


def entry(settings: Settings, kind: str, shown: str, path: str) -> tuple[Any, int, int]:
    """The file's entry and the stamp (mtime_ns, size) of what was read."""
    out = Collector()
    document = read_document(settings.max_file_bytes, shown, path, out)
    if kind == "author":
        author_record = _author_record(settings, document, out) if document is not None else None
        return (_plain(out), author_record), *out.stamp
    record, author = article_record(settings, document, kind, out) if document is not None else (None, None)
    return (_plain(out), record, author if record is None else None), *out.stamp


def _plain(out: Collector) -> tuple[tuple[Any, ...], ...] | None:
    return tuple((p.line, p.column, p.message, p.hint, p.severity) for p in out.problems) or None


def _author_record(settings: Settings, document: Document, out: Collector) -> tuple[Any, ...]:
    fields = Fields(document, out)
    fields.warn_unknown(AUTHOR_KEYS)
    photo = fields.image("photo", settings.base_url)
    photo_alt = fields.text("photo_alt")
    if photo and not photo_alt:
        fields.problem("photo", "the photo has no alt text", "add photo_alt: a short description of the photo")
    name = fields.text("name", required=True)
    role = fields.text("role")
    url = fields.url("url", settings.base_url)
    return (slugify(_stem(document.path)), name, role, photo, photo_alt, url, document.body.strip())


def article_record(
    settings: Settings, document: Document, kind: str, out: Collector
) -> tuple[tuple[Any, ...] | None, str | None]:
    """The article's fields, or None when the file has an error; and the author id it names, if any."""
    before = len(out.problems)
    fields = Fields(document, out)
    fields.warn_unknown(ARTICLE_KEYS)
    declared = fields.text("type")
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
    author = fields.text("author")
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
        fields.words("related", lambda s: bool(SLUG.fullmatch(s)), "slugs are lowercase words with hyphens"),
        image,
        image_alt,
        fields.text("subject"),
        fields.text("preheader"),
    )
    valid = all(p.severity != "error" for p in out.problems[before:])
    return (record if valid else None), record[7]


def _stem(shown: str) -> str:
    return shown[shown.rfind("/") + 1 :].removesuffix(".md")


def article_from(kind: str, shown: str, record: Sequence[Any], author_id: str | None) -> Article:
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
