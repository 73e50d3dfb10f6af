"""The ESPs nieuwsbrief hands an issue to, each declared once, in its own module: one ``Esp`` (see ``base.py``).

A module holds the ESP's merge tags with their sources, what its template engine would read in editor text, its
API's requests (None for a dialect only) and the settings table its API reads. config reads the names and the
tables from here; delivery/ runs the rest. A new ESP is a new module here and its name in the line below.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError
from ..text import did_you_mean
from . import brevo, generic, listmonk, mailchimp, mailgun, sendgrid
from .base import Esp, EspApi

# In this order in --help, in messages and in the settings reference.
ESPS: dict[str, Esp] = {esp.name: esp for esp in (generic.ESP, mailchimp.ESP, brevo.ESP, sendgrid.ESP, mailgun.ESP, listmonk.ESP)}
# The ones a send can go through (--via): those with an API.
APIS: dict[str, EspApi] = {name: esp.api for name, esp in ESPS.items() if esp.api is not None}


def find(name: str) -> Esp:
    """The ESP whose dialect --esp, --dialect or [esp] dialect names, in any case (MailChimp is mailchimp)."""
    return ESPS[known(name, ESPS, "dialect")]


def known(name: str, names: Iterable[str], what: str) -> str:
    """``name`` as one of ``names`` spells it, whatever its case; a UsageError with the nearest one otherwise."""
    spelled = {each.lower(): each for each in names}
    if name.lower() not in spelled:
        raise UsageError(
            f"unknown {what} {name!r}; {did_you_mean(name, spelled.values(), 'use one of: ' + ', '.join(spelled.values()))}"
        )
    return spelled[name.lower()]


def listed(names: Iterable[str]) -> str:
    """Names as a sentence lists them: "a, b or c"."""
    *most, last = names
    return f"{', '.join(most)} or {last}" if most else last
