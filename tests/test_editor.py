"""The editor's loop: what check and compose say about the Markdown an editor wrote, at its line; drafts that an
empty week waits for, and `publish`; the first real column after `init` leading, and `pick --explain` saying why."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from typer.testing import CliRunner

from nieuwsbrief.cli import app

from .conftest import SENDING_SETTINGS, ProjectFactory, column

runner = CliRunner()


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--project", str(root), *args])


SUMMARY = 'summary: "Wat een klant echt wil weten, en hoe je dat merkt aan wat hij vraagt."\n'
BODY = (
    "Een column die een lezer verder helpt.\n"
    "\n"
    "Meer weten? Lees het [hier](https://www.example.nl/artikelen/over-prijzen) of bekijk\n"
    '<img src="https://www.example.nl/grafiek.png"> de grafiek.\n'
)


def test_check_and_compose_point_at_the_markdown_line_the_editor_must_change(make_project: ProjectFactory) -> None:
    lead = column("Tweede column", "2026-11-16", "[prijzen]", SUMMARY, body=BODY)
    root = make_project({"content/columns/tweede-column.md": lead}, settings=SENDING_SETTINGS)
    checked = run(root, "check", "--date", "2026-11-23")
    assert (checked.exit_code, checked.stdout) == (1, "")
    path = f"{root}/content/columns/tweede-column.md"
    expected = [
        f"{path}:11:22: error: C-16 link text 'hier' says nothing about where it goes; describe the target, e.g. the article's title",
        f'{path}:12:1: error: C-12 <img> without alt; describe it in alt, or alt="" when it is decorative',
    ]
    assert checked.stderr.splitlines() == [*expected, "nieuwsbrief: 2 problems to fix"]
    composed = run(root, "compose", "--date", "2026-11-23")
    assert composed.exit_code == 4
    lines = composed.stderr.splitlines()
    assert lines[:2] == expected  # the same place, not issues/2026-W48/issue.html
    assert not any(": error: C-16 " in line or ": error: C-12 " in line for line in lines[2:])  # said once
    assert lines[-1] == "nieuwsbrief: issue 2026-W48 failed the pre-flight checks; nothing was written; 2 errors above"
    assert not (root / "issues" / "2026-W48").exists()


def test_two_links_with_the_same_text_in_one_paragraph_are_each_pointed_at(make_project: ProjectFactory) -> None:
    # mincong.io's `([link](https://in.relation.to/…))` and, two lines down, `([link](/en/archive/…))`: compose
    # stopped on both at the first one's line and column, so the second was never shown where it is
    body = "Een alinea met een bron\n([link](https://www.example.nl/a))\nen nog een\nbron ([link](https://www.example.nl/b)).\n"
    lead = column("Tweede column", "2026-11-16", "[prijzen]", SUMMARY, body=body)
    root = make_project({"content/columns/tweede-column.md": lead}, settings=SENDING_SETTINGS)
    checked = run(root, "check", "--date", "2026-11-23")
    path = f"{root}/content/columns/tweede-column.md"
    message = "error: C-16 link text 'link' says nothing about where it goes; describe the target, e.g. the article's title"
    assert checked.stderr.splitlines() == [f"{path}:10:2: {message}", f"{path}:12:7: {message}", "nieuwsbrief: 2 problems to fix"]


def test_check_warns_about_a_column_still_to_come_and_the_subject_and_preheader_of_the_lead(
    make_project: ProjectFactory,
) -> None:
    long_subject = 'subject: "Een onderwerpregel die veel te lang is om in een inbox helemaal te passen"\n'
    concept = column("Concept", "2026-11-20", extra="draft: true\n", body="Lees [meer](https://www.kvk.nl/).")
    root = make_project(
        {
            "content/columns/tweede-column.md": column("Tweede column", "2026-11-16", "[prijzen]", long_subject),
            "content/columns/concept.md": concept,
        },
        settings=SENDING_SETTINGS,
    )
    checked = run(root, "check", "--date", "2026-11-23")
    assert (checked.exit_code, checked.stdout) == (0, "ok: no errors, 4 warnings\n")
    assert checked.stderr.splitlines() == [
        f"{root}/content/columns/concept.md:9:1: warning: C-20 the preheader has 10 characters; aim for 40 to 130 (set preheader: in the lead)",
        f"{root}/content/columns/concept.md:9:6: warning: C-16 link text 'meer' says nothing about where it goes; describe the target, e.g. the article's title; compose refuses it once this column leads",
        f"{root}/content/columns/tweede-column.md:7:10: warning: C-39 the subject has 73 characters; keep it under about 60 (set subject: in the lead)",
        f"{root}/content/columns/tweede-column.md:9:1: warning: C-20 the preheader has 20 characters; aim for 40 to 130 (set preheader: in the lead)",
    ]


def test_an_empty_week_names_the_drafts_that_would_qualify_and_publish_ends_a_draft(make_project: ProjectFactory) -> None:
    draft = column("Bijna klaar", "2026-11-20", extra="draft: true  # remove this line when it is ready\n")
    root = make_project({"content/columns/bijna-klaar.md": draft})
    (root / "content/columns/eerste-column.md").unlink()
    (root / "content/columns/tweede-column.md").unlink()
    empty = run(root, "compose", "--date", "2026-11-23")
    assert (empty.exit_code, empty.stdout) == (3, "")
    assert empty.stderr == (
        f"{root}/content/columns/bijna-klaar.md:7:8: note: the draft column bijna-klaar (2026-11-20) would qualify; "
        "publish it with: nieuwsbrief publish bijna-klaar\n"
        "nieuwsbrief: nothing new to compose: no column published from 2026-11-09 to 2026-11-23 that is not a draft and "
        "was not featured before; 1 draft column would qualify once published\n"
    )
    before = (root / "content/columns/bijna-klaar.md").read_text(encoding="utf-8")
    (root / "content/columns/bijna-klaar.md").chmod(0o664)
    published = run(root, "publish", "bijna-klaar")
    assert (published.exit_code, published.stdout) == (
        0,
        f"published {root}/content/columns/bijna-klaar.md: it is no longer a draft\n",
    )
    after = (root / "content/columns/bijna-klaar.md").read_text(encoding="utf-8")
    assert after == before.replace("draft: true  # remove this line when it is ready\n", "")
    assert (root / "content/columns/bijna-klaar.md").stat().st_mode & 0o777 == 0o664
    again = run(root, "publish", "bijna-klaar")
    assert (again.exit_code, again.stderr) == (
        2,
        "nieuwsbrief: content/columns/bijna-klaar.md is not a draft: it goes out from its date on (2026-11-20)\n",
    )
    unknown = run(root, "publish", "bestaat-niet")
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        "nieuwsbrief: no column or article has the slug 'bestaat-niet'; a slug is the file name without .md\n",
    )
    assert run(root, "compose", "--date", "2026-11-23").exit_code == 0


def test_publish_edits_a_linked_file_where_it_lives(make_project: ProjectFactory) -> None:
    root = make_project()
    (root / "content/gedeeld").mkdir()
    (root / "content/gedeeld/gast.md").write_text(column("Gast", "2026-11-20", extra="draft: true\n"), encoding="utf-8")
    (root / "content/columns/gast.md").symlink_to(root / "content/gedeeld/gast.md")
    assert run(root, "publish", "gast").exit_code == 0
    assert (root / "content/columns/gast.md").is_symlink()
    assert "draft:" not in (root / "content/gedeeld/gast.md").read_text(encoding="utf-8")


def test_a_draft_written_as_yaml_publish_cannot_edit_is_left_to_the_editor(make_project: ProjectFactory) -> None:
    root = make_project(
        {"content/articles/lijst.md": "---\n{title: Lijst, date: 2026-11-01, category: X, draft: true}\n---\nTekst.\n"}
    )
    result = run(root, "publish", "lijst")
    assert (result.exit_code, result.stderr) == (
        2,
        "nieuwsbrief: content/articles/lijst.md: cannot find its line draft: true; remove it from the front matter by hand\n",
    )


def test_after_init_the_editors_first_column_leads_and_explain_says_why_the_sample_did_not(
    tmp_path: Path, today: dt.date
) -> None:
    assert runner.invoke(app, ["init", str(tmp_path / "site")]).exit_code == 0
    root = tmp_path / "site"
    new = run(root, "new", "column", "Mijn eerste column", "--date", today.isoformat())
    assert new.exit_code == 0, new.output
    path = root / "content/columns/mijn-eerste-column.md"
    path.write_text(path.read_text(encoding="utf-8") + "Mijn eigen tekst, eindelijk.\n", encoding="utf-8")
    assert run(root, "publish", "mijn-eerste-column").exit_code == 0
    sample = root / "content/columns/welkom-bij-je-eerste-nummer.md"
    # The sample is dated before the first real week (the Sunday before init's week), so mine is newer; and even a
    # sample written on the very same day loses to the column saved after it, not to the alphabet.
    sample.write_text(
        sample.read_text(encoding="utf-8").replace("\ndate: ", f"\ndate: {today.isoformat()}\nold: "), encoding="utf-8"
    )
    os.utime(sample, (1_700_000_000, 1_700_000_000))
    picked = run(root, "pick", "--date", today.isoformat(), "--explain")
    assert picked.exit_code == 0, picked.output
    lines = picked.stdout.splitlines()
    assert lines[1] == f"  lead       mijn-eerste-column  (column, {today.isoformat()})"
    assert lines[lines.index("  columns that did not lead:") :] == [
        "  columns that did not lead:",
        "    welkom-bij-je-eerste-nummer: a tie on the date and time: its file was saved before the lead's",
        "  left out:",  # the sample's article, which the sample column names for itself
        "    een-goede-onderwerpregel-schrijven: kept for the column welkom-bij-je-eerste-nummer (in its related: list)",
    ]
