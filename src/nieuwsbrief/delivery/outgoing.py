"""The archived issue as it leaves: its HTML, text and .eml written in an ESP dialect, checked against the manifest."""

from __future__ import annotations

from dataclasses import replace
from email.utils import parseaddr

from ..archive import FILES, ISSUES_DIR, IssueRecord, archived_file, archived_text
from ..config import Settings
from ..errors import ArchiveError, Problem
from ..model import Outgoing
from .dialects import Dialect, MissingLink, apply_dialect
from .message import build_message


def outgoing(settings: Settings, record: IssueRecord, dialect: Dialect) -> Outgoing:
    """The archived issue written in ``dialect``: its HTML, text and .eml. The archived files are not changed."""
    html = archived_text(record, FILES["html"])
    text = archived_text(record, FILES["text"])
    manifest = record.manifest
    unsubscribe = settings.unsubscribe_url
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
                    f"no {missing.which} link {missing.url} to write as {dialect.title}'s merge tag",
                    "the [links] settings changed since the issue was composed: compose it again",
                )
            ],
        ) from None
    if dialect.name == "generic":
        eml = archived_file(record, FILES["eml"])
    else:
        eml = build_message(settings, record.id, manifest.date, manifest.subject, unsubscribe, html, text)
    name, address = parseaddr(settings.sender)
    return Outgoing(
        issue_id=record.id,
        dialect=dialect.name,
        subject=manifest.subject,
        preheader=manifest.preheader,
        html=html,
        text=text,
        eml=eml,
        newsletter=settings.name,
        sender_name=name or settings.name,
        sender_address=address,
        reply_to=parseaddr(settings.reply_to)[1] if settings.reply_to else "",
        date=manifest.date,
    )
