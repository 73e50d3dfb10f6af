"""SMTP hand-off against a real SMTP server on loopback (aiosmtpd): tests, the real send, and the ledger."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.archive import Archive
from nieuwsbrief.cli import app
from nieuwsbrief.delivery import send as send_module
from nieuwsbrief.errors import DeliveryError, RefusedError
from nieuwsbrief.manifest import Delivery

from .conftest import SENDING_SETTINGS, ProjectFactory, cli_env, now_shown
from .servers import SmtpServer, free_port

WEEK_48 = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)
runner = CliRunner()


def fixed_clock() -> dt.datetime:
    return NOW


def smtp_settings(port: int, extra: str = "", security: str = "none") -> str:
    return SENDING_SETTINGS + (
        '\n[links]\nunsubscribe_mailto = "mailto:afmelden@testbrief.nl"\n'
        f'\n[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "{security}"\nlist_address = "lijst@testbrief.nl"\n{extra}'
    )


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as running:
        yield running


@pytest.fixture
def project(make_project: ProjectFactory, server: SmtpServer) -> Path:
    root = make_project(settings=smtp_settings(server.port))
    pipeline.compose(root, WEEK_48)
    return root


def manifest(root: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((root / "issues/2026-W48/manifest.json").read_text(encoding="utf-8"))


def run(root: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--project", str(root), *args], env=cli_env(env))


def test_a_test_send_arrives_once_as_multipart_with_the_test_subject_and_list_headers(project: Path, server: SmtpServer) -> None:
    result = run(project, "send", "--test", "redactie@testbrief.nl")
    assert (result.exit_code, result.stdout) == (0, "sent a test of issue 2026-W48 to redactie@testbrief.nl\n")
    assert len(server.inbox) == 1
    received = server.inbox[0]
    assert received.recipients == ["redactie@testbrief.nl"]
    assert received.sender == "nieuwsbrief@testbrief.nl"
    message = received.message
    assert message["Subject"] == "[TEST] Tweede column"
    assert message["To"] == "redactie@testbrief.nl"
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    # (.strip(): this header is folded right after its name, which Python's parser keeps as a leading space)
    assert (
        message["List-Unsubscribe"].strip() == "<https://www.testbrief.nl/nieuwsbrief/afmelden>, <mailto:afmelden@testbrief.nl>"
    )
    # The same page for every reader cannot tell who unsubscribes: no one-click without an address per reader.
    assert message["List-Unsubscribe-Post"] is None
    assert message["List-Id"] == "Testbrief <testbrief.testbrief.nl>"
    assert "Tekst van de column." in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    ledger = manifest(project)
    assert ledger["status"] == "composed"
    [entry] = ledger["deliveries"]
    assert (entry["kind"], entry["channel"], entry["state"], entry["recipients"]) == (
        "test",
        "smtp",
        "sent",
        ["redactie@testbrief.nl"],
    )
    assert entry["campaign_id"] == message["Message-ID"]


def test_each_test_address_gets_a_message_of_its_own(project: Path, server: SmtpServer) -> None:
    result = run(project, "send", "2026-W48", "--test", "a@testbrief.nl", "--test", "b@testbrief.nl,c@testbrief.nl")
    assert (result.exit_code, result.stdout) == (
        0,
        "sent a test of issue 2026-W48 to a@testbrief.nl, b@testbrief.nl, c@testbrief.nl (one message each)\n",
    )
    assert [(r.recipients, r.message["To"]) for r in server.inbox] == [
        (["a@testbrief.nl"], "a@testbrief.nl"),
        (["b@testbrief.nl"], "b@testbrief.nl"),
        (["c@testbrief.nl"], "c@testbrief.nl"),
    ]
    ids = [r.message["Message-ID"] for r in server.inbox]
    assert len(set(ids)) == 3
    entries = manifest(project)["deliveries"]
    assert [(e["kind"], e["recipients"], e["campaign_id"]) for e in entries] == [
        ("test", ["a@testbrief.nl"], ids[0]),
        ("test", ["b@testbrief.nl"], ids[1]),
        ("test", ["c@testbrief.nl"], ids[2]),
    ]


def test_a_test_that_fails_halfway_records_what_went(make_project: ProjectFactory, server: SmtpServer) -> None:
    root = make_project(settings=smtp_settings(server.port))
    pipeline.compose(root, WEEK_48)
    server.refuse_recipients.add("b@testbrief.nl")
    result = run(root, "send", "--test", "a@testbrief.nl,b@testbrief.nl")
    assert result.exit_code == 5
    assert result.stderr.startswith(
        f"nieuwsbrief: sent the test to a@testbrief.nl, then: the SMTP server 127.0.0.1:{server.port} refused the message: "
    )
    assert [e["recipients"] for e in manifest(root)["deliveries"]] == [["a@testbrief.nl"]]


def test_the_real_send_arrives_once_at_the_list_address_and_a_second_is_refused(project: Path, server: SmtpServer) -> None:
    first = run(project, "send", "--via", "smtp", "--yes")
    assert (first.exit_code, first.stdout) == (0, "sent issue 2026-W48 by SMTP to lijst@testbrief.nl\n")
    assert [r.recipients for r in server.inbox] == [["lijst@testbrief.nl"]]
    message = server.inbox[0].message
    assert (message["To"], message["Subject"]) == ("lijst@testbrief.nl", "Tweede column")
    assert (
        message["Message-ID"]
        == Path(project / "issues/2026-W48/issue.eml").read_bytes().split(b"Message-ID: ")[1].split(b"\r\n")[0].decode()
    )
    ledger = manifest(project)
    assert ledger["status"] == "sent"
    [entry] = ledger["deliveries"]
    assert (entry["kind"], entry["state"], entry["recipients"]) == ("real", "sent", ["lijst@testbrief.nl"])

    second = run(project, "send", "--via", "smtp", "--yes")
    assert (second.exit_code, second.stdout) == (6, "")
    assert second.stderr == (
        f"nieuwsbrief: issue 2026-W48 was already sent on {now_shown()} by smtp to lijst@testbrief.nl, "
        f"message {entry['campaign_id']}; it is never sent twice without --force\n"
    )
    assert len(server.inbox) == 1
    assert run(project, "send").exit_code == 6  # the dry run says the same
    assert run(project, "send", "--via", "mailchimp", "--yes").exit_code == 6  # before any channel's settings
    assert len(server.inbox) == 1
    assert run(project, "send", "--yes", "--force").exit_code == 0
    assert len(server.inbox) == 2


def test_without_yes_it_only_says_what_it_would_do(project: Path, server: SmtpServer) -> None:
    result = run(project, "send", "--via", "smtp")
    assert result.exit_code == 0
    assert result.stdout == (
        f"would send issue 2026-W48 by SMTP through 127.0.0.1:{server.port} to lijst@testbrief.nl; add --yes to do it\n"
    )
    assert server.inbox == []
    assert manifest(project)["deliveries"] == []


def test_a_sent_issue_is_not_recomposed(project: Path, server: SmtpServer) -> None:
    assert run(project, "send", "--yes").exit_code == 0
    before = (project / "issues/2026-W48/issue.html").read_bytes()
    column = project / "content/columns/tweede-column.md"
    column.write_text(column.read_text(encoding="utf-8").replace("Tekst van de column.", "Later herschreven."), encoding="utf-8")
    again = pipeline.compose(project, WEEK_48)  # the week went out: nothing is composed, nothing refused
    assert (again.rendered, again.unchanged, again.manifest.status) == (None, "was sent", "sent")
    assert (project / "issues/2026-W48/issue.html").read_bytes() == before
    forced = pipeline.compose(project, WEEK_48, force=True)
    assert forced.manifest.status == "sent"  # the ledger still says so
    assert len(forced.manifest.deliveries) == 1


def test_missing_smtp_settings_are_reported_at_once(make_project: ProjectFactory) -> None:
    root = make_project(settings=SENDING_SETTINGS)
    pipeline.compose(root, WEEK_48)
    result = run(root, "send", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{root}/nieuwsbrief.toml: error: missing setting smtp.host (the SMTP server to send through); "
        'add host = "smtp.example.nl" under [smtp]\n'
        f"{root}/nieuwsbrief.toml: error: missing setting smtp.list_address (the address that reaches the whole list); "
        'add list_address = "lijst@example.nl" under [smtp]\n'
        "nieuwsbrief: the settings lack what SMTP needs; 2 errors above\n"
    )


def test_a_password_without_a_user_name_names_the_missing_variable(project: Path, server: SmtpServer) -> None:
    result = run(project, "send", "--test", "a@testbrief.nl", env={"NIEUWSBRIEF_SMTP_PASSWORD": "geheim"})
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == (
        "nieuwsbrief: NIEUWSBRIEF_SMTP_USERNAME is not set: set both NIEUWSBRIEF_SMTP_USERNAME and "
        "NIEUWSBRIEF_SMTP_PASSWORD, or neither\n"
    )
    assert server.inbox == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_the_login_comes_from_the_environment(make_project: ProjectFactory) -> None:
    with SmtpServer(login=True) as server:
        root = make_project(settings=smtp_settings(server.port))
        pipeline.compose(root, WEEK_48)
        wrong = run(
            root,
            "send",
            "--test",
            "a@testbrief.nl",
            env={"NIEUWSBRIEF_SMTP_USERNAME": "redactie", "NIEUWSBRIEF_SMTP_PASSWORD": "fout"},
        )
        assert wrong.exit_code == 5
        assert wrong.stderr.startswith(
            f"nieuwsbrief: the SMTP server 127.0.0.1:{server.port} refused the login from NIEUWSBRIEF_SMTP_USERNAME and "
            "NIEUWSBRIEF_SMTP_PASSWORD: 535"
        )
        assert "Traceback" not in wrong.output
        good = run(
            root,
            "send",
            "--test",
            "a@testbrief.nl",
            env={"NIEUWSBRIEF_SMTP_USERNAME": "redactie", "NIEUWSBRIEF_SMTP_PASSWORD": "geheim"},
        )
        assert good.exit_code == 0, good.output
        assert len(server.inbox) == 1


def test_a_server_that_is_down_fails_the_send_and_the_ledger_says_so(make_project: ProjectFactory) -> None:
    port = free_port()  # nothing listens here
    root = make_project(settings=smtp_settings(port))
    pipeline.compose(root, WEEK_48)
    result = run(root, "send", "--yes")
    assert result.exit_code == 5
    assert result.stderr.startswith(f"nieuwsbrief: could not connect to the SMTP server 127.0.0.1:{port}: ")
    assert "Traceback" not in result.output
    [entry] = manifest(root)["deliveries"]
    assert entry["state"] == "failed"
    assert manifest(root)["status"] == "composed"
    with SmtpServer() as server:
        root.joinpath("nieuwsbrief.toml").write_text(smtp_settings(server.port), encoding="utf-8")
        assert run(root, "send", "--yes").exit_code == 0  # a failed send is no reason to refuse the next
        assert len(server.inbox) == 1


def test_a_crash_between_the_server_accepting_and_the_ledger_is_never_a_silent_second_send(
    project: Path, server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the run dies right after the server said 250

    monkeypatch.setattr(send_module, "_confirm", crash)
    with pytest.raises(KeyboardInterrupt):
        pipeline.send(project, via="smtp", yes=True, clock=fixed_clock, env={})
    monkeypatch.undo()
    assert len(server.inbox) == 1
    [entry] = manifest(project)["deliveries"]
    assert entry["state"] == "pending"

    again = run(project, "send", "--yes")
    assert again.exit_code == 6
    assert again.stderr == (
        "nieuwsbrief: issue 2026-W48 has an unconfirmed smtp send to lijst@testbrief.nl"
        f", message {entry['campaign_id']}, asked for at 2026-11-23 07:00 CET: the run stopped before the server's "
        "answer was recorded, so it may have reached the list. Check the list, then run nieuwsbrief resolve 2026-W48 "
        "--sent (or --not-sent), or send again with --force\n"
    )
    assert len(server.inbox) == 1
    with pytest.raises(RefusedError):
        pipeline.compose(project, WEEK_48)  # nor is the pending issue rewritten

    resolved = run(project, "resolve", "--sent")
    assert (resolved.exit_code, resolved.stdout) == (0, "resolved the smtp send asked for at 2026-11-23 07:00 CET: sent\n")
    assert manifest(project)["status"] == "sent"
    assert run(project, "send", "--yes").exit_code == 6
    assert len(server.inbox) == 1


def test_a_pending_send_resolved_as_not_sent_lets_the_next_send_go(project: Path, server: SmtpServer) -> None:
    archive = Archive(project)
    record = archive.get("2026-W48")
    assert record is not None
    pending = Delivery(
        kind="real", channel="smtp", state="pending", recipients=("lijst@testbrief.nl",), requested_at="2026-11-23T05:00:00Z"
    )
    archive.update_manifest("2026-W48", replace(record.manifest, deliveries=(pending,)))
    assert run(project, "resolve", "2026-W48", "--not-sent").exit_code == 0
    assert run(project, "resolve", "2026-W48", "--not-sent").stderr == (
        "nieuwsbrief: issue 2026-W48 has no pending send to resolve "
        "(to record a send made elsewhere: nieuwsbrief resolve 2026-W48 --sent --via NAME)\n"
    )
    assert run(project, "resolve", "2026-W48").exit_code == 2
    assert run(project, "send", "--yes").exit_code == 0
    assert len(server.inbox) == 1
    states = [d["state"] for d in manifest(project)["deliveries"]]
    assert states == ["not-sent", "sent"]


def test_a_dialect_writes_the_merge_tags_into_the_smtp_copy(project: Path, server: SmtpServer) -> None:
    assert run(project, "send", "--test", "a@testbrief.nl", "--dialect", "mailgun").exit_code == 0
    message = server.inbox[0].message
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "%unsubscribe_url%" in text.splitlines()
    assert 'href="%unsubscribe_url%"' in html
    # Mailgun fills %unsubscribe_url% for each reader, in the header too: that address allows one-click.
    assert message["List-Unsubscribe"].strip() == "<%unsubscribe_url%>, <mailto:afmelden@testbrief.nl>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert manifest(project)["deliveries"][0]["dialect"] == "mailgun"


def test_bad_test_addresses_and_options_are_usage_errors(project: Path, server: SmtpServer) -> None:
    assert run(project, "send", "--test", "geen-adres").stderr == "nieuwsbrief: --test 'geen-adres' is not an email address\n"
    assert run(project, "send", "--test", "a@testbrief.nl", "--via", "mailchimp").stderr == (
        "nieuwsbrief: --test sends through SMTP: leave out --via mailchimp\n"
    )
    assert run(project, "send", "--at", "2026-12-01T07:00", "--yes").exit_code == 2
    assert run(project, "send", "2026-W01", "--yes").stderr == (
        "nieuwsbrief: no issue 2026-W01 in issues/; did you mean '2026-W48'?\n"
    )
    assert server.inbox == []


def test_the_library_raises_delivery_errors_not_exits(project: Path) -> None:
    with pytest.raises(DeliveryError) as caught:
        pipeline.send(project, test=("a@testbrief.nl",), env={"NIEUWSBRIEF_SMTP_USERNAME": "x"})
    assert caught.value.message.startswith("NIEUWSBRIEF_SMTP_PASSWORD is not set")


def test_send_json_reports_the_delivery(project: Path, server: SmtpServer) -> None:
    result = run(project, "send", "--test", "a@testbrief.nl", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("ok", "id", "channel", "kind", "dry_run")} == {
        "ok": True,
        "id": "2026-W48",
        "channel": "smtp",
        "kind": "test",
        "dry_run": False,
    }
    assert data["delivery"]["recipients"] == ["a@testbrief.nl"]


def test_a_forced_second_send_gets_a_message_id_of_its_own(project: Path, server: SmtpServer) -> None:
    assert run(project, "send", "--yes").exit_code == 0
    assert run(project, "send", "--yes", "--force").exit_code == 0
    first, second = (r.message["Message-ID"] for r in server.inbox)
    assert first != second
    assert [d["campaign_id"] for d in manifest(project)["deliveries"]] == [first, second]
