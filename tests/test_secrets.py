"""Secrets come only from the environment and never reach the archive, the output or the JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app

from .conftest import ProjectFactory, cli_env
from .servers import KEYS, EspServer, SmtpServer
from .test_esp import esp_settings
from .test_smtp import smtp_settings

runner = CliRunner()
WEEK_48 = dt.date(2026, 11, 23)


def everything_written(root: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(root.rglob("*")) if p.is_file())


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_the_smtp_password_never_reaches_files_or_output(make_project: ProjectFactory) -> None:
    with SmtpServer(login=True) as server:
        root = make_project(settings=smtp_settings(server.port))
        pipeline.compose(root, WEEK_48)
        env = cli_env({"NIEUWSBRIEF_SMTP_USERNAME": "redactie", "NIEUWSBRIEF_SMTP_PASSWORD": "geheim"})
        outputs = []
        for args in (
            ["send", "--test", "a@testbrief.nl", "--json"],
            ["send", "--via", "smtp", "--yes", "--json"],
            ["issues", "--json"],
        ):
            result = runner.invoke(app, ["--project", str(root), *args], env=env)
            assert result.exit_code == 0, result.output
            outputs.append(result.output)
        wrong = runner.invoke(
            app,
            ["--project", str(root), "send", "--test", "a@testbrief.nl", "--json"],
            env=cli_env({"NIEUWSBRIEF_SMTP_USERNAME": "redactie", "NIEUWSBRIEF_SMTP_PASSWORD": "verkeerd-wachtwoord"}),
        )
        assert wrong.exit_code == 5
        outputs.append(wrong.output)
        assert len(server.inbox) == 2
    written = everything_written(root)
    for secret in ("geheim", "verkeerd-wachtwoord"):
        assert secret not in written
        assert all(secret not in output for output in outputs)


def test_esp_api_keys_never_reach_files_or_output(make_project: ProjectFactory) -> None:
    with EspServer() as server:
        root = make_project(settings=esp_settings(server))
        pipeline.compose(root, WEEK_48)
        outputs = []
        env = cli_env({"NIEUWSBRIEF_MAILCHIMP_API_KEY": KEYS["mailchimp"], "NIEUWSBRIEF_BREVO_API_KEY": "xkeysib-verkeerd"})
        sent = runner.invoke(app, ["--project", str(root), "send", "--via", "mailchimp", "--yes", "--json"], env=env)
        assert sent.exit_code == 0, sent.output
        refused = runner.invoke(app, ["--project", str(root), "send", "--via", "brevo", "--yes", "--force", "--json"], env=env)
        assert refused.exit_code == 5
        outputs += [sent.output, refused.output]
        exported = runner.invoke(app, ["--project", str(root), "export", "--esp", "mailchimp", "--json"], env=env)
        assert exported.exit_code == 0, exported.output  # an export that failed would print nothing to check
        outputs.append(exported.output)
    written = everything_written(root)
    for secret in (KEYS["mailchimp"], "xkeysib-verkeerd"):
        assert secret not in written
        assert all(secret not in output for output in outputs)
