"""What the commands report: results as the JSON of --json and as the lines a person reads.

Built here, in the library, so the CLI only prints them and tests can call them directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .archive import IssueRecord
from .manifest import Delivery
from .model import Selection
from .pipeline import pick_record

if TYPE_CHECKING:
    from .delivery.export import ExportResult
    from .pipeline import ComposeResult


def selection_json(selection: Selection) -> dict[str, Any]:
    """`pick --json`: the picks with their scores and reasons, and what was left out."""
    return {
        "id": selection.issue_id,
        "date": selection.date.isoformat(),
        "lead": pick_record(selection.lead),
        "related": [pick_record(p) for p in selection.related],
        "skipped": [{"slug": s.slug, "reason": s.reason} for s in selection.skipped],
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
    if explain and selection.skipped:
        lines.append("  left out:")
        lines.extend(f"    {s.slug}: {s.reason}" for s in selection.skipped)
    return "\n".join(lines)


def compose_json(result: ComposeResult) -> dict[str, Any]:
    """`compose --json`: the issue, its picks and the files written (design section 7)."""
    edition = result.rendered.edition
    return {
        "ok": True,
        "id": edition.id,
        "number": edition.number,
        "date": edition.date.isoformat(),
        "status": result.manifest.status,
        "subject": edition.subject,
        "preheader": edition.preheader,
        "lead": pick_record(edition.selection.lead),
        "related": [pick_record(p) for p in edition.selection.related],
        "files": {key: str(path) for key, path in result.files.items()},
        "warnings": [p.as_dict() for p in result.warnings],
    }


def compose_text(result: ComposeResult) -> str:
    edition = result.rendered.edition
    lines = [
        f"composed {edition.id} (number {edition.number}): {edition.subject}",
        f"  lead:    {edition.selection.lead.article.slug}",
    ]
    lines.extend(f"  {pick.slot}: {pick.article.slug}" for pick in edition.selection.related)
    lines.append(f"  folder:  {result.folder}")
    return "\n".join(lines)


def issue_line(record: IssueRecord) -> str:
    """One line of `issues`: id, date, status, lead."""
    manifest = record.manifest
    return f"{record.id}  {manifest.date}  {manifest.status:<8}  {manifest.lead.slug}"


def export_json(result: ExportResult) -> dict[str, Any]:
    return {"ok": True, "id": result.issue_id, "esp": result.esp, "files": {n: str(p) for n, p in result.files.items()}}


def resolved_text(entry: Delivery) -> str:
    return f"resolved the {entry.channel} send asked for at {entry.requested_at}: {entry.state}"
