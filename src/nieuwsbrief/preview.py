"""The proof sheet: the email at desktop and mobile width, the text part, the inbox row, the size
against the clip budget and the lint findings, on one page; and a small local server that re-renders
it when content, settings or templates change."""

from __future__ import annotations

import html as html_escape
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .atomic import atomic_write, real_folder, remove_stale_temporaries
from .config import SETTINGS_FILE
from .errors import NieuwsbriefError, Problem, UsageError, errors_only, storage_error
from .lint import HTML_BUDGET
from .templating import Templates

PREVIEW_DIR = Path(".nieuwsbrief") / "preview"
PROOF_TEMPLATE = "preview.html.j2"
# The proof sheet's own words, in the project's locale (the email's labels live in labels.py).
UI = {
    "nl": {
        "proof": "Proef",
        "inbox": "In de inbox",
        "size": "Grootte: {size} KB van {budget} KB (Gmail knipt bij ongeveer 102 KB)",
        "checks": "Controle (nieuwsbrief lint)",
        "passed": "Alle controles geslaagd.",
        "desktop": "Desktop, 640 px",
        "mobile": "Mobiel, 375 px",
        "frame": "De e-mail op {width} pixels breed",
        "text": "Tekstversie",
    },
    "en": {
        "proof": "Proof",
        "inbox": "In the inbox",
        "size": "Size: {size} KB of {budget} KB (Gmail clips at about 102 KB)",
        "checks": "Checks (nieuwsbrief lint)",
        "passed": "Every check passed.",
        "desktop": "Desktop, 640 px",
        "mobile": "Mobile, 375 px",
        "frame": "The email at {width} pixels wide",
        "text": "Text version",
    },
}


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
    lang: str = "nl"


def proof_sheet(proof: Proof, templates: Templates, live: bool = False) -> str:
    size = len(proof.html.encode("utf-8"))
    return templates.render(
        PROOF_TEMPLATE,
        {
            "id": proof.id,
            "subject": proof.subject,
            "preheader": proof.preheader,
            "sender": proof.sender,
            "date": proof.date,
            "status": proof.status,
            "html": proof.html,
            "text": proof.text,
            "findings": proof.findings,
            "errors": len(errors_only(proof.findings)),
            "warnings": len(proof.findings) - len(errors_only(proof.findings)),
            "size_kb": f"{size / 1024:.1f}",
            "budget_kb": HTML_BUDGET // 1024,
            "size_percent": round(100 * size / HTML_BUDGET),
            "lang": proof.lang,
            "ui": UI.get(proof.lang, UI["nl"]),
            "live": live,
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


def error_page(error: NieuwsbriefError) -> str:
    items = "".join(f"<li>{html_escape.escape(p.render())}</li>" for p in error.problems)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>nieuwsbrief: error</title></head><body>'
        f"<h1>{html_escape.escape(error.message)}</h1><ul>{items}</ul>"
        '<script>setInterval(async () => { const v = await (await fetch("/version")).text();'
        " if (window.v && v !== window.v) location.reload(); window.v = v; }, 1000);</script></body></html>"
    )


def watched_state(project: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, mtime and size of everything a re-render depends on."""
    paths = [project / SETTINGS_FILE]
    for folder in ("content", "templates"):
        if (project / folder).is_dir():
            paths.extend(p for p in sorted((project / folder).rglob("*")) if p.is_file())
    state = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        state.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(state)


class PreviewServer:
    """Serves the live proof sheet on localhost; `refresh()` re-renders it when its inputs changed."""

    def __init__(self, project: Path, render: Callable[[], str], port: int = 0) -> None:
        self.project = project
        self.render = render
        self.page = ""
        self.version = 0
        self.state: tuple[tuple[str, int, int], ...] = ()
        self.refresh()
        try:
            self.httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        except OSError as exc:  # the port is taken, or needs root
            raise UsageError(
                f"cannot serve on port {port}: {exc.strerror}; choose another with --port (0: any free port)"
            ) from None
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def refresh(self) -> bool:
        state = watched_state(self.project)
        if state == self.state:
            return False
        self.state = state
        try:
            self.page = self.render()
        except NieuwsbriefError as error:
            self.page = error_page(error)
        self.version += 1
        return True

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/version":
                    body, kind = str(server.version).encode(), "text/plain"
                elif self.path in ("/", "/index.html"):
                    body, kind = server.page.encode("utf-8"), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # library code never prints

        return Handler
