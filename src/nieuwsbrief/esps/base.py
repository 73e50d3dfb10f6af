"""What an ESP is, as data: its merge tags, what its template engine reads as its own, its API and the settings it reads.

Each module of this package declares one ``Esp``; ``delivery/`` runs them (writes an issue in a dialect, escapes
editor text, makes the API's requests). The declarations sit below config, which reads their names and settings
tables from here, so nothing about an ESP is written in a second place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Outgoing
from ..options import API_URL, Option, Section

Body = dict[str, Any]
Account = Mapping[str, Any]  # an ESP's [name] table as loaded: each of its settings by attribute


@dataclass(frozen=True)
class Dialect:
    """How the ESP writes the unsubscribe link, the view-online link and subscriber fields, with its sources."""

    unsubscribe: str = ""  # the ESP's merge tag; empty: the settings URL stays
    view_online: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # subscriber field -> merge tag
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Syntax:
    """What the ESP's engine would read as its own in editor text, and how to write it literally."""

    pattern: re.Pattern[str]  # what the ESP's engine would read as its own
    html: Callable[[str], str]  # a match as the HTML writes it so the engine leaves it alone
    plain: Callable[[str], str] | None  # the same in plain text; None: the ESP has no way


def engine_tags(*pairs: tuple[str, str]) -> re.Pattern[str]:
    """What a template engine reads as its own, for each (opening, closing) pair of two characters: an opening up to
    its first closing on the same line, or an opening alone when none follows (the engine would choke on it too).
    The scan from an opening stops at the next opening of its kind, so a line of openings costs one pass, not one
    pass per opening."""
    alternatives = []
    for opening, closing in pairs:
        first, then = re.escape(opening[0]), re.escape(opening[1])
        last, end = re.escape(closing[0]), re.escape(closing[1])
        inside = rf"(?:[^{first}{last}\n]|{first}(?!{then})|{last}(?!{end}))*"
        alternatives.append(re.escape(opening) + inside + re.escape(closing))
    return re.compile("|".join([*alternatives, *(re.escape(opening) for opening, _ in pairs)]))


def references(characters: str) -> Callable[[str], str]:
    """Write these characters as numeric character references: a browser shows them, a template engine skips them."""
    return lambda match: "".join(f"&#{ord(c)};" if c in characters else c for c in match)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # under the API's base URL; "{id}" stands for the campaign's id
    status: int = 200  # the one status the ESP documents for success: any other answer is not taken as done


@dataclass(frozen=True, kw_only=True)
class EspApi:
    """One ESP's API as data: authentication, the settings it reads, and the request of each step with its body."""

    campaign: str = "campaign"  # what the ESP calls one
    key_variable: str  # the environment variable that holds the API key
    settings: tuple[Option, ...]  # its [name] table in nieuwsbrief.toml: the account a send uses
    required: tuple[tuple[str, str], ...]  # settings a send cannot do without: (key, why)
    base_url: Callable[[Account, str], str]  # from the account's settings and the key
    headers: Callable[[str], dict[str, str]]  # authentication, from the key
    describe_error: Callable[[Any], str]  # the ESP's error answer as one line
    export: Callable[[Outgoing, Account], Body]  # the body `nieuwsbrief export` writes
    create: Endpoint  # answers {"id": ...}: text or a whole number (CAMPAIGN_ID in delivery/espapi.py)
    campaign_body: Callable[[Outgoing, Account], Body]
    fill: Endpoint | None = None  # where the content goes, when it does not go with the campaign itself
    content_body: Callable[[Outgoing], Body] | None = None
    send_now: Endpoint
    send_now_body: Body | None = None
    schedule: Endpoint
    # Raises UsageError for a moment the ESP would refuse, so a send can check it before creating anything.
    schedule_body: Callable[[dt.datetime], Body]
    status: Endpoint  # answers {"status": ...}
    statuses: Mapping[str, str]  # the ESP's documented statuses -> sent, scheduled or draft; any other is unknown


@dataclass(frozen=True, kw_only=True)
class Esp:
    """One ESP, declared once: the name --esp, --via and [esp] dialect use, and everything nieuwsbrief knows of it."""

    name: str  # also its settings table's
    title: str  # as people write it
    dialect: Dialect = Dialect()  # the default: no merge tags, the settings' links stay
    syntax: Syntax | None = None  # None: its engine reads nothing in editor text
    api: EspApi | None = None  # None: a dialect only, for export and SMTP

    @property
    def section(self) -> Section | None:
        """Its [name] table in nieuwsbrief.toml (Settings.accounts[name]); None for a dialect only."""
        if self.api is None:
            return None
        doc = f"Sending through {self.title}'s API; the key lives in {self.api.key_variable}."
        return Section(self.name, doc, self.api.settings, into="accounts")


def api_base(example: str, default: str = "the ESP's own API") -> Option:
    """The setting that points an ESP's API elsewhere, e.g. at a test server."""
    return Option(
        "api_base",
        str,
        "another API address, e.g. a test server",
        default="",
        default_doc=default,
        rules=(API_URL,),
        clean=lambda url: url.rstrip("/"),
        example=example,
        rare=True,
    )
