"""The validated settings as the rest of nieuwsbrief reads them. Their defaults and checks are in schema.py."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import Problem


@dataclass(frozen=True)
class SmtpSettings:
    """[smtp]: where mail goes out. User name and password never live here, only in the environment."""

    host: str
    port: int
    security: str  # starttls, ssl or none
    list_address: str  # the address that reaches the whole list
    timeout: int


@dataclass(frozen=True)
class BrandSettings:
    """[brand]: how the email, its web version, the archive and the proof sheet look (brand.py derives the rest)."""

    logo: str  # an https:// address, a file in the project, or "" for the name in type
    logo_alt: str  # "": the newsletter's name
    logo_width: int  # 0: from the file
    align: str  # "center" or "left"
    show_name: bool
    font: str  # "serif" or "sans"
    accent: str  # #rrggbb, as every colour here
    accent_dark: str
    background: str
    card: str
    forwarded: bool  # the footer's "forwarded this? subscribe" line
    reply: bool  # the footer's invitation to reply


@dataclass(frozen=True)
class Settings:
    """nieuwsbrief.toml, checked; each attribute is filled from its declaration in schema.py."""

    project: Path
    name: str
    base_url: str
    sender: str  # the "from" setting
    postal_address: str
    reply_to: str
    locale: str
    timezone: str
    send_time: str
    list_id: str
    why: str  # "why you get this", shown in the footer
    related_count: int
    related_min_score: int
    words_per_minute: int
    lead_max_age: int  # days; 0: any age
    lead_body: str  # "auto", "full" or "excerpt"
    excerpt_words: int
    min_lead_words: int
    lint_skip: tuple[str, ...]  # checklist rows not checked
    unsubscribe_url: str
    unsubscribe_mailto: str
    unsubscribe_one_click: str  # a per-reader unsubscribe URL, as the list software writes it; "" for none
    view_online_url: str  # may hold {id}
    subscribe_url: str
    archive_url: str  # where issues/ is published; ends with "/"
    own_archive: bool  # archive_url was set: the project publishes its web archive itself
    article_url: str  # may hold {slug} and {type}
    own_article_url: bool  # article_url was set: it overrides the addresses a site generator would give
    archive_issues: str  # "sent" or "all": what the web archive lists
    max_file_bytes: int
    content_preset: str  # [content]: "" is our own layout; else a generator's conventions
    content_root: str  # the site folder as written ("": the project folder)
    content_columns: tuple[str, ...]  # globs under the root; () is the preset's
    content_articles: tuple[str, ...]
    content_authors: tuple[str, ...]
    content_category: str  # the label of a piece that names no category (a mapped site only)
    content_language: str  # the language of a multilingual site whose pieces are read
    content_fields: dict[str, tuple[str, ...]]  # our field -> the site's keys; only what the settings override
    content_author_fields: dict[str, tuple[str, ...]]
    utm: bool
    utm_source: str
    utm_medium: str
    utm_campaign: str
    utm_skip_domains: tuple[str, ...]
    dialect: str
    esp_timeout: int
    esp_retries: int
    smtp: SmtpSettings
    brand: BrandSettings
    accounts: dict[str, dict[str, Any]]  # [mailchimp], [brevo], ...: each ESP API's own table (esps/), by attribute
    labels: dict[str, str]
    new_author: str  # [new] defaults for `nieuwsbrief new`
    new_category: str
    file_mode: int  # [archive]: the permissions of what composing writes under issues/
    folder_mode: int
    warnings: tuple[Problem, ...]

    @property
    def domain(self) -> str:
        return parseaddr(self.sender)[1].rpartition("@")[2] or urlsplit(self.base_url).hostname or "localhost"

    def public(self) -> dict[str, object]:
        """The settings recorded in a manifest (no secrets live in this file)."""
        return {
            "name": self.name,
            "base_url": self.base_url,
            "from": self.sender,
            "locale": self.locale,
            "timezone": self.timezone,
            "related_count": self.related_count,
            "related_min_score": self.related_min_score,
            "words_per_minute": self.words_per_minute,
            "lead_max_age": self.lead_max_age,
            "lead_body": self.lead_body,
        }
