"""Located text: a file read once (a regular file only, never past a size limit), decoded, and the records that
carry positions: a Field (a value and where it starts), a Document (a file's front matter, located, and its body)
and the Collector of one file's problems.

Positions come from one index of the file's lines (located.Lines), built when the first problem asks for one.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import NotRegularFile, read_regular
from ..errors import Problem
from ..located import Lines, end_of


class Field:
    """A front-matter value and where it starts; its line and column are worked out when a problem asks."""

    __slots__ = ("_lines", "_offset", "value")

    def __init__(self, value: Any, lines: Lines | None, offset: int) -> None:
        self.value = value
        self._lines = lines
        self._offset = offset  # in the text of ``lines``; without lines, the line itself

    @classmethod
    def at_line(cls, value: Any, line: int) -> Field:
        """A value placed at the start of a line: one the file does not state itself (a default), or a key of a
        nested table whose own position is not kept."""
        return cls(value, None, line)

    @property
    def line(self) -> int:
        return self._lines.locate(self._offset)[0] if self._lines is not None else self._offset

    @property
    def column(self) -> int:
        return self._lines.locate(self._offset)[1] if self._lines is not None else 1

    @property
    def quoted(self) -> bool:
        """Whether the value is written in quotes (YAML reads a plain 2021-09-20 10:00:00 as a moment, a quoted one
        as text)."""
        return self._lines is not None and self._lines.text[self._offset : self._offset + 1] in ("'", '"')


# How one line of a simple block is read: (key, value, offset of the value in the line), or None when the line is
# not simple (then the whole block goes to the format's own parser).
LineReader = Callable[[str], tuple[str, Any, int] | None]


def simple_block(lines: Lines, block_start: int, block: str, read_line: LineReader) -> dict[str, Field] | None:
    """The fields of a block written as one simple `key: value` (or `key = value`) per line, located; None when a
    line is not simple or a key comes twice (the format's own parser then reads the block, and says what is wrong)."""
    fields: dict[str, Field] = {}
    offset = block_start
    for line in block.split("\n"):
        here, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        read = read_line(line)
        if read is None or read[0] in fields:
            return None
        fields[read[0]] = Field(read[1], lines, here + read[2])
    return fields


@dataclass
class Document:
    """One file split into located front matter and body."""

    path: str
    fields: dict[str, Field]
    body: str
    body_line: int
    start_line: int

    def position(self, key: str) -> tuple[int, int]:
        """Where the key's value starts; the line of the opening fence when the key is missing, and with no key at
        all, where the body starts."""
        if not key:
            return self.body_line, 1
        item = self.fields.get(key)
        return (item.line, item.column) if item else (self.start_line, 1)


@dataclass
class Collector:
    """The problems of one file (or of the checks across files), in the order they were found."""

    problems: list[Problem] = field(default_factory=list)
    stamp: tuple[int, int] = (0, 0)  # mtime_ns and size of the file as it was read

    def add(self, path: str, line: int, column: int, message: str, hint: str = "", severity: str = "error") -> None:
        self.problems.append(Problem(path, line, column, message, hint, severity))


def read_text(max_bytes: int, shown: str, path: str, out: Collector) -> tuple[bytes, str] | None:
    """The file's bytes and its text (BOM and CR line ends removed), or None with the problem recorded.

    Only a regular file is read, and never more than the limit: a named pipe or a device under a .md name is
    refused at once (it would block the run for ever), a huge file costs no more than the limit.
    """
    try:
        raw, status = read_regular(path, max_bytes)
    except NotRegularFile as exc:
        out.add(shown, 1, 1, f"not a Markdown file: {exc.strerror}", "remove it from the content folder")
        return None
    except OSError as exc:
        out.add(shown, 1, 1, f"cannot read the file: {exc.strerror}", "check its permissions")
        return None
    out.stamp = (status.st_mtime_ns, status.st_size)
    if len(raw) > max_bytes:
        message = f"file is {max(status.st_size, len(raw)):,} bytes, over the {max_bytes:,}-byte limit"
        out.add(shown, 1, 1, message, "split it, or raise [content] max_file_kb")
        return None
    if b"\x00" in raw:
        line, column = end_of(raw[: raw.index(b"\x00")].decode("utf-8", "replace"))
        out.add(shown, line, column, "binary file, not Markdown text", "remove it from the content folder")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = end_of(raw[: exc.start].decode("utf-8", "replace"))
        out.add(shown, line, column, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8 in your editor")
        return None
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return raw, text


SITE_FILE_LIMIT = 10_000_000  # bytes: a site's configuration or data file is a few kilobytes


def site_text(path: Path, errors: str = "replace") -> str:
    """A site's own file (configuration, metadata) as text: only a regular file is read, never a FIFO or a device,
    and never more than SITE_FILE_LIMIT bytes. OSError (NotRegularFile among them) when it cannot be read."""
    data, _ = read_regular(path, SITE_FILE_LIMIT)
    if len(data) > SITE_FILE_LIMIT:
        raise OSError(errno.EFBIG, f"larger than {SITE_FILE_LIMIT:,} bytes", str(path))
    return data.decode("utf-8", errors)
