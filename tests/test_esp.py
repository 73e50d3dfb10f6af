"""Sending through the ESP APIs against a local HTTP server that checks every request's documented shape."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.archive import Archive
from nieuwsbrief.cli import app
from nieuwsbrief.delivery import send as send_module
from nieuwsbrief.manifest import Delivery

from .conftest import SENDING_SETTINGS, ProjectFactory, cli_env, now_shown
from .servers import KEYS, Campaign, EspServer

WEEK_48 = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)
runner = CliRunner()
ENV = {
    "NIEUWSBRIEF_MAILCHIMP_API_KEY": KEYS["mailchimp"],
    "NIEUWSBRIEF_BREVO_API_KEY": KEYS["brevo"],
    "NIEUWSBRIEF_SENDGRID_API_KEY": KEYS["sendgrid"],
}


def fixed_clock() -> dt.datetime:
    return NOW


def no_sleep(seconds: float) -> None:
    pass


def esp_settings(server: EspServer) -> str:
    return SENDING_SETTINGS + (
        f"\n[esp]\nretries = 2\n"
        f'\n[mailchimp]\nlist_id = "a1b2c3"\napi_base = "{server.base("mailchimp")}"\n'
        f'\n[brevo]\nlist_id = 7\napi_base = "{server.base("brevo")}"\n'
        f'\n[sendgrid]\nlist_id = "9f2e-lijst"\nsender_id = 42\nsuppression_group_id = 17\napi_base = "{server.base("sendgrid")}"\n'
    )


@pytest.fixture
def server() -> Iterator[EspServer]:
    with EspServer() as running:
        yield running
        assert running.violations == []


@pytest.fixture
def project(make_project: ProjectFactory, server: EspServer) -> Path:
    root = make_project(settings=esp_settings(server))
    pipeline.compose(root, WEEK_48)
    return root


def manifest(root: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((root / "issues/2026-W48/manifest.json").read_text(encoding="utf-8"))


def run(root: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--project", str(root), *args], env=cli_env(ENV if env is None else env))


def test_mailchimp_creates_fills_and_sends_the_campaign(project: Path, server: EspServer) -> None:
    result = run(project, "send", "--via", "mailchimp", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "sent issue 2026-W48 through Mailchimp (campaign mc0001, list a1b2c3)\n"
    assert server.requests() == [
        "POST /mailchimp/3.0/campaigns",
        "PUT /mailchimp/3.0/campaigns/mc0001/content",
        "POST /mailchimp/3.0/campaigns/mc0001/actions/send",
    ]
    campaign = server.campaigns["mc0001"]
    assert campaign.body["settings"] == {
        "subject_line": "Tweede column",
        "preview_text": "Tekst van de column.",
        "title": "Testbrief 2026-W48",
        "from_name": "Testbrief",
        "reply_to": "nieuwsbrief@testbrief.nl",
    }
    assert campaign.body["recipients"] == {"list_id": "a1b2c3"}
    assert 'href="*|UNSUB|*"' in campaign.content["html"]
    assert 'href="*|ARCHIVE|*"' in campaign.content["html"]
    assert "*|UNSUB|*" in campaign.content["plain_text"].splitlines()
    assert campaign.status == "sent"
    ledger = manifest(project)
    assert ledger["status"] == "sent"
    [entry] = ledger["deliveries"]
    assert {k: entry[k] for k in ("kind", "channel", "state", "campaign_id", "list_id", "dialect")} == {
        "kind": "real",
        "channel": "mailchimp",
        "state": "sent",
        "campaign_id": "mc0001",
        "list_id": "a1b2c3",
        "dialect": "mailchimp",
    }
    second = run(project, "send", "--via", "mailchimp", "--yes")
    assert (second.exit_code, second.stderr) == (
        6,
        f"nieuwsbrief: issue 2026-W48 was already sent on {now_shown()} by mailchimp to list a1b2c3, campaign "
        "mc0001; it is never sent twice without --force\n",
    )
    assert len(server.calls) == 3


def test_a_429_is_retried_and_makes_one_campaign(project: Path, server: EspServer) -> None:
    server.fail_next.append(
        ("POST /mailchimp/3.0/campaigns", 429, {"title": "Too Many Requests", "detail": "slow down", "status": 429})
    )
    result = pipeline.send(project, via="mailchimp", yes=True, clock=fixed_clock, env=ENV, sleep=no_sleep)
    assert result.summary == "sent issue 2026-W48 through Mailchimp (campaign mc0001, list a1b2c3)"
    assert server.requests()[:2] == ["POST /mailchimp/3.0/campaigns", "POST /mailchimp/3.0/campaigns"]
    assert list(server.campaigns) == ["mc0001"]


def test_without_the_api_key_it_fails_naming_the_variable_and_sends_nothing(project: Path, server: EspServer) -> None:
    for esp, variable in (("mailchimp", "MAILCHIMP"), ("brevo", "BREVO"), ("sendgrid", "SENDGRID")):
        result = run(project, "send", "--via", esp, "--yes", env={})
        assert (result.exit_code, result.stdout) == (5, "")
        title = {"mailchimp": "Mailchimp", "brevo": "Brevo", "sendgrid": "SendGrid"}[esp]
        assert result.stderr == (
            f"nieuwsbrief: NIEUWSBRIEF_{variable}_API_KEY is not set: put the {title} API key in the environment to send through {esp}\n"
        )
        assert "Traceback" not in result.output
    assert server.calls == []
    assert manifest(project)["deliveries"] == []


def test_the_esps_own_message_is_shown_and_the_ledger_records_the_failure(project: Path, server: EspServer) -> None:
    server.fail_next.append(
        (
            "POST /mailchimp/3.0/campaigns",
            400,
            {
                "title": "Invalid Resource",
                "detail": "The resource submitted could not be validated.",
                "status": 400,
                "errors": [{"field": "recipients.list_id", "message": "This list does not exist."}],
            },
        )
    )
    result = run(project, "send", "--via", "mailchimp", "--yes")
    assert result.exit_code == 5
    assert result.stderr == (
        "nieuwsbrief: Mailchimp refused POST /campaigns (HTTP 400): Invalid Resource: The resource submitted could not be "
        "validated.; recipients.list_id: This list does not exist.\n"
    )
    [entry] = manifest(project)["deliveries"]
    assert entry["state"] == "failed"
    assert manifest(project)["status"] == "composed"


def test_5xx_answers_are_retried_until_the_retries_are_spent(project: Path, server: EspServer) -> None:
    for _ in range(3):
        server.fail_next.append(("POST /brevo/v3/emailCampaigns", 502, {"code": "bad_gateway", "message": "upstream down"}))
    result = runner.invoke(app, ["--project", str(project), "send", "--via", "brevo", "--yes"], env=cli_env(ENV))
    assert result.exit_code == 5
    assert result.stderr == "nieuwsbrief: Brevo refused POST /emailCampaigns (HTTP 502): upstream down\n"
    assert server.requests() == ["POST /brevo/v3/emailCampaigns"] * 3  # 1 try + [esp] retries = 2
    assert manifest(project)["deliveries"][0]["state"] == "failed"  # creating a campaign never sends it


def test_brevo_schedules_with_at(project: Path, server: EspServer) -> None:
    result = pipeline.send(project, via="brevo", yes=True, at="2026-11-30T07:00", clock=fixed_clock, env=ENV)
    assert result.summary == "scheduled for 2026-11-30 07:00 CET issue 2026-W48 through Brevo (campaign 100, list 7)"
    assert server.requests() == ["POST /brevo/v3/emailCampaigns", "PUT /brevo/v3/emailCampaigns/100"]
    campaign = server.campaigns["100"]
    assert campaign.scheduled_for == "2026-11-30T06:00:00Z"
    assert campaign.body["recipients"] == {"listIds": [7]}
    assert campaign.body["sender"] == {"name": "Testbrief", "email": "nieuwsbrief@testbrief.nl"}
    assert 'href="{{ mirror }}"' in campaign.body["htmlContent"]
    [entry] = manifest(project)["deliveries"]
    assert (entry["state"], entry["scheduled_for"], entry["campaign_id"]) == ("scheduled", "2026-11-30T06:00:00Z", "100")
    assert manifest(project)["status"] == "sent"


def test_sendgrid_creates_a_single_send_and_sends_it_now(project: Path, server: EspServer) -> None:
    result = pipeline.send(project, via="sendgrid", yes=True, clock=fixed_clock, env=ENV)
    assert result.summary == "sent issue 2026-W48 through SendGrid (campaign sg-0001, list 9f2e-lijst)"
    assert server.requests() == [
        "POST /sendgrid/v3/marketing/singlesends",
        "PUT /sendgrid/v3/marketing/singlesends/sg-0001/schedule",
    ]
    body = server.campaigns["sg-0001"].body
    assert body["send_to"] == {"list_ids": ["9f2e-lijst"]}
    assert (body["email_config"]["sender_id"], body["email_config"]["suppression_group_id"]) == (42, 17)
    assert "{{{unsubscribe}}}" in body["email_config"]["plain_content"].splitlines()
    assert server.campaigns["sg-0001"].scheduled_for == "now"


def test_without_yes_nothing_is_asked_of_the_esp(project: Path, server: EspServer, today: dt.date) -> None:
    day = today + dt.timedelta(days=5)  # --at without an offset is in the project's time zone
    there = dt.datetime.combine(day, dt.time(7), ZoneInfo("Europe/Amsterdam"))  # and said in it, CET or CEST
    result = run(project, "send", "--via", "sendgrid", "--at", f"{day}T07:00")
    assert result.exit_code == 0
    assert result.stdout == (
        "would create a SendGrid campaign for issue 2026-W48 (list 9f2e-lijst) and schedule it for "
        f"{there:%Y-%m-%d %H:%M %Z}; add --yes to do it\n"
    )
    assert server.calls == []


def test_mailchimp_schedules_only_on_the_quarter_hour(project: Path, server: EspServer, today: dt.date) -> None:
    result = run(project, "send", "--via", "mailchimp", "--at", f"{today.year + 1}-11-30T07:10+01:00", "--yes")
    assert result.exit_code == 2
    assert result.stderr == (
        "nieuwsbrief: Mailchimp schedules on the quarter hour only (:00, :15, :30, :45); --at 06:10:00 UTC is not one\n"
    )
    assert run(project, "send", "--via", "mailchimp", "--at", "2020-01-01T07:00", "--yes").stderr == (
        "nieuwsbrief: --at 2020-01-01T07:00 lies in the past; leave --at out to send now\n"
    )
    assert server.calls == []
    ok = pipeline.send(project, via="mailchimp", yes=True, at="2026-11-30T07:15", clock=fixed_clock, env=ENV)
    assert ok.delivery is not None and ok.delivery.state == "scheduled"
    assert server.campaigns["mc0001"].scheduled_for == "2026-11-30T06:15:00+00:00"


def test_missing_list_settings_are_settings_errors(make_project: ProjectFactory, server: EspServer) -> None:
    root = make_project(settings=SENDING_SETTINGS)
    pipeline.compose(root, WEEK_48)
    result = run(root, "send", "--via", "sendgrid", "--yes")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{root}/nieuwsbrief.toml: error: missing setting sendgrid.list_id (the contact list to send to); add list_id = ... under [sendgrid]",
        f"{root}/nieuwsbrief.toml: error: missing setting sendgrid.sender_id (the verified sender); add sender_id = ... under [sendgrid]",
        f"{root}/nieuwsbrief.toml: error: missing setting sendgrid.suppression_group_id (the unsubscribe group behind "
        "{{{unsubscribe}}}); add suppression_group_id = ... under [sendgrid]",
        "nieuwsbrief: the settings lack what SendGrid needs; 3 errors above",
    ]


# ---------------------------------------------------------------- a run that dies half-way


def crash(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt  # killed right after the ESP accepted, before the ledger says so


@pytest.mark.parametrize(
    ("esp", "send_path"),
    [
        ("mailchimp", "POST /mailchimp/3.0/campaigns/mc0001/actions/send"),
        ("brevo", "POST /brevo/v3/emailCampaigns/100/sendNow"),
        ("sendgrid", "PUT /sendgrid/v3/marketing/singlesends/sg-0001/schedule"),
    ],
)
def test_a_crash_after_the_esp_accepted_is_resolved_by_asking_it_not_by_sending_again(
    project: Path, server: EspServer, monkeypatch: pytest.MonkeyPatch, esp: str, send_path: str
) -> None:
    monkeypatch.setattr(send_module, "_confirm", crash)
    with pytest.raises(KeyboardInterrupt):
        pipeline.send(project, via=esp, yes=True, clock=fixed_clock, env=ENV)
    monkeypatch.undo()
    [entry] = manifest(project)["deliveries"]
    assert entry["state"] == "pending"
    sent_before = server.requests().count(send_path)
    assert sent_before == 1

    again = run(project, "send", "--via", esp, "--yes")
    assert again.exit_code == 6
    went = manifest(project)["deliveries"][0]  # confirmed now, by asking the ESP
    assert again.stderr.splitlines()[-1] == (
        f"nieuwsbrief: issue 2026-W48 was already sent on {now_shown()} by {esp} to list {went['list_id']}, "
        f"campaign {went['campaign_id']}; it is never sent twice without --force"
    )
    assert server.requests().count(send_path) == 1
    assert server.requests()[-1].startswith("GET ")
    [entry] = manifest(project)["deliveries"]
    title = {"mailchimp": "Mailchimp", "brevo": "Brevo", "sendgrid": "SendGrid"}[esp]
    assert (entry["state"], entry["note"]) == ("sent", f"confirmed with {title} by a later run")
    assert manifest(project)["status"] == "sent"


def test_a_pending_send_checked_from_another_channel_needs_that_esps_key(
    project: Path, server: EspServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(send_module, "_confirm", crash)
    with pytest.raises(KeyboardInterrupt):
        pipeline.send(project, via="mailchimp", yes=True, clock=fixed_clock, env=ENV)
    monkeypatch.undo()
    result = run(project, "send", "--via", "brevo", "--yes", env={"NIEUWSBRIEF_BREVO_API_KEY": KEYS["brevo"]})
    assert result.exit_code == 6
    assert result.stderr == (
        "nieuwsbrief: issue 2026-W48 has an unconfirmed mailchimp send to list a1b2c3, campaign mc0001, asked for at "
        "2026-11-23 07:00 CET; set NIEUWSBRIEF_MAILCHIMP_API_KEY so it can be checked with Mailchimp, or resolve it by "
        "hand: nieuwsbrief resolve 2026-W48 --sent (or --not-sent)\n"
    )
    assert not any(r.startswith("POST /brevo") for r in server.requests())


def test_a_pending_send_whose_campaign_is_still_a_draft_is_sent_once_more(project: Path, server: EspServer) -> None:
    server.campaigns["mc0001"] = Campaign("mailchimp", "mc0001", "save", {})
    add_to_ledger(project, PENDING_MAILCHIMP)
    result = pipeline.send(project, via="mailchimp", yes=True, clock=fixed_clock, env=ENV)
    assert result.notes == (
        "resolved the unconfirmed mailchimp send to list a1b2c3, campaign mc0001, asked for at 2026-11-23 06:00 CET: "
        "Mailchimp reports it was never sent (campaign mc0001 is a draft)",
    )
    assert server.requests()[0] == "GET /mailchimp/3.0/campaigns/mc0001"
    assert [d["state"] for d in manifest(project)["deliveries"]] == ["not-sent", "sent"]
    assert manifest(project)["deliveries"][1]["campaign_id"] == "mc0002"


def test_a_pending_send_without_a_campaign_never_went_out(project: Path, server: EspServer) -> None:
    add_to_ledger(
        project, Delivery(kind="real", channel="brevo", state="pending", list_id="7", requested_at="2026-11-23T05:00:00Z")
    )
    result = pipeline.send(project, via="brevo", yes=True, clock=fixed_clock, env=ENV)
    assert result.notes == (
        "resolved the unconfirmed brevo send to list 7, asked for at 2026-11-23 06:00 CET: the run stopped before a "
        "campaign was created: nothing was sent",
    )
    assert server.requests() == ["POST /brevo/v3/emailCampaigns", "POST /brevo/v3/emailCampaigns/100/sendNow"]


def test_a_lost_answer_to_the_send_request_is_checked_with_the_esp(project: Path, server: EspServer) -> None:
    # Mailchimp sends, but its answer is lost (504); the retry is refused as "already sent": ask, don't guess.
    server.lose_answer.append(("POST /mailchimp/3.0/campaigns/mc0001/actions/send", 504))
    result = pipeline.send(project, via="mailchimp", yes=True, clock=fixed_clock, env=ENV, sleep=no_sleep)
    assert server.requests()[-3:] == [
        "POST /mailchimp/3.0/campaigns/mc0001/actions/send",
        "POST /mailchimp/3.0/campaigns/mc0001/actions/send",
        "GET /mailchimp/3.0/campaigns/mc0001",
    ]
    assert result.delivery is not None and result.delivery.state == "sent"
    assert result.notes == (
        "Mailchimp reported an error (Mailchimp refused POST /campaigns/mc0001/actions/send (HTTP 400): Bad Request: "
        "Campaign has already been sent.) but the campaign is sent",
    )


def test_a_send_request_that_fails_for_certain_is_recorded_failed(project: Path, server: EspServer) -> None:
    for _ in range(3):
        server.fail_next.append(
            ("PUT /sendgrid/v3/marketing/singlesends/sg-0001/schedule", 500, {"errors": [{"field": None, "message": "oops"}]})
        )
    result = run(project, "send", "--via", "sendgrid", "--yes")
    assert result.exit_code == 5
    assert result.stderr == "nieuwsbrief: SendGrid refused PUT /marketing/singlesends/sg-0001/schedule (HTTP 500): oops\n"
    assert server.requests()[-1] == "GET /sendgrid/v3/marketing/singlesends/sg-0001"  # it asked: still a draft
    [entry] = manifest(project)["deliveries"]
    assert (entry["state"], entry["campaign_id"]) == ("failed", "sg-0001")
    assert run(project, "send", "--via", "sendgrid", "--yes").exit_code == 0


def test_a_send_nobody_can_confirm_stays_pending(project: Path, server: EspServer) -> None:
    for _ in range(3):
        server.fail_next.append(
            ("POST /brevo/v3/emailCampaigns/100/sendNow", 503, {"code": "unavailable", "message": "try later"})
        )
        server.fail_next.append(("GET /brevo/v3/emailCampaigns/100", 503, {"code": "unavailable", "message": "try later"}))
    result = run(project, "send", "--via", "brevo", "--yes")
    assert result.exit_code == 5
    assert result.stderr == (
        "nieuwsbrief: Brevo refused POST /emailCampaigns/100/sendNow (HTTP 503): try later; Brevo may have sent it, so "
        "the send stays pending: the next send checks it first, or run nieuwsbrief resolve 2026-W48\n"
    )
    [entry] = manifest(project)["deliveries"]
    assert entry["state"] == "pending"
    assert run(project, "send", "--via", "brevo", "--yes").exit_code == 0  # the fake says draft: sent once more
    assert [d["state"] for d in manifest(project)["deliveries"]] == ["not-sent", "sent"]


# A Mailchimp send a stopped run left unconfirmed: campaign mc0001, created and maybe sent.
PENDING_MAILCHIMP = Delivery(
    kind="real",
    channel="mailchimp",
    state="pending",
    list_id="a1b2c3",
    campaign_id="mc0001",
    requested_at="2026-11-23T05:00:00Z",
)


def add_to_ledger(root: Path, entry: Delivery) -> None:
    archive = Archive(root)
    record = archive.get("2026-W48")
    assert record is not None
    archive.update_manifest("2026-W48", replace(record.manifest, deliveries=(entry,)))


# ---------------------------------------------------------------- the HTTP layer


def test_a_server_that_does_not_answer_times_out_as_an_uncertain_failure() -> None:
    import socket

    from nieuwsbrief.delivery.http import ApiError, JsonApi

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        api = JsonApi("Brevo", f"http://127.0.0.1:{port}/v3", {}, str, timeout=0.2, retries=1, sleep=no_sleep)
        with api, pytest.raises(ApiError) as caught:
            api.call("POST", "/emailCampaigns/1/sendNow")
    assert caught.value.message == "Brevo did not answer POST /emailCampaigns/1/sendNow within 0.2 s"
    assert caught.value.uncertain


def test_the_mailchimp_api_host_comes_from_the_keys_data_centre() -> None:
    from nieuwsbrief.errors import DeliveryError
    from nieuwsbrief.esps.mailchimp import data_centre_api

    account = {"list_id": "", "api_base": ""}
    assert data_centre_api(account, "0123456789abcdef-us21") == "https://us21.api.mailchimp.com/3.0"
    assert data_centre_api({**account, "api_base": "http://127.0.0.1:9/3.0"}, "key-us1") == "http://127.0.0.1:9/3.0"
    with pytest.raises(DeliveryError) as caught:
        data_centre_api(account, "no-data-centre-")
    assert caught.value.message == (
        "cannot tell the Mailchimp data centre from NIEUWSBRIEF_MAILCHIMP_API_KEY (it should end in e.g. -us6); set [mailchimp] api_base"
    )


def test_a_campaign_in_a_status_nieuwsbrief_does_not_know_stays_pending_and_nothing_is_sent_twice(
    project: Path, server: EspServer
) -> None:
    # Mailchimp documents "paused" for automated campaigns; whether it went out, nobody here can tell: ask a person.
    server.campaigns["mc0001"] = Campaign("mailchimp", "mc0001", "paused", {})
    add_to_ledger(project, PENDING_MAILCHIMP)
    result = run(project, "send", "--via", "mailchimp", "--yes")
    assert (result.exit_code, result.stderr) == (
        6,
        "nieuwsbrief: issue 2026-W48 has an unconfirmed mailchimp send to list a1b2c3, campaign mc0001, asked for at "
        "2026-11-23 06:00 CET: Mailchimp reports the campaign as 'paused', a status nieuwsbrief does not know, so it may "
        "have gone out and stays pending. Check it in Mailchimp, then run nieuwsbrief resolve 2026-W48 --sent (or --not-sent)\n",
    )
    assert server.requests() == ["GET /mailchimp/3.0/campaigns/mc0001"]  # no second campaign
    assert [d["state"] for d in manifest(project)["deliveries"]] == ["pending"]
    issues = run(project, "issues")
    assert issues.stdout == (
        "2026-W48  2026-11-23  pending   tweede-column  (unconfirmed: mailchimp send to list a1b2c3, campaign mc0001, "
        "asked for at 2026-11-23 06:00 CET)\n"
    )
    [listed] = json.loads(run(project, "issues", "--json").stdout)
    assert (listed["status"], listed["stage"], listed["pending"]["campaign_id"]) == ("composed", "pending", "mc0001")


def test_a_send_made_in_the_esps_web_app_is_recorded_by_hand(project: Path, server: EspServer) -> None:
    not_sent = run(project, "resolve", "--not-sent", "--via", "mailchimp")
    assert (not_sent.exit_code, not_sent.stderr) == (
        2,
        "nieuwsbrief: --via NAME records a send made outside nieuwsbrief: use it with --sent, and name the channel in "
        "lowercase letters, digits and hyphens, e.g. --via mailchimp\n",
    )
    recorded = run(project, "resolve", "2026-W48", "--sent", "--via", "mailchimp", "--json")
    assert recorded.exit_code == 0, recorded.output
    data = json.loads(recorded.stdout)
    entry = data["delivery"]
    assert (data["id"], entry["kind"], entry["channel"], entry["state"], entry["note"]) == (
        "2026-W48",
        "real",
        "mailchimp",
        "sent",
        "sent outside nieuwsbrief, recorded by hand",
    )
    assert manifest(project)["status"] == "sent"
    assert run(project, "issues").stdout == "2026-W48  2026-11-23  sent      tweede-column\n"
    again = run(project, "resolve", "--sent", "--via", "brevo")
    assert (again.exit_code, again.stderr) == (
        6,
        f"nieuwsbrief: issue 2026-W48 is already recorded as sent on {now_shown()} by mailchimp to the list; "
        "a second send is not recorded\n",
    )
    refused = run(project, "send", "--via", "mailchimp", "--yes")
    assert refused.exit_code == 6  # the ledger knows: never a second send without --force
    assert server.requests() == []


def test_a_pending_send_is_settled_before_one_made_elsewhere_is_recorded(project: Path) -> None:
    add_to_ledger(
        project,
        Delivery(
            kind="real", channel="smtp", state="pending", recipients=("lijst@testbrief.nl",), requested_at="2026-11-23T05:00:00Z"
        ),
    )
    result = run(project, "resolve", "--sent", "--via", "mailchimp")
    assert (result.exit_code, result.stderr) == (
        2,
        "nieuwsbrief: issue 2026-W48 has an unconfirmed smtp send to lijst@testbrief.nl, asked for at 2026-11-23 06:00 CET: "
        "settle it first with nieuwsbrief resolve 2026-W48 --sent (or --not-sent), without --via\n",
    )
