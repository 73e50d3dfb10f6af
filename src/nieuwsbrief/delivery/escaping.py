"""Editor text that an ESP would read as its own merge syntax, made safe for the dialect the issue leaves in.

An ESP runs its template engine over everything it is handed: a column that writes "{{ naam }}" or "*|KORTING|*"
would reach readers filled in, empty, or as an error. Where a dialect has a way to write such text literally it is
written that way (in HTML, character references the engine does not read as its syntax; listmonk's Go templates
print a quoted string as it is, in every part); where it has none for plain text (the text part, the subject and
the preheader), the hand-off is refused and outgoing.py names the file and line to change. Each ESP's ``Syntax``
is declared in its module (nieuwsbrief.esps).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..esps.base import Syntax


@dataclass(frozen=True)
class Escaped:
    html: str
    text: str
    subject: str
    preheader: str
    refused: tuple[str, ...] = ()  # matches in plain text the dialect cannot write literally, in order


def escape(syntax: Syntax | None, html: str, text: str, subject: str, preheader: str) -> Escaped:
    """The parts with every match of the ESP's syntax written literally, and what could not be."""
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
