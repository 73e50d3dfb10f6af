"""The Markdown side of the pre-flight check: the rules on what an editor wrote (link text, alt text and image
sources, the subject and the preheader: the facts of checklist/facts.py; a column with no text, or shorter than
[lint] min_lead_words), each reported at the file, line and column the editor must change.

`nieuwsbrief lint` runs the same rules on the same facts in the rendered issue (lint/); here `check` (and `compose`,
before it renders) can point at the source instead of at issues/<id>/issue.html.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import markdown
from .checklist.facts import Found, Image, Link, Preheader, Subject
from .checklist.rules import RULES, Rule, judged
from .config import Settings
from .content.read import document
from .content.text import Document
from .edition import default_preheader
from .errors import Problem
from .model import Article, Author
from .plaintext import is_safe_link
from .weekly import lead_ready


def check_lead(settings: Settings, lead: Article, author: Author | None, rules: Iterable[Rule] = RULES) -> list[Problem]:
    """Every content-level rule on a column as it would lead an issue, and on its author's bio, at the source: whether
    it is ready, and the rules on its facts."""
    source = document(settings, lead.path) if not lead.sha256 else None
    shown = lead._replace(body=source.body, body_line=source.body_line) if source is not None else lead
    return [*lead_ready(settings, shown), *short_lead(settings, shown), *judged(lead_facts(settings, lead, author), rules)]


def short_lead(settings: Settings, lead: Article) -> list[Problem]:
    """A column shorter than [lint] min_lead_words: a warning (an error with --strict). A short column is fine by default:
    real release notes run to 26 words."""
    words = len(markdown.plain_words(lead.body))
    if words >= settings.min_lead_words or not lead.body.strip():
        return []
    message = f"the column {lead.slug} has {words} words, fewer than [lint] min_lead_words ({settings.min_lead_words})"
    return [Problem(lead.path, lead.body_line, 1, message, "write more, or lower min_lead_words", "warning")]


def lead_facts(settings: Settings, lead: Article, author: Author | None) -> list[Found]:
    """The subject, the preheader, and the links and images of a column and its author's bio, where they are written.

    A site's column must come read in full (content.complete): its raw body still holds the template syntax."""
    source = document(settings, lead.path)
    if source is None:
        return []  # unreadable: the scan has reported it
    body, body_line = _body_as_shown(lead, source)
    found = _subject_and_preheader(lead._replace(body=body), source)
    found += _body_facts(lead.path, body, body_line, settings.base_url)
    bio = document(settings, author.path) if author is not None and _bio_in_markdown(author) else None
    if author is not None and bio is not None:
        found += _body_facts(author.path, bio.body, bio.body_line, settings.base_url)
    return found


def _bio_in_markdown(author: Author) -> bool:
    """Whether the author's file holds a bio as its Markdown body: a site may keep its authors in a data file, or
    know an author only by the name a page gives (no bio, and a path that is that page's)."""
    return bool(author.bio.strip()) and author.path.endswith((".md", ".markdown"))


def _body_as_shown(lead: Article, source: Document) -> tuple[str, int]:
    """The body as the issue renders it, and its first line in the file: a piece read in full (content.complete)
    has it, a site's template syntax written out; otherwise the file's own."""
    return (lead.body, lead.body_line) if lead.sha256 else (source.body, source.body_line)


def _subject_and_preheader(lead: Article, source: Document) -> list[Found]:
    line, column = source.position("subject" if lead.subject else "title")
    found = [Found(Subject(lead.subject or lead.title), lead.path, line, column)]
    key = "preheader" if lead.preheader else "summary" if "summary" in source.fields else ""
    line, column = source.position(key) if key else (source.body_line, 1)
    return [*found, Found(Preheader(lead.preheader or default_preheader(lead)), lead.path, line, column)]


def _body_facts(path: str, body: str, body_line: int, base_url: str) -> list[Found]:
    """The links and images of a Markdown body starting at file line ``body_line``, as the renderer makes them."""
    items = markdown.inline_items(body)
    return [Found(fact, path, body_line + item.line, item.column) for item in items if (fact := _fact(item, base_url))]


def _fact(item: markdown.Inline, base_url: str) -> Link | Image | None:
    written = item.target.strip()
    if item.kind != "link":
        return Image(item.text, markdown.absolute(written, base_url), item.linked)
    if not written:
        return Link(item.text or "", "")  # [dit](): a link to nothing, which the editor must fill in
    if written.startswith("#") or not is_safe_link(written):
        return None  # rendered as its text alone: no link reaches the reader
    return Link(item.text or "", markdown.absolute(written, base_url))
