"""The proof sheet: the email at desktop and mobile width, the text part, the inbox row, the size
against the clip budget and the lint findings, on one page; and the small local server of the live proof, which
pushes each re-render to the browser (proofs.py decides when to re-render)."""

from __future__ import annotations

import contextlib
import html as html_escape
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .atomic import atomic_write, real_folder, remove_stale_temporaries
from .brand import Look
from .checklist.rules import HTML_BUDGET
from .errors import NieuwsbriefError, Problem, errors_only, storage_error
from .locales import DEFAULT, locale
from .templating import Templates, safe

PREVIEW_DIR = Path(".nieuwsbrief") / "preview"
PROOF_TEMPLATE = "preview.html.j2"


@dataclass(frozen=True)
class Proof:
    id: str
    subject: str
    preheader: str
    sender: str
    date: str
    status: str
    html: str
    text: str
    findings: tuple[Problem, ...]
    look: Look  # the brand: the sheet's own colours and mark, and the logo before it is published
    lang: str = DEFAULT
    concept: tuple[str, ...] = ()  # the pieces shown that are drafts or dated later: a proof only


def proof_sheet(proof: Proof, templates: Templates, live: bool = False) -> str:
    size = len(proof.html.encode("utf-8"))
    logo = proof.look.logo
    # The email links its logo where the web archive will publish it: the proof shows the file itself meanwhile.
    shown = proof.html.replace(logo.src, logo.data_uri()) if logo is not None and logo.file is not None else proof.html
    return templates.render(
        PROOF_TEMPLATE,
        {
            "id": proof.id,
            "subject": proof.subject,
            "preheader": proof.preheader,
            "sender": proof.sender,
            "date": proof.date,
            "status": proof.status,
            "html": shown,
            "text": proof.text,
            "findings": proof.findings,
            "errors": len(errors_only(proof.findings)),
            "warnings": len(proof.findings) - len(errors_only(proof.findings)),
            "size_kb": f"{size / 1024:.1f}",
            "budget_kb": HTML_BUDGET // 1024,
            "size_percent": round(100 * size / HTML_BUDGET),
            "lang": proof.lang,
            "ui": locale(proof.lang).proof,  # the sheet's own words, in the project's locale
            "live": live,
            "reload_script": safe(RELOAD_SCRIPT),
            "concept": ", ".join(proof.concept),
            "brand": proof.look,
            "logo_src": logo.data_uri() if logo is not None else "",
        },
    )


def write_proof(project: Path, proof: Proof, templates: Templates) -> Path:
    """Write the proof sheet outside the archive (it is a view of an issue, not part of it)."""
    sheet = proof_sheet(proof, templates).encode("utf-8")
    try:
        folder = real_folder(project, PREVIEW_DIR.as_posix())  # never through a link
        remove_stale_temporaries(folder)
        path = folder / f"{proof.id}.html"
        atomic_write(path, sheet)
    except OSError as exc:
        raise storage_error(PREVIEW_DIR.as_posix(), exc, "write the proof sheet", project) from None
    return path


def error_page(error: NieuwsbriefError, last_good: str = "", lang: str = DEFAULT) -> str:
    """What the live proof shows while the project has errors: the last good sheet under an overlay that lists each
    problem with its file, line and message, in the project's language; the next good save replaces it. The overlay
    is written here, not by a template: a broken template may be the error."""
    ui = locale(lang).proof
    items = "".join(
        f"<li><code>{html_escape.escape(_place(p))}</code> {html_escape.escape(p.message)}"
        + (f" <small>({html_escape.escape(p.hint)})</small>" if p.hint else "")
        + "</li>"
        for p in error.problems
    )
    overlay = (
        f'<div role="alert" lang="{lang}" style="{_OVERLAY}"><div style="{_PANEL}">'
        f'<p style="margin: 0 0 8px; font-weight: 700;">{html_escape.escape(ui["broken"])}</p>'
        f'<p style="margin: 0 0 8px;">{html_escape.escape(error.message)}</p>'
        f'<ul style="margin: 0 0 8px; padding-left: 20px;">{items}</ul>'
        f'<p style="margin: 0; color: #5f6368;">{html_escape.escape(ui["broken_clears"])}</p></div></div>'
    )
    if "</body>" in last_good:
        return last_good.replace("</body>", overlay + "</body>", 1)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>nieuwsbrief: {html_escape.escape(ui["proof"])}'
        f"</title></head><body>{overlay}{RELOAD_SCRIPT}</body></html>"
    )


def _place(problem: Problem) -> str:
    """file:line:column as far as it is known."""
    return ":".join([problem.path, *(str(n) for n in (problem.line, problem.column) if n)]) if problem.line else problem.path


_OVERLAY = "position: fixed; inset: 0; z-index: 10; display: flex; align-items: flex-start; justify-content: center; padding: 48px 16px; background: rgba(20, 20, 22, .55); overflow: auto;"
_PANEL = "max-width: 860px; padding: 20px 24px; border-top: 6px solid #c62828; border-radius: 8px; background: #fff; color: #1f2328; font: 15px/1.5 system-ui, Arial, sans-serif; box-shadow: 0 8px 24px rgba(0, 0, 0, .3);"


# The served page's version stands in for this, so the page can tell whether it is still the newest.
VERSION_MARK = "__nieuwsbrief_version__"
# Server-sent events: the server says which version is newest when the browser connects and after every
# re-render; a page that is not that version reloads itself.
RELOAD_SCRIPT = (
    f'<script>const shown = "{VERSION_MARK}"; const events = new EventSource("/events");'
    ' events.addEventListener("version", (e) => { if (e.data !== shown) { events.close(); location.reload(); } });</script>'
)
KEEPALIVE = 15.0  # seconds between comments on an idle event stream, so a browser that went away is noticed


class _Quiet(ThreadingHTTPServer):
    """A browser that goes away mid-answer (a reload, a closed tab) is how browsing goes: no traceback for it."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class PreviewServer:
    """Serves the live proof on localhost: the sheet at /, and at /events a stream of server-sent events that names
    the newest version the moment a re-render is published.

    It answers only requests whose Host header names this machine by loopback and this port exactly (localhost,
    127.0.0.1 or [::1]); any other gets 403, so a web page whose own name points at 127.0.0.1 (DNS rebinding) cannot
    read an unpublished draft through the editor's browser."""

    def __init__(self, page: str, port: int = 0) -> None:
        self.page = page
        self.version = 1
        self.changed = threading.Condition()
        self.closing = False
        self.httpd = _Quiet(("127.0.0.1", port), self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()

    def publish(self, page: str) -> None:
        """Serve ``page`` from now on and tell every connected browser."""
        with self.changed:
            self.page = page
            self.version += 1
            self.changed.notify_all()

    def current(self) -> str:
        """The newest sheet, marked with its version."""
        with self.changed:
            return self.page.replace(VERSION_MARK, str(self.version))

    def _stream(self, write: Callable[[bytes], None]) -> None:
        """Send the version now and after every publish, until the browser or the server goes."""
        sent = 0
        while True:
            with self.changed:
                if self.version == sent and not self.closing:
                    self.changed.wait(KEEPALIVE)
                if self.closing:
                    return
                version = self.version
            write(f"event: version\ndata: {version}\n\n".encode() if version != sent else b": still here\n\n")
            sent = version

    def hosts(self) -> set[str]:
        """The Host headers the server answers: this machine by loopback, on this port."""
        port = self.httpd.server_address[1]
        return {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if (self.headers.get("Host") or "").strip().lower() not in server.hosts():
                    self.send_error(403, "the live proof answers only on localhost")
                    return
                if self.path == "/events":
                    self._events()
                    return
                if self.path in ("/", "/index.html"):
                    self._send(server.current().encode("utf-8"), "text/html; charset=utf-8")
                else:
                    self.send_error(404)

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(ConnectionError):  # the browser went before the page was out
                    self.wfile.write(body)

            def _events(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()

                def write(data: bytes) -> None:
                    self.wfile.write(data)
                    self.wfile.flush()

                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser went (a reload, a closed tab)
                    server._stream(write)

            def log_message(self, format: str, *args: object) -> None:
                pass  # library code never prints

        return Handler
