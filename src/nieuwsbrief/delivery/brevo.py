"""Brevo API v3: create an email campaign, then send it now or schedule it.

Requests, as documented at https://developers.brevo.com/reference/createemailcampaign (and the generated client
docs, https://github.com/sendinblue/APIv3-python-library/blob/master/docs/EmailCampaignsApi.md):
  POST /emailCampaigns                 {"name", "subject", "sender": {"name", "email"}, "htmlContent",
                                        "previewText", "replyTo", "recipients": {"listIds": [int]}, "mirrorActive"} -> {"id"}
  POST /emailCampaigns/{id}/sendNow    (no body) -> 204
  PUT  /emailCampaigns/{id}            {"scheduledAt": ISO 8601} -> 204
  GET  /emailCampaigns/{id}            {"status": draft | sent | archive | queued | suspended | in_process}
Authentication: the header "api-key". A campaign takes HTML only; Brevo makes its own text version.
The campaign is always created unscheduled and scheduled in a second request, so that its id is in the
ledger before anything can go out.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..config import EspAccount
from ..errors import DeliveryError
from ..model import Outgoing
from .ledger import stamp

if TYPE_CHECKING:  # httpx loads only when a request is made
    from .http import JsonApi

TITLE = "Brevo"
KEY_VARIABLE = "NIEUWSBRIEF_BREVO_API_KEY"
API_BASE = "https://api.brevo.com/v3"


def campaign_payload(outgoing: Outgoing, account: EspAccount) -> dict[str, Any]:
    """The body of POST /emailCampaigns: what `nieuwsbrief export --esp brevo` writes."""
    payload: dict[str, Any] = {
        "name": f"{outgoing.newsletter} {outgoing.issue_id}",
        "subject": outgoing.subject,
        "previewText": outgoing.preheader,
        "sender": {"name": outgoing.sender_name, "email": outgoing.sender_address},
        "htmlContent": outgoing.html,
        "mirrorActive": True,  # {{ mirror }}, the view-online link, needs it
    }
    if outgoing.reply_to:
        payload["replyTo"] = outgoing.reply_to
    if account.list_id:
        payload["recipients"] = {"listIds": [int(account.list_id)]}
    return payload


def describe_error(data: Any) -> str:
    """Brevo answers errors as {"code": ..., "message": ...}."""
    if isinstance(data, dict):
        return str(data.get("message") or data.get("code") or "")
    return str(data or "")


class Brevo:
    title = TITLE

    def __init__(self, api: JsonApi, account: EspAccount) -> None:
        self.api = api
        self.account = account

    def create(self, outgoing: Outgoing) -> str:
        created = self.api.call("POST", "/emailCampaigns", campaign_payload(outgoing, self.account))
        campaign_id = str(created.get("id", "")) if isinstance(created, dict) else ""
        if not campaign_id:
            raise DeliveryError(f"Brevo created a campaign but gave no id: {created!r}")
        return campaign_id

    def fill(self, campaign_id: str, outgoing: Outgoing) -> None:
        """The content went with the campaign itself."""

    def start(self, campaign_id: str, at: dt.datetime | None) -> None:
        if at is None:
            self.api.call("POST", f"/emailCampaigns/{campaign_id}/sendNow")
        else:
            self.api.call("PUT", f"/emailCampaigns/{campaign_id}", {"scheduledAt": stamp(at)})

    def state(self, campaign_id: str) -> str:
        found = self.api.call("GET", f"/emailCampaigns/{campaign_id}")
        status = found.get("status", "") if isinstance(found, dict) else ""
        return {"sent": "sent", "archive": "sent", "in_process": "sent", "queued": "scheduled"}.get(status, "draft")
