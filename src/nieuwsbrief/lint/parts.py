"""Checklist section I: the plain-text part and the MIME message."""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import default as default_policy
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..text import shouting
from .findings import (
    SUBJECT_MAX,
    TEXT_WIDTH,
    Findings,
    Issue,
)

# --- I. plain text and MIME ---------------------------------------------------------------------------------------


def check_text(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    lines = issue.text.split("\n")
    for number, line in enumerate(lines, start=1):
        if len(line) > TEXT_WIDTH and " " in line.strip():
            out.add(
                "C-34",
                "issue.txt",
                f"a line of {len(line)} characters",
                "wrap the text at 72 (only a bare URL may be longer)",
                number,
            )
    if issue.unsubscribe_url not in issue.text:
        out.add("C-21", "issue.txt", "no unsubscribe URL in the plain text", "keep the footer of the text template")
    if issue.postal_address not in " ".join(issue.text.split()):
        out.add("C-21", "issue.txt", "the postal address is missing from the plain text", "keep the footer of the text template")
    linked = {a.get("href") or "" for a in tree.iter("a")}
    linked = {href for href in linked if urlsplit(href).scheme in ("http", "https", "mailto")}  # others: C-15
    words = set(re.findall(r"\S+", issue.text))
    words |= {w.rstrip(".,;:!?)»”’") for w in words}  # a URL at the end of a sentence
    missing = sorted(linked - words)
    for href in missing:
        out.add("C-35", "issue.txt", f"the HTML links to {href} but the plain text does not", "every link must be in both parts")
    html_words, text_words = out.html_words, len(re.findall(r"\w+", issue.text))
    if text_words < html_words / 2:
        out.add(
            "C-35",
            "issue.txt",
            f"the plain text has {text_words} words, under half the HTML's {html_words}",
            "the text part must be a real equivalent of the HTML",
        )


def check_eml(issue: Issue, out: Findings) -> None:
    message = email.message_from_bytes(issue.eml, policy=default_policy)
    assert isinstance(message, EmailMessage)

    def eml(code: str, text: str, hint: str, severity: str = "error") -> None:
        out.add(code, "issue.eml", text, hint, severity=severity)

    for header in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if not message[header]:
            eml("C-30", f"no {header} header", "the .eml must carry From, To, Subject, Date, Message-ID and MIME-Version")
    longest = max((len(line) for line in issue.eml.split(b"\n")), default=0)
    if longest > 998:
        eml("C-31", f"a raw line of {longest} octets", "encode the parts as quoted-printable or base64")
    parts = list(message.iter_parts()) if message.is_multipart() else []
    types = [part.get_content_type() for part in parts]
    if message.get_content_type() != "multipart/alternative" or not types or types[0] != "text/plain" or types[-1] != "text/html":
        eml(
            "C-32",
            f"the message is {message.get_content_type()} with parts {types}",
            "use multipart/alternative: text/plain first, text/html last",
        )
    for part in parts:
        if part.get_content_charset() != "utf-8":
            eml("C-33", f"{part.get_content_type()} is not charset=utf-8", "declare charset=utf-8")
        if (part["Content-Transfer-Encoding"] or "").lower() not in ("quoted-printable", "base64"):
            eml("C-33", f"{part.get_content_type()} is sent as {part['Content-Transfer-Encoding']}", "use quoted-printable")
    check_list_headers(message, eml)
    subject = str(message["Subject"] or "")
    for problem, hint in shouting(subject):  # `check` applies the same rule to every column that may lead
        eml("C-39", problem, hint)
    if len(subject) > SUBJECT_MAX:
        eml(
            "C-39",
            f"the subject has {len(subject)} characters",
            f"keep it under about {SUBJECT_MAX} (set subject: in the lead)",
            "warning",
        )


def check_list_headers(message: EmailMessage, eml: Callable[..., None]) -> None:
    unsubscribe = str(message["List-Unsubscribe"] or "")
    targets = re.findall(r"<([^>]+)>", unsubscribe)
    if not any(t.startswith("https://") for t in targets):
        eml("C-36", "List-Unsubscribe has no https URL", "set [links] unsubscribe to an https URL")
    if not any(t.startswith("mailto:") for t in targets):
        eml(
            "C-36",
            "List-Unsubscribe has no mailto: address",
            "set [links] unsubscribe_mailto (Microsoft honoured only mailto)",
            "warning",
        )
    if str(message["List-Unsubscribe-Post"] or "") != "List-Unsubscribe=One-Click":
        eml("C-37", "no List-Unsubscribe-Post: List-Unsubscribe=One-Click", "one-click unsubscribe is required for bulk senders")
    if not message["List-Id"]:
        eml("C-38", "no List-Id header", "set [newsletter] list_id or keep the default")
