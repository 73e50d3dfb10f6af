"""Plain CSS, the kind the packaged templates write, read as cssutils reads it, without loading cssutils.

premailer parses the templates' style sheet, every block of declarations and every element's style with cssutils,
and lint asks cssutils whether the head-only style sheet has a syntax error. Loading cssutils costs a cold run
more than everything else it does with CSS (about 60 ms of CPU). The CSS nieuwsbrief writes stays inside a small
subset: rules of plain selectors, declarations of words, numbers, colours and quoted names. This module reads that
subset and gives what cssutils would give; for anything outside it (a comment, a function such as rgba(), an
escape, a repeated property, a value cssutils would rewrite) it answers None and the caller asks cssutils.
tests/test_plaincss.py holds every answer to cssutils' own, on the templates' CSS and on generated CSS.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_IDENT = r"-?[a-zA-Z_][a-zA-Z0-9_-]*"
_NAME = re.compile(r"-?[a-z][a-z0-9-]*")  # a property name cssutils leaves as it is (it lowers the case)
# A value's tokens as cssutils writes them back unchanged: a word, a number (no leading or trailing zeros, at most
# six decimals) with a lower-case unit or %, a colour of 3 or 6 hex digits, a string in double quotes.
_TOKEN = re.compile(
    rf"""{_IDENT}
    | -?(?:0|[1-9][0-9]*)(?:\.[0-9]{{0,5}}[1-9])?(?:[a-z]+|%)?
    | \#(?:[0-9a-fA-F]{{6}}|[0-9a-fA-F]{{3}})
    | "[^"\\\n;{{}}]*"
    """,
    re.VERBOSE,
)
_IMPORTANT = re.compile(r"\s*!important\s*$")
_SPACE = re.compile(r"\s*")
_SIMPLE = re.compile(rf"(?:[a-z][a-z0-9]*)?(?:[.#]{_IDENT})*")  # a compound selector: h1.title, .text, #id
_ANY_NAME = re.compile(r"-?[a-zA-Z][a-zA-Z0-9-]*")
# A selector of compound selectors (a type or *, then classes, ids, attribute tests and pseudo-classes) joined by
# a space, >, + or ~.
_COMPOUND = rf"""(?=[a-zA-Z*.#:\[])(?:[a-zA-Z][a-zA-Z0-9]*|\*)?(?:[.#]{_IDENT}|:{_IDENT}|\[\s*{_IDENT}\s*(?:[~|^$*]?=\s*"[^"\\\n]*"\s*)?\])*"""
_FULL_SELECTOR = re.compile(rf"{_COMPOUND}(?:(?:\s*[>+~]\s*|\s+){_COMPOUND})*")
_FEATURE = r"\(\s*[a-z-]+\s*(?::\s*[a-z0-9.-]+\s*)?\)"  # (max-width: 600px), (prefers-color-scheme: dark)
_QUERY = re.compile(
    rf"(?:(?:only|not)\s+)?(?!(?:and|only|not)\b)[a-z]+(?:\s+and\s+{_FEATURE})*|{_FEATURE}(?:\s+and\s+{_FEATURE})*"
)
_UNCLEAN = re.compile(r"/\*|\\|<|'|@(?!media\s)|!(?!important)")
_OUTSIDE = re.compile(r"/\*|\\|@|<|'|\(|!(?!important)")  # a comment, an escape, an at-rule, CDO, a function


class Property(NamedTuple):
    """A declaration as cssutils' Property shows it to premailer."""

    name: str
    value: str
    priority: str  # "important" or ""


class Style:
    def __init__(self, properties: list[Property]) -> None:
        self.properties = properties

    def getProperties(self) -> list[Property]:  # cssutils' name, which premailer calls
        return list(self.properties)


class Rule:
    """A style rule as cssutils' CSSStyleRule shows it to premailer."""

    STYLE_RULE = 1
    MEDIA_RULE = 4
    type = STYLE_RULE

    def __init__(self, selector_text: str, properties: list[Property]) -> None:
        self.selectorText = selector_text  # cssutils' name
        self.style = Style(properties)


def declarations(text: str) -> list[Property] | None:
    """The declarations of ``text`` ("color: red; margin: 0") as cssutils parses them, or None outside the subset."""
    if _OUTSIDE.search(text):
        return None
    found: list[Property] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        name, colon, value = part.partition(":")
        name = name.strip()
        if not colon or not _NAME.fullmatch(name) or any(p.name == name for p in found):
            return None
        important = _IMPORTANT.search(value)
        written = _value(value[: important.start()] if important else value)
        if written is None:
            return None
        found.append(Property(name, written, "important" if important else ""))
    return found


def pairs(text: str) -> list[tuple[str, str]] | None:
    """What premailer's csstext_to_pairs gives for ``text``: (name, value[ !important]), or None outside the subset."""
    found = declarations(text)
    if found is None:
        return None
    return [(p.name, f"{p.value} !important" if p.priority else p.value) for p in found]


def sheet(text: str) -> list[Rule] | None:
    """The style rules of ``text`` as cssutils parses them, or None outside the subset (an at-rule, a pseudo-class,
    a combinator other than a space, a comment...)."""
    if _OUTSIDE.search(text):
        return None  # (a pseudo-class is no _SIMPLE selector: see _selector)
    rules: list[Rule] = []
    rest = text.strip()
    while rest:
        head, brace, after = rest.partition("{")
        body, closing, rest = after.partition("}")
        selectors = [" ".join(s.split()) for s in head.split(",")]
        if not brace or not closing or "{" in body or not all(_selector(s) for s in selectors):
            return None
        properties = declarations(body)
        if properties is None:
            return None
        rules.append(Rule(", ".join(selectors), properties))
        rest = rest.strip()
    return rules


def clean_sheet(text: str) -> bool:
    """Whether cssutils reads the style sheet ``text`` without an error, shown without it: True only for rules of
    selectors (with attribute tests, pseudo-classes and combinators) and plain declarations, in @media blocks or
    not; False means "ask cssutils", not "wrong"."""
    if _UNCLEAN.search(text):
        return False
    rest: str | None = text.strip()
    while rest:
        if rest.startswith("@media"):
            query, brace, inside = rest[6:].partition("{")
            if not brace or not all(_QUERY.fullmatch(q.strip()) for q in query.split(",")):
                return False
            rest = _clean_rules(inside.strip(), inside=True)
        else:
            rest = _clean_rules(rest, inside=False)
        rest = rest.strip() if rest is not None else None
    return rest is not None


def _clean_rules(text: str, inside: bool) -> str | None:
    """What follows the rules that start ``text`` (one rule, or all of an @media block's and its closing brace)."""
    rest = text
    while rest and not rest.startswith("}"):
        head, brace, after = rest.partition("{")
        body, closing, rest = after.partition("}")
        if not brace or not closing or "{" in body or "@" in head:
            return None
        if not all(_FULL_SELECTOR.fullmatch(s.strip()) for s in head.split(",")) or not _clean_declarations(body):
            return None
        rest = rest.strip()
        if not inside:
            return rest
    return rest[1:] if inside and rest.startswith("}") else None


def _clean_declarations(text: str) -> bool:
    for part in text.split(";"):
        if part.strip():
            name, colon, value = part.partition(":")
            important = _IMPORTANT.search(value)
            if not colon or not _ANY_NAME.fullmatch(name.strip()):
                return False
            if _value(value[: important.start()] if important else value, exact=False) is None:
                return False
    return True


def _selector(text: str) -> bool:
    return bool(text) and all(part and _SIMPLE.fullmatch(part) for part in text.split(" "))


def _value(text: str, exact: bool = True) -> str | None:
    """The value as cssutils writes it back: its tokens apart by one space, a comma followed by one. Not ``exact``:
    also a value cssutils reads without an error but writes differently (0px), as it is written."""
    items: list[list[str]] = [[]]
    position, end = 0, len(text)
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]  # it matches the empty string
        if position == end:
            break
        if text[position] == ",":
            if not items[-1]:
                return None
            items.append([])
            position += 1
            continue
        token = _TOKEN.match(text, position)
        written = (_written(token.group()) if exact else token.group()) if token is not None else None
        if token is None or written is None:
            return None
        position = token.end()
        if position < end and not (text[position].isspace() or text[position] == ","):
            return None  # "10px20px" is one token to cssutils
        items[-1].append(written)
    return ", ".join(" ".join(item) for item in items) if items[-1] else None


def _written(token: str) -> str | None:
    """The token as cssutils writes it back: #aabbcc as #abc; None for 0px and -0, which it writes as 0 (left to it)."""
    if token[0] == "#":
        return f"#{token[1]}{token[3]}{token[5]}" if len(token) == 7 and token[1::2] == token[2::2] else token
    if token[0].isdigit() or (token[0] == "-" and token[1:2].isdigit()):
        number = token.lstrip("-").rstrip("abcdefghijklmnopqrstuvwxyz%")
        if float(number) == 0 and token not in (number, f"{number}%"):
            return None
    return token
