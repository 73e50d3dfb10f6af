"""The archived issue as it leaves: its HTML, text and .eml written in an ESP dialect, checked against the manifest."""

from __future__ import annotations

from dataclasses import replace
from email.utils import parseaddr

from ..archive import FILES, ISSUES_DIR, IssueRecord, archived_file, archived_text
from ..config import Settings
from ..errors import ArchiveError, ContentError, Problem
from ..esps.base import Esp
from ..model import Outgoing
from . import escaping
from .dialects import MissingLink, apply_dialect
from .message import build_message


def outgoing(settings: Settings, record: IssueRecord, esp: Esp) -> Outgoing:
    """The archived issue written in ``esp``'s dialect: its HTML, text and .eml. The archived files are not changed."""
    manifest = record.manifest
    safe = escaping.escape(
        esp.syntax,
        archived_text(record, FILES["html"]),
        archived_text(record, FILES["text"]),
        manifest.subject,
        manifest.preheader,
    )
    if safe.refused:
        raise ContentError(
            f"issue {record.id} holds text that {esp.title} would read as its merge tags; nothing was handed over",
            [_where(settings, record, esp, found) for found in safe.refused],
        )
    html, text = safe.html, safe.text
    unsubscribe = settings.unsubscribe_url
    dialect = esp.dialect
    if settings.own_archive:
        # The project publishes its own web archive ([links] archive_url): "view in your browser" stays on the
        # issue's web version there instead of becoming the ESP's hosted copy.
        dialect = replace(dialect, view_online="")
    try:
        html, text = apply_dialect(dialect, html, text, unsubscribe, settings.view_online_url.format(id=record.id))
    except MissingLink as missing:
        name = FILES["html"] if missing.part == "HTML" else FILES["text"]
        raise ArchiveError(
            "the issue does not match the settings",
            [
                Problem(
                    f"{ISSUES_DIR}/{record.id}/{name}",
                    0,
                    0,
                    f"no {missing.which} link {missing.url} to write as {esp.title}'s merge tag",
                    "the [links] settings changed since the issue was composed: compose it again",
                )
            ],
        ) from None
    if esp.name == "generic":
        eml = archived_file(record, FILES["eml"])
    else:
        # In an ESP's dialect the ESP fills its unsubscribe tag per reader, in the header too: that allows one-click.
        one_click = dialect.unsubscribe or settings.unsubscribe_one_click
        eml = build_message(settings, record.id, manifest.date, safe.subject, unsubscribe, html, text, one_click)
    name, address = parseaddr(settings.sender)
    return Outgoing(
        issue_id=record.id,
        dialect=esp.name,
        subject=safe.subject,
        preheader=safe.preheader,
        html=html,
        text=text,
        eml=eml,
        newsletter=settings.name,
        sender_name=name or settings.name,
        sender_address=address,
        reply_to=parseaddr(settings.reply_to)[1] if settings.reply_to else "",
        date=manifest.date,
    )


def _where(settings: Settings, record: IssueRecord, esp: Esp, found: str) -> Problem:
    """The first place of a featured piece's file (then the issue's text) that holds ``found``."""
    manifest = record.manifest
    author = [manifest.inputs.author.path] if manifest.inputs.author else []
    message = f"{found!r} is {esp.title}'s merge syntax: {esp.title} would fill it in for each reader"
    hint = "write it another way, or hand the issue over in another dialect; then compose it again"
    for path in [manifest.lead.path, *author, *(piece.path for piece in manifest.related)]:
        try:
            lines = (settings.project / path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            if found in line:
                return Problem(path, number, line.index(found) + 1, message, hint)
    return Problem(f"{ISSUES_DIR}/{record.id}/{FILES['text']}", 0, 0, message, hint)
