"""Where a value sits in JSON text: the line and column of a key path, for messages about a hand-edited file.

The json module keeps no positions; this walks well-formed text (as json.loads accepted it) to the value.
"""

from __future__ import annotations

import json

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
