"""An issue's links written in an ESP's dialect: the unsubscribe and view-online URLs swapped for its merge tags.

The archived issue is generic: real URLs from the settings. A dialect (each ESP's, declared in nieuwsbrief.esps)
swaps those two URLs for the ESP's merge tags when the issue is exported or sent, so the ESP fills in each reader's
own link. Where an ESP has no tag for a link (SendGrid and Mailgun host no web version), the settings URL stays.
"""

from __future__ import annotations

import re

from ..esps.base import Dialect


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
