"""`nieuwsbrief preview`: the proof sheet, proofs of drafts, and the live proof that the browser follows as you edit.

The live proof is tested for real: the file watcher sees an edit on disk, the server pushes the new version as a
server-sent event, read here by a plain HTTP client and by headless Chromium, which reloads on its own.
"""

from __future__ import annotations

import datetime as dt
import html
import http.client
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline, proofs
from nieuwsbrief.cli import app
from nieuwsbrief.content.live import LiveIndex
from nieuwsbrief.content.scan import scan_content
from nieuwsbrief.errors import UsageError
from nieuwsbrief.pipeline import Overrides

from .conftest import REPO, article, column

runner = CliRunner()
DATE = dt.date(2026, 11, 23)
COLUMN = "content/columns/duurzaam-ondernemen-is-huiswerk.md"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return str(response.read().decode("utf-8"))


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_proof_sheet_shows_both_widths_text_inbox_size_and_lint(sample: Path) -> None:
    result = pipeline.compose(sample, DATE)
    path = proofs.preview(sample)
    assert path == sample / ".nieuwsbrief" / "preview" / "2026-W48.html"
    sheet = path.read_text(encoding="utf-8")
    frame = '<iframe title="De e-mail op {} pixels breed" width="{}" sandbox="allow-same-origin" srcdoc="&lt;!DOCTYPE html&gt;'
    assert frame.format(640, 640) in sheet and frame.format(375, 375) in sheet
    assert html.escape(result.rendered.text.splitlines()[0], quote=False) in sheet
    assert (
        '<span class="from">Ondernemen Wekelijks</span><span><strong>Duurzaam ondernemen: geen hype, maar huiswerk</strong>'
        in sheet
    )
    assert re.search(r"Grootte: 2\d\.\d KB van 85 KB", sheet)
    assert "controle in orde" in sheet and "C-37" not in sheet  # the sample sends to no list itself: one-click is not asked for
    assert "CONCEPT" not in sheet and "EventSource" not in sheet  # an archived issue, and no live page
    assert not (result.folder / "preview.html").exists()  # the archive is not touched


def test_proof_sheet_lists_lint_findings(sample: Path) -> None:
    folder = pipeline.compose(sample, DATE).folder
    page = folder / "issue.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="https://www.acm.nl/"', 'href="#"'), encoding="utf-8")
    sheet = proofs.preview(sample, "2026-W48").read_text(encoding="utf-8")
    assert '<span class="bad">1 fout</span>' in sheet
    assert "C-15 fout: a link to &#39;#&#39;" in sheet


def test_preview_command_writes_the_sheet_and_does_not_open_with_no_open(sample: Path) -> None:
    empty = runner.invoke(app, ["--project", str(sample), "preview", "--date", "2026-11-23", "--no-open"])
    assert (empty.exit_code, empty.stderr) == (
        0,
        "nieuwsbrief: note: no issue composed yet; this is the issue compose would make for 2026-11-23, not archived\n",
    )
    assert not (sample / "issues").exists()
    pipeline.compose(sample, DATE)
    result = runner.invoke(app, ["--project", str(sample), "preview", "--no-open"])
    assert (result.exit_code, result.stdout) == (0, f"{sample / '.nieuwsbrief' / 'preview' / '2026-W48.html'}\n")


def test_a_draft_can_be_proofed_under_a_concept_banner_and_is_never_archived(sample: Path) -> None:
    draft = 'draft: true\nsummary: "Een concept dat de redactie eerst wil zien zoals de lezer het krijgt."\n'
    text = column("Nog een concept", "2026-12-01", extra=draft).replace("author: anna", "author: thijs-van-dijk")
    (sample / "content/columns/nog-een-concept.md").write_text(text, encoding="utf-8")
    refused = runner.invoke(app, ["--project", str(sample), "compose", "--date", "2026-11-23", "--lead", "nog-een-concept"])
    assert (refused.exit_code, refused.stderr) == (
        2,
        "nieuwsbrief: --lead nog-een-concept: cannot lead this issue: it is a draft (publish it with: nieuwsbrief "
        "publish nog-een-concept; see it first with: nieuwsbrief preview --lead nog-een-concept)\n",
    )
    args = ["--project", str(sample), "preview", "--lead", "nog-een-concept", "--include", "rust-nemen-als-ondernemer"]
    result = runner.invoke(app, [*args, "--date", "2026-11-23", "--no-open"])
    assert (result.exit_code, result.stdout) == (0, f"{sample / '.nieuwsbrief' / 'preview' / '2026-W48.html'}\n")
    sheet = (sample / ".nieuwsbrief/preview/2026-W48.html").read_text(encoding="utf-8")
    assert (
        '<p class="concept"><strong>CONCEPT</strong> Een proef met stukken die nog niet uit kunnen gaan (nog-een-concept): '
        "dit nummer wordt zo nooit gearchiveerd.</p>"
    ) in sheet
    assert "Status: <strong>concept</strong>" in sheet  # the status line
    assert "Proef 2026-W48 · Nog een concept" in sheet
    assert not (sample / "issues" / "2026-W48").exists()
    with pytest.raises(UsageError):
        pipeline.compose(sample, DATE, Overrides("nog-een-concept", preview=True))
    both = runner.invoke(app, ["--project", str(sample), "preview", "2026-W48", "--lead", "nog-een-concept", "--no-open"])
    assert (both.exit_code, both.stderr) == (
        2,
        "nieuwsbrief: --lead and --include show the picks of --date, not of issue 2026-W48: leave out the id\n",
    )


def test_the_content_index_in_memory_follows_edits_additions_and_removals_like_a_fresh_scan(sample: Path) -> None:
    settings = pipeline.load_project(sample).settings
    index = LiveIndex(settings)
    (sample / "content/articles/2019").mkdir()
    (sample / "content/articles/2019/aaa-nieuw.md").write_text(article("Nieuw", "2019-01-01"), encoding="utf-8")
    (sample / "content/articles/zzz-laatste.md").write_text(article("Laatste", "2026-11-01"), encoding="utf-8")
    edit(sample / COLUMN, "huiswerk", "thuiswerk")
    gone = sorted((sample / "content/articles").glob("*.md"))[0]
    gone.unlink()
    changed = [
        "content/articles/2019/aaa-nieuw.md",
        "content/articles/zzz-laatste.md",
        COLUMN,
        gone.relative_to(sample).as_posix(),
    ]
    assert index.update([*changed, "content/articles/.#swap.md", "nieuwsbrief.toml"]) is True
    fresh = scan_content(settings, use_cache=False)
    held = index.scan()
    assert held.content == fresh.content
    assert held.warnings == fresh.warnings
    assert index.update(["content/articles/2019"]) is False  # a folder came: build a new index
    (sample / "content/articles/2019/aaa-nieuw.md").rename(sample / "elders.md")
    (sample / "content/articles/2019").rmdir()
    assert LiveIndex(settings).update(["content/articles/2019"]) is True  # nothing held under it
    assert index.update(["content/articles/2019"]) is False  # a folder went with what the index holds


@pytest.fixture
def live(sample: Path) -> Iterator[tuple[Path, proofs.LiveSession]]:
    pipeline.compose(sample, DATE)
    session = proofs.serve(sample, proofs.LiveProof(sample), port=0)
    try:
        yield sample, session
    finally:
        session.stop()


def read_event(stream: http.client.HTTPResponse) -> tuple[str, str]:
    """The next server-sent event's name and data (comments, such as keep-alives, are skipped)."""
    name = data = ""
    while True:
        line = stream.readline().decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data = line.removeprefix("data: ")
        elif line == "" and name:
            return name, data


def test_an_edit_on_disk_reaches_a_listening_client_as_a_server_sent_event(live: tuple[Path, proofs.LiveSession]) -> None:
    project, session = live
    host, port = session.server.httpd.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    connection.request("GET", "/events")
    stream = connection.getresponse()
    assert (stream.status, stream.getheader("Content-Type")) == (200, "text/event-stream")
    assert read_event(stream) == ("version", "1")
    page = fetch(session.url)
    assert "Duurzaam ondernemen: geen hype, maar huiswerk" in page
    assert 'const shown = "1"; const events = new EventSource("/events");' in page
    edit(project / COLUMN, 'huiswerk"', 'huiswerk, ook voor jou"')
    assert read_event(stream) == ("version", "2")
    assert "geen hype, maar huiswerk, ook voor jou" in fetch(session.url)
    (project / COLUMN).write_text("---\ntitle: [\n---\n", encoding="utf-8")
    assert read_event(stream) == ("version", "3")
    broken = fetch(session.url)
    # The error over the last good proof, with the file, the line and the message, in the project's language.
    assert '<div role="alert" lang="nl"' in broken and "Deze versie heeft fouten: je ziet de laatste goede proef." in broken
    assert f"<code>{COLUMN}:2:8</code> invalid YAML" in broken
    assert "geen hype, maar huiswerk, ook voor jou" in broken.split('<div role="alert"')[0]
    assert 'const shown = "3"' in broken  # the errors page reloads the same way
    edit(project / COLUMN, "---\ntitle: [\n---\n", (REPO / COLUMN).read_text(encoding="utf-8"))
    assert read_event(stream) == ("version", "4")
    assert 'role="alert"' not in fetch(session.url)  # the next good save clears it
    connection.close()
    archived = (project / "issues/2026-W48/issue.html").read_text(encoding="utf-8")
    assert "ook voor jou" not in archived  # the live proof never writes the archive


def test_the_browser_reloads_by_itself_when_a_column_is_saved(live: tuple[Path, proofs.LiveSession], browser: object) -> None:
    project, session = live
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(session.url)
    assert "Duurzaam ondernemen: geen hype, maar huiswerk" in page.title()
    # No waiting for the event stream: the page knows its version, so an edit made before it connects still reloads it.
    edit(project / COLUMN, 'huiswerk"', 'huiswerk, herschreven"')
    page.wait_for_function("() => document.title.includes('herschreven')", timeout=10_000)
    assert "geen hype, maar huiswerk, herschreven" in page.title()
    page.close()


def test_each_frame_of_the_proof_sheet_is_as_tall_as_the_email_in_it(sample: Path, browser: object) -> None:
    pipeline.compose(sample, DATE)
    page = browser.new_page()  # type: ignore[attr-defined]
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(proofs.preview(sample).as_uri(), wait_until="load")
    heights = page.evaluate(
        "() => [...document.querySelectorAll('iframe')].map(f => [f.clientHeight, f.contentDocument.documentElement.scrollHeight])"
    )
    page.close()
    assert len(heights) == 2 and all(inner > 3000 and frame == inner for frame, inner in heights), heights


def test_the_live_proof_follows_an_edit_in_a_site_folder_outside_the_project(tmp_path: Path) -> None:
    from .test_sites import init_from

    project, _ = init_from(tmp_path, "jekyll-ieni", "nl")
    post = tmp_path / "jekyll-ieni/_posts/2021-05-03-codeweek-2021.md"
    session = proofs.serve(project, proofs.LiveProof(project, today=dt.date(2021, 5, 10)), port=0)
    try:
        host, port = session.server.httpd.server_address[:2]
        connection = http.client.HTTPConnection(str(host), port, timeout=10)
        connection.request("GET", "/events")
        stream = connection.getresponse()
        assert read_event(stream) == ("version", "1")
        title = re.search(r'^title: "?([^"\n]+)"?$', post.read_text(encoding="utf-8"), re.MULTILINE)
        assert title is not None and title.group(1) in fetch(session.url)
        edit(post, title.group(1), "Codeweek, nu live bewerkt")
        assert read_event(stream) == ("version", "2")
        assert "Codeweek, nu live bewerkt" in fetch(session.url)
        connection.close()
    finally:
        session.stop()
