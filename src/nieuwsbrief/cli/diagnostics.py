"""How a problem looks on stderr: one line for logs and pipes; for a person at a terminal, in colour, with the line
it is about and a caret under the column, as ruff and rustc print them.

One line per problem whenever stderr is not a terminal (a file, a pipe, cron's mail), so scripts and `grep` read it
as before. Colour follows https://no-color.org: NO_COLOR set to anything non-empty, or --no-color, turns it off; the
quoted line and caret stay, since they are words, not colour.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, printable

_SOURCE_LIMIT = 2_000_000  # bytes: a larger file is not read again for a quote
_TAB = 4
_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m", "info": "\x1b[1;36m"}
_BOLD, _BLUE, _RESET = "\x1b[1m", "\x1b[1;34m", "\x1b[0m"


@dataclass(frozen=True)
class Style:
    """How diagnostics are drawn: ``snippet`` quotes the line with a caret, ``colour`` adds ANSI colours."""

    snippet: bool = False
    colour: bool = False


def style_for_stderr(no_color: bool) -> Style:
    """A person's terminal gets the quoted line, and colour unless NO_COLOR or --no-color says otherwise."""
    stream = sys.stderr
    terminal = stream.isatty() and os.environ.get("TERM", "") != "dumb"
    return Style(snippet=terminal, colour=terminal and not no_color and not os.environ.get("NO_COLOR"))


def draw(problem: Problem, style: Style, source: Path | None) -> str:
    """``problem`` as ``style`` wants it; ``source`` is the file its path names, read again only for a quote."""
    if not style.snippet:
        return problem.render()
    paint = _painter(style.colour)
    lines = [f"{paint(_BOLD, problem.where())}: {paint(_COLOURS.get(problem.severity, _BOLD), problem.headline())}"]
    quoted = _quote(source, problem.line) if source is not None and problem.line else None
    if quoted is not None:
        gutter = " " * len(str(problem.line))
        text, caret = _with_caret(quoted, problem.column)
        bar = paint(_BLUE, "|")
        lines += [
            f"{gutter} {bar}",
            f"{paint(_BLUE, str(problem.line))} {bar} {text}",
            f"{gutter} {bar} {paint(_COLOURS.get(problem.severity, _BOLD), caret)}",
        ]
    if problem.hint:
        lines.append(
            f"{' ' * len(str(problem.line or ''))} {paint(_BLUE, '=')} {paint(_BOLD, 'help')}: {printable(problem.hint)}"
        )
    return "\n".join(lines)


def _painter(colour: bool) -> Callable[[str, str], str]:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    return paint


def _quote(source: Path, line: int) -> str | None:
    """The ``line``-th line of ``source``, or None when it cannot be read cheaply and safely."""
    from ..atomic import read_regular  # only when a terminal shows a problem: tempfile is no start-up cost

    try:
        raw, _ = read_regular(source, _SOURCE_LIMIT)
    except (OSError, ValueError):
        return None
    if len(raw) > _SOURCE_LIMIT:
        return None
    lines = raw.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def _with_caret(text: str, column: int) -> tuple[str, str]:
    """The line with tabs as spaces, and a caret under its ``column``-th character (1-based)."""
    shown = [" " * _TAB if char == "\t" else printable(char) for char in text]
    offset = sum(len(part) for part in shown[: max(column - 1, 0)])
    return "".join(shown), " " * offset + "^"
