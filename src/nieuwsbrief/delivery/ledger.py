"""The send ledger: the deliveries in an issue's manifest, and the status they imply.

Every delivery is one entry (manifest.Delivery): a test or the real send, its channel (smtp or an ESP), the ESP's
campaign id (or the SMTP Message-ID), when it was asked for and confirmed, and the addresses of a test. A real send
is written as "pending" *before* anything leaves this machine and confirmed after, so a run that dies in between
leaves a trace the next run finds and resolves instead of sending again. These are pure functions on the
manifest; archive.py writes the result.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypedDict, Unpack

from ..clock import local
from ..manifest import DELIVERED, PENDING, REAL, SENT, Delivery, Manifest


class Changes(TypedDict, total=False):
    """What happens to an entry after it is written: it is confirmed, settled or annotated."""

    state: str
    campaign_id: str
    confirmed_at: str
    resolved_at: str
    note: str


def real_deliveries(manifest: Manifest) -> list[Delivery]:
    return [entry for entry in manifest.deliveries if entry.kind == REAL]


def delivered(manifest: Manifest) -> bool:
    """A real send went out or is scheduled: the ledger says the issue was sent."""
    return any(entry.state in DELIVERED for entry in real_deliveries(manifest))


def was_sent(manifest: Manifest) -> bool:
    return manifest.status == SENT or delivered(manifest)


def pending_index(manifest: Manifest) -> int | None:
    """The position of the last real send still pending, if any."""
    entries = manifest.deliveries
    for index in reversed(range(len(entries))):
        if entries[index].kind == REAL and entries[index].state == PENDING:
            return index
    return None


def append(manifest: Manifest, entry: Delivery) -> tuple[Manifest, int]:
    """A new manifest with ``entry`` added at the end, and its position."""
    entries = (*manifest.deliveries, entry)
    return _with(manifest, entries), len(entries) - 1


def update(manifest: Manifest, index: int, **changes: Unpack[Changes]) -> Manifest:
    """A new manifest with one entry changed."""
    entries = list(manifest.deliveries)
    entries[index] = replace(entries[index], **changes)
    return _with(manifest, tuple(entries))


def _with(manifest: Manifest, entries: tuple[Delivery, ...]) -> Manifest:
    changed = replace(manifest, deliveries=entries)
    return replace(changed, status=SENT) if delivered(changed) else changed


def describe(entry: Delivery, zone: str = "UTC") -> str:
    """One line for messages, times in ``zone``: 'smtp send to lijst@example.nl, asked for at 2026-11-23 07:00 CET'."""
    return f"{entry.channel} send to {_target(entry)}, asked for at {local(entry.requested_at, zone)}"


def how_it_went(manifest: Manifest, zone: str = "UTC") -> str:
    """When, how and to whom a sent issue went, for the refusal of a second send: 'on 2026-11-23 07:02 CET by
    smtp to lijst@example.nl'; the last send that went out (or is scheduled) is the one that counts."""
    went = [entry for entry in real_deliveries(manifest) if entry.state in DELIVERED]
    if not went:
        return "its manifest says so"
    entry = went[-1]
    when = (
        f"scheduled for {local(entry.scheduled_for, zone)}"
        if entry.scheduled_for and entry.state != SENT
        else f"on {local(entry.confirmed_at or entry.requested_at, zone)}"
    )
    return f"{when} by {entry.channel} to {_target(entry)}"


def _target(entry: Delivery) -> str:
    target = ", ".join(entry.recipients or ()) or (f"list {entry.list_id}" if entry.list_id else "the list")
    if not entry.campaign_id:
        return target
    return f"{target}, {'message' if entry.channel == 'smtp' else 'campaign'} {entry.campaign_id}"
