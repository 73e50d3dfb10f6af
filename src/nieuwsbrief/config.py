"""``nieuwsbrief.toml`` -> Settings, with every problem collected and located by key and line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .delivery.dialects import DIALECTS
from .errors import Problem, SettingsError
from .labels import CATALOGUE, PLACEHOLDERS

SETTINGS_FILE = "nieuwsbrief.toml"
LOCALES = ("nl", "en")
# Default URL paths under base_url, in the project's language (a URL is read by people too).
_DEFAULT_PATHS = {
    "nl": {"archive": "nieuwsbrief/", "unsubscribe": "nieuwsbrief/afmelden"},
    "en": {"archive": "newsletter/", "unsubscribe": "newsletter/unsubscribe"},
}
SMTP_SECURITY = {"starttls": 587, "ssl": 465, "none": 25}  # security -> its usual port
ESP_APIS = ("mailchimp", "brevo", "sendgrid")

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-]+)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]+\")\s*=\s*")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class SmtpSettings:
    """[smtp]: where mail goes out. User name and password never live here, only in the environment."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls, ssl or none
    list_address: str = ""  # the address that reaches the whole list
    timeout: int = 30


@dataclass(frozen=True)
class EspAccount:
    """[mailchimp], [brevo], [sendgrid]: the list (audience) to send to and where the API lives."""

    list_id: str = ""
    api_base: str = ""  # empty: the ESP's own API; a loopback URL in tests
    sender_id: int = 0  # SendGrid: the verified sender
    suppression_group_id: int = 0  # SendGrid: the unsubscribe group behind {{{unsubscribe}}}


@dataclass(frozen=True)
class Settings:
    project: Path
    name: str
    base_url: str
    sender: str  # the "from" setting
    postal_address: str
    reply_to: str = ""
    locale: str = "nl"
    timezone: str = "Europe/Amsterdam"
    send_time: str = "07:00"
    list_id: str = ""
    why: str = ""  # "why you get this", shown in the footer
    related_count: int = 3
    words_per_minute: int = 250
    unsubscribe_url: str = ""
    unsubscribe_mailto: str = ""
    view_online_url: str = ""  # may hold {id}
    archive_url: str = ""  # where issues/ is published; ends with "/"
    own_archive: bool = False  # archive_url was set: the project publishes its web archive itself
    article_url: str = ""  # may hold {slug} and {type}
    max_file_bytes: int = 1_000_000
    utm: bool = True
    utm_source: str = "nieuwsbrief"
    utm_medium: str = "email"
    utm_campaign: str = "{id}"
    utm_skip_domains: tuple[str, ...] = ()
    dialect: str = "generic"
    esp_timeout: int = 30
    esp_retries: int = 3
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    accounts: dict[str, EspAccount] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    new_author: str = ""  # [new] defaults for `nieuwsbrief new`
    new_category: str = ""
    warnings: tuple[Problem, ...] = ()

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
            "words_per_minute": self.words_per_minute,
        }


# section -> key -> (expected type, required)
_SCHEMA: dict[str, dict[str, tuple[type, bool]]] = {
    "newsletter": {
        "name": (str, True),
        "base_url": (str, True),
        "from": (str, True),
        "postal_address": (str, True),
        "reply_to": (str, False),
        "locale": (str, False),
        "timezone": (str, False),
        "send_time": (str, False),
        "list_id": (str, False),
        "why": (str, False),
    },
    "selection": {"related_count": (int, False), "words_per_minute": (int, False)},
    "links": {
        "unsubscribe": (str, False),
        "unsubscribe_mailto": (str, False),
        "view_online": (str, False),
        "archive_url": (str, False),
        "article_url": (str, False),
    },
    "utm": {
        "enabled": (bool, False),
        "source": (str, False),
        "medium": (str, False),
        "campaign": (str, False),
        "skip_domains": (list, False),
    },
    "esp": {"dialect": (str, False), "timeout": (int, False), "retries": (int, False)},
    "smtp": {
        "host": (str, False),
        "port": (int, False),
        "security": (str, False),
        "list_address": (str, False),
        "timeout": (int, False),
    },
    "mailchimp": {"list_id": (str, False), "api_base": (str, False)},
    "brevo": {"list_id": (int, False), "api_base": (str, False)},
    "sendgrid": {
        "list_id": (str, False),
        "sender_id": (int, False),
        "suppression_group_id": (int, False),
        "api_base": (str, False),
    },
    "content": {"max_file_kb": (int, False)},
    "labels": {},  # label name -> text; checked against the catalogue below
    "new": {"author": (str, False), "category": (str, False)},
}


class _Locator:
    """Finds the line and column of a TOML key; tomllib keeps no positions."""

    def __init__(self, text: str) -> None:
        self.positions: dict[tuple[str, str], tuple[int, int]] = {}
        self.sections: dict[str, int] = {}
        section = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                section = header.group(1)
                self.sections.setdefault(section, number)
                continue
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip('"')
                self.positions.setdefault((section, name), (number, key.end() + 1))

    def key(self, section: str, name: str) -> tuple[int, int]:
        if (section, name) in self.positions:
            return self.positions[(section, name)]
        return self.sections.get(section, 1), 1


def load_settings(project: Path) -> Settings:
    """Read and validate the settings; raise SettingsError with every problem at once."""
    path = project / SETTINGS_FILE
    shown = SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(
            "no settings file",
            [Problem(shown, 0, 0, f"{SETTINGS_FILE} not found in {project}", "run in the project folder or pass --project DIR")],
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(
            "unreadable settings", [Problem(shown, 1, 1, f"cannot read the settings: {exc}", "save it as UTF-8 text")]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        message = _TOML_POSITION.sub("", str(exc)).strip()
        raise SettingsError(
            "invalid settings", [Problem(shown, line, column, f"invalid TOML: {message}", "see https://toml.io for the syntax")]
        ) from None
    return _validate(project, shown, data, _Locator(text))


def _validate(project: Path, shown: str, data: dict[str, Any], where: _Locator) -> Settings:
    problems: list[Problem] = []

    def problem(section: str, key: str, message: str, hint: str, severity: str = "error") -> None:
        line, column = where.key(section, key)
        problems.append(Problem(shown, line, column, message, hint, severity))

    for section, value in data.items():
        if section not in _SCHEMA:
            problem(section, "", f"unknown section [{section}]", f"known sections: {', '.join(_SCHEMA)}", "warning")
            continue
        if not isinstance(value, dict):
            problem("", section, f"'{section}' must be a table", f"write it as [{section}]")
            continue
        for key, item in value.items():
            expected = _SCHEMA[section].get(key)
            if section == "labels":
                _check_label(key, item, problem)
                continue
            if expected is None:
                known = ", ".join(_SCHEMA[section])
                problem(section, key, f"unknown setting {section}.{key}", f"known settings in [{section}]: {known}", "warning")
                continue
            kind = expected[0]
            if kind is list and isinstance(item, list) and not all(isinstance(entry, str) for entry in item):
                problem(section, key, f"{section}.{key} must be a list of strings, got {item!r}", f"for example {_example(kind)}")
            elif not isinstance(item, kind) or (kind is int and isinstance(item, bool)):
                problem(
                    section, key, f"{section}.{key} must be {_type_name(kind)}, got {item!r}", f"for example {_example(kind)}"
                )
    for section, keys in _SCHEMA.items():
        for key, (_, required) in keys.items():
            if required and key not in data.get(section, {}):
                problem(section, "", f"missing setting {section}.{key}", f'add {key} = "..." under [{section}]')

    newsletter = _table(data, "newsletter")
    selection = _table(data, "selection")
    links = _table(data, "links")
    content = _table(data, "content")
    max_file_kb = _int(content.get("max_file_kb", 1000))
    if max_file_kb < 1:
        problem(
            "content", "max_file_kb", f"content.max_file_kb must be at least 1, got {max_file_kb}", "1000 (1 MB) is the default"
        )
    utm = _table(data, "utm")
    base_url = str(newsletter.get("base_url", "https://example.invalid")).rstrip("/")
    _check_url(base_url, "newsletter", "base_url", problem)
    sender = str(newsletter.get("from", ""))
    if "from" in newsletter and "@" not in parseaddr(sender)[1]:
        problem(
            "newsletter",
            "from",
            f"newsletter.from is not an email address: {sender!r}",
            'write it as "Name <address@example.nl>"',
        )
    locale = str(newsletter.get("locale", "nl"))
    if locale not in LOCALES:
        problem("newsletter", "locale", f"unknown locale {locale!r}", f"use one of: {', '.join(LOCALES)}")
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", str(newsletter.get("send_time", "07:00"))):
        problem("newsletter", "send_time", "newsletter.send_time must look like 07:00", "use 24-hour HH:MM")
    related_count = _int(selection.get("related_count", 3))
    if not 0 <= related_count <= 12:
        problem("selection", "related_count", f"selection.related_count must be 0 to 12, got {related_count}", "3 is the default")
    speed = _int(selection.get("words_per_minute", 250))
    if speed < 50:
        problem(
            "selection", "words_per_minute", f"selection.words_per_minute must be at least 50, got {speed}", "250 is the default"
        )
    # Defaults derive from base_url: only a value the user wrote is checked, so one mistake is one problem.
    paths = _DEFAULT_PATHS.get(locale, _DEFAULT_PATHS["nl"])
    unsubscribe = str(links.get("unsubscribe", f"{base_url}/{paths['unsubscribe']}"))
    if "unsubscribe" in links:
        _check_url(unsubscribe, "links", "unsubscribe", problem)
    archive_url = str(links.get("archive_url", f"{base_url}/{paths['archive']}")).rstrip("/") + "/"
    if "archive_url" in links:
        _check_url(archive_url, "links", "archive_url", problem)
    # The web version in the archive is what "view in your browser" opens, unless view_online says otherwise.
    view_online = str(links.get("view_online", f"{archive_url}{{id}}/"))
    if "view_online" in links:
        _check_url(view_online, "links", "view_online", problem)
    _check_placeholders(view_online, {"id"}, "links", "view_online", problem)
    article_url = str(links.get("article_url", f"{base_url}/{{slug}}/"))
    _check_placeholders(article_url, {"slug", "type"}, "links", "article_url", problem)
    mailto = str(links.get("unsubscribe_mailto", ""))
    if mailto and not mailto.startswith("mailto:"):
        problem(
            "links", "unsubscribe_mailto", "links.unsubscribe_mailto must start with mailto:", 'e.g. "mailto:afmelden@example.nl"'
        )

    _check_placeholders(str(utm.get("campaign", "{id}")), {"id"}, "utm", "campaign", problem)
    skip_domains = tuple(d.lower().strip(".") for d in _strings(utm.get("skip_domains", [])))
    delivery = _delivery_settings(data, problem)

    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SettingsError("invalid settings", problems)
    return Settings(
        project=project,
        name=str(newsletter["name"]),
        base_url=base_url,
        sender=sender,
        postal_address=str(newsletter["postal_address"]),
        reply_to=str(newsletter.get("reply_to", "")),
        locale=locale,
        timezone=str(newsletter.get("timezone", "Europe/Amsterdam")),
        send_time=str(newsletter.get("send_time", "07:00")),
        list_id=str(newsletter.get("list_id", "")),
        why=str(newsletter.get("why", "")),
        related_count=related_count,
        words_per_minute=speed,
        unsubscribe_url=unsubscribe,
        unsubscribe_mailto=mailto,
        view_online_url=view_online,
        archive_url=archive_url,
        own_archive="archive_url" in links,
        article_url=article_url,
        max_file_bytes=max_file_kb * 1000,
        utm=bool(utm.get("enabled", True)),
        utm_source=str(utm.get("source", "nieuwsbrief")),
        utm_medium=str(utm.get("medium", "email")),
        utm_campaign=str(utm.get("campaign", "{id}")),
        utm_skip_domains=skip_domains,
        dialect=delivery.dialect,
        esp_timeout=delivery.timeout,
        esp_retries=delivery.retries,
        smtp=delivery.smtp,
        accounts=delivery.accounts,
        labels={k: v for k, v in _table(data, "labels").items() if isinstance(v, str)},
        new_author=str(_table(data, "new").get("author", "")),
        new_category=str(_table(data, "new").get("category", "")),
        warnings=tuple(problems),
    )


@dataclass(frozen=True)
class _Delivery:
    dialect: str
    timeout: int
    retries: int
    smtp: SmtpSettings
    accounts: dict[str, EspAccount]


def _delivery_settings(data: dict[str, Any], problem: Any) -> _Delivery:
    """[esp], [smtp] and one table per ESP API; only what the user wrote is checked."""
    esp = _table(data, "esp")
    dialect = str(esp.get("dialect", "generic"))
    if dialect not in DIALECTS:
        problem("esp", "dialect", f"unknown dialect {dialect!r}", f"use one of: {', '.join(DIALECTS)}")
    timeout = _int(esp.get("timeout", 30))
    if not 1 <= timeout <= 600:
        problem("esp", "timeout", f"esp.timeout must be 1 to 600 seconds, got {timeout}", "30 is the default")
    retries = _int(esp.get("retries", 3))
    if not 0 <= retries <= 10:
        problem("esp", "retries", f"esp.retries must be 0 to 10, got {retries}", "3 is the default")
    smtp = _table(data, "smtp")
    security = str(smtp.get("security", "starttls"))
    if security not in SMTP_SECURITY:
        problem("smtp", "security", f"unknown smtp.security {security!r}", f"use one of: {', '.join(SMTP_SECURITY)}")
    port = _int(smtp.get("port", SMTP_SECURITY.get(security, 587)))
    if not 1 <= port <= 65535:
        problem("smtp", "port", f"smtp.port must be 1 to 65535, got {port}", "587 for starttls, 465 for ssl")
    list_address = str(smtp.get("list_address", ""))
    if list_address and "@" not in parseaddr(list_address)[1]:
        problem("smtp", "list_address", f"smtp.list_address is not an email address: {list_address!r}", "e.g. lijst@example.nl")
    smtp_timeout = _int(smtp.get("timeout", 30))
    if not 1 <= smtp_timeout <= 600:
        problem("smtp", "timeout", f"smtp.timeout must be 1 to 600 seconds, got {smtp_timeout}", "30 is the default")
    accounts = {}
    for name in ESP_APIS:
        table = _table(data, name)
        api_base = str(table.get("api_base", "")).rstrip("/")
        if api_base:
            _check_api_base(api_base, name, problem)
        accounts[name] = EspAccount(
            list_id=str(table.get("list_id", "")),
            api_base=api_base,
            sender_id=_int(table.get("sender_id", 0)),
            suppression_group_id=_int(table.get("suppression_group_id", 0)),
        )
    return _Delivery(
        dialect=dialect,
        timeout=timeout,
        retries=retries,
        smtp=SmtpSettings(
            host=str(smtp.get("host", "")),
            port=port,
            security=security,
            list_address=parseaddr(list_address)[1] if list_address else "",
            timeout=smtp_timeout,
        ),
        accounts=accounts,
    )


def _check_api_base(url: str, section: str, problem: Any) -> None:
    # The API key travels with every request: plain http only to this machine (a test server).
    parts = urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if not parts.netloc or not (parts.scheme == "https" or (parts.scheme == "http" and loopback)):
        problem(
            section,
            "api_base",
            f"{section}.api_base must be an https:// URL (http only to localhost), got {url!r}",
            "leave it out to use the ESP's own API",
        )


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    return value if isinstance(value, dict) else {}


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _type_name(kind: type) -> str:
    return {str: "a string", int: "a whole number", bool: "true or false", list: "a list of strings"}[kind]


def _example(kind: type) -> str:
    return {str: 'key = "text"', int: "key = 3", bool: "key = true", list: 'key = ["a", "b"]'}[kind]


def _check_url(url: str, section: str, key: str, problem: Any) -> None:
    parts = urlsplit(url.replace("{id}", "x"))
    if parts.scheme != "https" or not parts.netloc:
        problem(section, key, f"{section}.{key} must be an absolute https:// URL, got {url!r}", 'e.g. "https://www.example.nl"')


def _check_label(key: str, value: object, problem: Any) -> None:
    if not isinstance(value, str):
        problem("labels", key, f"[labels] {key} must be a string", 'write it as key = "text"')
    elif key not in CATALOGUE["nl"]:
        problem(
            "labels", key, f"unknown label '{key}' is ignored", f"known labels: {', '.join(sorted(CATALOGUE['nl']))}", "warning"
        )
    elif key in PLACEHOLDERS:
        # These labels are filled in with str.format: an unknown {name} or a lone brace would fail there.
        allowed = sorted(PLACEHOLDERS[key])
        try:
            value.format(**dict.fromkeys(allowed, ""))
        except (KeyError, IndexError, ValueError):
            problem(
                "labels",
                key,
                f"[labels] {key} may only use the placeholder{'s' if len(allowed) > 1 else ''} "
                f"{', '.join('{' + a + '}' for a in allowed)}",
                "write a literal brace as {{ or }}",
            )


def _check_placeholders(pattern: str, allowed: set[str], section: str, key: str, problem: Any) -> None:
    for name in re.findall(r"\{([^{}]*)\}", pattern):
        if name not in allowed:
            problem(
                section,
                key,
                f"{section}.{key} has an unknown placeholder {{{name}}}",
                f"allowed: {', '.join('{' + a + '}' for a in sorted(allowed))}",
            )
