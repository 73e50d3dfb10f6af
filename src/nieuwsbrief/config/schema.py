"""Every setting of nieuwsbrief.toml, declared once: type, default, checks, hint and the line the reference shows.

The loader (load.py), ``Settings`` and the reference in README.md and docs/settings.md are derived from these
declarations. To add a setting: declare it here, add its attribute to ``Settings`` (settings.py), then run
``cog -r README.md docs/settings.md`` to regenerate the reference. An ESP's own table is declared in its module
(esps/) and listed here from there.
"""

from __future__ import annotations

import re

from ..esps import ESPS
from ..locales import CODES, DEFAULT, in_each, locale
from ..options import (
    EMAIL,
    HH_MM,
    HTTPS_PATTERN,
    HTTPS_URL,
    LIST_ID,
    MAILTO,
    ONE_LINE,
    TIMEZONE,
    Option,
    Rule,
    Section,
    Values,
    between,
    format_pattern,
    mailbox,
    mode,
    one_of,
)
from .brand_schema import BRAND
from .content_schema import CONTENT

SETTINGS_FILE = "nieuwsbrief.toml"
LEAD_BODIES = ("auto", "full", "excerpt")  # [lead] body: the whole column, or its excerpt with a link to the rest
ARCHIVE_ISSUES = ("sent", "all")  # which issues the web archive lists
SMTP_SECURITY = {"starttls": 587, "ssl": 465, "none": 25}  # security -> its usual port


def _paths(values: Values) -> dict[str, str]:
    return locale(values["newsletter.locale"]).paths


def _path_doc(which: str) -> str:
    return "base_url + " + in_each(lambda each: f"/{each.paths[which]}")


def _address(value: str) -> str:
    return (mailbox(value) or ("", ""))[1] if value else ""


def _octal(value: str) -> int:
    return int(value, 8)


def _domains(value: list[str]) -> tuple[str, ...]:
    return tuple(domain.lower().strip(".") for domain in value)


def _strings(value: list[str]) -> tuple[str, ...]:
    return tuple(value)


CHECKLIST_ROW = Rule(
    lambda value: [code for code in value if not re.fullmatch(r"C-\d\d", code)],
    "{name} holds {part!r}, which is not a checklist row",
    'name each rule by its row, e.g. ["C-44"] (docs/checklist.md lists them)',
    "checklist rows, e.g. C-44",
)


def _no_trailing_slash(url: str) -> str:
    return url.rstrip("/")


def _one_trailing_slash(url: str) -> str:
    return url.rstrip("/") + "/"


NEWSLETTER = Section(
    "newsletter",
    "The newsletter: its name, sender, address and language.",
    (
        Option(
            "name",
            str,
            "shown in the header and as the From name",
            required=True,
            rules=(ONE_LINE,),
            example="Ondernemen Wekelijks",
        ),
        Option(
            "base_url",
            str,
            "your site: makes every link and image absolute",
            required=True,
            rules=(HTTPS_URL,),
            clean=_no_trailing_slash,
            example="https://www.example.nl",
        ),
        Option(
            "from",
            str,
            "the sender: an address on a domain you send from",
            required=True,
            rules=(EMAIL,),
            field="sender",
            example="Ondernemen Wekelijks <nieuwsbrief@example.nl>",
        ),
        Option(
            "postal_address",
            str,
            "shown in the footer, as the law wants",
            required=True,
            rules=(ONE_LINE,),
            example="Voorbeeldstraat 1, 1234 AB Utrecht",
        ),
        Option(
            "reply_to",
            str,
            "where replies go",
            "",
            rules=(EMAIL,),
            hint="e.g. redactie@example.nl",
            example="redactie@example.nl",
        ),
        Option("locale", str, "the language of labels, dates and default paths", DEFAULT, rules=(one_of(CODES, "locale"),)),
        Option("timezone", str, "the send moment in the .eml and the feed", "Europe/Amsterdam", rules=(TIMEZONE,)),
        Option("send_time", str, "the .eml Date: the issue date at this time", "07:00", rules=(HH_MM,)),
        Option(
            "list_id",
            str,
            "the List-Id header",
            default="",
            default_doc="the name's slug + the sender's domain",
            rules=(LIST_ID,),
            example="ondernemen-wekelijks.example.nl",
            rare=True,
        ),
        Option(
            "why",
            str,
            'the footer\'s "why you get this"',
            default="",
            default_doc="the why label",
            rules=(ONE_LINE,),
            example="Je ontvangt deze nieuwsbrief omdat ...",
            rare=True,
        ),
    ),
)

SELECTION = Section(
    "selection",
    "What an issue features.",
    (
        Option("related_count", int, "related articles under the lead column", 3, rules=(between(0, 12),)),
        Option(
            "related_min_score",
            int,
            "the topic points a related piece needs; fewer pieces rather than filler",
            5,
            rules=(between(0, 1000),),
        ),
        Option("words_per_minute", int, "reading speed, for the reading time", 250, rules=(between(50),)),
        Option(
            "lead_max_age",
            int,
            "before the first issue, how many days old a column may be to lead (0: any age); after it, only what is "
            "new since the previous issue leads",
            14,
            rules=(between(0),),
        ),
    ),
)

LEAD = Section(
    "lead",
    "How the lead column goes out: whole, or an excerpt with a button to the rest on the website.",
    (
        Option(
            "body",
            str,
            "full, excerpt, or auto (the whole column while the issue stays within the 85 KB budget, else the excerpt)",
            "auto",
            rules=(one_of(LEAD_BODIES),),
            field="lead_body",
        ),
        Option(
            "excerpt_words",
            int,
            "an excerpt without the site's own divider (`<!--more-->`, a summary) ends at the paragraph nearest this",
            150,
            rules=(between(20),),
        ),
    ),
)

LINT = Section(
    "lint",
    "The pre-flight checks.",
    (
        Option(
            "min_lead_words",
            int,
            "a lead column shorter than this is a warning (an error with --strict); 0: any length",
            0,
            rules=(between(0),),
        ),
        Option(
            "skip",
            list,
            "checklist rows not checked; each is named when composing and recorded in the manifest",
            [],
            rules=(CHECKLIST_ROW,),
            field="lint_skip",
            convert=_strings,
            example=["C-44"],
            rare=True,
        ),
    ),
)

LINKS = Section(
    "links",
    "The links every issue carries. A default derives from base_url, with paths in the project's language.",
    (
        Option(
            "unsubscribe",
            str,
            "your ESP's or your own unsubscribe page",
            derive=lambda values: f"{values['newsletter.base_url']}/{_paths(values)['unsubscribe']}",
            default_doc=_path_doc("unsubscribe"),
            rules=(HTTPS_URL,),
            field="unsubscribe_url",
            example="https://www.example.nl/nieuwsbrief/afmelden",
        ),
        Option(
            "unsubscribe_mailto",
            str,
            "also in List-Unsubscribe (some mail programs use only this)",
            "",
            rules=(MAILTO,),
            example="mailto:afmelden@example.nl",
        ),
        Option(
            "unsubscribe_one_click",
            str,
            "an unsubscribe URL per reader, with your list software's tag for the reader's token: "
            "List-Unsubscribe then offers one-click unsubscribe (RFC 8058); an ESP dialect uses its own tag",
            default="",
            default_doc="none: the plain List-Unsubscribe header, without one-click",
            rules=(HTTPS_URL,),
            example="https://lijst.example.nl/afmelden/[TOKEN]",
            rare=True,
        ),
        Option(
            "view_online",
            str,
            '"view in your browser", to send readers elsewhere than the archive',
            derive=lambda values: f"{values['links.archive_url']}{{id}}/",
            default_doc="archive_url + {id}/",
            rules=(HTTPS_PATTERN, *format_pattern("id")),
            field="view_online_url",
            example="https://www.example.nl/brief/{id}",
            rare=True,
        ),
        Option(
            "subscribe",
            str,
            "where readers sign up, linked from the web archive",
            derive=lambda values: f"{values['newsletter.base_url']}/{_paths(values)['subscribe']}",
            default_doc=_path_doc("subscribe"),
            rules=(HTTPS_URL,),
            field="subscribe_url",
            example="https://www.example.nl/nieuwsbrief/aanmelden",
        ),
        Option(
            "archive_url",
            str,
            "where you publish issues/ (the web archive)",
            derive=lambda values: f"{values['newsletter.base_url']}/{_paths(values)['archive']}",
            default_doc=_path_doc("archive"),
            rules=(HTTPS_URL,),
            clean=_one_trailing_slash,
            example="https://www.example.nl/nieuwsbrief/",
        ),
        Option(
            "article_url",
            str,
            "the web page of a piece",
            derive=lambda values: f"{values['newsletter.base_url']}/{{slug}}/",
            default_doc="base_url + /{slug}/",
            rules=(HTTPS_PATTERN, *format_pattern("slug", "type")),
            example="https://www.example.nl/artikelen/{slug}",
        ),
    ),
)

UTM = Section(
    "utm",
    "UTM tags on an issue's links: utm_source, utm_medium, utm_campaign and utm_content (the slot: lead, related-1, ...).",
    (
        Option("enabled", bool, "tag the links", True, field="utm"),
        Option("source", str, "utm_source", "nieuwsbrief", rules=(ONE_LINE,), field="utm_source"),
        Option("medium", str, "utm_medium", "email", rules=(ONE_LINE,), field="utm_medium"),
        Option(
            "campaign",
            str,
            "utm_campaign ({id} is the issue id)",
            "{id}",
            rules=(ONE_LINE, *format_pattern("id")),
            field="utm_campaign",
        ),
        Option(
            "skip_domains",
            list,
            "links to these domains (and their subdomains) get no UTM tags",
            [],
            rules=(ONE_LINE,),
            field="utm_skip_domains",
            convert=_domains,
            example=["partner.nl"],
        ),
    ),
)

ARCHIVE = Section(
    "archive",
    "What nieuwsbrief writes under issues/: which issues the web archive (index.html, feed.xml) lists, and the "
    "permissions of its files and folders, as a web server publishes them, whatever the umask.",
    (
        Option(
            "issues",
            str,
            "which issues it lists: sent (only what went out) or all (every composed issue)",
            "sent",
            rules=(one_of(ARCHIVE_ISSUES),),
            field="archive_issues",
        ),
        Option(
            "file_mode", str, "the files' permissions, in octal", "644", rules=(mode(0o600, "read and write"),), convert=_octal
        ),
        Option(
            "folder_mode",
            str,
            "the folders' permissions, in octal",
            "755",
            rules=(mode(0o700, "read, write and enter"),),
            convert=_octal,
        ),
    ),
)

ESP = Section(
    "esp",
    "Handing the issue to an email service provider (ESP): by export, SMTP or its API.",
    (
        Option("dialect", str, "merge tags for export and SMTP", "generic", rules=(one_of(tuple(ESPS), "dialect"),)),
        Option("timeout", int, "seconds per ESP API request", 30, rules=(between(1, 600, "seconds"),), field="esp_timeout"),
        Option(
            "retries",
            int,
            "retries on 429, 5xx and lost connections, with exponential backoff",
            3,
            rules=(between(0, 10),),
            field="esp_retries",
        ),
    ),
)

SMTP = Section(
    "smtp",
    "Sending by SMTP; the login lives only in the environment (NIEUWSBRIEF_SMTP_USERNAME, NIEUWSBRIEF_SMTP_PASSWORD).",
    (
        Option("host", str, "the SMTP server; needed to send by SMTP", "", rules=(ONE_LINE,), example="smtp.example.nl"),
        Option(
            "port",
            int,
            "the SMTP server's port",
            derive=lambda values: SMTP_SECURITY.get(values["smtp.security"], 587),
            default_doc=", ".join(f"{port} for {security}" for security, port in SMTP_SECURITY.items()),
            rules=(between(1, 65535),),
            hint="587 for starttls, 465 for ssl",
            example=587,
        ),
        Option(
            "security",
            str,
            "TLS: upgraded (starttls), from the start (ssl) or none",
            "starttls",
            rules=(one_of(tuple(SMTP_SECURITY)),),
        ),
        Option(
            "list_address",
            str,
            "the address that reaches the whole list (e.g. an ESP's); needed to send by SMTP",
            "",
            rules=(EMAIL,),
            hint="e.g. lijst@example.nl",
            convert=_address,
            example="lijst@example.nl",
        ),
        Option("timeout", int, "seconds to wait for the SMTP server", 30, rules=(between(1, 600, "seconds"),)),
    ),
    into="smtp",
)

# The labels themselves are each locale's (locales/<code>/labels.toml, PLACEHOLDERS); load.py checks them against it.
LABELS = Section(
    "labels",
    "Your own text for any label of the email (the labels are listed below).",
    (),
    example='# related = "Meer om te lezen"',
)

NEW = Section(
    "new",
    "Defaults for `nieuwsbrief new`.",
    (
        Option(
            "author",
            str,
            "the author of a new column",
            "",
            default_doc="the only author, else the newest column's",
            rules=(ONE_LINE,),
            field="new_author",
            example="marloes-verhoeven",
        ),
        Option(
            "category",
            str,
            "the category of a new piece",
            "",
            default_doc="the category used most",
            rules=(ONE_LINE,),
            field="new_category",
            example="Ondernemen",
        ),
    ),
)

# [mailchimp], [brevo], [sendgrid]: the table of each ESP with an API, as its module declares it.
ACCOUNTS = tuple(section for esp in ESPS.values() if (section := esp.section) is not None)
SECTIONS = (NEWSLETTER, SELECTION, LEAD, LINT, LINKS, BRAND, ARCHIVE, UTM, ESP, SMTP, *ACCOUNTS, CONTENT, LABELS, NEW)
SECTION_BY_NAME = {section.name: section for section in SECTIONS}
# "section.key" -> its declaration
OPTIONS: dict[str, tuple[Section, Option]] = {
    f"{section.name}.{option.key}": (section, option) for section in SECTIONS for option in section.options
}
