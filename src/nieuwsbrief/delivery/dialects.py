"""ESP dialects: each ESP writes the unsubscribe link, the view-online link and subscriber fields its own way.

The archived issue is generic: real URLs from the settings. A dialect swaps those two URLs for the ESP's merge
tags when the issue is exported or sent, so the ESP fills in each reader's own link. Every tag below is the one
the ESP's documentation gives; the source is cited next to it (and in the README). Where an ESP has no tag for a
link (SendGrid and Mailgun host no web version), the settings URL stays.

Subscriber fields are listed for templates and for the README; the packaged templates use none of them, so an
issue reads the same for everybody and the SMTP copy to a plain list address never shows a raw tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import UsageError


@dataclass(frozen=True)
class Dialect:
    name: str
    title: str  # how people write the ESP's name
    unsubscribe: str = ""  # the ESP's merge tag; empty: the settings URL stays
    view_online: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # subscriber field -> merge tag
    sources: tuple[str, ...] = ()


DIALECTS: dict[str, Dialect] = {
    "generic": Dialect(
        "generic",
        "generic",
        # No merge tags: [links] unsubscribe and view_online from nieuwsbrief.toml, as in the archive.
    ),
    "mailchimp": Dialect(
        "mailchimp",
        "Mailchimp",
        # *|UNSUB|* is Mailchimp's required unsubscribe tag: "We require that our own unsubscribe merge tag be
        # used: *|UNSUB|*" (https://kb.mailchimp.com/campaigns/confirmation-and-sending/mailchimp-doesnt-recognize-my-unsub-tag).
        unsubscribe="*|UNSUB|*",
        # *|ARCHIVE|*: the link to the campaign's web (archive) page, Mailchimp's "view this email in your browser"
        # (https://mailchimp.com/help/all-the-merge-tags-cheat-sheet/).
        view_online="*|ARCHIVE|*",
        # *|EMAIL|* (https://mailchimp.com/help/about-forwarded-campaigns-and-unsubscribes/) and *|FNAME|*
        # (https://mailchimp.com/developer/marketing/docs/merge-fields/: "a merge tag, a string of text like *|FNAME|*").
        fields={"email": "*|EMAIL|*", "first_name": "*|FNAME|*"},
        sources=(
            "https://kb.mailchimp.com/campaigns/confirmation-and-sending/mailchimp-doesnt-recognize-my-unsub-tag",
            "https://mailchimp.com/help/all-the-merge-tags-cheat-sheet/",
            "https://mailchimp.com/developer/marketing/docs/merge-fields/",
        ),
    ),
    "brevo": Dialect(
        "brevo",
        "Brevo",
        # Brevo Template Language: {{ unsubscribe }} and {{ mirror }} (the mirror link, switched on by the
        # campaign's mirrorActive), contact attributes as {{ contact.ATTRIBUTE }}
        # (https://help.brevo.com/hc/en-us/sections/4405338978578-Customize-your-emails-with-Brevo-Template-Language;
        # the {{contact.FNAME}} form is also in the API's CreateEmailCampaign.toField description,
        # https://github.com/sendinblue/APIv3-python-library/blob/master/docs/CreateEmailCampaign.md).
        unsubscribe="{{ unsubscribe }}",
        view_online="{{ mirror }}",
        fields={"email": "{{ contact.EMAIL }}", "first_name": "{{ contact.FIRSTNAME }}"},
        sources=(
            "https://help.brevo.com/hc/en-us/sections/4405338978578-Customize-your-emails-with-Brevo-Template-Language",
            "https://github.com/sendinblue/APIv3-python-library/blob/master/docs/CreateEmailCampaign.md",
        ),
    ),
    "sendgrid": Dialect(
        "sendgrid",
        "SendGrid",
        # Marketing Campaigns designs use Handlebars; the reserved unsubscribe tag is {{{unsubscribe}}} (triple
        # braces: a URL, not escaped), filled from the Single Send's suppression group
        # (https://www.twilio.com/docs/sendgrid/glossary/system-fields -> Design & Code editor, reserved tags;
        # https://www.twilio.com/docs/sendgrid/ui/sending-email/substitution-and-section-tags: "Marketing Campaigns
        # designs, use Handlebars"). SendGrid hosts no web version: the settings' view-online URL stays.
        unsubscribe="{{{unsubscribe}}}",
        fields={"email": "{{email}}", "first_name": "{{first_name}}"},
        sources=(
            "https://www.twilio.com/docs/sendgrid/glossary/system-fields",
            "https://www.twilio.com/docs/sendgrid/ui/sending-email/substitution-and-section-tags",
        ),
    ),
    "mailgun": Dialect(
        "mailgun",
        "Mailgun",
        # %unsubscribe_url%: "Link to unsubscribe recipient from all messages sent by given domain"
        # (https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages, Unsubscribe Variables).
        # Subscriber data are recipient variables, %recipient.yourkey%
        # (https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/batch-sending).
        # Mailgun hosts no web version: the settings' view-online URL stays.
        unsubscribe="%unsubscribe_url%",
        fields={"email": "%recipient.email%", "first_name": "%recipient.first_name%"},
        sources=(
            "https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages",
            "https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/batch-sending",
        ),
    ),
    "listmonk": Dialect(
        "listmonk",
        "listmonk",
        # Go template expressions: {{ UnsubscribeURL }}, {{ MessageURL }} ("URL to view the hosted version of an
        # e-mail message"), {{ .Subscriber.Email }}, {{ .Subscriber.FirstName }}
        # (https://github.com/knadh/listmonk/blob/master/docs/docs/content/templating.md).
        unsubscribe="{{ UnsubscribeURL }}",
        view_online="{{ MessageURL }}",
        fields={"email": "{{ .Subscriber.Email }}", "first_name": "{{ .Subscriber.FirstName }}"},
        sources=("https://github.com/knadh/listmonk/blob/master/docs/docs/content/templating.md",),
    ),
}


def get_dialect(name: str) -> Dialect:
    if name not in DIALECTS:
        raise UsageError(f"unknown dialect {name!r}: use one of {', '.join(DIALECTS)}")
    return DIALECTS[name]


class MissingLink(ValueError):
    """The archived issue does not hold the link a dialect must replace (the settings changed since compose)."""

    def __init__(self, part: str, which: str, url: str) -> None:
        super().__init__(f"the {part} has no {which} link {url}")
        self.part = part
        self.which = which
        self.url = url


def apply_dialect(dialect: Dialect, document_html: str, text: str, unsubscribe_url: str, view_online_url: str) -> tuple[str, str]:
    """The HTML and text with the unsubscribe and view-online links written as the dialect's merge tags.

    Only whole link targets are replaced: href="URL" in the HTML, a line that is exactly the URL in the text,
    so a URL that merely starts like the unsubscribe URL is never touched.
    """
    for which, url, tag in (
        ("unsubscribe", unsubscribe_url, dialect.unsubscribe),
        ("view-online", view_online_url, dialect.view_online),
    ):
        if not tag:
            continue
        document_html = _replace_href(document_html, url, tag, which)
        text = _replace_line(text, url, tag, which)
    return document_html, text


def _replace_href(document: str, url: str, tag: str, which: str) -> str:
    # As the HTML serializer writes an attribute value: & and " escaped, nothing else.
    written = url.replace("&", "&amp;").replace('"', "&quot;")
    pattern = re.compile(r'href="' + re.escape(written) + '"')
    replaced, count = pattern.subn(lambda _: f'href="{tag}"', document)
    if not count:
        raise MissingLink("HTML", which, url)
    return replaced


def _replace_line(text: str, url: str, tag: str, which: str) -> str:
    lines = text.split("\n")
    if url not in lines:
        raise MissingLink("plain text", which, url)
    return "\n".join(tag if line == url else line for line in lines)
