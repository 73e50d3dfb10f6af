"""Checks across files, run on every scan (cached entries included): authors that no file in
content/authors/ defines, slugs used twice, and 'related' slugs that name no piece. `check` adds one
across the archive: a column that may still lead must have a subject the pre-flight check accepts.

These checks look at all the records at once, so the cache cannot hold their outcome; they point at
the field in question by reading that file's front matter again (rarely: only when a check fails).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from ..model import Article, Author
from ..text import slugify
from .source import located, position
from .text import Collector


def author_id(author: str | None, authors: dict[str, Author]) -> str | None:
    """An author is named by file name (the id) or, as editors often do, by the name in that file."""
    if author is None or author in authors:
        return author
    return next((a.id for a in authors.values() if slugify(a.name) == author), None)


def unknown_author(project: Path, shown: str, authors: dict[str, Author], out: Collector) -> None:
    document = located(project, shown)
    item = document.fields.get("author") if document is not None else None
    author = str(item.value).strip() if item is not None else "?"
    known = ", ".join(sorted(authors)) or "none yet"
    line, column = position(document, "author")
    out.add(shown, line, column, f"unknown author '{author}'", f"add content/authors/{slugify(author)}.md or use one of: {known}")


def duplicate_slugs(project: Path, articles: list[Article], out: Collector) -> Set[str]:
    """Every file of a slug that more than one piece uses, each naming the others; returns the slugs in use."""
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
            line, column = position(located(project, article.path), "slug")
            out.add(
                article.path, line, column, f"duplicate slug '{slug}' (also {others})", "rename one file or set a different slug:"
            )
    return seen.keys()


def unknown_related(project: Path, articles: list[Article], slugs: Set[str], out: Collector) -> None:
    """Each 'related' slug that names no piece, at the file's 'related' line."""
    for article in articles:
        unknown = [slug for slug in article.related if slug not in slugs]
        if unknown:
            line, column = position(located(project, article.path), "related")  # the file is read again once
        for slug in unknown:
            out.add(
                article.path,
                line,
                column,
                f"'related' names unknown slug '{slug}'",
                "use the file name (without .md) of an existing column or article",
            )
