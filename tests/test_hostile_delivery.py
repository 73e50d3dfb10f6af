"""Adversarial servers, second round: ESPs and an SMTP server that echo the credentials in their errors, answer
with a redirect, a login page or a campaign id with a line break, and logins and keys beyond ASCII. Each ends
with the documented exit code and exact lines; no secret reaches stderr, --json, the manifest or a crash log;
only a real success is recorded as sent, and nothing stays pending because of nieuwsbrief's own exception.

The servers are the real local ones of tests/servers.py: aiosmtpd, and the ESP API server that checks every
request against the ESP's documentation.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from nieuwsbrief import pipeline
from nieuwsbrief.cli.crash import CRASH_DIR
from nieuwsbrief.delivery.smtp import PASSWORD_VARIABLE
from nieuwsbrief.esps import APIS

from .adversarial import WEEK_48, Place, invoke, place, run_case, settings, snapshot
from .servers import KEYS, EspServer, SmtpServer

MANIFEST = "issues/2026-W48/manifest.json"
REDACTED = "[redacted]"
VARIABLES = {esp: api.key_variable for esp, api in APIS.items()}
CREATE = {
    "mailchimp": "POST /mailchimp/3.0/campaigns",
    "brevo": "POST /brevo/v3/emailCampaigns",
    "sendgrid": "POST /sendgrid/v3/marketing/singlesends",
}
SHOWN_CREATE = {"mailchimp": "POST /campaigns", "brevo": "POST /emailCampaigns", "sendgrid": "POST /marketing/singlesends"}
WEEK_48_DATE = dt.date.fromisoformat(WEEK_48)
TITLES = {"mailchimp": "Mailchimp", "brevo": "Brevo", "sendgrid": "SendGrid"}


@pytest.fixture(scope="module")
def esp() -> Iterator[EspServer]:
    with EspServer() as running:
        yield running
        assert running.violations == []


def esp_place(tmp_path: Path, server: EspServer) -> Place:
    where = place(tmp_path)
    settings(
        where,
        "\n[esp]\nretries = 0\n"
        f'\n[mailchimp]\nlist_id = "a1b2c3"\napi_base = "{server.base("mailchimp")}"\n'
        f'\n[brevo]\nlist_id = 7\napi_base = "{server.base("brevo")}"\n'
        f'\n[sendgrid]\nlist_id = "9f2e-lijst"\nsender_id = 42\nsuppression_group_id = 17\napi_base = "{server.base("sendgrid")}"\n',
    )
    pipeline.compose(where.root, WEEK_48_DATE)
    return where


def smtp_place(tmp_path: Path, port: int) -> Place:
    where = place(tmp_path)
    settings(
        where,
        '\n[links]\nunsubscribe_mailto = "mailto:afmelden@testbrief.nl"\n'
        f'\n[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nlist_address = "lijst@testbrief.nl"\n',
    )
    pipeline.compose(where.root, WEEK_48_DATE)
    return where


def deliveries(where: Place) -> list[tuple[str, str]]:
    """The ledger as (state, note) pairs."""
    manifest = json.loads((where.root / MANIFEST).read_text(encoding="utf-8"))
    return [(entry["state"], entry.get("note") or "") for entry in manifest["deliveries"]]


def nowhere(where: Place, secret: str, *outputs: str) -> None:
    """The secret is in no output and in no file of the project."""
    for output in outputs:
        assert secret not in output
    for path in sorted(where.root.rglob("*")):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


# ---------------------------------------------------------------- credentials never leave

# The key as a server may echo it in other forms: the request's own Basic header, and URL-encoded.
BASIC = base64.b64encode(f"nieuwsbrief:{KEYS['mailchimp']}".encode()).decode()
QUOTED = urllib.parse.quote(KEYS["mailchimp"] + "/x", safe="")
# Each ESP's own error format, echoing the key: Mailchimp's problem+json 401, a Brevo 500 with key=...,
# SendGrid's errors[].message, and a key cut short and masked the way some gateways log it.
ECHOES = {
    "mailchimp": (401, {"title": "API Key Invalid", "detail": f"Your API key {KEYS['mailchimp']} may be invalid."}),
    "brevo": (500, {"code": "internal_error", "message": f"upstream failed for key={KEYS['brevo']}"}),
    "sendgrid": (403, {"errors": [{"field": "authorization", "message": f"bearer {KEYS['sendgrid']} lacks mail.send"}]}),
    "brevo-masked": (401, {"code": "unauthorized", "message": f"Key not found: {KEYS['brevo'][:10]}****"}),
    "mailchimp-header": (401, {"title": "API Key Missing", "detail": f"got Authorization: Basic {BASIC} for {QUOTED}"}),
}
SAID = {
    "mailchimp": "Mailchimp refused POST /campaigns (HTTP 401): API Key Invalid: Your API key [redacted] may be invalid.",
    "brevo": "Brevo refused POST /emailCampaigns (HTTP 500): upstream failed for key=[redacted]",
    "sendgrid": "SendGrid refused POST /marketing/singlesends (HTTP 403): authorization: bearer [redacted] lacks mail.send",
    "brevo-masked": "Brevo refused POST /emailCampaigns (HTTP 401): Key not found: [redacted]****",
    "mailchimp-header": "Mailchimp refused POST /campaigns (HTTP 401): API Key Missing: got Authorization: Basic [redacted] for [redacted]%2Fx",
}


@pytest.mark.parametrize("case", sorted(ECHOES))
def test_an_esp_that_echoes_its_key_never_gets_it_printed_or_archived(case: str, tmp_path: Path, esp: EspServer) -> None:
    name = case.split("-")[0]
    where = esp_place(tmp_path, esp)
    status, body = ECHOES[case]
    esp.fail_next.append((CREATE[name], status, body))
    env = {VARIABLES[name]: KEYS[name]}
    result = run_case(where, ("send", "--via", name, "--yes", "--json"), 5, [f"nieuwsbrief: {SAID[case]}"], env, archived=False)
    assert json.loads(result.stdout)["error"] == SAID[case]
    assert deliveries(where) == [("failed", SAID[case])]
    for shown in (KEYS[name], KEYS[name][:10], BASIC, QUOTED):
        nowhere(where, shown, result.output)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_an_smtp_server_that_repeats_the_login_never_gets_the_password_printed(tmp_path: Path) -> None:
    with SmtpServer(login=True, echo=True) as server:
        where = smtp_place(tmp_path, server.port)
        env = {"NIEUWSBRIEF_SMTP_USERNAME": "redactie", PASSWORD_VARIABLE: "verkeerd-wachtwoord"}
        said = (
            f"the SMTP server 127.0.0.1:{server.port} refused the login from NIEUWSBRIEF_SMTP_USERNAME and "
            f"{PASSWORD_VARIABLE}: 535 5.7.8 login redactie/{REDACTED} refused"
        )
        result = run_case(where, ("send", "--via", "smtp", "--yes", "--json"), 5, [f"nieuwsbrief: {said}"], env, archived=False)
        test = run_case(where, ("send", "--test", "a@testbrief.nl"), 5, [f"nieuwsbrief: {said}"], env)
        assert server.inbox == []
    assert deliveries(where) == [("failed", said)]
    nowhere(where, "verkeerd-wachtwoord", result.output, test.output)


def test_a_crash_log_holds_no_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, internal_error_expected: Path, esp: EspServer
) -> None:
    # A bug whose message quotes a server's answer: the one line and the log name the error, never the key.
    where = esp_place(tmp_path, esp)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"unexpected answer {{'key': '{KEYS['brevo']}'}}")

    monkeypatch.setattr(pipeline, "send", broken)
    result = invoke(where.root, "send", "--via", "brevo", "--yes", env={VARIABLES["brevo"]: KEYS["brevo"]})
    assert result.exit_code == 70
    assert "RuntimeError: unexpected answer {'key': '[redacted]'}" in result.stderr
    logs = [log.read_text(encoding="utf-8") for log in internal_error_expected.iterdir()]
    assert len(logs) == 1 and "[redacted]" in logs[0] and KEYS["brevo"] not in logs[0]


def test_every_secret_variable_is_one_the_redaction_knows() -> None:
    # A new ESP's key variable, named as the others are, is redacted without a line elsewhere.
    from nieuwsbrief.redact import is_secret_variable

    assert all(is_secret_variable(name) for name in [*VARIABLES.values(), PASSWORD_VARIABLE])
    assert not is_secret_variable("NIEUWSBRIEF_SMTP_USERNAME")
    assert CRASH_DIR  # the crash harness above writes its logs there


# ---------------------------------------------------------------- credentials beyond ASCII


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_a_password_beyond_ascii_goes_as_utf8_and_the_issue_is_sent(tmp_path: Path) -> None:
    with SmtpServer(login=True, password="gëheim-wachtwoord") as server:
        where = smtp_place(tmp_path, server.port)
        env = {"NIEUWSBRIEF_SMTP_USERNAME": "redactie", PASSWORD_VARIABLE: "gëheim-wachtwoord"}
        run_case(where, ("send", "--via", "smtp", "--yes"), 0, [], env)
        assert [message.recipients for message in server.inbox] == [["lijst@testbrief.nl"]]
    assert [state for state, _ in deliveries(where)] == ["sent"]


def test_an_api_key_beyond_ascii_is_refused_by_name_before_anything_is_recorded(tmp_path: Path, esp: EspServer) -> None:
    where = esp_place(tmp_path, esp)
    said = f"nieuwsbrief: {VARIABLES['brevo']} holds a character that is not ASCII: copy the Brevo API key again, exactly"
    run_case(where, ("send", "--via", "brevo", "--yes"), 5, [said], {VARIABLES["brevo"]: "xkeysib-tëst"})
    assert deliveries(where) == []


def test_a_mailchimp_key_without_its_data_centre_leaves_nothing_pending(tmp_path: Path, esp: EspServer) -> None:
    # The key names the API's host: refused before the ledger, so the next send is not blocked by a pending entry.
    where = esp_place(tmp_path, esp)
    settings(where, old=f'api_base = "{esp.base("mailchimp")}"\n', new="")
    said = (
        "nieuwsbrief: cannot tell the Mailchimp data centre from NIEUWSBRIEF_MAILCHIMP_API_KEY (it should end in e.g. "
        "-us6); set [mailchimp] api_base"
    )
    run_case(where, ("send", "--via", "mailchimp", "--yes"), 5, [said], {VARIABLES["mailchimp"]: "geen-datacentrum!"})
    assert deliveries(where) == []


# ---------------------------------------------------------------- only a real success is recorded as sent

LOGIN_PAGE = "<!doctype html><title>Inloggen</title><form action=/login></form>"


@pytest.mark.parametrize("name", sorted(CREATE))
def test_a_redirect_to_a_login_page_is_a_failure_not_a_send(name: str, tmp_path: Path, esp: EspServer) -> None:
    where = esp_place(tmp_path, esp)
    esp.fail_next.append((CREATE[name], 302, LOGIN_PAGE))
    said = (
        f"{TITLES[name]} answered {SHOWN_CREATE[name]} with a redirect (HTTP 302 to https://login.example.com/?next=/campaigns) "
        "instead of doing it; nieuwsbrief follows none (check the API's address, api_base)"
    )
    run_case(where, ("send", "--via", name, "--yes"), 5, [f"nieuwsbrief: {said}"], {VARIABLES[name]: KEYS[name]}, archived=False)
    assert deliveries(where) == [("failed", said)]


def test_a_login_page_answered_with_200_is_no_campaign(tmp_path: Path, esp: EspServer) -> None:
    where = esp_place(tmp_path, esp)
    esp.fail_next.append((CREATE["mailchimp"], 200, LOGIN_PAGE))
    said = (
        "Mailchimp created a campaign but gave no id nieuwsbrief can use "
        f"({LOGIN_PAGE!r}): nothing was sent (an id is letters, digits, dots, hyphens and underscores)"
    )
    env = {VARIABLES["mailchimp"]: KEYS["mailchimp"]}
    run_case(where, ("send", "--via", "mailchimp", "--yes"), 5, [f"nieuwsbrief: {said}"], env, archived=False)
    assert deliveries(where) == [("failed", said)]


def test_a_send_answered_with_a_redirect_is_asked_after_and_written_off(tmp_path: Path, esp: EspServer) -> None:
    # The campaign exists, the one request that sends is redirected: the ESP, asked, says it is still a draft.
    where = esp_place(tmp_path, esp)
    before = set(esp.campaigns)
    esp.fail_next.append((f"PUT /sendgrid/v3/marketing/singlesends/sg-{len(before) + 1:04d}/schedule", 307, LOGIN_PAGE))
    said = (
        f"SendGrid answered PUT /marketing/singlesends/sg-{len(before) + 1:04d}/schedule with a redirect (HTTP 307 to "
        "https://login.example.com/?next=/campaigns) instead of doing it; nieuwsbrief follows none (check the API's "
        "address, api_base)"
    )
    env = {VARIABLES["sendgrid"]: KEYS["sendgrid"]}
    run_case(where, ("send", "--via", "sendgrid", "--yes"), 5, [f"nieuwsbrief: {said}"], env, archived=False)
    assert deliveries(where) == [("failed", said)]
    assert [esp.campaigns[new].status for new in set(esp.campaigns) - before] == ["draft"]


def test_a_campaign_id_with_a_line_break_is_refused_and_the_listing_stays_one_line(tmp_path: Path, esp: EspServer) -> None:
    where = esp_place(tmp_path, esp)
    esp.fail_next.append((CREATE["mailchimp"], 200, {"id": "mc9\r\n2026-W49  sent"}))
    said = (
        "Mailchimp created a campaign but gave no id nieuwsbrief can use ('mc9\\r\\n2026-W49  sent'): nothing was sent "
        "(an id is letters, digits, dots, hyphens and underscores)"
    )
    env = {VARIABLES["mailchimp"]: KEYS["mailchimp"]}
    run_case(where, ("send", "--via", "mailchimp", "--yes"), 5, [f"nieuwsbrief: {said}"], env, archived=False)
    listing = invoke(where.root, "issues")
    assert (listing.exit_code, len(listing.stdout.splitlines())) == (0, 1), listing.output


def test_send_at_the_last_moment_of_9999_west_of_utc_is_a_usage_error_even_dry(tmp_path: Path, esp: EspServer) -> None:
    where = esp_place(tmp_path, esp)
    before = snapshot(where.root)
    said = (
        "nieuwsbrief: --at 9999-12-31T23:45-12:00 lies beyond the last moment there is in UTC; write a moment before the "
        "year 9999"
    )
    for args in (
        ("send", "--via", "brevo", "--at", "9999-12-31T23:45-12:00"),
        ("send", "--via", "mailchimp", "--at", "9999-12-31T23:45-12:00", "--yes"),
    ):
        run_case(where, args, 2, [said], {VARIABLES["brevo"]: KEYS["brevo"], VARIABLES["mailchimp"]: KEYS["mailchimp"]})
    assert snapshot(where.root) == before
