"""What the commands report: results as the JSON of --json and as the lines a person reads.

Built here, in the library, so the CLI only prints them and tests can call them directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .archive import IssueRecord
from .clock import local
from .config import load_settings
from .errors import ProjectError
from .model import Selection
from .pipeline import pick_record

if TYPE_CHECKING:
    from .delivery.export import ExportResult
    from .delivery.send import Resolved
    from .pipeline import ComposeResult


def selection_json(selection: Selection) -> dict[str, Any]:
    """`pick --json`: the picks with their scores and reasons, and what was left out."""
    return {
        "id": selection.issue_id,
        "date": selection.date.isoformat(),
        "lead": pick_record(selection.lead),
        "related": [pick_record(p) for p in selection.related],
        "skipped": [{"slug": s.slug, "type": s.kind, "reason": s.reason} for s in selection.skipped],
        "passed_over": [{"slug": s.slug, "reason": s.reason} for s in selection.passed_over],
        "weak": [{"slug": s.slug, "type": s.kind, "reason": s.reason} for s in selection.weak],
    }


def selection_text(selection: Selection, explain: bool) -> str:
    """`pick`: one line per pick; with ``explain`` the reasons and what was left out."""
    lines = [f"issue {selection.issue_id} ({selection.date.isoformat()})"]
    for pick in selection.picks:
        article = pick.article
        score = "" if pick.slot == "lead" else f"  score {pick.score:g}"
        lines.append(f"  {pick.slot:<10} {article.slug}  ({article.kind}, {article.published.date().isoformat()}){score}")
        if explain:
            lines.extend(f"             - {reason}" for reason in pick.reasons)
    if explain:
        lines.extend(_left_out(selection))
    return "\n".join(lines)


def _left_out(selection: Selection) -> list[str]:
    """Every column that did not lead, nearest contenders first, every other piece that could not be featured, and the
    strongest of those too weakly related to the lead to be shown."""
    columns = [*selection.passed_over, *(s for s in selection.skipped if s.kind == "column")]
    others = [s for s in selection.skipped if s.kind != "column"]
    lines: list[str] = []
    for title, skips in (("columns that did not lead", columns), ("left out", others), ("too weakly related", selection.weak)):
        if skips:
            lines.append(f"  {title}:")
            lines.extend(f"    {s.slug}: {s.reason}" for s in skips)
    return lines


def compose_json(result: ComposeResult) -> dict[str, Any]:
    """`compose --json`: the issue, its picks and the files written (design section 7), from its manifest."""
    manifest = result.manifest
    return {
        "ok": True,
        "id": manifest.id,
        "number": manifest.number,
        "date": manifest.date.isoformat(),
        "status": manifest.status,
        "unchanged": bool(result.unchanged),
        **({"already_sent": True, "waiting": result.waiting.slug if result.waiting else None} if not result.rendered else {}),
        "subject": manifest.subject,
        "preheader": manifest.preheader,
        "lead": manifest.lead.as_dict(),
        "related": [piece.as_dict() for piece in manifest.related],
        "files": {key: str(path) for key, path in result.files.items()},
        "warnings": [p.as_dict() for p in result.warnings],
    }


def compose_text(result: ComposeResult) -> str:
    manifest = result.manifest
    if result.rendered is None:
        return already_sent(result)
    if result.unchanged:
        first = (
            f"unchanged {manifest.id} (number {manifest.number}): it {result.unchanged}, and composing it again changes nothing"
        )
    else:
        first = f"composed {manifest.id} (number {manifest.number}): {manifest.subject}"
    lines = [first, f"  lead:    {manifest.lead.slug}"]
    lines.extend(f"  {piece.slot}: {piece.slug}" for piece in manifest.related)
    lines.append(f"  folder:  {result.folder}")
    return "\n".join(lines)


def already_sent(result: ComposeResult) -> str:
    """A run in a week whose issue went out: nothing composed, and what a column that came since waits for."""
    manifest, column = result.manifest, result.waiting
    line = f"already sent this week: {manifest.id} (number {manifest.number}) went out, and is not composed again"
    if column is None:
        return line
    if column.published.date() >= manifest.date:
        return f"{line}; the column {column.slug} waits for next week"
    return (
        f"{line}; the column {column.slug} is dated {column.published.date().isoformat()}, before this issue, so next "
        f"week's does not lead with it either: compose --lead {column.slug} then, or give it a later date"
    )


def project_zone(project: Path) -> str:
    """The project's time zone, for the times a person reads; UTC when the settings cannot be read (the archive
    can still be listed then)."""
    try:
        return load_settings(project).timezone
    except ProjectError:
        return "UTC"


def issue_line(record: IssueRecord, zone: str = "UTC") -> str:
    """One line of `issues`: id, date, stage (sent, pending, exported, tested or composed), lead; what a pending send is."""
    from .delivery import freeze, ledger

    manifest = record.manifest
    line = f"{record.id}  {manifest.date}  {freeze.stage(record):<8}  {manifest.lead.slug}"
    pending = ledger.pending_index(manifest)
    if pending is not None and not ledger.was_sent(manifest):
        line += f"  (unconfirmed: {ledger.describe(manifest.deliveries[pending], zone)})"
    return line


def issue_json(record: IssueRecord) -> dict[str, Any]:
    """One issue of `issues --json`: the archive's summary, its stage, and the pending send if there is one."""
    from .delivery import freeze, ledger

    pending = ledger.pending_index(record.manifest)
    return {
        **record.summary(),
        "stage": freeze.stage(record),
        "pending": record.manifest.deliveries[pending].as_dict() if pending is not None else None,
    }


def export_json(result: ExportResult) -> dict[str, Any]:
    return {"ok": True, "id": result.issue_id, "esp": result.esp, "files": {n: str(p) for n, p in result.files.items()}}


def resolved_text(resolved: Resolved) -> str:
    """`resolve`: what was recorded, at the project's time."""
    entry, zone = resolved.delivery, resolved.zone
    if resolved.by_hand:
        return f"recorded issue {resolved.issue_id} as sent through {entry.channel}, by hand, at {local(entry.confirmed_at or '', zone)}"
    return f"resolved the {entry.channel} send asked for at {local(entry.requested_at, zone)}: {entry.state}"
