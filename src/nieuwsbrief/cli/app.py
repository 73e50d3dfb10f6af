"""The typer app, its shared options, and the one place where errors and results are printed.

Start-up time is part of every command: this module imports typer and nothing heavy. Each command imports
the pipeline when it runs, and the pipeline loads renderers and delivery code only where they are used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from .. import __version__, clock
from ..errors import ENVIRONMENTAL, ExitCode, NieuwsbriefError, Problem, UsageError, errors_only, printable, storage_error
from ..redact import redactor
from ..text import plural
from . import completion
from .crash import crash_report
from .diagnostics import Style, draw, style_for_stderr
from .project import SETTINGS_FILE, find_project, has_settings

T = TypeVar("T")

# Who uses which command: `nieuwsbrief --help` lists them in these groups, in this order.
AUTHORING, THE_ISSUE, DELIVERY = "Authoring", "Issue", "Delivery"
_GROUPS = (AUTHORING, THE_ISSUE, DELIVERY)


class GroupedCommands(TyperGroup):
    """Lists the commands by who uses them (each command's ``rich_help_panel``), in plain text."""

    def list_commands(self, ctx: Any) -> list[str]:  # click's types, which typer vendors
        return sorted(super().list_commands(ctx), key=lambda name: _GROUPS.index(self._group(ctx, name)))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows: dict[str, list[tuple[str, str]]] = {group: [] for group in _GROUPS}
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                # Never cut: each command's short_help is written to fit one line of an 80-column terminal.
                rows[self._group(ctx, name)].append((name, command.get_short_help_str(limit=1000)))
        for group, commands in rows.items():
            with formatter.section(f"{group} commands"):
                formatter.write_dl(commands)

    def _group(self, ctx: Any, name: str) -> str:
        return getattr(self.get_command(ctx, name), "rich_help_panel", None) or THE_ISSUE


app = typer.Typer(
    name="nieuwsbrief",
    cls=GroupedCommands,
    help=(
        "Compose a weekly newsletter issue from a folder of Markdown files.\n\n"
        "Example: nieuwsbrief --project ./site compose --date 2026-11-30\n\n"
        "Start a project with: nieuwsbrief init mijn-nieuwsbrief. "
        "Shell completion: nieuwsbrief --install-completion."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="The folder holding nieuwsbrief.toml (default: the nearest one, from here upwards).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print the result as JSON on stdout: one line (JSON Lines) unless stdout is a terminal."),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", "-d", help="The issue date, YYYY-MM-DD (default: today). The issue id is its ISO week.", show_default=False
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read every content file afresh; neither use nor update the cache in .nieuwsbrief/."),
]
IssueArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[ID]",
        help="The issue id, e.g. 2026-W48 (default: the newest issue in the archive).",
        show_default=False,
        autocompletion=completion.issue_ids,
    ),
]


@dataclass(frozen=True)
class Invocation:
    """What the root command was given, for the command that runs (typer's context object)."""

    project: Path | None = None
    no_color: bool = False


# How diagnostics are drawn in this run (set by the root command; one line each until then).
_style = Style()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nieuwsbrief {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    project: ProjectOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour in diagnostics on a terminal (so does NO_COLOR=1).")
    ] = False,
) -> None:
    """Compose a weekly newsletter issue from a folder of Markdown files."""
    global _style
    ctx.obj = Invocation(project, no_color)
    _style = style_for_stderr(no_color)


def project_folder(ctx: typer.Context, project: Path | None, as_json: bool = False) -> Path:
    """The project: --project after the command wins over --project before it; without either, the nearest folder
    holding nieuwsbrief.toml, from the current one upwards, as git finds its repository. Outside any project, or
    at a --project without settings: exit 2 with the init command to run."""
    given = project if project is not None else ctx.obj.project if isinstance(ctx.obj, Invocation) else None
    if given is not None:
        if not has_settings(given):
            _fail(
                given,
                UsageError(f"{given} holds no {SETTINGS_FILE}; start a project there with: nieuwsbrief init {given}"),
                as_json,
            )
        return given
    found = find_project(Path.cwd())
    if found is None:
        _fail(
            Path("."),
            UsageError(f"no {SETTINGS_FILE} here or in any folder above; start a project with: nieuwsbrief init"),
            as_json,
        )
    return found


def parse_date(value: str | None) -> dt.date:
    from ..model import LAST_YEAR  # model's records cost start-up time that --help need not pay

    if value is None:
        return clock.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30") from None
    if day.year > LAST_YEAR:  # the issue's week and the day after it must still exist
        raise UsageError(f"--date {value} is too far ahead; nieuwsbrief takes dates up to {LAST_YEAR}-12-31")
    return day


def display_path(project: Path, relative: str) -> str:
    """A project path as the user can open it from where they ran the command."""
    return relative if str(project) in ("", ".") else (project / relative).as_posix()


def _display(project: Path, problem: Problem) -> Problem:
    if problem.path.startswith("("):
        return problem  # a packaged template: no path of the project's
    return dataclasses.replace(problem, path=display_path(project, problem.path))


def displayed(project: Path, problems: tuple[Problem, ...] | list[Problem]) -> list[dict[str, object]]:
    return [_display(project, p).as_dict() for p in problems]


def emit_problems(project: Path, problems: tuple[Problem, ...] | list[Problem]) -> None:
    """Every problem on stderr: one line each, or quoted with a caret for a person at a terminal (diagnostics.py)."""
    hide = redactor(os.environ)
    for problem in problems:
        source = None if problem.path.startswith("(") else project / problem.path
        typer.echo(hide(draw(_display(project, problem), _style, source)), err=True)


def print_json(data: Any) -> None:
    """One JSON value per line when stdout is a file or a pipe (`>> log` gives JSON Lines); indented on a terminal;
    with no secret of the environment in it (redact.py)."""
    indent = 2 if sys.stdout.isatty() else None
    typer.echo(json.dumps(redactor(os.environ).data(data), indent=indent, ensure_ascii=False))


def _fail(project: Path, error: NieuwsbriefError, as_json: bool) -> NoReturn:
    emit_problems(project, (*error.problems, *error.notices))
    errors = len(errors_only(error.problems))
    # The count after a semicolon: a message that ends in parentheses never gets a second pair around it.
    summary = f"{error.message}; {plural(errors, 'error')} above" if errors else error.message
    typer.echo(f"nieuwsbrief: {printable(redactor(os.environ)(summary))}", err=True)
    if as_json:
        print_json(
            {
                "ok": False,
                "exit_code": int(error.exit_code),
                "error": error.message,
                "problems": displayed(project, error.problems),
            }
        )
    raise typer.Exit(int(error.exit_code))


def run(project: Path, as_json: bool, action: Callable[[], T]) -> T:
    """Call the library; a NieuwsbriefError is printed once, here, and ends the run with its exit code.

    A full disk or a permission the library did not expect at that spot is still the machine's doing: exit 1
    with the file. Any other exception is a bug: exit 70 (``crash``), never a traceback.
    """
    try:
        return action()
    except NieuwsbriefError as error:
        _fail(project, error, as_json)
    except OSError as exc:
        if exc.errno not in ENVIRONMENTAL:
            crash(exc, as_json)
        _fail(project, storage_error(".", exc, "read or write a file", project), as_json)  # "." shows as the project
    except Exception as exc:
        crash(exc, as_json)


def crash(exc: BaseException, as_json: bool = False) -> NoReturn:
    """The last resort: exit 70 with one line saying this is a bug; the traceback goes to a log file."""
    raise typer.Exit(report_crash(exc, as_json))


def report_crash(exc: BaseException, as_json: bool = False) -> int:
    line, result = crash_report(exc)
    typer.echo(line, err=True)
    if as_json:
        print_json(result)
    return int(ExitCode.INTERNAL)
