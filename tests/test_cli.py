"""The command line through typer's CliRunner: exact messages, stdout/stderr split, exit codes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import __version__
from nieuwsbrief.archive import Archive
from nieuwsbrief.cli import app, app_for

from .conftest import SENDING_SETTINGS, ProjectFactory, clean, column

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"nieuwsbrief {__version__}\n")


def test_every_command_help_shows_an_example() -> None:
    commands = sorted(c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands)
    assert {"check", "compose", "init", "issues", "new", "pick"} <= set(commands)
    for command in ["", *commands]:
        result = run(*([command] if command else []), "--help")
        assert result.exit_code == 0
        assert "Example: nieuwsbrief " in result.stdout, command


def test_help_mentions_init_and_shell_completion() -> None:
    result = run("--help")
    assert "nieuwsbrief init mijn-nieuwsbrief" in result.stdout
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_check_passes_on_a_valid_project(make_project: ProjectFactory) -> None:
    root = make_project(clean(), settings=SENDING_SETTINGS)
    result = run("--project", str(root), "check", "--date", "2026-11-23")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "ok: no errors, 0 warnings\n", "")


def test_check_reports_every_problem_with_path_line_column(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/articles/a.md": "---\ntitle: A\ndate: 2026-13-01\ncategory: X\n---\n",
            "content/articles/b.md": "---\ntitle: B\ndate: 2026-11-01\n---\n",
        }
    )
    result = run("--project", str(root), "check")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{root}/content/articles/a.md:3:7: error: '2026-13-01' is not a real date (month must be in 1..12); write it as YYYY-MM-DD, e.g. 2026-11-28\n"
        f"{root}/content/articles/b.md:1:1: error: missing required field 'category'; add 'category: ...' to the front matter\n"
        "nieuwsbrief: 2 problems to fix\n"
    )
    assert "Traceback" not in result.output


def test_check_json_lists_problems(make_project: ProjectFactory) -> None:
    root = make_project(
        {"content/articles/a.md": "---\ntitle: A\ndate: 2026-11-01\ncategory: X\nkleur: rood\n---\n"}, settings=SENDING_SETTINGS
    )
    result = run("check", "--project", str(root), "--json", "--date", "2026-11-23")
    assert result.exit_code == 0
    problems = json.loads(result.stdout)
    assert [(p["path"], p["line"], p["column"], p["severity"], p["message"]) for p in problems] == [
        (f"{root}/content/articles/a.md", 5, 1, "warning", "unknown key 'kleur' is ignored"),
        # What compose's pre-flight check would say of the week's lead, at the line the preheader comes from.
        (f"{root}/content/columns/tweede-column.md", 8, 1, "warning", "the preheader has 20 characters"),
    ]
    assert run("check", "--project", str(root), "--strict").exit_code == 1


def test_settings_problems_carry_key_lines(make_project: ProjectFactory) -> None:
    settings = '[newsletter]\nname = "T"\nbase_url = "http://x.nl"\nfrom = "geen adres"\n\n[selection]\nrelated_count = "drie"\n'
    result = run("--project", str(make_project(settings=settings)), "check")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(str(make_project(settings=settings)) + "/")[-1] for line in lines] == [
        'nieuwsbrief.toml:1:1: error: missing setting newsletter.postal_address; add postal_address = "..." under [newsletter]',
        "nieuwsbrief.toml:3:12: error: newsletter.base_url must be an absolute https:// URL, got 'http://x.nl'; "
        'e.g. "https://www.example.nl"',
        "nieuwsbrief.toml:4:8: error: newsletter.from is not an email address: 'geen adres'; "
        'write it as "Name <address@example.nl>"',
        "nieuwsbrief.toml:7:17: error: selection.related_count must be a whole number, got 'drie'; for example key = 3",
        "nieuwsbrief: 4 problems to fix",
    ]


def test_pick_explain_shows_reasons_and_what_was_left_out(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/concept.md": "---\ntitle: C\ndate: 2026-11-01\ncategory: X\ndraft: true\n---\n"})
    result = run("--project", str(root), "pick", "--date", "2026-11-23", "--explain")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:4] == [
        "issue 2026-W48 (2026-11-23)",
        "  lead       tweede-column  (column, 2026-11-16)",
        "             - newest eligible column (2026-11-16)",
        "  related-1  over-prijzen  (article, 2026-10-05)  score 12.6",
    ]
    assert result.stdout.splitlines()[-2:] == ["  left out:", "    concept: draft"]
    assert not (root / "issues").exists()


def test_compose_json_summary(make_project: ProjectFactory) -> None:
    root = make_project()
    result = run("--project", str(root), "compose", "--date", "2026-11-23", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "2026-W48"
    assert data["lead"]["slug"] == "tweede-column"
    assert [r["slug"] for r in data["related"]] == ["over-prijzen", "over-klanten", "over-marketing"]
    folder = root / "issues" / "2026-W48"
    assert data["files"] == {
        "html": str(folder / "issue.html"),
        "text": str(folder / "issue.txt"),
        "eml": str(folder / "issue.eml"),
        "manifest": str(folder / "manifest.json"),
        "web": str(folder / "index.html"),
        "index": str(root / "issues" / "index.html"),
        "feed": str(root / "issues" / "feed.xml"),
    }
    # The tiny test project makes a short preheader (said at the column's line) and has no mailto: lint warnings on
    # stderr, never on stdout. It sends to no list itself, so no unsubscribe address per reader is asked for (C-37).
    assert all(": warning: " in line for line in result.stderr.splitlines())
    assert [(w["code"], w["path"]) for w in data["warnings"]] == [
        ("C-20", "content/columns/tweede-column.md"),
        ("C-36", "issues/2026-W48/issue.eml"),
    ]


def test_compose_human_output_and_quiet(make_project: ProjectFactory) -> None:
    root = make_project()
    result = run("--project", str(root), "compose", "--date", "2026-11-23")
    assert result.stdout.splitlines() == [
        "composed 2026-W48 (number 1): Tweede column",
        "  lead:    tweede-column",
        "  related-1: over-prijzen",
        "  related-2: over-klanten",
        "  related-3: over-marketing",
        f"  folder:  {root / 'issues' / '2026-W48'}",
    ]
    quiet = run("--project", str(root), "compose", "--date", "2026-11-23", "--quiet")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_nothing_new_exits_3(make_project: ProjectFactory) -> None:
    root = make_project()
    result = run("--project", str(root), "compose", "--date", "2026-10-01", "--json")
    assert result.exit_code == 3
    assert result.stderr == (
        f"{root}/content/columns/eerste-column.md:3:7: note: the column eerste-column is dated 2026-11-02; "
        "it can lead from that day on\n"
        "nieuwsbrief: nothing new to compose: no column published from 2026-09-17 to 2026-10-01 "
        "that is not a draft and was not featured before; the next column, eerste-column, is dated 2026-11-02\n"
    )
    assert json.loads(result.stdout)["exit_code"] == 3


def test_usage_errors_exit_2(make_project: ProjectFactory) -> None:
    root = str(make_project())
    bad_date = run("--project", root, "compose", "--date", "30-11-2026")
    assert (bad_date.exit_code, bad_date.stderr) == (
        2,
        "nieuwsbrief: --date '30-11-2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30\n",
    )
    bad_lead = run("--project", root, "compose", "--date", "2026-11-23", "--lead", "niets")
    assert (bad_lead.exit_code, bad_lead.stderr) == (
        2,
        "nieuwsbrief: --lead niets: no column or article has this slug; a slug is the file name without .md\n",
    )
    assert run("compose", "--no-such-option").exit_code == 2


def test_content_error_exits_1_without_traceback(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/kapot.md": "---\ntitle: Vraag: nu?\ndate: 2026-11-20\n---\n"})
    result = run("--project", str(root), "compose", "--date", "2026-11-23")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{root}/content/columns/kapot.md:2:13: error: invalid YAML: mapping values are not allowed here; "
        'put text that contains ": " in quotes, e.g. title: "Vraag: waarom?"\n'
        "nieuwsbrief: the project has errors; 1 error above\n"
    )
    assert not (root / "issues").exists()


def test_a_column_published_late_in_a_week_already_sent_waits_for_next_week(make_project: ProjectFactory) -> None:
    root = make_project()
    assert run("--project", str(root), "compose", "--date", "2026-11-23").exit_code == 0
    archive = Archive(root)
    archive.update_manifest("2026-W48", replace(archive.select("2026-W48").manifest, status="sent"))
    before = (root / "issues/2026-W48/issue.html").read_bytes()
    again = run("--project", str(root), "compose", "--date", "2026-11-23")
    assert (again.exit_code, again.stdout, again.stderr) == (
        0,
        "already sent this week: 2026-W48 (number 1) went out, and is not composed again\n",
        "",
    )
    # A column published on Wednesday, after the send: a timer that catches up on Thursday is no failure.
    (root / "content/columns/derde-column.md").write_text(column("Derde column", "2026-11-25"), encoding="utf-8")
    late = run("--project", str(root), "compose", "--date", "2026-11-26", "--quiet", "--json")
    assert (late.exit_code, late.stderr) == (0, "")
    summary = json.loads(late.stdout)
    assert (summary["id"], summary["already_sent"], summary["waiting"], summary["lead"]["slug"]) == (
        "2026-W48",
        True,
        "derde-column",
        "tweede-column",
    )
    said = run("--project", str(root), "compose", "--date", "2026-11-26").stdout
    assert said == (
        "already sent this week: 2026-W48 (number 1) went out, and is not composed again; the column derde-column waits "
        "for next week\n"
    )
    assert (root / "issues/2026-W48/issue.html").read_bytes() == before
    # Next week it leads.
    assert json.loads(run("--project", str(root), "compose", "--date", "2026-11-30", "--json").stdout)["lead"]["slug"] == (
        "derde-column"
    )


def test_a_column_dated_before_the_sent_issue_is_named_as_one_that_will_not_lead(make_project: ProjectFactory) -> None:
    root = make_project()
    run("--project", str(root), "compose", "--date", "2026-11-23")
    run("--project", str(root), "resolve", "2026-W48", "--sent", "--via", "mailchimp")
    (root / "content/columns/derde-column.md").write_text(column("Derde column", "2026-11-22"), encoding="utf-8")
    result = run("--project", str(root), "compose", "--date", "2026-11-24")
    assert (result.exit_code, result.stdout) == (
        0,
        "already sent this week: 2026-W48 (number 1) went out, and is not composed again; the column derde-column is "
        "dated 2026-11-22, before this issue, so next week's does not lead with it either: compose --lead derde-column "
        "then, or give it a later date\n",
    )


def test_locked_archive_exits_6(make_project: ProjectFactory) -> None:
    root = make_project()
    with Archive(root).lock():
        result = run("--project", str(root), "compose", "--date", "2026-11-23")
    assert result.exit_code == 6
    assert (
        result.stderr
        == f"nieuwsbrief: another nieuwsbrief run holds the lock on {root}/issues/.lock; try again when it has finished\n"
    )


def test_issues_lists_the_archive(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/derde-column.md": column("Derde column", "2026-11-20")})
    assert run("--project", str(root), "issues").stdout == "no issues yet: run nieuwsbrief compose\n"
    run("--project", str(root), "compose", "--date", "2026-11-16")
    run("--project", str(root), "compose", "--date", "2026-11-23")
    assert run("--project", str(root), "issues").stdout == (
        "2026-W47  2026-11-16  composed  tweede-column\n2026-W48  2026-11-23  composed  derde-column\n"
    )
    listed = json.loads(run("--project", str(root), "issues", "--json").stdout)
    assert [(i["id"], i["lead"]["slug"], i["status"]) for i in listed] == [
        ("2026-W47", "tweede-column", "composed"),
        ("2026-W48", "derde-column", "composed"),
    ]


def test_project_option_after_the_command_and_relative_paths(make_project: ProjectFactory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/articles/a.md": "---\ntitle: A\n---\n"})
    monkeypatch.chdir(root.parent)
    result = run("check", "--project", "site")
    assert result.stderr.splitlines()[0] == (
        "site/content/articles/a.md:1:1: error: missing required field 'category'; add 'category: ...' to the front matter"
    )
    monkeypatch.chdir(root)
    assert run("check").stderr.splitlines()[0].startswith("content/articles/a.md:1:1: error:")


def test_no_module_imports_click() -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "nieuwsbrief"
    offenders = [p.name for p in source.rglob("*.py") if "import click" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_pick_shows_content_warnings_on_stderr_unless_quiet(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/a.md": "---\ntitle: A\ndate: 2026-11-01\ncategory: X\nkleur: rood\n---\n"})
    shown = run("--project", str(root), "pick", "--date", "2026-11-23")
    assert shown.exit_code == 0
    assert shown.stderr.startswith(f"{root}/content/articles/a.md:5:1: warning: unknown key 'kleur' is ignored")
    quiet = run("--project", str(root), "pick", "--date", "2026-11-23", "--quiet")
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_compose_strict_refuses_a_project_with_warnings_and_writes_nothing(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/a.md": "---\ntitle: A\ndate: 2026-11-01\ncategory: X\nkleur: rood\n---\n"})
    result = run("compose", "--project", str(root), "--date", "2026-11-23", "--strict")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{root}/content/articles/a.md:5:1: warning: unknown key 'kleur' is ignored; known keys: author, category, date, draft, "
        "image, image_alt, preheader, reading_time, related, slug, subject, summary, tags, title, type, url\n"
        "nieuwsbrief: the project has 1 warning, and --strict treats warnings as errors\n"
    )
    assert not (root / "issues").exists()
    assert run("compose", "--project", str(root), "--date", "2026-11-23").exit_code == 0  # without --strict: a warning


def test_compose_strict_fails_on_pre_flight_warnings_alone(make_project: ProjectFactory) -> None:
    root = make_project()  # its issue passes the pre-flight checks with warnings (a short preheader, no mailto)
    result = run("compose", "--project", str(root), "--date", "2026-11-23", "--strict")
    assert result.exit_code == 4
    lines = result.stderr.splitlines()
    assert lines[-1] == "nieuwsbrief: issue 2026-W48 failed the pre-flight checks; nothing was written"
    assert lines[:-1] and all(": warning: C-" in line for line in lines[:-1])
    assert not (root / "issues/2026-W48").exists()
    assert run("compose", "--project", str(root), "--date", "2026-11-23").exit_code == 0


# Every command, in the order --help lists them: by who uses them (authoring, the issue, delivery).
COMMANDS = [
    "init",
    "new",
    "publish",
    "templates",
    "check",
    "pick",
    "compose",
    "issues",
    "lint",
    "preview",
    "export",
    "send",
    "resolve",
]


def test_help_lists_the_commands_by_who_uses_them() -> None:
    shown = run("--help").stdout
    groups = [line for line in shown.splitlines() if line.endswith("commands:")]
    assert groups == ["Authoring commands:", "Issue commands:", "Delivery commands:"]
    order = [line.split()[0] for line in shown.split("Authoring commands:")[1].splitlines() if line.startswith("  ")]
    assert order == COMMANDS


@pytest.mark.parametrize(
    "arguments",
    [
        ["compose", "--help"],
        ["--help"],
        ["--help", "compose"],
        ["templates", "eject", "--help"],
        ["--project", "send", "compose", "--help"],
        ["pick", "--bogus"],
        ["compse"],
    ],
)
def test_the_app_of_the_named_commands_answers_as_the_whole_app(arguments: list[str]) -> None:
    lean, whole = CliRunner().invoke(app_for(arguments), arguments), CliRunner().invoke(app, arguments)
    assert (lean.exit_code, lean.stdout, lean.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


def test_only_the_commands_the_arguments_name_are_built() -> None:
    assert [info.name for info in app_for(["--project", "send", "compose"]).registered_commands] == ["send", "compose"]
    assert app_for(["--help", "compose"]) is app and app_for(["--version"]) is app
    assert len(app.registered_commands) > 2  # the whole app is left as it was
