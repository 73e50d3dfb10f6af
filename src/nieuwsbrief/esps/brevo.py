"""Brevo: its template language, and API v3 (create an email campaign, then send it now or schedule it).

Merge tags: Brevo Template Language, {{ unsubscribe }} and {{ mirror }} (the mirror link, switched on by the
campaign's mirrorActive), contact attributes as {{ contact.ATTRIBUTE }}
(https://help.brevo.com/hc/en-us/sections/4405338978578-Customize-your-emails-with-Brevo-Template-Language;
the {{contact.FNAME}} form is also in the API's CreateEmailCampaign.toField description,
https://github.com/sendinblue/APIv3-python-library/blob/master/docs/CreateEmailCampaign.md).

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

from typing import Any

from ..clock import stamp
from ..model import Outgoing
from ..options import Option
from .base import Account, Dialect, Endpoint, Esp, EspApi, Syntax, api_base, engine_tags, references

API_BASE = "https://api.brevo.com/v3"


def campaign_payload(outgoing: Outgoing, account: Account) -> dict[str, Any]:
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
    if account["list_id"]:
        payload["recipients"] = {"listIds": [int(account["list_id"])]}
    return payload


def describe_error(data: Any) -> str:
    """Brevo answers errors as {"code": ..., "message": ...}."""
    if isinstance(data, dict):
        return str(data.get("message") or data.get("code") or "")
    return str(data or "")


ESP = Esp(
    name="brevo",
    title="Brevo",
    dialect=Dialect(
        unsubscribe="{{ unsubscribe }}",
        view_online="{{ mirror }}",
        fields={"email": "{{ contact.EMAIL }}", "first_name": "{{ contact.FIRSTNAME }}"},
        sources=(
            "https://help.brevo.com/hc/en-us/sections/4405338978578-Customize-your-emails-with-Brevo-Template-Language",
            "https://github.com/sendinblue/APIv3-python-library/blob/master/docs/CreateEmailCampaign.md",
        ),
    ),
    syntax=Syntax(engine_tags(("{{", "}}"), ("{%", "%}")), references("{%"), None),
    api=EspApi(
        key_variable="NIEUWSBRIEF_BREVO_API_KEY",
        settings=(
            Option("list_id", int, "the contact list; needed to send", "", convert=str, example=7),
            api_base(API_BASE),
        ),
        required=(("list_id", "the contact list to send to"),),
        base_url=lambda account, key: account["api_base"] or API_BASE,
        headers=lambda key: {"api-key": key},
        describe_error=describe_error,
        export=campaign_payload,
        create=Endpoint("POST", "/emailCampaigns", 201),
        campaign_body=campaign_payload,  # the content goes with the campaign itself
        send_now=Endpoint("POST", "/emailCampaigns/{id}/sendNow", 204),
        schedule=Endpoint("PUT", "/emailCampaigns/{id}", 204),
        schedule_body=lambda at: {"scheduledAt": stamp(at)},
        status=Endpoint("GET", "/emailCampaigns/{id}"),
        statuses={"sent": "sent", "archive": "sent", "in_process": "sent", "queued": "scheduled", "draft": "draft"},
    ),
)
