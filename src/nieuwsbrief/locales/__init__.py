"""Every word nieuwsbrief writes in a language: one folder per locale, locales/<code>/ (labels.toml, and init/ with
the sample texts), shipped in the package. The locales are the folders found; this module is the only reader of
them. Projects override labels in [labels]. A date is written from the locale's own month names, not Babel's: Babel
costs a twentieth of a second to load on every run that renders; the tests hold each locale's dates to Babel's.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT = "nl"
_FOLDER = Path(__file__).parent  # not importlib.resources: 20 ms of imports on every start
# The default locale first, then the others by code: the order of `init --locale`'s choices and the reference.
CODES = (DEFAULT, *sorted(p.parent.name for p in _FOLDER.glob("*/labels.toml") if p.parent.name != DEFAULT))
SAMPLES = ("column", "article", "author", "readme")  # init/<kind>.md: the sample pieces, and the project's README

# The placeholders each label may use; a project's override may use these and no others.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "reading_time": frozenset({"minutes"}),
    "issue": frozenset({"number"}),
    "why": frozenset({"name"}),
    "archive_intro": frozenset({"name"}),
    "subscribe": frozenset({"name"}),
    "more_about": frozenset({"name"}),
}


@dataclass(frozen=True)
class Locale:
    """One locale's folder, read."""

    code: str
    labels: dict[str, str]  # the email and the web archive
    proof: dict[str, str]  # the proof sheet
    paths: dict[str, str]  # default web addresses under base_url
    words: dict[str, str]  # category, new_category, tag_example
    months: list[list[str]]  # each month's names, January first, in lower case: what a date in words is read by
    long_date: str  # "{day} {month} {year}"
    month_names: list[str]  # as a date is written, January first
    generic_links: list[str]
    init: dict[str, str]  # what init writes into a new project
    samples: dict[str, str]  # kind -> the sample text init writes, to fill in with str.format


@cache
def locale(code: str) -> Locale:
    """The locale ``code``; the default one for a code that is not found (settings report that code)."""
    folder = _FOLDER / (code if code in CODES else DEFAULT)
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    words = data["words"]
    return Locale(
        code=folder.name,
        labels=data["labels"],
        proof=data["proof"],
        paths=data["paths"],
        words={key: value for key, value in words.items() if isinstance(value, str)},
        months=words["months"],
        long_date=data["dates"]["long"],
        month_names=data["dates"]["months"],
        generic_links=words["generic_links"],
        init=data["init"],
        samples={kind: (folder / "init" / f"{kind}.md").read_text(encoding="utf-8") for kind in SAMPLES},
    )


def every_locale() -> list[Locale]:
    return [locale(code) for code in CODES]


def in_each(word: Callable[[Locale], str]) -> str:
    """'Nieuws (en: News)': the default locale's word, then each other locale's, for the reference and help."""
    others = ", ".join(f"{found.code}: {word(found)}" for found in every_locale()[1:])
    return f"{word(locale(DEFAULT))} ({others})" if others else word(locale(DEFAULT))


def label_names() -> list[str]:
    return sorted(locale(DEFAULT).labels)


def labels_for(code: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    return {**locale(code).labels, **(overrides or {})}


def month_number(name: str) -> int | None:
    """1 for 'januari', 'January' or 'jan': a month's name or short form in any locale."""
    return _month_numbers().get(name.lower())


@cache
def _month_numbers() -> dict[str, int]:
    return {name: number for found in every_locale() for number, names in enumerate(found.months, 1) for name in names}


def generic_link_words() -> frozenset[str]:
    return frozenset(word for found in every_locale() for word in found.generic_links)


def long_date(day: dt.date, code: str) -> str:
    """'28 november 2026' in Dutch, '28 November 2026' in English."""
    found = locale(code)
    return found.long_date.format(day=day.day, month=found.month_names[day.month - 1], year=day.year)


@cache
def stopwords(language: str) -> frozenset[str]:
    """The words of ``language`` too common to tell what a piece is about (locales/<code>/stopwords.txt; none for a
    language without that file): related pieces are found by the other words."""
    found = _FOLDER / language.split("-")[0].lower() / "stopwords.txt"
    if not found.is_file():
        return frozenset()
    lines = found.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if not line.startswith("#") for word in line.split())
