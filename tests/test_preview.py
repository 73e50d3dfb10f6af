"""`nieuwsbrief preview`: the proof sheet, and the live server that re-renders on every change."""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.preview import PreviewServer

runner = CliRunner()
DATE = dt.date(2026, 11, 23)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return str(response.read().decode("utf-8"))


def test_proof_sheet_shows_both_widths_text_inbox_size_and_lint(sample: Path) -> None:
    result = pipeline.compose(sample, DATE)
    path = pipeline.preview(sample)
    assert path == sample / ".nieuwsbrief" / "preview" / "2026-W48.html"
    sheet = path.read_text(encoding="utf-8")
    assert '<iframe title="De e-mail op 640 pixels breed" width="640" sandbox="" srcdoc="&lt;!DOCTYPE html&gt;' in sheet
    assert '<iframe title="De e-mail op 375 pixels breed" width="375" sandbox="" srcdoc="' in sheet
    assert html.escape(result.rendered.text.splitlines()[0], quote=False) in sheet
    assert (
        '<span class="from">Ondernemen Wekelijks</span><span><strong>Duurzaam ondernemen: geen hype, maar huiswerk</strong>'
        in sheet
    )
    assert re.search(r"Grootte: 2\d\.\d KB van 85 KB", sheet)
    assert "Alle controles geslaagd." in sheet
    assert not (result.folder / "preview.html").exists()  # the archive is not touched


def test_proof_sheet_lists_lint_findings(sample: Path) -> None:
    folder = pipeline.compose(sample, DATE).folder
    page = folder / "issue.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="https://www.acm.nl/"', 'href="#"'), encoding="utf-8")
    sheet = pipeline.preview(sample, "2026-W48").read_text(encoding="utf-8")
    assert "1 lint error</span>" in sheet
    assert "C-15 error: a link to &#39;#&#39;" in sheet


def test_preview_command_writes_the_sheet_and_does_not_open_with_no_open(sample: Path) -> None:
    empty = runner.invoke(app, ["--project", str(sample), "preview", "--no-open"])
    assert (empty.exit_code, empty.stderr) == (2, "nieuwsbrief: the archive has no issues yet: run nieuwsbrief compose first\n")
    pipeline.compose(sample, DATE)
    result = runner.invoke(app, ["--project", str(sample), "preview", "--no-open"])
    assert (result.exit_code, result.stdout) == (0, f"{sample / '.nieuwsbrief' / 'preview' / '2026-W48.html'}\n")


def test_live_server_re_renders_when_content_changes(sample: Path) -> None:
    pipeline.compose(sample, DATE)
    server = PreviewServer(sample, lambda: pipeline.live_proof(sample), port=0)
    server.start()
    try:
        first = fetch(server.url)
        assert "Duurzaam ondernemen: geen hype, maar huiswerk" in first
        assert fetch(server.url + "version") == "1"
        assert server.refresh() is False  # nothing changed
        column = sample / "content" / "columns" / "duurzaam-ondernemen-is-huiswerk.md"
        column.write_text(column.read_text(encoding="utf-8").replace('huiswerk"', 'huiswerk, ook voor jou"', 1), encoding="utf-8")
        assert server.refresh() is True
        assert fetch(server.url + "version") == "2"
        assert "geen hype, maar huiswerk, ook voor jou" in fetch(server.url)
        column.write_text("---\ntitle: [\n---\n", encoding="utf-8")
        assert server.refresh() is True
        broken = fetch(server.url)
        assert "<h1>the project has errors</h1>" in broken
        assert "content/columns/duurzaam-ondernemen-is-huiswerk.md:2:8: error: invalid YAML" in broken
    finally:
        server.stop()
    archived = (sample / "issues" / "2026-W48" / "issue.html").read_text(encoding="utf-8")
    assert "ook voor jou" not in archived  # live previews never write the archive


def test_the_proof_sheet_speaks_the_projects_language(sample: Path) -> None:
    settings = sample / "nieuwsbrief.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('locale = "nl"', 'locale = "en"'), encoding="utf-8")
    pipeline.compose(sample, DATE)
    sheet = pipeline.preview(sample).read_text(encoding="utf-8")
    assert "<h2>In the inbox</h2>" in sheet and "Every check passed." in sheet
    assert "Proef" not in sheet and "Tekstversie" not in sheet
