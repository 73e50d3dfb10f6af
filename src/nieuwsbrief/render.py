"""Edition -> RenderedEdition: the HTML email (CSS inlined), its web version, the plain text and the .eml.

The HTML template is rendered and inlined once; the email and the web version are the two sides of that one
render (templating.VARIANTS). Each Markdown body is parsed once for both parts (markdown.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import markdown
from .brand import look
from .checklist.rules import HTML_BUDGET
from .config import Settings
from .content import bio_line
from .content.generators import generator_of
from .content.text import Collector
from .delivery.message import build_message
from .edition import excerpt, tag_own_link
from .emailhtml import COLUMN_WIDTH
from .images import local_sizes
from .inline import inline_css
from .locales import labels_for, long_date
from .model import Article, Author, Content, Edition, RenderedEdition
from .plaintext import WIDTH, wrap, wrap_parts
from .templating import HTML_TEMPLATE, TEXT_TEMPLATE, VARIANTS, Templates, safe

# Outlook's VML namespaces, for the bulletproof button: on the email's <html> only.
OFFICE_NAMESPACES = (
    ' xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:o="urn:schemas-microsoft-com:office:office"'
)
BIO_OPENING = 260  # characters of the bio the email shows when the author's page has the rest: two or three lines


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
    context = _context(edition, content, settings, labels_for(settings.locale, settings.labels), body)
    both = inline_css(templates.render(HTML_TEMPLATE, {**context, "office_namespaces": safe(OFFICE_NAMESPACES)}), templates.kept)
    html = _tidy(side(both, "email"))
    web_html = _tidy(side(both, "web").replace(OFFICE_NAMESPACES, "", 1)) if web else ""
    text = _tidy(templates.render(TEXT_TEMPLATE, {**context, "reference": _reference}))
    return RenderedEdition(edition, html, text, build_eml(edition, settings, html, text), web_html, body)


def side(document: str, kept: str) -> str:
    """One side of a render of both (``kept``: "email" or "web"): its own parts unwrapped, the other's left out."""
    for name, (start, end) in VARIANTS.items():
        parts = re.compile(f"{re.escape(start)}(.*?){re.escape(end)}", re.DOTALL)
        document = parts.sub(r"\1" if name == kept else "", document)
    return document


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


def _context(edition: Edition, content: Content, settings: Settings, labels: dict[str, str], body: str) -> dict[str, Any]:
    """What both templates read: the HTML's parts and the text's, from one parse of each body (``body``: the lead's
    whole text or its excerpt)."""
    selection = edition.selection
    lead = selection.lead.article
    author = content.authors.get(lead.author)
    tag = _own_link_tagger(settings, edition.id)
    base_url = lead.base_url or settings.base_url
    text = markdown.to_text(body, base_url, image_label=labels["image"], link_filter=lambda url: tag(url, BODY_SLOT))
    lead_context = _piece(lead, edition.links["lead"], labels, settings.locale) | {
        # The "read on the website" button (and the text part's link) only when the email leaves something out.
        "read_on_website": body != lead.body or markdown.drops_embeds(body),
        "body_html": safe(
            markdown.to_html(
                body,
                base_url,
                image_size=local_sizes(settings.project, lead.path),
                link_filter=lambda url: tag(url, BODY_SLOT),
                hyphens=settings.locale,
            )
        ),
        "body_text": text.text,
        "references": text.references,
        "meta_text": _meta_text(lead, author, labels, settings.locale),
        "image_text": f"[{labels['image']}: {lead.image_alt}]" if lead.image else "",
        # A name only, as many sites keep: the byline, without the "about the author" box.
        "byline": author.name if author else "",
        "author": _author(author, settings, labels, text.references, tag) if author and author.bio.strip() else None,
    }
    return {
        "lang": settings.locale,
        "dir": "ltr",
        "column_width": COLUMN_WIDTH,
        "labels": labels,
        "brand": look(settings),
        "newsletter": {
            "name": settings.name,
            "postal_address": settings.postal_address,
            "subscribe_url": settings.subscribe_url,
        },
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
    return "\n".join(wrap(line, WIDTH) for line in wrap_parts(parts).split("\n"))  # a byline naming four people


def shown_bio(author: Author) -> str:
    """The Markdown of the bio the issue shows: when the author's page has the rest, its first paragraph, cut after
    the last sentence that ends within BIO_OPENING characters (where no link, code or emphasis is open)."""
    if not author.url:
        return author.bio
    opening = re.split(r"\n[ \t]*\n", author.bio.strip(), maxsplit=1)[0]
    if len(opening) <= BIO_OPENING:
        return opening
    ends = [found.end(1) for found in re.finditer(r"([.!?])\s+(?=\S)", opening[: BIO_OPENING + 1])]
    whole = [end for end in ends if _closed(opening[:end])]
    return opening[: whole[-1]] if whole else opening


def _closed(markdown: str) -> bool:
    """No link, code span or emphasis is left open in ``markdown``: cutting after it leaves valid Markdown."""
    return (
        markdown.count("[") == markdown.count("]")
        and markdown.count("(") == markdown.count(")")
        and all(markdown.count(mark) % 2 == 0 for mark in ("`", "*", "_"))
    )


def shown_sources(settings: Settings, content: Content, lead: Article) -> tuple[tuple[str, str, int], ...]:
    """The Markdown the issue shows (of the lead, its whole text or its excerpt; of the bio, the part above), with its
    file and the line it starts at, so that a layout finding can name them."""
    author = content.authors.get(lead.author)
    bio = ((author.path, shown_bio(author), bio_line(settings, author)),) if author else ()
    return ((lead.path, lead.body, lead.body_line), *bio)


def _initials(name: str) -> str:
    """'MV' for 'Marloes Verhoeven', 'TD' for 'Thijs van Dijk': the avatar's alt text, which fits it with images off."""
    words = [word for word in name.split() if word[:1].isupper()] or name.split()
    return "".join(word[0] for word in (words[0], words[-1]) if word) if len(words) > 1 else name[:2]


def _author(
    author: Author, settings: Settings, labels: dict[str, str], lead_references: list[str], tag: Tagger
) -> dict[str, Any]:
    bio = shown_bio(author)
    # One numbering for the whole text part: the bio's links go on from the column's, each URL listed once.
    bio_text = markdown.to_text(
        bio,
        settings.base_url,
        image_label=labels["image"],
        references=lead_references,
        top_heading=3,
        link_filter=lambda url: tag(url, AUTHOR_SLOT),
    )
    refs = _references(bio_text.references[len(lead_references) :], start=len(lead_references) + 1)
    bio_html = markdown.to_html(
        bio,
        settings.base_url,
        image_size=local_sizes(settings.project, author.path),
        top_heading=3,
        link_filter=lambda url: tag(url, AUTHOR_SLOT),
        hyphens=settings.locale,
    )
    return {
        "name": author.name,
        "role": author.role,
        "url": author.url,
        "photo": author.photo,
        "photo_alt": author.photo_alt,
        "initials": _initials(author.name),
        "byline": f"{author.name}, {author.role}" if author.role else author.name,
        "more_label": labels["more_about"].format(name=author.name),
        "bio_html": safe(bio_html),
        "bio_text": bio_text.text + (f"\n\n{refs}" if refs else ""),
    }


def build_eml(edition: Edition, settings: Settings, html: str, text: str) -> bytes:
    """A multipart/alternative message: text first, HTML last, UTF-8, quoted-printable, list headers."""
    return build_message(
        settings, edition.id, edition.date, edition.subject, edition.unsubscribe_url, html, text, settings.unsubscribe_one_click
    )
