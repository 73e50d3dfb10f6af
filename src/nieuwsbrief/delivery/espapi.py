"""What every ESP API is to a send: its declaration (EspApi) and the one client (EspClient) that runs on it.

Every ESP takes a campaign the same way: create it (the answer holds its id), maybe fill in its content, then send
it now or schedule it; asked later, it reports a status that means sent, scheduled or still a draft. Each ESP
module (mailchimp, brevo, sendgrid) documents its requests and declares them as an EspApi; the steps themselves
are written here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..config import EspAccount
from ..errors import DeliveryError
from ..model import Outgoing

if TYPE_CHECKING:  # httpx loads only when a request is made
    from .http import JsonApi

Body = dict[str, Any]
DRAFT = "draft"  # created, never sent: a new send may go
UNKNOWN = "unknown"  # a status the ESP's statuses map does not name: it may have gone out, so ask again, never send twice


class CampaignState(NamedTuple):
    meaning: str  # sent, scheduled, draft or unknown
    status: str  # as the ESP wrote it


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # under the API's base URL; "{id}" stands for the campaign's id


@dataclass(frozen=True, kw_only=True)
class EspApi:
    """One ESP's API as data: names, authentication, and the request of each step with its body."""

    name: str  # as in --via and the settings' section
    title: str  # as people write it
    campaign: str = "campaign"  # what the ESP calls one
    key_variable: str  # the environment variable that holds the API key
    required: tuple[tuple[str, str], ...]  # settings a send cannot do without: (key, why)
    base_url: Callable[[EspAccount, str], str]  # from the account's settings and the key
    headers: Callable[[str], dict[str, str]]  # authentication, from the key
    describe_error: Callable[[Any], str]  # the ESP's error answer as one line
    export: Callable[[Outgoing, EspAccount], Body]  # the body `nieuwsbrief export` writes
    create: Endpoint  # answers {"id": ...}
    campaign_body: Callable[[Outgoing, EspAccount], Body]
    fill: Endpoint | None = None  # where the content goes, when it does not go with the campaign itself
    content_body: Callable[[Outgoing], Body] | None = None
    send_now: Endpoint
    send_now_body: Body | None = None
    schedule: Endpoint
    # Raises UsageError for a moment the ESP would refuse, so a send can check it before creating anything.
    schedule_body: Callable[[dt.datetime], Body]
    status: Endpoint  # answers {"status": ...}
    statuses: Mapping[str, str]  # the ESP's documented statuses -> sent, scheduled or draft; any other is unknown


class EspClient:
    """The steps of a send through one ESP, on an open HTTP session."""

    def __init__(self, api: EspApi, http: JsonApi, account: EspAccount) -> None:
        self.api = api
        self.http = http
        self.account = account

    def create(self, outgoing: Outgoing) -> str:
        """Create the campaign (never sent by this step); its id."""
        created = self._call(self.api.create, "", self.api.campaign_body(outgoing, self.account))
        campaign_id = str(created.get("id", "")) if isinstance(created, dict) else ""
        if not campaign_id:
            raise DeliveryError(f"{self.api.title} created a {self.api.campaign} but gave no id: {created!r}")
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
