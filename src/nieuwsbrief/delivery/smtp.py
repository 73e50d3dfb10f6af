"""SMTP, the only user of smtplib: a test to any address, or the issue to the list address.

The user name and password come only from the environment (NIEUWSBRIEF_SMTP_USERNAME and
NIEUWSBRIEF_SMTP_PASSWORD), never from nieuwsbrief.toml, and they only travel over TLS (or to this machine).
TLS always verifies the server's certificate and host name with ssl.create_default_context(), made anew for
every send so that it reads SSL_CERT_FILE / SSL_CERT_DIR at that moment: that is how a user trusts a private
certificate authority. security = "starttls" never falls back to plain text when the server lacks STARTTLS.
A login with characters beyond ASCII goes as UTF-8 in AUTH PLAIN (RFC 4616), which smtplib's own login cannot
send. Every message passes through ``hide``, so a password a server repeats in its answer is never shown.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import smtplib
import ssl
from collections.abc import Callable, Mapping
from email import message_from_bytes
from email.message import Message
from email.policy import SMTP
from email.utils import format_datetime

from ..config import SmtpSettings
from ..errors import DeliveryError, Problem, SettingsError
from ..text import is_one_line

USERNAME_VARIABLE = "NIEUWSBRIEF_SMTP_USERNAME"
PASSWORD_VARIABLE = "NIEUWSBRIEF_SMTP_PASSWORD"
TEST_PREFIX = "[TEST] "
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def credentials(settings: SmtpSettings, env: Mapping[str, str]) -> tuple[str, str] | None:
    """The login from the environment, or None to send without one; both or neither must be set."""
    username = env.get(USERNAME_VARIABLE, "")
    password = env.get(PASSWORD_VARIABLE, "")
    if bool(username) != bool(password):
        missing = PASSWORD_VARIABLE if username else USERNAME_VARIABLE
        raise DeliveryError(f"{missing} is not set: set both {USERNAME_VARIABLE} and {PASSWORD_VARIABLE}, or neither")
    if username and settings.security == "none" and settings.host not in _LOOPBACK:
        raise DeliveryError(
            f'refusing to send the SMTP password to {settings.host} without TLS: set [smtp] security = "starttls" or "ssl"'
        )
    return (username, password) if username else None


def check_login(login: tuple[str, str] | None) -> None:
    """A login SMTP can carry: one line each, text that UTF-8 can write (any Unicode letter is fine)."""
    for name, value in zip((USERNAME_VARIABLE, PASSWORD_VARIABLE), login or (), strict=False):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise DeliveryError(f"{name} holds bytes that are not UTF-8 text: set it again in the shell") from None
        if not is_one_line(value):
            raise DeliveryError(f"{name} holds a line break or another control character: set it to the value alone")


def check_ready(settings: SmtpSettings, real: bool) -> None:
    """The settings a send needs, all reported at once, before anything connects."""
    problems = []
    if not settings.host:
        problems.append(
            Problem(
                "nieuwsbrief.toml",
                0,
                0,
                "missing setting smtp.host (the SMTP server to send through)",
                'add host = "smtp.example.nl" under [smtp]',
            )
        )
    if real and not settings.list_address:
        problems.append(
            Problem(
                "nieuwsbrief.toml",
                0,
                0,
                "missing setting smtp.list_address (the address that reaches the whole list)",
                'add list_address = "lijst@example.nl" under [smtp]',
            )
        )
    if problems:
        raise SettingsError("the settings lack what SMTP needs", problems)


def prepare(eml: bytes, recipients: list[str], moment: dt.datetime, test: bool, message_id: str) -> Message:
    """The archived message addressed for this delivery: To, Date (now), and for a test its [TEST] subject and own id."""
    message = message_from_bytes(eml, policy=SMTP)
    del message["To"]
    message["To"] = ", ".join(recipients)
    del message["Date"]
    message["Date"] = format_datetime(moment)
    if test:
        subject = str(message["Subject"])
        del message["Subject"]
        message["Subject"] = TEST_PREFIX + subject
    del message["Message-ID"]
    message["Message-ID"] = message_id
    return message


def deliver(
    settings: SmtpSettings,
    message: Message,
    sender: str,
    recipients: list[str],
    login: tuple[str, str] | None,
    hide: Callable[[str], str] = str,
) -> None:
    """Hand the message to the server. DeliveryError(uncertain=True) when it may have been accepted anyway."""
    try:
        _deliver(settings, message.as_bytes(policy=SMTP), sender, recipients, login)
    except DeliveryError as error:
        error.message = hide(error.message)
        raise


def _deliver(settings: SmtpSettings, data: bytes, sender: str, recipients: list[str], login: tuple[str, str] | None) -> None:
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise _unverified(where, exc) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"could not connect to the SMTP server {where}: {exc}") from None
    try:
        _open(connection, settings, login, where)
        try:
            refused = connection.sendmail(sender, recipients, data)
        except (smtplib.SMTPSenderRefused, smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
            raise DeliveryError(f"the SMTP server {where} refused the message: {_reason(exc)}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"the SMTP server {where} did not confirm the message: {exc}", uncertain=True) from None
        if refused:
            shown = "; ".join(f"{address}: {_reason(answer)}" for address, answer in sorted(refused.items()))
            raise DeliveryError(f"the SMTP server {where} refused some recipients: {shown}")
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection.quit()


def _open(connection: smtplib.SMTP, settings: SmtpSettings, login: tuple[str, str] | None, where: str) -> None:
    try:
        connection.ehlo()
        if settings.security == "starttls":
            _start_tls(connection, where)
        if login:
            _login(connection, where, *login)
    except ssl.SSLCertVerificationError as exc:
        raise _unverified(where, exc) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"the SMTP server {where} refused the login from {USERNAME_VARIABLE} and {PASSWORD_VARIABLE}: {_reason(exc)}"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"could not start the SMTP session with {where}: {exc}") from None


def _login(connection: smtplib.SMTP, where: str, username: str, password: str) -> None:
    """smtplib's login (CRAM-MD5, PLAIN or LOGIN, as the server offers) for ASCII; AUTH PLAIN in UTF-8 otherwise."""
    if username.isascii() and password.isascii():
        connection.login(username, password)
        return
    if "PLAIN" not in connection.esmtp_features.get("auth", "").upper().split():
        raise DeliveryError(
            f"the SMTP server {where} offers no AUTH PLAIN, the one way to send a login with characters beyond ASCII: "
            "nothing was sent (use a password of ASCII characters for this server)"
        )
    token = base64.b64encode(f"\0{username}\0{password}".encode()).decode("ascii")
    code, answer = connection.docmd("AUTH", f"PLAIN {token}")
    if code not in (235, 503):  # 503: already authenticated
        raise smtplib.SMTPAuthenticationError(code, answer)


def _start_tls(connection: smtplib.SMTP, where: str) -> None:
    # smtplib would raise SMTPNotSupportedError too; asking first gives the reason in the user's terms.
    if not connection.has_extn("starttls"):
        raise DeliveryError(
            f'the SMTP server {where} does not offer STARTTLS, and security = "starttls" never sends without TLS: '
            'nothing was sent (check [smtp] host and port, or set security = "ssl" if the server speaks TLS from '
            "the start, usually on port 465)"
        )
    connection.starttls(context=ssl.create_default_context())
    connection.ehlo()


def _unverified(where: str, error: ssl.SSLCertVerificationError) -> DeliveryError:
    reason = (error.verify_message or error.reason or str(error)).rstrip(".")
    return DeliveryError(
        f"the TLS certificate of the SMTP server {where} could not be verified ({reason}): nothing was sent "
        "(if the server uses a certificate from your own certificate authority, set SSL_CERT_FILE to that "
        "authority's certificate in PEM form)"
    )


def _reason(error: object) -> str:
    code = getattr(error, "smtp_code", None)
    text = getattr(error, "smtp_error", b"")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {_reason(answer)}" for address, answer in sorted(error.recipients.items()))
    if isinstance(error, tuple) and len(error) == 2:
        code, text = error
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}".strip() if code else message or str(error)
