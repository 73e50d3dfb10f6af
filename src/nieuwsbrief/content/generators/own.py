"""Our own layout as a generator: content/columns, content/articles and content/authors, our own field names,
addresses from [links] article_url, and every problem an error (``strict``).

Its files are read by a fast path of their own (``piece``, ``authors``): the front matter is YAML only, every key
is checked against the fields we know, and nothing is derived from the site around a file, so a file the walk
passes by changes nothing (``self_contained``).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ... import markdown
from ...config import Settings
from ...config.content_schema import AUTHOR_FIELDS, PIECE_FIELDS
from ...errors import ContentError, Problem
from ...text import SLUG, slugify
from ..fields import Fields
from ..formats import split_yaml
from ..records import ArticleRecord, AuthorRecord
from ..text import Collector, Document
from ..walk import Chooser, Plan
from .base import NO_PIECE, Generator, Piece
from .site import Site

CONTENT_DIR = "content"
AUTHORS_FOLDER = "authors"
KIND_FOLDERS = {"columns": "column", "articles": "article"}
_KINDS = {AUTHORS_FOLDER: "author", **KIND_FOLDERS}
ARTICLE_KEYS = {*PIECE_FIELDS, "type"} - {"expires"}  # our field names are our keys ("expires" is a site's)
AUTHOR_KEYS = set(AUTHOR_FIELDS) - {"bio"}  # an author's bio is the file's body


class Own(Generator):
    name = "own"
    strict = True
    self_contained = True
    folder = "the content folder"
    copy_into = f"{CONTENT_DIR}/"

    def root(self, settings: Settings) -> tuple[Path, str]:
        return settings.project / CONTENT_DIR, f"{CONTENT_DIR}/"

    def site(self, settings: Settings, out: Collector) -> Site:
        root, shown = self.root(settings)
        if not root.is_dir():
            hint = "create content/columns, content/articles and content/authors"
            raise ContentError("invalid content", [Problem(CONTENT_DIR, 0, 0, "content folder not found", hint)])
        return Site(
            generator=self.name,
            root=str(root.resolve()),
            shown=shown,
            base_url=settings.base_url,
            language=settings.content_language,
            timezone=settings.timezone,
            columns=("columns/**/*.md",),
            articles=("articles/**/*.md",),
            authors=("authors/**/*.md",),
            fields=self.fields,
            author_fields=self.author_fields,
            category="",
        )

    def plan(self, site: Site) -> Plan:
        # Every .md file of each folder, authors first (the pieces name them).
        return tuple((folder, Chooser(suffix=".md", tag=_KINDS[folder])) for folder in (AUTHORS_FOLDER, *sorted(KIND_FOLDERS)))

    def new_path(self, kind: str, slug: str) -> str | None:
        folder = next(folder for folder, named in _KINDS.items() if named == kind)
        return f"{CONTENT_DIR}/{folder}/{slug}.md"

    def split(self, shown: str, text: str, out: Collector) -> Document | None:
        return split_yaml(shown, text, out)

    def piece(self, settings: Settings, site: Site, kind: str, shown: str, text: str, out: Collector) -> Piece:
        document = split_yaml(shown, text, out)
        if document is None:
            return NO_PIECE
        record, author = article_record(settings, document, kind, out)
        return Piece(record, author, document.body, document.body_line)

    def authors(self, settings: Settings, site: Site, shown: str, text: str, out: Collector) -> list[AuthorRecord]:
        document = split_yaml(shown, text, out)
        return [_author_record(settings, document, out)] if document is not None else []


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
    summary = fields.text("summary") or markdown.summary(document.body, markdown.SUMMARY_CHARS)
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
