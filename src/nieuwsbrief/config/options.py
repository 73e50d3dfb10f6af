"""The vocabulary of the declarations: a setting (Option), its table (Section) and its checks (Rule).

Modelled on MkDocs' ``config_options``: each setting is declared once, with everything the loader, the checks,
``Settings`` and the reference in README.md and docs/settings.md need. The declarations are in ``schema.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any, NamedTuple
from urllib.parse import urlsplit

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


def placeholders(*allowed: str) -> Rule:
    """A pattern filled in with str.format: only these {names}. Checked on a derived default too (from base_url)."""
    shown = ", ".join("{" + name + "}" for name in sorted(allowed))
    return Rule(
        lambda value: [name for name in re.findall(r"\{([^{}]*)\}", value) if name not in allowed],
        "{name} has an unknown placeholder {{{part}}}",
        "allowed: " + shown.replace("{", "{{").replace("}", "}}"),  # a template: its braces are doubled
        f"may hold {shown}",
        derived_too=True,
        brief=True,
    )


def _is_https_url(url: str) -> bool:
    parts = urlsplit(url.replace("{id}", "x"))
    return parts.scheme == "https" and bool(parts.netloc)


def _is_api_url(url: str) -> bool:
    # The API key travels with every request: plain http only to this machine (a test server).
    parts = urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    return bool(parts.netloc) and (parts.scheme == "https" or (parts.scheme == "http" and loopback))


HTTPS_URL = Rule(
    _unless(_is_https_url),
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
EMAIL = Rule(
    _unless(lambda value: "@" in parseaddr(value)[1]),
    "{name} is not an email address: {value!r}",
    'write it as "Name <address@example.nl>"',
    "an email address",
)
MAILTO = Rule(
    _unless(lambda value: value.startswith("mailto:")),
    "{name} must start with mailto:",
    'e.g. "mailto:afmelden@example.nl"',
    "a mailto: URL",
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
    field: str = ""  # the attribute it fills (of Settings, SmtpSettings or EspAccount); default: the key
    clean: Callable[[Any], Any] | None = None  # applied before the checks, e.g. strip a trailing /
    convert: Callable[[Any], Any] | None = None  # the checked value -> the attribute's value
    example: Any = None  # the value README's example shows; None: the default
    rare: bool = False  # most projects leave it out: README's example shows it commented out

    @property
    def attribute(self) -> str:
        return self.field or self.key


@dataclass(frozen=True)
class Section:
    """One [table] of nieuwsbrief.toml and where its settings land."""

    name: str
    doc: str
    options: tuple[Option, ...]
    into: str = ""  # "": Settings itself; "smtp": Settings.smtp; "accounts": Settings.accounts[name]
    example: str = ""  # README's example: lines shown instead of the options (for [labels])
