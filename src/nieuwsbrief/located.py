"""Positions in text: the one offset -> line and column of the project, and where a key stands in TOML and JSON.

tomllib and json keep no positions, yet every problem points at the line and column an editor must change. A text's
line starts are indexed once (``Lines``), and a key is found once per text, in one pass that knows the format's
strings: ``toml_keys`` (tables, dotted keys, multi-line strings and arrays over many lines), ``json_members`` and
``json_position``. Both read text their parser has already accepted.

Also JSON as a hand edit leaves it: what json.loads lets through that could not be written back (NaN, Infinity, a
lone surrogate escape).
"""

from __future__ import annotations

import bisect
import json
import math
import re

KeyPath = tuple[str | int, ...]


class Lines:
    """Line and column (both from 1) of an offset in one text. The first few are counted (most texts are asked for
    two or three: where the front matter and the body start); after that the line starts are indexed once and each
    position found by bisection, so a file with 100,000 keys, each with a problem to report, costs one pass over
    the text rather than one per problem."""

    __slots__ = ("_asked", "_starts", "text")

    COUNTED = 8  # positions counted before the line starts are indexed

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._asked = 0

    def locate(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._asked += 1
            if self._asked <= self.COUNTED:
                return self.text.count("\n", 0, offset) + 1, offset - self.text.rfind("\n", 0, offset)
            self._starts = [0, *(match.end() for match in _NEWLINE.finditer(self.text))]
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line(self, offset: int) -> int:
        if self._starts is None and self._asked < self.COUNTED:
            self._asked += 1
            return self.text.count("\n", 0, offset) + 1  # (the column is not asked for: no search back for it)
        return self.locate(offset)[0]


_NEWLINE = re.compile("\n")


def end_of(text: str) -> tuple[int, int]:
    """Where a text ends: the line and column just past its last character (where reading it stopped)."""
    return Lines(text).locate(len(text))


# -- TOML ---------------------------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A TOML string of any of its four kinds (quotes inside it are text), and the other tokens that decide where a value
# ends: brackets, a comment, a line end.
_STRING = r'"""(?:\\.|[^\\])*?"""(?!")' + r"|'''.*?'''(?!')" + r'|"(?:\\.|[^"\\\n])*"' + r"|'[^'\n]*'"
_STRING_AT = re.compile(_STRING, re.DOTALL)
_VALUE_TOKEN = re.compile(_STRING + r"|[\[\]{}]|#[^\n]*|\n", re.DOTALL)
_BLANK = re.compile(r"[ \t]*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")


def toml_keys(text: str, start: int = 0, end: int | None = None) -> dict[tuple[str, ...], int]:
    """Where each key of TOML text stands, by its full path: the offset of a key's value, of a table's [header] line,
    and of the first dotted key that opens a table without a header (not the keys inside an inline table: that is at
    its value). The first occurrence counts.

    One pass that skips strings (multi-line ones too), comments, arrays and inline tables, so a line inside a string
    that looks like a key or a header is never taken for one. For text tomllib has accepted.
    """
    end = len(text) if end is None else end
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    index = _skip(_BLANK_LINES, text, start, end)
    while index < end:
        line_start = max(text.rfind("\n", 0, index) + 1, start)
        if text[index] == "[":
            table, index = _key_path(text, index + (2 if text.startswith("[[", index) else 1), end)
            for depth in range(1, len(table) + 1):  # [a.b] opens a as well, if nothing did before
                found.setdefault(table[:depth], line_start)
        else:
            key_start = index
            path, index = _key_path(text, index, end)
            full = table + path
            for depth in range(len(table) + 1, len(full)):  # a dotted key opens the tables on its way
                found.setdefault(full[:depth], key_start)
            index = _skip(_BLANK, text, index + 1, end)  # past the "="
            found.setdefault(full, index)
            index = _value_end(text, index, end)
        line_end = text.find("\n", index, end)
        index = _skip(_BLANK_LINES, text, end if line_end < 0 else line_end, end)
    return found


def _skip(blank: re.Pattern[str], text: str, index: int, end: int) -> int:
    return blank.match(text, index, end).end()  # type: ignore[union-attr]  # it matches the empty string


def _key_path(text: str, index: int, end: int) -> tuple[tuple[str, ...], int]:
    """A dotted key (bare, "basic" or 'literal' parts) and the offset of what follows it: "=" or "]"."""
    parts: list[str] = []
    while True:
        index = _skip(_BLANK, text, index, end)
        part = _STRING_AT.match(text, index, end) or _BARE_KEY.match(text, index, end)
        if part is None:
            return tuple(parts), index
        parts.append(_unquoted(part.group()))
        index = _skip(_BLANK, text, part.end(), end)
        if not text.startswith(".", index):
            return tuple(parts), index
        index += 1


def _unquoted(written: str) -> str:
    if written[0] == "'":
        return written[1:-1]
    if written[0] != '"':
        return written
    try:
        return str(json.loads(written))
    except ValueError:  # a TOML escape JSON lacks (\e, \UXXXXXXXX): the key as written
        return written[1:-1]


def _value_end(text: str, index: int, end: int) -> int:
    """Past one value: a string of any kind, an array or inline table (however many lines), or a bare word."""
    depth = 0
    for token in _VALUE_TOKEN.finditer(text, index, end):
        char = token.group()[0]
        if char in "\"'":
            if depth == 0:
                return token.end()
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth <= 0:
                return token.end()
        elif depth == 0:
            return token.start()  # the line ends, or a comment begins
    return end


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def toml_error(exc: ValueError) -> tuple[int, int, str]:
    """Where tomllib puts its error, in the text it read (1, 1 when it does not say), and what it says, without that."""
    found = _TOML_AT.search(str(exc))
    line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    return line, column, _TOML_AT.sub("", str(exc)).strip()


# -- JSON ---------------------------------------------------------------------------------------------------------

_DECODER = json.JSONDecoder()


def json_members(text: str, index: int) -> dict[str | int, int] | None:
    """Where each member's value starts in the object (or each item in the array) starting at ``index``; None when
    no object or array starts there. The last of a key written twice counts, as for json.loads."""
    if text[index] not in "{[":
        return None
    found: dict[str | int, int] = {}
    is_object = text[index] == "{"
    position = 0
    index = _skip_json_blank(text, index + 1)
    while text[index] not in "]}":
        if is_object:
            key, index = _DECODER.raw_decode(text, index)
            index = _skip_json_blank(text, _skip_json_blank(text, index) + 1)  # past the colon
            found[key] = index
        else:
            found[position] = index
        _, index = _DECODER.raw_decode(text, index)
        index = _skip_json_blank(text, index)
        if text[index] == ",":
            index = _skip_json_blank(text, index + 1)
        position += 1
    return found


def json_position(text: str, path: KeyPath) -> tuple[int, int]:
    """Line and column of the value at ``path`` in well-formed JSON text (of as much of the path as exists)."""
    index = _skip_json_blank(text, 0)
    for step in path:
        members = json_members(text, index)
        if members is None or step not in members or isinstance(step, int) != (text[index] == "["):
            break
        index = members[step]
    return Lines(text).locate(index)


def _skip_json_blank(text: str, index: int) -> int:
    """Past JSON whitespace."""
    while index < len(text) and text[index] in " \t\n\r":
        index += 1
    return index


def refuse_constant(name: str) -> object:
    """For json.loads(parse_constant=...): NaN and Infinity are no JSON, and would be written back as such."""
    raise ValueError(f"{name} is not a number JSON allows")


def finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        return False


_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def lone_surrogate(text: str, parsed: object) -> tuple[int, int] | None:
    """Line and column of an escape like \\ud800 that decoded to half a character, or None (a pair is fine)."""
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return None
    try:
        json.dumps(parsed, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return Lines(text).locate(found.start())
    return None
