"""SMTP over TLS against a real aiosmtpd on loopback: STARTTLS and TLS from the start, with a throwaway
certificate that nieuwsbrief trusts the way a user would, through SSL_CERT_FILE."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pytest

from nieuwsbrief import pipeline

from .conftest import ProjectFactory
from .external_tools import require_program
from .servers import Certificate, SmtpServer
from .test_smtp import WEEK_48, manifest, run, smtp_settings

Security = Literal["starttls", "ssl"]
LOGIN = {"NIEUWSBRIEF_SMTP_USERNAME": "redactie", "NIEUWSBRIEF_SMTP_PASSWORD": "geheim"}
UNVERIFIED = (
    "nieuwsbrief: the TLS certificate of the SMTP server 127.0.0.1:{port} could not be verified ({reason}): "
    "nothing was sent (if the server uses a certificate from your own certificate authority, set SSL_CERT_FILE "
    "to that authority's certificate in PEM form)\n"
)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return Certificate.make(require_program("openssl"), tmp_path_factory.mktemp("tls"))


def composed(make_project: ProjectFactory, server: SmtpServer, security: str) -> Path:
    root = make_project(settings=smtp_settings(server.port, security=security))
    pipeline.compose(root, WEEK_48)
    return root


def assert_unverified(result, port: int, reason: str) -> None:  # type: ignore[no-untyped-def]
    """The exact message; the reason is OpenSSL's own words, which vary a little between its versions."""
    assert (result.exit_code, result.stdout) == (5, "")
    prefix, suffix = UNVERIFIED.format(port=port, reason="\0").split("\0")
    assert re.fullmatch(re.escape(prefix) + reason + re.escape(suffix), result.stderr), result.stderr


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_test_send_over_tls_arrives_once_encrypted(
    make_project: ProjectFactory, certificate: Certificate, security: Security
) -> None:
    with SmtpServer(tls=security, certificate=certificate) as server:
        root = composed(make_project, server, security)
        result = run(root, "send", "--test", "redactie@testbrief.nl", env={"SSL_CERT_FILE": str(certificate.cert)})
        assert (result.exit_code, result.stdout, result.stderr) == (
            0,
            "sent a test of issue 2026-W48 to redactie@testbrief.nl\n",
            "",
        )
        [received] = server.inbox
        assert received.tls.startswith("TLSv1.")
        assert received.recipients == ["redactie@testbrief.nl"]
        assert received.message["Subject"] == "[TEST] Tweede column"
        assert [d["state"] for d in manifest(root)["deliveries"]] == ["sent"]


def test_the_login_goes_over_starttls_to_a_server_that_allows_auth_only_after_it(
    make_project: ProjectFactory, certificate: Certificate
) -> None:
    with SmtpServer(login=True, tls="starttls", certificate=certificate) as server:
        root = composed(make_project, server, "starttls")
        result = run(root, "send", "--yes", env={**LOGIN, "SSL_CERT_FILE": str(certificate.cert)})
        assert (result.exit_code, result.stdout) == (0, "sent issue 2026-W48 by SMTP to lijst@testbrief.nl\n"), result.output
        assert server.logins == [b"redactie"]
        [received] = server.inbox
        assert (received.recipients, received.tls.startswith("TLSv1.")) == (["lijst@testbrief.nl"], True)


# aiosmtpd counts only STARTTLS as TLS for AUTH, so its TLS-from-the-start server must be told not to require it.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_certificate_nobody_trusts_fails_before_the_login_or_the_message_travels(
    make_project: ProjectFactory, certificate: Certificate, security: Security
) -> None:
    with SmtpServer(login=True, tls=security, certificate=certificate) as server:
        root = composed(make_project, server, security)
        result = run(root, "send", "--yes", env=LOGIN)  # no SSL_CERT_FILE: only the system's authorities
        assert_unverified(result, server.port, "self[- ]signed certificate")
        assert "Traceback" not in result.output
        assert (server.logins, server.inbox) == ([], [])
        assert [d["state"] for d in manifest(root)["deliveries"]] == ["failed"]
        assert manifest(root)["status"] == "composed"


def test_a_trusted_certificate_for_another_host_name_is_refused_too(
    make_project: ProjectFactory, certificate: Certificate, tmp_path: Path
) -> None:
    elsewhere = Certificate.make(require_program("openssl"), tmp_path / "elsewhere", names="DNS:smtp.example.nl")
    with SmtpServer(tls="starttls", certificate=elsewhere) as server:
        root = composed(make_project, server, "starttls")
        result = run(root, "send", "--test", "a@testbrief.nl", env={"SSL_CERT_FILE": str(elsewhere.cert)})
        assert_unverified(result, server.port, re.escape("IP address mismatch, certificate is not valid for '127.0.0.1'"))
        assert server.inbox == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # this server would take the password
def test_starttls_against_a_server_without_it_never_falls_back_to_plain_text(
    make_project: ProjectFactory, certificate: Certificate
) -> None:
    with SmtpServer(login=True) as server:
        root = composed(make_project, server, "starttls")
        result = run(root, "send", "--yes", env={**LOGIN, "SSL_CERT_FILE": str(certificate.cert)})
        assert (result.exit_code, result.stdout) == (5, "")
        assert result.stderr == (
            f'nieuwsbrief: the SMTP server 127.0.0.1:{server.port} does not offer STARTTLS, and security = "starttls" '
            'never sends without TLS: nothing was sent (check [smtp] host and port, or set security = "ssl" if the '
            "server speaks TLS from the start, usually on port 465)\n"
        )
        assert (server.logins, server.inbox) == ([], [])
        assert [d["state"] for d in manifest(root)["deliveries"]] == ["failed"]
