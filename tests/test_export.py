"""Export in an ESP's dialect, the merge tags of each dialect, UTM tags per slot, and the delivery settings."""

from __future__ import annotations

import datetime as dt
import email
import json
from email.policy import default
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.config import load_settings
from nieuwsbrief.edition import tag_link
from nieuwsbrief.esps import ESPS

from .conftest import OWN_DOMAIN, SETTINGS, ProjectFactory, cli_env, made_own

WEEK_48 = dt.date(2026, 11, 23)
runner = CliRunner()


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--project", str(root), *args], env=cli_env())


@pytest.fixture
def composed(sample: Path) -> Path:
    pipeline.compose(made_own(sample), WEEK_48)  # its own domain: export refuses example.nl
    return sample


def test_the_mailchimp_export_carries_its_merge_tags_and_leaves_the_archive_alone(composed: Path) -> None:
    folder = composed / "issues/2026-W48"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run(composed, "export", "--esp", "mailchimp")
    assert result.exit_code == 0, result.output
    export = folder / "export"
    assert result.stdout.splitlines() == [
        "exported 2026-W48 for mailchimp:",
        f"  {export / 'mailchimp.eml'}",
        f"  {export / 'mailchimp.html'}",
        f"  {export / 'mailchimp.json'}",
        f"  {export / 'mailchimp.txt'}",
    ]
    payload = json.loads((export / "mailchimp.json").read_text(encoding="utf-8"))
    assert sorted(payload) == ["html", "plain_text"]
    assert payload["html"].count('href="*|UNSUB|*"') == 1
    assert payload["html"].count('href="*|ARCHIVE|*"') == 2  # masthead and footer
    assert f"https://www.{OWN_DOMAIN}/nieuwsbrief/afmelden" not in payload["html"]
    assert payload["plain_text"].splitlines()[2] == "*|ARCHIVE|*"
    assert payload["plain_text"].splitlines()[-1] == "*|UNSUB|*"
    message = email.message_from_bytes((export / "mailchimp.eml").read_bytes(), policy=default)
    assert "*|UNSUB|*" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # Mailchimp fills *|UNSUB|* in for each reader, in the header too: an address per reader allows one-click.
    # (A longer domain folds the header: its value starts after the fold.)
    assert message["List-Unsubscribe"].strip() == f"<*|UNSUB|*>, <mailto:afmelden@{OWN_DOMAIN}?subject=afmelden>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == {k: v for k, v in before.items()}


@pytest.mark.parametrize("name", sorted(ESPS))
def test_every_dialect_writes_its_own_links(composed: Path, name: str) -> None:
    result = pipeline.export(composed, "2026-W48", name)
    dialect = ESPS[name].dialect
    html = result.files[f"{name}.html"].read_text(encoding="utf-8")
    text = result.files[f"{name}.txt"].read_text(encoding="utf-8")
    unsubscribe = dialect.unsubscribe or f"https://www.{OWN_DOMAIN}/nieuwsbrief/afmelden"
    view_online = dialect.view_online or f"https://www.{OWN_DOMAIN}/nieuwsbrief/2026-W48/"
    assert f'href="{unsubscribe}"' in html
    assert f'href="{view_online}"' in html
    assert unsubscribe in text.splitlines()
    assert view_online in text.splitlines()
    assert (f"{name}.json" in result.files) == (name in ("mailchimp", "brevo", "sendgrid"))
    if name == "generic":  # the generic export is the archived issue itself
        folder = composed / "issues/2026-W48"
        assert result.files["generic.eml"].read_bytes() == (folder / "issue.eml").read_bytes()
        assert html == (folder / "issue.html").read_text(encoding="utf-8")


def test_the_brevo_and_sendgrid_payloads_are_their_apis_bodies(composed: Path) -> None:
    settings = composed / "nieuwsbrief.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '\n[brevo]\nlist_id = 7\n\n[sendgrid]\nlist_id = "lijst"\nsender_id = 4\nsuppression_group_id = 5\n',
        encoding="utf-8",
    )
    brevo = json.loads(pipeline.export(composed, None, "brevo").files["brevo.json"].read_text(encoding="utf-8"))
    assert sorted(brevo) == ["htmlContent", "mirrorActive", "name", "previewText", "recipients", "replyTo", "sender", "subject"]
    assert (brevo["recipients"], brevo["replyTo"], brevo["name"]) == (
        {"listIds": [7]},
        f"redactie@{OWN_DOMAIN}",
        "Ondernemen Wekelijks 2026-W48",
    )
    assert 'href="{{ unsubscribe }}"' in brevo["htmlContent"]
    sendgrid = json.loads(pipeline.export(composed, None, "sendgrid").files["sendgrid.json"].read_text(encoding="utf-8"))
    assert sendgrid["send_to"] == {"list_ids": ["lijst"]}
    assert sorted(sendgrid["email_config"]) == [
        "generate_plain_content",
        "html_content",
        "plain_content",
        "sender_id",
        "subject",
        "suppression_group_id",
    ]


def test_the_settings_dialect_is_the_default(composed: Path) -> None:
    settings = composed / "nieuwsbrief.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[esp]\ndialect = "listmonk"\n', encoding="utf-8")
    result = run(composed, "export", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["esp"]) == ("2026-W48", "listmonk")
    assert "{{ UnsubscribeURL }}" in Path(data["files"]["listmonk.txt"]).read_text(encoding="utf-8")


def test_export_refuses_an_issue_that_no_longer_matches_the_settings(composed: Path) -> None:
    settings = composed / "nieuwsbrief.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("/nieuwsbrief/afmelden", "/afmelden"), encoding="utf-8")
    result = run(composed, "export", "--esp", "brevo")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{composed}/issues/2026-W48/issue.html: error: no unsubscribe link https://www.{OWN_DOMAIN}/afmelden to write as "
        "Brevo's merge tag; the [links] settings changed since the issue was composed: compose it again\n"
        "nieuwsbrief: the issue does not match the settings; 1 error above\n"
    )


def test_a_hand_edited_issue_is_not_handed_over(composed: Path) -> None:
    html = composed / "issues/2026-W48/issue.html"
    html.write_text(html.read_text(encoding="utf-8").replace("Duurzaam", "Duurzamer", 1), encoding="utf-8")
    result = run(composed, "export", "--esp", "mailchimp")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{composed}/issues/2026-W48/issue.html: error: changed since it was composed (its SHA-256 differs from the "
        "manifest); compose the issue again"
    )


def test_export_picks_the_newest_issue_and_names_unknown_ones(sample: Path) -> None:
    made_own(sample)
    assert run(sample, "export").stderr == "nieuwsbrief: the archive has no issues yet: run nieuwsbrief compose first\n"
    pipeline.compose(sample, WEEK_48)
    pipeline.compose(sample, dt.date(2026, 11, 30))
    assert json.loads(run(sample, "export", "--json").stdout)["id"] == "2026-W49"
    unknown = run(sample, "export", "2025-W01")
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        "nieuwsbrief: no issue 2025-W01 in issues/; did you mean '2026-W49'?\n",
    )
    assert run(sample, "export", "--esp", "aweber").stderr == (
        "nieuwsbrief: unknown dialect 'aweber'; use one of: generic, mailchimp, brevo, sendgrid, mailgun, listmonk\n"
    )
    assert (
        run(sample, "export", "--esp", "sendgrd").stderr == "nieuwsbrief: unknown dialect 'sendgrd'; did you mean 'sendgrid'?\n"
    )


def test_every_new_command_has_help_with_an_example() -> None:
    for command in ("export", "send", "resolve"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: nieuwsbrief " in result.stdout


# ---------------------------------------------------------------- UTM tags


def test_utm_tags_per_slot_keep_existing_parameters_and_skip_listed_domains(make_project: ProjectFactory) -> None:
    root = make_project(settings=SETTINGS + '\n[utm]\nsource = "brief"\ncampaign = "week-{id}"\nskip_domains = ["partner.nl"]\n')
    settings = load_settings(root)
    assert tag_link("https://www.example.nl/a?ref=x&utm_medium=rss", settings, "2026-W48", "related-2") == (
        "https://www.example.nl/a?ref=x&utm_medium=rss&utm_source=brief&utm_campaign=week-2026-W48&utm_content=related-2"
    )
    assert tag_link("https://partner.nl/a?x=1", settings, "2026-W48", "lead") == "https://partner.nl/a?x=1"
    assert tag_link("https://shop.partner.nl/a", settings, "2026-W48", "lead") == "https://shop.partner.nl/a"
    assert tag_link("https://notpartner.nl/a", settings, "2026-W48", "lead").endswith("utm_content=lead")


def test_composed_links_carry_the_slot(make_project: ProjectFactory) -> None:
    root = make_project()
    links = pipeline.compose(root, WEEK_48).manifest.links
    assert links["lead"].endswith("?utm_source=nieuwsbrief&utm_medium=email&utm_campaign=2026-W48&utm_content=lead")
    assert links["related-1"].endswith("&utm_content=related-1")


# ---------------------------------------------------------------- settings


def test_delivery_settings_problems_carry_key_lines(make_project: ProjectFactory) -> None:
    settings = SETTINGS + (
        '\n[esp]\ndialect = "aweber"\n'
        '\n[smtp]\nsecurity = "tls"\nlist_address = "geen adres"\n'
        '\n[mailchimp]\napi_base = "http://api.example.nl/3.0"\n'
        '\n[utm]\nskip_domains = "partner.nl"\ncampaign = "{week}"\n'
    )
    root = make_project(settings=settings)
    result = run(root, "check")
    assert result.exit_code == 1
    assert [line.split("nieuwsbrief.toml:")[-1] for line in result.stderr.splitlines()[:-1]] == [
        "11:11: error: unknown dialect 'aweber'; use one of: generic, mailchimp, brevo, sendgrid, mailgun, listmonk",
        "14:12: error: unknown smtp.security 'tls'; use one of: starttls, ssl, none",
        "15:16: error: smtp.list_address is not an email address: 'geen adres'; e.g. lijst@example.nl",
        "18:12: error: mailchimp.api_base must be an https:// URL (http only to localhost), got 'http://api.example.nl/3.0'; leave it out to use the ESP's own API",
        '21:16: error: utm.skip_domains must be a list of strings, got \'partner.nl\'; for example key = ["a", "b"]',
        "22:12: error: utm.campaign has an unknown placeholder {week}; allowed: {id}",
    ]
