"""The content-level rules of the pre-flight check, run on the Markdown source: link text, alt text and image
sources, the subject and the preheader, each reported at the file, line and column the editor must change.

`nieuwsbrief lint` checks the rendered issue against the email checklist (lint/); the rules here are the ones
whose cause lies in what an editor wrote, so `check` (and `compose`, before it renders) can point at the source
instead of at issues/<id>/issue.html. lint/ shares the house limits and the rules' wording from this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from . import markdown
from .config import Settings
from .content.read import document
from .content.text import Document
from .edition import PREHEADER_MAX, PREHEADER_MIN, default_preheader
from .errors import Problem
from .model import Article, Author
from .plaintext import SAFE_SCHEMES
from .text import shouting

SUBJECT_MAX = 60  # C-39, house
GENERIC_LINK_TEXT = {
    "hier",
    "klik hier",
    "klik",
    "lees meer",
    "meer",
    "lees verder",
    "verder",
    "link",
    "deze link",
    "click here",
    "here",
    "read more",
    "more",
    "this link",
    "learn more",
}


def is_generic_link_text(text: str) -> bool:
    """'hier', 'Lees meer »', 'click here': link text that says nothing about where it goes (C-16)."""
    return text.lower().strip(" .:!?»›→") in GENERIC_LINK_TEXT


def subject_findings(subject: str) -> list[tuple[str, str, str]]:
    """(severity, message, hint) for each C-39 rule the subject breaks: capitals, shouting, length."""
    found = [("error", problem, hint) for problem, hint in shouting(subject)]
    if len(subject) > SUBJECT_MAX:
        hint = f"keep it under about {SUBJECT_MAX} (set subject: in the lead)"
        found.append(("warning", f"the subject has {len(subject)} characters", hint))
    return found


def preheader_finding(preheader: str) -> tuple[str, str] | None:
    """(message, hint) when the preheader is outside what the inbox shows (C-20, a warning)."""
    if PREHEADER_MIN <= len(preheader) <= PREHEADER_MAX:
        return None
    return (
        f"the preheader has {len(preheader)} characters",
        f"aim for {PREHEADER_MIN} to {PREHEADER_MAX} (set preheader: in the lead)",
    )


def check_lead(settings: Settings, lead: Article, author: Author | None) -> list[Problem]:
    """Every content-level rule on a column as it would lead an issue, and on its author's bio, at the source.

    A site's column must come read in full (content.complete): its raw body still holds the template syntax."""
    source = document(settings, lead.path)
    if source is None:
        return []  # unreadable: the scan has reported it
    body, body_line = _body_as_shown(lead, source)
    found = _subject_and_preheader(lead._replace(body=body), source)
    found += body_problems(lead.path, body, body_line, settings.base_url)
    bio = document(settings, author.path) if author is not None and _bio_in_markdown(author) else None
    if author is not None and bio is not None:
        found += body_problems(author.path, bio.body, bio.body_line, settings.base_url)
    return found


def _bio_in_markdown(author: Author) -> bool:
    """Whether the author's file holds a bio as its Markdown body: a site may keep its authors in a data file, or
    know an author only by the name a page gives (no bio, and a path that is that page's)."""
    return bool(author.bio.strip()) and author.path.endswith((".md", ".markdown"))


def _body_as_shown(lead: Article, source: Document) -> tuple[str, int]:
    """The body as the issue renders it, and its first line in the file: a piece read in full (content.complete)
    has it, a site's template syntax written out; otherwise the file's own."""
    return (lead.body, lead.body_line) if lead.sha256 else (source.body, source.body_line)


def _subject_and_preheader(lead: Article, source: Document) -> list[Problem]:
    found = []
    line, column = source.position("subject" if lead.subject else "title")
    for severity, message, hint in subject_findings(lead.subject or lead.title):
        found.append(Problem(lead.path, line, column, message, hint, severity, "C-39"))
    preheader = preheader_finding(lead.preheader or default_preheader(lead))
    if preheader is not None:
        key = "preheader" if lead.preheader else "summary" if "summary" in source.fields else ""
        line, column = source.position(key) if key else (source.body_line, 1)
        found.append(Problem(lead.path, line, column, *preheader, "warning", "C-20"))
    return found


def body_problems(path: str, body: str, body_line: int, base_url: str) -> list[Problem]:
    """The link and image rules (C-12 to C-16) on a Markdown body starting at file line ``body_line``."""
    found = []
    for item in markdown.inline_items(body):
        for code, message, hint, severity in _item_rules(item, base_url):
            found.append(Problem(path, body_line + item.line, item.column, message, hint, severity, code))
    return found


def _item_rules(item: markdown.Inline, base_url: str) -> Iterable[tuple[str, str, str, str]]:
    if item.kind == "link":
        scheme = urlsplit(item.target.strip()).scheme.lower()
        if item.target.startswith("#") or scheme not in (*SAFE_SCHEMES, ""):
            return  # rendered as its text alone: no link reaches the reader
        if not item.text:
            yield "C-15", "a link with no text", "give the link text, or its image alt text", "error"
        elif is_generic_link_text(item.text):
            yield (
                "C-16",
                f"link text {item.text!r} says nothing about where it goes",
                "describe the target, e.g. the article's title",
                "error",
            )
        if scheme == "http":
            yield "C-15", f"a link over plain http: {item.target}", "use https:// where the site supports it", "warning"
        return
    if item.text is None:
        yield "C-12", "<img> without alt", 'describe it in alt, or alt="" when it is decorative', "error"
    elif item.linked and not item.text.strip():
        yield "C-13", "a linked image with empty alt", "a linked image needs alt text that says where it goes", "error"
    yield from _image_source(item.target, base_url)


def _image_source(src: str, base_url: str) -> Iterable[tuple[str, str, str, str]]:
    if src.startswith("data:"):
        yield "C-14", "an image as a data: URI", "host the image and link it with https://", "error"
        return
    if not urlsplit(src).scheme and base_url:
        src = urljoin(base_url.rstrip("/") + "/", src)  # as the renderer makes it absolute
    scheme = urlsplit(src).scheme.lower()
    if scheme != "https":
        severity = "warning" if scheme == "http" else "error"
        yield "C-14", f"image source is not absolute https: {src!r}", "use an absolute https:// URL", severity
    path = urlsplit(src).path
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if extension in ("svg", "webp", "avif"):
        yield "C-14", f"a .{extension} image", "many clients cannot show it: use PNG, JPG or GIF", "error"
    elif extension not in ("png", "jpg", "jpeg", "gif"):
        yield "C-14", f"cannot tell the image format of {src!r}", "link PNG, JPG or GIF files", "warning"
