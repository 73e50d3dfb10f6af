"""The archive: atomic issue folders, the lock, never featuring twice, never rewriting a sent issue."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from nieuwsbrief import archive as archive_module
from nieuwsbrief import pipeline
from nieuwsbrief.archive import Archive, validate_issue_id
from nieuwsbrief.errors import ArchiveError, NothingNewError, ProjectError, RefusedError, StorageError, UsageError

from .conftest import ProjectFactory, column

WEEK_47 = dt.date(2026, 11, 16)
WEEK_48 = dt.date(2026, 11, 23)


def test_compose_writes_the_issue_folder_with_a_manifest(make_project: ProjectFactory) -> None:
    root = make_project()
    result = pipeline.compose(root, WEEK_48)
    folder = root / "issues" / "2026-W48"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "issue.eml", "issue.html", "issue.txt", "manifest.json"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["id"] == "2026-W48"
    assert manifest["status"] == "composed"
    assert manifest["lead"]["slug"] == "tweede-column"
    assert [r["slug"] for r in manifest["related"]] == ["over-prijzen", "over-klanten", "over-marketing"]
    assert manifest["outputs"].keys() == {"index.html", "issue.eml", "issue.html", "issue.txt"}
    assert manifest["deliveries"] == []
    assert result.files["manifest"] == folder / "manifest.json"
    assert sorted(p.name for p in (root / "issues").iterdir()) == [".lock", "2026-W48", "feed.xml", "index.html"]


def test_the_next_week_features_none_of_the_same_pieces(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/derde-column.md": column("Derde column", "2026-11-20")})
    first = pipeline.compose(root, WEEK_47)
    second = pipeline.compose(root, WEEK_48)
    first_slugs = {piece.slug for piece in (first.manifest.lead, *first.manifest.related)}
    second_slugs = {piece.slug for piece in (second.manifest.lead, *second.manifest.related)}
    assert first_slugs.isdisjoint(second_slugs)
    assert (second.manifest.number, second.manifest.lead.slug) == (2, "derde-column")
    # Nothing new since then: the older column that never led (eerste-column) is not sent backwards.
    with pytest.raises(NothingNewError):
        pipeline.compose(root, dt.date(2026, 11, 30))


def test_recomposing_an_unsent_issue_replaces_it(make_project: ProjectFactory) -> None:
    root = make_project()
    pipeline.compose(root, WEEK_48)
    column = root / "content/columns/tweede-column.md"
    column.write_text(column.read_text(encoding="utf-8").replace("Tekst van de column.", "Nieuwe tekst."), encoding="utf-8")
    result = pipeline.compose(root, WEEK_48)
    assert "Nieuwe tekst." in (result.folder / "issue.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in (root / "issues").iterdir()) == [".lock", "2026-W48", "feed.xml", "index.html"]


def test_a_sent_issue_is_never_rewritten_without_force(make_project: ProjectFactory) -> None:
    root = make_project()
    result = pipeline.compose(root, WEEK_48)
    Archive(root).update_manifest("2026-W48", replace(result.manifest, status="sent"))
    before = (result.folder / "issue.html").read_bytes()
    column = root / "content/columns/tweede-column.md"
    column.write_text(column.read_text(encoding="utf-8").replace("column.", "column.\n\nEen tweede alinea."), encoding="utf-8")
    # The week is done: composing it again composes nothing and is no failure; the issue stays as it went out.
    again = pipeline.compose(root, WEEK_48)
    assert (again.rendered, again.unchanged, again.manifest) == (None, "was sent", Archive(root).select("2026-W48").manifest)
    assert (result.folder / "issue.html").read_bytes() == before
    assert pipeline.compose(root, WEEK_48, force=True).manifest.status == "composed"


def test_a_second_writer_is_refused_while_the_lock_is_held(make_project: ProjectFactory) -> None:
    root = make_project()
    with Archive(root).lock(), pytest.raises(RefusedError) as caught:
        pipeline.compose(root, WEEK_48)
    assert caught.value.message.startswith("another nieuwsbrief run holds the lock on ")
    assert not (root / "issues" / "2026-W48").exists()


def test_a_failed_write_leaves_the_old_issue_whole(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project()
    old = pipeline.compose(root, WEEK_48)
    old_bytes = {p.name: p.read_bytes() for p in old.folder.iterdir()}
    calls = []

    def crash_on_third(path: Path, data: bytes, mode: int) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        path.write_bytes(data)

    monkeypatch.setattr(archive_module, "write_synced", crash_on_third)
    (root / "content/articles/over-klanten.md").unlink()
    with pytest.raises(StorageError) as caught:
        pipeline.compose(root, WEEK_48)
    assert [p.render() for p in caught.value.problems] == [
        "issues/2026-W48: error: cannot write the issue: No space left on device; the disk is full: free some space, then run again"
    ]
    assert {p.name: p.read_bytes() for p in old.folder.iterdir()} == old_bytes
    # The failed run removed its temporary folder itself: nothing half-written is left for the next run.
    assert sorted(p.name for p in (root / "issues").iterdir()) == [".lock", "2026-W48", "feed.xml", "index.html"]
    monkeypatch.undo()
    pipeline.compose(root, WEEK_48)


def test_nothing_is_written_when_the_content_has_errors(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/kapot.md": "---\ntitle: [\n---\n"})
    with pytest.raises(ProjectError):
        pipeline.compose(root, WEEK_48)
    assert not (root / "issues").exists()


@pytest.mark.parametrize("bad", ["../etc", "..", "a/b", "", ".verborgen", "x" * 70])
def test_issue_ids_cannot_escape_the_archive(bad: str) -> None:
    with pytest.raises(UsageError):
        validate_issue_id(bad)


def test_a_manifest_that_is_not_json_is_reported(make_project: ProjectFactory) -> None:
    root = make_project()
    pipeline.compose(root, WEEK_48)
    (root / "issues/2026-W48/manifest.json").write_text("{kapot", encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        pipeline.list_issues(root)
    assert [p.render() for p in caught.value.problems] == [
        "issues/2026-W48/manifest.json:1:2: error: unreadable manifest: Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1); restore it from version control",
    ]
