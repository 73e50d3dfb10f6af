"""Twilio SendGrid: its Handlebars tags, and Marketing Campaigns (create a Single Send, then send it now or schedule it).

Merge tags: Marketing Campaigns designs use Handlebars; the reserved unsubscribe tag is {{{unsubscribe}}} (triple
braces: a URL, not escaped), filled from the Single Send's suppression group
(https://www.twilio.com/docs/sendgrid/glossary/system-fields -> Design & Code editor, reserved tags;
https://www.twilio.com/docs/sendgrid/ui/sending-email/substitution-and-section-tags: "Marketing Campaigns
designs, use Handlebars"). SendGrid hosts no web version: the settings' view-online URL stays.

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

from typing import Any

from ..clock import stamp
from ..model import Outgoing
from ..options import ONE_LINE, Option
from .base import Account, Dialect, Endpoint, Esp, EspApi, Syntax, api_base, engine_tags, references

API_BASE = "https://api.sendgrid.com/v3"


def campaign_payload(outgoing: Outgoing, account: Account) -> dict[str, Any]:
    """The body of POST /marketing/singlesends: what `nieuwsbrief export --esp sendgrid` writes."""
    email_config: dict[str, Any] = {
        "subject": outgoing.subject,
        "html_content": outgoing.html,
        "plain_content": outgoing.text,
        "generate_plain_content": False,  # we wrote a real text part; keep it
    }
    if account["sender_id"]:
        email_config["sender_id"] = account["sender_id"]
    if account["suppression_group_id"]:
        email_config["suppression_group_id"] = account["suppression_group_id"]
    payload: dict[str, Any] = {"name": f"{outgoing.newsletter} {outgoing.issue_id}"}
    if account["list_id"]:
        payload["send_to"] = {"list_ids": [account["list_id"]]}
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


ESP = Esp(
    name="sendgrid",
    title="SendGrid",
    dialect=Dialect(
        unsubscribe="{{{unsubscribe}}}",
        fields={"email": "{{email}}", "first_name": "{{first_name}}"},
        sources=(
            "https://www.twilio.com/docs/sendgrid/glossary/system-fields",
            "https://www.twilio.com/docs/sendgrid/ui/sending-email/substitution-and-section-tags",
        ),
    ),
    syntax=Syntax(engine_tags(("{{", "}}")), references("{"), None),
    api=EspApi(
        campaign="Single Send",
        key_variable="NIEUWSBRIEF_SENDGRID_API_KEY",
        settings=(
            Option("list_id", str, "the contact list; needed to send", "", rules=(ONE_LINE,), example="0b1c..."),
            Option("sender_id", int, "the verified sender; needed to send", 0, example=123456),
            Option(
                "suppression_group_id",
                int,
                "the unsubscribe group behind {{{unsubscribe}}}; needed to send",
                0,
                example=789,
            ),
            api_base(API_BASE),
        ),
        required=(
            ("list_id", "the contact list to send to"),
            ("sender_id", "the verified sender"),
            ("suppression_group_id", "the unsubscribe group behind {{{unsubscribe}}}"),
        ),
        base_url=lambda account, key: account["api_base"] or API_BASE,
        headers=lambda key: {"Authorization": f"Bearer {key}"},
        describe_error=describe_error,
        export=campaign_payload,
        create=Endpoint("POST", "/marketing/singlesends", 201),
        campaign_body=campaign_payload,  # the content goes with the Single Send itself
        send_now=Endpoint("PUT", "/marketing/singlesends/{id}/schedule", 201),
        send_now_body={"send_at": "now"},
        schedule=Endpoint("PUT", "/marketing/singlesends/{id}/schedule", 201),
        schedule_body=lambda at: {"send_at": stamp(at)},
        status=Endpoint("GET", "/marketing/singlesends/{id}"),
        statuses={"triggered": "sent", "scheduled": "scheduled", "draft": "draft"},
    ),
)
