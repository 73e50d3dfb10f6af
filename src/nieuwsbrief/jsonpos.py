"""JSON text as a hand edit leaves it: where a value sits (the line and column of a key path), and what json.loads
lets through that could not be written back (NaN, Infinity, a lone surrogate escape).

The json module keeps no positions; ``locate`` walks well-formed text (as json.loads accepted it) to the value.
"""

from __future__ import annotations

import json
import math
import re

KeyPath = tuple[str | int, ...]


def locate(text: str, path: KeyPath) -> tuple[int, int]:
    """Line and column of the value at ``path`` in well-formed JSON text (of as much of the path as exists)."""
    index = _skip(text, 0)
    for step in path:
        found = _member(text, index, step)
        if found is None:
            break
        index = found
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def _member(text: str, index: int, step: str | int) -> int | None:
    """Where the value of a key (or the item at a position) starts, in the object (or list) starting at ``index``."""
    decoder = json.JSONDecoder()
    if text[index] != ("{" if isinstance(step, str) else "["):
        return None
    found, position = None, 0
    index = _skip(text, index + 1)
    while text[index] not in "]}":
        if isinstance(step, str):
            key, index = decoder.raw_decode(text, index)
            index = _skip(text, _skip(text, index) + 1)  # past the colon
            if key == step:
                found = index  # the last one counts, as for json.loads
        elif position == step:
            return index
        _, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        if text[index] == ",":
            index = _skip(text, index + 1)
        position += 1
    return found


def _skip(text: str, index: int) -> int:
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
        return text.count("\n", 0, found.start()) + 1, found.start() - text.rfind("\n", 0, found.start())
    return None
