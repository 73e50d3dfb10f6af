"""The ESP APIs by name: what each needs from the settings and the environment, and a client for it."""

from __future__ import annotations

import base64
import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from ..config import EspAccount, Settings
from ..errors import DeliveryError, Problem, SettingsError, UsageError
from ..model import Outgoing
from . import brevo, mailchimp, sendgrid

if TYPE_CHECKING:  # httpx loads only when a request is made
    from .http import JsonApi


class EspClient(Protocol):
    title: str

    def create(self, outgoing: Outgoing) -> str: ...

    def fill(self, campaign_id: str, outgoing: Outgoing) -> None: ...

    def start(self, campaign_id: str, at: dt.datetime | None) -> None: ...

    def state(self, campaign_id: str) -> str: ...


KEY_VARIABLES = {
    "mailchimp": mailchimp.KEY_VARIABLE,
    "brevo": brevo.KEY_VARIABLE,
    "sendgrid": sendgrid.KEY_VARIABLE,
}
TITLES = {"mailchimp": mailchimp.TITLE, "brevo": brevo.TITLE, "sendgrid": sendgrid.TITLE}
# settings an ESP cannot send without: (key, why)
_REQUIRED = {
    "mailchimp": (("list_id", "the audience to send to"),),
    "brevo": (("list_id", "the contact list to send to"),),
    "sendgrid": (
        ("list_id", "the contact list to send to"),
        ("sender_id", "the verified sender"),
        ("suppression_group_id", "the unsubscribe group behind {{{unsubscribe}}}"),
    ),
}


def payload(esp: str, outgoing: Outgoing, account: EspAccount) -> dict[str, Any]:
    """The request body the ESP's API takes for this issue (export writes it as JSON)."""
    if esp == "mailchimp":
        return mailchimp.content_payload(outgoing)
    if esp == "brevo":
        return brevo.campaign_payload(outgoing, account)
    if esp == "sendgrid":
        return sendgrid.campaign_payload(outgoing, account)
    raise UsageError(f"no API payload for {esp!r}")


def check_ready(esp: str, settings: Settings, env: Mapping[str, str]) -> str:
    """The API key, once the settings and the environment hold all that a send needs; never touches the network."""
    account = settings.accounts.get(esp, EspAccount())
    missing = [(key, why) for key, why in _REQUIRED[esp] if not getattr(account, key)]
    if missing:
        raise SettingsError(
            f"the settings lack what {TITLES[esp]} needs",
            [
                Problem("nieuwsbrief.toml", 0, 0, f"missing setting {esp}.{key} ({why})", f"add {key} = ... under [{esp}]")
                for key, why in missing
            ],
        )
    variable = KEY_VARIABLES[esp]
    key = env.get(variable, "").strip()
    if not key:
        raise DeliveryError(f"{variable} is not set: put the {TITLES[esp]} API key in the environment to send through {esp}")
    return key


def open_client(
    esp: str, settings: Settings, key: str, sleep: Callable[[float], None] = time.sleep, backoff: float = 1.0
) -> tuple[JsonApi, EspClient]:
    """An HTTP session and the ESP client on it; close the session (a context manager) when done."""
    from .http import JsonApi

    account = settings.accounts.get(esp, EspAccount())
    common: dict[str, Any] = {
        "timeout": settings.esp_timeout,
        "retries": settings.esp_retries,
        "sleep": sleep,
        "backoff": backoff,
    }
    client: EspClient
    if esp == "mailchimp":
        token = base64.b64encode(f"nieuwsbrief:{key}".encode()).decode("ascii")
        api = JsonApi(
            mailchimp.TITLE,
            mailchimp.api_base(account, key),
            {"Authorization": f"Basic {token}"},
            mailchimp.describe_error,
            **common,
        )
        client = mailchimp.Mailchimp(api, account)
    elif esp == "brevo":
        api = JsonApi(brevo.TITLE, account.api_base or brevo.API_BASE, {"api-key": key}, brevo.describe_error, **common)
        client = brevo.Brevo(api, account)
    elif esp == "sendgrid":
        api = JsonApi(
            sendgrid.TITLE,
            account.api_base or sendgrid.API_BASE,
            {"Authorization": f"Bearer {key}"},
            sendgrid.describe_error,
            **common,
        )
        client = sendgrid.SendGrid(api, account)
    else:
        raise UsageError(f"unknown ESP {esp!r}: use one of {', '.join(KEY_VARIABLES)}")
    return api, client


def check_moment(esp: str, at: dt.datetime) -> None:
    """Refuse a schedule the ESP would refuse, before anything is created."""
    if esp == "mailchimp":
        mailchimp.schedule_time(at)
