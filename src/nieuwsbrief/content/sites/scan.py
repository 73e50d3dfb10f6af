"""The scan of a site's folder: the walk by its globs, the metadata cache and the worker processes of our own
layout's scan (content/index.py), and the checks across files a site needs.

What differs from our own layout: the walk enters only the folders the globs can match and tags each file
by them (a file in both the columns and the articles globs can lead and be related); Hugo's section pages
are read for their `cascade`; the cache key covers the Site, so a change to the globs, the field map or the
site's own configuration rebuilds it. Across files: an author a piece names but no author file defines is
made from the name alone (said once, not per file); two pieces with the same slug are told apart by their
folders; and a warning that many files share is shown once, with a count.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ... import clock
from ...config import SETTINGS_FILE, Settings
from ...errors import ContentError, Problem
from ...model import Article, Author, Content
from ...text import slugify
from .. import checks, records
from ..cache import Store
from ..formats import split
from ..index import PARALLEL_FROM, Reader, Scan, _add_problems, _collector_paused, _link_problem, scan_listing
from ..records import AuthorRecord, article_of
from ..text import Collector, read_text
from ..walk import Chooser, Listing
from ..workers import Progress
from . import GENERATORS, resolve_site
from .generator import DATA_SUFFIXES, PIECE_SUFFIXES
from .globs import compile_globs, literal_folders, may_hold
from .hugo import cascade_of
from .pieces import entry, expand_body, page_of, piece_record
from .site import Site

CACHE_FILE = "site"  # in .nieuwsbrief/cache/: a site's entries, apart from our own layout's
_AUTHOR = records.ArticleRecord._fields.index("author")
_SLUG = records.ArticleRecord._fields.index("slug")
_NEVER_ENTERED = {"node_modules", "_site", "public", "resources", "vendor", "dist", ".git"}
_SAID_ONCE_FROM = 3  # the same warning in this many files is said once, with a count


def scan_site(
    settings: Settings, *, use_cache: bool = True, progress: Progress | None = None, parallel_from: int = PARALLEL_FROM
) -> Scan:
    """The site's metadata, validated, like content.scan_content for our own layout (which calls this)."""
    out = Collector()
    site = resolve_site(settings, out)
    if site is None or any(p.severity == "error" for p in out.problems):
        raise ContentError("invalid site", out.problems)
    with _collector_paused():
        started = clock.wall_ns()
        files, sections = walk_site(site, with_stamps=use_cache)
        site = _with_cascade(settings, site, sections, out)
        if any(p.severity == "error" for p in out.problems):
            raise ContentError("invalid site", out.problems)
        store = Store(settings.project, CACHE_FILE, records.entry_key(settings, repr(site))) if use_cache else None
        stored, notices = store.load() if store is not None else (None, [])
        reader = Reader(
            (settings, site), _parse_chunk, lambda files, entries: _build(settings, site, files, entries, out.problems)
        )
        return scan_listing(files, stored, store, notices, started, progress, parallel_from, reader)


def walk_site(site: Site, with_stamps: bool) -> tuple[Listing, list[str]]:
    """The files the globs match, each tagged column, article, column+article or author; and Hugo's section pages."""
    generator = GENERATORS[site.generator]
    columns, articles, authors = compile_globs(site.columns), compile_globs(site.articles), compile_globs(site.authors)
    starts = literal_folders((*site.columns, *site.articles, *site.authors))
    cut = len(site.shown)

    same = site.columns == site.articles  # the presets' usual case: one pattern to try, not two
    readable = (*PIECE_SUFFIXES, ".mdx", *DATA_SUFFIXES)

    def choose(shown: str) -> str | None:
        rel = shown[cut:]
        if not rel.lower().endswith(readable):  # a bundle's images, the site's templates: never read
            return None
        if generator.is_section(site, rel):
            return "section"
        if authors.fullmatch(rel):
            return "author"
        lead = columns.fullmatch(rel) is not None
        related = lead if same else articles.fullmatch(rel) is not None
        if not (lead or related) or rel.lower().endswith(DATA_SUFFIXES) or not generator.wants(site, rel):
            return None
        return "column+article" if lead and related else "column" if lead else "article"

    def enter(shown: str) -> bool:
        rel = shown[cut:].rstrip("/")
        return rel.rsplit("/", 1)[-1] not in _NEVER_ENTERED and may_hold(rel, starts)

    listing = Listing()
    listing.add(site.root, site.shown, site.root, Chooser(choose, enter), with_stamps)
    sections = [shown for shown, tag in zip(listing.shown, listing.tag, strict=True) if tag == "section"]
    if sections:
        kept = [i for i, tag in enumerate(listing.tag) if tag != "section"]
        for name in ("shown", "mtime_ns", "size", "tag"):
            column = getattr(listing, name)
            setattr(listing, name, [column[i] for i in kept])
    return listing, sections


def _with_cascade(settings: Settings, site: Site, sections: list[str], out: Collector) -> Site:
    """The site with the `cascade` of each Hugo section page, by the folder it covers."""
    cascades: dict[str, Any] = {}
    for shown in sections:
        read = read_text(settings.max_file_bytes, shown, os.path.join(settings.project, shown), out)
        document = split(shown, read[1], out) if read is not None else None
        values = {key.lower(): item.value for key, item in document.fields.items()} if document else {}
        pairs = cascade_of(values)
        if pairs:
            cascades[shown[len(site.shown) :].rsplit("/", 1)[0]] = pairs
    return dataclasses.replace(site, options={**site.options, "cascade": cascades}) if cascades else site


def _parse_chunk(context: tuple[Settings, Site], chunk: Sequence[tuple[str, str]]) -> bytes:
    base = str(context[0].project)
    return marshal.dumps([entry(context, tag, shown, os.path.join(base, shown)) for tag, shown in chunk])


def _build(
    settings: Settings, site: Site, files: Listing, entries: list[Any], found: list[Problem]
) -> tuple[Content, list[Problem]]:
    """Content from a site's entries: authors first, then the pieces with their authors, then the checks."""
    out = Collector(list(found))
    for shown, problem in files.refused:
        _link_problem(shown, problem, out, "the site folder", "the site folder")
    authors: dict[str, Author] = {}
    pieces = []
    for tag, shown, stored in zip(files.tag, files.shown, entries, strict=True):
        _add_problems(shown, stored[0], out)
        if tag == "author":
            for values in stored[1]:
                record = AuthorRecord._make(values)
                authors.setdefault(record.id, record.to_author(shown))
        elif stored[1] is not None:
            pieces.append((tag, shown, stored[1]))
    named: dict[str, Author] = {}
    resolved: dict[str | None, str | None] = {}  # author as named -> id: thousands of pieces name a dozen authors
    articles = []
    position = {shown: index for index, shown in enumerate(files.shown)}
    for tag, shown, record in _distinct_slugs(site, pieces):
        name = record[_AUTHOR]
        author = resolved[name] if name in resolved else resolved.setdefault(name, _author_of(name, authors, named, shown))
        kind = "column" if tag.startswith("column") else "article"
        modified = files.mtime_ns[position[shown]]  # a tie between columns of one moment goes to the file saved last
        articles.append(article_of(record, kind, shown, author, related_too=tag == "column+article", modified=modified))
    slugs = checks.duplicate_slugs(settings.project, articles, out)
    checks.unknown_related(settings.project, articles, slugs, out)
    everyone = {**authors, **named}
    _without_bio([everyone[id_] for id_ in sorted({a.author for a in articles if a.author})], out)
    return Content(tuple(articles), everyone), _said_once(out.problems)


def _distinct_slugs(site: Site, pieces: list[tuple[str, str, Any]]) -> list[tuple[str, str, Any]]:
    """Pieces whose slugs collide (a site's slugs need only be unique per section) get their folders in front."""
    count: dict[str, int] = defaultdict(int)
    for _, _, record in pieces:
        count[record[_SLUG]] += 1
    distinct = []
    for tag, shown, record in pieces:
        if count[record[_SLUG]] > 1:
            rel = shown[len(site.shown) :].rsplit(".", 1)[0].removesuffix("/index")
            record = (*record[:_SLUG], slugify(rel), *record[_SLUG + 1 :])
        distinct.append((tag, shown, record))
    return distinct


def _author_of(name: str | None, authors: dict[str, Author], named: dict[str, Author], shown: str) -> str | None:
    """The id of the author a piece names: an author file's (by id or name), else one made from the name alone."""
    if not name:
        return None
    found = checks.author_id(slugify(name), authors)
    if found is not None:
        return found
    id_ = slugify(name) or "author"
    named.setdefault(id_, Author(id=id_, name=name, path=shown))
    return id_


def _without_bio(authors: list[Author], out: Collector) -> None:
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


def _said_once(problems: list[Problem]) -> list[Problem]:
    """A warning that many files share (the same message and hint) is kept once, at its first file, with a count."""
    groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.severity == "warning":
            groups[(problem.message, problem.hint)].append(problem)
    first = {id(min(group)): len(group) for group in groups.values() if len(group) >= _SAID_ONCE_FROM}
    kept = []
    for problem in problems:
        if problem.severity != "warning" or len(groups[(problem.message, problem.hint)]) < _SAID_ONCE_FROM:
            kept.append(problem)
        elif id(problem) in first:
            kept.append(dataclasses.replace(problem, message=f"{problem.message} (and {first[id(problem)] - 1} more like it)"))
    return kept


def rereader(settings: Settings) -> tuple[str, Any]:
    """For content.complete: the words cache's key, and how a featured piece's file is read again (its fresh
    Article, its body with the template syntax written out, and the file line where the body starts)."""
    out = Collector()
    site = resolve_site(settings, out)
    if site is None:
        raise ContentError("invalid site", out.problems)

    def read(article: Article, text: str, problems: Collector) -> tuple[Article | None, str, int]:
        own = _with_cascade(settings, site, _sections_above(settings, site, article.path), problems)
        page = page_of(settings, own, article.path[len(site.shown) :], article.path, text, problems)
        record = piece_record(settings, own, page, article.kind, problems)[0] if page is not None else None
        if page is None or record is None:
            return None, "", 0
        fresh = article_of(tuple(record), article.kind, article.path, article.author or None, article.related_too)
        return fresh._replace(slug=article.slug), expand_body(settings, own, page), page.document.body_line

    return records.entry_key(settings, repr(site)), read


def _sections_above(settings: Settings, site: Site, shown: str) -> list[str]:
    """The section pages (_index.md) in the folders above a file: what a cascade can come from."""
    if not GENERATORS[site.generator].is_section(site, site.option("content_dir", "content") + "/_index.md"):
        return []
    found = []
    folders = shown[len(site.shown) :].split("/")[:-1]
    for depth in range(1, len(folders) + 1):
        candidate = site.shown + "/".join(folders[:depth]) + "/_index.md"
        if os.path.isfile(os.path.join(settings.project, candidate)):
            found.append(candidate)
    return found
