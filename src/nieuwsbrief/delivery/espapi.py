"""Sending through an ESP's API: what a send needs from the settings and the environment, and the one client for it.

Every ESP takes a campaign the same way: create it (the answer holds its id), maybe fill in its content, then send
it now or schedule it; asked later, it reports a status that means sent, scheduled or still a draft. Each ESP's
module (nieuwsbrief.esps) documents its requests and declares them as an EspApi; the steps themselves are written
here, once.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..config import Settings
from ..errors import DeliveryError, Problem, SettingsError
from ..esps import APIS, ESPS
from ..esps.base import Account, Body, Endpoint, EspApi
from ..model import Outgoing
from ..text import is_one_line

if TYPE_CHECKING:  # httpx loads only when a request is made
    from .http import JsonApi

UNKNOWN = "unknown"  # a status the ESP's statuses map does not name: it may have gone out, so ask again, never send twice


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
    return key


def open_client(
    esp: str, settings: Settings, key: str, sleep: Callable[[float], None] = time.sleep, backoff: float = 1.0
) -> tuple[JsonApi, EspClient]:
    """An HTTP session and the ESP client on it; close the session (a context manager) when done."""
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
        """Create the campaign (never sent by this step); its id."""
        created = self._call(self.api.create, "", self.api.campaign_body(outgoing, self.account))
        campaign_id = str(created.get("id", "")) if isinstance(created, dict) else ""
        if not campaign_id:
            raise DeliveryError(f"{self.title} created a {self.api.campaign} but gave no id: {created!r}")
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
        """What the ESP says became of the campaign: sent, scheduled, draft, or unknown (a status it does not document)."""
        found = self._call(self.api.status, campaign_id)
        status = str(found.get("status", "")) if isinstance(found, dict) else ""
        return CampaignState(self.api.statuses.get(status, UNKNOWN), status)

    def _call(self, endpoint: Endpoint, campaign_id: str, body: Body | None = None) -> Any:
        return self.http.call(endpoint.method, endpoint.path.format(id=campaign_id), body)
