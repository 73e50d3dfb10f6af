"""Send a test, or the issue to the list by SMTP or an ESP's API, and keep the send ledger.

A real send is recorded as pending before anything leaves and confirmed after, under the archive's lock, so a crash in
between is found by the next run and resolved (by asking the ESP, or by refusing with a clear message) instead of
sending again. An exception of nieuwsbrief's own before anything could have left settles it as failed, never pending.

The secrets in the environment (redact.py) never reach a message, the result or the ledger, whatever a server echoes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import SMTP
from email.utils import parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from .. import placeholders
from ..archive import Archive, IssueRecord
from ..clock import Clock, local, stamp
from ..clock import now as clock_now
from ..config import Settings, load_settings
from ..errors import DeliveryError, NieuwsbriefError, RefusedError, UsageError
from ..esps import APIS, ESPS, find, known, listed
from ..manifest import DELIVERED, FAILED, NOT_SENT, PENDING, REAL, SCHEDULED, SENT, TEST, Delivery, Manifest
from ..model import Outgoing
from ..redact import Redactor, redactor
from . import espapi, ledger, smtp
from .espapi import UNKNOWN, EspClient
from .outgoing import outgoing
from .pending import resolve_pending
from .pending import write as _write

CHANNELS = ("smtp", *APIS)


@dataclass(frozen=True)
class SendResult:
    issue_id: str
    channel: str
    kind: str  # "test" or "real"
    dry_run: bool
    summary: str  # what was done, or what would be done
    delivery: Delivery | None = None  # the ledger entry (of a test to several addresses: the last one)
    notes: tuple[str, ...] = field(default_factory=tuple)  # what was resolved on the way
    deliveries: tuple[Delivery, ...] = ()  # a test to several addresses: one entry per message

    def as_dict(self) -> dict[str, object]:
        """What `nieuwsbrief send --json` reports."""
        return {
            "id": self.issue_id,
            "channel": self.channel,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "summary": self.summary,
            "delivery": self.delivery.as_dict() if self.delivery else None,
            "deliveries": [entry.as_dict() for entry in self.deliveries or ((self.delivery,) if self.delivery else ())],
            "notes": list(self.notes),
        }


def send(
    project: Path,
    issue_id: str | None = None,
    *,
    via: str = "smtp",
    test: tuple[str, ...] = (),
    yes: bool = False,
    at: str | None = None,
    force: bool = False,
    dialect: str | None = None,
    clock: Clock = clock_now,
    env: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendResult:
    """Send a test (``test`` addresses, always at once), or the issue to the list (only with ``yes``).

    Without ``yes`` a real send only says what it would do; every check that needs no network runs first,
    so a dry run that passes means the real one has what it needs.
    """
    env = os.environ if env is None else env
    hide = redactor(env)
    try:
        result = _send(project, issue_id, via, test, yes, at, force, dialect, clock, env, sleep, hide)
    except NieuwsbriefError as error:
        error.message = hide(error.message)
        raise
    summary, notes = hide(result.summary), tuple(hide(note) for note in result.notes)
    return dataclasses.replace(result, summary=summary, notes=notes)


def _send(
    project: Path,
    issue_id: str | None,
    via: str,
    test: tuple[str, ...],
    yes: bool,
    at: str | None,
    force: bool,
    dialect: str | None,
    clock: Clock,
    env: Mapping[str, str],
    sleep: Callable[[float], None],
    hide: Redactor,
) -> SendResult:
    settings = load_settings(project)
    channel = known(via, CHANNELS, "--via channel")
    recipients = _test_addresses(test)
    if recipients and channel != "smtp":
        raise UsageError(f"--test sends through SMTP: leave out --via {channel}")
    if at and (recipients or channel == "smtp"):
        raise UsageError(f"--at schedules through an ESP (--via {listed(APIS)}); SMTP and tests go at once")
    if channel in APIS and dialect and find(dialect).name != channel:
        raise UsageError(f"--via {channel} writes the issue in {channel}'s own dialect; leave out --dialect {dialect}")
    moment = parse_at(at, settings, clock()) if at else None
    archive = Archive(project)
    record = archive.select(issue_id)
    if not recipients and not force and ledger.was_sent(record.manifest):
        raise _sent_before(record.id, record.manifest, settings)
    out = outgoing(settings, record, find(channel if channel in APIS else dialect or settings.dialect))
    if not recipients:  # a test may carry them: it is how a project is tried
        placeholders.guard(settings, record.id, record.manifest, out.text, "sent; a --test may go")
    if channel == "smtp":
        smtp.check_ready(settings.smtp, real=not recipients)
        login = smtp.credentials(settings.smtp, env)
        smtp.check_login(login)
        key = ""
    else:
        key = espapi.check_ready(channel, settings, env)
        login = None
        if moment:
            espapi.check_moment(channel, moment)
    if recipients:
        with archive.lock():
            return _send_test(archive, record.id, settings, out, recipients, login, clock, hide)
    if not yes:
        return _dry_run(record, settings, channel, moment)
    with archive.lock():
        current = archive.select(record.id)
        manifest, notes = resolve_pending(archive, current, settings, env, force, clock, sleep, hide)
        if ledger.was_sent(manifest) and not force:
            raise _sent_before(record.id, manifest, settings)
        if channel == "smtp":
            return _send_smtp(archive, record.id, manifest, settings, out, login, clock, notes, hide)
        return _send_esp(archive, record.id, manifest, settings, out, channel, key, moment, clock, sleep, notes, hide)


def _sent_before(issue_id: str, manifest: Manifest, settings: Settings) -> RefusedError:
    """The refusal of a second send, saying when, how and to whom the first one went."""
    went = ledger.how_it_went(manifest, settings.timezone)
    return RefusedError(f"issue {issue_id} was already sent {went}; it is never sent twice without --force")


def parse_at(value: str, settings: Settings, now: dt.datetime) -> dt.datetime:
    """--at: an ISO date-time; without a zone it is the project's own time zone. It must lie in the future."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--at {value!r} is not a date-time; write it like 2026-11-30T07:00 (the project's time zone) or with +01:00"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(settings.timezone))
    try:
        moment.astimezone(dt.UTC)  # what every ESP is sent: 9999-12-31T23:45-12:00 is a moment in the year 10000
    except OverflowError:
        raise UsageError(
            f"--at {value} lies beyond the last moment there is in UTC; write a moment before the year 9999"
        ) from None
    if moment <= now:
        raise UsageError(f"--at {value} lies in the past; leave --at out to send now")
    return moment


def _test_addresses(values: tuple[str, ...]) -> list[str]:
    addresses = [part.strip() for value in values for part in value.split(",") if part.strip()]
    for address in addresses:
        if "@" not in parseaddr(address)[1] or parseaddr(address)[1] != address:
            raise UsageError(f"--test {address!r} is not an email address")
    return addresses


def _dry_run(record: IssueRecord, settings: Settings, channel: str, moment: dt.datetime | None) -> SendResult:
    if channel == "smtp":
        plan = f"would send issue {record.id} by SMTP through {settings.smtp.host}:{settings.smtp.port} to {settings.smtp.list_address}"
    else:
        when = f"schedule it for {local(stamp(moment), settings.timezone)}" if moment else "send it now"
        plan = (
            f"would create a {ESPS[channel].title} campaign for issue {record.id} (list {_list_id(settings, channel)}) and {when}"
        )
    notes = []
    index = ledger.pending_index(record.manifest)
    if index is not None:
        notes.append(
            f"an unconfirmed {ledger.describe(record.manifest.deliveries[index], settings.timezone)} is pending: "
            "the real run resolves it first"
        )
    return SendResult(record.id, channel, REAL, True, plan + "; add --yes to do it", None, tuple(notes))


def _list_id(settings: Settings, esp: str) -> str:
    """The list a send through the ESP goes to, as the ledger records it ("" when its settings name none)."""
    return str(settings.accounts[esp].get("list_id", ""))


def _send_test(
    archive: Archive,
    issue_id: str,
    settings: Settings,
    out: Outgoing,
    recipients: list[str],
    login: tuple[str, str] | None,
    clock: Clock,
    hide: Redactor,
) -> SendResult:
    """One message per address, each with its own id, so that no tester sees the others' addresses."""
    entries: list[Delivery] = []
    try:
        for address in recipients:
            now = clock()
            # A test gets its own Message-ID: mail clients fold messages with one id into one, and tests repeat.
            message_id = _fresh_message_id(f"{issue_id}.test", now, settings)
            message = smtp.prepare(out.eml, [address], now, test=True, message_id=message_id)
            smtp.deliver(settings.smtp, message, out.sender_address, [address], login, hide)
            entries.append(
                Delivery(
                    kind=TEST,
                    channel="smtp",
                    state=SENT,
                    dialect=out.dialect,
                    recipients=(address,),
                    campaign_id=message_id,
                    requested_at=stamp(now),
                    confirmed_at=stamp(clock()),
                )
            )
    except DeliveryError as error:
        if entries:
            went = ", ".join(address for entry in entries for address in entry.recipients or ())
            error.message = f"sent the test to {went}, then: {error.message}"
        raise
    finally:
        if entries:  # a test is recorded once it went: every address that went, in one write of the manifest
            manifest = archive.select(issue_id).manifest
            for entry in entries:
                manifest, _ = ledger.append(manifest, entry)
            _write(archive, issue_id, manifest)
    each = " (one message each)" if len(recipients) > 1 else ""
    summary = f"sent a test of issue {issue_id} to {', '.join(recipients)}{each}"
    return SendResult(issue_id, "smtp", TEST, False, summary, entries[-1], deliveries=tuple(entries))


def _send_smtp(
    archive: Archive,
    issue_id: str,
    manifest: Manifest,
    settings: Settings,
    out: Outgoing,
    login: tuple[str, str] | None,
    clock: Clock,
    notes: tuple[str, ...],
    hide: Redactor,
) -> SendResult:
    address = settings.smtp.list_address
    message_id = str(message_from_bytes(out.eml, policy=SMTP)["Message-ID"])
    if any(entry.campaign_id == message_id for entry in ledger.real_deliveries(manifest)):
        # A forced second send: a fresh id, or mail systems that fold duplicates would drop it.
        message_id = _fresh_message_id(issue_id, clock(), settings)
    entry = Delivery(
        kind=REAL,
        channel="smtp",
        state=PENDING,
        dialect=out.dialect,
        recipients=(address,),
        campaign_id=message_id,
        requested_at=stamp(clock()),
    )
    message = smtp.prepare(out.eml, [address], clock(), test=False, message_id=message_id)
    manifest, index = _record_intent(archive, issue_id, manifest, entry)
    try:
        smtp.deliver(settings.smtp, message, out.sender_address, [address], login, hide)
    except DeliveryError as error:
        _settle_failure(archive, issue_id, manifest, index, error, "it may have reached the list")
        raise
    except Exception as exc:  # our own, before the server could accept the message (smtplib raises only its own there)
        _write(archive, issue_id, ledger.update(manifest, index, state=FAILED, note=hide(_internal(exc))))
        raise
    manifest = _confirm(archive, issue_id, manifest, index, SENT, clock)
    summary = f"sent issue {issue_id} by SMTP to {address}"
    return SendResult(issue_id, "smtp", REAL, False, summary, manifest.deliveries[index], notes)


def _send_esp(
    archive: Archive,
    issue_id: str,
    manifest: Manifest,
    settings: Settings,
    out: Outgoing,
    esp: str,
    key: str,
    moment: dt.datetime | None,
    clock: Clock,
    sleep: Callable[[float], None],
    notes: tuple[str, ...],
    hide: Redactor,
) -> SendResult:
    title = ESPS[esp].title
    entry = Delivery(
        kind=REAL,
        channel=esp,
        state=PENDING,
        dialect=out.dialect,
        list_id=_list_id(settings, esp),
        requested_at=stamp(clock()),
        scheduled_for=stamp(moment) if moment else None,
    )
    api, client = espapi.open_client(esp, settings, key, sleep, hide=hide)  # may refuse the key: before the ledger
    manifest, index = _record_intent(archive, issue_id, manifest, entry)
    with api:
        try:
            campaign_id = client.create(out)
        except Exception as error:
            # Creating a campaign never sends it: whatever happened, nothing went out.
            note = error.message if isinstance(error, DeliveryError) else hide(_internal(error))
            _write(archive, issue_id, ledger.update(manifest, index, state=FAILED, note=note))
            raise
        # The id is in the ledger before the one request that sends, so a crash after it can be checked.
        manifest = _write(archive, issue_id, ledger.update(manifest, index, campaign_id=campaign_id))
        try:
            client.fill(campaign_id, out)
            client.start(campaign_id, moment)
        except DeliveryError as error:
            state = _state_after_error(client, campaign_id)
            if state not in DELIVERED:
                failure = DeliveryError(error.message, uncertain=state == UNKNOWN)
                _settle_failure(archive, issue_id, manifest, index, failure, f"{title} may have sent it")
                raise failure from None
            notes = (*notes, f"{title} reported an error ({error.message}) but the campaign is {state}")
        except Exception as exc:  # our own: the ESP says whether the request went through before it
            state = _state_after_error(client, campaign_id)
            if state in DELIVERED:
                _confirm(archive, issue_id, manifest, index, SCHEDULED if moment else SENT, clock)
            else:
                failure = DeliveryError(hide(_internal(exc)), uncertain=state == UNKNOWN)
                _settle_failure(archive, issue_id, manifest, index, failure, f"{title} may have sent it")
            raise
        done = SCHEDULED if moment else SENT
        manifest = _confirm(archive, issue_id, manifest, index, done, clock)
    when = f"scheduled for {local(stamp(moment), settings.timezone)}" if moment else "sent"
    summary = f"{when} issue {issue_id} through {title} (campaign {campaign_id}, list {entry.list_id})"
    return SendResult(issue_id, esp, REAL, False, summary, manifest.deliveries[index], notes)


def _internal(exc: Exception) -> str:
    return f"nieuwsbrief stopped with an internal error ({type(exc).__name__}: {exc}) before the server answered"


def _fresh_message_id(prefix: str, now: dt.datetime, settings: Settings) -> str:
    return f"<{prefix}.{now:%Y%m%d%H%M%S}.{secrets.token_hex(4)}@{settings.domain}>"


def _state_after_error(client: EspClient, campaign_id: str) -> str:
    """After a failed send request the ESP may have acted anyway: ask it rather than guess."""
    try:
        return client.state(campaign_id).meaning
    except DeliveryError:
        return UNKNOWN


def _record_intent(archive: Archive, issue_id: str, manifest: Manifest, entry: Delivery) -> tuple[Manifest, int]:
    manifest, index = ledger.append(manifest, entry)
    archive.update_manifest(issue_id, manifest)
    return manifest, index


def _confirm(archive: Archive, issue_id: str, manifest: Manifest, index: int, state: str, clock: Clock) -> Manifest:
    """The server accepted: write it down. A crash just before this is what the pending entry is for."""
    return _write(archive, issue_id, ledger.update(manifest, index, state=state, confirmed_at=stamp(clock())))


def _settle_failure(archive: Archive, issue_id: str, manifest: Manifest, index: int, error: DeliveryError, maybe: str) -> None:
    """A certain failure is written off; an uncertain one stays pending for the next run to resolve."""
    if error.uncertain:
        _write(archive, issue_id, ledger.update(manifest, index, note=f"unconfirmed: {error.message}"))
        error.message += (
            f"; {maybe}, so the send stays pending: the next send checks it first, or run nieuwsbrief resolve {issue_id}"
        )
    else:
        _write(archive, issue_id, ledger.update(manifest, index, state=FAILED, note=error.message))


@dataclass(frozen=True)
class Resolved:
    issue_id: str
    delivery: Delivery  # the settled entry, or the one recorded by hand
    by_hand: bool = False  # a send made outside nieuwsbrief, recorded with --via
    zone: str = "UTC"  # the project's time zone, in which the report shows the times


def resolve(project: Path, issue_id: str | None, outcome: str, clock: Clock = clock_now, via: str | None = None) -> Resolved:
    """Settle a pending real send by hand, after checking the list: ``sent`` or ``not-sent``; the settled entry.

    With ``via`` (``sent`` only) it records a send made outside nieuwsbrief instead, e.g. in an ESP's web app, so that
    the ledger, the archive pages and the freeze know the issue went out.
    """
    if outcome not in (SENT, NOT_SENT):
        raise UsageError("say how the send ended: --sent or --not-sent")
    via = via.lower() if via is not None else None  # --via Mailchimp is mailchimp, as for send
    if via is not None and (outcome != SENT or not _CHANNEL_NAME.fullmatch(via)):
        raise UsageError(
            "--via NAME records a send made outside nieuwsbrief: use it with --sent, and name the channel in "
            "lowercase letters, digits and hyphens, e.g. --via mailchimp"
        )
    zone = load_settings(project).timezone  # the times it reports are the project's
    archive = Archive(project)
    with archive.lock():
        record = archive.select(issue_id)
        index = ledger.pending_index(record.manifest)
        if via is not None:
            return _record_by_hand(archive, record, index, via, clock, zone)
        if index is None:
            raise UsageError(
                f"issue {record.id} has no pending send to resolve (to record a send made elsewhere: "
                f"nieuwsbrief resolve {record.id} --sent --via NAME)"
            )
        manifest = _write(
            archive,
            record.id,
            ledger.update(record.manifest, index, state=outcome, resolved_at=stamp(clock()), note="resolved by hand"),
        )
    return Resolved(record.id, manifest.deliveries[index], zone=zone)


_CHANNEL_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def _record_by_hand(archive: Archive, record: IssueRecord, pending: int | None, via: str, clock: Clock, zone: str) -> Resolved:
    if pending is not None:
        what = ledger.describe(record.manifest.deliveries[pending], zone)
        raise UsageError(
            f"issue {record.id} has an unconfirmed {what}: settle it first with nieuwsbrief resolve {record.id} --sent "
            "(or --not-sent), without --via"
        )
    if ledger.was_sent(record.manifest):
        went = ledger.how_it_went(record.manifest, zone)
        raise RefusedError(f"issue {record.id} is already recorded as sent {went}; a second send is not recorded")
    now = stamp(clock())
    entry = Delivery(
        kind=REAL, channel=via, state=SENT, requested_at=now, confirmed_at=now, note="sent outside nieuwsbrief, recorded by hand"
    )
    manifest, index = ledger.append(record.manifest, entry)
    archive.update_manifest(record.id, manifest)
    return Resolved(record.id, manifest.deliveries[index], by_hand=True, zone=zone)
