"""Real servers on loopback for the delivery tests: an SMTP server (aiosmtpd) and an ESP API server.

The SMTP server speaks plain text, STARTTLS or TLS from the start, with a throwaway certificate made by the
`openssl` command (see Certificate).

The ESP server speaks the three APIs at /mailchimp/3.0, /brevo/v3 and /sendgrid/v3 and checks every request
against the shape in the ESP's documentation (method, path, authentication header, JSON fields and their
types, the unsubscribe merge tag in the HTML). A request that does not fit is answered 400 in the ESP's own
error format and recorded in ``violations``, which every test expects to stay empty.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

KEYS = {"mailchimp": "mc-test-key-us6", "brevo": "xkeysib-test", "sendgrid": "SG.test"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------- SMTP


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    tls: str = ""  # the TLS version the message came over ("TLSv1.3"), or "" for plain text


class _Collect:
    def __init__(self, inbox: list[Received], refused: set[str]) -> None:
        self.inbox = inbox
        self.refused = refused

    async def handle_RCPT(self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]) -> str:
        if address in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        message = message_from_bytes(envelope.original_content or b"", policy=default)
        assert isinstance(message, EmailMessage)
        tls = server.transport.get_extra_info("ssl_object")
        self.inbox.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), message, tls.version() if tls else ""))
        return "250 OK queued"


@dataclass(frozen=True)
class Certificate:
    """A throwaway self-signed certificate (by default for 127.0.0.1 and localhost): its own certificate authority."""

    cert: Path
    key: Path

    @classmethod
    def make(cls, openssl: str, folder: Path, names: str = "IP:127.0.0.1,DNS:localhost") -> Certificate:
        folder.mkdir(parents=True, exist_ok=True)
        made = cls(folder / "cert.pem", folder / "key.pem")
        # An EC key: generated in milliseconds, where RSA 2048 takes a quarter of a second.
        key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(made.key)]
        subject = ["-subj", "/CN=localhost", "-addext", f"subjectAltName={names}"]
        subprocess.run(
            [openssl, "req", "-x509", *key, *subject, "-days", "2", "-out", str(made.cert)], check=True, capture_output=True
        )
        return made

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


class SmtpServer:
    """aiosmtpd on 127.0.0.1; optionally with a login (user 'redactie', password ``password``, 'geheim' unless given)
    and TLS.

    tls="starttls" offers STARTTLS and refuses mail (and AUTH) before it; tls="ssl" speaks TLS from the first byte.
    Every AUTH attempt is recorded in ``logins``, so a test can tell that no password travelled. With ``echo``, a
    refused login is answered with a 535 that repeats the user name and password it was given, as some servers do.
    """

    def __init__(
        self,
        login: bool = False,
        tls: Literal["starttls", "ssl"] | None = None,
        certificate: Certificate | None = None,
        password: str = "geheim",
        echo: bool = False,
    ) -> None:
        self.inbox: list[Received] = []
        self.logins: list[bytes] = []
        self.password = password.encode("utf-8")
        self.echo = echo
        self.refuse_recipients: set[str] = set()  # answered 550, as a server does an unknown mailbox
        self.port = free_port()
        options: dict[str, Any] = {}
        if login:
            # AUTH only after STARTTLS when it is offered. aiosmtpd does not count TLS from the start as TLS for
            # AUTH, so that server, like the plain-text one on loopback, must not require it.
            options = {"authenticator": self._authenticate, "auth_require_tls": tls == "starttls", "auth_required": True}
        if tls:
            assert certificate is not None
            context = certificate.server_context()
            options |= {"tls_context": context, "require_starttls": True} if tls == "starttls" else {"ssl_context": context}
        self.controller = Controller(
            _Collect(self.inbox, self.refuse_recipients), hostname="127.0.0.1", port=self.port, **options
        )

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        self.logins.append(data.login if isinstance(data, LoginPassword) else b"")
        ok = isinstance(data, LoginPassword) and data.login == b"redactie" and data.password == self.password
        if not ok and self.echo and isinstance(data, LoginPassword):
            said = f"{data.login.decode('utf-8', 'replace')}/{data.password.decode('utf-8', 'replace')}"
            return AuthResult(success=False, handled=False, message=f"535 5.7.8 login {said} refused")
        return AuthResult(success=ok, handled=False)


# ---------------------------------------------------------------- ESP APIs


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class Campaign:
    esp: str
    id: str
    status: str
    body: dict[str, Any]
    content: dict[str, Any] = field(default_factory=dict)
    scheduled_for: str = ""


class EspServer:
    """A loopback HTTP server that plays Mailchimp, Brevo and SendGrid, strictly."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.campaigns: dict[str, Campaign] = {}
        # (method path, status, body) answered once; a body that is text goes as HTML (a login page), a 3xx with a Location
        self.fail_next: list[tuple[str, int, Any]] = []
        self.lose_answer: list[tuple[str, int]] = []  # (method path, status): carried out, but answered with an error once
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> EspServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def base(self, esp: str) -> str:
        return f"{self.url}/{esp}/{'3.0' if esp == 'mailchimp' else 'v3'}"

    def requests(self) -> list[str]:
        return [f"{c.method} {c.path}" for c in self.calls]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                call = Call(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with fake.lock:
                    fake.calls.append(call)
                    status, answer = fake.answer(call)
                html = isinstance(answer, str)
                data = b"" if answer is None else answer.encode() if html else json.dumps(answer).encode()
                self.send_response(status)
                if status == 429 or status >= 500:
                    self.send_header("Retry-After", "0")
                if 300 <= status < 400:
                    self.send_header("Location", "https://login.example.com/?next=/campaigns")
                if data:
                    self.send_header("Content-Type", "text/html; charset=utf-8" if html else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _serve

        return Handler

    # -- routing

    def answer(self, call: Call) -> tuple[int, Any]:
        esp = call.path.split("/")[1]
        route = {"mailchimp": self._mailchimp, "brevo": self._brevo, "sendgrid": self._sendgrid}.get(esp)
        if route is None:
            return 404, {"message": "no such API"}
        problems: list[str] = []
        _check_auth(esp, call, problems)  # a request answered with a scripted failure is still checked
        for position, (where, status, body) in enumerate(self.fail_next):
            if where == f"{call.method} {call.path}":
                del self.fail_next[position]
                self.violations.extend(f"{call.method} {call.path}: {p}" for p in problems)
                return status, body
        status, answer = route(call, problems)
        if problems:
            self.violations.extend(f"{call.method} {call.path}: {p}" for p in problems)
            return 400, _error(esp, "; ".join(problems))
        for position, (where, lost) in enumerate(self.lose_answer):
            if where == f"{call.method} {call.path}":
                del self.lose_answer[position]
                return lost, _error(esp, "gateway timeout")
        return status, answer

    def _new(self, esp: str, campaign_id: str, status: str, body: dict[str, Any]) -> Campaign:
        self.campaigns[campaign_id] = Campaign(esp, campaign_id, status, body)
        return self.campaigns[campaign_id]

    def _mailchimp(self, call: Call, problems: list[str]) -> tuple[int, Any]:
        # https://mailchimp.com/developer/marketing/api/campaigns/
        path = call.path.removeprefix("/mailchimp/3.0")
        if call.method == "POST" and path == "/campaigns":
            _shape(call.body, {"type": str, "recipients": dict, "settings": dict}, problems)
            if isinstance(call.body, dict):
                if call.body.get("type") != "regular":
                    problems.append("type must be 'regular'")
                _shape(call.body.get("recipients"), {"list_id": str}, problems)
                _shape(
                    call.body.get("settings"),
                    {"subject_line": str, "preview_text": str, "title": str, "from_name": str, "reply_to": str},
                    problems,
                )
            campaign = self._new("mailchimp", f"mc{len(self.campaigns) + 1:04d}", "save", call.body or {})
            return 200, {"id": campaign.id, "status": campaign.status}
        found = re.fullmatch(r"/campaigns/([^/]+)(/content|/actions/send|/actions/schedule)?", path)
        campaign = self.campaigns.get(found.group(1)) if found else None
        if campaign is None or found is None:
            return 404, {"title": "Resource Not Found", "detail": "The requested resource could not be found.", "status": 404}
        action = found.group(2)
        if call.method == "PUT" and action == "/content":
            _shape(call.body, {"html": str, "plain_text": str}, problems, exact=True)
            if isinstance(call.body, dict) and "*|UNSUB|*" not in str(call.body.get("html")):
                problems.append("html lacks the required *|UNSUB|* merge tag")
            campaign.content = call.body or {}
            return 200, {"html": "", "plain_text": ""}
        if call.method == "POST" and action == "/actions/send":
            if call.body is not None:
                problems.append("send takes no body")
            if not campaign.content:
                problems.append("campaign has no content")
            if campaign.status == "sent":
                return 400, {"title": "Bad Request", "detail": "Campaign has already been sent.", "status": 400}
            campaign.status = "sent"
            return 204, None
        if call.method == "POST" and action == "/actions/schedule":
            _shape(call.body, {"schedule_time": str}, problems, exact=True)
            campaign.status = "schedule"
            campaign.scheduled_for = str((call.body or {}).get("schedule_time"))
            return 204, None
        if call.method == "GET" and action is None:
            return 200, {"id": campaign.id, "status": campaign.status}
        problems.append("no such endpoint")
        return 404, None

    def _brevo(self, call: Call, problems: list[str]) -> tuple[int, Any]:
        # https://developers.brevo.com/reference/createemailcampaign
        path = call.path.removeprefix("/brevo/v3")
        if call.method == "POST" and path == "/emailCampaigns":
            _shape(call.body, {"name": str, "subject": str, "sender": dict, "htmlContent": str, "recipients": dict}, problems)
            if isinstance(call.body, dict):
                _shape(call.body.get("sender"), {"name": str, "email": str}, problems)
                lists = (call.body.get("recipients") or {}).get("listIds")
                if not (isinstance(lists, list) and lists and all(isinstance(i, int) for i in lists)):
                    problems.append("recipients.listIds must be a list of integers")
                if "{{ unsubscribe }}" not in str(call.body.get("htmlContent")):
                    problems.append("htmlContent lacks {{ unsubscribe }}")
                if "scheduledAt" in call.body:
                    problems.append("nieuwsbrief must create the campaign unscheduled")
            campaign = self._new("brevo", str(100 + len(self.campaigns)), "draft", call.body or {})
            return 201, {"id": int(campaign.id)}
        found = re.fullmatch(r"/emailCampaigns/(\d+)(/sendNow)?", path)
        campaign = self.campaigns.get(found.group(1)) if found else None
        if campaign is None or found is None:
            return 404, {"code": "document_not_found", "message": "Campaign ID does not exist"}
        if call.method == "POST" and found.group(2):
            campaign.status = "sent"
            return 204, None
        if call.method == "PUT":
            _shape(call.body, {"scheduledAt": str}, problems, exact=True)
            campaign.status = "queued"
            campaign.scheduled_for = str((call.body or {}).get("scheduledAt"))
            return 204, None
        if call.method == "GET":
            return 200, {"id": int(campaign.id), "status": campaign.status}
        problems.append("no such endpoint")
        return 404, None

    def _sendgrid(self, call: Call, problems: list[str]) -> tuple[int, Any]:
        # https://www.twilio.com/docs/sendgrid/api-reference/single-sends/create-single-send
        path = call.path.removeprefix("/sendgrid/v3")
        if call.method == "POST" and path == "/marketing/singlesends":
            _shape(call.body, {"name": str, "send_to": dict, "email_config": dict}, problems)
            if isinstance(call.body, dict):
                _shape(call.body.get("send_to"), {"list_ids": list}, problems)
                config = call.body.get("email_config")
                _shape(
                    config,
                    {"subject": str, "html_content": str, "plain_content": str, "sender_id": int, "suppression_group_id": int},
                    problems,
                )
                if "{{{unsubscribe}}}" not in str((config or {}).get("html_content")):
                    problems.append("html_content lacks {{{unsubscribe}}}")
            campaign = self._new("sendgrid", f"sg-{len(self.campaigns) + 1:04d}", "draft", call.body or {})
            return 201, {"id": campaign.id, "status": "draft"}
        found = re.fullmatch(r"/marketing/singlesends/([^/]+)(/schedule)?", path)
        campaign = self.campaigns.get(found.group(1)) if found else None
        if campaign is None or found is None:
            return 404, {"errors": [{"field": None, "message": "resource not found"}]}
        if call.method == "PUT" and found.group(2):
            _shape(call.body, {"send_at": str}, problems, exact=True)
            send_at = str((call.body or {}).get("send_at"))
            if send_at != "now" and not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", send_at):
                problems.append(f"send_at must be 'now' or yyyy-MM-ddTHH:mm:ssZ, got {send_at!r}")
            campaign.status = "triggered" if send_at == "now" else "scheduled"
            campaign.scheduled_for = send_at
            return 201, {"send_at": send_at, "status": "scheduled"}
        if call.method == "GET" and not found.group(2):
            return 200, {"id": campaign.id, "status": campaign.status}
        problems.append("no such endpoint")
        return 404, None


def _check_auth(esp: str, call: Call, problems: list[str]) -> None:
    if call.headers.get("content-type", "application/json").split(";")[0] != "application/json":
        problems.append("Content-Type must be application/json")
    if esp == "mailchimp":
        scheme, _, token = call.headers.get("authorization", "").partition(" ")
        password = base64.b64decode(token).decode().partition(":")[2] if scheme == "Basic" else ""
        if password != KEYS["mailchimp"]:
            problems.append("Basic authentication with the API key as password expected")
    elif esp == "brevo":
        if call.headers.get("api-key") != KEYS["brevo"]:
            problems.append("api-key header expected")
    elif call.headers.get("authorization") != f"Bearer {KEYS['sendgrid']}":
        problems.append("Authorization: Bearer <key> expected")


def _shape(value: Any, fields: dict[str, type], problems: list[str], exact: bool = False) -> None:
    if not isinstance(value, dict):
        problems.append(f"expected a JSON object, got {value!r:.60}")
        return
    for name, kind in fields.items():
        if name not in value:
            problems.append(f"missing field {name}")
        elif not isinstance(value[name], kind) or (kind is int and isinstance(value[name], bool)):
            problems.append(f"{name} must be {kind.__name__}")
    if exact and set(value) - set(fields):
        problems.append(f"unexpected fields {sorted(set(value) - set(fields))}")


def _error(esp: str, message: str) -> dict[str, Any]:
    if esp == "mailchimp":
        return {"title": "Invalid Resource", "detail": message, "status": 400}
    if esp == "brevo":
        return {"code": "invalid_parameter", "message": message}
    return {"errors": [{"field": None, "message": message}]}
