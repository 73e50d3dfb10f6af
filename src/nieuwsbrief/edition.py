"""Selection -> Edition: number, subject, preheader and the links, with UTM tags per slot; the lead's excerpt."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import markdown
from .config import Settings
from .model import Article, Edition, Selection
from .text import one_line

# The inbox preview shows roughly 40 to 130 characters (email checklist C-20).
PREHEADER_MIN, PREHEADER_MAX = 40, 130


def build_edition(selection: Selection, settings: Settings, number: int) -> Edition:
    lead = selection.lead.article
    links = {pick.slot: tag_link(pick.article.url, settings, selection.issue_id, pick.slot) for pick in selection.picks}
    return Edition(
        id=selection.issue_id,
        number=number,
        date=selection.date,
        # A site's title may run over two lines; the content's checks said where; no header ever carries more.
        subject=one_line(" ".join((lead.subject or lead.title).split())),
        preheader=one_line(lead.preheader or default_preheader(lead)),
        selection=selection,
        links=links,
        view_online_url=settings.view_online_url.format(id=selection.issue_id),
        unsubscribe_url=settings.unsubscribe_url,
        web_url=f"{settings.archive_url}{selection.issue_id}/",
    )


def tag_link(url: str, settings: Settings, issue_id: str, slot: str) -> str:
    """Add utm_* parameters, keeping the query the link already has (its own utm_* win).

    Links to a domain in [utm] skip_domains (or a subdomain of one) stay as they are: a partner's site
    gains nothing from our campaign tags.
    """
    parts = urlsplit(url)
    if not settings.utm or _skipped(parts.hostname or "", settings.utm_skip_domains):
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    tags = [
        ("utm_source", settings.utm_source),
        ("utm_medium", settings.utm_medium),
        ("utm_campaign", settings.utm_campaign.format(id=issue_id)),
        ("utm_content", slot),
    ]
    query += [(key, value) for key, value in tags if key not in present]
    return urlunsplit(parts._replace(query=urlencode(query)))


def tag_own_link(url: str, settings: Settings, issue_id: str, slot: str) -> str:
    """A link in a text (the lead's body, the author's bio) tagged like a slot's, when it goes to the site's own pages:
    base_url's domain, with or without www., or a subdomain of it. Links elsewhere stay as written."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    site = (urlsplit(settings.base_url).hostname or "").lower().removeprefix("www.")
    if site and (host == site or host.endswith("." + site)):
        return tag_link(url, settings, issue_id, slot)
    return url


def default_preheader(lead: Article) -> str:
    """The summary when it fits the inbox preview; otherwise the opening of the column, cut to fit;
    the title when the column has no text yet (an empty preview would show the body's first words)."""
    if PREHEADER_MIN <= len(lead.summary) <= PREHEADER_MAX:
        return lead.summary
    opening = lead.summary if len(lead.summary) > PREHEADER_MAX else markdown.to_text(lead.body, width=None, image_label="").text
    return markdown.cut_at_word(" ".join(opening.split()), PREHEADER_MAX - 10) or lead.title


def _skipped(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower()
    return any(host == domain or host.endswith("." + domain) for domain in domains)


MORE = re.compile(r"<!--\s*more\s*-->")  # Hugo's summary divider, and the one Jekyll sites set most
_DEFINITION = re.compile(r" {0,3}\[(\^?)([^\]]+)\]:")  # a link reference or footnote definition line


def excerpt(article: Article, words: int, dividers: Sequence[str] = ()) -> str:
    """The lead column's excerpt as Markdown, as the site itself would cut it: the summary its front matter states,
    else what comes before its divider (<!--more--> or one of ``dividers``), else the opening blocks up to the
    paragraph boundary nearest ``words``. "" when that leaves nothing out."""
    body = article.body
    derived = {markdown.summary(text, markdown.SUMMARY_CHARS) for text in (body, MORE.split(body, 1)[0])}
    if article.summary and article.summary not in derived:
        return article.summary
    for divider in (MORE, *(re.compile(re.escape(d)) for d in dividers if d.strip())):
        found = divider.search(body)
        if found and body[: found.start()].strip():
            return _with_definitions(body, body[: found.start()].rstrip())
    return _opening(body, words)


def _opening(body: str, words: int) -> str:
    """The blocks from the top to the boundary nearest ``words`` (never after a heading); "" for the whole body."""
    blocks = markdown.blocks(body)
    ends, total = [], 0
    for place, block in enumerate(blocks):
        total += block.words
        if block.kind != "heading" and block.words and (place + 1 == len(blocks) or blocks[place + 1].kind != "fence"):
            ends.append((abs(total - words), place))
    if not ends:
        return ""
    _, last = min(ends)
    if last + 1 == len(blocks):
        return ""
    lines = body.split("\n")
    return _with_definitions(body, "\n".join(lines[: blocks[last].end]).rstrip())


def _with_definitions(body: str, head: str) -> str:
    """``head`` with the link reference definitions after it, and the footnotes it refers to: they show nothing
    where they are written, and without them a link or a note marker of the head would show as written."""
    kept, keeping = [], False
    for line in body[len(head) :].split("\n"):
        found = _DEFINITION.match(line)
        if found:
            keeping = not found.group(1) or f"[^{found.group(2)}]" in head
        elif line.strip() and not line.startswith(("    ", "\t")):
            keeping = False
        if keeping:
            kept.append(line)
    return "\n".join([head, "", *kept]).rstrip() if kept else head
