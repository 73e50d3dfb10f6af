"""One error family: every problem carries path, line, column and a hint.

Library code raises these; only the CLI renders them and maps them to exit codes.
"""

from __future__ import annotations

import contextlib
import errno
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """The documented exit codes (design section 7); scripts depend on them."""

    OK = 0
    CONTENT = 1
    USAGE = 2
    NOTHING_NEW = 3
    PREFLIGHT = 4
    DELIVERY = 5
    REFUSED = 6
    INTERNAL = 70  # a bug: one line says so, the details go to a log file (sysexits' EX_SOFTWARE)
    INTERRUPTED = 130  # stopped by Ctrl-C (SIGINT): 128 + the signal, as shells report it (signals.py)
    TERMINATED = 143  # stopped by SIGTERM, e.g. systemd stopping the job


# What could make one problem print as two lines, or not print at all: control characters, line and
# paragraph separators, and the surrogates a file name that is not UTF-8 decodes to.
_UNPRINTABLE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"


def printable(text: str) -> str:
    """``text`` on one line, as it can be printed: a control character as \\n or \\x1b, a byte that was
    not UTF-8 as \\xe9. What a file name or a value contains can never forge a line of the output."""
    if text.isprintable():  # nearly always: no pattern to compile, at start-up or later
        return text
    return re.sub(_UNPRINTABLE, _escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":  # os.fsdecode's stand-in for a byte that is not UTF-8
        return f"\\x{ord(char) - 0xDC00:02x}" if ord(char) >= 0xDC80 else f"\\u{ord(char):04x}"
    return char.encode("unicode_escape").decode("ascii")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in one file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"
    code: str = ""  # the email checklist row a lint finding belongs to, e.g. "C-12"

    def render(self) -> str:
        """One line: ``path:line:col: severity: message; hint``, whatever the path and the message contain.

        The hint follows after a semicolon, never in parentheses: a message or a hint that holds parentheses of its
        own then never nests them ("... 130 characters (set preheader: ...)" rather than "(... (...))").
        """
        text = f"{self.where()}: {self.headline()}"
        return f"{text}; {printable(self.hint)}" if self.hint else text

    def where(self) -> str:
        """``path:line:col``, or the path alone when the line is unknown."""
        where = printable(self.path)
        return f"{where}:{self.line}:{max(self.column, 1)}" if self.line else where

    def headline(self) -> str:
        """``severity: code message``, without the place and the hint."""
        code = f"{self.code} " if self.code else ""
        return f"{self.severity}: {code}{printable(self.message)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": printable(self.path),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": printable(self.message),
            "hint": printable(self.hint),
            **({"code": self.code} if self.code else {}),
        }


class NieuwsbriefError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = ExitCode.CONTENT

    def __init__(self, message: str, problems: Iterable[Problem] = (), notices: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        # Warnings about the run rather than the project (e.g. a rebuilt cache): shown, never counted.
        self.notices: tuple[Problem, ...] = tuple(notices)


class ProjectError(NieuwsbriefError):
    """Something in the project is invalid (exit 1): what ``check`` reports. The subclasses say what."""

    exit_code = ExitCode.CONTENT


class SettingsError(ProjectError):
    """nieuwsbrief.toml is unreadable or invalid, or lacks what a command needs (exit 1)."""


class ContentError(ProjectError):
    """A Markdown file in content/ is invalid, or the folder as a whole is (exit 1)."""


class TemplateError(ProjectError):
    """A template does not parse or does not render (exit 1)."""


class ArchiveError(ProjectError):
    """A file under issues/ is missing, unreadable, hand-edited or out of step with the settings (exit 1)."""


class StorageError(ProjectError):
    """A file or folder cannot be read or written (exit 1): permissions, a full disk, a read-only file system,
    a symbolic link or a special file where nieuwsbrief reads or writes. Nothing was left half-written."""


# What the operator can do about a failed read or write, by errno.
_STORAGE_HINTS = {
    errno.ENOSPC: "the disk is full: free some space, then run again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run again",
    errno.EROFS: "the file system is mounted read-only: run where the project can be written",
    errno.EACCES: "check the permissions: the user running nieuwsbrief must be able to read and write it",
    errno.EPERM: "check the permissions: the user running nieuwsbrief must be able to read and write it",
    errno.ELOOP: "nieuwsbrief writes only real files and folders inside the project: remove the link",
    errno.EIO: "the disk reported an input/output error: check the disk",
    errno.ENAMETOOLONG: "use a shorter name",
}


# Failures that come from the machine rather than from a mistake in the code.
ENVIRONMENTAL = frozenset(
    {
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.EIO,
        errno.EMFILE,
        errno.ENFILE,
        errno.EPIPE,
        errno.ENAMETOOLONG,
    }
)


def storage_error(shown: str, exc: OSError, doing: str, project: Path | None = None) -> StorageError:
    """A StorageError for ``exc``, raised while ``doing`` (e.g. "write the issue") at the project path ``shown``;
    with ``project``, at the file the error names when that lies inside the project."""
    if project is not None and isinstance(exc.filename, str):
        with contextlib.suppress(ValueError):
            shown = Path(exc.filename).relative_to(project).as_posix()
    reason = exc.strerror or str(exc)
    hint = _STORAGE_HINTS.get(exc.errno or 0, "check the file and its folder, then run again")
    return StorageError(f"cannot {doing}", [Problem(shown, 0, 0, f"cannot {doing}: {reason}", hint)])


class UsageError(NieuwsbriefError):
    """The command line asks for something impossible (exit 2)."""

    exit_code = ExitCode.USAGE


class NothingNewError(NieuwsbriefError):
    """No eligible lead column: nothing new to compose (exit 3)."""

    exit_code = ExitCode.NOTHING_NEW


class PreflightError(NieuwsbriefError):
    """The rendered issue failed the pre-flight checks (exit 4)."""

    exit_code = ExitCode.PREFLIGHT


class DeliveryError(NieuwsbriefError):
    """Handing the issue to SMTP or an ESP failed (exit 5).

    ``uncertain`` says the server may have carried it out anyway (a timeout, a dropped connection, a 5xx):
    such a send stays pending in the ledger instead of being written off as failed.
    """

    exit_code = ExitCode.DELIVERY

    def __init__(self, message: str, problems: Iterable[Problem] = (), uncertain: bool = False) -> None:
        super().__init__(message, problems)
        self.uncertain = uncertain


class RefusedError(NieuwsbriefError):
    """Refused: the archive is locked or the issue was already sent (exit 6)."""

    exit_code = ExitCode.REFUSED


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
