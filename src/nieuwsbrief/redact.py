"""Secrets kept out of everything nieuwsbrief prints or writes, whatever a server echoes back.

The secrets are the values of the environment variables named NIEUWSBRIEF_*_PASSWORD, *_API_KEY, *_TOKEN or
*_SECRET (the SMTP password and every ESP's API key follow that naming; tests/test_hostile_delivery.py holds
them to it). A Redactor replaces, in any text:
- a secret as it is, in any case, and as a server may echo it: URL-encoded, JSON-escaped, in base64 (alone or as
  the "user:secret" of an HTTP Basic header);
- any word that shares MIN_FRAGMENT characters in a row with a secret (a key cut short or masked in an echo);
- any word of a key's shape: the same vendor prefix (xkeysib-, SG., key-) and at least MIN_SHAPED characters.
Values shorter than MIN_SECRET are not looked for: they would hide ordinary words.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote

REDACTED = "[redacted]"
MIN_SECRET = 4
MIN_FRAGMENT = 8
MIN_SHAPED = 12
_SECRET_NAME = re.compile(r"NIEUWSBRIEF_\w*_(?:PASSWORD|API_KEY|TOKEN|SECRET)")
_WORD = re.compile(rf"[A-Za-z0-9_.~+/=-]{{{MIN_FRAGMENT},}}")  # one class, one quantifier: linear
_VENDOR_PREFIX = re.compile(r"[A-Za-z]{2,8}[-._]")


def is_secret_variable(name: str) -> bool:
    return _SECRET_NAME.fullmatch(name) is not None


def secrets_in(env: Mapping[str, str]) -> list[str]:
    """The values of the secret variables set in ``env``."""
    return [value.strip() for name, value in env.items() if is_secret_variable(name) and value and value.strip()]


class Redactor:
    """Replaces every secret it was given, and what looks like one, with [redacted]."""

    def __init__(self, secrets: Iterable[str]) -> None:
        values = sorted({value for value in secrets if len(value) >= MIN_SECRET}, key=len, reverse=True)
        forms = {form for value in values for form in _forms(value) if len(form) >= MIN_SECRET}
        alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        self._exact = re.compile(alternatives, re.IGNORECASE) if forms else None
        self._fragments = {
            value.lower()[start : start + MIN_FRAGMENT] for value in values for start in range(len(value) - MIN_FRAGMENT + 1)
        }
        self._prefixes = tuple({found.group(0) for value in values if (found := _VENDOR_PREFIX.match(value))})

    def __bool__(self) -> bool:
        return self._exact is not None

    def __call__(self, text: str) -> str:
        if self._exact is None or not text:
            return text
        text = self._exact.sub(REDACTED, text)
        return _WORD.sub(self._word, text) if self._fragments or self._prefixes else text

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if any(lowered[start : start + MIN_FRAGMENT] in self._fragments for start in range(len(word) - MIN_FRAGMENT + 1)):
            return REDACTED
        if len(word) >= MIN_SHAPED and word.startswith(self._prefixes):
            return REDACTED
        return word

    def data(self, value: object) -> object:
        """A JSON-like value with every string in it redacted."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {key: self.data(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        return value


def redactor(env: Mapping[str, str]) -> Redactor:
    """The Redactor of the secrets set in ``env``."""
    return Redactor(secrets_in(env))


def _forms(value: str) -> list[str]:
    """The ways a server may echo a secret."""
    raw = value.encode("utf-8")
    return [
        value,
        quote(value, safe=""),
        json.dumps(value)[1:-1],
        json.dumps(value, ensure_ascii=False)[1:-1],
        base64.b64encode(raw).decode("ascii").rstrip("="),
        base64.b64encode(b"nieuwsbrief:" + raw).decode("ascii").rstrip("="),
    ]
