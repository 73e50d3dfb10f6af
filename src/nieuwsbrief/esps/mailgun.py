"""Mailgun, a dialect only (export, and SMTP through Mailgun): its merge tags and recipient variables.

%unsubscribe_url%: "Link to unsubscribe recipient from all messages sent by given domain"
(https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages, Unsubscribe Variables).
Subscriber data are recipient variables, %recipient.yourkey%
(https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/batch-sending).
Mailgun hosts no web version: the settings' view-online URL stays.
"""

from __future__ import annotations

import re

from .base import Dialect, Esp, Syntax, references

ESP = Esp(
    name="mailgun",
    title="Mailgun",
    dialect=Dialect(
        unsubscribe="%unsubscribe_url%",
        fields={"email": "%recipient.email%", "first_name": "%recipient.first_name%"},
        sources=(
            "https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages",
            "https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/batch-sending",
        ),
    ),
    syntax=Syntax(re.compile(r"%recipient\.[\w.-]*%|%[a-z_]*unsubscribe_url%"), references("%"), None),
)
