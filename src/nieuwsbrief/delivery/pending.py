"""A real send a previous run left pending, settled before anything new goes out: by asking the ESP about the
campaign whose id the ledger holds, or by refusing with what to check (SMTP cannot be asked)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..archive import Archive, IssueRecord
from ..clock import Clock, stamp
from ..config import Settings
from ..errors import DeliveryError, RefusedError
from ..esps import APIS, ESPS
from ..manifest import DELIVERED, NOT_SENT, Manifest
from ..manifest import UNKNOWN as SET_ASIDE
from ..redact import Redactor
from . import espapi, ledger
from .espapi import UNKNOWN, CampaignState


def resolve_pending(
    archive: Archive,
    record: IssueRecord,
    settings: Settings,
    env: Mapping[str, str],
    force: bool,
    clock: Clock,
    sleep: Callable[[float], None],
    hide: Redactor,
) -> tuple[Manifest, tuple[str, ...]]:
    """Settle a real send a previous run left pending, before anything new goes out."""
    manifest = record.manifest
    index = ledger.pending_index(manifest)
    if index is None:
        return manifest, ()
    entry = manifest.deliveries[index]
    what = ledger.describe(entry, settings.timezone)
    channel = entry.channel
    if channel in APIS and not entry.campaign_id:
        note = "the run stopped before a campaign was created: nothing was sent"
        manifest = write(
            archive, record.id, ledger.update(manifest, index, state=NOT_SENT, resolved_at=stamp(clock()), note=note)
        )
        return manifest, (f"resolved the unconfirmed {what}: {note}",)
    if channel in APIS and entry.campaign_id:
        found = _ask_esp(record.id, channel, entry.campaign_id, what, settings, env, sleep, hide)
        title = ESPS[channel].title
        if found.meaning == UNKNOWN:
            raise RefusedError(
                f"issue {record.id} has an unconfirmed {what}: {title} reports the campaign as {found.status!r}, a status "
                f"nieuwsbrief does not know, so it may have gone out and stays pending. Check it in {title}, then run "
                f"nieuwsbrief resolve {record.id} --sent (or --not-sent)"
            )
        changes: ledger.Changes
        if found.meaning in DELIVERED:
            changes = {"state": found.meaning, "confirmed_at": stamp(clock()), "note": f"confirmed with {title} by a later run"}
            note = f"{title} reports it {found.meaning}"
        else:
            changes = {
                "state": NOT_SENT,
                "resolved_at": stamp(clock()),
                "note": f"{title} reports the campaign as a draft",
            }
            note = f"{title} reports it was never sent (campaign {entry.campaign_id} is a draft)"
        manifest = write(archive, record.id, ledger.update(manifest, index, **changes))
        return manifest, (f"resolved the unconfirmed {what}: {note}",)
    if not force:
        raise RefusedError(
            f"issue {record.id} has an unconfirmed {what}: the run stopped before the server's answer was recorded, "
            f"so it may have reached the list. Check the list, then run nieuwsbrief resolve {record.id} --sent "
            "(or --not-sent), or send again with --force"
        )
    note = "set aside by send --force"
    manifest = write(archive, record.id, ledger.update(manifest, index, state=SET_ASIDE, resolved_at=stamp(clock()), note=note))
    return manifest, (f"set aside the unconfirmed {what} (--force)",)


def _ask_esp(
    issue_id: str,
    esp: str,
    campaign_id: str,
    what: str,
    settings: Settings,
    env: Mapping[str, str],
    sleep: Callable[[float], None],
    hide: Redactor,
) -> CampaignState:
    variable, title = APIS[esp].key_variable, ESPS[esp].title
    key = env.get(variable, "").strip()
    if not key:
        raise RefusedError(
            f"issue {issue_id} has an unconfirmed {what}; set {variable} so it can be checked with {title}, "
            f"or resolve it by hand: nieuwsbrief resolve {issue_id} --sent (or --not-sent)"
        )
    api, client = espapi.open_client(esp, settings, key, sleep, hide=hide)
    with api:
        try:
            return client.state(campaign_id)
        except DeliveryError as error:
            raise DeliveryError(f"could not check the unconfirmed {what} with {title}: {error.message}") from None


def write(archive: Archive, issue_id: str, manifest: Manifest) -> Manifest:
    archive.update_manifest(issue_id, manifest)
    return manifest
