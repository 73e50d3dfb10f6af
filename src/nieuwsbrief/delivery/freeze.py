"""Where an issue stands in leaving the building; once it has left it is frozen: once exported, tested or sent, composing its week again may not
change what it features or a byte of it without --force.

These are pure questions about an archived issue (its manifest, its export/ folder); pipeline.compose acts on them.
"""

from __future__ import annotations

from ..archive import EXPORT_DIR, ISSUES_DIR, IssueRecord
from ..manifest import SENT, TEST, Manifest
from . import ledger


def left_the_building(record: IssueRecord) -> str:
    """How the issue left, as the end of "issue 2026-W48 ...": '' while it is only composed."""
    manifest = record.manifest
    if ledger.was_sent(manifest):
        return "was sent"
    exports = exported(record)
    if exports:
        return f"was exported ({ISSUES_DIR}/{record.id}/{EXPORT_DIR}/ holds {', '.join(exports)})"
    tests = [entry for entry in manifest.deliveries if entry.kind == TEST and entry.state == SENT]
    if tests:
        return f"went out as a test to {', '.join(tests[-1].recipients or ())}"
    return ""


def exported(record: IssueRecord) -> list[str]:
    """The hand-off files in the issue's export/ folder, by name."""
    folder = record.path / EXPORT_DIR
    return sorted(path.name for path in folder.iterdir() if path.is_file()) if folder.is_dir() else []


def changes(before: Manifest, after: Manifest) -> list[str]:
    """What composing again would change: each slot whose piece moves, then the files whose bytes differ."""
    old = {piece.slot: piece.slug for piece in (before.lead, *before.related)}
    new = {piece.slot: piece.slug for piece in (after.lead, *after.related)}
    slots = [*old, *(slot for slot in new if slot not in old)]
    found = [f"{slot} {old.get(slot, '(none)')} -> {new.get(slot, '(none)')}" for slot in slots if old.get(slot) != new.get(slot)]
    files = [name for name in sorted({*before.outputs, *after.outputs}) if before.outputs.get(name) != after.outputs.get(name)]
    if files:
        found.append(f"the bytes of {', '.join(files)}")
    return found


def stage(record: IssueRecord) -> str:
    """Where the issue stands, as `nieuwsbrief issues` shows it: sent, pending, exported, tested or composed."""
    manifest = record.manifest
    if ledger.was_sent(manifest):
        return "sent"
    if ledger.pending_index(manifest) is not None:
        return "pending"
    if exported(record):
        return "exported"
    if any(entry.kind == TEST and entry.state == SENT for entry in manifest.deliveries):
        return "tested"
    return "composed"
