"""Checklist section I: the plain-text part and the MIME message."""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import default as default_policy
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..checklist import rules
from ..checklist.facts import Subject
from ..checklist.rules import TEXT_WIDTH, Rule
from .findings import Findings, Issue

# A line that may be longer than TEXT_WIDTH: one word or URL that cannot be wrapped (after a list, note, reference or
# quote marker), or a line of code, which is kept verbatim (indented by four spaces or more).
UNBREAKABLE_LINE = re.compile(r"\s*(?:(?:[-*>]|\(\d+\)|\[\d+\]|\d+[.)])\s+)*\S+\s*|(?:> ?)* {4,}\S.*")

# --- I. plain text and MIME ---------------------------------------------------------------------------------------


def check_text(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    lines = issue.text.split("\n")
    for number, line in enumerate(lines, start=1):
        if len(line) > TEXT_WIDTH and not UNBREAKABLE_LINE.fullmatch(line):
            out.add(rules.LONG_TEXT_LINE, "issue.txt", number, length=len(line))
    if issue.unsubscribe_url not in issue.text:
        out.add(rules.NO_UNSUBSCRIBE_URL, "issue.txt")
    if issue.postal_address not in " ".join(issue.text.split()):
        out.add(rules.NO_ADDRESS_IN_TEXT, "issue.txt")
    linked = {a.get("href") or "" for a in tree.iter("a")}
    linked = {href for href in linked if urlsplit(href).scheme in ("http", "https", "mailto")}  # others: C-15
    words = set(re.findall(r"\S+", issue.text))
    words |= {w.lstrip("(«“‘").rstrip(".,;:!?)»”’") for w in words}  # a URL at the end of a sentence, or in brackets
    missing = sorted(linked - words)
    for href in missing:
        out.add(rules.LINK_NOT_IN_TEXT, "issue.txt", href=href)
    html_words, text_words = out.html_words, len(re.findall(r"\w+", issue.text))
    if text_words < html_words / 2:
        out.add(rules.TEXT_TOO_SHORT, "issue.txt", text_words=text_words, html_words=html_words)


def check_eml(issue: Issue, out: Findings) -> None:
    message = email.message_from_bytes(issue.eml, policy=default_policy)
    assert isinstance(message, EmailMessage)

    def eml(rule: Rule, **fields: object) -> None:
        out.add(rule, "issue.eml", **fields)

    for header in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if not message[header]:
            eml(rules.NO_HEADER, header=header)
    longest = max((len(line) for line in issue.eml.split(b"\n")), default=0)
    if longest > 998:
        eml(rules.LONG_RAW_LINE, octets=longest)
    parts = list(message.iter_parts()) if message.is_multipart() else []
    types = [part.get_content_type() for part in parts]
    if message.get_content_type() != "multipart/alternative" or not types or types[0] != "text/plain" or types[-1] != "text/html":
        eml(rules.NOT_ALTERNATIVE, content_type=message.get_content_type(), types=types)
    for part in parts:
        if part.get_content_charset() != "utf-8":
            eml(rules.NOT_UTF8, content_type=part.get_content_type())
        if (part["Content-Transfer-Encoding"] or "").lower() not in ("quoted-printable", "base64"):
            eml(rules.NOT_ENCODED, content_type=part.get_content_type(), encoding=part["Content-Transfer-Encoding"])
    check_list_headers(message, eml, issue.one_click_wanted)
    out.fact(Subject(str(message["Subject"] or "")), "issue.eml")


def check_list_headers(message: EmailMessage, eml: Callable[..., None], one_click_wanted: bool = True) -> None:
    unsubscribe = str(message["List-Unsubscribe"] or "")
    targets = re.findall(r"<([^>]+)>", unsubscribe)
    if not any(t.startswith("https://") for t in targets):
        eml(rules.NO_HTTPS_UNSUBSCRIBE)
    if not any(t.startswith("mailto:") for t in targets):
        eml(rules.NO_MAILTO_UNSUBSCRIBE)
    post = str(message["List-Unsubscribe-Post"] or "")
    if not post:
        if one_click_wanted:
            eml(rules.NO_ONE_CLICK)
    elif post != "List-Unsubscribe=One-Click":
        eml(rules.BAD_ONE_CLICK, post=post)
    if not message["List-Id"]:
        eml(rules.NO_LIST_ID)
