"""Twilio SendGrid Marketing Campaigns: create a Single Send, then send it now or schedule it.

Requests, as documented at https://www.twilio.com/docs/sendgrid/api-reference/single-sends/create-single-send
and .../schedule-single-send:
  POST /marketing/singlesends                {"name", "send_to": {"list_ids": [..]}, "email_config": {"subject",
                                              "html_content", "plain_content", "generate_plain_content": false,
                                              "sender_id", "suppression_group_id"}} -> {"id"}  (a draft)
  PUT  /marketing/singlesends/{id}/schedule  {"send_at": "now" | "yyyy-MM-ddTHH:mm:ssZ"} -> {"status"}
  GET  /marketing/singlesends/{id}           {"status": draft | scheduled | triggered}
Authentication: "Authorization: Bearer <key>". The suppression group is what {{{unsubscribe}}} unsubscribes from.
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

TITLE = "SendGrid"
KEY_VARIABLE = "NIEUWSBRIEF_SENDGRID_API_KEY"
API_BASE = "https://api.sendgrid.com/v3"


def campaign_payload(outgoing: Outgoing, account: EspAccount) -> dict[str, Any]:
    """The body of POST /marketing/singlesends: what `nieuwsbrief export --esp sendgrid` writes."""
    email_config: dict[str, Any] = {
        "subject": outgoing.subject,
        "html_content": outgoing.html,
        "plain_content": outgoing.text,
        "generate_plain_content": False,  # we wrote a real text part; keep it
    }
    if account.sender_id:
        email_config["sender_id"] = account.sender_id
    if account.suppression_group_id:
        email_config["suppression_group_id"] = account.suppression_group_id
    payload: dict[str, Any] = {"name": f"{outgoing.newsletter} {outgoing.issue_id}"}
    if account.list_id:
        payload["send_to"] = {"list_ids": [account.list_id]}
    payload["email_config"] = email_config
    return payload


def describe_error(data: Any) -> str:
    """SendGrid answers errors as {"errors": [{"field": ..., "message": ...}]}."""
    if isinstance(data, dict) and isinstance(data.get("errors"), list):
        parts = []
        for error in data["errors"]:
            if isinstance(error, dict):
                field = f"{error['field']}: " if error.get("field") else ""
                parts.append(f"{field}{error.get('message', '')}")
        return "; ".join(parts)
    return str(data or "")


class SendGrid:
    title = TITLE

    def __init__(self, api: JsonApi, account: EspAccount) -> None:
        self.api = api
        self.account = account

    def create(self, outgoing: Outgoing) -> str:
        created = self.api.call("POST", "/marketing/singlesends", campaign_payload(outgoing, self.account))
        campaign_id = str(created.get("id", "")) if isinstance(created, dict) else ""
        if not campaign_id:
            raise DeliveryError(f"SendGrid created a Single Send but gave no id: {created!r}")
        return campaign_id

    def fill(self, campaign_id: str, outgoing: Outgoing) -> None:
        """The content went with the Single Send itself."""

    def start(self, campaign_id: str, at: dt.datetime | None) -> None:
        self.api.call("PUT", f"/marketing/singlesends/{campaign_id}/schedule", {"send_at": "now" if at is None else stamp(at)})

    def state(self, campaign_id: str) -> str:
        found = self.api.call("GET", f"/marketing/singlesends/{campaign_id}")
        status = found.get("status", "") if isinstance(found, dict) else ""
        return {"triggered": "sent", "scheduled": "scheduled"}.get(status, "draft")
