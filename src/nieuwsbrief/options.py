"""The vocabulary of the declarations: a setting (Option), its table (Section) and its checks (Rule).

Modelled on MkDocs' ``config_options``: each setting is declared once, with everything the loader, the checks,
``Settings`` and the reference in README.md and docs/settings.md need. The declarations are in ``config/schema.py``
and, for an ESP's own table, in its module under ``esps/``: below config, so that config can read them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Formatter
from typing import Any, NamedTuple
from urllib.parse import SplitResult, urlsplit

from .colours import is_colour
from .text import is_one_line

# Resolved values by "section.key": what a default derived from other settings reads.
Values = Mapping[str, Any]


class Kind(NamedTuple):
    """How a TOML type is named in a problem, shown in its hint and named in the reference."""

    name: str
    example: str
    doc: str


KINDS = {
    str: Kind("a string", 'key = "text"', "string"),
    int: Kind("a whole number", "key = 3", "whole number"),
    bool: Kind("true or false", "key = true", "true or false"),
    list: Kind("a list of strings", 'key = ["a", "b"]', "list of strings"),
    dict: Kind("a table", 'key = { title = ["title"] }', "table of key lists"),
}


def has_kind(value: object, kind: type) -> bool:
    if kind is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind is dict:
        return isinstance(value, dict)
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


@dataclass(frozen=True)
class Rule:
    """One check of a written value. ``broken`` returns what is wrong with it; each finding is one problem.

    ``message`` and ``hint`` are str.format templates: {name} is "section.key", {value} the value, {part} one
    finding, {default} the setting's default.
    """

    broken: Callable[[Any], list[str]]
    message: str
    hint: str
    doc: str  # how the reference states the rule
    derived_too: bool = False  # also check a default derived from other settings
    brief: bool = False  # README's example names it too (it says which values are possible)


def _unless(fine: Callable[[Any], bool]) -> Callable[[Any], list[str]]:
    return lambda value: [] if fine(value) else [str(value)]


def between(low: int, high: int | None = None, unit: str = "") -> Rule:
    """A whole number from low to high (no upper bound without high)."""
    allowed = f"at least {low}" if high is None else f"{low} to {high}{f' {unit}' if unit else ''}"
    return Rule(
        _unless(lambda value: low <= value and (high is None or value <= high)),
        f"{{name}} must be {allowed}, got {{value}}",
        "{default} is the default",
        allowed,
    )


def one_of(choices: tuple[str, ...], noun: str = "{name}") -> Rule:
    listed = ", ".join(choices)
    return Rule(
        _unless(lambda value: value in choices),
        f"unknown {noun} {{value!r}}",
        f"use one of: {listed}",
        f"one of: {listed}",
        brief=True,
    )


def format_pattern(*allowed: str) -> tuple[Rule, Rule]:
    """A pattern filled in with str.format: only these {names}, with no attribute, index, conversion or format
    spec, and no lone brace. Checked on a derived default too (it starts with base_url)."""
    shown = ", ".join("{" + name + "}" for name in sorted(allowed))
    lone = Rule(
        lambda value: ["brace"] if format_problems(value, allowed) is None else [],
        "{name} has a lone {{ or }}",
        "a placeholder is written {{name}}, a literal brace {{{{ or }}}}",
        "",
        derived_too=True,
    )
    unknown = Rule(
        lambda value: format_problems(value, allowed) or [],
        "{name} has an unknown placeholder {{{part}}}",
        "allowed: " + shown.replace("{", "{{").replace("}", "}}"),  # a template: its braces are doubled
        f"may hold {shown}",
        derived_too=True,
        brief=True,
    )
    return lone, unknown


def format_problems(pattern: str, allowed: Iterable[str]) -> list[str] | None:
    """The placeholders of ``pattern`` that str.format could not fill from ``allowed`` alone, each as written
    between its braces ("x", "slug.__class__", "id!r"); None for a lone brace, which str.format refuses."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in Formatter().parse(pattern) if name is not None]
    except ValueError:
        return None
    return [
        name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        for name, spec, conversion in fields
        if name not in allowed or spec or conversion
    ]


ONE_LINE = Rule(
    _unless(is_one_line),
    "{name} must be one line: it has a line break or another control character",
    "remove it: the value goes into a header or a line of the email",
    "one line",
)


def _is_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo  # loads the tz database on first use

    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # not found (a KeyError), not a zone name, not a usable file name
        return False
    return True


TIMEZONE = Rule(
    _unless(_is_zone),
    "{name} is not a known time zone: {value!r}",
    'use a name from the tz database, e.g. "Europe/Amsterdam" or "UTC"',
    "a tz database name",
)
_DOT_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
LIST_ID = Rule(
    _unless(lambda value: re.fullmatch(rf"{_DOT_ATOM}\.{_DOT_ATOM}", value) is not None),
    "{name} must look like name.example.nl (letters, digits, dots and hyphens), got {value!r}",
    'e.g. "ondernemen-wekelijks.example.nl"',
    "like name.example.nl",
)


# What a URL may not hold as written: white space and control characters (urlsplit would quietly drop a line
# break), the characters that end a URL in a header or an attribute (<>"), and the rest RFC 3986 excludes.
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029<>\"\\^`{|}\s]")
_BRACES = re.compile(r"[{}]")


def _url_parts(url: str) -> SplitResult | None:
    if _NOT_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a port that is no number raises here)
    except ValueError:
        return None
    return parts if parts.hostname else None


def _is_https_url(url: str) -> bool:
    parts = _url_parts(url)
    return parts is not None and parts.scheme == "https"


def _is_https_pattern(url: str) -> bool:
    # The braces of a pattern are the format rules' to judge: here each stands for a letter of the URL.
    return _is_https_url(_BRACES.sub("x", url))


def _is_api_url(url: str) -> bool:
    # The API key travels with every request: plain http only to this machine (a test server).
    parts = _url_parts(url)
    if parts is None:
        return False
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    return parts.scheme == "https" or (parts.scheme == "http" and loopback)


HTTPS_URL = Rule(
    _unless(_is_https_url),
    "{name} must be an absolute https:// URL, got {value!r}",
    'e.g. "https://www.example.nl"',
    "an https:// URL",
)
HTTPS_PATTERN = Rule(
    _unless(_is_https_pattern),
    "{name} must be an absolute https:// URL, got {value!r}",
    'e.g. "https://www.example.nl"',
    "an https:// URL",
)
API_URL = Rule(
    _unless(_is_api_url),
    "{name} must be an https:// URL (http only to localhost), got {value!r}",
    "leave it out to use the ESP's own API",
    "an https:// URL (http only to localhost)",
)


def mode(needed: int, what: str) -> Rule:
    """File permissions as three octal digits, e.g. "644", that give the owner at least ``needed``."""
    return Rule(
        _unless(lambda value: re.fullmatch(r"[0-7]{3}", value) is not None and int(value, 8) & needed == needed),
        f"{{name}} must be three octal digits that let the owner {what}, got {{value!r}}",
        "{default} is the default",
        f"three octal digits; the owner may {what}",
    )


# An address as mail programs read it: one mailbox, no group or second address hidden behind a comma, no
# control characters; the part after @ a domain name with a dot.
_ADDR_SPEC = re.compile(rf"{_DOT_ATOM}@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+")


_PLAIN_MAILBOX = re.compile(rf"(?:([^\W_][\w' -]*[^\W_]) <({_ADDR_SPEC.pattern})>|({_ADDR_SPEC.pattern}))")


def mailbox(value: str) -> tuple[str, str] | None:
    """(display name, address) of one strictly written mailbox, e.g. "Naam <adres@example.nl>"; None otherwise."""
    plain = _PLAIN_MAILBOX.fullmatch(value)  # as nearly every sender is written: no need for the full parser
    if plain:
        return (plain.group(1), plain.group(2)) if plain.group(2) else ("", plain.group(3))
    from email.headerregistry import HeaderRegistry  # the parser of mail programs' rules (RFC 5322)

    if not is_one_line(value):
        return None
    try:
        header = HeaderRegistry()("To", value)
        groups, addresses = header.groups, header.addresses  # type: ignore[attr-defined]
    except Exception:  # the standard library's parser fails on some garbage with IndexError and the like
        return None
    if header.defects or len(addresses) != 1 or groups[0].display_name is not None:  # a group: "lijst: a@b.nl;"
        return None
    if not _ADDR_SPEC.fullmatch(addresses[0].addr_spec):
        return None
    return str(addresses[0].display_name), str(addresses[0].addr_spec)


EMAIL = Rule(
    _unless(lambda value: mailbox(value) is not None),
    "{name} is not an email address: {value!r}",
    'write it as "Name <address@example.nl>"',
    "an email address",
)
MAILTO = Rule(
    _unless(lambda value: value.startswith("mailto:") and not _NOT_IN_URL.search(value)),
    "{name} must start with mailto:",
    'e.g. "mailto:afmelden@example.nl"',
    "a mailto: URL",
)
COLOUR = Rule(
    _unless(is_colour),
    "{name} must be a colour written as #rrggbb, got {value!r}",
    'e.g. "#8a1c45"',
    "#rrggbb (or #rgb)",
)
HH_MM = Rule(
    _unless(lambda value: re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value) is not None),
    "{name} must look like 07:00",
    "use 24-hour HH:MM",
    "HH:MM, 24-hour",
)


def key_map(known: tuple[str, ...]) -> Rule:
    """A table from our names to the keys that hold them elsewhere: each a key or a list of keys, tried in order."""

    def broken(table: dict[str, Any]) -> list[str]:
        found = []
        for name, keys in table.items():
            if name not in known:
                found.append(f"unknown field '{name}'")
            elif not (isinstance(keys, str) or (isinstance(keys, list) and all(isinstance(key, str) for key in keys))):
                found.append(f"'{name}' must be a key or a list of keys, got {keys!r}")
        return found

    return Rule(
        broken,
        "{name}: {part}",
        f'known fields: {", ".join(known)}; e.g. summary = ["description", "excerpt"]',
        "a key or a list of keys for each of our fields",
    )


@dataclass(frozen=True)
class Option:
    """One setting of nieuwsbrief.toml, declared once."""

    key: str
    kind: type  # the TOML type: str, int, bool, list (a list of strings) or dict (a table)
    doc: str  # one line for the reference
    default: Any = None
    required: bool = False  # every project must write it
    derive: Callable[[Values], Any] | None = None  # a default computed from other settings
    default_doc: str = ""  # how the reference states a derived or empty default
    rules: tuple[Rule, ...] = ()
    hint: str = ""  # replaces the rules' own hint
    field: str = ""  # the attribute it fills (of Settings, SmtpSettings or an ESP's account); default: the key
    clean: Callable[[Any], Any] | None = None  # applied before the checks, e.g. strip a trailing /
    convert: Callable[[Any], Any] | None = None  # the checked value -> the attribute's value
    example: Any = None  # the value README's example shows; None: the default
    rare: bool = False  # most projects leave it out: README's example shows it commented out

    @property
    def attribute(self) -> str:
        return self.field or self.key


# A check across the settings of one table, once each is valid on its own, given the values, the keys written
# ("section.key") and the project folder: (key, message, hint) for each problem, reported at that key's line.
Across = Callable[[Values, frozenset[str], Path], list[tuple[str, str, str]]]


@dataclass(frozen=True)
class Section:
    """One [table] of nieuwsbrief.toml and where its settings land."""

    name: str
    doc: str
    options: tuple[Option, ...]
    into: str = ""  # "": Settings itself; "smtp", "brand": that attribute of Settings; "accounts": Settings.accounts[name]
    example: str = ""  # README's example: lines shown instead of the options (for [labels])
    across: tuple[Across, ...] = ()  # checks of settings together (given the values and the keys written)
