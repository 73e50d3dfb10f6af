"""listmonk, a dialect only (export, and SMTP through listmonk): Go template expressions.

{{ UnsubscribeURL }}, {{ MessageURL }} ("URL to view the hosted version of an e-mail message"),
{{ .Subscriber.Email }}, {{ .Subscriber.FirstName }}
(https://github.com/knadh/listmonk/blob/master/docs/docs/content/templating.md).
"""

from __future__ import annotations

from .base import Dialect, Esp, Syntax, engine_tags


def go_literal(match: str) -> str:
    """Go's text/template prints a quoted string literally: {{ "{{ naam }}" }} shows {{ naam }}."""
    return '{{ "' + match.replace("\\", "\\\\").replace('"', '\\"') + '" }}'


ESP = Esp(
    name="listmonk",
    title="listmonk",
    dialect=Dialect(
        unsubscribe="{{ UnsubscribeURL }}",
        view_online="{{ MessageURL }}",
        fields={"email": "{{ .Subscriber.Email }}", "first_name": "{{ .Subscriber.FirstName }}"},
        sources=("https://github.com/knadh/listmonk/blob/master/docs/docs/content/templating.md",),
    ),
    # Editor text in braces is written literally in every part, the text part, subject and preheader too.
    syntax=Syntax(engine_tags(("{{", "}}")), go_literal, go_literal),
)
