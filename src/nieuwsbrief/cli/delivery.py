"""Commands for whoever hands the issue over: `export` for an ESP, `send` (a test, or to the list), `resolve`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..esps import APIS, ESPS, listed

if TYPE_CHECKING:
    from ..delivery.send import Resolved

from .app import DELIVERY, IssueArgument, JsonOption, ProjectOption, app, print_json, project_folder, run
from .completion import channels, esps


@app.command("export", rich_help_panel=DELIVERY, short_help="Write an issue in an ESP's dialect, ready for a campaign.")
def export_command(
    ctx: typer.Context,
    issue_id: IssueArgument = None,
    project: ProjectOption = None,
    esp: Annotated[
        str | None,
        typer.Option(
            "--esp",
            help=f"The dialect: {listed(ESPS)} (default: [esp] dialect).",
            show_default=False,
            autocompletion=esps,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Write the issue in an ESP's dialect into issues/<id>/export/: HTML, text, .eml and the API payload.

    The payload is the body the ESP's API takes: Mailchimp's campaign content (html, plain_text), Brevo's
    email campaign, SendGrid's Single Send. The archived issue files are not changed.

    Example: nieuwsbrief export 2026-W48 --esp mailchimp
    """
    from .. import pipeline, reports

    folder = project_folder(ctx, project, as_json)
    result = run(folder, as_json, lambda: pipeline.export(folder, issue_id, esp))
    if as_json:
        print_json(reports.export_json(result))
        return
    typer.echo(f"exported {result.issue_id} for {result.esp}:")
    for path in result.files.values():
        typer.echo(f"  {path}")


@app.command("send", rich_help_panel=DELIVERY, short_help="Send a test, or send the issue to the list.")
def send_command(
    ctx: typer.Context,
    issue_id: IssueArgument = None,
    project: ProjectOption = None,
    test: Annotated[
        list[str] | None,
        typer.Option("--test", help="Send a test to this address, subject prefixed [TEST] (repeatable).", show_default=False),
    ] = None,
    via: Annotated[
        str, typer.Option("--via", help=f"smtp (to [smtp] list_address), {listed(APIS)}.", autocompletion=channels)
    ] = "smtp",
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
        str | None,
        typer.Option(
            "--dialect", help="The merge-tag dialect for SMTP (default: [esp] dialect).", show_default=False, autocompletion=esps
        ),
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
    from .. import pipeline

    folder = project_folder(ctx, project, as_json)
    result = run(
        folder,
        as_json,
        lambda: pipeline.send(folder, issue_id, via=via, test=tuple(test or ()), yes=yes, at=at, force=force, dialect=dialect),
    )
    if as_json:
        print_json({"ok": True, **result.as_dict()})
        return
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(result.summary)


@app.command("resolve", rich_help_panel=DELIVERY, short_help="Settle a send that a stopped run left unconfirmed.")
def resolve_command(
    ctx: typer.Context,
    issue_id: IssueArgument = None,
    project: ProjectOption = None,
    sent: Annotated[bool, typer.Option("--sent", help="It did reach the list: mark the issue sent.")] = False,
    not_sent: Annotated[bool, typer.Option("--not-sent", help="It never went out: the next send may go.")] = False,
    via: Annotated[
        str | None,
        typer.Option(
            "--via",
            help="With --sent: record a send made outside nieuwsbrief (e.g. in the ESP's web app) through this channel.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Settle by hand a send that a stopped run left unconfirmed, or record a send made outside nieuwsbrief.

    Example: nieuwsbrief resolve 2026-W48 --not-sent

    Example: nieuwsbrief resolve 2026-W48 --sent --via mailchimp
    """
    from .. import pipeline, reports

    folder = project_folder(ctx, project, as_json)

    def action() -> Resolved:
        if sent == not_sent:
            raise UsageError("say how the send ended: --sent or --not-sent (one of them)")
        return pipeline.resolve(folder, issue_id, "sent" if sent else "not-sent", via=via)

    resolved = run(folder, as_json, action)
    if as_json:
        print_json({"ok": True, "id": resolved.issue_id, "delivery": resolved.delivery.as_dict()})
        return
    typer.echo(reports.resolved_text(resolved))
