"""Mailchimp: its merge tags, and the Marketing API 3.0 (create a regular campaign, set its content, send or schedule it).

Merge tags: *|UNSUB|* is Mailchimp's required unsubscribe tag: "We require that our own unsubscribe merge tag be
used: *|UNSUB|*" (https://kb.mailchimp.com/campaigns/confirmation-and-sending/mailchimp-doesnt-recognize-my-unsub-tag).
*|ARCHIVE|*: the link to the campaign's web (archive) page, Mailchimp's "view this email in your browser"
(https://mailchimp.com/help/all-the-merge-tags-cheat-sheet/). *|EMAIL|*
(https://mailchimp.com/help/about-forwarded-campaigns-and-unsubscribes/) and *|FNAME|*
(https://mailchimp.com/developer/marketing/docs/merge-fields/: "a merge tag, a string of text like *|FNAME|*").

Requests, as documented at https://mailchimp.com/developer/marketing/api/campaigns/ and
https://mailchimp.com/developer/marketing/api/campaign-content/ :
  POST /campaigns                           {"type": "regular", "recipients": {"list_id"}, "settings": {...}} -> {"id"}
  PUT  /campaigns/{id}/content              {"html", "plain_text"}
  POST /campaigns/{id}/actions/send         (no body) -> 204
  POST /campaigns/{id}/actions/schedule     {"schedule_time": ISO 8601 UTC, on a quarter hour} -> 204
  GET  /campaigns/{id}                      {"status": save | paused | schedule | sending | sent}
Authentication is HTTP Basic with any user name and the API key as password; the key ends in the data centre
("...-us6"), which names the API host https://us6.api.mailchimp.com/3.0.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

from ..errors import DeliveryError, UsageError
from ..model import Outgoing
from ..options import ONE_LINE, Option
from .base import Account, Dialect, Endpoint, Esp, EspApi, Syntax, api_base, references

KEY_VARIABLE = "NIEUWSBRIEF_MAILCHIMP_API_KEY"


def content_payload(outgoing: Outgoing) -> dict[str, Any]:
    """The body of PUT /campaigns/{id}/content: what `nieuwsbrief export --esp mailchimp` writes."""
    return {"html": outgoing.html, "plain_text": outgoing.text}


def campaign_payload(outgoing: Outgoing, account: Account) -> dict[str, Any]:
    return {
        "type": "regular",
        "recipients": {"list_id": account["list_id"]},
        "settings": {
            "subject_line": outgoing.subject,
            "preview_text": outgoing.preheader,
            "title": f"{outgoing.newsletter} {outgoing.issue_id}",
            "from_name": outgoing.sender_name,
            "reply_to": outgoing.reply_to or outgoing.sender_address,
        },
    }


def data_centre_api(account: Account, key: str) -> str:
    if account["api_base"]:
        return str(account["api_base"])
    _, dash, centre = key.rpartition("-")
    if not dash or not centre.isalnum():
        raise DeliveryError(
            f"cannot tell the Mailchimp data centre from {KEY_VARIABLE} (it should end in e.g. -us6); set [mailchimp] api_base"
        )
    return f"https://{centre}.api.mailchimp.com/3.0"


def describe_error(data: Any) -> str:
    """Mailchimp answers errors as problem+json: title, detail and per-field errors."""
    if not isinstance(data, dict):
        return str(data or "")
    text = ": ".join(str(data[key]) for key in ("title", "detail") if data.get(key))
    fields = [f"{e.get('field')}: {e.get('message')}" for e in data.get("errors", []) if isinstance(e, dict)]
    return "; ".join([text, *fields]) if fields else text


def schedule_time(at: dt.datetime) -> str:
    moment = at.astimezone(dt.UTC)
    if moment.minute % 15 or moment.second or moment.microsecond:
        raise UsageError(
            f"Mailchimp schedules on the quarter hour only (:00, :15, :30, :45); --at {moment:%H:%M:%S} UTC is not one"
        )
    return moment.isoformat()


def _basic_auth(key: str) -> dict[str, str]:
    token = base64.b64encode(f"nieuwsbrief:{key}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


ESP = Esp(
    name="mailchimp",
    title="Mailchimp",
    dialect=Dialect(
        unsubscribe="*|UNSUB|*",
        view_online="*|ARCHIVE|*",
        fields={"email": "*|EMAIL|*", "first_name": "*|FNAME|*"},
        sources=(
            "https://kb.mailchimp.com/campaigns/confirmation-and-sending/mailchimp-doesnt-recognize-my-unsub-tag",
            "https://mailchimp.com/help/all-the-merge-tags-cheat-sheet/",
            "https://mailchimp.com/developer/marketing/docs/merge-fields/",
        ),
    ),
    syntax=Syntax(re.compile(r"\*\|[^|\n]*\|\*"), references("|"), None),
    api=EspApi(
        key_variable=KEY_VARIABLE,
        settings=(
            Option("list_id", str, "the audience; needed to send", "", rules=(ONE_LINE,), example="a1b2c3d4e5"),
            api_base("https://us6.api.mailchimp.com/3.0", "the API key's data centre"),
        ),
        required=(("list_id", "the audience to send to"),),
        base_url=data_centre_api,
        headers=_basic_auth,
        describe_error=describe_error,
        export=lambda outgoing, account: content_payload(outgoing),
        create=Endpoint("POST", "/campaigns"),
        campaign_body=campaign_payload,
        fill=Endpoint("PUT", "/campaigns/{id}/content"),
        content_body=content_payload,
        send_now=Endpoint("POST", "/campaigns/{id}/actions/send", 204),
        schedule=Endpoint("POST", "/campaigns/{id}/actions/schedule", 204),
        schedule_body=lambda at: {"schedule_time": schedule_time(at)},
        status=Endpoint("GET", "/campaigns/{id}"),
        statuses={"sent": "sent", "sending": "sent", "schedule": "scheduled", "save": "draft"},
    ),
)
