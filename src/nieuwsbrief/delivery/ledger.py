"""The send ledger: the "deliveries" list in an issue's manifest, and the status it implies.

Every delivery is one entry: a test or the real send, its channel (smtp or an ESP), the ESP's campaign id (or
the SMTP Message-ID), when it was asked for and confirmed, and the addresses of a test. A real send is written
as "pending" *before* anything leaves this machine and confirmed after, so a run that dies in between leaves a
trace the next run finds and resolves instead of sending again. These are pure functions on the manifest
dict; archive.py writes the result.
"""

from __future__ import annotations

from typing import Any

TEST = "test"
REAL = "real"

PENDING = "pending"  # asked for; not confirmed yet
SENT = "sent"
SCHEDULED = "scheduled"  # the ESP holds it for --at: as good as sent, never to be sent again
FAILED = "failed"  # it certainly did not go out
NOT_SENT = "not-sent"  # a pending send found, on resolving, never to have gone out
UNKNOWN = "unknown"  # a pending send nobody could resolve, set aside by --force

DELIVERED = (SENT, SCHEDULED)


def deliveries(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    found = manifest.get("deliveries", [])
    return [entry for entry in found if isinstance(entry, dict)] if isinstance(found, list) else []


def real_deliveries(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry for entry in deliveries(manifest) if entry.get("kind") == REAL]


def was_sent(manifest: dict[str, Any]) -> bool:
    return manifest.get("status") == SENT or any(entry.get("state") in DELIVERED for entry in real_deliveries(manifest))


def pending_index(manifest: dict[str, Any]) -> int | None:
    """The position of the last real send still pending, if any."""
    entries = deliveries(manifest)
    for index in reversed(range(len(entries))):
        if entries[index].get("kind") == REAL and entries[index].get("state") == PENDING:
            return index
    return None


def append(manifest: dict[str, Any], entry: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """A new manifest with ``entry`` added at the end, and its position."""
    entries = [*deliveries(manifest), entry]
    return _with(manifest, entries), len(entries) - 1


def update(manifest: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    """A new manifest with one entry changed; None removes a key."""
    entries = deliveries(manifest)
    changed = {**entries[index], **changes}
    entries[index] = {key: value for key, value in changed.items() if value is not None}
    return _with(manifest, entries)


def _with(manifest: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    result = {**manifest, "deliveries": entries}
    if any(entry.get("kind") == REAL and entry.get("state") in DELIVERED for entry in entries):
        result["status"] = SENT
    return result


def describe(entry: dict[str, Any]) -> str:
    """One line for messages: 'smtp send to lijst@example.nl, asked for at 2026-11-23T06:00:00Z'."""
    target = ", ".join(entry.get("recipients", [])) or (f"list {entry['list_id']}" if entry.get("list_id") else "the list")
    campaign = f" (campaign {entry['campaign_id']})" if entry.get("campaign_id") else ""
    return f"{entry.get('channel', '?')} send to {target}{campaign}, asked for at {entry.get('requested_at', '?')}"
