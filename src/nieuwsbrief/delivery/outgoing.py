"""The archived issue as it leaves: its HTML, text and .eml written in an ESP's dialect, checked against the manifest.

The archived issue is generic: real URLs from the settings. An ESP's dialect (declared in its module under
nieuwsbrief.esps) swaps the unsubscribe and view-online URLs for its merge tags, so the ESP fills in each reader's
own link; where it has no tag for a link (SendGrid and Mailgun host no web version), the settings URL stays.

An ESP also runs its template engine over everything it is handed: a column that writes "{{ naam }}" or
"*|KORTING|*" would reach readers filled in, empty, or as an error. Where the ESP has a way to write such text
literally it is written that way (in HTML, character references the engine does not read as its syntax; listmonk's
Go templates print a quoted string as it is, in every part); where it has none for plain text (the text part, the
subject and the preheader), the hand-off is refused at the file and line to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from email.utils import parseaddr

from ..archive import FILES, ISSUES_DIR, IssueRecord, archived_file, archived_text
from ..config import Settings
from ..errors import ArchiveError, ContentError, Problem
from ..esps.base import Dialect, Esp, Syntax
from ..model import Outgoing
from .message import build_message


def outgoing(settings: Settings, record: IssueRecord, esp: Esp) -> Outgoing:
    """The archived issue written in ``esp``'s dialect: its HTML, text and .eml. The archived files are not changed."""
    manifest = record.manifest
    safe = escape(
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


@dataclass(frozen=True)
class Escaped:
    html: str
    text: str
    subject: str
    preheader: str
    refused: tuple[str, ...] = ()  # matches in plain text the dialect cannot write literally, in order


def escape(syntax: Syntax | None, html: str, text: str, subject: str, preheader: str) -> Escaped:
    """The parts with every match of the ESP's syntax written literally, and what could not be."""
    if syntax is None:
        return Escaped(html, text, subject, preheader)
    refused: list[str] = []

    def plain(part: str) -> str:
        convert = syntax.plain
        if convert is not None:
            return syntax.pattern.sub(lambda match: convert(match.group(0)), part)
        refused.extend(match.group(0) for match in syntax.pattern.finditer(part))
        return part

    escaped_html = syntax.pattern.sub(lambda match: syntax.html(match.group(0)), html)
    parts = (plain(subject), plain(preheader), plain(text))
    return Escaped(escaped_html, parts[2], parts[0], parts[1], tuple(dict.fromkeys(refused)))


class MissingLink(ValueError):
    """The archived issue does not hold the link a dialect must replace (the settings changed since compose)."""

    def __init__(self, part: str, which: str, url: str) -> None:
        super().__init__(f"the {part} has no {which} link {url}")
        self.part = part
        self.which = which
        self.url = url


def apply_dialect(dialect: Dialect, document_html: str, text: str, unsubscribe_url: str, view_online_url: str) -> tuple[str, str]:
    """The HTML and text with the unsubscribe and view-online links written as the dialect's merge tags.

    Only whole link targets are replaced: href="URL" in the HTML, a line that is exactly the URL in the text,
    so a URL that merely starts like the unsubscribe URL is never touched.
    """
    for which, url, tag in (
        ("unsubscribe", unsubscribe_url, dialect.unsubscribe),
        ("view-online", view_online_url, dialect.view_online),
    ):
        if not tag:
            continue
        document_html = _replace_href(document_html, url, tag, which)
        text = _replace_line(text, url, tag, which)
    return document_html, text


def _replace_href(document: str, url: str, tag: str, which: str) -> str:
    # As the HTML serializer writes an attribute value: & and " escaped, nothing else.
    written = url.replace("&", "&amp;").replace('"', "&quot;")
    pattern = re.compile(r'href="' + re.escape(written) + '"')
    replaced, count = pattern.subn(lambda _: f'href="{tag}"', document)
    if not count:
        raise MissingLink("HTML", which, url)
    return replaced


def _replace_line(text: str, url: str, tag: str, which: str) -> str:
    lines = text.split("\n")
    if url not in lines:
        raise MissingLink("plain text", which, url)
    return "\n".join(tag if line == url else line for line in lines)
