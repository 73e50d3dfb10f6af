"""The archive on the web: issues/index.html (every issue, newest first) and issues/feed.xml (Atom).

Both are rendered from the manifests, so they list exactly what the archive holds, and they carry
the issue dates (at the send time, in the project's zone), never the time of the run: same archive,
same bytes. archive.py writes them; this module only renders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import __version__
from .archive import FILES, SITE_FILES, IssueRecord
from .brand import Look, look, published_files
from .config import Settings
from .delivery.message import send_moment
from .locales import labels_for, long_date
from .manifest import SENT
from .templating import ARCHIVE_FEED_TEMPLATE, ARCHIVE_INDEX_TEMPLATE, Templates
from .text import one_line

FEED_ENTRIES = 50  # a feed reader needs the recent issues; the index page lists them all


@dataclass(frozen=True)
class ArchiveEntry:
    id: str
    number: int
    date: dt.date
    subject: str
    preheader: str


def render_site(records: Sequence[IssueRecord], settings: Settings, templates: Templates) -> dict[str, bytes]:
    """The index page and the feed for these issues, by file name under issues/: the sent ones, unless
    [archive] issues = "all" (an issue composed but never sent is no part of the public record); and the brand's
    logo file, which the emails link there."""
    listed = [record for record in records if settings.archive_issues == "all" or record.manifest.status == SENT]
    entries = sorted((_entry(record) for record in listed), key=lambda e: (e.date, e.id), reverse=True)
    labels = labels_for(settings.locale, settings.labels)
    found = look(settings)
    context = _context(entries, settings, labels, found)
    index = templates.render(ARCHIVE_INDEX_TEMPLATE, context)
    feed = templates.render(ARCHIVE_FEED_TEMPLATE, {**context, "issues": context["issues"][:FEED_ENTRIES]})
    pages = {SITE_FILES["index"]: _tidy(index).encode("utf-8"), SITE_FILES["feed"]: _tidy(feed).encode("utf-8")}
    return pages | published_files(found)


def _entry(record: IssueRecord) -> ArchiveEntry:
    """An issue as the pages list it: its subject and preheader on one line, as its headers carry them (a manifest
    written before the content's checks, or by hand, may hold a character XML 1.0 cannot: the feed stays XML)."""
    manifest = record.manifest
    subject, preheader = one_line(manifest.subject or record.id), one_line(manifest.preheader)
    return ArchiveEntry(record.id, manifest.number, manifest.date, subject, preheader)


def _context(entries: list[ArchiveEntry], settings: Settings, labels: dict[str, str], found: Look) -> dict[str, Any]:
    issues = [_issue(entry, settings, labels) for entry in entries]
    newest = issues[0]["updated"] if issues else _timestamp(dt.date(1970, 1, 1), settings)
    intro = labels["archive_intro"].format(name=settings.name)
    return {
        "lang": settings.locale,
        "dir": "ltr",
        "labels": labels,
        "brand": found,
        "newsletter": {"name": settings.name, "postal_address": settings.postal_address},
        "archive": {
            "url": settings.archive_url,
            "intro": intro,
            "subscribe": {"url": settings.subscribe_url, "text": labels["subscribe"].format(name=settings.name)},
        },
        "feed": {
            "id": settings.archive_url,
            "subtitle": intro,
            "updated": newest,
            "self": f"{settings.archive_url}{SITE_FILES['feed']}",
            "alternate": settings.archive_url,
            "generator_version": __version__,
        },
        "issues": issues,
    }


def _issue(entry: ArchiveEntry, settings: Settings, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "id": entry.id,
        "subject": entry.subject,
        "preheader": entry.preheader,
        "date": entry.date.isoformat(),
        "date_label": long_date(entry.date, settings.locale),
        "number_label": labels["issue"].format(number=entry.number),
        # Relative, so the page also works opened from disk; the feed needs absolute URLs.
        "href": f"{entry.id}/{FILES['web']}",
        "url": f"{settings.archive_url}{entry.id}/",
        "updated": _timestamp(entry.date, settings),
    }


def _timestamp(day: dt.date, settings: Settings) -> str:
    """RFC 3339, from the issue date at the send time: the feed changes only when the archive does."""
    return send_moment(day, settings).isoformat()


def _tidy(document: str) -> str:
    lines = [line.rstrip() for line in document.split("\n")]
    return "\n".join(line for line in lines if line).strip("\n") + "\n"
