"""Sending through an ESP's API: what a send needs from the settings and the environment, and the one client for it.

Every ESP takes a campaign the same way: create it (the answer holds its id), maybe fill in its content, then send
it now or schedule it; asked later, it reports a status that means sent, scheduled or still a draft. Each ESP's
module (nieuwsbrief.esps) documents its requests and declares them as an EspApi; the steps themselves are written
here, once.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..config import Settings
from ..errors import DeliveryError, Problem, SettingsError, printable
from ..esps import APIS, ESPS
from ..esps.base import Account, Body, Endpoint, EspApi
from ..model import Outgoing
from ..redact import Redactor
from ..text import is_one_line

if TYPE_CHECKING:  # httpx loads only when a request is made
    from .http import JsonApi

UNKNOWN = "unknown"  # a status the ESP's statuses map does not name: it may have gone out, so ask again, never send twice
# What an ESP's campaign id may be before it goes into a URL or the archive: Mailchimp's hex, Brevo's numbers,
# SendGrid's UUIDs all fit; a line break, a slash or a query never do.
CAMPAIGN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


class CampaignState(NamedTuple):
    meaning: str  # sent, scheduled, draft or unknown
    status: str  # as the ESP wrote it


def check_ready(esp: str, settings: Settings, env: Mapping[str, str]) -> str:
    """The API key, once the settings and the environment hold all that a send needs; never touches the network."""
    api, title = APIS[esp], ESPS[esp].title
    missing = [(key, why) for key, why in api.required if not settings.accounts[esp][key]]
    if missing:
        raise SettingsError(
            f"the settings lack what {title} needs",
            [
                Problem("nieuwsbrief.toml", 0, 0, f"missing setting {esp}.{key} ({why})", f"add {key} = ... under [{esp}]")
                for key, why in missing
            ],
        )
    key = env.get(api.key_variable, "").strip()
    if not key:
        raise DeliveryError(f"{api.key_variable} is not set: put the {title} API key in the environment to send through {esp}")
    if not is_one_line(key):  # it goes into a request header
        raise DeliveryError(f"{api.key_variable} holds a line break or another control character: set it to the key alone")
    if not key.isascii():  # an HTTP header carries ASCII; no ESP issues a key with other characters
        raise DeliveryError(f"{api.key_variable} holds a character that is not ASCII: copy the {title} API key again, exactly")
    return key


def open_client(
    esp: str,
    settings: Settings,
    key: str,
    sleep: Callable[[float], None] = time.sleep,
    backoff: float = 1.0,
    hide: Redactor | None = None,
) -> tuple[JsonApi, EspClient]:
    """An HTTP session and the ESP client on it; close the session (a context manager) when done. Every message
    passes through ``hide`` (the key itself at least), whatever the ESP echoes."""
    from .http import JsonApi

    api, title, account = APIS[esp], ESPS[esp].title, settings.accounts[esp]
    http = JsonApi(
        title,
        api.base_url(account, key),
        api.headers(key),
        api.describe_error,
        timeout=settings.esp_timeout,
        retries=settings.esp_retries,
        sleep=sleep,
        backoff=backoff,
        hide=hide or Redactor([key]),
    )
    return http, EspClient(title, api, http, account)


def check_moment(esp: str, at: dt.datetime) -> None:
    """Refuse a schedule the ESP would refuse, before anything is created: building its request checks it."""
    APIS[esp].schedule_body(at)


class EspClient:
    """The steps of a send through one ESP, on an open HTTP session."""

    def __init__(self, title: str, api: EspApi, http: JsonApi, account: Account) -> None:
        self.title = title
        self.api = api
        self.http = http
        self.account = account

    def create(self, outgoing: Outgoing) -> str:
        """Create the campaign (never sent by this step); its id, checked before it goes into a URL or the archive."""
        created = self._call(self.api.create, "", self.api.campaign_body(outgoing, self.account))
        found = created.get("id") if isinstance(created, dict) else None
        campaign_id = str(found) if isinstance(found, str | int) and not isinstance(found, bool) else ""
        if not CAMPAIGN_ID.fullmatch(campaign_id):
            shown = printable(repr(found if isinstance(created, dict) else created))[:80]
            raise DeliveryError(
                self.http.hide(
                    f"{self.title} created a {self.api.campaign} but gave no id nieuwsbrief can use ({shown}): nothing was "
                    "sent (an id is letters, digits, dots, hyphens and underscores)"
                )
            )
        return campaign_id

    def fill(self, campaign_id: str, outgoing: Outgoing) -> None:
        """Set the content, for an ESP that takes it apart from the campaign."""
        if self.api.fill is not None and self.api.content_body is not None:
            self._call(self.api.fill, campaign_id, self.api.content_body(outgoing))

    def start(self, campaign_id: str, at: dt.datetime | None) -> None:
        """The one request that sends: now, or at ``at``."""
        if at is None:
            self._call(self.api.send_now, campaign_id, self.api.send_now_body)
        else:
            self._call(self.api.schedule, campaign_id, self.api.schedule_body(at))

    def state(self, campaign_id: str) -> CampaignState:
        """What the ESP says became of the campaign: sent, scheduled, draft, or unknown (a status it does not document).
        An answer without a status is no answer: DeliveryError."""
        found = self._call(self.api.status, campaign_id)
        status = found.get("status") if isinstance(found, dict) else None
        if not isinstance(status, str):
            shown = printable(repr(found))[:80]
            raise DeliveryError(self.http.hide(f"{self.title} answered without the {self.api.campaign}'s status ({shown})"))
        return CampaignState(self.api.statuses.get(status, UNKNOWN), status)

    def _call(self, endpoint: Endpoint, campaign_id: str, body: Body | None = None) -> Any:
        if "{id}" in endpoint.path and not CAMPAIGN_ID.fullmatch(campaign_id):
            shown = printable(campaign_id)[:80]
            raise DeliveryError(f"the {self.api.campaign} id {shown!r} is not one nieuwsbrief sends a request with")
        return self.http.call(endpoint.method, endpoint.path.format(id=campaign_id), body, endpoint.status)
