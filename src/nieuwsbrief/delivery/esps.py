"""The ESP APIs by name: what each needs from the settings and the environment, and a client for it."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..config import EspAccount, Settings
from ..errors import DeliveryError, Problem, SettingsError, UsageError
from ..model import Outgoing
from ..text import is_one_line
from . import brevo, mailchimp, sendgrid
from .espapi import EspApi, EspClient

if TYPE_CHECKING:  # httpx loads only when a request is made
    from .http import JsonApi

ESPS: dict[str, EspApi] = {api.name: api for api in (mailchimp.API, brevo.API, sendgrid.API)}


def esp_api(esp: str) -> EspApi:
    try:
        return ESPS[esp]
    except KeyError:
        raise UsageError(f"unknown ESP {esp!r}: use one of {', '.join(ESPS)}") from None


def payload(esp: str, outgoing: Outgoing, account: EspAccount) -> dict[str, Any]:
    """The request body the ESP's API takes for this issue (export writes it as JSON)."""
    return esp_api(esp).export(outgoing, account)


def check_ready(esp: str, settings: Settings, env: Mapping[str, str]) -> str:
    """The API key, once the settings and the environment hold all that a send needs; never touches the network."""
    api = esp_api(esp)
    account = settings.accounts.get(esp, EspAccount())
    missing = [(key, why) for key, why in api.required if not getattr(account, key)]
    if missing:
        raise SettingsError(
            f"the settings lack what {api.title} needs",
            [
                Problem("nieuwsbrief.toml", 0, 0, f"missing setting {esp}.{key} ({why})", f"add {key} = ... under [{esp}]")
                for key, why in missing
            ],
        )
    key = env.get(api.key_variable, "").strip()
    if not key:
        raise DeliveryError(
            f"{api.key_variable} is not set: put the {api.title} API key in the environment to send through {esp}"
        )
    if not is_one_line(key):  # it goes into a request header
        raise DeliveryError(f"{api.key_variable} holds a line break or another control character: set it to the key alone")
    return key


def open_client(
    esp: str, settings: Settings, key: str, sleep: Callable[[float], None] = time.sleep, backoff: float = 1.0
) -> tuple[JsonApi, EspClient]:
    """An HTTP session and the ESP client on it; close the session (a context manager) when done."""
    from .http import JsonApi

    api = esp_api(esp)
    account = settings.accounts.get(esp, EspAccount())
    http = JsonApi(
        api.title,
        api.base_url(account, key),
        api.headers(key),
        api.describe_error,
        timeout=settings.esp_timeout,
        retries=settings.esp_retries,
        sleep=sleep,
        backoff=backoff,
    )
    return http, EspClient(api, http, account)


def check_moment(esp: str, at: dt.datetime) -> None:
    """Refuse a schedule the ESP would refuse, before anything is created: building its request checks it."""
    esp_api(esp).schedule_body(at)
