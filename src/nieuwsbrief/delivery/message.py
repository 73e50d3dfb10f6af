"""The .eml: one multipart/alternative message, text first and HTML last, UTF-8, quoted-printable, list headers.

Composing writes it into the archive; export and send build it again from a dialect's HTML and text, so the
message is made in one place only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr, quote
from zoneinfo import ZoneInfo

from ..config import Settings
from ..errors import Problem, SettingsError
from ..text import slugify


def send_moment(day: dt.date, settings: Settings) -> dt.datetime:
    """The Date of the message: the issue date at the configured send time, in the project's time zone."""
    hour, minute = (int(part) for part in settings.send_time.split(":"))
    try:
        zone = ZoneInfo(settings.timezone)
    except (KeyError, ValueError) as exc:
        raise SettingsError(
            "bad time zone",
            [Problem("nieuwsbrief.toml", 0, 0, f"unknown time zone {settings.timezone!r}", "use a name like Europe/Amsterdam")],
        ) from exc
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def list_id(settings: Settings) -> str:
    return settings.list_id or f"{slugify(settings.name) or 'nieuwsbrief'}.{settings.domain}"


def _phrase(name: str) -> str:
    """The name as a header's display phrase: quoted when it holds a character with a meaning there (RFC 5322)."""
    return f'"{quote(name)}"' if any(char in _SPECIALS for char in name) else name


_SPECIALS = '()<>@,;:\\".[]'


def build_message(
    settings: Settings,
    issue_id: str,
    day: dt.date,
    subject: str,
    unsubscribe_url: str,
    html: str,
    text: str,
    one_click: str = "",
) -> bytes:
    """The message bytes; the Message-ID and the boundary come from the content, so the same parts give the same bytes.

    ``one_click`` is an unsubscribe address per reader (an ESP's own merge tag, or [links] unsubscribe_one_click): only
    with one does the message offer one-click unsubscribe (RFC 8058), since a POST to a page that is the same for
    every reader cannot tell who is leaving.
    """
    digest = hashlib.sha256((html + "\0" + text).encode("utf-8")).hexdigest()
    message = EmailMessage(policy=SMTP)
    name, address = parseaddr(settings.sender)
    sender = Address(display_name=name or settings.name, addr_spec=address)
    message["From"] = sender
    message["To"] = sender
    if settings.reply_to:
        message["Reply-To"] = settings.reply_to
    message["Subject"] = subject
    message["Date"] = format_datetime(send_moment(day, settings))
    message["Message-ID"] = f"<{issue_id}.{digest[:16]}@{settings.domain}>"
    unsubscribe = f"<{one_click or unsubscribe_url}>"
    if settings.unsubscribe_mailto:
        unsubscribe += f", <{settings.unsubscribe_mailto}>"
    message["List-Unsubscribe"] = unsubscribe
    if one_click:
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Id"] = f"{_phrase(settings.name)} <{list_id(settings)}>"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message.set_boundary(f"=_nieuwsbrief_{digest[16:40]}")
    return message.as_bytes(policy=SMTP)
