"""Commands about this week's issue: `check`, `pick`, `compose`, `issues`, `lint` and `preview`."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ..errors import ExitCode, errors_only
from ..text import plural
from .app import (
    THE_ISSUE,
    DateOption,
    IssueArgument,
    JsonOption,
    NoCacheOption,
    ProjectOption,
    app,
    displayed,
    emit_problems,
    parse_date,
    print_json,
    project_folder,
    run,
)
from .completion import slugs
from .progress import ScanProgress, with_progress

if TYPE_CHECKING:
    from ..proofs import LiveProof
    from ..weekly import Overrides

T = TypeVar("T")

LeadOption = Annotated[
    str | None,
    typer.Option(
        "--lead", help="Lead with this column (its slug) instead of the newest.", show_default=False, autocompletion=slugs
    ),
]
IncludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--include", help="Feature this slug among the related pieces (repeatable).", show_default=False, autocompletion=slugs
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option("--exclude", help="Never pick this slug for this issue (repeatable).", show_default=False, autocompletion=slugs),
]


def _overrides(lead: str | None, include: list[str] | None, exclude: list[str] | None) -> Overrides:
    from ..weekly import Overrides

    return Overrides(lead, tuple(include or ()), tuple(exclude or ()))


def _scanning(folder: Path, as_json: bool, quiet: bool, action: Callable[[ScanProgress | None], T]) -> T:
    """Run a command that scans the content: with a progress bar for a person watching, errors printed once."""
    return run(folder, as_json, lambda: with_progress(quiet, action))


@app.command("check", rich_help_panel=THE_ISSUE, short_help="Check settings, content and templates, each problem at its line.")
def check_command(
    ctx: typer.Context,
    project: ProjectOption = None,
    as_json: JsonOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    date: DateOption = None,
    no_cache: NoCacheOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the problems: no progress, no summary.")] = False,
) -> None:
    """Validate settings, content and templates; print every problem as path:line:col.

    It also runs the content rules of the pre-flight check (link text, alt text, images, the subject
    and the preheader) on the Markdown of the column that would lead the issue of --date (default
    today), as errors, and of every column still to come (a draft, or dated later), as warnings;
    and it warns about what nieuwsbrief init left in place, which export and send refuse.

    Example: nieuwsbrief check --strict
    """
    from .. import pipeline

    folder = project_folder(ctx, project, as_json)
    checked = _scanning(
        folder,
        as_json,
        quiet,
        lambda progress: pipeline.check_project(folder, cache=not no_cache, progress=progress, day=parse_date(date)),
    )
    problems = checked.problems
    errors = [p for p in problems if p.severity == "error" or strict]
    if as_json:
        print_json(displayed(folder, problems))
    emit_problems(folder, problems)
    if not quiet:
        emit_problems(folder, checked.notices)
    if errors:
        typer.echo(f"nieuwsbrief: {plural(len(errors), 'problem')} to fix", err=True)
        raise typer.Exit(int(ExitCode.CONTENT))
    if not as_json and not quiet:
        typer.echo(f"ok: no errors, {plural(len(problems) - len(errors_only(problems)), 'warning')}")


@app.command("pick", rich_help_panel=THE_ISSUE, short_help="Show what the issue would feature, and why.")
def pick_command(
    ctx: typer.Context,
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
    from .. import pipeline, reports

    folder = project_folder(ctx, project, as_json)
    overrides = _overrides(lead, include, exclude)
    picked = _scanning(
        folder,
        as_json,
        quiet,
        lambda progress: pipeline.pick(folder, parse_date(date), overrides, cache=not no_cache, progress=progress),
    )
    if not quiet:
        emit_problems(folder, (*picked.warnings, *picked.notices))  # as --quiet's help promises, like compose
    if as_json:
        print_json(reports.selection_json(picked.selection))
        return
    typer.echo(reports.selection_text(picked.selection, explain))


@app.command("compose", rich_help_panel=THE_ISSUE, short_help="Pick, render and archive this week's issue.")
def compose_command(
    ctx: typer.Context,
    project: ProjectOption = None,
    date: DateOption = None,
    lead: LeadOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rewrite the issue even if it has left the building (exported, tested or sent).")
    ] = False,
    no_lint: Annotated[
        bool, typer.Option("--no-lint", help="Archive the issue even if it fails the pre-flight checks (for emergencies).")
    ] = False,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            help="Do not check this row of the pre-flight checks, e.g. C-44 (repeatable); named in the output and the manifest.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Treat warnings as errors: the project's (exit 1) and the pre-flight checks' (exit 4)."),
    ] = False,
    as_json: JsonOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success (for cron).")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Pick, render and archive this week's issue into issues/<ISO week>/.

    Re-running it for the same week replaces the issue, with identical bytes when
    nothing changed. Once the issue has left the building (exported, sent as a
    test, or sent), it is frozen: a run that would change its picks or bytes is
    refused (exit 6, saying what would change) unless --force, which keeps its
    export/ folder; a week whose issue was sent is not composed again (exit 0, and
    a column that came since waits for next week). The rendered issue must pass the
    pre-flight checks of `nieuwsbrief lint` (exit 4) unless --no-lint, or the rows
    --skip names; findings in the lead column's Markdown are reported at its file
    and line. With nothing new since the previous issue it composes nothing (exit 3).

    Example: nieuwsbrief compose --date 2026-11-30 --json
    """
    from .. import pipeline, reports

    folder = project_folder(ctx, project, as_json)
    overrides = _overrides(lead, include, exclude)
    result = _scanning(
        folder,
        as_json,
        quiet,
        lambda progress: pipeline.compose(
            folder,
            parse_date(date),
            overrides,
            force=force,
            no_lint=no_lint,
            strict=strict,
            skip=tuple(skip or ()),
            cache=not no_cache,
            progress=progress,
        ),
    )
    if not quiet:
        emit_problems(folder, (*result.warnings, *result.notices))
    if as_json:
        print_json(reports.compose_json(result))
    elif not quiet:
        typer.echo(reports.compose_text(result))


@app.command("issues", rich_help_panel=THE_ISSUE, short_help="List the archive: the id, date, stage and lead of each issue.")
def issues_command(ctx: typer.Context, project: ProjectOption = None, as_json: JsonOption = False) -> None:
    """List the archive: id, date, stage (sent, pending, exported, tested, composed) and lead of every issue.

    Example: nieuwsbrief issues --json
    """
    from .. import pipeline, reports

    folder = project_folder(ctx, project, as_json)
    records = run(folder, as_json, lambda: pipeline.list_issues(folder))
    if as_json:
        print_json([reports.issue_json(record) for record in records])
        return
    if not records:
        typer.echo("no issues yet: run nieuwsbrief compose")
        return
    zone = reports.project_zone(folder)
    for record in records:
        typer.echo(reports.issue_line(record, zone))


@app.command("lint", rich_help_panel=THE_ISSUE, short_help="Check an archived issue against the email checklist.")
def lint_command(
    ctx: typer.Context, issue_id: IssueArgument = None, project: ProjectOption = None, as_json: JsonOption = False
) -> None:
    """Check an archived issue against the email checklist (exit 4 on any error).

    Every finding names its checklist row (C-01 ... C-39) in docs/checklist.md
    terms: document and head, size and Gmail CSS traps, layout tables, images, links,
    text size, headings, dark mode, preheader, footer, plain text, MIME and list headers;
    and the layout rows C-42 ... C-44: nothing wider than a phone's column, every image
    capped, no word of the Markdown lost.

    Example: nieuwsbrief lint 2026-W48 --json
    """
    from .. import pipeline

    folder = project_folder(ctx, project, as_json)
    checked, findings = run(folder, as_json, lambda: pipeline.lint(folder, issue_id))
    errors = errors_only(findings)
    if as_json:
        print_json({"id": checked, "ok": not errors, "findings": displayed(folder, findings)})
    emit_problems(folder, findings)
    if errors:
        typer.echo(f"nieuwsbrief: {checked} failed {plural(len(errors), 'pre-flight check')}", err=True)
        raise typer.Exit(int(ExitCode.PREFLIGHT))
    if not as_json:
        typer.echo(f"ok: {checked} passes the pre-flight checks ({plural(len(findings), 'warning')})")


@app.command("preview", rich_help_panel=THE_ISSUE, short_help="Write a proof sheet of the issue and open it in a browser.")
def preview_command(
    ctx: typer.Context,
    issue_id: IssueArgument = None,
    project: ProjectOption = None,
    lead: Annotated[
        str | None,
        typer.Option(
            "--lead",
            help="Show the issue led by this piece, a draft or one dated later too.",
            show_default=False,
            autocompletion=slugs,
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include",
            help="Show this piece among the related ones, a draft too (repeatable).",
            show_default=False,
            autocompletion=slugs,
        ),
    ] = None,
    date: DateOption = None,
    no_open: Annotated[bool, typer.Option("--no-open", help="Write the proof sheet but do not open a browser.")] = False,
    serve: Annotated[
        bool, typer.Option("--serve", help="Serve a live proof on localhost that re-renders on every change.")
    ] = False,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port for --serve (0: any free port).")] = 8765,
) -> None:
    """Write a proof sheet: desktop and mobile renders, the text part, the inbox row, size and lint.

    The sheet goes to .nieuwsbrief/preview/<ID>.html and opens in your browser. With --lead or
    --include it shows the issue of --date (default today) with those picks, drafts and pieces
    dated later allowed, under a CONCEPT banner; such a proof is never archived. With --serve it
    is served on localhost and the browser reloads it the moment content, settings or templates
    change (the archive is not touched). Stop with Ctrl-C. In a project with no issue yet it shows the
    issue compose would make, without archiving it.

    Example: nieuwsbrief preview --lead mijn-nieuwe-column --no-open
    """
    from .. import pipeline, proofs

    folder = project_folder(ctx, project)
    overrides = _overrides(lead, include, None) if lead or include else None
    if overrides is None and issue_id is None and not serve and not run(folder, False, lambda: pipeline.list_issues(folder)):
        # A new project: the issue compose would make, rather than a refusal to show anything.
        day = run(folder, False, lambda: parse_date(date))
        typer.echo(
            f"nieuwsbrief: note: no issue composed yet; this is the issue compose would make for {day}, not archived", err=True
        )
        overrides = _overrides(None, None, None)
    if serve:
        proof = run(folder, False, lambda: proofs.LiveProof(folder, issue_id, overrides, parse_date(date)))
        _serve_preview(folder, proof, port, open_browser=not no_open)
        return
    if overrides is not None:
        path = run(folder, False, lambda: proofs.draft_preview(folder, parse_date(date), overrides, issue_id))
    else:
        path = run(folder, False, lambda: proofs.preview(folder, issue_id))
    typer.echo(str(path))
    if not no_open:
        _open_browser(path.resolve().as_uri())


def _serve_preview(folder: Path, proof: LiveProof, port: int, open_browser: bool) -> None:
    from .. import proofs

    def rendered(seconds: float) -> None:
        typer.echo(f"re-rendered in {seconds * 1000:.0f} ms ({time.strftime('%H:%M:%S')})", err=True)

    session = run(folder, False, lambda: proofs.serve(folder, proof, port, on_render=rendered))
    typer.echo(f"serving the live proof on {session.url} (Ctrl-C stops)", err=True)
    if open_browser:
        _open_browser(session.url)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        session.stop()


def _open_browser(url: str) -> None:
    import webbrowser

    webbrowser.open(url)
