"""`nieuwsbrief templates eject [NAME]`: the packaged templates copied into the project, never over a file there."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.eject import chosen, eject_templates, packaged_names
from nieuwsbrief.errors import StorageError, UsageError
from nieuwsbrief.templating import packaged_templates

from .conftest import REPO, ProjectFactory

runner = CliRunner()
DAY = dt.date(2026, 11, 23)


def test_eject_copies_every_packaged_template_and_the_issue_stays_the_same_bytes(make_project: ProjectFactory) -> None:
    root = make_project()
    before = pipeline.compose(root, DAY).rendered
    ejected = eject_templates(root)
    assert ejected.copied == tuple(packaged_names()) and ejected.kept == ()
    for name in packaged_names():
        assert (root / "templates" / name).read_bytes() == (packaged_templates() / name).read_bytes()
    after = pipeline.compose(root, DAY).rendered
    assert (after.html, after.text, after.web_html) == (before.html, before.text, before.web_html)


def test_an_ejected_partial_is_the_one_the_issue_uses(make_project: ProjectFactory) -> None:
    root = make_project()
    assert eject_templates(root, "footer").copied == ("partials/footer.html.j2",)
    footer = root / "templates" / "partials" / "footer.html.j2"
    footer.write_text(footer.read_text(encoding="utf-8").replace("{{ footer.why }}", "Eigen voettekst."), encoding="utf-8")
    assert '<p style="margin: 0 0 12px 0;">Eigen voettekst.</p>' in pipeline.compose(root, DAY).rendered.html


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("footer", ["partials/footer.html.j2"]),
        ("footer.html", ["partials/footer.html.j2"]),
        ("partials/footer.html.j2", ["partials/footer.html.j2"]),
        ("issue.txt", ["issue.txt.j2"]),
        ("archive", ["archive/feed.xml.j2", "archive/index.html.j2"]),
        ("archive/index", ["archive/index.html.j2"]),
    ],
)
def test_a_template_is_named_as_a_person_would_name_it(name: str, expected: list[str]) -> None:
    assert chosen(name) == expected


def test_eject_never_overwrites_a_file_that_is_there(make_project: ProjectFactory) -> None:
    root = make_project()
    mine = root / "templates" / "partials" / "footer.html.j2"
    mine.parent.mkdir(parents=True)
    mine.write_text("mijn voettekst", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        eject_templates(root, "footer")
    assert refused.value.message == (
        "templates/partials/footer.html.j2 already exists; eject never overwrites a template "
        "(rename it to eject the packaged one)"
    )
    ejected = eject_templates(root)  # all: the rest copied, yours kept
    assert ejected.kept == ("partials/footer.html.j2",) and "partials/author.html.j2" in ejected.copied
    assert mine.read_text(encoding="utf-8") == "mijn voettekst"
    assert eject_templates(root).copied == ()  # again: nothing left to copy, nothing changed


def test_eject_never_writes_through_a_link(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project()
    outside = tmp_path / "elders"
    outside.mkdir()
    (root / "templates").mkdir()
    os.symlink(outside / "footer.html.j2", root / "templates" / "issue.html.j2")  # a dangling link in a file's place
    assert eject_templates(root, "issue.txt").copied == ("issue.txt.j2",)
    with pytest.raises(UsageError):
        eject_templates(root, "issue.html")
    assert not (outside / "footer.html.j2").exists()
    os.symlink(outside, root / "templates" / "partials")  # a link in the folder's place
    with pytest.raises(StorageError) as refused:
        eject_templates(root, "footer")
    assert refused.value.problems[0].render().startswith("templates/partials: error: cannot write the template:")
    assert list(outside.iterdir()) == []


def test_eject_refuses_an_unknown_name_and_a_folder_that_is_no_project(make_project: ProjectFactory, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as unknown:
        eject_templates(make_project(), "voettekst")
    assert unknown.value.message.startswith("no packaged template 'voettekst'; there are: archive/feed.xml.j2, ")
    with pytest.raises(UsageError) as elsewhere:
        eject_templates(tmp_path)
    assert elsewhere.value.message == f"no nieuwsbrief.toml in {tmp_path}: run it in a nieuwsbrief project, or pass --project DIR"


def test_the_command_says_what_it_copied_and_kept(make_project: ProjectFactory) -> None:
    root = make_project()
    first = runner.invoke(app, ["--project", str(root), "templates", "eject", "footer"])
    assert (first.exit_code, first.stdout) == (0, f"copied {root}/templates/partials/footer.html.j2\n")
    again = runner.invoke(app, ["--project", str(root), "templates", "eject", "footer"])
    assert again.exit_code == 2 and "eject never overwrites a template" in again.stderr
    everything = runner.invoke(app, ["--project", str(root), "templates", "eject", "--json"])
    result = json.loads(everything.stdout)
    assert (everything.exit_code, result["ok"], result["kept"]) == (0, True, ["partials/footer.html.j2"])
    assert len(result["copied"]) == len(packaged_names()) - 1


def test_the_docs_list_each_template_and_what_it_renders() -> None:
    check = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "docs/templates.md"], cwd=REPO, capture_output=True, text=True
    )
    assert check.returncode == 0, f"docs/templates.md is out of date: run `cog -r docs/templates.md`\n{check.stdout}"
    page = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in page for name in packaged_names())
