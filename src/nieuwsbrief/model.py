"""Frozen typed records that flow one way: content -> selection -> edition -> render -> archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

# The last year a date may have: the day after it, and the week it falls in, must exist too (Python's dates end on
# 9999-12-31). Content dates, --date and the dates of a manifest are held to it.
LAST_YEAR = 9998


@dataclass(frozen=True)
class Author:
    id: str
    name: str
    path: str
    role: str = ""
    photo: str = ""
    photo_alt: str = ""
    url: str = ""
    bio: str = ""  # Markdown: the "Over de auteur" text


class Article(NamedTuple):
    """A column or an article, validated. ``path`` is relative to the project.

    A NamedTuple rather than a frozen dataclass: a run over an archive of 100,000 pieces builds
    100,000 of these, and a tuple is built about five times faster. As found by a scan it has no
    body yet (``body`` is "", ``reading_time`` only what the front matter states, else 0):
    content.complete() reads that for the pieces an issue features.
    """

    slug: str
    kind: str  # "column" or "article"
    title: str
    published: dt.datetime  # naive; a bare date means midnight
    category: str
    path: str
    body: str  # Markdown
    body_line: int  # the file line where the body starts
    url: str
    reading_time: int
    summary: str
    author: str = ""
    tags: tuple[str, ...] = ()
    image: str = ""
    image_alt: str = ""
    draft: bool = False
    related: tuple[str, ...] = ()
    subject: str = ""
    preheader: str = ""
    sha256: str = ""
    expires: dt.datetime | None = None  # a site's expiry date: from then on it is off the site, and never picked
    related_too: bool = False  # a column a site's globs also list as a related piece
    base_url: str = ""  # where the body's relative links and images resolve: its own page on a site; "": base_url
    modified: int = 0  # the file's mtime in ns when it was scanned: breaks a tie between columns of one moment
    language: str = ""  # a site's page: the language it was read in
    translation: str = ""  # a site's page: its translation group (the pages that are one piece in several languages)

    def is_published_by(self, day: dt.date) -> bool:
        return self.published.date() <= day


@dataclass(frozen=True)
class Content:
    articles: tuple[Article, ...]
    authors: dict[str, Author] = field(default_factory=dict)

    def by_slug(self) -> dict[str, Article]:
        return {a.slug: a for a in self.articles}


@dataclass(frozen=True)
class Pick:
    """One featured piece and why it was chosen."""

    slot: str  # "lead", "related-1", ...
    article: Article
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Skip:
    """A piece that was considered and left out, and why (for --explain)."""

    slug: str
    reason: str
    kind: str = ""  # "column" or "article"


@dataclass(frozen=True)
class Selection:
    issue_id: str
    date: dt.date
    lead: Pick
    related: tuple[Pick, ...]
    skipped: tuple[Skip, ...] = ()  # pieces that could not be featured: drafts, future, featured, excluded
    passed_over: tuple[Skip, ...] = ()  # eligible columns that lost the lead to it, each with why (selection.explained)
    weak: tuple[Skip, ...] = ()  # the strongest pieces left out as too weakly related to the lead (relevance.py)

    @property
    def picks(self) -> tuple[Pick, ...]:
        return (self.lead, *self.related)


@dataclass(frozen=True)
class Edition:
    """Everything the templates need, already decided: no logic left for rendering."""

    id: str
    number: int
    date: dt.date
    subject: str
    preheader: str
    selection: Selection
    links: dict[str, str]  # slot -> URL with UTM tags
    view_online_url: str
    unsubscribe_url: str
    web_url: str = ""  # the issue's web version in the published archive


@dataclass(frozen=True)
class RenderedEdition:
    edition: Edition
    html: str
    text: str
    eml: bytes
    web_html: str = ""  # the web version: the same issue as a page for the archive
    lead_body: str = ""  # the lead's Markdown as the issue shows it: the whole body, or its excerpt


@dataclass(frozen=True)
class Outgoing:
    """An archived issue as it leaves: its HTML, text and .eml written in one ESP dialect."""

    issue_id: str
    dialect: str
    subject: str
    preheader: str
    html: str
    text: str
    eml: bytes
    newsletter: str  # the newsletter's name: the From name and the campaign's title
    sender_name: str
    sender_address: str
    reply_to: str
    date: dt.date
