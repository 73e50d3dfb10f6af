"""One error family: every problem carries path, line, column and a hint.

Library code raises these; only the CLI renders them and maps them to exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes (design section 7); scripts depend on them."""

    OK = 0
    CONTENT = 1
    USAGE = 2
    NOTHING_NEW = 3
    PREFLIGHT = 4
    DELIVERY = 5
    REFUSED = 6


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
        where = self.path
        if self.line:
            where += f":{self.line}:{max(self.column, 1)}"
        code = f"{self.code} " if self.code else ""
        text = f"{where}: {self.severity}: {code}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
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
