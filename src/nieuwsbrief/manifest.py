"""issues/<id>/manifest.json as typed records, with its one reader (parse_manifest) and one writer (manifest_bytes).

The manifest is an issue's memory: what it featured in which slot and why, hashes of what it was made from and
of what was written, the lint counts, the settings used, its status (composed or sent) and the send ledger, one
Delivery per test or real send (delivery/ledger.py keeps it). Its JSON carries "schema": 1; a manifest of
another schema is refused with a clear message rather than misread.

Reading checks every key's presence and type, and the values the ledger acts on (status, a delivery's kind and
state); anything wrong is an ArchiveError naming the file, the line and column, and the key, e.g.
``issues/2026-W48/manifest.json:117:16: error: 'deliveries[0].state' must be text, got 3``. A manifest
is never half-read: a wrong one stops every command that reads the archive until it is restored.

Writing gives the bytes this version has always written (key order, indent, keys left out when absent), so a
manifest reads back and writes again byte for byte. Keys this version does not know, left by a hand edit, are
kept: written back after the known keys of their object (in a delivery, where they stood).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import NoReturn

from .errors import ArchiveError, Problem
from .located import KeyPath, finite, json_position, lone_surrogate, refuse_constant
from .model import LAST_YEAR, Pick
from .text import CONTROL

SCHEMA = 1

COMPOSED = "composed"
SENT = "sent"
STATUSES = (COMPOSED, SENT)

TEST = "test"
REAL = "real"
KINDS = (TEST, REAL)

PENDING = "pending"  # asked for; not confirmed yet
SCHEDULED = "scheduled"  # the ESP holds it for --at: as good as sent, never to be sent again
FAILED = "failed"  # it certainly did not go out
NOT_SENT = "not-sent"  # a pending send found, on resolving, never to have gone out
UNKNOWN = "unknown"  # a pending send nobody could resolve, set aside by --force
STATES = (PENDING, SENT, SCHEDULED, FAILED, NOT_SENT, UNKNOWN)
DELIVERED = (SENT, SCHEDULED)

HINT = "restore it from version control"
LARGEST = 999_999_999  # a count or a number in a manifest; larger is a hand edit gone wrong
_WEEK_ID = re.compile(r"(\d{4})-W(\d{2})")
Extra = Mapping[str, object]  # keys this version does not know, as read


@dataclass(frozen=True)
class FeaturedPiece:
    """One featured piece, as the manifest and every --json output show it."""

    slot: str  # "lead", "related-1", ...
    slug: str
    kind: str  # "column" or "article"; "type" in the JSON
    title: str
    date: dt.date
    category: str
    reading_time: int
    path: str
    sha256: str
    score: float
    reasons: tuple[str, ...]
    extra: Extra = field(default_factory=dict)

    @classmethod
    def of(cls, pick: Pick) -> FeaturedPiece:
        article = pick.article
        return cls(
            pick.slot,
            article.slug,
            article.kind,
            article.title,
            article.published.date(),
            article.category,
            article.reading_time,
            article.path,
            article.sha256,
            pick.score,
            pick.reasons,
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "slot": self.slot,
            "slug": self.slug,
            "type": self.kind,
            "title": self.title,
            "date": self.date.isoformat(),
            "category": self.category,
            "reading_time": self.reading_time,
            "path": self.path,
            "sha256": self.sha256,
            "score": self.score,
            "reasons": list(self.reasons),
            **self.extra,
        }


@dataclass(frozen=True)
class AuthorRef:
    id: str
    path: str
    extra: Extra = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "path": self.path, **self.extra}


@dataclass(frozen=True)
class Inputs:
    """Hashes of what the issue was made from."""

    settings_sha256: str
    templates_sha256: str
    author: AuthorRef | None  # the lead's author, if the content has a page for them
    extra: Extra = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "settings_sha256": self.settings_sha256,
            "templates_sha256": self.templates_sha256,
            "author": self.author.as_dict() if self.author else None,
            **self.extra,
        }


@dataclass(frozen=True)
class LintSummary:
    errors: int
    warnings: int
    findings: tuple[str, ...]  # "C-12 message"
    extra: Extra = field(default_factory=dict)
    skipped: tuple[str, ...] = ()  # checklist rows not checked ([lint] skip, compose --skip); written only when some were

    def as_dict(self) -> dict[str, object]:
        skipped = {"skipped": list(self.skipped)} if self.skipped else {}
        return {"errors": self.errors, "warnings": self.warnings, "findings": list(self.findings), **skipped, **self.extra}


@dataclass(frozen=True, kw_only=True)
class Delivery:
    """One entry of the send ledger: a test, or a real send by SMTP or an ESP. None means absent from the JSON.

    The fields are in the order the JSON writes a new entry's keys.
    """

    kind: str  # test or real
    channel: str  # smtp, mailchimp, brevo or sendgrid
    state: str  # one of STATES
    dialect: str | None = None
    recipients: tuple[str, ...] | None = None  # a test's addresses, or the list address
    list_id: str | None = None
    campaign_id: str | None = None  # the ESP's campaign id, or the SMTP Message-ID
    requested_at: str  # when it was asked for, e.g. 2026-11-23T06:00:00Z
    scheduled_for: str | None = None
    confirmed_at: str | None = None
    resolved_at: str | None = None
    note: str | None = None
    extra: Extra = field(default_factory=dict)
    # The keys in the order they were first written. A key set later (an ESP's campaign id, a note, the time
    # a send was resolved) goes after them, as it always has: an entry's key order tells its history, and a
    # manifest that is read and written again must keep its bytes.
    key_order: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.key_order:
            object.__setattr__(self, "key_order", tuple(self._values()))

    def _values(self) -> dict[str, object]:
        known = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("extra", "key_order")}
        present = {key: list(value) if isinstance(value, tuple) else value for key, value in known.items() if value is not None}
        return present | dict(self.extra)

    def as_dict(self) -> dict[str, object]:
        """The entry as the manifest and the --json outputs of send and resolve show it."""
        values = self._values()
        order = [key for key in self.key_order if key in values] + [key for key in values if key not in self.key_order]
        return {key: values[key] for key in order}


@dataclass(frozen=True)
class Manifest:
    id: str
    number: int
    date: dt.date
    status: str  # composed or sent
    subject: str
    preheader: str
    lead: FeaturedPiece
    related: tuple[FeaturedPiece, ...]
    links: Mapping[str, str]  # slot -> URL with UTM tags
    inputs: Inputs
    outputs: Mapping[str, str]  # file name -> SHA-256 of what was written
    lint: LintSummary
    settings: Mapping[str, object]  # the settings used, as Settings.public() gives them
    generator: str  # "nieuwsbrief 0.1.0"
    deliveries: tuple[Delivery, ...] = ()
    extra: Extra = field(default_factory=dict)

    def featured_slugs(self) -> list[str]:
        return [self.lead.slug, *(piece.slug for piece in self.related)]

    def as_dict(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "number": self.number,
            "date": self.date.isoformat(),
            "status": self.status,
            "subject": self.subject,
            "preheader": self.preheader,
            "lead": self.lead.as_dict(),
            "related": [piece.as_dict() for piece in self.related],
            "links": dict(self.links),
            "inputs": self.inputs.as_dict(),
            "outputs": dict(self.outputs),
            "lint": self.lint.as_dict(),
            "settings": dict(self.settings),
            "generator": self.generator,
            "deliveries": [entry.as_dict() for entry in self.deliveries],
            **self.extra,
        }


def manifest_bytes(manifest: Manifest) -> bytes:
    """The one writer: the manifest as it goes into issues/<id>/manifest.json."""
    return (json.dumps(manifest.as_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# ---------------------------------------------------------------- the reader


def parse_manifest(data: bytes, shown: str, issue_id: str | None = None) -> Manifest:
    """The one reader: manifest.json's bytes as records; ArchiveError naming ``shown``, the place and the key.

    ``issue_id`` is the name of the folder it was read from: the manifest's id must be that name, and its date
    must fall in that ISO week.
    """
    try:
        text = data.decode("utf-8")
        parsed = json.loads(text, parse_constant=refuse_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        raise _broken(shown, line, column, f"unreadable manifest: {exc}") from None
    except RecursionError:
        raise _broken(shown, 1, 1, "unreadable manifest: it is nested too deeply") from None
    except ValueError as exc:  # a number of thousands of digits, NaN or Infinity
        raise _broken(shown, 1, 1, f"unreadable manifest: {str(exc).split(';')[0]}") from None
    if not isinstance(parsed, dict):
        raise _broken(shown, 1, 1, "manifest is not a JSON object")
    lone = lone_surrogate(text, parsed)
    if lone is not None:  # "\ud800" alone decodes to no character: it could never be written back
        raise _broken(shown, *lone, "unreadable manifest: a lone surrogate escape")
    top = _Object(_Source(shown, text), (), parsed)
    _check_schema(top)
    manifest_id, day = top.text("id"), top.date("date")
    if issue_id is not None:
        _check_id_and_week(top, manifest_id, day, issue_id)
    return Manifest(
        id=manifest_id,
        number=top.whole("number"),
        date=day,
        status=top.choice("status", STATUSES),
        subject=top.line("subject"),
        preheader=top.line("preheader"),
        lead=_piece(top.child("lead")),
        related=tuple(_piece(piece) for piece in top.children("related")),
        links=top.text_map("links"),
        inputs=_inputs(top.child("inputs")),
        outputs=top.text_map("outputs"),
        lint=_lint(top.child("lint")),
        settings=top.child("settings").data,
        generator=top.text("generator"),
        deliveries=tuple(_delivery(entry) for entry in top.children("deliveries")),
        extra=top.rest(),
    )


def _check_schema(top: _Object) -> None:
    schema = top.whole("schema")
    if schema != SCHEMA:
        top.source.fail(
            ("schema",),
            f"'schema' is {schema}, which this nieuwsbrief cannot read (it reads schema {SCHEMA})",
            "upgrade nieuwsbrief if a newer version wrote it, or restore it from version control",
        )


def _check_id_and_week(top: _Object, manifest_id: str, day: dt.date, folder: str) -> None:
    if manifest_id != folder:
        top.source.fail(("id",), f"'id' is {manifest_id!r}, but the folder is {folder!r}")
    week = _WEEK_ID.fullmatch(folder)
    if week and day.isocalendar()[:2] != (int(week.group(1)), int(week.group(2))):
        top.source.fail(("date",), f"'date' {day.isoformat()} does not fall in the issue's week {folder}")


def _piece(piece: _Object) -> FeaturedPiece:
    return FeaturedPiece(
        slot=piece.text("slot"),
        slug=piece.text("slug"),
        kind=piece.text("type"),
        title=piece.text("title"),
        date=piece.date("date"),
        category=piece.text("category"),
        reading_time=piece.whole("reading_time"),
        path=piece.text("path"),
        sha256=piece.text("sha256"),
        score=piece.number("score"),
        reasons=piece.texts("reasons"),
        extra=piece.rest(),
    )


def _inputs(inputs: _Object) -> Inputs:
    settings_sha256 = inputs.text("settings_sha256")
    templates_sha256 = inputs.text("templates_sha256")
    author = inputs.child_or_null("author")
    ref = AuthorRef(author.text("id"), author.text("path"), author.rest()) if author else None
    return Inputs(settings_sha256, templates_sha256, ref, inputs.rest())


def _lint(lint: _Object) -> LintSummary:
    skipped = lint.texts("skipped") if "skipped" in lint.data else ()
    return LintSummary(lint.whole("errors"), lint.whole("warnings"), lint.texts("findings"), lint.rest(), skipped)


def _delivery(entry: _Object) -> Delivery:
    return Delivery(
        kind=entry.choice("kind", KINDS),
        channel=entry.text("channel"),
        state=entry.choice("state", STATES),
        dialect=entry.optional_text("dialect"),
        recipients=entry.texts("recipients") if "recipients" in entry.data else None,
        list_id=entry.optional_text("list_id"),
        campaign_id=entry.optional_text("campaign_id"),
        requested_at=entry.text("requested_at"),
        scheduled_for=entry.optional_text("scheduled_for"),
        confirmed_at=entry.optional_text("confirmed_at"),
        resolved_at=entry.optional_text("resolved_at"),
        note=entry.optional_text("note"),
        extra=entry.rest(),
        key_order=tuple(entry.data),
    )


def _broken(shown: str, line: int, column: int, message: str, hint: str = HINT) -> ArchiveError:
    return ArchiveError("broken archive", [Problem(shown, line, column, message, hint)])


@dataclass(frozen=True)
class _Source:
    shown: str
    text: str

    def fail(self, where: KeyPath, message: str, hint: str = HINT) -> NoReturn:
        raise _broken(self.shown, *json_position(self.text, where), message, hint)


class _Object:
    """One JSON object of a manifest, taken key by key; a complaint names the key by its path from the top."""

    def __init__(self, source: _Source, path: KeyPath, data: dict[str, object]) -> None:
        self.source = source
        self.path = path
        self.data = data
        self.taken: set[str] = set()

    def _value(self, key: str) -> object:
        self.taken.add(key)
        if key not in self.data:
            self.source.fail(self.path, f"{_name((*self.path, key))} is missing")
        return self.data[key]

    def _wrong(self, where: KeyPath, expected: str, value: object) -> NoReturn:
        self.source.fail(where, f"{_name(where)} must be {expected}, got {_shown(value)}")

    def text(self, key: str) -> str:
        value = self._value(key)
        if not isinstance(value, str):
            self._wrong((*self.path, key), "text", value)
        return value

    def line(self, key: str) -> str:
        """Text on one line: it goes into a header (the subject) or the inbox preview."""
        value = self.text(key)
        if CONTROL.search(value):
            self._wrong((*self.path, key), "one line of text", value)
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.data else None

    def whole(self, key: str) -> int:
        value = self._value(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong((*self.path, key), "a whole number", value)
        if not 0 <= value <= LARGEST:
            self._wrong((*self.path, key), f"from 0 to {LARGEST:,}", value)
        return value

    def number(self, key: str) -> float:
        value = self._value(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not finite(value):
            self._wrong((*self.path, key), "a number", value)
        return float(value)

    def date(self, key: str) -> dt.date:
        value = self.text(key)
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or day.isoformat() != value:  # only the form written, so it writes back the same
            self._wrong((*self.path, key), "a date like 2026-11-23", value)
        if day.year > LAST_YEAR:
            self._wrong((*self.path, key), f"a date before the year {LAST_YEAR + 1}", value)
        return day

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            self._wrong((*self.path, key), f"one of {', '.join(allowed)}", value)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        items = self._list(key)
        for index, item in enumerate(items):
            if not isinstance(item, str):
                self._wrong((*self.path, key, index), "text", item)
        return tuple(str(item) for item in items)

    def text_map(self, key: str) -> dict[str, str]:
        found = self.child(key)
        return {name: found.text(name) for name in found.data}

    def child(self, key: str) -> _Object:
        value = self._value(key)
        if not isinstance(value, dict):
            self._wrong((*self.path, key), "an object", value)
        return _Object(self.source, (*self.path, key), value)

    def child_or_null(self, key: str) -> _Object | None:
        value = self._value(key)
        if value is not None and not isinstance(value, dict):
            self._wrong((*self.path, key), "an object or null", value)
        return None if value is None else _Object(self.source, (*self.path, key), value)

    def children(self, key: str) -> list[_Object]:
        items = self._list(key)
        found = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                self._wrong((*self.path, key, index), "an object", item)
            found.append(_Object(self.source, (*self.path, key, index), item))
        return found

    def _list(self, key: str) -> list[object]:
        value = self._value(key)
        if not isinstance(value, list):
            self._wrong((*self.path, key), "a list", value)
        return value

    def rest(self) -> dict[str, object]:
        """The keys nobody asked for, in their order: kept, and written back."""
        return {key: value for key, value in self.data.items() if key not in self.taken}


_SHOWN_CHARS = 60


def _name(path: KeyPath) -> str:
    return "'" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).removeprefix(".") + "'"


def _shown(value: object) -> str:
    """A wrong value in a message: text quoted, a number or true/false/null as written, else its kind."""
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "an object"
    shown = repr(value) if isinstance(value, str) else json.dumps(value)
    return shown if len(shown) <= _SHOWN_CHARS else shown[: _SHOWN_CHARS - 3] + "..."
