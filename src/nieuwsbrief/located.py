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
        return self.locate(offset)[0]


_NEWLINE = re.compile("\n")


def end_of(text: str) -> tuple[int, int]:
    """Where a text ends: the line and column just past its last character (where reading it stopped)."""
    return Lines(text).locate(len(text))


# -- TOML ---------------------------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = " \t"


def toml_keys(text: str, start: int = 0, end: int | None = None) -> dict[tuple[str, ...], int]:
    """Where each key of TOML text stands, by its full path: the offset of a key's value, of a table's [header] line,
    and of the first dotted key that opens a table without a header. The first occurrence counts.

    One pass that skips strings (multi-line ones too), comments, arrays and inline tables, so a line inside a string
    that looks like a key or a header is never taken for one. For text tomllib has accepted.
    """
    end = len(text) if end is None else end
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    index = _skip_blank(text, start, end, lines=True)
    while index < end:
        line_start = text.rfind("\n", 0, index) + 1
        if text[index] == "[":
            double = text.startswith("[[", index)
            table, index = _key_path(text, index + (2 if double else 1), end)
            for depth in range(1, len(table) + 1):  # [a.b] opens a as well, if nothing did before
                found.setdefault(table[:depth], max(line_start, start))
        else:
            path, index = _key_path(text, index, end)
            full = table + path
            for depth in range(len(table) + 1, len(full)):  # a dotted key opens the tables on its way
                found.setdefault(full[:depth], _skip_blank(text, line_start, end))  # the key's first character
            index = _skip_blank(text, index + 1, end)  # past the "="
            found.setdefault(full, index)
            index = _skip_value(text, index, end)
        index = _skip_blank(text, _end_of_line(text, index, end), end, lines=True)
    return found


def _key_path(text: str, index: int, end: int) -> tuple[tuple[str, ...], int]:
    """A dotted key (bare, "basic" or 'literal' parts) and the offset of what follows it: "=" or "]"."""
    parts: list[str] = []
    while index < end:
        index = _skip_blank(text, index, end)
        char = text[index]
        if char in "\"'":
            after = _skip_string(text, index, end)
            written = text[index:after]
            parts.append(_unquoted(written))
            index = after
        else:
            bare = _BARE_KEY.match(text, index, end)
            if bare is None:
                break
            parts.append(bare.group())
            index = bare.end()
        index = _skip_blank(text, index, end)
        if index >= end or text[index] != ".":
            break
        index += 1
    return tuple(parts), index


def _unquoted(written: str) -> str:
    if written.startswith("'"):
        return written[1:-1]
    try:
        return str(json.loads(written))
    except ValueError:  # a TOML escape JSON lacks (\e, \UXXXXXXXX): the key as written
        return written[1:-1]


def _skip_value(text: str, index: int, end: int) -> int:
    """Past one value: a string of any kind, an array or inline table (however many lines), or a bare word."""
    depth = 0
    while index < end:
        char = text[index]
        if char in "\"'":
            index = _skip_string(text, index, end)
            if depth == 0:
                return index
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
        elif char == "#" and depth:
            index = _end_of_line(text, index, end)
            continue
        elif depth == 0 and char in "\n#":
            return index
        index += 1
    return index


def _skip_string(text: str, index: int, end: int) -> int:
    """Past the string starting at ``index``: basic or literal, on one line or (tripled quotes) on many."""
    quote = text[index]
    if text.startswith(quote * 3, index):
        close = quote * 3
        position = index + 3
        while True:
            found = text.find(close, position, end)
            if found < 0:
                return end
            if quote == "'" or not _escaped(text, found, index + 3):
                position = found + 3
                while position < end and text[position] == quote:  # up to two quotes may end the string
                    position += 1
                return position
            position = found + 1
    position = index + 1
    while position < end:
        char = text[position]
        if char == quote:
            return position + 1
        if char == "\\" and quote == '"':
            position += 1
        elif char == "\n":
            return position
        position += 1
    return end


def _escaped(text: str, index: int, start: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= start and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _skip_blank(text: str, index: int, end: int, lines: bool = False) -> int:
    """Past spaces and tabs; with ``lines``, past line ends and comments too."""
    while index < end:
        char = text[index]
        if char in _BLANK or (lines and char in "\r\n"):
            index += 1
        elif lines and char == "#":
            index = _end_of_line(text, index, end)
        else:
            break
    return index


def _end_of_line(text: str, index: int, end: int) -> int:
    found = text.find("\n", index, end)
    return end if found < 0 else found


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
