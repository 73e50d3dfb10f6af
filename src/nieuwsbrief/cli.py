"""The typer app: parse options, call one library function, print. Errors are rendered here, once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from . import __version__
from .errors import ExitCode, NieuwsbriefError, Problem, UsageError, errors_only

if TYPE_CHECKING:
    from . import pipeline
    from .manifest import Delivery
    from .model import Selection

# Start-up time is part of every command: this module imports typer and nothing heavy. Each command
# imports the pipeline when it runs, and the pipeline loads renderers and delivery code only where used.

app = typer.Typer(
    name="nieuwsbrief",
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

T = TypeVar("T")

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project", "-p", help="The folder holding nieuwsbrief.toml (default: the current folder).", show_default=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a machine-readable result on stdout.")]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", "-d", help="The issue date, YYYY-MM-DD (default: today). The issue id is its ISO week.", show_default=False
    ),
]
LeadOption = Annotated[
    str | None, typer.Option("--lead", help="Lead with this column (its slug) instead of the newest.", show_default=False)
]
IncludeOption = Annotated[
    list[str] | None,
    typer.Option("--include", help="Feature this slug among the related pieces (repeatable).", show_default=False),
]
ExcludeOption = Annotated[
    list[str] | None, typer.Option("--exclude", help="Never pick this slug for this issue (repeatable).", show_default=False)
]


class Kind(StrEnum):
    column = "column"
    article = "article"
    author = "author"


class Locale(StrEnum):
    nl = "nl"
    en = "en"


class _State:
    project: Path = Path(".")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nieuwsbrief {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    project: ProjectOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Compose a weekly newsletter issue from a folder of Markdown files."""
    _State.project = project or Path(".")


def _project(project: Path | None) -> Path:
    return project or _State.project


def _display(project: Path, problem: Problem) -> Problem:
    """Show paths as the user can open them from where they ran the command."""
    if problem.path.startswith("("):
        return problem  # a packaged template: no path of the project's
    return dataclasses.replace(problem, path=_display_path(project, problem.path))


def _emit_problems(project: Path, problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        typer.echo(_display(project, problem).render(), err=True)


def _fail(project: Path, error: NieuwsbriefError, as_json: bool) -> NoReturn:
    _emit_problems(project, (*error.problems, *error.notices))
    errors = len(errors_only(error.problems))
    summary = f"{error.message} ({errors} error{'s' if errors != 1 else ''})" if errors else error.message
    typer.echo(f"nieuwsbrief: {summary}", err=True)
    if as_json:
        _print_json(
            {
                "ok": False,
                "exit_code": int(error.exit_code),
                "error": error.message,
                "problems": [_display(project, p).as_dict() for p in error.problems],
            }
        )
    raise typer.Exit(int(error.exit_code))


def _run(project: Path, as_json: bool, action: Callable[[], T]) -> T:
    try:
        return action()
    except NieuwsbriefError as error:
        _fail(project, error, as_json)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _parse_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30") from None


NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read every content file afresh; neither use nor update the cache in .nieuwsbrief/."),
]


class _ScanProgress:
    """A progress bar on stderr for a scan that takes more than a moment; rich loads only then."""

    DELAY_S = 0.5

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if done >= total or time.monotonic() - self.started < self.DELAY_S:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("reading content"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self.bar = Progress(*columns, console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("scan", total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _progress(quiet: bool) -> _ScanProgress | None:
    """Progress only for a person watching: never with --quiet, nor when stderr is a file or a pipe."""
    return None if quiet or not sys.stderr.isatty() else _ScanProgress()


def _with_progress(quiet: bool, action: Callable[[_ScanProgress | None], T]) -> T:
    progress = _progress(quiet)
    try:
        return action(progress)
    finally:
        if progress is not None:
            progress.close()


@app.command()
def check(
    project: ProjectOption = None,
    as_json: JsonOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    no_cache: NoCacheOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the problems: no progress, no summary.")] = False,
) -> None:
    """Validate settings, content and templates; print every problem as path:line:col.

    Example: nieuwsbrief check --strict
    """
    from . import pipeline

    folder = _project(project)
    checked = _with_progress(quiet, lambda progress: pipeline.check_project(folder, cache=not no_cache, progress=progress))
    problems = checked.problems
    errors = [p for p in problems if p.severity == "error" or strict]
    if as_json:
        _print_json([_display(folder, p).as_dict() for p in problems])
    _emit_problems(folder, problems)
    if not quiet:
        _emit_problems(folder, checked.notices)
    warnings = len(problems) - len(errors_only(problems))
    if errors:
        typer.echo(f"nieuwsbrief: {len(errors)} problem{'s' if len(errors) != 1 else ''} to fix", err=True)
        raise typer.Exit(int(ExitCode.CONTENT))
    if not as_json and not quiet:
        typer.echo(f"ok: no errors, {warnings} warning{'s' if warnings != 1 else ''}")


@app.command("pick")
def pick_command(
    project: ProjectOption = None,
    date: DateOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the score behind every pick and why others were left out.")
    ] = False,
    lead: LeadOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    as_json: JsonOption = False,
    no_cache: NoCacheOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display and no warnings on stderr.")] = False,
) -> None:
    """Show what the issue would feature, and why. Writes nothing but the cache.

    Example: nieuwsbrief pick --date 2026-11-30 --explain
    """
    from . import pipeline

    folder = _project(project)
    includes, excludes = tuple(include or ()), tuple(exclude or ())
    picked = _run(
        folder,
        as_json,
        lambda: _with_progress(
            quiet,
            lambda progress: pipeline.pick(
                folder, _parse_date(date), lead, includes, excludes, cache=not no_cache, progress=progress
            ),
        ),
    )
    if not quiet:
        _emit_problems(folder, (*picked.warnings, *picked.notices))  # as --quiet's help promises, like compose
    if as_json:
        _print_json(_selection_json(picked.selection, explain=True))
        return
    typer.echo(_selection_text(picked.selection, explain))


@app.command("compose")
def compose_command(
    project: ProjectOption = None,
    date: DateOption = None,
    lead: LeadOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    force: Annotated[bool, typer.Option("--force", help="Rewrite the issue even if it was already sent.")] = False,
    no_lint: Annotated[bool, typer.Option("--no-lint", help="Archive the issue even if it fails the pre-flight checks.")] = False,
    as_json: JsonOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success (for cron).")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Pick, render and archive this week's issue into issues/<ISO week>/.

    Re-running it for the same week replaces an unsent issue with identical bytes
    when nothing changed; a sent issue is refused (exit 6) unless --force. The
    rendered issue must pass the pre-flight checks of `nieuwsbrief lint` (exit 4)
    unless --no-lint.

    Example: nieuwsbrief compose --date 2026-11-30 --json
    """
    from . import pipeline

    folder = _project(project)
    includes, excludes = tuple(include or ()), tuple(exclude or ())
    result = _run(
        folder,
        as_json,
        lambda: _with_progress(
            quiet,
            lambda progress: pipeline.compose(
                folder, _parse_date(date), lead, includes, excludes, force, no_lint, cache=not no_cache, progress=progress
            ),
        ),
    )
    if not quiet:
        _emit_problems(folder, (*result.warnings, *result.notices))
    if as_json:
        _print_json(_compose_json(result))
    elif not quiet:
        edition = result.rendered.edition
        typer.echo(f"composed {edition.id} (number {edition.number}): {edition.subject}")
        typer.echo(f"  lead:    {edition.selection.lead.article.slug}")
        for pick in edition.selection.related:
            typer.echo(f"  {pick.slot}: {pick.article.slug}")
        typer.echo(f"  folder:  {result.folder}")


@app.command("init")
def init_command(
    directory: Annotated[
        Path, typer.Argument(help="The folder to create the project in (made if missing; default: here).", show_default=False)
    ] = Path("."),
    locale: Annotated[Locale, typer.Option("--locale", help="The labels, dates and sample texts: nl or en.")] = Locale.nl,
    name: Annotated[
        str, typer.Option("--name", help='The newsletter\'s name (default: "Mijn nieuwsbrief" / "My Newsletter").')
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """Create a project that composes at once: commented settings, a sample column, article and author.

    Never overwrites a file; an existing README.md or .gitignore is kept.

    Example: nieuwsbrief init mijn-nieuwsbrief --name "Ondernemen Wekelijks"
    """
    from . import scaffold

    created = _run(directory, as_json, lambda: scaffold.init_project(directory, dt.date.today(), locale.value, name))
    if as_json:
        _print_json({"ok": True, "project": str(directory), "files": list(created.files), "kept": list(created.kept)})
        return
    typer.echo(f"created a nieuwsbrief project in {directory}:")
    for name_ in created.files:
        typer.echo(f"  {name_}")
    for name_ in created.kept:
        typer.echo(f"  {name_} (kept yours)")
    where = "" if str(directory) in ("", ".") else f"cd {directory} && "
    typer.echo(f"next: {where}nieuwsbrief compose   (then open issues/<week>/issue.html)")


@app.command("new")
def new_command(
    kind: Annotated[Kind, typer.Argument(help="What to write: column, article or author.", show_default=False)],
    title: Annotated[str, typer.Argument(help="The title (for an author: the name), in quotes.", show_default=False)],
    project: ProjectOption = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="The date in the front matter, YYYY-MM-DD (default: today).")
    ] = None,
    slug: Annotated[str, typer.Option("--slug", help="The slug (default: made from the title).", show_default=False)] = "",
    author: Annotated[
        str, typer.Option("--author", help="The author's id (default: [new] author, or the usual one).", show_default=False)
    ] = "",
    category: Annotated[
        str, typer.Option("--category", help="The category (default: [new] category, or the one used most).")
    ] = "",
    edit: Annotated[bool, typer.Option("--edit", "-e", help="Open the new file in $VISUAL or $EDITOR.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Write a new column, article or author with complete front matter. Never overwrites a slug.

    Columns and articles start as drafts (draft: true): remove that line when the piece is ready.

    Example: nieuwsbrief new article "Creëer een band met je klant" --edit
    """
    from . import scaffold

    folder = _project(project)
    created = _run(
        folder,
        as_json,
        lambda: scaffold.new_entry(
            folder,
            kind.value,
            title,
            _parse_date(date),
            slug=slug,
            author=author,
            category=category,
            editor=scaffold.find_editor(os.environ) if edit else "",
        ),
    )
    path = created.files[0]
    if created.editor_status:
        typer.echo(f"nieuwsbrief: warning: the editor exited with status {created.editor_status}", err=True)
    if as_json:
        _print_json({"ok": True, "kind": created.kind, "slug": created.slug, "path": str(folder / path), "draft": created.draft})
        return
    typer.echo(f"created {_display_path(folder, path)}")
    if created.draft:
        typer.echo("  it is a draft: remove the line draft: true when it is ready to go out")


def _display_path(project: Path, relative: str) -> str:
    return relative if str(project) in ("", ".") else (project / relative).as_posix()


@app.command("lint")
def lint_command(
    issue_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="The issue, e.g. 2026-W48 (default: the newest).", show_default=False)
    ] = None,
    project: ProjectOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check an archived issue against the email checklist (exit 4 on any error).

    Every finding names its checklist row (C-01 ... C-39) in ../shared/email-checklist.md
    terms: document and head, size and Gmail CSS traps, layout tables, images, links,
    text size, headings, dark mode, preheader, footer, plain text, MIME and list headers.

    Example: nieuwsbrief lint 2026-W48 --json
    """
    from . import pipeline

    folder = _project(project)
    checked, findings = _run(folder, as_json, lambda: pipeline.lint(folder, issue_id))
    errors = errors_only(findings)
    if as_json:
        _print_json({"id": checked, "ok": not errors, "findings": [_display(folder, p).as_dict() for p in findings]})
    _emit_problems(folder, findings)
    if errors:
        typer.echo(f"nieuwsbrief: {checked} failed {len(errors)} pre-flight check{'s' if len(errors) != 1 else ''}", err=True)
        raise typer.Exit(int(ExitCode.PREFLIGHT))
    if not as_json:
        warnings = len(findings)
        typer.echo(f"ok: {checked} passes the pre-flight checks ({warnings} warning{'s' if warnings != 1 else ''})")


@app.command("preview")
def preview_command(
    issue_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="The issue, e.g. 2026-W48 (default: the newest).", show_default=False)
    ] = None,
    project: ProjectOption = None,
    no_open: Annotated[bool, typer.Option("--no-open", help="Write the proof sheet but do not open a browser.")] = False,
    serve: Annotated[
        bool, typer.Option("--serve", help="Serve a live proof on localhost that re-renders on every change.")
    ] = False,
    port: Annotated[int, typer.Option("--port", help="The port for --serve (0: any free port).")] = 8765,
) -> None:
    """Write a proof sheet: desktop and mobile renders, the text part, the inbox row, size and lint.

    The sheet goes to .nieuwsbrief/preview/<ID>.html and opens in your browser. With --serve it
    is served on localhost and re-rendered from the content whenever content, settings or
    templates change (the archived issue itself is not touched). Stop with Ctrl-C.

    Example: nieuwsbrief preview 2026-W48 --no-open
    """
    from . import pipeline

    folder = _project(project)
    if serve:
        _serve_preview(folder, issue_id, port, open_browser=not no_open)
        return
    path = _run(folder, False, lambda: pipeline.preview(folder, issue_id))
    typer.echo(str(path))
    if not no_open:
        _open_browser(path.resolve().as_uri())


def _serve_preview(folder: Path, issue_id: str | None, port: int, open_browser: bool) -> None:
    from . import pipeline
    from .preview import PreviewServer

    server = _run(folder, False, lambda: PreviewServer(folder, lambda: pipeline.live_proof(folder, issue_id), port))
    server.start()
    typer.echo(f"serving the live proof on {server.url} (Ctrl-C stops)", err=True)
    if open_browser:
        _open_browser(server.url)
    try:
        while True:
            time.sleep(1)
            if server.refresh():
                typer.echo(f"re-rendered ({time.strftime('%H:%M:%S')})", err=True)
    except KeyboardInterrupt:
        server.stop()


@app.command("issues")
def issues_command(project: ProjectOption = None, as_json: JsonOption = False) -> None:
    """List the archive: id, date, lead and status of every composed issue.

    Example: nieuwsbrief issues --json
    """
    from . import pipeline

    folder = _project(project)
    records = _run(folder, as_json, lambda: pipeline.list_issues(folder))
    if as_json:
        _print_json([record.summary() for record in records])
        return
    if not records:
        typer.echo("no issues yet: run nieuwsbrief compose")
        return
    for record in records:
        manifest = record.manifest
        typer.echo(f"{record.id}  {manifest.date}  {manifest.status:<8}  {manifest.lead.slug}")


IssueArgument = Annotated[
    str | None, typer.Argument(help="The issue id, e.g. 2026-W48 (default: the newest issue in the archive).", show_default=False)
]


@app.command("export")
def export_command(
    issue_id: IssueArgument = None,
    project: ProjectOption = None,
    esp: Annotated[
        str | None,
        typer.Option(
            "--esp",
            help="The dialect: generic, mailchimp, brevo, sendgrid, mailgun or listmonk (default: [esp] dialect).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Write the issue in an ESP's dialect into issues/<id>/export/: HTML, text, .eml and the API payload.

    The payload is the body the ESP's API takes: Mailchimp's campaign content (html, plain_text), Brevo's
    email campaign, SendGrid's Single Send. The archived issue files are not changed.

    Example: nieuwsbrief export 2026-W48 --esp mailchimp
    """
    from . import pipeline

    folder = _project(project)
    result = _run(folder, as_json, lambda: pipeline.export(folder, issue_id, esp))
    if as_json:
        _print_json({"ok": True, "id": result.issue_id, "esp": result.esp, "files": {n: str(p) for n, p in result.files.items()}})
        return
    typer.echo(f"exported {result.issue_id} for {result.esp}:")
    for path in result.files.values():
        typer.echo(f"  {path}")


@app.command("send")
def send_command(
    issue_id: IssueArgument = None,
    project: ProjectOption = None,
    test: Annotated[
        list[str] | None,
        typer.Option("--test", help="Send a test to this address, subject prefixed [TEST] (repeatable).", show_default=False),
    ] = None,
    via: Annotated[str, typer.Option("--via", help="smtp (to [smtp] list_address), mailchimp, brevo or sendgrid.")] = "smtp",
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Really send to the list; without it, only say what would happen.")
    ] = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Schedule through the ESP, e.g. 2026-11-30T07:00 (the project's time zone).", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Send even though the issue was already sent.")] = False,
    dialect: Annotated[
        str | None, typer.Option("--dialect", help="The merge-tag dialect for SMTP (default: [esp] dialect).", show_default=False)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Send a test, or send the issue to the list by SMTP or through an ESP's API; every delivery goes in the ledger.

    A real send needs --yes; it is refused (exit 6) if the issue was already sent, unless --force.
    API keys and the SMTP login come from the environment: NIEUWSBRIEF_MAILCHIMP_API_KEY,
    NIEUWSBRIEF_BREVO_API_KEY, NIEUWSBRIEF_SENDGRID_API_KEY, NIEUWSBRIEF_SMTP_USERNAME, NIEUWSBRIEF_SMTP_PASSWORD.

    Example: nieuwsbrief send --test redactie@example.nl

    Example: nieuwsbrief send 2026-W48 --via mailchimp --at 2026-11-23T07:00 --yes
    """
    from . import pipeline

    folder = _project(project)
    result = _run(
        folder,
        as_json,
        lambda: pipeline.send(folder, issue_id, via=via, test=tuple(test or ()), yes=yes, at=at, force=force, dialect=dialect),
    )
    if as_json:
        _print_json({"ok": True, **result.as_dict()})
        return
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(result.summary)


@app.command("resolve")
def resolve_command(
    issue_id: IssueArgument = None,
    project: ProjectOption = None,
    sent: Annotated[bool, typer.Option("--sent", help="It did reach the list: mark the issue sent.")] = False,
    not_sent: Annotated[bool, typer.Option("--not-sent", help="It never went out: the next send may go.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Settle by hand a send that a stopped run left unconfirmed, after checking whether it reached the list.

    Example: nieuwsbrief resolve 2026-W48 --not-sent
    """
    from . import pipeline

    folder = _project(project)

    def action() -> Delivery:
        if sent == not_sent:
            raise UsageError("say how the send ended: --sent or --not-sent (one of them)")
        return pipeline.resolve(folder, issue_id, "sent" if sent else "not-sent")

    entry = _run(folder, as_json, action)
    if as_json:
        _print_json({"ok": True, "delivery": entry.as_dict()})
        return
    typer.echo(f"resolved the {entry.channel} send asked for at {entry.requested_at}: {entry.state}")


def _open_browser(url: str) -> None:
    import webbrowser

    webbrowser.open(url)


def _selection_json(selection: Selection, explain: bool) -> dict[str, Any]:
    from . import pipeline

    data: dict[str, Any] = {
        "id": selection.issue_id,
        "date": selection.date.isoformat(),
        "lead": pipeline.pick_record(selection.lead),
        "related": [pipeline.pick_record(p) for p in selection.related],
    }
    if explain:
        data["skipped"] = [{"slug": s.slug, "reason": s.reason} for s in selection.skipped]
    return data


def _selection_text(selection: Selection, explain: bool) -> str:
    lines = [f"issue {selection.issue_id} ({selection.date.isoformat()})"]
    for pick in selection.picks:
        article = pick.article
        score = "" if pick.slot == "lead" else f"  score {pick.score:g}"
        lines.append(f"  {pick.slot:<10} {article.slug}  ({article.kind}, {article.published.date().isoformat()}){score}")
        if explain:
            lines.extend(f"             - {reason}" for reason in pick.reasons)
    if explain and selection.skipped:
        lines.append("  left out:")
        lines.extend(f"    {s.slug}: {s.reason}" for s in selection.skipped)
    return "\n".join(lines)


def _compose_json(result: pipeline.ComposeResult) -> dict[str, Any]:
    from . import pipeline

    edition = result.rendered.edition
    return {
        "ok": True,
        "id": edition.id,
        "number": edition.number,
        "date": edition.date.isoformat(),
        "status": result.manifest.status,
        "subject": edition.subject,
        "preheader": edition.preheader,
        "lead": pipeline.pick_record(edition.selection.lead),
        "related": [pipeline.pick_record(p) for p in edition.selection.related],
        "files": {key: str(path) for key, path in result.files.items()},
        "warnings": [p.as_dict() for p in result.warnings],
    }


def main() -> None:
    app(prog_name="nieuwsbrief")
    sys.exit(0)
