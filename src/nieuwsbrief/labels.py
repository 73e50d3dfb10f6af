"""Labels and dates per locale (the only user of Babel). Projects override labels in [labels]."""

from __future__ import annotations

import datetime as dt

CATALOGUE: dict[str, dict[str, str]] = {
    "nl": {
        "reading_time": "{minutes} min lezen",
        "about_author": "Over de auteur",
        "related": "Gerelateerde artikelen",
        "view_online": "Bekijk in je browser",
        "unsubscribe": "Afmelden",
        "read_more": "Lees verder op de website",
        "read_article": "Lees het artikel",
        "by": "Door",
        "issue": "Nummer {number}",
        "links": "Links in deze column",
        "image": "Afbeelding",
        "why": "Je ontvangt deze nieuwsbrief omdat je je hebt aangemeld voor {name}.",
        "unsubscribe_text": "Geen nieuwsbrief meer ontvangen? Afmelden:",
        "view_online_text": "Lees deze nieuwsbrief in je browser:",
        "archive": "Archief",
        "archive_intro": "Alle nummers van {name}, het nieuwste eerst.",
        "all_issues": "Alle nummers",
        "feed": "Volg de nieuwsbrief via de Atom-feed",
        "subscribe": "Abonneer je op {name}",
    },
    "en": {
        "reading_time": "{minutes} min read",
        "about_author": "About the author",
        "related": "Related articles",
        "view_online": "View in your browser",
        "unsubscribe": "Unsubscribe",
        "read_more": "Continue reading on the website",
        "read_article": "Read the article",
        "by": "By",
        "issue": "Issue {number}",
        "links": "Links in this column",
        "image": "Image",
        "why": "You receive this newsletter because you subscribed to {name}.",
        "unsubscribe_text": "No longer want this newsletter? Unsubscribe:",
        "view_online_text": "Read this newsletter in your browser:",
        "archive": "Archive",
        "archive_intro": "Every issue of {name}, newest first.",
        "all_issues": "All issues",
        "feed": "Follow the newsletter through its Atom feed",
        "subscribe": "Subscribe to {name}",
    },
}


# The placeholders each label may use; a project's override may use these and no others.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "reading_time": frozenset({"minutes"}),
    "issue": frozenset({"number"}),
    "why": frozenset({"name"}),
    "archive_intro": frozenset({"name"}),
    "subscribe": frozenset({"name"}),
}


def labels_for(locale: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    return {**CATALOGUE[locale], **(overrides or {})}


def long_date(day: dt.date, locale: str) -> str:
    """'28 november 2026' in Dutch, '28 November 2026' in English."""
    from babel.dates import format_date  # Babel loads only when something is rendered

    return format_date(day, format="d MMMM y", locale=locale)
