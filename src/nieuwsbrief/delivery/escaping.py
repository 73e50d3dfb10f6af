"""Editor text that an ESP would read as its own merge syntax, made safe for the dialect the issue leaves in.

An ESP runs its template engine over everything it is handed: a column that writes "{{ naam }}" or "*|KORTING|*"
would reach readers filled in, empty, or as an error. Where a dialect has a way to write such text literally it is
written that way (in HTML, character references the engine does not read as its syntax; listmonk's Go templates
print a quoted string as it is, in every part); where it has none for plain text (the text part, the subject and
the preheader), the hand-off is refused and outgoing.py names the file and line to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Syntax:
    pattern: re.Pattern[str]  # what the ESP's engine would read as its own
    html: Callable[[str], str]  # a match as the HTML writes it so the engine leaves it alone
    plain: Callable[[str], str] | None  # the same in plain text; None: the ESP has no way


def _references(characters: str) -> Callable[[str], str]:
    """Write these characters as numeric character references: a browser shows them, a template engine skips them."""
    return lambda match: "".join(f"&#{ord(c)};" if c in characters else c for c in match)


def _go_literal(match: str) -> str:
    """Go's text/template prints a quoted string literally: {{ "{{ naam }}" }} shows {{ naam }}."""
    return '{{ "' + match.replace("\\", "\\\\").replace('"', '\\"') + '" }}'


_BRACES = re.compile(r"\{\{.*?\}\}")
SYNTAX = {
    "mailchimp": Syntax(re.compile(r"\*\|[^|\n]*\|\*"), _references("|"), None),
    "brevo": Syntax(re.compile(r"\{\{.*?\}\}|\{%.*?%\}"), _references("{%"), None),
    "sendgrid": Syntax(_BRACES, _references("{"), None),
    "mailgun": Syntax(re.compile(r"%recipient\.[\w.-]*%|%[a-z_]*unsubscribe_url%"), _references("%"), None),
    "listmonk": Syntax(_BRACES, _go_literal, _go_literal),
}


@dataclass(frozen=True)
class Escaped:
    html: str
    text: str
    subject: str
    preheader: str
    refused: tuple[str, ...] = ()  # matches in plain text the dialect cannot write literally, in order


def escape(dialect: str, html: str, text: str, subject: str, preheader: str) -> Escaped:
    """The parts with every match of the dialect's syntax written literally, and what could not be."""
    syntax = SYNTAX.get(dialect)
    if syntax is None:
        return Escaped(html, text, subject, preheader)
    refused: list[str] = []

    def plain(part: str) -> str:
        convert = syntax.plain
        if convert is not None:
            return syntax.pattern.sub(lambda match: convert(match.group(0)), part)
        refused.extend(match.group(0) for match in syntax.pattern.finditer(part))
        return part

    escaped_html = syntax.pattern.sub(lambda match: syntax.html(match.group(0)), html)
    parts = (plain(subject), plain(preheader), plain(text))
    return Escaped(escaped_html, parts[2], parts[0], parts[1], tuple(dict.fromkeys(refused)))
