"""An ESP is one module in nieuwsbrief/esps/: its merge tags, its escaping, its API and its settings table.

The proof: a copy of the package gets one new module, a made-up ESP (Postduif), and its name in the registry's line;
nothing else changes. Run from the copy, the settings loader checks Postduif's table and accepts it as [esp]
dialect, the reference documents the table, export writes its merge tags, its escaping and its API's payload, and
send goes through its API, to a local server, with the key, the endpoints and the list its module declares.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from nieuwsbrief.errors import UsageError
from nieuwsbrief.esps import APIS, ESPS, find, listed

from .conftest import REPO, SENDING_SETTINGS, ProjectFactory, column

# The whole of a new ESP: a dialect ([[afmelden]], [[online]]), what its engine reads ([[...]]), an API, a table.
POSTDUIF = '''"""Postduif, a made-up ESP: the one module a new ESP is."""

from __future__ import annotations

import re

from ..options import Option
from .base import Dialect, Endpoint, Esp, EspApi, Syntax, api_base, references

API_BASE = "https://api.postduif.example/v1"

ESP = Esp(
    name="postduif",
    title="Postduif",
    dialect=Dialect(unsubscribe="[[afmelden]]", view_online="[[online]]", fields={"email": "[[email]]"}),
    syntax=Syntax(re.compile(r"\\[\\[.*?\\]\\]"), references("["), lambda match: "\\\\" + match),
    api=EspApi(
        key_variable="NIEUWSBRIEF_POSTDUIF_API_KEY",
        settings=(
            Option("list_id", str, "the list; needed to send", "", example="duiven"),
            Option("loft", int, "the loft the birds fly from", 1),
            api_base(API_BASE),
        ),
        required=(("list_id", "the list to send to"),),
        base_url=lambda account, key: account["api_base"] or API_BASE,
        headers=lambda key: {"Authorization": f"Duif {key}"},
        describe_error=str,
        export=lambda outgoing, account: {"loft": account["loft"], "list": account["list_id"], "subject": outgoing.subject},
        create=Endpoint("POST", "/vluchten"),
        campaign_body=lambda outgoing, account: {"loft": account["loft"], "html": outgoing.html},
        send_now=Endpoint("POST", "/vluchten/{id}/los", 204),
        schedule=Endpoint("POST", "/vluchten/{id}/later", 204),
        schedule_body=lambda at: {"at": at.isoformat()},
        status=Endpoint("GET", "/vluchten/{id}"),
        statuses={"geland": "sent", "wacht": "scheduled", "hok": "draft"},
    ),
)
'''

# Runs in the copy: compose, export in [esp] dialect, send through the API; prints what each step saw.
PROGRAM = """
import datetime as dt, json, sys
from pathlib import Path
import nieuwsbrief
from nieuwsbrief import pipeline
from nieuwsbrief.config import load_settings
from nieuwsbrief.config.reference import settings_page
from nieuwsbrief.errors import SettingsError

root = Path(sys.argv[1])
settings = load_settings(root)
pipeline.compose(root, dt.date(2026, 11, 23))
exported = pipeline.export(root, "2026-W48")
sent = pipeline.send(root, "2026-W48", via="postduif", yes=True, env={"NIEUWSBRIEF_POSTDUIF_API_KEY": "duif-sleutel"})
written = root / "nieuwsbrief.toml"
written.write_text(written.read_text(encoding="utf-8") + "duif = 1\\n", encoding="utf-8")  # [postduif] is the last table
try:
    load_settings(root)
except SettingsError as refused:
    unknown = [p.render() for p in refused.problems]
print(json.dumps({
    "unknown": unknown,
    "package": nieuwsbrief.__file__,
    "account": settings.accounts["postduif"],
    "warnings": [f"{p.message} ({p.hint})" for p in settings.warnings],
    "files": {name: path.read_text(encoding="utf-8") for name, path in exported.files.items() if name != "postduif.eml"},
    "sent": sent.summary,
    "reference": settings_page(),
}))
"""


@pytest.fixture
def loft() -> Iterator[tuple[str, list[tuple[str, str, str, Any]]]]:
    """A local Postduif API: POST /v1/vluchten answers {"id": "d1"}, anything else 204; every request is kept."""
    calls: list[tuple[str, str, str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            calls.append((self.command, self.path, self.headers.get("Authorization", ""), json.loads(raw) if raw else None))
            answer = json.dumps({"id": "d1"}).encode() if self.path == "/v1/vluchten" else b""
            self.send_response(200 if answer else 204)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", calls
    finally:
        server.shutdown()
        server.server_close()


def with_postduif(copy: Path) -> Path:
    """The package copied to ``copy``, with Postduif's module and its name in the registry; nothing else touched."""
    package = copy / "nieuwsbrief"
    shutil.copytree(REPO / "src" / "nieuwsbrief", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "templates", package / "templates")  # where an installed wheel keeps them
    (package / "esps" / "postduif.py").write_text(POSTDUIF, encoding="utf-8")
    registry = package / "esps" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    listed_modules = "from . import brevo, generic, listmonk, mailchimp, mailgun, sendgrid\n"
    assert listed_modules in text and "listmonk.ESP)}" in text
    text = text.replace(listed_modules, listed_modules.replace("sendgrid", "postduif, sendgrid"))
    registry.write_text(text.replace("listmonk.ESP)}", "listmonk.ESP, postduif.ESP)}"), encoding="utf-8")
    return copy


def test_a_new_esp_is_one_module(
    make_project: ProjectFactory, tmp_path: Path, loft: tuple[str, list[tuple[str, str, str, Any]]]
) -> None:
    api_base, calls = loft
    settings = SENDING_SETTINGS + (
        f'\n[esp]\ndialect = "postduif"\n\n[postduif]\nlist_id = "duiven"\nloft = 3\napi_base = "{api_base}"\n'
    )
    body = "Schrijf [[naam]] nooit zo: Postduif vult het in."
    root = make_project({"content/columns/tweede-column.md": column("Tweede column", "2026-11-16", body=body)}, settings)
    copy = with_postduif(tmp_path / "copy")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    run = subprocess.run([sys.executable, "-c", PROGRAM, str(root)], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["package"] == str(copy / "nieuwsbrief" / "__init__.py")  # the copy ran, not the installed package

    # The settings: its table is loaded, checked (an unknown key named against its own), and documented.
    assert seen["account"] == {"list_id": "duiven", "loft": 3, "api_base": api_base}
    assert seen["warnings"] == []
    assert seen["unknown"] == [
        "nieuwsbrief.toml:17:8: error: unknown setting postduif.duif; known settings in [postduif]: list_id, loft, api_base"
    ]
    assert (
        "## [postduif]\n\nSending through Postduif's API; the key lives in NIEUWSBRIEF_POSTDUIF_API_KEY.\n" in seen["reference"]
    )
    assert "| `loft` | whole number | `1` |  | the loft the birds fly from |" in seen["reference"]

    # The dialect ([esp] dialect = "postduif"): its merge tags, its escaping, its API's payload.
    files = seen["files"]
    assert sorted(files) == ["postduif.html", "postduif.json", "postduif.txt"]
    assert 'href="[[afmelden]]"' in files["postduif.html"] and 'href="[[online]]"' in files["postduif.html"]
    assert "[[afmelden]]" in files["postduif.txt"].splitlines()
    assert "&#91;&#91;naam]]" in files["postduif.html"] and "[[naam]]" not in files["postduif.html"]
    assert "\\[[naam]]" in files["postduif.txt"]
    assert json.loads(files["postduif.json"]) == {"loft": 3, "list": "duiven", "subject": "Tweede column"}

    # The API: --via takes its name, the key comes from its variable, the requests are the ones it declares.
    assert seen["sent"] == "sent issue 2026-W48 through Postduif (campaign d1, list duiven)"
    assert [(method, path, auth) for method, path, auth, _ in calls] == [
        ("POST", "/v1/vluchten", "Duif duif-sleutel"),
        ("POST", "/v1/vluchten/d1/los", "Duif duif-sleutel"),
    ]
    assert calls[0][3]["loft"] == 3


def test_every_module_of_the_package_is_a_registered_esp() -> None:
    # A module nobody listed would be an ESP nieuwsbrief never offers.
    modules = {path.stem for path in (REPO / "src" / "nieuwsbrief" / "esps").glob("*.py")} - {"__init__", "base"}
    assert set(ESPS) == modules
    assert list(APIS) == ["mailchimp", "brevo", "sendgrid"]
    assert listed(ESPS) == "generic, mailchimp, brevo, sendgrid, mailgun or listmonk"


def test_an_unknown_dialect_names_the_known_ones() -> None:
    with pytest.raises(UsageError) as caught:
        find("aweber")
    assert caught.value.message == "unknown dialect 'aweber'; use one of: generic, mailchimp, brevo, sendgrid, mailgun, listmonk"
