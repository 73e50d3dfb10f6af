"""Edition -> RenderedEdition: the HTML email (CSS inlined), the plain text and the .eml."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import markdown
from .checklist.rules import HTML_BUDGET
from .config import Settings
from .content.generators import generator_of
from .content.text import Collector
from .delivery.message import build_message
from .edition import excerpt, tag_own_link
from .emailhtml import COLUMN_WIDTH
from .images import local_sizes
from .inline import inline_css
from .locales import labels_for, long_date
from .model import Article, Author, Content, Edition, RenderedEdition
from .plaintext import wrap_parts
from .templating import HTML_TEMPLATE, TEXT_TEMPLATE, Templates, safe


def render_edition(
    edition: Edition, content: Content, settings: Settings, templates: Templates, web: bool = True
) -> RenderedEdition:
    """The issue's HTML, text and .eml; with ``web`` its web version too (a proof has no use for it).

    The lead goes out whole or as its excerpt, as [lead] body says: "auto" sends the excerpt only when the whole
    column would take the HTML over its budget (C-07), so a long column never stops an issue on its size alone.
    """
    lead = edition.selection.lead.article
    short = excerpt(lead, settings.excerpt_words, _dividers(settings)) if settings.lead_body != "full" else ""
    if settings.lead_body == "excerpt" and short:
        return _render(edition, content, settings, templates, web, short)
    whole = _render(edition, content, settings, templates, web, lead.body)
    if short and len(whole.html.encode("utf-8")) > HTML_BUDGET:
        return _render(edition, content, settings, templates, web, short)
    return whole


def _dividers(settings: Settings) -> tuple[str, ...]:
    """The site's own excerpt divider beside <!--more-->: Jekyll's excerpt_separator, when its _config.yml sets one."""
    site = generator_of(settings).site(settings, Collector()) if settings.content_preset else None
    stated = site.option("site", {}).get("excerpt_separator") if site is not None else None
    return (stated,) if isinstance(stated, str) else ()


def _render(
    edition: Edition, content: Content, settings: Settings, templates: Templates, web: bool, body: str
) -> RenderedEdition:
    labels = labels_for(settings.locale, settings.labels)
    html_context = _context(edition, content, settings, labels, body, for_text=False)
    text_context = _context(edition, content, settings, labels, body, for_text=True)
    html = _tidy(inline_css(templates.render(HTML_TEMPLATE, {**html_context, "web": False})))
    web_html = _tidy(inline_css(templates.render(HTML_TEMPLATE, {**html_context, "web": True}))) if web else ""
    text = _tidy(templates.render(TEXT_TEMPLATE, {**text_context, "reference": _reference}))
    return RenderedEdition(edition, html, text, build_eml(edition, settings, html, text), web_html, body)


def _tidy(document: str) -> str:
    """One trailing newline and no trailing spaces: stable bytes whatever the template's whitespace."""
    lines = [line.rstrip() for line in document.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


# utm_content of the links an editor writes in the text: the lead's body, the author's bio.
BODY_SLOT, AUTHOR_SLOT = "lead-body", "author"
Tagger = Callable[[str, str], str]


def _own_link_tagger(settings: Settings, issue_id: str) -> Tagger:
    return lambda url, slot: tag_own_link(url, settings, issue_id, slot)


def _reference(number: int, url: str) -> str:
    line = f"[{number}] {url}"
    return line if len(line) <= markdown.WIDTH else f"[{number}]\n{url}"


def _references(urls: list[str], start: int = 1) -> str:
    return "\n".join(_reference(number, url) for number, url in enumerate(urls, start=start))


def _context(
    edition: Edition, content: Content, settings: Settings, labels: dict[str, str], body: str, for_text: bool
) -> dict[str, Any]:
    selection = edition.selection
    lead = selection.lead.article
    author = content.authors.get(lead.author)
    lead_context = _piece(lead, edition.links["lead"], labels, settings.locale)
    # The "read on the website" button (and the text part's link) only when the email leaves something out.
    lead_context["read_on_website"] = body != lead.body or markdown.drops_embeds(body)
    references: list[str] = []
    tag = _own_link_tagger(settings, edition.id)
    if for_text:
        text = markdown.to_text(
            body,
            lead.base_url or settings.base_url,
            image_label=labels["image"],
            link_filter=lambda url: tag(url, BODY_SLOT),
        )
        references = text.references
        lead_context.update(
            body_text=text.text,
            references=references,
            meta_text=_meta_text(lead, author, labels, settings.locale),
            image_text=f"[{labels['image']}: {lead.image_alt}]" if lead.image else "",
        )
    else:
        sizes = local_sizes(settings.project, lead.path)
        lead_context["body_html"] = safe(
            markdown.to_html(
                body, lead.base_url or settings.base_url, image_size=sizes, link_filter=lambda url: tag(url, BODY_SLOT)
            )
        )
    # A name only, as many sites keep: the byline, without the "about the author" box.
    lead_context["byline"] = author.name if author else ""
    lead_context["author"] = (
        _author(author, settings, labels, for_text, references, tag) if author and author.bio.strip() else None
    )
    return {
        "lang": settings.locale,
        "dir": "ltr",
        "column_width": COLUMN_WIDTH,
        "labels": labels,
        "newsletter": {"name": settings.name, "postal_address": settings.postal_address},
        "edition": {
            "id": edition.id,
            "subject": edition.subject,
            "preheader": edition.preheader,
            "issue_label": labels["issue"].format(number=edition.number),
            "date_label": long_date(edition.date, settings.locale),
            "view_online_url": edition.view_online_url,
            "unsubscribe_url": edition.unsubscribe_url,
            "web_url": edition.web_url,
        },
        "lead": lead_context,
        "related": [_piece(p.article, edition.links[p.slot], labels, settings.locale) for p in selection.related],
        "footer": {
            "why": settings.why or labels["why"].format(name=settings.name),
            "sender": f"{settings.name}, {settings.postal_address}",
        },
    }


def _piece(article: Article, url: str, labels: dict[str, str], locale: str) -> dict[str, Any]:
    minutes = labels["reading_time"].format(minutes=article.reading_time)
    return {
        "slug": article.slug,
        "category": article.category,
        "title": article.title,
        "summary": article.summary,
        "url": url,
        "image": article.image,
        "image_alt": article.image_alt,
        "reading_time_label": minutes,
        "date_label": long_date(article.published.date(), locale),
        "heading": f"{article.category} · {article.title} · {minutes}",
        # The text part's teaser: the title on lines of its own, then "category · N min lezen", never split inside.
        "heading_text": markdown.wrap_text(article.title) + "\n" + wrap_parts([article.category, minutes]),
    }


def _meta_text(lead: Article, author: Author | None, labels: dict[str, str], locale: str) -> str:
    parts = [labels["reading_time"].format(minutes=lead.reading_time)]
    if author:
        parts.append(f"{labels['by']} {author.name}")
    parts.append(long_date(lead.published.date(), locale))
    return wrap_parts(parts)


def _author(
    author: Author, settings: Settings, labels: dict[str, str], for_text: bool, lead_references: list[str], tag: Tagger
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "name": author.name,
        "role": author.role,
        "url": author.url,
        "photo": author.photo,
        "photo_alt": author.photo_alt,
        "byline": f"{author.name}, {author.role}" if author.role else author.name,
    }
    if for_text:
        # One numbering for the whole text part: the bio's links go on from the column's, each URL listed once.
        bio = markdown.to_text(
            author.bio,
            settings.base_url,
            image_label=labels["image"],
            references=lead_references,
            top_heading=3,
            link_filter=lambda url: tag(url, AUTHOR_SLOT),
        )
        refs = _references(bio.references[len(lead_references) :], start=len(lead_references) + 1)
        context["bio_text"] = bio.text + (f"\n\n{refs}" if refs else "")
        context["image_text"] = f"[{labels['image']}: {author.photo_alt}]" if author.photo else ""
    else:
        sizes = local_sizes(settings.project, author.path)
        bio_html = markdown.to_html(
            author.bio, settings.base_url, image_size=sizes, top_heading=3, link_filter=lambda url: tag(url, AUTHOR_SLOT)
        )
        context["bio_html"] = safe(bio_html)
    return context


def build_eml(edition: Edition, settings: Settings, html: str, text: str) -> bytes:
    """A multipart/alternative message: text first, HTML last, UTF-8, quoted-printable, list headers."""
    return build_message(
        settings, edition.id, edition.date, edition.subject, edition.unsubscribe_url, html, text, settings.unsubscribe_one_click
    )
