"""Checks across files, run on every scan (cached entries included): authors that no file in
content/authors/ defines, slugs used twice, and 'related' slugs that name no piece; and for a site, what
its pages need instead: an author known by name only, slugs told apart by their folders, one warning for
the authors without a bio, and a warning that many files share said once.

These checks look at all the records at once, so the cache cannot hold their outcome; they point at
the field in question by reading that file's front matter again (rarely: only when a check fails).
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections import defaultdict
from collections.abc import Set

from ..config import SETTINGS_FILE, Settings, written_positions
from ..errors import Problem
from ..model import Article, Author
from ..text import did_you_mean, slugify
from .generators.globs import matches_something
from .generators.site import Site
from .read import document, position
from .text import Collector


def author_id(author: str | None, authors: dict[str, Author]) -> str | None:
    """An author is named by file name (the id) or, as editors often do, by the name in that file."""
    if author is None or author in authors:
        return author
    return next((a.id for a in authors.values() if slugify(a.name) == author), None)


def unknown_author(settings: Settings, shown: str, authors: dict[str, Author], out: Collector) -> None:
    found = document(settings, shown)
    item = found.fields.get("author") if found is not None else None
    author = str(item.value).strip() if item is not None else "?"
    known = ", ".join(sorted(authors)) or "none yet"
    line, column = position(found, "author")
    hint = did_you_mean(author, authors, f"add content/authors/{slugify(author)}.md or use one of: {known}")
    out.add(shown, line, column, f"unknown author '{author}'", hint)


def duplicate_slugs(settings: Settings, articles: list[Article], out: Collector) -> Set[str]:
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
            line, column = position(document(settings, article.path), "slug")
            out.add(
                article.path, line, column, f"duplicate slug '{slug}' (also {others})", "rename one file or set a different slug:"
            )
    return seen.keys()


def unknown_related(settings: Settings, articles: list[Article], slugs: Set[str], out: Collector) -> None:
    """Each 'related' slug that names no piece, at the file's 'related' line."""
    for article in articles:
        unknown = [slug for slug in article.related if slug not in slugs]
        if unknown:
            line, column = position(document(settings, article.path), "related")  # the file is read again once
        for slug in unknown:
            out.add(
                article.path,
                line,
                column,
                f"'related' names unknown slug '{slug}'",
                did_you_mean(slug, slugs, "use the file name, without .md, of an existing column or article"),
            )


SAID_ONCE_FROM = 3  # the same warning in this many files is said once, with a count


def author_of(name: str | None, authors: dict[str, Author], named: dict[str, Author], shown: str) -> str | None:
    """The id of the author a site's piece names: an author file's (by id or name), else one made from the name
    alone (kept in ``named``)."""
    if not name:
        return None
    text, url, role = byline(name)
    found = author_id(slugify(text), authors)
    if found is not None:
        return found
    id_ = slugify(text) or "author"
    named.setdefault(id_, Author(id=id_, name=text, path=shown, role=role, url=url))
    return id_


_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


_HTML_LINK = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*["']([^"'<>]*)["'][^>]*>(.*?)</a\s*>""", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def byline(written: str) -> tuple[str, str, str]:
    """A byline as a site may write it in Markdown, `[Name](https://…) ([Org](https://…))`, or in HTML that its
    layout renders (`<a href="https://…">Name</a>`): the name as text, the address of the first link, and the rest
    as text (the role); a plain name as it is."""
    if "<" in written and _HTML_TAG.search(written):
        written = _HTML_LINK.sub(lambda m: f"[{_HTML_TAG.sub('', m.group(2))}]({m.group(1)})", written)
        written = html.unescape(_HTML_TAG.sub("", written))
    if "](" not in written:
        return written, "", ""
    first = _LINK.search(written)
    plain = " ".join(re.sub(r"[*_`]", "", _LINK.sub(r"\1", written)).split())
    url = first.group(2) if first and first.group(2).startswith(("http://", "https://")) else ""
    if first is not None and first.start() == 0:
        name = first.group(1).strip()
    else:
        name = re.split(r"\s*[(,;]", plain, maxsplit=1)[0].strip()
        url = ""  # a handle or an organisation after the name: not the author's own address
    rest = plain[len(name) :].strip(" ,;")
    if rest.startswith("(") and ")" in rest:
        rest = (rest[1 : rest.index(")")] + rest[rest.index(")") + 1 :]).strip(" ,;")
    return name or plain, url, rest


def one_per_translation(articles: list[Article], language: str) -> list[Article]:
    """One piece per translation group: the page in ``language``, else the group's first (its original, which the
    files' order puts first); a page without a group is its own."""
    chosen: dict[str, Article] = {}
    for article in articles:
        key = article.translation or article.path
        held = chosen.get(key)
        if held is None or (article.language == language and held.language != language):
            chosen[key] = article
    kept = {id(article) for article in chosen.values()}
    return [article for article in articles if id(article) in kept]


def distinct_slugs(site: Site, articles: list[Article]) -> list[Article]:
    """A site's pieces whose slugs collide (its slugs need only be unique per section), with their folders in front."""
    if len({article.slug for article in articles}) == len(articles):  # the usual case, said by one set
        return articles
    count: dict[str, int] = defaultdict(int)
    for article in articles:
        count[article.slug] += 1
    distinct = []
    for article in articles:
        if count[article.slug] > 1:
            rel = article.path[len(site.shown) :].rsplit(".", 1)[0].removesuffix("/index")
            article = article._replace(slug=slugify(rel))
        distinct.append(article)
    return distinct


def empty_globs(settings: Settings, site: Site, out: Collector) -> None:
    """Each glob written in [content] that matches no file of the site: an error at its line (a site whose pieces
    are not found must never look like a quiet week)."""
    written = {"columns": settings.content_columns, "articles": settings.content_articles, "authors": settings.content_authors}
    positions: dict[str, tuple[int, int]] | None = None
    for key, globs in written.items():
        for glob in globs:
            if matches_something(site.root, glob):
                continue
            positions = positions if positions is not None else written_positions(settings.project)
            line, column = positions.get(f"content.{key}", (0, 0))
            message = f"[content] {key}: {glob!r} matches no file in {site.shown or 'the site folder'}"
            out.add(SETTINGS_FILE, line, column, message, "write a glob under the site's folder that finds its files")


def no_pieces(settings: Settings, out: Collector) -> None:
    """A site in which no piece can be featured: an error, never "nothing new" (exit 3, a quiet week to cron)."""
    line, column = written_positions(settings.project).get("content.columns", (0, 0))
    message = "no piece of the site can be featured: the globs find no page nieuwsbrief reads (see the warnings)"
    out.add(SETTINGS_FILE, line, column, message, "check [content] columns and articles, and the warnings for the pages")


def without_bio(authors: list[Author], out: Collector) -> None:
    """One warning for all the authors the pieces name without a bio: their issues have no "Over de auteur" box."""
    bare = sorted({author.name for author in authors if not author.bio})
    if bare:
        listed = ", ".join(bare[:5]) + (f" and {len(bare) - 5} more" if len(bare) > 5 else "")
        out.add(
            SETTINGS_FILE,
            0,
            0,
            f"{len(bare)} author{'s have' if len(bare) > 1 else ' has'} no bio, so an issue they lead leaves out the 'about the author' box: {listed}",
            "add author files with a bio and point [content] authors at them, if you want the box",
            "warning",
        )


def said_once(problems: list[Problem]) -> list[Problem]:
    """A warning that many files share (the same message and hint) is kept once, at its first file, with a count."""
    groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.severity == "warning":
            groups[(problem.message, problem.hint)].append(problem)
    first = {id(min(group)): len(group) for group in groups.values() if len(group) >= SAID_ONCE_FROM}
    kept = []
    for problem in problems:
        if problem.severity != "warning" or len(groups[(problem.message, problem.hint)]) < SAID_ONCE_FROM:
            kept.append(problem)
        elif id(problem) in first:
            kept.append(dataclasses.replace(problem, message=f"{problem.message} (and {first[id(problem)] - 1} more like it)"))
    return kept
