"""What can be read of JavaScript without running it: the literal values a site's configuration and data files write
(`export default { title: "…", tags: ["posts"] }`, `module.exports = {…}`, `const draft = true;`).

Objects, arrays, strings (quoted, or a template string without ${…}), numbers, true, false and null are read; any
other value (a function, a call, a variable) is not a literal, and its key is left out: the caller says what it could
not read. One pass over the text, nesting at most MAX_DEPTH deep, so a hostile file costs its length and no more.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 32
_NOT_A_LITERAL = object()  # a value that only running the code would give
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_$][\w$]*")
_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)
_EXPORT = re.compile(r"(?:export\s+default|module\.exports\s*=|export\s+const\s+\w+\s*=)\s*")
# a function whose body starts by returning an object literal (`async () => { return {`, `function () { return {`,
# `() => ({`)
_RETURNED = re.compile(
    r"(?:async\s+)?(?:function\s*[\w$]*\s*\([^()]*\)|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)\s*"
    r"(?:\{\s*return\s*\(?\s*|\(\s*)\{"
)
_CONST = re.compile(r"(?m)^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.unread: list[str] = []  # keys whose values are not literals

    def space(self) -> None:
        self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]

    def peek(self) -> str:
        self.space()
        return self.text[self.at : self.at + 1]

    def value(self, depth: int, key: str = "") -> Any:
        if depth > MAX_DEPTH:
            raise ValueError("nested too deep")
        char = self.peek()
        if char == "{":
            return self.mapping(depth)
        if char == "[":
            return self.array(depth)
        if char in "\"'`":
            text = self.string(char)
            if text is _NOT_A_LITERAL and key:
                self.unread.append(key)
            return text
        number = _NUMBER.match(self.text, self.at)
        if number:
            self.at = number.end()
            return float(number.group(0)) if any(c in number.group(0) for c in ".eE") else int(number.group(0))
        name = _NAME.match(self.text, self.at)
        if name and name.group(0) in ("true", "false", "null") and not self._continues(name.end()):
            self.at = name.end()
            return {"true": True, "false": False, "null": None}[name.group(0)]
        self.skip_expression(depth)
        if key:
            self.unread.append(key)
        return _NOT_A_LITERAL

    def _continues(self, end: int) -> bool:
        """Whether a word is followed by more of an expression (`true && x`, `null ?? y`)."""
        rest = self.text[end:].lstrip()
        return bool(rest) and rest[0] not in ",}];)"

    def mapping(self, depth: int) -> dict[str, Any]:
        self.at += 1
        found: dict[str, Any] = {}
        while self.peek() not in ("}", ""):
            if self.text.startswith("...", self.at):
                self.at += 3
                self.value(depth + 1, "...")
            else:
                key = self.key()
                if self.peek() == ":":
                    self.at += 1
                    item = self.value(depth + 1, key)
                elif self.peek() == "(":  # a method: name(…) { … }
                    self.skip_expression(depth)
                    self.unread.append(key)
                    item = _NOT_A_LITERAL
                else:  # shorthand { title }: a variable
                    self.unread.append(key)
                    item = _NOT_A_LITERAL
                if item is not _NOT_A_LITERAL:
                    found[key] = item
            if self.peek() == ",":
                self.at += 1
        self.at += 1
        return found

    def key(self) -> str:
        char = self.peek()
        if char in "\"'":
            return str(self.string(char))
        name = _NAME.match(self.text, self.at) or _NUMBER.match(self.text, self.at)
        if name is None:
            raise ValueError("not a key")
        self.at = name.end()
        return name.group(0)

    def array(self, depth: int) -> list[Any]:
        self.at += 1
        found = []
        while self.peek() not in ("]", ""):
            item = self.value(depth + 1)
            if item is not _NOT_A_LITERAL:
                found.append(item)
            if self.peek() == ",":
                self.at += 1
        self.at += 1
        return found

    def string(self, quote: str) -> Any:
        out: list[str] = []
        index = self.at + 1
        text = self.text
        while index < len(text) and text[index] != quote:
            if text[index] == "\\" and index + 1 < len(text):
                out.append({"n": "\n", "t": "\t"}.get(text[index + 1], text[index + 1]))
                index += 2
                continue
            if quote == "`" and text.startswith("${", index):
                self.at = text.find("`", index + 2) + 1 or len(text)
                return _NOT_A_LITERAL
            out.append(text[index])
            index += 1
        self.at = index + 1
        return "".join(out)

    def skip_expression(self, depth: int) -> None:
        """Past an expression that is not a literal, to the comma or bracket that ends it at this level."""
        level = 0
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if char in "\"'`":
                self.string(char)
                continue
            if char in "([{":
                level += 1
            elif char in ")]}":
                if level == 0:
                    return
                level -= 1
            elif char in ",;" and level == 0:
                return
            self.at += 1


def exported(text: str) -> tuple[dict[str, Any], list[str]]:
    """The object a data or configuration file exports (`export default {…}`, `module.exports = {…}`), and the keys
    whose values are not literals; ({}, []) when it exports no object literal."""
    found = _EXPORT.search(text)
    returned = _RETURNED.match(text, found.end()) if found is not None else None
    if returned is not None:  # Eleventy's data function: `module.exports = async () => { return {…}; };`
        return _read(text, returned.end() - 1)
    if found is None or text[found.end() : found.end() + 1] != "{":
        return {}, []
    return _read(text, found.end())


def constants(text: str) -> tuple[dict[str, Any], list[str]]:
    """The `const name = literal;` declarations of a script (Eleventy's ---js front matter)."""
    values: dict[str, Any] = {}
    unread: list[str] = []
    for match in _CONST.finditer(text):
        reader = _Reader(text)
        reader.at = match.end()
        try:
            value = reader.value(0, match.group(1))
        except (ValueError, IndexError):
            unread.append(match.group(1))
            continue
        if value is _NOT_A_LITERAL:
            unread.append(match.group(1))
        else:
            values[match.group(1)] = value
    return values, unread


def literal_at(text: str, start: int) -> Any:
    """The literal value that starts at ``start``, or None when there is none."""
    reader = _Reader(text)
    reader.at = start
    try:
        value = reader.value(0)
    except (ValueError, IndexError):
        return None
    return None if value is _NOT_A_LITERAL else value


def _read(text: str, start: int) -> tuple[dict[str, Any], list[str]]:
    reader = _Reader(text)
    reader.at = start
    try:
        value = reader.value(0)
    except (ValueError, IndexError):
        return {}, []
    return (value if isinstance(value, dict) else {}), reader.unread
